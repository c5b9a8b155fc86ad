//! Starting documents from what the process has produced: a group's report from its accepted
//! proposals, each generated paragraph linked to the proposal version it came from.

use actix_web::{HttpResponse, post, web};

use crate::db::{DbConnection, write_transaction};
use crate::domain::documents::{DocumentKind, Node, new_key};
use crate::domain::permissions::{Action, GroupId};
use crate::domain::reports::group_report_nodes;
use crate::domain::summary::{PublishedReport, chairs_summary_nodes, draft_skeleton_nodes};
use crate::security::tokens::random_token;
use crate::store::audit::{self, Entry};
use crate::store::documents::{self as store, NewDocument};
use crate::store::processes::{self, Process, ThemeKind};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page;
use crate::web::processes::{load_process_for, require};
use crate::web::session::{SignedIn, Visitor};

/// The short name of a group's report in URLs.
pub fn group_report_slug(number: i32) -> String {
    format!("group-{number}-report")
}

pub const CHAIRS_SUMMARY: &str = "chairs-summary";
pub const DRAFT: &str = "draft";

/// A document about to be started: what it is, its first text, and what the audit log keeps
/// of how it was made.
struct Start {
    slug: String,
    kind: DocumentKind,
    group_id: Option<i64>,
    title: String,
    nodes: Vec<Node>,
    detail: serde_json::Value,
}

/// Starts a document once, in one transaction: `permit` names what the visitor must be allowed,
/// the document's slug, and whatever `build` needs to write its first text. A second start (a
/// double click, two people at once) leads to the document already there. Returns where to go.
fn start_once<T>(
    conn: &mut DbConnection,
    process_slug: &str,
    visitor: &Visitor,
    actor_id: i64,
    permit: impl FnOnce(&mut DbConnection, &Process) -> Result<(Action, String, T), AppError>,
    build: impl FnOnce(&mut DbConnection, &Process, String, T) -> Result<Start, AppError>,
) -> Result<String, AppError> {
    write_transaction(conn, |conn| {
        let (process, actor) = load_process_for(conn, process_slug, visitor)?;
        let (action, slug, found) = permit(conn, &process)?;
        require(&actor, action)?;
        let location = format!("/p/{}/documents/{slug}?view=working", process.slug);
        if store::document_by_slug(conn, process.id, &slug)?.is_some() {
            return Ok(location);
        }
        let start = build(conn, &process, slug, found)?;
        store::create_document(
            conn,
            &NewDocument {
                process_id: process.id,
                slug: &start.slug,
                kind: start.kind,
                group_id: start.group_id,
                title: &start.title,
                symbol: "",
                language: "en",
            },
            &start.nodes,
            Some(actor_id),
        )?;
        let mut detail = start.detail;
        detail["kind"] = start.kind.as_str().into();
        audit::record(
            conn,
            Entry {
                actor_id: Some(actor_id),
                process_id: Some(process.id),
                action: "document.create",
                subject: format!("document:{}", start.slug),
                detail,
            },
        )?;
        Ok(location)
    })
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
    let location = state
        .db(move |conn| {
            start_once(
                conn,
                &process_slug,
                &visitor,
                user.id,
                |conn, process| {
                    let group = processes::group_by_number(conn, process.id, number)?
                        .ok_or(AppError::NotFound)?;
                    let action = Action::EditGroupReport(GroupId(group.id));
                    Ok((action, group_report_slug(number), group))
                },
                |conn, _, slug, group| {
                    let accepted =
                        store::accepted_proposals(conn, store::AcceptedIn::Group(group.id))?;
                    Ok(Start {
                        nodes: group_report_nodes(&accepted, || new_key(&random_token())),
                        title: format!("Report of action group {number}: {}", group.name),
                        slug,
                        kind: DocumentKind::GroupReport,
                        group_id: Some(group.id),
                        detail: serde_json::json!({ "accepted_proposals": accepted.len() }),
                    })
                },
            )
        })
        .await?;
    Ok(page::see_other(&location))
}

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
    let location = state
        .db(move |conn| {
            start_once(
                conn,
                &process_slug,
                &visitor,
                user.id,
                |_, _| Ok((Action::EditChairSummary, CHAIRS_SUMMARY.to_string(), ())),
                |conn, process, slug, ()| {
                    let reports = published_reports(conn, process)?;
                    let accepted =
                        store::accepted_proposals(conn, store::AcceptedIn::Process(process.id))?;
                    Ok(Start {
                        nodes: chairs_summary_nodes(&reports, &accepted, || {
                            new_key(&random_token())
                        }),
                        title: "Chair's summary".to_string(),
                        slug,
                        kind: DocumentKind::ChairsSummary,
                        group_id: None,
                        detail: serde_json::json!({
                            "reports": reports.len(),
                            "accepted_proposals": accepted.len(),
                        }),
                    })
                },
            )
        })
        .await?;
    Ok(page::see_other(&location))
}

/// The latest published revision of each group's report, in the order of the groups.
fn published_reports(
    conn: &mut DbConnection,
    process: &Process,
) -> Result<Vec<PublishedReport>, AppError> {
    let structure = processes::structure_of(conn, process.id)?;
    let mut reports = Vec::new();
    for group in &structure.groups {
        let slug = group_report_slug(group.number);
        let Some(document) = store::document_by_slug(conn, process.id, &slug)? else {
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
    Ok(reports)
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
    let location = state
        .db(move |conn| {
            start_once(
                conn,
                &process_slug,
                &visitor,
                user.id,
                |_, _| Ok((Action::EditDraft, DRAFT.to_string(), ())),
                |conn, process, slug, ()| {
                    let structure = processes::structure_of(conn, process.id)?;
                    let principles: Vec<String> = structure
                        .themes_of(ThemeKind::Principle)
                        .map(|t| t.name.clone())
                        .collect();
                    Ok(Start {
                        nodes: draft_skeleton_nodes(&principles, || new_key(&random_token())),
                        title: process.title.clone(),
                        slug,
                        kind: DocumentKind::Draft,
                        group_id: None,
                        detail: serde_json::json!({}),
                    })
                },
            )
        })
        .await?;
    Ok(page::see_other(&location))
}
