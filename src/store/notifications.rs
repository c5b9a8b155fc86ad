//! In-app notifications: each account's choice of delivery, the recipients of a decision,
//! and the notifications themselves, read and marked read. When a notification shows is
//! decided by `domain::notifications` and stored with it.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    accounts, co_sponsorships, notification_settings, notifications, processes, proposal_decisions,
    proposals, role_assignments,
};
use crate::domain::ids::ProposalId;
use crate::domain::notifications::{Delivery, NotificationKind};
use crate::domain::proposals::CoSponsorStatus;
use crate::domain::proposals::review::DecisionKind;
use crate::domain::roles::Role;

/// How the account receives its notifications; at once unless it chose otherwise.
pub fn delivery_of(conn: &mut DbConnection, account_id: i64) -> QueryResult<Delivery> {
    let stored: Option<Delivery> = notification_settings::table
        .find(account_id)
        .select(notification_settings::delivery)
        .first(conn)
        .optional()?;
    // No row: the account never chose. A row with an unknown value failed the read.
    Ok(stored.unwrap_or_default())
}

/// Keeps the account's choice; call inside a write transaction.
pub fn set_delivery(
    conn: &mut DbConnection,
    account_id: i64,
    delivery: Delivery,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let changed = diesel::update(notification_settings::table.find(account_id))
        .set((
            notification_settings::delivery.eq(delivery),
            notification_settings::updated_at.eq(now),
        ))
        .execute(conn)?;
    if changed == 0 {
        diesel::insert_into(notification_settings::table)
            .values((
                notification_settings::account_id.eq(account_id),
                notification_settings::delivery.eq(delivery),
                notification_settings::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Who hears of a decision on a proposal, with how each wants to: its author, and the
/// accredited stakeholders of the organisations that co-sponsor it. Disabled accounts
/// hear nothing. One query.
pub fn recipients_of(
    conn: &mut DbConnection,
    process_id: i64,
    proposal_id: ProposalId,
    author_id: i64,
) -> QueryResult<Vec<(i64, Delivery)>> {
    let sponsors = co_sponsorships::table
        .filter(co_sponsorships::proposal_id.eq(proposal_id))
        .filter(co_sponsorships::status.eq(CoSponsorStatus::Accepted))
        .select(co_sponsorships::organisation_id.nullable());
    let accredited = role_assignments::table
        .filter(role_assignments::process_id.eq(process_id))
        .filter(role_assignments::role.eq(Role::Stakeholder))
        .select(role_assignments::account_id);
    let rows: Vec<(i64, Option<Delivery>)> = accounts::table
        .left_join(notification_settings::table)
        .filter(accounts::disabled.eq(false))
        .filter(
            accounts::id.eq(author_id).or(accounts::organisation_id
                .eq_any(sponsors)
                .and(accounts::id.eq_any(accredited))),
        )
        .order(accounts::id)
        .select((accounts::id, notification_settings::delivery.nullable()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        // No settings row (the left join's null): the account never chose.
        .map(|(id, delivery)| (id, delivery.unwrap_or_default()))
        .collect())
}

/// One notification to keep.
#[derive(Debug, Clone, Copy)]
pub struct NewNotification {
    pub account_id: i64,
    pub process_id: i64,
    pub proposal_id: ProposalId,
    pub decision_id: Option<i64>,
    pub kind: NotificationKind,
    pub delivery: Delivery,
    pub now: NaiveDateTime,
}

pub fn notify(conn: &mut DbConnection, n: &NewNotification) -> QueryResult<()> {
    diesel::insert_into(notifications::table)
        .values((
            notifications::account_id.eq(n.account_id),
            notifications::process_id.eq(n.process_id),
            notifications::proposal_id.eq(n.proposal_id),
            notifications::decision_id.eq(n.decision_id),
            notifications::kind.eq(n.kind),
            notifications::delivery.eq(n.delivery),
            notifications::created_at.eq(n.now),
            notifications::visible_from.eq(n.delivery.visible_from(n.now)),
        ))
        .execute(conn)
        .map(drop)
}

/// How many notifications the account has not read that show by `now`: one query, for the
/// navigation of every page.
pub fn unread_count(
    conn: &mut DbConnection,
    account_id: i64,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    notifications::table
        .filter(notifications::account_id.eq(account_id))
        .filter(notifications::read_at.is_null())
        .filter(notifications::visible_from.le(now))
        .select(count_star())
        .first(conn)
}

/// A notification as its page shows it.
#[derive(Debug, Clone)]
pub struct NotificationView {
    pub id: i64,
    pub kind: NotificationKind,
    pub delivery: Delivery,
    pub created_at: NaiveDateTime,
    pub unread: bool,
    pub process_slug: String,
    pub process_title: String,
    pub reference: String,
    pub title: String,
    pub decision: Option<DecisionKind>,
    pub rationale: String,
}

type NotificationData = (
    i64,
    NotificationKind,
    Delivery,
    NaiveDateTime,
    Option<NaiveDateTime>,
    String,
    String,
    Option<String>,
    String,
    Option<DecisionKind>,
    Option<String>,
);

/// The account's notifications that show by `now`, newest first, at most `limit`: one query.
pub fn visible_notifications(
    conn: &mut DbConnection,
    account_id: i64,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<NotificationView>> {
    let rows: Vec<NotificationData> = notifications::table
        .inner_join(processes::table)
        .inner_join(proposals::table.on(proposals::id.eq(notifications::proposal_id)))
        .left_join(proposal_decisions::table)
        .filter(notifications::account_id.eq(account_id))
        .filter(notifications::visible_from.le(now))
        .order((notifications::created_at.desc(), notifications::id.desc()))
        .limit(limit)
        .select((
            notifications::id,
            notifications::kind,
            notifications::delivery,
            notifications::created_at,
            notifications::read_at,
            processes::slug,
            processes::title,
            proposals::reference,
            proposals::title,
            proposal_decisions::kind.nullable(),
            proposal_decisions::rationale.nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| NotificationView {
            id: r.0,
            kind: r.1,
            delivery: r.2,
            created_at: r.3,
            unread: r.4.is_none(),
            process_slug: r.5,
            process_title: r.6,
            reference: r.7.unwrap_or_default(),
            title: r.8,
            decision: r.9,
            rationale: r.10.unwrap_or_default(),
        })
        .collect())
}

/// Marks read every notification of the account that shows by `now`; returns how many.
pub fn mark_read(
    conn: &mut DbConnection,
    account_id: i64,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        notifications::table
            .filter(notifications::account_id.eq(account_id))
            .filter(notifications::read_at.is_null())
            .filter(notifications::visible_from.le(now)),
    )
    .set(notifications::read_at.eq(Some(now)))
    .execute(conn)
}
