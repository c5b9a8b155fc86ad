//! The rapporteurs' review of a group's proposals: the queue (`queue`), one proposal under
//! review with its internal notes (`proposal`), decisions (`decide`) and notes (`notes`).
//!
//! The group's rapporteurs, moderators and the secretariat read the queue and write notes
//! (`Action::UseInternalNotes`); only the rapporteurs and the secretariat decide
//! (`Action::ReviewProposals`). Every request is checked here, whatever URL or form is sent:
//! a proposal named in the URL must belong to the group named there. This module knows no
//! HTTP: addresses and templates belong to `web::review`.

pub mod decide;
pub mod notes;
pub mod proposal;
pub mod queue;
pub mod similar;

use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::permissions::{Action, Actor, GroupId, can};
use crate::store::processes::{self, ActionGroup, Process};
use crate::store::proposals::ProposalHeader;

/// The process and group a review URL names, and the visitor's standing; refused to anyone
/// who may not read the group's review.
pub struct Reviewing {
    pub process: Process,
    pub group: ActionGroup,
    pub actor: Actor,
}

impl Reviewing {
    pub fn group_id(&self) -> GroupId {
        GroupId(self.group.id)
    }

    pub fn may_decide(&self) -> bool {
        can(&self.actor, Action::ReviewProposals(self.group_id()))
    }
}

/// The review of group `number` (as in the URL; not a number names no group), for someone
/// who may read it.
pub fn reviewing(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    number: &str,
) -> Result<Reviewing> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let number: i32 = number.parse().map_err(|_| Error::NotFound)?;
    let group = processes::group_by_number(conn, process.id, number)?.ok_or(Error::NotFound)?;
    app::require(&actor, Action::UseInternalNotes(GroupId(group.id)))?;
    Ok(Reviewing {
        process,
        group,
        actor,
    })
}

/// The public proposal a review URL names, which must belong to the group named there.
pub fn proposal_of_group(
    conn: &mut DbConnection,
    reviewing: &Reviewing,
    reference_in_url: &str,
) -> Result<ProposalHeader> {
    let header = app::proposals::public_proposal(conn, reviewing.process.id, reference_in_url)?;
    if header.proposal.group_id != reviewing.group.id {
        return Err(Error::NotFound);
    }
    Ok(header)
}
