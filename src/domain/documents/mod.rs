//! The document model shared by group reports, the Chair's summary and the draft: an ordered
//! list of headings, paragraphs and lettered measures, each with a stable key and its
//! provenance. Numbers are computed here, when rendering, never stored as identity.
//!
//! Also: comparing two revisions (word-level differences, moves, a concordance of numbers)
//! and merging two edits of one paragraph.
//!
//! `accept` takes an amendment into a paragraph, whole or as an alternative of a bracket;
//! `brackets` reads the bracketed passages of a paragraph's text; `status` a paragraph's
//! standing and how close a text is to consensus.
//!
//! `compare` and `merge` hold the comparison of revisions and the three-way merge of a
//! paragraph; `access` says which action editing and reading a working copy need.

pub mod accept;
pub mod brackets;
mod compare;
mod finality;
mod merge;
mod status;

use serde::{Deserialize, Serialize};

use crate::domain::ids::{ContributionId, DocumentId, ProposalVersionId};

pub use compare::{Change, Comparison, Row, compare};
pub use finality::is_final_label;
pub use merge::{Merge, merge};
pub use status::{Consensus, ParagraphStatus, has_status};

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
    ProposalVersion {
        id: ProposalVersionId,
    },
    Contribution {
        id: ContributionId,
    },
    Paragraph {
        document_id: DocumentId,
        node_key: String,
    },
    /// An amendment tabled in a negotiation round, taken into the paragraph.
    Amendment {
        id: i64,
    },
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
            Source::Amendment { .. } => SourceKind::Amendment,
        }
    }
}

/// What kind of thing a provenance link points to, without which one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    ProposalVersion,
    Contribution,
    Paragraph,
    Amendment,
}

impl SourceKind {
    pub const ALL: [SourceKind; 4] = [
        SourceKind::ProposalVersion,
        SourceKind::Contribution,
        SourceKind::Paragraph,
        SourceKind::Amendment,
    ];

    /// The stored form, the same as `Source`'s serialized tag.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::ProposalVersion => "proposal-version",
            SourceKind::Contribution => "contribution",
            SourceKind::Paragraph => "paragraph",
            SourceKind::Amendment => "amendment",
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
    /// Where the paragraph stands in the negotiation; revisions published before statuses
    /// read as pending.
    #[serde(default, skip_serializing_if = "ParagraphStatus::is_pending")]
    pub status: ParagraphStatus,
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

/// A new stable key for a node: random, short, URL-safe.
pub fn new_key(random: &str) -> String {
    random
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(12)
        .collect()
}

#[cfg(test)]
mod tests;

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
