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
                contributions::update_draft(conn, id, &self.content)?;
                id
            }
            None => contributions::create_draft(
                conn,
                self.process.id,
                self.account_id,
                self.organisation_id,
                &self.content,
            )?,
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
        let reference = match self.submit_now {
            true => Some(self.submit(conn, id)?),
            false => None,
        };
        Ok(Saved { id, reference })
    }

    /// Numbers the draft, makes it public with its receipt's hash, and records it.
    fn submit(&self, conn: &mut DbConnection, id: ContributionId) -> Result<String> {
        let process = &self.process;
        let reference = next_reference(
            conn,
            process.id,
            &process.reference_prefix,
            ReferenceKind::Contribution,
        )?;
        let content = &self.content;
        let hash = rules::content_hash(&content.title, &content.body);
        let now = crate::store::now();
        contributions::mark_submitted(conn, id, &reference, &hash, now)?;
        campaigns::record_one(conn, process.id, id, &content.title, &content.body)?;
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
