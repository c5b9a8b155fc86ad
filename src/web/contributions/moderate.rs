//! Taking a contribution back (its author) and hiding one with a public reason (moderators
//! and the secretariat). Handlers only: the work is `app::contributions::{withdraw, moderate}`.

use actix_web::{HttpResponse, post, web};
use serde::Deserialize;

use crate::app::contributions::{moderate, withdraw as withdrawal};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page;
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
