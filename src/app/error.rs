//! Why a use case did not do what it was asked, as values the web layer can show.
//!
//! A row that is not there is `NotFound` (diesel's `NotFound` included), never a failure; a
//! database that cannot take the request now (down, restarting, full, failing to write, no
//! connection free in time) is `StorageUnavailable`, which a form answers with the text kept;
//! any other failure keeps its whole cause chain for the one log line the web layer writes.

use crate::domain::validation::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// What was named does not exist, or the person may not know that it does.
    #[error("not found")]
    NotFound,
    /// The person's role does not allow it.
    #[error("forbidden")]
    Forbidden,
    /// A request no form of ours sends (a version that is not a number, an unknown kind).
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// The input was read but refused: the errors beside their fields. The form comes back
    /// with what was typed.
    #[error("invalid input: {0:?}")]
    Invalid(FieldErrors),
    /// The thing changed since the person read it, or its state forbids this now; the message
    /// key says which. What was typed comes back with it.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// The database cannot take the request now: nothing of it was saved, and sending it
    /// again later may work. The cause is kept for the log.
    #[error("storage unavailable: {0:#}")]
    StorageUnavailable(anyhow::Error),
    /// Anything unexpected: a query the database refused, a file that could not be written.
    #[error(transparent)]
    Internal(anyhow::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The field errors of an `Invalid` input made of one field's message.
    pub fn invalid(field: &'static str, key: &'static str) -> Self {
        let mut errors = FieldErrors::default();
        errors.add(field, key);
        Error::Invalid(errors)
    }
}

impl From<diesel::result::Error> for Error {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => Error::NotFound,
            // PostgreSQL refuses a NUL character in any text it is sent, even in a search term
            // or a path segment that is only looked up: that is bad input, not a failure
            // (SQLite takes it and simply finds nothing).
            e if is_nul_refused(&e) => Error::BadRequest("a text holds a NUL character"),
            e if crate::db::is_storage_failure(&e) => Error::StorageUnavailable(e.into()),
            other => Error::Internal(other.into()),
        }
    }
}

/// Whether PostgreSQL refused a NUL character (SQLSTATE 22021, "invalid byte sequence for
/// encoding "UTF8": 0x00", whatever the server's language).
fn is_nul_refused(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(_, info)
            if info.message().contains("UTF8") && info.message().contains("0x00")
    )
}

/// No connection came in time: the database is down, or every connection is busy. Either
/// way the request did nothing, and may work a moment later.
impl From<diesel::r2d2::PoolError> for Error {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        Error::StorageUnavailable(e.into())
    }
}

impl From<anyhow::Error> for Error {
    fn from(e: anyhow::Error) -> Self {
        Error::Internal(e)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Internal(e.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_row_is_not_found_and_a_failure_is_internal() {
        assert!(matches!(
            Error::from(diesel::result::Error::NotFound),
            Error::NotFound
        ));
        assert!(matches!(
            Error::from(diesel::result::Error::RollbackTransaction),
            Error::Internal(_)
        ));
    }

    #[test]
    fn a_database_that_cannot_take_a_write_is_unavailable_not_a_failure() {
        use diesel::result::{DatabaseErrorKind, Error as Diesel};
        let full = Diesel::DatabaseError(
            DatabaseErrorKind::Unknown,
            Box::new("database or disk is full".to_string()),
        );
        let gone = Diesel::DatabaseError(
            DatabaseErrorKind::ClosedConnection,
            Box::new("server closed the connection unexpectedly".to_string()),
        );
        let refused = Diesel::DatabaseError(
            DatabaseErrorKind::Unknown,
            Box::new("syntax error near \"SELEC\"".to_string()),
        );
        // PostgreSQL's deadlock_detected (40P01), which diesel does not name, and a
        // serialization failure (40001), which it does: both pass if tried again.
        let gave_way = Diesel::DatabaseError(
            DatabaseErrorKind::Unknown,
            Box::new("deadlock detected".to_string()),
        );
        let serialization = Diesel::DatabaseError(
            DatabaseErrorKind::SerializationFailure,
            Box::new("could not serialize access due to concurrent update".to_string()),
        );
        assert!(matches!(Error::from(full), Error::StorageUnavailable(_)));
        assert!(matches!(Error::from(gone), Error::StorageUnavailable(_)));
        assert!(matches!(
            Error::from(gave_way),
            Error::StorageUnavailable(_)
        ));
        assert!(matches!(
            Error::from(serialization),
            Error::StorageUnavailable(_)
        ));
        assert!(matches!(Error::from(refused), Error::Internal(_)));
    }
}
