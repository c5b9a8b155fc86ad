//! Sign-in and registration rate limits, counted in the database so that every instance on
//! one database shares them (see `store::limits`).
//!
//! The per-account limit stops password guessing spread over many addresses; on its own it
//! would let an attacker lock a real person out by failing on purpose. So a browser that has
//! signed in to the account before (a "known device") is held only to the per-address limit.

use std::net::IpAddr;

use super::Result;
use crate::db::{DbConnection, write_transaction};
use crate::domain::limits::{Decision, Quota};
use crate::store::limits;

/// The quotas of an instance (from its settings).
#[derive(Debug, Clone, Copy)]
pub struct Quotas {
    pub sign_in: Quota,
    pub registration: Quota,
}

impl Quotas {
    /// Sign-in at `per_minute` with bursts of `burst`, per address and per account;
    /// registration twice as fast with three times the burst, since shared networks (a
    /// conference hall, a ministry) register many people at once.
    pub fn new(per_minute: u32, burst: u32) -> Self {
        Self {
            sign_in: Quota::per_minute(per_minute, burst),
            registration: Quota::per_minute(per_minute.saturating_mul(2), burst.saturating_mul(3)),
        }
    }
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Counts one sign-in attempt; `Some(seconds)` to wait when it is refused.
pub fn check_sign_in(
    conn: &mut DbConnection,
    quotas: Quotas,
    address: IpAddr,
    email: &str,
    known_device: bool,
) -> Result<Option<u64>> {
    let now = now_ms();
    write_transaction(conn, |conn| {
        let by_address = limits::attempt(
            conn,
            "sign-in-address",
            &address.to_string(),
            quotas.sign_in,
            now,
        )?;
        if let Decision::Wait { seconds } = by_address {
            return Ok(Some(seconds));
        }
        if known_device {
            return Ok(None);
        }
        match limits::attempt(conn, "sign-in-account", email, quotas.sign_in, now)? {
            Decision::Wait { seconds } => Ok(Some(seconds)),
            Decision::Allow { .. } => Ok(None),
        }
    })
}

/// Counts one registration from an address; `Some(seconds)` to wait when it is refused.
pub fn check_registration(
    conn: &mut DbConnection,
    quotas: Quotas,
    address: IpAddr,
) -> Result<Option<u64>> {
    let now = now_ms();
    write_transaction(conn, |conn| {
        match limits::attempt(
            conn,
            "registration",
            &address.to_string(),
            quotas.registration,
            now,
        )? {
            Decision::Wait { seconds } => Ok(Some(seconds)),
            Decision::Allow { .. } => Ok(None),
        }
    })
}

/// Counts one request for a password-reset link from an address (at the pace of
/// registrations); `Some(seconds)` to wait when it is refused.
pub fn check_password_reset(
    conn: &mut DbConnection,
    quotas: Quotas,
    address: IpAddr,
) -> Result<Option<u64>> {
    let now = now_ms();
    write_transaction(conn, |conn| {
        match limits::attempt(
            conn,
            "password-reset",
            &address.to_string(),
            quotas.registration,
            now,
        )? {
            Decision::Wait { seconds } => Ok(Some(seconds)),
            Decision::Allow { .. } => Ok(None),
        }
    })
}

/// Sending a confirmation link again: three at once, then one every ten minutes, so an
/// account cannot be used to flood its own address.
pub const CONFIRMATION_RESEND: Quota = Quota {
    interval_ms: 10 * 60_000,
    burst: 3,
};

/// Counts one request to send the account's confirmation link again; `Some(seconds)` to
/// wait when it is refused.
pub fn check_confirmation_resend(conn: &mut DbConnection, account_id: i64) -> Result<Option<u64>> {
    let now = now_ms();
    write_transaction(conn, |conn| {
        match limits::attempt(
            conn,
            "confirmation-resend",
            &account_id.to_string(),
            CONFIRMATION_RESEND,
            now,
        )? {
            Decision::Wait { seconds } => Ok(Some(seconds)),
            Decision::Allow { .. } => Ok(None),
        }
    })
}

/// Forgets the buckets that are full again, so the table stays the size of what is in use.
pub fn prune(conn: &mut DbConnection) -> Result<usize> {
    Ok(limits::prune(conn, now_ms())?)
}
