//! The page of one action group: its rapporteurs and moderators, its submitted proposals,
//! the way to its review queue for its reviewers, and its report: a link once it exists, and
//! for those who edit it, the button that compiles it from the accepted proposals.

use actix_web::{HttpResponse, get, web};
use askama::Template;

use super::list::PER_PAGE;
use super::proposal_path;
use crate::db::DbConnection;
use crate::domain::permissions::{Action, Actor, GroupId, can};
use crate::domain::roles::Role;
use crate::store::documents;
use crate::store::processes::{self, ActionGroup, Process};
use crate::store::proposals::list::{self as store, ProposalFilter, ProposalRow};
use crate::store::roles::{self, Assignment};
use crate::web::AppState;
use crate::web::documents::create::group_report_slug;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::processes::load_process_for;
use crate::web::session::Visitor;

#[derive(Template)]
#[template(path = "proposals/group.html")]
struct GroupPage {
    ctx: Ctx,
    process: Process,
    group: ActionGroup,
    people: Vec<(Role, Assignment)>,
    rows: Vec<ProposalRow>,
    total: i64,
    can_submit: bool,
    can_review: bool,
    can_edit_report: bool,
    report: Option<ReportLink>,
}

/// The group's report, where a visitor may read it.
struct ReportLink {
    path: String,
    title: String,
    published: bool,
}

impl GroupPage {
    fn row_path(&self, row: &ProposalRow) -> String {
        proposal_path(&self.process.slug, &row.reference)
    }

    fn has_more(&self) -> bool {
        self.total > self.rows.len() as i64
    }

    fn review_path(&self) -> String {
        crate::web::review::queue_path(&self.process.slug, self.group.number)
    }
}

#[get("/p/{process}/groups/{number}")]
pub async fn group_page(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, number) = path.into_inner();
    let number: i32 = number.parse().map_err(|_| AppError::NotFound)?;
    let (process, group, assignments, list, can_submit, standing) = state
        .db(move |conn| {
            let (process, actor) = load_process_for(conn, &slug, &visitor)?;
            let group =
                processes::group_by_number(conn, process.id, number)?.ok_or(AppError::NotFound)?;
            let assignments = roles::assignments_of_process(conn, process.id)?;
            let filter = ProposalFilter {
                group_id: Some(group.id),
                ..ProposalFilter::default()
            };
            let list = store::public_proposals(conn, process.id, &filter, 0, PER_PAGE)?;
            let can_submit = can(&actor, Action::SubmitProposal);
            let standing = report_standing(conn, &process, &group, &actor)?;
            Ok((process, group, assignments, list, can_submit, standing))
        })
        .await?;
    // Rapporteurs first, then moderators, as `assignments_of_process` orders roles.
    let people = assignments
        .into_iter()
        .filter(|a| a.group_number == Some(group.number))
        .filter_map(|a| {
            a.role()
                .filter(|r| matches!(r, Role::Rapporteur | Role::Moderator))
                .map(|r| (r, a))
        })
        .collect();
    page::ok(&GroupPage {
        ctx,
        process,
        group,
        people,
        rows: list.rows,
        total: list.total,
        can_submit,
        can_review: standing.can_review,
        can_edit_report: standing.can_edit_report,
        report: standing.report,
    })
}

/// What the visitor may do about the group's review and report, and the report's link.
struct Standing {
    can_review: bool,
    can_edit_report: bool,
    report: Option<ReportLink>,
}

/// Two queries at most: the report, and whether it has a published revision.
fn report_standing(
    conn: &mut DbConnection,
    process: &Process,
    group: &ActionGroup,
    actor: &Actor,
) -> Result<Standing, AppError> {
    let group_id = GroupId(group.id);
    let can_review = can(actor, Action::UseInternalNotes(group_id));
    let can_edit_report = can(actor, Action::EditGroupReport(group_id));
    let slug = group_report_slug(group.number);
    let report = match documents::document_by_slug(conn, process.id, &slug)? {
        Some(document) => {
            let published = !documents::revisions_of(conn, document.id)?.is_empty();
            let base = format!("/p/{}/documents/{}", process.slug, document.slug);
            // The working copy is for those who draft or read it; the public reads revisions.
            if published {
                Some(ReportLink {
                    path: base,
                    title: document.title,
                    published,
                })
            } else if can_review || can_edit_report {
                Some(ReportLink {
                    path: format!("{base}?view=working"),
                    title: document.title,
                    published,
                })
            } else {
                None
            }
        }
        None => None,
    };
    Ok(Standing {
        can_review,
        can_edit_report,
        report,
    })
}
