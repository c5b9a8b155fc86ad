//! In-app notifications: each account's choice of delivery, the recipients of a decision,
//! and the notifications themselves, read and marked read. When a notification shows is
//! decided by `domain::notifications` and stored with it.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::Bool;

use crate::db::DbConnection;
use crate::db::schema::{
    accounts, action_groups, co_sponsorships, contributions, documents, notification_settings,
    notifications, processes, proposal_decisions, proposals, revisions, role_assignments,
};
use crate::domain::ids::{ContributionId, ProposalId};
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
    Ok(with_default_delivery(rows))
}

/// Those holding a process-wide `role` (the co-facilitators, say), with how each wants to
/// hear. Disabled accounts hear nothing. One query.
pub fn holders_of(
    conn: &mut DbConnection,
    process_id: i64,
    role: Role,
) -> QueryResult<Vec<(i64, Delivery)>> {
    hearers(conn, process_id, role, None)
}

/// The rapporteurs of one group, with how each wants to hear. Disabled accounts hear
/// nothing. One query.
pub fn rapporteurs_of(
    conn: &mut DbConnection,
    process_id: i64,
    group_id: i64,
) -> QueryResult<Vec<(i64, Delivery)>> {
    hearers(conn, process_id, Role::Rapporteur, Some(group_id))
}

/// The enabled accounts holding `role` in a process (in the group `group_id` names, if it
/// names one), with how each wants to hear.
fn hearers(
    conn: &mut DbConnection,
    process_id: i64,
    role: Role,
    group_id: Option<i64>,
) -> QueryResult<Vec<(i64, Delivery)>> {
    let any_group = group_id.is_none().into_sql::<Bool>();
    let holders = role_assignments::table
        .filter(role_assignments::process_id.eq(process_id))
        .filter(role_assignments::role.eq(role))
        .filter(role_assignments::group_id.eq(group_id).or(any_group))
        .select(role_assignments::account_id);
    let rows: Vec<(i64, Option<Delivery>)> = accounts::table
        .left_join(notification_settings::table)
        .filter(accounts::disabled.eq(false))
        .filter(accounts::id.eq_any(holders))
        .order(accounts::id)
        .select((accounts::id, notification_settings::delivery.nullable()))
        .load(conn)?;
    Ok(with_default_delivery(rows))
}

/// The accredited stakeholders of the process who speak for an organisation: who hears
/// that it is invited to co-sponsor. One query.
pub fn members_of(
    conn: &mut DbConnection,
    process_id: i64,
    organisation_id: i64,
) -> QueryResult<Vec<(i64, Delivery)>> {
    let accredited = role_assignments::table
        .filter(role_assignments::process_id.eq(process_id))
        .filter(role_assignments::role.eq(Role::Stakeholder))
        .select(role_assignments::account_id);
    let rows: Vec<(i64, Option<Delivery>)> = accounts::table
        .left_join(notification_settings::table)
        .filter(accounts::disabled.eq(false))
        .filter(accounts::organisation_id.eq(organisation_id))
        .filter(accounts::id.eq_any(accredited))
        .order(accounts::id)
        .select((accounts::id, notification_settings::delivery.nullable()))
        .load(conn)?;
    Ok(with_default_delivery(rows))
}

/// No settings row (a left join's null): the account never chose.
fn with_default_delivery(rows: Vec<(i64, Option<Delivery>)>) -> Vec<(i64, Delivery)> {
    rows.into_iter()
        .map(|(id, delivery)| (id, delivery.unwrap_or_default()))
        .collect()
}

/// What one notification is about: exactly one thing, as the table's check requires.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// A proposal, and the decision on it if the notification tells one.
    Proposal {
        id: ProposalId,
        decision_id: Option<i64>,
    },
    /// A contribution, and the moderator's reason for what was done to it.
    Contribution { id: ContributionId, reason: &'a str },
    /// A published revision of a document.
    Revision { id: i64 },
}

/// One notification to keep.
#[derive(Debug, Clone, Copy)]
pub struct NewNotification<'a> {
    pub account_id: i64,
    pub process_id: i64,
    pub subject: Subject<'a>,
    pub kind: NotificationKind,
    pub delivery: Delivery,
    pub now: NaiveDateTime,
}

pub fn notify(conn: &mut DbConnection, n: &NewNotification<'_>) -> QueryResult<()> {
    let (proposal_id, decision_id, contribution_id, revision_id, note) = match n.subject {
        Subject::Proposal { id, decision_id } => (Some(id), decision_id, None, None, None),
        Subject::Contribution { id, reason } => (None, None, Some(id), None, Some(reason)),
        Subject::Revision { id } => (None, None, None, Some(id), None),
    };
    diesel::insert_into(notifications::table)
        .values((
            notifications::account_id.eq(n.account_id),
            notifications::process_id.eq(n.process_id),
            notifications::proposal_id.eq(proposal_id),
            notifications::decision_id.eq(decision_id),
            notifications::contribution_id.eq(contribution_id),
            notifications::revision_id.eq(revision_id),
            notifications::note.eq(note),
            notifications::kind.eq(n.kind),
            notifications::delivery.eq(n.delivery),
            notifications::created_at.eq(n.now),
            notifications::visible_from.eq(n.delivery.visible_from(n.now)),
        ))
        .execute(conn)
        .map(drop)
}

/// The navigation counts unread notifications up to this many, and shows "99+" beyond: read
/// with the session on every signed-in request (`store::sessions::session_holder`), the count
/// stops reading there.
pub const UNREAD_BOUND: i64 = 100;

/// What a notification is about, as its page shows it.
#[derive(Debug, Clone)]
pub enum About {
    Proposal {
        reference: String,
        title: String,
        /// The number of its action group: rapporteurs are sent to its review.
        group_number: i32,
        decision: Option<DecisionKind>,
        rationale: String,
    },
    /// By its reference alone: a hidden contribution's words stay off every list.
    Contribution { reference: String },
    Revision {
        document_slug: String,
        document_title: String,
        revision_slug: String,
        label: String,
    },
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
    /// The title's language when it is not the reader's (no translation into theirs).
    pub process_title_lang: Option<crate::i18n::Lang>,
    pub about: About,
    /// The moderator's reason, for a contribution hidden or shown again.
    pub note: String,
}

type Head = (
    i64,
    NotificationKind,
    Delivery,
    NaiveDateTime,
    Option<NaiveDateTime>,
    String,
    String,
    Option<String>,
);
pub(crate) type ProposalPart = (
    Option<String>,
    Option<String>,
    Option<i32>,
    Option<DecisionKind>,
    Option<String>,
);
pub(crate) type ContributionPart = (Option<String>,);
pub(crate) type RevisionPart = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);
type NotificationData = (Head, ProposalPart, ContributionPart, RevisionPart);

/// The account's notifications that show by `now`, newest first, at most `limit`: one query.
pub fn visible_notifications(
    conn: &mut DbConnection,
    account_id: i64,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<NotificationView>> {
    let rows: Vec<NotificationData> = notifications::table
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
        .filter(notifications::account_id.eq(account_id))
        .filter(notifications::visible_from.le(now))
        .order((notifications::created_at.desc(), notifications::id.desc()))
        .limit(limit)
        .select((
            (
                notifications::id,
                notifications::kind,
                notifications::delivery,
                notifications::created_at,
                notifications::read_at,
                processes::slug,
                processes::title,
                notifications::note,
            ),
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
    Ok(rows.into_iter().filter_map(view_of).collect())
}

/// A row as its page shows it; `None` for one whose subject could not be read (the table's
/// check makes that impossible).
fn view_of((head, proposal, contribution, revision): NotificationData) -> Option<NotificationView> {
    Some(NotificationView {
        id: head.0,
        kind: head.1,
        delivery: head.2,
        created_at: head.3,
        unread: head.4.is_none(),
        process_slug: head.5,
        process_title: head.6,
        process_title_lang: None,
        about: about_of(proposal, contribution, revision)?,
        note: head.7.unwrap_or_default(),
    })
}

/// What a notification is about, from the outer joins of its three possible subjects (the
/// columns `visible_notifications` selects for each): the one that is there.
pub(crate) fn about_of(
    proposal: ProposalPart,
    contribution: ContributionPart,
    revision: RevisionPart,
) -> Option<About> {
    Some(match (proposal, contribution, revision) {
        ((reference, Some(title), group, decision, rationale), _, _) => About::Proposal {
            reference: reference.unwrap_or_default(),
            title,
            group_number: group.unwrap_or_default(),
            decision,
            rationale: rationale.unwrap_or_default(),
        },
        (_, (Some(reference),), _) => About::Contribution { reference },
        (_, _, (Some(document_slug), Some(document_title), Some(revision_slug), Some(label))) => {
            About::Revision {
                document_slug,
                document_title,
                revision_slug,
                label,
            }
        }
        _ => return None,
    })
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
