//! The rapporteurs' review: the decisions that can be made on a submitted proposal, the
//! rules that allow or refuse them, the texts that go with them (a rationale, an internal
//! note), and the capacity in which someone decides.
//!
//! A decision is made on one version. If the author submitted another meanwhile it is
//! refused, so nobody decides on a text they did not read. Only a submitted proposal is
//! decided; every decision but a request for revision is final.

use super::ProposalStatus;
use crate::domain::ids::ProposalId;
use crate::domain::permissions::{Action, Actor, GroupId, can};
use crate::domain::roles::Role;
use crate::domain::validation::Invalid;

/// What a rapporteur decides about one version of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionKind {
    Accept,
    /// Sends the proposal back to its author, saying what to change.
    RequestRevision,
    Reject,
    /// Folds the proposal into another of the group; it stays readable and points there.
    Merge,
    /// Marks the proposal as a duplicate of another of the group; it stays readable too.
    Duplicate,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 5] = [
        DecisionKind::Accept,
        DecisionKind::RequestRevision,
        DecisionKind::Reject,
        DecisionKind::Merge,
        DecisionKind::Duplicate,
    ];

    /// The stored and form value.
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionKind::Accept => "accept",
            DecisionKind::RequestRevision => "request-revision",
            DecisionKind::Reject => "reject",
            DecisionKind::Merge => "merge",
            DecisionKind::Duplicate => "duplicate",
        }
    }

    pub fn parse(raw: &str) -> Option<DecisionKind> {
        DecisionKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// The name of the decision as a choice in the form.
    pub fn label_key(self) -> String {
        format!("review-decision-{}", self.as_str())
    }

    /// What happened, as the public history says it.
    pub fn done_key(self) -> String {
        format!("review-done-{}", self.as_str())
    }

    /// Merging and marking as duplicate name another proposal.
    pub fn needs_target(self) -> bool {
        matches!(self, DecisionKind::Merge | DecisionKind::Duplicate)
    }

    /// The state of the proposal after the decision.
    pub fn outcome(self) -> ProposalStatus {
        match self {
            DecisionKind::Accept => ProposalStatus::Accepted,
            DecisionKind::RequestRevision => ProposalStatus::RevisionRequested,
            DecisionKind::Reject => ProposalStatus::Rejected,
            DecisionKind::Merge => ProposalStatus::Merged,
            DecisionKind::Duplicate => ProposalStatus::Duplicate,
        }
    }

    /// Whether a proposal in `status` may be what this decision points to. A merge goes into
    /// a proposal that lives on (undecided or accepted); a duplicate may also repeat one that
    /// was rejected. Neither points to a proposal that itself points elsewhere, so there are
    /// no chains to follow.
    fn accepts_target(self, status: ProposalStatus) -> bool {
        use ProposalStatus::*;
        match self {
            DecisionKind::Merge => matches!(status, Submitted | RevisionRequested | Accepted),
            DecisionKind::Duplicate => {
                matches!(status, Submitted | RevisionRequested | Accepted | Rejected)
            }
            _ => false,
        }
    }
}

/// The proposal a decision is about, as the decision sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnderReview {
    pub id: ProposalId,
    pub group: GroupId,
    pub status: ProposalStatus,
    pub current_version: i32,
}

/// The proposal a merge or a duplicate points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub id: ProposalId,
    pub group: GroupId,
    pub status: ProposalStatus,
}

/// A decision as asked for: its kind, the version the reviewer read, and its target if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub kind: DecisionKind,
    pub version: i32,
    pub target: Option<Target>,
}

/// Why a decision cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// Only a submitted proposal is decided: not a draft, not one waiting for its author's
    /// new version, not one decided or withdrawn already.
    #[error("the proposal is {}, not submitted", status.as_str())]
    NotSubmitted { status: ProposalStatus },
    /// The author submitted another version after the reviewer read theirs.
    #[error("version {decided_on} was decided, but version {current} is current")]
    StaleVersion { decided_on: i32, current: i32 },
    #[error("a merge or duplicate names another proposal")]
    TargetRequired,
    #[error("this decision names no other proposal")]
    TargetNotExpected,
    #[error("a proposal cannot be merged into or duplicate itself")]
    TargetIsItself,
    #[error("the other proposal belongs to another group")]
    TargetInAnotherGroup,
    #[error("the other proposal is {}", status.as_str())]
    TargetNotEligible { status: ProposalStatus },
}

impl Refused {
    /// The message shown to the reviewer.
    pub fn message_key(&self) -> &'static str {
        match self {
            Refused::NotSubmitted { .. } => "review-error-not-submitted",
            Refused::StaleVersion { .. } => "review-error-stale-version",
            Refused::TargetRequired => "review-error-target-required",
            Refused::TargetNotExpected => "review-error-target-not-expected",
            Refused::TargetIsItself => "review-error-target-itself",
            Refused::TargetInAnotherGroup => "review-error-target-other-group",
            Refused::TargetNotEligible { .. } => "review-error-target-not-eligible",
        }
    }

    /// A refusal about the other proposal named, as opposed to the proposal's own state.
    pub fn is_about_target(&self) -> bool {
        matches!(
            self,
            Refused::TargetRequired
                | Refused::TargetNotExpected
                | Refused::TargetIsItself
                | Refused::TargetInAnotherGroup
                | Refused::TargetNotEligible { .. }
        )
    }
}

impl Decision {
    /// The state the proposal moves to, or why the decision is refused.
    pub fn apply(&self, proposal: &UnderReview) -> Result<ProposalStatus, Refused> {
        if proposal.status != ProposalStatus::Submitted {
            return Err(Refused::NotSubmitted {
                status: proposal.status,
            });
        }
        if self.version != proposal.current_version {
            return Err(Refused::StaleVersion {
                decided_on: self.version,
                current: proposal.current_version,
            });
        }
        match (self.kind.needs_target(), self.target) {
            (false, None) => {}
            (false, Some(_)) => return Err(Refused::TargetNotExpected),
            (true, None) => return Err(Refused::TargetRequired),
            (true, Some(target)) => {
                if target.id == proposal.id {
                    return Err(Refused::TargetIsItself);
                }
                if target.group != proposal.group {
                    return Err(Refused::TargetInAnotherGroup);
                }
                if !self.kind.accepts_target(target.status) {
                    return Err(Refused::TargetNotEligible {
                        status: target.status,
                    });
                }
            }
        }
        Ok(self.kind.outcome())
    }
}

/// The capacity in which `actor` decides on a proposal of `group`: as its rapporteur, or as
/// the secretariat. `None` when they may not decide. The public sees the capacity, not the
/// person.
pub fn deciding_role(actor: &Actor, group: GroupId) -> Option<Role> {
    if !can(actor, Action::ReviewProposals(group)) {
        return None;
    }
    let rapporteur = actor
        .grants
        .iter()
        .any(|g| g.role == Role::Rapporteur && g.group == Some(group));
    Some(if rapporteur {
        Role::Rapporteur
    } else {
        Role::Secretariat
    })
}

/// Trims a text, normalises its line ends, and refuses an empty one, control characters and
/// excess length (in characters, so every script gets the same room).
fn review_text(raw: &str, max_chars: usize) -> Result<String, Invalid> {
    let value = raw.trim().replace("\r\n", "\n").replace('\r', "\n");
    if value.is_empty() {
        return Err(Invalid("error-required"));
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        return Err(Invalid("error-control-characters"));
    }
    if value.chars().count() > max_chars {
        return Err(Invalid("error-too-long"));
    }
    Ok(value)
}

/// Why a decision was made: required, public, and for a request for revision, what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rationale(String);

impl Rationale {
    pub const MAX_CHARS: usize = 5_000;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        review_text(raw, Self::MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The text of an internal note or of a reply to one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteText(String);

impl NoteText {
    pub const MAX_CHARS: usize = 5_000;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        review_text(raw, Self::MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod lives;
#[cfg(test)]
mod tests;
