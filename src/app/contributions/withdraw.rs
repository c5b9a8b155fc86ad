//! Taking a contribution back: its author may, while its state allows. Nothing is deleted; a
//! withdrawn contribution stays readable, marked as such.

use super::Done;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::contributions::{self as rules, ContributionEvent, next_status};
use crate::paths;
use crate::store::audit::{self, Entry};
use crate::store::processes;
use crate::store::{campaigns, contributions};

pub fn withdraw(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    reference_slug: &str,
) -> Result<Done> {
    // Read and written under one write lock, so the state checked is the state changed.
    app::transaction(conn, |conn| {
        let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
        let reference = rules::reference_from_slug(reference_slug);
        let contribution = contributions::contribution_by_reference(conn, process.id, &reference)?
            .ok_or(Error::NotFound)?;
        if contribution.author_id != person.account_id {
            return Err(Error::Forbidden);
        }
        if next_status(contribution.status(), ContributionEvent::Withdraw).is_none() {
            return Err(Error::BadRequest("this contribution cannot be withdrawn"));
        }
        contributions::mark_withdrawn(conn, contribution.id)?;
        campaigns::left(conn, contribution.id)?;
        audit::record(
            conn,
            Entry {
                actor_id: Some(person.account_id),
                process_id: Some(process.id),
                action: "contribution.withdraw",
                subject: format!("contribution:{reference}"),
                detail: serde_json::json!({ "contribution_id": contribution.id }),
            },
        )?;
        Ok(Done {
            location: format!(
                "{}?notice=withdrawn",
                paths::contribution(&process.slug, &reference)
            ),
        })
    })
}
