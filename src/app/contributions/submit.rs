//! Posting the writing form: the text is saved as a draft (new, or over the author's own),
//! files are attached and removed, and, when asked and allowed, the draft is submitted in
//! that same transaction. A submission is acknowledged only once it is committed with its
//! reference and audit entry.
//!
//! Reading and deciding happen on the pool (`prepare`); the write itself (`save::Save`) goes
//! to the writer, where submissions share commits; the answer comes after (`After`).
//!
//! Whatever goes wrong once the text is readable, the text is kept: a closed window, a
//! missing title or a file that is not a PDF leave it saved as a draft, the reasons beside
//! the fields. Only text that cannot be saved at all (too long, forged tags) is refused,
//! and then the web layer shows it again as typed.

use super::form::WritingForm;
use super::input::{Input, Intent, Upload, draft_content, submission_errors};
use super::save::{Save, Saved};
use super::{consultation_window, own_contribution, public_path};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::contributions::ContributionStatus;
use crate::domain::ids::ContributionId;
use crate::domain::permissions::Action;
use crate::domain::validation::FieldErrors;
use crate::paths;
use crate::store::accounts;
use crate::store::attachments;
use crate::store::contributions::DraftContent;
use crate::store::processes::{self, Process, Structure};
use crate::store::windows::SubmissionWindow;

/// A posted form.
#[derive(Debug, Clone)]
pub struct Posting {
    /// The draft written over, if any.
    pub draft_id: Option<ContributionId>,
    pub input: Input,
    pub uploads: Vec<Upload>,
    pub intent: Intent,
}

/// What became of a posted form whose text could be saved.
#[derive(Debug, Clone)]
pub enum Posted {
    /// Submitted now (the location says so), or earlier from another tab (its public page).
    Submitted {
        location: String,
    },
    Drafted(Box<Drafted>),
}

/// A text saved as a draft.
#[derive(Debug, Clone)]
pub struct Drafted {
    pub id: ContributionId,
    pub form: WritingForm,
    /// Problems with files or with submitting; the text itself is saved.
    pub errors: FieldErrors,
    /// What needs saying on the form (why it was not submitted).
    pub message: Option<&'static str>,
}

/// A posted form, read and decided: nothing left to write, or the write and what to answer.
#[derive(Debug)]
pub enum Prepared {
    /// Submitted meanwhile from another tab: nothing to save over.
    Done(Posted),
    Write(Box<Write>),
}

/// The write a posted form asks for, and what its answer needs besides.
#[derive(Debug)]
pub struct Write {
    pub save: Save,
    pub after: After,
}

/// What the answer to a posted form needs once its write is committed.
#[derive(Debug)]
pub struct After {
    process: Process,
    structure: Structure,
    intent: Intent,
    file_errors: FieldErrors,
    missing: FieldErrors,
    window: SubmissionWindow,
}

/// The writing form posted by its author, signed in or whose session has just timed out (the
/// web layer then asks only for a draft), read and decided on the pool; the write is left to
/// the caller. Text that cannot be saved is `Invalid`.
pub fn prepare(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    posting: Posting,
) -> Result<Prepared> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    // Someone else's draft is not found, whoever asks; then the role is checked.
    if let Some(id) = posting.draft_id {
        own_contribution(conn, &process, id, person.account_id)?;
    }
    let actor = app::actor_in(conn, Some(person), process.id)?;
    app::require(&actor, Action::SubmitContribution)?;
    decide(conn, process, person.account_id, posting)
}

/// Saves a posted form for `account_id`, who may submit in `process`, on this one connection:
/// the writes of autosaving.
pub(super) fn write(
    conn: &mut DbConnection,
    process: Process,
    account_id: i64,
    posting: Posting,
) -> Result<Posted> {
    match decide(conn, process, account_id, posting)? {
        Prepared::Done(posted) => Ok(posted),
        Prepared::Write(write) => {
            let saved = write.save.run(conn)?;
            write.after.answer(conn, saved)
        }
    }
}

/// Reads what a posted form's write depends on and decides it, so that a submission is one
/// transaction (one durable commit) with no read of its own to wait for.
fn decide(
    conn: &mut DbConnection,
    process: Process,
    account_id: i64,
    posting: Posting,
) -> Result<Prepared> {
    let structure = crate::app::outline::structure(conn, &process)?;
    let existing = match posting.draft_id {
        None => None,
        Some(id) => match written_over(conn, &process, id, account_id)? {
            WrittenOver::Draft(id) => Some(id),
            WrittenOver::Submitted(location) => {
                return Ok(Prepared::Done(Posted::Submitted { location }));
            }
        },
    };
    // Only the event the form names is looked up: a submission reads no list of choices.
    let event_ids: Vec<i64> = match posting.input.event.trim().parse::<i64>() {
        Ok(id) if crate::store::events::is_public_event_of(conn, process.id, id)? => vec![id],
        _ => Vec::new(),
    };
    let (content, errors): (DraftContent, FieldErrors) =
        draft_content(&posting.input, &structure, &event_ids);
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let (pdfs, file_errors) = pdfs_of(posting.uploads);
    let organisation_id = accounts::account_by_id(conn, account_id)?
        .ok_or(Error::Forbidden)?
        .organisation_id;
    let window = consultation_window(conn, process.id, account_id)?;
    let missing = submission_errors(&content);
    let submit_now = posting.intent == Intent::Submit
        && file_errors.is_empty()
        && missing.is_empty()
        && window.is_open();
    let save = Save {
        process: process.clone(),
        account_id,
        organisation_id,
        existing,
        content,
        pdfs,
        remove_files: posting.input.remove_files,
        submit_now,
    };
    let after = After {
        process,
        structure,
        intent: posting.intent,
        file_errors,
        missing,
        window,
    };
    Ok(Prepared::Write(Box::new(Write { save, after })))
}

impl After {
    /// The answer to a submitted form, which needs no query: `None` for a draft (`answer`).
    pub fn submitted(&self, saved: &Saved) -> Option<Posted> {
        let reference = saved.reference.as_ref()?;
        tracing::info!(contribution_id = i64::from(saved.id), %reference, "contribution submitted");
        let location = format!(
            "{}?notice=submitted",
            paths::contribution(&self.process.slug, reference)
        );
        Some(Posted::Submitted { location })
    }

    /// The answer to the form once its write is committed: where a submission is read, or
    /// the draft's form again with its files and why it is still a draft.
    pub fn answer(self, conn: &mut DbConnection, saved: Saved) -> Result<Posted> {
        if let Some(posted) = self.submitted(&saved) {
            return Ok(posted);
        }
        let files = attachments::files_of(conn, &[saved.id])?;
        let events = super::form::event_choices(conn, self.process.id)?;
        let (errors, message) =
            kept_because(self.intent, self.file_errors, self.missing, self.window);
        let form = WritingForm {
            window_open: self.window.is_open(),
            process: self.process,
            structure: self.structure,
            events,
            files,
        };
        Ok(Posted::Drafted(Box::new(Drafted {
            id: saved.id,
            form,
            errors,
            message,
        })))
    }
}

/// The draft a form is posted over, as it is before the form's transaction.
enum WrittenOver {
    Draft(ContributionId),
    /// Submitted from another tab meanwhile: nothing to save over. Where it is read now.
    Submitted(String),
}

fn written_over(
    conn: &mut DbConnection,
    process: &Process,
    id: ContributionId,
    account_id: i64,
) -> Result<WrittenOver> {
    let draft = own_contribution(conn, process, id, account_id)?;
    Ok(if draft.status() == ContributionStatus::Draft {
        WrittenOver::Draft(draft.id)
    } else {
        WrittenOver::Submitted(public_path(process, &draft))
    })
}

/// The PDFs among the files sent, and an error beside the field for any other file.
fn pdfs_of(uploads: Vec<Upload>) -> (Vec<(String, Vec<u8>)>, FieldErrors) {
    let mut errors = FieldErrors::default();
    let mut pdfs = Vec::new();
    for upload in uploads {
        match upload {
            Upload::Pdf { file_name, content } => pdfs.push((file_name, content)),
            Upload::NotPdf => errors.add("attachments", "error-not-pdf"),
        }
    }
    (pdfs, errors)
}

/// Why a saved text is still a draft, beside its fields and on the form.
fn kept_because(
    intent: Intent,
    file_errors: FieldErrors,
    missing: FieldErrors,
    window: SubmissionWindow,
) -> (FieldErrors, Option<&'static str>) {
    if !file_errors.is_empty() {
        return (file_errors, Some("contribution-kept-as-draft"));
    }
    if intent != Intent::Submit {
        return (file_errors, None);
    }
    let message = match window {
        SubmissionWindow::NotYetOpen => "contribution-window-not-open-draft-kept",
        SubmissionWindow::Closed => "contribution-window-closed-draft-kept",
        SubmissionWindow::Open => "contribution-kept-as-draft",
    };
    (missing, Some(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing_title() -> FieldErrors {
        let mut errors = FieldErrors::default();
        errors.add("title", "error-required");
        errors
    }

    #[test]
    fn a_text_kept_as_a_draft_says_why() {
        let (errors, message) = kept_because(
            Intent::Submit,
            FieldErrors::default(),
            FieldErrors::default(),
            SubmissionWindow::Closed,
        );
        assert!(errors.is_empty());
        assert_eq!(message, Some("contribution-window-closed-draft-kept"));
        let (_, message) = kept_because(
            Intent::Submit,
            FieldErrors::default(),
            FieldErrors::default(),
            SubmissionWindow::NotYetOpen,
        );
        assert_eq!(message, Some("contribution-window-not-open-draft-kept"));
        let (errors, message) = kept_because(
            Intent::Submit,
            FieldErrors::default(),
            missing_title(),
            SubmissionWindow::Open,
        );
        assert_eq!(errors.get("title"), Some("error-required"));
        assert_eq!(message, Some("contribution-kept-as-draft"));
    }

    #[test]
    fn a_plain_save_says_nothing_unless_a_file_was_refused() {
        let (errors, message) = kept_because(
            Intent::SaveDraft,
            FieldErrors::default(),
            missing_title(),
            SubmissionWindow::Closed,
        );
        assert!(errors.is_empty());
        assert_eq!(message, None);
        let uploads = [
            Upload::NotPdf,
            Upload::Pdf {
                file_name: "a.pdf".into(),
                content: b"%PDF-1.7 %%EOF".to_vec(),
            },
        ];
        let (pdfs, file_errors) = pdfs_of(uploads.to_vec());
        assert_eq!(pdfs.len(), 1);
        let (errors, message) = kept_because(
            Intent::SaveDraft,
            file_errors,
            FieldErrors::default(),
            SubmissionWindow::Open,
        );
        assert_eq!(errors.get("attachments"), Some("error-not-pdf"));
        assert_eq!(message, Some("contribution-kept-as-draft"));
    }
}
