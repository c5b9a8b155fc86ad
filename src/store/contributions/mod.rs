//! Written contributions: drafts, submissions, withdrawals, hiding, and the public list.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::cached::Statement;
use crate::db::schema::{
    accounts, contribution_groups, contribution_themes, contributions, organisations,
};
use crate::domain::contributions::ContributionStatus;
use crate::domain::ids::ContributionId;
use crate::domain::roles::StakeholderCategory;
use crate::domain::text_language::TextLanguage;
use crate::store::search;

mod browse;
mod list;

pub use list::{ListFilter, ListPage, ListSort, Listed, Tags, public_page, tags_of};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = contributions)]
pub struct Contribution {
    pub id: ContributionId,
    pub process_id: i64,
    pub author_id: i64,
    pub organisation_id: Option<i64>,
    pub reference: Option<String>,
    pub title: String,
    pub body: String,
    pub status: ContributionStatus,
    pub content_hash: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub hidden_at: Option<NaiveDateTime>,
    pub hidden_by: Option<i64>,
    pub hidden_reason: Option<String>,
    pub language: TextLanguage,
    /// The event it was written for, as an input paper.
    pub event_id: Option<i64>,
}

impl Contribution {
    pub fn status(&self) -> ContributionStatus {
        self.status
    }

    /// What is left for those who may not read it: its reference, dates and status, and
    /// why it was hidden; no title, text or hash of them.
    pub fn tombstone(self) -> Self {
        Self {
            title: String::new(),
            body: String::new(),
            content_hash: None,
            ..self
        }
    }
}

/// The text of a draft, already checked, its language, and what it is tagged with.
#[derive(Debug, Clone)]
pub struct DraftContent {
    pub title: String,
    pub body: String,
    pub language: TextLanguage,
    pub group_ids: Vec<i64>,
    pub theme_ids: Vec<i64>,
    /// The public event of the process it is made for, if any.
    pub event_id: Option<i64>,
}

/// Creates a draft; call inside a write transaction.
pub fn create_draft(
    conn: &mut DbConnection,
    process_id: i64,
    author_id: i64,
    organisation_id: Option<i64>,
    content: &DraftContent,
) -> QueryResult<ContributionId> {
    let author = Author {
        process_id,
        author_id,
        organisation_id,
    };
    insert(conn, &author, content, None)
}

/// Who writes a new contribution, and where.
#[derive(Debug, Clone, Copy)]
pub struct Author {
    pub process_id: i64,
    pub author_id: i64,
    pub organisation_id: Option<i64>,
}

/// What numbers a submission: its reference, the hash of its text, and when.
#[derive(Debug, Clone, Copy)]
pub struct Submission<'a> {
    pub reference: &'a str,
    pub content_hash: &'a str,
    pub at: NaiveDateTime,
}

/// Creates a contribution submitted as it is first saved, in one insert: the row a draft
/// created and then marked submitted ends as, without the update, nor the deletes of tags a
/// new row cannot have. Call inside a write transaction.
pub fn create_submitted(
    conn: &mut DbConnection,
    author: &Author,
    content: &DraftContent,
    submission: Submission<'_>,
) -> QueryResult<ContributionId> {
    let id = insert(conn, author, content, Some(submission))?;
    search::sync_contribution(conn, id)?;
    Ok(id)
}

fn insert(
    conn: &mut DbConnection,
    author: &Author,
    content: &DraftContent,
    submission: Option<Submission<'_>>,
) -> QueryResult<ContributionId> {
    let now = submission.map_or_else(super::now, |s| s.at);
    let status = match submission {
        Some(_) => ContributionStatus::Submitted,
        None => ContributionStatus::Draft,
    };
    let id = diesel::insert_into(contributions::table)
        .values((
            contributions::process_id.eq(author.process_id),
            contributions::author_id.eq(author.author_id),
            contributions::organisation_id.eq(author.organisation_id),
            contributions::title.eq(&content.title),
            contributions::body.eq(&content.body),
            contributions::language.eq(content.language),
            contributions::event_id.eq(content.event_id),
            contributions::status.eq(status),
            contributions::reference.eq(submission.map(|s| s.reference)),
            contributions::content_hash.eq(submission.map(|s| s.content_hash)),
            contributions::submitted_at.eq(submission.map(|s| s.at)),
            contributions::created_at.eq(now),
            contributions::updated_at.eq(now),
        ))
        .returning(contributions::id)
        .get_result(conn)?;
    // A new contribution has no tags to take away.
    insert_tags(conn, id, content)?;
    Ok(id)
}

/// Saves a draft's text and tags; call inside a write transaction.
pub fn update_draft(
    conn: &mut DbConnection,
    id: ContributionId,
    content: &DraftContent,
) -> QueryResult<()> {
    diesel::update(contributions::table.find(id))
        .set((
            contributions::title.eq(&content.title),
            contributions::body.eq(&content.body),
            contributions::language.eq(content.language),
            contributions::event_id.eq(content.event_id),
            contributions::updated_at.eq(super::now()),
        ))
        .execute(conn)?;
    replace_tags(conn, id, content)
}

fn replace_tags(
    conn: &mut DbConnection,
    id: ContributionId,
    content: &DraftContent,
) -> QueryResult<()> {
    diesel::delete(contribution_groups::table.filter(contribution_groups::contribution_id.eq(id)))
        .execute(conn)?;
    diesel::delete(contribution_themes::table.filter(contribution_themes::contribution_id.eq(id)))
        .execute(conn)?;
    insert_tags(conn, id, content)
}

fn insert_tags(
    conn: &mut DbConnection,
    id: ContributionId,
    content: &DraftContent,
) -> QueryResult<()> {
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

/// Makes a draft public with its receipt, and searchable; call inside a write transaction.
pub fn mark_submitted(
    conn: &mut DbConnection,
    id: ContributionId,
    reference: &str,
    content_hash: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    // Kept prepared: run for every submission (diesel prepares its updates each time).
    Statement::new("UPDATE contributions SET status = ")
        .text(ContributionStatus::Submitted.as_str())
        .sql(", reference = ")
        .text(reference)
        .sql(", content_hash = ")
        .text(content_hash)
        .sql(", submitted_at = ")
        .time(at)
        .sql(", updated_at = ")
        .time(at)
        .sql(" WHERE id = ")
        .int(id.0)
        .execute(conn)?;
    search::sync_contribution(conn, id)
}

pub fn mark_withdrawn(conn: &mut DbConnection, id: ContributionId) -> QueryResult<()> {
    let now = super::now();
    diesel::update(contributions::table.find(id))
        .set((
            contributions::status.eq(ContributionStatus::Withdrawn),
            contributions::withdrawn_at.eq(now),
            contributions::updated_at.eq(now),
        ))
        .execute(conn)?;
    // A withdrawn contribution stays readable, so searchable; the index follows its state.
    search::sync_contribution(conn, id)
}

/// Hides a contribution behind its tombstone and takes its text out of the search index.
pub fn mark_hidden(
    conn: &mut DbConnection,
    id: ContributionId,
    by: i64,
    reason: &str,
) -> QueryResult<()> {
    let now = super::now();
    diesel::update(contributions::table.find(id))
        .set((
            contributions::status.eq(ContributionStatus::Hidden),
            contributions::hidden_at.eq(now),
            contributions::hidden_by.eq(by),
            contributions::hidden_reason.eq(reason),
            contributions::updated_at.eq(now),
        ))
        .execute(conn)?;
    // What moderation hid must not be found by its words: out of the index, in this
    // transaction.
    search::sync_contribution(conn, id)
}

/// Makes a hidden contribution public again, as submitted: the tombstone's reason goes (the
/// audit log keeps it) and its words are found again, in this transaction.
pub fn mark_shown(conn: &mut DbConnection, id: ContributionId) -> QueryResult<()> {
    let now = super::now();
    diesel::update(contributions::table.find(id))
        .set((
            contributions::status.eq(ContributionStatus::Submitted),
            contributions::hidden_at.eq(None::<NaiveDateTime>),
            contributions::hidden_by.eq(None::<i64>),
            contributions::hidden_reason.eq(None::<String>),
            contributions::updated_at.eq(now),
        ))
        .execute(conn)?;
    search::sync_contribution(conn, id)
}

pub fn contribution_by_id(
    conn: &mut DbConnection,
    id: ContributionId,
) -> QueryResult<Option<Contribution>> {
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
