//! Published revisions: immutable, named snapshots of a working copy.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::nodes::working_content;
use super::{Document, documents_of_process};
use crate::db::DbConnection;
use crate::db::schema::revisions;
use crate::domain::documents::Content;
use crate::domain::ids::DocumentId;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = revisions)]
pub struct Revision {
    pub id: i64,
    pub document_id: DocumentId,
    pub number: i32,
    pub label: String,
    pub slug: String,
    pub content: String,
    pub published_at: NaiveDateTime,
    pub published_by: Option<i64>,
}

impl Revision {
    pub fn content(&self) -> Option<Content> {
        serde_json::from_str(&self.content).ok()
    }
}

/// A revision without its content, for lists.
#[derive(Debug, Clone, Queryable)]
pub struct RevisionSummary {
    pub number: i32,
    pub label: String,
    pub slug: String,
    pub published_at: NaiveDateTime,
}

/// A revision just published: its id and its number.
#[derive(Debug, Clone, Copy)]
pub struct Published {
    pub id: i64,
    pub number: i32,
}

/// Publishes the working copy as the next revision; call inside a write transaction.
pub fn publish(
    conn: &mut DbConnection,
    document: &Document,
    label: &str,
    slug: &str,
    by: i64,
) -> QueryResult<Published> {
    let content = working_content(conn, document)?;
    let last: Option<i32> = revisions::table
        .filter(revisions::document_id.eq(document.id))
        .select(diesel::dsl::max(revisions::number))
        .first(conn)?;
    let number = last.unwrap_or(0) + 1;
    let json = serde_json::to_string(&content)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    let id = diesel::insert_into(revisions::table)
        .values((
            revisions::document_id.eq(document.id),
            revisions::number.eq(number),
            revisions::label.eq(label),
            revisions::slug.eq(slug),
            revisions::content.eq(json),
            revisions::published_at.eq(crate::store::now()),
            revisions::published_by.eq(Some(by)),
        ))
        .returning(revisions::id)
        .get_result(conn)?;
    Ok(Published { id, number })
}

pub fn revisions_of(
    conn: &mut DbConnection,
    document_id: DocumentId,
) -> QueryResult<Vec<RevisionSummary>> {
    revisions::table
        .filter(revisions::document_id.eq(document_id))
        .order(revisions::number)
        .select((
            revisions::number,
            revisions::label,
            revisions::slug,
            revisions::published_at,
        ))
        .load(conn)
}

pub fn revision_by_slug(
    conn: &mut DbConnection,
    document_id: DocumentId,
    slug: &str,
) -> QueryResult<Option<Revision>> {
    revisions::table
        .filter(revisions::document_id.eq(document_id))
        .filter(revisions::slug.eq(slug))
        .select(Revision::as_select())
        .first(conn)
        .optional()
}

pub fn revision_by_number(
    conn: &mut DbConnection,
    document_id: DocumentId,
    number: i32,
) -> QueryResult<Option<Revision>> {
    revisions::table
        .filter(revisions::document_id.eq(document_id))
        .filter(revisions::number.eq(number))
        .select(Revision::as_select())
        .first(conn)
        .optional()
}

pub fn latest_revision(
    conn: &mut DbConnection,
    document_id: DocumentId,
) -> QueryResult<Option<Revision>> {
    revisions::table
        .filter(revisions::document_id.eq(document_id))
        .order(revisions::number.desc())
        .select(Revision::as_select())
        .first(conn)
        .optional()
}

/// The documents of a process with their latest revision, if any: two queries.
pub fn documents_with_latest_revision(
    conn: &mut DbConnection,
    process_id: i64,
) -> QueryResult<Vec<(Document, Option<RevisionSummary>)>> {
    let documents = documents_of_process(conn, process_id)?;
    let ids: Vec<DocumentId> = documents.iter().map(|d| d.id).collect();
    let all: Vec<(DocumentId, i32, String, String, NaiveDateTime)> = revisions::table
        .filter(revisions::document_id.eq_any(&ids))
        .order((revisions::document_id, revisions::number))
        .select((
            revisions::document_id,
            revisions::number,
            revisions::label,
            revisions::slug,
            revisions::published_at,
        ))
        .load(conn)?;
    Ok(documents
        .into_iter()
        .map(|document| {
            let latest = all
                .iter()
                .rfind(|r| r.0 == document.id)
                .map(|r| RevisionSummary {
                    number: r.1,
                    label: r.2.clone(),
                    slug: r.3.clone(),
                    published_at: r.4,
                });
            (document, latest)
        })
        .collect())
}

/// The action groups of a process whose report has no published revision (or that have no
/// report at all), by number: what the Chair's summary cannot draw from yet. One query.
pub fn groups_without_published_report(
    conn: &mut DbConnection,
    process_id: i64,
) -> QueryResult<Vec<(i32, String)>> {
    use crate::db::schema::{action_groups, documents};
    use crate::domain::documents::DocumentKind;
    let reported = documents::table
        .inner_join(revisions::table)
        .filter(documents::process_id.eq(process_id))
        .filter(documents::kind.eq(DocumentKind::GroupReport))
        .filter(documents::group_id.is_not_null())
        .select(documents::group_id);
    action_groups::table
        .filter(action_groups::process_id.eq(process_id))
        .filter(diesel::dsl::not(
            action_groups::id.nullable().eq_any(reported),
        ))
        .order(action_groups::number)
        .select((action_groups::number, action_groups::name))
        .load(conn)
}

/// A revision by its id, as a negotiation round names it.
pub fn revision_by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Revision>> {
    revisions::table
        .find(id)
        .select(Revision::as_select())
        .first(conn)
        .optional()
}
