//! The development key file: created its owner's alone, and, in production, a refusal to
//! start while a key file others can read lies beside the database.
//!
//! Knows files and modes only; which key is used, and when, is `super::secret_key`'s.

use std::path::{Path, PathBuf};

use super::{DatabaseUrl, SecretKey};

/// Where a development key is kept: beside the SQLite file, or in the working directory.
pub(super) fn key_file_path(database_url: &DatabaseUrl) -> PathBuf {
    match database_url {
        DatabaseUrl::Sqlite(db) => secret_path_beside(db),
        DatabaseUrl::Postgres(_) => PathBuf::from(".concord-secret"),
    }
}

/// The permission bits that let anyone but the owner read or change a file.
const SHARED_BITS: u32 = 0o077;

/// The mode of `path` when it exists and others may read or change it.
pub(super) fn shared_mode(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
        (mode & SHARED_BITS != 0).then_some(mode)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// In production a key file others can read means the key may have leaked (a development
/// key copied into `CONCORD_SECRET_KEY`, or a backup of one): refuse to start rather than
/// sign sessions with it.
pub(super) fn refuse_shared_key_file(path: &Path) -> Result<(), String> {
    match shared_mode(path) {
        Some(mode) => Err(format!(
            "is set, but the key file {} can be read by other users (mode {mode:03o}): \
             remove it, or `chmod 600` it and change the key",
            path.display()
        )),
        None => Ok(()),
    }
}

/// In development a missing secret is generated once and kept in a file beside the database,
/// so sessions survive a restart. The file is its owner's alone.
pub(super) fn development_secret(path: &Path) -> Result<SecretKey, String> {
    let key = SecretKey::generate();
    match create_private_file(path, key.as_bytes()) {
        Ok(()) => {
            tracing::warn!(
                path = %path.display(),
                "CONCORD_SECRET_KEY is unset: generated a development key and kept it beside the database; set CONCORD_SECRET_KEY in production"
            );
            Ok(key)
        }
        // Kept from an earlier run, or written by another instance starting at once.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => existing_secret(path),
        Err(e) => Err(format!(
            "is unset and {} could not be written: {e}",
            path.display()
        )),
    }
}

/// The key kept by an earlier run. Earlier versions wrote it readable by everyone: it is
/// made its owner's alone before it is used.
fn existing_secret(path: &Path) -> Result<SecretKey, String> {
    if let Some(mode) = shared_mode(path) {
        make_private(path).map_err(|e| {
            format!(
                "is unset and {} can be read by other users (mode {mode:03o}) and could not be made private: {e}",
                path.display()
            )
        })?;
        tracing::warn!(path = %path.display(), "the development key file could be read by other users; it is now its owner's alone");
    }
    let existing = std::fs::read_to_string(path)
        .map_err(|e| format!("is unset and {} could not be read: {e}", path.display()))?;
    SecretKey::parse(&existing)
        .map_err(|reason| format!("is unset and the key kept in {} {reason}", path.display()))
}

/// Creates `path` with `bytes`, readable and writable by its owner only from the start: the
/// mode is given to open(2) itself, so there is no moment when others could open it, and an
/// existing file or link there is never followed or overwritten.
fn create_private_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn make_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

fn secret_path_beside(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".secret");
    db.with_file_name(name)
}
