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

use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::contributions::{self as rules, ContributionStatus};
use crate::domain::ids::ContributionId;
use crate::domain::permissions::Actor;
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

/// `contribution` as `viewer` may see it, and whether its content is shown: whole, or its
/// tombstone when `rules::may_read_content` says the content is not theirs to read.
pub(crate) fn as_seen_by(viewer: &Actor, contribution: Contribution) -> (Contribution, bool) {
    if rules::may_read_content(viewer, contribution.status(), contribution.author_id) {
        (contribution, true)
    } else {
        (contribution.tombstone(), false)
    }
}

/// A public contribution whose content `person` may read, with its process. A hidden one is
/// not found for anyone else: its receipt and files answer as if they did not exist.
fn readable_by_reference(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    reference_slug: &str,
) -> Result<(Process, Contribution)> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let contribution = public_by_reference(conn, &process, reference_slug)?;
    match as_seen_by(&actor, contribution) {
        (contribution, true) => Ok((process, contribution)),
        (_, false) => Err(Error::NotFound),
    }
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
