//! Campaigns: submissions of the same letter, grouped as they arrive. `record` files a newly
//! submitted text (one call, inside the submit transaction): an exact copy is found by the
//! hash of its normalised words, a near copy by the LSH buckets of its MinHash signature and
//! confirmed by estimated similarity; only distinct texts are filed, so a campaign of a
//! million letters adds one row to the lookup tables, not a million. `left` keeps the counts
//! and the listed copy right when a copy is hidden or withdrawn.
//!
//! Knows nothing of permissions or HTTP; every function runs on the caller's connection, in
//! the caller's transaction.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use crate::db::DbConnection;
use crate::db::schema::{
    campaign_bands, campaign_members, campaign_texts, campaigns, contributions,
};
use crate::domain::campaigns::{self as rules, Signature};
use crate::domain::contributions::ContributionStatus;
use crate::domain::ids::ContributionId;

mod reads;

pub use reads::{Summary, campaign_in, differing_copies, listed_through, of_contribution, summary};

/// Candidate letters a near copy is compared with, at most: those sharing the most buckets.
const CANDIDATES: usize = 8;
/// Bucket rows read at most for one text, so a bucket many texts share cannot cost a scan.
const BUCKET_ROWS: i64 = 256;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = campaigns)]
pub struct Campaign {
    pub id: i64,
    pub process_id: i64,
    /// The first text of the campaign: the letter the copies are compared with.
    pub letter_id: ContributionId,
    /// The copy the public lists show for the whole campaign.
    pub listed_id: ContributionId,
    /// Copies still public as submitted, the letter included.
    pub copies: i64,
    /// Of those, copies whose words differ from the letter's.
    pub additions: i64,
    pub created_at: NaiveDateTime,
}

/// Files a contribution just submitted: it joins the campaign of the letter it copies
/// (exactly or nearly), or becomes a distinct text later copies can find. Returns its
/// campaign. Call inside the submit transaction, after the contribution is marked submitted.
pub fn record(
    conn: &mut DbConnection,
    process_id: i64,
    id: ContributionId,
    title: &str,
    body: &str,
) -> QueryResult<Option<i64>> {
    let words = rules::words_of(title, body);
    let hash = rules::text_hash(&words);
    if let Some(letter) = exact_letter(conn, process_id, &hash)? {
        return join(conn, process_id, letter, id, true).map(Some);
    }
    let signature = rules::signature(&words);
    if let Some(letter) = near_letter(conn, process_id, &signature)? {
        return join(conn, process_id, letter, id, false).map(Some);
    }
    file_distinct(conn, process_id, id, &hash, &signature)?;
    Ok(None)
}

fn exact_letter(
    conn: &mut DbConnection,
    process_id: i64,
    hash: &str,
) -> QueryResult<Option<ContributionId>> {
    campaign_texts::table
        .filter(campaign_texts::process_id.eq(process_id))
        .filter(campaign_texts::text_hash.eq(hash))
        .order(campaign_texts::contribution_id)
        .select(campaign_texts::contribution_id)
        .first(conn)
        .optional()
}

/// The distinct text sharing a bucket with `signature` that is most similar to it, if it
/// is similar enough.
fn near_letter(
    conn: &mut DbConnection,
    process_id: i64,
    signature: &Signature,
) -> QueryResult<Option<ContributionId>> {
    let buckets = rules::buckets(signature).to_vec();
    let hits: Vec<ContributionId> = campaign_bands::table
        .filter(campaign_bands::process_id.eq(process_id))
        .filter(campaign_bands::bucket.eq_any(buckets))
        .select(campaign_bands::contribution_id)
        .limit(BUCKET_ROWS)
        .load(conn)?;
    let candidates = most_shared(hits);
    if candidates.is_empty() {
        return Ok(None);
    }
    let texts: Vec<(ContributionId, String, String)> = contributions::table
        .filter(contributions::id.eq_any(&candidates))
        .select((contributions::id, contributions::title, contributions::body))
        .load(conn)?;
    let best = texts
        .iter()
        .map(|(id, title, body)| {
            let theirs = rules::signature(&rules::words_of(title, body));
            (*id, rules::similarity(signature, &theirs))
        })
        .filter(|(_, similarity)| *similarity >= rules::THRESHOLD)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    Ok(best.map(|(id, _)| id))
}

/// The texts that share the most buckets, at most `CANDIDATES` of them.
fn most_shared(mut hits: Vec<ContributionId>) -> Vec<ContributionId> {
    hits.sort();
    let mut counted: Vec<(ContributionId, usize)> = Vec::new();
    for hit in hits {
        match counted.last_mut() {
            Some((id, n)) if *id == hit => *n += 1,
            _ => counted.push((hit, 1)),
        }
    }
    counted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counted
        .into_iter()
        .take(CANDIDATES)
        .map(|(id, _)| id)
        .collect()
}

/// Files a text no earlier one resembles, under its hash and its buckets.
fn file_distinct(
    conn: &mut DbConnection,
    process_id: i64,
    id: ContributionId,
    hash: &str,
    signature: &Signature,
) -> QueryResult<()> {
    diesel::insert_into(campaign_texts::table)
        .values((
            campaign_texts::contribution_id.eq(id),
            campaign_texts::process_id.eq(process_id),
            campaign_texts::text_hash.eq(hash),
        ))
        .execute(conn)?;
    let mut buckets = rules::buckets(signature).to_vec();
    buckets.sort_unstable();
    buckets.dedup();
    // One statement for all bands: the numbers are integers the code computed, written
    // into the statement as such (nothing a person typed).
    let values: Vec<String> = buckets
        .iter()
        .map(|bucket| format!("({process_id}, {bucket}, {id})"))
        .collect();
    diesel::sql_query(format!(
        "INSERT INTO campaign_bands (process_id, bucket, contribution_id) VALUES {}",
        values.join(", ")
    ))
    .execute(conn)?;
    bump_counts(conn, process_id, 1, 0)
}

/// Adds to the process's counts of distinct texts and campaigns.
fn bump_counts(
    conn: &mut DbConnection,
    process_id: i64,
    distinct_texts: i64,
    campaigns: i64,
) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO campaign_counts (process_id, distinct_texts, campaigns) VALUES ($1, $2, $3) \
         ON CONFLICT (process_id) DO UPDATE SET \
         distinct_texts = campaign_counts.distinct_texts + excluded.distinct_texts, \
         campaigns = campaign_counts.campaigns + excluded.campaigns",
    )
    .bind::<BigInt, _>(process_id)
    .bind::<BigInt, _>(distinct_texts)
    .bind::<BigInt, _>(campaigns)
    .execute(conn)
    .map(drop)
}

/// Adds `id` to the campaign of `letter` (formed now if this is its first copy), counts it,
/// and marks it a campaign copy unless the campaign has no public copy to list but it.
fn join(
    conn: &mut DbConnection,
    process_id: i64,
    letter: ContributionId,
    id: ContributionId,
    exact: bool,
) -> QueryResult<i64> {
    let campaign = match campaigns::table
        .filter(campaigns::letter_id.eq(letter))
        .select(Campaign::as_select())
        .first(conn)
        .optional()?
    {
        Some(campaign) => campaign,
        None => create(conn, process_id, letter)?,
    };
    add_member(conn, campaign.id, id, exact)?;
    let listed_is_public = is_submitted(conn, campaign.listed_id)?;
    let listed = if listed_is_public {
        campaign.listed_id
    } else {
        id
    };
    diesel::update(campaigns::table.find(campaign.id))
        .set((
            campaigns::copies.eq(campaigns::copies + 1),
            campaigns::additions.eq(campaigns::additions + i64::from(!exact)),
            campaigns::listed_id.eq(listed),
        ))
        .execute(conn)?;
    if listed_is_public {
        set_copy(conn, id, true)?;
    } else {
        set_copy(conn, campaign.listed_id, true)?;
    }
    Ok(campaign.id)
}

/// A campaign of `letter`, which has just received its first copy.
fn create(
    conn: &mut DbConnection,
    process_id: i64,
    letter: ContributionId,
) -> QueryResult<Campaign> {
    let copies = i64::from(is_submitted(conn, letter)?);
    let now = super::now();
    let id: i64 = diesel::insert_into(campaigns::table)
        .values((
            campaigns::process_id.eq(process_id),
            campaigns::letter_id.eq(letter),
            campaigns::listed_id.eq(letter),
            campaigns::copies.eq(copies),
            campaigns::additions.eq(0),
            campaigns::created_at.eq(now),
        ))
        .returning(campaigns::id)
        .get_result(conn)?;
    let campaign = Campaign {
        id,
        process_id,
        letter_id: letter,
        listed_id: letter,
        copies,
        additions: 0,
        created_at: now,
    };
    add_member(conn, campaign.id, letter, true)?;
    bump_counts(conn, process_id, 0, 1)?;
    Ok(campaign)
}

fn add_member(
    conn: &mut DbConnection,
    campaign_id: i64,
    id: ContributionId,
    exact: bool,
) -> QueryResult<()> {
    diesel::insert_into(campaign_members::table)
        .values((
            campaign_members::contribution_id.eq(id),
            campaign_members::campaign_id.eq(campaign_id),
            campaign_members::exact.eq(exact),
        ))
        .execute(conn)
        .map(drop)
}

fn is_submitted(conn: &mut DbConnection, id: ContributionId) -> QueryResult<bool> {
    let status: ContributionStatus = contributions::table
        .find(id)
        .select(contributions::status)
        .first(conn)?;
    Ok(status == ContributionStatus::Submitted)
}

fn set_copy(conn: &mut DbConnection, id: ContributionId, copy: bool) -> QueryResult<()> {
    diesel::update(contributions::table.find(id))
        .set(contributions::campaign_copy.eq(copy))
        .execute(conn)
        .map(drop)
}

/// A contribution just hidden or withdrawn no longer counts among its campaign's copies; if
/// the lists showed the campaign through it, they now show the next public copy (an exact
/// one first). Call in the same transaction, after its status changed.
pub fn left(conn: &mut DbConnection, id: ContributionId) -> QueryResult<()> {
    let member: Option<(i64, bool)> = campaign_members::table
        .find(id)
        .select((campaign_members::campaign_id, campaign_members::exact))
        .first(conn)
        .optional()?;
    let Some((campaign_id, exact)) = member else {
        return Ok(());
    };
    let listed: ContributionId = diesel::update(campaigns::table.find(campaign_id))
        .set((
            campaigns::copies.eq(campaigns::copies - 1),
            campaigns::additions.eq(campaigns::additions - i64::from(!exact)),
        ))
        .returning(campaigns::listed_id)
        .get_result(conn)?;
    if listed != id {
        return Ok(());
    }
    let next: Option<ContributionId> = campaign_members::table
        .inner_join(contributions::table)
        .filter(campaign_members::campaign_id.eq(campaign_id))
        .filter(contributions::status.eq(ContributionStatus::Submitted))
        .order((
            campaign_members::exact.desc(),
            campaign_members::contribution_id.asc(),
        ))
        .select(campaign_members::contribution_id)
        .first(conn)
        .optional()?;
    // With no public copy left, the campaign stays listed through this one (a tombstone).
    if let Some(next) = next {
        diesel::update(campaigns::table.find(campaign_id))
            .set(campaigns::listed_id.eq(next))
            .execute(conn)?;
        set_copy(conn, next, false)?;
        set_copy(conn, id, true)?;
    }
    Ok(())
}

/// Files up to `limit` submitted contributions of any process after `after` (by id) not yet
/// filed, in id order, as if each were submitted now: for rows loaded without the app (the
/// benchmark's seed). Returns how many were filed and the last id read.
pub fn record_unfiled(
    conn: &mut DbConnection,
    after: ContributionId,
    limit: i64,
) -> QueryResult<(u64, Option<ContributionId>)> {
    let rows: Vec<(ContributionId, i64, String, String)> = contributions::table
        .filter(contributions::id.gt(after))
        .filter(contributions::status.eq(ContributionStatus::Submitted))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            campaign_texts::table.filter(campaign_texts::contribution_id.eq(contributions::id)),
        )))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            campaign_members::table.filter(campaign_members::contribution_id.eq(contributions::id)),
        )))
        .order(contributions::id)
        .limit(limit)
        .select((
            contributions::id,
            contributions::process_id,
            contributions::title,
            contributions::body,
        ))
        .load(conn)?;
    let last = rows.last().map(|r| r.0);
    let filed = rows.len() as u64;
    for (id, process_id, title, body) in rows {
        record(conn, process_id, id, &title, &body)?;
    }
    Ok((filed, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_the_texts_sharing_the_most_buckets() {
        let ids = |raw: &[i64]| raw.iter().map(|i| ContributionId(*i)).collect::<Vec<_>>();
        let hits = ids(&[9, 3, 9, 4, 9, 3, 1, 2, 5, 6, 7, 8, 10]);
        let picked = most_shared(hits);
        assert_eq!(picked.len(), CANDIDATES);
        assert_eq!(&picked[..3], &ids(&[9, 3, 1])[..]);
    }
}
