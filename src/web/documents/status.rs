//! Marking a paragraph of the draft pending, agreed ad referendum or agreed
//! (`app::documents::status`).

use actix_web::{HttpResponse, post, web};
use serde::Deserialize;

use crate::app::documents::status;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page;
use crate::web::session::SignedIn;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusForm {
    status: String,
}

#[post("/{document}/nodes/{key}/status")]
pub async fn set_status(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, key) = path.into_inner();
    let sent = form.into_inner().status;
    let person = user.person();
    let location = state
        .run(move |conn| {
            status::set_status(conn, person, &process_slug, &document_slug, &key, &sent)
        })
        .await?;
    Ok(page::see_other(&location))
}
