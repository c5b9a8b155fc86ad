//! The write of a posted form, decided beforehand on the pool and run where writes run: the
//! writer's batch (SQLite's group commit) for a form posted from the page, or the same
//! connection for autosaving. It owns everything it writes, so that it can cross threads.

use sha2::{Digest, Sha256};

use crate::app::{self, Error, Result};
use crate::config::hex;
use crate::db::DbConnection;
use crate::domain::contributions::{self as rules, ContributionStatus};
use crate::domain::ids::ContributionId;
use crate::store::audit::{self, Entry};
use crate::store::contributions::{self, DraftContent};
use crate::store::processes::Process;
use crate::store::references::{ReferenceKind, next_reference};
use crate::store::{attachments, campaigns};

/// The writes of one posted form, decided beforehand.
#[derive(Debug)]
pub struct Save {
    pub(super) process: Process,
    pub(super) account_id: i64,
    pub(super) organisation_id: Option<i64>,
    pub(super) existing: Option<ContributionId>,
    pub(super) content: DraftContent,
    /// The PDFs sent: file name and content.
    pub(super) pdfs: Vec<(String, Vec<u8>)>,
    pub(super) remove_files: Vec<String>,
    pub(super) submit_now: bool,
}

/// The draft as saved, with its reference if it is now submitted.
#[derive(Debug)]
pub struct Saved {
    pub id: ContributionId,
    pub reference: Option<String>,
}

impl Save {
    /// Writes the form as one transaction (in a batch: one savepoint of the batch's). A
    /// submission is acknowledged only once this is committed with its reference and audit
    /// entry.
    pub fn run(self, conn: &mut DbConnection) -> Result<Saved> {
        app::transaction(conn, |conn| self.write(conn))
    }

    fn write(&self, conn: &mut DbConnection) -> Result<Saved> {
        let (id, numbered) = match self.existing {
            Some(id) => {
                // Checked again under the write lock: a second tab submitting the same draft
                // at the same moment finds it submitted and does not submit it twice.
                let current =
                    contributions::contribution_by_id(conn, id)?.ok_or(Error::NotFound)?;
                if current.status() != ContributionStatus::Draft {
                    let reference = current.reference;
                    return Ok(Saved { id, reference });
                }
                contributions::update_draft(conn, id, &self.content)?;
                (id, None)
            }
            // Submitted as it is first saved (most submissions): written once, numbered.
            None if self.submit_now => {
                let numbered = self.number(conn)?;
                let id = contributions::create_submitted(
                    conn,
                    &self.author(),
                    &self.content,
                    numbered.submission(),
                )?;
                (id, Some(numbered))
            }
            None => {
                let id = contributions::create_draft(
                    conn,
                    self.process.id,
                    self.account_id,
                    self.organisation_id,
                    &self.content,
                )?;
                (id, None)
            }
        };
        for (file_name, content) in &self.pdfs {
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
        let numbered = match (numbered, self.submit_now) {
            (Some(numbered), _) => Some(numbered),
            (None, true) => {
                let numbered = self.number(conn)?;
                contributions::mark_submitted(
                    conn,
                    id,
                    &numbered.reference,
                    &numbered.hash,
                    numbered.at,
                )?;
                Some(numbered)
            }
            (None, false) => None,
        };
        let reference = match numbered {
            Some(numbered) => Some(self.record(conn, id, numbered)?),
            None => None,
        };
        Ok(Saved { id, reference })
    }

    fn author(&self) -> contributions::Author {
        contributions::Author {
            process_id: self.process.id,
            author_id: self.account_id,
            organisation_id: self.organisation_id,
        }
    }

    /// The next reference of the process, and the hash of the text it is given to.
    fn number(&self, conn: &mut DbConnection) -> Result<Numbered> {
        let process = &self.process;
        let reference = next_reference(
            conn,
            process.id,
            &process.reference_prefix,
            ReferenceKind::Contribution,
        )?;
        Ok(Numbered {
            reference,
            hash: rules::content_hash(&self.content.title, &self.content.body),
            at: crate::store::now(),
        })
    }

    /// Files the submission with the copies of its text, and records it; its reference.
    fn record(
        &self,
        conn: &mut DbConnection,
        id: ContributionId,
        numbered: Numbered,
    ) -> Result<String> {
        let process = &self.process;
        let content = &self.content;
        campaigns::record_one(conn, process.id, id, &content.title, &content.body)?;
        let Numbered {
            reference, hash, ..
        } = numbered;
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

/// A submission's number, the hash of its text, and its time.
struct Numbered {
    reference: String,
    hash: String,
    at: chrono::NaiveDateTime,
}

impl Numbered {
    fn submission(&self) -> contributions::Submission<'_> {
        contributions::Submission {
            reference: &self.reference,
            content_hash: &self.hash,
            at: self.at,
        }
    }
}
