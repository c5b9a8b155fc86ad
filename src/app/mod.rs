//! Use cases: one module per capability, between the web layer and the store.
//!
//! A use case takes the acting person, input already parsed into domain types (or the raw form
//! it parses itself, returning every field error at once) and a connection. It builds the
//! person's standing in the process once, asks the domain's one `can`, runs the whole
//! transaction with its audit entry and notifications, and returns a typed outcome. Reads that
//! a page needs live here too, so the web layer holds no query and no transaction: a handler
//! extracts, calls one function in `AppState::run`, and renders.
//!
//! This module must not know HTTP: no actix, no status codes, no templates. Refusals are
//! values of [`Error`]; the web layer decides how each looks.

pub mod accounts;
pub mod admin;
pub mod api;
pub mod campaigns;
pub mod contributions;
pub mod documents;
pub mod error;
pub mod events;
pub mod limits;
pub mod mail;
pub mod negotiation;
pub mod notifications;
pub mod opendata;
pub mod outline;
pub mod paging;
pub mod processes;
pub mod proposals;
pub mod review;
pub mod sessions;
pub mod setup;
pub mod stats;
pub mod work;

pub use error::{Error, Result};

use crate::db::{DbConnection, write_transaction};
use crate::domain::permissions::{Action, Actor, can};
use crate::store::processes::Process;
use crate::store::roles;

/// The account a request acts for: a signed-in person, or the account of a session that has
/// just timed out (whose text is kept as its draft), as the web layer found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person {
    pub account_id: i64,
    /// An instance administrator. False for an expired session: it acts as the account, not
    /// with its administrator's rights.
    pub is_admin: bool,
}

/// How a visitor (`None`: anonymous) stands in a process, for `can`. Built once per use case.
pub fn actor_in(conn: &mut DbConnection, person: Option<Person>, process_id: i64) -> Result<Actor> {
    Ok(match person {
        None => Actor::anonymous(),
        Some(person) => Actor {
            account_id: Some(person.account_id),
            is_admin: person.is_admin,
            grants: roles::grants_in_process(conn, process_id, person.account_id)?,
        },
    })
}

/// The process named by `slug` and how `person` stands in it: where nearly every use case
/// starts. An unknown slug is `NotFound`.
pub fn process_for(
    conn: &mut DbConnection,
    slug: &str,
    person: Option<Person>,
) -> Result<(Process, Actor)> {
    let process = crate::store::processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    let actor = actor_in(conn, person, process.id)?;
    Ok((process, actor))
}

/// Refuses unless the domain allows `action` to `actor`.
pub fn require(actor: &Actor, action: Action) -> Result<()> {
    if can(actor, action) {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

/// Runs `f` as one write transaction (see `db::write_transaction`): everything it wrote,
/// audit entry included, is committed together or not at all.
pub fn transaction<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T>,
) -> Result<T> {
    write_transaction(conn, f)
}
