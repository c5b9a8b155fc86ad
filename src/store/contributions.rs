//! Written contributions: drafts, submissions, withdrawals, hiding, and the public list.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::search::{self, SearchQuery, Searchable};
use crate::db::schema::{
    accounts, action_groups, contribution_groups, contribution_themes, contributions,
    organisations, themes,
};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::contributions::ContributionStatus;
use crate::domain::roles::StakeholderCategory;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = contributions)]
pub struct Contribution {
    pub id: i64,
    pub process_id: i64,
    pub author_id: i64,
    pub organisation_id: Option<i64>,
    pub reference: Option<String>,
    pub title: String,
    pub body: String,
    pub status: ContributionStatus,
    pub content_hash: Option<String>,
    pub search_text: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub hidden_at: Option<NaiveDateTime>,
    pub hidden_by: Option<i64>,
    pub hidden_reason: Option<String>,
}

impl Contribution {
    pub fn status(&self) -> ContributionStatus {
        self.status
    }
}

/// The text of a draft, already checked, and what it is tagged with.
#[derive(Debug, Clone, Default)]
pub struct DraftContent {
    pub title: String,
    pub body: String,
    pub group_ids: Vec<i64>,
    pub theme_ids: Vec<i64>,
}

/// Creates a draft; call inside a write transaction.
pub fn create_draft(
    conn: &mut DbConnection,
    process_id: i64,
    author_id: i64,
    organisation_id: Option<i64>,
    content: &DraftContent,
) -> QueryResult<i64> {
    let now = super::now();
    let id = diesel::insert_into(contributions::table)
        .values((
            contributions::process_id.eq(process_id),
            contributions::author_id.eq(author_id),
            contributions::organisation_id.eq(organisation_id),
            contributions::title.eq(&content.title),
            contributions::body.eq(&content.body),
            contributions::status.eq(ContributionStatus::Draft),
            contributions::search_text.eq(""),
            contributions::created_at.eq(now),
            contributions::updated_at.eq(now),
        ))
        .returning(contributions::id)
        .get_result(conn)?;
    replace_tags(conn, id, content)?;
    Ok(id)
}

/// Saves a draft's text and tags; call inside a write transaction.
pub fn update_draft(conn: &mut DbConnection, id: i64, content: &DraftContent) -> QueryResult<()> {
    diesel::update(contributions::table.find(id))
        .set((
            contributions::title.eq(&content.title),
            contributions::body.eq(&content.body),
            contributions::updated_at.eq(super::now()),
        ))
        .execute(conn)?;
    replace_tags(conn, id, content)
}

fn replace_tags(conn: &mut DbConnection, id: i64, content: &DraftContent) -> QueryResult<()> {
    diesel::delete(contribution_groups::table.filter(contribution_groups::contribution_id.eq(id)))
        .execute(conn)?;
    diesel::delete(contribution_themes::table.filter(contribution_themes::contribution_id.eq(id)))
        .execute(conn)?;
    // One row at a time: diesel's multi-backend connection has no batch insert, and a
    // contribution has a handful of tags at most.
    for group in &content.group_ids {
        diesel::insert_into(contribution_groups::table)
            .values((
                contribution_groups::contribution_id.eq(id),
                contribution_groups::group_id.eq(*group),
            ))
            .execute(conn)?;
    }
    for theme in &content.theme_ids {
        diesel::insert_into(contribution_themes::table)
            .values((
                contribution_themes::contribution_id.eq(id),
                contribution_themes::theme_id.eq(*theme),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Makes a draft public with its receipt; call inside a write transaction.
pub fn mark_submitted(
    conn: &mut DbConnection,
    id: i64,
    reference: &str,
    content_hash: &str,
    search_text: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(contributions::table.find(id))
        .set((
            contributions::status.eq(ContributionStatus::Submitted),
            contributions::reference.eq(reference),
            contributions::content_hash.eq(content_hash),
            contributions::search_text.eq(search_text),
            contributions::submitted_at.eq(at),
            contributions::updated_at.eq(at),
        ))
        .execute(conn)
        .map(drop)
}

pub fn mark_withdrawn(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    let now = super::now();
    diesel::update(contributions::table.find(id))
        .set((
            contributions::status.eq(ContributionStatus::Withdrawn),
            contributions::withdrawn_at.eq(now),
            contributions::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

pub fn mark_hidden(conn: &mut DbConnection, id: i64, by: i64, reason: &str) -> QueryResult<()> {
    let now = super::now();
    diesel::update(contributions::table.find(id))
        .set((
            contributions::status.eq(ContributionStatus::Hidden),
            contributions::hidden_at.eq(now),
            contributions::hidden_by.eq(by),
            contributions::hidden_reason.eq(reason),
            contributions::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

pub fn contribution_by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Contribution>> {
    contributions::table
        .find(id)
        .select(Contribution::as_select())
        .first(conn)
        .optional()
}

pub fn contribution_by_reference(
    conn: &mut DbConnection,
    process_id: i64,
    reference: &str,
) -> QueryResult<Option<Contribution>> {
    contributions::table
        .filter(contributions::process_id.eq(process_id))
        .filter(contributions::reference.eq(reference))
        .select(Contribution::as_select())
        .first(conn)
        .optional()
}

/// An author's drafts in a process, newest first.
pub fn drafts_of_author(
    conn: &mut DbConnection,
    process_id: i64,
    author_id: i64,
) -> QueryResult<Vec<Contribution>> {
    contributions::table
        .filter(contributions::process_id.eq(process_id))
        .filter(contributions::author_id.eq(author_id))
        .filter(contributions::status.eq(ContributionStatus::Draft))
        .order(contributions::updated_at.desc())
        .select(Contribution::as_select())
        .load(conn)
}

/// The groups (number, name) and themes tagged on some contributions: two queries.
#[derive(Debug, Clone, Default)]
pub struct Tags {
    pub groups: Vec<(i64, i64, i32, String)>,
    pub themes: Vec<(i64, i64, String)>,
}

impl Tags {
    /// The (number, name) of the groups of one contribution.
    pub fn groups_of(&self, contribution: &i64) -> Vec<(i32, &str)> {
        self.groups
            .iter()
            .filter(|(c, ..)| c == contribution)
            .map(|(_, _, number, name)| (*number, name.as_str()))
            .collect()
    }

    pub fn group_ids_of(&self, contribution: &i64) -> Vec<i64> {
        self.groups
            .iter()
            .filter(|(c, ..)| c == contribution)
            .map(|(_, id, ..)| *id)
            .collect()
    }

    pub fn themes_of(&self, contribution: &i64) -> Vec<&str> {
        self.themes
            .iter()
            .filter(|(c, ..)| c == contribution)
            .map(|(_, _, name)| name.as_str())
            .collect()
    }

    pub fn theme_ids_of(&self, contribution: &i64) -> Vec<i64> {
        self.themes
            .iter()
            .filter(|(c, ..)| c == contribution)
            .map(|(_, id, _)| *id)
            .collect()
    }
}

pub fn tags_of(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Tags> {
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
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
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

/// Who submitted a contribution, for its page: their name, and the organisation they
/// submitted it for.
pub fn author_of(
    conn: &mut DbConnection,
    contribution: &Contribution,
) -> QueryResult<(String, Option<String>, Option<StakeholderCategory>)> {
    let name: String = accounts::table
        .find(contribution.author_id)
        .select(accounts::display_name)
        .first(conn)?;
    let organisation: Option<(String, StakeholderCategory)> = match contribution.organisation_id {
        Some(id) => organisations::table
            .find(id)
            .select((organisations::name, organisations::category))
            .first(conn)
            .optional()?,
        None => None,
    };
    Ok(match organisation {
        Some((organisation, category)) => (name, Some(organisation), Some(category)),
        None => (name, None, None),
    })
}
