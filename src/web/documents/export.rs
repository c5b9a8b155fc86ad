//! Downloads: a document at one of its published revisions (or its working copy, for those who
//! may read it) in any export format; and the co-facilitators' draft summary, the Chair's
//! summary and the draft together in one ZIP.
//!
//! The use case (`app::documents::export`) picks the text and builds the export model; the
//! writers then run on a blocking thread (PDF runs Chromium, about a second).

use actix_web::http::StatusCode;
use actix_web::http::header::{
    self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};
use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use crate::app::documents::export as exports;
use crate::export::pdf::Printer;
use crate::export::{self, Export, ExportError, File, Format, bundle};
use crate::paths;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::Visitor;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExportQuery {
    revision: String,
}

fn attachment(file_name: &str) -> ContentDisposition {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(ascii),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".to_string()),
                language_tag: None,
                value: file_name.as_bytes().to_vec(),
            }),
        ],
    }
}

/// A file as a download. The printable page keeps its own stylesheet (allowed by hash) and
/// nothing else; other files may not run or load anything if opened in place.
fn download(file: File) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header(attachment(&file.name))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            file.policy
                .unwrap_or_else(|| "default-src 'none'; sandbox".to_string()),
        ))
        .body(file.bytes)
}

#[derive(Template)]
#[template(path = "export/unavailable.html")]
struct UnavailablePage {
    ctx: Ctx,
    back: String,
}

/// 503 with a page that says why, when the PDF cannot be made on this server.
fn pdf_unavailable(ctx: Ctx, back: String) -> Result<HttpResponse, AppError> {
    page::render(
        &UnavailablePage { ctx, back },
        StatusCode::SERVICE_UNAVAILABLE,
    )
}

fn export_failed(error: ExportError) -> AppError {
    AppError::internal(anyhow::Error::new(error).context("export failed"))
}

#[get("/{document}/export.{format}")]
pub async fn export_document(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    query: web::Query<ExportQuery>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, format) = path.into_inner();
    let format = Format::parse(&format).ok_or(AppError::NotFound)?;
    let wanted = query.into_inner().revision;
    let base_url = state.settings.public_url.clone();
    let back = paths::document(&process_slug, &document_slug);
    let person = visitor.person();
    let export = state
        .run(move |conn| {
            let (process, document) = (&process_slug, &document_slug);
            exports::document_export(conn, person, process, document, &wanted, &base_url)
        })
        .await?;
    write_download(ctx, &state, export, format, back).await
}

/// Writes `export` in `format` as a download; `back` is the page the "unavailable" page
/// leads back to when this server cannot make PDFs.
pub(crate) async fn write_download(
    ctx: Ctx,
    state: &AppState,
    export: Export,
    format: Format,
    back: String,
) -> Result<HttpResponse, AppError> {
    let printer = Printer::default();
    if format == Format::Pdf && !printer.is_available() {
        return pdf_unavailable(ctx, back);
    }
    // Writing (Chromium for a PDF) is the heavy part: a few at once (`web::gate`).
    let pass = state.exports.enter().await?;
    let written = web::block(move || {
        let _pass = pass;
        export::write(&export, format, &printer)
    })
    .await?;
    match written {
        Ok(file) => Ok(download(file)),
        Err(ExportError::ChromiumMissing(_)) => pdf_unavailable(ctx, back),
        Err(error) => Err(export_failed(error)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SummaryQuery {
    /// Revision slugs (or `working`) of the Chair's summary and the draft; by default the
    /// latest revision of each, or its working copy while none is published.
    summary: String,
    draft: String,
}

#[get("/p/{process}/export/draft-summary.{format}")]
pub async fn draft_summary(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    query: web::Query<SummaryQuery>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, format) = path.into_inner();
    let format = Format::parse(&format).ok_or(AppError::NotFound)?;
    let SummaryQuery { summary, draft } = query.into_inner();
    let base_url = state.settings.public_url.clone();
    let back = paths::process(&process_slug);
    let person = visitor.person();
    let (process_slug, exports) = state
        .run(move |conn| {
            exports::draft_summary(conn, person, &process_slug, &summary, &draft, &base_url)
        })
        .await?;
    let printer = Printer::default();
    if format == Format::Pdf && !printer.is_available() {
        return pdf_unavailable(ctx, back);
    }
    let pass = state.exports.enter().await?;
    let zipped = web::block(move || -> Result<Vec<u8>, ExportError> {
        let _pass = pass;
        let files = exports
            .iter()
            .map(|export| export::write(export, format, &printer))
            .collect::<Result<Vec<File>, ExportError>>()?;
        bundle::zip(&files)
    })
    .await?;
    match zipped {
        Ok(bytes) => Ok(download(File {
            name: format!(
                "{process_slug}-draft-summary-{}.zip",
                format.extension().replace('.', "-")
            ),
            content_type: bundle::CONTENT_TYPE,
            bytes,
            policy: None,
        })),
        Err(ExportError::ChromiumMissing(_)) => pdf_unavailable(ctx, back),
        Err(error) => Err(export_failed(error)),
    }
}
