//! The demo's documents: a published report for each action group, generated from its
//! accepted proposals as the rapporteurs' "start the report" does, with the introduction the
//! rapporteurs wrote; the Chair's summary compiled from the published reports; and (in
//! `draft`) the zero draft and Rev.1. Every paragraph keeps its provenance.

use std::collections::HashMap;

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use serde::Deserialize;

use super::draft::{self, DemoDraft};
use super::proposals::Proposed;
use super::{Demo, DemoError, invalid};
use crate::db::DbConnection;
use crate::db::schema::{document_nodes, documents as document_rows, provenance_links, revisions};
use crate::domain::documents::{
    CHAIRS_SUMMARY, Content, DocumentKind, Node, NodeKind, Provenance, Source, group_report_slug,
    new_key, numbers, revision_slug,
};
use crate::domain::ids::{DocumentId, ProposalVersionId};
use crate::domain::reports::group_report_nodes;
use crate::domain::summary::{PublishedReport, chairs_summary_nodes};
use crate::security::tokens::random_token;
use crate::store::documents::{self as store, AcceptedIn, Document, NewDocument};
use crate::store::processes;

#[derive(Deserialize)]
pub(super) struct DemoDocuments {
    group_reports: Vec<DemoReport>,
    chairs_summary: DemoSummary,
    draft: DemoDraft,
}

#[derive(Deserialize)]
struct DemoReport {
    group: i32,
    published: NaiveDateTime,
    label: String,
    by: String,
    /// What the rapporteurs wrote before the generated part.
    introduction: Vec<DemoNode>,
}

#[derive(Deserialize)]
struct DemoSummary {
    title: String,
    published: NaiveDateTime,
    label: String,
    by: String,
    introduction: Vec<DemoNode>,
    conclusion: Vec<DemoNode>,
}

/// A node as the data writes it. In a later revision, a node with the key of an earlier one
/// is that node (its text changed if `text` is given); any other is new.
#[derive(Deserialize)]
pub(super) struct DemoNode {
    pub key: String,
    pub kind: Option<String>,
    pub text: Option<String>,
    #[serde(default)]
    pub sources: Vec<DemoSource>,
    /// A draft paragraph's status in the negotiation (`agreed-ad-ref`…); kept from the
    /// revision before when not given.
    #[serde(default)]
    pub status: Option<String>,
}

/// What a paragraph came from, by the keys of the data.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum DemoSource {
    /// The proposal's current version.
    Proposal(String),
    Contribution(String),
    /// The Chair's summary paragraph that carries the proposal's commitment.
    Summary(String),
}

/// The Chair's summary as published, for the draft to cite.
pub(super) struct PublishedSummary {
    pub document_id: DocumentId,
    /// "Chair's summary (Final)".
    pub name: String,
    pub nodes: Vec<Node>,
    pub reports: Vec<PublishedReport>,
}

/// Creates and publishes every document; returns how many revisions were published.
pub(super) fn insert(
    conn: &mut DbConnection,
    demo: &Demo,
    data: &DemoDocuments,
    proposed: &HashMap<String, Proposed>,
) -> Result<usize, DemoError> {
    let mut reports = Vec::new();
    for report in &data.group_reports {
        reports.push(
            insert_report(conn, demo, report, proposed)
                .map_err(|e| invalid(format!("report of group {}: {e}", report.group)))?,
        );
    }
    let summary = insert_summary(conn, demo, &data.chairs_summary, reports, proposed)
        .map_err(|e| invalid(format!("Chair's summary: {e}")))?;
    let drafts = draft::insert(conn, demo, &data.draft, proposed, &summary)
        .map_err(|e| invalid(format!("draft: {e}")))?;
    Ok(summary.reports.len() + 1 + drafts)
}

/// A fresh stable key, as the editor gives a new paragraph.
pub(super) fn fresh_key() -> String {
    new_key(&random_token())
}

fn insert_report(
    conn: &mut DbConnection,
    demo: &Demo,
    report: &DemoReport,
    proposed: &HashMap<String, Proposed>,
) -> Result<PublishedReport, DemoError> {
    let group = processes::group_by_number(conn, demo.process.id, report.group)?
        .ok_or_else(|| invalid("no such group"))?;
    let accepted = store::accepted_proposals(conn, AcceptedIn::Group(group.id))?;
    let mut nodes = new_nodes(demo, &report.introduction, proposed, None)?;
    nodes.extend(group_report_nodes(&accepted, fresh_key));
    let by = demo.people.person(&report.by)?.id;
    let slug = group_report_slug(report.group);
    let title = format!("Report of action group {}: {}", group.number, group.name);
    let document = create(
        conn,
        &NewDocument {
            process_id: demo.process.id,
            slug: &slug,
            kind: DocumentKind::GroupReport,
            group_id: Some(group.id),
            title: &title,
            symbol: "",
            language: "en",
        },
        &nodes,
        by,
    )?;
    let content = store::working_content(conn, &document)?;
    publish_at(
        conn,
        &document,
        &content,
        &report.label,
        by,
        report.published,
    )?;
    date_document(conn, &document, report.published)?;
    Ok(PublishedReport {
        group_number: group.number,
        group_name: group.name,
        document_id: document.id,
        document_title: document.title,
        revision_label: report.label.clone(),
        nodes: content.nodes,
    })
}

fn insert_summary(
    conn: &mut DbConnection,
    demo: &Demo,
    summary: &DemoSummary,
    reports: Vec<PublishedReport>,
    proposed: &HashMap<String, Proposed>,
) -> Result<PublishedSummary, DemoError> {
    let accepted = store::accepted_proposals(conn, AcceptedIn::Process(demo.process.id))?;
    let mut nodes = new_nodes(demo, &summary.introduction, proposed, None)?;
    nodes.extend(chairs_summary_nodes(&reports, &accepted, fresh_key));
    nodes.extend(new_nodes(demo, &summary.conclusion, proposed, None)?);
    let by = demo.people.person(&summary.by)?.id;
    let document = create(
        conn,
        &NewDocument {
            process_id: demo.process.id,
            slug: CHAIRS_SUMMARY,
            kind: DocumentKind::ChairsSummary,
            group_id: None,
            title: &summary.title,
            symbol: "",
            language: "en",
        },
        &nodes,
        by,
    )?;
    let content = store::working_content(conn, &document)?;
    publish_at(
        conn,
        &document,
        &content,
        &summary.label,
        by,
        summary.published,
    )?;
    date_document(conn, &document, summary.published)?;
    Ok(PublishedSummary {
        document_id: document.id,
        name: format!("{} ({})", document.title, summary.label),
        nodes: content.nodes,
        reports,
    })
}

/// Nodes written by the data, each with a fresh key; `summary` lets them cite the Chair's
/// summary.
pub(super) fn new_nodes(
    demo: &Demo,
    written: &[DemoNode],
    proposed: &HashMap<String, Proposed>,
    summary: Option<&PublishedSummary>,
) -> Result<Vec<Node>, DemoError> {
    written
        .iter()
        .map(|node| {
            Ok(Node {
                status: Default::default(),
                key: fresh_key(),
                kind: kind_of(node)?,
                text: node
                    .text
                    .clone()
                    .ok_or_else(|| invalid(format!("node {} has no text", node.key)))?,
                provenance: provenance(demo, &node.sources, proposed, summary)?,
            })
        })
        .collect()
}

pub(super) fn kind_of(node: &DemoNode) -> Result<NodeKind, DemoError> {
    let raw = node.kind.as_deref().unwrap_or("paragraph");
    NodeKind::parse(raw).ok_or_else(|| invalid(format!("node {}: no kind {raw:?}", node.key)))
}

/// The provenance links of a node, labelled as the editor labels them.
pub(super) fn provenance(
    demo: &Demo,
    sources: &[DemoSource],
    proposed: &HashMap<String, Proposed>,
    summary: Option<&PublishedSummary>,
) -> Result<Vec<Provenance>, DemoError> {
    let link = |source: Source, label: String| Provenance {
        source,
        label,
        quote: String::new(),
        note: String::new(),
    };
    let proposal = |key: &str| -> Result<(&Proposed, ProposalVersionId), DemoError> {
        let p = proposed
            .get(key)
            .ok_or_else(|| invalid(format!("no proposal {key:?}")))?;
        let version = p
            .version_id
            .ok_or_else(|| invalid(format!("proposal {key:?} has no version")))?;
        Ok((p, version))
    };
    sources
        .iter()
        .map(|source| match source {
            DemoSource::Proposal(key) => {
                let (p, version) = proposal(key)?;
                Ok(link(
                    Source::ProposalVersion { id: version },
                    format!("{}, version {}", p.reference, p.version),
                ))
            }
            DemoSource::Contribution(key) => {
                let (id, reference) = demo.contribution(key)?;
                Ok(link(Source::Contribution { id: *id }, reference.clone()))
            }
            DemoSource::Summary(key) => {
                let summary = summary.ok_or_else(|| invalid("no Chair's summary to cite"))?;
                let (_, version) = proposal(key)?;
                let (node_key, number) = summary_paragraph_of(summary, version)
                    .ok_or_else(|| invalid(format!("the Chair's summary does not carry {key}")))?;
                Ok(link(
                    Source::Paragraph {
                        document_id: summary.document_id,
                        node_key,
                    },
                    format!("{}, paragraph {number}", summary.name),
                ))
            }
        })
        .collect()
}

/// The Chair's summary paragraph that carries a proposal version's commitment, by way of the
/// group report paragraph it came from (the second the report gives the proposal: the first
/// is its key message); with its number.
fn summary_paragraph_of(
    summary: &PublishedSummary,
    version_id: ProposalVersionId,
) -> Option<(String, String)> {
    let cites = |node: &Node, source: &Source| node.provenance.iter().any(|p| &p.source == source);
    let version = Source::ProposalVersion { id: version_id };
    let in_report = summary.reports.iter().find_map(|report| {
        let mut citing = report
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Paragraph && cites(n, &version));
        let first = citing.next()?;
        let chosen = citing.next().unwrap_or(first);
        Some(Source::Paragraph {
            document_id: report.document_id,
            node_key: chosen.key.clone(),
        })
    })?;
    summary
        .nodes
        .iter()
        .zip(numbers(&summary.nodes))
        .find(|(node, _)| cites(node, &in_report))
        .map(|(node, number)| {
            (
                node.key.clone(),
                number.map(|n| n.display()).unwrap_or_default(),
            )
        })
}

/// Creates a document with its working copy and returns it.
pub(super) fn create(
    conn: &mut DbConnection,
    new: &NewDocument<'_>,
    nodes: &[Node],
    by: i64,
) -> Result<Document, DemoError> {
    store::create_document(conn, new, nodes, Some(by))?;
    store::document_by_slug(conn, new.process_id, new.slug)?
        .ok_or_else(|| invalid("lost a document"))
}

/// Publishes `content` as the document's next revision, at the date the data gives (the
/// store's `publish` takes the time of the call, and revisions cannot be changed after).
pub(super) fn publish_at(
    conn: &mut DbConnection,
    document: &Document,
    content: &Content,
    label: &str,
    by: i64,
    at: NaiveDateTime,
) -> Result<(), DemoError> {
    let last: Option<i32> = revisions::table
        .filter(revisions::document_id.eq(document.id))
        .select(diesel::dsl::max(revisions::number))
        .first(conn)?;
    let json = serde_json::to_string(content).map_err(invalid)?;
    diesel::insert_into(revisions::table)
        .values((
            revisions::document_id.eq(document.id),
            revisions::number.eq(last.unwrap_or(0) + 1),
            revisions::label.eq(label),
            revisions::slug.eq(revision_slug(label)),
            revisions::content.eq(json),
            revisions::published_at.eq(at),
            revisions::published_by.eq(Some(by)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Dates a document's rows: started a few days before its first revision, last edited for
/// its latest.
pub(super) fn date_document(
    conn: &mut DbConnection,
    document: &Document,
    latest: NaiveDateTime,
) -> Result<(), DemoError> {
    let first: Option<NaiveDateTime> = revisions::table
        .filter(revisions::document_id.eq(document.id))
        .select(diesel::dsl::min(revisions::published_at))
        .first(conn)?;
    let started = first.unwrap_or(latest) - TimeDelta::days(3);
    diesel::update(document_rows::table.find(document.id))
        .set((
            document_rows::created_at.eq(started),
            document_rows::updated_at.eq(latest),
        ))
        .execute(conn)?;
    diesel::update(document_nodes::table.filter(document_nodes::document_id.eq(document.id)))
        .set(document_nodes::updated_at.eq(latest))
        .execute(conn)?;
    diesel::update(provenance_links::table.filter(provenance_links::document_id.eq(document.id)))
        .set(provenance_links::created_at.eq(started))
        .execute(conn)?;
    Ok(())
}
