//! The first structure of a group report, generated from the group's accepted proposals:
//! key messages, the proposals of commitments with their actionable measures, and the means
//! of implementation; every generated paragraph linked to the proposal version it came from.

use super::documents::{Node, NodeKind, Provenance, Source};

/// What a report needs of one accepted proposal (its accepted version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedProposal {
    pub version_id: i64,
    pub reference: String,
    pub version: i32,
    pub organisation: String,
    pub title: String,
    pub commitment: String,
    pub measures: Vec<String>,
    pub partnerships: String,
    pub capacity_building: String,
    pub financing: String,
    pub data: String,
    pub timeline: String,
    pub indicators: String,
}

impl AcceptedProposal {
    pub fn source(&self) -> Provenance {
        Provenance {
            source: Source::ProposalVersion {
                id: self.version_id,
            },
            label: format!("{}, version {}", self.reference, self.version),
            quote: String::new(),
            note: String::new(),
        }
    }
}

/// Reads one means of implementation of a proposal.
type MeansField = fn(&AcceptedProposal) -> &str;

/// The first sentence of a text, for a key message.
fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    match text.find(". ") {
        Some(end) => &text[..=end],
        None => text,
    }
}

/// Generates the nodes; `new_key` gives each a fresh stable key.
pub fn group_report_nodes(
    accepted: &[AcceptedProposal],
    mut new_key: impl FnMut() -> String,
) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut push = |kind: NodeKind, text: String, provenance: Vec<Provenance>| {
        nodes.push(Node {
            key: new_key(),
            kind,
            text,
            provenance,
        });
    };
    push(NodeKind::Heading, "Key messages".into(), vec![]);
    if accepted.is_empty() {
        push(
            NodeKind::Paragraph,
            "No proposal of this group has been accepted yet.".into(),
            vec![],
        );
    }
    for proposal in accepted {
        push(
            NodeKind::Paragraph,
            format!(
                "{} ({}): {}",
                proposal.title.trim(),
                proposal.organisation,
                first_sentence(&proposal.commitment)
            ),
            vec![proposal.source()],
        );
    }
    if !accepted.is_empty() {
        push(NodeKind::Heading, "Proposals of commitments".into(), vec![]);
    }
    for proposal in accepted {
        push(
            NodeKind::Paragraph,
            proposal.commitment.trim().to_string(),
            vec![proposal.source()],
        );
        for measure in proposal.measures.iter().filter(|m| !m.trim().is_empty()) {
            push(
                NodeKind::Measure,
                measure.trim().to_string(),
                vec![proposal.source()],
            );
        }
    }
    let means: [(&str, MeansField); 4] = [
        ("Partnerships", |p| &p.partnerships),
        ("Capacity-building", |p| &p.capacity_building),
        ("Financing", |p| &p.financing),
        ("Data", |p| &p.data),
    ];
    let any_means = accepted
        .iter()
        .any(|p| means.iter().any(|(_, field)| !field(p).trim().is_empty()));
    if any_means {
        push(NodeKind::Heading, "Means of implementation".into(), vec![]);
    }
    for (name, field) in means {
        let contributing: Vec<&AcceptedProposal> = accepted
            .iter()
            .filter(|p| !field(p).trim().is_empty())
            .collect();
        if contributing.is_empty() {
            continue;
        }
        let text = contributing
            .iter()
            .map(|p| field(p).trim())
            .collect::<Vec<_>>()
            .join(" ");
        push(
            NodeKind::Paragraph,
            format!("{name}: {text}"),
            contributing.iter().map(|p| p.source()).collect(),
        );
    }
    nodes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal(n: i64) -> AcceptedProposal {
        AcceptedProposal {
            version_id: n,
            reference: format!("GCM/CP/000{n}"),
            version: 2,
            organisation: "Migrant Forum in Asia".into(),
            title: format!("Proposal {n}"),
            commitment: "States commit to decent work. They will act.".into(),
            measures: vec![
                "Ratify conventions".into(),
                " ".into(),
                "Inspect workplaces".into(),
            ],
            partnerships: "With trade unions.".into(),
            capacity_building: String::new(),
            financing: String::new(),
            data: "Disaggregated data.".into(),
            timeline: "By 2030.".into(),
            indicators: String::new(),
        }
    }

    #[test]
    fn every_generated_paragraph_names_its_source() {
        let mut n = 0;
        let nodes = group_report_nodes(&[proposal(1), proposal(2)], || {
            n += 1;
            format!("k{n}")
        });
        let kinds: Vec<NodeKind> = nodes.iter().map(|n| n.kind).collect();
        use NodeKind::*;
        assert_eq!(
            kinds,
            [
                Heading, Paragraph, Paragraph, Heading, Paragraph, Measure, Measure, Paragraph,
                Measure, Measure, Heading, Paragraph, Paragraph
            ]
        );
        assert!(
            nodes
                .iter()
                .filter(|n| n.kind != Heading)
                .all(|n| !n.provenance.is_empty())
        );
        assert_eq!(
            nodes[1].text,
            "Proposal 1 (Migrant Forum in Asia): States commit to decent work."
        );
        assert_eq!(nodes[1].provenance[0].label, "GCM/CP/0001, version 2");
        assert_eq!(
            nodes[11].text,
            "Partnerships: With trade unions. With trade unions."
        );
        assert_eq!(nodes[11].provenance.len(), 2);
        let keys: std::collections::HashSet<&str> = nodes.iter().map(|n| n.key.as_str()).collect();
        assert_eq!(keys.len(), nodes.len(), "keys are unique");
    }

    #[test]
    fn a_group_without_accepted_proposals_gets_a_skeleton() {
        let nodes = group_report_nodes(&[], || "k".into());
        assert_eq!(nodes.len(), 2);
    }
}
