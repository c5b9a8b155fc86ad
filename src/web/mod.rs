//! HTTP: routes, middleware, extractors and handlers by area.
//!
//! A handler reads like a sentence: extract, call one use case of `crate::app` in
//! `AppState::run`, render. Permissions are decided by the use case through
//! `domain::permissions::can`, never here; this layer holds no query and no transaction.

pub mod accounts;
pub mod admin;
pub mod api;
pub mod assets;
pub mod bodies;
pub mod campaigns;
pub mod contributions;
pub mod counting;
pub mod csrf;
pub mod documents;
pub mod error;
pub mod events;
pub mod files;
pub mod forms;
pub mod gate;
pub mod gzip;
pub mod keep;
pub mod kept;
pub mod negotiation;
pub mod notifications;
pub mod opendata;
pub mod page;
pub mod pagecache;
pub mod processes;
pub mod proposals;
pub mod ratelimit;
pub mod review;
pub mod session;
pub mod setup;
pub mod stats;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{HttpResponse, web};

use crate::config::Settings;
use crate::db::DbPool;
use error::AppError;
use ratelimit::LoginLimiter;
use session::Visitor;

/// What every handler can reach: shared across workers.
pub struct AppState {
    pub pool: DbPool,
    /// Where the writes of submissions go: SQLite's group commit, or PostgreSQL's pool.
    pub writer: crate::db::writer::Writer,
    pub settings: Settings,
    pub limiter: LoginLimiter,
    /// The one-time token of the link that creates the first administrator. It works only
    /// while the instance has no administrator.
    pub setup_token: String,
    /// The demo accounts, shown on the home page while the demo runs.
    pub demo_logins: Vec<crate::demo::DemoLogin>,
    /// SQL statements run so far, for tests that count a page's queries.
    pub queries: crate::db::QueryCounter,
    /// Password hashing: a few at a time, so a storm of sign-ins cannot take every core.
    pub hashing: gate::Gate,
    /// Heavy downloads (open data, document exports) served at once.
    pub exports: gate::Gate,
    /// Open-data files already built, by data generation.
    pub files: files::FileCache,
    /// Rendered pages kept for anonymous readers, by the state of their data.
    pub pages: pagecache::PageCache,
    /// What the database says has changed (PostgreSQL), for the stamps the kept pages are
    /// kept under.
    pub heard: crate::db::listen::Watch,
    /// The thread the statistics are counted on, at the lowest priority.
    pub counting: counting::Counting,
    /// Wakes the mail sender (`crate::mail::run`) after a request wrote to the outbox.
    pub mail_wake: std::sync::Arc<tokio::sync::Notify>,
}

impl AppState {
    /// Runs a use case (`crate::app`) off the async workers, inside the request's span. Its
    /// refusals come back as they are, for the handler to show; `?` turns the rest into an
    /// `AppError`.
    pub async fn run<T, F>(&self, f: F) -> Result<T, crate::app::Error>
    where
        T: Send + 'static,
        F: FnOnce(&mut crate::db::DbConnection) -> crate::app::Result<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        let span = tracing::Span::current();
        web::block(move || {
            let _entered = span.enter();
            let mut conn = crate::db::checkout(&pool)?;
            f(&mut conn)
        })
        .await
        .map_err(|e| crate::app::Error::Internal(e.into()))?
    }

    /// Runs a short read on the async worker itself when the database is SQLite and a pooled
    /// connection is idle, and otherwise as [`run`](Self::run) does. A kept page's stamp
    /// read takes a few microseconds in SQLite, and handing it to a blocking thread and back
    /// cost more than the read: two thread wake-ups through a futex for each page. Only
    /// reads that end in a bounded time whatever the corpus belong here: a row by its key, or
    /// a search page of one word (a range of its list, or at most the bounded ranking's
    /// matches of a word with none: mostly a few hundred microseconds, where the hand-off
    /// cost a search 10–15 % of its time). The
    /// worker serves its other connections only when `f` is done. A PostgreSQL read waits on
    /// the network, so it is always handed off.
    pub async fn read_now<T, F>(&self, f: F) -> Result<T, crate::app::Error>
    where
        T: Send + 'static,
        F: FnOnce(&mut crate::db::DbConnection) -> crate::app::Result<T> + Send + 'static,
    {
        if self.settings.database_url.is_sqlite()
            && let Some(mut conn) = self.pool.try_get()
        {
            return f(&mut conn);
        }
        self.run(f).await
    }

    /// Runs a use case that hashes or verifies a password (`security::passwords`) once the
    /// hashing gate lets it in. The outer error is the gate's `Busy` (too many already wait);
    /// the inner result is the use case's, refusals included, for the handler to show. The
    /// pass travels with the work, so a client that goes away frees no slot before the hash
    /// is done.
    pub async fn run_hashing<T, F>(&self, f: F) -> Result<crate::app::Result<T>, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut crate::db::DbConnection) -> crate::app::Result<T> + Send + 'static,
    {
        let pass = self.hashing.enter().await?;
        Ok(self
            .run(move |conn| {
                let _pass = pass;
                f(conn)
            })
            .await)
    }

    /// Runs a write decided by a use case where writes share commits (`db::writer`): it is
    /// answered once its batch is durable, without holding a pooled connection meanwhile.
    pub async fn write<T, F>(&self, f: F) -> Result<T, crate::app::Error>
    where
        T: Send + 'static,
        F: FnOnce(&mut crate::db::DbConnection) -> crate::app::Result<T> + Send + 'static,
    {
        self.writer.write(f).await
    }
}

/// A response body produced chunk by chunk off the async workers.
pub type ChunkStream =
    std::pin::Pin<Box<dyn futures_util::Stream<Item = Result<web::Bytes, std::io::Error>>>>;

/// Chunks a use case writes waiting to be sent: a bounded queue, so a slow reader slows the
/// writer down instead of letting the chunks pile up in memory.
const QUEUED_CHUNKS: usize = 4;

impl AppState {
    /// Runs a use case that writes a file chunk by chunk (`send` answers `false` once the
    /// reader has gone) on a blocking thread with a connection of its own, and streams its
    /// chunks as they come. If the use case fails midway the body ends in an error, so the
    /// transfer is cut off (no last chunk) instead of looking complete.
    pub fn stream<F>(&self, write: F) -> ChunkStream
    where
        F: FnOnce(
                &mut crate::db::DbConnection,
                &mut dyn FnMut(web::Bytes) -> bool,
            ) -> crate::app::Result<()>
            + Send
            + 'static,
    {
        let (tx, rx) = tokio::sync::mpsc::channel(QUEUED_CHUNKS);
        let pool = self.pool.clone();
        let span = tracing::Span::current();
        let writer = actix_web::rt::task::spawn_blocking(move || {
            let _entered = span.enter();
            let mut send = |chunk: web::Bytes| tx.blocking_send(Ok(chunk)).is_ok();
            let outcome = pool
                .get()
                .map_err(crate::app::Error::from)
                .and_then(|mut conn| write(&mut conn, &mut send));
            if let Err(e) = outcome {
                tracing::error!(error = %e, "a streamed download failed midway");
                let _ = tx.blocking_send(Err(std::io::Error::other("the download failed")));
            }
        });
        // The writer runs on by itself; the body ends when it drops its end of the queue.
        drop(writer);
        Box::pin(futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv().await.map(|item| (item, rx))
        }))
    }
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(assets::stylesheet)
        .service(assets::favicon)
        .service(assets::autosave_script)
        // After the plain asset URLs above, which it would otherwise take.
        .service(assets::versioned)
        .service(processes::healthz)
        .service(processes::livez)
        // Routes are tried in order, and each dynamic one costs a regular expression's
        // captures to rule out, so the pages most asked for come first: the review scope (a
        // kept queue is cheap enough that trying ~50 routes before it cost a sixth of it),
        // then what the public reads. Each has a prefix no route below it shares, so none
        // takes a path another route was meant to answer: where two can (the two document
        // pages with the documents scope, `open-data/workbook.xlsx` with its datasets), their
        // order below is kept. Trying ~30 routes before the API cost a twentieth of it, and
        // a list page 8 %.
        .service(review::routes())
        .service(processes::home)
        .service(processes::process_page)
        .service(contributions::routes())
        .service(proposals::routes())
        .service(proposals::groups::group_page)
        .service(api::api_processes)
        .service(api::api_process)
        .service(api::api_revision)
        .service(api::api_document)
        .service(api::api_dataset)
        .service(stats::stats_page)
        .service(processes::choose_language)
        .service(accounts::register_form)
        .service(accounts::register)
        .service(accounts::login_form)
        .service(accounts::login)
        .service(accounts::logout)
        .service(accounts::account_page)
        .service(accounts::change_password)
        .service(accounts::resend_confirmation)
        .service(accounts::confirm_form)
        .service(accounts::confirm_address)
        .service(accounts::forgot_form)
        .service(accounts::request_reset)
        .service(accounts::reset_form)
        .service(accounts::reset_password)
        .service(notifications::choose_delivery)
        .service(notifications::notifications_page)
        .service(setup::setup_form)
        .service(setup::setup)
        .service(admin::routes())
        .service(processes::request_accreditation)
        .service(campaigns::show)
        .service(events::process_calendar)
        .service(events::routes())
        .service(documents::create::start_group_report)
        .service(documents::create::compile_chairs_summary)
        .service(documents::create::start_draft)
        .service(documents::routes())
        .service(negotiation::routes())
        .service(documents::export::draft_summary)
        .service(stats::stats_csv)
        .service(opendata::workbook)
        .service(opendata::dataset)
        .service(opendata::open_data_page)
        .default_service(web::to(not_found));
}

async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}

/// The security headers of every response (STACK.md).
pub fn security_headers(settings: &Settings) -> DefaultHeaders {
    let mut headers = DefaultHeaders::new()
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        ))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "same-origin"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add(("Permissions-Policy", "camera=(), microphone=(), geolocation=()"))
        .add((header::CACHE_CONTROL, "private, no-cache"));
    if settings.secure_cookies() {
        headers = headers.add((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        ));
    }
    headers
}

/// After a request that may have written (any but `GET`, `HEAD` and `OPTIONS`), forgets the
/// stamps this instance remembered (`db::listen`): its own next page reads them again, without
/// waiting for the database's notice of the write. Before the response leaves, so that the
/// person who wrote sees their write on the next page.
pub async fn forget_stamps_after_writes(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let writer = csrf::is_unsafe(req.method())
        .then(|| req.app_data::<actix_web::web::Data<AppState>>().cloned())
        .flatten();
    let response = next.call(req).await;
    if let Some(state) = writer {
        state.heard.changed();
    }
    response
}

/// Renders error pages again in the visitor's language (an error's own rendering cannot see
/// the request).
///
/// Under `/api/` every error is answered as JSON instead (`error::api_error`), whatever
/// produced it: a handler's `AppError`, an extractor's refusal, a route without the method.
pub async fn localise_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let api = crate::paths::is_api(req.path());
    let response = next.call(req).await?;
    let app_error = response
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>());
    let status = response.status();
    let plain_api_error = api
        && app_error.is_none()
        && (status.is_client_error() || status.is_server_error())
        && !is_json(response.response());
    if app_error.is_none() && !plain_api_error {
        return Ok(response.map_into_left_body());
    }
    let user = Visitor::of_request(response.request());
    let lang = page::language_of(response.request(), user.as_ref().and_then(|v| v.user()));
    let mut localised = match app_error {
        Some(app_error) if api => app_error.json(lang),
        Some(app_error) => app_error.page(lang),
        None => {
            let mut json = error::api_error(status, error::title_of_status(status), None, lang);
            if let Some(retry) = response.headers().get(header::RETRY_AFTER) {
                json.headers_mut()
                    .insert(header::RETRY_AFTER, retry.clone());
            }
            json
        }
    };
    // Keep cookies the handler or earlier middleware set.
    for cookie in response.response().cookies() {
        let _ = localised.add_cookie(&cookie);
    }
    let request = response.request().clone();
    Ok(ServiceResponse::new(request, localised).map_into_right_body())
}

/// Whether a response says it is JSON.
fn is_json<B>(response: &HttpResponse<B>) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}
