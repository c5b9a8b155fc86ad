//! Saving what the writing form sends: a draft, a first submission, or a new version.
//!
//! The order of the checks is the promise that nothing typed is lost: a form that cannot be
//! read is refused with its messages; a closed window or an expired session keeps the text
//! as the writer's draft; only then is the text checked for submission.

use super::edit::{Setting, editable, new_setting};
use super::form::{Intent, ParsedForm, ProposalForm, add_field_errors};
use super::{Writer, account_in};
use crate::app::{self, Error, Result};
use crate::db::DbConnection;
use crate::domain::ids::ProposalId;
use crate::domain::notifications::NotificationKind;
use crate::domain::proposals::text::{FieldError, SubmittedText};
use crate::domain::proposals::{ProposalStatus, Transition};
use crate::domain::validation::FieldErrors;
use crate::store as st;
use crate::store::accounts::Account;
use crate::store::notifications::{self, Subject};
use crate::store::processes;
use crate::store::proposals::{
    self as store, NewProposal, Proposal, Submission, SubmitError, SubmittedVersion,
};

/// Why a text was kept as a draft rather than submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The writer asked for a draft.
    OnRequest,
    /// The window closed while they wrote.
    WindowClosed,
    /// Their session expired while they wrote.
    SessionExpired,
}

/// How a save ended, and in which process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub process_slug: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Kept as the draft with this id.
    Kept(Kept, ProposalId),
    /// Submitted; `first` says whether it was the first version.
    Submitted {
        id: ProposalId,
        reference: String,
        first: bool,
    },
}

/// Whether the text is to be kept as a draft, whatever it holds, and why.
fn keep_as_draft(writer: Writer, intent: Intent, window_open: bool) -> Option<Kept> {
    if writer.is_expired() {
        Some(Kept::SessionExpired)
    } else if intent == Intent::SaveDraft {
        Some(Kept::OnRequest)
    } else if !window_open {
        Some(Kept::WindowClosed)
    } else {
        None
    }
}

fn invalid(refused: &[FieldError]) -> Error {
    let mut errors = FieldErrors::default();
    add_field_errors(&mut errors, refused);
    Error::Invalid(errors)
}

/// Another tab (or device) submitted a version since the form was opened.
fn stale() -> Error {
    Error::invalid("version", "proposal-error-newer-version")
}

/// A new proposal: kept as a draft, or submitted at once.
pub fn create(
    conn: &mut DbConnection,
    writer: Writer,
    slug: &str,
    form: &ProposalForm,
) -> Result<Saved> {
    app::transaction(conn, |conn| {
        let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
        let (account, actor) = account_in(conn, process.id, writer.account_id())?;
        let setting = new_setting(conn, process, &actor, account.id)?;
        let parsed = form
            .parse(&setting.structure, None)
            .map_err(Error::Invalid)?;
        let new = NewProposal {
            process_id: setting.process.id,
            group_id: parsed.group_id,
            author_id: account.id,
            organisation_id: account.organisation_id,
        };
        let process_slug = setting.process.slug.clone();
        if let Some(why) = keep_as_draft(writer, form.intent, setting.window_open) {
            let id = store::create_draft(conn, &new, &parsed.draft(), st::now())?;
            return Ok(kept(process_slug, why, id));
        }
        let submitted = SubmittedText::parse(parsed.text.text()).map_err(|r| invalid(&r))?;
        let target = Target::New(new);
        let outcome = submit_text(conn, &setting, &account, target, &parsed, &submitted)?;
        Ok(Saved {
            process_slug,
            outcome,
        })
    })
}

/// A saved draft or a submitted proposal: kept as a draft, or submitted as its next version.
pub fn save(
    conn: &mut DbConnection,
    writer: Writer,
    slug: &str,
    id: ProposalId,
    form: &ProposalForm,
) -> Result<Saved> {
    app::transaction(conn, |conn| {
        let (setting, proposal, account) = editable(conn, slug, id, writer)?;
        // A submitted proposal stays in the group it was submitted to.
        let fixed_group = (proposal.status() != ProposalStatus::Draft).then_some(proposal.group_id);
        let parsed = form
            .parse(&setting.structure, fixed_group)
            .map_err(Error::Invalid)?;
        let process_slug = setting.process.slug.clone();
        if let Some(why) = keep_as_draft(writer, form.intent, setting.window_open) {
            store::save_draft(conn, &proposal, parsed.group_id, &parsed.draft(), st::now())?;
            return Ok(kept(process_slug, why, proposal.id));
        }
        if form.base_version.trim().parse::<i32>().ok() != Some(proposal.current_version) {
            return Err(stale());
        }
        let submitted = SubmittedText::parse(parsed.text.text()).map_err(|r| invalid(&r))?;
        let target = Target::Existing(&proposal);
        let outcome = submit_text(conn, &setting, &account, target, &parsed, &submitted)?;
        Ok(Saved {
            process_slug,
            outcome,
        })
    })
}

fn kept(process_slug: String, why: Kept, id: ProposalId) -> Saved {
    if why != Kept::OnRequest {
        tracing::info!(proposal_id = i64::from(id), reason = ?why, "proposal text kept as a draft");
    }
    Saved {
        process_slug,
        outcome: Outcome::Kept(why, id),
    }
}

/// What a submission makes a version of.
enum Target<'a> {
    /// A proposal submitted at once, without a draft.
    New(NewProposal),
    /// A saved draft, or a submitted proposal getting its next version.
    Existing(&'a Proposal),
}

/// Submits a text that passed every check and records it in the audit log.
fn submit_text(
    conn: &mut DbConnection,
    setting: &Setting,
    author: &Account,
    target: Target<'_>,
    parsed: &ParsedForm,
    submitted: &SubmittedText,
) -> Result<Outcome> {
    let (from, group_id) = match &target {
        Target::New(new) => (ProposalStatus::Draft, new.group_id),
        Target::Existing(proposal) => (proposal.status(), proposal.group_id),
    };
    let transition = Transition::submission_from(from);
    let status = transition.apply(from).map_err(|_| Error::Forbidden)?;
    let submission = Submission {
        reference_prefix: &setting.process.reference_prefix,
        text: submitted,
        themes: &parsed.themes,
        language: parsed.language,
        status,
        by: author.id,
        now: st::now(),
    };
    let saved = match target {
        Target::New(new) => store::submit_new(conn, &new, &submission),
        Target::Existing(proposal) => store::submit(conn, proposal, &submission),
    };
    let version = match saved {
        Ok(version) => version,
        Err(SubmitError::Stale { .. }) => return Err(stale()),
        Err(SubmitError::Database(e)) => return Err(e.into()),
    };
    let first = transition == Transition::Submit;
    record_submission(conn, setting, author.id, first, &version)?;
    tell_rapporteurs(
        conn,
        setting,
        author.id,
        group_id,
        first,
        version.proposal_id,
    )?;
    Ok(Outcome::Submitted {
        id: version.proposal_id,
        reference: version.reference,
        first,
    })
}

/// Writes the audit entry of a first submission or a new version.
fn record_submission(
    conn: &mut DbConnection,
    setting: &Setting,
    author_id: i64,
    first: bool,
    version: &SubmittedVersion,
) -> Result<()> {
    let action = if first {
        "proposal.submit"
    } else {
        "proposal.version"
    };
    let detail = serde_json::json!({
        "reference": version.reference,
        "version": version.number,
        "content_hash": version.content_hash,
    });
    let id = version.proposal_id;
    super::record(conn, &setting.process, author_id, action, id, detail)?;
    tracing::info!(
        proposal_id = i64::from(id),
        version = version.number,
        action,
        "proposal submitted"
    );
    Ok(())
}

/// The rapporteurs of the proposal's group hear that it arrived, or that a new version of
/// it came back, to review.
fn tell_rapporteurs(
    conn: &mut DbConnection,
    setting: &Setting,
    author_id: i64,
    group_id: i64,
    first: bool,
    proposal_id: ProposalId,
) -> Result<()> {
    let process_id = setting.process.id;
    let rapporteurs = notifications::rapporteurs_of(conn, process_id, group_id)?;
    let subject = Subject::Proposal {
        id: proposal_id,
        decision_id: None,
    };
    let kind = NotificationKind::of_submission(first);
    app::notifications::tell(conn, &rapporteurs, author_id, process_id, subject, kind)
}
