//! In-app notifications: what they are about, and when each shows, as its recipient chose:
//! at once, or gathered into one daily digest that appears the next day (UTC).

use chrono::{NaiveDateTime, TimeDelta};

use crate::domain::proposals::review::DecisionKind;

/// How an account receives its notifications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Delivery {
    #[default]
    Immediate,
    DailyDigest,
}

impl Delivery {
    pub const ALL: [Delivery; 2] = [Delivery::Immediate, Delivery::DailyDigest];

    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Immediate => "immediate",
            Delivery::DailyDigest => "daily-digest",
        }
    }

    pub fn parse(raw: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.as_str() == raw)
    }

    pub fn label_key(self) -> String {
        format!("notifications-delivery-{}", self.as_str())
    }

    /// When a notification made at `at` shows: at once, or for a digest from the midnight
    /// (UTC) that ends its day, together with the rest of that day's.
    pub fn visible_from(self, at: NaiveDateTime) -> NaiveDateTime {
        match self {
            Delivery::Immediate => at,
            Delivery::DailyDigest => (at.date() + TimeDelta::days(1))
                .and_hms_opt(0, 0, 0)
                .unwrap_or(at),
        }
    }
}

/// What a notification tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotificationKind {
    /// A final decision: accepted, rejected, merged, marked duplicate.
    Decision,
    /// The rapporteurs ask for a new version.
    RevisionRequested,
    /// The recipient's organisation is invited to co-sponsor a proposal.
    CoSponsorInvited,
    /// A proposal was submitted to the recipient's group: it awaits review.
    ProposalArrived,
    /// A new version of a proposal of the recipient's group awaits review.
    ProposalResubmitted,
    /// A moderator hid the recipient's contribution, for the reason the notification keeps.
    ContributionHidden,
    /// A moderator made the recipient's contribution public again.
    ContributionShown,
    /// A revision of a group report or of the Chair's summary was published.
    RevisionPublished,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 8] = [
        NotificationKind::Decision,
        NotificationKind::RevisionRequested,
        NotificationKind::CoSponsorInvited,
        NotificationKind::ProposalArrived,
        NotificationKind::ProposalResubmitted,
        NotificationKind::ContributionHidden,
        NotificationKind::ContributionShown,
        NotificationKind::RevisionPublished,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Decision => "decision",
            NotificationKind::RevisionRequested => "revision-requested",
            NotificationKind::CoSponsorInvited => "co-sponsor-invited",
            NotificationKind::ProposalArrived => "proposal-arrived",
            NotificationKind::ProposalResubmitted => "proposal-resubmitted",
            NotificationKind::ContributionHidden => "contribution-hidden",
            NotificationKind::ContributionShown => "contribution-shown",
            NotificationKind::RevisionPublished => "revision-published",
        }
    }

    pub fn parse(raw: &str) -> Option<NotificationKind> {
        NotificationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == raw)
    }

    /// The notification a decision gives its proposal's author and co-sponsors.
    pub fn of_decision(kind: DecisionKind) -> NotificationKind {
        match kind {
            DecisionKind::RequestRevision => NotificationKind::RevisionRequested,
            _ => NotificationKind::Decision,
        }
    }

    /// What rapporteurs are told of a submission: a first one arrives, a later version comes
    /// back.
    pub fn of_submission(first: bool) -> NotificationKind {
        if first {
            NotificationKind::ProposalArrived
        } else {
            NotificationKind::ProposalResubmitted
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2017, 12, day)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .expect("a valid time")
    }

    #[test]
    fn immediate_notifications_show_at_once() {
        assert_eq!(
            Delivery::Immediate.visible_from(at(5, 14, 30)),
            at(5, 14, 30)
        );
        assert_eq!(Delivery::default(), Delivery::Immediate);
    }

    /// Everything of one day shows together, from the start of the next, even what came at
    /// its first or last minute.
    #[test]
    fn a_digest_gathers_a_day_and_shows_the_next() {
        for (h, m) in [(0, 0), (9, 15), (23, 59)] {
            assert_eq!(
                Delivery::DailyDigest.visible_from(at(5, h, m)),
                at(6, 0, 0),
                "{h}:{m}"
            );
        }
        let new_year = NaiveDate::from_ymd_opt(2017, 12, 31)
            .and_then(|d| d.and_hms_opt(22, 0, 0))
            .expect("a time");
        assert_eq!(
            Delivery::DailyDigest.visible_from(new_year),
            NaiveDate::from_ymd_opt(2018, 1, 1)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .expect("a time")
        );
    }

    #[test]
    fn stored_forms_round_trip() {
        for delivery in Delivery::ALL {
            assert_eq!(Delivery::parse(delivery.as_str()), Some(delivery));
        }
        assert_eq!(Delivery::parse("weekly"), None);
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(
            NotificationKind::of_submission(false),
            NotificationKind::ProposalResubmitted
        );
        for kind in DecisionKind::ALL {
            let notification = NotificationKind::of_decision(kind);
            assert_eq!(
                NotificationKind::parse(notification.as_str()),
                Some(notification)
            );
        }
        assert_eq!(
            NotificationKind::of_decision(DecisionKind::RequestRevision),
            NotificationKind::RevisionRequested
        );
        assert_eq!(
            NotificationKind::of_decision(DecisionKind::Merge),
            NotificationKind::Decision
        );
    }
}
