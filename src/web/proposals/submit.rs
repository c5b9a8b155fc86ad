//! Saving what the writing form sends: a draft, a first submission, or a new version.
//!
//! The order of the checks is the promise that nothing typed is lost: a form that cannot be
//! read comes back with its messages (422); a closed window or an expired session keeps the
//! text as the writer's draft; only then is the text checked for submission.

use actix_web::{HttpResponse, post, web};

use super::edit::{Editing, FormPage, Setting, editable, render, window_is_open};
use super::form::{Intent, ParsedForm, ProposalForm, add_field_errors};
use super::{Writer, account_in, draft_path, proposal_path};
use crate::db::DbConnection;
use crate::domain::permissions::Action;
use crate::domain::proposals::text::{FieldError, SubmittedText};
use crate::domain::proposals::{ProposalStatus, Transition};
use crate::store as st;
use crate::store::accounts::{self, Account};
use crate::store::audit::{self, Entry};
use crate::store::processes::{self, Process};
use crate::store::proposals::{self as store, NewProposal, Proposal, Submission, SubmitError};
use crate::web::AppState;
use crate::web::error::{AppError, urlencode};
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::processes::require;
use crate::web::session::Visitor;

/// Why a text was kept as a draft rather than submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kept {
    /// The writer asked for a draft.
    OnRequest,
    /// The window closed while they wrote.
    WindowClosed,
    /// Their session expired while they wrote.
    SessionExpired,
}

/// How a save ended.
enum Outcome {
    Kept(Kept, i64),
    /// Submitted; the redirect says whether it was the first version.
    Submitted {
        reference: String,
        first: bool,
    },
    Invalid(FieldErrors),
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

fn invalid(refused: &[FieldError]) -> Outcome {
    let mut errors = FieldErrors::default();
    add_field_errors(&mut errors, refused);
    Outcome::Invalid(errors)
}

fn stale() -> Outcome {
    let mut errors = FieldErrors::default();
    errors.add("version", "proposal-error-newer-version");
    Outcome::Invalid(errors)
}

#[post("/new")]
pub async fn create(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let form = ProposalForm::from_pairs(body.into_inner());
    let writer = Writer::of(&visitor, format!("/p/{slug}/proposals/new"))?;
    let sent = form.clone();
    let (setting, outcome) = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| create_in(conn, &slug, writer, &sent))
        })
        .await?;
    respond(ctx, setting, form, outcome)
}

fn create_in(
    conn: &mut DbConnection,
    slug: &str,
    writer: Writer,
    form: &ProposalForm,
) -> Result<(Setting, Outcome), AppError> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    let (account, actor) = account_in(conn, process.id, writer.account_id())?;
    require(&actor, Action::SubmitProposal)?;
    let structure = processes::structure_of(conn, process.id)?;
    let window_open = window_is_open(conn, process.id, account.id)?;
    let parsed = form.parse(&structure, None);
    let setting = Setting {
        process,
        structure,
        window_open,
        editing: Editing::New,
    };
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(errors) => return Ok((setting, Outcome::Invalid(errors))),
    };
    let now = st::now();
    let new = NewProposal {
        process_id: setting.process.id,
        group_id: parsed.group_id,
        author_id: account.id,
        organisation_id: account.organisation_id,
    };
    if let Some(why) = keep_as_draft(writer, form.intent, window_open) {
        let id = store::create_draft(conn, &new, &parsed.draft(), now)?;
        return Ok((setting, Outcome::Kept(why, id)));
    }
    let submitted = match SubmittedText::parse(parsed.text.text()) {
        Ok(text) => text,
        Err(refused) => return Ok((setting, invalid(&refused))),
    };
    let outcome = submit_text(
        conn,
        &setting,
        &account,
        Target::New(new),
        &parsed,
        &submitted,
    )?;
    Ok((setting, outcome))
}

#[post("/drafts/{id}")]
pub async fn save(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let form = ProposalForm::from_pairs(body.into_inner());
    let writer = Writer::of(&visitor, draft_path(&slug, id))?;
    let sent = form.clone();
    let (setting, outcome) = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| save_in(conn, &slug, id, writer, &sent))
        })
        .await?;
    respond(ctx, setting, form, outcome)
}

fn save_in(
    conn: &mut DbConnection,
    slug: &str,
    id: i64,
    writer: Writer,
    form: &ProposalForm,
) -> Result<(Setting, Outcome), AppError> {
    let (setting, proposal, account) = editable(conn, slug, id, writer)?;
    let status = proposal.status();
    // A submitted proposal stays in the group it was submitted to.
    let fixed_group = (status != ProposalStatus::Draft).then_some(proposal.group_id);
    let parsed = match form.parse(&setting.structure, fixed_group) {
        Ok(parsed) => parsed,
        Err(errors) => return Ok((setting, Outcome::Invalid(errors))),
    };
    let now = st::now();
    if let Some(why) = keep_as_draft(writer, form.intent, setting.window_open) {
        store::save_draft(conn, &proposal, parsed.group_id, &parsed.draft(), now)?;
        return Ok((setting, Outcome::Kept(why, proposal.id)));
    }
    // Another tab (or device) submitted a version since this form was opened.
    if form.base_version.trim().parse::<i32>().ok() != Some(proposal.current_version) {
        return Ok((setting, stale()));
    }
    let submitted = match SubmittedText::parse(parsed.text.text()) {
        Ok(text) => text,
        Err(refused) => return Ok((setting, invalid(&refused))),
    };
    let outcome = submit_text(
        conn,
        &setting,
        &account,
        Target::Existing(&proposal),
        &parsed,
        &submitted,
    )?;
    Ok((setting, outcome))
}

/// What a submission makes a version of.
enum Target<'a> {
    /// A proposal submitted at once, without a draft.
    New(NewProposal),
    /// A saved draft, or a submitted proposal getting its next version.
    Existing(&'a Proposal),
}

/// Submits a text that passed every check, records it in the audit log, and says where to go.
fn submit_text(
    conn: &mut DbConnection,
    setting: &Setting,
    author: &Account,
    target: Target<'_>,
    parsed: &ParsedForm,
    submitted: &SubmittedText,
) -> Result<Outcome, AppError> {
    let (from, organisation_id) = match &target {
        Target::New(new) => (ProposalStatus::Draft, new.organisation_id),
        Target::Existing(proposal) => (proposal.status(), proposal.organisation_id),
    };
    let transition = Transition::submission_from(from);
    let status = transition.apply(from).map_err(|_| AppError::Forbidden)?;
    let organisation = organisation_name(conn, organisation_id)?;
    let submission = Submission {
        reference_prefix: &setting.process.reference_prefix,
        text: submitted,
        themes: &parsed.themes,
        status,
        organisation_name: organisation.as_deref(),
        by: author.id,
        now: st::now(),
    };
    let saved = match target {
        Target::New(new) => store::submit_new(conn, &new, &submission),
        Target::Existing(proposal) => store::submit(conn, proposal, &submission),
    };
    let version = match saved {
        Ok(version) => version,
        Err(SubmitError::Stale { .. }) => return Ok(stale()),
        Err(SubmitError::Database(e)) => return Err(e.into()),
    };
    let first = transition == Transition::Submit;
    let action = if first {
        "proposal.submit"
    } else {
        "proposal.version"
    };
    record(conn, &setting.process, author.id, action, &version)?;
    Ok(Outcome::Submitted {
        reference: version.reference,
        first,
    })
}

fn organisation_name(
    conn: &mut DbConnection,
    organisation_id: Option<i64>,
) -> Result<Option<String>, AppError> {
    Ok(match organisation_id {
        Some(id) => accounts::organisation_by_id(conn, id)?.map(|o| o.name),
        None => None,
    })
}

fn record(
    conn: &mut DbConnection,
    process: &Process,
    actor_id: i64,
    action: &str,
    version: &store::SubmittedVersion,
) -> Result<(), AppError> {
    audit::record(
        conn,
        Entry {
            actor_id: Some(actor_id),
            process_id: Some(process.id),
            action,
            subject: format!("proposal:{}", version.proposal_id),
            detail: serde_json::json!({
                "reference": version.reference,
                "version": version.number,
                "content_hash": version.content_hash,
            }),
        },
    )?;
    tracing::info!(
        proposal_id = version.proposal_id,
        version = version.number,
        action,
        "proposal submitted"
    );
    Ok(())
}

fn respond(
    ctx: Ctx,
    setting: Setting,
    form: ProposalForm,
    outcome: Outcome,
) -> Result<HttpResponse, AppError> {
    let slug = &setting.process.slug;
    if let Outcome::Kept(why @ (Kept::WindowClosed | Kept::SessionExpired), id) = &outcome {
        tracing::info!(proposal_id = id, reason = ?why, "proposal text kept as a draft");
    }
    Ok(match outcome {
        Outcome::Kept(Kept::OnRequest, id) => page::see_other(&format!(
            "{}?notice=proposal-draft-saved",
            draft_path(slug, id)
        )),
        Outcome::Kept(Kept::WindowClosed, id) => page::see_other(&format!(
            "{}?notice=proposal-window-closed",
            draft_path(slug, id)
        )),
        Outcome::Kept(Kept::SessionExpired, id) => page::see_other(&format!(
            "/login?next={}&notice=proposal-session-expired",
            urlencode(&draft_path(slug, id))
        )),
        Outcome::Submitted { reference, first } => {
            let notice = if first {
                "proposal-submitted"
            } else {
                "proposal-version-submitted"
            };
            page::see_other(&format!(
                "{}?notice={notice}",
                proposal_path(slug, &reference)
            ))
        }
        Outcome::Invalid(errors) => return render(FormPage::new(ctx, setting, form, errors)),
    })
}
