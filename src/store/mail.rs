//! Email in the database: confirmed addresses, the tokens of the links mails carry, the
//! outbox and its leases, and the notifications not yet written to it. The rules (kinds,
//! lifetimes, leases, keys) are `domain::mail`'s; none of this knows SMTP.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    account_tokens, accounts, action_groups, contributions, documents, notifications, outbox,
    processes, proposal_decisions, proposals, revisions,
};
use crate::domain::mail::{MailKind, TokenPurpose};
use crate::domain::notifications::{Delivery, NotificationKind};
use crate::store::notifications::{About, ContributionPart, ProposalPart, RevisionPart, about_of};

/// Marks the account's address confirmed (once: a later confirmation keeps the first time).
pub fn confirm_address(
    conn: &mut DbConnection,
    account_id: i64,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(
        accounts::table
            .find(account_id)
            .filter(accounts::email_confirmed_at.is_null()),
    )
    .set(accounts::email_confirmed_at.eq(Some(now)))
    .execute(conn)
    .map(drop)
}

/// Keeps the hash of a token sent by mail; call inside a write transaction.
pub fn insert_token(
    conn: &mut DbConnection,
    token_hash: &str,
    account_id: i64,
    purpose: TokenPurpose,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(account_tokens::table)
        .values((
            account_tokens::token_hash.eq(token_hash),
            account_tokens::account_id.eq(account_id),
            account_tokens::purpose.eq(purpose),
            account_tokens::created_at.eq(now),
            account_tokens::expires_at.eq(purpose.expires(now)),
        ))
        .execute(conn)
        .map(drop)
}

/// The account whose token this is, if it is for `purpose`, unused and not expired at `now`.
pub fn token_account(
    conn: &mut DbConnection,
    token_hash: &str,
    purpose: TokenPurpose,
    now: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    account_tokens::table
        .find(token_hash)
        .filter(account_tokens::purpose.eq(purpose))
        .filter(account_tokens::used_at.is_null())
        .filter(account_tokens::expires_at.gt(now))
        .select(account_tokens::account_id)
        .first(conn)
        .optional()
}

/// Spends a token: the account it was for, if it was still good at `now`. The update is the
/// test, so of two uses at once only one gets the account. Call inside a write transaction.
pub fn spend_token(
    conn: &mut DbConnection,
    token_hash: &str,
    purpose: TokenPurpose,
    now: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    let Some(account_id) = token_account(conn, token_hash, purpose, now)? else {
        return Ok(None);
    };
    let spent = diesel::update(
        account_tokens::table
            .find(token_hash)
            .filter(account_tokens::purpose.eq(purpose))
            .filter(account_tokens::used_at.is_null())
            .filter(account_tokens::expires_at.gt(now)),
    )
    .set(account_tokens::used_at.eq(Some(now)))
    .execute(conn)?;
    Ok((spent == 1).then_some(account_id))
}

/// Spends every other unused token of the account for `purpose` (a password set through one
/// reset link ends the others).
pub fn spend_tokens_of(
    conn: &mut DbConnection,
    account_id: i64,
    purpose: TokenPurpose,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        account_tokens::table
            .filter(account_tokens::account_id.eq(account_id))
            .filter(account_tokens::purpose.eq(purpose))
            .filter(account_tokens::used_at.is_null()),
    )
    .set(account_tokens::used_at.eq(Some(now)))
    .execute(conn)
}

/// A message to write to the outbox.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub kind: MailKind,
    pub account_id: Option<i64>,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    /// Set for a message that must never be written twice.
    pub dedupe_key: Option<String>,
}

/// Writes a message to the outbox; `false` when one with its key was written before (then
/// nothing is). Call inside the write transaction of what it tells.
pub fn enqueue(conn: &mut DbConnection, mail: &NewMail, now: NaiveDateTime) -> QueryResult<bool> {
    let insert = diesel::insert_into(outbox::table)
        .values((
            outbox::kind.eq(mail.kind),
            outbox::account_id.eq(mail.account_id),
            outbox::recipient.eq(&mail.recipient),
            outbox::subject.eq(&mail.subject),
            outbox::body_text.eq(&mail.body_text),
            outbox::dedupe_key.eq(mail.dedupe_key.as_deref()),
            outbox::created_at.eq(now),
            outbox::attempts.eq(0),
        ))
        .on_conflict_do_nothing();
    // Upserts are each backend's own syntax: run on the backend's connection.
    let written = match conn {
        DbConnection::Postgresql(pg) => insert.execute(pg)?,
        DbConnection::Sqlite(lite) => insert.execute(lite)?,
    };
    Ok(written == 1)
}

/// A message as the sender reads it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxMail {
    pub id: i64,
    pub kind: MailKind,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub created_at: NaiveDateTime,
    pub attempts: i32,
}

/// The ids of up to `limit` unsent messages free to claim at `now`, oldest first.
pub fn due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    max_attempts: i32,
    limit: i64,
) -> QueryResult<Vec<i64>> {
    outbox::table
        .filter(outbox::sent_at.is_null())
        .filter(
            outbox::claimed_until
                .is_null()
                .or(outbox::claimed_until.lt(now)),
        )
        .filter(outbox::attempts.lt(max_attempts))
        .order(outbox::id)
        .limit(limit)
        .select(outbox::id)
        .load(conn)
}

/// Claims a message until `until`, counting one attempt: the message, or `None` when another
/// sender claimed it first or it was sent meanwhile. The update is the test, so two senders
/// never both claim one message.
pub fn claim(
    conn: &mut DbConnection,
    id: i64,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<Option<OutboxMail>> {
    let claimed = diesel::update(
        outbox::table
            .find(id)
            .filter(outbox::sent_at.is_null())
            .filter(
                outbox::claimed_until
                    .is_null()
                    .or(outbox::claimed_until.lt(now)),
            ),
    )
    .set((
        outbox::claimed_until.eq(Some(until)),
        outbox::attempts.eq(outbox::attempts + 1),
    ))
    .execute(conn)?;
    if claimed == 0 {
        return Ok(None);
    }
    outbox::table
        .find(id)
        .select(OutboxMail::as_select())
        .first(conn)
        .optional()
}

/// Marks a message sent; a body that held a live link is emptied.
pub fn mark_sent(
    conn: &mut DbConnection,
    id: i64,
    kind: MailKind,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let sent = diesel::update(outbox::table.find(id));
    if kind.carries_secret() {
        sent.set((
            outbox::sent_at.eq(Some(now)),
            outbox::last_error.eq(None::<String>),
            outbox::body_text.eq(""),
        ))
        .execute(conn)?;
    } else {
        sent.set((
            outbox::sent_at.eq(Some(now)),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)?;
    }
    Ok(())
}

/// Keeps why a message could not be sent, and holds it until `retry_at`.
pub fn mark_failed(
    conn: &mut DbConnection,
    id: i64,
    retry_at: NaiveDateTime,
    error: &str,
) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::claimed_until.eq(Some(retry_at)),
            outbox::last_error.eq(Some(error)),
        ))
        .execute(conn)
        .map(drop)
}

/// A notification that shows by now and was not yet written to the outbox, with what its
/// mail tells and to whom.
#[derive(Debug, Clone)]
pub struct UnmailedNotification {
    pub id: i64,
    pub account_id: i64,
    pub email: String,
    pub display_name: String,
    pub language: Option<String>,
    /// Whether the account may be sent mail: its address confirmed, the account enabled.
    pub reachable: bool,
    pub kind: NotificationKind,
    pub delivery: Delivery,
    pub created_at: NaiveDateTime,
    pub process_slug: String,
    pub process_title: String,
    pub about: About,
    /// The moderator's reason, for a contribution hidden or shown again.
    pub note: String,
}

type UnmailedRow = (
    (
        i64,
        i64,
        NotificationKind,
        Delivery,
        NaiveDateTime,
        Option<String>,
    ),
    (String, String, Option<String>, Option<NaiveDateTime>, bool),
    (String, String),
    ProposalPart,
    ContributionPart,
    RevisionPart,
);

/// Up to `limit` notifications that show by `now` and are not yet in the outbox, by account
/// and then age: one query, joining each possible subject as the notifications page does.
pub fn unmailed_notifications(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<UnmailedNotification>> {
    let rows: Vec<UnmailedRow> = notifications::table
        .inner_join(accounts::table)
        .inner_join(processes::table)
        .left_join(proposals::table.on(proposals::id.nullable().eq(notifications::proposal_id)))
        .left_join(proposal_decisions::table)
        .left_join(action_groups::table.on(action_groups::id.eq(proposals::group_id)))
        .left_join(
            contributions::table.on(contributions::id
                .nullable()
                .eq(notifications::contribution_id)),
        )
        .left_join(revisions::table.on(revisions::id.nullable().eq(notifications::revision_id)))
        .left_join(documents::table.on(documents::id.eq(revisions::document_id)))
        .filter(notifications::mailed_at.is_null())
        .filter(notifications::visible_from.le(now))
        .order((
            notifications::account_id,
            notifications::created_at,
            notifications::id,
        ))
        .limit(limit)
        .select((
            (
                notifications::id,
                notifications::account_id,
                notifications::kind,
                notifications::delivery,
                notifications::created_at,
                notifications::note,
            ),
            (
                accounts::email,
                accounts::display_name,
                accounts::language,
                accounts::email_confirmed_at,
                accounts::disabled,
            ),
            (processes::slug, processes::title),
            (
                proposals::reference.nullable(),
                proposals::title.nullable(),
                action_groups::number.nullable(),
                proposal_decisions::kind.nullable(),
                proposal_decisions::rationale.nullable(),
            ),
            (contributions::reference.nullable(),),
            (
                documents::slug.nullable(),
                documents::title.nullable(),
                revisions::slug.nullable(),
                revisions::label.nullable(),
            ),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(n, a, p, proposal, contribution, revision)| {
            Some(UnmailedNotification {
                id: n.0,
                account_id: n.1,
                kind: n.2,
                delivery: n.3,
                created_at: n.4,
                note: n.5.unwrap_or_default(),
                email: a.0,
                display_name: a.1,
                language: a.2,
                reachable: a.3.is_some() && !a.4,
                process_slug: p.0,
                process_title: p.1,
                about: about_of(proposal, contribution, revision)?,
            })
        })
        .collect())
}

/// Marks notifications written to the outbox (or passed over: an address not confirmed).
pub fn mark_mailed(conn: &mut DbConnection, ids: &[i64], now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(notifications::table.filter(notifications::id.eq_any(ids)))
        .set(notifications::mailed_at.eq(Some(now)))
        .execute(conn)
        .map(drop)
}

/// Marks every notification not yet mailed as if it were (a loaded demo's).
pub fn mark_all_mailed(conn: &mut DbConnection, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(notifications::table.filter(notifications::mailed_at.is_null()))
        .set(notifications::mailed_at.eq(Some(now)))
        .execute(conn)
}

/// Forgets the tokens that stopped working before `before` (used or expired): a link that
/// no longer works needs no row.
pub fn delete_stale_tokens(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(
        account_tokens::table.filter(
            account_tokens::expires_at
                .lt(before)
                .or(account_tokens::used_at.lt(before)),
        ),
    )
    .execute(conn)
}
