//! Provenance links: which source each working-copy node cites.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::provenance_links;
use crate::domain::documents::{Provenance, Source, SourceKind};
use crate::domain::ids::{ContributionId, DocumentId, ProposalVersionId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = provenance_links)]
pub struct LinkRow {
    pub id: i64,
    pub document_id: DocumentId,
    pub node_key: String,
    pub source_kind: SourceKind,
    pub source_id: i64,
    pub source_node_key: Option<String>,
    pub label: String,
    pub quote: String,
    pub note: String,
    pub created_at: NaiveDateTime,
    pub created_by: Option<i64>,
}

impl LinkRow {
    /// `source_id` names a row of whichever table `source_kind` says: here, and in `add_link`,
    /// is where it becomes, or stops being, an id of one type.
    pub fn source(&self) -> Option<Source> {
        match self.source_kind {
            SourceKind::ProposalVersion => Some(Source::ProposalVersion {
                id: ProposalVersionId(self.source_id),
            }),
            SourceKind::Contribution => Some(Source::Contribution {
                id: ContributionId(self.source_id),
            }),
            SourceKind::Paragraph => Some(Source::Paragraph {
                document_id: DocumentId(self.source_id),
                node_key: self.source_node_key.clone()?,
            }),
            SourceKind::Amendment => Some(Source::Amendment { id: self.source_id }),
        }
    }
}

pub fn add_link(
    conn: &mut DbConnection,
    document_id: DocumentId,
    node_key: &str,
    link: &Provenance,
    by: Option<i64>,
) -> QueryResult<()> {
    let (source_id, source_node_key) = match &link.source {
        Source::ProposalVersion { id } => (i64::from(*id), None),
        Source::Contribution { id } => (i64::from(*id), None),
        Source::Paragraph {
            document_id,
            node_key,
        } => (i64::from(*document_id), Some(node_key.as_str())),
        Source::Amendment { id } => (*id, None),
    };
    diesel::insert_into(provenance_links::table)
        .values((
            provenance_links::document_id.eq(document_id),
            provenance_links::node_key.eq(node_key),
            provenance_links::source_kind.eq(link.source.source_kind()),
            provenance_links::source_id.eq(source_id),
            provenance_links::source_node_key.eq(source_node_key),
            provenance_links::label.eq(&link.label),
            provenance_links::quote.eq(&link.quote),
            provenance_links::note.eq(&link.note),
            provenance_links::created_at.eq(crate::store::now()),
            provenance_links::created_by.eq(by),
        ))
        .execute(conn)
        .map(drop)
}

pub fn remove_link(
    conn: &mut DbConnection,
    document_id: DocumentId,
    link_id: i64,
) -> QueryResult<bool> {
    let removed = diesel::delete(
        provenance_links::table
            .filter(provenance_links::id.eq(link_id))
            .filter(provenance_links::document_id.eq(document_id)),
    )
    .execute(conn)?;
    Ok(removed > 0)
}

/// The working-copy nodes that cite a source: where a proposal version or contribution was
/// used.
pub fn links_to(
    conn: &mut DbConnection,
    kind: SourceKind,
    source_ids: &[i64],
) -> QueryResult<Vec<LinkRow>> {
    provenance_links::table
        .filter(provenance_links::source_kind.eq(kind))
        .filter(provenance_links::source_id.eq_any(source_ids))
        .select(LinkRow::as_select())
        .load(conn)
}
