//! Hiding a contribution with a public reason (moderators and the secretariat). Nothing is
//! deleted: a hidden contribution leaves a tombstone with the reason, and its text and files
//! are no longer served.

use super::Done;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::contributions::{self as rules, ContributionEvent, next_status};
use crate::domain::permissions::Action;
use crate::domain::validation;
use crate::paths;
use crate::store::audit::{self, Entry};
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
