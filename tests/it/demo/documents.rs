//! The demo's documents: a published report per group, the Chair's summary, and the draft's
//! zero draft and Rev.1, whose comparison shows every kind of change; all with provenance.

use concord::db::schema::{documents, revisions};
use concord::domain::documents::{Change, Content, Source, compare};
use diesel::prelude::*;

use crate::helpers::{Backend, spawn_app_with, with_db};

pub async fn the_demo_holds_published_documents_with_provenance(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], true).await else {
        return;
    };
    let published: Vec<(String, String, String)> = with_db(&app, |conn| {
        revisions::table
            .inner_join(documents::table)
            .order((documents::id, revisions::number))
            .select((documents::kind, revisions::label, revisions::content))
            .load(conn)
            .expect("revisions")
    })
    .await;
    let contents = |kind: &str| -> Vec<(String, Content)> {
        published
            .iter()
            .filter(|(k, ..)| k == kind)
            .map(|(_, label, json)| (label.clone(), serde_json::from_str(json).expect("content")))
            .collect()
    };
    let cites = |content: &Content, wanted: fn(&Source) -> bool| {
        content
            .nodes
            .iter()
            .any(|n| n.provenance.iter().any(|p| wanted(&p.source)))
    };
    let reports = contents("group-report");
    assert_eq!(reports.len(), 6, "a published report for each group");
    for (_, report) in &reports {
        assert!(cites(report, |s| matches!(
            s,
            Source::ProposalVersion { .. }
        )));
        assert!(cites(report, |s| matches!(s, Source::Contribution { .. })));
    }
    let summary = contents("chairs-summary");
    assert_eq!(summary.len(), 1, "a published Chair's summary");
    assert!(cites(&summary[0].1, |s| matches!(
        s,
        Source::Paragraph { .. }
    )));

    let draft = contents("draft");
    let labels: Vec<&str> = draft.iter().map(|(label, _)| label.as_str()).collect();
    // Rev.2 is the negotiation's (see `negotiation`).
    assert_eq!(labels, ["Zero draft", "Rev.1", "Rev.2"]);
    for (_, revision) in &draft {
        assert!(cites(revision, |s| matches!(
            s,
            Source::ProposalVersion { .. }
        )));
        assert!(cites(revision, |s| matches!(
            s,
            Source::Contribution { .. }
        )));
        assert!(cites(revision, |s| matches!(s, Source::Paragraph { .. })));
    }
    let comparison = compare(&draft[0].1.nodes, &draft[1].1.nodes);
    let changed = comparison.count(|r| matches!(r.change, Change::Changed(_)));
    let added = comparison.count(|r| r.change == Change::Added);
    let removed = comparison.count(|r| r.change == Change::Removed);
    let moved = comparison.count(|r| r.moved);
    assert!(
        changed > 0 && added > 0 && removed > 0 && moved > 0,
        "{changed} changed, {added} added, {removed} removed, {moved} moved"
    );
}
