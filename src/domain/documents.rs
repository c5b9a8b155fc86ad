//! The document model shared by group reports, the Chair's summary and the draft: an ordered
//! list of headings, paragraphs and lettered measures, each with a stable key and its
//! provenance. Numbers are computed here, when rendering, never stored as identity.
//!
//! Also: comparing two revisions (word-level differences, moves, a concordance of numbers)
//! and merging two edits of one paragraph.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::diff::{Segment, differs, word_diff};

/// The three kinds of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    GroupReport,
    ChairsSummary,
    Draft,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 3] = [
        DocumentKind::GroupReport,
        DocumentKind::ChairsSummary,
        DocumentKind::Draft,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::GroupReport => "group-report",
            DocumentKind::ChairsSummary => "chairs-summary",
            DocumentKind::Draft => "draft",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub fn label_key(self) -> String {
        format!("document-kind-{}", self.as_str())
    }
}

/// The short name, in URLs, of the Chair's summary: one per process.
pub const CHAIRS_SUMMARY: &str = "chairs-summary";
/// The short name, in URLs, of the draft: one per process.
pub const DRAFT: &str = "draft";

/// The short name of a group's report in URLs.
pub fn group_report_slug(number: i32) -> String {
    format!("group-{number}-report")
}

/// A revision's label as it appears in URLs: "Rev.1" is `rev-1`, "Zero draft" `zero-draft`.
pub fn revision_slug(label: &str) -> String {
    let mut slug = String::new();
    for c in label.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeKind {
    Heading,
    Paragraph,
    /// An actionable measure, lettered under the paragraph before it.
    Measure,
}

impl NodeKind {
    pub const ALL: [NodeKind; 3] = [NodeKind::Heading, NodeKind::Paragraph, NodeKind::Measure];

    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Heading => "heading",
            NodeKind::Paragraph => "paragraph",
            NodeKind::Measure => "measure",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// What a node came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Source {
    ProposalVersion { id: i64 },
    Contribution { id: i64 },
    Paragraph { document_id: i64, node_key: String },
}

impl Source {
    pub fn kind(&self) -> &'static str {
        self.source_kind().as_str()
    }

    pub fn source_kind(&self) -> SourceKind {
        match self {
            Source::ProposalVersion { .. } => SourceKind::ProposalVersion,
            Source::Contribution { .. } => SourceKind::Contribution,
            Source::Paragraph { .. } => SourceKind::Paragraph,
        }
    }
}

/// What kind of thing a provenance link points to, without which one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    ProposalVersion,
    Contribution,
    Paragraph,
}

impl SourceKind {
    pub const ALL: [SourceKind; 3] = [
        SourceKind::ProposalVersion,
        SourceKind::Contribution,
        SourceKind::Paragraph,
    ];

    /// The stored form, the same as `Source`'s serialized tag.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::ProposalVersion => "proposal-version",
            SourceKind::Contribution => "contribution",
            SourceKind::Paragraph => "paragraph",
        }
    }

    pub fn parse(raw: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// One provenance link, with how it reads (a reference or a paragraph, as it was named when
/// linked), and an optional quote and note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub source: Source,
    pub label: String,
    #[serde(default)]
    pub quote: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub key: String,
    pub kind: NodeKind,
    pub text: String,
    #[serde(default)]
    pub provenance: Vec<Provenance>,
}

/// A document's content as a revision freezes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub title: String,
    #[serde(default)]
    pub symbol: String,
    /// BCP 47 code of the language the text is written in; empty in revisions published
    /// before documents stated one (their language is then told from the script).
    #[serde(default)]
    pub language: String,
    pub nodes: Vec<Node>,
}

/// The number a node is shown with: `12` for a paragraph, `12 (b)` for a measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    pub paragraph: u32,
    pub letter: Option<String>,
}

impl Number {
    pub fn display(&self) -> String {
        match &self.letter {
            Some(letter) => format!("{} ({letter})", self.paragraph),
            None => self.paragraph.to_string(),
        }
    }
}

/// (a), (b), … (z), (aa), (bb), … as United Nations texts letter their sub-paragraphs.
pub fn letter(index: u32) -> String {
    let base = (b'a' + (index % 26) as u8) as char;
    std::iter::repeat_n(base, (index / 26 + 1) as usize).collect()
}

/// The numbers of the nodes, in order: paragraphs numbered continuously through the whole
/// document, measures lettered after their paragraph; headings have none.
pub fn numbers(nodes: &[Node]) -> Vec<Option<Number>> {
    let mut paragraph = 0u32;
    let mut measure = 0u32;
    nodes
        .iter()
        .map(|node| match node.kind {
            NodeKind::Heading => None,
            NodeKind::Paragraph => {
                paragraph += 1;
                measure = 0;
                Some(Number {
                    paragraph,
                    letter: None,
                })
            }
            NodeKind::Measure => {
                let number = Number {
                    // A measure before any paragraph hangs under a paragraph 0.
                    paragraph,
                    letter: Some(letter(measure)),
                };
                measure += 1;
                Some(number)
            }
        })
        .collect()
}

/// How one node changed between two revisions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Unchanged,
    Changed(Vec<Segment>),
    Added,
    Removed,
}

/// One row of a comparison, in reading order of the later revision (removed nodes where they
/// stood).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub key: String,
    pub kind: NodeKind,
    pub change: Change,
    /// The node now sits elsewhere relative to the others.
    pub moved: bool,
    pub from_number: Option<String>,
    pub to_number: Option<String>,
    /// The text in the later revision (or the earlier, for a removed node).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub rows: Vec<Row>,
}

impl Comparison {
    /// "Paragraph 12 of the earlier is paragraph 14 of the later": every numbered node of
    /// either revision, in the later's order, with removed ones where they stood.
    pub fn concordance(&self) -> Vec<(Option<String>, Option<String>)> {
        self.rows
            .iter()
            .filter(|r| r.kind != NodeKind::Heading)
            .map(|r| (r.from_number.clone(), r.to_number.clone()))
            .collect()
    }

    pub fn count(&self, wanted: fn(&Row) -> bool) -> usize {
        self.rows.iter().filter(|r| wanted(r)).count()
    }
}

/// The longest common subsequence of two key sequences: the nodes that kept their order.
fn kept_in_order(from: &[&str], to: &[&str]) -> HashSet<String> {
    let (n, m) = (from.len(), to.len());
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if from[i] == to[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut kept = HashSet::new();
    while i < n && j < m {
        if from[i] == to[j] {
            kept.insert(from[i].to_string());
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    kept
}

/// Compares two revisions node by node, by key.
pub fn compare(from: &[Node], to: &[Node]) -> Comparison {
    let from_numbers = numbers(from);
    let to_numbers = numbers(to);
    let from_index: HashMap<&str, usize> = from
        .iter()
        .enumerate()
        .map(|(i, n)| (n.key.as_str(), i))
        .collect();
    let to_keys: HashSet<&str> = to.iter().map(|n| n.key.as_str()).collect();
    let from_keys: Vec<&str> = from.iter().map(|n| n.key.as_str()).collect();
    let shared_to: Vec<&str> = to
        .iter()
        .map(|n| n.key.as_str())
        .filter(|k| from_index.contains_key(k))
        .collect();
    let shared_from: Vec<&str> = from_keys
        .iter()
        .copied()
        .filter(|k| to_keys.contains(k))
        .collect();
    let kept = kept_in_order(&shared_from, &shared_to);

    let mut rows = Vec::with_capacity(from.len().max(to.len()));
    let mut next_from = 0usize;
    let removed_row = |i: usize| Row {
        key: from[i].key.clone(),
        kind: from[i].kind,
        change: Change::Removed,
        moved: false,
        from_number: from_numbers[i].as_ref().map(Number::display),
        to_number: None,
        text: from[i].text.clone(),
    };
    for (j, node) in to.iter().enumerate() {
        match from_index.get(node.key.as_str()) {
            Some(&i) => {
                // Removed nodes that stood before this one in the earlier revision come first.
                if kept.contains(&node.key) {
                    while next_from < i {
                        if !to_keys.contains(from[next_from].key.as_str()) {
                            rows.push(removed_row(next_from));
                        }
                        next_from += 1;
                    }
                    next_from = next_from.max(i + 1);
                }
                let segments = word_diff(&from[i].text, &node.text);
                rows.push(Row {
                    key: node.key.clone(),
                    kind: node.kind,
                    change: if differs(&segments) {
                        Change::Changed(segments)
                    } else {
                        Change::Unchanged
                    },
                    moved: !kept.contains(&node.key),
                    from_number: from_numbers[i].as_ref().map(Number::display),
                    to_number: to_numbers[j].as_ref().map(Number::display),
                    text: node.text.clone(),
                });
            }
            None => rows.push(Row {
                key: node.key.clone(),
                kind: node.kind,
                change: Change::Added,
                moved: false,
                from_number: None,
                to_number: to_numbers[j].as_ref().map(Number::display),
                text: node.text.clone(),
            }),
        }
    }
    while next_from < from.len() {
        if !to_keys.contains(from[next_from].key.as_str()) {
            rows.push(removed_row(next_from));
        }
        next_from += 1;
    }
    Comparison { rows }
}

/// The outcome of saving an edit made on an older text of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merge {
    /// Nobody else changed it, or the changes did not overlap: this is the text to save.
    Clean(String),
    /// Both changed the same words: neither text may be lost, so both are shown.
    Conflict { mine: String, theirs: String },
}

/// Three-way merge of one paragraph: `base` is what the editor started from, `mine` what they
/// typed, `theirs` what was saved meanwhile.
pub fn merge(base: &str, mine: &str, theirs: &str) -> Merge {
    if base == theirs || mine == theirs {
        return Merge::Clean(mine.to_string());
    }
    if base == mine {
        return Merge::Clean(theirs.to_string());
    }
    // diff3 merges by line and needs an unchanged line between two changes; merging word by
    // word (each word on its own line, line breaks encoded) lets edits anywhere in a
    // paragraph merge unless they touch the same words.
    match diffy::merge(
        &one_word_a_line(base),
        &one_word_a_line(mine),
        &one_word_a_line(theirs),
    ) {
        Ok(merged) => Merge::Clean(from_word_lines(&merged)),
        Err(_) => Merge::Conflict {
            mine: mine.to_string(),
            theirs: theirs.to_string(),
        },
    }
}

const LINE_BREAK: char = '\u{1}';

fn one_word_a_line(text: &str) -> String {
    let mut lines: String = text
        .split_inclusive([' ', '\n'])
        .map(|word| word.replace('\n', &LINE_BREAK.to_string()))
        .collect::<Vec<_>>()
        .join("\n");
    lines.push('\n');
    lines
}

fn from_word_lines(lines: &str) -> String {
    lines.lines().collect::<String>().replace(LINE_BREAK, "\n")
}

/// A new stable key for a node: random, short, URL-safe.
pub fn new_key(random: &str) -> String {
    random
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn edits_to_different_sentences_merge() {
        let base = "States commit to cooperate. They will share data. Progress is reviewed.";
        let mine =
            "States commit to cooperate closely. They will share data. Progress is reviewed.";
        let theirs = "States commit to cooperate. They will share data. Progress is reviewed every two years.";
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
        let mine = "Collect and utilize accurate and disaggregated data. States commit to strengthen data.";
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
                provenance: vec![Provenance {
                    source: Source::ProposalVersion { id: 7 },
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
}

/// What editing a document of this kind needs, and what reading its working copy needs.
pub mod access {
    use super::DocumentKind;
    use crate::domain::permissions::{Action, GroupId};

    /// `None` for a group report that names no group: no one edits it.
    pub fn edit(kind: DocumentKind, group: Option<GroupId>) -> Option<Action> {
        match kind {
            DocumentKind::GroupReport => group.map(Action::EditGroupReport),
            DocumentKind::ChairsSummary => Some(Action::EditChairSummary),
            DocumentKind::Draft => Some(Action::EditDraft),
        }
    }

    /// Working copies are not public: a group's report is read by the group's rapporteurs
    /// and moderators; the summary and the draft by those who write them and the secretariat.
    pub fn read_working(kind: DocumentKind, group: Option<GroupId>) -> Option<Action> {
        match kind {
            DocumentKind::GroupReport => group.map(Action::UseInternalNotes),
            DocumentKind::ChairsSummary | DocumentKind::Draft => {
                Some(Action::ReadDraftWorkingCopies)
            }
        }
    }
}
