//! Internal notes on a proposal under review, and replies to them
//! (`app::review::notes`). A refused text comes back in its form (422).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};

use super::proposal::page_again;
use crate::app;
use crate::app::review::notes::{self as app_notes, NoteForm};
use crate::paths;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::SignedIn;

#[post("/{reference}/notes")]
pub async fn add_note(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<NoteForm>,
) -> Result<HttpResponse, AppError> {
    let (slug, number, reference) = path.into_inner();
    let form = form.into_inner();
    let person = user.person();
    let (owned, typed) = ((slug, number, reference), form.clone());
    let named = owned.clone();
    let result = state
        .run(move |conn| {
            let (slug, number, reference) = &named;
            app_notes::add_note(conn, person, slug, number, reference, &typed)
        })
        .await;
    match result {
        Ok(added) => {
            let path = paths::review(&added.process_slug, added.group_number, &added.reference);
            Ok(page::see_other(&format!(
                "{path}?notice=note-added#note-{}",
                added.id
            )))
        }
        Err(app::Error::Invalid(errors)) => {
            let mut page = page_again(ctx, &state, person, owned).await?;
            page.note = form;
            page.note_errors = errors;
            page.render(StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(other) => Err(other.into()),
    }
}
