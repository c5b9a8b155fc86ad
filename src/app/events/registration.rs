//! Registering for an event and cancelling: an accredited stakeholder takes a place, or joins
//! the waiting list past the event's capacity, until the event starts; cancelling frees the
//! place for the head of the waiting list in the same transaction. Every transaction that
//! counts places locks the event first (`store::attendance::lock_event`), so two people taking
//! the last place at once get one place and one waiting-list position, never two places.

use super::readable_event;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::attendance::{self, RegistrationStatus};
use crate::domain::permissions::{Action, Actor, can};
use crate::store::attendance as store;
use crate::store::events::Event;

/// Where the visitor stands for an event, as its page says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Not registered (or cancelled).
    Free,
    Registered,
    /// On the waiting list, at this position from 1.
    Waiting(i64),
    /// Recorded as attending without registering.
    WalkIn,
}

/// The registration part of an event's page.
#[derive(Debug, Clone)]
pub struct RegistrationView {
    /// Whether the visitor may register (an accredited stakeholder).
    pub may_register: bool,
    /// Whether registration is still open (the event has not started).
    pub open: bool,
    /// Places left; `None` when there is no cap.
    pub places_left: Option<i64>,
    pub standing: Standing,
}

/// What the event's page says of registration to `actor`.
pub fn view(
    conn: &mut DbConnection,
    actor: &Actor,
    event: &Event,
) -> Result<Option<RegistrationView>> {
    if !event.public {
        return Ok(None);
    }
    let taken = store::count_with(conn, event.id, RegistrationStatus::Registered)?;
    let mine = match actor.account_id {
        Some(account) => store::registration_of(conn, event.id, account)?,
        None => None,
    };
    let standing = match mine {
        None => Standing::Free,
        Some(row) => match row.status {
            RegistrationStatus::Registered => Standing::Registered,
            RegistrationStatus::Waitlisted => {
                Standing::Waiting(store::waiting_position(conn, &row)?)
            }
            RegistrationStatus::WalkIn => Standing::WalkIn,
            RegistrationStatus::Cancelled => Standing::Free,
        },
    };
    Ok(Some(RegistrationView {
        may_register: can(actor, Action::RegisterForEvent),
        open: is_open(event),
        places_left: attendance::places_left(event.capacity, taken),
        standing,
    }))
}

fn is_open(event: &Event) -> bool {
    crate::store::now() < event.starts_at
}

/// The public event `event_id` the person may register for, still open: locked for the rest
/// of the transaction.
fn open_event(conn: &mut DbConnection, person: Person, slug: &str, event_id: i64) -> Result<Event> {
    let (process, actor) = app::process_for(conn, slug, Some(person))?;
    let event = readable_event(conn, &process, &actor, event_id)?;
    if !event.public {
        return Err(Error::NotFound);
    }
    app::require(&actor, Action::RegisterForEvent)?;
    if !is_open(&event) {
        return Err(Error::Conflict("registration-closed"));
    }
    store::lock_event(conn, event.id)?;
    Ok(event)
}

/// Registers the person, `listed` saying whether they may be named among the participants.
/// Registering again while registered or waiting changes only that consent.
pub fn register(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    event_id: i64,
    listed: bool,
) -> Result<RegistrationStatus> {
    app::transaction(conn, |conn| {
        let event = open_event(conn, person, slug, event_id)?;
        let mine = store::registration_of(conn, event.id, person.account_id)?;
        if let Some(row) = &mine
            && row.status != RegistrationStatus::Cancelled
        {
            if row.status.is_active() && row.listed != listed {
                store::set_listed(conn, row.id, listed)?;
            }
            return Ok(row.status);
        }
        let taken = store::count_with(conn, event.id, RegistrationStatus::Registered)?;
        let waiting = store::count_with(conn, event.id, RegistrationStatus::Waitlisted)?;
        let status = attendance::status_of_newcomer(event.capacity, taken, waiting);
        match mine {
            Some(row) => store::register_again(conn, row.id, status, listed)?,
            None => {
                store::insert(conn, event.id, person.account_id, status, listed, None)?;
            }
        }
        Ok(status)
    })
}

/// Cancels the person's registration or place on the waiting list; a freed place goes to
/// the head of the waiting list.
pub fn cancel(conn: &mut DbConnection, person: Person, slug: &str, event_id: i64) -> Result<()> {
    app::transaction(conn, |conn| {
        let event = open_event(conn, person, slug, event_id)?;
        let Some(row) = store::registration_of(conn, event.id, person.account_id)? else {
            return Ok(());
        };
        if !row.status.is_active() {
            return Ok(());
        }
        store::set_status(conn, row.id, RegistrationStatus::Cancelled)?;
        promote_waiting(conn, &event)
    })
}

/// Gives the free places to the head of the waiting list, in the order they registered. The
/// caller holds the event's lock.
pub fn promote_waiting(conn: &mut DbConnection, event: &Event) -> Result<()> {
    let taken = store::count_with(conn, event.id, RegistrationStatus::Registered)?;
    let waiting = store::count_with(conn, event.id, RegistrationStatus::Waitlisted)?;
    let n = attendance::places_to_promote(event.capacity, taken, waiting);
    if n > 0 {
        for row in store::head_of_waiting_list(conn, event.id, n)? {
            store::set_status(conn, row.id, RegistrationStatus::Registered)?;
        }
    }
    Ok(())
}
