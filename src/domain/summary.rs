//! The Chair's summary, compiled from the published group reports and the accepted
//! proposals, and the skeleton of the draft the co-facilitators assemble.
//!
//! Provenance carries through: a summary paragraph links to the report paragraph it came
//! from, which links to the proposal versions it came from.

use super::documents::{Node, NodeKind, Provenance, Source, numbers};
use super::ids::DocumentId;
use super::reports::{AcceptedProposal, Generated};

/// A group's report as last published.
#[derive(Debug, Clone)]
pub struct PublishedReport {
    pub group_number: i32,
    pub group_name: String,
    pub document_id: DocumentId,
    pub document_title: String,
    pub revision_label: String,
    pub nodes: Vec<Node>,
}

/// Generates the Chair's summary: a section per action group with its report's paragraphs
/// and measures, then the overarching means of implementation and follow-up and review drawn
/// from the accepted proposals.
pub fn chairs_summary_nodes(
    reports: &[PublishedReport],
    accepted: &[AcceptedProposal],
    new_key: impl FnMut() -> String,
) -> Vec<Node> {
    let mut summary = Generated::new(new_key);
    for report in reports {
        report_section(&mut summary, report);
    }
    summary.drawn(
        accepted,
        "Overarching means of implementation",
        &[
            ("Partnerships", |p| &p.partnerships),
            ("Capacity-building", |p| &p.capacity_building),
            ("Financing", |p| &p.financing),
            ("Data", |p| &p.data),
        ],
    );
    summary.drawn(
        accepted,
        "Follow-up and review",
        &[
            ("Timelines", |p| &p.timeline),
            ("Indicators", |p| &p.indicators),
        ],
    );
    summary.nodes
}

/// A group's section: its heading, then its report's paragraphs and measures, each linked to
/// the report paragraph it repeats.
fn report_section(summary: &mut Generated<impl FnMut() -> String>, report: &PublishedReport) {
    summary.push(
        NodeKind::Heading,
        format!(
            "Action group {}: {}",
            report.group_number, report.group_name
        ),
        vec![],
    );
    for (node, number) in report.nodes.iter().zip(numbers(&report.nodes)) {
        if node.kind == NodeKind::Heading {
            continue;
        }
        let number = number.map(|n| n.display()).unwrap_or_default();
        summary.push(
            node.kind,
            node.text.clone(),
            vec![Provenance {
                source: Source::Paragraph {
                    document_id: report.document_id,
                    node_key: node.key.clone(),
                },
                label: format!(
                    "{} ({}), paragraph {number}",
                    report.document_title, report.revision_label
                ),
                quote: String::new(),
                note: String::new(),
            }],
        );
    }
}

/// The headings of a draft, in the order of such compacts, and the guiding principles.
pub fn draft_skeleton_nodes(
    principles: &[String],
    mut new_key: impl FnMut() -> String,
) -> Vec<Node> {
    let mut node = |kind: NodeKind, text: &str| Node {
        status: Default::default(),
        key: new_key(),
        kind,
        text: text.to_string(),
        provenance: vec![],
    };
    let mut nodes = vec![
        node(NodeKind::Heading, "Preamble"),
        node(NodeKind::Heading, "Vision and guiding principles"),
    ];
    if !principles.is_empty() {
        nodes.push(node(
            NodeKind::Paragraph,
            &format!(
                "This compact rests on the following guiding principles: {}.",
                principles.join("; ")
            ),
        ));
    }
    nodes.extend([
        node(NodeKind::Heading, "Objectives and commitments"),
        node(NodeKind::Heading, "Implementation"),
        node(NodeKind::Heading, "Follow-up and review"),
    ]);
    nodes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> PublishedReport {
        let p = |key: &str, kind, text: &str| Node {
            key: key.into(),
            kind,
            text: text.into(),
            provenance: vec![],
            status: Default::default(),
        };
        PublishedReport {
            group_number: 1,
            group_name: "Human dimensions".into(),
            document_id: DocumentId(9),
            document_title: "Report of action group 1".into(),
            revision_label: "Final".into(),
            nodes: vec![
                p("h", NodeKind::Heading, "Key messages"),
                p("a", NodeKind::Paragraph, "Protect rights."),
                p("b", NodeKind::Measure, "Ratify."),
            ],
        }
    }

    #[test]
    fn summary_paragraphs_cite_the_report_paragraphs() {
        let mut n = 0;
        let nodes = chairs_summary_nodes(&[report()], &[], || {
            n += 1;
            format!("k{n}")
        });
        assert_eq!(nodes.len(), 3);
        assert_eq!(nodes[0].text, "Action group 1: Human dimensions");
        assert_eq!(
            nodes[1].provenance[0].source,
            Source::Paragraph {
                document_id: DocumentId(9),
                node_key: "a".into()
            }
        );
        assert_eq!(
            nodes[1].provenance[0].label,
            "Report of action group 1 (Final), paragraph 1"
        );
        assert_eq!(nodes[2].kind, NodeKind::Measure);
        assert_eq!(
            nodes[2].provenance[0].label,
            "Report of action group 1 (Final), paragraph 1 (a)"
        );
    }

    #[test]
    fn a_draft_starts_with_its_headings_and_principles() {
        let nodes = draft_skeleton_nodes(
            &["Migrant-centred".into(), "Gender-responsive".into()],
            || "k".into(),
        );
        assert_eq!(nodes.len(), 6);
        assert!(nodes[2].text.contains("Migrant-centred; Gender-responsive"));
    }
}
