//! Open data: the page that lists a process's public datasets, and their downloads (CSV,
//! JSON, an XLSX workbook), which `app::opendata` builds. Downloads carry an ETag of the data's
//! generation, so a repeated download of unchanged data is a 304; a file is built once per
//! generation and then read from disk (`web::files`); and at most a few files are built at
//! once (`web::gate`): the others are turned away with 503 at once.

use actix_web::http::header::{self, ETag, EntityTag, Header, IfNoneMatch};
use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use futures_util::StreamExt;

use crate::app;
use crate::app::opendata::{self as data, Dataset, Format};
use crate::store::processes::{Process, Structure};
use crate::web::error::AppError;
use crate::web::files;
use crate::web::gate::Pass;
use crate::web::page::{self, Ctx};
use crate::web::{AppState, ChunkStream};

#[derive(Template)]
#[template(path = "stats/open_data.html")]
struct OpenDataPage {
    ctx: Ctx,
    process: Process,
    structure: Structure,
    /// The most rows of each dataset in the workbook.
    workbook_rows: String,
}

#[get("/p/{process}/open-data")]
pub async fn open_data_page(
    ctx: Ctx,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (process, structure) = state
        .run(move |conn| app::opendata::page_of(conn, &path))
        .await?;
    page::ok(&OpenDataPage {
        ctx,
        process,
        structure,
        workbook_rows: app::opendata::XLSX_ROWS.to_string(),
    })
}

/// A download's validator: the data's generation, the header it was written with (and the
/// program's version, since a new version may write the same data differently). Strong: the
/// same generation and header are the same bytes.
fn etag(generation: i64, header: data::Header) -> EntityTag {
    EntityTag::new_strong(format!(
        "{generation}-{}-{}",
        header.tag(),
        env!("CARGO_PKG_VERSION")
    ))
}

/// `?lang=`: the language of a CSV file's headings and of the workbook's words; without it,
/// the stable column names.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DownloadQuery {
    lang: Option<String>,
}

impl DownloadQuery {
    /// The header asked for; a language that is not one of the six is refused, not ignored
    /// (a file labelled in a language it is not in would mislead whoever reads it).
    fn header(&self) -> Result<data::Header, AppError> {
        data::Header::parse(self.lang.as_deref()).ok_or(AppError::BadRequest("no such language"))
    }
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
    query: web::Query<DownloadQuery>,
) -> Result<HttpResponse, AppError> {
    let (slug, set, format) = path.into_inner();
    let (Some(dataset), Some(file_format)) = (Dataset::parse(&set), Format::parse(&format)) else {
        return Err(AppError::NotFound);
    };
    // JSON's keys are the column names whatever the language.
    let header = match file_format {
        Format::Csv => query.header()?,
        Format::Json => data::Header::Names,
    };
    let file_name = format!("{slug}-{set}.{format}");
    let (process, generation) = state
        .run(move |conn| app::opendata::public_process_and_generation(conn, &slug))
        .await?;
    let tag = etag(generation, header);
    if let Some(unchanged) = not_modified(&req, &tag) {
        return Ok(unchanged);
    }
    let content_type = match file_format {
        Format::Csv => "text/csv; charset=utf-8",
        Format::Json => "application/json",
    };
    let family = format!("{}-{set}-{format}-{}-", process.id, header.tag());
    let name = format!("{family}{}", tag.tag());
    let mut response = HttpResponse::Ok();
    response
        .content_type(content_type)
        .insert_header(attachment(&file_name))
        .insert_header(ETag(tag));
    // Built before for this generation: read from disk, without a slot or the database.
    if let Some(kept) = state.files.kept(&name) {
        return Ok(response.streaming(files::read_kept(&kept).map_err(AppError::internal)?));
    }
    let pass = state.exports.enter().await?;
    let copying = state
        .files
        .building(&family, &name)
        .and_then(files::Building::in_background);
    let body = state.stream(move |conn, send| {
        let mut keeping = Keeping {
            copying,
            whole: true,
        };
        let mut tee = |chunk: Vec<u8>| keeping.pass_on(web::Bytes::from(chunk), &mut *send);
        app::opendata::write_dataset(conn, process.id, dataset, file_format, header, &mut tee)?;
        keeping.keep();
        Ok(())
    });
    Ok(response.streaming(holding(body, pass)))
}

/// A file copied to disk as it streams to its reader, kept only if every chunk reached both.
struct Keeping {
    copying: Option<files::Copying>,
    whole: bool,
}

impl Keeping {
    fn pass_on(&mut self, chunk: web::Bytes, send: &mut dyn FnMut(web::Bytes) -> bool) -> bool {
        if let Some(copying) = self.copying.as_mut() {
            copying.offer(&chunk);
        }
        let sent = send(chunk);
        self.whole &= sent;
        sent
    }

    fn keep(self) {
        if let (Some(copying), true) = (self.copying, self.whole) {
            copying.keep();
        }
    }
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
    query: web::Query<DownloadQuery>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let header = query.header()?;
    let file_name = format!("{slug}-open-data.xlsx");
    let (process, generation) = state
        .run(move |conn| app::opendata::public_process_and_generation(conn, &slug))
        .await?;
    let tag = etag(generation, header);
    if let Some(unchanged) = not_modified(&req, &tag) {
        return Ok(unchanged);
    }
    let family = format!("{}-workbook-{}-", process.id, header.tag());
    let name = format!("{family}{}", tag.tag());
    let mut response = HttpResponse::Ok();
    response
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header(attachment(&file_name))
        .insert_header(ETag(tag));
    if let Some(kept) = state.files.kept(&name) {
        return Ok(response.streaming(files::read_kept(&kept).map_err(AppError::internal)?));
    }
    let pass = state.exports.enter().await?;
    let files = state.files.clone();
    let body = state
        .run(move |conn| {
            let _pass = pass;
            let body = app::opendata::workbook(conn, &process, header)?;
            if let Some(mut building) = files.building(&family, &name)
                && let Err(error) = building.write(&body).and_then(|()| building.keep())
            {
                tracing::warn!(error = %error, "a built workbook was not kept");
            }
            Ok(body)
        })
        .await?;
    Ok(response.body(body))
}
