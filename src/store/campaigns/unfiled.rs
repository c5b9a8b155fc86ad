//! Grouping rows that were written without passing through submission (a bulk load).

use diesel::prelude::*;

use super::{Tally, record, write_tally};
use crate::db::DbConnection;
use crate::db::schema::{campaign_members, campaign_texts, contributions};
use crate::domain::contributions::ContributionStatus;
use crate::domain::ids::ContributionId;

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
    let mut tally = Tally::default();
    for (id, process_id, title, body) in rows {
        record(conn, process_id, id, &title, &body, &mut tally)?;
    }
    write_tally(conn, tally)?;
    Ok((filed, last))
}

/// Has PostgreSQL read the campaign tables' statistics again: a bulk load grows them from
/// nothing, and plans made from the statistics of an empty table scan it whole. A connection
/// keeps such a plan for a statement it keeps prepared (the bands' lookup, after five runs),
/// until new statistics replace it; autovacuum would gather them, but it may be off, or not
/// yet come round. Seen on a database without autovacuum: grouping 200,000 seeded texts slowed
/// to 40 ms a text, each lookup reading every band filed so far. SQLite plans without them.
pub fn refresh_statistics(conn: &mut DbConnection) -> QueryResult<()> {
    if let DbConnection::Postgresql(pg) = conn {
        use diesel::connection::SimpleConnection;
        pg.batch_execute("ANALYZE campaign_bands, campaign_texts, campaign_members")?;
    }
    Ok(())
}
