//! Download files already built, kept on disk by what they hold: a process's open-data file of
//! one data generation is built once, while it streams to its first reader, and every later
//! download of the same generation is read from disk instead of from the database.
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
