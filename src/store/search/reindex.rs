//! Rebuilding the whole search index from the tables: after the migration that created it
//! (folding is done in Rust, so SQL alone cannot fill it), when the folding changes, after rows
//! were written straight into the database (the benchmark's seed), or at an operator's
//! request (`concord reindex`).

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;

use super::Searchable;
use super::index::{Document, SEARCHABLE_CONTRIBUTIONS, insert};
use super::ranked::{self, Builder};
use crate::db::cached::Statement;
use crate::db::schema::{
    contributions, organisations, proposal_versions, proposals, search_index_state,
};
use crate::db::{DbConnection, write_transaction};
use crate::domain::ids::{ContributionId, ProposalId};
use crate::domain::proposals::ProposalStatus;
use crate::store::proposals::versions::VersionText;

/// The version of the folding ([`super::fold`]) the index is built with. Raise it whenever
/// the folding changes: the next start rebuilds the index.
pub const FOLDING_VERSION: i32 = 1;

/// The row of `search_index_state` that records the folding version.
const STATE: &str = "folding";
/// Rows read and indexed per transaction.
const BATCH: i64 = 2_000;
/// Instances of one PostgreSQL database starting together take turns (after migrations).
const PG_LOCK: &str = "4242002";

/// How many rows a rebuild indexed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rebuilt {
    pub contributions: usize,
    pub proposals: usize,
}

/// Rebuilds the index if it was built with another folding version, or never; `None` if
/// it was up to date. Run where the migrations run.
pub fn reindex_if_needed(conn: &mut DbConnection) -> QueryResult<Option<Rebuilt>> {
    let postgres = matches!(conn, DbConnection::Postgresql(_));
    if postgres {
        conn.batch_execute(&format!("SELECT pg_advisory_lock({PG_LOCK})"))?;
    }
    let outcome = rebuild_if_stale(conn);
    if postgres {
        conn.batch_execute(&format!("SELECT pg_advisory_unlock({PG_LOCK})"))?;
    }
    outcome
}

fn rebuild_if_stale(conn: &mut DbConnection) -> QueryResult<Option<Rebuilt>> {
    let built: Option<i32> = search_index_state::table
        .find(STATE)
        .select(search_index_state::version)
        .first(conn)
        .optional()?;
    match built {
        Some(version) if version == FOLDING_VERSION => Ok(None),
        _ => reindex(conn).map(Some),
    }
}

/// Empties the index and indexes every searchable row again, in batches of their own
/// transactions; records the folding version last, so an interrupted rebuild starts over.
pub fn reindex(conn: &mut DbConnection) -> QueryResult<Rebuilt> {
    write_transaction(conn, |conn| {
        diesel::delete(search_index_state::table.find(STATE)).execute(conn)?;
        clear(conn, Searchable::Contributions)?;
        clear(conn, Searchable::Proposals)
    })?;
    let mut rebuilt = Rebuilt::default();
    let mut lists = Builder::default();
    let mut after = 0;
    while let Some((last, count)) =
        write_transaction(conn, |conn| contribution_batch(conn, after, &mut lists))?
    {
        rebuilt.contributions += count;
        after = last;
    }
    let lists = lists.finish();
    write_transaction(conn, |conn| {
        ranked::replace(conn, Searchable::Contributions, &lists)?;
        catch_up_contributions(conn, after)
    })?;
    drop(lists);

    let mut lists = Builder::default();
    after = 0;
    while let Some((last, count)) =
        write_transaction(conn, |conn| proposal_batch(conn, after, &mut lists))?
    {
        rebuilt.proposals += count;
        after = last;
    }
    let lists = lists.finish();
    write_transaction(conn, |conn| {
        ranked::replace(conn, Searchable::Proposals, &lists)?;
        catch_up_proposals(conn, after)
    })?;
    diesel::insert_into(search_index_state::table)
        .values((
            search_index_state::name.eq(STATE),
            search_index_state::version.eq(FOLDING_VERSION),
        ))
        .execute(conn)?;
    merge(conn)?;
    // PostgreSQL plans by its statistics: tell it how common each word now is.
    if let DbConnection::Postgresql(pg) = conn {
        pg.batch_execute(
            "ANALYZE contributions_search; ANALYZE proposals_search; \
             ANALYZE contributions_ranked; ANALYZE proposals_ranked",
        )?;
    }
    Ok(rebuilt)
}

/// Merges each SQLite FTS5 index into one segment, without the entries deleted from it; on
/// PostgreSQL, moves the entries waiting in each GIN index's pending list into the index
/// proper. For the end of a bulk command, which writes or removes many entries:
/// - a rebuild leaves each index in several segments, and every word looked up seeks in
///   each of them: merged into one, a rare word's search ran 8 % faster at 200k
///   contributions (4 segments);
/// - an entry deleted from a contentless index leaves a tombstone that every search of the
///   segment holding it steps over until that segment is merged: after grouping a bulk
///   load's campaign letters (their copies leave the index), merging made a rare word's
///   search cost 9–11 % fewer instructions at 200k contributions;
/// - every search reads all of a GIN index's pending list: 36 pages of it after a rebuild
///   of 200,000 contributions took a rare word's index scan from 0.04 ms to 0.54 ms.
///
/// Writes after it add small segments FTS5 merges itself, and entries to a pending list
/// PostgreSQL moves once it passes its limit (128 kB, migration `search_pending_lists`).
pub fn merge(conn: &mut DbConnection) -> QueryResult<()> {
    let indexes = [Searchable::Contributions, Searchable::Proposals].map(|t| t.index());
    match conn {
        DbConnection::Sqlite(c) => {
            for index in indexes {
                diesel::sql_query(format!("INSERT INTO {index} ({index}) VALUES (?)"))
                    .bind::<Text, _>("optimize")
                    .execute(c)?;
            }
        }
        DbConnection::Postgresql(c) => {
            for index in indexes {
                c.batch_execute(&format!(
                    "SELECT gin_clean_pending_list('{index}_vector'::regclass)"
                ))?;
            }
        }
    }
    Ok(())
}

fn clear(conn: &mut DbConnection, table: Searchable) -> QueryResult<()> {
    let index = table.index();
    match conn {
        // The command that empties a contentless FTS5 table at once.
        DbConnection::Sqlite(c) => {
            diesel::sql_query(format!("INSERT INTO {index} ({index}) VALUES (?)"))
                .bind::<Text, _>("delete-all")
                .execute(c)
        }
        DbConnection::Postgresql(c) => diesel::sql_query(format!("DELETE FROM {index}")).execute(c),
    }
    .map(drop)
}

/// A contribution's id, process, title, body, reference and organisation's name.
type ContributionText = (
    ContributionId,
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// The searchable contributions after id `after`, `limit` at most, by id.
fn searchable_contributions(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<ContributionText>> {
    contributions::table
        .left_join(organisations::table)
        .filter(contributions::status.eq_any(SEARCHABLE_CONTRIBUTIONS))
        // A campaign is found through its listed copy alone (see `index`).
        .filter(contributions::campaign_copy.eq(false))
        .filter(contributions::id.gt(ContributionId(after)))
        .order(contributions::id)
        .limit(limit)
        .select((
            contributions::id,
            contributions::process_id,
            contributions::title,
            contributions::body,
            contributions::reference,
            organisations::name.nullable(),
        ))
        .load(conn)
}

fn contribution_document(row: &ContributionText) -> Document {
    let (_, _, title, body, reference, org) = row;
    let meta = reference.iter().chain(org).map(String::as_str);
    Document::of(title, [body.as_str()], meta)
}

/// Indexes the next searchable contributions after id `after`, and gathers their words'
/// lists: the last id and how many.
fn contribution_batch(
    conn: &mut DbConnection,
    after: i64,
    lists: &mut Builder,
) -> QueryResult<Option<(i64, usize)>> {
    let rows = searchable_contributions(conn, after, BATCH)?;
    for row in &rows {
        let doc = contribution_document(row);
        insert(conn, Searchable::Contributions, row.0.0, &doc)?;
        lists.add(row.1, row.0.0, &doc);
    }
    Ok(rows.last().map(|row| (row.0.0, rows.len())))
}

/// Brings the contributions' new lists up to date with what was written while they were
/// gathered (an operator's `concord reindex` beside a running server): contributions
/// submitted after the last one gathered enter them, and those no longer searchable (hidden,
/// or grouped into a campaign since) leave them.
fn catch_up_contributions(conn: &mut DbConnection, after: i64) -> QueryResult<()> {
    for row in searchable_contributions(conn, after, i64::MAX)? {
        let doc = contribution_document(&row);
        ranked::enter(conn, Searchable::Contributions, row.1, row.0.0, &doc)?;
    }
    let mut statement = Statement::new(
        "DELETE FROM contributions_ranked WHERE id IN (SELECT id FROM contributions \
         WHERE campaign_copy = TRUE OR status NOT IN (",
    );
    for (i, status) in SEARCHABLE_CONTRIBUTIONS.iter().enumerate() {
        statement = statement
            .sql(if i == 0 { "" } else { ", " })
            .text(status.as_str());
    }
    statement.sql("))").execute(conn).map(drop)
}

/// A proposal's id, process, reference, organisation's name and current text.
type ProposalText = (ProposalId, i64, Option<String>, Option<String>, VersionText);

/// The submitted proposals after id `after`, `limit` at most, by id.
fn searchable_proposals(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<ProposalText>> {
    proposals::table
        .inner_join(
            proposal_versions::table.on(proposal_versions::proposal_id
                .eq(proposals::id)
                .and(proposal_versions::number.eq(proposals::current_version))),
        )
        .left_join(organisations::table)
        .filter(proposals::status.ne(ProposalStatus::Draft))
        .filter(proposals::id.gt(ProposalId(after)))
        .order(proposals::id)
        .limit(limit)
        .select((
            proposals::id,
            proposals::process_id,
            proposals::reference,
            organisations::name.nullable(),
            VersionText::as_select(),
        ))
        .load(conn)
}

fn proposal_document(row: &ProposalText) -> Document {
    let (_, _, reference, org, text) = row;
    Document::of_proposal(text, reference.as_deref(), org.as_deref())
}

/// Indexes the next submitted proposals after id `after`, by their current version, and
/// gathers their words' lists.
fn proposal_batch(
    conn: &mut DbConnection,
    after: i64,
    lists: &mut Builder,
) -> QueryResult<Option<(i64, usize)>> {
    let rows = searchable_proposals(conn, after, BATCH)?;
    for row in &rows {
        let doc = proposal_document(row);
        insert(conn, Searchable::Proposals, row.0.0, &doc)?;
        lists.add(row.1, row.0.0, &doc);
    }
    Ok(rows.last().map(|row| (row.0.0, rows.len())))
}

/// Brings the proposals' new lists up to date with the proposals submitted while they were
/// gathered. (A submitted proposal stays searchable.)
fn catch_up_proposals(conn: &mut DbConnection, after: i64) -> QueryResult<()> {
    for row in searchable_proposals(conn, after, i64::MAX)? {
        let doc = proposal_document(&row);
        ranked::enter(conn, Searchable::Proposals, row.1, row.0.0, &doc)?;
    }
    Ok(())
}
