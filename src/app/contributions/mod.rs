//! Written contributions: writing one (drafts saved by button or every few seconds, files,
//! submission with its receipt), taking one back, hiding one, and the reads their pages need.
//!
//! Owns every transaction and query of the area. Must not know HTTP: no actix, no templates,
//! no status codes; the only paths it knows are where the person is sent after a write.

pub mod draft;
pub mod files;
pub mod form;
pub mod input;
pub mod moderate;
pub mod pages;
pub mod save;
pub mod submit;
pub mod withdraw;

use crate::app::{Error, Result};
use crate::db::DbConnection;
use crate::domain::contributions::{self as rules, ContributionStatus};
use crate::domain::ids::ContributionId;
use crate::domain::phases::PhaseKind;
use crate::paths;
use crate::store::contributions::{self, Contribution};
use crate::store::processes::Process;
use crate::store::windows::{SubmissionWindow, submission_window};

/// Where the person goes after a change to one contribution.
#[derive(Debug, Clone)]
pub struct Done {
    pub location: String,
}

/// A contribution of `account_id` in `process`: anyone else's is refused, whatever the URL.
/// Someone else's draft is not found, as if it did not exist: its number tells nothing.
fn own_contribution(
    conn: &mut DbConnection,
    process: &Process,
    id: ContributionId,
    account_id: i64,
) -> Result<Contribution> {
    let contribution = contributions::contribution_by_id(conn, id)?
        .filter(|c| c.process_id == process.id)
        .ok_or(Error::NotFound)?;
    if contribution.author_id != account_id {
        return Err(if contribution.status() == ContributionStatus::Draft {
            Error::NotFound
        } else {
            Error::Forbidden
        });
    }
    Ok(contribution)
}

/// A public contribution by the reference slug of its URL; drafts have no reference, so they
/// are never found here.
fn public_by_reference(
    conn: &mut DbConnection,
    process: &Process,
    reference_slug: &str,
) -> Result<Contribution> {
    let reference = rules::reference_from_slug(reference_slug);
    contributions::contribution_by_reference(conn, process.id, &reference)?
        .filter(|c| c.status().is_public())
        .ok_or(Error::NotFound)
}

/// Where a contribution that is no longer a draft is read.
fn public_path(process: &Process, contribution: &Contribution) -> String {
    match &contribution.reference {
        Some(reference) => paths::contribution(&process.slug, reference),
        None => paths::contributions(&process.slug),
    }
}

/// Whether `account_id` may submit in the consultation now, and if not, why.
fn consultation_window(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
) -> Result<SubmissionWindow> {
    Ok(submission_window(
        conn,
        process_id,
        account_id,
        PhaseKind::Consultation,
        crate::store::now(),
    )?)
}
