//! Written contributions: their states, what may happen to them, and their receipts.

use sha2::{Digest, Sha256};

use super::permissions::{Action, Actor, can};

/// Where a contribution stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContributionStatus {
    /// Being written; only its author sees it.
    Draft,
    /// Public, with a receipt.
    Submitted,
    /// Taken back by its author; stays readable, marked withdrawn.
    Withdrawn,
    /// Hidden by a moderator with a public reason; a tombstone stays.
    Hidden,
}

impl ContributionStatus {
    pub const ALL: [ContributionStatus; 4] = [
        ContributionStatus::Draft,
        ContributionStatus::Submitted,
        ContributionStatus::Withdrawn,
        ContributionStatus::Hidden,
    ];

    /// The states anyone may see, and filter by.
    pub const PUBLIC: [ContributionStatus; 3] = [
        ContributionStatus::Submitted,
        ContributionStatus::Withdrawn,
        ContributionStatus::Hidden,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContributionStatus::Draft => "draft",
            ContributionStatus::Submitted => "submitted",
            ContributionStatus::Withdrawn => "withdrawn",
            ContributionStatus::Hidden => "hidden",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn label_key(self) -> String {
        format!("contribution-status-{}", self.as_str())
    }

    pub fn is_public(self) -> bool {
        self != ContributionStatus::Draft
    }
}

/// Something that happens to a contribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContributionEvent {
    SaveDraft,
    Submit,
    Withdraw,
    Hide,
    /// A moderator makes a hidden contribution public again.
    Unhide,
}

/// The state after `event`, or `None` when it may not happen from `from`.
pub fn next_status(
    from: ContributionStatus,
    event: ContributionEvent,
) -> Option<ContributionStatus> {
    use ContributionEvent::*;
    use ContributionStatus::*;
    match (from, event) {
        (Draft, SaveDraft) => Some(Draft),
        (Draft, Submit) => Some(Submitted),
        (Submitted, Withdraw) => Some(Withdrawn),
        (Submitted, Hide) => Some(Hidden),
        (Hidden, Unhide) => Some(Submitted),
        _ => None,
    }
}

/// Whether `viewer` may read a contribution's content: its title, text, files, receipt and
/// hash, and the campaign its words joined. Everyone else sees at most its tombstone
/// (reference, dates, the reason it was hidden). The one rule every read of a contribution
/// asks: pages, receipts, files, lists, campaigns, open data and the API.
///
/// A hidden one stays readable to its author, who wrote it, and to those who may hide
/// contributions (the moderators and the secretariat), who need the words to judge it. A
/// draft is its author's alone.
pub fn may_read_content(viewer: &Actor, status: ContributionStatus, author_id: i64) -> bool {
    let is_author = viewer.account_id == Some(author_id);
    match status {
        ContributionStatus::Submitted | ContributionStatus::Withdrawn => true,
        ContributionStatus::Hidden => is_author || can(viewer, Action::HideSubmission),
        ContributionStatus::Draft => is_author,
    }
}

/// The exact text a receipt's hash is taken of: the title, a blank line, the body, with line
/// endings as submitted (browsers send CRLF; the server stores LF).
pub fn receipt_text(title: &str, body: &str) -> String {
    format!("{title}\n\n{body}")
}

/// SHA-256, in hexadecimal, of the submitted text.
pub fn content_hash(title: &str, body: &str) -> String {
    crate::config::hex(&Sha256::digest(receipt_text(title, body).as_bytes()))
}

/// A reference as it appears in URLs: `GCM/WC/0042` becomes `GCM-WC-0042`.
pub fn reference_slug(reference: &str) -> String {
    reference.replace('/', "-")
}

/// The reference a URL names: `GCM-WC-0042` is `GCM/WC/0042`.
pub fn reference_from_slug(slug: &str) -> String {
    slug.replace('-', "/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ContributionEvent::*;
    use ContributionStatus::*;

    #[test]
    fn every_transition_allowed_or_refused() {
        let allowed = [
            (Draft, SaveDraft, Draft),
            (Draft, Submit, Submitted),
            (Submitted, Withdraw, Withdrawn),
            (Submitted, Hide, Hidden),
            (Hidden, Unhide, Submitted),
        ];
        for from in ContributionStatus::ALL {
            for event in [SaveDraft, Submit, Withdraw, Hide, Unhide] {
                let expected = allowed
                    .iter()
                    .find(|(f, e, _)| *f == from && *e == event)
                    .map(|(_, _, to)| *to);
                assert_eq!(next_status(from, event), expected, "{from:?} {event:?}");
            }
        }
    }

    /// Who reads the content of a contribution by account 7, status by status.
    #[test]
    fn content_readers_table() {
        use crate::domain::permissions::{Grant, GroupId};
        use crate::domain::roles::Role;
        let holding = |account: i64, role: Role, group: Option<GroupId>| Actor {
            account_id: Some(account),
            is_admin: false,
            grants: vec![Grant::new(role, group)],
        };
        let admin = Actor {
            account_id: Some(9),
            is_admin: true,
            grants: vec![],
        };
        // Columns: draft, submitted, withdrawn, hidden.
        #[rustfmt::skip]
        let table: [(&str, Actor, [u8; 4]); 8] = [
            ("anonymous",        Actor::anonymous(),                                  [0, 1, 1, 0]),
            ("the author",       Actor { account_id: Some(7), ..Actor::default() },   [1, 1, 1, 1]),
            ("another account",  Actor { account_id: Some(8), ..Actor::default() },   [0, 1, 1, 0]),
            ("a stakeholder",    holding(8, Role::Stakeholder, None),                 [0, 1, 1, 0]),
            ("a moderator",      holding(8, Role::Moderator, Some(GroupId(1))),       [0, 1, 1, 1]),
            ("the secretariat",  holding(8, Role::Secretariat, None),                 [0, 1, 1, 1]),
            ("a rapporteur",     holding(8, Role::Rapporteur, Some(GroupId(1))),      [0, 1, 1, 0]),
            ("an administrator", admin,                                               [0, 1, 1, 0]),
        ];
        for (who, viewer, row) in &table {
            for (status, expected) in [Draft, Submitted, Withdrawn, Hidden].iter().zip(row) {
                assert_eq!(
                    may_read_content(viewer, *status, 7),
                    *expected == 1,
                    "{who} / {status:?}"
                );
            }
        }
    }

    #[test]
    fn the_receipt_hash_is_sha256_of_title_and_body() {
        // printf 'Title\n\nBody' | sha256sum
        assert_eq!(
            content_hash("Title", "Body"),
            "45777c14d90fa79dc6ce71ceb6f81cced62c929c472199547cfd939a54e954c6"
        );
        assert_eq!(content_hash("Title", "Body").len(), 64);
        assert_ne!(
            content_hash("Title", "Body"),
            content_hash("Title", "Body.")
        );
    }

    #[test]
    fn references_round_trip_through_urls() {
        assert_eq!(reference_slug("GCM/WC/0042"), "GCM-WC-0042");
        assert_eq!(reference_from_slug("GCM-WC-0042"), "GCM/WC/0042");
    }

    #[test]
    fn only_drafts_are_private() {
        assert!(!Draft.is_public());
        assert!(ContributionStatus::PUBLIC.iter().all(|s| s.is_public()));
    }
}
