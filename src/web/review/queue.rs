//! The review queue of a group: its submitted proposals awaiting a decision (or those in
//! another state, by filter), each with its version under review and history, and the
//! proposals of the group most alike it. A fixed number of queries, whatever the group holds.

use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::history::{EventKind, HistoryEvent, public_history};
use super::{SimilarView, load_reviewing, queue_path, review_path, similar_to};
use crate::domain::proposals::ProposalStatus;
use crate::store::processes::{self, ActionGroup, Process, Theme, ThemeKind};
use crate::store::review::queue::{
    self as store, QueueFilter, QueueRow, SponsorCount, similarity_candidates,
};
use crate::web::AppState;
use crate::web::error::{AppError, urlencode};
use crate::web::page::{self, Ctx};
use crate::web::proposals::proposal_path;
use crate::web::session::{SignedIn, Visitor};

pub const PER_PAGE: i64 = 25;
/// Beside each proposal of the queue, this many alike.
const SIMILAR_SHOWN: usize = 3;
const LAST_PAGE: u32 = 100_000;

/// The queue's query string as sent; values that name nothing are ignored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub status: String,
    pub theme: String,
    pub co_sponsors: String,
    pub page: String,
}

impl QueueQuery {
    fn filter(&self, themes: &[Theme]) -> QueueFilter {
        QueueFilter {
            status: ProposalStatus::parse(&self.status)
                .filter(|s| s.is_public())
                .unwrap_or(ProposalStatus::Submitted),
            theme_id: self
                .theme
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|id| themes.iter().any(|t| t.id == *id)),
            co_sponsors: SponsorCount::parse(&self.co_sponsors),
        }
    }

    fn page_number(&self) -> u32 {
        self.page
            .trim()
            .parse::<u32>()
            .unwrap_or(1)
            .clamp(1, LAST_PAGE)
    }

    fn link_to_page(&self, base: &str, page: u32) -> String {
        let mut query: Vec<String> = [
            ("status", &self.status),
            ("theme", &self.theme),
            ("co_sponsors", &self.co_sponsors),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect();
        query.push(format!("page={page}"));
        format!("{base}?{}", query.join("&"))
    }
}

/// One proposal of the queue and those alike it.
pub struct Entry {
    pub row: QueueRow,
    pub similar: Vec<SimilarView>,
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
    fn base(&self) -> String {
        queue_path(&self.process.slug, self.group.number)
    }

    fn statuses(&self) -> [ProposalStatus; 7] {
        ProposalStatus::PUBLIC
    }

    fn sponsor_choices(&self) -> [(SponsorCount, &'static str); 4] {
        SponsorCount::CHOICES
    }

    fn sponsor_key(&self, value: &str) -> String {
        format!("review-co-sponsors-{value}")
    }

    fn public_path(&self, reference: &str) -> String {
        proposal_path(&self.process.slug, reference)
    }

    fn review_path(&self, reference: &str) -> String {
        review_path(&self.process.slug, self.group.number, reference)
    }

    fn other_path(&self, reference: &str) -> String {
        proposal_path(&self.process.slug, reference)
    }

    fn history_of(&self, row: &QueueRow) -> Vec<HistoryEvent> {
        let versions: Vec<_> = row
            .versions
            .iter()
            .map(|v| (v.number, v.created_at))
            .collect();
        public_history(&self.process.slug, &versions, &row.decisions, None)
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
    let (reviewing, themes, filter, list, candidates) = state
        .db(move |conn| {
            let reviewing = load_reviewing(conn, &slug, &number, &visitor)?;
            let themes: Vec<Theme> = processes::structure_of(conn, reviewing.process.id)?
                .themes_of(ThemeKind::Theme)
                .cloned()
                .collect();
            let filter = owned_query.filter(&themes);
            let offset = i64::from(page_number - 1) * PER_PAGE;
            let list = store::review_queue(conn, reviewing.group.id, &filter, offset, PER_PAGE)?;
            let candidates = similarity_candidates(conn, reviewing.group.id)?;
            Ok((reviewing, themes, filter, list, candidates))
        })
        .await?;
    let ids: Vec<i64> = list.rows.iter().map(|r| r.id).collect();
    let mut similar = similar_to(&ids, &candidates, SIMILAR_SHOWN);
    let entries = list
        .rows
        .into_iter()
        .map(|row| {
            let alike = similar
                .iter_mut()
                .find(|(id, _)| *id == row.id)
                .map(|(_, views)| std::mem::take(views))
                .unwrap_or_default();
            Entry {
                row,
                similar: alike,
            }
        })
        .collect();
    let may_decide = reviewing.may_decide();
    page::ok(&QueuePage {
        ctx,
        process: reviewing.process,
        group: reviewing.group,
        themes,
        query,
        status: filter.status,
        entries,
        total: list.total,
        page: page_number,
        may_decide,
    })
}
