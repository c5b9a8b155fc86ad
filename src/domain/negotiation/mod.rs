//! Negotiation (phase III): delegations of States and their groups, rounds on a published
//! revision, amendments tabled in a round and the positions others take on them.
//!
//! Plain types and rules only: the closed sets of kinds and states, each with its stored form.
//! No database, no HTTP, no clock (callers pass `now`).

pub mod placement;
pub mod text;

use chrono::NaiveDateTime;

use super::phases::{Window, WindowState};

/// What a delegation is in the process: a Member State always may table amendments, an
/// observer only where the process allows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DelegationCategory {
    MemberState,
    Observer,
}

impl DelegationCategory {
    pub const ALL: [Self; 2] = [Self::MemberState, Self::Observer];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::MemberState => "member-state",
            Self::Observer => "observer",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == raw)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::MemberState => "delegation-member-state",
            Self::Observer => "delegation-observer",
        }
    }
}

/// How an account stands when it acts for a delegation, for `permissions::can`: what the
/// delegation is, and whether its process lets observers table amendments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delegate {
    pub category: DelegationCategory,
    pub observers_may_propose: bool,
}

impl Delegate {
    /// Member States always may table amendments and take positions; observers where the
    /// process allows it.
    pub fn may_propose(self) -> bool {
        match self.category {
            DelegationCategory::MemberState => true,
            DelegationCategory::Observer => self.observers_may_propose,
        }
    }
}

/// Whether a round takes amendments and positions at `now`: from its opening (inclusive) until
/// it closes (exclusive). A window that closes before it opens is never open.
pub fn round_state(opens: NaiveDateTime, closes: NaiveDateTime, now: NaiveDateTime) -> WindowState {
    Window::new(opens, closes)
        .map(|window| window.state_at(now))
        .unwrap_or(WindowState::Closed)
}

/// Who may read a round's amendments and its compilation text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoundVisibility {
    /// Anyone, signed in or not.
    Public,
    /// Delegations, the secretariat and the co-facilitators only.
    Delegations,
}

impl RoundVisibility {
    pub const ALL: [Self; 2] = [Self::Public, Self::Delegations];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Delegations => "delegations",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == raw)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Public => "round-visibility-public",
            Self::Delegations => "round-visibility-delegations",
        }
    }
}

/// What an amendment does to its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AmendmentKind {
    /// Insert the new words after the words concerned (at the end when none are named).
    Insert,
    /// Delete the words concerned.
    Delete,
    /// Replace the words concerned with the new words.
    Replace,
    /// Add a new paragraph, the new words, after this one.
    NewParagraphAfter,
}

impl AmendmentKind {
    pub const ALL: [Self; 4] = [
        Self::Insert,
        Self::Delete,
        Self::Replace,
        Self::NewParagraphAfter,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Insert => "insert",
            Self::Delete => "delete",
            Self::Replace => "replace",
            Self::NewParagraphAfter => "new-paragraph-after",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Insert => "amendment-kind-insert",
            Self::Delete => "amendment-kind-delete",
            Self::Replace => "amendment-kind-replace",
            Self::NewParagraphAfter => "amendment-kind-new-paragraph-after",
        }
    }

    /// Whether the amendment names words of the paragraph it changes.
    pub fn needs_words(self) -> bool {
        matches!(self, Self::Delete | Self::Replace)
    }

    /// Whether the amendment brings words of its own.
    pub fn needs_new_text(self) -> bool {
        !matches!(self, Self::Delete)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AmendmentStatus {
    Tabled,
    Withdrawn,
}

impl AmendmentStatus {
    pub const ALL: [Self; 2] = [Self::Tabled, Self::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tabled => "tabled",
            Self::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// What the co-facilitators did with an amendment: took it into the working copy whole, or
/// as one alternative of a bracket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AmendmentOutcome {
    Accepted,
    AcceptedAsAlternative,
}

impl AmendmentOutcome {
    pub const ALL: [Self; 2] = [Self::Accepted, Self::AcceptedAsAlternative];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::AcceptedAsAlternative => "accepted-as-alternative",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == raw)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Accepted => "amendment-outcome-accepted",
            Self::AcceptedAsAlternative => "amendment-outcome-accepted-as-alternative",
        }
    }
}

/// A delegation's or group's position on another's amendment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stance {
    Join,
    Oppose,
}

impl Stance {
    pub const ALL: [Self; 2] = [Self::Join, Self::Oppose];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Join => "join",
            Self::Oppose => "oppose",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_forms_round_trip() {
        for v in DelegationCategory::ALL {
            assert_eq!(DelegationCategory::parse(v.as_str()), Some(v));
        }
        for v in RoundVisibility::ALL {
            assert_eq!(RoundVisibility::parse(v.as_str()), Some(v));
        }
        for v in AmendmentKind::ALL {
            assert_eq!(AmendmentKind::parse(v.as_str()), Some(v));
        }
        for v in AmendmentStatus::ALL {
            assert_eq!(AmendmentStatus::parse(v.as_str()), Some(v));
        }
        for v in Stance::ALL {
            assert_eq!(Stance::parse(v.as_str()), Some(v));
        }
        for v in AmendmentOutcome::ALL {
            assert_eq!(AmendmentOutcome::parse(v.as_str()), Some(v));
        }
        assert_eq!(AmendmentKind::parse("append"), None);
    }

    #[test]
    fn a_round_takes_amendments_only_inside_its_window() {
        let at = |day: u32, hour: u32| {
            chrono::NaiveDate::from_ymd_opt(2018, 2, day)
                .and_then(|d| d.and_hms_opt(hour, 0, 0))
                .expect("valid date")
        };
        let (opens, closes) = (at(20, 10), at(23, 18));
        assert_eq!(round_state(opens, closes, at(20, 9)), WindowState::Upcoming);
        assert_eq!(round_state(opens, closes, at(20, 10)), WindowState::Open);
        assert_eq!(round_state(opens, closes, at(23, 17)), WindowState::Open);
        assert_eq!(round_state(opens, closes, at(23, 18)), WindowState::Closed);
        assert_eq!(round_state(closes, opens, at(21, 12)), WindowState::Closed);
    }

    #[test]
    fn observers_propose_only_where_the_process_allows_it() {
        let member = Delegate {
            category: DelegationCategory::MemberState,
            observers_may_propose: false,
        };
        let observer = Delegate {
            category: DelegationCategory::Observer,
            observers_may_propose: false,
        };
        assert!(member.may_propose());
        assert!(!observer.may_propose());
        assert!(
            Delegate {
                observers_may_propose: true,
                ..observer
            }
            .may_propose()
        );
    }
}
