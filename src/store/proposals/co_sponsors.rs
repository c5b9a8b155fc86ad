//! Invitations to co-sponsor a proposal, and the invited organisations' answers.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{accounts, co_sponsorships, organisations, role_assignments};
use crate::domain::ids::ProposalId;
use crate::domain::proposals::CoSponsorStatus;
use crate::domain::roles::{Role, StakeholderCategory};

/// An organisation invited to co-sponsor a proposal, and its answer.
#[derive(Debug, Clone, Queryable)]
pub struct CoSponsorship {
    pub id: i64,
    pub organisation_id: i64,
    pub organisation: String,
    pub category: StakeholderCategory,
    pub status: CoSponsorStatus,
    pub invited_at: NaiveDateTime,
    pub responded_at: Option<NaiveDateTime>,
}

impl CoSponsorship {
    pub fn status(&self) -> CoSponsorStatus {
        self.status
    }

    pub fn category(&self) -> StakeholderCategory {
        self.category
    }
}

/// The invitations of a proposal, in the order they were sent.
pub fn co_sponsorships_of(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
) -> QueryResult<Vec<CoSponsorship>> {
    co_sponsorships::table
        .inner_join(organisations::table)
        .filter(co_sponsorships::proposal_id.eq(proposal_id))
        .order(co_sponsorships::id)
        .select((
            co_sponsorships::id,
            co_sponsorships::organisation_id,
            organisations::name,
            organisations::category,
            co_sponsorships::status,
            co_sponsorships::invited_at,
            co_sponsorships::responded_at,
        ))
        .load(conn)
}

/// The organisation with this name key (see `OrganisationName::key`).
pub fn organisation_id_by_name_key(conn: &mut DbConnection, key: &str) -> QueryResult<Option<i64>> {
    organisations::table
        .filter(organisations::name_key.eq(key))
        .select(organisations::id)
        .first(conn)
        .optional()
}

/// The organisations that have an accredited stakeholder in the process, whose account is
/// not disabled: those that can answer an invitation to co-sponsor. By name; one query.
pub fn accredited_organisations(
    conn: &mut DbConnection,
    process_id: i64,
) -> QueryResult<Vec<(i64, String)>> {
    let accredited = role_assignments::table
        .filter(role_assignments::process_id.eq(process_id))
        .filter(role_assignments::role.eq(Role::Stakeholder))
        .select(role_assignments::account_id);
    let speaking = accounts::table
        .filter(accounts::disabled.eq(false))
        .filter(accounts::id.eq_any(accredited))
        .select(accounts::organisation_id);
    organisations::table
        .filter(organisations::id.nullable().eq_any(speaking))
        .order((organisations::name, organisations::id))
        .select((organisations::id, organisations::name))
        .load(conn)
}

#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("this organisation is invited already")]
    AlreadyInvited,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// Invites an organisation to co-sponsor; call inside a write transaction.
pub fn invite(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
    organisation_id: i64,
    invited_by: i64,
    now: NaiveDateTime,
) -> Result<i64, InviteError> {
    let existing: i64 = co_sponsorships::table
        .filter(co_sponsorships::proposal_id.eq(proposal_id))
        .filter(co_sponsorships::organisation_id.eq(organisation_id))
        .count()
        .get_result(conn)?;
    if existing > 0 {
        return Err(InviteError::AlreadyInvited);
    }
    Ok(diesel::insert_into(co_sponsorships::table)
        .values((
            co_sponsorships::proposal_id.eq(proposal_id),
            co_sponsorships::organisation_id.eq(organisation_id),
            co_sponsorships::status.eq(CoSponsorStatus::Invited),
            co_sponsorships::invited_by.eq(invited_by),
            co_sponsorships::invited_at.eq(now),
        ))
        .returning(co_sponsorships::id)
        .get_result(conn)?)
}

/// Records an organisation's answer to its invitation; false if it was answered meanwhile.
pub fn answer_invitation(
    conn: &mut DbConnection,
    invitation_id: i64,
    from: CoSponsorStatus,
    to: CoSponsorStatus,
    by: i64,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let changed = diesel::update(
        co_sponsorships::table
            .find(invitation_id)
            .filter(co_sponsorships::status.eq(from)),
    )
    .set((
        co_sponsorships::status.eq(to),
        co_sponsorships::responded_by.eq(Some(by)),
        co_sponsorships::responded_at.eq(Some(now)),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}
