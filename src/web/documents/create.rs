//! Starting documents from what the process has produced: a group's report from its accepted
//! proposals, each generated paragraph linked to the proposal version it came from.

use actix_web::{HttpResponse, post, web};

use crate::db::write_transaction;
use crate::domain::documents::{DocumentKind, new_key};
use crate::domain::permissions::{Action, GroupId};
use crate::domain::reports::group_report_nodes;
use crate::domain::summary::{PublishedReport, chairs_summary_nodes, draft_skeleton_nodes};
use crate::security::tokens::random_token;
use crate::store::audit::{self, Entry};
use crate::store::documents::{self as store, NewDocument};
use crate::store::processes::{self, ThemeKind};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page;
use crate::web::processes::{load_process_for, require};
use crate::web::session::{SignedIn, Visitor};

/// The short name of a group's report in URLs.
pub fn group_report_slug(number: i32) -> String {
    format!("group-{number}-report")
}

/// Starts the group's report (once): Concord writes a first structure from the accepted
/// proposals, which the rapporteurs then edit.
#[post("/p/{process}/groups/{number}/report")]
pub async fn start_group_report(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, number) = path.into_inner();
    let actor_id = user.id;
    let location = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let (process, actor) = load_process_for(conn, &process_slug, &visitor)?;
                let group = processes::group_by_number(conn, process.id, number)?.ok_or(AppError::NotFound)?;
                require(&actor, Action::EditGroupReport(GroupId(group.id)))?;
                let slug = group_report_slug(number);
                let location = format!("/p/{}/documents/{slug}?view=working", process.slug);
                if store::document_by_slug(conn, process.id, &slug)?.is_some() {
                    return Ok(location);
                }
                let accepted = store::accepted_proposals(conn, store::AcceptedIn::Group(group.id))?;
                let nodes = group_report_nodes(&accepted, || new_key(&random_token()));
                let title = format!("Report of action group {number}: {}", group.name);
                store::create_document(
                    conn,
                    &NewDocument {
                        process_id: process.id,
                        slug: &slug,
                        kind: DocumentKind::GroupReport,
                        group_id: Some(group.id),
                        title: &title,
                        symbol: "",
                    },
                    &nodes,
                    Some(actor_id),
                )?;
                audit::record(
                    conn,
                    Entry {
                        actor_id: Some(actor_id),
                        process_id: Some(process.id),
                        action: "document.create",
                        subject: format!("document:{slug}"),
                        detail: serde_json::json!({ "kind": "group-report", "accepted_proposals": accepted.len() }),
                    },
                )?;
                Ok(location)
            })
        })
        .await?;
    Ok(page::see_other(&location))
}

pub const CHAIRS_SUMMARY: &str = "chairs-summary";
pub const DRAFT: &str = "draft";

/// Compiles the Chair's summary (once) from the latest published report of each group and
/// the accepted proposals; the chair then edits and publishes it.
#[post("/p/{process}/documents/chairs-summary/compile")]
pub async fn compile_chairs_summary(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let process_slug = path.into_inner();
    let actor_id = user.id;
    let location = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let (process, actor) = load_process_for(conn, &process_slug, &visitor)?;
                require(&actor, Action::EditChairSummary)?;
                let location = format!("/p/{}/documents/{CHAIRS_SUMMARY}?view=working", process.slug);
                if store::document_by_slug(conn, process.id, CHAIRS_SUMMARY)?.is_some() {
                    return Ok(location);
                }
                let structure = processes::structure_of(conn, process.id)?;
                let mut reports = Vec::new();
                for group in &structure.groups {
                    let Some(document) = store::document_by_slug(conn, process.id, &group_report_slug(group.number))? else {
                        continue;
                    };
                    let Some(revision) = store::latest_revision(conn, document.id)? else {
                        continue;
                    };
                    let Some(content) = revision.content() else {
                        continue;
                    };
                    reports.push(PublishedReport {
                        group_number: group.number,
                        group_name: group.name.clone(),
                        document_id: document.id,
                        document_title: document.title,
                        revision_label: revision.label,
                        nodes: content.nodes,
                    });
                }
                let accepted = store::accepted_proposals(conn, store::AcceptedIn::Process(process.id))?;
                let nodes = chairs_summary_nodes(&reports, &accepted, || new_key(&random_token()));
                store::create_document(
                    conn,
                    &NewDocument {
                        process_id: process.id,
                        slug: CHAIRS_SUMMARY,
                        kind: DocumentKind::ChairsSummary,
                        group_id: None,
                        title: "Chair's summary",
                        symbol: "",
                    },
                    &nodes,
                    Some(actor_id),
                )?;
                audit::record(
                    conn,
                    Entry {
                        actor_id: Some(actor_id),
                        process_id: Some(process.id),
                        action: "document.create",
                        subject: format!("document:{CHAIRS_SUMMARY}"),
                        detail: serde_json::json!({ "kind": "chairs-summary", "reports": reports.len(), "accepted_proposals": accepted.len() }),
                    },
                )?;
                Ok(location)
            })
        })
        .await?;
    Ok(page::see_other(&location))
}

/// Starts the draft (once) with its headings and the guiding principles; the co-facilitators
/// then pull paragraphs into it from the Chair's summary and the accepted proposals.
#[post("/p/{process}/documents/draft/start")]
pub async fn start_draft(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let process_slug = path.into_inner();
    let actor_id = user.id;
    let location = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let (process, actor) = load_process_for(conn, &process_slug, &visitor)?;
                require(&actor, Action::EditDraft)?;
                let location = format!("/p/{}/documents/{DRAFT}?view=working", process.slug);
                if store::document_by_slug(conn, process.id, DRAFT)?.is_some() {
                    return Ok(location);
                }
                let structure = processes::structure_of(conn, process.id)?;
                let principles: Vec<String> = structure
                    .themes_of(ThemeKind::Principle)
                    .map(|t| t.name.clone())
                    .collect();
                let nodes = draft_skeleton_nodes(&principles, || new_key(&random_token()));
                store::create_document(
                    conn,
                    &NewDocument {
                        process_id: process.id,
                        slug: DRAFT,
                        kind: DocumentKind::Draft,
                        group_id: None,
                        title: &process.title,
                        symbol: "",
                    },
                    &nodes,
                    Some(actor_id),
                )?;
                audit::record(
                    conn,
                    Entry {
                        actor_id: Some(actor_id),
                        process_id: Some(process.id),
                        action: "document.create",
                        subject: format!("document:{DRAFT}"),
                        detail: serde_json::json!({ "kind": "draft" }),
                    },
                )?;
                Ok(location)
            })
        })
        .await?;
    Ok(page::see_other(&location))
}
