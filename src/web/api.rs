//! A small read-only JSON API of what is public: processes, their groups, contributions and
//! proposals (in pages, with a cursor), and published revisions. Documented in the README.

use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::Deserialize;
use serde_json::json;

use crate::app;
use crate::app::api::{DatasetPage, ProcessSummary, Records};
use crate::app::opendata::Dataset;
use crate::domain::time::rfc3339;
use crate::paths;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::{page, pagecache};

const PAGE: i64 = 100;

#[get("/api/processes")]
pub async fn api_processes(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let all = state.run(app::processes::all_processes).await?;
    let list: Vec<_> = all
        .iter()
        .map(|p| json!({ "slug": p.slug, "title": p.title, "url": paths::api_process(&p.slug) }))
        .collect();
    Ok(HttpResponse::Ok().json(json!({ "processes": list })))
}

#[get("/api/p/{process}")]
pub async fn api_process(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let ProcessSummary {
        process,
        structure,
        documents,
    } = state
        .run(move |conn| app::api::process_summary(conn, &path))
        .await?;
    let body = json!({
        "slug": process.slug,
        "title": process.title,
        "description": process.description,
        "time_zone": process.time_zone,
        "phases": structure.phases.iter().map(|p| json!({
            "kind": p.kind,
            "opens_at": rfc3339(&p.opens_at),
            "closes_at": rfc3339(&p.closes_at),
        })).collect::<Vec<_>>(),
        "action_groups": structure.groups.iter().map(|g| json!({ "number": g.number, "name": g.name })).collect::<Vec<_>>(),
        "themes": structure.themes.iter().map(|t| json!({ "kind": t.kind.as_str(), "name": t.name })).collect::<Vec<_>>(),
        "documents": documents.iter().filter_map(|(d, latest)| latest.as_ref().map(|r| json!({
            "slug": d.slug,
            "title": d.title,
            "kind": d.kind,
            "latest_revision": r.label,
            "revisions": paths::api_document(&process.slug, &d.slug),
        }))).collect::<Vec<_>>(),
        "contributions": paths::api_dataset(&process.slug, "contributions"),
        "proposals": paths::api_dataset(&process.slug, "proposals"),
        "events": paths::api_dataset(&process.slug, "events"),
    });
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Cursor {
    after: String,
}

/// Contributions, proposals or events, a hundred at a time; `next` gives the following page.
#[get("/api/p/{process}/{dataset}")]
pub async fn api_dataset(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    cursor: web::Query<Cursor>,
) -> Result<HttpResponse, AppError> {
    let (slug, set) = path.into_inner();
    let after = cursor.after.parse::<i64>().unwrap_or(0).max(0);
    let dataset = Dataset::parse(&set).ok_or(AppError::NotFound)?;
    let here = req.uri().to_string();
    let process_slug = slug.clone();
    let reading = state.clone();
    let gzip = page::accepts_gzip(&req);
    pagecache::json(&state, here, gzip, &process_slug, move || async move {
        let DatasetPage {
            process,
            records,
            last,
        } = reading
            .run(move |conn| app::api::dataset_page(conn, &slug, dataset, after, PAGE))
            .await?;
        let items: Vec<serde_json::Value> = match &records {
            Records::Contributions(records) => records
                .iter()
                .map(|r| with_url(json!(r), paths::contribution(&process.slug, &r.reference)))
                .collect(),
            Records::Proposals(records) => records
                .iter()
                .map(|r| with_url(json!(r), paths::proposal(&process.slug, &r.reference)))
                .collect(),
            Records::Events(records) => records
                .iter()
                .map(|r| with_url(json!(r), paths::event(&process.slug, r.id)))
                .collect(),
        };
        let next = match last {
            Some(last) if items.len() as i64 == PAGE => Some(format!(
                "{}?after={last}",
                paths::api_dataset(&process.slug, &set)
            )),
            _ => None,
        };
        serde_json::to_string(&json!({ set.as_str(): items, "next": next }))
            .map_err(AppError::internal)
    })
    .await
}

/// A record with the address of its page.
fn with_url(mut value: serde_json::Value, url: String) -> serde_json::Value {
    value["url"] = json!(url);
    value
}

/// The published revisions of a document.
#[get("/api/p/{process}/documents/{document}")]
pub async fn api_document(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, document_slug) = path.into_inner();
    let (process, document, revisions) = state
        .run(move |conn| app::api::published_revisions(conn, &slug, &document_slug))
        .await?;
    let body = json!({
        "slug": document.slug,
        "title": document.title,
        "kind": document.kind,
        "revisions": revisions.iter().map(|r| json!({
            "label": r.label,
            "published_at": rfc3339(&r.published_at),
            "url": paths::api_revision(&process.slug, &document.slug, &r.slug),
        })).collect::<Vec<_>>(),
    });
    Ok(HttpResponse::Ok().json(body))
}

/// One published revision: its paragraphs, numbers and provenance.
#[get("/api/p/{process}/documents/{document}/revisions/{revision}")]
pub async fn api_revision(
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, document_slug, revision_slug) = path.into_inner();
    let (document, revision, content) = state
        .run(move |conn| app::api::published_revision(conn, &slug, &document_slug, &revision_slug))
        .await?;
    let numbers = crate::domain::documents::numbers(&content.nodes);
    let body = json!({
        "document": document.slug,
        "title": content.title,
        "revision": revision.label,
        "published_at": rfc3339(&revision.published_at),
        "nodes": content.nodes.iter().zip(numbers).map(|(node, number)| json!({
            "key": node.key,
            "kind": node.kind,
            "number": number.map(|n| n.display()),
            "text": node.text,
            "provenance": node.provenance,
        })).collect::<Vec<_>>(),
    });
    Ok(HttpResponse::Ok().json(body))
}
