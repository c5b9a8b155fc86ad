//! Download files already built, kept on disk by what they hold: a process's open-data file of
//! one data generation is built once, while it streams to its first reader, and every later
//! download of the same generation is read from disk instead of from the database. The copy
//! is written by a thread of its own, and given up rather than waited for when the disk falls
//! behind the download ([`Building::in_background`]).
//!
//! A file is written beside its final name and renamed only once it is whole, so a reader
//! never gets a part of one; a build abandoned by its reader leaves nothing behind. Files of
//! older generations are removed when a newer one is kept.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use actix_web::web;

use crate::config::DatabaseUrl;

/// Where the files of one database are kept.
#[derive(Debug, Clone)]
pub struct FileCache {
    dir: PathBuf,
}

/// Bytes read from a kept file at a time.
const CHUNK: usize = 64 * 1024;

impl FileCache {
    /// Beside an SQLite database (`concord.db.files/`); for PostgreSQL, in the system's
    /// temporary folder under the database's name (instances keep their own copies).
    pub fn for_database(url: &DatabaseUrl) -> FileCache {
        let dir = match url {
            DatabaseUrl::Sqlite(path) => {
                let mut name = path.as_os_str().to_owned();
                name.push(".files");
                PathBuf::from(name)
            }
            DatabaseUrl::Postgres(url) => {
                let database = url
                    .rsplit('/')
                    .next()
                    .and_then(|rest| rest.split('?').next())
                    .unwrap_or("concord");
                let safe: String = database
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                    .collect();
                std::env::temp_dir().join(format!("concord-files-{safe}"))
            }
        };
        FileCache { dir }
    }

    /// The kept file named `name`, if it was built whole.
    pub fn kept(&self, name: &str) -> Option<PathBuf> {
        let path = self.dir.join(name);
        path.is_file().then_some(path)
    }

    /// A new file to build as `name`; files of the same `family` (older generations) are
    /// removed once it is kept.
    pub fn building(&self, family: &str, name: &str) -> Option<Building> {
        std::fs::create_dir_all(&self.dir).ok()?;
        let file = tempfile::NamedTempFile::new_in(&self.dir).ok()?;
        Some(Building {
            file,
            dir: self.dir.clone(),
            family: family.to_string(),
            name: name.to_string(),
        })
    }
}

/// A file being built as it streams; dropped before [`Building::keep`], it is deleted.
pub struct Building {
    file: tempfile::NamedTempFile,
    dir: PathBuf,
    family: String,
    name: String,
}

impl Building {
    /// Appends a chunk; a failure to write only means the file is not kept.
    pub fn write(&mut self, chunk: &[u8]) -> std::io::Result<()> {
        self.file.write_all(chunk)
    }

    /// Keeps the whole file under its name, and removes the family's older files.
    pub fn keep(self) -> std::io::Result<()> {
        let path = self.dir.join(&self.name);
        self.file.persist(&path).map_err(|e| e.error)?;
        for entry in std::fs::read_dir(&self.dir)?.flatten() {
            let other = entry.file_name();
            let other = other.to_string_lossy();
            if other.starts_with(&self.family) && other != self.name.as_str() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        Ok(())
    }

    /// The file written on a thread of its own, so that a download never waits for its copy:
    /// behind a disk that was still writing out earlier downloads, writing the copy in line
    /// took a million contributions from 6.4 s to 8.5 s, and when the copy falls more than
    /// [`AHEAD`] chunks behind, it is given up (the next download builds it again). `None`
    /// when no thread could be started.
    pub fn in_background(self) -> Option<Copying> {
        let (pieces, incoming) = std::sync::mpsc::sync_channel::<Piece>(AHEAD);
        let writer = std::thread::Builder::new()
            .name("concord-keep-file".into())
            .spawn(move || self.write_all_of(incoming))
            .ok()?;
        Some(Copying {
            pieces: Some(pieces),
            writer: Some(writer),
        })
    }

    /// Writes every chunk that comes, and keeps the file if told to before its sender goes.
    fn write_all_of(mut self, incoming: std::sync::mpsc::Receiver<Piece>) {
        for piece in incoming {
            match piece {
                Piece::Chunk(chunk) => {
                    if self.write(&chunk).is_err() {
                        return;
                    }
                }
                Piece::Keep => {
                    if let Err(error) = self.keep() {
                        tracing::warn!(error = %error, "a built download was not kept");
                    }
                    return;
                }
            }
        }
    }
}

/// How many chunks a file written in the background ([`Building::in_background`]) may fall
/// behind the download it copies before it is given up: a batch of proposals is about 2 MB.
const AHEAD: usize = 8;

enum Piece {
    Chunk(web::Bytes),
    Keep,
}

/// A file being copied in the background from a download's chunks ([`Building::in_background`]).
pub struct Copying {
    /// `None` once the copy is given up.
    pieces: Option<std::sync::mpsc::SyncSender<Piece>>,
    writer: Option<std::thread::JoinHandle<()>>,
}

impl Copying {
    /// Hands a chunk to the copy, or gives the copy up if it is [`AHEAD`] chunks behind.
    pub fn offer(&mut self, chunk: &web::Bytes) {
        if let Some(pieces) = &self.pieces
            && pieces.try_send(Piece::Chunk(chunk.clone())).is_err()
        {
            self.pieces = None;
        }
    }

    /// Keeps the file once every chunk offered is written, and returns when it is kept (so
    /// the download it copies ends after it, and the next reader finds it). That waits for at
    /// most [`AHEAD`] chunks to be written. A copy given up is deleted, without waiting.
    pub fn keep(self) {
        let (Some(pieces), Some(writer)) = (self.pieces, self.writer) else {
            return;
        };
        if pieces.send(Piece::Keep).is_ok() {
            drop(pieces);
            let _ = writer.join();
        }
    }

    /// Whether the copy is still going.
    #[cfg(test)]
    fn is_going(&self) -> bool {
        self.pieces.is_some()
    }
}

/// Reads a kept file chunk by chunk off the async workers, as a response body.
pub fn read_kept(path: &Path) -> std::io::Result<super::ChunkStream> {
    let mut file = File::open(path)?;
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    actix_web::rt::task::spawn_blocking(move || {
        loop {
            let mut chunk = vec![0; CHUNK];
            let item = match file.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => {
                    chunk.truncate(n);
                    Ok(web::Bytes::from(chunk))
                }
                Err(e) => Err(e),
            };
            let failed = item.is_err();
            if tx.blocking_send(item).is_err() || failed {
                break;
            }
        }
    });
    Ok(Box::pin(futures_util::stream::unfold(
        rx,
        |mut rx| async move { rx.recv().await.map(|item| (item, rx)) },
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_kept_only_once_whole_and_replaces_its_older_generations() {
        let dir = tempfile::tempdir().expect("a folder");
        let cache = FileCache {
            dir: dir.path().join("files"),
        };
        let mut old = cache
            .building("7-contributions-", "7-contributions-1.csv")
            .expect("old");
        old.write(b"old").expect("written");
        old.keep().expect("kept");
        assert!(cache.kept("7-contributions-1.csv").is_some());

        // Abandoned midway: nothing is kept, the older file stays.
        let mut abandoned = cache
            .building("7-contributions-", "7-contributions-2.csv")
            .expect("new");
        abandoned.write(b"half").expect("written");
        drop(abandoned);
        assert!(cache.kept("7-contributions-2.csv").is_none());
        assert!(cache.kept("7-contributions-1.csv").is_some());
        assert_eq!(std::fs::read_dir(&cache.dir).expect("listed").count(), 1);

        let mut new = cache
            .building("7-contributions-", "7-contributions-2.csv")
            .expect("new");
        new.write(b"new").expect("written");
        new.keep().expect("kept");
        let kept = cache.kept("7-contributions-2.csv").expect("kept");
        assert_eq!(std::fs::read(kept).expect("read"), b"new");
        assert!(
            cache.kept("7-contributions-1.csv").is_none(),
            "the older one is gone"
        );
    }

    /// Waits (up to 5 s) until `done` holds: a background copy finishes on its own thread.
    fn eventually(done: impl Fn() -> bool) -> bool {
        let until = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while std::time::Instant::now() < until {
            if done() {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        done()
    }

    #[test]
    fn a_background_copy_is_kept_whole_when_told_and_only_then() {
        let dir = tempfile::tempdir().expect("a folder");
        let cache = FileCache {
            dir: dir.path().join("files"),
        };
        let building = cache.building("7-proposals-", "7-proposals-1.json");
        let mut copying = building.and_then(Building::in_background).expect("copying");
        for piece in ["[", "1,", "2", "]"] {
            copying.offer(&web::Bytes::from(piece));
        }
        assert!(copying.is_going());
        copying.keep();
        let kept = cache.kept("7-proposals-1.json").expect("kept");
        assert_eq!(std::fs::read(kept).expect("read"), b"[1,2]");

        // A copy whose download was cut off is never kept, and leaves no file behind.
        let building = cache.building("7-proposals-", "7-proposals-2.json");
        let mut cut = building.and_then(Building::in_background).expect("copying");
        cut.offer(&web::Bytes::from("[3,"));
        drop(cut);
        assert!(eventually(|| {
            std::fs::read_dir(&cache.dir).expect("listed").count() == 1
        }));
        assert!(cache.kept("7-proposals-2.json").is_none());
        assert!(cache.kept("7-proposals-1.json").is_some());
    }

    #[test]
    fn a_copy_that_falls_behind_is_given_up_not_waited_for() {
        // A writer that never reads: the disk at a standstill.
        let (pieces, _stuck) = std::sync::mpsc::sync_channel::<Piece>(AHEAD);
        let mut copying = Copying {
            pieces: Some(pieces),
            writer: None,
        };
        for _ in 0..AHEAD {
            copying.offer(&web::Bytes::from_static(b"chunk"));
            assert!(copying.is_going());
        }
        copying.offer(&web::Bytes::from_static(b"one too many"));
        assert!(!copying.is_going(), "given up at once");
        // Nothing is left to keep, and keeping does not wait for the stuck writer.
        copying.keep();
    }

    #[test]
    fn each_database_has_its_own_folder() {
        let sqlite = FileCache::for_database(&DatabaseUrl::Sqlite("/srv/concord.db".into()));
        assert_eq!(sqlite.dir, PathBuf::from("/srv/concord.db.files"));
        let pg = FileCache::for_database(&DatabaseUrl::Postgres(
            "postgres://u@h:5432/concord_test_42?sslmode=disable".into(),
        ));
        assert!(pg.dir.ends_with("concord-files-concord_test_42"));
    }
}
