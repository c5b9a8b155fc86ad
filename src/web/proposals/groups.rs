//! The page of one action group: its rapporteurs and moderators, and its submitted
//! proposals (the group's report comes with the review stage).

use actix_web::{HttpResponse, get, web};
use askama::Template;

use super::list::PER_PAGE;
use super::proposal_path;
use crate::domain::permissions::{Action, can};
use crate::domain::roles::Role;
use crate::store::processes::{self, ActionGroup, Process};
use crate::store::proposals::list::{self as store, ProposalFilter, ProposalRow};
use crate::store::roles::{self, Assignment};
use crate::web::AppState;
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
}

impl GroupPage {
    fn row_path(&self, row: &ProposalRow) -> String {
        proposal_path(&self.process.slug, &row.reference)
    }

    fn has_more(&self) -> bool {
        self.total > self.rows.len() as i64
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
    let (process, group, assignments, list, can_submit) = state
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
            Ok((process, group, assignments, list, can_submit))
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
    })
}
