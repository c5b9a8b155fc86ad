//! Sign-in and registration rate limits, counted in the database so that every instance on
//! one database shares them (see `store::limits`).
//!
//! Sign-in counts failures, not people: an attempt takes one from its buckets before the
//! password is checked (so that attempts in flight at once are bounded too) and gives it back
//! when it succeeds. Two buckets:
//! - per account, small: it stops password guessing of one account spread over many
//!   addresses; on its own it would let an attacker lock a real person out by failing on
//!   purpose, so a browser that has signed in to the account before (a "known device") is
//!   held only to the per-address limit;
//! - per address, large: hundreds of delegates behind one conference-hall address sign in to
//!   their own accounts freely (their successes cost nothing, their typos little), while
//!   guessing across many accounts from one address is stopped.

use std::net::IpAddr;

use super::Result;
use crate::db::{DbConnection, write_transaction};
use crate::domain::limits::{Decision, Quota};
use crate::store::limits;

const ADDRESS: &str = "sign-in-address";
const ACCOUNT: &str = "sign-in-account";

/// The quotas of an instance (from its settings).
#[derive(Debug, Clone, Copy)]
pub struct Quotas {
    /// Failed sign-ins to one account.
    pub account: Quota,
    /// Failed sign-ins from one address, to any account.
    pub address: Quota,
    pub registration: Quota,
}

impl Quotas {
    /// Failed sign-ins to one account at `per_minute` with bursts of `burst`; from one address
    /// at `address_per_minute` with bursts of `address_burst`; registration per address twice
    /// as fast as the account's with three times the burst, since shared networks (a
    /// conference hall, a ministry) register many people at once.
    pub fn new(per_minute: u32, burst: u32, address_per_minute: u32, address_burst: u32) -> Self {
        Self {
            account: Quota::per_minute(per_minute, burst),
            address: Quota::per_minute(address_per_minute, address_burst),
            registration: Quota::per_minute(per_minute.saturating_mul(2), burst.saturating_mul(3)),
        }
    }
}

/// What the limits say of one sign-in attempt before its password is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInAttempt {
    /// Refused: seconds to wait.
    Refused { seconds: u64 },
    /// Counted against the address and, unless from a known device, the account, until it
    /// succeeds (`succeeded`).
    Counted { account: bool },
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Counts one sign-in attempt against its buckets, or refuses it.
pub fn check_sign_in(
    conn: &mut DbConnection,
    quotas: Quotas,
    address: IpAddr,
    email: &str,
    known_device: bool,
) -> Result<SignInAttempt> {
    let now = now_ms();
    let address = address.to_string();
    write_transaction(conn, |conn| {
        if let Decision::Wait { seconds } =
            limits::attempt(conn, ADDRESS, &address, quotas.address, now)?
        {
            return Ok(SignInAttempt::Refused { seconds });
        }
        if known_device {
            return Ok(SignInAttempt::Counted { account: false });
        }
        match limits::attempt(conn, ACCOUNT, email, quotas.account, now)? {
            Decision::Allow { .. } => Ok(SignInAttempt::Counted { account: true }),
            // A refused attempt checks no password: the address is not charged for it.
            Decision::Wait { seconds } => {
                limits::refund(conn, ADDRESS, &address, quotas.address, now)?;
                Ok(SignInAttempt::Refused { seconds })
            }
        }
    })
}

/// Gives back what a sign-in that succeeded was counted: only failures count.
pub fn succeeded(
    conn: &mut DbConnection,
    quotas: Quotas,
    address: IpAddr,
    email: &str,
    counted: SignInAttempt,
) -> Result<()> {
    let SignInAttempt::Counted { account } = counted else {
        return Ok(());
    };
    let now = now_ms();
    let address = address.to_string();
    write_transaction(conn, |conn| {
        limits::refund(conn, ADDRESS, &address, quotas.address, now)?;
        if account {
            limits::refund(conn, ACCOUNT, email, quotas.account, now)?;
        }
        Ok(())
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
