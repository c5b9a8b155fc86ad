//! The public list of contributions: filters, orders, one page of rows with their tags, and
//! the number of rows in all pages.

use diesel::prelude::*;

use super::Contribution;
use crate::db::schema::{
    accounts, action_groups, contribution_groups, contribution_themes, contributions,
    organisations, themes,
};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::contributions::ContributionStatus;
use crate::domain::ids::ContributionId;
use crate::domain::roles::StakeholderCategory;
use crate::store::search::{self, SearchQuery, Searchable};

/// The groups (number, name) and themes tagged on some contributions: two queries.
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
    let groups = contribution_groups::table
        .inner_join(action_groups::table)
        .filter(contribution_groups::contribution_id.eq_any(ids))
        .order(action_groups::number)
        .select((
            contribution_groups::contribution_id,
            action_groups::id,
            action_groups::number,
            action_groups::name,
        ))
        .load(conn)?;
    let themes = contribution_themes::table
        .inner_join(themes::table)
        .filter(contribution_themes::contribution_id.eq_any(ids))
        .order(themes::position)
        .select((
            contribution_themes::contribution_id,
            themes::id,
            themes::name,
        ))
        .load(conn)?;
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
    pub sort: ListSort,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListSort {
    #[default]
    Newest,
    Oldest,
    Title,
    Reference,
}

impl ListSort {
    pub const ALL: [ListSort; 4] = [
        ListSort::Newest,
        ListSort::Oldest,
        ListSort::Title,
        ListSort::Reference,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
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

/// A page of the public list and the number of rows in all pages.
#[derive(Debug, Clone, Default)]
pub struct ListPage {
    pub total: i64,
    pub rows: Vec<Listed>,
    pub tags: Tags,
}

fn filtered<'a>(
    conn: &DbConnection,
    process_id: i64,
    filter: &ListFilter,
) -> contributions::BoxedQuery<'a, MultiBackend> {
    let public: Vec<ContributionStatus> = match filter.status {
        Some(status) if status.is_public() => vec![status],
        _ => ContributionStatus::PUBLIC.to_vec(),
    };
    let mut query = contributions::table
        .filter(contributions::process_id.eq(process_id))
        .filter(contributions::status.eq_any(public))
        // A campaign is listed once, through its listed copy.
        .filter(contributions::campaign_copy.eq(false))
        .into_boxed();
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
        query = query.filter(
            contributions::id.eq_any(
                contribution_groups::table
                    .filter(contribution_groups::group_id.eq(group))
                    .select(contribution_groups::contribution_id),
            ),
        );
    }
    if let Some(theme) = filter.theme_id {
        query = query.filter(
            contributions::id.eq_any(
                contribution_themes::table
                    .filter(contribution_themes::theme_id.eq(theme))
                    .select(contribution_themes::contribution_id),
            ),
        );
    }
    if let Some(text) = &filter.query {
        for condition in search::conditions(conn, Searchable::Contributions, text) {
            query = query.filter(condition);
        }
    }
    query
}

fn ordered(
    query: contributions::BoxedQuery<'_, MultiBackend>,
    sort: ListSort,
) -> contributions::BoxedQuery<'_, MultiBackend> {
    match sort {
        ListSort::Newest => {
            query.order((contributions::submitted_at.desc(), contributions::id.desc()))
        }
        ListSort::Oldest => {
            query.order((contributions::submitted_at.asc(), contributions::id.asc()))
        }
        ListSort::Title => query.order((contributions::title.asc(), contributions::id.asc())),
        ListSort::Reference => query.order(contributions::reference.asc()),
    }
}

/// One page of the public contributions of a process: five queries, whatever the page size.
pub fn public_page(
    conn: &mut DbConnection,
    process_id: i64,
    filter: &ListFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<ListPage> {
    let total: i64 = filtered(conn, process_id, filter)
        .count()
        .get_result(conn)?;
    let rows: Vec<Contribution> = ordered(filtered(conn, process_id, filter), filter.sort)
        .offset(offset)
        .limit(limit)
        .select(Contribution::as_select())
        .load(conn)?;
    let author_ids: Vec<i64> = rows.iter().map(|c| c.author_id).collect();
    let authors: Vec<(i64, String)> = accounts::table
        .filter(accounts::id.eq_any(&author_ids))
        .select((accounts::id, accounts::display_name))
        .load(conn)?;
    // The organisation a contribution was submitted for, as it was then.
    let organisation_ids: Vec<i64> = rows.iter().filter_map(|c| c.organisation_id).collect();
    let speaking_for: Vec<(i64, String, StakeholderCategory)> = organisations::table
        .filter(organisations::id.eq_any(&organisation_ids))
        .select((
            organisations::id,
            organisations::name,
            organisations::category,
        ))
        .load(conn)?;
    let ids: Vec<ContributionId> = rows.iter().map(|c| c.id).collect();
    let tags = tags_of(conn, &ids)?;
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
    Ok(ListPage { total, rows, tags })
}
