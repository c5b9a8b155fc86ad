//! How alike proposals read, kept pair by pair: each proposal is compared with its group once
//! its text is fixed (on submission, or when first shown if that comparison is missing), and
//! every pair found alike is stored in both directions. A review page then reads each
//! proposal's closest ones by index, whatever the size of the group.
//!
//! What counts as alike is decided by `domain::proposals::similarity`; nothing here compares
//! texts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::cached::any_of;
use crate::db::schema::{proposal_similarities, proposal_similarity_state, proposals};
use crate::domain::ids::ProposalId;
use crate::domain::proposals::ProposalStatus;

/// Scores are stored in ten-thousandths: exact to the percentage people see.
const SCALE: f64 = 10_000.0;

/// The most alike proposals each proposal keeps (pages show at most five): a comparison
/// finds at most this many, and a proposal found alike by others drops its weakest beyond.
pub const KEPT: i64 = 20;

/// A pair found alike: `proposal` reads `score` (0 to 1) like `similar`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub proposal: ProposalId,
    pub similar: ProposalId,
    pub score: f64,
}

/// A stored proposal alike another, as a review page shows it.
#[derive(Debug, Clone, Queryable)]
pub struct Alike {
    pub id: ProposalId,
    pub reference: Option<String>,
    pub title: String,
    pub status: ProposalStatus,
    score: i32,
}

impl Alike {
    /// How alike, from 0 to 1.
    pub fn score(&self) -> f64 {
        f64::from(self.score) / SCALE
    }
}

/// Of `ids`, those already compared with their group since their text last changed.
pub fn compared(conn: &mut DbConnection, ids: &[ProposalId]) -> QueryResult<Vec<ProposalId>> {
    let found: Vec<i64> = proposal_similarity_state::table
        .filter(any_of(
            proposal_similarity_state::proposal_id,
            ids.iter().map(|id| id.0),
        ))
        .select(proposal_similarity_state::proposal_id)
        .load(conn)?;
    Ok(found.into_iter().map(ProposalId).collect())
}

/// Records that `subjects` were compared with their group at `now`, and the pairs found
/// (each stored both ways), replacing every pair the subjects had: a subject's pairs are
/// what its latest comparison found. Call inside a write transaction.
pub fn record(
    conn: &mut DbConnection,
    subjects: &[ProposalId],
    pairs: &[Pair],
    now: NaiveDateTime,
) -> QueryResult<()> {
    let ids: Vec<i64> = subjects.iter().map(|id| id.0).collect();
    forget_all(conn, &ids)?;
    let mut rows: Vec<(i64, i64, i32)> = pairs
        .iter()
        .flat_map(|p| {
            let score = (p.score * SCALE).round() as i32;
            [
                (p.proposal.0, p.similar.0, score),
                (p.similar.0, p.proposal.0, score),
            ]
        })
        .collect();
    // Two subjects of one comparison find each other twice.
    rows.sort_unstable();
    rows.dedup_by_key(|(a, b, _)| (*a, *b));
    for chunk in rows.chunks(500) {
        let values: Vec<_> = chunk
            .iter()
            .map(|(a, b, score)| {
                (
                    proposal_similarities::proposal_id.eq(*a),
                    proposal_similarities::similar_id.eq(*b),
                    proposal_similarities::score.eq(*score),
                )
            })
            .collect();
        // Many rows in one statement is each backend's own: run it on the backend's
        // connection. A pair already there was stored by a comparison running at the same
        // time (after a submission, and on a page): of the same texts, so the same score.
        match conn {
            DbConnection::Postgresql(pg) => diesel::insert_into(proposal_similarities::table)
                .values(values)
                .on_conflict_do_nothing()
                .execute(pg)?,
            DbConnection::Sqlite(lite) => {
                diesel::insert_or_ignore_into(proposal_similarities::table)
                    .values(values)
                    .execute(lite)?
            }
        };
    }
    // The other side of each pair gained one: it keeps its closest `KEPT`.
    let mut others: Vec<i64> = rows.iter().map(|(a, _, _)| *a).collect();
    others.sort_unstable();
    others.dedup();
    for other in others.into_iter().filter(|o| !ids.contains(o)) {
        keep_closest(conn, other)?;
    }
    let states: Vec<_> = ids
        .iter()
        .map(|id| {
            (
                proposal_similarity_state::proposal_id.eq(*id),
                proposal_similarity_state::compared_at.eq(now),
            )
        })
        .collect();
    match conn {
        DbConnection::Postgresql(pg) => diesel::insert_into(proposal_similarity_state::table)
            .values(states)
            .on_conflict_do_nothing()
            .execute(pg)?,
        DbConnection::Sqlite(lite) => {
            diesel::insert_or_ignore_into(proposal_similarity_state::table)
                .values(states)
                .execute(lite)?
        }
    };
    Ok(())
}

/// Drops the pairs of `id` beyond its closest [`KEPT`].
fn keep_closest(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    let kept = proposal_similarities::table
        .filter(proposal_similarities::proposal_id.eq(id))
        .order((
            proposal_similarities::score.desc(),
            proposal_similarities::similar_id,
        ))
        .limit(KEPT)
        .select(proposal_similarities::similar_id)
        .load::<i64>(conn)?;
    diesel::delete(
        proposal_similarities::table
            .filter(proposal_similarities::proposal_id.eq(id))
            .filter(proposal_similarities::similar_id.ne_all(kept)),
    )
    .execute(conn)?;
    Ok(())
}

/// Forgets what was found alike `id` (its text changed): it is compared again.
pub fn forget(conn: &mut DbConnection, id: ProposalId) -> QueryResult<()> {
    forget_all(conn, &[id.0])
}

fn forget_all(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<()> {
    diesel::delete(
        proposal_similarities::table.filter(
            proposal_similarities::proposal_id
                .eq_any(ids)
                .or(proposal_similarities::similar_id.eq_any(ids)),
        ),
    )
    .execute(conn)?;
    diesel::delete(
        proposal_similarity_state::table.filter(proposal_similarity_state::proposal_id.eq_any(ids)),
    )
    .execute(conn)?;
    Ok(())
}

/// Of each of `ids`, the stored proposals alike it, most alike first, never a withdrawn
/// one: one query for a page, whatever the size of the group (each proposal keeps at most
/// [`KEPT`] pairs).
pub fn alike_of(
    conn: &mut DbConnection,
    ids: &[ProposalId],
) -> QueryResult<Vec<(ProposalId, Alike)>> {
    let rows: Vec<(i64, Alike)> = proposal_similarities::table
        .inner_join(proposals::table)
        .filter(any_of(
            proposal_similarities::proposal_id,
            ids.iter().map(|id| id.0),
        ))
        .filter(proposals::status.ne(ProposalStatus::Withdrawn))
        .filter(proposals::status.ne(ProposalStatus::Draft))
        .order((
            proposal_similarities::proposal_id,
            proposal_similarities::score.desc(),
            proposal_similarities::similar_id,
        ))
        .select((
            proposal_similarities::proposal_id,
            (
                proposals::id,
                proposals::reference,
                proposals::title,
                proposals::status,
                proposal_similarities::score,
            ),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, alike)| (ProposalId(id), alike))
        .collect())
}
