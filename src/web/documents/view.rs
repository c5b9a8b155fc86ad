//! Reading documents: the latest revision (or the working copy, for those allowed) and one
//! published revision. The reads are `app::documents::pages`; this module turns their nodes
//! into what the pages show.

use std::collections::HashMap;

use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use crate::app::documents::Loaded;
use crate::app::documents::pages::{self, DocumentView, RevisionView};
use crate::domain::documents::{
    Consensus, Content, DocumentKind, Node, NodeKind, ParagraphStatus, Source, brackets,
    is_final_label, numbers,
};
use crate::domain::reports::AcceptedProposal;
use crate::domain::translations::Progress;
use crate::export::model::{document_language, node_language};
use crate::export::text::Language;
use crate::store::documents::RevisionSummary;
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
    /// Where the paragraph stands in the negotiation; shown once it is agreed.
    pub status: ParagraphStatus,
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

    /// "Agreed", "Agreed ad referendum": a status worth showing beside the paragraph.
    pub fn agreed(&self) -> Option<String> {
        (!self.status.is_pending()).then(|| self.status.label_key())
    }
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
                _ => crate::markdown::to_safe_html(&brackets::reading_markdown(&node.text)),
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
            status: node.status,
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
    /// A group report's accepted proposals it does not cite yet, to its editors.
    missing: Vec<AcceptedProposal>,
    /// The Chair's summary's working copy: the groups without a published report.
    unreported_groups: Vec<(i32, String)>,
    /// With a published revision shown: how far each other language has translated it.
    languages: Vec<Progress>,
    /// How close the text shown is to consensus: for the draft, which is negotiated.
    consensus: Option<Consensus>,
}

impl DocumentPage {
    /// The version ids of the proposals the report does not cite yet, as the form sends them.
    fn missing_versions(&self) -> String {
        self.missing
            .iter()
            .map(|p| p.version_id.to_string())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Whether the latest revision is named final: publishing another asks a confirmation.
    fn after_final(&self) -> bool {
        self.revisions
            .last()
            .is_some_and(|r| is_final_label(&r.label))
    }

    /// The page of `view`, with the publishing form showing `label` and `errors`: a refused
    /// publication shows the working copy again so that nothing typed is lost.
    pub(super) fn new(ctx: Ctx, view: DocumentView, label: String, errors: FieldErrors) -> Self {
        let language = document_language(&view.content);
        DocumentPage {
            consensus: consensus_of(&view.loaded, &view.content),
            ctx,
            lang: language.code,
            nodes: node_views(&view.content.nodes, &view.links, language),
            loaded: view.loaded,
            content: view.content,
            revisions: view.revisions,
            showing: view.showing,
            editing: view.editing,
            label,
            errors,
            missing: view.missing,
            unreported_groups: view.unreported_groups,
            languages: view.languages,
        }
    }
}

/// The counts of the text shown, when the document is the negotiated draft: its nodes only.
fn consensus_of(loaded: &Loaded, content: &Content) -> Option<Consensus> {
    (loaded.kind == DocumentKind::Draft).then(|| Consensus::of(&content.nodes))
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
    let person = visitor.person();
    let view = state
        .run(move |conn| pages::document(conn, person, &process_slug, &document_slug, want_working))
        .await?;
    page::ok(&DocumentPage::new(
        ctx,
        view,
        String::new(),
        FieldErrors::default(),
    ))
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
    consensus: Option<Consensus>,
}

#[get("/{document}/revisions/{revision}")]
pub async fn revision_page(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, revision_slug) = path.into_inner();
    let person = visitor.person();
    let RevisionView {
        loaded,
        content,
        links,
        revision,
        revisions,
    } = state
        .run(move |conn| {
            pages::revision(conn, person, &process_slug, &document_slug, &revision_slug)
        })
        .await?;
    let language = document_language(&content);
    page::ok(&RevisionPage {
        consensus: consensus_of(&loaded, &content),
        ctx,
        lang: language.code,
        nodes: node_views(&content.nodes, &links, language),
        loaded,
        content,
        revision,
        revisions,
    })
}
