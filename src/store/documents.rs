//! Documents: the working copy (nodes and their provenance) and published revisions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{document_nodes, documents, provenance_links, revisions};
use crate::db::text_enum::parse_stored;
use crate::domain::documents::{
    Content, DocumentKind, Node, NodeKind, Provenance, Source, SourceKind,
};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = documents)]
pub struct Document {
    pub id: i64,
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
    /// Always known: an unknown stored kind fails the read. Optional for the callers
    /// written when it could be unknown.
    pub fn kind(&self) -> Option<DocumentKind> {
        Some(self.kind)
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = document_nodes)]
pub struct NodeRow {
    pub id: i64,
    pub document_id: i64,
    pub node_key: String,
    /// Kept as text while `web::documents` parses it; `working_copy` and `node_by_key` have
    /// already refused a kind that is not a `NodeKind`.
    pub kind: String,
    pub position: i32,
    pub text: String,
    pub version: i32,
    pub updated_at: NaiveDateTime,
    pub updated_by: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = provenance_links)]
pub struct LinkRow {
    pub id: i64,
    pub document_id: i64,
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
    pub fn source(&self) -> Option<Source> {
        match self.source_kind {
            SourceKind::ProposalVersion => Some(Source::ProposalVersion { id: self.source_id }),
            SourceKind::Contribution => Some(Source::Contribution { id: self.source_id }),
            SourceKind::Paragraph => Some(Source::Paragraph {
                document_id: self.source_id,
                node_key: self.source_node_key.clone()?,
            }),
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = revisions)]
pub struct Revision {
    pub id: i64,
    pub document_id: i64,
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
) -> QueryResult<i64> {
    let now = super::now();
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

fn insert_node_row(
    conn: &mut DbConnection,
    document_id: i64,
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
            document_nodes::updated_at.eq(super::now()),
            document_nodes::updated_by.eq(by),
        ))
        .execute(conn)
        .map(drop)
}

/// The working copy's nodes, in order, with their provenance: two queries.
pub fn working_copy(
    conn: &mut DbConnection,
    document_id: i64,
) -> QueryResult<(Vec<NodeRow>, Vec<LinkRow>)> {
    let nodes: Vec<NodeRow> = document_nodes::table
        .filter(document_nodes::document_id.eq(document_id))
        .order(document_nodes::position)
        .select(NodeRow::as_select())
        .load(conn)?;
    for node in &nodes {
        parse_stored::<NodeKind>(&node.kind)?;
    }
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
                kind: parse_stored::<NodeKind>(&row.kind)?,
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
            })
        })
        .collect::<QueryResult<_>>()?;
    Ok(Content {
        title: document.title.clone(),
        symbol: document.symbol.clone(),
        language: document.language.clone(),
        nodes,
    })
}

pub fn node_by_key(
    conn: &mut DbConnection,
    document_id: i64,
    key: &str,
) -> QueryResult<Option<NodeRow>> {
    let node: Option<NodeRow> = document_nodes::table
        .filter(document_nodes::document_id.eq(document_id))
        .filter(document_nodes::node_key.eq(key))
        .select(NodeRow::as_select())
        .first(conn)
        .optional()?;
    if let Some(node) = &node {
        parse_stored::<NodeKind>(&node.kind)?;
    }
    Ok(node)
}

/// Saves a node's new text if it is still at `expected_version`; returns whether it was.
pub fn save_text_if_version(
    conn: &mut DbConnection,
    document_id: i64,
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
        document_nodes::updated_at.eq(super::now()),
        document_nodes::updated_by.eq(Some(by)),
    ))
    .execute(conn)?;
    touch(conn, document_id)?;
    Ok(updated == 1)
}

fn touch(conn: &mut DbConnection, document_id: i64) -> QueryResult<()> {
    diesel::update(documents::table.find(document_id))
        .set(documents::updated_at.eq(super::now()))
        .execute(conn)
        .map(drop)
}

/// Inserts a node after `after` (or at the start); call inside a write transaction.
pub fn insert_node_after(
    conn: &mut DbConnection,
    document_id: i64,
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
    document_id: i64,
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
pub fn delete_node(conn: &mut DbConnection, document_id: i64, key: &str) -> QueryResult<bool> {
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

pub fn add_link(
    conn: &mut DbConnection,
    document_id: i64,
    node_key: &str,
    link: &Provenance,
    by: Option<i64>,
) -> QueryResult<()> {
    let (source_id, source_node_key) = match &link.source {
        Source::ProposalVersion { id } | Source::Contribution { id } => (*id, None),
        Source::Paragraph {
            document_id,
            node_key,
        } => (*document_id, Some(node_key.as_str())),
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
            provenance_links::created_at.eq(super::now()),
            provenance_links::created_by.eq(by),
        ))
        .execute(conn)
        .map(drop)
}

pub fn remove_link(conn: &mut DbConnection, document_id: i64, link_id: i64) -> QueryResult<bool> {
    let removed = diesel::delete(
        provenance_links::table
            .filter(provenance_links::id.eq(link_id))
            .filter(provenance_links::document_id.eq(document_id)),
    )
    .execute(conn)?;
    Ok(removed > 0)
}

/// Publishes the working copy as the next revision; call inside a write transaction.
pub fn publish(
    conn: &mut DbConnection,
    document: &Document,
    label: &str,
    slug: &str,
    by: i64,
) -> QueryResult<i32> {
    let content = working_content(conn, document)?;
    let last: Option<i32> = revisions::table
        .filter(revisions::document_id.eq(document.id))
        .select(diesel::dsl::max(revisions::number))
        .first(conn)?;
    let number = last.unwrap_or(0) + 1;
    let json = serde_json::to_string(&content)
        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?;
    diesel::insert_into(revisions::table)
        .values((
            revisions::document_id.eq(document.id),
            revisions::number.eq(number),
            revisions::label.eq(label),
            revisions::slug.eq(slug),
            revisions::content.eq(json),
            revisions::published_at.eq(super::now()),
            revisions::published_by.eq(Some(by)),
        ))
        .execute(conn)?;
    Ok(number)
}

pub fn revisions_of(
    conn: &mut DbConnection,
    document_id: i64,
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
    document_id: i64,
    slug: &str,
) -> QueryResult<Option<Revision>> {
    revisions::table
        .filter(revisions::document_id.eq(document_id))
        .filter(revisions::slug.eq(slug))
        .select(Revision::as_select())
        .first(conn)
        .optional()
}

pub fn latest_revision(conn: &mut DbConnection, document_id: i64) -> QueryResult<Option<Revision>> {
    revisions::table
        .filter(revisions::document_id.eq(document_id))
        .order(revisions::number.desc())
        .select(Revision::as_select())
        .first(conn)
        .optional()
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

/// Whose accepted proposals: one group's, or the whole process's.
#[derive(Debug, Clone, Copy)]
pub enum AcceptedIn {
    Group(i64),
    Process(i64),
}

/// Accepted proposals, each at its current version, for reports and summaries: one query.
pub fn accepted_proposals(
    conn: &mut DbConnection,
    scope: AcceptedIn,
) -> QueryResult<Vec<crate::domain::reports::AcceptedProposal>> {
    use crate::db::schema::{organisations, proposal_versions, proposals};
    use crate::domain::proposals::ProposalStatus;
    type Texts = (String, String, String, String, String);
    type Means = (String, String, String, String);
    type Row = (i64, Option<String>, i32, Option<String>, Texts, Means);
    let mut query = proposals::table
        .inner_join(
            proposal_versions::table.on(proposal_versions::proposal_id
                .eq(proposals::id)
                .and(proposal_versions::number.eq(proposals::current_version))),
        )
        .left_join(
            organisations::table.on(organisations::id.nullable().eq(proposals::organisation_id)),
        )
        .filter(proposals::status.eq(ProposalStatus::Accepted))
        .into_boxed();
    query = match scope {
        AcceptedIn::Group(group) => query.filter(proposals::group_id.eq(group)),
        AcceptedIn::Process(process) => query.filter(proposals::process_id.eq(process)),
    };
    let rows: Vec<Row> = query
        .order(proposals::reference)
        .select((
            proposal_versions::id,
            proposals::reference,
            proposal_versions::number,
            organisations::name.nullable(),
            (
                proposal_versions::title,
                proposal_versions::commitment,
                proposal_versions::actionable_measures,
                proposal_versions::timeline,
                proposal_versions::indicators,
            ),
            (
                proposal_versions::partnerships,
                proposal_versions::capacity_building,
                proposal_versions::financing,
                proposal_versions::data,
            ),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(version_id, reference, version, organisation, texts, means)| {
                let (title, commitment, measures, timeline, indicators) = texts;
                let (partnerships, capacity_building, financing, data) = means;
                crate::domain::reports::AcceptedProposal {
                    version_id,
                    reference: reference.unwrap_or_default(),
                    version,
                    organisation: organisation.unwrap_or_default(),
                    title,
                    commitment,
                    measures: measures.lines().map(str::to_string).collect(),
                    partnerships,
                    capacity_building,
                    financing,
                    data,
                    timeline,
                    indicators,
                }
            },
        )
        .collect())
}

/// The documents of a process with their latest revision, if any: two queries.
pub fn documents_with_latest_revision(
    conn: &mut DbConnection,
    process_id: i64,
) -> QueryResult<Vec<(Document, Option<RevisionSummary>)>> {
    let documents = documents_of_process(conn, process_id)?;
    let ids: Vec<i64> = documents.iter().map(|d| d.id).collect();
    let all: Vec<(i64, i32, String, String, NaiveDateTime)> = revisions::table
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

/// Where a source was used: a paragraph of a published revision that cites it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    pub document_title: String,
    pub document_slug: String,
    pub revision_label: String,
    pub revision_slug: String,
    /// "7" or "7 (b)"; empty for a heading.
    pub number: String,
    pub node_key: String,
    /// The paragraph's text as it stands in that revision.
    pub text: String,
}

/// Every paragraph, in every published revision of the process's documents, that `sources`
/// fed: "what became of it". Provenance is followed through: a summary paragraph citing a
/// report paragraph that cites a proposal is a use of the proposal too. Two queries; the
/// revisions are read in memory.
pub fn uses_in_revisions(
    conn: &mut DbConnection,
    process_id: i64,
    sources: &[Source],
) -> QueryResult<Vec<Use>> {
    if sources.is_empty() {
        return Ok(Vec::new());
    }
    let documents = documents_of_process(conn, process_id)?;
    let ids: Vec<i64> = documents.iter().map(|d| d.id).collect();
    let all: Vec<Revision> = revisions::table
        .filter(revisions::document_id.eq_any(&ids))
        .order((revisions::document_id, revisions::number))
        .select(Revision::as_select())
        .load(conn)?;
    let contents: Vec<(&Revision, &Document, Content)> = all
        .iter()
        .filter_map(|revision| {
            let document = documents.iter().find(|d| d.id == revision.document_id)?;
            Some((revision, document, revision.content()?))
        })
        .collect();
    // Widen the set of sources until no paragraph adds a new one.
    let mut fed: Vec<Source> = sources.to_vec();
    loop {
        let mut added = false;
        for (_, document, content) in &contents {
            for node in &content.nodes {
                let cites = node.provenance.iter().any(|p| fed.contains(&p.source));
                let itself = Source::Paragraph {
                    document_id: document.id,
                    node_key: node.key.clone(),
                };
                if cites && !fed.contains(&itself) {
                    fed.push(itself);
                    added = true;
                }
            }
        }
        if !added {
            break;
        }
    }
    let mut uses = Vec::new();
    for (revision, document, content) in &contents {
        let numbers = crate::domain::documents::numbers(&content.nodes);
        for (node, number) in content.nodes.iter().zip(numbers) {
            if node.provenance.iter().any(|p| fed.contains(&p.source)) {
                uses.push(Use {
                    document_title: document.title.clone(),
                    document_slug: document.slug.clone(),
                    revision_label: revision.label.clone(),
                    revision_slug: revision.slug.clone(),
                    number: number.map(|n| n.display()).unwrap_or_default(),
                    node_key: node.key.clone(),
                    text: node.text.clone(),
                });
            }
        }
    }
    Ok(uses)
}
