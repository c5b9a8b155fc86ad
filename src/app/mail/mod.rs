//! Email as use cases: writing the links mails carry (in the transaction of what asks for
//! them), turning notifications into mail (one at once, or one digest per account and day),
//! and the sender's claims on the outbox. Sending itself is `crate::mail`'s; nothing here
//! knows SMTP or HTTP.
//!
//! A message is written to the outbox in the same transaction as the event it tells, so it
//! is neither lost nor written for an event that did not happen; the sender claims it with a
//! lease (`domain::mail::LEASE`), sends it, and marks it sent. A restart sends what was left
//! unsent, once: only a sender that dies between the SMTP server's answer and marking the
//! message sent leaves a message to be sent again when its lease ends.

pub mod compose;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::Result;
use crate::db::DbConnection;
use crate::domain::mail::{self, MailKind, TokenPurpose};
use crate::domain::notifications::Delivery;
use crate::security::tokens;
use crate::store::accounts::Account;
use crate::store::mail::{self as store, NewMail, OutboxMail, UnmailedNotification};

/// Writes a confirmation link for the account's address to the outbox; call inside the
/// write transaction that asks for it.
pub fn queue_confirmation(
    conn: &mut DbConnection,
    account: &Account,
    public_url: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let token = tokens::random_token();
    store::insert_token(
        conn,
        &tokens::token_hash(&token),
        account.id,
        TokenPurpose::ConfirmAddress,
        now,
    )?;
    let lang = compose::language_of(account.language.as_deref());
    let composed = compose::confirmation(lang, &account.display_name, public_url, &token);
    store::enqueue(
        conn,
        &NewMail {
            kind: MailKind::ConfirmAddress,
            account_id: Some(account.id),
            recipient: account.email.clone(),
            subject: composed.subject,
            body_text: composed.body,
            dedupe_key: None,
        },
        now,
    )?;
    Ok(())
}

/// Writes a password-reset link to the outbox, its token being `token` (whose hash is
/// `token_hash`); call inside the write transaction that asks for it.
pub fn queue_password_reset(
    conn: &mut DbConnection,
    account: &Account,
    token: &str,
    token_hash: &str,
    public_url: &str,
    now: NaiveDateTime,
) -> Result<()> {
    store::insert_token(
        conn,
        token_hash,
        account.id,
        TokenPurpose::ResetPassword,
        now,
    )?;
    let lang = compose::language_of(account.language.as_deref());
    let composed = compose::password_reset(lang, &account.display_name, public_url, token);
    store::enqueue(
        conn,
        &NewMail {
            kind: MailKind::ResetPassword,
            account_id: Some(account.id),
            recipient: account.email.clone(),
            subject: composed.subject,
            body_text: composed.body,
            dedupe_key: None,
        },
        now,
    )?;
    Ok(())
}

/// Notifications read per round; more wait for the next.
const NOTIFICATIONS_PER_ROUND: i64 = 500;

/// Writes to the outbox the notifications that show by now and are not yet in it: one mail
/// for each sent at once, one digest per account and day for the rest, each under its key,
/// so that two senders (or one after a restart) cannot write the same one twice. Accounts
/// whose address is not confirmed, or that are disabled, are passed over. One transaction;
/// returns how many messages were written.
pub fn queue_notifications(conn: &mut DbConnection, public_url: &str) -> Result<usize> {
    super::transaction(conn, |conn| {
        let now = crate::store::now();
        let mut pending = store::unmailed_notifications(conn, now, NOTIFICATIONS_PER_ROUND)?;
        if pending.is_empty() {
            return Ok(0);
        }
        // A full round may have cut the last account's day in two: that day waits for the
        // next round whole, since its digest can be written only once (unless it is all
        // there is, which then goes as it is rather than never).
        if pending.len() as i64 == NOTIFICATIONS_PER_ROUND
            && let Some(last) = pending.last()
        {
            let cut = (last.account_id, mail::digest_day(last.created_at));
            let whole = pending
                .iter()
                .position(|n| (n.account_id, mail::digest_day(n.created_at)) == cut)
                .unwrap_or(0);
            if whole > 0 {
                pending.truncate(whole);
            }
        }
        let mut written = 0;
        let mut digests: BTreeMap<(i64, NaiveDate), Vec<&UnmailedNotification>> = BTreeMap::new();
        // Each process's title in its recipient's language.
        let titles = super::processes::ProcessTitles::load(conn)?;
        for n in pending.iter_mut() {
            let lang = compose::language_of(n.language.as_deref());
            n.process_title = titles
                .of(lang, &n.process_slug, &n.process_title)
                .text
                .to_string();
        }
        for n in pending.iter().filter(|n| n.reachable) {
            match n.delivery {
                Delivery::Immediate => {
                    let lang = compose::language_of(n.language.as_deref());
                    let composed = compose::notification(lang, public_url, n);
                    let mail = NewMail {
                        kind: MailKind::Notification,
                        account_id: Some(n.account_id),
                        recipient: n.email.clone(),
                        subject: composed.subject,
                        body_text: composed.body,
                        dedupe_key: Some(mail::notification_key(n.id)),
                    };
                    written += usize::from(store::enqueue(conn, &mail, now)?);
                }
                Delivery::DailyDigest => digests
                    .entry((n.account_id, mail::digest_day(n.created_at)))
                    .or_default()
                    .push(n),
            }
        }
        for ((account_id, day), items) in &digests {
            let Some(first) = items.first() else {
                continue;
            };
            let lang = compose::language_of(first.language.as_deref());
            let composed = compose::digest(lang, public_url, *day, items);
            let mail = NewMail {
                kind: MailKind::Digest,
                account_id: Some(*account_id),
                recipient: first.email.clone(),
                subject: composed.subject,
                body_text: composed.body,
                dedupe_key: Some(mail::digest_key(*account_id, *day)),
            };
            written += usize::from(store::enqueue(conn, &mail, now)?);
        }
        let ids: Vec<i64> = pending.iter().map(|n| n.id).collect();
        store::mark_mailed(conn, &ids, now)?;
        Ok(written)
    })
}

/// Claims up to `limit` messages that are due, each for the lease: what this sender sends
/// now. Each claim is its own short transaction.
pub fn claim_due(conn: &mut DbConnection, limit: i64) -> Result<Vec<OutboxMail>> {
    let now = crate::store::now();
    let ids = store::due(conn, now, mail::MAX_ATTEMPTS, limit)?;
    let mut claimed = Vec::with_capacity(ids.len());
    for id in ids {
        let taken = super::transaction(conn, |conn| {
            Ok(store::claim(conn, id, now, now + mail::LEASE)?)
        })?;
        claimed.extend(taken);
    }
    Ok(claimed)
}

/// Records that a claimed message was sent.
pub fn sent(conn: &mut DbConnection, message: &OutboxMail) -> Result<()> {
    let now = crate::store::now();
    super::transaction(conn, |conn| {
        Ok(store::mark_sent(conn, message.id, message.kind, now)?)
    })
}

/// Records why a claimed message could not be sent; it is tried again later, until
/// `domain::mail::MAX_ATTEMPTS`.
pub fn failed(conn: &mut DbConnection, message: &OutboxMail, error: &str) -> Result<()> {
    let retry_at = crate::store::now() + mail::retry_delay(message.attempts);
    // An error message is for the operator; a long one is cut to keep the row small.
    let error: String = error.chars().take(500).collect();
    super::transaction(conn, |conn| {
        Ok(store::mark_failed(conn, message.id, retry_at, &error)?)
    })
}

/// Forgets the links that stopped working more than a day ago.
pub fn prune_tokens(conn: &mut DbConnection) -> Result<usize> {
    let before = crate::store::now() - chrono::TimeDelta::days(1);
    Ok(store::delete_stale_tokens(conn, before)?)
}
