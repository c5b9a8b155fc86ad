//! The picker: drafters search the published Chair's summary and the accepted proposals and
//! pull paragraphs into the working copy, where they keep their provenance and can be edited.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::create::CHAIRS_SUMMARY;
use super::{Loaded, load_for_editing};
use crate::db::{DbConnection, write_transaction};
use crate::domain::documents::{Node, NodeKind, Provenance, Source, new_key, numbers};
use crate::domain::reports::AcceptedProposal;
use crate::security::tokens::random_token;
use crate::store::audit::{self, Entry};
use crate::store::documents::{self as store, AcceptedIn};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::{SignedIn, Visitor};

const SHOWN: usize = 50;

/// Something that can be pulled in: its form value, how it reads, and its text.
pub struct Candidate {
    pub value: String,
    pub label: String,
    pub text: String,
    pub measures: Vec<String>,
}

/// The paragraphs of the published Chair's summary and the accepted proposals, as candidates.
/// The candidates, the published summary's nodes, the accepted proposals, and the summary's
/// id and label (when it is published).
type Candidates = (
    Vec<Candidate>,
    Vec<Node>,
    Vec<AcceptedProposal>,
    Option<(i64, String)>,
);

fn candidates(conn: &mut DbConnection, loaded: &Loaded) -> Result<Candidates, AppError> {
    let mut list = Vec::new();
    let mut summary_nodes = Vec::new();
    let mut summary_id = None;
    if loaded.document.slug != CHAIRS_SUMMARY
        && let Some(summary) = store::document_by_slug(conn, loaded.process.id, CHAIRS_SUMMARY)?
        && let Some(revision) = store::latest_revision(conn, summary.id)?
        && let Some(content) = revision.content()
    {
        for (node, number) in content.nodes.iter().zip(numbers(&content.nodes)) {
            if node.kind == NodeKind::Heading {
                continue;
            }
            list.push(Candidate {
                value: format!("summary:{}", node.key),
                label: format!(
                    "{} ({}), paragraph {}",
                    summary.title,
                    revision.label,
                    number.map(|n| n.display()).unwrap_or_default()
                ),
                text: node.text.clone(),
                measures: Vec::new(),
            });
        }
        summary_id = Some((
            summary.id,
            format!("{} ({})", summary.title, revision.label),
        ));
        summary_nodes = content.nodes;
    }
    let accepted = store::accepted_proposals(conn, AcceptedIn::Process(loaded.process.id))?;
    for proposal in &accepted {
        list.push(Candidate {
            value: format!("proposal:{}", proposal.version_id),
            label: format!(
                "{}, version {}: {}",
                proposal.reference, proposal.version, proposal.title
            ),
            text: proposal.commitment.clone(),
            measures: proposal
                .measures
                .iter()
                .filter(|m| !m.trim().is_empty())
                .cloned()
                .collect(),
        });
    }
    Ok((list, summary_nodes, accepted, summary_id))
}

#[derive(Template)]
#[template(path = "documents/pick.html")]
struct PickPage {
    ctx: Ctx,
    loaded: Loaded,
    query: String,
    after: String,
    candidates: Vec<Candidate>,
    total: usize,
}

impl PickPage {
    fn base(&self) -> String {
        format!(
            "/p/{}/documents/{}",
            self.loaded.process.slug, self.loaded.document.slug
        )
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PickQuery {
    q: String,
    after: String,
}

#[get("/{document}/pick")]
pub async fn pick(
    ctx: Ctx,
    _user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<PickQuery>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug) = path.into_inner();
    let PickQuery { q, after } = query.into_inner();
    let page = state
        .db(move |conn| {
            let loaded = load_for_editing(conn, &process_slug, &document_slug, &visitor)?;
            let (all, ..) = candidates(conn, &loaded)?;
            let terms: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
            let matching: Vec<Candidate> = all
                .into_iter()
                .filter(|c| {
                    let haystack =
                        format!("{} {} {}", c.label, c.text, c.measures.join(" ")).to_lowercase();
                    terms.iter().all(|t| haystack.contains(t))
                })
                .collect();
            let total = matching.len();
            Ok(PickPage {
                ctx,
                loaded,
                query: q,
                after,
                candidates: matching.into_iter().take(SHOWN).collect(),
                total,
            })
        })
        .await?;
    page::ok(&page)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PullForm {
    source: String,
    after: String,
}

/// Inserts the chosen paragraph (or proposal: its commitment and lettered measures) after
/// `after`, or at the end, with its provenance.
#[post("/{document}/pull")]
pub async fn pull(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<PullForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug) = path.into_inner();
    let form = form.into_inner();
    let actor = user.id;
    let location = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let loaded = load_for_editing(conn, &process_slug, &document_slug, &visitor)?;
                let (_, summary_nodes, accepted, summary) = candidates(conn, &loaded)?;
                let nodes: Vec<Node> = match form.source.split_once(':') {
                    Some(("summary", key)) => {
                        let (summary_id, summary_label) = summary.ok_or(AppError::NotFound)?;
                        let numbered = numbers(&summary_nodes);
                        let (node, number) = summary_nodes
                            .iter()
                            .zip(numbered)
                            .find(|(n, _)| n.key == key)
                            .ok_or(AppError::NotFound)?;
                        vec![Node {
                            key: new_key(&random_token()),
                            kind: node.kind,
                            text: node.text.clone(),
                            provenance: vec![Provenance {
                                source: Source::Paragraph {
                                    document_id: summary_id,
                                    node_key: node.key.clone(),
                                },
                                label: format!(
                                    "{summary_label}, paragraph {}",
                                    number.map(|n| n.display()).unwrap_or_default()
                                ),
                                quote: String::new(),
                                note: String::new(),
                            }],
                        }]
                    }
                    Some(("proposal", id)) => {
                        let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
                        let proposal = accepted
                            .iter()
                            .find(|p| p.version_id == id)
                            .ok_or(AppError::NotFound)?;
                        let mut nodes = vec![Node {
                            key: new_key(&random_token()),
                            kind: NodeKind::Paragraph,
                            text: proposal.commitment.trim().to_string(),
                            provenance: vec![proposal.source()],
                        }];
                        for measure in proposal.measures.iter().filter(|m| !m.trim().is_empty()) {
                            nodes.push(Node {
                                key: new_key(&random_token()),
                                kind: NodeKind::Measure,
                                text: measure.trim().to_string(),
                                provenance: vec![proposal.source()],
                            });
                        }
                        nodes
                    }
                    _ => return Err(AppError::BadRequest("unknown source")),
                };
                let (rows, _) = store::working_copy(conn, loaded.document.id)?;
                let mut after = match form.after.as_str() {
                    "" => rows.last().map(|r| r.node_key.clone()),
                    key if rows.iter().any(|r| r.node_key == key) => Some(key.to_string()),
                    _ => return Err(AppError::NotFound),
                };
                for node in &nodes {
                    store::insert_node_after(
                        conn,
                        loaded.document.id,
                        after.as_deref(),
                        node,
                        actor,
                    )?;
                    after = Some(node.key.clone());
                }
                audit::record(
                    conn,
                    Entry {
                        actor_id: Some(actor),
                        process_id: Some(loaded.process.id),
                        action: "document.pull",
                        subject: format!("document:{}", loaded.document.slug),
                        detail: serde_json::json!({ "source": form.source, "nodes": nodes.len() }),
                    },
                )?;
                let first = nodes.first().map(|n| n.key.clone()).unwrap_or_default();
                Ok(format!(
                    "/p/{}/documents/{}?view=working&notice=saved#n-{first}",
                    loaded.process.slug, loaded.document.slug
                ))
            })
        })
        .await?;
    Ok(page::see_other(&location))
}
