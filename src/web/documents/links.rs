//! Linking a node to its sources, and removing a link (`app::documents::links`). A reference
//! that names nothing shows the node's form again, 422, with what was typed.

use actix_web::{HttpResponse, post, web};
use serde::Deserialize;

use super::edit::{NodePage, editor_now};
use crate::app;
use crate::app::documents::edit::Editor;
use crate::app::documents::links::{self, NewLink};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::SignedIn;

/// The form that links a source; its fields are shown again when it names none.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    pub source_kind: String,
    pub reference: String,
    pub version: String,
    pub quote: String,
    pub note: String,
}

#[post("/{document}/nodes/{key}/links")]
pub async fn add_link(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<LinkForm>,
) -> Result<HttpResponse, AppError> {
    let path = path.into_inner();
    let form = form.into_inner();
    let new = NewLink {
        source_kind: form.source_kind.clone(),
        reference: form.reference.clone(),
        version: form.version.clone(),
        quote: form.quote.clone(),
        note: form.note.clone(),
    };
    let person = user.person();
    let (process_slug, document_slug, key) = path.clone();
    let linking = state
        .run(move |conn| links::add_link(conn, person, &process_slug, &document_slug, &key, &new));
    let errors = match linking.await {
        Ok(location) => return Ok(page::see_other(&location)),
        Err(app::Error::Invalid(errors)) => errors,
        Err(other) => return Err(other.into()),
    };
    let key = path.2.clone();
    let Editor { loaded, node } = editor_now(&state, person, path).await?;
    let node = node.ok_or(AppError::NotFound)?;
    let mut page = NodePage::new(ctx, loaded, key, node);
    page.errors = errors;
    page.source_form = form;
    page::invalid(&page)
}

#[post("/{document}/nodes/{key}/links/{link}/remove")]
pub async fn remove_link(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String, i64)>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, key, link) = path.into_inner();
    let person = user.person();
    let location = state
        .run(move |conn| {
            links::remove_link(conn, person, &process_slug, &document_slug, &key, link)
        })
        .await?;
    Ok(page::see_other(&location))
}
