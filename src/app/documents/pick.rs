//! The picker: drafters search the published Chair's summary and the accepted proposals and
//! pull paragraphs into the working copy, where they keep their provenance and can be edited.
//! A group report's picker opens on its group's accepted proposals; and a report's editors
//! pull in, at once, every accepted proposal of the group it does not cite yet.

use super::{Loaded, load_for_editing};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::{
    CHAIRS_SUMMARY, Node, NodeKind, Provenance, Source, new_key, numbers,
};
use crate::domain::ids::{DocumentId, ProposalVersionId};
use crate::domain::reports::{AcceptedProposal, not_yet_cited};
use crate::security::tokens::random_token;
use crate::store::documents::{self as store, AcceptedIn};

/// At most this many candidates are shown.
const SHOWN: usize = 50;

/// Something that can be pulled in: its form value, how it reads, and its text.
pub struct Candidate {
    pub value: String,
    pub label: String,
    pub text: String,
    pub measures: Vec<String>,
}

/// The published Chair's summary: its id, how it is cited, and its nodes.
struct Summary {
    id: DocumentId,
    label: String,
    nodes: Vec<Node>,
}

/// The latest published revision of the Chair's summary, unless the document being edited is
/// the summary itself.
fn published_summary(conn: &mut DbConnection, loaded: &Loaded) -> Result<Option<Summary>> {
    if loaded.document.slug == CHAIRS_SUMMARY {
        return Ok(None);
    }
    let Some(summary) = store::document_by_slug(conn, loaded.process.id, CHAIRS_SUMMARY)? else {
        return Ok(None);
    };
    let Some(revision) = store::latest_revision(conn, summary.id)? else {
        return Ok(None);
    };
    Ok(revision.content().map(|content| Summary {
        id: summary.id,
        label: format!("{} ({})", summary.title, revision.label),
        nodes: content.nodes,
    }))
}

/// The paragraphs of the published summary and the accepted proposals, as candidates.
fn candidates(summary: Option<&Summary>, accepted: &[AcceptedProposal]) -> Vec<Candidate> {
    let mut list = Vec::new();
    if let Some(summary) = summary {
        for (node, number) in summary.nodes.iter().zip(numbers(&summary.nodes)) {
            if node.kind == NodeKind::Heading {
                continue;
            }
            list.push(Candidate {
                value: format!("summary:{}", node.key),
                label: format!(
                    "{}, paragraph {}",
                    summary.label,
                    number.map(|n| n.display()).unwrap_or_default()
                ),
                text: node.text.clone(),
                measures: Vec::new(),
            });
        }
    }
    for proposal in accepted {
        list.push(Candidate {
            value: format!("proposal:{}", proposal.version_id),
            label: format!(
                "{}, version {}: {}",
                proposal.reference, proposal.version, proposal.title
            ),
            text: proposal.commitment.clone(),
            measures: measures_of(proposal).cloned().collect(),
        });
    }
    list
}

fn measures_of(proposal: &AcceptedProposal) -> impl Iterator<Item = &String> {
    proposal.measures.iter().filter(|m| !m.trim().is_empty())
}

/// Where the picker looks: a group report's own group, or the whole process (the published
/// Chair's summary and every accepted proposal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Group,
    Process,
}

impl Scope {
    /// The scope asked for (`all` for the whole process), or the document's own by default:
    /// its group, for a group report.
    pub fn parse(raw: &str) -> Option<Scope> {
        match raw {
            "all" => Some(Scope::Process),
            "group" => Some(Scope::Group),
            _ => None,
        }
    }
}

/// The picker's page: the document, the candidates matching the search (at most 50 shown),
/// how many matched, and where it looked.
pub struct Picked {
    pub loaded: Loaded,
    pub candidates: Vec<Candidate>,
    pub total: usize,
    pub scope: Scope,
}

/// The candidates whose label, text or measures hold every word of `query`, within `asked`
/// (by default, a group report's own group).
pub fn pick(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    query: &str,
    asked: Option<Scope>,
) -> Result<Picked> {
    let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
    let group = loaded.document.group_id;
    let scope = match (group, asked) {
        (None, _) => Scope::Process,
        (Some(_), Some(scope)) => scope,
        (Some(_), None) => Scope::Group,
    };
    let (summary, accepted) = match (scope, group) {
        (Scope::Group, Some(group)) => (
            None,
            store::accepted_proposals(conn, AcceptedIn::Group(group))?,
        ),
        _ => (
            published_summary(conn, &loaded)?,
            store::accepted_proposals(conn, AcceptedIn::Process(loaded.process.id))?,
        ),
    };
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let matching: Vec<Candidate> = candidates(summary.as_ref(), &accepted)
        .into_iter()
        .filter(|c| {
            let haystack =
                format!("{} {} {}", c.label, c.text, c.measures.join(" ")).to_lowercase();
            terms.iter().all(|t| haystack.contains(t))
        })
        .collect();
    let total = matching.len();
    Ok(Picked {
        loaded,
        candidates: matching.into_iter().take(SHOWN).collect(),
        total,
        scope,
    })
}

/// The summary paragraph `key`, as a new node citing it.
fn from_summary(summary: Option<Summary>, key: &str) -> Result<Vec<Node>> {
    let summary = summary.ok_or(Error::NotFound)?;
    let (node, number) = summary
        .nodes
        .iter()
        .zip(numbers(&summary.nodes))
        .find(|(n, _)| n.key == key)
        .ok_or(Error::NotFound)?;
    Ok(vec![Node {
        status: Default::default(),
        key: new_key(&random_token()),
        kind: node.kind,
        text: node.text.clone(),
        provenance: vec![Provenance {
            source: Source::Paragraph {
                document_id: summary.id,
                node_key: node.key.clone(),
            },
            label: format!(
                "{}, paragraph {}",
                summary.label,
                number.map(|n| n.display()).unwrap_or_default()
            ),
            quote: String::new(),
            note: String::new(),
        }],
    }])
}

/// The accepted proposal version `id`: its commitment and lettered measures, as new nodes
/// citing it.
fn from_proposal(accepted: &[AcceptedProposal], id: &str) -> Result<Vec<Node>> {
    let id: ProposalVersionId = id.parse().map_err(|_| Error::NotFound)?;
    let proposal = accepted
        .iter()
        .find(|p| p.version_id == id)
        .ok_or(Error::NotFound)?;
    let node = |kind, text: &str| Node {
        status: Default::default(),
        key: new_key(&random_token()),
        kind,
        text: text.trim().to_string(),
        provenance: vec![proposal.source()],
    };
    let mut nodes = vec![node(NodeKind::Paragraph, &proposal.commitment)];
    nodes.extend(measures_of(proposal).map(|m| node(NodeKind::Measure, m)));
    Ok(nodes)
}

/// Inserts the chosen paragraph (`summary:<key>`) or proposal (`proposal:<version id>`: its
/// commitment and lettered measures) after node `after`, or at the end, with its
/// provenance. Returns where to go.
pub fn pull(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    source: &str,
    after: &str,
) -> Result<String> {
    app::transaction(conn, |conn| {
        let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
        let summary = published_summary(conn, &loaded)?;
        let accepted = store::accepted_proposals(conn, AcceptedIn::Process(loaded.process.id))?;
        let nodes = match source.split_once(':') {
            Some(("summary", key)) => from_summary(summary, key)?,
            Some(("proposal", id)) => from_proposal(&accepted, id)?,
            _ => return Err(Error::BadRequest("unknown source")),
        };
        let (rows, _) = store::working_copy(conn, loaded.document.id)?;
        let mut after = match after {
            "" => rows.last().map(|r| r.node_key.clone()),
            key if rows.iter().any(|r| r.node_key == key) => Some(key.to_string()),
            _ => return Err(Error::NotFound),
        };
        for node in &nodes {
            store::insert_node_after(
                conn,
                loaded.document.id,
                after.as_deref(),
                node,
                person.account_id,
            )?;
            after = Some(node.key.clone());
        }
        let detail = serde_json::json!({ "source": source, "nodes": nodes.len() });
        loaded.audit(conn, person, "document.pull", detail)?;
        let first = nodes.first().map(|n| n.key.clone()).unwrap_or_default();
        Ok(format!("{}&notice=saved#n-{first}", loaded.working_path()))
    })
}

/// Appends to a group report's working copy every accepted proposal of its group among
/// `version_ids` (those its page listed as not cited yet) that it still does not cite: each
/// its commitment and lettered measures, citing it, as the picker pulls one. One transaction
/// and one audit entry. An id that is no accepted proposal of the group is not found; one
/// cited meanwhile (a second click) is left alone.
pub fn pull_accepted(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    version_ids: &[String],
) -> Result<String> {
    let wanted: Vec<ProposalVersionId> = version_ids
        .iter()
        .map(|id| id.parse().map_err(|_| Error::NotFound))
        .collect::<Result<_>>()?;
    app::transaction(conn, |conn| {
        let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
        let Some(group) = loaded.document.group_id else {
            return Err(Error::NotFound);
        };
        let accepted = store::accepted_proposals(conn, AcceptedIn::Group(group))?;
        if wanted.is_empty()
            || !wanted
                .iter()
                .all(|id| accepted.iter().any(|p| p.version_id == *id))
        {
            return Err(Error::NotFound);
        }
        let content = store::working_content(conn, &loaded.document)?;
        let adding: Vec<AcceptedProposal> = not_yet_cited(&accepted, &content.nodes)
            .into_iter()
            .filter(|p| wanted.contains(&p.version_id))
            .collect();
        let mut after = content.nodes.last().map(|n| n.key.clone());
        let mut first = None;
        for proposal in &adding {
            for node in from_proposal(&accepted, &proposal.version_id.to_string())? {
                store::insert_node_after(
                    conn,
                    loaded.document.id,
                    after.as_deref(),
                    &node,
                    person.account_id,
                )?;
                first.get_or_insert_with(|| node.key.clone());
                after = Some(node.key);
            }
        }
        let references: Vec<&str> = adding.iter().map(|p| p.reference.as_str()).collect();
        let detail = serde_json::json!({ "pulled": references });
        loaded.audit(conn, person, "document.pull-accepted", detail)?;
        Ok(match first {
            Some(key) => format!("{}&notice=pulled-accepted#n-{key}", loaded.working_path()),
            None => format!("{}&notice=nothing-to-pull", loaded.working_path()),
        })
    })
}
