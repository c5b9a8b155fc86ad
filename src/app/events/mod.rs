//! Consultation events: the list of a process's events, one event with its programme and
//! documents, and the secretariat creating and editing them. Public events are read by
//! everyone; private ones (not yet announced) only by those who manage the process, to whom
//! anyone else's request for one is answered as if it did not exist.

pub mod attendance;
pub mod calendar;
pub mod form;
pub mod programme;
pub mod registration;
pub mod sheet;
pub mod statements;

use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::permissions::{Action, Actor, can};
use crate::store::audit::{self, Entry};
use crate::store::events::{self, Event, EventSession, LinkableDocument};
use crate::store::processes::{self, Process, Structure};
use form::EventForm;

/// A process's events, as its list shows them.
#[derive(Debug, Clone)]
pub struct EventList {
    pub process: Process,
    /// The process's structure, for its title in the reader's language.
    pub structure: Structure,
    pub events: Vec<Event>,
    /// Whether the visitor may create and edit events (and sees private ones).
    pub may_manage: bool,
}

/// One event with what hangs off it.
#[derive(Debug, Clone)]
pub struct EventView {
    pub process: Process,
    /// The process's structure, for its title in the reader's language.
    pub structure: Structure,
    pub event: Event,
    pub sessions: Vec<EventSession>,
    pub documents: Vec<LinkableDocument>,
    /// The action group it serves.
    pub group: Option<crate::store::processes::ActionGroup>,
    /// The theme it serves.
    pub theme: Option<crate::store::processes::Theme>,
    pub may_manage: bool,
    /// Registration, for a public event.
    pub registration: Option<registration::RegistrationView>,
    /// What hangs off the programme: the statements filed at its sessions.
    pub extras: Extras,
}

/// The event page's parts that hang off its programme, in a few queries whatever their rows.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// The statements filed at the event's sessions, not withdrawn, in session order.
    pub statements: Vec<crate::store::programme::Statement>,
    /// The contributions made for the event (submitted and shown), the first of them.
    pub input_papers: Vec<crate::store::programme::InputPaper>,
}

/// How many input papers the event's page lists; the contribution list filtered by the event
/// has them all.
pub const INPUT_PAPERS_SHOWN: i64 = 50;

impl Extras {
    /// The statements of one session.
    pub fn statements_at(&self, session_id: &i64) -> Vec<&crate::store::programme::Statement> {
        self.statements
            .iter()
            .filter(|s| s.session_id == *session_id)
            .collect()
    }
}

/// What the event form offers to choose from.
#[derive(Debug, Clone)]
pub struct FormChoices {
    pub process: Process,
    pub structure: Structure,
    pub linkable: Vec<LinkableDocument>,
}

fn may_manage(actor: &Actor) -> bool {
    can(actor, Action::ManageProcess)
}

pub fn list(conn: &mut DbConnection, person: Option<Person>, slug: &str) -> Result<EventList> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let may_manage = may_manage(&actor);
    let events = events::events_of_process(conn, process.id, may_manage)?;
    let structure = app::outline::structure(conn, &process)?;
    Ok(EventList {
        process,
        structure,
        events,
        may_manage,
    })
}

/// The event `event_id` of the process: private ones only to those who manage the process.
pub(crate) fn readable_event(
    conn: &mut DbConnection,
    process: &Process,
    actor: &Actor,
    event_id: i64,
) -> Result<Event> {
    let event = events::event_in(conn, process.id, event_id)?.ok_or(Error::NotFound)?;
    if event.public || may_manage(actor) {
        Ok(event)
    } else {
        Err(Error::NotFound)
    }
}

pub fn show(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    event_id: i64,
) -> Result<EventView> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let event = readable_event(conn, &process, &actor, event_id)?;
    let sessions = events::sessions_of(conn, event.id)?;
    let documents = events::documents_of(conn, event.id)?;
    let registration = registration::view(conn, &actor, &event)?;
    let extras = extras_of(conn, &event)?;
    let structure = app::outline::structure(conn, &process)?;
    let group = event
        .group_id
        .and_then(|id| structure.groups.iter().find(|g| g.id == id))
        .cloned();
    let theme = event
        .theme_id
        .and_then(|id| structure.themes.iter().find(|t| t.id == id))
        .cloned();
    Ok(EventView {
        may_manage: may_manage(&actor),
        process,
        structure,
        event,
        sessions,
        documents,
        group,
        theme,
        registration,
        extras,
    })
}

fn extras_of(conn: &mut DbConnection, event: &Event) -> Result<Extras> {
    let mut statements = crate::store::programme::statements_at(conn, event.id, None, None)?;
    statements.retain(|s| s.withdrawn_at.is_none());
    let input_papers = crate::store::programme::input_papers_of(
        conn,
        event.process_id,
        event.id,
        INPUT_PAPERS_SHOWN,
    )?;
    Ok(Extras {
        statements,
        input_papers,
    })
}

/// The choices of the event form, for those who manage the process.
pub fn form_choices(conn: &mut DbConnection, person: Person, slug: &str) -> Result<FormChoices> {
    let (process, actor) = app::process_for(conn, slug, Some(person))?;
    app::require(&actor, Action::ManageProcess)?;
    choices_of(conn, process)
}

fn choices_of(conn: &mut DbConnection, process: Process) -> Result<FormChoices> {
    let structure = processes::structure_of(conn, &process)?;
    let linkable = events::linkable_documents(conn, process.id)?;
    Ok(FormChoices {
        process,
        structure,
        linkable,
    })
}

/// Creates an event from the form; returns its number.
pub fn create(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    form: &EventForm,
) -> Result<i64> {
    app::transaction(conn, |conn| {
        let choices = form_choices(conn, person, slug)?;
        let draft = form
            .parse(&choices.structure, &choices.linkable)
            .map_err(Error::Invalid)?;
        let id = events::create_event(conn, choices.process.id, &draft)?;
        audit::record(
            conn,
            Entry {
                actor_id: Some(person.account_id),
                process_id: Some(choices.process.id),
                action: "event.create",
                subject: format!("event:{id}"),
                detail: serde_json::json!({
                    "kind": draft.kind.as_str(),
                    "sessions": draft.sessions.len(),
                }),
            },
        )?;
        Ok(id)
    })
}

/// The event `event_id` in its form, with the form's choices.
pub fn editable(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    event_id: i64,
) -> Result<(FormChoices, EventForm)> {
    let choices = form_choices(conn, person, slug)?;
    let event = events::event_in(conn, choices.process.id, event_id)?.ok_or(Error::NotFound)?;
    let sessions = events::sessions_of(conn, event.id)?;
    let linked = events::documents_of(conn, event.id)?;
    let form = EventForm::from_event(&event, &sessions, &linked, &choices.structure);
    Ok((choices, form))
}

/// Saves the form over the event `event_id`.
pub fn update(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    event_id: i64,
    form: &EventForm,
) -> Result<()> {
    app::transaction(conn, |conn| {
        let choices = form_choices(conn, person, slug)?;
        let event = events::event_in(conn, choices.process.id, event_id)?.ok_or(Error::NotFound)?;
        let draft = form
            .parse(&choices.structure, &choices.linkable)
            .map_err(Error::Invalid)?;
        let kept = i32::try_from(draft.sessions.len()).unwrap_or(i32::MAX);
        if crate::store::programme::sessions_in_use_from(conn, event.id, kept)? > 0 {
            return Err(Error::invalid("programme", "event-error-session-in-use"));
        }
        events::update_event(conn, event.id, &draft)?;
        // A larger capacity gives its new places to those waiting.
        crate::store::attendance::lock_event(conn, event.id)?;
        let saved = events::event_in(conn, choices.process.id, event.id)?.ok_or(Error::NotFound)?;
        registration::promote_waiting(conn, &saved)?;
        audit::record(
            conn,
            Entry {
                actor_id: Some(person.account_id),
                process_id: Some(choices.process.id),
                action: "event.update",
                subject: format!("event:{}", event.id),
                detail: serde_json::json!({
                    "kind": draft.kind.as_str(),
                    "sessions": draft.sessions.len(),
                }),
            },
        )?;
        Ok(())
    })
}
