//! The append-only audit log: every change of state, who made it and when.
//! Written in the same transaction as the change it records.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{accounts, audit_log, proposals};
use crate::domain::audit::AuditFilter;
use crate::domain::ids::ProposalId;
use crate::store::keyset::Seek;

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
    pub actor_id: Option<i64>,
    pub actor_name: Option<String>,
    pub action: String,
    pub subject: String,
    pub detail: String,
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
            audit_log::actor_id,
            accounts::display_name.nullable(),
            audit_log::action,
            audit_log::subject,
            audit_log::detail,
        ))
        .load(conn)
}

/// One page of a process's log, newest first, and whether entries lie beyond it in each
/// direction.
#[derive(Debug, Clone)]
pub struct LogPage {
    pub entries: Vec<LoggedEntry>,
    /// Older entries follow the last one shown.
    pub older: bool,
    /// Newer entries precede the first one shown.
    pub newer: bool,
}

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// A page of at most `limit` entries of a process that pass `filter`, newest first, from
/// where `seek` says (`After(id)`: older than entry `id`; `Before(id)`: newer). One
/// statement, along the `(process_id, id)` index; the actor is matched by a part of their
/// name, case folded as far as the backend's `lower()` goes.
pub fn page_of_process(
    conn: &mut DbConnection,
    process_id: i64,
    filter: &AuditFilter,
    seek: Seek,
    limit: i64,
) -> QueryResult<LogPage> {
    let mut query = audit_log::table
        .left_join(accounts::table.on(audit_log::actor_id.eq(accounts::id.nullable())))
        .filter(audit_log::process_id.eq(process_id))
        .select((
            audit_log::id,
            audit_log::at,
            audit_log::actor_id,
            accounts::display_name.nullable(),
            audit_log::action,
            audit_log::subject,
            audit_log::detail,
        ))
        .limit(limit + 1)
        .into_boxed();
    if let Some(action) = filter.action {
        query = query.filter(audit_log::action.eq(action));
    }
    if let Some(actor) = &filter.actor {
        let pattern = format!("%{}%", super::escape_like(&actor.to_lowercase()));
        query = query.filter(
            lower(accounts::display_name.assume_not_null())
                .like(pattern)
                .escape('\\'),
        );
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_log::at.ge(from));
    }
    if let Some(until) = filter.until {
        query = query.filter(audit_log::at.lt(until));
    }
    let backwards = seek.backwards();
    query = match seek {
        Seek::After(id) => query
            .filter(audit_log::id.lt(id))
            .order(audit_log::id.desc()),
        Seek::Before(id) => query
            .filter(audit_log::id.gt(id))
            .order(audit_log::id.asc()),
        Seek::First | Seek::Offset(_) => query.order(audit_log::id.desc()),
    };
    let mut entries: Vec<LoggedEntry> = query.load(conn)?;
    let beyond = entries.len() as i64 > limit;
    entries.truncate(usize::try_from(limit).unwrap_or(0));
    if backwards {
        entries.reverse();
    }
    Ok(LogPage {
        entries,
        older: if backwards {
            seek.cursor().is_some()
        } else {
            beyond
        },
        newer: if backwards {
            beyond
        } else {
            seek.cursor().is_some()
        },
    })
}

/// The display names of `ids`.
pub fn names_of(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    accounts::table
        .filter(accounts::id.eq_any(ids))
        .select((accounts::id, accounts::display_name))
        .load(conn)
}

/// The references and titles of the proposals `ids` of a process.
pub fn proposals_named(
    conn: &mut DbConnection,
    process_id: i64,
    ids: &[ProposalId],
) -> QueryResult<Vec<(ProposalId, Option<String>, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    proposals::table
        .filter(proposals::process_id.eq(process_id))
        .filter(proposals::id.eq_any(ids))
        .select((proposals::id, proposals::reference, proposals::title))
        .load(conn)
}
