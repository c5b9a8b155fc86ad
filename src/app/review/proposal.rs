//! What the page of one proposal under review shows, in a fixed number of queries: the
//! version to decide on with its history, the proposals of the group most alike it, and the
//! internal notes with their replies.

use super::similar::{SimilarView, similar_to};
use super::{Reviewing, proposal_of_group, reviewing};
use crate::app::{Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::proposals::text::ProposalText;
use crate::store::proposals::ProposalHeader;
use crate::store::proposals::versions::{self, VersionHeader};
use crate::store::review::notes::{self, Note};
use crate::store::review::{self as store, DecisionRecord};

/// Beside the proposal under review, this many alike.
const SIMILAR_SHOWN: usize = 5;

pub struct ReviewView {
    pub reviewing: Reviewing,
    /// The process's structure, for its title in the reader's language.
    pub structure: crate::store::processes::Structure,
    pub header: ProposalHeader,
    pub text: ProposalText,
    pub history: Vec<VersionHeader>,
    pub decisions: Vec<DecisionRecord>,
    pub notes: Vec<Note>,
    pub similar: Vec<SimilarView>,
}

pub fn review(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    number: &str,
    reference: &str,
) -> Result<ReviewView> {
    let reviewing = reviewing(conn, person, slug, number)?;
    let header = proposal_of_group(conn, &reviewing, reference)?;
    let id = header.proposal.id;
    let current = versions::versions(conn, id, &[header.proposal.current_version])?
        .into_iter()
        .next()
        .ok_or(Error::NotFound)?;
    let history = versions::version_history(conn, id)?;
    let decisions = store::decisions_of(conn, &[id])?;
    let notes = notes::notes_of(conn, id)?;
    let similar = similar_to(conn, reviewing.group.id, &[id], SIMILAR_SHOWN)?
        .into_iter()
        .next()
        .map(|(_, views)| views)
        .unwrap_or_default();
    let structure = crate::app::outline::structure(conn, &reviewing.process)?;
    Ok(ReviewView {
        reviewing,
        structure,
        header,
        text: current.text.into(),
        history,
        decisions,
        notes,
        similar,
    })
}
