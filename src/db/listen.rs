//! What the database says has changed, heard by a PostgreSQL instance while it listens.
//!
//! A kept page (`web::pagecache`) is served only under the stamps of the data it shows, and
//! those were read from the database on every request. On SQLite that is a function call. On
//! PostgreSQL it is a round trip, and with it a pooled connection's own check: two statements
//! a page, which held anonymous pages to 8.7k a second on this machine's two cores where
//! SQLite served 50k.
//!
//! The stamps change only with a write to `processes` or to `open_data_generation`, and
//! triggers on those two tables notify channel `concord_stamps` when such a write commits
//! (migration `stamp_notices`). Each instance listens on a connection of its own, on a thread
//! of its own, and counts what it hears in an epoch. A stamp read from the database under one
//! epoch is taken as current until the epoch changes ([`Watch::vouch`]): the next page after a
//! notice reads the stamps again, the pages between read nothing.
//!
//! The epoch also changes:
//! - when this instance has answered a request that may have written ([`Watch::changed`]), so
//!   that its own next page never waits on the notice of its own write;
//! - when the listener loses its connection or makes a new one: notices sent meanwhile are
//!   lost, so nothing read before counts.
//!
//! A notice arrives within about a millisecond of the commit that sent it (the listener looks
//! every [`LOOK_EVERY`]), so a page served on another instance in that interval may show the
//! state just before the commit, as it would have a moment earlier. The listener proves its
//! connection alive every [`CHECK_EVERY`]; a listener that has not done so for [`TRUST_FOR`] is
//! not vouched for, and pages read their stamps from the database again, as they do while it
//! reconnects and on SQLite, which serves one instance and has no one else to hear from.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak, mpsc};
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};

/// The channel the triggers notify.
pub const CHANNEL: &str = "concord_stamps";

/// The name the listening connection gives itself (`pg_stat_activity.application_name`).
pub const APPLICATION_NAME: &str = "concord-listen";

/// How often the listener looks for notices: a read of its socket, no round trip.
const LOOK_EVERY: Duration = Duration::from_millis(1);

/// How often the listener proves its connection alive with a query.
const CHECK_EVERY: Duration = Duration::from_millis(500);

/// How long a listener's last proof of life is trusted.
const TRUST_FOR: Duration = Duration::from_secs(2);

/// The longest the listener waits before connecting again.
const RETRY_AT_MOST: Duration = Duration::from_secs(5);

/// How long starting an instance waits for its listener's first connection.
const FIRST_CONNECTION: Duration = Duration::from_secs(3);

/// What this instance has heard of changes, shared by its requests and its listener.
#[derive(Debug, Clone, Default)]
pub struct Watch(Option<Arc<Heard>>);

#[derive(Debug)]
struct Heard {
    epoch: AtomicU64,
    /// When the listener last proved its connection alive, in milliseconds since `since`,
    /// plus one; 0 while it has no connection.
    alive_at: AtomicU64,
    since: Instant,
    /// The payload of the last notice that carried one ([`Watch::last_mark`]).
    mark: Mutex<String>,
}

impl Heard {
    fn now(&self) -> u64 {
        u64::try_from(self.since.elapsed().as_millis()).unwrap_or(u64::MAX - 1) + 1
    }

    fn renew(&self) {
        self.epoch.fetch_add(1, Ordering::SeqCst);
    }

    fn alive(&self) {
        self.alive_at.store(self.now(), Ordering::SeqCst);
    }

    fn lost(&self) {
        self.alive_at.store(0, Ordering::SeqCst);
        self.renew();
    }
}

impl Watch {
    /// A watch that hears nothing, and so never vouches: SQLite's, and a test's.
    pub fn deaf() -> Watch {
        Watch(None)
    }

    /// Starts listening to the PostgreSQL database at `url`, on a thread of its own that lives
    /// as long as the watch. Waits a little for the first connection, so that an instance is
    /// listening from its first request; if there is none yet, the thread keeps trying.
    pub fn listen(url: String) -> std::io::Result<Watch> {
        let heard = Arc::new(Heard {
            epoch: AtomicU64::new(0),
            alive_at: AtomicU64::new(0),
            since: Instant::now(),
            mark: Mutex::default(),
        });
        let (ready, listening) = mpsc::channel();
        let weak = Arc::downgrade(&heard);
        std::thread::Builder::new()
            .name("concord-listen".into())
            .spawn(move || listen(&url, &weak, ready))?;
        // Whether it connected or gave up for now, the watch says so by itself.
        let _ = listening.recv_timeout(FIRST_CONNECTION);
        Ok(Watch(Some(heard)))
    }

    /// The epoch under which a stamp read now stays current until this returns another; `None`
    /// when nothing read can be trusted beyond its request (no listener, or one not known to
    /// be listening).
    pub fn vouch(&self) -> Option<u64> {
        let heard = self.0.as_ref()?;
        let alive_at = heard.alive_at.load(Ordering::SeqCst);
        let trusted = u64::try_from(TRUST_FOR.as_millis()).unwrap_or(u64::MAX);
        if alive_at == 0 || heard.now().saturating_sub(alive_at) > trusted {
            return None;
        }
        Some(heard.epoch.load(Ordering::SeqCst))
    }

    /// The payload of the last notice heard that carried one (the triggers' carry none). A
    /// notice is heard after every notice of the transactions that committed before its own,
    /// so a test that sends one after its writes knows, once it is heard, that theirs were.
    pub fn last_mark(&self) -> Option<String> {
        let heard = self.0.as_ref()?;
        let mark = heard.mark.lock().unwrap_or_else(|p| p.into_inner());
        Some(mark.clone())
    }

    /// This instance may have written: nothing read before counts.
    pub fn changed(&self) {
        if let Some(heard) = &self.0 {
            heard.renew();
        }
    }
}

/// The listener's thread: connects, listens until the connection fails, and connects again,
/// until the watch is dropped.
fn listen(url: &str, heard: &Weak<Heard>, ready: mpsc::Sender<()>) {
    let mut ready = Some(ready);
    let mut wait = LOOK_EVERY * 100;
    loop {
        let outcome = connect(url).and_then(|mut conn| {
            let Some(watch) = heard.upgrade() else {
                return Ok(());
            };
            // Listening from here: whatever changed before is not known, so nothing read
            // before counts.
            watch.renew();
            watch.alive();
            drop(watch);
            if let Some(ready) = ready.take() {
                let _ = ready.send(());
            }
            wait = LOOK_EVERY * 100;
            hear(&mut conn, heard)
        });
        let Some(watch) = heard.upgrade() else {
            return;
        };
        watch.lost();
        drop(watch);
        // The first attempt failed: the instance starts without waiting any longer.
        ready = None;
        if let Err(error) = outcome {
            tracing::warn!(
                %error,
                retry_in_ms = wait.as_millis() as u64,
                "not listening for changes: pages read their stamps from the database meanwhile"
            );
        }
        std::thread::sleep(wait);
        wait = (wait * 2).min(RETRY_AT_MOST);
    }
}

fn connect(url: &str) -> diesel::QueryResult<PgConnection> {
    let mut conn = PgConnection::establish(url)
        .map_err(|e| diesel::result::Error::QueryBuilderError(e.into()))?;
    conn.batch_execute(&format!(
        "SET application_name = '{APPLICATION_NAME}'; LISTEN {CHANNEL}"
    ))?;
    Ok(conn)
}

/// Takes in the notices as they come, until the connection fails (`Err`) or the watch is
/// dropped (`Ok`).
fn hear(conn: &mut PgConnection, heard: &Weak<Heard>) -> diesel::QueryResult<()> {
    let mut checked = Instant::now();
    loop {
        let Some(watch) = heard.upgrade() else {
            return Ok(());
        };
        // A closed connection shows here too: reading its socket finds the end.
        let mut notices = 0;
        let mut mark = None;
        for notice in conn.notifications_iter() {
            let notice = notice?;
            notices += 1;
            if !notice.payload.is_empty() {
                mark = Some(notice.payload);
            }
        }
        if notices > 0 {
            watch.renew();
        }
        // After the epoch moved: whoever sees the mark sees the notices before it counted.
        if let Some(mark) = mark {
            *watch.mark.lock().unwrap_or_else(|p| p.into_inner()) = mark;
        }
        if checked.elapsed() >= CHECK_EVERY {
            // Notices that arrive during the query wait in the connection for the next look.
            conn.batch_execute("SELECT 1")?;
            watch.alive();
            checked = Instant::now();
        }
        drop(watch);
        std::thread::sleep(LOOK_EVERY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heard() -> Arc<Heard> {
        Arc::new(Heard {
            epoch: AtomicU64::new(0),
            alive_at: AtomicU64::new(0),
            since: Instant::now(),
            mark: Mutex::default(),
        })
    }

    #[test]
    fn a_deaf_watch_vouches_for_nothing() {
        let watch = Watch::deaf();
        assert_eq!(watch.vouch(), None);
        watch.changed();
        assert_eq!(watch.vouch(), None);
    }

    #[test]
    fn a_listener_is_vouched_for_while_it_proves_itself_alive() {
        let heard = heard();
        let watch = Watch(Some(heard.clone()));
        assert_eq!(watch.vouch(), None, "not connected yet");
        heard.alive();
        let epoch = watch.vouch().expect("listening");
        watch.changed();
        assert_ne!(watch.vouch(), Some(epoch), "a write of this instance");
        let epoch = watch.vouch().expect("listening");
        heard.renew();
        assert_ne!(watch.vouch(), Some(epoch), "a notice");
        heard.lost();
        assert_eq!(watch.vouch(), None, "the connection lost");
        // Proved alive too long ago.
        let long_ago = Instant::now() - TRUST_FOR * 2;
        let old = Arc::new(Heard {
            epoch: AtomicU64::new(0),
            alive_at: AtomicU64::new(1),
            since: long_ago,
            mark: Mutex::default(),
        });
        assert_eq!(Watch(Some(old)).vouch(), None);
    }
}
