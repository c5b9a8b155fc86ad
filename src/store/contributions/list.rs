//! The public list of contributions: filters, orders, one page of rows with their tags, and
//! the number of rows in all pages.

use diesel::dsl::exists;
use diesel::prelude::*;

use super::Contribution;
use crate::db::cached::{any_of, one_of};
use crate::db::schema::{
    accounts, action_groups, contribution_groups, contribution_themes, contributions,
    organisations, themes,
};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::contributions::ContributionStatus;
use crate::domain::ids::ContributionId;
use crate::domain::roles::StakeholderCategory;
use crate::domain::text_language::TextLanguage;
use crate::store::keyset::{Seek, Slice, Total};
use crate::store::search::{self, SearchQuery};

use super::browse;

/// The groups (number, name) and themes tagged on some contributions: four small queries.
#[derive(Debug, Clone, Default)]
pub struct Tags {
    pub groups: Vec<(ContributionId, i64, i32, String)>,
    pub themes: Vec<(ContributionId, i64, String)>,
}

impl Tags {
    /// The (number, name) of the groups of one contribution.
    pub fn groups_of(&self, contribution: &ContributionId) -> Vec<(i32, &str)> {
        self.groups
            .iter()
            .filter(|(c, ..)| c == contribution)
            .map(|(_, _, number, name)| (*number, name.as_str()))
            .collect()
    }

    /// The groups of `contribution` with their ids, for their names in the reader's language.
    pub fn group_tags_of(&self, contribution: &ContributionId) -> Vec<(i64, i32, &str)> {
        self.groups
            .iter()
            .filter(|(c, ..)| c == contribution)
            .map(|(_, id, number, name)| (*id, *number, name.as_str()))
            .collect()
    }

    /// The themes of `contribution` with their ids, likewise.
    pub fn theme_tags_of(&self, contribution: &ContributionId) -> Vec<(i64, &str)> {
        self.themes
            .iter()
            .filter(|(c, ..)| c == contribution)
            .map(|(_, id, name)| (*id, name.as_str()))
            .collect()
    }

    pub fn group_ids_of(&self, contribution: &ContributionId) -> Vec<i64> {
        self.groups
            .iter()
            .filter(|(c, ..)| c == contribution)
            .map(|(_, id, ..)| *id)
            .collect()
    }

    pub fn themes_of(&self, contribution: &ContributionId) -> Vec<&str> {
        self.themes
            .iter()
            .filter(|(c, ..)| c == contribution)
            .map(|(_, _, name)| name.as_str())
            .collect()
    }

    pub fn theme_ids_of(&self, contribution: &ContributionId) -> Vec<i64> {
        self.themes
            .iter()
            .filter(|(c, ..)| c == contribution)
            .map(|(_, id, _)| *id)
            .collect()
    }
}

pub fn tags_of(conn: &mut DbConnection, ids: &[ContributionId]) -> QueryResult<Tags> {
    if ids.is_empty() {
        return Ok(Tags::default());
    }
    // Each kind in two steps, the tags of the contributions, then the few groups or themes
    // they name: joined in one query, SQLite walks the small table first and looks every
    // contribution up once per group.
    let tagged: Vec<(ContributionId, i64)> = contribution_groups::table
        .filter(any_of(
            contribution_groups::contribution_id,
            ids.iter().map(|id| id.0),
        ))
        .select((
            contribution_groups::contribution_id,
            contribution_groups::group_id,
        ))
        .load(conn)?;
    let named: Vec<(i64, i32, String)> = action_groups::table
        .filter(any_of(action_groups::id, tagged.iter().map(|t| t.1)))
        .select((
            action_groups::id,
            action_groups::number,
            action_groups::name,
        ))
        .load(conn)?;
    let mut groups: Vec<(ContributionId, i64, i32, String)> = tagged
        .into_iter()
        .filter_map(|(contribution, group)| {
            let (_, number, name) = named.iter().find(|n| n.0 == group)?;
            Some((contribution, group, *number, name.clone()))
        })
        .collect();
    groups.sort_by_key(|g| (g.2, g.0));

    let tagged: Vec<(ContributionId, i64)> = contribution_themes::table
        .filter(any_of(
            contribution_themes::contribution_id,
            ids.iter().map(|id| id.0),
        ))
        .select((
            contribution_themes::contribution_id,
            contribution_themes::theme_id,
        ))
        .load(conn)?;
    let named: Vec<(i64, i32, String)> = themes::table
        .filter(any_of(themes::id, tagged.iter().map(|t| t.1)))
        .select((themes::id, themes::position, themes::name))
        .load(conn)?;
    let mut themes: Vec<(i32, ContributionId, i64, String)> = tagged
        .into_iter()
        .filter_map(|(contribution, theme)| {
            let (_, position, name) = named.iter().find(|n| n.0 == theme)?;
            Some((*position, contribution, theme, name.clone()))
        })
        .collect();
    themes.sort_by_key(|t| (t.0, t.1));
    let themes = themes
        .into_iter()
        .map(|(_, contribution, theme, name)| (contribution, theme, name))
        .collect();
    Ok(Tags { groups, themes })
}

/// How the public list is narrowed and ordered; every value is allow-listed when parsed.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub query: Option<SearchQuery>,
    pub category: Option<StakeholderCategory>,
    pub group_id: Option<i64>,
    pub theme_id: Option<i64>,
    pub status: Option<ContributionStatus>,
    pub language: Option<TextLanguage>,
    /// The event the contributions were made for.
    pub event_id: Option<i64>,
    pub sort: ListSort,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListSort {
    /// Best matches first; offered (and the default) only when searching.
    Relevance,
    #[default]
    Newest,
    Oldest,
    Title,
    Reference,
}

impl ListSort {
    pub const ALL: [ListSort; 5] = [
        ListSort::Relevance,
        ListSort::Newest,
        ListSort::Oldest,
        ListSort::Title,
        ListSort::Reference,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ListSort::Relevance => "relevance",
            ListSort::Newest => "newest",
            ListSort::Oldest => "oldest",
            ListSort::Title => "title",
            ListSort::Reference => "reference",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// One row of the public list, with who submitted it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub contribution: Contribution,
    pub author: String,
    pub organisation: Option<String>,
    pub category: Option<StakeholderCategory>,
}

/// A page of the public list, the rows of all pages (counted up to a bound), and whether
/// pages lie before and after it.
#[derive(Debug, Clone, Default)]
pub struct ListPage {
    pub total: Total,
    /// The page's contributions, in order.
    pub ids: Vec<ContributionId>,
    /// Those of `ids` the caller did not hold already (see [`public_page`]), in order, with
    /// who submitted them, and their tags.
    pub rows: Vec<Listed>,
    pub tags: Tags,
    pub previous: bool,
    pub next: bool,
}

/// The listed contributions of the process in `statuses` (public ones only) that the filter
/// keeps. Campaign copies are never listed: their campaign shows through its first letter.
/// Groups and themes are tested row by row (`EXISTS` on the link table's key), so the
/// planner walks the list's index in order instead of sorting a whole group.
pub(super) fn filtered<'a>(
    process_id: i64,
    filter: &ListFilter,
    statuses: &[ContributionStatus],
) -> contributions::BoxedQuery<'a, MultiBackend> {
    let public: Vec<ContributionStatus> =
        statuses.iter().copied().filter(|s| s.is_public()).collect();
    let mut query = contributions::table
        .filter(contributions::process_id.eq(process_id))
        // A campaign is listed once, through its listed copy.
        .filter(contributions::campaign_copy.eq(false))
        .into_boxed();
    // One status is an equality, so the index range it names comes out in the list's order
    // (PostgreSQL reads `= ANY(array)` as an unordered set, even of one value).
    query = match public.as_slice() {
        [status] => query.filter(contributions::status.eq(*status)),
        _ => query.filter(one_of(contributions::status, public)),
    };
    // An equality, so with the process, campaign copy and status it names one range of
    // `contributions_list_language`, in the list's order when it is by date.
    if let Some(language) = filter.language {
        query = query.filter(contributions::language.eq(language));
    }
    // An equality too: with the process it names one range of `contributions_list_event`.
    if let Some(event) = filter.event_id {
        query = query.filter(contributions::event_id.eq(event));
    }
    if let Some(category) = filter.category {
        query = query.filter(
            contributions::organisation_id.eq_any(
                organisations::table
                    .filter(organisations::category.eq(category))
                    .select(organisations::id.nullable()),
            ),
        );
    }
    if let Some(group) = filter.group_id {
        query = query.filter(exists(
            contribution_groups::table
                .filter(contribution_groups::contribution_id.eq(contributions::id))
                .filter(contribution_groups::group_id.eq(group)),
        ));
    }
    if let Some(theme) = filter.theme_id {
        query = query.filter(exists(
            contribution_themes::table
                .filter(contribution_themes::contribution_id.eq(contributions::id))
                .filter(contribution_themes::theme_id.eq(theme)),
        ));
    }
    query
}

/// One page of the public contributions of a process. Without search words, a keyset page
/// (`browse`); with them, the search's page by offset.
///
/// `held` is asked about each contribution of the page: one it answers `true` for is
/// already held by the caller as it stands now (a row rendered under the present data
/// stamp), so only its id comes back. A search does not even load it.
pub fn public_page(
    conn: &mut DbConnection,
    process_id: i64,
    filter: &ListFilter,
    seek: Seek,
    limit: i64,
    held: &mut dyn FnMut(ContributionId) -> bool,
) -> QueryResult<ListPage> {
    let (ids, slice, total) = match &filter.query {
        None => {
            let (mut slice, total) = browse::browse(conn, process_id, filter, seek, limit)?;
            let ids = slice.rows.iter().map(|c| c.id).collect();
            slice.rows.retain(|c| !held(c.id));
            (ids, slice, total)
        }
        Some(query) => searched(conn, process_id, filter, query, seek.offset(), limit, held)?,
    };
    with_authors(conn, ids, slice, total)
}

/// A page of search results by offset, within the search's bounded, ranked matches.
fn searched(
    conn: &mut DbConnection,
    process_id: i64,
    filter: &ListFilter,
    query: &SearchQuery,
    offset: i64,
    limit: i64,
    held: &mut dyn FnMut(ContributionId) -> bool,
) -> QueryResult<(Vec<ContributionId>, Slice<Contribution>, Total)> {
    let (found, ids, rows) =
        search::lists::contribution_page(conn, process_id, filter, query, offset, limit, held)?;
    let shown = offset + i64::try_from(ids.len()).unwrap_or(0);
    let slice = Slice {
        rows,
        previous: offset > 0,
        next: shown < found.total,
    };
    let total = Total {
        count: found.total,
        more: found.more,
        best_first: found.best_first,
    };
    Ok((ids, slice, total))
}

/// The page's rows with who submitted them and their tags: six queries, none when every
/// row was held.
fn with_authors(
    conn: &mut DbConnection,
    ids: Vec<ContributionId>,
    slice: Slice<Contribution>,
    total: Total,
) -> QueryResult<ListPage> {
    if slice.rows.is_empty() {
        return Ok(ListPage {
            total,
            ids,
            rows: Vec::new(),
            tags: Tags::default(),
            previous: slice.previous,
            next: slice.next,
        });
    }
    let rows = slice.rows;
    let author_ids: Vec<i64> = rows.iter().map(|c| c.author_id).collect();
    let authors: Vec<(i64, String)> = accounts::table
        .filter(any_of(accounts::id, author_ids))
        .select((accounts::id, accounts::display_name))
        .load(conn)?;
    // The organisation a contribution was submitted for, as it was then.
    let organisation_ids: Vec<i64> = rows.iter().filter_map(|c| c.organisation_id).collect();
    let speaking_for: Vec<(i64, String, StakeholderCategory)> = organisations::table
        .filter(any_of(organisations::id, organisation_ids))
        .select((
            organisations::id,
            organisations::name,
            organisations::category,
        ))
        .load(conn)?;
    let loaded: Vec<ContributionId> = rows.iter().map(|c| c.id).collect();
    let tags = tags_of(conn, &loaded)?;
    let rows = rows
        .into_iter()
        .map(|contribution| {
            let organisation = speaking_for
                .iter()
                .find(|o| Some(o.0) == contribution.organisation_id);
            Listed {
                author: authors
                    .iter()
                    .find(|a| a.0 == contribution.author_id)
                    .map(|a| a.1.clone())
                    .unwrap_or_default(),
                organisation: organisation.map(|o| o.1.clone()),
                category: organisation.map(|o| o.2),
                contribution,
            }
        })
        .collect();
    Ok(ListPage {
        total,
        ids,
        rows,
        tags,
        previous: slice.previous,
        next: slice.next,
    })
}
