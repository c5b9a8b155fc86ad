//! Commitment proposals: writing them (drafts, submissions, new versions), withdrawing them,
//! co-sponsorship, and the reads their pages need (the list, a proposal, a comparison of two
//! versions, an action group's page).
//!
//! Every request is checked here: accreditation (`can`), the stocktaking window, authorship,
//! and the proposal's state (`domain::proposals`). A text someone sent is never thrown away:
//! a closed window or an expired session keeps it as their draft. This module knows no HTTP:
//! addresses, notices and templates belong to `web::proposals`.

pub mod answer;
pub mod compare;
pub mod edit;
pub mod form;
pub mod groups;
pub mod invite;
pub mod list;
pub mod show;
pub mod submit;
pub mod withdraw;

use crate::app::{Error, Result};
use crate::db::DbConnection;
use crate::domain::ids::ProposalId;
use crate::domain::permissions::{Action, Actor};
use crate::domain::proposals::reference_from_slug;
use crate::store::accounts::{self, Account};
use crate::store::audit::{self, Entry};
use crate::store::processes::Process;
use crate::store::proposals::{self as store, ProposalHeader};
use crate::store::roles;

/// Who sends a proposal's text: a signed-in participant, or one whose session timed out
/// while writing (their text is still theirs to keep).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    SignedIn(i64),
    Expired(i64),
}

impl Writer {
    pub fn account_id(self) -> i64 {
        match self {
            Writer::SignedIn(id) | Writer::Expired(id) => id,
        }
    }

    pub fn is_expired(self) -> bool {
        matches!(self, Writer::Expired(_))
    }
}

/// An account's standing in a process, built from the account itself rather than the
/// session, so a writer whose session expired is judged by the same rules. A disabled or
/// unknown account is refused.
pub fn account_in(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
) -> Result<(Account, Actor)> {
    let account = accounts::account_by_id(conn, account_id)?.ok_or(Error::Forbidden)?;
    if account.disabled {
        return Err(Error::Forbidden);
    }
    let actor = Actor {
        account_id: Some(account.id),
        is_admin: account.is_admin,
        grants: roles::grants_in_process(conn, process_id, account.id)?,
    };
    Ok((account, actor))
}

/// The public proposal a URL names (its reference as in its address); drafts and other
/// processes' proposals do not exist here.
pub fn public_proposal(
    conn: &mut DbConnection,
    process_id: i64,
    reference_in_url: &str,
) -> Result<ProposalHeader> {
    let reference = reference_from_slug(reference_in_url).ok_or(Error::NotFound)?;
    let header =
        store::proposal_by_reference(conn, process_id, &reference)?.ok_or(Error::NotFound)?;
    if !header.proposal.status().is_public() {
        return Err(Error::NotFound);
    }
    Ok(header)
}

/// Only the author, still accredited, acts on their proposal as author.
fn require_author(actor: &Actor, header: &ProposalHeader) -> Result<()> {
    crate::app::require(actor, Action::SubmitProposal)?;
    if actor.account_id == Some(header.proposal.author_id) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// Where a proposal's page is once an action on it is done: its process and reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub process_slug: String,
    pub reference: String,
}

impl Done {
    fn of(process: &Process, header: &ProposalHeader) -> Done {
        Done {
            process_slug: process.slug.clone(),
            reference: header.proposal.reference.clone().unwrap_or_default(),
        }
    }
}

/// Writes the audit entry of an action on a proposal.
fn record(
    conn: &mut DbConnection,
    process: &Process,
    actor_id: i64,
    action: &str,
    proposal_id: ProposalId,
    detail: serde_json::Value,
) -> Result<()> {
    audit::record(
        conn,
        Entry {
            actor_id: Some(actor_id),
            process_id: Some(process.id),
            action,
            subject: format!("proposal:{proposal_id}"),
            detail,
        },
    )?;
    Ok(())
}
