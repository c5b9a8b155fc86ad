//! Files attached to contributions. The bytes are stored once per content (by SHA-256),
//! whoever attaches them; a contribution links to them under the name it gave.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{attachments, contribution_attachments};
use crate::domain::ids::ContributionId;

/// An attached file, without its bytes.
#[derive(Debug, Clone, Queryable)]
pub struct AttachedFile {
    pub link_id: i64,
    pub contribution_id: ContributionId,
    pub file_name: String,
    pub size: i64,
    pub sha256: String,
    pub attached_at: NaiveDateTime,
}

/// Stores `content` unless the same bytes are stored already; returns the stored file's id.
pub fn store_content(conn: &mut DbConnection, sha256: &str, content: &[u8]) -> QueryResult<i64> {
    let existing: Option<i64> = attachments::table
        .filter(attachments::sha256.eq(sha256))
        .select(attachments::id)
        .first(conn)
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    diesel::insert_into(attachments::table)
        .values((
            attachments::sha256.eq(sha256),
            attachments::content.eq(content),
            attachments::size.eq(content.len() as i64),
            attachments::created_at.eq(super::now()),
        ))
        .returning(attachments::id)
        .get_result(conn)
}

pub fn attach(
    conn: &mut DbConnection,
    contribution_id: ContributionId,
    attachment_id: i64,
    file_name: &str,
) -> QueryResult<()> {
    diesel::insert_into(contribution_attachments::table)
        .values((
            contribution_attachments::contribution_id.eq(contribution_id),
            contribution_attachments::attachment_id.eq(attachment_id),
            contribution_attachments::file_name.eq(file_name),
            contribution_attachments::created_at.eq(super::now()),
        ))
        .execute(conn)
        .map(drop)
}

/// The files of some contributions, in the order attached: one query.
pub fn files_of(
    conn: &mut DbConnection,
    contribution_ids: &[ContributionId],
) -> QueryResult<Vec<AttachedFile>> {
    if contribution_ids.is_empty() {
        return Ok(Vec::new());
    }
    contribution_attachments::table
        .inner_join(attachments::table)
        .filter(contribution_attachments::contribution_id.eq_any(contribution_ids))
        .order(contribution_attachments::id)
        .select((
            contribution_attachments::id,
            contribution_attachments::contribution_id,
            contribution_attachments::file_name,
            attachments::size,
            attachments::sha256,
            contribution_attachments::created_at,
        ))
        .load(conn)
}

/// The name and bytes of one file of a contribution.
pub fn file_content(
    conn: &mut DbConnection,
    contribution_id: ContributionId,
    link_id: i64,
) -> QueryResult<Option<(String, Vec<u8>)>> {
    contribution_attachments::table
        .inner_join(attachments::table)
        .filter(contribution_attachments::id.eq(link_id))
        .filter(contribution_attachments::contribution_id.eq(contribution_id))
        .select((contribution_attachments::file_name, attachments::content))
        .first(conn)
        .optional()
}

/// Detaches a file from a draft (the bytes stay for any other contribution that has them).
pub fn detach(
    conn: &mut DbConnection,
    contribution_id: ContributionId,
    link_id: i64,
) -> QueryResult<usize> {
    diesel::delete(
        contribution_attachments::table
            .filter(contribution_attachments::id.eq(link_id))
            .filter(contribution_attachments::contribution_id.eq(contribution_id)),
    )
    .execute(conn)
}
