//! Consultation events: the rows of an event, its programme of sessions and the documents
//! linked to it. Times are UTC; the event's zone is its `time_zone` column.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{documents, event_documents, event_sessions, events, revisions};
use crate::domain::events::{EventKind, SessionDraft};
use crate::domain::ids::DocumentId;
use crate::domain::phases::PhaseKind;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = events)]
pub struct Event {
    pub id: i64,
    pub process_id: i64,
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    /// Where it meets; empty for an event held only online.
    pub place: String,
    pub online: bool,
    pub time_zone: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub phase: Option<PhaseKind>,
    pub group_id: Option<i64>,
    pub theme_id: Option<i64>,
    pub public: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// How many may register before the waiting list begins; no cap when `None`.
    pub capacity: Option<i32>,
}

impl Event {
    /// The event's zone (UTC if the stored name were ever unreadable: it is checked on entry).
    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = event_sessions)]
pub struct EventSession {
    pub id: i64,
    pub event_id: i64,
    pub position: i32,
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

/// An event as its form describes it, parsed.
#[derive(Debug, Clone)]
pub struct EventDraft {
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    pub place: String,
    pub online: bool,
    pub time_zone: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub phase: Option<PhaseKind>,
    pub group_id: Option<i64>,
    pub theme_id: Option<i64>,
    pub public: bool,
    /// How many may register before the waiting list begins; no cap when `None`.
    pub capacity: Option<i32>,
    pub sessions: Vec<SessionDraft>,
    pub documents: Vec<DocumentId>,
}

/// A document of the process that has a published revision, which an event may link to.
#[derive(Debug, Clone, Queryable)]
pub struct LinkableDocument {
    pub id: DocumentId,
    pub slug: String,
    pub title: String,
}

/// Events of a process in the order they happen; private ones only when `with_private`.
pub fn events_of_process(
    conn: &mut DbConnection,
    process_id: i64,
    with_private: bool,
) -> QueryResult<Vec<Event>> {
    let mut query = events::table
        .filter(events::process_id.eq(process_id))
        .into_boxed();
    if !with_private {
        query = query.filter(events::public.eq(true));
    }
    query
        .order((events::starts_at, events::id))
        .select(Event::as_select())
        .load(conn)
}

/// The process's public events, as a form offers them: id and title, in the order held.
pub fn public_event_titles(
    conn: &mut DbConnection,
    process_id: i64,
) -> QueryResult<Vec<(i64, String)>> {
    events::table
        .filter(events::process_id.eq(process_id))
        .filter(events::public.eq(true))
        .order((events::starts_at, events::id))
        .select((events::id, events::title))
        .load(conn)
}

/// Whether `event_id` is one of the process's public events.
pub fn is_public_event_of(
    conn: &mut DbConnection,
    process_id: i64,
    event_id: i64,
) -> QueryResult<bool> {
    events::table
        .filter(events::process_id.eq(process_id))
        .filter(events::id.eq(event_id))
        .filter(events::public.eq(true))
        .select(events::id)
        .first::<i64>(conn)
        .optional()
        .map(|found| found.is_some())
}

/// An event of a process by its number.
pub fn event_in(
    conn: &mut DbConnection,
    process_id: i64,
    event_id: i64,
) -> QueryResult<Option<Event>> {
    events::table
        .filter(events::process_id.eq(process_id))
        .filter(events::id.eq(event_id))
        .select(Event::as_select())
        .first(conn)
        .optional()
}

/// An event's programme, in order.
pub fn sessions_of(conn: &mut DbConnection, event_id: i64) -> QueryResult<Vec<EventSession>> {
    event_sessions::table
        .filter(event_sessions::event_id.eq(event_id))
        .order(event_sessions::position)
        .select(EventSession::as_select())
        .load(conn)
}

/// A session of an event's programme by its id; `None` for another event's.
pub fn session_in(
    conn: &mut DbConnection,
    event_id: i64,
    session_id: i64,
) -> QueryResult<Option<EventSession>> {
    event_sessions::table
        .filter(event_sessions::event_id.eq(event_id))
        .filter(event_sessions::id.eq(session_id))
        .select(EventSession::as_select())
        .first(conn)
        .optional()
}

/// The documents linked to an event, by title.
pub fn documents_of(conn: &mut DbConnection, event_id: i64) -> QueryResult<Vec<LinkableDocument>> {
    event_documents::table
        .inner_join(documents::table)
        .filter(event_documents::event_id.eq(event_id))
        .order((documents::title, documents::id))
        .select((documents::id, documents::slug, documents::title))
        .load(conn)
}

/// The documents of a process with at least one published revision: what an event may link.
pub fn linkable_documents(
    conn: &mut DbConnection,
    process_id: i64,
) -> QueryResult<Vec<LinkableDocument>> {
    documents::table
        .filter(documents::process_id.eq(process_id))
        .filter(diesel::dsl::exists(
            revisions::table.filter(revisions::document_id.eq(documents::id)),
        ))
        .order((documents::title, documents::id))
        .select((documents::id, documents::slug, documents::title))
        .load(conn)
}

/// Creates an event with its programme and documents; returns its id.
pub fn create_event(
    conn: &mut DbConnection,
    process_id: i64,
    draft: &EventDraft,
) -> QueryResult<i64> {
    let now = crate::store::now();
    let id = diesel::insert_into(events::table)
        .values((
            events::process_id.eq(process_id),
            events::kind.eq(draft.kind),
            events::title.eq(&draft.title),
            events::description.eq(&draft.description),
            events::place.eq(&draft.place),
            events::online.eq(draft.online),
            events::time_zone.eq(&draft.time_zone),
            events::starts_at.eq(draft.starts_at),
            events::ends_at.eq(draft.ends_at),
            events::phase.eq(draft.phase),
            events::group_id.eq(draft.group_id),
            events::theme_id.eq(draft.theme_id),
            events::public.eq(draft.public),
            events::capacity.eq(draft.capacity),
            events::created_at.eq(now),
            events::updated_at.eq(now),
        ))
        .returning(events::id)
        .get_result(conn)?;
    replace_parts(conn, id, draft)?;
    Ok(id)
}

/// Saves a draft over an event: its sessions updated in place by position (so their ids, and
/// what hangs off them, survive an edit), new ones added at the end, those past the draft's
/// last removed; its documents replaced. Whether a removed session may go is the caller's rule
/// (`store::programme::sessions_in_use_from`).
pub fn update_event(conn: &mut DbConnection, event_id: i64, draft: &EventDraft) -> QueryResult<()> {
    diesel::update(events::table.find(event_id))
        .set((
            events::kind.eq(draft.kind),
            events::title.eq(&draft.title),
            events::description.eq(&draft.description),
            events::place.eq(&draft.place),
            events::online.eq(draft.online),
            events::time_zone.eq(&draft.time_zone),
            events::starts_at.eq(draft.starts_at),
            events::ends_at.eq(draft.ends_at),
            events::phase.eq(draft.phase),
            events::group_id.eq(draft.group_id),
            events::theme_id.eq(draft.theme_id),
            events::public.eq(draft.public),
            events::capacity.eq(draft.capacity),
            events::updated_at.eq(crate::store::now()),
        ))
        .execute(conn)?;
    let existing = sessions_of(conn, event_id)?;
    for (index, session) in draft.sessions.iter().enumerate() {
        match existing.get(index) {
            Some(kept) => {
                diesel::update(event_sessions::table.find(kept.id))
                    .set((
                        event_sessions::position.eq(position_of(index)),
                        event_sessions::title.eq(&session.title),
                        event_sessions::starts_at.eq(session.starts_at),
                        event_sessions::ends_at.eq(session.ends_at),
                    ))
                    .execute(conn)?;
            }
            None => insert_session(conn, event_id, index, session)?,
        }
    }
    let removed: Vec<i64> = existing
        .iter()
        .skip(draft.sessions.len())
        .map(|s| s.id)
        .collect();
    if !removed.is_empty() {
        diesel::delete(event_sessions::table.filter(event_sessions::id.eq_any(&removed)))
            .execute(conn)?;
    }
    diesel::delete(event_documents::table.filter(event_documents::event_id.eq(event_id)))
        .execute(conn)?;
    insert_documents(conn, event_id, &draft.documents)
}

fn position_of(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}

fn insert_session(
    conn: &mut DbConnection,
    event_id: i64,
    index: usize,
    session: &SessionDraft,
) -> QueryResult<()> {
    diesel::insert_into(event_sessions::table)
        .values((
            event_sessions::event_id.eq(event_id),
            event_sessions::position.eq(position_of(index)),
            event_sessions::title.eq(&session.title),
            event_sessions::starts_at.eq(session.starts_at),
            event_sessions::ends_at.eq(session.ends_at),
        ))
        .execute(conn)?;
    Ok(())
}

fn insert_documents(
    conn: &mut DbConnection,
    event_id: i64,
    documents: &[DocumentId],
) -> QueryResult<()> {
    for document in documents {
        diesel::insert_into(event_documents::table)
            .values((
                event_documents::event_id.eq(event_id),
                event_documents::document_id.eq(document),
            ))
            .execute(conn)?;
    }
    Ok(())
}

fn replace_parts(conn: &mut DbConnection, event_id: i64, draft: &EventDraft) -> QueryResult<()> {
    for (index, session) in draft.sessions.iter().enumerate() {
        insert_session(conn, event_id, index, session)?;
    }
    insert_documents(conn, event_id, &draft.documents)
}
