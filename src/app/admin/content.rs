//! The secretariat gives the process's content (title, description, group and theme names,
//! guiding principles) in the other official languages, one language at a time. Permission
//! is asked before anything of the process is read, as for the outline's own form.

use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::content::{self, Slot};
use crate::domain::permissions::Action;
use crate::domain::validation::Invalid;
use crate::i18n::Lang;
use crate::store::audit::{self, Entry};
use crate::store::content as store;
use crate::store::processes::{self, Process, Structure};

/// The process, its structure (with its translations) and the language being translated into.
pub struct Editor {
    pub process: Process,
    pub structure: Structure,
    pub lang: Lang,
}

/// What saving a language's form came to.
pub enum Saved {
    Saved,
    /// Refused fields, by their names in the form; nothing was written.
    Refused(Vec<(String, Invalid)>),
}

/// The translation form of process `slug` into `code`: `NotFound` for a code that is not one
/// of the six, or the language the process is written in.
pub fn editor(conn: &mut DbConnection, person: Person, slug: &str, code: &str) -> Result<Editor> {
    let (process, actor) = app::process_for(conn, slug, Some(person))?;
    app::require(&actor, Action::ManageProcess)?;
    let lang = Lang::parse(code)
        .filter(|lang| lang.code() == code && *lang != process.original_language())
        .ok_or(Error::NotFound)?;
    let structure = processes::structure_of(conn, &process)?;
    Ok(Editor {
        process,
        structure,
        lang,
    })
}

/// Saves the form's texts in `code` over process `slug`'s: every field of the form at once, an
/// empty one removing its translation, or nothing when a field is refused.
pub fn save(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    code: &str,
    fields: &[(String, String)],
) -> Result<Saved> {
    app::transaction(conn, |conn| {
        let Editor {
            process,
            structure,
            lang,
        } = editor(conn, person, slug, code)?;
        let slots: Vec<Slot> = structure
            .slots(&process)
            .into_iter()
            .map(|(slot, _)| slot)
            .collect();
        let texts = match content::parse_form(&slots, fields) {
            Ok(texts) => texts,
            Err(errors) => return Ok(Saved::Refused(errors)),
        };
        let changed = store::write_language(conn, process.id, lang, &texts)?;
        if changed > 0 {
            audit::record(
                conn,
                Entry {
                    actor_id: Some(person.account_id),
                    process_id: Some(process.id),
                    action: "process.translate",
                    subject: format!("process:{}", process.slug),
                    detail: serde_json::json!({ "language": lang.code(), "changed": changed }),
                },
            )?;
        }
        Ok(Saved::Saved)
    })
}
