//! Where amendments stand in a revision: on the node with their paragraph's stable key,
//! whatever number that node has there. Numbers are computed from the revision's order
//! (`documents::numbers`), never stored, so an amendment tabled on paragraph 12 of the zero
//! draft is shown on paragraph 14 of Rev.1 if two paragraphs were added before it.

use std::collections::HashMap;

use crate::domain::documents::{Node, Number, numbers};

/// A node of the revision with the indexes (into the caller's list) of the amendments on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed<'a> {
    pub node: &'a Node,
    pub number: Option<Number>,
    pub amendments: Vec<usize>,
}

/// The revision's nodes in order, each with the amendments on it, and the amendments whose
/// paragraph the revision no longer holds (by index, in the caller's order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement<'a> {
    pub nodes: Vec<Placed<'a>>,
    pub unplaced: Vec<usize>,
}

/// Places amendments, given by their nodes' keys in the caller's order, on `nodes`.
pub fn place<'a, 'k>(nodes: &'a [Node], keys: impl IntoIterator<Item = &'k str>) -> Placement<'a> {
    let index: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.key.as_str(), i))
        .collect();
    let mut placed: Vec<Placed<'a>> = nodes
        .iter()
        .zip(numbers(nodes))
        .map(|(node, number)| Placed {
            node,
            number,
            amendments: Vec::new(),
        })
        .collect();
    let mut unplaced = Vec::new();
    for (i, key) in keys.into_iter().enumerate() {
        match index.get(key) {
            Some(&at) => placed[at].amendments.push(i),
            None => unplaced.push(i),
        }
    }
    Placement {
        nodes: placed,
        unplaced,
    }
}

/// The number a node has in `nodes`, found by its key.
pub fn number_of(nodes: &[Node], key: &str) -> Option<Number> {
    let at = nodes.iter().position(|node| node.key == key)?;
    numbers(nodes).into_iter().nth(at).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::documents::NodeKind;

    fn node(key: &str, kind: NodeKind, text: &str) -> Node {
        Node {
            key: key.into(),
            kind,
            text: text.into(),
            provenance: Vec::new(),
            status: Default::default(),
        }
    }

    fn zero_draft() -> Vec<Node> {
        vec![
            node("h1", NodeKind::Heading, "Preamble"),
            node("p1", NodeKind::Paragraph, "First."),
            node("p2", NodeKind::Paragraph, "Second."),
            node("m1", NodeKind::Measure, "A measure."),
            node("p3", NodeKind::Paragraph, "Third."),
        ]
    }

    #[test]
    fn an_amendment_stays_on_its_paragraph_when_numbering_changes() {
        let zero = zero_draft();
        let mut rev1 = zero_draft();
        rev1.insert(1, node("new", NodeKind::Paragraph, "Inserted."));
        rev1.retain(|n| n.key != "p1");
        rev1.insert(2, node("new2", NodeKind::Paragraph, "Also inserted."));

        assert_eq!(
            number_of(&zero, "p3").map(|n| n.display()),
            Some("3".into())
        );
        assert_eq!(
            number_of(&rev1, "p3").map(|n| n.display()),
            Some("4".into())
        );
        assert_eq!(
            number_of(&zero, "m1").map(|n| n.display()),
            Some("2 (a)".into())
        );
        assert_eq!(
            number_of(&rev1, "m1").map(|n| n.display()),
            Some("3 (a)".into())
        );

        let keys = ["p3", "m1", "p1", "p3"];
        let placed = place(&rev1, keys);
        let on = |key: &str| {
            placed
                .nodes
                .iter()
                .find(|p| p.node.key == key)
                .map(|p| (p.number.as_ref().map(Number::display), p.amendments.clone()))
        };
        assert_eq!(on("p3"), Some((Some("4".into()), vec![0, 3])));
        assert_eq!(on("m1"), Some((Some("3 (a)".into()), vec![1])));
        assert_eq!(on("h1"), Some((None, vec![])));
        assert_eq!(placed.unplaced, vec![2], "p1 is gone from Rev.1");
        assert_eq!(placed.nodes.len(), rev1.len());
    }
}
