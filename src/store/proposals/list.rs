//! Lists of proposals: the public list with its search, filters, order and pages, in a
//! fixed number of queries; and an author's own drafts.

use chrono::NaiveDateTime;
use diesel::dsl::exists;
use diesel::prelude::*;

use super::theme_names_of;
use crate::db::cached::{any_of, one_of};
use crate::db::schema::{action_groups, organisations, proposal_themes, proposals};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::ids::ProposalId;
use crate::domain::proposals::ProposalStatus;
use crate::domain::roles::StakeholderCategory;
use crate::domain::text_language::TextLanguage;
use crate::store::keyset::{Seek, Slice, Total};
use crate::store::search::{self, SearchQuery};

use super::browse;

/// A draft as its author finds it again: a never-submitted proposal, or unsubmitted changes
/// to a submitted one.
#[derive(Debug, Clone, Queryable)]
pub struct DraftListing {
    pub id: ProposalId,
    pub reference: Option<String>,
    pub title: String,
    pub updated_at: NaiveDateTime,
}

pub fn drafts_of_author(
    conn: &mut DbConnection,
    process_id: i64,
    author_id: i64,
) -> QueryResult<Vec<DraftListing>> {
    proposals::table
        .filter(proposals::process_id.eq(process_id))
        .filter(proposals::author_id.eq(author_id))
        .filter(proposals::draft.is_not_null())
        .order(proposals::updated_at.desc())
        .select((
            proposals::id,
            proposals::reference,
            proposals::title,
            proposals::updated_at,
        ))
        .load(conn)
}

/// The orders the public list offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProposalSort {
    /// Best matches first; offered (and the default) only when searching.
    Relevance,
    #[default]
    Newest,
    Oldest,
    Title,
    Reference,
}

impl ProposalSort {
    pub const ALL: [ProposalSort; 5] = [
        ProposalSort::Relevance,
        ProposalSort::Newest,
        ProposalSort::Oldest,
        ProposalSort::Title,
        ProposalSort::Reference,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProposalSort::Relevance => "relevance",
            ProposalSort::Newest => "newest",
            ProposalSort::Oldest => "oldest",
            ProposalSort::Title => "title",
            ProposalSort::Reference => "reference",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// What the public list is narrowed to, already parsed.
#[derive(Debug, Clone, Default)]
pub struct ProposalFilter {
    pub search: Option<SearchQuery>,
    pub category: Option<StakeholderCategory>,
    pub group_id: Option<i64>,
    pub theme_id: Option<i64>,
    /// A public state; drafts are never listed, whatever is asked.
    pub status: Option<ProposalStatus>,
    pub language: Option<TextLanguage>,
    pub sort: ProposalSort,
}

/// One row of the public list.
#[derive(Debug, Clone)]
pub struct ProposalRow {
    pub id: ProposalId,
    pub reference: String,
    pub title: String,
    pub status: ProposalStatus,
    pub current_version: i32,
    pub submitted_at: Option<NaiveDateTime>,
    pub language: TextLanguage,
    pub group_number: i32,
    pub group_name: String,
    pub organisation: Option<String>,
    pub category: Option<StakeholderCategory>,
    pub themes: Vec<String>,
}

/// A page of the list, how many rows all pages hold (counted up to a bound), and whether
/// pages lie before and after it.
#[derive(Debug, Clone, Default)]
pub struct ProposalPage {
    /// The page's proposals, in order.
    pub ids: Vec<ProposalId>,
    /// Those of `ids` the caller did not hold already (see [`public_proposals`]), in order.
    pub rows: Vec<ProposalRow>,
    pub total: Total,
    pub previous: bool,
    pub next: bool,
}

/// The public proposals of the process in `statuses` that the filter keeps. Themes are
/// tested row by row (`EXISTS` on the link table's key), so the planner walks the list's
/// index in order instead of sorting every proposal of a theme.
pub(super) fn filtered<'a>(
    process_id: i64,
    filter: &ProposalFilter,
    statuses: &[ProposalStatus],
) -> proposals::BoxedQuery<'a, MultiBackend> {
    let public: Vec<ProposalStatus> = statuses.iter().copied().filter(|s| s.is_public()).collect();
    let mut query = proposals::table
        .filter(proposals::process_id.eq(process_id))
        .into_boxed();
    // One status is an equality, so the index range it names comes out in the list's order
    // (PostgreSQL reads `= ANY(array)` as an unordered set, even of one value).
    query = match public.as_slice() {
        [status] => query.filter(proposals::status.eq(*status)),
        _ => query.filter(one_of(proposals::status, public)),
    };
    // An equality, so with the process and status it names one range of
    // `proposals_list_language`, in the list's order when it is by date.
    if let Some(language) = filter.language {
        query = query.filter(proposals::language.eq(language));
    }
    if let Some(category) = filter.category {
        query = query.filter(
            proposals::organisation_id.eq_any(
                organisations::table
                    .filter(organisations::category.eq(category))
                    .select(organisations::id.nullable()),
            ),
        );
    }
    if let Some(group) = filter.group_id {
        query = query.filter(proposals::group_id.eq(group));
    }
    if let Some(theme) = filter.theme_id {
        query = query.filter(exists(
            proposal_themes::table
                .filter(proposal_themes::proposal_id.eq(proposals::id))
                .filter(proposal_themes::theme_id.eq(theme)),
        ));
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
    i64,
    Option<i64>,
    TextLanguage,
);

/// One page of the public proposals of a process. Without search words, a keyset page
/// (`browse`); with them, the search's page by offset.
///
/// `held` is asked about each proposal of the page: one it answers `true` for is already
/// held by the caller as it stands now (a row rendered under the present data stamp), so
/// only its id comes back.
pub fn public_proposals(
    conn: &mut DbConnection,
    process_id: i64,
    filter: &ProposalFilter,
    seek: Seek,
    limit: i64,
    held: &mut dyn FnMut(ProposalId) -> bool,
) -> QueryResult<ProposalPage> {
    let (slice, total) = match &filter.search {
        None => browse::browse(conn, process_id, filter, seek, limit)?,
        Some(query) => searched(conn, process_id, filter, query, seek.offset(), limit)?,
    };
    let wanted: Vec<ProposalId> = slice.rows.iter().copied().filter(|id| !held(*id)).collect();
    let rows = match wanted.is_empty() {
        true => Vec::new(),
        false => rows_of(conn, &wanted)?,
    };
    Ok(ProposalPage {
        ids: slice.rows,
        rows,
        total,
        previous: slice.previous,
        next: slice.next,
    })
}

/// The ids of a page of search results by offset, within the search's bounded, ranked
/// matches.
fn searched(
    conn: &mut DbConnection,
    process_id: i64,
    filter: &ProposalFilter,
    query: &SearchQuery,
    offset: i64,
    limit: i64,
) -> QueryResult<(Slice<ProposalId>, Total)> {
    let (found, ids) =
        search::lists::proposal_page(conn, process_id, filter, query, offset, limit)?;
    let shown = offset + i64::try_from(ids.len()).unwrap_or(0);
    let slice = Slice {
        rows: ids,
        previous: offset > 0,
        next: shown < found.total,
    };
    let total = Total {
        count: found.total,
        more: found.more,
        best_first: found.best_first,
    };
    Ok((slice, total))
}

/// The rows of the proposals with these ids, in the order of the ids: two queries.
fn rows_of(conn: &mut DbConnection, ids: &[ProposalId]) -> QueryResult<Vec<ProposalRow>> {
    // The rows by their keys, then their groups and organisations by theirs: joined in one
    // query, SQLite may walk a whole group's index to find a page's few rows.
    let data: Vec<RowData> = proposals::table
        .filter(any_of(proposals::id, ids.iter().map(|id| id.0)))
        .select((
            proposals::id,
            proposals::reference,
            proposals::title,
            proposals::status,
            proposals::current_version,
            proposals::submitted_at,
            proposals::group_id,
            proposals::organisation_id,
            proposals::language,
        ))
        .load(conn)?;
    let group_ids: Vec<i64> = data.iter().map(|d| d.6).collect();
    let groups: Vec<(i64, i32, String)> = action_groups::table
        .filter(any_of(action_groups::id, group_ids))
        .select((
            action_groups::id,
            action_groups::number,
            action_groups::name,
        ))
        .load(conn)?;
    let organisation_ids: Vec<i64> = data.iter().filter_map(|d| d.7).collect();
    let speaking_for: Vec<(i64, String, StakeholderCategory)> = organisations::table
        .filter(any_of(organisations::id, organisation_ids))
        .select((
            organisations::id,
            organisations::name,
            organisations::category,
        ))
        .load(conn)?;
    let theme_names = theme_names_of(conn, ids)?;
    let mut rows: Vec<ProposalRow> = data
        .into_iter()
        .map(|d| {
            let group = groups.iter().find(|g| g.0 == d.6);
            let organisation = speaking_for.iter().find(|o| Some(o.0) == d.7);
            ProposalRow {
                id: d.0,
                reference: d.1.unwrap_or_default(),
                title: d.2,
                status: d.3,
                current_version: d.4,
                submitted_at: d.5,
                language: d.8,
                group_number: group.map(|g| g.1).unwrap_or_default(),
                group_name: group.map(|g| g.2.clone()).unwrap_or_default(),
                organisation: organisation.map(|o| o.1.clone()),
                category: organisation.map(|o| o.2),
                themes: theme_names
                    .iter()
                    .filter(|(id, _)| *id == d.0)
                    .map(|(_, name)| name.clone())
                    .collect(),
            }
        })
        .collect();
    // The rows query has no order of its own: put them back in the page's.
    rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
    Ok(rows)
}
