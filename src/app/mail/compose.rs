//! The words of each message, in the recipient's language: subjects and plain-text bodies
//! through the locales (`locales/*/mail.ftl`), with the links they carry. Pure.

use chrono::NaiveDate;

use crate::app::notifications;
use crate::domain::mail::{CONFIRMATION_DAYS, RESET_MINUTES};
use crate::i18n::Lang;
use crate::paths;
use crate::store::mail::UnmailedNotification;
use crate::store::notifications::About;

/// A message's subject and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub body: String,
}

/// The language an account reads in (English when it never chose).
pub fn language_of(stored: Option<&str>) -> Lang {
    stored.and_then(Lang::parse).unwrap_or(Lang::En)
}

fn greeting(lang: Lang, name: &str) -> String {
    lang.t_with("mail-greeting", &[("name", name.to_string())])
}

fn signed(lang: Lang, paragraphs: Vec<String>) -> String {
    let mut body = paragraphs.join("\n\n");
    body.push_str("\n\n-- \n");
    body.push_str(&lang.t("mail-signature"));
    body.push('\n');
    body
}

/// The link that confirms an address (`token` in the clear: it goes only into the mail).
pub fn confirmation(lang: Lang, name: &str, public_url: &str, token: &str) -> Composed {
    let link = format!("{public_url}{}", paths::account_confirm(token));
    Composed {
        subject: lang.t("mail-confirm-subject").into_owned(),
        body: signed(
            lang,
            vec![
                greeting(lang, name),
                lang.t_with(
                    "mail-confirm-body",
                    &[("days", CONFIRMATION_DAYS.to_string())],
                ),
                link,
                lang.t("mail-confirm-ignore").into_owned(),
            ],
        ),
    }
}

/// The link that sets a new password.
pub fn password_reset(lang: Lang, name: &str, public_url: &str, token: &str) -> Composed {
    let link = format!("{public_url}{}", paths::account_reset(token));
    Composed {
        subject: lang.t("mail-reset-subject").into_owned(),
        body: signed(
            lang,
            vec![
                greeting(lang, name),
                lang.t_with("mail-reset-body", &[("minutes", RESET_MINUTES.to_string())]),
                link,
                lang.t("mail-reset-ignore").into_owned(),
            ],
        ),
    }
}

/// One notification as a paragraph: what it is about, what happened, the rationale or the
/// moderator's reason, the link.
fn item(lang: Lang, public_url: &str, n: &UnmailedNotification) -> String {
    let (reference, title) = notifications::named(&n.about);
    let named = [reference, title]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let mut lines = vec![
        format!("{named} ({})", n.process_title),
        lang.t(&notifications::message_key(n.kind, &n.about))
            .into_owned(),
    ];
    if let About::Proposal { rationale, .. } = &n.about {
        let rationale = rationale.trim();
        if !rationale.is_empty() {
            lines.push(format!("{}: {rationale}", lang.t("review-rationale")));
        }
    }
    let note = n.note.trim();
    if !note.is_empty() {
        lines.push(note.to_string());
    }
    lines.push(format!(
        "{public_url}{}",
        notifications::path_of(&n.process_slug, n.kind, &n.about)
    ));
    lines.join("\n")
}

fn settings_line(lang: Lang, public_url: &str) -> String {
    lang.t_with(
        "mail-notification-settings",
        &[("link", format!("{public_url}{}", paths::account()))],
    )
}

/// One notification sent at once.
pub fn notification(lang: Lang, public_url: &str, n: &UnmailedNotification) -> Composed {
    Composed {
        subject: lang.t_with(
            "mail-notification-subject",
            &[("reference", notifications::named(&n.about).0.to_string())],
        ),
        body: signed(
            lang,
            vec![
                greeting(lang, &n.display_name),
                item(lang, public_url, n),
                settings_line(lang, public_url),
            ],
        ),
    }
}

/// The notifications of one day (`items`, all of one account), together.
pub fn digest(
    lang: Lang,
    public_url: &str,
    day: NaiveDate,
    items: &[&UnmailedNotification],
) -> Composed {
    let day = day.format("%Y-%m-%d").to_string();
    let name = items.first().map_or("", |n| n.display_name.as_str());
    let mut paragraphs = vec![
        greeting(lang, name),
        lang.t_with(
            "mail-digest-intro",
            &[("day", day.clone()), ("count", items.len().to_string())],
        ),
    ];
    paragraphs.extend(items.iter().map(|n| item(lang, public_url, n)));
    paragraphs.push(settings_line(lang, public_url));
    Composed {
        subject: lang.t_with("mail-digest-subject", &[("day", day)]),
        body: signed(lang, paragraphs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::notifications::{Delivery, NotificationKind};
    use crate::domain::proposals::review::DecisionKind;

    fn notification_of(reference: &str, rationale: &str) -> UnmailedNotification {
        UnmailedNotification {
            id: 1,
            account_id: 2,
            email: "amal@example.org".into(),
            display_name: "Amal Author".into(),
            language: None,
            reachable: true,
            kind: NotificationKind::Decision,
            delivery: Delivery::DailyDigest,
            created_at: chrono::NaiveDate::from_ymd_opt(2018, 7, 5)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .expect("a time"),
            process_slug: "gcm".into(),
            process_title: "Global Compact".into(),
            about: About::Proposal {
                reference: reference.into(),
                title: "Safe corridors".into(),
                group_number: 1,
                decision: Some(DecisionKind::Accept),
                rationale: rationale.into(),
            },
            note: String::new(),
        }
    }

    #[test]
    fn a_confirmation_carries_its_link_in_the_recipients_language() {
        let token = "tok-123";
        for lang in Lang::ALL {
            let mail = confirmation(lang, "Amal", "https://concord.example", token);
            assert!(
                mail.body
                    .contains("https://concord.example/account/confirm/tok-123"),
                "{lang:?}: {}",
                mail.body
            );
            assert!(mail.body.contains("Amal"));
            assert!(!mail.subject.starts_with("mail-"), "{lang:?} subject");
            assert!(!mail.body.contains("mail-"), "{lang:?} body has a key");
        }
        let french = confirmation(Lang::Fr, "Amal", "https://c.example", token);
        let english = confirmation(Lang::En, "Amal", "https://c.example", token);
        assert_ne!(french.subject, english.subject);
    }

    #[test]
    fn a_reset_mail_says_how_long_its_link_works() {
        let mail = password_reset(Lang::En, "Amal", "https://c.example", "abc");
        assert!(mail.body.contains("https://c.example/account/reset/abc"));
        assert!(mail.body.contains("60"), "{}", mail.body);
    }

    #[test]
    fn a_digest_lists_every_notification_of_its_day_with_its_link() {
        let first = notification_of("TST/P/1", "Well argued.");
        let second = notification_of("TST/P/2", "");
        let day = chrono::NaiveDate::from_ymd_opt(2018, 7, 5).expect("a day");
        let mail = digest(Lang::En, "https://c.example", day, &[&first, &second]);
        assert!(mail.subject.contains("2018-07-05"), "{}", mail.subject);
        for reference in ["TST-P-1", "TST-P-2"] {
            assert!(
                mail.body
                    .contains(&format!("https://c.example/p/gcm/proposals/{reference}")),
                "{}",
                mail.body
            );
        }
        assert!(mail.body.contains("Well argued."));
        assert!(mail.body.contains("https://c.example/account"));
        let single = notification(Lang::Es, "https://c.example", &first);
        assert!(single.subject.contains("TST/P/1"));
    }

    #[test]
    fn an_unknown_or_missing_language_reads_as_english() {
        assert_eq!(language_of(None), Lang::En);
        assert_eq!(language_of(Some("de")), Lang::En);
        assert_eq!(language_of(Some("ar")), Lang::Ar);
    }
}
