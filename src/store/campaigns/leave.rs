//! A copy leaving its campaign's counts (hidden by a moderator or withdrawn by its author),
//! and coming back to them (shown again by a moderator).

use diesel::prelude::*;

use super::{Campaign, add_copy_of, copies_of, set_copy};
use crate::db::DbConnection;
use crate::db::schema::{campaign_members, campaigns, contributions};
use crate::domain::contributions::ContributionStatus;
use crate::domain::ids::ContributionId;

/// A contribution just hidden or withdrawn no longer counts among its text's and campaign's
/// copies; if the lists showed the campaign through it, they now show the next public copy
/// (one carrying the letter first). Call in the same transaction, after its status changed.
pub fn left(conn: &mut DbConnection, id: ContributionId) -> QueryResult<()> {
    let member: Option<(i64, ContributionId)> = campaign_members::table
        .find(id)
        .select((campaign_members::campaign_id, campaign_members::text_id))
        .first(conn)
        .optional()?;
    let Some((campaign_id, text_id)) = member else {
        // A text of its own, if filed: one copy fewer carries it.
        return add_copy_of(conn, id, -1);
    };
    add_copy_of(conn, text_id, -1)?;
    // Counted first: the update locks the campaign's row for what is read next.
    diesel::update(campaigns::table.find(campaign_id))
        .set(campaigns::copies.eq(campaigns::copies - 1))
        .execute(conn)?;
    let campaign: Campaign = campaigns::table
        .find(campaign_id)
        .select(Campaign::as_select())
        .first(conn)?;
    let letter_copies = copies_of(conn, campaign.letter_id)?;
    diesel::update(campaigns::table.find(campaign_id))
        .set(campaigns::additions.eq(campaign.copies - letter_copies))
        .execute(conn)?;
    if campaign.listed_id != id {
        return Ok(());
    }
    // With no public copy left, the campaign stays listed through this one (a tombstone).
    if let Some(next) = next_listed(conn, &campaign)? {
        diesel::update(campaigns::table.find(campaign_id))
            .set(campaigns::listed_id.eq(next))
            .execute(conn)?;
        set_copy(conn, next, false)?;
        set_copy(conn, id, true)?;
    }
    Ok(())
}

/// The first public copy carrying the letter, or else the first public copy.
fn next_listed(
    conn: &mut DbConnection,
    campaign: &Campaign,
) -> QueryResult<Option<ContributionId>> {
    let public = || {
        campaign_members::table
            .inner_join(contributions::table)
            .filter(campaign_members::campaign_id.eq(campaign.id))
            .filter(contributions::status.eq(ContributionStatus::Submitted))
            .order(campaign_members::contribution_id)
            .select(campaign_members::contribution_id)
    };
    let carrying_letter = public()
        .filter(campaign_members::text_id.eq(campaign.letter_id))
        .first(conn)
        .optional()?;
    match carrying_letter {
        Some(next) => Ok(Some(next)),
        None => public().first(conn).optional(),
    }
}

/// A contribution a moderator made public again counts among its text's and campaign's
/// copies as it did before it was hidden (`left` undone); if the campaign was listed through
/// a copy no longer public, it is listed through this one. Call in the same transaction,
/// after its status changed back to submitted.
pub fn returned(conn: &mut DbConnection, id: ContributionId) -> QueryResult<()> {
    let member: Option<(i64, ContributionId)> = campaign_members::table
        .find(id)
        .select((campaign_members::campaign_id, campaign_members::text_id))
        .first(conn)
        .optional()?;
    let Some((campaign_id, text_id)) = member else {
        return add_copy_of(conn, id, 1);
    };
    add_copy_of(conn, text_id, 1)?;
    // Counted first: the update locks the campaign's row for what is read next.
    diesel::update(campaigns::table.find(campaign_id))
        .set(campaigns::copies.eq(campaigns::copies + 1))
        .execute(conn)?;
    let campaign: Campaign = campaigns::table
        .find(campaign_id)
        .select(Campaign::as_select())
        .first(conn)?;
    let letter_copies = copies_of(conn, campaign.letter_id)?;
    diesel::update(campaigns::table.find(campaign_id))
        .set(campaigns::additions.eq(campaign.copies - letter_copies))
        .execute(conn)?;
    if campaign.listed_id == id {
        return Ok(());
    }
    let listed_status: ContributionStatus = contributions::table
        .find(campaign.listed_id)
        .select(contributions::status)
        .first(conn)?;
    if listed_status == ContributionStatus::Submitted {
        // Listed through another public copy: this one is shown through it, as before.
        return set_copy(conn, id, true);
    }
    diesel::update(campaigns::table.find(campaign_id))
        .set(campaigns::listed_id.eq(id))
        .execute(conn)?;
    set_copy(conn, id, false)?;
    set_copy(conn, campaign.listed_id, true)
}
