//! Downloads: a document at one of its published revisions (or its working copy, for those who
//! may read it) in any export format; and the co-facilitators' draft summary, the Chair's
//! summary and the draft together in one ZIP.
//!
//! The database work picks the text and builds the export model; the writers then run on a
//! blocking thread (PDF runs Chromium, about a second).

use actix_web::http::StatusCode;
use actix_web::http::header::{
    self, Charset, ContentDisposition, DispositionParam, DispositionType, ExtendedValue,
};
use actix_web::{HttpResponse, get, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

use super::{Loaded, load, view};
use crate::db::DbConnection;
use crate::domain::documents::{Content, DocumentKind};
use crate::domain::permissions::Action;
use crate::export::pdf::Printer;
use crate::export::{self, Export, ExportError, File, Format, Input, Labels, Version, bundle};
use crate::store::documents::{self as store, Document};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::processes::{load_process_for, require};
use crate::web::session::Visitor;

/// `?revision=` names a revision by its slug; `working` is the working copy.
const WORKING: &str = "working";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExportQuery {
    revision: String,
}

/// The text to export: which version, its content, its date.
struct Chosen {
    version: Version,
    content: Content,
    date: NaiveDate,
}

/// Picks the text `wanted` names ("" for the latest revision). The working copy is for those
/// who may read it: refused (403) once the document is public, and not there at all (404)
/// before, as the document page does.
fn choose(conn: &mut DbConnection, loaded: &Loaded, wanted: &str) -> Result<Chosen, AppError> {
    let working = |conn: &mut DbConnection| -> Result<Chosen, AppError> {
        Ok(Chosen {
            version: Version::Working,
            content: store::working_content(conn, &loaded.document)?,
            date: loaded.document.updated_at.date(),
        })
    };
    let revision = match wanted {
        "" => match store::latest_revision(conn, loaded.document.id)? {
            Some(revision) => revision,
            None if loaded.can_read_working() => return working(conn),
            None => return Err(AppError::NotFound),
        },
        WORKING if loaded.can_read_working() => return working(conn),
        WORKING => {
            return Err(match store::latest_revision(conn, loaded.document.id)? {
                Some(_) => AppError::Forbidden,
                None => AppError::NotFound,
            });
        }
        slug => {
            store::revision_by_slug(conn, loaded.document.id, slug)?.ok_or(AppError::NotFound)?
        }
    };
    let content = revision.content().ok_or_else(|| {
        AppError::internal(anyhow::anyhow!("unreadable revision {}", revision.id))
    })?;
    Ok(Chosen {
        version: Version::Published {
            number: revision.number,
            label: revision.label,
            slug: revision.slug,
        },
        content,
        date: revision.published_at.date(),
    })
}

/// The export model of one document's chosen text: three more queries for the sources' links.
fn model(
    conn: &mut DbConnection,
    loaded: &Loaded,
    chosen: Chosen,
    base_url: &str,
    labels: Labels,
) -> Result<Export, AppError> {
    let links = view::source_links(conn, &loaded.process.slug, &chosen.content.nodes)?;
    Ok(export::build(Input {
        process_slug: &loaded.process.slug,
        process_title: &loaded.process.title,
        document_slug: &loaded.document.slug,
        kind: loaded.document.kind().unwrap_or(DocumentKind::Draft),
        version: chosen.version,
        date: chosen.date,
        created: loaded.document.created_at.date(),
        generated: crate::store::now(),
        content: &chosen.content,
        source_paths: &links,
        base_url,
        labels,
    }))
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
    let labels = Labels::in_language(ctx.lang);
    let base_url = state.settings.public_url.clone();
    let back = format!("/p/{process_slug}/documents/{document_slug}");
    let export = state
        .db(move |conn| {
            let loaded = load(conn, &process_slug, &document_slug, &visitor)?;
            let chosen = choose(conn, &loaded, &wanted)?;
            model(conn, &loaded, chosen, &base_url, labels)
        })
        .await?;
    let printer = Printer::default();
    if format == Format::Pdf && !printer.is_available() {
        return pdf_unavailable(ctx, back);
    }
    let written = web::block(move || export::write(&export, format, &printer)).await?;
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

/// The first document of a kind in the process.
fn document_of_kind(documents: &[Document], kind: DocumentKind) -> Option<Document> {
    documents.iter().find(|d| d.kind() == Some(kind)).cloned()
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
    let labels = Labels::in_language(ctx.lang);
    let base_url = state.settings.public_url.clone();
    let back = format!("/p/{process_slug}");
    let exports = state
        .db(move |conn| {
            let (process, actor) = load_process_for(conn, &process_slug, &visitor)?;
            require(&actor, Action::ExportDraftSummary)?;
            let documents = store::documents_of_process(conn, process.id)?;
            let mut exports = Vec::with_capacity(2);
            for (kind, wanted) in [
                (DocumentKind::ChairsSummary, summary),
                (DocumentKind::Draft, draft),
            ] {
                let document = document_of_kind(&documents, kind).ok_or(AppError::NotFound)?;
                let loaded = Loaded {
                    process: process.clone(),
                    document,
                    actor: actor.clone(),
                };
                let chosen = choose(conn, &loaded, &wanted)?;
                exports.push(model(conn, &loaded, chosen, &base_url, labels.clone())?);
            }
            Ok((process.slug, exports))
        })
        .await?;
    let (process_slug, exports) = exports;
    let printer = Printer::default();
    if format == Format::Pdf && !printer.is_available() {
        return pdf_unavailable(ctx, back);
    }
    let zipped = web::block(move || -> Result<Vec<u8>, ExportError> {
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
