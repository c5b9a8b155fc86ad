//! An accredited stakeholder of an invited organisation accepts or declines, for it, the
//! invitation to co-sponsor a proposal. Anyone without one (another organisation, an
//! invitation answered already) is refused.

use super::{Done, public_proposal, record};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::permissions::Action;
use crate::store as st;
use crate::store::accounts;
use crate::store::proposals::co_sponsors;

pub fn answer(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    reference: &str,
    accept: bool,
) -> Result<Done> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        let header = public_proposal(conn, process.id, reference)?;
        app::require(&actor, Action::CoSponsorProposal)?;
        if !header.proposal.status().awaits_decision() {
            return Err(Error::Forbidden);
        }
        let actor_id = person.account_id;
        let organisation = accounts::account_by_id(conn, actor_id)?
            .and_then(|a| a.organisation_id)
            .ok_or(Error::Forbidden)?;
        let invitation = co_sponsors::co_sponsorships_of(conn, header.proposal.id)?
            .into_iter()
            .find(|s| s.organisation_id == organisation)
            .ok_or(Error::Forbidden)?;
        let from = invitation.status();
        let to = from.answer(accept).ok_or(Error::Forbidden)?;
        if !co_sponsors::answer_invitation(conn, invitation.id, from, to, actor_id, st::now())? {
            return Err(Error::Forbidden);
        }
        let action = if accept {
            "proposal.co-sponsor.accept"
        } else {
            "proposal.co-sponsor.decline"
        };
        let detail = serde_json::json!({ "organisation_id": organisation });
        record(conn, &process, actor_id, action, header.proposal.id, detail)?;
        Ok(Done::of(&process, &header))
    })
}
