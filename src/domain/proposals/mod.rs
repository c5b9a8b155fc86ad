//! Commitment proposals: their states and the transitions between them, the answers to
//! invitations to co-sponsor, and the public form of their reference numbers. The texts a
//! proposal is made of are in `text`; the rapporteurs' decisions (accept, request revision,
//! reject, merge, mark duplicate) in `review`; how alike two proposals read in `similarity`.

pub mod review;
pub mod similarity;
pub mod text;

/// Where a proposal stands. Stored as text through `as_str` and `parse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProposalStatus {
    /// Written, never submitted: private to its author.
    Draft,
    Submitted,
    RevisionRequested,
    Accepted,
    Rejected,
    Merged,
    Duplicate,
    Withdrawn,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 8] = [
        ProposalStatus::Draft,
        ProposalStatus::Submitted,
        ProposalStatus::RevisionRequested,
        ProposalStatus::Accepted,
        ProposalStatus::Rejected,
        ProposalStatus::Merged,
        ProposalStatus::Duplicate,
        ProposalStatus::Withdrawn,
    ];

    /// The states anyone may see (and filter the public list by).
    pub const PUBLIC: [ProposalStatus; 7] = [
        ProposalStatus::Submitted,
        ProposalStatus::RevisionRequested,
        ProposalStatus::Accepted,
        ProposalStatus::Rejected,
        ProposalStatus::Merged,
        ProposalStatus::Duplicate,
        ProposalStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Draft => "draft",
            ProposalStatus::Submitted => "submitted",
            ProposalStatus::RevisionRequested => "revision-requested",
            ProposalStatus::Accepted => "accepted",
            ProposalStatus::Rejected => "rejected",
            ProposalStatus::Merged => "merged",
            ProposalStatus::Duplicate => "duplicate",
            ProposalStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(raw: &str) -> Option<ProposalStatus> {
        ProposalStatus::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn label_key(self) -> String {
        format!("proposal-status-{}", self.as_str())
    }

    /// Everything but a draft is public: transparency is the rule once submitted.
    pub fn is_public(self) -> bool {
        self != ProposalStatus::Draft
    }

    /// Submitted and not yet decided: its author may still revise or withdraw it, and
    /// organisations may still join it as co-sponsors.
    pub fn awaits_decision(self) -> bool {
        matches!(
            self,
            ProposalStatus::Submitted | ProposalStatus::RevisionRequested
        )
    }

    /// Decided for good, or withdrawn: nothing changes it any more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ProposalStatus::Accepted
                | ProposalStatus::Rejected
                | ProposalStatus::Merged
                | ProposalStatus::Duplicate
                | ProposalStatus::Withdrawn
        )
    }

    /// Whether its author may change its text (a draft, or a new version before a decision).
    pub fn is_editable(self) -> bool {
        self == ProposalStatus::Draft || self.awaits_decision()
    }
}

/// The changes of state this stage of the process makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// A draft is submitted for the first time and becomes version 1.
    Submit,
    /// A submitted proposal gets a new version (also the answer to a request for revision).
    NewVersion,
    /// The author takes the proposal back before a decision; it stays readable.
    Withdraw,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{transition:?} is not allowed from {}", from.as_str())]
pub struct TransitionRefused {
    pub from: ProposalStatus,
    pub transition: Transition,
}

impl Transition {
    /// The state after the transition, or why it is refused.
    pub fn apply(self, from: ProposalStatus) -> Result<ProposalStatus, TransitionRefused> {
        use ProposalStatus::*;
        match (self, from) {
            (Transition::Submit, Draft) => Ok(Submitted),
            (Transition::NewVersion, Submitted | RevisionRequested) => Ok(Submitted),
            (Transition::Withdraw, Submitted | RevisionRequested) => Ok(Withdrawn),
            _ => Err(TransitionRefused {
                from,
                transition: self,
            }),
        }
    }

    /// Sending the text of a proposal: its first submission, or a new version.
    pub fn submission_from(status: ProposalStatus) -> Transition {
        if status == ProposalStatus::Draft {
            Transition::Submit
        } else {
            Transition::NewVersion
        }
    }
}

/// Where an organisation stands on a proposal it was invited to co-sponsor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoSponsorStatus {
    Invited,
    Accepted,
    Declined,
}

impl CoSponsorStatus {
    pub const ALL: [CoSponsorStatus; 3] = [
        CoSponsorStatus::Invited,
        CoSponsorStatus::Accepted,
        CoSponsorStatus::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CoSponsorStatus::Invited => "invited",
            CoSponsorStatus::Accepted => "accepted",
            CoSponsorStatus::Declined => "declined",
        }
    }

    pub fn parse(raw: &str) -> Option<CoSponsorStatus> {
        CoSponsorStatus::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// An invitation is answered once, while it waits.
    pub fn answer(self, accept: bool) -> Option<CoSponsorStatus> {
        match (self, accept) {
            (CoSponsorStatus::Invited, true) => Some(CoSponsorStatus::Accepted),
            (CoSponsorStatus::Invited, false) => Some(CoSponsorStatus::Declined),
            _ => None,
        }
    }
}

/// A reference as it appears in URLs: `GCM/CP/0001` is `GCM-CP-0001`.
pub fn reference_slug(reference: &str) -> String {
    reference.replace('/', "-")
}

/// The reference a URL names, if it has the shape of one (prefixes and kinds are letters
/// and digits only, so the hyphens are exactly the slashes).
pub fn reference_from_slug(slug: &str) -> Option<String> {
    let parts: Vec<&str> = slug.split('-').collect();
    let well_formed = parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty() && p.len() <= 12 && p.chars().all(|c| c.is_ascii_alphanumeric())
        });
    well_formed.then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProposalStatus::*;

    #[test]
    fn statuses_round_trip_through_their_stored_form() {
        for status in ProposalStatus::ALL {
            assert_eq!(ProposalStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ProposalStatus::parse("Submitted"), None);
        assert!(!Draft.is_public());
        assert!(ProposalStatus::PUBLIC.iter().all(|s| s.is_public()));
    }

    /// Every transition from every state: the allowed ones and their result, and that all
    /// the others are refused.
    #[test]
    fn transitions() {
        let allowed = [
            (Transition::Submit, Draft, Submitted),
            (Transition::NewVersion, Submitted, Submitted),
            (Transition::NewVersion, RevisionRequested, Submitted),
            (Transition::Withdraw, Submitted, Withdrawn),
            (Transition::Withdraw, RevisionRequested, Withdrawn),
        ];
        for transition in [
            Transition::Submit,
            Transition::NewVersion,
            Transition::Withdraw,
        ] {
            for from in ProposalStatus::ALL {
                let expected = allowed
                    .iter()
                    .find(|(t, f, _)| *t == transition && *f == from)
                    .map(|(_, _, to)| *to);
                match expected {
                    Some(to) => assert_eq!(transition.apply(from), Ok(to), "{transition:?}"),
                    None => assert_eq!(
                        transition.apply(from),
                        Err(TransitionRefused { from, transition }),
                        "{transition:?} from {from:?} is refused"
                    ),
                }
            }
        }
    }

    #[test]
    fn a_withdrawn_or_decided_proposal_cannot_be_edited() {
        for status in [Withdrawn, Accepted, Rejected, Merged, Duplicate] {
            assert!(!status.is_editable(), "{status:?}");
            assert!(!status.awaits_decision());
        }
        for status in [Draft, Submitted, RevisionRequested] {
            assert!(status.is_editable(), "{status:?}");
        }
        assert_eq!(Transition::submission_from(Draft), Transition::Submit);
        assert_eq!(
            Transition::submission_from(RevisionRequested),
            Transition::NewVersion
        );
    }

    #[test]
    fn invitations_are_answered_once() {
        use CoSponsorStatus::*;
        assert_eq!(Invited.answer(true), Some(Accepted));
        assert_eq!(Invited.answer(false), Some(Declined));
        for answered in [Accepted, Declined] {
            assert_eq!(answered.answer(true), None);
            assert_eq!(answered.answer(false), None);
        }
        for status in CoSponsorStatus::ALL {
            assert_eq!(CoSponsorStatus::parse(status.as_str()), Some(status));
        }
    }

    #[test]
    fn references_in_urls() {
        assert_eq!(reference_slug("GCM/CP/0001"), "GCM-CP-0001");
        assert_eq!(
            reference_from_slug("GCM-CP-0001").as_deref(),
            Some("GCM/CP/0001")
        );
        for bad in [
            "GCM-CP",
            "GCM--0001",
            "GCM-CP-0001-2",
            "../x-y-z",
            "GCM-CP-00%01",
            "",
        ] {
            assert_eq!(reference_from_slug(bad), None, "{bad:?}");
        }
    }
}
