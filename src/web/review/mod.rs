//! The rapporteurs' review of a group's proposals: the queue (`queue`), one proposal under
//! review with its internal notes (`proposal`), decisions (`decide`) and notes (`notes`).
//!
//! The group's rapporteurs, moderators and the secretariat read the queue and write notes
//! (`Action::UseInternalNotes`); only the rapporteurs and the secretariat decide
//! (`Action::ReviewProposals`). Every request is checked here, whatever URL or form is sent:
//! a proposal named in the URL must belong to the group named there.

pub mod decide;
pub mod history;
pub mod notes;
pub mod proposal;
pub mod queue;

use actix_web::{Scope, web};

use crate::db::DbConnection;
use crate::domain::permissions::{Action, Actor, GroupId};
use crate::domain::proposals::ProposalStatus;
use crate::domain::proposals::reference_slug;
use crate::domain::proposals::similarity::{Shingles, most_similar};
use crate::store::processes::{self, ActionGroup, Process};
use crate::store::proposals::ProposalHeader;
use crate::store::review::queue::Candidate;
use crate::web::error::AppError;
use crate::web::processes::{load_process_for, require};
use crate::web::proposals::show::public_proposal;
use crate::web::session::Visitor;

/// The routes under `/p/{process}/groups/{number}/review`.
pub fn routes() -> Scope {
    web::scope("/p/{process}/groups/{number}/review")
        .service(queue::queue)
        .service(proposal::review_page)
        .service(decide::decide)
        .service(notes::add_note)
}

/// The queue of a group.
pub fn queue_path(process_slug: &str, group_number: i32) -> String {
    format!("/p/{process_slug}/groups/{group_number}/review")
}

/// One proposal under review.
pub fn review_path(process_slug: &str, group_number: i32, reference: &str) -> String {
    format!(
        "{}/{}",
        queue_path(process_slug, group_number),
        reference_slug(reference)
    )
}

/// The process and group a review URL names, and the visitor's standing; refused to anyone
/// who may not read the group's review.
pub struct Reviewing {
    pub process: Process,
    pub group: ActionGroup,
    pub actor: Actor,
}

impl Reviewing {
    pub fn group_id(&self) -> GroupId {
        GroupId(self.group.id)
    }

    pub fn may_decide(&self) -> bool {
        crate::domain::permissions::can(&self.actor, Action::ReviewProposals(self.group_id()))
    }
}

pub fn load_reviewing(
    conn: &mut DbConnection,
    slug: &str,
    number: &str,
    visitor: &Visitor,
) -> Result<Reviewing, AppError> {
    let (process, actor) = load_process_for(conn, slug, visitor)?;
    let number: i32 = number.parse().map_err(|_| AppError::NotFound)?;
    let group = processes::group_by_number(conn, process.id, number)?.ok_or(AppError::NotFound)?;
    require(&actor, Action::UseInternalNotes(GroupId(group.id)))?;
    Ok(Reviewing {
        process,
        group,
        actor,
    })
}

/// The public proposal a review URL names, which must belong to the group named there.
pub fn proposal_of_group(
    conn: &mut DbConnection,
    reviewing: &Reviewing,
    reference_in_url: &str,
) -> Result<ProposalHeader, AppError> {
    let header = public_proposal(conn, reviewing.process.id, reference_in_url)?;
    if header.proposal.group_id != reviewing.group.id {
        return Err(AppError::NotFound);
    }
    Ok(header)
}

/// A proposal found alike, as pages show it.
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
    ids: &[i64],
    candidates: &[Candidate],
    limit: usize,
) -> Vec<(i64, Vec<SimilarView>)> {
    let shingled: Vec<(i64, Shingles)> = candidates
        .iter()
        .map(|c| (c.id, Shingles::of(&c.search_text)))
        .collect();
    let pool: Vec<(i64, Shingles)> = shingled
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

#[cfg(test)]
mod tests {
    /// Every message key the review code makes exists in English.
    #[test]
    fn every_key_made_exists() {
        use crate::domain::notifications::Delivery;
        use crate::domain::proposals::ProposalStatus;
        use crate::domain::proposals::review::{DecisionKind, Refused};
        use crate::i18n::Lang;
        let mut keys: Vec<String> = Vec::new();
        for kind in DecisionKind::ALL {
            keys.push(kind.label_key());
            keys.push(kind.done_key());
            keys.push(format!("notifications-{}", kind.as_str()));
        }
        for delivery in Delivery::ALL {
            keys.push(delivery.label_key());
        }
        for kind in [DecisionKind::Merge, DecisionKind::Duplicate] {
            keys.push(format!("review-referrer-{}", kind.as_str()));
        }
        keys.push("notifications-decision".to_string());
        for refused in [
            Refused::NotSubmitted {
                status: ProposalStatus::Accepted,
            },
            Refused::StaleVersion {
                decided_on: 1,
                current: 2,
            },
            Refused::TargetRequired,
            Refused::TargetNotExpected,
            Refused::TargetIsItself,
            Refused::TargetInAnotherGroup,
            Refused::TargetNotEligible {
                status: ProposalStatus::Merged,
            },
        ] {
            keys.push(refused.message_key().to_string());
        }
        for key in keys {
            assert!(Lang::En.has_own(&key), "{key}");
        }
    }
}
