//! Registering for an event from its page, and cancelling. Handlers only: the work is
//! `app::events::registration`. A registration that has closed meanwhile shows the event's
//! page again with the reason (409).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};

use super::ShowPage;
use crate::app;
use crate::domain::attendance::RegistrationStatus;
use crate::paths;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::SignedIn;

#[post("/{event}/registration")]
pub async fn register(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, event) = path.into_inner();
    let listed = body.iter().any(|(k, _)| k == "listed");
    let at = slug.clone();
    let done = state
        .run(move |conn| app::events::registration::register(conn, person, &at, event, listed))
        .await;
    let notice = match done {
        Ok(RegistrationStatus::Waitlisted) => "event-waitlisted",
        Ok(_) => "event-registered",
        Err(app::Error::Conflict(why)) => return closed(ctx, &state, slug, event, why).await,
        Err(other) => return Err(other.into()),
    };
    Ok(page::see_other(&format!(
        "{}?notice={notice}",
        paths::event(&slug, event)
    )))
}

#[post("/{event}/registration/cancel")]
pub async fn cancel(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, event) = path.into_inner();
    let at = slug.clone();
    let done = state
        .run(move |conn| app::events::registration::cancel(conn, person, &at, event))
        .await;
    match done {
        Ok(()) => Ok(page::see_other(&format!(
            "{}?notice=event-registration-cancelled",
            paths::event(&slug, event)
        ))),
        Err(app::Error::Conflict(why)) => closed(ctx, &state, slug, event, why).await,
        Err(other) => Err(other.into()),
    }
}

/// The event's page again, saying why nothing changed.
async fn closed(
    ctx: Ctx,
    state: &AppState,
    slug: String,
    event: i64,
    why: &'static str,
) -> Result<HttpResponse, AppError> {
    let person = ctx.user.as_ref().map(|u| u.person());
    let view = state
        .run(move |conn| app::events::show(conn, person, &slug, event))
        .await?;
    page::render(
        &ShowPage {
            ctx,
            view,
            message: Some(why),
        },
        StatusCode::CONFLICT,
    )
}
