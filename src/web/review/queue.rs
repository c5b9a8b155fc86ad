//! The review queue of a group: its submitted proposals awaiting a decision (or those in
//! another state, by filter), each with its version under review and history, and the
//! proposals of the group most alike it (`app::review::queue`).

use actix_web::{HttpResponse, get, web};
use askama::Template;

use super::history::{EventKind, HistoryEvent, public_history};
use crate::app::paging::{Pager, Shown};
use crate::app::review::queue::{self as app_queue, Entry, QueueQuery, QueueView};
use crate::domain::proposals::ProposalStatus;
use crate::paths;
use crate::store::keyset::Total;
use crate::store::processes::{ActionGroup, Process, Structure, Theme};
use crate::store::review::queue::{QueueRow, SponsorCount};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::{SignedIn, Visitor};

/// The queue's navigation by cursor, keeping its filters.
fn pager_of(query: &QueueQuery, view: &QueueView) -> Pager {
    let base = paths::review_queue(&view.process.slug, view.group.number);
    let link = |page: &[(&str, String)]| format!("{base}?{}", query.with_page(page));
    let shown = Shown {
        rows: view.entries.len(),
        first_id: view.entries.first().map(|e| e.row.id.0),
        last_id: view.entries.last().map(|e| e.row.id.0),
        previous: view.previous,
        next: view.next,
        total: view.total,
    };
    Pager::keyset(query.position(), shown, link)
}

#[derive(Template)]
#[template(path = "review/queue.html")]
struct QueuePage {
    ctx: Ctx,
    process: Process,
    group: ActionGroup,
    themes: Vec<Theme>,
    structure: Structure,
    query: QueueQuery,
    status: ProposalStatus,
    entries: Vec<Entry>,
    total: Total,
    pager: Pager,
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

    fn count_label(&self) -> String {
        let key = if self.total.more {
            "review-queue-count-more"
        } else {
            "review-queue-count"
        };
        self.ctx.t1(key, "count", self.total.count.to_string())
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
    let owned_query = query.clone();
    let person = visitor.person();
    let view = state
        .run(move |conn| app_queue::queue(conn, person, &slug, &number, &owned_query))
        .await?;
    let pager = pager_of(&query, &view);
    page::ok(&QueuePage {
        ctx,
        process: view.process,
        group: view.group,
        themes: view.themes,
        structure: view.structure,
        query,
        status: view.status,
        entries: view.entries,
        total: view.total,
        pager,
        may_decide: view.may_decide,
    })
}
