//! What the writing form shows besides the text: the process, its groups and themes, the
//! draft's files, and whether the writer may submit now. Reads only; writing is `submit`.

use super::input::Input;
use super::{consultation_window, own_contribution, public_path};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::contributions::ContributionStatus;
use crate::domain::ids::ContributionId;
use crate::domain::permissions::Action;
use crate::store::attachments::{self, AttachedFile};
use crate::store::contributions;
use crate::store::processes::{self, Process, Structure};

/// The form's setting.
#[derive(Debug, Clone)]
pub struct WritingForm {
    pub process: Process,
    pub structure: Structure,
    /// The files attached to the draft being written.
    pub files: Vec<AttachedFile>,
    pub window_open: bool,
    /// The process's public events a contribution may be made for: id and title.
    pub events: Vec<(i64, String)>,
}

/// The public events of the process, for the form's "Made for" choice.
pub fn event_choices(conn: &mut DbConnection, process_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(crate::store::events::public_event_titles(conn, process_id)?)
}

/// The empty form, for a person who may submit.
pub fn new_form(conn: &mut DbConnection, person: Person, slug: &str) -> Result<WritingForm> {
    let (process, actor) = app::process_for(conn, slug, Some(person))?;
    app::require(&actor, Action::SubmitContribution)?;
    let structure = crate::app::outline::structure(conn, &process)?;
    let window_open = consultation_window(conn, process.id, person.account_id)?.is_open();
    let events = event_choices(conn, process.id)?;
    Ok(WritingForm {
        process,
        structure,
        files: Vec::new(),
        events,
        window_open,
    })
}

/// One's own draft, to go on writing.
#[derive(Debug, Clone)]
pub enum DraftForm {
    Editing {
        form: Box<WritingForm>,
        input: Input,
    },
    /// Submitted meanwhile (another tab): its public page is where it is now.
    Submitted { location: String },
}

/// The form with one's own draft in it. Its author needs no role to read it back.
pub fn draft_form(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    id: ContributionId,
) -> Result<DraftForm> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    let draft = own_contribution(conn, &process, id, person.account_id)?;
    if draft.status() != ContributionStatus::Draft {
        return Ok(DraftForm::Submitted {
            location: public_path(&process, &draft),
        });
    }
    let structure = crate::app::outline::structure(conn, &process)?;
    let tags = contributions::tags_of(conn, &[draft.id])?;
    let files = attachments::files_of(conn, &[draft.id])?;
    let window_open = consultation_window(conn, process.id, person.account_id)?.is_open();
    let input = Input {
        groups: tags
            .groups_of(&draft.id)
            .iter()
            .map(|(n, _)| n.to_string())
            .collect(),
        themes: tags
            .theme_ids_of(&draft.id)
            .iter()
            .map(i64::to_string)
            .collect(),
        title: draft.title,
        body: draft.body,
        // The saved choice, shown as chosen: not a default the text's script may correct.
        language: draft.language.as_str().to_string(),
        event: draft.event_id.map(|e| e.to_string()).unwrap_or_default(),
        ..Input::default()
    };
    let form = WritingForm {
        events: event_choices(conn, process.id)?,
        process,
        structure,
        files,
        window_open,
    };
    Ok(DraftForm::Editing {
        form: Box::new(form),
        input,
    })
}

/// The form again after its text was refused and nothing was saved: the draft's files as
/// they were.
pub fn refused_form(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    draft_id: Option<ContributionId>,
) -> Result<WritingForm> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    let structure = crate::app::outline::structure(conn, &process)?;
    let files = match draft_id {
        Some(id) => {
            let draft = own_contribution(conn, &process, id, person.account_id)?;
            attachments::files_of(conn, &[draft.id])?
        }
        None => Vec::new(),
    };
    let window_open = consultation_window(conn, process.id, person.account_id)?.is_open();
    let events = event_choices(conn, process.id)?;
    Ok(WritingForm {
        process,
        structure,
        files,
        events,
        window_open,
    })
}
