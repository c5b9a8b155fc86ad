//! The translated nodes of documents: one row per document, language and node key.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::document_translations;
use crate::domain::ids::DocumentId;
use crate::domain::translations::TranslatedFrom;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = document_translations)]
pub struct Translation {
    pub id: i64,
    pub document_id: DocumentId,
    /// BCP 47, one of the six.
    pub language: String,
    pub node_key: String,
    pub text: String,
    /// The number of the original's revision the translator read.
    pub source_revision: i32,
    /// The original's text of this node in that revision.
    pub source_text: String,
    pub updated_at: NaiveDateTime,
    pub updated_by: Option<i64>,
}

impl Translation {
    pub fn translated_from(&self) -> TranslatedFrom<'_> {
        TranslatedFrom {
            node_key: &self.node_key,
            source_text: &self.source_text,
        }
    }
}

/// Every translation of a document, in every language: one query.
pub fn translations_of_document(
    conn: &mut DbConnection,
    document_id: DocumentId,
) -> QueryResult<Vec<Translation>> {
    document_translations::table
        .filter(document_translations::document_id.eq(document_id))
        .order((document_translations::language, document_translations::id))
        .select(Translation::as_select())
        .load(conn)
}

/// The translations of a document into one language: one query.
pub fn translations_into(
    conn: &mut DbConnection,
    document_id: DocumentId,
    language: &str,
) -> QueryResult<Vec<Translation>> {
    document_translations::table
        .filter(document_translations::document_id.eq(document_id))
        .filter(document_translations::language.eq(language))
        .order(document_translations::id)
        .select(Translation::as_select())
        .load(conn)
}

/// What a translator saves of one node.
pub struct Saved<'a> {
    pub document_id: DocumentId,
    pub language: &'a str,
    pub node_key: &'a str,
    pub text: &'a str,
    pub source_revision: i32,
    pub source_text: &'a str,
    pub by: i64,
}

/// Writes a node's translation, replacing the one before; call inside a write transaction.
pub fn save_translation(conn: &mut DbConnection, saved: &Saved<'_>) -> QueryResult<()> {
    let now = crate::store::now();
    let updated = diesel::update(
        document_translations::table
            .filter(document_translations::document_id.eq(saved.document_id))
            .filter(document_translations::language.eq(saved.language))
            .filter(document_translations::node_key.eq(saved.node_key)),
    )
    .set((
        document_translations::text.eq(saved.text),
        document_translations::source_revision.eq(saved.source_revision),
        document_translations::source_text.eq(saved.source_text),
        document_translations::updated_at.eq(now),
        document_translations::updated_by.eq(Some(saved.by)),
    ))
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(document_translations::table)
            .values((
                document_translations::document_id.eq(saved.document_id),
                document_translations::language.eq(saved.language),
                document_translations::node_key.eq(saved.node_key),
                document_translations::text.eq(saved.text),
                document_translations::source_revision.eq(saved.source_revision),
                document_translations::source_text.eq(saved.source_text),
                document_translations::updated_at.eq(now),
                document_translations::updated_by.eq(Some(saved.by)),
            ))
            .execute(conn)?;
    }
    Ok(())
}
