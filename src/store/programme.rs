//! What hangs off an event's sessions: the speakers' lists and the delegations' statements.
//! Queries only; who may do what is `app::events`'s.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    accounts, delegations, event_sessions, event_speakers, session_statements,
};
use crate::domain::programme::StatementDraft;
use crate::domain::text_language::TextLanguage;

/// One place on a speakers' list, with the delegation's name when it names one.
#[derive(Debug, Clone, Queryable)]
pub struct Speaker {
    pub id: i64,
    pub session_id: i64,
    pub position: i32,
    pub delegation_id: Option<i64>,
    pub delegation_name: Option<String>,
    pub name: String,
    pub spoken: bool,
}

impl Speaker {
    /// The name the list shows.
    pub fn label(&self) -> &str {
        self.delegation_name.as_deref().unwrap_or(&self.name)
    }
}

/// A delegation's statement at a session, with the delegation's and the filer's names.
#[derive(Debug, Clone, Queryable)]
pub struct Statement {
    pub id: i64,
    pub session_id: i64,
    pub delegation_id: i64,
    pub delegation_name: String,
    pub title: String,
    pub body: String,
    pub language: TextLanguage,
    pub filed_by: i64,
    pub filed_by_name: String,
    pub filed_at: NaiveDateTime,
    pub withdrawn_at: Option<NaiveDateTime>,
}

/// The speakers' list of a session, in order.
pub fn speakers_of(conn: &mut DbConnection, session_id: i64) -> QueryResult<Vec<Speaker>> {
    event_speakers::table
        .left_join(delegations::table)
        .filter(event_speakers::session_id.eq(session_id))
        .order((event_speakers::position, event_speakers::id))
        .select((
            event_speakers::id,
            event_speakers::session_id,
            event_speakers::position,
            event_speakers::delegation_id,
            delegations::name.nullable(),
            event_speakers::name,
            event_speakers::spoken,
        ))
        .load(conn)
}

/// Adds a speaker at the end of the list; returns its id. Call inside a write transaction.
pub fn add_speaker(
    conn: &mut DbConnection,
    session_id: i64,
    delegation_id: Option<i64>,
    name: &str,
    added_by: i64,
) -> QueryResult<i64> {
    let last: Option<i32> = event_speakers::table
        .filter(event_speakers::session_id.eq(session_id))
        .select(diesel::dsl::max(event_speakers::position))
        .first(conn)?;
    diesel::insert_into(event_speakers::table)
        .values((
            event_speakers::session_id.eq(session_id),
            event_speakers::position.eq(last.map_or(0, |p| p.saturating_add(1))),
            event_speakers::delegation_id.eq(delegation_id),
            event_speakers::name.eq(name),
            event_speakers::spoken.eq(false),
            event_speakers::added_by.eq(added_by),
            event_speakers::added_at.eq(crate::store::now()),
        ))
        .returning(event_speakers::id)
        .get_result(conn)
}

/// Numbers the list in the order given (every id of the session's list).
pub fn reorder_speakers(
    conn: &mut DbConnection,
    session_id: i64,
    order: &[i64],
) -> QueryResult<()> {
    for (index, id) in order.iter().enumerate() {
        diesel::update(
            event_speakers::table
                .filter(event_speakers::session_id.eq(session_id))
                .filter(event_speakers::id.eq(id)),
        )
        .set(event_speakers::position.eq(i32::try_from(index).unwrap_or(i32::MAX)))
        .execute(conn)?;
    }
    Ok(())
}

/// Marks a speaker of the session as having spoken, or not; whether one was changed.
pub fn set_spoken(
    conn: &mut DbConnection,
    session_id: i64,
    speaker_id: i64,
    spoken: bool,
) -> QueryResult<bool> {
    diesel::update(
        event_speakers::table
            .filter(event_speakers::session_id.eq(session_id))
            .filter(event_speakers::id.eq(speaker_id)),
    )
    .set(event_speakers::spoken.eq(spoken))
    .execute(conn)
    .map(|n| n > 0)
}

/// Takes a speaker off the session's list; whether one was.
pub fn remove_speaker(
    conn: &mut DbConnection,
    session_id: i64,
    speaker_id: i64,
) -> QueryResult<bool> {
    diesel::delete(
        event_speakers::table
            .filter(event_speakers::session_id.eq(session_id))
            .filter(event_speakers::id.eq(speaker_id)),
    )
    .execute(conn)
    .map(|n| n > 0)
}

/// The statements of an event's sessions (withdrawn ones included, for their tombstone), of
/// one session and one delegation when they are given, by session and filing order.
pub fn statements_at(
    conn: &mut DbConnection,
    event_id: i64,
    session: Option<i64>,
    delegation: Option<i64>,
) -> QueryResult<Vec<Statement>> {
    load_statements(conn, event_id, session, delegation, None)
}

/// A statement of the event by its id.
pub fn statement_in(
    conn: &mut DbConnection,
    event_id: i64,
    statement_id: i64,
) -> QueryResult<Option<Statement>> {
    load_statements(conn, event_id, None, None, Some(statement_id)).map(|mut v| v.pop())
}

fn load_statements(
    conn: &mut DbConnection,
    event_id: i64,
    session: Option<i64>,
    delegation: Option<i64>,
    statement: Option<i64>,
) -> QueryResult<Vec<Statement>> {
    let mut query = session_statements::table
        .inner_join(event_sessions::table)
        .inner_join(delegations::table)
        .inner_join(accounts::table.on(accounts::id.eq(session_statements::filed_by)))
        .filter(event_sessions::event_id.eq(event_id))
        .select(STATEMENT_COLUMNS)
        .into_boxed();
    if let Some(session) = session {
        query = query.filter(session_statements::session_id.eq(session));
    }
    if let Some(delegation) = delegation {
        query = query.filter(session_statements::delegation_id.eq(delegation));
    }
    if let Some(statement) = statement {
        query = query.filter(session_statements::id.eq(statement));
    }
    query
        .order((event_sessions::position, session_statements::id))
        .load(conn)
}

const STATEMENT_COLUMNS: (
    session_statements::id,
    session_statements::session_id,
    session_statements::delegation_id,
    delegations::name,
    session_statements::title,
    session_statements::body,
    session_statements::language,
    session_statements::filed_by,
    accounts::display_name,
    session_statements::filed_at,
    session_statements::withdrawn_at,
) = (
    session_statements::id,
    session_statements::session_id,
    session_statements::delegation_id,
    delegations::name,
    session_statements::title,
    session_statements::body,
    session_statements::language,
    session_statements::filed_by,
    accounts::display_name,
    session_statements::filed_at,
    session_statements::withdrawn_at,
);

/// Files a statement at a session; returns its id.
pub fn file_statement(
    conn: &mut DbConnection,
    session_id: i64,
    draft: &StatementDraft,
    filed_by: i64,
) -> QueryResult<i64> {
    diesel::insert_into(session_statements::table)
        .values((
            session_statements::session_id.eq(session_id),
            session_statements::delegation_id.eq(draft.delegation_id),
            session_statements::title.eq(&draft.title),
            session_statements::body.eq(&draft.body),
            session_statements::language.eq(draft.language),
            session_statements::filed_by.eq(filed_by),
            session_statements::filed_at.eq(crate::store::now()),
        ))
        .returning(session_statements::id)
        .get_result(conn)
}

/// Withdraws a statement not withdrawn yet; whether it was.
pub fn withdraw_statement(conn: &mut DbConnection, statement_id: i64) -> QueryResult<bool> {
    diesel::update(
        session_statements::table
            .filter(session_statements::id.eq(statement_id))
            .filter(session_statements::withdrawn_at.is_null()),
    )
    .set(session_statements::withdrawn_at.eq(crate::store::now()))
    .execute(conn)
    .map(|n| n > 0)
}

/// The sessions of an event from position `from` on that have a speakers' list or a
/// statement: those an edit may not remove.
pub fn sessions_in_use_from(conn: &mut DbConnection, event_id: i64, from: i32) -> QueryResult<i64> {
    event_sessions::table
        .filter(event_sessions::event_id.eq(event_id))
        .filter(event_sessions::position.ge(from))
        .filter(
            diesel::dsl::exists(
                event_speakers::table.filter(event_speakers::session_id.eq(event_sessions::id)),
            )
            .or(diesel::dsl::exists(session_statements::table.filter(
                session_statements::session_id.eq(event_sessions::id),
            ))),
        )
        .count()
        .get_result(conn)
}

/// An input paper: a contribution made for an event, as the event's page links it.
#[derive(Debug, Clone, Queryable)]
pub struct InputPaper {
    pub reference: Option<String>,
    pub title: String,
    pub language: TextLanguage,
}

/// The submitted, shown contributions made for an event, oldest first (at most `limit`; the
/// list filtered by the event holds them all).
pub fn input_papers_of(
    conn: &mut DbConnection,
    process_id: i64,
    event_id: i64,
    limit: i64,
) -> QueryResult<Vec<InputPaper>> {
    use crate::db::schema::contributions;
    use crate::domain::contributions::ContributionStatus;
    contributions::table
        .filter(contributions::process_id.eq(process_id))
        .filter(contributions::event_id.eq(event_id))
        .filter(contributions::campaign_copy.eq(false))
        .filter(contributions::status.eq(ContributionStatus::Submitted))
        .filter(contributions::hidden_at.is_null())
        .order((contributions::submitted_at, contributions::id))
        .limit(limit)
        .select((
            contributions::reference,
            contributions::title,
            contributions::language,
        ))
        .load(conn)
}
