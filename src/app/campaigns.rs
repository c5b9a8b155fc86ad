//! Campaigns: the public page of one (the letter once, its counts, the copies that differ
//! with their own words visible, a page at a time), and grouping rows that were loaded
//! without passing through submission. Grouping at submission is `store::campaigns::record`,
//! called from the submit transaction.

use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::campaigns::changes;
use crate::domain::contributions::may_read_content;
use crate::domain::diff::Segment;
use crate::domain::ids::ContributionId;
use crate::domain::permissions::Actor;
use crate::store::campaigns::{self, Campaign};
use crate::store::contributions::{self, Contribution};
use crate::store::processes::{Process, Structure};

/// Differing copies on one page of a campaign.
pub const COPIES_PER_PAGE: i64 = 20;
/// Rows filed per transaction when grouping loaded rows.
const GROUPING_BATCH: i64 = 2_000;

/// A copy whose words differ from the letter's, with what it changed.
#[derive(Debug, Clone)]
pub struct DifferingCopy {
    pub contribution: Contribution,
    pub changes: Vec<Segment>,
}

#[derive(Debug, Clone)]
pub struct CampaignView {
    pub process: Process,
    /// The process's structure, for its title in the reader's language.
    pub structure: Structure,
    pub campaign: Campaign,
    /// The text shown as the letter: the first one, or the first copy still public when a
    /// moderator hid it. `None` when no copy's text is public.
    pub letter: Option<Contribution>,
    pub copies: Vec<DifferingCopy>,
    /// Where the next page of copies starts, if there is one.
    pub next_after: Option<ContributionId>,
}

/// A campaign's page, its differing copies after `after` (by id). Public, like the
/// contributions it groups; hidden texts are never shown.
pub fn page(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    campaign_id: i64,
    after: Option<ContributionId>,
) -> Result<CampaignView> {
    let (process, _actor) = app::process_for(conn, slug, person)?;
    let campaign = campaigns::campaign_in(conn, process.id, campaign_id)?.ok_or(Error::NotFound)?;
    let letter = shown_letter(conn, &campaign)?;
    let mut rows = campaigns::differing_copies(
        conn,
        &campaign,
        after.unwrap_or(ContributionId(0)),
        COPIES_PER_PAGE + 1,
    )?;
    let next_after = if rows.len() as i64 > COPIES_PER_PAGE {
        rows.truncate(COPIES_PER_PAGE as usize);
        rows.last().map(|c| c.id)
    } else {
        None
    };
    let letter_body = letter.as_ref().map(|l| l.body.as_str()).unwrap_or_default();
    let copies = rows
        .into_iter()
        .map(|contribution| DifferingCopy {
            changes: changes(letter_body, &contribution.body),
            contribution,
        })
        .collect();
    let structure = app::outline::structure(conn, &process)?;
    Ok(CampaignView {
        process,
        structure,
        campaign,
        letter,
        copies,
        next_after,
    })
}

/// The letter a campaign's page shows: the same for every visitor, so only a text the public
/// may read, even to a moderator who could read a hidden one.
fn shown_letter(conn: &mut DbConnection, campaign: &Campaign) -> Result<Option<Contribution>> {
    let public = Actor::anonymous();
    for id in [campaign.letter_id, campaign.listed_id] {
        if let Some(c) = contributions::contribution_by_id(conn, id)?
            && may_read_content(&public, c.status(), c.author_id)
        {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

/// Files every submitted contribution not yet filed (rows a bulk load wrote directly, such
/// as the benchmark's seed), in the order they arrived, a batch per transaction, as if each
/// had been submitted then, and leaves the search index merged without the copies it took
/// out (`store::search::merge`). Returns how many were filed.
pub fn group_unfiled(conn: &mut DbConnection) -> Result<u64> {
    let mut after = ContributionId(0);
    let mut filed = 0u64;
    // The tables' statistics are read again each time they have doubled, and at the end.
    let mut described = 0u64;
    loop {
        let (count, last) = app::transaction(conn, |conn| {
            Ok(campaigns::record_unfiled(conn, after, GROUPING_BATCH)?)
        })?;
        filed += count;
        if filed >= 2 * described.max(GROUPING_BATCH as u64 / 2) {
            campaigns::refresh_statistics(conn)?;
            described = filed;
        }
        match last {
            Some(last) => after = last,
            None => {
                if filed > described {
                    campaigns::refresh_statistics(conn)?;
                }
                if filed > 0 {
                    crate::store::search::merge(conn)?;
                }
                return Ok(filed);
            }
        }
    }
}
