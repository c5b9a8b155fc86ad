//! Autosaving: the text being written, saved as a draft every few seconds by the form's small
//! script. Same writes as posting the form with its "save draft" button, without files.

use chrono::NaiveDateTime;

use super::input::{Input, Intent};
use super::submit::{self, Posted, Posting};
use crate::app::{self, Person, Result};
use crate::db::DbConnection;
use crate::domain::ids::ContributionId;
use crate::domain::permissions::Action;
use crate::paths;

/// What an autosave did. Text that cannot be saved is `Invalid`.
#[derive(Debug, Clone)]
pub enum Autosaved {
    Saved {
        draft_id: ContributionId,
        /// Where the draft is edited from now on.
        edit_path: String,
        saved_at: NaiveDateTime,
    },
    /// The draft was submitted meanwhile (another tab): nothing was saved over it.
    Submitted { location: String },
}

pub fn autosave(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    draft_id: Option<ContributionId>,
    input: Input,
) -> Result<Autosaved> {
    let (process, actor) = app::process_for(conn, slug, Some(person))?;
    app::require(&actor, Action::SubmitContribution)?;
    let posting = Posting {
        draft_id,
        // Removing a file takes the button: a timer never drops one.
        input: Input {
            remove_files: Vec::new(),
            ..input
        },
        uploads: Vec::new(),
        intent: Intent::SaveDraft,
    };
    Ok(
        match submit::write(conn, process, person.account_id, posting)? {
            Posted::Drafted(drafted) => Autosaved::Saved {
                draft_id: drafted.id,
                edit_path: paths::contribution_draft(&drafted.form.process.slug, drafted.id),
                saved_at: crate::store::now(),
            },
            Posted::Submitted { location } => Autosaved::Submitted { location },
        },
    )
}
