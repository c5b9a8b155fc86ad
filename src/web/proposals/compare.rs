//! Word-level differences between two versions of a proposal, field by field.

use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::proposal_path;
use super::show::public_proposal;
use crate::domain::diff::{Change, Segment};
use crate::domain::proposals::text::{Field, ProposalText, compare as compare_texts};
use crate::store::processes::{self, Process};
use crate::store::proposals::ProposalHeader;
use crate::store::proposals::versions::{self, VersionHeader};
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

    fn base_path(&self) -> String {
        proposal_path(&self.process.slug, self.reference())
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

/// A version number from the query: absent is the default, anything else must be one of
/// the proposal's versions.
fn version_number(
    raw: Option<&str>,
    default: i32,
    history: &[VersionHeader],
) -> Result<i32, AppError> {
    let number = match raw.map(str::trim) {
        None | Some("") => default,
        Some(raw) => raw.parse::<i32>().map_err(|_| AppError::NotFound)?,
    };
    if history.iter().any(|v| v.number == number) {
        Ok(number)
    } else {
        Err(AppError::NotFound)
    }
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
    let (process, header, history, from, to, texts) = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let header = public_proposal(conn, process.id, &reference)?;
            let history = versions::version_history(conn, header.proposal.id)?;
            let current = header.proposal.current_version;
            let to = version_number(query.to.as_deref(), current, &history)?;
            let from = version_number(query.from.as_deref(), (to - 1).max(1), &history)?;
            let versions = versions::versions(conn, header.proposal.id, &[from, to])?;
            let text_of = |n: i32| -> Result<ProposalText, AppError> {
                versions
                    .iter()
                    .find(|v| v.number == n)
                    .map(|v| v.text.clone().into())
                    .ok_or(AppError::NotFound)
            };
            let texts = (text_of(from)?, text_of(to)?);
            Ok((process, header, history, from, to, texts))
        })
        .await?;
    let (old, new) = texts;
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
        header,
        history,
        from,
        to,
        fields,
    })
}
