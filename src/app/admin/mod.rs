//! Administration: the instance (processes, accounts) for administrators, and each process
//! (settings, accreditation, roles, late submissions, audit log) for its secretariat and
//! administrators. Every check goes through the domain's one `can`; nothing here knows HTTP.

pub mod accounts;
pub mod content;
pub mod people;
pub mod process_form;
pub mod processes;

use super::{Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::permissions::{Action, Actor, can};
use crate::store::audit::{self, LoggedEntry};
use crate::store::processes::{self as process_store, Process};
use crate::store::roles;

/// The person as the instance (not one process) sees them: no process roles.
pub fn instance_actor(person: Person) -> Actor {
    Actor {
        account_id: Some(person.account_id),
        is_admin: person.is_admin,
        grants: Vec::new(),
    }
}

/// Refuses unless the person may administer the instance. Needs no database, so a page that
/// only shows an empty form can ask it first.
pub fn require_administrator(person: Person) -> Result<()> {
    super::require(&instance_actor(person), Action::AdministerInstance)
}

/// The administration start page: the processes the person may manage and, for those who
/// administer the instance, the latest entries of the audit log.
pub struct Dashboard {
    pub processes: Vec<Process>,
    /// Their titles in other languages.
    pub content: crate::domain::content::Translations,
    pub recent: Vec<LoggedEntry>,
}

/// `Forbidden` to someone who may neither administer the instance nor manage any process.
pub fn dashboard(conn: &mut DbConnection, person: Person) -> Result<Dashboard> {
    let instance = instance_actor(person);
    // Two queries, however many processes: every role of the person, then every process.
    let grants = roles::grants_by_process(conn, person.account_id)?;
    let managed: Vec<Process> = process_store::all_processes(conn)?
        .into_iter()
        .filter(|process| {
            let actor = Actor {
                grants: grants
                    .iter()
                    .filter(|(id, _)| *id == process.id)
                    .map(|(_, grant)| *grant)
                    .collect(),
                ..instance.clone()
            };
            can(&actor, Action::ManageProcess)
        })
        .collect();
    let administers = can(&instance, Action::AdministerInstance);
    if !administers && managed.is_empty() {
        return Err(Error::Forbidden);
    }
    let recent = if administers {
        audit::recent_entries(conn, 20)?
    } else {
        Vec::new()
    };
    let content = crate::store::content::translations_of_processes(conn)?;
    Ok(Dashboard {
        processes: managed,
        content,
        recent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_administrator_administers_the_instance() {
        let admin = Person {
            account_id: 1,
            is_admin: true,
        };
        let member = Person {
            account_id: 2,
            is_admin: false,
        };
        assert!(require_administrator(admin).is_ok());
        assert!(matches!(
            require_administrator(member),
            Err(Error::Forbidden)
        ));
    }
}
