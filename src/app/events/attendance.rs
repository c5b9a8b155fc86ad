//! The secretariat's attendance list of an event: who registered, checking them in (and
//! undoing it), and recording a walk-in by the address of an existing account. Each change
//! is audited. Only those who manage the process see or change it.

use chrono::NaiveDateTime;

use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::attendance::RegistrationStatus;
use crate::domain::permissions::Action;
use crate::domain::validation::Email;
use crate::store::attendance::{self as store, Attendee, Counts, Registration};
use crate::store::audit::{self, Entry};
use crate::store::events::{self, Event};
use crate::store::processes::{Process, Structure};

/// The attendance page.
#[derive(Debug, Clone)]
pub struct AttendanceView {
    pub process: Process,
    pub structure: Structure,
    pub event: Event,
    pub counts: Counts,
    pub attendees: Vec<Attendee>,
    /// The name filter, as typed.
    pub filter: String,
}

/// The process and event `event_id`, for those who manage the process.
pub(super) fn managed_event(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    event_id: i64,
) -> Result<(Process, Event)> {
    let (process, actor) = app::process_for(conn, slug, Some(person))?;
    app::require(&actor, Action::ManageProcess)?;
    let event = events::event_in(conn, process.id, event_id)?.ok_or(Error::NotFound)?;
    Ok((process, event))
}

pub fn page(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    event_id: i64,
    filter: &str,
) -> Result<AttendanceView> {
    let (process, event) = managed_event(conn, person, slug, event_id)?;
    let name = filter.trim();
    let attendees = store::attendees(conn, event.id, (!name.is_empty()).then_some(name))?;
    let counts = store::counts(conn, event.id)?;
    let structure = app::outline::structure(conn, &process)?;
    Ok(AttendanceView {
        process,
        structure,
        event,
        counts,
        attendees,
        filter: filter.to_string(),
    })
}

/// Records `row` as attended, or a walk-in if they had no place; `None` when it already was.
pub(super) fn record_attended(
    conn: &mut DbConnection,
    row: &Registration,
    by: i64,
    now: NaiveDateTime,
) -> Result<Option<RegistrationStatus>> {
    if row.attended_at.is_some()
        && !matches!(
            row.status,
            RegistrationStatus::Waitlisted | RegistrationStatus::Cancelled
        )
    {
        return Ok(None);
    }
    let status = match row.status {
        RegistrationStatus::Registered => RegistrationStatus::Registered,
        _ => RegistrationStatus::WalkIn,
    };
    if status != row.status {
        store::set_status(conn, row.id, status)?;
    }
    store::set_attended(conn, row.id, Some((now, by)))?;
    Ok(Some(status))
}

fn audited(
    conn: &mut DbConnection,
    person: Person,
    process: &Process,
    event: &Event,
    action: &'static str,
    detail: serde_json::Value,
) -> Result<()> {
    audit::record(
        conn,
        Entry {
            actor_id: Some(person.account_id),
            process_id: Some(process.id),
            action,
            subject: format!("event:{}", event.id),
            detail,
        },
    )?;
    Ok(())
}

/// Checks in (`attended`) or undoes the check-in of the account `account_id`, who has a place
/// or walked in. Doing it twice changes nothing more.
pub fn check_in(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    event_id: i64,
    account_id: i64,
    attended: bool,
) -> Result<()> {
    app::transaction(conn, |conn| {
        let (process, event) = managed_event(conn, person, slug, event_id)?;
        let row = store::registration_of(conn, event.id, account_id)?
            .filter(|r| {
                matches!(
                    r.status,
                    RegistrationStatus::Registered | RegistrationStatus::WalkIn
                )
            })
            .ok_or(Error::NotFound)?;
        let detail = serde_json::json!({ "account": account_id });
        if attended {
            if record_attended(conn, &row, person.account_id, crate::store::now())?.is_some() {
                audited(conn, person, &process, &event, "event.check-in", detail)?;
            }
        } else if row.attended_at.is_some() {
            store::set_attended(conn, row.id, None)?;
            // A walk-in who did not come after all was never registered.
            if row.status == RegistrationStatus::WalkIn {
                store::set_status(conn, row.id, RegistrationStatus::Cancelled)?;
            }
            audited(
                conn,
                person,
                &process,
                &event,
                "event.check-in-undo",
                detail,
            )?;
        }
        Ok(())
    })
}

/// Records a walk-in: the account of the address `email` attended. Someone with a place is
/// checked in instead.
pub fn walk_in(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    event_id: i64,
    email: &str,
) -> Result<()> {
    app::transaction(conn, |conn| {
        let (process, event) = managed_event(conn, person, slug, event_id)?;
        let email = Email::parse(email).map_err(|e| Error::invalid("email", e.0))?;
        let account = crate::store::accounts::account_by_email(conn, &email)?
            .ok_or_else(|| Error::invalid("email", "attendance-error-unknown-email"))?;
        store::lock_event(conn, event.id)?;
        let now = crate::store::now();
        let recorded = match store::registration_of(conn, event.id, account.id)? {
            Some(row) => record_attended(conn, &row, person.account_id, now)?,
            None => {
                let status = RegistrationStatus::WalkIn;
                store::insert(
                    conn,
                    event.id,
                    account.id,
                    status,
                    false,
                    Some((now, person.account_id)),
                )?;
                Some(status)
            }
        };
        if recorded.is_some() {
            let detail = serde_json::json!({ "account": account.id });
            audited(conn, person, &process, &event, "event.walk-in", detail)?;
        }
        Ok(())
    })
}

/// Audits an import of the sign-in sheet (`app::events::sheet`).
pub(super) fn audit_import(
    conn: &mut DbConnection,
    person: Person,
    process: &Process,
    event: &Event,
    detail: serde_json::Value,
) -> Result<()> {
    audited(conn, person, process, event, "event.import", detail)
}
