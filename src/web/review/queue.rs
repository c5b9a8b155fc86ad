//! The review queue of a group: its submitted proposals awaiting a decision (or those in
//! another state, by filter), each with its version under review and history, and the
//! proposals of the group most alike it (`app::review::queue`).

use actix_web::{HttpResponse, get, web};
use askama::Template;

use super::history::{EventKind, HistoryEvent, public_history};
use crate::app::paging::{PAGE_SIZE, page_count};
use crate::app::review::queue::{self as app_queue, Entry, QueueQuery};
use crate::domain::proposals::ProposalStatus;
use crate::paths;
use crate::store::processes::{ActionGroup, Process, Theme};
use crate::store::review::queue::{QueueRow, SponsorCount};
use crate::web::AppState;
use crate::web::error::{AppError, urlencode};
use crate::web::page::{self, Ctx};
use crate::web::session::{SignedIn, Visitor};

/// The queue's query on another page.
fn link_to_page(query: &QueueQuery, base: &str, page: u32) -> String {
    let mut parts: Vec<String> = [
        ("status", &query.status),
        ("theme", &query.theme),
        ("co_sponsors", &query.co_sponsors),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", urlencode(v)))
    .collect();
    parts.push(format!("page={page}"));
    format!("{base}?{}", parts.join("&"))
}

#[derive(Template)]
#[template(path = "review/queue.html")]
struct QueuePage {
    ctx: Ctx,
    process: Process,
    group: ActionGroup,
    themes: Vec<Theme>,
    query: QueueQuery,
    status: ProposalStatus,
    entries: Vec<Entry>,
    total: i64,
    page: u32,
    may_decide: bool,
}

impl QueuePage {
    fn statuses(&self) -> [ProposalStatus; 7] {
        ProposalStatus::PUBLIC
    }

    fn sponsor_choices(&self) -> [(SponsorCount, &'static str); 4] {
        SponsorCount::CHOICES
    }

    fn sponsor_key(&self, value: &str) -> String {
        format!("review-co-sponsors-{value}")
    }

    /// The address of a proposal alike one in the queue (`review/similar.html`, shared with
    /// the review page).
    fn other_path(&self, reference: &str) -> String {
        paths::proposal(&self.process.slug, reference)
    }

    fn history_of(&self, row: &QueueRow) -> Vec<HistoryEvent> {
        let versions: Vec<_> = row
            .versions
            .iter()
            .map(|v| (v.number, v.created_at))
            .collect();
        public_history(&self.process.slug, &versions, &row.decisions, None)
    }

    /// This list's query on another page.
    fn page_link(&self, page: u32) -> String {
        link_to_page(
            &self.query,
            &paths::review_queue(&self.process.slug, self.group.number),
            page,
        )
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
pub async fn queue(
    ctx: Ctx,
    _user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, number) = path.into_inner();
    let query = query.into_inner();
    let page_number = query.page_number();
    let owned_query = query.clone();
    let person = visitor.person();
    let view = state
        .run(move |conn| app_queue::queue(conn, person, &slug, &number, &owned_query))
        .await?;
    page::ok(&QueuePage {
        ctx,
        process: view.process,
        group: view.group,
        themes: view.themes,
        query,
        status: view.status,
        entries: view.entries,
        total: view.total,
        page: page_number,
        may_decide: view.may_decide,
    })
}
