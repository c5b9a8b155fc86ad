//! A small read-only JSON API of what is public: processes, their groups, contributions and
//! proposals (in pages, with a cursor), and published revisions. Documented in the README.

use actix_web::{HttpResponse, get, web};
use serde::Deserialize;
use serde_json::json;

use crate::domain::contributions::reference_slug;
use crate::store::documents as docs;
use crate::store::opendata;
use crate::store::processes;
use crate::web::AppState;
use crate::web::error::AppError;

const PAGE: i64 = 100;

#[get("/api/processes")]
pub async fn api_processes(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let all = state.db(|conn| Ok(processes::all_processes(conn)?)).await?;
    let list: Vec<_> = all
        .iter()
        .map(|p| json!({ "slug": p.slug, "title": p.title, "url": format!("/api/p/{}", p.slug) }))
        .collect();
    Ok(HttpResponse::Ok().json(json!({ "processes": list })))
}

#[get("/api/p/{process}")]
pub async fn api_process(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let body = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &path)?.ok_or(AppError::NotFound)?;
            let structure = processes::structure_of(conn, process.id)?;
            let documents = docs::documents_with_latest_revision(conn, process.id)?;
            Ok(json!({
                "slug": process.slug,
                "title": process.title,
                "description": process.description,
                "time_zone": process.time_zone,
                "phases": structure.phases.iter().map(|p| json!({
                    "kind": p.kind,
                    "opens_at": p.opens_at.and_utc().to_rfc3339(),
                    "closes_at": p.closes_at.and_utc().to_rfc3339(),
                })).collect::<Vec<_>>(),
                "action_groups": structure.groups.iter().map(|g| json!({ "number": g.number, "name": g.name })).collect::<Vec<_>>(),
                "themes": structure.themes.iter().map(|t| json!({ "kind": t.kind, "name": t.name })).collect::<Vec<_>>(),
                "documents": documents.iter().filter_map(|(d, latest)| latest.as_ref().map(|r| json!({
                    "slug": d.slug,
                    "title": d.title,
                    "kind": d.kind,
                    "latest_revision": r.label,
                    "revisions": format!("/api/p/{}/documents/{}", process.slug, d.slug),
                }))).collect::<Vec<_>>(),
                "contributions": format!("/api/p/{}/contributions", process.slug),
                "proposals": format!("/api/p/{}/proposals", process.slug),
            }))
        })
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Cursor {
    after: String,
}

/// Contributions or proposals, a hundred at a time; `next` gives the following page.
#[get("/api/p/{process}/{dataset}")]
pub async fn api_dataset(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    cursor: web::Query<Cursor>,
) -> Result<HttpResponse, AppError> {
    let (slug, set) = path.into_inner();
    let after = cursor.after.parse::<i64>().unwrap_or(0).max(0);
    let body = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let (items, last) = match set.as_str() {
                "contributions" => {
                    let mut records = Vec::new();
                    let last =
                        opendata::contributions_after(conn, process.id, after, PAGE, &mut records)?;
                    let items: Vec<serde_json::Value> = records
                        .iter()
                        .map(|r| {
                            let mut value = json!(r);
                            value["url"] = json!(format!(
                                "/p/{}/contributions/{}",
                                process.slug,
                                reference_slug(&r.reference)
                            ));
                            value
                        })
                        .collect();
                    (items, last)
                }
                "proposals" => {
                    let mut records = Vec::new();
                    let last =
                        opendata::proposals_after(conn, process.id, after, PAGE, &mut records)?;
                    let items: Vec<serde_json::Value> = records
                        .iter()
                        .map(|r| {
                            let mut value = json!(r);
                            value["url"] = json!(format!(
                                "/p/{}/proposals/{}",
                                process.slug,
                                reference_slug(&r.reference)
                            ));
                            value
                        })
                        .collect();
                    (items, last)
                }
                _ => return Err(AppError::NotFound),
            };
            let next = match last {
                Some(last) if items.len() as i64 == PAGE => {
                    Some(format!("/api/p/{}/{set}?after={last}", process.slug))
                }
                _ => None,
            };
            Ok(json!({ set.as_str(): items, "next": next }))
        })
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// The published revisions of a document.
#[get("/api/p/{process}/documents/{document}")]
pub async fn api_document(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, document_slug) = path.into_inner();
    let body = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let document = docs::document_by_slug(conn, process.id, &document_slug)?.ok_or(AppError::NotFound)?;
            let revisions = docs::revisions_of(conn, document.id)?;
            if revisions.is_empty() {
                return Err(AppError::NotFound);
            }
            Ok(json!({
                "slug": document.slug,
                "title": document.title,
                "kind": document.kind,
                "revisions": revisions.iter().map(|r| json!({
                    "label": r.label,
                    "published_at": r.published_at.and_utc().to_rfc3339(),
                    "url": format!("/api/p/{}/documents/{}/revisions/{}", process.slug, document.slug, r.slug),
                })).collect::<Vec<_>>(),
            }))
        })
        .await?;
    Ok(HttpResponse::Ok().json(body))
}

/// One published revision: its paragraphs, numbers and provenance.
#[get("/api/p/{process}/documents/{document}/revisions/{revision}")]
pub async fn api_revision(
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, document_slug, revision_slug) = path.into_inner();
    let body = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let document = docs::document_by_slug(conn, process.id, &document_slug)?
                .ok_or(AppError::NotFound)?;
            let revision = docs::revision_by_slug(conn, document.id, &revision_slug)?
                .ok_or(AppError::NotFound)?;
            let content = revision.content().ok_or_else(|| {
                AppError::internal(anyhow::anyhow!("unreadable revision {}", revision.id))
            })?;
            let numbers = crate::domain::documents::numbers(&content.nodes);
            Ok(json!({
                "document": document.slug,
                "title": content.title,
                "revision": revision.label,
                "published_at": revision.published_at.and_utc().to_rfc3339(),
                "nodes": content.nodes.iter().zip(numbers).map(|(node, number)| json!({
                    "key": node.key,
                    "kind": node.kind,
                    "number": number.map(|n| n.display()),
                    "text": node.text,
                    "provenance": node.provenance,
                })).collect::<Vec<_>>(),
            }))
        })
        .await?;
    Ok(HttpResponse::Ok().json(body))
}
