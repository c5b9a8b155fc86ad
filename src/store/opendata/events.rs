//! The open data of a process's events: each public event with how many registered, were
//! waiting and attended, and the names of those who attended and agreed to be listed. Nobody
//! else's attendance leaves Concord, only in the counts.

use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConnection;
use crate::db::schema::{accounts, action_groups, event_registrations, events, organisations};
use crate::domain::attendance::RegistrationStatus;
use crate::store::events::Event;

#[derive(Debug, Clone, Serialize)]
pub struct EventRecord {
    /// The event's number in its address (`/p/{process}/events/{id}`).
    pub id: i64,
    pub kind: String,
    pub title: String,
    /// Empty for an event held only online.
    pub place: String,
    pub online: bool,
    /// The event's own zone (IANA name); the times below are UTC.
    pub time_zone: String,
    pub starts_at: String,
    pub ends_at: String,
    pub phase: String,
    /// The number of the action group it serves, if one.
    pub action_group: Option<i32>,
    pub registered: i64,
    pub waitlisted: i64,
    pub attended: i64,
    /// Those who attended and agreed to be named: "Name (Organisation)", by name.
    pub listed_participants: Vec<String>,
}

/// Up to `limit` public events of the process after the one with id `after`, appended to
/// `records`; the id of the last one read, or `None` when there were none. Four queries a
/// batch, whatever its size.
pub fn events_after(
    conn: &mut DbConnection,
    process_id: i64,
    after: i64,
    limit: i64,
    records: &mut Vec<EventRecord>,
) -> QueryResult<Option<i64>> {
    let held: Vec<Event> = events::table
        .filter(events::process_id.eq(process_id))
        .filter(events::public.eq(true))
        .filter(events::id.gt(after))
        .order(events::id)
        .limit(limit)
        .select(Event::as_select())
        .load(conn)?;
    let Some(last) = held.last().map(|e| e.id) else {
        return Ok(None);
    };
    let ids: Vec<i64> = held.iter().map(|e| e.id).collect();
    let by_status: Vec<(i64, RegistrationStatus, i64)> = event_registrations::table
        .filter(event_registrations::event_id.eq_any(&ids))
        .group_by((event_registrations::event_id, event_registrations::status))
        .select((
            event_registrations::event_id,
            event_registrations::status,
            count_star(),
        ))
        .load(conn)?;
    let present: Vec<(i64, bool, String, Option<String>)> = event_registrations::table
        .inner_join(accounts::table.on(accounts::id.eq(event_registrations::account_id)))
        .left_join(
            organisations::table.on(organisations::id.nullable().eq(accounts::organisation_id)),
        )
        .filter(event_registrations::event_id.eq_any(&ids))
        .filter(event_registrations::attended_at.is_not_null())
        .order((event_registrations::event_id, accounts::display_name))
        .select((
            event_registrations::event_id,
            event_registrations::listed,
            accounts::display_name,
            organisations::name.nullable(),
        ))
        .load(conn)?;
    let group_ids: Vec<i64> = held.iter().filter_map(|e| e.group_id).collect();
    let groups: Vec<(i64, i32)> = action_groups::table
        .filter(action_groups::id.eq_any(&group_ids))
        .select((action_groups::id, action_groups::number))
        .load(conn)?;
    let status_count = |id: i64, status: RegistrationStatus| {
        by_status
            .iter()
            .filter(|(event, s, _)| *event == id && *s == status)
            .map(|(_, _, n)| *n)
            .sum::<i64>()
    };
    for event in held {
        let attendees = present.iter().filter(|(e, ..)| *e == event.id);
        records.push(EventRecord {
            id: event.id,
            kind: event.kind.as_str().to_string(),
            place: event.place.clone(),
            online: event.online,
            time_zone: event.time_zone.clone(),
            starts_at: crate::domain::time::rfc3339(&event.starts_at),
            ends_at: crate::domain::time::rfc3339(&event.ends_at),
            phase: event
                .phase
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
            action_group: event
                .group_id
                .and_then(|g| groups.iter().find(|(id, _)| *id == g).map(|(_, n)| *n)),
            registered: status_count(event.id, RegistrationStatus::Registered),
            waitlisted: status_count(event.id, RegistrationStatus::Waitlisted),
            attended: attendees.clone().count() as i64,
            listed_participants: attendees
                .filter(|(_, listed, ..)| *listed)
                .map(|(_, _, name, organisation)| match organisation {
                    Some(organisation) => format!("{name} ({organisation})"),
                    None => name.clone(),
                })
                .collect(),
            title: event.title,
        });
    }
    Ok(Some(last))
}
