//! The public list of a process's proposals: full-text search, filters, sorting and pages,
//! in a fixed number of queries whatever the page holds (`app::proposals::list`).

use actix_web::{HttpResponse, get, web};
use askama::Template;

use crate::app::paging::ListQuery;
use crate::app::paging::{PAGE_SIZE, page_count};
use crate::app::proposals::list::{self as app_list, ListView};
use crate::domain::proposals::ProposalStatus;
use crate::domain::roles::StakeholderCategory;
use crate::paths;
use crate::store::processes::{ActionGroup, Process, Theme, ThemeKind};
use crate::store::proposals::list::{DraftListing, ProposalRow, ProposalSort};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::Visitor;

/// The list's query on another page.
fn link_to_page(query: &ListQuery, base: &str, page: u32) -> String {
    format!("{base}?{}", query.on_page(page))
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
    /// A search found more than `total` matches.
    more: bool,
    page: u32,
    drafts: Vec<DraftListing>,
    can_submit: bool,
}

impl ListPage {
    fn categories(&self) -> [StakeholderCategory; 12] {
        StakeholderCategory::ALL
    }

    fn statuses(&self) -> [ProposalStatus; 7] {
        ProposalStatus::PUBLIC
    }

    /// The orders offered: by relevance only when there is something to search by.
    fn sorts(&self) -> Vec<ProposalSort> {
        let searching = self.query.search().is_some();
        ProposalSort::ALL
            .into_iter()
            .filter(|s| searching || *s != ProposalSort::Relevance)
            .collect()
    }

    fn sort_key(&self, sort: &ProposalSort) -> String {
        format!("proposals-sort-{}", sort.as_str())
    }

    /// This list's query on another page.
    fn page_link(&self, page: u32) -> String {
        link_to_page(&self.query, &paths::proposals(&self.process.slug), page)
    }

    fn previous_page(&self) -> Option<String> {
        (self.page > 1).then(|| self.page_link(self.page - 1))
    }

    fn next_page(&self) -> Option<String> {
        let shown = i64::from(self.page) * PAGE_SIZE;
        (shown < self.total).then(|| self.page_link(self.page + 1))
    }

    fn page_label(&self) -> String {
        let pages = page_count(self.total);
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
    let person = visitor.person();
    let ListView {
        process,
        structure,
        list,
        drafts,
        can_submit,
    } = state
        .run(move |conn| app_list::public_list(conn, person, &slug, &owned_query))
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
        more: list.more,
        page: page_number,
        drafts,
        can_submit,
    })
}
