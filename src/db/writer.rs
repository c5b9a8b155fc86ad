//! Group commit: the writes that arrive together share one transaction and one fsync.
//!
//! SQLite has one writer at a time, and with `synchronous = FULL` every commit waits for the
//! disk. A pool of connections taking turns at `BEGIN IMMEDIATE` pays one fsync per write; here
//! one thread per SQLite database owns a connection of its own, takes the jobs that are waiting
//! (up to [`MAX_BATCH`]), runs each in a savepoint of its own inside one `BEGIN IMMEDIATE …
//! COMMIT`, and only then answers them. A job that fails rolls back its savepoint alone and
//! gets its own error; a batch whose commit fails answers every job with that failure, so
//! nothing is acknowledged that is not on disk.
//!
//! With `synchronous = FULL`, the wait for the disk is taken off the writer
//! ([`Durability::SyncedWal`]): its connection commits with `synchronous = NORMAL`, which
//! writes the batch into the WAL without syncing it, and a second thread syncs the WAL file and
//! only then answers the batch's jobs, while the writer runs the next batch. One sync answers
//! every batch committed before it began. The promise is FULL's: a write is acknowledged only
//! once it is on disk. (SQLite still syncs the WAL's header, and both files at each checkpoint,
//! under NORMAL: a checkpoint never lets the WAL start over before what it copied is synced
//! into the database file.) A run of submissions on a RAM disk, where a sync costs nothing,
//! read 3,630/s and on disk 2,140–2,270/s with the writer waiting for each sync; 2,220–2,660/s
//! with the syncs on their own thread.
//!
//! A third thread copies what the batches committed from the WAL into the database file (a
//! checkpoint), so that the writer does not: done by the writer, after a commit, every
//! checkpoint held up the next batch (13–24 % of the writer's time in a submission run).
//!
//! PostgreSQL batches the same way, over a connection of its own and without the checkpointer.
//! It would flush the WAL of concurrent commits together, but a submission's transaction takes
//! its process's reference counter, a row every other submission needs next, and holds it
//! through its commit: one transaction at a time got past it, each waiting for its own flush
//! (214 submissions/s, with 15 of 16 pooled connections waiting on that row's lock). In one
//! batch, the counter is taken by one transaction for all of its jobs.
//!
//! An in-memory SQLite database is one per connection: there a job runs in its own
//! transaction on the pool ([`Writer::pooled`]).

use std::fs::File;
use std::os::unix::fs::MetadataExt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use diesel::connection::{InstrumentationEvent, SimpleConnection, TransactionManager};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use diesel::sql_types::Text;
use diesel::{Connection, QueryableByName, RunQueryDsl};
use tokio::sync::oneshot;

use super::{DbConnection, DbPool, write_transaction};

/// The most jobs one transaction carries: enough to share an fsync among every request a
/// busy server has waiting, few enough that the first of them is not kept long.
pub const MAX_BATCH: usize = 256;

/// How long the checkpointer lets commits gather after the first it is told of: checkpoints
/// then come at most this often, each copying the pages of many batches once.
const CHECKPOINT_PAUSE: Duration = Duration::from_millis(50);

/// The WAL's size, in pages, past which the writer checkpoints after a commit itself, as
/// SQLite does by default at 1,000. A checkpoint by the writer copies only what the
/// checkpointer has not, and is what lets the WAL start over from its beginning under a
/// steady stream of writes: the checkpointer, running beside the writer, seldom finds the
/// WAL with nothing left to copy.
const WAL_PAGES_BEFORE_THE_WRITER_CHECKPOINTS: u32 = 10_000;

/// Opens the writer's connection (again, after a batch broke it).
pub type Opener = Box<dyn Fn() -> Result<DbConnection, DieselError> + Send>;

/// When a committed batch's jobs are answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// As soon as the commit returns: the connection's own settings say what that promises
    /// (PostgreSQL; SQLite with `synchronous = NORMAL`, where a commit survives a killed
    /// process but not a power loss).
    AtCommit,
    /// SQLite only: once the WAL file holding the commit has been synced to disk, by a thread
    /// of its own, the writer committing with `synchronous = NORMAL` meanwhile. What
    /// `synchronous = FULL` promises, without the writer waiting for the disk.
    SyncedWal,
}

/// Work a batch's jobs leave for its end, done once for all of them: after the last job, in
/// the batch's transaction, before its commit. Work that is cheaper done once for many rows
/// than once for each (the search index's, see `store::search::index`) waits here.
pub trait BatchEnd: Send + 'static {
    /// Before the batch's first job, on the writer's thread.
    fn open(&self);
    /// After its last job. A failure fails the whole batch: nothing of it is acknowledged.
    fn close(&self, conn: &mut DbConnection) -> Result<(), DieselError>;
}

/// A batch that leaves nothing for its end.
pub struct NothingLeft;

impl BatchEnd for NothingLeft {
    fn open(&self) {}

    fn close(&self, _conn: &mut DbConnection) -> Result<(), DieselError> {
        Ok(())
    }
}

/// Where writes go: the group-commit thread of a SQLite database, or PostgreSQL's pool.
#[derive(Clone)]
pub struct Writer {
    route: Route,
    stats: WriterStats,
}

#[derive(Clone)]
enum Route {
    Batched(mpsc::Sender<Box<dyn Job>>),
    Pool(DbPool),
}

/// How many batches were committed and how many jobs they carried: tests read it to show that
/// jobs shared commits, the logs to show how well batching works.
#[derive(Debug, Clone, Default)]
pub struct WriterStats {
    batches: Arc<AtomicU64>,
    jobs: Arc<AtomicU64>,
    /// Jobs whose batch's WAL was synced ([`Durability::SyncedWal`]), counted before they
    /// are answered.
    synced: Arc<AtomicU64>,
}

impl WriterStats {
    pub fn synced(&self) -> u64 {
        self.synced.load(Ordering::Relaxed)
    }

    pub fn batches(&self) -> u64 {
        self.batches.load(Ordering::Relaxed)
    }

    pub fn jobs(&self) -> u64 {
        self.jobs.load(Ordering::Relaxed)
    }
}

impl Writer {
    /// Starts the group-commit thread over the connections `open` makes, and with SQLite its
    /// checkpointer and, for [`Durability::SyncedWal`], the thread that syncs its WAL.
    pub fn batched(
        open: Opener,
        end: Box<dyn BatchEnd>,
        durability: Durability,
    ) -> Result<Self, DieselError> {
        let mut conn = writer_connection(&open, durability)?;
        let stats = WriterStats::default();
        let acknowledge = match (durability, &mut conn) {
            (Durability::SyncedWal, DbConnection::Sqlite(sqlite)) => {
                let wal = wal_file(sqlite)?;
                let (syncer, batches) = mpsc::channel();
                let thread_stats = stats.clone();
                std::thread::Builder::new()
                    .name("concord-wal-sync".into())
                    .spawn(move || sync_then_answer(&wal, batches, &thread_stats))
                    .map_err(|e| {
                        unavailable(&format!("cannot start the WAL's sync thread: {e}"))
                    })?;
                Acknowledge::AfterSync(syncer)
            }
            _ => Acknowledge::AtCommit,
        };
        let committed = match conn {
            DbConnection::Sqlite(_) => {
                let mut checkpointer = open()?;
                // Its checkpoints are housekeeping, not any request's statements: counted,
                // one that fell during a request made that request's count (which tests
                // compare) one too many.
                checkpointer.set_instrumentation(|_: InstrumentationEvent<'_>| {});
                // One signal waiting at most: commits made while a checkpoint runs ask for
                // one more.
                let (committed, commits) = mpsc::sync_channel(1);
                std::thread::Builder::new()
                    .name("concord-checkpoint".into())
                    .spawn(move || checkpoint(checkpointer, commits))
                    .map_err(|e| {
                        unavailable(&format!("cannot start the checkpoint thread: {e}"))
                    })?;
                Some(committed)
            }
            DbConnection::Postgresql(_) => None,
        };
        let (sender, jobs) = mpsc::channel();
        let thread_stats = stats.clone();
        let writer = Batcher {
            open,
            end,
            durability,
            acknowledge,
            committed,
            stats: thread_stats,
        };
        std::thread::Builder::new()
            .name("concord-writer".into())
            .spawn(move || writer.serve(conn, jobs))
            .map_err(|e| unavailable(&format!("cannot start the writer thread: {e}")))?;
        Ok(Self {
            route: Route::Batched(sender),
            stats,
        })
    }

    /// Writes on the pool, each in its own transaction (an in-memory SQLite database).
    pub fn pooled(pool: DbPool) -> Self {
        Self {
            route: Route::Pool(pool),
            stats: WriterStats::default(),
        }
    }

    pub fn stats(&self) -> &WriterStats {
        &self.stats
    }

    /// Runs `f` as one write transaction (a savepoint of a shared one, with SQLite) and
    /// answers once it is committed. `f` must only write what it decided beforehand: it runs
    /// on another thread, after reads that other writes may since have changed, so it checks
    /// again under the write lock whatever it depends on.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<DieselError> + Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
    {
        match &self.route {
            Route::Batched(jobs) => {
                let (reply, answer) = oneshot::channel();
                let job = Box::new(Pending {
                    work: Some(f),
                    outcome: None,
                    reply,
                });
                if jobs.send(job).is_err() {
                    return Err(unavailable("the writer has stopped").into());
                }
                // A dropped reply means the batch never finished (its thread panicked): the
                // write is not acknowledged.
                answer
                    .await
                    .unwrap_or_else(|_| Err(unavailable("the write's batch was abandoned").into()))
            }
            Route::Pool(pool) => {
                let pool = pool.clone();
                let written = tokio::task::spawn_blocking(move || {
                    let mut conn = super::checkout(&pool)
                        .map_err(|e| unavailable(&format!("no database connection: {e}")))?;
                    write_transaction(&mut conn, f)
                })
                .await;
                self.stats.batches.fetch_add(1, Ordering::Relaxed);
                self.stats.jobs.fetch_add(1, Ordering::Relaxed);
                written
                    .unwrap_or_else(|e| Err(unavailable(&format!("the write failed: {e}")).into()))
            }
        }
    }
}

/// A failure of the write machinery itself (the batch's commit failed, the writer stopped,
/// no connection): nothing was written, so it reads as a database that cannot take the write
/// now (`db::is_storage_failure`), and the request's text goes back to its writer.
fn unavailable(why: &str) -> DieselError {
    DieselError::DatabaseError(
        DatabaseErrorKind::UnableToSendCommand,
        Box::new(why.to_string()),
    )
}

/// One write waiting in, or carried by, a batch.
trait Job: Send {
    /// Runs the write inside the batch's transaction, in a savepoint of its own.
    fn run(&mut self, conn: &mut DbConnection);
    /// Answers the request: its own outcome if the batch committed, else the commit's failure.
    fn answer(self: Box<Self>, committed: Result<(), &str>);
}

struct Pending<T, E, F> {
    work: Option<F>,
    outcome: Option<Result<T, E>>,
    reply: oneshot::Sender<Result<T, E>>,
}

impl<T, E, F> Job for Pending<T, E, F>
where
    T: Send,
    E: From<DieselError> + Send,
    F: FnOnce(&mut DbConnection) -> Result<T, E> + Send,
{
    fn run(&mut self, conn: &mut DbConnection) {
        if let Some(work) = self.work.take() {
            self.outcome = Some(conn.transaction(work));
        }
    }

    fn answer(self: Box<Self>, committed: Result<(), &str>) {
        let outcome = match (committed, self.outcome) {
            (Ok(()), Some(outcome)) => outcome,
            (Ok(()), None) => Err(unavailable("the write did not run").into()),
            (Err(why), _) => Err(unavailable(why).into()),
        };
        // The request may have gone (its client left); the write stands all the same.
        let _ = self.reply.send(outcome);
    }
}

/// The writer thread's state: how it reopens its connection, what its batches leave for their
/// end, and who answers a committed batch.
struct Batcher {
    open: Opener,
    end: Box<dyn BatchEnd>,
    durability: Durability,
    acknowledge: Acknowledge,
    /// Tells the checkpointer, if there is one, of each commit.
    committed: Option<mpsc::SyncSender<()>>,
    stats: WriterStats,
}

impl Batcher {
    /// One batch after another until every `Writer` is dropped. The checkpointer and the
    /// WAL's sync thread stop when this thread does (the sync thread once it has answered
    /// every batch handed to it).
    fn serve(self, mut conn: DbConnection, jobs: mpsc::Receiver<Box<dyn Job>>) {
        while let Ok(first) = jobs.recv() {
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match jobs.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
            let healthy = catch_unwind(AssertUnwindSafe(|| self.run_batch(&mut conn, batch)));
            match healthy {
                Ok(true) => {
                    // Full means a checkpoint is already asked for.
                    if let Some(committed) = &self.committed {
                        let _ = committed.try_send(());
                    }
                }
                // A failed commit or a panic may leave the connection mid-transaction: start
                // afresh (dropping it rolls back whatever it held).
                Ok(false) | Err(_) => match writer_connection(&self.open, self.durability) {
                    Ok(fresh) => conn = fresh,
                    Err(e) => {
                        tracing::error!(error = %e, "the writer cannot reopen its connection")
                    }
                },
            }
        }
    }

    /// Runs the jobs in one transaction, counts a committed batch, then has its jobs answered
    /// (so that whoever was answered finds the batch counted); whether the batch committed.
    fn run_batch(&self, conn: &mut DbConnection, mut batch: Vec<Box<dyn Job>>) -> bool {
        self.end.open();
        let committed = write_transaction(conn, |conn| {
            for job in batch.iter_mut() {
                // A job that broke out of the batch's transaction (its savepoint could not be
                // undone) leaves the rest unrun: they would otherwise commit on their own.
                if !in_the_batch(conn)? {
                    return Err(unavailable("a write left the batch's transaction"));
                }
                job.run(conn);
            }
            match in_the_batch(conn)? {
                true => self.end.close(conn),
                false => Err(unavailable("a write left the batch's transaction")),
            }
        });
        match committed {
            Ok(()) => {
                self.stats.batches.fetch_add(1, Ordering::Relaxed);
                self.stats
                    .jobs
                    .fetch_add(batch.len() as u64, Ordering::Relaxed);
                self.acknowledge.committed(batch);
                true
            }
            Err(e) => {
                let why = format!("the batch's commit failed: {e}");
                tracing::error!(error = %why, jobs = batch.len(), "a batch of writes was not committed");
                for job in batch {
                    job.answer(Err(&why));
                }
                false
            }
        }
    }
}

/// Who answers the jobs of a committed batch.
enum Acknowledge {
    /// The writer, at once.
    AtCommit,
    /// The WAL's sync thread, once the commit is on disk.
    AfterSync(mpsc::Sender<Vec<Box<dyn Job>>>),
}

impl Acknowledge {
    fn committed(&self, batch: Vec<Box<dyn Job>>) {
        match self {
            Self::AtCommit => {
                for job in batch {
                    job.answer(Ok(()));
                }
            }
            Self::AfterSync(syncer) => {
                if let Err(mpsc::SendError(batch)) = syncer.send(batch) {
                    for job in batch {
                        job.answer(Err("the WAL's sync thread has stopped"));
                    }
                }
            }
        }
    }
}

/// Opens the writer's connection, which with SQLite leaves most checkpoints to the
/// checkpointer (see [`WAL_PAGES_BEFORE_THE_WRITER_CHECKPOINTS`]) and, for
/// [`Durability::SyncedWal`], the WAL's syncs to the sync thread.
fn writer_connection(open: &Opener, durability: Durability) -> Result<DbConnection, DieselError> {
    let mut conn = open()?;
    if let DbConnection::Sqlite(sqlite) = &mut conn {
        sqlite.batch_execute(&format!(
            "PRAGMA wal_autocheckpoint = {WAL_PAGES_BEFORE_THE_WRITER_CHECKPOINTS}"
        ))?;
        if durability == Durability::SyncedWal {
            sqlite.batch_execute("PRAGMA synchronous = NORMAL")?;
        }
    }
    Ok(conn)
}

#[derive(QueryableByName)]
struct AttachedFile {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    file: String,
}

/// The WAL file of the connection's main database: its file's name and `-wal`.
fn wal_file(conn: &mut diesel::SqliteConnection) -> Result<PathBuf, DieselError> {
    let files: Vec<AttachedFile> = diesel::sql_query("PRAGMA database_list").load(conn)?;
    match files.into_iter().find(|f| f.name == "main") {
        Some(main) if !main.file.is_empty() => Ok(PathBuf::from(format!("{}-wal", main.file))),
        _ => Err(unavailable(
            "the database has no file whose WAL could be synced",
        )),
    }
}

/// The WAL's sync thread: takes every committed batch waiting, syncs the WAL once for all of
/// them (each was written to it before it was handed over), then answers their jobs, in the
/// order they were committed. Stops when the writer thread does.
fn sync_then_answer(wal: &Path, batches: mpsc::Receiver<Vec<Box<dyn Job>>>, stats: &WriterStats) {
    let mut file = None;
    while let Ok(mut jobs) = batches.recv() {
        while let Ok(more) = batches.try_recv() {
            jobs.extend(more);
        }
        match sync(wal, &mut file) {
            Ok(()) => {
                stats.synced.fetch_add(jobs.len() as u64, Ordering::Relaxed);
                for job in jobs {
                    job.answer(Ok(()));
                }
            }
            Err(e) => {
                // Committed, and perhaps on disk after all, but not known to be: not
                // acknowledged. The next sync opens the file afresh.
                file = None;
                let why = format!("the WAL could not be synced to disk: {e}");
                tracing::error!(error = %why, jobs = jobs.len(), "writes were not acknowledged");
                for job in jobs {
                    job.answer(Err(&why));
                }
            }
        }
    }
}

/// Syncs the WAL file's data to disk. SQLite deletes the WAL when the database's last
/// connection closes (after copying it into the database file and syncing that) and the next
/// connection makes a new one: when the name no longer leads to the file synced, the new one
/// is opened and synced too.
fn sync(wal: &Path, file: &mut Option<File>) -> std::io::Result<()> {
    loop {
        let open = match file {
            Some(open) => open,
            None => file.insert(File::open(wal)?),
        };
        open.sync_data()?;
        let (synced, named) = (open.metadata()?, std::fs::metadata(wal)?);
        if (synced.dev(), synced.ino()) == (named.dev(), named.ino()) {
            return Ok(());
        }
        *file = None;
    }
}

/// The checkpoint thread: after commits, copies what the WAL holds into the database file,
/// without waiting for readers or the writer (`PASSIVE`: what a reader still needs in the WAL
/// stays for a later checkpoint). Stops when the writer thread does.
fn checkpoint(mut conn: DbConnection, commits: mpsc::Receiver<()>) {
    while commits.recv().is_ok() {
        std::thread::sleep(CHECKPOINT_PAUSE);
        while commits.try_recv().is_ok() {}
        if let Err(e) = conn.batch_execute("PRAGMA wal_checkpoint(PASSIVE)") {
            tracing::warn!(error = %e, "a checkpoint failed; the writer's own will follow");
        }
    }
}

/// Whether the connection is still in the batch's own transaction, no savepoint left open.
fn in_the_batch(conn: &mut DbConnection) -> Result<bool, DieselError> {
    let status =
        <DbConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn);
    Ok(status.transaction_depth()?.map(|depth| depth.get()) == Some(1))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use diesel::connection::SimpleConnection;
    use diesel::sql_types::BigInt;
    use diesel::{QueryableByName, RunQueryDsl, sql_query};

    use super::*;

    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }

    fn opener(path: String) -> Opener {
        Box::new(move || {
            let mut conn = DbConnection::establish(&path)
                .map_err(|e| unavailable(&format!("cannot open the test database: {e}")))?;
            conn.batch_execute(
                "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
            )?;
            Ok(conn)
        })
    }

    fn insert(conn: &mut DbConnection, n: i64) -> Result<(), DieselError> {
        conn.batch_execute(&format!("INSERT INTO t (n) VALUES ({n})"))
    }

    fn rows(path: &str) -> Vec<i64> {
        let mut conn = DbConnection::establish(path).expect("the test database");
        let rows: Vec<Row> = sql_query("SELECT n FROM t ORDER BY n")
            .load(&mut conn)
            .expect("rows");
        rows.into_iter().map(|r| r.n).collect()
    }

    /// A writer over a fresh database with one table, and its path; its writes acknowledged
    /// as `synchronous = FULL` is configured to (after the WAL's sync).
    fn writer_over_new_database() -> (tempfile::TempDir, String, Writer) {
        writer_over_new_database_acknowledging(Durability::SyncedWal)
    }

    fn writer_over_new_database_acknowledging(
        durability: Durability,
    ) -> (tempfile::TempDir, String, Writer) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("writer.db").display().to_string();
        let mut conn = opener(path.clone())().expect("the test database");
        conn.batch_execute("CREATE TABLE t (n BIGINT PRIMARY KEY NOT NULL)")
            .expect("the table");
        let writer = Writer::batched(opener(path.clone()), Box::new(NothingLeft), durability)
            .expect("the writer");
        (dir, path, writer)
    }

    /// The first job holds the writer until every other job is queued, so that those share
    /// one batch: job 50 fails on its own, job 60 fails inside a nested transaction after one
    /// good insert; the others commit together, and the failures take only their own rows.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failing_job_in_a_batch_loses_only_itself() {
        let (_dir, path, writer) = writer_over_new_database();
        let (release, held) = mpsc::channel::<()>();
        let first = tokio::spawn({
            let writer = writer.clone();
            async move {
                writer
                    .write(move |conn| {
                        let _ = held.recv_timeout(Duration::from_secs(10));
                        insert(conn, 0)
                    })
                    .await
            }
        });
        tokio::time::sleep(Duration::from_millis(100)).await;
        let mut others = Vec::new();
        for n in 1..100_i64 {
            let writer = writer.clone();
            others.push(tokio::spawn(async move {
                writer
                    .write(move |conn| match n {
                        50 => {
                            insert(conn, 50)?;
                            Err(DieselError::RollbackTransaction)
                        }
                        // Nested as `app::transaction` nests: a savepoint in the savepoint.
                        // Its second insert repeats the first job's row, committed before any
                        // of these runs: the queued jobs may run in any order.
                        60 => write_transaction(conn, |conn| {
                            insert(conn, 60)?;
                            insert(conn, 0)
                        }),
                        n => write_transaction(conn, |conn| insert(conn, n)),
                    })
                    .await
            }));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        release.send(()).expect("the first job waits");
        assert!(first.await.expect("the first job").is_ok());
        for (n, job) in (1..100_i64).zip(others) {
            let outcome = job.await.expect("a job");
            assert_eq!(outcome.is_ok(), n != 50 && n != 60, "job {n}: {outcome:?}");
        }
        let expected: Vec<i64> = (0..100).filter(|n| *n != 50 && *n != 60).collect();
        assert_eq!(rows(&path), expected);
        assert_eq!(writer.stats().jobs(), 100);
        assert_eq!(
            writer.stats().batches(),
            2,
            "the 99 queued jobs share one commit"
        );
    }

    /// What batches commit reaches the database file by the checkpointer, well before the
    /// WAL is large enough for the writer to checkpoint itself.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_checkpointer_copies_commits_into_the_database_file() {
        let (_dir, path, writer) = writer_over_new_database();
        writer
            .write(|conn| conn.batch_execute("CREATE TABLE pages (text TEXT NOT NULL)"))
            .await
            .expect("the table");
        let file_size = || std::fs::metadata(&path).expect("the database file").len();
        let before = file_size();
        // About 250 pages: a quarter of SQLite's own threshold, a fortieth of the writer's.
        for _ in 0..50 {
            writer
                .write(|conn| {
                    conn.batch_execute("INSERT INTO pages (text) VALUES (hex(randomblob(10000)))")
                })
                .await
                .expect("a write");
        }
        let mut after = file_size();
        for _ in 0..100 {
            if after > before + 900_000 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
            after = file_size();
        }
        assert!(
            after > before + 900_000,
            "the database file grew from {before} to {after} bytes only"
        );
    }

    /// A job that ends the batch's transaction behind the manager's back breaks the batch:
    /// none of its jobs is acknowledged, and the writer goes on with a fresh connection.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_broken_batch_acknowledges_nothing_and_the_writer_recovers() {
        let (_dir, path, writer) = writer_over_new_database();
        let broken = writer
            .write(|conn| {
                insert(conn, 1)?;
                conn.batch_execute("ROLLBACK")
            })
            .await;
        assert!(
            broken.as_ref().is_err_and(crate::db::is_storage_failure),
            "answered as a database that cannot take the write: {broken:?}"
        );
        let after = writer.write(|conn| insert(conn, 2)).await;
        assert!(after.is_ok(), "{after:?}");
        assert_eq!(rows(&path), vec![2]);
    }

    #[derive(QueryableByName)]
    struct Synchronous {
        #[diesel(sql_type = BigInt)]
        synchronous: i64,
    }

    async fn writer_synchronous(writer: &Writer) -> i64 {
        writer
            .write(|conn| {
                sql_query("PRAGMA synchronous")
                    .get_result::<Synchronous>(conn)
                    .map(|row| row.synchronous)
            })
            .await
            .expect("the setting")
    }

    /// With `synchronous = FULL` configured, the writer commits without waiting for the
    /// disk (NORMAL, 1) and every write is answered only after a sync of the WAL that
    /// followed its commit: the sync thread counts a job before answering it.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_write_is_answered_only_once_the_wal_holding_it_is_synced() {
        let (_dir, path, writer) = writer_over_new_database();
        assert_eq!(writer_synchronous(&writer).await, 1);
        let before = writer.stats().synced();
        for n in 1..=20_i64 {
            writer
                .write(move |conn| insert(conn, n))
                .await
                .expect("a write");
            assert!(
                writer.stats().synced() >= before + n as u64,
                "write {n} answered before its sync"
            );
        }
        let together: Vec<_> = (21..=60_i64)
            .map(|n| {
                let writer = writer.clone();
                tokio::spawn(async move { writer.write(move |conn| insert(conn, n)).await })
            })
            .collect();
        for write in together {
            write.await.expect("a write").expect("written");
        }
        assert!(writer.stats().synced() >= before + 60);
        assert_eq!(rows(&path), (1..=60).collect::<Vec<_>>());
    }

    /// Acknowledged at commit, the writer keeps the connection's own setting (FULL, 2) and
    /// syncs nothing itself.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn acknowledged_at_commit_the_connection_keeps_its_own_setting() {
        let (_dir, _path, writer) = writer_over_new_database_acknowledging(Durability::AtCommit);
        assert_eq!(writer_synchronous(&writer).await, 2);
        writer.write(|conn| insert(conn, 1)).await.expect("a write");
        assert_eq!(writer.stats().synced(), 0);
    }

    /// A WAL deleted and made anew under the same name (its database closed by every
    /// connection, then opened again) is the one synced next, not the file kept open.
    #[test]
    fn the_wal_made_anew_is_the_one_synced() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let wal = dir.path().join("db-wal");
        std::fs::write(&wal, b"first").expect("a file");
        let mut file = None;
        sync(&wal, &mut file).expect("synced");
        let first = file
            .as_ref()
            .expect("kept open")
            .metadata()
            .expect("its metadata");
        std::fs::remove_file(&wal).expect("deleted");
        std::fs::write(&wal, b"second").expect("made anew");
        sync(&wal, &mut file).expect("synced");
        let kept = file
            .as_ref()
            .expect("kept open")
            .metadata()
            .expect("its metadata");
        let named = std::fs::metadata(&wal).expect("the new file");
        assert_eq!((kept.dev(), kept.ino()), (named.dev(), named.ino()));
        assert_ne!(
            first.ino(),
            kept.ino(),
            "the first file is still open: not reused"
        );
    }
}
