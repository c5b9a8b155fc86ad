//! A session of an event's programme: its page, with the speakers' list and the delegations'
//! statements, and the chair's (or the secretariat's) keeping of the list. Everyone who may
//! read the event reads the list; only `Action::ManageSpeakers` changes it.

use super::readable_event;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::permissions::{Action, Actor, can};
use crate::domain::programme::{self, Direction, SpeakerChoice};
use crate::store::audit::{self, Entry};
use crate::store::events::{self, Event, EventSession};
use crate::store::negotiation::delegations::{self as delegations, Delegation};
use crate::store::processes::{Process, Structure};
use crate::store::programme::{self as store, Speaker, Statement};

/// A session's page.
#[derive(Debug, Clone)]
pub struct SessionView {
    pub process: Process,
    pub structure: Structure,
    pub event: Event,
    pub session: EventSession,
    pub speakers: Vec<Speaker>,
    /// The session's statements, of the delegation filtered on if any.
    pub statements: Vec<Statement>,
    /// The process's delegations: the speaker form's and the filter's choices.
    pub delegations: Vec<Delegation>,
    pub filter: Option<i64>,
    pub may_manage_speakers: bool,
    /// The delegations the visitor may file a statement for (theirs; all for the secretariat).
    pub filing_for: Vec<Delegation>,
    pub account_id: Option<i64>,
}

/// The process, the actor, the event and the session, each checked: a private event's
/// sessions are as missing as the event to those who may not see it.
pub(crate) struct At {
    pub process: Process,
    pub actor: Actor,
    pub event: Event,
    pub session: EventSession,
}

pub(crate) fn session_at(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    event_id: i64,
    session_id: i64,
) -> Result<At> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let event = readable_event(conn, &process, &actor, event_id)?;
    let session = events::session_in(conn, event.id, session_id)?.ok_or(Error::NotFound)?;
    Ok(At {
        process,
        actor,
        event,
        session,
    })
}

pub fn session(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    event_id: i64,
    session_id: i64,
    filter: Option<i64>,
) -> Result<SessionView> {
    let at = session_at(conn, person, slug, event_id, session_id)?;
    let speakers = store::speakers_of(conn, at.session.id)?;
    let statements = store::statements_at(conn, at.event.id, Some(at.session.id), filter)?;
    let all = delegations::delegations_of_process(conn, at.process.id)?;
    let filing_for = super::statements::filing_choices(conn, &at, person, &all)?;
    let structure = app::outline::structure(conn, &at.process)?;
    Ok(SessionView {
        may_manage_speakers: can(&at.actor, Action::ManageSpeakers),
        structure,
        speakers,
        statements,
        delegations: all,
        filter,
        filing_for,
        account_id: person.map(|p| p.account_id),
        process: at.process,
        event: at.event,
        session: at.session,
    })
}

fn record(
    conn: &mut DbConnection,
    at: &At,
    person: Person,
    action: &str,
    speaker: i64,
) -> Result<()> {
    audit::record(
        conn,
        Entry {
            actor_id: Some(person.account_id),
            process_id: Some(at.process.id),
            action,
            subject: format!("event:{}", at.event.id),
            detail: serde_json::json!({ "session": at.session.id, "speaker": speaker }),
        },
    )?;
    Ok(())
}

/// The session, for someone who may keep its speakers' list.
fn managed(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    event_id: i64,
    session_id: i64,
) -> Result<At> {
    let at = session_at(conn, Some(person), slug, event_id, session_id)?;
    app::require(&at.actor, Action::ManageSpeakers)?;
    Ok(at)
}

/// Adds a delegation of the process, or a name, at the end of the list.
pub fn add_speaker(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    (event_id, session_id): (i64, i64),
    delegation: &str,
    name: &str,
) -> Result<()> {
    app::transaction(conn, |conn| {
        let at = managed(conn, person, slug, event_id, session_id)?;
        let choice = SpeakerChoice::parse(delegation, name).map_err(Error::Invalid)?;
        let (delegation_id, name) = match choice {
            SpeakerChoice::Delegation(id) => {
                delegations::delegation_in_process(conn, at.process.id, id)?.ok_or_else(|| {
                    Error::invalid("speaker_delegation", "event-error-no-such-choice")
                })?;
                (Some(id), String::new())
            }
            SpeakerChoice::Name(name) => (None, name),
        };
        let id = store::add_speaker(conn, at.session.id, delegation_id, &name, person.account_id)?;
        record(conn, &at, person, "event.speaker.add", id)
    })
}

/// Moves a speaker one place up or down; at either end nothing moves.
pub fn move_speaker(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    (event_id, session_id): (i64, i64),
    speaker_id: i64,
    direction: &str,
) -> Result<()> {
    let direction = Direction::parse(direction).ok_or(Error::BadRequest("no such direction"))?;
    app::transaction(conn, |conn| {
        let at = managed(conn, person, slug, event_id, session_id)?;
        let order: Vec<i64> = store::speakers_of(conn, at.session.id)?
            .iter()
            .map(|s| s.id)
            .collect();
        if !order.contains(&speaker_id) {
            return Err(Error::NotFound);
        }
        if let Some(order) = programme::moved(&order, speaker_id, direction) {
            store::reorder_speakers(conn, at.session.id, &order)?;
            record(conn, &at, person, "event.speaker.move", speaker_id)?;
        }
        Ok(())
    })
}

/// Marks a speaker as having spoken (or not, to undo a slip).
pub fn mark_spoken(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    (event_id, session_id): (i64, i64),
    speaker_id: i64,
    spoken: bool,
) -> Result<()> {
    app::transaction(conn, |conn| {
        let at = managed(conn, person, slug, event_id, session_id)?;
        if !store::set_spoken(conn, at.session.id, speaker_id, spoken)? {
            return Err(Error::NotFound);
        }
        record(conn, &at, person, "event.speaker.spoken", speaker_id)
    })
}

/// Takes a speaker off the list.
pub fn remove_speaker(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    (event_id, session_id): (i64, i64),
    speaker_id: i64,
) -> Result<()> {
    app::transaction(conn, |conn| {
        let at = managed(conn, person, slug, event_id, session_id)?;
        if !store::remove_speaker(conn, at.session.id, speaker_id)? {
            return Err(Error::NotFound);
        }
        record(conn, &at, person, "event.speaker.remove", speaker_id)
    })
}
