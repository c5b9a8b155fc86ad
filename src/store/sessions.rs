//! Server-side sessions. The browser holds a random token; the table holds its hash.
//! Deleting a row signs the browser out at once.

use chrono::NaiveDateTime;
use diesel::backend::Backend;
use diesel::expression::{
    AppearsOnTable, Expression, SelectableExpression, ValidGrouping, is_aggregate,
};
use diesel::prelude::*;
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{BigInt, HasSqlType, Timestamp};

use super::notifications::UNREAD_BOUND;
use crate::db::DbConnection;
use crate::db::schema::{accounts, sessions};

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
    sessions::table
        .inner_join(accounts::table)
        .filter(sessions::id_hash.eq(id_hash))
        .select((
            sessions::created_at,
            sessions::last_seen_at,
            accounts::id,
            accounts::email,
            accounts::display_name,
            accounts::language,
            accounts::is_admin,
            accounts::disabled,
            UnreadOfAccount { now },
        ))
        .first(conn)
        .optional()
}

/// The unread count of the `accounts` row a query reads, as one of its columns: a subquery
/// that stops at `UNREAD_BOUND` rows. A type of its own rather than SQL text, so that the
/// statement it is part of stays prepared (diesel prepares SQL text again for each run).
#[derive(Debug, Clone, Copy)]
struct UnreadOfAccount {
    now: NaiveDateTime,
}

impl Expression for UnreadOfAccount {
    type SqlType = BigInt;
}

impl<QS> AppearsOnTable<QS> for UnreadOfAccount {}

impl<QS> SelectableExpression<QS> for UnreadOfAccount {}

impl ValidGrouping<()> for UnreadOfAccount {
    type IsAggregate = is_aggregate::Never;
}

/// Its SQL is the same for every value: one prepared statement, by type.
impl QueryId for UnreadOfAccount {
    type QueryId = Self;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<DB> QueryFragment<DB> for UnreadOfAccount
where
    DB: Backend + HasSqlType<Timestamp>,
    NaiveDateTime: ToSql<Timestamp, DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        out.push_sql(
            "(SELECT COUNT(*) FROM (SELECT 1 FROM notifications n \
             WHERE n.account_id = accounts.id AND n.read_at IS NULL AND n.visible_from <= ",
        );
        out.push_bind_param::<Timestamp, _>(&self.now)?;
        out.push_sql(&format!(" LIMIT {UNREAD_BOUND}) AS unread)"));
        Ok(())
    }
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
