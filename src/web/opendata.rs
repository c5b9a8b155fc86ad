//! Open data: the page that lists a process's public datasets, and their downloads (CSV,
//! JSON, an XLSX workbook), which `app::opendata` builds. Downloads carry an ETag of the data's
//! generation, so a repeated download of unchanged data is a 304, and at most a few files are
//! built at once (`web::gate`): the others are turned away with 503 at once.

use actix_web::http::header::{self, ETag, EntityTag, Header, IfNoneMatch};
use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use futures_util::StreamExt;

use crate::app;
use crate::app::opendata::{Dataset, Format};
use crate::store::processes::Process;
use crate::web::error::AppError;
use crate::web::gate::Pass;
use crate::web::page::{self, Ctx};
use crate::web::{AppState, ChunkStream};

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

/// A download's validator: the data's generation (and the program's version, since a new
/// version may write the same data differently). Strong: the same generation is the same
/// bytes.
fn etag(generation: i64) -> EntityTag {
    EntityTag::new_strong(format!("{generation}-{}", env!("CARGO_PKG_VERSION")))
}

/// 304 when the client already holds the file of this generation.
fn not_modified(req: &HttpRequest, tag: &EntityTag) -> Option<HttpResponse> {
    let held = match IfNoneMatch::parse(req).ok()? {
        IfNoneMatch::Any => true,
        IfNoneMatch::Items(tags) => tags.iter().any(|t| t.weak_eq(tag)),
    };
    held.then(|| {
        HttpResponse::NotModified()
            .insert_header(ETag(tag.clone()))
            .finish()
    })
}

/// A dataset's file, streamed: written batch by batch as it is read, in constant memory. An
/// unchanged dataset is answered 304; a new file takes one of the export slots until its last
/// byte is sent (or the reader goes).
#[get("/p/{process}/open-data/{dataset}.{format}")]
pub async fn dataset(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, set, format) = path.into_inner();
    let (Some(dataset), Some(file_format)) = (Dataset::parse(&set), Format::parse(&format)) else {
        return Err(AppError::NotFound);
    };
    let file_name = format!("{slug}-{set}.{format}");
    let (process, generation) = state
        .run(move |conn| app::opendata::public_process_and_generation(conn, &slug))
        .await?;
    let tag = etag(generation);
    if let Some(unchanged) = not_modified(&req, &tag) {
        return Ok(unchanged);
    }
    let pass = state.exports.enter().await?;
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
        .insert_header(ETag(tag))
        .streaming(holding(body, pass)))
}

/// The body, with the pass kept until it is dropped: sent whole, or abandoned by its reader.
fn holding(body: ChunkStream, pass: Pass) -> ChunkStream {
    Box::pin(body.map(move |chunk| {
        let _held = &pass;
        chunk
    }))
}

fn attachment(file_name: &str) -> (header::HeaderName, String) {
    (
        header::CONTENT_DISPOSITION,
        format!("attachment; filename=\"{file_name}\""),
    )
}

/// Both datasets in a workbook, built whole in memory (hence capped), in an export slot; an
/// unchanged workbook is answered 304.
#[get("/p/{process}/open-data/workbook.xlsx")]
pub async fn workbook(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let file_name = format!("{slug}-open-data.xlsx");
    let (process, generation) = state
        .run(move |conn| app::opendata::public_process_and_generation(conn, &slug))
        .await?;
    let tag = etag(generation);
    if let Some(unchanged) = not_modified(&req, &tag) {
        return Ok(unchanged);
    }
    let pass = state.exports.enter().await?;
    let body = state
        .run(move |conn| {
            let _pass = pass;
            app::opendata::workbook(conn, &process)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header(attachment(&file_name))
        .insert_header(ETag(tag))
        .body(body))
}
