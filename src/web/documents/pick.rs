//! The picker: drafters search the published Chair's summary and the accepted proposals and
//! pull paragraphs into the working copy (`app::documents::pick`); a group report's editors
//! pull in every accepted proposal of the group it does not cite yet at once.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::app::documents::Loaded;
use crate::app::documents::pick::{self as picker, Candidate, Picked, Scope};
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
    scope: Scope,
}

impl PickPage {
    /// Whether the document is a group report, whose picker may look in its group alone.
    fn has_group(&self) -> bool {
        self.loaded.document.group_id.is_some()
    }

    fn in_group(&self) -> bool {
        self.scope == Scope::Group
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PickQuery {
    q: String,
    after: String,
    /// `all` widens a group report's picker to the whole process; anything else is ignored.
    scope: String,
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
    let PickQuery { q, after, scope } = query.into_inner();
    let person = user.person();
    let query = q.clone();
    let asked = Scope::parse(&scope);
    let Picked {
        loaded,
        candidates,
        total,
        scope,
    } = state
        .run(move |conn| picker::pick(conn, person, &process_slug, &document_slug, &query, asked))
        .await?;
    page::ok(&PickPage {
        ctx,
        loaded,
        query: q,
        after,
        candidates,
        total,
        scope,
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

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PullAcceptedForm {
    /// The version ids of the proposals the page listed, separated by commas.
    versions: String,
}

/// Adds to a group report every accepted proposal of its group that the page listed as not
/// cited yet, in one go.
#[post("/{document}/pull-accepted")]
pub async fn pull_accepted(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<PullAcceptedForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug) = path.into_inner();
    let versions: Vec<String> = form
        .into_inner()
        .versions
        .split(',')
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect();
    let person = user.person();
    let location = state
        .run(move |conn| {
            picker::pull_accepted(conn, person, &process_slug, &document_slug, &versions)
        })
        .await?;
    Ok(page::see_other(&location))
}
