//! Engagement figures of a process, counted in the database: a fixed number of grouped
//! queries, whatever the number of submissions; and the last counts of each chart, kept so
//! that a page need not count again (each count scans the process's corpus).

use diesel::dsl::{count_star, sql};
use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::db::DbConnection;
use crate::db::schema::{
    accounts, action_groups, contribution_groups, contribution_themes, contributions,
    event_registrations, events, organisations, proposal_themes, proposals, role_assignments,
    stats_cache, themes,
};
use crate::domain::attendance::RegistrationStatus;
use crate::domain::contributions::ContributionStatus;
use crate::domain::proposals::ProposalStatus;
use crate::domain::roles::Role;

/// A count per label; the label is a key (category, group number, month, …).
pub type Counts = Vec<(String, i64)>;

/// Contributions and proposals side by side for one breakdown.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Pair {
    pub contributions: Counts,
    pub proposals: Counts,
}

/// Every status but draft: what was received, even if later withdrawn or hidden.
const RECEIVED: [ContributionStatus; 3] = [
    ContributionStatus::Submitted,
    ContributionStatus::Withdrawn,
    ContributionStatus::Hidden,
];
const PROPOSAL_DRAFT: ProposalStatus = ProposalStatus::Draft;

pub fn by_category(conn: &mut DbConnection, process_id: i64) -> QueryResult<Pair> {
    let contributions = contributions::table
        .inner_join(organisations::table)
        .filter(contributions::process_id.eq(process_id))
        .filter(contributions::status.eq_any(RECEIVED))
        .group_by(organisations::category)
        .select((organisations::category, count_star()))
        .load(conn)?;
    let proposals = proposals::table
        .inner_join(organisations::table)
        .filter(proposals::process_id.eq(process_id))
        .filter(proposals::status.ne(PROPOSAL_DRAFT))
        .group_by(organisations::category)
        .select((organisations::category, count_star()))
        .load(conn)?;
    Ok(Pair {
        contributions,
        proposals,
    })
}

/// Keyed by group number, as text.
pub fn by_group(conn: &mut DbConnection, process_id: i64) -> QueryResult<Pair> {
    let contributions: Vec<(i32, i64)> = contribution_groups::table
        .inner_join(contributions::table)
        .inner_join(action_groups::table)
        .filter(contributions::process_id.eq(process_id))
        .filter(contributions::status.eq_any(RECEIVED))
        .group_by(action_groups::number)
        .select((action_groups::number, count_star()))
        .load(conn)?;
    let proposals: Vec<(i32, i64)> = proposals::table
        .inner_join(action_groups::table)
        .filter(proposals::process_id.eq(process_id))
        .filter(proposals::status.ne(PROPOSAL_DRAFT))
        .group_by(action_groups::number)
        .select((action_groups::number, count_star()))
        .load(conn)?;
    let text = |rows: Vec<(i32, i64)>| rows.into_iter().map(|(n, c)| (n.to_string(), c)).collect();
    Ok(Pair {
        contributions: text(contributions),
        proposals: text(proposals),
    })
}

/// Keyed by theme id, as text.
pub fn by_theme(conn: &mut DbConnection, process_id: i64) -> QueryResult<Pair> {
    let contributions: Vec<(i64, i64)> = contribution_themes::table
        .inner_join(contributions::table)
        .inner_join(themes::table)
        .filter(contributions::process_id.eq(process_id))
        .filter(contributions::status.eq_any(RECEIVED))
        .group_by(themes::id)
        .select((themes::id, count_star()))
        .load(conn)?;
    let proposals: Vec<(i64, i64)> = proposal_themes::table
        .inner_join(proposals::table)
        .inner_join(themes::table)
        .filter(proposals::process_id.eq(process_id))
        .filter(proposals::status.ne(PROPOSAL_DRAFT))
        .group_by(themes::id)
        .select((themes::id, count_star()))
        .load(conn)?;
    let text = |rows: Vec<(i64, i64)>| rows.into_iter().map(|(n, c)| (n.to_string(), c)).collect();
    Ok(Pair {
        contributions: text(contributions),
        proposals: text(proposals),
    })
}

/// Keyed by month, `2017-11`. The month is cut in SQL, in each backend's own words.
pub fn by_month(conn: &mut DbConnection, process_id: i64) -> QueryResult<Pair> {
    let (contribution_month, proposal_month) = match conn {
        DbConnection::Sqlite(_) => (
            "strftime('%Y-%m', contributions.submitted_at)",
            "strftime('%Y-%m', proposals.submitted_at)",
        ),
        DbConnection::Postgresql(_) => (
            "to_char(contributions.submitted_at, 'YYYY-MM')",
            "to_char(proposals.submitted_at, 'YYYY-MM')",
        ),
    };
    let contributions: Vec<(String, i64)> = contributions::table
        .filter(contributions::process_id.eq(process_id))
        .filter(contributions::status.eq_any(RECEIVED))
        .filter(contributions::submitted_at.is_not_null())
        .group_by(sql::<Text>(contribution_month))
        .select((sql::<Text>(contribution_month), count_star()))
        .load(conn)?;
    let proposals: Vec<(String, i64)> = proposals::table
        .filter(proposals::process_id.eq(process_id))
        .filter(proposals::status.ne(PROPOSAL_DRAFT))
        .filter(proposals::submitted_at.is_not_null())
        .group_by(sql::<Text>(proposal_month))
        .select((sql::<Text>(proposal_month), count_star()))
        .load(conn)?;
    Ok(Pair {
        contributions,
        proposals,
    })
}

/// Accredited participants by the country they gave (or their organisation's).
pub fn participants_by_country(conn: &mut DbConnection, process_id: i64) -> QueryResult<Counts> {
    let rows: Vec<(Option<String>, Option<String>, i64)> = role_assignments::table
        .inner_join(accounts::table.on(accounts::id.eq(role_assignments::account_id)))
        .left_join(
            organisations::table.on(organisations::id.nullable().eq(accounts::organisation_id)),
        )
        .filter(role_assignments::process_id.eq(process_id))
        .filter(role_assignments::role.eq(Role::Stakeholder))
        .group_by((accounts::country, organisations::country))
        .select((
            accounts::country,
            organisations::country.nullable(),
            count_star(),
        ))
        .load(conn)?;
    Ok(by_country(rows))
}

/// One public event's registrations and attendance, as its row of the attendance chart.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EventAttendance {
    pub title: String,
    /// The event's first day, `YYYY-MM-DD` in UTC.
    pub date: String,
    /// Holding a place (attended or not); the waiting list and cancellations are not counted.
    pub registered: i64,
    /// Recorded as present, registered or not.
    pub attended: i64,
}

/// Every public event of a process in the order they were held, with how many registered and
/// how many attended: two grouped queries, whatever the number of events.
pub fn attendance_by_event(
    conn: &mut DbConnection,
    process_id: i64,
) -> QueryResult<Vec<EventAttendance>> {
    let held: Vec<(i64, String, chrono::NaiveDateTime)> = events::table
        .filter(events::process_id.eq(process_id))
        .filter(events::public.eq(true))
        .order((events::starts_at, events::id))
        .select((events::id, events::title, events::starts_at))
        .load(conn)?;
    let registered: Vec<(i64, i64)> = event_registrations::table
        .inner_join(events::table)
        .filter(events::process_id.eq(process_id))
        .filter(event_registrations::status.eq(RegistrationStatus::Registered))
        .group_by(event_registrations::event_id)
        .select((event_registrations::event_id, count_star()))
        .load(conn)?;
    let attended: Vec<(i64, i64)> = event_registrations::table
        .inner_join(events::table)
        .filter(events::process_id.eq(process_id))
        .filter(event_registrations::attended_at.is_not_null())
        .group_by(event_registrations::event_id)
        .select((event_registrations::event_id, count_star()))
        .load(conn)?;
    let count_of = |counts: &[(i64, i64)], id: i64| {
        counts
            .iter()
            .find(|(event, _)| *event == id)
            .map_or(0, |(_, n)| *n)
    };
    Ok(held
        .into_iter()
        .map(|(id, title, starts_at)| EventAttendance {
            title,
            date: starts_at.format("%Y-%m-%d").to_string(),
            registered: count_of(&registered, id),
            attended: count_of(&attended, id),
        })
        .collect())
}

/// Attendances at the public events of a process (a person once per event they attended) by
/// the stakeholder category of their organisation (people of no organisation are not in it).
pub fn attendance_by_category(conn: &mut DbConnection, process_id: i64) -> QueryResult<Counts> {
    event_registrations::table
        .inner_join(events::table)
        .inner_join(accounts::table.on(accounts::id.eq(event_registrations::account_id)))
        .inner_join(
            organisations::table.on(organisations::id.nullable().eq(accounts::organisation_id)),
        )
        .filter(events::process_id.eq(process_id))
        .filter(events::public.eq(true))
        .filter(event_registrations::attended_at.is_not_null())
        .group_by(organisations::category)
        .select((organisations::category, count_star()))
        .load(conn)
}

/// Attendances at the public events of a process by the country the person or their
/// organisation gave (empty when neither did).
pub fn attendance_by_country(conn: &mut DbConnection, process_id: i64) -> QueryResult<Counts> {
    let rows: Vec<(Option<String>, Option<String>, i64)> = event_registrations::table
        .inner_join(events::table)
        .inner_join(accounts::table.on(accounts::id.eq(event_registrations::account_id)))
        .left_join(
            organisations::table.on(organisations::id.nullable().eq(accounts::organisation_id)),
        )
        .filter(events::process_id.eq(process_id))
        .filter(events::public.eq(true))
        .filter(event_registrations::attended_at.is_not_null())
        .group_by((accounts::country, organisations::country))
        .select((
            accounts::country,
            organisations::country.nullable(),
            count_star(),
        ))
        .load(conn)?;
    Ok(by_country(rows))
}

/// Rows of (own country, organisation's country, count) summed per country, the person's own
/// first.
fn by_country(rows: Vec<(Option<String>, Option<String>, i64)>) -> Counts {
    let mut counts: Counts = Vec::new();
    for (own, organisation, n) in rows {
        let country = own.or(organisation).unwrap_or_default();
        match counts.iter_mut().find(|(c, _)| *c == country) {
            Some(entry) => entry.1 += n,
            None => counts.push((country, n)),
        }
    }
    counts
}

/// What a chart's stored counts read while its first count runs: no figures yet.
pub const COUNTING: &str = "counting";

/// Claims the first count of a chart that has no counts stored, by storing [`COUNTING`] in
/// their place: `true` for the one request (of any instance) that should count now; the
/// others show the chart as being counted meanwhile.
pub fn claim_first_count(
    conn: &mut DbConnection,
    process_id: i64,
    chart: &str,
    now: chrono::NaiveDateTime,
) -> QueryResult<bool> {
    let claim = diesel::insert_into(stats_cache::table)
        .values((
            stats_cache::process_id.eq(process_id),
            stats_cache::chart.eq(chart),
            stats_cache::counts.eq(COUNTING),
            stats_cache::computed_at.eq(now),
        ))
        .on_conflict_do_nothing();
    let claimed = match conn {
        DbConnection::Postgresql(pg) => claim.execute(pg)?,
        DbConnection::Sqlite(lite) => claim.execute(lite)?,
    };
    Ok(claimed == 1)
}

/// The counts of a chart as last stored for a process (JSON, or [`COUNTING`]), and when they
/// were counted (or the first count claimed).
pub fn cached(
    conn: &mut DbConnection,
    process_id: i64,
    chart: &str,
) -> QueryResult<Option<(String, chrono::NaiveDateTime)>> {
    stats_cache::table
        .filter(stats_cache::process_id.eq(process_id))
        .filter(stats_cache::chart.eq(chart))
        .select((stats_cache::counts, stats_cache::computed_at))
        .first(conn)
        .optional()
}

/// Stores the counts of a chart, replacing what was there (two instances counting at once
/// both write the same figures; the later one stays).
pub fn store_cached(
    conn: &mut DbConnection,
    process_id: i64,
    chart: &str,
    counts: &str,
    computed_at: chrono::NaiveDateTime,
) -> QueryResult<()> {
    let upsert = diesel::insert_into(stats_cache::table)
        .values((
            stats_cache::process_id.eq(process_id),
            stats_cache::chart.eq(chart),
            stats_cache::counts.eq(counts),
            stats_cache::computed_at.eq(computed_at),
        ))
        .on_conflict((stats_cache::process_id, stats_cache::chart))
        .do_update()
        .set((
            stats_cache::counts.eq(counts),
            stats_cache::computed_at.eq(computed_at),
        ));
    // An upsert is each backend's own syntax: run on the backend's connection.
    match conn {
        DbConnection::Postgresql(pg) => upsert.execute(pg)?,
        DbConnection::Sqlite(lite) => upsert.execute(lite)?,
    };
    Ok(())
}

/// Claims the recount of a chart whose stored counts date from `counted_at`, by moving their
/// time to `now` only if no one else has: `true` for the one request (of any instance) that
/// should count now; the others keep showing the stored counts meanwhile.
pub fn claim_recount(
    conn: &mut DbConnection,
    process_id: i64,
    chart: &str,
    counted_at: chrono::NaiveDateTime,
    now: chrono::NaiveDateTime,
) -> QueryResult<bool> {
    let claimed = diesel::update(
        stats_cache::table
            .filter(stats_cache::process_id.eq(process_id))
            .filter(stats_cache::chart.eq(chart))
            .filter(stats_cache::computed_at.eq(counted_at)),
    )
    .set(stats_cache::computed_at.eq(now))
    .execute(conn)?;
    Ok(claimed == 1)
}
