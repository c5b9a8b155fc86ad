//! A paragraph's standing in the negotiation, and how close a text is to consensus.

use serde::{Deserialize, Serialize};

use super::{Node, NodeKind, brackets};

/// Where a paragraph stands: not yet agreed, agreed subject to confirmation by capitals, or
/// agreed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParagraphStatus {
    #[default]
    Pending,
    AgreedAdRef,
    Agreed,
}

impl ParagraphStatus {
    pub const ALL: [ParagraphStatus; 3] = [
        ParagraphStatus::Pending,
        ParagraphStatus::AgreedAdRef,
        ParagraphStatus::Agreed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ParagraphStatus::Pending => "pending",
            ParagraphStatus::AgreedAdRef => "agreed-ad-ref",
            ParagraphStatus::Agreed => "agreed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    pub fn is_pending(&self) -> bool {
        *self == ParagraphStatus::Pending
    }

    pub fn label_key(self) -> String {
        format!("paragraph-status-{}", self.as_str())
    }
}

/// Whether a node of this kind carries a status: paragraphs and measures do, headings not.
pub fn has_status(kind: NodeKind) -> bool {
    kind != NodeKind::Heading
}

/// How close a text is to consensus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Consensus {
    /// Paragraphs and measures.
    pub paragraphs: usize,
    pub agreed: usize,
    pub agreed_ad_ref: usize,
    /// Bracketed passages still open, however many alternatives each holds.
    pub open_brackets: usize,
}

impl Consensus {
    /// Counts one text: its nodes only.
    pub fn of(nodes: &[Node]) -> Self {
        let mut counts = Consensus::default();
        for node in nodes.iter().filter(|n| has_status(n.kind)) {
            counts.paragraphs += 1;
            match node.status {
                ParagraphStatus::Pending => {}
                ParagraphStatus::AgreedAdRef => counts.agreed_ad_ref += 1,
                ParagraphStatus::Agreed => counts.agreed += 1,
            }
            counts.open_brackets += brackets::open_brackets(&node.text);
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(kind: NodeKind, text: &str, status: ParagraphStatus) -> Node {
        Node {
            key: text.into(),
            kind,
            text: text.into(),
            provenance: Vec::new(),
            status,
        }
    }

    #[test]
    fn every_status_reads_back_from_its_stored_form() {
        for status in ParagraphStatus::ALL {
            assert_eq!(ParagraphStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ParagraphStatus::parse("agreed ad ref"), None);
    }

    #[test]
    fn consensus_counts_paragraphs_statuses_and_open_passages() {
        let nodes = [
            node(NodeKind::Heading, "[Objectives]", ParagraphStatus::Pending),
            node(
                NodeKind::Paragraph,
                "[a] [b] and [c]",
                ParagraphStatus::Pending,
            ),
            node(NodeKind::Measure, "agreed words", ParagraphStatus::Agreed),
            node(NodeKind::Paragraph, "ad ref", ParagraphStatus::AgreedAdRef),
            // Written before brackets were read: its bracket is words.
            node(NodeKind::Paragraph, "a ] b", ParagraphStatus::Pending),
        ];
        assert_eq!(
            Consensus::of(&nodes),
            Consensus {
                paragraphs: 4,
                agreed: 1,
                agreed_ad_ref: 1,
                open_brackets: 2,
            }
        );
    }

    #[test]
    fn a_revision_published_before_statuses_reads_as_pending() {
        let old = r#"{"key":"k1","kind":"paragraph","text":"t"}"#;
        let node: Node = serde_json::from_str(old).expect("reads");
        assert_eq!(node.status, ParagraphStatus::Pending);
        let agreed = Node {
            status: ParagraphStatus::AgreedAdRef,
            ..node.clone()
        };
        let json = serde_json::to_string(&agreed).expect("writes");
        assert!(json.contains(r#""status":"agreed-ad-ref""#), "{json}");
        // A pending node is written as before.
        assert!(
            !serde_json::to_string(&node)
                .expect("writes")
                .contains("status")
        );
    }
}
