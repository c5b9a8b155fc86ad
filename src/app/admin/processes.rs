//! Creating and editing a process: its settings, phase windows, action groups, themes and
//! guiding principles. Administrators create processes; the secretariat edits its own.
//! Permission is asked before the form is read, so a refused person learns nothing from it.

use super::process_form::ProcessForm;
use super::require_administrator;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::permissions::Action;
use crate::store::audit::{self, Entry};
use crate::store::processes::{self, Process, ProcessError, Structure};

/// Creates a process from the form; returns its slug.
pub fn create(conn: &mut DbConnection, person: Person, form: &ProcessForm) -> Result<String> {
    require_administrator(person)?;
    let draft = form.parse().map_err(Error::Invalid)?;
    app::transaction(conn, |conn| {
        let process = processes::create_process(conn, &draft).map_err(refusal)?;
        audit::record(
            conn,
            Entry {
                actor_id: Some(person.account_id),
                process_id: Some(process.id),
                action: "process.create",
                subject: format!("process:{}", process.slug),
                detail: serde_json::json!({ "title": process.title }),
            },
        )?;
        Ok(process.slug)
    })
}

/// The process `slug` and its structure, to fill the edit form.
pub fn editable(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
) -> Result<(Process, Structure)> {
    let (process, actor) = app::process_for(conn, slug, Some(person))?;
    app::require(&actor, Action::ManageProcess)?;
    let structure = processes::structure_of(conn, &process)?;
    Ok((process, structure))
}

/// Saves the form over the process `slug`; returns its slug, which may have changed.
pub fn update(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    form: &ProcessForm,
) -> Result<String> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        app::require(&actor, Action::ManageProcess)?;
        let draft = form.parse().map_err(Error::Invalid)?;
        processes::update_process(conn, process.id, &draft).map_err(refusal)?;
        audit::record(
            conn,
            Entry {
                actor_id: Some(person.account_id),
                process_id: Some(process.id),
                action: "process.update",
                subject: format!("process:{}", draft.slug),
                detail: serde_json::json!({
                    "previous_slug": process.slug,
                    "groups": draft.groups.len(),
                    "themes": draft.themes.len(),
                    "principles": draft.principles.len(),
                }),
            },
        )?;
        Ok(draft.slug)
    })
}

/// A refusal of the store as the field it concerns.
fn refusal(error: ProcessError) -> Error {
    match error {
        ProcessError::Database(e) => e.into(),
        ProcessError::SlugTaken => Error::invalid("slug", "error-slug-taken"),
        ProcessError::ThemeInUse => Error::invalid("themes", "error-theme-in-use"),
        ProcessError::GroupRemoved => Error::invalid("groups", "error-group-removed"),
    }
}
