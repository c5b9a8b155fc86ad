//! The public list of a process's proposals: full-text search, filters, sorting and pages,
//! in a fixed number of queries whatever the page holds (`app::proposals::list`).

use std::collections::HashMap;
use std::sync::Arc;

use actix_web::{HttpResponse, get, web};
use askama::Template;

use crate::app::paging::{ListQuery, Pager, Shown};
use crate::app::processes::DataStamp as Stamp;
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
use crate::web::pagecache::{self, Kept, RowOf, Slot};
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
    let shelf = state.clone();
    let lang = ctx.lang.code();
    let (view, stamp, held) = state
        .run(move |conn| {
            // Read before the rows: a row kept under it never shows data older than it.
            let stamp = crate::app::processes::stamp(conn, &slug)?;
            let mut held = HashMap::new();
            let view = app_list::public_list(conn, person, &slug, &owned_query, &mut |id| {
                let of = RowOf::Proposal(id.0);
                let kept = stamp.and_then(|stamp| shelf.pages.row(of, lang, stamp));
                kept.map(|kept| held.insert(id, kept)).is_some()
            })?;
            Ok((view, stamp, held))
        })
        .await?;
    let ListView {
        process,
        structure,
        list,
        drafts,
        can_submit,
    } = view;
    let rows = rendered_rows(&state, &ctx, &process, &list, stamp, held)?;
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

/// The page's rows in order: those `held` when the page was read, and the others rendered
/// now from `page`, each public one kept under `stamp` (when there is one) for the next
/// page that lists it, as `web::contributions::view` keeps the contributions' rows.
pub(super) fn rendered_rows(
    state: &AppState,
    ctx: &Ctx,
    process: &Process,
    page: &ProposalPage,
    stamp: Option<Stamp>,
    mut held: HashMap<ProposalId, Arc<Kept>>,
) -> Result<Vec<Arc<Kept>>, AppError> {
    let mut rows = Vec::with_capacity(page.ids.len());
    for id in &page.ids {
        if let Some(kept) = held.remove(id) {
            rows.push(kept);
            continue;
        }
        let Some(row) = page.rows.iter().find(|r| r.id == *id) else {
            continue;
        };
        let html = RowView { ctx, process, row }.render()?;
        let keep = stamp.filter(|_| row.status.is_public());
        let of = RowOf::Proposal(id.0);
        rows.push(state.pages.keep_row(of, ctx.lang.code(), keep, html));
    }
    Ok(rows)
}
