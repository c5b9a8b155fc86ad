//! A small draft for the writers' tests: a heading, numbered paragraphs, lettered measures,
//! an Arabic and a Chinese paragraph, and provenance.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::model::{Export, Input, Labels, Version, build};
use crate::domain::documents::{Content, DocumentKind, Node, NodeKind, Provenance, Source};
use crate::domain::ids::{ContributionId, ProposalVersionId};
use crate::domain::text_language::TextLanguage;

pub const ARABIC: &str = "نلتزم بتعزيز التعاون الدولي بشأن الهجرة الآمنة";
pub const CHINESE: &str = "我们承诺加强安全、有序和正常移民的国际合作。";

fn node(key: &str, kind: NodeKind, text: &str, provenance: Vec<Provenance>) -> Node {
    Node {
        key: key.into(),
        kind,
        text: text.into(),
        provenance,
        status: Default::default(),
    }
}

pub fn content() -> Content {
    let cited = |source: Source, label: &str, quote: &str| Provenance {
        source,
        label: label.into(),
        quote: quote.into(),
        note: "Merged & shortened <by the co-facilitators>".into(),
    };
    Content {
        title: "Global Compact for Safe, Orderly and Regular Migration".into(),
        symbol: "A/CONF.231/3".into(),
        language: "en".into(),
        nodes: vec![
            node("h1", NodeKind::Heading, "Objectives & commitments", vec![]),
            node(
                "p1",
                NodeKind::Paragraph,
                "Collect and utilize **accurate** data.",
                vec![
                    cited(
                        Source::Contribution {
                            id: ContributionId(4),
                        },
                        "GCM/WC/0004",
                        "better data",
                    ),
                    cited(
                        Source::ProposalVersion {
                            id: ProposalVersionId(7),
                        },
                        "GCM/CP/0007, version 2",
                        "",
                    ),
                ],
            ),
            node("m1", NodeKind::Measure, "Develop a strategy.", vec![]),
            node(
                "m2",
                NodeKind::Measure,
                "Improve comparability.",
                vec![cited(
                    Source::Contribution {
                        id: ContributionId(4),
                    },
                    "GCM/WC/0004",
                    "",
                )],
            ),
            node("p2", NodeKind::Paragraph, ARABIC, vec![]),
            node("p3", NodeKind::Paragraph, CHINESE, vec![]),
        ],
    }
}

pub fn export() -> Export {
    export_of(&content())
}

/// `content` in the model, as the sample document's Rev.1.
pub fn export_of(content: &Content) -> Export {
    export_citing(content, &HashMap::new())
}

/// `content` in the model, its cited sources written in `languages`.
pub fn export_citing(content: &Content, languages: &HashMap<Source, TextLanguage>) -> Export {
    let mut paths = HashMap::new();
    paths.insert(
        Source::Contribution {
            id: ContributionId(4),
        },
        crate::paths::contribution("gcm", "GCM/WC/0004"),
    );
    let date = NaiveDate::from_ymd_opt(2018, 3, 5).unwrap_or_default();
    build(Input {
        process_slug: "gcm",
        process_title: "Global Compact for Migration",
        process_title_language: None,
        document_slug: "zero-draft",
        kind: DocumentKind::Draft,
        version: Version::Published {
            number: 2,
            label: "Rev.1".into(),
            slug: "rev-1".into(),
        },
        date,
        created: date,
        generated: date.and_hms_opt(12, 0, 0).unwrap_or_default(),
        content,
        source_paths: &paths,
        source_languages: languages,
        base_url: "https://concord.example/",
        labels: Labels::in_language(crate::i18n::Lang::En),
    })
}
