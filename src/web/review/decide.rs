//! A decision on the version of a proposal the reviewer read (`app::review::decide`). What
//! was typed comes back with the reason whenever it is refused: beside its field (422), or
//! on the proposal as it now stands when it changed since it was read (409).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};

use super::proposal::page_again;
use crate::app;
use crate::app::review::decide::{self as app_decide, DecisionForm};
use crate::paths;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::SignedIn;

#[post("/{reference}/decision")]
pub async fn decide(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, number, reference) = path.into_inner();
    let form = form.into_inner();
    let person = user.person();
    let (owned, typed) = ((slug, number, reference), form.clone());
    let named = owned.clone();
    let result = state
        .run(move |conn| {
            let (slug, number, reference) = &named;
            app_decide::decide(conn, person, slug, number, reference, &typed)
        })
        .await;
    match result {
        Ok(done) => {
            let queue = paths::review_queue(&done.process_slug, done.group_number);
            Ok(page::see_other(&format!(
                "{queue}?notice=decision-recorded"
            )))
        }
        Err(app::Error::Invalid(errors)) => {
            let mut page = page_again(ctx, &state, person, owned).await?;
            page.form = form;
            page.errors = errors;
            page.render(StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(app::Error::Conflict(message)) => {
            let mut page = page_again(ctx, &state, person, owned).await?;
            // The page now shows the proposal as it stands: a decision made from it is on
            // the version shown, and what was typed is kept.
            page.form = DecisionForm {
                version: page.form.version.clone(),
                ..form
            };
            page.message = Some(message);
            page.render(StatusCode::CONFLICT)
        }
        Err(other) => Err(other.into()),
    }
}
