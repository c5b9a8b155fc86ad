//! The reads of campaigns: the campaigns a page of the list shows (one query for all its
//! rows), the campaign of one contribution, a campaign's page of differing copies (keyset,
//! from an index), and a process's counts for the statistics.

use diesel::prelude::*;

use super::Campaign;
use crate::db::DbConnection;
use crate::db::cached::any_of;
use crate::db::schema::{campaign_counts, campaign_members, campaigns, contributions};
use crate::domain::contributions::ContributionStatus;
use crate::domain::ids::ContributionId;
use crate::store::contributions::Contribution;

/// The campaigns listed through some of `ids` (the rows of one page of a list): one query.
pub fn listed_through(
    conn: &mut DbConnection,
    ids: &[ContributionId],
) -> QueryResult<Vec<Campaign>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    campaigns::table
        .filter(any_of(campaigns::listed_id, ids.iter().map(|id| id.0)))
        .select(Campaign::as_select())
        .load(conn)
}

/// The campaign numbers of those of `ids` that belong to one (a batch of open data): one
/// query.
pub fn campaign_numbers(
    conn: &mut DbConnection,
    ids: &[ContributionId],
) -> QueryResult<Vec<(ContributionId, i64)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    campaign_members::table
        .filter(any_of(
            campaign_members::contribution_id,
            ids.iter().map(|id| id.0),
        ))
        .select((
            campaign_members::contribution_id,
            campaign_members::campaign_id,
        ))
        .load(conn)
}

/// The campaign a contribution belongs to, if any.
pub fn of_contribution(
    conn: &mut DbConnection,
    id: ContributionId,
) -> QueryResult<Option<Campaign>> {
    campaign_members::table
        .inner_join(campaigns::table)
        .filter(campaign_members::contribution_id.eq(id))
        .select(Campaign::as_select())
        .first(conn)
        .optional()
}

/// A campaign of a process by its number.
pub fn campaign_in(
    conn: &mut DbConnection,
    process_id: i64,
    id: i64,
) -> QueryResult<Option<Campaign>> {
    campaigns::table
        .find(id)
        .filter(campaigns::process_id.eq(process_id))
        .select(Campaign::as_select())
        .first(conn)
        .optional()
}

/// Public copies of a campaign whose words differ from its letter's, in the order they
/// arrived, after `after`, at most `limit`. Walks the campaign's members in order (an
/// index), passing over those that carry the letter.
pub fn differing_copies(
    conn: &mut DbConnection,
    campaign: &Campaign,
    after: ContributionId,
    limit: i64,
) -> QueryResult<Vec<Contribution>> {
    campaign_members::table
        .inner_join(contributions::table)
        .filter(campaign_members::campaign_id.eq(campaign.id))
        .filter(campaign_members::text_id.ne(campaign.letter_id))
        .filter(campaign_members::contribution_id.gt(after))
        .filter(contributions::status.eq(ContributionStatus::Submitted))
        .order(campaign_members::contribution_id)
        .limit(limit)
        .select(Contribution::as_select())
        .load(conn)
}

/// How many distinct texts a process received (a campaign's letter is one, each of its
/// copies none) and how many campaigns formed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub distinct_texts: i64,
    pub campaigns: i64,
}

/// A process's campaign counts: one row read, kept as texts arrive.
pub fn summary(conn: &mut DbConnection, process_id: i64) -> QueryResult<Summary> {
    let counts: Option<(i64, i64)> = campaign_counts::table
        .find(process_id)
        .select((campaign_counts::distinct_texts, campaign_counts::campaigns))
        .first(conn)
        .optional()?;
    Ok(counts
        .map(|(distinct_texts, campaigns)| Summary {
            distinct_texts,
            campaigns,
        })
        .unwrap_or_default())
}
