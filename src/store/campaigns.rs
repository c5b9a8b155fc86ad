//! Campaigns: submissions of the same letter, grouped as they arrive. `record` files a newly
//! submitted text (one call, inside the submit transaction): an exact copy is found by the
//! hash of its normalised words, a near copy by the LSH buckets of its MinHash signature and
//! confirmed by estimated similarity; only distinct texts are filed, and only a text that
//! joins no campaign files its buckets, so a campaign of a million letters adds one text's
//! buckets to the lookup tables, not a million. `left` keeps the counts
//! and the listed copy right when a copy is hidden or withdrawn, `returned` when a hidden
//! one is shown again.
//!
//! Knows nothing of permissions or HTTP; every function runs on the caller's connection, in
//! the caller's transaction.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable};

use crate::db::DbConnection;
use crate::db::cached::{Statement, any_of};
use crate::db::schema::{campaign_members, campaign_texts, campaigns, contributions};
use crate::domain::campaigns::{self as rules, Signature};
use crate::domain::contributions::ContributionStatus;
use crate::domain::ids::ContributionId;

mod leave;
mod reads;
mod unfiled;

pub use leave::{left, returned};
pub use reads::{
    Summary, campaign_in, campaign_numbers, differing_copies, listed_through, of_contribution,
    summary,
};
pub use unfiled::{record_unfiled, refresh_statistics};

/// Candidate letters a near copy is compared with, at most: those sharing the most buckets.
const CANDIDATES: usize = 8;
/// Rows read at most of each of a text's buckets, so that a bucket many texts share costs no
/// scan and hides none of the others.
const ROWS_A_BUCKET: i64 = 16;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = campaigns)]
pub struct Campaign {
    pub id: i64,
    pub process_id: i64,
    /// The text most copies carry (its first contribution): the letter copies are compared with.
    pub letter_id: ContributionId,
    /// The copy the public lists show for the whole campaign.
    pub listed_id: ContributionId,
    /// Copies still public as submitted, the letter included.
    pub copies: i64,
    /// Of those, copies whose words differ from the letter's.
    pub additions: i64,
    pub created_at: NaiveDateTime,
}

/// What filings added to processes' counts of distinct texts and campaigns, written once by
/// [`write_tally`]: on PostgreSQL, a row updated again and again in one transaction grows a
/// chain of versions each next update walks (filing 2,000 bulk rows a transaction crawled).
#[derive(Debug, Default)]
pub struct Tally(Vec<(i64, i64, i64)>);

impl Tally {
    fn add(&mut self, process_id: i64, distinct_texts: i64, campaigns: i64) {
        match self.0.iter_mut().find(|(p, _, _)| *p == process_id) {
            Some((_, texts, made)) => {
                *texts += distinct_texts;
                *made += campaigns;
            }
            None => self.0.push((process_id, distinct_texts, campaigns)),
        }
    }
}

/// Adds a tally to the counts, one statement a process; call in the filings' transaction.
pub fn write_tally(conn: &mut DbConnection, tally: Tally) -> QueryResult<()> {
    for (process_id, distinct_texts, campaigns) in tally.0 {
        if distinct_texts != 0 || campaigns != 0 {
            bump_counts(conn, process_id, distinct_texts, campaigns)?;
        }
    }
    Ok(())
}

/// Files one contribution just submitted ([`record`]) and writes its counts at once.
pub fn record_one(
    conn: &mut DbConnection,
    process_id: i64,
    id: ContributionId,
    title: &str,
    body: &str,
) -> QueryResult<Option<i64>> {
    let mut tally = Tally::default();
    let campaign = record(conn, process_id, id, title, body, &mut tally)?;
    write_tally(conn, tally)?;
    Ok(campaign)
}

/// Files a contribution just submitted: it joins the campaign of the text it copies
/// (exactly or nearly), or becomes a distinct text later copies can find. Returns its
/// campaign. Call inside the submit transaction, after the contribution is marked submitted,
/// and write the `tally` before it ends.
pub fn record(
    conn: &mut DbConnection,
    process_id: i64,
    id: ContributionId,
    title: &str,
    body: &str,
    tally: &mut Tally,
) -> QueryResult<Option<i64>> {
    let words = rules::words_of(title, body);
    let hash = rules::text_hash(&words);
    if let Some(text) = exact_text(conn, process_id, &hash)? {
        // Counted first: the update locks the text's row, so two copies arriving together
        // on PostgreSQL see each other's campaign instead of forming two.
        let text = add_copy(conn, text, 1)?;
        let campaign = match text.campaign_id {
            Some(campaign) => campaign,
            None => create(
                conn,
                process_id,
                text.contribution_id,
                text.copies - 1,
                tally,
            )?,
        };
        return join(conn, campaign, text.contribution_id, id).map(Some);
    }
    let signature = rules::signature(&words);
    let near = match near_text(conn, process_id, &signature)? {
        Some(text) => {
            let text = add_copy(conn, text, 0)?;
            Some(match text.campaign_id {
                Some(campaign) => campaign,
                None => create(conn, process_id, text.contribution_id, text.copies, tally)?,
            })
        }
        None => None,
    };
    file_text(conn, process_id, id, &hash, &signature, near)?;
    match near {
        Some(campaign) => join(conn, campaign, id, id).map(Some),
        None => {
            tally.add(process_id, 1, 0);
            Ok(None)
        }
    }
}

/// A distinct text: the first contribution that carried it, its campaign if it has one,
/// and how many public copies carry it.
#[derive(Debug, Clone, Copy, Queryable, QueryableByName)]
struct Text {
    #[diesel(sql_type = BigInt)]
    contribution_id: ContributionId,
    #[diesel(sql_type = Nullable<BigInt>)]
    campaign_id: Option<i64>,
    #[diesel(sql_type = BigInt)]
    copies: i64,
}

fn exact_text(conn: &mut DbConnection, process_id: i64, hash: &str) -> QueryResult<Option<Text>> {
    campaign_texts::table
        .filter(campaign_texts::process_id.eq(process_id))
        .filter(campaign_texts::text_hash.eq(hash))
        .order(campaign_texts::contribution_id)
        .select(TEXT_COLUMNS)
        .first(conn)
        .optional()
}

const TEXT_COLUMNS: (
    campaign_texts::contribution_id,
    campaign_texts::campaign_id,
    campaign_texts::copies,
) = (
    campaign_texts::contribution_id,
    campaign_texts::campaign_id,
    campaign_texts::copies,
);

/// The distinct text sharing a bucket with `signature` that is most similar to it, if it
/// is similar enough.
fn near_text(
    conn: &mut DbConnection,
    process_id: i64,
    signature: &Signature,
) -> QueryResult<Option<Text>> {
    // Each bucket read apart, newest first, `ROWS_A_BUCKET` rows at most: a bucket many texts
    // share (short texts of one template, all opening alike) tells little, and read with the
    // others under one limit, it could fill it before the buckets the letter shares were
    // read. One statement of fixed shape, kept prepared.
    let mut lookup = Statement::new("");
    for (band, bucket) in rules::buckets(signature).iter().enumerate() {
        lookup = lookup
            .sql(if band == 0 { "" } else { " UNION ALL " })
            .sql(
                "SELECT contribution_id FROM (SELECT contribution_id FROM campaign_bands \
                 WHERE process_id = ",
            )
            .int(process_id)
            .sql(" AND bucket = ")
            .int(*bucket)
            .sql(" ORDER BY contribution_id DESC LIMIT ")
            .int(ROWS_A_BUCKET)
            .sql(format!(") AS band{band}"));
    }
    let hits: Vec<BandHit> = lookup.load(conn)?;
    let candidates = most_shared(hits.into_iter().map(|hit| hit.contribution_id).collect());
    if candidates.is_empty() {
        return Ok(None);
    }
    // Compared by their stored signatures; a text filed before signatures were kept is
    // hashed again from its words.
    let filed: Vec<(ContributionId, Option<Vec<u8>>)> = campaign_texts::table
        .filter(any_of(
            campaign_texts::contribution_id,
            candidates.iter().map(|id| id.0),
        ))
        .select((campaign_texts::contribution_id, campaign_texts::signature))
        .load(conn)?;
    let mut scored = Vec::with_capacity(filed.len());
    let mut unsigned = Vec::new();
    for (id, stored) in filed {
        match stored.and_then(|stored| signature.similarity_to_packed(&stored)) {
            Some(similarity) => scored.push((id, similarity)),
            None => unsigned.push(id.0),
        }
    }
    if !unsigned.is_empty() {
        let texts: Vec<(ContributionId, String, String)> = contributions::table
            .filter(any_of(contributions::id, unsigned))
            .select((contributions::id, contributions::title, contributions::body))
            .load(conn)?;
        scored.extend(texts.iter().map(|(id, title, body)| {
            let theirs = rules::signature(&rules::words_of(title, body));
            (*id, rules::similarity(signature, &theirs))
        }));
    }
    let best = scored
        .into_iter()
        .filter(|(_, similarity)| *similarity >= rules::THRESHOLD)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    match best {
        Some((id, _)) => campaign_texts::table
            .find(id)
            .select(TEXT_COLUMNS)
            .first(conn)
            .optional(),
        None => Ok(None),
    }
}

#[derive(QueryableByName)]
struct BandHit {
    #[diesel(sql_type = BigInt)]
    contribution_id: ContributionId,
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

/// Files a text no earlier one carries exactly, under its hash and its buckets, in
/// `campaign` if it is a near copy.
fn file_text(
    conn: &mut DbConnection,
    process_id: i64,
    id: ContributionId,
    hash: &str,
    signature: &Signature,
    campaign: Option<i64>,
) -> QueryResult<()> {
    diesel::insert_into(campaign_texts::table)
        .values((
            campaign_texts::contribution_id.eq(id),
            campaign_texts::process_id.eq(process_id),
            campaign_texts::text_hash.eq(hash),
            campaign_texts::campaign_id.eq(campaign),
            campaign_texts::copies.eq(1),
            campaign_texts::signature.eq(signature.packed()),
        ))
        .execute(conn)?;
    // A near copy is found again through the text its campaign formed around, which is in
    // the buckets already. Filing its bands too grew the buckets a campaign's copies share
    // by one row per copy, and every later copy read up to 256 of those rows and compared
    // the signatures of the texts that shared the most.
    if campaign.is_some() {
        return Ok(());
    }
    let mut buckets = rules::buckets(signature)[..rules::FILED_BANDS].to_vec();
    buckets.sort_unstable();
    buckets.dedup();
    // One statement for all bands, of one length (buckets of two bands never agree but by
    // a 64-bit accident), so it is kept prepared.
    let mut insert =
        Statement::new("INSERT INTO campaign_bands (process_id, bucket, contribution_id) VALUES ");
    for (i, bucket) in buckets.iter().enumerate() {
        insert = insert
            .sql(if i == 0 { "(" } else { ", (" })
            .int(process_id)
            .sql(", ")
            .int(*bucket)
            .sql(", ")
            .int(id.0)
            .sql(")");
    }
    insert.execute(conn).map(drop)
}

/// Adds to the process's counts of distinct texts and campaigns.
fn bump_counts(
    conn: &mut DbConnection,
    process_id: i64,
    distinct_texts: i64,
    campaigns: i64,
) -> QueryResult<()> {
    Statement::new("INSERT INTO campaign_counts (process_id, distinct_texts, campaigns) VALUES (")
        .int(process_id)
        .sql(", ")
        .int(distinct_texts)
        .sql(", ")
        .int(campaigns)
        .sql(
            ") ON CONFLICT (process_id) DO UPDATE SET \
             distinct_texts = campaign_counts.distinct_texts + excluded.distinct_texts, \
             campaigns = campaign_counts.campaigns + excluded.campaigns",
        )
        .execute(conn)
        .map(drop)
}

/// A campaign formed around the text first carried by `letter`, which had no copy until
/// now: that contribution is its first member, counted (`copies`) if still public. Returns
/// the campaign.
fn create(
    conn: &mut DbConnection,
    process_id: i64,
    letter: ContributionId,
    copies: i64,
    tally: &mut Tally,
) -> QueryResult<i64> {
    let campaign: i64 = diesel::insert_into(campaigns::table)
        .values((
            campaigns::process_id.eq(process_id),
            campaigns::letter_id.eq(letter),
            campaigns::listed_id.eq(letter),
            campaigns::copies.eq(copies),
            campaigns::additions.eq(0),
            campaigns::created_at.eq(super::now()),
        ))
        .returning(campaigns::id)
        .get_result(conn)?;
    diesel::update(campaign_texts::table.find(letter))
        .set(campaign_texts::campaign_id.eq(campaign))
        .execute(conn)?;
    add_member(conn, campaign, letter, letter)?;
    // A campaign stands for its text: distinct texts do not change.
    tally.add(process_id, 0, 1);
    Ok(campaign)
}

fn add_member(
    conn: &mut DbConnection,
    campaign_id: i64,
    id: ContributionId,
    text_id: ContributionId,
) -> QueryResult<()> {
    diesel::insert_into(campaign_members::table)
        .values((
            campaign_members::contribution_id.eq(id),
            campaign_members::campaign_id.eq(campaign_id),
            campaign_members::text_id.eq(text_id),
        ))
        .execute(conn)
        .map(drop)
}

/// Adds `by` to the copies carrying `text` (locking its row until the transaction ends), and
/// returns it as it now stands.
fn add_copy(conn: &mut DbConnection, text: Text, by: i64) -> QueryResult<Text> {
    // Written out to be kept prepared, as every update a submission runs (`db::cached`).
    Statement::new("UPDATE campaign_texts SET copies = copies + ")
        .int(by)
        .sql(" WHERE contribution_id = ")
        .int(text.contribution_id.0)
        .sql(" RETURNING contribution_id, campaign_id, copies")
        .one(conn)
}

/// Adds `by` to the copies carrying the text first carried by `text_id`, if it was filed.
fn add_copy_of(conn: &mut DbConnection, text_id: ContributionId, by: i64) -> QueryResult<()> {
    diesel::update(campaign_texts::table.find(text_id))
        .set(campaign_texts::copies.eq(campaign_texts::copies + by))
        .execute(conn)
        .map(drop)
}

fn copies_of(conn: &mut DbConnection, text_id: ContributionId) -> QueryResult<i64> {
    campaign_texts::table
        .find(text_id)
        .select(campaign_texts::copies)
        .first(conn)
}

/// Adds contribution `id`, carrying text `text_id` (already counted there), to `campaign`:
/// counts it, makes its text the letter if most copies now carry it, and marks it a
/// campaign copy unless the campaign has no other public copy to list.
fn join(
    conn: &mut DbConnection,
    campaign_id: i64,
    text_id: ContributionId,
    id: ContributionId,
) -> QueryResult<i64> {
    add_member(conn, campaign_id, id, text_id)?;
    // Counted first, in the statement: it locks the campaign's row, so what is read next
    // stays true until the transaction ends.
    let CountedCampaign {
        letter_id,
        listed_id,
        copies,
    } = Statement::new("UPDATE campaigns SET copies = copies + 1 WHERE id = ")
        .int(campaign_id)
        .sql(" RETURNING letter_id, listed_id, copies")
        .one(conn)?;
    let text_copies = copies_of(conn, text_id)?;
    let mut letter = letter_id;
    let mut letter_copies = copies_of(conn, letter)?;
    if text_id != letter && text_copies > letter_copies {
        (letter, letter_copies) = (text_id, text_copies);
    }
    let listed_is_public = is_submitted(conn, listed_id)?;
    let listed = if listed_is_public { listed_id } else { id };
    Statement::new("UPDATE campaigns SET additions = ")
        .int(copies - letter_copies)
        .sql(", letter_id = ")
        .int(letter.0)
        .sql(", listed_id = ")
        .int(listed.0)
        .sql(" WHERE id = ")
        .int(campaign_id)
        .execute(conn)?;
    if listed_is_public {
        set_copy(conn, id, true)?;
    } else {
        set_copy(conn, listed_id, true)?;
    }
    Ok(campaign_id)
}

#[derive(QueryableByName)]
struct CountedCampaign {
    #[diesel(sql_type = BigInt)]
    letter_id: ContributionId,
    #[diesel(sql_type = BigInt)]
    listed_id: ContributionId,
    #[diesel(sql_type = BigInt)]
    copies: i64,
}

fn is_submitted(conn: &mut DbConnection, id: ContributionId) -> QueryResult<bool> {
    let status: ContributionStatus = contributions::table
        .find(id)
        .select(contributions::status)
        .first(conn)?;
    Ok(status == ContributionStatus::Submitted)
}

/// Marks `id` as a copy shown through another (or as the one listed), and brings its search
/// entry in line: only the listed copy is indexed.
fn set_copy(conn: &mut DbConnection, id: ContributionId, copy: bool) -> QueryResult<()> {
    Statement::new("UPDATE contributions SET campaign_copy = ")
        .bool(copy)
        .sql(" WHERE id = ")
        .int(id.0)
        .execute(conn)?;
    crate::store::search::sync_contribution(conn, id)
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
