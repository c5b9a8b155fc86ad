//! What the read-only JSON API shows: processes, their datasets a page at a time, and
//! published revisions. Only public rows are read; shaping them as JSON is the web layer's.

use super::opendata::Dataset;
use super::{Error, Result};
use crate::db::DbConnection;
use crate::domain::documents::Content;
use crate::domain::ids::{ContributionId, ProposalId};
use crate::store::documents::{self, Document, Revision, RevisionSummary};
use crate::store::opendata::events::EventRecord;
use crate::store::opendata::{self, ContributionRecord, ProposalRecord};
use crate::store::processes::{self, Process, Structure};

fn process(conn: &mut DbConnection, slug: &str) -> Result<Process> {
    processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)
}

/// A process with its structure and its documents (each with its latest revision, if any).
pub struct ProcessSummary {
    pub process: Process,
    pub structure: Structure,
    pub documents: Vec<(Document, Option<RevisionSummary>)>,
}

pub fn process_summary(conn: &mut DbConnection, slug: &str) -> Result<ProcessSummary> {
    let process = process(conn, slug)?;
    let structure = crate::app::outline::structure(conn, &process)?;
    let documents = documents::documents_with_latest_revision(conn, process.id)?;
    Ok(ProcessSummary {
        process,
        structure,
        documents,
    })
}

/// The records of one page of a dataset.
pub enum Records {
    Contributions(Vec<ContributionRecord>),
    Proposals(Vec<ProposalRecord>),
    Events(Vec<EventRecord>),
}

/// Up to `limit` records after the one with id `after`, and the id of the last one read
/// (the cursor of the next page), if any.
pub struct DatasetPage {
    pub process: Process,
    pub records: Records,
    pub last: Option<i64>,
}

pub fn dataset_page(
    conn: &mut DbConnection,
    slug: &str,
    dataset: Dataset,
    after: i64,
    limit: i64,
) -> Result<DatasetPage> {
    let process = process(conn, slug)?;
    let (records, last) = match dataset {
        Dataset::Contributions => {
            let mut records = Vec::new();
            let after = ContributionId(after);
            let last = opendata::contributions_after(conn, process.id, after, limit, &mut records)?;
            (Records::Contributions(records), last.map(i64::from))
        }
        Dataset::Proposals => {
            let mut records = Vec::new();
            let after = ProposalId(after);
            let last = opendata::proposals_after(conn, process.id, after, limit, &mut records)?;
            (Records::Proposals(records), last.map(i64::from))
        }
        Dataset::Events => {
            let mut records = Vec::new();
            let last =
                opendata::events::events_after(conn, process.id, after, limit, &mut records)?;
            (Records::Events(records), last)
        }
    };
    Ok(DatasetPage {
        process,
        records,
        last,
    })
}

/// The published revisions of a document; a document never published is `NotFound`.
pub fn published_revisions(
    conn: &mut DbConnection,
    slug: &str,
    document_slug: &str,
) -> Result<(Process, Document, Vec<RevisionSummary>)> {
    let process = process(conn, slug)?;
    let document =
        documents::document_by_slug(conn, process.id, document_slug)?.ok_or(Error::NotFound)?;
    let revisions = documents::revisions_of(conn, document.id)?;
    if revisions.is_empty() {
        return Err(Error::NotFound);
    }
    Ok((process, document, revisions))
}

/// One published revision with its content.
pub fn published_revision(
    conn: &mut DbConnection,
    slug: &str,
    document_slug: &str,
    revision_slug: &str,
) -> Result<(Document, Revision, Content)> {
    let process = process(conn, slug)?;
    let document =
        documents::document_by_slug(conn, process.id, document_slug)?.ok_or(Error::NotFound)?;
    let revision =
        documents::revision_by_slug(conn, document.id, revision_slug)?.ok_or(Error::NotFound)?;
    let content = revision
        .content()
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("unreadable revision {}", revision.id)))?;
    Ok((document, revision, content))
}
