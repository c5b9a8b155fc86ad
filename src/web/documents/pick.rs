//! The picker: drafters search the published Chair's summary and the accepted proposals and
//! pull paragraphs into the working copy (`app::documents::pick`).

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::app::documents::Loaded;
use crate::app::documents::pick::{self as picker, Candidate, Picked};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::SignedIn;

#[derive(Template)]
#[template(path = "documents/pick.html")]
struct PickPage {
    ctx: Ctx,
    loaded: Loaded,
    query: String,
    after: String,
    candidates: Vec<Candidate>,
    total: usize,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PickQuery {
    q: String,
    after: String,
}

#[get("/{document}/pick")]
pub async fn pick(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<PickQuery>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug) = path.into_inner();
    let PickQuery { q, after } = query.into_inner();
    let person = user.person();
    let query = q.clone();
    let Picked {
        loaded,
        candidates,
        total,
    } = state
        .run(move |conn| picker::pick(conn, person, &process_slug, &document_slug, &query))
        .await?;
    page::ok(&PickPage {
        ctx,
        loaded,
        query: q,
        after,
        candidates,
        total,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PullForm {
    source: String,
    after: String,
}

/// Inserts the chosen paragraph (or proposal: its commitment and lettered measures) after
/// `after`, or at the end, with its provenance.
#[post("/{document}/pull")]
pub async fn pull(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<PullForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug) = path.into_inner();
    let PullForm { source, after } = form.into_inner();
    let person = user.person();
    let location = state
        .run(move |conn| picker::pull(conn, person, &process_slug, &document_slug, &source, &after))
        .await?;
    Ok(page::see_other(&location))
}
