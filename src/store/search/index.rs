//! Keeping the search index: one row's entry written, replaced or removed inside the caller's
//! write transaction, whenever what the public may read of it changes.
//!
//! A contribution is searchable while submitted or withdrawn (a withdrawn one stays readable,
//! marked withdrawn); a hidden one's text is gone from the index, so its words no longer find
//! its tombstone. A campaign's copies are not indexed: the campaign is found through the copy
//! the lists show it by, which carries its entry. Searches never showed the other copies, but
//! a search walked past each of them: after 100,000 letters, every word of the letter meant
//! 100,000 rows read to find none. A proposal is searchable once submitted, whatever its
//! state after (every state but the draft is public), by the text of its current version.
//!
//! In a batch of SQLite's group commit ([`IndexAtBatchEnd`]) the entries wait for the batch's
//! end and are written together, after every other write of it. FTS5 writes what it holds to
//! disk as a new segment whenever a later statement of the transaction opens a savepoint, so
//! written as each job goes, every submission became a segment of its own, and merging those
//! back together cost more than the rest of the submission (about 1.1M of 3.9M instructions).

use std::cell::RefCell;

use diesel::prelude::*;
use diesel::result::Error as DieselError;

use super::{Searchable, fold, ranked, syntax};
use crate::db::DbConnection;
use crate::db::cached::Statement;
use crate::db::schema::{contributions, organisations, proposal_versions, proposals};
use crate::db::writer::BatchEnd;
use crate::domain::contributions::ContributionStatus;
use crate::domain::ids::{ContributionId, ProposalId};
use crate::domain::proposals::ProposalStatus;
use crate::store::proposals::versions::VersionText;

/// The contribution states whose text anyone may read, and so search.
pub const SEARCHABLE_CONTRIBUTIONS: [ContributionStatus; 2] =
    [ContributionStatus::Submitted, ContributionStatus::Withdrawn];

/// What one row is searched by, folded into tokens: its title (weighted highest), its body,
/// and its meta (reference number and organisation's name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub title: Vec<String>,
    pub body: Vec<String>,
    pub meta: Vec<String>,
}

impl Document {
    pub fn of<'a>(
        title: &str,
        body: impl IntoIterator<Item = &'a str>,
        meta: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let fold_all = |parts: &mut dyn Iterator<Item = &'a str>| -> Vec<String> {
            parts.flat_map(fold::index_tokens).collect()
        };
        Document {
            title: fold::index_tokens(title),
            body: fold_all(&mut body.into_iter()),
            meta: fold_all(&mut meta.into_iter()),
        }
    }

    /// A proposal's document: the title, every other field as the body.
    pub fn of_proposal(text: &VersionText, reference: Option<&str>, org: Option<&str>) -> Self {
        let body = [
            text.commitment.as_str(),
            &text.actionable_measures,
            &text.partnerships,
            &text.capacity_building,
            &text.financing,
            &text.data,
            &text.responsible_actors,
            &text.sdg_targets,
            &text.timeline,
            &text.indicators,
        ];
        Self::of(&text.title, body, reference.into_iter().chain(org))
    }
}

/// Writes (or replaces) the entry of row `id` of `table`, in process `process_id`: its
/// full-text entry and its place in the impact-ordered lists.
pub fn write(
    conn: &mut DbConnection,
    table: Searchable,
    process_id: i64,
    id: i64,
    doc: &Document,
) -> QueryResult<()> {
    remove(conn, table, id)?;
    insert(conn, table, id, doc)?;
    in_lists(conn, ListChange::Enter(table, process_id, id, doc.clone()))
}

/// Adds the full-text entry of row `id`, which must have none (a rebuild, after emptying the
/// index: it builds the lists itself).
pub fn insert(
    conn: &mut DbConnection,
    table: Searchable,
    id: i64,
    doc: &Document,
) -> QueryResult<()> {
    let index = table.index();
    let statement = match conn {
        DbConnection::Sqlite(_) => Statement::new(format!(
            "INSERT INTO {index} (rowid, title, body, meta) VALUES ("
        ))
        .int(id)
        .sql(", ")
        .text(doc.title.join(" "))
        .sql(", ")
        .text(doc.body.join(" "))
        .sql(", ")
        .text(doc.meta.join(" "))
        .sql(")"),
        DbConnection::Postgresql(_) => {
            let vector = syntax::tsvector(&[(&doc.title, 'A'), (&doc.meta, 'B'), (&doc.body, 'D')]);
            Statement::new(format!("INSERT INTO {index} (id, vector) VALUES ("))
                .int(id)
                .sql(", ")
                .text(vector)
                .sql("::tsvector)")
        }
    };
    statement.execute(conn).map(drop)
}

/// Removes the entry of row `id` of `table`, if it has one, and its place in the lists.
pub fn remove(conn: &mut DbConnection, table: Searchable, id: i64) -> QueryResult<()> {
    let index = table.index();
    let key = match conn {
        DbConnection::Sqlite(_) => "rowid",
        DbConnection::Postgresql(_) => "id",
    };
    Statement::new(format!("DELETE FROM {index} WHERE {key} = "))
        .int(id)
        .execute(conn)?;
    in_lists(conn, ListChange::Leave(table, id))
}

/// A change to the impact-ordered lists ([`ranked`]) that goes with a full-text entry's.
#[derive(Debug, Clone)]
enum ListChange {
    Leave(Searchable, i64),
    Enter(Searchable, i64, i64, Document),
}

impl ListChange {
    fn apply(self, conn: &mut DbConnection) -> QueryResult<()> {
        match self {
            ListChange::Leave(table, id) => ranked::leave(conn, table, id),
            ListChange::Enter(table, process_id, id, doc) => {
                ranked::enter(conn, table, process_id, id, &doc)
            }
        }
    }
}

/// Makes `change` now, or, in a batch's end, after every full-text entry of the batch: any
/// other write between two entries makes FTS5 write out the first as a segment of its own.
fn in_lists(conn: &mut DbConnection, change: ListChange) -> QueryResult<()> {
    let change = LISTS.with_borrow_mut(|waiting| match waiting {
        Some(list) => {
            list.push(change);
            None
        }
        None => Some(change),
    });
    match change {
        Some(change) => change.apply(conn),
        None => Ok(()),
    }
}

/// A contribution's process, title, body, reference, organisation's name, state, and whether
/// it is a campaign's copy shown through another.
type ContributionText = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    ContributionStatus,
    bool,
);

/// An entry to bring in line with its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Due {
    Contribution(ContributionId),
    Proposal(ProposalId),
}

thread_local! {
    /// The entries due at the end of the batch running on this thread, if one is.
    static DUE: RefCell<Option<Vec<Due>>> = const { RefCell::new(None) };
    /// The list changes of the batch's entries, while they are being written.
    static LISTS: RefCell<Option<Vec<ListChange>>> = const { RefCell::new(None) };
}

/// Whether `due` was put off to the end of the batch running on this thread.
fn put_off(due: Due) -> bool {
    DUE.with_borrow_mut(|waiting| match waiting {
        Some(list) => {
            list.push(due);
            true
        }
        None => false,
    })
}

/// The search index's part in a batch of the group commit: the jobs' entries are brought in
/// line once each, at the batch's end, and their lists' changes after all of them. Each row
/// is read again then, so an entry put off by a job that failed (its savepoint undone) simply
/// matches its row as the batch leaves it.
pub struct IndexAtBatchEnd;

impl BatchEnd for IndexAtBatchEnd {
    fn open(&self) {
        DUE.set(Some(Vec::new()));
    }

    fn close(&self, conn: &mut DbConnection) -> Result<(), DieselError> {
        let mut due = DUE.take().unwrap_or_default();
        due.sort_unstable();
        due.dedup();
        LISTS.set(Some(Vec::new()));
        let written = due.into_iter().try_for_each(|entry| match entry {
            Due::Contribution(id) => sync_contribution_now(conn, id),
            Due::Proposal(id) => sync_proposal_now(conn, id),
        });
        let changes = LISTS.take().unwrap_or_default();
        written?;
        if changes.is_empty() {
            return Ok(());
        }
        ranked::with_known_thresholds(conn, |conn| {
            changes
                .into_iter()
                .try_for_each(|change| change.apply(conn))
        })
    }
}

/// Brings a contribution's entry in line with its state: indexed while its text is public and
/// it is not a campaign's copy listed through another, absent otherwise. Call in the
/// transaction that changed it.
pub fn sync_contribution(conn: &mut DbConnection, id: ContributionId) -> QueryResult<()> {
    match put_off(Due::Contribution(id)) {
        true => Ok(()),
        false => sync_contribution_now(conn, id),
    }
}

fn sync_contribution_now(conn: &mut DbConnection, id: ContributionId) -> QueryResult<()> {
    let row: Option<ContributionText> = contributions::table
        .left_join(organisations::table)
        .filter(contributions::id.eq(id))
        .select((
            contributions::process_id,
            contributions::title,
            contributions::body,
            contributions::reference,
            organisations::name.nullable(),
            contributions::status,
            contributions::campaign_copy,
        ))
        .first(conn)
        .optional()?;
    match row {
        Some((process_id, title, body, reference, org, status, false))
            if SEARCHABLE_CONTRIBUTIONS.contains(&status) =>
        {
            let doc = Document::of(
                &title,
                [body.as_str()],
                reference.iter().chain(&org).map(String::as_str),
            );
            write(conn, Searchable::Contributions, process_id, id.into(), &doc)
        }
        _ => remove(conn, Searchable::Contributions, id.into()),
    }
}

/// Brings a proposal's entry in line with its current version and state. Call in the
/// transaction that submitted, revised or withdrew it.
pub fn sync_proposal(conn: &mut DbConnection, id: ProposalId) -> QueryResult<()> {
    match put_off(Due::Proposal(id)) {
        true => Ok(()),
        false => sync_proposal_now(conn, id),
    }
}

/// A proposal's process, reference, organisation's name, state and current text.
type ProposalText = (
    i64,
    Option<String>,
    Option<String>,
    ProposalStatus,
    VersionText,
);

fn sync_proposal_now(conn: &mut DbConnection, id: ProposalId) -> QueryResult<()> {
    let row: Option<ProposalText> = proposals::table
        .inner_join(
            proposal_versions::table.on(proposal_versions::proposal_id
                .eq(proposals::id)
                .and(proposal_versions::number.eq(proposals::current_version))),
        )
        .left_join(organisations::table)
        .filter(proposals::id.eq(id))
        .select((
            proposals::process_id,
            proposals::reference,
            organisations::name.nullable(),
            proposals::status,
            VersionText::as_select(),
        ))
        .first(conn)
        .optional()?;
    match row {
        Some((process_id, reference, org, status, text)) if status != ProposalStatus::Draft => {
            let doc = Document::of_proposal(&text, reference.as_deref(), org.as_deref());
            write(conn, Searchable::Proposals, process_id, id.into(), &doc)
        }
        _ => remove(conn, Searchable::Proposals, id.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_folds_its_fields_apart() {
        let doc = Document::of("Mobilité", ["Le travail", "décent"], ["GCM/WC/0043", "ONG"]);
        assert_eq!(doc.title, ["mobilite"]);
        assert_eq!(doc.body, ["le", "travail", "decent"]);
        assert_eq!(doc.meta, ["gcm", "wc", "0043", "ong"]);
    }
}
