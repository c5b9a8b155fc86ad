//! Rendered pages kept for anonymous readers, under the state of the data they show.
//!
//! A popular consultation's readers mostly arrive signed out and ask for the same few pages:
//! a process, its lists' first pages, a group, a contribution linked from elsewhere. Building
//! such a page costs tens of times a bare request, most of it the HTML itself, so each is
//! built once per state of its data and served again from memory until that state changes.
//!
//! A page is kept under the address and language it was asked in and the process's two
//! stamps: the data generation (`open_data_generation`, renewed by triggers with every
//! committed write to a table the public pages list) and the process's own stamp (renewed by
//! triggers with every change to its row, outline, people and documents). Both are read from
//! the database in one hop, so a page is never served for a state older than the database's.
//! On PostgreSQL, while the instance hears the database's notices of changed stamps
//! (`db::listen`), stamps once read are remembered until the next notice or the next write of
//! this instance, and a kept page costs no round trip: a write on another instance is then
//! seen on this one within about a millisecond of its commit.
//! A page also lives at most [`MAX_AGE`], for the little it shows that follows the clock
//! (whether a window is open). The home page, which lists every process, is kept under one
//! value mixed from all their stamps, read in one statement ([`look_home`]).
//!
//! Only anonymous visitors are served whole pages from here: a signed-in person's pages carry
//! their name, drafts and rights. Of a signed-in page, only a part that is the same for
//! everyone allowed to see it may be kept ([`PageCache::part`]); the permission to see it is
//! checked on every request before the part is looked for, and the frame around it is
//! rendered for the person. The one thing an anonymous page holds of its visitor, the CSRF
//! token of the language chooser, is rendered as a random placeholder of the same length and
//! put in at serving time, so no visitor ever receives another's token. Searches are not
//! kept: their terms vary too much to be asked twice. The rows of the lists are, one by one,
//! for signed-in readers too ([`PageCache::row`]): a search page is put together from the
//! rows other pages rendered under the same stamps.
//!
//! The public JSON API's pages are kept the same way ([`json`]): they hold nothing of the
//! client, and a dataset's first pages are what every client asks first.
//!
//! A client that takes gzip (every browser) gets a kept page, or an API page, as it was
//! compressed once, its own token put in at serving time ([`super::gzip`]).
//!
//! A page missing from the shelf is made once, however many ask for it together: the first
//! request to miss it makes it, and the others wait for it ([`Claim`]) instead of reading and
//! rendering the same page side by side (64 connections asking for the statistics page as
//! it expired made it 64 times over, and every other request queued behind them). A page
//! only older than [`MAX_AGE`], still for the present stamps, is served as it is while the
//! one request that claimed it makes it again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use actix_web::HttpResponse;
use actix_web::http::header;
use askama::Template;
use bytestring::ByteString;
use tokio::sync::Notify;
use tokio::sync::futures::OwnedNotified;

use super::AppState;
use super::error::AppError;
use super::gzip::Gzipped;
use super::page::Ctx;
use crate::app::processes::DataStamp as Stamp;
use crate::security::tokens;

/// The longest a kept page is served, whatever the stamps say.
const MAX_AGE: Duration = Duration::from_secs(5);

/// The memory the kept pages may take; when a new page would pass it, all are dropped.
const BUDGET_BYTES: usize = 32 * 1024 * 1024;

/// The longest a request waits for a page another request is making before it makes the
/// page itself.
const WAIT_FOR_MAKER: Duration = Duration::from_secs(2);

/// A page's place on the shelf: its address (or a part's name) and language.
type Key = (String, &'static str);

/// A page as rendered for nobody in particular: its HTML, and where the placeholder token
/// stands in it.
#[derive(Debug)]
pub struct Kept {
    stamp: Stamp,
    made: Instant,
    /// Shared, not copied, by each answer that sends it whole (the API's: 140 KB a page of
    /// a hundred contributions, whose copy was 4 % of serving it).
    html: ByteString,
    token_at: Vec<usize>,
    /// The page compressed, made when a client that takes gzip first asks for it
    /// ([`super::gzip`]); not counted in [`BUDGET_BYTES`], being a fraction of the page.
    gzipped: OnceLock<Option<Gzipped>>,
}

#[derive(Debug, Default)]
struct Shelf {
    pages: HashMap<Key, Arc<Kept>>,
    /// The rows of the lists, by what they show and language ([`PageCache::row`]), each
    /// beside its stamp and age: a search asks for 25 rows among tens of thousands kept, and
    /// reading those through the row's `Kept` cost a cache miss more each (half of the
    /// lookup's time, 3 % of a rare word's search).
    rows: HashMap<(RowOf, &'static str), ShelvedRow>,
    bytes: usize,
}

/// A kept row, with what decides whether it may still be served.
#[derive(Debug)]
struct ShelvedRow {
    stamp: Stamp,
    made: Instant,
    kept: Arc<Kept>,
}

/// What a kept row of a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowOf {
    Contribution(i64),
    Proposal(i64),
}

/// The kept pages of one instance.
#[derive(Debug)]
pub struct PageCache {
    shelf: Mutex<Shelf>,
    /// The pages some request is making now, each with what wakes those waiting for it.
    making: Making,
    /// Stands for the visitor's CSRF token in a kept page: as long as a token, random per
    /// instance, so no text on a page can spell it.
    placeholder: String,
    /// The stamps read under the present epoch of `db::listen`.
    stamps: Mutex<Remembered>,
}

/// Stamps read from the database, by process slug (`None`: the home page's), all under one
/// epoch of `db::listen::Watch`.
#[derive(Debug, Default)]
struct Remembered {
    epoch: u64,
    stamps: HashMap<Option<String>, Stamp>,
}

/// The most stamps remembered: one a process, so never reached but by addresses naming
/// processes that do not exist, which are not remembered anyway.
const REMEMBERED_AT_MOST: usize = 1024;

impl Default for PageCache {
    fn default() -> Self {
        let placeholder = tokens::csrf_token(tokens::random_token().as_bytes(), "kept-page");
        PageCache {
            shelf: Mutex::new(Shelf::default()),
            making: Making::default(),
            placeholder,
            stamps: Mutex::default(),
        }
    }
}

impl PageCache {
    fn shelf(&self) -> std::sync::MutexGuard<'_, Shelf> {
        self.shelf
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The page kept under `key` for `stamp`; or, when there is none, the claim to make it,
    /// once any other request making it is done (`None` after [`WAIT_FOR_MAKER`]: then the
    /// caller makes it unclaimed).
    async fn get_or_claim(&self, key: &Key, stamp: Stamp) -> Result<Arc<Kept>, Option<Claim>> {
        // Twice at most: a maker that failed (or whose visitor left) leaves no page, and
        // the next to look claims it.
        for _ in 0..2 {
            match self.look(key, stamp) {
                Look::Kept(kept) => return Ok(kept),
                Look::Make(claim) => return Err(Some(claim)),
                Look::Wait(done) => {
                    if tokio::time::timeout(WAIT_FOR_MAKER, done).await.is_err() {
                        return Err(None);
                    }
                }
            }
        }
        Err(None)
    }

    /// One look at the shelf and at the pages being made.
    fn look(&self, key: &Key, stamp: Stamp) -> Look {
        let kept = self
            .shelf()
            .pages
            .get(key)
            .filter(|kept| kept.stamp == stamp)
            .cloned();
        let mut making = self.making.lock();
        match (kept, making.get(key)) {
            (Some(kept), _) if kept.made.elapsed() < MAX_AGE => Look::Kept(kept),
            // Only old: served while the request that claimed it makes it again.
            (Some(kept), Some(_)) => Look::Kept(kept),
            // Created under the lock the maker's claim is given up under: it cannot miss
            // the wake-up.
            (None, Some(done)) => Look::Wait(done.clone().notified_owned()),
            (_, None) => {
                let done = Arc::new(Notify::new());
                making.insert(key.clone(), done.clone());
                Look::Make(Claim {
                    making: self.making.clone(),
                    key: key.clone(),
                    done,
                })
            }
        }
    }

    fn remembered(&self, of: &Option<String>, epoch: u64) -> Option<Stamp> {
        let stamps = self.stamps.lock().unwrap_or_else(|p| p.into_inner());
        (stamps.epoch == epoch)
            .then(|| stamps.stamps.get(of).copied())
            .flatten()
    }

    /// Remembers `stamp`, read after the watch vouched for `epoch`: unless the epoch has moved
    /// on since, it holds until it does.
    fn remember(&self, of: Option<String>, epoch: u64, stamp: Stamp) {
        let mut stamps = self.stamps.lock().unwrap_or_else(|p| p.into_inner());
        if stamps.epoch != epoch {
            if stamps.epoch > epoch {
                return;
            }
            stamps.epoch = epoch;
            stamps.stamps.clear();
        }
        if stamps.stamps.len() < REMEMBERED_AT_MOST {
            stamps.stamps.insert(of, stamp);
        }
    }

    fn put(&self, key: Key, kept: Arc<Kept>) {
        let key_len = key.0.len();
        let size = kept.html.len() + key_len;
        let mut shelf = self.shelf();
        shelf.make_room(size);
        if let Some(old) = shelf.pages.insert(key, kept) {
            shelf.bytes = shelf.bytes.saturating_sub(old.html.len() + key_len);
        }
    }
}

/// What one look at the shelf found.
enum Look {
    Kept(Arc<Kept>),
    /// Nobody is making the page: this request makes it.
    Make(Claim),
    /// Another request makes the page; this wakes when it is done.
    Wait(OwnedNotified),
}

/// The pages being made, by key, shared with the claims that give them up.
#[derive(Debug, Default, Clone)]
struct Making(Arc<Mutex<HashMap<Key, Arc<Notify>>>>);

impl Making {
    fn lock(&self) -> MutexGuard<'_, HashMap<Key, Arc<Notify>>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// One request's claim to make a page others will wait for. Given up when dropped: after
/// the page is kept, or when making it failed or its visitor left. Either way those waiting
/// wake and look again.
#[derive(Debug)]
pub struct Claim {
    making: Making,
    key: Key,
    done: Arc<Notify>,
}

impl Drop for Claim {
    fn drop(&mut self) {
        let mut making = self.making.lock();
        if making
            .get(&self.key)
            .is_some_and(|done| Arc::ptr_eq(done, &self.done))
        {
            making.remove(&self.key);
        }
        self.done.notify_waiters();
    }
}

impl Shelf {
    /// Counts `size` more bytes, dropping everything kept first if they would pass the budget.
    fn make_room(&mut self, size: usize) {
        if self.bytes + size > BUDGET_BYTES {
            self.pages.clear();
            self.rows.clear();
            self.bytes = 0;
        }
        self.bytes += size;
    }
}

impl Kept {
    /// What is kept: a page for nobody in particular, or a part of one.
    pub fn html(&self) -> &str {
        &self.html
    }
}

impl PageCache {
    /// The part of a signed-in page kept under `key` for `stamp`, if any: the costly middle
    /// of a page that is the same for everyone allowed to see it (a group's review queue),
    /// around which each person's own frame is rendered. Its key must name what else the
    /// part depends on (say, whether its reader may decide), and never be a page's address.
    /// When none is kept, the claim to make it ([`Claim`]): hold it until it is kept.
    pub async fn part(&self, key: &Key, stamp: Stamp) -> Result<Arc<Kept>, Option<Claim>> {
        self.get_or_claim(key, stamp).await
    }

    /// A part rendered for `stamp`, read before what the part shows, kept under `key`; with
    /// no stamp, only handed back.
    pub fn keep_part(&self, key: Key, stamp: Option<Stamp>, html: String) -> Arc<Kept> {
        let kept = Kept::part(stamp, html);
        if stamp.is_some() {
            self.put(key, kept.clone());
        }
        kept
    }
}

impl Kept {
    /// A part of a page (no token in it) rendered for `stamp`; with none, one never kept.
    fn part(stamp: Option<Stamp>, html: String) -> Arc<Kept> {
        Arc::new(Kept {
            stamp: stamp.unwrap_or(Stamp {
                generation: 0,
                process: 0,
            }),
            made: Instant::now(),
            html: html.into(),
            token_at: Vec::new(),
            gzipped: OnceLock::new(),
        })
    }
}

impl PageCache {
    /// The row of a list showing `of` to readers of `lang`, if one is kept for `stamp`.
    ///
    /// A list row is the same for every reader of one language, whoever they are: it
    /// shows only what the public may read. A search's page is mostly its rows, and rows
    /// come back from one search to another (a text holds many words) where whole result
    /// pages do not; so its rows are kept, and a search reads only the ids of its page.
    pub fn row(&self, of: RowOf, lang: &'static str, stamp: Stamp) -> Option<Arc<Kept>> {
        self.shelf()
            .rows
            .get(&(of, lang))
            .filter(|row| row.stamp == stamp && row.made.elapsed() < MAX_AGE)
            .map(|row| row.kept.clone())
    }

    /// A row rendered for `stamp`, read before what the row shows, kept; with no stamp (or
    /// a row that must not be kept), only handed back.
    pub fn keep_row(
        &self,
        of: RowOf,
        lang: &'static str,
        stamp: Option<Stamp>,
        html: String,
    ) -> Arc<Kept> {
        let kept = Kept::part(stamp, html);
        if stamp.is_some() {
            let mut shelf = self.shelf();
            shelf.make_room(kept.html.len());
            let row = ShelvedRow {
                stamp: kept.stamp,
                made: kept.made,
                kept: kept.clone(),
            };
            if let Some(old) = shelf.rows.insert((of, lang), row) {
                shelf.bytes = shelf.bytes.saturating_sub(old.kept.html.len());
            }
        }
        kept
    }
}

/// The rows a list page was read with ([`read_with_rows`]): those found kept, and the stamp
/// read before the page, under which the rows rendered now are kept.
pub struct Rows<Id> {
    stamp: Option<Stamp>,
    lang: &'static str,
    row_of: fn(Id) -> RowOf,
    held: HashMap<Id, Arc<Kept>>,
}

/// Reads a list page of process `slug` with `read`, after the process's stamps, offering it
/// the rows kept for them: `read` asks of each row of its page whether it is held, and
/// reads only the others. For readers of `lang`; `row_of` names what a row of the list shows.
/// A `bounded` read (one word searched in the whole list: [`ListQuery::is_one_word_search`])
/// runs where [`AppState::read_now`] runs it.
///
/// [`ListQuery::is_one_word_search`]: crate::app::paging::ListQuery::is_one_word_search
pub async fn read_with_rows<Id, T, F>(
    state: &actix_web::web::Data<AppState>,
    lang: &'static str,
    slug: String,
    row_of: fn(Id) -> RowOf,
    bounded: bool,
    read: F,
) -> Result<(T, Rows<Id>), AppError>
where
    Id: Copy + Eq + std::hash::Hash + Send + 'static,
    T: Send + 'static,
    F: FnOnce(
            &mut crate::db::DbConnection,
            &str,
            &mut dyn FnMut(Id) -> bool,
        ) -> crate::app::Result<T>
        + Send
        + 'static,
{
    let shelf = state.clone();
    // A stamp remembered under the epoch the watch vouches for is the database's (`db::listen`).
    let epoch = state.heard.vouch();
    let of = Some(slug.clone());
    let remembered = epoch.and_then(|epoch| state.pages.remembered(&of, epoch));
    let read = move |conn: &mut crate::db::DbConnection| {
        // Read before the rows: a row kept under it never shows data older than it.
        let stamp = match remembered {
            Some(stamp) => Some(stamp),
            None => crate::app::processes::stamp(conn, &slug)?,
        };
        let mut held = HashMap::new();
        let page = read(conn, &slug, &mut |id| {
            let kept = stamp.and_then(|stamp| shelf.pages.row(row_of(id), lang, stamp));
            kept.map(|kept| held.insert(id, kept)).is_some()
        })?;
        Ok((page, stamp, held))
    };
    let (page, stamp, held) = match bounded {
        true => state.read_now(read).await?,
        false => state.run(read).await?,
    };
    if let (Some(epoch), None, Some(stamp)) = (epoch, remembered, stamp) {
        state.pages.remember(of, epoch, stamp);
    }
    let rows = Rows {
        stamp,
        lang,
        row_of,
        held,
    };
    Ok((page, rows))
}

impl<Id: Copy + Eq + std::hash::Hash> Rows<Id> {
    /// No rows held, and none to keep: for a page read without [`read_with_rows`].
    pub fn none(lang: &'static str, row_of: fn(Id) -> RowOf) -> Self {
        Rows {
            stamp: None,
            lang,
            row_of,
            held: HashMap::new(),
        }
    }

    /// The rows of the page `ids` in order: those held, and the others as `render` makes
    /// them now (`None` for one the page no longer holds; with whether it is public). Each
    /// public one is kept for the next page that lists it: a hidden row is a tombstone, and
    /// a search never lists one, so a held row is always one a search may list.
    pub fn assemble(
        mut self,
        state: &AppState,
        ids: &[Id],
        mut render: impl FnMut(&Id) -> Result<Option<(String, bool)>, AppError>,
    ) -> Result<Vec<Arc<Kept>>, AppError> {
        let mut rows = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(kept) = self.held.remove(id) {
                rows.push(kept);
                continue;
            }
            let Some((html, public)) = render(id)? else {
                continue;
            };
            let keep = self.stamp.filter(|_| public);
            rows.push(
                state
                    .pages
                    .keep_row((self.row_of)(*id), self.lang, keep, html),
            );
        }
        Ok(rows)
    }
}

/// A request for a page that may be kept: served already, or to be rendered (and kept if
/// the visitor is anonymous).
pub enum Slot {
    Served(HttpResponse),
    Render(Filling),
}

/// What rendering needs to keep the page it makes.
pub struct Filling {
    kept: Option<(Key, Stamp)>,
    /// Given up once the page is kept (or was not made), or by [`Filling::let_others_in`].
    claim: Option<Claim>,
}

/// Looks for the page `ctx` asks for in process `slug`. Signed-in visitors, and pages the
/// caller does not `keep` (searches), always get `Render`, with nothing kept.
pub async fn look(state: &AppState, ctx: &Ctx, slug: &str, keep: bool) -> Result<Slot, AppError> {
    if ctx.user.is_some() || !keep {
        return Ok(Slot::Render(Filling::unkept()));
    }
    // No such process: the page's own reading answers 404.
    shelved(state, ctx, Some(slug)).await
}

/// Looks for the home page: kept, for an anonymous visitor, under the stamps of all the
/// processes it lists (`app::processes::home_stamp`), in one statement.
pub async fn look_home(state: &AppState, ctx: &Ctx) -> Result<Slot, AppError> {
    if ctx.user.is_some() {
        return Ok(Slot::Render(Filling::unkept()));
    }
    shelved(state, ctx, None).await
}

/// The stamp of process `slug` (`None`: of the home page) as the database has it now, or as
/// it had it under the epoch the watch still vouches for (`db::listen`).
async fn stamp_now(state: &AppState, slug: Option<&str>) -> Result<Option<Stamp>, AppError> {
    let of = slug.map(str::to_string);
    // Taken before the stamp is read: a notice heard during the read moves the epoch on, and
    // what was read is then not remembered.
    let epoch = state.heard.vouch();
    if let Some(epoch) = epoch
        && let Some(stamp) = state.pages.remembered(&of, epoch)
    {
        return Ok(Some(stamp));
    }
    let read = of.clone();
    let stamp = state
        .read_now(move |conn| match &read {
            Some(slug) => crate::app::processes::stamp(conn, slug),
            None => crate::app::processes::home_stamp(conn),
        })
        .await?;
    if let (Some(epoch), Some(stamp)) = (epoch, stamp) {
        state.pages.remember(of, epoch, stamp);
    }
    Ok(stamp)
}

/// The kept page `ctx` asks for, if one is kept under the stamp of process `slug` (`None`:
/// the home page's) now; without a stamp, the page is rendered and not kept.
async fn shelved(state: &AppState, ctx: &Ctx, slug: Option<&str>) -> Result<Slot, AppError> {
    let Some(stamp) = stamp_now(state, slug).await? else {
        return Ok(Slot::Render(Filling::unkept()));
    };
    let key = (ctx.here.clone(), ctx.lang.code());
    match state.pages.get_or_claim(&key, stamp).await {
        Ok(kept) => Ok(Slot::Served(serve(&kept, &ctx.csrf, ctx.gzip))),
        Err(claim) => Ok(Slot::Render(Filling {
            kept: Some((key, stamp)),
            claim,
        })),
    }
}

impl Filling {
    /// Lets those waiting for this page make it themselves: for a request that will take
    /// long (a first count of statistics) and would hold every other reader of the page.
    pub fn let_others_in(&mut self) {
        self.claim = None;
    }

    fn unkept() -> Self {
        Filling {
            kept: None,
            claim: None,
        }
    }

    /// Renders the page `make` builds from `ctx`; for an anonymous visitor, keeps it first.
    pub fn render<T: Template>(
        self,
        state: &AppState,
        mut ctx: Ctx,
        make: impl FnOnce(Ctx) -> T,
    ) -> Result<HttpResponse, AppError> {
        let Some((key, stamp)) = self.kept else {
            return super::page::ok(&make(ctx));
        };
        let gzip = ctx.gzip;
        let token = std::mem::replace(&mut ctx.csrf, state.pages.placeholder.clone());
        let html = make(ctx).render()?;
        let token_at = html
            .match_indices(state.pages.placeholder.as_str())
            .map(|(at, _)| at)
            .collect();
        let kept = Kept {
            stamp,
            made: Instant::now(),
            html: html.into(),
            token_at,
            gzipped: OnceLock::new(),
        };
        let response = serve(&kept, &token, gzip);
        state.pages.put(key, Arc::new(kept));
        Ok(response)
    }
}

/// A kept page with the visitor's token in its places; compressed, to a client that takes
/// gzip (`gzip`).
fn serve(kept: &Kept, token: &str, gzip: bool) -> HttpResponse {
    // The CSRF middleware always sets a token of this length; were it ever missing, the
    // placeholder's places are blanked rather than given away.
    let token = Some(token.as_bytes()).filter(|t| t.len() == PLACEHOLDER_LEN);
    if gzip && let Some(gzipped) = kept.gzipped() {
        return compressed("text/html; charset=utf-8", gzipped.with(token));
    }
    let mut html = kept.html.as_bytes().to_vec();
    for &at in &kept.token_at {
        let place = &mut html[at..at + PLACEHOLDER_LEN];
        match token {
            Some(token) => place.copy_from_slice(token),
            None => place.fill(b'-'),
        }
    }
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::VARY, "accept-encoding"))
        .body(html)
}

impl Kept {
    /// The page compressed, its token's places left open; made by the first request that
    /// asks (others asking meanwhile wait for it), `None` if it could not be.
    fn gzipped(&self) -> Option<&Gzipped> {
        self.gzipped
            .get_or_init(|| {
                Gzipped::new(self.html.as_bytes(), &self.token_at, PLACEHOLDER_LEN)
                    .inspect_err(|error| tracing::warn!(%error, "a kept page was not compressed"))
                    .ok()
            })
            .as_ref()
    }
}

/// A compressed answer: the middleware, which would compress it again, leaves an answer
/// that names its encoding alone.
fn compressed(content_type: &'static str, body: bytes::Bytes) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(header::ContentEncoding::Gzip)
        .insert_header((header::VARY, "accept-encoding"))
        .body(body)
}

/// An answer of the public JSON API for `here` (its path and query) in process `slug`, kept
/// like a page: the same for every client, under the process's stamps. `make` builds it
/// when none is kept for the present state.
pub async fn json<F, Fut>(
    state: &AppState,
    here: String,
    gzip: bool,
    slug: &str,
    make: F,
) -> Result<HttpResponse, AppError>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<String, AppError>>,
{
    let stamp = stamp_now(state, Some(slug)).await?;
    let key = (here, "json");
    let _claim = match stamp {
        Some(stamp) => match state.pages.get_or_claim(&key, stamp).await {
            Ok(kept) => return json_answer(kept, gzip).await,
            Err(claim) => claim,
        },
        None => None,
    };
    let body = ByteString::from(make().await?);
    if let Some(stamp) = stamp {
        let kept = Arc::new(Kept {
            stamp,
            made: Instant::now(),
            html: body.clone(),
            token_at: Vec::new(),
            gzipped: OnceLock::new(),
        });
        state.pages.put(key, kept.clone());
        return json_answer(kept, gzip).await;
    }
    Ok(json_response(body))
}

/// A kept API page as the client takes it. The first to be sent compressed is compressed on
/// the blocking pool: 140 KB take milliseconds, which would hold every other connection of
/// the worker.
async fn json_answer(kept: Arc<Kept>, gzip: bool) -> Result<HttpResponse, AppError> {
    if gzip {
        if kept.gzipped.get().is_none() {
            let compressing = kept.clone();
            // Made there; read below without waiting.
            actix_web::web::block(move || compressing.gzipped().is_some())
                .await
                .map_err(AppError::internal)?;
        }
        if let Some(gzipped) = kept.gzipped() {
            return Ok(compressed("application/json", gzipped.with(None)));
        }
    }
    Ok(json_response(kept.html.clone()))
}

fn json_response(body: ByteString) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::VARY, "accept-encoding"))
        .body(body.into_bytes())
}

/// The length of a CSRF token, and so of the placeholder.
const PLACEHOLDER_LEN: usize = 43;

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(html: &str, placeholder: &str) -> Kept {
        Kept {
            stamp: Stamp {
                generation: 1,
                process: 2,
            },
            made: Instant::now(),
            html: html.into(),
            token_at: html.match_indices(placeholder).map(|(at, _)| at).collect(),
            gzipped: OnceLock::new(),
        }
    }

    #[test]
    fn the_placeholder_is_as_long_as_a_token() {
        let cache = PageCache::default();
        assert_eq!(cache.placeholder.len(), PLACEHOLDER_LEN);
        assert_eq!(tokens::csrf_token(b"k", "b").len(), PLACEHOLDER_LEN);
    }

    #[test]
    fn each_visitor_gets_their_own_token_in_every_place() {
        let cache = PageCache::default();
        let p = cache.placeholder.clone();
        let page = kept(&format!("<a>{p}</a><b>{p}</b>"), &p);
        let body = |token: &str, gzip: bool| {
            let response = serve(&page, token, gzip);
            let encoded = response.headers().get(header::CONTENT_ENCODING).cloned();
            assert_eq!(encoded.is_some(), gzip);
            let body = actix_web::rt::System::new()
                .block_on(actix_web::body::to_bytes(response.into_body()))
                .expect("a body");
            if !gzip {
                return body.to_vec();
            }
            let mut plain = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut plain)
                .expect("gzip");
            plain
        };
        for (token, gzip) in [("t", false), ("u", true), ("v", true)] {
            let token = token.repeat(PLACEHOLDER_LEN);
            let page = format!("<a>{token}</a><b>{token}</b>");
            assert_eq!(body(&token, gzip), page.as_bytes());
        }
    }

    #[test]
    fn a_page_is_served_only_for_its_own_stamp() {
        let cache = PageCache::default();
        let key = ("/p/x".to_string(), "en");
        let page = kept("<p>x</p>", &cache.placeholder);
        let stamp = page.stamp;
        cache.put(key.clone(), Arc::new(page));
        // What a request finds: the page, or (a miss) the claim to make it.
        let served = |key: &Key, stamp| matches!(cache.look(key, stamp), Look::Kept(_));
        assert!(served(&key, stamp));
        let later = Stamp {
            generation: stamp.generation + 1,
            ..stamp
        };
        assert!(!served(&key, later));
        assert!(!served(&("/p/x".to_string(), "fr"), stamp));
    }

    fn stamp() -> Stamp {
        Stamp {
            generation: 1,
            process: 2,
        }
    }

    /// Another request asking for `key`, at the same stamp, on a task of its own.
    fn another_asks(
        cache: &Arc<PageCache>,
        key: &Key,
    ) -> tokio::task::JoinHandle<Result<Arc<Kept>, Option<Claim>>> {
        let (cache, key) = (cache.clone(), key.clone());
        tokio::spawn(async move { cache.get_or_claim(&key, stamp()).await })
    }

    #[tokio::test]
    async fn a_page_being_made_is_waited_for_not_made_again() {
        let cache = Arc::new(PageCache::default());
        let key = ("/p/x/stats".to_string(), "en");
        let claim = cache
            .get_or_claim(&key, stamp())
            .await
            .expect_err("nothing kept yet")
            .expect("the first to ask makes it");
        let waiting = another_asks(&cache, &key);
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished(), "the second waits for the first");
        cache.put(
            key.clone(),
            Arc::new(kept("<p>made once</p>", &cache.placeholder)),
        );
        drop(claim);
        let served = waiting.await.expect("the waiter ends").expect("kept");
        assert_eq!(served.html(), "<p>made once</p>");
    }

    #[tokio::test]
    async fn a_maker_that_fails_leaves_the_page_to_the_next() {
        let cache = Arc::new(PageCache::default());
        let key = ("/api/p/x/contributions".to_string(), "json");
        let claim = cache
            .get_or_claim(&key, stamp())
            .await
            .expect_err("none kept");
        let waiting = another_asks(&cache, &key);
        tokio::task::yield_now().await;
        drop(claim);
        let next = waiting.await.expect("the waiter ends");
        assert!(matches!(next, Err(Some(_))), "it claims the page in turn");
    }

    #[tokio::test]
    async fn an_old_page_is_served_while_one_request_makes_it_again() {
        let cache = PageCache::default();
        let key = ("/p/x".to_string(), "en");
        let mut old = kept("<p>old</p>", &cache.placeholder);
        old.made = Instant::now() - MAX_AGE - Duration::from_secs(1);
        cache.put(key.clone(), Arc::new(old));
        let claim = cache.get_or_claim(&key, stamp()).await;
        assert!(
            matches!(claim, Err(Some(_))),
            "the first to find it old makes it"
        );
        let meanwhile = cache.get_or_claim(&key, stamp()).await.expect("served");
        assert_eq!(meanwhile.html(), "<p>old</p>");
        // For other stamps the old page is not served, and waits for the maker.
        let later = Stamp {
            generation: 2,
            process: 2,
        };
        assert!(matches!(cache.look(&key, later), Look::Wait(_)));
        drop(claim);
        assert!(matches!(cache.look(&key, stamp()), Look::Make(_)));
    }
}
