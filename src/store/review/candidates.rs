//! The proposals of a group that similarity compares a page of the review queue (or one
//! proposal under review) with: a bounded pool, whatever the group holds.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::proposals;
use crate::domain::ids::ProposalId;
use crate::domain::proposals::ProposalStatus;

/// A proposal of the group as similarity sees it: its lower-cased search text.
#[derive(Debug, Clone, Queryable)]
pub struct Candidate {
    pub id: ProposalId,
    pub reference: Option<String>,
    pub title: String,
    pub status: ProposalStatus,
    pub search_text: String,
}

impl Candidate {
    pub fn status(&self) -> ProposalStatus {
        self.status
    }
}

/// Of each status, the group's most recently submitted this many are compared with a page:
/// a bound, so the queue does not read every text of a large group on every request.
pub const SIMILARITY_POOL: i64 = 400;

/// The proposals a page's `subjects` are compared with: the subjects themselves and, of each
/// public status a duplicate could have (withdrawn ones are gone from the discussion), the
/// group's `SIMILARITY_POOL` most recently submitted, read from the group's index. A fixed
/// number of queries.
pub fn similarity_candidates(
    conn: &mut DbConnection,
    group_id: i64,
    subjects: &[ProposalId],
) -> QueryResult<Vec<Candidate>> {
    let statuses: Vec<ProposalStatus> = ProposalStatus::PUBLIC
        .iter()
        .copied()
        .filter(|s| *s != ProposalStatus::Withdrawn)
        .collect();
    let mut candidates: Vec<Candidate> = proposals::table
        .filter(proposals::group_id.eq(group_id))
        .filter(proposals::status.eq_any(&statuses))
        .filter(proposals::id.eq_any(subjects))
        .select(CANDIDATE)
        .load(conn)?;
    for status in statuses {
        let recent: Vec<Candidate> = proposals::table
            .filter(proposals::group_id.eq(group_id))
            .filter(proposals::status.eq(status))
            .order((proposals::submitted_at.desc(), proposals::id.desc()))
            .limit(SIMILARITY_POOL)
            .select(CANDIDATE)
            .load(conn)?;
        candidates.extend(recent.into_iter().filter(|c| !subjects.contains(&c.id)));
    }
    Ok(candidates)
}

const CANDIDATE: (
    proposals::id,
    proposals::reference,
    proposals::title,
    proposals::status,
    proposals::search_text,
) = (
    proposals::id,
    proposals::reference,
    proposals::title,
    proposals::status,
    proposals::search_text,
);
