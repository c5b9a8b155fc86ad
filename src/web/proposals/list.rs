//! The public list of a process's proposals: full-text search, filters, sorting and pages,
//! in a fixed number of queries whatever the page holds.

use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::proposal_path;
use crate::domain::permissions::{Action, can};
use crate::domain::proposals::ProposalStatus;
use crate::domain::roles::StakeholderCategory;
use crate::store::processes::{self, ActionGroup, Process, Structure, Theme, ThemeKind};
use crate::store::proposals::list::{
    self as store, DraftListing, ProposalFilter, ProposalRow, ProposalSort,
};
use crate::store::search::SearchQuery;
use crate::web::AppState;
use crate::web::error::{AppError, urlencode};
use crate::web::page::{self, Ctx};
use crate::web::processes::load_process_for;
use crate::web::session::Visitor;

pub const PER_PAGE: i64 = 25;
/// Far beyond any real list; keeps the offset arithmetic small.
const LAST_PAGE: u32 = 100_000;

/// The list's query string as sent; values that name nothing are ignored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    pub category: String,
    pub group: String,
    pub theme: String,
    pub status: String,
    pub sort: String,
    pub page: String,
}

impl ListQuery {
    /// The typed filter, with groups and themes looked up among the process's own.
    pub fn filter(&self, structure: &Structure) -> ProposalFilter {
        ProposalFilter {
            search: SearchQuery::parse(&self.q),
            category: StakeholderCategory::parse(&self.category),
            group_id: self.group_number().and_then(|n| {
                structure
                    .groups
                    .iter()
                    .find(|g| g.number == n)
                    .map(|g| g.id)
            }),
            theme_id: self
                .theme
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|id| structure.themes_of(ThemeKind::Theme).any(|t| t.id == *id)),
            status: ProposalStatus::parse(&self.status).filter(|s| s.is_public()),
            sort: ProposalSort::parse(&self.sort).unwrap_or_default(),
        }
    }

    fn group_number(&self) -> Option<i32> {
        self.group.trim().parse().ok()
    }

    pub fn page_number(&self) -> u32 {
        self.page
            .trim()
            .parse::<u32>()
            .unwrap_or(1)
            .clamp(1, LAST_PAGE)
    }

    /// This query on another page.
    fn link_to_page(&self, base: &str, page: u32) -> String {
        let pairs = [
            ("q", self.q.as_str()),
            ("category", &self.category),
            ("group", &self.group),
            ("theme", &self.theme),
            ("status", &self.status),
            ("sort", &self.sort),
        ];
        let mut query: Vec<String> = pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect();
        query.push(format!("page={page}"));
        format!("{base}?{}", query.join("&"))
    }
}

#[derive(Template)]
#[template(path = "proposals/list.html")]
struct ListPage {
    ctx: Ctx,
    process: Process,
    groups: Vec<ActionGroup>,
    themes: Vec<Theme>,
    query: ListQuery,
    rows: Vec<ProposalRow>,
    total: i64,
    page: u32,
    drafts: Vec<DraftListing>,
    can_submit: bool,
}

impl ListPage {
    fn base(&self) -> String {
        format!("/p/{}/proposals", self.process.slug)
    }

    fn categories(&self) -> [StakeholderCategory; 12] {
        StakeholderCategory::ALL
    }

    fn statuses(&self) -> [ProposalStatus; 7] {
        ProposalStatus::PUBLIC
    }

    fn sorts(&self) -> [ProposalSort; 4] {
        ProposalSort::ALL
    }

    fn sort_key(&self, sort: &ProposalSort) -> String {
        format!("proposals-sort-{}", sort.as_str())
    }

    fn row_path(&self, row: &ProposalRow) -> String {
        proposal_path(&self.process.slug, &row.reference)
    }

    fn previous_page(&self) -> Option<String> {
        (self.page > 1).then(|| self.query.link_to_page(&self.base(), self.page - 1))
    }

    fn next_page(&self) -> Option<String> {
        let shown = i64::from(self.page) * PER_PAGE;
        (shown < self.total).then(|| self.query.link_to_page(&self.base(), self.page + 1))
    }

    fn page_label(&self) -> String {
        let pages = ((self.total + PER_PAGE - 1) / PER_PAGE).max(1);
        self.ctx.lang.t_with(
            "proposals-page-of",
            &[
                ("page", self.page.to_string()),
                ("pages", pages.to_string()),
            ],
        )
    }
}

#[get("")]
pub async fn list(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let query = query.into_inner();
    let page_number = query.page_number();
    let owned_query = query.clone();
    let (process, structure, list, drafts, can_submit) = state
        .db(move |conn| {
            let (process, actor) = load_process_for(conn, &slug, &visitor)?;
            let structure = processes::structure_of(conn, process.id)?;
            let filter = owned_query.filter(&structure);
            let offset = i64::from(page_number - 1) * PER_PAGE;
            let list = store::public_proposals(conn, process.id, &filter, offset, PER_PAGE)?;
            // A signed-in author finds their unsubmitted texts here.
            let drafts = match actor.account_id {
                Some(id) => store::drafts_of_author(conn, process.id, id)?,
                None => Vec::new(),
            };
            let can_submit = can(&actor, Action::SubmitProposal);
            Ok((process, structure, list, drafts, can_submit))
        })
        .await?;
    let themes = structure.themes_of(ThemeKind::Theme).cloned().collect();
    page::ok(&ListPage {
        ctx,
        process,
        groups: structure.groups,
        themes,
        query,
        rows: list.rows,
        total: list.total,
        page: page_number,
        drafts,
        can_submit,
    })
}
