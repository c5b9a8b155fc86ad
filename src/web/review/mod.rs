//! The rapporteurs' review of a group's proposals: the queue (`queue`), one proposal under
//! review with its internal notes (`proposal`), decisions (`decide`) and notes (`notes`).
//!
//! The group's rapporteurs, moderators and the secretariat read the queue and write notes
//! (`Action::UseInternalNotes`); only the rapporteurs and the secretariat decide
//! (`Action::ReviewProposals`). Every request is checked in `app::review`, whatever URL or
//! form is sent; this module extracts, calls it and renders, and holds no query.

pub mod decide;
pub mod history;
pub mod notes;
pub mod proposal;
pub mod queue;

use actix_web::{Scope, web};

/// The routes under `/p/{process}/groups/{number}/review`.
pub fn routes() -> Scope {
    web::scope("/p/{process}/groups/{number}/review")
        .service(queue::queue)
        .service(proposal::review_page)
        .service(decide::decide)
        .service(notes::add_note)
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
