//! Reading documents: the latest revision (or the working copy, for those allowed), one
//! published revision, and the comparison of any two.

use std::collections::HashMap;

use actix_web::{HttpResponse, get, web};
use askama::Template;
use diesel::prelude::*;
use serde::Deserialize;

use super::{Loaded, load};
use crate::db::DbConnection;
use crate::db::schema::{contributions, documents, proposal_versions, proposals};
use crate::domain::contributions::reference_slug;
use crate::domain::diff::Change as WordChange;
use crate::domain::documents::{
    Change, Comparison, Content, Node, NodeKind, Source, compare as compare_nodes, numbers,
};
use crate::export::model::{document_language, node_language};
use crate::export::text::Language;
use crate::store::documents::{self as store, RevisionSummary};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::Visitor;

/// A node as a page shows it.
pub struct NodeView {
    pub key: String,
    pub kind: NodeKind,
    /// "12" or "12 (b)", for reading aloud and linking.
    pub number: Option<String>,
    /// What stands in the margin: "12." for a paragraph, "(b)" for a measure.
    pub margin: String,
    /// A heading's text; paragraphs and measures are in `html`.
    pub heading: String,
    pub html: String,
    pub sources: Vec<SourceView>,
    /// BCP 47: the language of this node's text, for `lang`.
    pub lang: &'static str,
}

pub struct SourceView {
    pub label: String,
    pub href: Option<String>,
    pub quote: String,
    pub note: String,
}

impl NodeView {
    pub fn is_heading(&self) -> bool {
        self.kind == NodeKind::Heading
    }

    pub fn is_measure(&self) -> bool {
        self.kind == NodeKind::Measure
    }
}

/// Where each cited source can be read: three queries, whatever the number of links.
pub fn source_links(
    conn: &mut DbConnection,
    process_slug: &str,
    nodes: &[Node],
) -> Result<HashMap<Source, String>, AppError> {
    let sources: Vec<&Source> = nodes
        .iter()
        .flat_map(|n| n.provenance.iter().map(|p| &p.source))
        .collect();
    let ids = |wanted: fn(&Source) -> Option<i64>| -> Vec<i64> {
        sources.iter().filter_map(|s| wanted(s)).collect()
    };
    let version_ids = ids(|s| match s {
        Source::ProposalVersion { id } => Some(*id),
        _ => None,
    });
    let contribution_ids = ids(|s| match s {
        Source::Contribution { id } => Some(*id),
        _ => None,
    });
    let document_ids = ids(|s| match s {
        Source::Paragraph { document_id, .. } => Some(*document_id),
        _ => None,
    });
    let mut links = HashMap::new();
    if !version_ids.is_empty() {
        let rows: Vec<(i64, i32, Option<String>)> = proposal_versions::table
            .inner_join(proposals::table)
            .filter(proposal_versions::id.eq_any(&version_ids))
            .select((
                proposal_versions::id,
                proposal_versions::number,
                proposals::reference,
            ))
            .load(conn)?;
        for (id, number, reference) in rows {
            if let Some(reference) = reference {
                links.insert(
                    Source::ProposalVersion { id },
                    format!(
                        "/p/{process_slug}/proposals/{}#version-{number}",
                        reference_slug(&reference)
                    ),
                );
            }
        }
    }
    if !contribution_ids.is_empty() {
        let rows: Vec<(i64, Option<String>)> = contributions::table
            .filter(contributions::id.eq_any(&contribution_ids))
            .select((contributions::id, contributions::reference))
            .load(conn)?;
        for (id, reference) in rows {
            if let Some(reference) = reference {
                links.insert(
                    Source::Contribution { id },
                    format!(
                        "/p/{process_slug}/contributions/{}",
                        reference_slug(&reference)
                    ),
                );
            }
        }
    }
    if !document_ids.is_empty() {
        let rows: Vec<(i64, String)> = documents::table
            .filter(documents::id.eq_any(&document_ids))
            .select((documents::id, documents::slug))
            .load(conn)?;
        for source in sources {
            if let Source::Paragraph {
                document_id,
                node_key,
            } = source
                && let Some((_, slug)) = rows.iter().find(|(id, _)| id == document_id)
            {
                links.insert(
                    source.clone(),
                    format!("/p/{process_slug}/documents/{slug}#n-{node_key}"),
                );
            }
        }
    }
    Ok(links)
}

/// The nodes of a document written in `language`, as its pages show them.
pub fn node_views(
    nodes: &[Node],
    links: &HashMap<Source, String>,
    language: Language,
) -> Vec<NodeView> {
    numbers(nodes)
        .into_iter()
        .zip(nodes)
        .map(|(number, node)| NodeView {
            key: node.key.clone(),
            kind: node.kind,
            margin: match &number {
                Some(n) => match &n.letter {
                    Some(letter) => format!("({letter})"),
                    None => format!("{}.", n.paragraph),
                },
                None => String::new(),
            },
            number: number.map(|n| n.display()),
            heading: match node.kind {
                NodeKind::Heading => node.text.clone(),
                _ => String::new(),
            },
            html: match node.kind {
                NodeKind::Heading => String::new(),
                _ => crate::markdown::to_safe_html(&node.text),
            },
            sources: node
                .provenance
                .iter()
                .map(|p| SourceView {
                    label: p.label.clone(),
                    href: links.get(&p.source).cloned(),
                    quote: p.quote.clone(),
                    note: p.note.clone(),
                })
                .collect(),
            lang: node_language(&node.text, language).code,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "documents/show.html")]
pub(super) struct DocumentPage {
    ctx: Ctx,
    loaded: Loaded,
    content: Content,
    /// The language the text is written in (BCP 47).
    lang: &'static str,
    nodes: Vec<NodeView>,
    revisions: Vec<RevisionSummary>,
    /// The revision shown, or `None` for the working copy.
    showing: Option<RevisionSummary>,
    editing: bool,
    /// The name typed for a revision to publish, and why it could not be used.
    label: String,
    errors: FieldErrors,
}

impl DocumentPage {
    fn base(&self) -> String {
        format!(
            "/p/{}/documents/{}",
            self.loaded.process.slug, self.loaded.document.slug
        )
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DocumentQuery {
    view: String,
}

#[get("/{document}")]
pub async fn document_page(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<DocumentQuery>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug) = path.into_inner();
    let want_working = query.view == "working";
    let page = state
        .db(move |conn| {
            let loaded = load(conn, &process_slug, &document_slug, &visitor)?;
            let revisions = store::revisions_of(conn, loaded.document.id)?;
            let latest = store::latest_revision(conn, loaded.document.id)?;
            // The public see the latest revision; those who may read the working copy see it
            // when they ask, or when nothing is published yet.
            let working = loaded.can_read_working() && (want_working || latest.is_none());
            let (content, showing) = match (&latest, working) {
                (Some(revision), false) => (
                    revision.content().ok_or_else(|| {
                        AppError::internal(anyhow::anyhow!("unreadable revision {}", revision.id))
                    })?,
                    revisions.last().cloned(),
                ),
                (_, true) => (store::working_content(conn, &loaded.document)?, None),
                (None, false) => return Err(AppError::NotFound),
            };
            let links = source_links(conn, &loaded.process.slug, &content.nodes)?;
            let editing = working && loaded.can_edit();
            Ok(DocumentPage {
                ctx,
                lang: document_language(&content).code,
                nodes: node_views(&content.nodes, &links, document_language(&content)),
                loaded,
                content,
                revisions,
                showing,
                editing,
                label: String::new(),
                errors: FieldErrors::default(),
            })
        })
        .await?;
    page::ok(&page)
}

/// The working copy as its editors see it, with the publishing form showing `label` and
/// `errors`: what a refused publication answers, so that nothing typed is lost.
pub(super) fn working_copy_page(
    conn: &mut DbConnection,
    ctx: Ctx,
    loaded: Loaded,
    label: String,
    errors: FieldErrors,
) -> Result<DocumentPage, AppError> {
    let revisions = store::revisions_of(conn, loaded.document.id)?;
    let content = store::working_content(conn, &loaded.document)?;
    let links = source_links(conn, &loaded.process.slug, &content.nodes)?;
    Ok(DocumentPage {
        ctx,
        lang: document_language(&content).code,
        nodes: node_views(&content.nodes, &links, document_language(&content)),
        editing: loaded.can_edit(),
        loaded,
        content,
        revisions,
        showing: None,
        label,
        errors,
    })
}

#[derive(Template)]
#[template(path = "documents/revision.html")]
struct RevisionPage {
    ctx: Ctx,
    loaded: Loaded,
    content: Content,
    /// The language the text is written in (BCP 47).
    lang: &'static str,
    nodes: Vec<NodeView>,
    revision: RevisionSummary,
    revisions: Vec<RevisionSummary>,
}

impl RevisionPage {
    fn base(&self) -> String {
        format!(
            "/p/{}/documents/{}",
            self.loaded.process.slug, self.loaded.document.slug
        )
    }
}

#[get("/{document}/revisions/{revision}")]
pub async fn revision_page(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, revision_slug) = path.into_inner();
    let page = state
        .db(move |conn| {
            let loaded = load(conn, &process_slug, &document_slug, &visitor)?;
            let revision = store::revision_by_slug(conn, loaded.document.id, &revision_slug)?
                .ok_or(AppError::NotFound)?;
            let content = revision.content().ok_or_else(|| {
                AppError::internal(anyhow::anyhow!("unreadable revision {}", revision.id))
            })?;
            let links = source_links(conn, &loaded.process.slug, &content.nodes)?;
            let revisions = store::revisions_of(conn, loaded.document.id)?;
            Ok(RevisionPage {
                ctx,
                lang: document_language(&content).code,
                nodes: node_views(&content.nodes, &links, document_language(&content)),
                revision: RevisionSummary {
                    number: revision.number,
                    label: revision.label,
                    slug: revision.slug,
                    published_at: revision.published_at,
                },
                loaded,
                content,
                revisions,
            })
        })
        .await?;
    page::ok(&page)
}

/// One row of the comparison as the page shows it.
pub struct RowView {
    pub key: String,
    pub kind: NodeKind,
    pub status: &'static str,
    pub moved: bool,
    pub from_number: Option<String>,
    pub to_number: Option<String>,
    pub runs: Vec<Run>,
}

/// A run of words that is the same, added or removed.
pub struct Run {
    pub change: WordChange,
    pub text: String,
}

impl Run {
    pub fn added(&self) -> bool {
        self.change == WordChange::Added
    }

    pub fn removed(&self) -> bool {
        self.change == WordChange::Removed
    }
}

fn row_views(comparison: &Comparison) -> Vec<RowView> {
    comparison
        .rows
        .iter()
        .map(|row| {
            let whole = |change| {
                vec![Run {
                    change,
                    text: row.text.clone(),
                }]
            };
            let (status, runs) = match &row.change {
                Change::Unchanged => ("unchanged", whole(WordChange::Same)),
                Change::Added => ("added", whole(WordChange::Added)),
                Change::Removed => ("removed", whole(WordChange::Removed)),
                Change::Changed(segments) => (
                    "changed",
                    segments
                        .iter()
                        .map(|s| Run {
                            change: s.change,
                            text: s.text.clone(),
                        })
                        .collect(),
                ),
            };
            RowView {
                key: row.key.clone(),
                kind: row.kind,
                status,
                moved: row.moved,
                from_number: row.from_number.clone(),
                to_number: row.to_number.clone(),
                runs,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "documents/compare.html")]
struct ComparePage {
    ctx: Ctx,
    loaded: Loaded,
    revisions: Vec<RevisionSummary>,
    from: String,
    to: String,
    from_label: String,
    to_label: String,
    rows: Vec<RowView>,
    concordance: Vec<(Option<String>, Option<String>)>,
    counts: (usize, usize, usize, usize),
}

impl ComparePage {
    fn base(&self) -> String {
        format!(
            "/p/{}/documents/{}",
            self.loaded.process.slug, self.loaded.document.slug
        )
    }

    fn can_compare_working(&self) -> bool {
        self.loaded.can_read_working()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CompareQuery {
    from: String,
    to: String,
}

#[get("/{document}/compare")]
pub async fn compare_page(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<CompareQuery>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug) = path.into_inner();
    let CompareQuery { from, to } = query.into_inner();
    let working_label = ctx.t("document-working-copy");
    let page = state
        .db(move |conn| {
            let loaded = load(conn, &process_slug, &document_slug, &visitor)?;
            let revisions = store::revisions_of(conn, loaded.document.id)?;
            // By default: the two latest revisions.
            let default_to = revisions.last().map(|r| r.slug.clone()).unwrap_or_default();
            let default_from = revisions
                .iter()
                .rev()
                .nth(1)
                .map(|r| r.slug.clone())
                .unwrap_or_else(|| default_to.clone());
            let from = if from.is_empty() { default_from } else { from };
            let to = if to.is_empty() { default_to } else { to };
            let mut side = |slug: &str| -> Result<(Content, String), AppError> {
                if slug == "working" {
                    if !loaded.can_read_working() {
                        return Err(AppError::Forbidden);
                    }
                    return Ok((
                        store::working_content(conn, &loaded.document)?,
                        working_label.clone(),
                    ));
                }
                let revision = store::revision_by_slug(conn, loaded.document.id, slug)?
                    .ok_or(AppError::NotFound)?;
                let content = revision
                    .content()
                    .ok_or_else(|| AppError::internal(anyhow::anyhow!("unreadable revision")))?;
                Ok((content, revision.label))
            };
            let (from_content, from_label) = side(&from)?;
            let (to_content, to_label) = side(&to)?;
            let comparison = compare_nodes(&from_content.nodes, &to_content.nodes);
            let counts = (
                comparison.count(|r| matches!(r.change, Change::Changed(_))),
                comparison.count(|r| r.change == Change::Added),
                comparison.count(|r| r.change == Change::Removed),
                comparison.count(|r| r.moved),
            );
            Ok(ComparePage {
                ctx,
                concordance: comparison.concordance(),
                rows: row_views(&comparison),
                loaded,
                revisions,
                from,
                to,
                from_label,
                to_label,
                counts,
            })
        })
        .await?;
    page::ok(&page)
}
