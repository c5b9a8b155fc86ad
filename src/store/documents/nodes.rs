//! The working copy: its nodes in order, read and changed one at a time.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::links::{LinkRow, add_link};
use super::{Document, touch};
use crate::db::DbConnection;
use crate::db::schema::{document_nodes, provenance_links};
use crate::domain::documents::{Content, Node, NodeKind, ParagraphStatus, Provenance};
use crate::domain::ids::DocumentId;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = document_nodes)]
pub struct NodeRow {
    pub id: i64,
    pub document_id: DocumentId,
    pub node_key: String,
    pub kind: NodeKind,
    pub position: i32,
    pub text: String,
    pub version: i32,
    pub updated_at: NaiveDateTime,
    pub updated_by: Option<i64>,
    pub status: ParagraphStatus,
}

pub(super) fn insert_node_row(
    conn: &mut DbConnection,
    document_id: DocumentId,
    node: &Node,
    position: i32,
    by: Option<i64>,
) -> QueryResult<()> {
    diesel::insert_into(document_nodes::table)
        .values((
            document_nodes::document_id.eq(document_id),
            document_nodes::node_key.eq(&node.key),
            document_nodes::kind.eq(node.kind),
            document_nodes::position.eq(position),
            document_nodes::text.eq(&node.text),
            document_nodes::version.eq(1),
            document_nodes::updated_at.eq(crate::store::now()),
            document_nodes::updated_by.eq(by),
            document_nodes::status.eq(node.status),
        ))
        .execute(conn)
        .map(drop)
}

/// The working copy's nodes, in order, with their provenance: two queries.
pub fn working_copy(
    conn: &mut DbConnection,
    document_id: DocumentId,
) -> QueryResult<(Vec<NodeRow>, Vec<LinkRow>)> {
    let nodes = document_nodes::table
        .filter(document_nodes::document_id.eq(document_id))
        .order(document_nodes::position)
        .select(NodeRow::as_select())
        .load(conn)?;
    let links = provenance_links::table
        .filter(provenance_links::document_id.eq(document_id))
        .order(provenance_links::id)
        .select(LinkRow::as_select())
        .load(conn)?;
    Ok((nodes, links))
}

/// The working copy as the document model sees it.
pub fn working_content(conn: &mut DbConnection, document: &Document) -> QueryResult<Content> {
    let (rows, links) = working_copy(conn, document.id)?;
    let nodes = rows
        .into_iter()
        .map(|row| {
            Ok(Node {
                kind: row.kind,
                provenance: links
                    .iter()
                    .filter(|l| l.node_key == row.node_key)
                    .filter_map(|l| {
                        Some(Provenance {
                            source: l.source()?,
                            label: l.label.clone(),
                            quote: l.quote.clone(),
                            note: l.note.clone(),
                        })
                    })
                    .collect(),
                key: row.node_key,
                text: row.text,
                status: row.status,
            })
        })
        .collect::<QueryResult<Vec<Node>>>()?;
    Ok(Content {
        title: document.title.clone(),
        symbol: document.symbol.clone(),
        language: document.language.clone(),
        nodes,
    })
}

pub fn node_by_key(
    conn: &mut DbConnection,
    document_id: DocumentId,
    key: &str,
) -> QueryResult<Option<NodeRow>> {
    document_nodes::table
        .filter(document_nodes::document_id.eq(document_id))
        .filter(document_nodes::node_key.eq(key))
        .select(NodeRow::as_select())
        .first(conn)
        .optional()
}

/// Saves a node's new text if it is still at `expected_version`; returns whether it was.
pub fn save_text_if_version(
    conn: &mut DbConnection,
    document_id: DocumentId,
    key: &str,
    expected_version: i32,
    text: &str,
    by: i64,
) -> QueryResult<bool> {
    let updated = diesel::update(
        document_nodes::table
            .filter(document_nodes::document_id.eq(document_id))
            .filter(document_nodes::node_key.eq(key))
            .filter(document_nodes::version.eq(expected_version)),
    )
    .set((
        document_nodes::text.eq(text),
        document_nodes::version.eq(expected_version + 1),
        document_nodes::updated_at.eq(crate::store::now()),
        document_nodes::updated_by.eq(Some(by)),
    ))
    .execute(conn)?;
    touch(conn, document_id)?;
    Ok(updated == 1)
}

/// Sets where a node stands in the negotiation; returns whether the node is there. Its
/// version is left alone: a status is not words, and an editor's open form stays current.
pub fn set_status(
    conn: &mut DbConnection,
    document_id: DocumentId,
    key: &str,
    status: ParagraphStatus,
    by: i64,
) -> QueryResult<bool> {
    let updated = diesel::update(
        document_nodes::table
            .filter(document_nodes::document_id.eq(document_id))
            .filter(document_nodes::node_key.eq(key)),
    )
    .set((
        document_nodes::status.eq(status),
        document_nodes::updated_at.eq(crate::store::now()),
        document_nodes::updated_by.eq(Some(by)),
    ))
    .execute(conn)?;
    touch(conn, document_id)?;
    Ok(updated == 1)
}

/// Inserts a node after `after` (or at the start); call inside a write transaction.
pub fn insert_node_after(
    conn: &mut DbConnection,
    document_id: DocumentId,
    after: Option<&str>,
    node: &Node,
    by: i64,
) -> QueryResult<()> {
    let position = match after {
        Some(key) => node_by_key(conn, document_id, key)?
            .map(|n| n.position + 1)
            .unwrap_or(0),
        None => 0,
    };
    diesel::update(
        document_nodes::table
            .filter(document_nodes::document_id.eq(document_id))
            .filter(document_nodes::position.ge(position)),
    )
    .set(document_nodes::position.eq(document_nodes::position + 1))
    .execute(conn)?;
    insert_node_row(conn, document_id, node, position, Some(by))?;
    for link in &node.provenance {
        add_link(conn, document_id, &node.key, link, Some(by))?;
    }
    touch(conn, document_id)
}

/// Swaps a node with its neighbour above (`up`) or below; returns whether it moved.
pub fn move_node(
    conn: &mut DbConnection,
    document_id: DocumentId,
    key: &str,
    up: bool,
) -> QueryResult<bool> {
    let Some(node) = node_by_key(conn, document_id, key)? else {
        return Ok(false);
    };
    let neighbour: Option<NodeRow> = if up {
        document_nodes::table
            .filter(document_nodes::document_id.eq(document_id))
            .filter(document_nodes::position.lt(node.position))
            .order(document_nodes::position.desc())
            .select(NodeRow::as_select())
            .first(conn)
            .optional()?
    } else {
        document_nodes::table
            .filter(document_nodes::document_id.eq(document_id))
            .filter(document_nodes::position.gt(node.position))
            .order(document_nodes::position.asc())
            .select(NodeRow::as_select())
            .first(conn)
            .optional()?
    };
    let Some(neighbour) = neighbour else {
        return Ok(false);
    };
    diesel::update(document_nodes::table.find(node.id))
        .set(document_nodes::position.eq(neighbour.position))
        .execute(conn)?;
    diesel::update(document_nodes::table.find(neighbour.id))
        .set(document_nodes::position.eq(node.position))
        .execute(conn)?;
    touch(conn, document_id)?;
    Ok(true)
}

/// Removes a node and its links from the working copy (published revisions keep theirs).
pub fn delete_node(
    conn: &mut DbConnection,
    document_id: DocumentId,
    key: &str,
) -> QueryResult<bool> {
    diesel::delete(
        provenance_links::table
            .filter(provenance_links::document_id.eq(document_id))
            .filter(provenance_links::node_key.eq(key)),
    )
    .execute(conn)?;
    let removed = diesel::delete(
        document_nodes::table
            .filter(document_nodes::document_id.eq(document_id))
            .filter(document_nodes::node_key.eq(key)),
    )
    .execute(conn)?;
    touch(conn, document_id)?;
    Ok(removed > 0)
}
