//! Open data: everything public in a process as CSV (with a byte-order mark, formula cells
//! neutralised), JSON, and an XLSX workbook. Drafts, internal notes and working copies are
//! never included.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use askama::Template;
use rust_xlsxwriter::Workbook;

use crate::domain::charts::safe_cell;
use crate::store::opendata::{self, ContributionRecord, ProposalRecord};
use crate::store::processes::{self, Process};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};

#[derive(Template)]
#[template(path = "stats/open_data.html")]
struct OpenDataPage {
    ctx: Ctx,
    process: Process,
}

#[get("/p/{process}/open-data")]
pub async fn open_data_page(
    ctx: Ctx,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let process = state
        .db(move |conn| processes::process_by_slug(conn, &path)?.ok_or(AppError::NotFound))
        .await?;
    page::ok(&OpenDataPage { ctx, process })
}

const CONTRIBUTION_COLUMNS: [&str; 11] = [
    "reference",
    "status",
    "submitted_at",
    "title",
    "organisation",
    "stakeholder_category",
    "action_groups",
    "themes",
    "sha256",
    "text",
    "hidden_reason",
];

fn contribution_row(c: &ContributionRecord) -> Vec<String> {
    vec![
        c.reference.clone(),
        c.status.clone(),
        c.submitted_at
            .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default(),
        c.title.clone(),
        c.organisation.clone(),
        c.stakeholder_category.clone(),
        c.action_groups
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join("; "),
        c.themes.join("; "),
        c.sha256.clone(),
        c.text.clone(),
        c.hidden_reason.clone(),
    ]
}

const PROPOSAL_COLUMNS: [&str; 20] = [
    "reference",
    "status",
    "action_group",
    "version",
    "submitted_at",
    "organisation",
    "stakeholder_category",
    "co_sponsors",
    "title",
    "commitment",
    "actionable_measures",
    "partnerships",
    "capacity_building",
    "financing",
    "data",
    "responsible_actors",
    "sdg_targets",
    "timeline",
    "indicators",
    "sha256",
];

fn proposal_row(p: &ProposalRecord) -> Vec<String> {
    vec![
        p.reference.clone(),
        p.status.clone(),
        p.action_group.to_string(),
        p.version.to_string(),
        p.submitted_at
            .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default(),
        p.organisation.clone(),
        p.stakeholder_category.clone(),
        p.co_sponsors.join("; "),
        p.title.clone(),
        p.commitment.clone(),
        p.actionable_measures.join("\n"),
        p.partnerships.clone(),
        p.capacity_building.clone(),
        p.financing.clone(),
        p.data.clone(),
        p.responsible_actors.clone(),
        p.sdg_targets.clone(),
        p.timeline.clone(),
        p.indicators.clone(),
        p.sha256.clone(),
    ]
}

fn csv_bytes(
    columns: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, AppError> {
    // The byte-order mark makes spreadsheet programs read the file as UTF-8.
    let mut writer = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    writer.write_record(columns).map_err(AppError::internal)?;
    for row in rows {
        let cells: Vec<String> = row.iter().map(|cell| safe_cell(cell)).collect();
        writer.write_record(&cells).map_err(AppError::internal)?;
    }
    writer
        .into_inner()
        .map_err(|e| AppError::internal(anyhow::anyhow!(e.to_string())))
}

fn download(content_type: &str, file_name: String, body: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(body)
}

#[get("/p/{process}/open-data/{dataset}.{format}")]
pub async fn dataset(
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, set, format) = path.into_inner();
    if !matches!(set.as_str(), "contributions" | "proposals")
        || !matches!(format.as_str(), "csv" | "json")
    {
        return Err(AppError::NotFound);
    }
    let file_name = format!("{slug}-{set}.{format}");
    let body = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            match (set.as_str(), format.as_str()) {
                ("contributions", "csv") => {
                    let records = opendata::public_contributions(conn, process.id)?;
                    csv_bytes(&CONTRIBUTION_COLUMNS, records.iter().map(contribution_row))
                }
                ("contributions", _) => {
                    serde_json::to_vec_pretty(&opendata::public_contributions(conn, process.id)?)
                        .map_err(AppError::internal)
                }
                ("proposals", "csv") => {
                    let records = opendata::public_proposals(conn, process.id)?;
                    csv_bytes(&PROPOSAL_COLUMNS, records.iter().map(proposal_row))
                }
                _ => serde_json::to_vec_pretty(&opendata::public_proposals(conn, process.id)?)
                    .map_err(AppError::internal),
            }
        })
        .await?;
    let content_type = if file_name.ends_with(".csv") {
        "text/csv; charset=utf-8"
    } else {
        "application/json"
    };
    Ok(download(content_type, file_name, body))
}

/// The most characters a spreadsheet cell holds (Excel's limit, which the writer enforces).
const XLSX_CELL_MAX: usize = 32_767;

/// A cell's text, cut at the spreadsheet's limit with a mark that it was cut (a contribution
/// may be 100,000 characters long; the CSV and JSON files keep it whole).
fn xlsx_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.chars().count() <= XLSX_CELL_MAX {
        std::borrow::Cow::Borrowed(cell)
    } else {
        let mut cut: String = cell.chars().take(XLSX_CELL_MAX - 1).collect();
        cut.push('…');
        std::borrow::Cow::Owned(cut)
    }
}

/// Both datasets in one workbook, a sheet each.
/// A sheet's name, its columns and its rows.
type Sheet<'a> = (&'a str, &'a [&'a str], Vec<Vec<String>>);

#[get("/p/{process}/open-data/workbook.xlsx")]
pub async fn workbook(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let file_name = format!("{slug}-open-data.xlsx");
    let body = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let contributions = opendata::public_contributions(conn, process.id)?;
            let proposals = opendata::public_proposals(conn, process.id)?;
            let mut book = Workbook::new();
            let sheets: [Sheet<'_>; 2] = [
                (
                    "Contributions",
                    &CONTRIBUTION_COLUMNS,
                    contributions.iter().map(contribution_row).collect(),
                ),
                (
                    "Proposals",
                    &PROPOSAL_COLUMNS,
                    proposals.iter().map(proposal_row).collect(),
                ),
            ];
            for (name, columns, rows) in sheets {
                let sheet = book.add_worksheet();
                sheet.set_name(name).map_err(AppError::internal)?;
                for (c, column) in columns.iter().enumerate() {
                    sheet
                        .write_string(0, c as u16, *column)
                        .map_err(AppError::internal)?;
                }
                for (r, row) in rows.iter().enumerate() {
                    for (c, cell) in row.iter().enumerate() {
                        // Written as text, so nothing is ever taken for a formula.
                        sheet
                            .write_string(r as u32 + 1, c as u16, xlsx_cell(cell).as_ref())
                            .map_err(AppError::internal)?;
                    }
                }
            }
            book.save_to_buffer().map_err(AppError::internal)
        })
        .await?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        file_name,
        body,
    ))
}
