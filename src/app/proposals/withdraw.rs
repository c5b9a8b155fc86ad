//! Its author withdraws a proposal that awaits a decision.

use super::{Done, public_proposal, record, require_author};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::proposals::Transition;
use crate::store as st;
use crate::store::proposals as store;

pub fn withdraw(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    reference: &str,
) -> Result<Done> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        let header = public_proposal(conn, process.id, reference)?;
        require_author(&actor, &header)?;
        let from = header.proposal.status();
        let to = Transition::Withdraw
            .apply(from)
            .map_err(|_| Error::Forbidden)?;
        if !store::change_status(conn, header.proposal.id, from, to, st::now())? {
            return Err(Error::Forbidden);
        }
        let detail = serde_json::json!({
            "reference": header.proposal.reference,
            "version": header.proposal.current_version,
        });
        let id = header.proposal.id;
        record(
            conn,
            &process,
            person.account_id,
            "proposal.withdraw",
            id,
            detail,
        )?;
        tracing::info!(proposal_id = i64::from(id), "proposal withdrawn");
        Ok(Done::of(&process, &header))
    })
}
