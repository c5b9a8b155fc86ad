//! Rate-limit buckets kept in the database (see `domain::limits`), so that every instance on
//! one database counts the same attempts. Keys are stored hashed: an address or an email is
//! never written here in the clear.

use diesel::prelude::*;
use sha2::{Digest, Sha256};

use crate::db::DbConnection;
use crate::db::schema::rate_limits;
use crate::domain::limits::{self, Decision, Quota};

fn hashed(key: &str) -> String {
    Sha256::digest(key.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Counts one attempt against the bucket `bucket`/`key` at `now_ms`. Must run inside a write
/// transaction (`db::write_transaction`): the row is locked from the read to the write, so
/// two instances never both spend the last attempt.
pub fn attempt(
    conn: &mut DbConnection,
    bucket: &str,
    key: &str,
    quota: Quota,
    now_ms: i64,
) -> QueryResult<Decision> {
    let key = hashed(key);
    // A full bucket's row first, if there is none, so that there is always a row to lock:
    // on PostgreSQL two instances counting the first attempt of a key then queue on that row
    // instead of both reading "no row". (SQLite's immediate transaction already holds the
    // only write lock.)
    let full = diesel::insert_into(rate_limits::table)
        .values((
            rate_limits::bucket.eq(bucket),
            rate_limits::key.eq(&key),
            rate_limits::tat.eq(0_i64),
        ))
        .on_conflict_do_nothing();
    let row = rate_limits::table
        .filter(rate_limits::bucket.eq(bucket))
        .filter(rate_limits::key.eq(&key))
        .select(rate_limits::tat);
    // Upserts and row locks are each backend's own syntax: run on the backend's connection.
    let tat: i64 = match conn {
        DbConnection::Postgresql(pg) => {
            full.execute(pg)?;
            row.for_update().first(pg)?
        }
        DbConnection::Sqlite(lite) => {
            full.execute(lite)?;
            row.first(lite)?
        }
    };
    let decision = limits::attempt(quota, Some(tat), now_ms);
    if let Decision::Allow { tat_ms } = decision {
        diesel::update(
            rate_limits::table
                .filter(rate_limits::bucket.eq(bucket))
                .filter(rate_limits::key.eq(&key)),
        )
        .set(rate_limits::tat.eq(tat_ms))
        .execute(conn)?;
    }
    Ok(decision)
}

/// Gives back one attempt counted against `bucket`/`key` (see `domain::limits::refund`). Must
/// run inside a write transaction, as `attempt`; a bucket with no row is full already.
pub fn refund(
    conn: &mut DbConnection,
    bucket: &str,
    key: &str,
    quota: Quota,
    now_ms: i64,
) -> QueryResult<()> {
    let key = hashed(key);
    let row = rate_limits::table
        .filter(rate_limits::bucket.eq(bucket))
        .filter(rate_limits::key.eq(&key))
        .select(rate_limits::tat);
    let tat: Option<i64> = match conn {
        DbConnection::Postgresql(pg) => row.for_update().first(pg).optional()?,
        DbConnection::Sqlite(lite) => row.first(lite).optional()?,
    };
    if tat.is_none() {
        return Ok(());
    }
    // A full bucket keeps an arrival time that has passed, which `prune` removes.
    let refunded = limits::refund(quota, tat, now_ms).unwrap_or(now_ms);
    diesel::update(
        rate_limits::table
            .filter(rate_limits::bucket.eq(bucket))
            .filter(rate_limits::key.eq(&key)),
    )
    .set(rate_limits::tat.eq(refunded))
    .execute(conn)?;
    Ok(())
}

/// Removes the buckets that are full again (their arrival time has passed): a missing row
/// means the same, so the table holds only buckets in use.
pub fn prune(conn: &mut DbConnection, now_ms: i64) -> QueryResult<usize> {
    diesel::delete(rate_limits::table.filter(rate_limits::tat.le(now_ms))).execute(conn)
}
