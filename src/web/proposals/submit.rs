//! Saving what the writing form sends: a draft, a first submission, or a new version
//! (`app::proposals::submit`). A form refused comes back with its messages (422) and what
//! was typed; a text kept as a draft sends its writer to it, or to sign in again; a database
//! that cannot take it gives it back with 503 and `Retry-After` (`web::kept`).

use actix_web::{HttpResponse, post, web};

use super::edit::{FormPage, render};
use super::writer_of;
use crate::app;
use crate::app::proposals::Writer;
use crate::app::proposals::edit as app_edit;
use crate::app::proposals::form::ProposalForm;
use crate::app::proposals::submit::{self as app_submit, Kept, Outcome, Saved};
use crate::domain::ids::ProposalId;
use crate::domain::proposals::text::Field;
use crate::paths;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::kept::{self, KeptField, Poster};
use crate::web::page::{self, FieldErrors};

/// What the form writes: a new proposal, or a draft or the next version of one.
#[derive(Debug, Clone, Copy)]
enum Target {
    New,
    Existing(ProposalId),
}

impl Target {
    fn action(self, slug: &str) -> String {
        match self {
            Target::New => paths::proposal_new(slug),
            Target::Existing(id) => paths::proposal_draft(slug, id),
        }
    }
}

#[post("/new")]
pub async fn create(
    poster: Poster,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let pairs = body.into_inner();
    handle(poster, state, path.into_inner(), Target::New, pairs).await
}

#[post("/drafts/{id}")]
pub async fn save(
    poster: Poster,
    state: web::Data<AppState>,
    path: web::Path<(String, ProposalId)>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    handle(poster, state, slug, Target::Existing(id), body.into_inner()).await
}

async fn handle(
    poster: Poster,
    state: web::Data<AppState>,
    slug: String,
    target: Target,
    pairs: Vec<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let given_back = kept_fields(&pairs);
    let mut form = ProposalForm::from_pairs(pairs);
    form.interface = Some(match &poster {
        Poster::Known(ctx, _) | Poster::Unknown(ctx) => ctx.lang,
    });
    let (ctx, visitor) = match poster {
        Poster::Known(ctx, visitor) => (ctx, visitor),
        Poster::Unknown(ctx) => return kept::page(ctx, target.action(&slug), false, given_back),
    };
    let writer = writer_of(&visitor, target.action(&slug))?;
    let (sent, owned_slug) = (form.clone(), slug.clone());
    let saved = state
        .run(move |conn| match target {
            Target::New => app_submit::create(conn, writer, &owned_slug, &sent),
            Target::Existing(id) => app_submit::save(conn, writer, &owned_slug, id, &sent),
        })
        .await;
    match saved {
        Ok(saved) => {
            compare_later(&state, &saved);
            Ok(redirect(saved))
        }
        Err(app::Error::Invalid(errors)) => {
            let setting = setting(&state, writer, slug, target).await?;
            render(FormPage::new(ctx, setting, form, errors))
        }
        // Nothing was saved: the text comes back in its form, or on the plain page when the
        // form's setting cannot be read either.
        Err(app::Error::StorageUnavailable(source)) => {
            let _logged = AppError::storage_unavailable(source);
            let action = target.action(&slug);
            match setting(&state, writer, slug, target).await {
                Ok(setting) => {
                    let page = FormPage::new(ctx, setting, form, FieldErrors::default());
                    kept::unavailable(&page.saying(kept::MESSAGE))
                }
                Err(_) => kept::page(ctx, action, false, given_back),
            }
        }
        Err(other) => Err(other.into()),
    }
}

/// What the form page shows besides the form.
async fn setting(
    state: &AppState,
    writer: Writer,
    slug: String,
    target: Target,
) -> Result<app_edit::Setting, app::Error> {
    state
        .run(move |conn| match target {
            Target::New => app_edit::new_form_of_writer(conn, writer, &slug),
            Target::Existing(id) => app_edit::draft_setting(conn, writer, &slug, id),
        })
        .await
}

/// The form's fields, to give back on the page that needs no database: the texts shown,
/// the group, themes, version and button carried along.
fn kept_fields(pairs: &[(String, String)]) -> Vec<KeptField> {
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let mut kept: Vec<KeptField> = Field::ALL
        .into_iter()
        .map(|field| {
            let long = field != Field::Title;
            KeptField::shown(field.name(), field.label_key(), value(field.name()), long)
        })
        .collect();
    kept.extend(
        pairs
            .iter()
            .filter(|(k, _)| {
                matches!(
                    k.as_str(),
                    "group" | "theme" | "base_version" | "intent" | "language" | "language_default"
                )
            })
            .map(|(k, v)| KeptField::carried(k, v)),
    );
    kept
}

/// Compares a proposal just submitted with its group once its writer is answered, so review
/// pages find what it is alike without comparing it themselves (they would, were it lost).
fn compare_later(state: &web::Data<AppState>, saved: &Saved) {
    let Outcome::Submitted { id, .. } = saved.outcome else {
        return;
    };
    let state = state.clone();
    actix_web::rt::spawn(async move {
        let compared = state
            .run(move |conn| app::review::similar::compare_submitted(conn, id))
            .await;
        if let Err(error) = compared {
            tracing::warn!(proposal_id = %id, error = %error, "a submitted proposal was not compared");
        }
    });
}

/// Where the writer goes once their text is saved.
fn redirect(saved: Saved) -> HttpResponse {
    let slug = &saved.process_slug;
    match saved.outcome {
        Outcome::Kept(Kept::OnRequest, id) => page::see_other(&format!(
            "{}?notice=proposal-draft-saved",
            paths::proposal_draft(slug, id)
        )),
        Outcome::Kept(Kept::WindowClosed, id) => page::see_other(&format!(
            "{}?notice=proposal-window-closed",
            paths::proposal_draft(slug, id)
        )),
        Outcome::Kept(Kept::SessionExpired, id) => page::see_other(&format!(
            "{}&notice=proposal-session-expired",
            paths::login_then(&paths::proposal_draft(slug, id))
        )),
        Outcome::Submitted {
            reference, first, ..
        } => {
            let notice = if first {
                "proposal-submitted"
            } else {
                "proposal-version-submitted"
            };
            page::see_other(&format!(
                "{}?notice={notice}",
                paths::proposal(slug, &reference)
            ))
        }
    }
}
