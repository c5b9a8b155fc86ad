//! Server-side sessions. The browser holds a random token; the table holds its hash.
//! Deleting a row signs the browser out at once.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::accounts::Account;
use crate::db::DbConnection;
use crate::db::schema::{accounts, sessions};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id_hash: String,
    pub account_id: i64,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
}

pub fn create_session(conn: &mut DbConnection, id_hash: &str, account_id: i64) -> QueryResult<()> {
    let now = super::now();
    diesel::insert_into(sessions::table)
        .values((
            sessions::id_hash.eq(id_hash),
            sessions::account_id.eq(account_id),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// The session with this hash and its account, if both exist.
pub fn session_with_account(
    conn: &mut DbConnection,
    id_hash: &str,
) -> QueryResult<Option<(Session, Account)>> {
    sessions::table
        .inner_join(accounts::table)
        .filter(sessions::id_hash.eq(id_hash))
        .select((Session::as_select(), Account::as_select()))
        .first(conn)
        .optional()
}

pub fn touch_session(conn: &mut DbConnection, id_hash: &str) -> QueryResult<()> {
    diesel::update(sessions::table.find(id_hash))
        .set(sessions::last_seen_at.eq(super::now()))
        .execute(conn)
        .map(drop)
}

pub fn delete_session(conn: &mut DbConnection, id_hash: &str) -> QueryResult<()> {
    diesel::delete(sessions::table.find(id_hash))
        .execute(conn)
        .map(drop)
}

/// Signs an account out everywhere.
pub fn delete_sessions_of_account(conn: &mut DbConnection, account_id: i64) -> QueryResult<usize> {
    diesel::delete(sessions::table.filter(sessions::account_id.eq(account_id))).execute(conn)
}

/// Signs an account out everywhere but in the session given.
pub fn delete_other_sessions_of_account(
    conn: &mut DbConnection,
    account_id: i64,
    keep_hash: &str,
) -> QueryResult<usize> {
    diesel::delete(
        sessions::table
            .filter(sessions::account_id.eq(account_id))
            .filter(sessions::id_hash.ne(keep_hash)),
    )
    .execute(conn)
}

/// Removes sessions idle since before `idle_cutoff` or started before `absolute_cutoff`.
pub fn delete_expired_sessions(
    conn: &mut DbConnection,
    idle_cutoff: NaiveDateTime,
    absolute_cutoff: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::delete(
        sessions::table.filter(
            sessions::last_seen_at
                .lt(idle_cutoff)
                .or(sessions::created_at.lt(absolute_cutoff)),
        ),
    )
    .execute(conn)
}
