//! Writing a contribution: the form, drafts saved on the server, preview, and submission
//! with its receipt. Handlers only: the work is `app::contributions::{form, submit}`.
//!
//! Whatever goes wrong, the text survives: invalid input comes back in the form; a window
//! that closed, or a session that timed out, leaves the text saved as a draft; a database
//! that cannot take it gives it back with 503 and `Retry-After` (`web::kept`).

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
use crate::domain::text_language::TextLanguage;
use crate::paths;
use crate::store::attachments::AttachedFile;
use crate::store::processes::{Process, Structure, Theme, ThemeKind};
use crate::web::AppState;
use crate::web::bodies::MULTIPART_TEXT_LIMIT;
use crate::web::error::AppError;
use crate::web::forms::{Fields, Limits};
use crate::web::kept::{self, KeptField, Poster};
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::SignedIn;

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
    /// The public events it may be made for: id and title.
    events: Vec<(i64, String)>,
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
            events: form.events,
        }
    }

    fn action_path(&self) -> String {
        action_path(&self.process.slug, self.draft_id)
    }

    fn themes(&self) -> Vec<&Theme> {
        self.structure.themes_of(ThemeKind::Theme).collect()
    }

    fn languages(&self) -> [TextLanguage; 6] {
        TextLanguage::ALL
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
    let input = Input {
        interface: Some(ctx.lang),
        ..Input::default()
    };
    page::ok(&FormPage::new(ctx, form, input, None))
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

/// The form's title, text, checkboxes and files, with room to spare; 200,000 empty parts
/// are not a form.
const LIMITS: Limits = Limits {
    text_bytes: MULTIPART_TEXT_LIMIT,
    file_bytes: FILE_MAX_BYTES,
    files: FILES_PER_REQUEST,
    parts: 2_000,
};

#[post("/new")]
pub async fn create(
    poster: Poster,
    state: web::Data<AppState>,
    path: web::Path<String>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    let fields = Fields::from_multipart(multipart, LIMITS).await?;
    handle(poster, state, path.into_inner(), None, fields).await
}

#[post("/drafts/{id}")]
pub async fn save(
    poster: Poster,
    state: web::Data<AppState>,
    path: web::Path<(String, ContributionId)>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let fields = Fields::from_multipart(multipart, LIMITS).await?;
    handle(poster, state, slug, Some(id), fields).await
}

async fn handle(
    poster: Poster,
    state: web::Data<AppState>,
    slug: String,
    draft_id: Option<ContributionId>,
    fields: Fields,
) -> Result<HttpResponse, AppError> {
    let interface = match &poster {
        Poster::Known(ctx, _) | Poster::Unknown(ctx) => ctx.lang,
    };
    let input = input_from_fields(&fields, interface);
    let intent = Intent::parse(fields.get("action"));
    // Copied before the files are taken: what comes back if nothing can be saved.
    let given_back = kept(&fields);
    let (ctx, visitor) = match poster {
        Poster::Known(ctx, visitor) => (ctx, visitor),
        Poster::Unknown(ctx) => {
            return kept::page(ctx, action_path(&slug, draft_id), true, given_back);
        }
    };
    // Who is writing: the signed-in author, or the author of a session that timed out, whose
    // text is then only saved as a draft, whatever button was pressed.
    let (person, timed_out) = match (visitor.person(), visitor.expired()) {
        (Some(person), _) => (person, false),
        (None, Some(expired)) => (expired_author(expired.account_id), true),
        // `web::bodies` refuses a browser with no session before its body is read; this is
        // only reached if the session ended in between.
        (None, None) => return Err(AppError::SignedOut),
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
        // The database cannot take it (down, full, its batch not committed), or the write
        // failed otherwise: nothing is acknowledged, and the text comes back to be sent again.
        Err(app::Error::StorageUnavailable(source)) => {
            let _logged = AppError::storage_unavailable(source);
            let unsaved = Unsaved::new(ctx, input, given_back, kept::MESSAGE);
            not_saved(&state, person, slug, draft_id, unsaved).await
        }
        Err(app::Error::Internal(source)) => {
            let _logged = AppError::internal(source);
            let message = "contribution-not-saved-failure";
            let unsaved = Unsaved::new(ctx, input, given_back, message);
            not_saved(&state, person, slug, draft_id, unsaved).await
        }
        Err(other) => Err(other.into()),
    }
}

/// A posted text that could not be saved, and what to say about it.
struct Unsaved {
    ctx: Ctx,
    input: Input,
    kept: Vec<KeptField>,
    message: &'static str,
}

impl Unsaved {
    fn new(ctx: Ctx, input: Input, kept: Vec<KeptField>, message: &'static str) -> Self {
        Self {
            ctx,
            input,
            kept,
            message,
        }
    }
}

/// The text that could not be saved, back in its form, 503 with `Retry-After`; or, when the
/// form's setting cannot be read either, on the plain page that needs no database.
async fn not_saved(
    state: &AppState,
    person: Person,
    slug: String,
    draft_id: Option<ContributionId>,
    unsaved: Unsaved,
) -> Result<HttpResponse, AppError> {
    let action = action_path(&slug, draft_id);
    let form = state
        .run(move |conn| writing::refused_form(conn, person, &slug, draft_id))
        .await;
    let Unsaved {
        ctx,
        input,
        kept,
        message,
    } = unsaved;
    match form {
        Ok(form) => kept::unavailable(&FormPage {
            message: Some(message),
            ..FormPage::new(ctx, form, input, draft_id)
        }),
        Err(_) => kept::page(ctx, action, true, kept),
    }
}

/// Where the form is sent: a new contribution, or the draft written over.
fn action_path(slug: &str, draft_id: Option<ContributionId>) -> String {
    match draft_id {
        Some(id) => paths::contribution_draft(slug, id),
        None => paths::contribution_new(slug),
    }
}

/// The form's fields, to give back on the page that needs no database (files cannot be).
fn kept(fields: &Fields) -> Vec<KeptField> {
    let mut kept = vec![
        KeptField::shown(
            "title",
            "field-contribution-title",
            fields.get("title"),
            false,
        ),
        KeptField::shown("body", "field-contribution-body", fields.get("body"), true),
    ];
    for name in [
        "language",
        "language_default",
        "event",
        "group",
        "theme",
        "action",
    ] {
        kept.extend(
            fields
                .all(name)
                .into_iter()
                .map(|value| KeptField::carried(name, value)),
        );
    }
    kept
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
