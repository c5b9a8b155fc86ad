//! Documents: the working copy (nodes and their provenance) and published revisions.
//!
//! One file per concern: the document rows here, the working copy's nodes, provenance links
//! and the sources they name, published revisions, the accepted proposals documents are made
//! from, and where a source was used. Queries only: permissions and transactions belong to
//! `app::documents`.

mod accepted;
mod links;
mod nodes;
mod revisions;
mod sources;
mod uses;

pub use accepted::{AcceptedIn, accepted_proposals};
pub use links::{LinkRow, add_link, links_to, remove_link};
pub use nodes::{
    NodeRow, delete_node, insert_node_after, move_node, node_by_key, save_text_if_version,
    set_status, working_content, working_copy,
};
pub use revisions::{
    Published, Revision, RevisionSummary, documents_with_latest_revision,
    groups_without_published_report, latest_revision, publish, revision_by_id, revision_by_number,
    revision_by_slug, revisions_of,
};
pub use sources::{
    contribution_by_reference, contribution_languages, contribution_references, document_slugs,
    proposal_version_by_reference, proposal_version_languages, proposal_version_references,
};
pub use uses::{PublishedTexts, Use, uses_in_revisions};

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::documents;
use crate::domain::documents::{DocumentKind, Node};
use crate::domain::ids::DocumentId;
use nodes::insert_node_row;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = documents)]
pub struct Document {
    pub id: DocumentId,
    pub process_id: i64,
    pub slug: String,
    pub kind: DocumentKind,
    pub group_id: Option<i64>,
    pub title: String,
    pub symbol: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// BCP 47: the language the document is written in.
    pub language: String,
}

impl Document {
    pub fn kind(&self) -> DocumentKind {
        self.kind
    }
}

pub fn document_by_slug(
    conn: &mut DbConnection,
    process_id: i64,
    slug: &str,
) -> QueryResult<Option<Document>> {
    documents::table
        .filter(documents::process_id.eq(process_id))
        .filter(documents::slug.eq(slug))
        .select(Document::as_select())
        .first(conn)
        .optional()
}

pub fn documents_of_process(
    conn: &mut DbConnection,
    process_id: i64,
) -> QueryResult<Vec<Document>> {
    documents::table
        .filter(documents::process_id.eq(process_id))
        .order(documents::id)
        .select(Document::as_select())
        .load(conn)
}

/// What a new document is made of.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    pub process_id: i64,
    pub slug: &'a str,
    pub kind: DocumentKind,
    pub group_id: Option<i64>,
    pub title: &'a str,
    pub symbol: &'a str,
    pub language: &'a str,
}

/// Creates a document with its first working copy; call inside a write transaction.
pub fn create_document(
    conn: &mut DbConnection,
    new: &NewDocument<'_>,
    nodes: &[Node],
    by: Option<i64>,
) -> QueryResult<DocumentId> {
    let now = crate::store::now();
    let id = diesel::insert_into(documents::table)
        .values((
            documents::process_id.eq(new.process_id),
            documents::slug.eq(new.slug),
            documents::kind.eq(new.kind),
            documents::group_id.eq(new.group_id),
            documents::title.eq(new.title),
            documents::symbol.eq(new.symbol),
            documents::language.eq(new.language),
            documents::created_at.eq(now),
            documents::updated_at.eq(now),
        ))
        .returning(documents::id)
        .get_result(conn)?;
    for (position, node) in nodes.iter().enumerate() {
        insert_node_row(conn, id, node, position as i32, by)?;
        for link in &node.provenance {
            add_link(conn, id, &node.key, link, by)?;
        }
    }
    Ok(id)
}

/// The details a document's revisions and exports carry: its title, symbol and language.
pub fn update_details(
    conn: &mut DbConnection,
    document_id: DocumentId,
    title: &str,
    symbol: &str,
    language: &str,
) -> QueryResult<()> {
    diesel::update(documents::table.find(document_id))
        .set((
            documents::title.eq(title),
            documents::symbol.eq(symbol),
            documents::language.eq(language),
            documents::updated_at.eq(crate::store::now()),
        ))
        .execute(conn)
        .map(drop)
}

/// Marks the document changed now, for its exports' dates.
fn touch(conn: &mut DbConnection, document_id: DocumentId) -> QueryResult<()> {
    diesel::update(documents::table.find(document_id))
        .set(documents::updated_at.eq(crate::store::now()))
        .execute(conn)
        .map(drop)
}
