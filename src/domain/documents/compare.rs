//! Comparing two revisions of a document node by node, by stable key: word-level differences,
//! nodes added, removed and moved, and the concordance of their numbers.

use std::collections::{HashMap, HashSet};

use super::brackets::reading_plain;
use super::{Node, NodeKind, Number, ParagraphStatus, numbers};
use crate::domain::diff::{Segment, differs, word_diff};

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
    /// The paragraph's status in the earlier revision (`None`: not there) and in the later.
    pub status_from: Option<ParagraphStatus>,
    pub status_to: Option<ParagraphStatus>,
}

impl Row {
    /// The status is agreed (or no longer) between the two revisions, whatever the words did.
    pub fn status_changed(&self) -> bool {
        matches!((self.status_from, self.status_to), (Some(a), Some(b)) if a != b)
    }
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
    let kept = kept_keys(from, to, &from_index, &to_keys);

    let mut rows = Vec::with_capacity(from.len().max(to.len()));
    let mut next_from = 0usize;
    let removed_row = |i: usize| Row {
        key: from[i].key.clone(),
        kind: from[i].kind,
        change: Change::Removed,
        moved: false,
        from_number: from_numbers[i].as_ref().map(Number::display),
        to_number: None,
        text: reading_plain(&from[i].text),
        status_from: Some(from[i].status),
        status_to: None,
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
                let mut row = kept_row(&from[i], node);
                row.moved = !kept.contains(&node.key);
                row.from_number = from_numbers[i].as_ref().map(Number::display);
                row.to_number = to_numbers[j].as_ref().map(Number::display);
                rows.push(row);
            }
            None => rows.push(Row {
                key: node.key.clone(),
                kind: node.kind,
                change: Change::Added,
                moved: false,
                from_number: None,
                to_number: to_numbers[j].as_ref().map(Number::display),
                text: reading_plain(&node.text),
                status_from: None,
                status_to: Some(node.status),
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

/// The keys both revisions hold that also kept their order: a shared key not among them
/// moved.
fn kept_keys(
    from: &[Node],
    to: &[Node],
    from_index: &HashMap<&str, usize>,
    to_keys: &HashSet<&str>,
) -> HashSet<String> {
    let shared_to: Vec<&str> = to
        .iter()
        .map(|n| n.key.as_str())
        .filter(|k| from_index.contains_key(k))
        .collect();
    let shared_from: Vec<&str> = from
        .iter()
        .map(|n| n.key.as_str())
        .filter(|k| to_keys.contains(k))
        .collect();
    kept_in_order(&shared_from, &shared_to)
}

/// The row of a node both revisions hold: its word changes, if any (numbers and moves are the
/// caller's to fill in).
fn kept_row(old: &Node, new: &Node) -> Row {
    // Bracketed passages compared as readers see them, not in their stored form.
    let segments = word_diff(&reading_plain(&old.text), &reading_plain(&new.text));
    Row {
        key: new.key.clone(),
        kind: new.kind,
        change: if differs(&segments) {
            Change::Changed(segments)
        } else {
            Change::Unchanged
        },
        moved: false,
        from_number: None,
        to_number: None,
        text: reading_plain(&new.text),
        status_from: Some(old.status),
        status_to: Some(new.status),
    }
}
