//! Taking a contribution back (its author) and hiding one with a public reason (moderators
//! and the secretariat), and showing a hidden one again with a reason (moderators). Handlers
//! only: the work is `app::contributions::{withdraw, moderate}`.

use actix_web::{HttpResponse, post, web};
use serde::Deserialize;

use super::view::ShowPage;
use crate::app::contributions::{moderate, pages, withdraw as withdrawal};
use crate::app::{self, Person};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::SignedIn;

#[post("/{reference}/withdraw")]
pub async fn withdraw(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let person = user.person();
    let done = state
        .run(move |conn| withdrawal::withdraw(conn, person, &slug, &reference))
        .await?;
    Ok(page::see_other(&done.location))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct HideForm {
    reason: String,
}

#[post("/{reference}/hide")]
pub async fn hide(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<HideForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let person = user.person();
    let reason = form.into_inner().reason;
    let done = state
        .run(move |conn| moderate::hide(conn, person, &slug, &reference, &reason))
        .await?;
    Ok(page::see_other(&done.location))
}

/// A moderator makes a hidden contribution public again. A reason too short or too long
/// shows the contribution's page again, the reason typed kept and the error beside it.
#[post("/{reference}/unhide")]
pub async fn unhide(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<HideForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let person: Person = user.person();
    let typed = form.into_inner().reason;
    let reason = typed.clone();
    let (process, contribution) = (slug.clone(), reference.clone());
    let unhiding =
        state.run(move |conn| moderate::unhide(conn, person, &process, &contribution, &reason));
    let errors = match unhiding.await {
        Ok(done) => return Ok(page::see_other(&done.location)),
        Err(app::Error::Invalid(errors)) => errors,
        Err(other) => return Err(other.into()),
    };
    let view = state
        .run(move |conn| pages::contribution(conn, Some(person), &slug, &reference))
        .await?;
    page::invalid(&ShowPage::new(ctx, view, typed, errors))
}
