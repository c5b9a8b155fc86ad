//! "What became of it": the published paragraphs a source fed, directly or through others.

use diesel::prelude::*;

use super::revisions::Revision;
use super::{Document, documents_of_process};
use crate::db::DbConnection;
use crate::db::schema::revisions;
use crate::domain::documents::{Content, Source};
use crate::domain::ids::DocumentId;

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
    Ok(PublishedTexts::of_process(conn, process_id)?.uses(sources))
}

/// The published revisions of a process's documents, read and parsed once, to ask what
/// became of several sources in turn.
pub struct PublishedTexts {
    contents: Vec<(Revision, Document, Content)>,
}

impl PublishedTexts {
    /// Two queries, whatever the number of revisions.
    pub fn of_process(conn: &mut DbConnection, process_id: i64) -> QueryResult<Self> {
        let documents = documents_of_process(conn, process_id)?;
        let ids: Vec<DocumentId> = documents.iter().map(|d| d.id).collect();
        let all: Vec<Revision> = revisions::table
            .filter(revisions::document_id.eq_any(&ids))
            .order((revisions::document_id, revisions::number))
            .select(Revision::as_select())
            .load(conn)?;
        let contents = all
            .into_iter()
            .filter_map(|revision| {
                let document = documents
                    .iter()
                    .find(|d| d.id == revision.document_id)?
                    .clone();
                let content = revision.content()?;
                Some((revision, document, content))
            })
            .collect();
        Ok(PublishedTexts { contents })
    }

    /// What became of `sources`, as `uses_in_revisions` tells it.
    pub fn uses(&self, sources: &[Source]) -> Vec<Use> {
        let contents: Vec<(&Revision, &Document, &Content)> =
            self.contents.iter().map(|(r, d, c)| (r, d, c)).collect();
        let fed = widened(sources, &contents);
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
        uses
    }
}

/// The sources and, following provenance through, every published paragraph they fed:
/// widened until no paragraph adds a new one.
fn widened(sources: &[Source], contents: &[(&Revision, &Document, &Content)]) -> Vec<Source> {
    let mut fed: Vec<Source> = sources.to_vec();
    loop {
        let mut added = false;
        for (_, document, content) in contents {
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
            return fed;
        }
    }
}
