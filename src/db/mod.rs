//! Storage: one connection type over SQLite and PostgreSQL, its pool, and the migrations.
//!
//! Everything above this module talks to `DbConnection` and never asks which backend it is,
//! except through the few helpers here that must differ (write transactions, pragmas).

pub mod cached;
pub mod ids;
pub mod listen;
pub mod schema;
pub mod text_enum;
pub mod texts;
pub mod writer;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use diesel::connection::{
    AnsiTransactionManager, InstrumentationEvent, SimpleConnection, TransactionManager,
};
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::{Connection, PgConnection, QueryResult, SqliteConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::config::{DatabaseUrl, SqliteSynchronous};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// A connection to whichever database the configuration names.
/// SQLite comes last: it accepts any string as a URL.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

pub type DbPool = Pool<ConnectionManager<DbConnection>>;

/// Runs a diesel query on the backend's own connection rather than through
/// `MultiConnection`, which writes a query's whole SQL into a string of its own each time it
/// runs, even one diesel keeps prepared by its type and would never write again. For the
/// queries every request makes: reading a process by its slug cost 46,000 instructions that
/// way, and 18,000 natively (a search page's whole request is about 700,000). `$body` must
/// hold for both backends (it is compiled for each), so only queries whose every part is
/// generic over the backend fit: `any_of` and the text enums are written for `MultiBackend`
/// only.
#[macro_export]
macro_rules! natively {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Sqlite($c) => $body,
            $crate::db::DbConnection::Postgresql($c) => $body,
        }
    };
}

/// How long a request waits for a pooled connection before it is answered "try again": a
/// database that is down or restarting must not hold a person's form for the pool's own
/// timeout (10 s, for start-up and background work) only to fail then.
pub const REQUEST_CHECKOUT: Duration = Duration::from_secs(1);

/// How much longer a request waits when every connection is open and busy: the database
/// answers, and a burst of submissions is served in turn rather than refused.
const BUSY_CHECKOUT: Duration = Duration::from_secs(9);

/// A pooled connection for a request: within [`REQUEST_CHECKOUT`] unless the pool is full of
/// live connections at work (then within [`BUSY_CHECKOUT`] more). A pool that could not open
/// its connections in that second is a database out of reach, and the request says so at once.
pub fn checkout(pool: &DbPool) -> Result<PooledDb, diesel::r2d2::PoolError> {
    match pool.get_timeout(REQUEST_CHECKOUT) {
        Err(_) if pool.state().connections >= pool.max_size() => pool.get_timeout(BUSY_CHECKOUT),
        outcome => outcome,
    }
}
pub type PooledDb = PooledConnection<ConnectionManager<DbConnection>>;

/// How many SQL statements a pool's connections have run: tests read it to show that a page
/// costs the same number of queries whatever the number of rows.
#[derive(Debug, Clone, Default)]
pub struct QueryCounter(Arc<AtomicU64>);

impl QueryCounter {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// How much of an SQLite database each connection reads through a memory map rather than
/// by `read` calls into a page cache of its own (2 MB by default). With dozens of
/// connections, each one's cache held little of a large database, so most page reads were a
/// system call and a copy: at 200,000 contributions, a search for a rare word spent 38 % of
/// its time in the kernel, much of it copying pages out of `pread`, and mapping the file
/// doubled its rate. The map is read-only (writes still go through the file) and takes
/// address space, not memory: the pages it shows are the kernel's file cache, shared by every
/// connection. The bundled SQLite is built to allow this much (`SQLITE_MAX_MMAP_SIZE` in
/// `.cargo/config.toml`).
const SQLITE_MAP_BYTES: u64 = 1 << 40;

/// Prepares each new connection: SQLite's settings for safe concurrent writers, PostgreSQL's
/// for short queries, and the query counter.
#[derive(Debug, Clone)]
struct ConnectionSetup {
    synchronous: SqliteSynchronous,
    queries: QueryCounter,
}

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for ConnectionSetup {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        self.prepare(conn).map_err(diesel::r2d2::Error::QueryError)
    }
}

impl ConnectionSetup {
    fn prepare(&self, conn: &mut DbConnection) -> QueryResult<()> {
        let counter = self.queries.0.clone();
        conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
            if let InstrumentationEvent::StartQuery { .. } = event {
                counter.fetch_add(1, Ordering::Relaxed);
            }
        });
        if let DbConnection::Sqlite(sqlite) = conn {
            let synchronous = match self.synchronous {
                SqliteSynchronous::Full => "FULL",
                SqliteSynchronous::Normal => "NORMAL",
            };
            sqlite.batch_execute(&format!(
                // busy_timeout first: switching to WAL needs a lock another new
                // connection may hold for a moment.
                "PRAGMA busy_timeout = 10000;
                     PRAGMA journal_mode = WAL;
                     PRAGMA synchronous = {synchronous};
                     PRAGMA foreign_keys = ON;
                     PRAGMA mmap_size = {SQLITE_MAP_BYTES};"
            ))?;
        }
        if let DbConnection::Postgresql(pg) = conn {
            // Concord's queries are short and many run at once: starting parallel workers
            // costs more than a query saves, and takes the cores the other requests need (at
            // a million contributions, a rare word's search of 108 rows launched two). JIT
            // compiling a query that ranks a few thousand rows costs more than running it.
            pg.batch_execute(
                "SET max_parallel_workers_per_gather = 0;
                 SET jit = off;",
            )?;
        }
        Ok(())
    }
}

/// Where the writes of submissions go: the group-commit thread, over a connection of its own
/// set up as the pool's are, or for an in-memory SQLite database the pool (see `writer`).
/// `end` is what the thread's batches leave for their end.
pub fn start_writer(
    url: &DatabaseUrl,
    synchronous: SqliteSynchronous,
    pool: DbPool,
    queries: QueryCounter,
    end: Box<dyn writer::BatchEnd>,
) -> Result<writer::Writer, diesel::result::Error> {
    // An in-memory database is one per connection: the writer could not share it.
    if url.is_sqlite() && url.connection_string() == ":memory:" {
        return Ok(writer::Writer::pooled(pool));
    }
    // FULL's promise kept off the writer's thread: its commits are synced by another.
    let durability = match (url, synchronous) {
        (DatabaseUrl::Sqlite(_), SqliteSynchronous::Full) => writer::Durability::SyncedWal,
        _ => writer::Durability::AtCommit,
    };
    let url = match url {
        // Every write waits for the writer's connection: one the server cannot be reached
        // for is given up after as long as a request waits for a pooled connection, and
        // tried again with the next batch, instead of holding every write until TCP gives up.
        DatabaseUrl::Postgres(_) if !url.connection_string().contains("connect_timeout=") => {
            let url = url.connection_string();
            let joint = if url.contains('?') { '&' } else { '?' };
            format!("{url}{joint}connect_timeout={}", CONNECT_TIMEOUT.as_secs())
        }
        _ => url.connection_string(),
    };
    let setup = ConnectionSetup {
        synchronous,
        queries,
    };
    let open: writer::Opener = Box::new(move || {
        let mut conn = DbConnection::establish(&url).map_err(|e| {
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UnableToSendCommand,
                Box::new(e.to_string()),
            )
        })?;
        setup.prepare(&mut conn)?;
        // Each job of a batch runs in a savepoint, whose sub-journal keeps the pages it
        // changes. SQLite writes a sub-journal past 64 KiB to a temporary file, and that
        // file's writes were a quarter of the writer's time in a submission run (perf, on a
        // freshly seeded database: 1.6k/s, p99 225 ms). In memory it holds one job's pages
        // at most: released savepoints empty it. Readers keep the default, so that a large
        // sort spills to disk rather than grow the heap.
        if let DbConnection::Sqlite(sqlite) = &mut conn {
            sqlite.batch_execute("PRAGMA temp_store = MEMORY;")?;
        }
        Ok(conn)
    });
    writer::Writer::batched(open, end, durability)
}

/// The longest a new connection is waited for.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens the pool. SQLite gets a small pool (one writer at a time anyway), PostgreSQL a
/// larger one.
pub fn connect(
    url: &DatabaseUrl,
    synchronous: SqliteSynchronous,
    max_size: u32,
    queries: QueryCounter,
) -> Result<DbPool, diesel::r2d2::PoolError> {
    let manager = ConnectionManager::<DbConnection>::new(url.connection_string());
    // A pool tests a connection with `SELECT 1` before lending it, which finds a PostgreSQL
    // connection the server has ended (`storage::a_connection_the_server_ended_is_not_lent`).
    // Reading the socket instead, without the round trip, missed a connection whose server
    // process had sent its farewell but not yet closed the socket. A SQLite connection is a
    // file, never dropped: there the test was two of the twenty statements a signed-in page
    // runs.
    let test_on_check_out = matches!(url, DatabaseUrl::Postgres(_));
    Pool::builder()
        .max_size(max_size)
        .test_on_check_out(test_on_check_out)
        .min_idle(Some(1))
        .connection_timeout(CONNECT_TIMEOUT)
        .connection_customizer(Box::new(ConnectionSetup {
            synchronous,
            queries,
        }))
        .build(manager)
}

/// Applies every pending migration of the connection's backend; returns how many ran.
pub fn run_migrations(conn: &mut DbConnection) -> anyhow::Result<usize> {
    let applied = match conn {
        DbConnection::Postgresql(pg) => {
            // Instances starting together take turns: the first migrates, the others then
            // find nothing pending.
            pg.batch_execute("SELECT pg_advisory_lock(4242001)")?;
            let outcome = pg
                .run_pending_migrations(POSTGRES_MIGRATIONS)
                .map(|applied| applied.len())
                .map_err(|e| anyhow::anyhow!("PostgreSQL migrations failed: {e}"));
            pg.batch_execute("SELECT pg_advisory_unlock(4242001)")?;
            outcome?
        }
        DbConnection::Sqlite(sqlite) => sqlite
            .run_pending_migrations(SQLITE_MIGRATIONS)
            .map_err(|e| anyhow::anyhow!("SQLite migrations failed: {e}"))?
            .len(),
    };
    Ok(applied)
}

/// The migrations embedded for the connection's backend, for the tests that take every one of
/// them down and up again.
pub fn migrations_for(conn: &DbConnection) -> EmbeddedMigrations {
    match conn {
        DbConnection::Postgresql(_) => POSTGRES_MIGRATIONS,
        DbConnection::Sqlite(_) => SQLITE_MIGRATIONS,
    }
}

/// Runs `f` in a transaction that holds the write lock from its first statement.
///
/// SQLite's default deferred transaction takes the write lock only at the first write, and a
/// reader that then wants to write fails at once with "database is locked" instead of waiting.
/// `BEGIN IMMEDIATE` makes it wait (busy_timeout) at the start instead. PostgreSQL needs nothing
/// special. Inside a transaction already (a job of the writer's batch), `f` runs in a savepoint
/// of its own: its failure undoes its writes alone, and its success is durable only with the
/// enclosing commit. `f` may itself nest transactions (diesel's, which become savepoints).
pub fn write_transaction<T, E>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<diesel::result::Error>,
{
    let depth =
        <DbConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn)
            .transaction_depth()?;
    if depth.is_some() {
        return conn.transaction(f);
    }
    match conn {
        DbConnection::Postgresql(_) => conn.transaction(f),
        DbConnection::Sqlite(sqlite) => {
            // Through diesel's transaction manager, so that it knows the depth and nests.
            AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
            match f(conn) {
                // A failed COMMIT is rolled back by the manager before it returns the error.
                Ok(value) => {
                    <DbConnection as Connection>::TransactionManager::commit_transaction(conn)?;
                    Ok(value)
                }
                Err(e) => {
                    let _ = <DbConnection as Connection>::TransactionManager::rollback_transaction(
                        conn,
                    );
                    Err(e)
                }
            }
        }
    }
}

/// Whether a database error means the database cannot take the request now (down, restarting,
/// the connection lost, the disk full or failing, locked past the busy timeout, or on
/// PostgreSQL chosen to give way in a deadlock), so that the same request may succeed later,
/// rather than that it refused this request.
///
/// Diesel names lost connections; the rest only SQLite's and PostgreSQL's messages tell (in
/// English: a server set to another language for its messages is classified by kind alone).
pub fn is_storage_failure(error: &diesel::result::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    const MESSAGES: [&str; 15] = [
        // SQLite: SQLITE_FULL, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_BUSY, SQLITE_READONLY.
        "database or disk is full",
        "disk i/o error",
        "unable to open database",
        "database is locked",
        "attempt to write a readonly database",
        // PostgreSQL: the disk full, the server stopping or starting, a replica.
        "no space left on device",
        "could not extend file",
        "the database system is",
        "terminating connection",
        "server closed the connection",
        "no connection to the server",
        "could not connect to server",
        "connection refused",
        "read-only transaction",
        // Two instances' batches each holding a row the other wants: one gives way.
        "deadlock detected",
    ];
    match error {
        Error::DatabaseError(DatabaseErrorKind::ClosedConnection, _)
        | Error::DatabaseError(DatabaseErrorKind::UnableToSendCommand, _)
        | Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => true,
        Error::DatabaseError(_, info) => {
            let message = info.message().to_lowercase();
            MESSAGES.iter().any(|m| message.contains(m))
        }
        _ => false,
    }
}

/// Whether the database answers; for `/healthz`.
pub fn ping(conn: &mut DbConnection) -> QueryResult<()> {
    conn.batch_execute("SELECT 1")
}

/// A test server's PostgreSQL URL without TLS, unless it names an `sslmode` of its own, for the
/// unit and integration tests. OpenSSL, which libpq uses for TLS, cleans up at exit while the
/// pools of test servers still hold connections on other threads: with TLS, a test binary
/// could crash after every test had passed.
pub fn without_tls(url: &str) -> String {
    if url.contains("sslmode=") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&sslmode=disable")
    } else {
        format!("{url}?sslmode=disable")
    }
}

/// Every backend a unit test can reach: SQLite in memory always, PostgreSQL when
/// `CONCORD_TEST_POSTGRES_URL` names one.
#[cfg(test)]
pub(crate) fn test_connections() -> Vec<DbConnection> {
    let mut all = vec![DbConnection::establish(":memory:").expect("in-memory SQLite")];
    if let Ok(url) = std::env::var("CONCORD_TEST_POSTGRES_URL") {
        let url = without_tls(&url);
        all.push(DbConnection::establish(&url).expect("the test PostgreSQL"));
    }
    all
}

#[cfg(test)]
mod tests {
    use diesel::prelude::*;
    use diesel::sql_types::Text;

    #[derive(QueryableByName)]
    struct CompileOption {
        #[diesel(sql_type = Text)]
        compile_options: String,
    }

    /// `.cargo/config.toml` compiles the bundled SQLite with the query planner stability
    /// guarantee: without it, every cached statement with a `LIMIT ?` is compiled again each
    /// time it runs.
    #[test]
    fn the_bundled_sqlite_keeps_its_plans_whatever_the_values_bound() {
        let mut conn = SqliteConnection::establish(":memory:").expect("in-memory SQLite");
        let options: Vec<CompileOption> = diesel::sql_query("PRAGMA compile_options")
            .load(&mut conn)
            .expect("compile options");
        assert!(
            options.iter().any(|o| o.compile_options == "ENABLE_QPSG"),
            "SQLite was compiled without SQLITE_ENABLE_QPSG"
        );
    }
}
