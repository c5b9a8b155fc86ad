//! The document model's rules: numbering, comparison, merging, keys.

use super::*;
use crate::domain::ids::ProposalVersionId;

#[test]
fn revision_labels_become_slugs() {
    assert_eq!(revision_slug("Rev.1"), "rev-1");
    assert_eq!(revision_slug("Zero draft"), "zero-draft");
    assert_eq!(revision_slug("  Final text! "), "final-text");
    assert_eq!(revision_slug("المسودة الأولى"), "المسودة-الأولى");
}

fn node(key: &str, kind: NodeKind, text: &str) -> Node {
    Node {
        key: key.into(),
        kind,
        text: text.into(),
        status: Default::default(),
        provenance: vec![],
    }
}

fn p(key: &str, text: &str) -> Node {
    node(key, NodeKind::Paragraph, text)
}

#[test]
fn paragraphs_are_numbered_and_measures_lettered() {
    let nodes = vec![
        node("h", NodeKind::Heading, "Preamble"),
        p("a", "We, the Heads of State"),
        p("b", "Objective 1"),
        node("m1", NodeKind::Measure, "Develop"),
        node("m2", NodeKind::Measure, "Implement"),
        p("c", "Objective 2"),
        node("m3", NodeKind::Measure, "Establish"),
    ];
    let shown: Vec<Option<String>> = numbers(&nodes)
        .iter()
        .map(|n| n.as_ref().map(Number::display))
        .collect();
    assert_eq!(
        shown,
        [
            None,
            Some("1".into()),
            Some("2".into()),
            Some("2 (a)".into()),
            Some("2 (b)".into()),
            Some("3".into()),
            Some("3 (a)".into())
        ]
    );
    assert_eq!(letter(0), "a");
    assert_eq!(letter(25), "z");
    assert_eq!(letter(26), "aa");
    assert_eq!(letter(27), "bb");
}

#[test]
fn a_comparison_finds_changes_additions_removals_and_moves() {
    let from = vec![
        p("a", "First"),
        p("b", "Second text"),
        p("c", "Third"),
        p("d", "Fourth"),
    ];
    // d moves up before b; b is edited; c is removed; e is new.
    let to = vec![
        p("a", "First"),
        p("d", "Fourth"),
        p("b", "Second revised text"),
        p("e", "New"),
    ];
    let comparison = compare(&from, &to);
    let summary: Vec<(String, &str, bool)> = comparison
        .rows
        .iter()
        .map(|r| {
            let change = match &r.change {
                Change::Unchanged => "same",
                Change::Changed(_) => "changed",
                Change::Added => "added",
                Change::Removed => "removed",
            };
            (r.key.clone(), change, r.moved)
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("a".to_string(), "same", false),
            ("c".to_string(), "removed", false),
            ("d".to_string(), "same", false),
            ("b".to_string(), "changed", true),
            ("e".to_string(), "added", false),
        ]
    );
    let concordance = comparison.concordance();
    assert!(
        concordance.contains(&(Some("4".into()), Some("2".into()))),
        "paragraph 4 became 2"
    );
    assert!(
        concordance.contains(&(Some("3".into()), None)),
        "paragraph 3 was removed"
    );
    assert!(
        concordance.contains(&(None, Some("4".into()))),
        "paragraph 4 is new"
    );
}

#[test]
fn identical_revisions_compare_as_unchanged() {
    let nodes = vec![p("a", "One"), p("b", "Two")];
    let comparison = compare(&nodes, &nodes);
    assert!(
        comparison
            .rows
            .iter()
            .all(|r| r.change == Change::Unchanged && !r.moved)
    );
}

#[test]
fn a_status_agreed_between_revisions_is_compared_even_when_the_words_stay() {
    let from = vec![p("a", "One"), p("b", "Two"), p("c", "Three")];
    let mut to = vec![p("a", "One"), p("b", "Two"), p("d", "Four")];
    to[1].status = ParagraphStatus::AgreedAdRef;
    let comparison = compare(&from, &to);
    let status: Vec<(&str, Option<ParagraphStatus>, Option<ParagraphStatus>, bool)> = comparison
        .rows
        .iter()
        .map(|r| {
            (
                r.key.as_str(),
                r.status_from,
                r.status_to,
                r.status_changed(),
            )
        })
        .collect();
    let pending = Some(ParagraphStatus::Pending);
    assert_eq!(
        status,
        [
            ("a", pending, pending, false),
            ("b", pending, Some(ParagraphStatus::AgreedAdRef), true),
            ("d", None, pending, false),
            ("c", pending, None, false),
        ]
    );
    assert_eq!(comparison.rows[1].change, Change::Unchanged);
}

#[test]
fn edits_to_different_sentences_merge() {
    let base = "States commit to cooperate. They will share data. Progress is reviewed.";
    let mine = "States commit to cooperate closely. They will share data. Progress is reviewed.";
    let theirs =
        "States commit to cooperate. They will share data. Progress is reviewed every two years.";
    assert_eq!(
        merge(base, mine, theirs),
        Merge::Clean(
            "States commit to cooperate closely. They will share data. Progress is reviewed every two years."
                .into()
        )
    );
}

#[test]
fn edits_to_two_sentences_of_two_merge() {
    let base = "Collect and utilize accurate data. States commit to strengthen data.";
    let mine =
        "Collect and utilize accurate and disaggregated data. States commit to strengthen data.";
    let theirs =
        "Collect and utilize accurate data. States commit to strengthen the evidence base.";
    assert_eq!(
        merge(base, mine, theirs),
        Merge::Clean(
            "Collect and utilize accurate and disaggregated data. States commit to strengthen the evidence base."
                .into()
        )
    );
    let multi_line = merge(
        "One.\nTwo words.",
        "One, more.\nTwo words.",
        "One.\nTwo new words.",
    );
    assert_eq!(
        multi_line,
        Merge::Clean("One, more.\nTwo new words.".into())
    );
}

#[test]
fn edits_to_the_same_words_conflict_and_keep_both() {
    let base = "States commit to cooperate.";
    let merged = merge(base, "States commit to act.", "States commit to engage.");
    assert_eq!(
        merged,
        Merge::Conflict {
            mine: "States commit to act.".into(),
            theirs: "States commit to engage.".into()
        }
    );
}

#[test]
fn an_unchanged_side_takes_the_other() {
    assert_eq!(merge("a", "a", "b"), Merge::Clean("b".into()));
    assert_eq!(merge("a", "b", "a"), Merge::Clean("b".into()));
    assert_eq!(merge("a", "b", "b"), Merge::Clean("b".into()));
}

#[test]
fn revisions_serialise_round_trip() {
    let content = Content {
        title: "Zero draft".into(),
        symbol: String::new(),
        language: "fr".into(),
        nodes: vec![Node {
            key: "k1".into(),
            kind: NodeKind::Paragraph,
            text: "Text".into(),
            status: Default::default(),
            provenance: vec![Provenance {
                source: Source::ProposalVersion {
                    id: ProposalVersionId(7),
                },
                label: "GCM/CP/0007, version 2".into(),
                quote: String::new(),
                note: String::new(),
            }],
        }],
    };
    let json = serde_json::to_string(&content).expect("serialises");
    assert_eq!(
        serde_json::from_str::<Content>(&json).expect("parses"),
        content
    );
}
