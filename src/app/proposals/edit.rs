//! What the writing form needs: for a new proposal, a draft, or the next version of a
//! submitted one. Saving what the form sends is `submit`.

use super::form::ProposalForm;
use super::{Writer, account_in};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::ids::ProposalId;
use crate::domain::permissions::{Action, Actor};
use crate::domain::phases::PhaseKind;
use crate::domain::proposals::ProposalStatus;
use crate::store::accounts::Account;
use crate::store::processes::{self, ActionGroup, Process, Structure};
use crate::store::proposals::versions;
use crate::store::proposals::{self as store, DraftContent, Proposal};
use crate::store::{self as st, windows};

/// What the form edits.
#[derive(Debug, Clone)]
pub enum Editing {
    New,
    /// A proposal never submitted.
    Draft {
        id: ProposalId,
    },
    /// A submitted proposal: the form makes its next version.
    Revision {
        id: ProposalId,
        reference: String,
        current_version: i32,
        group_number: i32,
        group_name: String,
    },
}

impl Editing {
    fn of(proposal: &Proposal, groups: &[ActionGroup]) -> Editing {
        match &proposal.reference {
            Some(reference) if proposal.status() != ProposalStatus::Draft => {
                let group = groups.iter().find(|g| g.id == proposal.group_id);
                Editing::Revision {
                    id: proposal.id,
                    reference: reference.clone(),
                    current_version: proposal.current_version,
                    group_number: group.map(|g| g.number).unwrap_or_default(),
                    group_name: group.map(|g| g.name.clone()).unwrap_or_default(),
                }
            }
            _ => Editing::Draft { id: proposal.id },
        }
    }
}

/// What the form page needs besides the form: the process, its groups and themes, and
/// whether this writer may submit now.
pub struct Setting {
    pub process: Process,
    pub structure: Structure,
    pub window_open: bool,
    pub editing: Editing,
}

/// Whether the stocktaking window is open to this account now (a late grant counts).
pub fn window_is_open(conn: &mut DbConnection, process_id: i64, account_id: i64) -> Result<bool> {
    Ok(windows::submission_window(
        conn,
        process_id,
        account_id,
        PhaseKind::Stocktaking,
        st::now(),
    )?
    .is_open())
}

/// The empty form of a new proposal, for a signed-in person who may submit.
pub fn new_form(conn: &mut DbConnection, person: Person, slug: &str) -> Result<Setting> {
    let (process, actor) = app::process_for(conn, slug, Some(person))?;
    new_setting(conn, process, &actor, person.account_id)
}

/// The form of a new proposal shown again to its writer (whose session may have expired).
pub fn new_form_of_writer(conn: &mut DbConnection, writer: Writer, slug: &str) -> Result<Setting> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    let (account, actor) = account_in(conn, process.id, writer.account_id())?;
    new_setting(conn, process, &actor, account.id)
}

/// Refuses anyone who may not submit, then gathers what the form of a new proposal shows.
pub(super) fn new_setting(
    conn: &mut DbConnection,
    process: Process,
    actor: &Actor,
    account_id: i64,
) -> Result<Setting> {
    app::require(actor, Action::SubmitProposal)?;
    let structure = crate::app::outline::structure(conn, &process)?;
    let window_open = window_is_open(conn, process.id, account_id)?;
    Ok(Setting {
        process,
        structure,
        window_open,
        editing: Editing::New,
    })
}

/// The form of a draft or of a submitted proposal's next version, filled with what its
/// author saved last.
pub fn draft_form(
    conn: &mut DbConnection,
    writer: Writer,
    slug: &str,
    id: ProposalId,
) -> Result<(Setting, ProposalForm)> {
    let (setting, proposal, _) = editable(conn, slug, id, writer)?;
    let form = saved_form(conn, &proposal, &setting.structure)?;
    Ok((setting, form))
}

/// The setting of a draft's form, to show again what its writer sent.
pub fn draft_setting(
    conn: &mut DbConnection,
    writer: Writer,
    slug: &str,
    id: ProposalId,
) -> Result<Setting> {
    Ok(editable(conn, slug, id, writer)?.0)
}

/// What the author saved last: their draft if they kept one, else the current version.
fn saved_form(
    conn: &mut DbConnection,
    proposal: &Proposal,
    structure: &Structure,
) -> Result<ProposalForm> {
    let group_number = structure
        .groups
        .iter()
        .find(|g| g.id == proposal.group_id)
        .map(|g| g.number);
    let draft = match proposal.saved_draft() {
        Some(draft) => draft,
        None => {
            let version = versions::versions(conn, proposal.id, &[proposal.current_version])?
                .into_iter()
                .next()
                .ok_or(Error::NotFound)?;
            DraftContent {
                text: version.text.into(),
                themes: store::theme_ids_of(conn, proposal.id)?,
                language: Some(proposal.language),
            }
        }
    };
    Ok(ProposalForm::from_saved(
        draft,
        group_number,
        proposal.current_version,
        proposal.language,
    ))
}

/// The process, and a proposal its writer may edit: theirs, and not decided or withdrawn.
/// Someone else's draft does not exist for them (`NotFound`); someone else's public
/// proposal is not theirs to change (`Forbidden`).
pub(super) fn editable(
    conn: &mut DbConnection,
    slug: &str,
    id: ProposalId,
    writer: Writer,
) -> Result<(Setting, Proposal, Account)> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    let (account, actor) = account_in(conn, process.id, writer.account_id())?;
    let proposal = store::proposal_by_id(conn, process.id, id)?.ok_or(Error::NotFound)?;
    if proposal.author_id != account.id {
        return Err(if proposal.status().is_public() {
            Error::Forbidden
        } else {
            Error::NotFound
        });
    }
    app::require(&actor, Action::SubmitProposal)?;
    if !proposal.status().is_editable() {
        return Err(Error::Forbidden);
    }
    let structure = crate::app::outline::structure(conn, &process)?;
    let window_open = window_is_open(conn, process.id, account.id)?;
    let editing = Editing::of(&proposal, &structure.groups);
    let setting = Setting {
        process,
        structure,
        window_open,
        editing,
    };
    Ok((setting, proposal, account))
}
