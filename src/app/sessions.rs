//! Sessions: signing in and out, and whom a session belongs to now.
//!
//! It receives session *hashes*, never the tokens a browser holds, and knows no cookie: the
//! web layer makes and reads those. Passwords are verified here, so off the async workers.

use chrono::TimeDelta;

use super::Result;
use crate::db::DbConnection;
use crate::domain::validation::Email;
use crate::security::passwords;
use crate::store::accounts;
use crate::store::{self, sessions};

/// Seen again after this long, a session's last-seen time is written back.
const TOUCH_AFTER: TimeDelta = TimeDelta::seconds(60);

/// How long a session lasts: idle, and at most.
#[derive(Debug, Clone, Copy)]
pub struct Lifetime {
    pub idle: TimeDelta,
    pub max_age: TimeDelta,
}

/// Whom a session hash stands for now.
pub enum Standing {
    /// A live session of an enabled account: who holds it, with their unread notifications.
    Active(sessions::Holder),
    /// A session that ended by time: its account is still known (the row stays until
    /// housekeeping removes it), so a text it sends can be kept as that account's draft.
    Expired { account_id: i64 },
    /// No session, or one whose account is disabled (the row is removed then).
    Unknown,
}

/// What a session's lookup leaves to write: rarely anything, so the lookup itself is a read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upkeep {
    /// Its account is disabled: the session goes.
    Remove,
    /// It was last seen a while ago: its last-seen time is written back.
    Touch,
}

/// The standing of the session `hash`, and what to write back about it ([`keep_up`]): a
/// read only, which a page can make without waiting for a thread of its own.
pub fn standing(
    conn: &mut DbConnection,
    hash: &str,
    lifetime: Lifetime,
) -> Result<(Standing, Option<Upkeep>)> {
    let now = store::now();
    let Some(holder) = sessions::session_holder(conn, hash, now)? else {
        return Ok((Standing::Unknown, None));
    };
    if holder.disabled {
        return Ok((Standing::Unknown, Some(Upkeep::Remove)));
    }
    if now - holder.last_seen_at > lifetime.idle || now - holder.created_at > lifetime.max_age {
        let expired = Standing::Expired {
            account_id: holder.account_id,
        };
        return Ok((expired, None));
    }
    let upkeep = (now - holder.last_seen_at > TOUCH_AFTER).then_some(Upkeep::Touch);
    Ok((Standing::Active(holder), upkeep))
}

/// Writes what [`standing`] found the session `hash` needs.
pub fn keep_up(conn: &mut DbConnection, hash: &str, upkeep: Upkeep) -> Result<()> {
    match upkeep {
        Upkeep::Remove => sessions::delete_session(conn, hash)?,
        Upkeep::Touch => sessions::touch_session(conn, hash)?,
    }
    Ok(())
}

/// An account that has just signed in.
#[derive(Debug, Clone)]
pub struct Welcome {
    pub account_id: i64,
    pub email: String,
    pub display_name: String,
    pub is_admin: bool,
    pub language: Option<String>,
}

/// Signs in with `email` and `password`, opening the session `new_session` and closing the
/// browser's previous one. `None` when refused, whatever the reason: an unknown address is
/// verified against a dummy hash so it takes as long as a known one.
pub fn sign_in(
    conn: &mut DbConnection,
    email: Option<&Email>,
    password: &str,
    old_session: Option<&str>,
    new_session: &str,
) -> Result<Option<Welcome>> {
    let account = match email {
        Some(email) => accounts::account_by_email(conn, email)?,
        None => None,
    };
    let Some(account) = account else {
        passwords::verify_against_nothing(password);
        return Ok(None);
    };
    if !passwords::verify(password, &account.password_hash) || account.disabled {
        return Ok(None);
    }
    super::transaction(conn, |conn| {
        // A new session id at every sign-in: a planted cookie is worth nothing.
        if let Some(old) = old_session {
            sessions::delete_session(conn, old)?;
        }
        sessions::create_session(conn, new_session, account.id)?;
        Ok(())
    })?;
    Ok(Some(Welcome {
        account_id: account.id,
        email: account.email,
        display_name: account.display_name,
        is_admin: account.is_admin,
        language: account.language,
    }))
}

/// Ends the session `hash` at once.
pub fn sign_out(conn: &mut DbConnection, hash: &str) -> Result<()> {
    Ok(sessions::delete_session(conn, hash)?)
}
