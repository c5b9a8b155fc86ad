//! Writing a contribution: the form, drafts saved on the server (by button and, with the
//! small script, every few seconds), preview, and submission with its receipt.
//!
//! Whatever goes wrong, the text survives: invalid input comes back in the form; a window
//! that closed, or a session that timed out, leaves the text saved as a draft.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use sha2::{Digest, Sha256};

use super::{
    BODY_MAX, FILE_MAX_BYTES, FILES_PER_REQUEST, Input, TITLE_MAX, draft_content, submission_errors,
};
use crate::config::hex;
use crate::db::{DbConnection, write_transaction};
use crate::domain::contributions::{self as rules, ContributionStatus};
use crate::domain::permissions::{Action, Actor, can};
use crate::domain::phases::PhaseKind;
use crate::store::attachments::{self, AttachedFile};
use crate::store::audit::{self, Entry};
use crate::store::contributions::{self, Contribution};
use crate::store::processes::{self, Process, Structure, Theme, ThemeKind};
use crate::store::references::{ReferenceKind, next_reference};
use crate::store::windows::{Closed, submission_window};
use crate::store::{self as st, accounts, roles};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{Fields, Limits, UploadedFile, clean_file_name, looks_like_pdf};
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::{SignedIn, Visitor};

#[derive(Template)]
#[template(path = "contributions/form.html")]
struct FormPage {
    ctx: Ctx,
    process: Process,
    structure: Structure,
    input: Input,
    errors: FieldErrors,
    draft_id: Option<i64>,
    files: Vec<AttachedFile>,
    preview: Option<String>,
    /// What just happened, when it needs saying on the form itself.
    message: Option<&'static str>,
    window_open: bool,
}

impl FormPage {
    fn action_path(&self) -> String {
        match self.draft_id {
            Some(id) => format!("/p/{}/contributions/drafts/{id}", self.process.slug),
            None => format!("/p/{}/contributions/new", self.process.slug),
        }
    }

    fn themes(&self) -> Vec<&Theme> {
        self.structure.themes_of(ThemeKind::Theme).collect()
    }

    fn title_max(&self) -> usize {
        TITLE_MAX
    }

    fn body_max(&self) -> usize {
        BODY_MAX
    }

    fn size(&self, bytes: &i64) -> String {
        human_size(*bytes)
    }
}

pub fn human_size(bytes: i64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} kB", b / 1024),
        b => format!("{b} B"),
    }
}

/// The visitor's standing in a process, from their account id (the session may have timed
/// out, in which case they are no administrator for this purpose).
fn actor_for(conn: &mut DbConnection, account_id: i64, process_id: i64) -> Result<Actor, AppError> {
    Ok(Actor {
        account_id: Some(account_id),
        is_admin: false,
        grants: roles::grants_in_process(conn, process_id, account_id)?,
    })
}

fn window_open(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
) -> Result<bool, AppError> {
    Ok(submission_window(
        conn,
        process_id,
        account_id,
        PhaseKind::Consultation,
        st::now(),
    )?
    .is_ok())
}

#[get("/new")]
pub async fn new_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let account_id = user.id;
    let (process, structure, open) = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &path)?.ok_or(AppError::NotFound)?;
            let actor = actor_for(conn, account_id, process.id)?;
            if !can(&actor, Action::SubmitContribution) {
                return Err(AppError::Forbidden);
            }
            let structure = processes::structure_of(conn, process.id)?;
            let open = window_open(conn, process.id, account_id)?;
            Ok((process, structure, open))
        })
        .await?;
    page::ok(&FormPage {
        ctx,
        process,
        structure,
        input: Input::default(),
        errors: FieldErrors::default(),
        draft_id: None,
        files: Vec::new(),
        preview: None,
        message: (!open).then_some("contribution-window-closed"),
        window_open: open,
    })
}

#[get("/drafts/{id}")]
pub async fn edit_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let account_id = user.id;
    let loaded = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let draft = own_contribution(conn, &process, id, account_id)?;
            if draft.status() != ContributionStatus::Draft {
                return Ok(Err(public_path(&process, &draft)));
            }
            let structure = processes::structure_of(conn, process.id)?;
            let tags = contributions::tags_of(conn, &[draft.id])?;
            let files = attachments::files_of(conn, &[draft.id])?;
            let open = window_open(conn, process.id, account_id)?;
            let input = Input {
                title: draft.title.clone(),
                body: draft.body.clone(),
                groups: tags
                    .groups_of(&draft.id)
                    .iter()
                    .map(|(n, _)| n.to_string())
                    .collect(),
                themes: tags
                    .theme_ids_of(&draft.id)
                    .iter()
                    .map(i64::to_string)
                    .collect(),
                remove_files: Vec::new(),
            };
            Ok(Ok((process, structure, input, files, open)))
        })
        .await?;
    let (process, structure, input, files, open) = match loaded {
        Ok(loaded) => loaded,
        // Submitted meanwhile (another tab): its public page is where it is now.
        Err(location) => return Ok(page::see_other(&location)),
    };
    page::ok(&FormPage {
        ctx,
        process,
        structure,
        input,
        errors: FieldErrors::default(),
        draft_id: Some(id),
        files,
        preview: None,
        message: (!open).then_some("contribution-window-closed"),
        window_open: open,
    })
}

/// A contribution of `account_id` in `process`: anyone else's is refused, whatever the URL.
/// Someone else's draft is not found, as if it did not exist: its number tells nothing.
fn own_contribution(
    conn: &mut DbConnection,
    process: &Process,
    id: i64,
    account_id: i64,
) -> Result<Contribution, AppError> {
    let contribution = contributions::contribution_by_id(conn, id)?
        .filter(|c| c.process_id == process.id)
        .ok_or(AppError::NotFound)?;
    if contribution.author_id != account_id {
        return Err(if contribution.status() == ContributionStatus::Draft {
            AppError::NotFound
        } else {
            AppError::Forbidden
        });
    }
    Ok(contribution)
}

fn public_path(process: &Process, contribution: &Contribution) -> String {
    match &contribution.reference {
        Some(reference) => format!(
            "/p/{}/contributions/{}",
            process.slug,
            rules::reference_slug(reference)
        ),
        None => format!("/p/{}/contributions", process.slug),
    }
}

/// The button the author pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intent {
    SaveDraft,
    Preview,
    Submit,
}

impl Intent {
    fn parse(raw: &str) -> Self {
        match raw {
            "submit" => Intent::Submit,
            "preview" => Intent::Preview,
            _ => Intent::SaveDraft,
        }
    }
}

const LIMITS: Limits = Limits {
    text_bytes: 2 * 1024 * 1024,
    file_bytes: FILE_MAX_BYTES,
    files: FILES_PER_REQUEST,
};

#[post("/new")]
pub async fn create(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    let fields = Fields::from_multipart(multipart, LIMITS).await?;
    handle(ctx, visitor, state, path.into_inner(), None, fields).await
}

#[post("/drafts/{id}")]
pub async fn save(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let fields = Fields::from_multipart(multipart, LIMITS).await?;
    handle(ctx, visitor, state, slug, Some(id), fields).await
}

/// What became of a posted form.
enum Outcome {
    /// Not savable (too long, forged tags): nothing changed; the form comes back.
    Refused {
        errors: FieldErrors,
    },
    /// Saved as a draft; `errors` may hold problems with files or with submitting.
    Drafted {
        id: i64,
        files: Vec<AttachedFile>,
        errors: FieldErrors,
        message: Option<&'static str>,
        open: bool,
    },
    Submitted {
        path: String,
    },
}

async fn handle(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    slug: String,
    draft_id: Option<i64>,
    fields: Fields,
) -> Result<HttpResponse, AppError> {
    let input = Input::from_fields(&fields);
    let intent = Intent::parse(fields.get("action"));
    // Who is writing: the signed-in author, or the author of a session that timed out.
    let (account_id, timed_out) = match (visitor.user(), visitor.expired()) {
        (Some(user), _) => (user.id, false),
        (None, Some(expired)) => (expired.account_id, true),
        (None, None) => return signed_out(ctx, &state, slug, draft_id, input).await,
    };
    let files = fields.files;
    let owned_input = input.clone();
    let owned_slug = slug.clone();
    let (process, structure, outcome) = state
        .db(move |conn| {
            let process =
                processes::process_by_slug(conn, &owned_slug)?.ok_or(AppError::NotFound)?;
            // Someone else's draft is not found, whoever asks; then the role is checked.
            if let Some(id) = draft_id {
                own_contribution(conn, &process, id, account_id)?;
            }
            let actor = actor_for(conn, account_id, process.id)?;
            if !can(&actor, Action::SubmitContribution) {
                return Err(AppError::Forbidden);
            }
            let structure = processes::structure_of(conn, process.id)?;
            let outcome = post_in_db(
                conn,
                &process,
                &structure,
                account_id,
                draft_id,
                &owned_input,
                &files,
                if timed_out { Intent::SaveDraft } else { intent },
            )?;
            Ok((process, structure, outcome))
        })
        .await?;

    match outcome {
        Outcome::Submitted { path } => Ok(page::see_other(&path)),
        Outcome::Drafted { id, .. } if timed_out => {
            let next = format!("/p/{}/contributions/drafts/{id}", process.slug);
            Ok(page::see_other(&format!(
                "/login?next={}&notice=session-expired-draft-saved",
                crate::web::error::urlencode(&next)
            )))
        }
        Outcome::Drafted {
            id,
            files,
            errors,
            message,
            open,
        } => {
            if intent == Intent::SaveDraft && errors.is_empty() {
                return Ok(page::see_other(&format!(
                    "/p/{}/contributions/drafts/{id}?notice=draft-saved",
                    process.slug
                )));
            }
            let preview =
                (intent == Intent::Preview).then(|| crate::markdown::to_safe_html(&input.body));
            let status = if errors.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let page = FormPage {
                ctx,
                process,
                structure,
                input: Input {
                    remove_files: Vec::new(),
                    ..input
                },
                errors,
                draft_id: Some(id),
                files,
                preview,
                message,
                window_open: open,
            };
            page::render(&page, status)
        }
        Outcome::Refused { errors } => {
            let open = !matches!(
                state
                    .db({
                        let pid = process.id;
                        move |conn| window_open(conn, pid, account_id)
                    })
                    .await,
                Ok(false)
            );
            let files = match draft_id {
                Some(id) => {
                    state
                        .db(move |conn| Ok(attachments::files_of(conn, &[id])?))
                        .await?
                }
                None => Vec::new(),
            };
            page::invalid(&FormPage {
                ctx,
                process,
                structure,
                input,
                errors,
                draft_id,
                files,
                preview: None,
                message: Some("contribution-not-saved"),
                window_open: open,
            })
        }
    }
}

/// The database side of a posted form: save the draft (and its files), then submit it if
/// asked and allowed.
#[allow(clippy::too_many_arguments)]
fn post_in_db(
    conn: &mut DbConnection,
    process: &Process,
    structure: &Structure,
    account_id: i64,
    draft_id: Option<i64>,
    input: &Input,
    files: &[UploadedFile],
    intent: Intent,
) -> Result<Outcome, AppError> {
    let existing = match draft_id {
        Some(id) => {
            let contribution = own_contribution(conn, process, id, account_id)?;
            if contribution.status() != ContributionStatus::Draft {
                // Submitted from another tab meanwhile: nothing to save over.
                return Ok(Outcome::Submitted {
                    path: public_path(process, &contribution),
                });
            }
            Some(contribution)
        }
        None => None,
    };
    let (content, errors) = draft_content(input, structure);
    if !errors.is_empty() {
        return Ok(Outcome::Refused { errors });
    }
    let mut errors = FieldErrors::default();
    let mut pdfs = Vec::new();
    for file in files.iter().filter(|f| f.field == "attachments") {
        if looks_like_pdf(&file.content) {
            pdfs.push(file);
        } else {
            errors.add("attachments", "error-not-pdf");
        }
    }
    let organisation_id = accounts::account_by_id(conn, account_id)?
        .ok_or(AppError::Forbidden)?
        .organisation_id;
    // Decided before writing, so that a submission is one transaction (one durable commit).
    let window = submission_window(
        conn,
        process.id,
        account_id,
        PhaseKind::Consultation,
        st::now(),
    )?;
    let missing = submission_errors(&content);
    let submit_now =
        intent == Intent::Submit && errors.is_empty() && missing.is_empty() && window.is_ok();

    let (id, reference) =
        write_transaction(conn, |conn| -> Result<(i64, Option<String>), AppError> {
            let id = match &existing {
                Some(draft) => {
                    // Checked again under the write lock: a second tab submitting the same
                    // draft at the same moment finds it submitted and does not submit it twice.
                    let current = contributions::contribution_by_id(conn, draft.id)?
                        .ok_or(AppError::NotFound)?;
                    if current.status() != ContributionStatus::Draft {
                        return Ok((current.id, current.reference));
                    }
                    contributions::update_draft(conn, draft.id, &content)?;
                    draft.id
                }
                None => contributions::create_draft(
                    conn,
                    process.id,
                    account_id,
                    organisation_id,
                    &content,
                )?,
            };
            for file in &pdfs {
                let sha = hex(&Sha256::digest(&file.content));
                let stored = attachments::store_content(conn, &sha, &file.content)?;
                attachments::attach(conn, id, stored, &clean_file_name(&file.file_name))?;
            }
            for link in input
                .remove_files
                .iter()
                .filter_map(|l| l.parse::<i64>().ok())
            {
                attachments::detach(conn, id, link)?;
            }
            if !submit_now {
                return Ok((id, None));
            }
            let reference = next_reference(
                conn,
                process.id,
                &process.reference_prefix,
                ReferenceKind::Contribution,
            )?;
            let hash = rules::content_hash(&content.title, &content.body);
            let search_text =
                crate::store::search::search_text([content.title.as_str(), &content.body]);
            contributions::mark_submitted(conn, id, &reference, &hash, &search_text, st::now())?;
            audit::record(
                conn,
                Entry {
                    actor_id: Some(account_id),
                    process_id: Some(process.id),
                    action: "contribution.submit",
                    subject: format!("contribution:{reference}"),
                    detail: serde_json::json!({ "sha256": hash, "contribution_id": id }),
                },
            )?;
            Ok((id, Some(reference)))
        })?;

    if let Some(reference) = reference {
        tracing::info!(contribution_id = id, %reference, "contribution submitted");
        return Ok(Outcome::Submitted {
            path: format!(
                "/p/{}/contributions/{}?notice=submitted",
                process.slug,
                rules::reference_slug(&reference)
            ),
        });
    }
    let files = attachments::files_of(conn, &[id])?;
    let (errors, message) = if !errors.is_empty() {
        (errors, Some("contribution-kept-as-draft"))
    } else if intent != Intent::Submit {
        (errors, None)
    } else {
        let message = match window {
            Err(Closed::NotYetOpen) => "contribution-window-not-open-draft-kept",
            Err(Closed::Closed) => "contribution-window-closed-draft-kept",
            Ok(()) => "contribution-kept-as-draft",
        };
        (missing, Some(message))
    };
    Ok(Outcome::Drafted {
        id,
        files,
        errors,
        message,
        open: window.is_ok(),
    })
}

/// A form sent by a browser that is no longer signed in (signed out elsewhere): nothing can
/// be saved for nobody, so the text comes back in the form to be copied.
async fn signed_out(
    ctx: Ctx,
    state: &AppState,
    slug: String,
    draft_id: Option<i64>,
    input: Input,
) -> Result<HttpResponse, AppError> {
    let (process, structure) = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let structure = processes::structure_of(conn, process.id)?;
            Ok((process, structure))
        })
        .await?;
    page::render(
        &FormPage {
            ctx,
            process,
            structure,
            input,
            errors: FieldErrors::default(),
            draft_id,
            files: Vec::new(),
            preview: None,
            message: Some("contribution-signed-out-text-kept"),
            window_open: true,
        },
        StatusCode::UNAUTHORIZED,
    )
}

/// Saves the text being written every few seconds (the form's small script). Answers JSON.
#[post("/autosave")]
pub async fn autosave(
    user: Option<SignedIn>,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let Some(user) = user else {
        return Ok(HttpResponse::Unauthorized().json(serde_json::json!({ "error": "signed-out" })));
    };
    let fields = Fields::from_urlencoded(&body);
    let input = Input::from_fields(&fields);
    let draft_id = fields.get("draft_id").parse::<i64>().ok();
    let account_id = user.id;
    let slug = path.into_inner();
    let outcome = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let actor = actor_for(conn, account_id, process.id)?;
            if !can(&actor, Action::SubmitContribution) {
                return Err(AppError::Forbidden);
            }
            let structure = processes::structure_of(conn, process.id)?;
            let outcome = post_in_db(
                conn,
                &process,
                &structure,
                account_id,
                draft_id,
                &Input {
                    remove_files: Vec::new(),
                    ..input
                },
                &[],
                Intent::SaveDraft,
            )?;
            Ok((process.slug, outcome))
        })
        .await?;
    Ok(match outcome {
        (slug, Outcome::Drafted { id, .. }) => HttpResponse::Ok().json(serde_json::json!({
            "draft_id": id,
            "edit_url": format!("/p/{slug}/contributions/drafts/{id}"),
            "saved_at": st::now().format("%H:%M:%S").to_string(),
        })),
        (_, Outcome::Refused { .. }) => {
            HttpResponse::UnprocessableEntity().json(serde_json::json!({ "error": "invalid" }))
        }
        (_, Outcome::Submitted { path }) => {
            HttpResponse::Conflict().json(serde_json::json!({ "error": "submitted", "url": path }))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(20 * 1024), "20 kB");
        assert_eq!(human_size(3 * 1024 * 1024 + 100_000), "3.1 MB");
    }

    #[test]
    fn unknown_buttons_save_a_draft() {
        assert_eq!(Intent::parse("submit"), Intent::Submit);
        assert_eq!(Intent::parse("<script>"), Intent::SaveDraft);
    }
}
