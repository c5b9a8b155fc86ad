//! Comparing any two texts of a document (published revisions, or the working copy for those
//! who may read it): word-level differences, moves, and a concordance of numbers.

use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use crate::app::documents::Loaded;
use crate::app::documents::pages::{self, ComparisonView};
use crate::domain::diff::Change as WordChange;
use crate::domain::documents::{Change, Comparison, NodeKind};
use crate::store::documents::RevisionSummary;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::Visitor;

/// One row of the comparison as the page shows it.
pub struct RowView {
    pub key: String,
    pub kind: NodeKind,
    pub status: &'static str,
    pub moved: bool,
    pub from_number: Option<String>,
    pub to_number: Option<String>,
    pub runs: Vec<Run>,
    /// The labels of the paragraph's status before and after, when it changed.
    pub status_change: Option<(String, String)>,
    /// The label of the paragraph's status, agreed in both revisions alike.
    pub agreed: Option<String>,
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
                status_change: match (row.status_from, row.status_to) {
                    (Some(from), Some(to)) if row.status_changed() => {
                        Some((from.label_key(), to.label_key()))
                    }
                    _ => None,
                },
                agreed: row
                    .status_to
                    .filter(|s| !s.is_pending() && !row.status_changed())
                    .map(|s| s.label_key()),
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
    fn new(ctx: Ctx, view: ComparisonView) -> Self {
        let comparison = &view.comparison;
        let counts = (
            comparison.count(|r| matches!(r.change, Change::Changed(_))),
            comparison.count(|r| r.change == Change::Added),
            comparison.count(|r| r.change == Change::Removed),
            comparison.count(|r| r.moved),
        );
        let label = |label: Option<String>| {
            label.unwrap_or_else(|| ctx.t("document-working-copy").into_owned())
        };
        ComparePage {
            concordance: comparison.concordance(),
            rows: row_views(comparison),
            counts,
            from_label: label(view.from_label),
            to_label: label(view.to_label),
            loaded: view.loaded,
            revisions: view.revisions,
            from: view.from,
            to: view.to,
            ctx,
        }
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
    let person = visitor.person();
    let view = state
        .run(move |conn| pages::compare(conn, person, &process_slug, &document_slug, from, to))
        .await?;
    page::ok(&ComparePage::new(ctx, view))
}
