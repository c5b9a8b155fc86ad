//! Concord: drafting an international agreement in the open.
//!
//! `Application::build` opens the database, applies migrations and binds the listener;
//! `run_until_stopped` serves. Tests bind port 0 and talk HTTP to the real thing.

pub mod app;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod mail;
pub mod markdown;
pub mod paths;
pub mod security;
pub mod store;
pub mod telemetry;
pub mod web;

use std::net::TcpListener;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web as actix};
use anyhow::Context;
use tracing_actix_web::TracingLogger;

use config::Settings;
use web::AppState;
use web::ratelimit::LoginLimiter;

pub struct Application {
    port: u16,
    server: Server,
    state: actix::Data<AppState>,
    mailer: std::sync::Arc<mail::Mailer>,
}

impl Application {
    /// Opens the database, migrates it and binds the listener; does not serve yet.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        Self::build_with(settings, false).await
    }

    /// As `build`, and with `demo` loads the demo process first (once) and shows its
    /// accounts on the home page.
    pub async fn build_with(settings: Settings, demo: bool) -> anyhow::Result<Self> {
        let queries = db::QueryCounter::default();
        let pool = open_database_counted(&settings, queries.clone()).await?;
        let demo_logins = if demo {
            load_demo(&pool).await?;
            demo::logins()?
        } else {
            Vec::new()
        };
        let setup_token = security::tokens::random_token();
        let listener = TcpListener::bind(settings.bind)
            .with_context(|| format!("cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let mut settings = settings;
        // Bound to "any free port" (tests): the public address is the one the system chose.
        if let Some(base) = settings.public_url.strip_suffix(":0") {
            settings.public_url = format!("{base}:{port}");
        }
        // Off the async worker: the writer opens a connection of its own, which waits for
        // the database (a test's proxy to it may be a task of this very runtime).
        let writer = {
            let (url, synchronous) = (settings.database_url.clone(), settings.sqlite_synchronous);
            let (pool, queries) = (pool.clone(), queries.clone());
            actix::block(move || {
                db::start_writer(
                    &url,
                    synchronous,
                    pool,
                    queries,
                    Box::new(store::search::IndexAtBatchEnd),
                )
            })
            .await?
            .context("cannot start the database writer")?
        };
        let heard = match &settings.database_url {
            config::DatabaseUrl::Postgres(url) => {
                let url = url.clone();
                actix::block(move || db::listen::Watch::listen(url))
                    .await?
                    .context("cannot start listening to the database")?
            }
            config::DatabaseUrl::Sqlite(_) => db::listen::Watch::deaf(),
        };
        let mailer = std::sync::Arc::new(mail::Mailer::new(&settings)?);
        let (hashing, exports) = gates(&settings);
        let state = actix::Data::new(AppState {
            pool,
            writer,
            hashing,
            exports,
            files: web::files::FileCache::for_database(&settings.database_url),
            pages: web::pagecache::PageCache::default(),
            heard,
            counting: web::counting::Counting::default(),
            limiter: LoginLimiter::new(&settings),
            settings,
            setup_token,
            demo_logins,
            queries,
            mail_wake: std::sync::Arc::new(tokio::sync::Notify::new()),
        });
        let server = serve(listener, state.clone())?;
        Ok(Self {
            port,
            server,
            state,
            mailer,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server from outside (tests stop theirs when done).
    pub fn handle(&self) -> actix_web::dev::ServerHandle {
        self.server.handle()
    }

    pub fn state(&self) -> actix::Data<AppState> {
        self.state.clone()
    }

    /// The link that creates the first administrator, while there is none.
    pub async fn first_administrator_link(&self) -> anyhow::Result<Option<String>> {
        let pool = self.state.pool.clone();
        let admins = actix::block(move || -> anyhow::Result<i64> {
            let mut conn = pool.get()?;
            Ok(store::accounts::administrator_count(&mut conn)?)
        })
        .await??;
        Ok((admins == 0).then(|| {
            format!(
                "{}{}?token={}",
                self.state.settings.public_url,
                paths::setup(),
                self.state.setup_token
            )
        }))
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let housekeeping = tokio::spawn(housekeeping(self.state.clone()));
        let sender = tokio::spawn(mail::run(self.state.clone(), self.mailer.clone()));
        let result = self.server.await;
        housekeeping.abort();
        sender.abort();
        result
    }
}

/// The gates of heavy work (`web::gate`). A sign-in waits its turn a little (a hash takes
/// tens of milliseconds, so a queue of 16 a slot drains within about a second); a download
/// beyond the slots is turned away at once, as it would hold its slot for seconds or minutes.
fn gates(settings: &Settings) -> (web::gate::Gate, web::gate::Gate) {
    use web::gate::{Bounds, Gate};
    let hashing = Gate::new(Bounds {
        slots: settings.hashing_slots,
        queue: 16 * settings.hashing_slots,
        wait: Duration::from_secs(3),
        retry_after_secs: 2,
    });
    let exports = Gate::new(Bounds {
        slots: settings.export_slots,
        queue: 0,
        wait: Duration::from_secs(1),
        retry_after_secs: 10,
    });
    (hashing, exports)
}

/// Opens the pool and applies pending migrations.
pub async fn open_database(settings: &Settings) -> anyhow::Result<db::DbPool> {
    open_database_counted(settings, db::QueryCounter::default()).await
}

/// Opens and migrates the database but leaves the search index as it is: for `concord
/// reindex`, which rebuilds it anyway (once, not after a rebuild at opening).
pub async fn open_database_to_reindex(settings: &Settings) -> anyhow::Result<db::DbPool> {
    open_database_with(settings, db::QueryCounter::default(), false).await
}

async fn open_database_counted(
    settings: &Settings,
    queries: db::QueryCounter,
) -> anyhow::Result<db::DbPool> {
    open_database_with(settings, queries, true).await
}

async fn open_database_with(
    settings: &Settings,
    queries: db::QueryCounter,
    rebuild_stale_index: bool,
) -> anyhow::Result<db::DbPool> {
    let url = settings.database_url.clone();
    let synchronous = settings.sqlite_synchronous;
    let size = if url.is_sqlite() { 8 } else { 16 };
    actix::block(move || -> anyhow::Result<db::DbPool> {
        let pool = db::connect(&url, synchronous, size, queries)
            .with_context(|| format!("cannot open the database ({url})"))?;
        let mut conn = pool.get().context("cannot connect to the database")?;
        let applied = db::run_migrations(&mut conn)?;
        if applied > 0 {
            tracing::info!(applied, database = %url, "migrations applied");
        }
        // The search index is folded in Rust: a migration that creates it, or a change of the
        // folding, leaves it to be filled here.
        let started = std::time::Instant::now();
        if !rebuild_stale_index {
            return Ok(pool);
        }
        if let Some(rebuilt) = store::search::reindex_if_needed(&mut conn)? {
            tracing::info!(
                contributions = rebuilt.contributions,
                proposals = rebuilt.proposals,
                elapsed_ms = started.elapsed().as_millis() as u64,
                "search index rebuilt"
            );
        }
        Ok(pool)
    })
    .await?
}

/// Rebuilds the whole search index (`concord reindex`).
pub async fn rebuild_search_index(pool: &db::DbPool) -> anyhow::Result<store::search::Rebuilt> {
    let pool = pool.clone();
    let rebuilt = actix::block(move || -> anyhow::Result<store::search::Rebuilt> {
        let mut conn = pool.get()?;
        Ok(store::search::reindex(&mut conn)?)
    })
    .await??;
    Ok(rebuilt)
}

/// Loads the demo if the database does not hold it yet.
pub async fn load_demo(pool: &db::DbPool) -> anyhow::Result<demo::Loaded> {
    let pool = pool.clone();
    let started = std::time::Instant::now();
    let loaded = actix::block(move || -> anyhow::Result<demo::Loaded> {
        let mut conn = pool.get()?;
        Ok(demo::load(&mut conn)?)
    })
    .await??;
    match loaded {
        demo::Loaded::Now => tracing::info!(
            elapsed_ms = started.elapsed().as_millis() as u64,
            "demo process loaded"
        ),
        demo::Loaded::Already => tracing::info!("demo process already loaded; nothing changed"),
    }
    Ok(loaded)
}

/// Files for campaign detection every submitted contribution not yet filed (see
/// `app::campaigns::group_unfiled`); returns how many were.
pub async fn group_campaigns(pool: &db::DbPool) -> anyhow::Result<u64> {
    let pool = pool.clone();
    let started = std::time::Instant::now();
    let filed = actix::block(move || -> anyhow::Result<u64> {
        let mut conn = pool.get()?;
        Ok(app::campaigns::group_unfiled(&mut conn)?)
    })
    .await??;
    tracing::info!(
        filed,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "contributions filed for campaign detection"
    );
    Ok(filed)
}

fn serve(listener: TcpListener, state: actix::Data<AppState>) -> anyhow::Result<Server> {
    let workers = state.settings.workers;
    let headers_settings = state.settings.clone();
    let server =
        HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(actix::PayloadConfig::new(web::bodies::FORM_LIMIT))
                .app_data(
                    actix::FormConfig::default()
                        .limit(web::bodies::FORM_LIMIT)
                        .error_handler(|error, _| web::error::AppError::from(error).into()),
                )
                // Part headers (names, file names) are parsed in this much memory at most.
                .app_data(actix_multipart::MultipartConfig::default().buffer_limit(16 * 1024))
                .app_data(actix::QueryConfig::default().error_handler(|_, _| {
                    web::error::AppError::BadRequest("unreadable query").into()
                }))
                .app_data(
                    actix::PathConfig::default()
                        .error_handler(|_, _| web::error::AppError::NotFound.into()),
                )
                .configure(web::routes)
                .wrap(from_fn(web::csrf::protect))
                .wrap(from_fn(web::forget_stamps_after_writes))
                .wrap(from_fn(web::localise_errors))
                // Outside the CSRF check, which reads form bodies, and outside the error pages'
                // localisation, whose new responses would drop the body it keeps: `web::bodies`.
                .wrap(from_fn(web::bodies::guard))
                .wrap(web::security_headers(&headers_settings))
                .wrap(Compress::default())
                .wrap(TracingLogger::<telemetry::RequestSpan>::new())
        })
        .workers(workers)
        // A client must send its request head within this time, and is let go this long after
        // its response if it does not close: slow heads hold no connection for long. Slow
        // bodies have their own deadline (`web::bodies`).
        .client_request_timeout(Duration::from_secs(5))
        .client_disconnect_timeout(Duration::from_secs(1))
        // A response written in two segments would otherwise wait for the client's delayed
        // ACK (Nagle): about 40 ms per page for clients such as Python's `requests`.
        .tcp_nodelay(true)
        .listen(listener)?
        .run();
    Ok(server)
}

/// Forgets the rate-limit buckets that are full again (shared by every instance: any of them
/// may prune).
async fn prune_rate_limits(state: &actix::Data<AppState>) {
    let pool = state.pool.clone();
    let pruned = actix::block(move || -> anyhow::Result<usize> {
        let mut conn = pool.get()?;
        Ok(app::limits::prune(&mut conn)?)
    })
    .await;
    match pruned {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, "could not prune rate limits"),
        Err(e) => tracing::warn!(error = %e, "could not prune rate limits"),
    }
}

/// Forgets the tokens of mailed links that stopped working (shared by every instance).
async fn prune_mailed_links(state: &actix::Data<AppState>) {
    let pool = state.pool.clone();
    let pruned = actix::block(move || -> anyhow::Result<usize> {
        let mut conn = pool.get()?;
        Ok(app::mail::prune_tokens(&mut conn)?)
    })
    .await;
    match pruned {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => tracing::warn!(error = %e, "could not forget spent mailed links"),
        Err(e) => tracing::warn!(error = %e, "could not forget spent mailed links"),
    }
}

/// Removes expired sessions, forgets idle rate-limit buckets and spent mailed links, every
/// few minutes.
async fn housekeeping(state: actix::Data<AppState>) {
    let mut tick = tokio::time::interval(Duration::from_secs(300));
    loop {
        tick.tick().await;
        prune_rate_limits(&state).await;
        prune_mailed_links(&state).await;
        // Expired sessions are kept a week, so a text sent from a timed-out page can still be
        // saved as its author's draft.
        let grace = chrono::TimeDelta::days(7);
        let idle = chrono::TimeDelta::minutes(state.settings.session_idle_minutes) + grace;
        let max_age = chrono::TimeDelta::hours(state.settings.session_max_hours) + grace;
        let pool = state.pool.clone();
        let removed = actix::block(move || -> anyhow::Result<usize> {
            let mut conn = pool.get()?;
            let now = store::now();
            Ok(store::sessions::delete_expired_sessions(
                &mut conn,
                now - idle,
                now - max_age,
            )?)
        })
        .await;
        match removed {
            Ok(Ok(n)) if n > 0 => tracing::info!(removed = n, "expired sessions removed"),
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %e, "could not remove expired sessions"),
            Err(e) => tracing::warn!(error = %e, "could not remove expired sessions"),
        }
    }
}
