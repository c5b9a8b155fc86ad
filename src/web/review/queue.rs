//! The review queue of a group: its submitted proposals awaiting a decision (or those in
//! another state, by filter), each with its version under review and history, and the
//! proposals of the group most alike it (`app::review::queue`).

use std::sync::Arc;

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
use crate::web::pagecache::Kept;
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

/// The middle of the queue: the same for everyone allowed to read it, save `may_decide`, so
/// it is rendered once per state of its data and kept (`PageCache::part`). `ctx` lends it
/// the reader's language and nothing else.
#[derive(Template)]
#[template(path = "review/queue_body.html")]
struct QueueBody<'a> {
    ctx: &'a Ctx,
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

impl QueueBody<'_> {
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

/// The queue as the reader sees it: their own frame around the kept middle.
#[derive(Template)]
#[template(path = "review/queue.html")]
struct QueuePage {
    ctx: Ctx,
    number: i32,
    body: Arc<Kept>,
}

impl QueuePage {
    fn middle(&self) -> &str {
        self.body.html()
    }
}

/// A group's queue. Whether the reader may read it is checked first, on every request; its
/// middle is then served as kept for the present state of the queue's data, or read and
/// rendered (and kept) when that state has changed.
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
    let person = visitor.person();
    let (admit_slug, admit_number) = (slug.clone(), number.clone());
    let admission = state
        .read_now(move |conn| app_queue::admit(conn, person, &admit_slug, &admit_number))
        .await?;
    // A page's key is its address: a part's is never one, and names what else it depends on.
    let key = (
        format!("{}\u{0}review-queue:{}", ctx.here, admission.may_decide),
        ctx.lang.code(),
    );
    let kept = match admission.stamp {
        Some(stamp) => state.pages.part(&key, stamp).await,
        None => Err(None),
    };
    let body = match kept {
        Ok(body) => body,
        // Held until the part is kept: others asking for it meanwhile wait for this one.
        Err(_claim) => {
            let query = query.into_inner();
            let owned_query = query.clone();
            let view = state
                .run(move |conn| app_queue::queue(conn, person, &slug, &number, &owned_query))
                .await?;
            let html = render_body(&ctx, query, view)?;
            state.pages.keep_part(key, admission.stamp, html)
        }
    };
    page::ok(&QueuePage {
        ctx,
        number: admission.group_number,
        body,
    })
}

/// The queue's middle, rendered from what `app::review::queue` read.
fn render_body(ctx: &Ctx, query: QueueQuery, view: QueueView) -> Result<String, AppError> {
    let pager = pager_of(&query, &view);
    let body = QueueBody {
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
    };
    Ok(body.render()?)
}
