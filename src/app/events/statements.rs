//! Delegations' statements at a session: filed by one of the delegation's delegates, or by
//! the secretariat on its behalf; read by everyone who may read the event; withdrawn by
//! whoever filed them (a tombstone stays).

use super::programme::{At, session_at};
use super::readable_event;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::permissions::{Action, can};
use crate::domain::programme::parse_statement;
use crate::store::audit::{self, Entry};
use crate::store::events::{self, Event, EventSession};
use crate::store::negotiation::delegations::{self as delegations, Delegation};
use crate::store::processes::{Process, Structure};
use crate::store::programme::{self as store, Statement};

/// The statement form as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct StatementForm {
    pub delegation: String,
    pub title: String,
    pub body: String,
    pub language: String,
}

/// One statement's page.
#[derive(Debug, Clone)]
pub struct StatementView {
    pub process: Process,
    pub structure: Structure,
    pub event: Event,
    pub session: EventSession,
    pub statement: Statement,
    pub may_withdraw: bool,
}

/// The delegations `person` may file for at this session: their own, or every delegation of
/// the process for the secretariat.
pub(crate) fn filing_choices(
    conn: &mut DbConnection,
    at: &At,
    person: Option<Person>,
    all: &[Delegation],
) -> Result<Vec<Delegation>> {
    let Some(person) = person else {
        return Ok(Vec::new());
    };
    if can(&at.actor, Action::FileStatement { own: false }) {
        return Ok(all.to_vec());
    }
    Ok(delegations::delegations_of_account(
        conn,
        at.process.id,
        person.account_id,
    )?)
}

fn record(
    conn: &mut DbConnection,
    process_id: i64,
    person: Person,
    action: &str,
    statement: i64,
) -> Result<()> {
    audit::record(
        conn,
        Entry {
            actor_id: Some(person.account_id),
            process_id: Some(process_id),
            action,
            subject: format!("statement:{statement}"),
            detail: serde_json::json!({}),
        },
    )?;
    Ok(())
}

/// Files the form's statement at the session; returns its id. A delegation that is not the
/// process's is a form error; one the person does not act for is refused.
pub fn file(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    (event_id, session_id): (i64, i64),
    form: &StatementForm,
) -> Result<i64> {
    app::transaction(conn, |conn| {
        let at = session_at(conn, Some(person), slug, event_id, session_id)?;
        let draft = parse_statement(&form.delegation, &form.title, &form.body, &form.language)
            .map_err(Error::Invalid)?;
        delegations::delegation_in_process(conn, at.process.id, draft.delegation_id)?
            .ok_or_else(|| Error::invalid("delegation", "statement-error-delegation"))?;
        let own = delegations::delegations_of_account(conn, at.process.id, person.account_id)?
            .iter()
            .any(|d| d.id == draft.delegation_id);
        app::require(&at.actor, Action::FileStatement { own })?;
        let id = store::file_statement(conn, at.session.id, &draft, person.account_id)?;
        record(conn, at.process.id, person, "event.statement.file", id)?;
        Ok(id)
    })
}

pub fn show(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    event_id: i64,
    statement_id: i64,
) -> Result<StatementView> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let event = readable_event(conn, &process, &actor, event_id)?;
    let statement = store::statement_in(conn, event.id, statement_id)?.ok_or(Error::NotFound)?;
    let session =
        events::session_in(conn, event.id, statement.session_id)?.ok_or(Error::NotFound)?;
    let own = person.is_some_and(|p| p.account_id == statement.filed_by);
    let structure = app::outline::structure(conn, &process)?;
    Ok(StatementView {
        may_withdraw: statement.withdrawn_at.is_none()
            && can(&actor, Action::WithdrawStatement { own }),
        process,
        structure,
        event,
        session,
        statement,
    })
}

/// Withdraws a statement, by whoever filed it; a second time is a conflict.
pub fn withdraw(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    event_id: i64,
    statement_id: i64,
) -> Result<()> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        let event = readable_event(conn, &process, &actor, event_id)?;
        let statement =
            store::statement_in(conn, event.id, statement_id)?.ok_or(Error::NotFound)?;
        let own = statement.filed_by == person.account_id;
        app::require(&actor, Action::WithdrawStatement { own })?;
        if !store::withdraw_statement(conn, statement.id)? {
            return Err(Error::Conflict("statement-already-withdrawn"));
        }
        record(
            conn,
            process.id,
            person,
            "event.statement.withdraw",
            statement.id,
        )
    })
}
