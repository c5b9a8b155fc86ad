//! The draft of the compact: the co-facilitators' zero draft, assembled from the Chair's
//! summary, the accepted proposals and the contributions, and its later revisions (Rev.1),
//! in which paragraphs are changed, added, moved and removed. A paragraph keeps its key
//! from one revision to the next, so comparisons and concordances follow it; the working
//! copy is the latest revision.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::documents::{
    DemoNode, PublishedSummary, create, date_document, fresh_key, kind_of, provenance, publish_at,
};
use super::proposals::Proposed;
use super::{Demo, DemoError, invalid};
use crate::db::DbConnection;
use crate::domain::documents::{Content, DRAFT, DocumentKind, Node, ParagraphStatus};
use crate::store::documents::NewDocument;

#[derive(Deserialize)]
pub(super) struct DemoDraft {
    /// In the order they were published.
    revisions: Vec<DemoRevision>,
    /// Paragraphs of the first revision translated into other languages; those a later
    /// revision changed are out of date, as translators find them.
    #[serde(default)]
    translations: Vec<DemoTranslation>,
}

#[derive(Deserialize)]
struct DemoTranslation {
    language: String,
    /// The node's key in the data (the first revision's).
    key: String,
    text: String,
    by: String,
}

#[derive(Deserialize)]
struct DemoRevision {
    label: String,
    published: NaiveDateTime,
    by: String,
    /// Every node of the revision, in order (see `DemoNode`).
    nodes: Vec<DemoNode>,
}

/// What a draft node's sources are resolved against.
struct Sources<'a> {
    demo: &'a Demo,
    proposed: &'a HashMap<String, Proposed>,
    summary: &'a PublishedSummary,
}

/// A node of a revision as written: the same node as `before` with what changed, or a new one.
fn node_of(
    written: &DemoNode,
    before: Option<&Node>,
    label: &str,
    sources: &Sources<'_>,
) -> Result<Node, DemoError> {
    let cited = provenance(
        sources.demo,
        &written.sources,
        sources.proposed,
        Some(sources.summary),
    )?;
    let status = match &written.status {
        None => None,
        Some(raw) => Some(
            ParagraphStatus::parse(raw)
                .ok_or_else(|| invalid(format!("{label}: {} has no status {raw}", written.key)))?,
        ),
    };
    let Some(before) = before else {
        return Ok(Node {
            status: status.unwrap_or_default(),
            key: fresh_key(),
            kind: kind_of(written)?,
            text: written
                .text
                .clone()
                .ok_or_else(|| invalid(format!("{label}: new node {} has no text", written.key)))?,
            provenance: cited,
        });
    };
    let mut node = before.clone();
    if let Some(text) = &written.text {
        node.text.clone_from(text);
    }
    if written.kind.is_some() {
        node.kind = kind_of(written)?;
    }
    node.provenance.extend(cited);
    if let Some(status) = status {
        node.status = status;
    }
    Ok(node)
}

/// Creates the draft and publishes its revisions; returns how many.
pub(super) fn insert(
    conn: &mut DbConnection,
    demo: &Demo,
    data: &DemoDraft,
    proposed: &HashMap<String, Proposed>,
    summary: &PublishedSummary,
) -> Result<usize, DemoError> {
    let sources = Sources {
        demo,
        proposed,
        summary,
    };
    let mut revisions: Vec<Vec<Node>> = Vec::new();
    let mut previous: Vec<(&str, Node)> = Vec::new();
    let mut ever: HashSet<&str> = HashSet::new();
    for revision in &data.revisions {
        let mut nodes: Vec<(&str, Node)> = Vec::new();
        for written in &revision.nodes {
            if nodes.iter().any(|(key, _)| *key == written.key) {
                return Err(invalid(format!(
                    "{}: node {} twice",
                    revision.label, written.key
                )));
            }
            let before = previous.iter().find(|(key, _)| *key == written.key);
            // A key dropped in an earlier revision does not come back: it would read as the
            // old paragraph restored.
            if before.is_none() && ever.contains(written.key.as_str()) {
                return Err(invalid(format!(
                    "{}: node {} was removed before",
                    revision.label, written.key
                )));
            }
            let node = node_of(
                written,
                before.map(|(_, node)| node),
                &revision.label,
                &sources,
            )?;
            ever.insert(written.key.as_str());
            nodes.push((written.key.as_str(), node));
        }
        revisions.push(nodes.iter().map(|(_, node)| node.clone()).collect());
        previous = nodes;
    }
    let first_nodes = revisions.first().cloned();
    let (Some(latest), Some(working)) = (data.revisions.last(), revisions.last()) else {
        return Err(invalid("a draft needs a revision"));
    };
    let document = create(
        conn,
        &NewDocument {
            process_id: demo.process.id,
            slug: DRAFT,
            kind: DocumentKind::Draft,
            group_id: None,
            title: &demo.process.title,
            symbol: "",
            language: "en",
        },
        working,
        demo.people.person(&latest.by)?.id,
    )?;
    for (revision, nodes) in data.revisions.iter().zip(revisions) {
        let content = Content {
            title: document.title.clone(),
            symbol: document.symbol.clone(),
            language: document.language.clone(),
            nodes,
        };
        let by = demo.people.person(&revision.by)?.id;
        publish_at(
            conn,
            &document,
            &content,
            &revision.label,
            by,
            revision.published,
        )?;
    }
    date_document(conn, &document, latest.published)?;
    if let (Some(first), Some(first_nodes)) = (data.revisions.first(), first_nodes) {
        translate(
            conn,
            demo,
            &document,
            first,
            &first_nodes,
            &data.translations,
        )?;
    }
    Ok(data.revisions.len())
}

/// Saves the demo's translations, each made from the first revision's text of its node.
fn translate(
    conn: &mut DbConnection,
    demo: &Demo,
    document: &crate::store::documents::Document,
    first: &DemoRevision,
    first_nodes: &[Node],
    translations: &[DemoTranslation],
) -> Result<(), DemoError> {
    for translation in translations {
        let language = crate::i18n::Lang::parse(&translation.language)
            .filter(|l| l.code() != document.language)
            .ok_or_else(|| invalid(format!("no language {:?}", translation.language)))?;
        let node = first
            .nodes
            .iter()
            .zip(first_nodes)
            .find(|(written, _)| written.key == translation.key)
            .map(|(_, node)| node)
            .ok_or_else(|| invalid(format!("translation of no node {}", translation.key)))?;
        crate::store::translations::save_translation(
            conn,
            &crate::store::translations::Saved {
                document_id: document.id,
                language: language.code(),
                node_key: &node.key,
                text: &translation.text,
                source_revision: 1,
                source_text: &node.text,
                by: demo.people.person(&translation.by)?.id,
            },
        )?;
    }
    Ok(())
}
