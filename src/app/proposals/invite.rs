//! Its author invites an organisation to co-sponsor a proposal that awaits a decision,
//! choosing it from the organisations accredited in the process (`invitable`); the invited
//! organisation's stakeholders are notified. A name that finds no other accredited
//! organisation, or one invited already, is `Invalid` beside the organisation's field.

use super::{Done, public_proposal, record, require_author};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::notifications::NotificationKind;
use crate::domain::validation::OrganisationName;
use crate::store as st;
use crate::store::notifications::{self, Subject};
use crate::store::proposals::ProposalHeader;
use crate::store::proposals::co_sponsors::{self, InviteError};

const FIELD: &str = "organisation";

pub fn invite(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    reference: &str,
    organisation: &str,
) -> Result<Done> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        let header = public_proposal(conn, process.id, reference)?;
        require_author(&actor, &header)?;
        if !header.proposal.status().awaits_decision() {
            return Err(Error::Forbidden);
        }
        let organisation_id = invitee(conn, process.id, organisation, &header)?;
        // `require_author` made sure the person is the author.
        let author_id = header.proposal.author_id;
        let id = header.proposal.id;
        match co_sponsors::invite(conn, id, organisation_id, author_id, st::now()) {
            Ok(_) => {}
            Err(InviteError::AlreadyInvited) => {
                return Err(Error::invalid(FIELD, "proposal-error-already-invited"));
            }
            Err(InviteError::Database(e)) => return Err(e.into()),
        }
        let members = notifications::members_of(conn, process.id, organisation_id)?;
        let subject = Subject::Proposal {
            id,
            decision_id: None,
        };
        let kind = NotificationKind::CoSponsorInvited;
        app::notifications::tell(conn, &members, author_id, process.id, subject, kind)?;
        let detail = serde_json::json!({ "organisation_id": organisation_id });
        record(conn, &process, author_id, "proposal.invite", id, detail)?;
        Ok(Done::of(&process, &header))
    })
}

/// The organisation chosen in the invitation form: it must exist, be accredited in the
/// process (someone must be able to answer) and not be the author's own.
fn invitee(
    conn: &mut DbConnection,
    process_id: i64,
    chosen: &str,
    header: &ProposalHeader,
) -> Result<i64> {
    let name =
        OrganisationName::parse(chosen).map_err(|invalid| Error::invalid(FIELD, invalid.0))?;
    let Some(id) = co_sponsors::organisation_id_by_name_key(conn, &name.key())? else {
        return Err(Error::invalid(FIELD, "proposal-error-no-such-organisation"));
    };
    if Some(id) == header.proposal.organisation_id {
        return Err(Error::invalid(FIELD, "proposal-error-own-organisation"));
    }
    let accredited = co_sponsors::accredited_organisations(conn, process_id)?;
    if !accredited
        .iter()
        .any(|(organisation, _)| *organisation == id)
    {
        return Err(Error::invalid(
            FIELD,
            "proposal-error-organisation-not-accredited",
        ));
    }
    Ok(id)
}

/// The organisations the author may invite, by name: those accredited in the process but
/// the author's own and those invited already.
pub fn invitable(
    conn: &mut DbConnection,
    process_id: i64,
    header: &ProposalHeader,
    invited: &[i64],
) -> Result<Vec<String>> {
    Ok(co_sponsors::accredited_organisations(conn, process_id)?
        .into_iter()
        .filter(|(id, _)| Some(*id) != header.proposal.organisation_id && !invited.contains(id))
        .map(|(_, name)| name)
        .collect())
}
