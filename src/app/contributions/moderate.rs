//! Hiding a contribution with a public reason (moderators and the secretariat), and showing
//! it again with a reason (moderators). Nothing is deleted: a hidden contribution leaves a
//! tombstone with the reason, and its text and files are no longer served, its words no
//! longer found and its copy no longer counted in its campaign; shown again, all of that is
//! as it was. Its author is told of both, with the reason, in the same transaction.

use super::Done;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::contributions::{self as rules, ContributionEvent, next_status};
use crate::domain::notifications::NotificationKind;
use crate::domain::permissions::{Action, Actor};
use crate::domain::validation;
use crate::paths;
use crate::store::audit::{self, Entry};
use crate::store::contributions::Contribution;
use crate::store::notifications::{self, Subject};
use crate::store::processes::Process;
use crate::store::{campaigns, contributions};

/// The reason is public: 5 to 1,000 characters.
fn public_reason(raw: &str) -> Result<String> {
    validation::description(raw, 1_000)
        .ok()
        .filter(|r| r.chars().count() >= 5)
        .ok_or(Error::BadRequest(
            "a public reason of 5 to 1,000 characters is needed",
        ))
}

pub fn hide(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    reference_slug: &str,
    reason: &str,
) -> Result<Done> {
    let reason = public_reason(reason)?;
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        app::require(&actor, Action::HideSubmission)?;
        let reference = rules::reference_from_slug(reference_slug);
        let contribution = contributions::contribution_by_reference(conn, process.id, &reference)?
            .ok_or(Error::NotFound)?;
        if next_status(contribution.status(), ContributionEvent::Hide).is_none() {
            return Err(Error::BadRequest("this contribution cannot be hidden"));
        }
        contributions::mark_hidden(conn, contribution.id, person.account_id, &reason)?;
        campaigns::left(conn, contribution.id)?;
        let kind = NotificationKind::ContributionHidden;
        told(conn, &process, &contribution, person, kind, &reason)?;
        audit::record(
            conn,
            Entry {
                actor_id: Some(person.account_id),
                process_id: Some(process.id),
                action: "contribution.hide",
                subject: format!("contribution:{reference}"),
                detail: serde_json::json!({
                    "contribution_id": contribution.id,
                    "reason": reason,
                }),
            },
        )?;
        Ok(Done {
            location: format!(
                "{}?notice=hidden",
                paths::contribution(&process.slug, &reference)
            ),
        })
    })
}

/// A moderator makes a hidden contribution public again, for a reason its author is told
/// and the audit log keeps: it is listed, found by its words and counted in its campaign
/// exactly as before it was hidden.
pub fn unhide(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    reference_slug: &str,
    reason: &str,
) -> Result<Done> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        app::require(&actor, Action::UnhideSubmission)?;
        let contribution = hidden_contribution(conn, &process, &actor, reference_slug)?;
        // Said beside the field, with what was typed kept.
        let reason = public_reason(reason)
            .map_err(|_| Error::invalid("reason", "contribution-error-unhide-reason"))?;
        contributions::mark_shown(conn, contribution.id)?;
        campaigns::returned(conn, contribution.id)?;
        let kind = NotificationKind::ContributionShown;
        told(conn, &process, &contribution, person, kind, &reason)?;
        let reference = contribution.reference.clone().unwrap_or_default();
        audit::record(
            conn,
            Entry {
                actor_id: Some(person.account_id),
                process_id: Some(process.id),
                action: "contribution.unhide",
                subject: format!("contribution:{reference}"),
                detail: serde_json::json!({
                    "contribution_id": contribution.id,
                    "reason": reason,
                    "hidden_reason": contribution.hidden_reason,
                }),
            },
        )?;
        Ok(Done {
            location: format!(
                "{}?notice=unhidden",
                paths::contribution(&process.slug, &reference)
            ),
        })
    })
}

/// The hidden contribution a moderator's URL names; any other is not one to show again.
fn hidden_contribution(
    conn: &mut DbConnection,
    process: &Process,
    actor: &Actor,
    reference_slug: &str,
) -> Result<Contribution> {
    let reference = rules::reference_from_slug(reference_slug);
    let contribution = contributions::contribution_by_reference(conn, process.id, &reference)?
        .ok_or(Error::NotFound)?;
    if !rules::may_read_content(actor, contribution.status(), contribution.author_id) {
        return Err(Error::NotFound);
    }
    if next_status(contribution.status(), ContributionEvent::Unhide).is_none() {
        return Err(Error::BadRequest("this contribution is not hidden"));
    }
    Ok(contribution)
}

/// Tells the contribution's author what a moderator did to it, and why.
fn told(
    conn: &mut DbConnection,
    process: &Process,
    contribution: &Contribution,
    person: Person,
    kind: NotificationKind,
    reason: &str,
) -> Result<()> {
    let author = contribution.author_id;
    let recipients = [(author, notifications::delivery_of(conn, author)?)];
    let subject = Subject::Contribution {
        id: contribution.id,
        reason,
    };
    let (actor, process_id) = (person.account_id, process.id);
    app::notifications::tell(conn, &recipients, actor, process_id, subject, kind)
}
