//! The first administrator of an empty instance. Whether the one-time token matches is the
//! web layer's business; this module only knows that setup is open while no administrator
//! exists, and creates the first one with its session.

use super::{Error, Result};
use crate::db::DbConnection;
use crate::domain::validation::NewPassword;
use crate::security::passwords;
use crate::store::accounts::{self, Registration, RegistrationError};
use crate::store::audit::{self, Entry};
use crate::store::sessions;

/// Whether the instance still waits for its first administrator.
pub fn is_open(conn: &mut DbConnection) -> Result<bool> {
    Ok(accounts::administrator_count(conn)? == 0)
}

/// Creates the first administrator, signed in with the session `session_hash`, and writes
/// the mail that confirms their address (links start with `public_url`); returns the
/// account's id. `NotFound` once an administrator exists; a taken address or an organisation
/// of another category is `Invalid`.
pub fn create_first_administrator(
    conn: &mut DbConnection,
    registration: &Registration,
    password: &NewPassword,
    session_hash: &str,
    public_url: &str,
) -> Result<i64> {
    let hash = passwords::hash(password.as_str())?;
    super::transaction(conn, |conn| {
        // Checked again inside the transaction: two tabs cannot both succeed.
        if !is_open(conn)? {
            return Err(Error::NotFound);
        }
        let account = match accounts::create_account(conn, registration, &hash, true) {
            Ok(account) => account,
            Err(RegistrationError::Database(e)) => return Err(e.into()),
            Err(RegistrationError::CategoryMismatch(_)) => {
                return Err(Error::invalid("category", "error-category-mismatch"));
            }
            Err(RegistrationError::EmailTaken) => {
                return Err(Error::invalid("email", "error-email-taken"));
            }
        };
        sessions::create_session(conn, session_hash, account.id)?;
        super::mail::queue_confirmation(conn, &account, public_url, crate::store::now())?;
        audit::record(
            conn,
            Entry {
                actor_id: Some(account.id),
                process_id: None,
                action: "account.first-administrator",
                subject: format!("account:{}", account.id),
                detail: serde_json::json!({}),
            },
        )?;
        Ok(account.id)
    })
}
