//! The public list of a process's proposals: full-text search, filters, sorting and pages,
//! in a fixed number of queries whatever the page holds (`app::proposals::list`).

use std::sync::Arc;

use actix_web::{HttpResponse, get, web};
use askama::Template;

use crate::app::paging::{ListQuery, Pager, Shown};
use crate::app::proposals::list::{self as app_list, ListView};
use crate::domain::ids::ProposalId;
use crate::domain::proposals::ProposalStatus;
use crate::domain::roles::StakeholderCategory;
use crate::paths;
use crate::store::keyset::Total;
use crate::store::processes::{ActionGroup, Process, Structure, Theme, ThemeKind};
use crate::store::proposals::list::{DraftListing, ProposalPage, ProposalRow, ProposalSort};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::Ctx;
use crate::web::pagecache::{self, Kept, RowOf, Rows, Slot};
use crate::web::session::Visitor;

/// The list's navigation: by cursor when browsing, by page number among search results.
fn pager_of(query: &ListQuery, slug: &str, page: &ProposalPage) -> Pager {
    let base = paths::proposals(slug);
    let link = |page: &[(&str, String)]| format!("{base}?{}", query.with_page(page));
    let shown = Shown {
        rows: page.ids.len(),
        first_id: page.ids.first().map(|id| id.0),
        last_id: page.ids.last().map(|id| id.0),
        previous: page.previous,
        next: page.next,
        total: page.total,
    };
    if query.search().is_some() {
        Pager::numbered(query.page_number(), shown, link)
    } else {
        Pager::keyset(query.position(), shown, link)
    }
}

#[derive(Template)]
#[template(path = "proposals/list.html")]
struct ListPage {
    ctx: Ctx,
    process: Process,
    groups: Vec<ActionGroup>,
    themes: Vec<Theme>,
    /// For the texts' translations (`domain::content`).
    structure: Structure,
    query: ListQuery,
    /// The page's rows, rendered ([`rendered_rows`]).
    rows: Vec<Arc<Kept>>,
    total: Total,
    pager: Pager,
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

    fn count_label(&self) -> String {
        let key = if self.total.more && self.total.best_first {
            "search-more-than-best"
        } else if self.total.more && self.query.search().is_some() {
            "search-more-than"
        } else if self.total.more {
            "proposals-count-more"
        } else {
            "proposals-count"
        };
        self.ctx.t1(key, "count", self.total.count.to_string())
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
    let filling = match pagecache::look(&state, &ctx, &slug, query.search().is_none()).await? {
        Slot::Served(page) => return Ok(page),
        Slot::Render(filling) => filling,
    };
    let owned_query = query.clone();
    let person = visitor.person();
    let (view, held) = pagecache::read_with_rows(
        &state,
        ctx.lang.code(),
        slug,
        row_of,
        query.is_one_word_search(),
        move |conn, slug, held| app_list::public_list(conn, person, slug, &owned_query, held),
    )
    .await?;
    let ListView {
        process,
        structure,
        list,
        drafts,
        can_submit,
    } = view;
    let rows = rendered_rows(&state, &ctx, &process, &list, held)?;
    let themes = structure.themes_of(ThemeKind::Theme).cloned().collect();
    let pager = pager_of(&query, &process.slug, &list);
    filling.render(&state, ctx, |ctx| ListPage {
        ctx,
        process,
        groups: structure.groups.clone(),
        themes,
        structure,
        query,
        rows,
        total: list.total,
        pager,
        drafts,
        can_submit,
    })
}

/// One row of the table of proposals, as every reader of one language sees it.
#[derive(Template)]
#[template(path = "proposals/row.html")]
struct RowView<'a> {
    ctx: &'a Ctx,
    process: &'a Process,
    row: &'a ProposalRow,
}

/// The rows of `page` in order, held in `held` or rendered now (and kept if public).
pub(super) fn rendered_rows(
    state: &AppState,
    ctx: &Ctx,
    process: &Process,
    page: &ProposalPage,
    held: Rows<ProposalId>,
) -> Result<Vec<Arc<Kept>>, AppError> {
    held.assemble(state, &page.ids, |id| {
        let Some(row) = page.rows.iter().find(|r| r.id == *id) else {
            return Ok(None);
        };
        let html = RowView { ctx, process, row }.render()?;
        Ok(Some((html, row.status.is_public())))
    })
}

/// What a row of the table shows.
pub(super) fn row_of(id: ProposalId) -> RowOf {
    RowOf::Proposal(id.0)
}
