//! A group's review queue: its proposals in one state (submitted, by default: those awaiting
//! a decision), narrowed by theme and number of co-sponsors, one page at a time, each with
//! its versions, decisions, co-sponsors and notes; and the texts of the whole group that
//! similarity is computed from. A fixed number of queries, whatever the number of proposals.

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, exists};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::notes::note_counts;
use super::{DecisionRecord, decisions_of};
use crate::db::cached::{Statement, any_of};
use crate::db::schema::{
    co_sponsorships, organisations, proposal_themes, proposal_versions, proposals,
};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::ids::ProposalId;
use crate::domain::permissions::Grant;
use crate::domain::proposals::{CoSponsorStatus, ProposalStatus};
use crate::domain::roles::{Role, StakeholderCategory};
use crate::domain::text_language::TextLanguage;
use crate::store::keyset::{self, Key, Seek, Slice, Total};
use crate::store::proposals::browse::{ordered, past};
use crate::store::proposals::list::ProposalSort;
use crate::store::proposals::theme_names_of;
use crate::store::roles::grant;

pub use super::candidates::{Candidate, SIMILARITY_POOL, similarity_candidates};

/// How many organisations co-sponsor a proposal (accepted invitations only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SponsorCount {
    #[default]
    Any,
    None,
    AtLeast(i64),
}

impl SponsorCount {
    /// The choices the queue offers, with their form values.
    pub const CHOICES: [(SponsorCount, &'static str); 4] = [
        (SponsorCount::None, "none"),
        (SponsorCount::AtLeast(1), "1"),
        (SponsorCount::AtLeast(2), "2"),
        (SponsorCount::AtLeast(5), "5"),
    ];

    pub fn parse(raw: &str) -> SponsorCount {
        SponsorCount::CHOICES
            .into_iter()
            .find(|(_, value)| *value == raw)
            .map(|(count, _)| count)
            .unwrap_or_default()
    }
}

/// What the queue is narrowed to, already parsed.
#[derive(Debug, Clone, Copy)]
pub struct QueueFilter {
    pub status: ProposalStatus,
    pub theme_id: Option<i64>,
    pub co_sponsors: SponsorCount,
}

impl Default for QueueFilter {
    fn default() -> Self {
        QueueFilter {
            status: ProposalStatus::Submitted,
            theme_id: None,
            co_sponsors: SponsorCount::Any,
        }
    }
}

/// One version as the queue lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionDate {
    pub number: i32,
    pub created_at: NaiveDateTime,
}

/// One proposal of the queue, with everything shown beside it.
#[derive(Debug, Clone)]
pub struct QueueRow {
    pub id: ProposalId,
    pub reference: String,
    pub title: String,
    pub status: ProposalStatus,
    pub current_version: i32,
    pub submitted_at: Option<NaiveDateTime>,
    pub language: TextLanguage,
    pub organisation: Option<String>,
    pub category: Option<StakeholderCategory>,
    pub themes: Vec<String>,
    pub co_sponsors: i64,
    /// Oldest first; the last is the version under review.
    pub versions: Vec<VersionDate>,
    pub decisions: Vec<DecisionRecord>,
    pub notes: i64,
}

impl QueueRow {
    /// When the version under review was submitted.
    pub fn current_since(&self) -> Option<NaiveDateTime> {
        self.versions
            .iter()
            .find(|v| v.number == self.current_version)
            .map(|v| v.created_at)
    }
}

/// What admitting a reader to a group's queue reads (`app::review::queue::admit`): the
/// process and group the address names, what a rendered queue is kept under, and the roles
/// the reader holds in the process.
#[derive(Debug, Clone)]
pub struct Admission {
    pub process_id: i64,
    /// The process's stamp (0 until triggers first set it).
    pub stamp: i64,
    pub group_id: i64,
    /// The public data's generation (its stripes summed, as `store::opendata::generation`
    /// reads them) plus the review generation (decisions, notes and similarities, kept by the
    /// triggers of the migration `review_generation`). Both only grow, so their sum changes
    /// whenever either does.
    pub generation: i64,
    /// As `store::roles::grants_in_process` reads them.
    pub grants: Vec<Grant>,
}

/// One row of [`admission`]: the same first four columns on every row, and one role of the
/// reader's a row (none: one row of NULLs).
#[derive(QueryableByName)]
struct AdmissionRow {
    #[diesel(sql_type = BigInt)]
    process_id: i64,
    #[diesel(sql_type = BigInt)]
    stamp: i64,
    #[diesel(sql_type = BigInt)]
    group_id: i64,
    #[diesel(sql_type = BigInt)]
    generation: i64,
    #[diesel(sql_type = Nullable<Text>)]
    role: Option<Role>,
    #[diesel(sql_type = Nullable<BigInt>)]
    role_group: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    role_language: Option<String>,
}

/// The group `number` of process `slug`, the generation of what its queue shows and the
/// roles `account_id` holds in the process, in one statement, so one snapshot; `None` when
/// the address names no such group. Every request for a queue makes it, kept or not.
pub fn admission(
    conn: &mut DbConnection,
    slug: &str,
    number: i32,
    account_id: Option<i64>,
) -> QueryResult<Option<Admission>> {
    let rows: Vec<AdmissionRow> = Statement::new(
        "SELECT p.id AS process_id, p.stamp AS stamp, g.id AS group_id, \
         CAST((SELECT COALESCE(SUM(d.generation), 0) FROM open_data_generation d) \
         + (SELECT COALESCE(SUM(r.generation), 0) FROM review_generation r) AS BIGINT) \
         AS generation, ra.role AS role, ra.group_id AS role_group, ra.language AS role_language \
         FROM processes p JOIN action_groups g ON g.process_id = p.id \
         LEFT JOIN role_assignments ra ON ra.process_id = p.id AND ra.account_id = ",
    )
    // No account holds id 0: a visitor signed out holds no role.
    .int(account_id.unwrap_or(0))
    .sql(" WHERE p.slug = ")
    .text(slug)
    .sql(" AND g.number = ")
    .int(i64::from(number))
    .load(conn)?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let mut admission = Admission {
        process_id: first.process_id,
        stamp: first.stamp,
        group_id: first.group_id,
        generation: first.generation,
        grants: Vec::new(),
    };
    admission.grants = rows
        .into_iter()
        .filter_map(|row| Some(grant(row.role?, row.role_group, row.role_language)))
        .collect();
    Ok(Some(admission))
}

/// A page of the queue, how many proposals it holds (counted up to a bound), and whether
/// pages lie before and after it.
#[derive(Debug, Clone, Default)]
pub struct QueuePage {
    pub rows: Vec<QueueRow>,
    pub total: Total,
    pub previous: bool,
    pub next: bool,
}

fn filtered<'a>(group_id: i64, filter: &QueueFilter) -> proposals::BoxedQuery<'a, MultiBackend> {
    let accepted = CoSponsorStatus::Accepted;
    let mut query = proposals::table
        .filter(proposals::group_id.eq(group_id))
        .filter(proposals::status.eq(filter.status))
        .into_boxed();
    if let Some(theme) = filter.theme_id {
        query = query.filter(exists(
            proposal_themes::table
                .filter(proposal_themes::proposal_id.eq(proposals::id))
                .filter(proposal_themes::theme_id.eq(theme)),
        ));
    }
    match filter.co_sponsors {
        SponsorCount::Any => {}
        SponsorCount::None => {
            query = query.filter(
                proposals::id.ne_all(
                    co_sponsorships::table
                        .filter(co_sponsorships::status.eq(accepted))
                        .select(co_sponsorships::proposal_id),
                ),
            );
        }
        SponsorCount::AtLeast(n) => {
            query = query.filter(
                proposals::id.eq_any(
                    co_sponsorships::table
                        .filter(co_sponsorships::status.eq(accepted))
                        .group_by(co_sponsorships::proposal_id)
                        .having(count_star().ge(n))
                        .select(co_sponsorships::proposal_id),
                ),
            );
        }
    }
    query
}

type RowData = (
    ProposalId,
    Option<String>,
    String,
    ProposalStatus,
    i32,
    Option<NaiveDateTime>,
    Option<String>,
    Option<StakeholderCategory>,
    TextLanguage,
);

/// The sort keys of a proposal of the group; none for a forged or foreign id.
fn key_in_group(conn: &mut DbConnection, group_id: i64, id: i64) -> QueryResult<Option<Key>> {
    let row = proposals::table
        .filter(proposals::id.eq(ProposalId(id)))
        .filter(proposals::group_id.eq(group_id))
        .select((
            proposals::submitted_at,
            proposals::title,
            proposals::reference,
        ))
        .first::<(Option<NaiveDateTime>, String, Option<String>)>(conn)
        .optional()?;
    Ok(row.filter(|(submitted_at, ..)| submitted_at.is_some()).map(
        |(submitted_at, title, reference)| Key {
            id,
            submitted_at,
            title,
            reference,
        },
    ))
}

/// The ids of one page of the queue, oldest submission first, read from the
/// `proposals_group_submitted` index from the cursor on: two queries.
fn page_ids(
    conn: &mut DbConnection,
    group_id: i64,
    filter: &QueueFilter,
    seek: Seek,
    limit: i64,
) -> QueryResult<Slice<ProposalId>> {
    let key = match seek.cursor() {
        Some(id) => key_in_group(conn, group_id, id)?,
        None => None,
    };
    let (seek, query) = match &key {
        Some(key) => {
            let query = ordered(filtered(group_id, filter), ProposalSort::Oldest, seek);
            (seek, past(query, ProposalSort::Oldest, seek, key))
        }
        // A cursor that names no proposal of the group starts at the top.
        None if seek.cursor().is_some() => (
            Seek::First,
            ordered(
                filtered(group_id, filter),
                ProposalSort::Oldest,
                Seek::First,
            ),
        ),
        None => (
            seek,
            ordered(filtered(group_id, filter), ProposalSort::Oldest, seek),
        ),
    };
    let ids: Vec<ProposalId> = query
        .select(proposals::id)
        .offset(seek.offset())
        .limit(limit + 1)
        .load(conn)?;
    Ok(keyset::slice(ids, seek, limit))
}

/// One page of a group's queue, oldest submission first: nine queries, whatever the page
/// or the group holds.
pub fn review_queue(
    conn: &mut DbConnection,
    group_id: i64,
    filter: &QueueFilter,
    seek: Seek,
    limit: i64,
) -> QueryResult<QueuePage> {
    let total = Total::bounded(conn, filtered(group_id, filter).select(proposals::id))?;
    let slice = page_ids(conn, group_id, filter, seek, limit)?;
    let ids = slice.rows;
    // By the rows' keys alone: joined with the group too, SQLite walked the whole group's
    // index to find the page's rows (37 ms for a group of 40,000 proposals).
    let data: Vec<RowData> = proposals::table
        .left_join(
            organisations::table.on(organisations::id.nullable().eq(proposals::organisation_id)),
        )
        .filter(any_of(proposals::id, ids.iter().map(|id| id.0)))
        .select((
            proposals::id,
            proposals::reference,
            proposals::title,
            proposals::status,
            proposals::current_version,
            proposals::submitted_at,
            organisations::name.nullable(),
            organisations::category.nullable(),
            proposals::language,
        ))
        .load(conn)?;
    let extras = Extras::of(conn, &ids)?;
    let mut rows: Vec<QueueRow> = data.into_iter().map(|d| extras.row(d)).collect();
    // The rows query has no order of its own: put them back in the page's.
    rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
    Ok(QueuePage {
        rows,
        total,
        previous: slice.previous,
        next: slice.next,
    })
}

/// What the queue shows of its proposals besides their row: one query each, for the page.
struct Extras {
    themes: Vec<(ProposalId, String)>,
    sponsors: Vec<(ProposalId, i64)>,
    versions: Vec<(ProposalId, VersionDate)>,
    decisions: Vec<DecisionRecord>,
    notes: Vec<(ProposalId, i64)>,
}

impl Extras {
    fn of(conn: &mut DbConnection, ids: &[ProposalId]) -> QueryResult<Extras> {
        Ok(Extras {
            themes: theme_names_of(conn, ids)?,
            sponsors: co_sponsor_counts(conn, ids)?,
            versions: versions_of(conn, ids)?,
            decisions: decisions_of(conn, ids)?,
            notes: note_counts(conn, ids)?,
        })
    }

    fn row(&self, d: RowData) -> QueueRow {
        let count_of = |counts: &[(ProposalId, i64)], id: ProposalId| {
            counts
                .iter()
                .find(|(of, _)| *of == id)
                .map(|(_, n)| *n)
                .unwrap_or(0)
        };
        QueueRow {
            id: d.0,
            reference: d.1.unwrap_or_default(),
            title: d.2,
            status: d.3,
            current_version: d.4,
            submitted_at: d.5,
            language: d.8,
            organisation: d.6,
            category: d.7,
            themes: self
                .themes
                .iter()
                .filter(|(id, _)| *id == d.0)
                .map(|(_, name)| name.clone())
                .collect(),
            co_sponsors: count_of(&self.sponsors, d.0),
            versions: self
                .versions
                .iter()
                .filter(|(id, _)| *id == d.0)
                .map(|(_, v)| *v)
                .collect(),
            decisions: self
                .decisions
                .iter()
                .filter(|r| r.proposal_id == d.0)
                .cloned()
                .collect(),
            notes: count_of(&self.notes, d.0),
        }
    }
}

/// The accepted co-sponsorships of these proposals, as (proposal id, count): one query.
fn co_sponsor_counts(
    conn: &mut DbConnection,
    ids: &[ProposalId],
) -> QueryResult<Vec<(ProposalId, i64)>> {
    co_sponsorships::table
        .filter(any_of(
            co_sponsorships::proposal_id,
            ids.iter().map(|id| id.0),
        ))
        .filter(co_sponsorships::status.eq(CoSponsorStatus::Accepted))
        .group_by(co_sponsorships::proposal_id)
        .select((co_sponsorships::proposal_id, count_star()))
        .load(conn)
}

/// The versions of these proposals, by proposal then number: one query.
fn versions_of(
    conn: &mut DbConnection,
    ids: &[ProposalId],
) -> QueryResult<Vec<(ProposalId, VersionDate)>> {
    let rows: Vec<(ProposalId, i32, NaiveDateTime)> = proposal_versions::table
        .filter(any_of(
            proposal_versions::proposal_id,
            ids.iter().map(|id| id.0),
        ))
        .order((proposal_versions::proposal_id, proposal_versions::number))
        .select((
            proposal_versions::proposal_id,
            proposal_versions::number,
            proposal_versions::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, number, created_at)| (id, VersionDate { number, created_at }))
        .collect())
}
