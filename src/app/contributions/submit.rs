//! Posting the writing form: the text is saved as a draft (new, or over the author's own),
//! files are attached and removed, and, when asked and allowed, the draft is submitted in
//! that same transaction. A submission is acknowledged only once it is committed with its
//! reference and audit entry.
//!
//! Whatever goes wrong once the text is readable, the text is kept: a closed window, a
//! missing title or a file that is not a PDF leave it saved as a draft, the reasons beside
//! the fields. Only text that cannot be saved at all (too long, forged tags) is refused,
//! and then the web layer shows it again as typed.

use sha2::{Digest, Sha256};

use super::form::WritingForm;
use super::input::{Input, Intent, Upload, draft_content, submission_errors};
use super::{consultation_window, own_contribution, public_path};
use crate::app::{self, Error, Person, Result};
use crate::config::hex;
use crate::db::DbConnection;
use crate::domain::contributions::{self as rules, ContributionStatus};
use crate::domain::ids::ContributionId;
use crate::domain::permissions::Action;
use crate::domain::validation::FieldErrors;
use crate::paths;
use crate::store::audit::{self, Entry};
use crate::store::contributions::{self, DraftContent};
use crate::store::processes::{self, Process};
use crate::store::references::{ReferenceKind, next_reference};
use crate::store::windows::SubmissionWindow;
use crate::store::{accounts, attachments, campaigns, search};

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

/// The writing form posted by its author, signed in or whose session has just timed out (the
/// web layer then asks only for a draft). Text that cannot be saved is `Invalid`.
pub fn post(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    posting: &Posting,
) -> Result<Posted> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    // Someone else's draft is not found, whoever asks; then the role is checked.
    if let Some(id) = posting.draft_id {
        own_contribution(conn, &process, id, person.account_id)?;
    }
    let actor = app::actor_in(conn, Some(person), process.id)?;
    app::require(&actor, Action::SubmitContribution)?;
    write(conn, process, person.account_id, posting)
}

/// Saves a posted form for `account_id`, who may submit in `process`: the writes of `post`
/// and of autosaving.
pub(super) fn write(
    conn: &mut DbConnection,
    process: Process,
    account_id: i64,
    posting: &Posting,
) -> Result<Posted> {
    let structure = processes::structure_of(conn, process.id)?;
    let existing = match posting.draft_id {
        None => None,
        Some(id) => match written_over(conn, &process, id, account_id)? {
            WrittenOver::Draft(id) => Some(id),
            WrittenOver::Submitted(location) => return Ok(Posted::Submitted { location }),
        },
    };
    let (content, errors) = draft_content(&posting.input, &structure);
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let (pdfs, file_errors) = pdfs_of(&posting.uploads);
    let organisation_id = accounts::account_by_id(conn, account_id)?
        .ok_or(Error::Forbidden)?
        .organisation_id;
    // Decided before writing, so that a submission is one transaction (one durable commit).
    let window = consultation_window(conn, process.id, account_id)?;
    let missing = submission_errors(&content);
    let save = Save {
        process: &process,
        account_id,
        organisation_id,
        existing,
        content: &content,
        pdfs: &pdfs,
        remove_files: &posting.input.remove_files,
        submit_now: posting.intent == Intent::Submit
            && file_errors.is_empty()
            && missing.is_empty()
            && window.is_open(),
    };
    let saved = app::transaction(conn, |conn| save.run(conn))?;
    if let Some(reference) = saved.reference {
        tracing::info!(contribution_id = i64::from(saved.id), %reference, "contribution submitted");
        let location = format!(
            "{}?notice=submitted",
            paths::contribution(&process.slug, &reference)
        );
        return Ok(Posted::Submitted { location });
    }
    let files = attachments::files_of(conn, &[saved.id])?;
    let (errors, message) = kept_because(posting.intent, file_errors, missing, window);
    let form = WritingForm {
        process,
        structure,
        files,
        window_open: window.is_open(),
    };
    Ok(Posted::Drafted(Box::new(Drafted {
        id: saved.id,
        form,
        errors,
        message,
    })))
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
fn pdfs_of(uploads: &[Upload]) -> (Vec<(&str, &[u8])>, FieldErrors) {
    let mut errors = FieldErrors::default();
    let mut pdfs = Vec::new();
    for upload in uploads {
        match upload {
            Upload::Pdf { file_name, content } => pdfs.push((file_name.as_str(), &content[..])),
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

/// The writes of one posted form, decided beforehand.
struct Save<'a> {
    process: &'a Process,
    account_id: i64,
    organisation_id: Option<i64>,
    existing: Option<ContributionId>,
    content: &'a DraftContent,
    pdfs: &'a [(&'a str, &'a [u8])],
    remove_files: &'a [String],
    submit_now: bool,
}

/// The draft as saved, with its reference if it is now submitted.
struct Saved {
    id: ContributionId,
    reference: Option<String>,
}

impl Save<'_> {
    /// Runs inside the form's one write transaction.
    fn run(&self, conn: &mut DbConnection) -> Result<Saved> {
        let id = match self.existing {
            Some(id) => {
                // Checked again under the write lock: a second tab submitting the same draft
                // at the same moment finds it submitted and does not submit it twice.
                let current =
                    contributions::contribution_by_id(conn, id)?.ok_or(Error::NotFound)?;
                if current.status() != ContributionStatus::Draft {
                    let reference = current.reference;
                    return Ok(Saved { id, reference });
                }
                contributions::update_draft(conn, id, self.content)?;
                id
            }
            None => contributions::create_draft(
                conn,
                self.process.id,
                self.account_id,
                self.organisation_id,
                self.content,
            )?,
        };
        for (file_name, content) in self.pdfs {
            let sha = hex(&Sha256::digest(content));
            let stored = attachments::store_content(conn, &sha, content)?;
            attachments::attach(conn, id, stored, file_name)?;
        }
        for link in self
            .remove_files
            .iter()
            .filter_map(|l| l.parse::<i64>().ok())
        {
            attachments::detach(conn, id, link)?;
        }
        let reference = match self.submit_now {
            true => Some(self.submit(conn, id)?),
            false => None,
        };
        Ok(Saved { id, reference })
    }

    /// Numbers the draft, makes it public with its receipt's hash, and records it.
    fn submit(&self, conn: &mut DbConnection, id: ContributionId) -> Result<String> {
        let process = self.process;
        let reference = next_reference(
            conn,
            process.id,
            &process.reference_prefix,
            ReferenceKind::Contribution,
        )?;
        let content = self.content;
        let hash = rules::content_hash(&content.title, &content.body);
        let search_text = search::search_text([content.title.as_str(), &content.body]);
        let now = crate::store::now();
        contributions::mark_submitted(conn, id, &reference, &hash, &search_text, now)?;
        campaigns::record(conn, process.id, id, &content.title, &content.body)?;
        audit::record(
            conn,
            Entry {
                actor_id: Some(self.account_id),
                process_id: Some(process.id),
                action: "contribution.submit",
                subject: format!("contribution:{reference}"),
                detail: serde_json::json!({ "sha256": hash, "contribution_id": id }),
            },
        )?;
        Ok(reference)
    }
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
        let (pdfs, file_errors) = pdfs_of(&uploads);
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
