//! Who registered for an event and who attended it: one row per person and event
//! (`event_registrations`). The rules of who gets a place are `domain::attendance`; the use
//! cases (`app::events::registration`, `app::events::attendance`) hold the transactions, and
//! call `lock_event` first in every one that counts places.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{accounts, event_registrations, events, organisations};
use crate::domain::attendance::RegistrationStatus;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = event_registrations)]
pub struct Registration {
    pub id: i64,
    pub event_id: i64,
    pub account_id: i64,
    pub status: RegistrationStatus,
    pub listed: bool,
    pub registered_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub attended_at: Option<NaiveDateTime>,
    pub recorded_by: Option<i64>,
}

/// One person on the attendance list.
#[derive(Debug, Clone, Queryable)]
pub struct Attendee {
    pub account_id: i64,
    pub name: String,
    pub organisation: Option<String>,
    pub status: RegistrationStatus,
    pub attended_at: Option<NaiveDateTime>,
}

/// The counts the attendance page shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub registered: i64,
    pub waitlisted: i64,
    pub attended: i64,
}

/// Makes every other transaction that counts this event's places wait until this one ends.
/// SQLite's write transaction (`BEGIN IMMEDIATE`) already holds the only write lock; on
/// PostgreSQL the event's row is locked, so two people taking the last place queue on it
/// instead of both counting one place left.
pub fn lock_event(conn: &mut DbConnection, event_id: i64) -> QueryResult<()> {
    let row = events::table.find(event_id).select(events::id);
    match conn {
        DbConnection::Postgresql(pg) => row.for_update().first::<i64>(pg).map(|_| ()),
        DbConnection::Sqlite(_) => Ok(()),
    }
}

/// The row of `account_id` for the event, whatever its status.
pub fn registration_of(
    conn: &mut DbConnection,
    event_id: i64,
    account_id: i64,
) -> QueryResult<Option<Registration>> {
    event_registrations::table
        .filter(event_registrations::event_id.eq(event_id))
        .filter(event_registrations::account_id.eq(account_id))
        .select(Registration::as_select())
        .first(conn)
        .optional()
}

/// How many of the event's rows have `status`.
pub fn count_with(
    conn: &mut DbConnection,
    event_id: i64,
    status: RegistrationStatus,
) -> QueryResult<i64> {
    event_registrations::table
        .filter(event_registrations::event_id.eq(event_id))
        .filter(event_registrations::status.eq(status))
        .count()
        .get_result(conn)
}

/// Registered, waiting and attended (registered or walk-in), in three counts.
pub fn counts(conn: &mut DbConnection, event_id: i64) -> QueryResult<Counts> {
    let attended = event_registrations::table
        .filter(event_registrations::event_id.eq(event_id))
        .filter(event_registrations::attended_at.is_not_null())
        .count()
        .get_result(conn)?;
    Ok(Counts {
        registered: count_with(conn, event_id, RegistrationStatus::Registered)?,
        waitlisted: count_with(conn, event_id, RegistrationStatus::Waitlisted)?,
        attended,
    })
}

/// A waiting person's place on the list, from 1.
pub fn waiting_position(conn: &mut DbConnection, registration: &Registration) -> QueryResult<i64> {
    let ahead: i64 = event_registrations::table
        .filter(event_registrations::event_id.eq(registration.event_id))
        .filter(event_registrations::status.eq(RegistrationStatus::Waitlisted))
        .filter(
            event_registrations::registered_at
                .lt(registration.registered_at)
                .or(event_registrations::registered_at
                    .eq(registration.registered_at)
                    .and(event_registrations::id.lt(registration.id))),
        )
        .count()
        .get_result(conn)?;
    Ok(ahead + 1)
}

/// The first `n` people on the waiting list, in the order they registered.
pub fn head_of_waiting_list(
    conn: &mut DbConnection,
    event_id: i64,
    n: i64,
) -> QueryResult<Vec<Registration>> {
    event_registrations::table
        .filter(event_registrations::event_id.eq(event_id))
        .filter(event_registrations::status.eq(RegistrationStatus::Waitlisted))
        .order((event_registrations::registered_at, event_registrations::id))
        .limit(n)
        .select(Registration::as_select())
        .load(conn)
}

/// A new row; its id.
pub fn insert(
    conn: &mut DbConnection,
    event_id: i64,
    account_id: i64,
    status: RegistrationStatus,
    listed: bool,
    attended: Option<(NaiveDateTime, i64)>,
) -> QueryResult<i64> {
    let now = crate::store::now();
    diesel::insert_into(event_registrations::table)
        .values((
            event_registrations::event_id.eq(event_id),
            event_registrations::account_id.eq(account_id),
            event_registrations::status.eq(status),
            event_registrations::listed.eq(listed),
            event_registrations::registered_at.eq(now),
            event_registrations::updated_at.eq(now),
            event_registrations::attended_at.eq(attended.map(|(at, _)| at)),
            event_registrations::recorded_by.eq(attended.map(|(_, by)| by)),
        ))
        .returning(event_registrations::id)
        .get_result(conn)
}

/// Registers again a row that was cancelled: it joins at the back, as if new.
pub fn register_again(
    conn: &mut DbConnection,
    id: i64,
    status: RegistrationStatus,
    listed: bool,
) -> QueryResult<()> {
    let now = crate::store::now();
    diesel::update(event_registrations::table.find(id))
        .set((
            event_registrations::status.eq(status),
            event_registrations::listed.eq(listed),
            event_registrations::registered_at.eq(now),
            event_registrations::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn set_status(conn: &mut DbConnection, id: i64, status: RegistrationStatus) -> QueryResult<()> {
    diesel::update(event_registrations::table.find(id))
        .set((
            event_registrations::status.eq(status),
            event_registrations::updated_at.eq(crate::store::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Records the row as attended at `at` by `by`, or (`None`) not attended.
pub fn set_attended(
    conn: &mut DbConnection,
    id: i64,
    attended: Option<(NaiveDateTime, i64)>,
) -> QueryResult<()> {
    diesel::update(event_registrations::table.find(id))
        .set((
            event_registrations::attended_at.eq(attended.map(|(at, _)| at)),
            event_registrations::recorded_by.eq(attended.map(|(_, by)| by)),
            event_registrations::updated_at.eq(crate::store::now()),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The people with a place or who walked in, by name; only those whose name holds `name`
/// (case folded as far as the backend's `lower()` goes) when given.
pub fn attendees(
    conn: &mut DbConnection,
    event_id: i64,
    name: Option<&str>,
) -> QueryResult<Vec<Attendee>> {
    let mut query = event_registrations::table
        .inner_join(accounts::table.on(accounts::id.eq(event_registrations::account_id)))
        .left_join(
            organisations::table.on(accounts::organisation_id.eq(organisations::id.nullable())),
        )
        .filter(event_registrations::event_id.eq(event_id))
        .filter(
            event_registrations::status
                .eq(RegistrationStatus::Registered)
                .or(event_registrations::status.eq(RegistrationStatus::WalkIn)),
        )
        .select((
            accounts::id,
            accounts::display_name,
            organisations::name.nullable(),
            event_registrations::status,
            event_registrations::attended_at,
        ))
        .order((accounts::display_name, accounts::id))
        .into_boxed();
    if let Some(name) = name {
        let pattern = format!("%{}%", super::escape_like(&name.to_lowercase()));
        query = query.filter(lower(accounts::display_name).like(pattern).escape('\\'));
    }
    query.load(conn)
}

/// The accounts of these addresses (stored lower-cased): id and address.
pub fn accounts_by_emails(
    conn: &mut DbConnection,
    emails: &[&str],
) -> QueryResult<Vec<(i64, String)>> {
    let mut found = Vec::new();
    // In slices, so that a long sheet stays within every backend's limit of bound values.
    for chunk in emails.chunks(500) {
        let mut part: Vec<(i64, String)> = accounts::table
            .filter(accounts::email.eq_any(chunk))
            .select((accounts::id, accounts::email))
            .load(conn)?;
        found.append(&mut part);
    }
    Ok(found)
}

/// The rows of these accounts for the event.
pub fn registrations_of_accounts(
    conn: &mut DbConnection,
    event_id: i64,
    account_ids: &[i64],
) -> QueryResult<Vec<Registration>> {
    let mut found = Vec::new();
    for chunk in account_ids.chunks(500) {
        let mut part: Vec<Registration> = event_registrations::table
            .filter(event_registrations::event_id.eq(event_id))
            .filter(event_registrations::account_id.eq_any(chunk))
            .select(Registration::as_select())
            .load(conn)?;
        found.append(&mut part);
    }
    Ok(found)
}

/// Changes whether the person may be named among the participants.
pub fn set_listed(conn: &mut DbConnection, id: i64, listed: bool) -> QueryResult<()> {
    diesel::update(event_registrations::table.find(id))
        .set((
            event_registrations::listed.eq(listed),
            event_registrations::updated_at.eq(crate::store::now()),
        ))
        .execute(conn)
        .map(|_| ())
}
