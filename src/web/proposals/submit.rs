//! Saving what the writing form sends: a draft, a first submission, or a new version
//! (`app::proposals::submit`). A form refused comes back with its messages (422) and what
//! was typed; a text kept as a draft sends its writer to it, or to sign in again.

use actix_web::{HttpResponse, post, web};

use super::edit::{FormPage, render};
use super::writer_of;
use crate::app;
use crate::app::proposals::edit as app_edit;
use crate::app::proposals::form::ProposalForm;
use crate::app::proposals::submit::{self as app_submit, Kept, Outcome, Saved};
use crate::domain::ids::ProposalId;
use crate::paths;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::Visitor;

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
    let writer = writer_of(&visitor, paths::proposal_new(&slug))?;
    let (sent, owned_slug) = (form.clone(), slug.clone());
    match state
        .run(move |conn| app_submit::create(conn, writer, &owned_slug, &sent))
        .await
    {
        Ok(saved) => {
            compare_later(&state, &saved);
            Ok(redirect(saved))
        }
        Err(app::Error::Invalid(errors)) => {
            let setting = state
                .run(move |conn| app_edit::new_form_of_writer(conn, writer, &slug))
                .await?;
            render(FormPage::new(ctx, setting, form, errors))
        }
        Err(other) => Err(other.into()),
    }
}

#[post("/drafts/{id}")]
pub async fn save(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, ProposalId)>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let form = ProposalForm::from_pairs(body.into_inner());
    let writer = writer_of(&visitor, paths::proposal_draft(&slug, id))?;
    let (sent, owned_slug) = (form.clone(), slug.clone());
    match state
        .run(move |conn| app_submit::save(conn, writer, &owned_slug, id, &sent))
        .await
    {
        Ok(saved) => {
            compare_later(&state, &saved);
            Ok(redirect(saved))
        }
        Err(app::Error::Invalid(errors)) => {
            let setting = state
                .run(move |conn| app_edit::draft_setting(conn, writer, &slug, id))
                .await?;
            render(FormPage::new(ctx, setting, form, errors))
        }
        Err(other) => Err(other.into()),
    }
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
