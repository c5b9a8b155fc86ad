//! The attached files themselves: those of a public contribution for anyone (of a hidden
//! one, for those who may read it), those of a draft for its author only.

use super::readable_by_reference;
use crate::app::{Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::ids::ContributionId;
use crate::store::processes;
use crate::store::{attachments, contributions};

/// A file's name and bytes.
#[derive(Debug, Clone)]
pub struct Download {
    pub file_name: String,
    pub content: Vec<u8>,
}

fn download(
    conn: &mut DbConnection,
    contribution_id: ContributionId,
    link_id: i64,
) -> Result<Download> {
    let (file_name, content) =
        attachments::file_content(conn, contribution_id, link_id)?.ok_or(Error::NotFound)?;
    Ok(Download { file_name, content })
}

/// A file of a public contribution; of a hidden one, only for those who may read it.
pub fn attached_file(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    reference_slug: &str,
    link_id: i64,
) -> Result<Download> {
    let (_, contribution) = readable_by_reference(conn, person, slug, reference_slug)?;
    download(conn, contribution.id, link_id)
}

/// A file of one's own draft (or of one's contribution, by its draft number). Anyone
/// else's is not found.
pub fn draft_file(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    id: ContributionId,
    link_id: i64,
) -> Result<Download> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    let contribution = contributions::contribution_by_id(conn, id)?
        .filter(|c| c.process_id == process.id && c.author_id == person.account_id)
        .ok_or(Error::NotFound)?;
    download(conn, contribution.id, link_id)
}
