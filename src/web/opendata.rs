//! Open data: the page that lists a process's public datasets, and their downloads (CSV,
//! JSON, an XLSX workbook), which `app::opendata` builds.

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use askama::Template;

use crate::app;
use crate::app::opendata::{Dataset, Format};
use crate::store::processes::Process;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};

#[derive(Template)]
#[template(path = "stats/open_data.html")]
struct OpenDataPage {
    ctx: Ctx,
    process: Process,
    /// The most rows of each dataset in the workbook.
    workbook_rows: String,
}

#[get("/p/{process}/open-data")]
pub async fn open_data_page(
    ctx: Ctx,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let process = state
        .run(move |conn| app::opendata::public_process(conn, &path))
        .await?;
    page::ok(&OpenDataPage {
        ctx,
        process,
        workbook_rows: app::opendata::XLSX_ROWS.to_string(),
    })
}

fn download(content_type: &str, file_name: String, body: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(attachment(&file_name))
        .body(body)
}

/// A dataset's file, streamed: written batch by batch as it is read, in constant memory.
#[get("/p/{process}/open-data/{dataset}.{format}")]
pub async fn dataset(
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, set, format) = path.into_inner();
    let (Some(dataset), Some(file_format)) = (Dataset::parse(&set), Format::parse(&format)) else {
        return Err(AppError::NotFound);
    };
    let file_name = format!("{slug}-{set}.{format}");
    let process = state
        .run(move |conn| app::opendata::public_process(conn, &slug))
        .await?;
    let body = state.stream(move |conn, send| {
        app::opendata::write_dataset(conn, process.id, dataset, file_format, send)
    });
    let content_type = match file_format {
        Format::Csv => "text/csv; charset=utf-8",
        Format::Json => "application/json",
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(attachment(&file_name))
        .streaming(body))
}

fn attachment(file_name: &str) -> (header::HeaderName, String) {
    (
        header::CONTENT_DISPOSITION,
        format!("attachment; filename=\"{file_name}\""),
    )
}

#[get("/p/{process}/open-data/workbook.xlsx")]
pub async fn workbook(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let file_name = format!("{slug}-open-data.xlsx");
    let body = state
        .run(move |conn| app::opendata::workbook(conn, &slug))
        .await?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        file_name,
        body,
    ))
}
