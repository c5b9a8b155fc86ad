//! Starting documents from what the process has produced: a group's report from its accepted
//! proposals, each generated paragraph linked to the proposal version it came from.

use actix_web::{HttpResponse, post, web};

use crate::db::write_transaction;
use crate::domain::documents::{DocumentKind, new_key};
use crate::domain::permissions::{Action, GroupId};
use crate::domain::reports::group_report_nodes;
use crate::security::tokens::random_token;
use crate::store::audit::{self, Entry};
use crate::store::documents::{self as store, NewDocument};
use crate::store::processes;
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
                let accepted = store::accepted_proposals_of_group(conn, group.id)?;
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
