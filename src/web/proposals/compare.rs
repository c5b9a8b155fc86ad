//! Word-level differences between two versions of a proposal, field by field.

use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use crate::app::proposals::compare::{self as app_compare, Comparison};
use crate::domain::diff::{Change, Segment};
use crate::domain::proposals::text::{Field, compare as compare_texts};
use crate::store::processes::Process;
use crate::store::proposals::ProposalHeader;
use crate::store::proposals::versions::VersionHeader;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};

/// A run of added, removed or unchanged text, split at line breaks so they show.
pub struct Piece {
    pub change: Change,
    pub lines: Vec<String>,
}

impl Piece {
    fn from_segment(segment: Segment) -> Self {
        Piece {
            change: segment.change,
            lines: segment.text.split('\n').map(str::to_string).collect(),
        }
    }

    pub fn is_added(&self) -> bool {
        self.change == Change::Added
    }

    pub fn is_removed(&self) -> bool {
        self.change == Change::Removed
    }
}

pub struct FieldView {
    pub field: Field,
    pub changed: bool,
    pub empty: bool,
    pub pieces: Vec<Piece>,
}

#[derive(Template)]
#[template(path = "proposals/compare.html")]
struct ComparePage {
    ctx: Ctx,
    process: Process,
    structure: crate::store::processes::Structure,
    header: ProposalHeader,
    history: Vec<VersionHeader>,
    from: i32,
    to: i32,
    fields: Vec<FieldView>,
}

impl ComparePage {
    fn reference(&self) -> &str {
        self.header.proposal.reference.as_deref().unwrap_or("")
    }

    fn any_change(&self) -> bool {
        self.fields.iter().any(|f| f.changed)
    }

    fn changed(&self) -> Vec<&FieldView> {
        self.fields.iter().filter(|f| f.changed).collect()
    }

    /// The fields with the same text in both versions, empty ones left out.
    fn unchanged(&self) -> Vec<Field> {
        self.fields
            .iter()
            .filter(|f| !f.changed && !f.empty)
            .map(|f| f.field)
            .collect()
    }
}

#[derive(Debug, Deserialize)]
pub struct CompareQuery {
    from: Option<String>,
    to: Option<String>,
}

#[get("/{reference}/compare")]
pub async fn compare(
    ctx: Ctx,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<CompareQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let query = query.into_inner();
    let Comparison {
        process,
        structure,
        header,
        history,
        from,
        to,
        old,
        new,
    } = state
        .run(move |conn| {
            let (from, to) = (query.from.as_deref(), query.to.as_deref());
            app_compare::comparison(conn, &slug, &reference, from, to)
        })
        .await?;
    let fields = compare_texts(&old, &new)
        .into_iter()
        .map(|change| FieldView {
            field: change.field,
            changed: change.changed(),
            empty: old.get(change.field).is_empty() && new.get(change.field).is_empty(),
            pieces: change
                .segments
                .into_iter()
                .map(Piece::from_segment)
                .collect(),
        })
        .collect();
    page::ok(&ComparePage {
        ctx,
        process,
        structure,
        header,
        history,
        from,
        to,
        fields,
    })
}
