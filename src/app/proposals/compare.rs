//! Two versions of a public proposal, to compare word by word.

use super::public_proposal;
use crate::app::{Error, Result};
use crate::db::DbConnection;
use crate::domain::proposals::text::ProposalText;
use crate::store::processes::{self, Process};
use crate::store::proposals::ProposalHeader;
use crate::store::proposals::versions::{self, VersionHeader};

pub struct Comparison {
    pub process: Process,
    /// The process's structure, for its title in the reader's language.
    pub structure: crate::store::processes::Structure,
    pub header: ProposalHeader,
    pub history: Vec<VersionHeader>,
    pub from: i32,
    pub to: i32,
    pub old: ProposalText,
    pub new: ProposalText,
}

/// Versions `from` and `to` as the query names them: `to` is the current one by default,
/// `from` the one before it. A number that names no version is `NotFound`.
pub fn comparison(
    conn: &mut DbConnection,
    slug: &str,
    reference_in_url: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Comparison> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    let header = public_proposal(conn, process.id, reference_in_url)?;
    let history = versions::version_history(conn, header.proposal.id)?;
    let to = version_number(to, header.proposal.current_version, &history)?;
    let from = version_number(from, (to - 1).max(1), &history)?;
    let versions = versions::versions(conn, header.proposal.id, &[from, to])?;
    let text_of = |n: i32| -> Result<ProposalText> {
        versions
            .iter()
            .find(|v| v.number == n)
            .map(|v| v.text.clone().into())
            .ok_or(Error::NotFound)
    };
    let (old, new) = (text_of(from)?, text_of(to)?);
    let structure = crate::app::outline::structure(conn, &process)?;
    Ok(Comparison {
        process,
        structure,
        header,
        history,
        from,
        to,
        old,
        new,
    })
}

/// A version number from the query: absent is the default, anything else must be one of
/// the proposal's versions.
fn version_number(raw: Option<&str>, default: i32, history: &[VersionHeader]) -> Result<i32> {
    let number = match raw.map(str::trim) {
        None | Some("") => default,
        Some(raw) => raw.parse::<i32>().map_err(|_| Error::NotFound)?,
    };
    if history.iter().any(|v| v.number == number) {
        Ok(number)
    } else {
        Err(Error::NotFound)
    }
}
