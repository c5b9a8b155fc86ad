//! The proposals of a group most alike a given one, as the queue and the review page show
//! them beside it.

use crate::domain::ids::ProposalId;
use crate::domain::proposals::ProposalStatus;
use crate::domain::proposals::similarity::{Shingles, most_similar};
use crate::store::review::queue::Candidate;

/// A proposal found alike.
#[derive(Debug, Clone)]
pub struct SimilarView {
    pub reference: String,
    pub title: String,
    pub status: ProposalStatus,
    pub percent: u32,
}

/// Below this, two proposals share little more than common phrases.
const SIMILARITY_THRESHOLD: f64 = 0.15;

/// For each of `ids`, the `limit` proposals of the group most alike it. Withdrawn proposals
/// are compared but never proposed as alike.
pub fn similar_to(
    ids: &[ProposalId],
    candidates: &[Candidate],
    limit: usize,
) -> Vec<(ProposalId, Vec<SimilarView>)> {
    let shingled: Vec<(ProposalId, Shingles)> = candidates
        .iter()
        .map(|c| (c.id, Shingles::of(&c.search_text)))
        .collect();
    let pool: Vec<(ProposalId, Shingles)> = shingled
        .iter()
        .zip(candidates)
        .filter(|(_, c)| c.status() != ProposalStatus::Withdrawn)
        .map(|(s, _)| s.clone())
        .collect();
    ids.iter()
        .map(|id| {
            let found = match shingled.iter().find(|(of, _)| of == id) {
                Some((_, subject)) => {
                    most_similar(*id, subject, &pool, SIMILARITY_THRESHOLD, limit)
                }
                None => Vec::new(),
            };
            let views = found
                .iter()
                .filter_map(|s| {
                    let c = candidates.iter().find(|c| c.id == s.id)?;
                    Some(SimilarView {
                        reference: c.reference.clone().unwrap_or_default(),
                        title: c.title.clone(),
                        status: c.status(),
                        percent: s.percent(),
                    })
                })
                .collect();
            (*id, views)
        })
        .collect()
}
