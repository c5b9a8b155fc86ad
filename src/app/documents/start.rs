//! Starting documents from what the process has produced: a group's report from its accepted
//! proposals (each generated paragraph linked to the proposal version it came from), the
//! Chair's summary from the published reports, and the draft from the guiding principles.
//!
//! Each starts once: a second start (a double click, two people at once) leads to the
//! document already there.

use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::{
    CHAIRS_SUMMARY, DRAFT, DocumentKind, Node, group_report_slug, new_key,
};
use crate::domain::permissions::{Action, GroupId};
use crate::domain::reports::group_report_nodes;
use crate::domain::summary::{PublishedReport, chairs_summary_nodes, draft_skeleton_nodes};
use crate::paths;
use crate::security::tokens::random_token;
use crate::store::audit::{self, Entry};
use crate::store::documents::{self as store, AcceptedIn, NewDocument};
use crate::store::processes::{self, Process, ThemeKind};

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

fn fresh_key() -> String {
    new_key(&random_token())
}

/// Starts a document once, in one transaction: `permit` names what the person must be
/// allowed, the document's slug, and whatever `build` needs to write its first text. Returns
/// where to go: the document's working copy.
fn start_once<T>(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    permit: impl FnOnce(&mut DbConnection, &Process) -> Result<(Action, String, T)>,
    build: impl FnOnce(&mut DbConnection, &Process, String, T) -> Result<Start>,
) -> Result<String> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, process_slug, Some(person))?;
        let (action, slug, found) = permit(conn, &process)?;
        app::require(&actor, action)?;
        let location = format!("{}?view=working", paths::document(&process.slug, &slug));
        if store::document_by_slug(conn, process.id, &slug)?.is_some() {
            return Ok(location);
        }
        let start = build(conn, &process, slug, found)?;
        create(conn, person, &process, start)?;
        Ok(location)
    })
}

/// Writes the started document and its audit entry.
fn create(conn: &mut DbConnection, person: Person, process: &Process, start: Start) -> Result<()> {
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
        Some(person.account_id),
    )?;
    let mut detail = start.detail;
    detail["kind"] = start.kind.as_str().into();
    audit::record(
        conn,
        Entry {
            actor_id: Some(person.account_id),
            process_id: Some(process.id),
            action: "document.create",
            subject: format!("document:{}", start.slug),
            detail,
        },
    )?;
    Ok(())
}

/// Starts the group's report (once): Concord writes a first structure from the accepted
/// proposals, which the rapporteurs then edit.
pub fn start_group_report(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    number: i32,
) -> Result<String> {
    start_once(
        conn,
        person,
        process_slug,
        |conn, process| {
            let group =
                processes::group_by_number(conn, process.id, number)?.ok_or(Error::NotFound)?;
            let action = Action::EditGroupReport(GroupId(group.id));
            Ok((action, group_report_slug(number), group))
        },
        |conn, _, slug, group| {
            let accepted = store::accepted_proposals(conn, AcceptedIn::Group(group.id))?;
            Ok(Start {
                nodes: group_report_nodes(&accepted, fresh_key),
                title: format!("Report of action group {number}: {}", group.name),
                slug,
                kind: DocumentKind::GroupReport,
                group_id: Some(group.id),
                detail: serde_json::json!({ "accepted_proposals": accepted.len() }),
            })
        },
    )
}

/// Compiles the Chair's summary (once) from the latest published report of each group and
/// the accepted proposals; the chair then edits and publishes it.
pub fn compile_chairs_summary(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
) -> Result<String> {
    start_once(
        conn,
        person,
        process_slug,
        |_, _| Ok((Action::EditChairSummary, CHAIRS_SUMMARY.to_string(), ())),
        |conn, process, slug, ()| {
            let reports = published_reports(conn, process)?;
            let accepted = store::accepted_proposals(conn, AcceptedIn::Process(process.id))?;
            Ok(Start {
                nodes: chairs_summary_nodes(&reports, &accepted, fresh_key),
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
}

/// The latest published revision of each group's report, in the order of the groups.
fn published_reports(conn: &mut DbConnection, process: &Process) -> Result<Vec<PublishedReport>> {
    let structure = processes::structure_of(conn, process)?;
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
pub fn start_draft(conn: &mut DbConnection, person: Person, process_slug: &str) -> Result<String> {
    start_once(
        conn,
        person,
        process_slug,
        |_, _| Ok((Action::EditDraft, DRAFT.to_string(), ())),
        |conn, process, slug, ()| {
            let structure = processes::structure_of(conn, process)?;
            let principles: Vec<String> = structure
                .themes_of(ThemeKind::Principle)
                .map(|t| t.name.clone())
                .collect();
            Ok(Start {
                nodes: draft_skeleton_nodes(&principles, fresh_key),
                title: process.title.clone(),
                slug,
                kind: DocumentKind::Draft,
                group_id: None,
                detail: serde_json::json!({}),
            })
        },
    )
}
