//! Writing a contribution: the form, drafts saved on the server, preview, and submission
//! with its receipt. Handlers only: the work is `app::contributions::{form, submit}`.
//!
//! Whatever goes wrong, the text survives: invalid input comes back in the form; a window
//! that closed, or a session that timed out, leaves the text saved as a draft.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;

use super::{FILE_MAX_BYTES, FILES_PER_REQUEST, human_size, input_from_fields, uploads};
use crate::app::contributions::form::{self as writing, DraftForm, WritingForm};
use crate::app::contributions::input::{BODY_MAX, Input, Intent, TITLE_MAX};
use crate::app::contributions::submit::{self, Drafted, Posted, Posting, Prepared, Write};
use crate::app::{self, Person};
use crate::domain::ids::ContributionId;
use crate::paths;
use crate::store::attachments::AttachedFile;
use crate::store::processes::{Process, Structure, Theme, ThemeKind};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{Fields, Limits};
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
    draft_id: Option<ContributionId>,
    files: Vec<AttachedFile>,
    preview: Option<String>,
    /// What just happened, when it needs saying on the form itself.
    message: Option<&'static str>,
    window_open: bool,
}

impl FormPage {
    /// The form in its setting, with nothing said yet.
    fn new(ctx: Ctx, form: WritingForm, input: Input, draft_id: Option<ContributionId>) -> Self {
        Self {
            ctx,
            process: form.process,
            structure: form.structure,
            input,
            errors: FieldErrors::default(),
            draft_id,
            files: form.files,
            preview: None,
            message: (!form.window_open).then_some("contribution-window-closed"),
            window_open: form.window_open,
        }
    }

    fn action_path(&self) -> String {
        match self.draft_id {
            Some(id) => paths::contribution_draft(&self.process.slug, id),
            None => paths::contribution_new(&self.process.slug),
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
        human_size(*bytes, self.ctx.lang)
    }
}

#[get("/new")]
pub async fn new_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let form = state
        .run(move |conn| writing::new_form(conn, person, &path))
        .await?;
    page::ok(&FormPage::new(ctx, form, Input::default(), None))
}

#[get("/drafts/{id}")]
pub async fn edit_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, ContributionId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let person = user.person();
    match state
        .run(move |conn| writing::draft_form(conn, person, &slug, id))
        .await?
    {
        DraftForm::Editing { form, input } => page::ok(&FormPage::new(ctx, *form, input, Some(id))),
        DraftForm::Submitted { location } => Ok(page::see_other(&location)),
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
    path: web::Path<(String, ContributionId)>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let fields = Fields::from_multipart(multipart, LIMITS).await?;
    handle(ctx, visitor, state, slug, Some(id), fields).await
}

async fn handle(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    slug: String,
    draft_id: Option<ContributionId>,
    fields: Fields,
) -> Result<HttpResponse, AppError> {
    let input = input_from_fields(&fields);
    let intent = Intent::parse(fields.get("action"));
    // Who is writing: the signed-in author, or the author of a session that timed out, whose
    // text is then only saved as a draft, whatever button was pressed.
    let (person, timed_out) = match (visitor.person(), visitor.expired()) {
        (Some(person), _) => (person, false),
        (None, Some(expired)) => (expired_author(expired.account_id), true),
        (None, None) => return signed_out(ctx, &state, slug, draft_id, input).await,
    };
    let posting = Posting {
        draft_id,
        input: input.clone(),
        uploads: uploads(fields.files),
        intent: if timed_out { Intent::SaveDraft } else { intent },
    };
    let posted = post(&state, person, slug.clone(), posting).await;
    match posted {
        Ok(Posted::Submitted { location }) => Ok(page::see_other(&location)),
        Ok(Posted::Drafted(drafted)) if timed_out => {
            let next = paths::contribution_draft(&drafted.form.process.slug, drafted.id);
            Ok(page::see_other(&format!(
                "{}&notice=session-expired-draft-saved",
                paths::login_then(&next)
            )))
        }
        Ok(Posted::Drafted(drafted)) => drafted_page(ctx, *drafted, input, intent),
        Err(app::Error::Invalid(errors)) => {
            let form = state
                .run(move |conn| writing::refused_form(conn, person, &slug, draft_id))
                .await?;
            page::invalid(&FormPage {
                errors,
                message: Some("contribution-not-saved"),
                ..FormPage::new(ctx, form, input, draft_id)
            })
        }
        // A failure of the write (its batch did not commit, the writer stopped): nothing is
        // acknowledged, and the text comes back in the form to be sent again.
        Err(app::Error::Internal(source)) => {
            let logged = AppError::internal(source);
            let form = state
                .run(move |conn| writing::refused_form(conn, person, &slug, draft_id))
                .await
                .map_err(|_| logged)?;
            page::render(
                &FormPage {
                    message: Some("contribution-not-saved-failure"),
                    ..FormPage::new(ctx, form, input, draft_id)
                },
                StatusCode::SERVICE_UNAVAILABLE,
            )
        }
        Err(other) => Err(other.into()),
    }
}

/// A posted form: read and decided on the pool, written by the writer (with the submissions
/// it shares a commit with), then answered, with one more read for a text kept as a draft.
async fn post(
    state: &AppState,
    person: Person,
    slug: String,
    posting: Posting,
) -> Result<Posted, app::Error> {
    let prepared = state
        .run(move |conn| submit::prepare(conn, person, &slug, posting))
        .await?;
    let write = match prepared {
        Prepared::Done(posted) => return Ok(posted),
        Prepared::Write(write) => *write,
    };
    let Write { save: job, after } = write;
    let saved = state.write(move |conn| job.run(conn)).await?;
    match after.submitted(&saved) {
        Some(posted) => Ok(posted),
        None => state.run(move |conn| after.answer(conn, saved)).await,
    }
}

/// The account of a session that timed out: it acts as the account, without an
/// administrator's rights.
fn expired_author(account_id: i64) -> Person {
    Person {
        account_id,
        is_admin: false,
    }
}

/// A text saved as a draft: back to the form, which says why it is not submitted (or, for a
/// plain save, a redirect with the notice).
fn drafted_page(
    ctx: Ctx,
    drafted: Drafted,
    input: Input,
    intent: Intent,
) -> Result<HttpResponse, AppError> {
    let Drafted {
        id,
        form,
        errors,
        message,
    } = drafted;
    if intent == Intent::SaveDraft && errors.is_empty() {
        return Ok(page::see_other(&format!(
            "{}?notice=draft-saved",
            paths::contribution_draft(&form.process.slug, id)
        )));
    }
    let preview = (intent == Intent::Preview).then(|| crate::markdown::to_safe_html(&input.body));
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let input = Input {
        remove_files: Vec::new(),
        ..input
    };
    let page = FormPage {
        errors,
        preview,
        message,
        ..FormPage::new(ctx, form, input, Some(id))
    };
    page::render(&page, status)
}

/// A form sent by a browser that is no longer signed in (signed out elsewhere): nothing can
/// be saved for nobody, so the text comes back in the form to be copied.
async fn signed_out(
    ctx: Ctx,
    state: &AppState,
    slug: String,
    draft_id: Option<ContributionId>,
    input: Input,
) -> Result<HttpResponse, AppError> {
    let form = state
        .run(move |conn| writing::signed_out_form(conn, &slug))
        .await?;
    let page = FormPage {
        message: Some("contribution-signed-out-text-kept"),
        ..FormPage::new(ctx, form, input, draft_id)
    };
    page::render(&page, StatusCode::UNAUTHORIZED)
}
