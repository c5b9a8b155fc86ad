//! The first structure of a group report, generated from the group's accepted proposals:
//! key messages, the proposals of commitments with their actionable measures, and the means
//! of implementation; every generated paragraph linked to the proposal version it came from.

use super::documents::{Node, NodeKind, Provenance, Source};
use super::ids::ProposalVersionId;

/// What a report needs of one accepted proposal (its accepted version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedProposal {
    pub version_id: ProposalVersionId,
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

/// The accepted proposals that no node of `nodes` cites at their accepted version: what a
/// report does not include yet, in the order given.
pub fn not_yet_cited(accepted: &[AcceptedProposal], nodes: &[Node]) -> Vec<AcceptedProposal> {
    let cited = |proposal: &AcceptedProposal| {
        nodes.iter().any(|node| {
            node.provenance.iter().any(|p| {
                p.source
                    == Source::ProposalVersion {
                        id: proposal.version_id,
                    }
            })
        })
    };
    accepted.iter().filter(|p| !cited(p)).cloned().collect()
}

/// Reads one text field of a proposal (a means of implementation, the timeline…).
pub(super) type ProposalField = fn(&AcceptedProposal) -> &str;

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
    new_key: impl FnMut() -> String,
) -> Vec<Node> {
    let mut report = Generated::new(new_key);
    report.push(NodeKind::Heading, "Key messages".into(), vec![]);
    if accepted.is_empty() {
        report.push(
            NodeKind::Paragraph,
            "No proposal of this group has been accepted yet.".into(),
            vec![],
        );
    }
    for proposal in accepted {
        report.push(
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
        report.push(NodeKind::Heading, "Proposals of commitments".into(), vec![]);
    }
    for proposal in accepted {
        report.push(
            NodeKind::Paragraph,
            proposal.commitment.trim().to_string(),
            vec![proposal.source()],
        );
        for measure in proposal.measures.iter().filter(|m| !m.trim().is_empty()) {
            report.push(
                NodeKind::Measure,
                measure.trim().to_string(),
                vec![proposal.source()],
            );
        }
    }
    report.drawn(
        accepted,
        "Means of implementation",
        &[
            ("Partnerships", |p| &p.partnerships),
            ("Capacity-building", |p| &p.capacity_building),
            ("Financing", |p| &p.financing),
            ("Data", |p| &p.data),
        ],
    );
    report.nodes
}

/// Generated nodes as they are added, each with a fresh key: shared by the group report and
/// the Chair's summary, which both draw sections from the accepted proposals.
pub(super) struct Generated<K> {
    pub(super) nodes: Vec<Node>,
    new_key: K,
}

impl<K: FnMut() -> String> Generated<K> {
    pub(super) fn new(new_key: K) -> Self {
        Self {
            nodes: Vec::new(),
            new_key,
        }
    }

    pub(super) fn push(&mut self, kind: NodeKind, text: String, provenance: Vec<Provenance>) {
        self.nodes.push(Node {
            status: Default::default(),
            key: (self.new_key)(),
            kind,
            text,
            provenance,
        });
    }

    /// A section drawn from the accepted proposals: one paragraph per field that some
    /// proposal filled in, linked to those proposals; nothing at all when none did.
    pub(super) fn drawn(
        &mut self,
        accepted: &[AcceptedProposal],
        heading: &str,
        fields: &[(&str, ProposalField)],
    ) {
        let parts: Vec<(&str, ProposalField, Vec<&AcceptedProposal>)> = fields
            .iter()
            .map(|(name, field)| {
                let with = accepted
                    .iter()
                    .filter(|p| !field(p).trim().is_empty())
                    .collect();
                (*name, *field, with)
            })
            .collect();
        if parts.iter().all(|(_, _, with)| with.is_empty()) {
            return;
        }
        self.push(NodeKind::Heading, heading.to_string(), vec![]);
        for (name, field, with) in parts.iter().filter(|(_, _, with)| !with.is_empty()) {
            let text = with
                .iter()
                .map(|p| field(p).trim())
                .collect::<Vec<_>>()
                .join(" ");
            self.push(
                NodeKind::Paragraph,
                format!("{name}: {text}"),
                with.iter().map(|p| p.source()).collect(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal(n: i64) -> AcceptedProposal {
        AcceptedProposal {
            version_id: ProposalVersionId(n),
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
    fn a_report_lacks_the_proposals_it_does_not_cite() {
        let mut n = 0;
        let nodes = group_report_nodes(&[proposal(1)], || {
            n += 1;
            format!("k{n}")
        });
        let accepted = [proposal(1), proposal(2), proposal(3)];
        let missing: Vec<String> = not_yet_cited(&accepted, &nodes)
            .into_iter()
            .map(|p| p.reference)
            .collect();
        assert_eq!(missing, ["GCM/CP/0002", "GCM/CP/0003"]);
        assert!(not_yet_cited(&accepted[..1], &nodes).is_empty());
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
