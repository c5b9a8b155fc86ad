//! The append-only audit log: every change of state, who made it and when.
//! Written in the same transaction as the change it records.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{accounts, audit_log};

/// One entry to write. `action` is a dotted name (`process.create`, `role.assign`); `subject`
/// names what changed (`process:gcm`, `account:12`); `detail` is JSON, never a secret.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub actor_id: Option<i64>,
    pub process_id: Option<i64>,
    pub action: &'a str,
    pub subject: String,
    pub detail: serde_json::Value,
}

#[derive(Insertable)]
#[diesel(table_name = audit_log)]
struct NewEntry<'a> {
    at: NaiveDateTime,
    actor_id: Option<i64>,
    process_id: Option<i64>,
    action: &'a str,
    subject: &'a str,
    detail: String,
}

pub fn record(conn: &mut DbConnection, entry: Entry<'_>) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values(NewEntry {
            at: super::now(),
            actor_id: entry.actor_id,
            process_id: entry.process_id,
            action: entry.action,
            subject: &entry.subject,
            detail: entry.detail.to_string(),
        })
        .execute(conn)?;
    Ok(())
}

#[derive(Debug, Clone, Queryable)]
pub struct LoggedEntry {
    pub id: i64,
    pub at: NaiveDateTime,
    pub actor_name: Option<String>,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// The newest entries of a process, newest first.
pub fn recent_entries_of_process(
    conn: &mut DbConnection,
    process_id: i64,
    limit: i64,
) -> QueryResult<Vec<LoggedEntry>> {
    audit_log::table
        .left_join(accounts::table.on(audit_log::actor_id.eq(accounts::id.nullable())))
        .filter(audit_log::process_id.eq(process_id))
        .order(audit_log::id.desc())
        .limit(limit)
        .select((
            audit_log::id,
            audit_log::at,
            accounts::display_name.nullable(),
            audit_log::action,
            audit_log::subject,
            audit_log::detail,
        ))
        .load(conn)
}

/// The newest entries of the whole instance, newest first.
pub fn recent_entries(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<LoggedEntry>> {
    audit_log::table
        .left_join(accounts::table.on(audit_log::actor_id.eq(accounts::id.nullable())))
        .order(audit_log::id.desc())
        .limit(limit)
        .select((
            audit_log::id,
            audit_log::at,
            accounts::display_name.nullable(),
            audit_log::action,
            audit_log::subject,
            audit_log::detail,
        ))
        .load(conn)
}
