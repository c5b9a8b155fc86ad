//! Email, as rules: the kinds of message, the links they carry and how long those work, and
//! when a message that could not be sent is tried again. Composing and sending are the
//! application's; nothing here does I/O.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

/// What a message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailKind {
    /// The link that confirms a new account's address.
    ConfirmAddress,
    /// The link that sets a forgotten password.
    ResetPassword,
    /// One notification, sent at once.
    Notification,
    /// The notifications of one day, together.
    Digest,
}

impl MailKind {
    pub const ALL: [MailKind; 4] = [
        MailKind::ConfirmAddress,
        MailKind::ResetPassword,
        MailKind::Notification,
        MailKind::Digest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::ConfirmAddress => "confirm-address",
            MailKind::ResetPassword => "reset-password",
            MailKind::Notification => "notification",
            MailKind::Digest => "digest",
        }
    }

    pub fn parse(raw: &str) -> Option<MailKind> {
        MailKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// Whether the body holds a live link (a token): such a body is not kept once sent, so a
    /// copy of the database hands out no working link.
    pub fn carries_secret(self) -> bool {
        matches!(self, MailKind::ConfirmAddress | MailKind::ResetPassword)
    }
}

/// What a token sent by mail lets its bearer do, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    ConfirmAddress,
    ResetPassword,
}

impl TokenPurpose {
    pub const ALL: [TokenPurpose; 2] = [TokenPurpose::ConfirmAddress, TokenPurpose::ResetPassword];

    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::ConfirmAddress => "confirm-address",
            TokenPurpose::ResetPassword => "reset-password",
        }
    }

    pub fn parse(raw: &str) -> Option<TokenPurpose> {
        TokenPurpose::ALL.into_iter().find(|p| p.as_str() == raw)
    }

    /// How long a link works after it was sent: a reset link an hour, since it opens the
    /// account; a confirmation link a week, since people read mail late.
    pub fn lifetime(self) -> TimeDelta {
        match self {
            TokenPurpose::ConfirmAddress => TimeDelta::days(CONFIRMATION_DAYS),
            TokenPurpose::ResetPassword => TimeDelta::minutes(RESET_MINUTES),
        }
    }

    /// Until when a link sent at `now` works.
    pub fn expires(self, now: NaiveDateTime) -> NaiveDateTime {
        now + self.lifetime()
    }
}

/// How long a confirmation link works, in days (the mail says so).
pub const CONFIRMATION_DAYS: i64 = 7;
/// How long a reset link works, in minutes (the mail says so).
pub const RESET_MINUTES: i64 = 60;

/// How long a sender holds a message it claimed: another sender (or the same after a
/// restart) takes it up only after this, so a message is not sent by two at once.
pub const LEASE: TimeDelta = TimeDelta::minutes(5);

/// Attempts before a message is given up (its last error stays in the outbox).
pub const MAX_ATTEMPTS: i32 = 10;

/// When to try again after the `attempts`-th attempt failed: 1, 2, 4 … minutes, at most an
/// hour.
pub fn retry_delay(attempts: i32) -> TimeDelta {
    let doublings = attempts.clamp(1, 7) - 1;
    TimeDelta::minutes((1_i64 << doublings).min(60))
}

/// The day whose digest a notification made at `at` belongs to (UTC).
pub fn digest_day(at: NaiveDateTime) -> NaiveDate {
    at.date()
}

/// The key that makes one digest per account and day: written twice, the second is refused.
pub fn digest_key(account_id: i64, day: NaiveDate) -> String {
    format!("digest:{account_id}:{day}")
}

/// The key of the mail of one notification sent at once.
pub fn notification_key(notification_id: i64) -> String {
    format!("notification:{notification_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2018, 7, day)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .expect("a valid time")
    }

    #[test]
    fn stored_forms_round_trip() {
        for kind in MailKind::ALL {
            assert_eq!(MailKind::parse(kind.as_str()), Some(kind));
        }
        for purpose in TokenPurpose::ALL {
            assert_eq!(TokenPurpose::parse(purpose.as_str()), Some(purpose));
        }
        assert_eq!(MailKind::parse("newsletter"), None);
        assert_eq!(TokenPurpose::parse("sign-in"), None);
    }

    #[test]
    fn only_link_mails_carry_secrets() {
        assert!(MailKind::ConfirmAddress.carries_secret());
        assert!(MailKind::ResetPassword.carries_secret());
        assert!(!MailKind::Notification.carries_secret());
        assert!(!MailKind::Digest.carries_secret());
    }

    #[test]
    fn a_reset_link_works_an_hour_and_a_confirmation_a_week() {
        assert_eq!(
            TokenPurpose::ResetPassword.expires(at(5, 9, 30)),
            at(5, 10, 30)
        );
        assert_eq!(
            TokenPurpose::ConfirmAddress.expires(at(5, 9, 30)),
            at(12, 9, 30)
        );
    }

    #[test]
    fn failures_are_tried_again_later_and_later_up_to_an_hour() {
        let delays: Vec<i64> = (1..=9).map(|a| retry_delay(a).num_minutes()).collect();
        assert_eq!(delays, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(retry_delay(0).num_minutes(), 1);
        assert_eq!(retry_delay(i32::MAX).num_minutes(), 60);
    }

    /// A day's notifications share one key, whatever their hour; the next day has its own.
    #[test]
    fn one_digest_key_per_account_and_day() {
        let morning = digest_key(7, digest_day(at(5, 0, 0)));
        assert_eq!(morning, "digest:7:2018-07-05");
        assert_eq!(morning, digest_key(7, digest_day(at(5, 23, 59))));
        assert_ne!(morning, digest_key(7, digest_day(at(6, 0, 0))));
        assert_ne!(morning, digest_key(8, digest_day(at(5, 12, 0))));
        assert_ne!(notification_key(7), notification_key(8));
    }
}
