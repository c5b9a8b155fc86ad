//! Negotiation (phase III) use cases: the secretariat's delegations and groups of States,
//! rounds opened on a published revision, and the amendments delegations table in a round
//! and the positions they take on each other's; the draft's editors then accept them into
//! the working copy (`accept`).
//!
//! Every check is made here: `can` for roles, the round's window for time, the delegation and
//! group memberships for who speaks for whom, the round's visibility for who may read it (a
//! restricted round is `NotFound` to everyone else, so its existence is not told).

pub mod accept;
pub mod compilation;
pub mod delegations;
pub mod rounds;

use crate::app::{Error, Result};
use crate::db::DbConnection;
use crate::domain::negotiation::{Delegate, RoundVisibility};
use crate::domain::permissions::{Action, Actor, can};
use crate::store::audit::{self, Entry};
use crate::store::negotiation::delegations::{self as store, Delegation};
use crate::store::negotiation::rounds::{Round, round_by_number};
use crate::store::processes::Process;

/// Writes the audit entry of a negotiation action on `subject` (e.g. `round:3`).
fn record(
    conn: &mut DbConnection,
    process: &Process,
    actor_id: i64,
    action: &str,
    subject: String,
    detail: serde_json::Value,
) -> Result<()> {
    audit::record(
        conn,
        Entry {
            actor_id: Some(actor_id),
            process_id: Some(process.id),
            action,
            subject,
            detail,
        },
    )?;
    Ok(())
}

/// The delegations of the process the actor acts for (none when anonymous).
fn own_delegations(
    conn: &mut DbConnection,
    process: &Process,
    actor: &Actor,
) -> Result<Vec<Delegation>> {
    Ok(match actor.account_id {
        Some(account) => store::delegations_of_account(conn, process.id, account)?,
        None => Vec::new(),
    })
}

/// The round numbered `number` if the actor may read it; otherwise `NotFound`, as if it did
/// not exist.
fn readable_round(
    conn: &mut DbConnection,
    process: &Process,
    actor: &Actor,
    number: i32,
) -> Result<Round> {
    let round = round_by_number(conn, process.id, number)?.ok_or(Error::NotFound)?;
    if round.visibility == RoundVisibility::Delegations {
        let delegate = !own_delegations(conn, process, actor)?.is_empty();
        if !can(actor, Action::ReadRestrictedRound { delegate }) {
            return Err(Error::NotFound);
        }
    }
    Ok(round)
}

/// How the actor stands when acting for `delegation_id`: `None` unless it acts for it.
fn delegate_of(
    conn: &mut DbConnection,
    process: &Process,
    actor: &Actor,
    delegation_id: i64,
) -> Result<Option<(Delegation, Delegate)>> {
    let Some(delegation) = own_delegations(conn, process, actor)?
        .into_iter()
        .find(|d| d.id == delegation_id)
    else {
        return Ok(None);
    };
    let delegate = Delegate {
        category: delegation.category,
        observers_may_propose: store::observers_may_propose(conn, process.id)?,
    };
    Ok(Some((delegation, delegate)))
}
