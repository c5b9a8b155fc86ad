//! The proposals of a group most alike a given one, as the queue and the review page show
//! them beside it.
//!
//! A proposal is compared with its group once its text is fixed: after it is submitted (see
//! [`compare_submitted`]), or when a page first shows it without that comparison (proposals
//! submitted before comparisons were kept, or whose comparison was lost with a restart).
//! What was found is stored (`store::review::similarities`), so a page reads it by index
//! instead of comparing a page of proposals with thousands of texts on every request.

use crate::app::{Error, Result};
use crate::db::DbConnection;
use crate::domain::ids::ProposalId;
use crate::domain::proposals::ProposalStatus;
use crate::domain::proposals::similarity::{Shingles, Similar, most_similar, near_identical};
use crate::store::review::queue::similarity_candidates;
use crate::store::review::similarities::{self, Pair};

/// A proposal found alike.
#[derive(Debug, Clone)]
pub struct SimilarView {
    pub reference: String,
    pub title: String,
    pub status: ProposalStatus,
    pub percent: u32,
    /// The same text with a word or two changed (`similarity::near_identical`).
    pub near_identical: bool,
}

/// Below this, two proposals share little more than common phrases.
const SIMILARITY_THRESHOLD: f64 = 0.15;

/// For each of `ids` (proposals of the group `group_id`), the `limit` proposals of the group
/// most alike it. Withdrawn proposals are compared but never proposed as alike. Compares
/// first those of `ids` not compared yet.
pub fn similar_to(
    conn: &mut DbConnection,
    group_id: i64,
    ids: &[ProposalId],
    limit: usize,
) -> Result<Vec<(ProposalId, Vec<SimilarView>)>> {
    let compared = similarities::compared(conn, ids)?;
    let missing: Vec<ProposalId> = ids
        .iter()
        .copied()
        .filter(|id| !compared.contains(id))
        .collect();
    if !missing.is_empty() {
        compare(conn, group_id, &missing)?;
    }
    let mut stored = similarities::alike_of(conn, ids)?;
    Ok(ids
        .iter()
        .map(|id| {
            let views = stored
                .iter_mut()
                .filter(|(of, _)| of == id)
                .take(limit)
                .map(|(_, alike)| SimilarView {
                    percent: Similar {
                        id: alike.id,
                        score: alike.score(),
                    }
                    .percent(),
                    near_identical: near_identical(alike.score()),
                    reference: alike.reference.take().unwrap_or_default(),
                    title: std::mem::take(&mut alike.title),
                    status: alike.status,
                })
                .collect();
            (*id, views)
        })
        .collect())
}

/// Compares a proposal just submitted (or submitted again) with its group, so that pages
/// find it alike others, and others alike it, without comparing it themselves.
pub fn compare_submitted(conn: &mut DbConnection, id: ProposalId) -> Result<()> {
    let group_id = crate::store::proposals::group_of(conn, id)?.ok_or(Error::NotFound)?;
    compare(conn, group_id, &[id])
}

/// Compares `subjects` with the group's candidates (`similarity_candidates`) and stores what
/// was found, in one write transaction.
fn compare(conn: &mut DbConnection, group_id: i64, subjects: &[ProposalId]) -> Result<()> {
    let candidates = similarity_candidates(conn, group_id, subjects)?;
    let shingled: Vec<(ProposalId, Shingles)> = candidates
        .iter()
        .map(|c| (c.id, Shingles::of(&c.search_text)))
        .collect();
    let pool: Vec<(ProposalId, Shingles)> = shingled
        .iter()
        .zip(&candidates)
        .filter(|(_, c)| c.status() != ProposalStatus::Withdrawn)
        .map(|(s, _)| s.clone())
        .collect();
    // A subject the candidates do not hold (a draft, another group's) is compared with
    // nothing, and recorded so: it is not compared again on every page.
    let pairs: Vec<Pair> = subjects
        .iter()
        .filter_map(|id| shingled.iter().find(|(of, _)| of == id))
        .flat_map(|(id, subject)| {
            most_similar(
                *id,
                subject,
                &pool,
                SIMILARITY_THRESHOLD,
                usize::try_from(similarities::KEPT).unwrap_or(usize::MAX),
            )
            .into_iter()
            .map(|found| Pair {
                proposal: *id,
                similar: found.id,
                score: found.score,
            })
        })
        .collect();
    let now = crate::store::now();
    crate::app::transaction(conn, |conn| {
        Ok(similarities::record(conn, subjects, &pairs, now)?)
    })
}
