//! Server-side sessions. The browser holds a random token; the table holds its hash.
//! Deleting a row signs the browser out at once.

use chrono::NaiveDateTime;
use diesel::backend::Backend;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{BigInt, Bool, HasSqlType, Nullable, Text, Timestamp};

use super::notifications::UNREAD_BOUND;
use crate::db::DbConnection;
use crate::db::schema::sessions;

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

/// Whom a session is for, as every signed-in request reads it: the session's times, what
/// pages show and check of its account, and the account's unread notifications.
#[derive(Debug, Clone, Queryable)]
pub struct Holder {
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub account_id: i64,
    pub email: String,
    pub display_name: String,
    pub language: Option<String>,
    pub is_admin: bool,
    pub disabled: bool,
    /// Those not read that show by `now`, counted up to `store::notifications::UNREAD_BOUND`.
    pub unread: i64,
}

/// The holder of the session with this hash, if the session and its account exist: one
/// statement, of the columns a request needs (not the password's hash, nor dates it never
/// reads), since every signed-in request makes it.
pub fn session_holder(
    conn: &mut DbConnection,
    id_hash: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<Holder>> {
    HolderQuery { id_hash, now }.get_result(conn).optional()
}

/// [`session_holder`]'s statement, written out. Built with diesel's query builder, it was
/// walked twice per run (whether it may be kept prepared, then its values), through a join,
/// nine columns and a subquery: half the lookup's time, which was a quarter of a signed-in
/// review queue's. This one's SQL is one piece, its values two, and it is prepared once by
/// type.
#[derive(Debug, Clone, Copy)]
struct HolderQuery<'a> {
    id_hash: &'a str,
    now: NaiveDateTime,
}

const HOLDER_SQL: &str = "SELECT s.created_at, s.last_seen_at, a.id, a.email, a.display_name, \
     a.language, a.is_admin, a.disabled, \
     (SELECT COUNT(*) FROM (SELECT 1 FROM notifications n \
     WHERE n.account_id = a.id AND n.read_at IS NULL AND n.visible_from <= ";

impl Query for HolderQuery<'_> {
    type SqlType = (
        Timestamp,
        Timestamp,
        BigInt,
        Text,
        Text,
        Nullable<Text>,
        Bool,
        Bool,
        BigInt,
    );
}

impl QueryId for HolderQuery<'_> {
    type QueryId = HolderQuery<'static>;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<DB> QueryFragment<DB> for HolderQuery<'_>
where
    DB: Backend + HasSqlType<Timestamp> + HasSqlType<Text>,
    NaiveDateTime: ToSql<Timestamp, DB>,
    str: ToSql<Text, DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        out.push_sql(HOLDER_SQL);
        out.push_bind_param::<Timestamp, _>(&self.now)?;
        out.push_sql(UNREAD_THEN_SESSION);
        out.push_bind_param::<Text, _>(self.id_hash)?;
        Ok(())
    }
}

impl<Conn> RunQueryDsl<Conn> for HolderQuery<'_> {}

/// The rest of [`HOLDER_SQL`], after the time: the bound on the unread count (written out:
/// a constant cannot be formatted into a `&'static str`), and the session's row.
const UNREAD_THEN_SESSION: &str = " LIMIT 100) AS unread) \
     FROM sessions s INNER JOIN accounts a ON a.id = s.account_id WHERE s.id_hash = ";

const _: () = assert!(UNREAD_BOUND == 100, "HOLDER_SQL writes the bound out");

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
