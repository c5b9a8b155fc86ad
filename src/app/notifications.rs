//! A person's notifications: reading them (which marks them read) and choosing how they
//! arrive. Grouping them for the page is the web layer's; deciding who hears of what is each
//! use case's, which writes them through `tell` in the transaction of the event.

use super::{Person, Result};
use crate::db::DbConnection;
use crate::domain::notifications::{Delivery, NotificationKind};
use crate::i18n::Lang;
use crate::paths;
use crate::store::audit::{self, Entry};
use crate::store::notifications::{
    self as store, About, NewNotification, NotificationView, Subject,
};

/// Writes a notification of `kind` about `subject` to each recipient, as each chose to
/// receive it, but not to the one who acted: nobody is told what they did themselves. Call
/// inside the transaction that did it.
pub fn tell(
    conn: &mut DbConnection,
    recipients: &[(i64, Delivery)],
    actor_id: i64,
    process_id: i64,
    subject: Subject<'_>,
    kind: NotificationKind,
) -> Result<()> {
    let now = crate::store::now();
    for &(account_id, delivery) in recipients {
        if account_id == actor_id {
            continue;
        }
        store::notify(
            conn,
            &NewNotification {
                account_id,
                process_id,
                subject,
                kind,
                delivery,
                now,
            },
        )?;
    }
    Ok(())
}

/// The most the page lists; older ones are long read.
const SHOWN: i64 = 200;

/// The notifications that show now, newest first; they are marked read, since seeing them is
/// reading them.
pub fn read_notifications(
    conn: &mut DbConnection,
    person: Person,
    lang: Lang,
) -> Result<Vec<NotificationView>> {
    let now = crate::store::now();
    let mut shown = store::visible_notifications(conn, person.account_id, now, SHOWN)?;
    if shown.iter().any(|n| n.unread) {
        store::mark_read(conn, person.account_id, now)?;
    }
    // Each process's title in the reader's language.
    let titles = super::processes::ProcessTitles::load(conn)?;
    for n in &mut shown {
        let title = titles.of(lang, &n.process_slug, &n.process_title);
        let (text, title_lang) = (title.text.to_string(), title.lang);
        n.process_title = text;
        n.process_title_lang = title_lang;
    }
    Ok(shown)
}

/// Keeps the person's choice of delivery.
pub fn choose_delivery(conn: &mut DbConnection, person: Person, delivery: Delivery) -> Result<()> {
    let account_id = person.account_id;
    super::transaction(conn, |conn| {
        store::set_delivery(conn, account_id, delivery, crate::store::now())?;
        audit::record(
            conn,
            Entry {
                actor_id: Some(account_id),
                process_id: None,
                action: "account.notifications",
                subject: format!("account:{account_id}"),
                detail: serde_json::json!({ "delivery": delivery.as_str() }),
            },
        )?;
        Ok(())
    })
}

/// The message that says what happened, as the notifications page and the mail say it.
pub fn message_key(kind: NotificationKind, about: &About) -> String {
    match (about, kind) {
        (
            About::Proposal {
                decision: Some(decision),
                ..
            },
            _,
        ) => format!("notifications-{}", decision.as_str()),
        (_, NotificationKind::RevisionRequested) => "notifications-request-revision".to_string(),
        (_, kind) => format!("notifications-{}", kind.as_str()),
    }
}

/// Where a notification leads: the proposal (its review, for rapporteurs told of a
/// submission), the contribution, or the published revision.
pub fn path_of(process: &str, kind: NotificationKind, about: &About) -> String {
    match about {
        About::Proposal {
            reference,
            group_number,
            ..
        } => match kind {
            NotificationKind::ProposalArrived | NotificationKind::ProposalResubmitted => {
                paths::review(process, group_number, reference)
            }
            _ => paths::proposal(process, reference),
        },
        About::Contribution { reference } => paths::contribution(process, reference),
        About::Revision {
            document_slug,
            revision_slug,
            ..
        } => paths::document_revision(process, document_slug, revision_slug),
    }
}

/// The reference (or a revision's label) and the title that name what a notification is about.
pub fn named(about: &About) -> (&str, &str) {
    match about {
        About::Proposal {
            reference, title, ..
        } => (reference, title),
        About::Contribution { reference } => (reference, ""),
        About::Revision {
            document_title,
            label,
            ..
        } => (label, document_title),
    }
}
