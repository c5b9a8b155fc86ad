//! Reading contributions: the public list with search and filters, one contribution with its
//! receipt, the receipt as a file, and attached files (always as downloads). Handlers
//! only: the reads are `app::contributions::{pages, files}`.

use std::sync::Arc;

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;

use super::human_size;
use crate::app::contributions::files::{self, Download};
use crate::app::contributions::pages::{self, ContributionView, Receipt};
use crate::app::paging::{ListQuery, Pager, Shown};
use crate::domain::contributions::{self as rules, ContributionStatus};
use crate::domain::ids::ContributionId;
use crate::domain::roles::StakeholderCategory;
use crate::i18n::Lang;
use crate::store::attachments::AttachedFile;
use crate::store::campaigns::Campaign;
use crate::store::contributions::{Contribution, ListPage, ListSort, Listed, Tags};
use crate::store::processes::{Process, Structure, Theme, ThemeKind};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::pagecache::{self, Kept, RowOf, Slot};
use crate::web::session::Visitor;

#[derive(Template)]
#[template(path = "contributions/list.html")]
struct ListPageView {
    ctx: Ctx,
    process: Process,
    structure: Structure,
    query: ListQuery,
    /// The count and the pages around; the rows are `rows`.
    result: ListPage,
    /// The page's rows, rendered (`pagecache::Rows::assemble`).
    rows: Vec<Arc<Kept>>,
    pager: Pager,
    drafts: Vec<Contribution>,
    can_submit: bool,
}

impl ListPageView {
    fn categories(&self) -> [StakeholderCategory; 12] {
        StakeholderCategory::ALL
    }

    fn statuses(&self) -> [ContributionStatus; 3] {
        ContributionStatus::PUBLIC
    }

    /// The orders offered: by relevance only when there is something to search by.
    fn sorts(&self) -> Vec<ListSort> {
        let searching = self.query.search().is_some();
        ListSort::ALL
            .into_iter()
            .filter(|s| searching || *s != ListSort::Relevance)
            .collect()
    }

    fn themes(&self) -> Vec<&Theme> {
        self.structure.themes_of(ThemeKind::Theme).collect()
    }

    fn count_label(&self) -> String {
        let total = self.result.total;
        let key = if total.more && total.best_first {
            "search-more-than-best"
        } else if total.more && self.query.search().is_some() {
            "search-more-than"
        } else if total.more {
            "contributions-count-more"
        } else {
            "contributions-count"
        };
        self.ctx.t1(key, "count", total.count.to_string())
    }
}

/// One row of the list, as every reader of one language sees it.
#[derive(Template)]
#[template(path = "contributions/row.html")]
struct ResultRow<'a> {
    ctx: &'a Ctx,
    process: &'a Process,
    structure: &'a Structure,
    row: &'a Listed,
    tags: &'a Tags,
    /// The campaign the row stands for, if it is one's listed copy.
    campaign: Option<&'a Campaign>,
}

impl ResultRow<'_> {
    /// A row's reference, as the route table takes it.
    fn reference<'a>(&self, reference: &'a Option<String>) -> &'a str {
        reference.as_deref().unwrap_or_default()
    }

    /// A row's text as a reader sees it, plain and short.
    fn excerpt(&self, body: &str) -> String {
        crate::markdown::plain_excerpt(body, EXCERPT_CHARS)
    }
}

/// How many characters of a text its row in the list shows.
const EXCERPT_CHARS: usize = 240;

#[get("")]
pub async fn list(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let filling = match pagecache::look(&state, &ctx, &path, query.search().is_none()).await? {
        Slot::Served(page) => return Ok(page),
        Slot::Render(filling) => filling,
    };
    let person = visitor.person();
    let owned_query = query.clone();
    let (view, held) = pagecache::read_with_rows(
        &state,
        ctx.lang.code(),
        path.into_inner(),
        |id: ContributionId| RowOf::Contribution(id.0),
        query.is_one_word_search(),
        move |conn, slug, held| pages::list(conn, person, slug, &owned_query, held),
    )
    .await?;
    // A search page is put together from rows other pages rendered: reading its ids is
    // most of its cost, and no page for one query is kept, so no figure rests on one answer.
    let rows = held.assemble(&state, &view.result.ids, |id| {
        let Some(row) = view.result.rows.iter().find(|r| r.contribution.id == *id) else {
            return Ok(None);
        };
        let html = ResultRow {
            ctx: &ctx,
            process: &view.process,
            structure: &view.structure,
            row,
            tags: &view.result.tags,
            campaign: view.campaigns.iter().find(|c| c.listed_id == *id),
        }
        .render()?;
        Ok(Some((html, row.contribution.status.is_public())))
    })?;
    let pager = pager_of(&query, &view.process, &view.result);
    filling.render(&state, ctx, |ctx| ListPageView {
        ctx,
        process: view.process,
        structure: view.structure,
        query,
        result: view.result,
        rows,
        pager,
        drafts: view.drafts,
        can_submit: view.can_submit,
    })
}

/// The list's navigation: by cursor when browsing, by page number among search results.
fn pager_of(query: &ListQuery, process: &Process, result: &ListPage) -> Pager {
    let base = crate::paths::contributions(&process.slug);
    let link = |page: &[(&str, String)]| format!("{base}?{}", query.with_page(page));
    let shown = Shown {
        rows: result.ids.len(),
        first_id: result.ids.first().map(|id| id.0),
        last_id: result.ids.last().map(|id| id.0),
        previous: result.previous,
        next: result.next,
        total: result.total,
    };
    if query.search().is_some() {
        Pager::numbered(query.page_number(), shown, link)
    } else {
        Pager::keyset(query.position(), shown, link)
    }
}

#[derive(Template)]
#[template(path = "contributions/show.html")]
pub(super) struct ShowPage {
    ctx: Ctx,
    process: Process,
    structure: crate::store::processes::Structure,
    contribution: Contribution,
    author: String,
    organisation: Option<String>,
    category: Option<StakeholderCategory>,
    tags: Tags,
    files: Vec<AttachedFile>,
    body_html: String,
    /// Whether the visitor may read its content: unless it is hidden, or they wrote it, may
    /// hide it, or run the process.
    content_shown: bool,
    is_author: bool,
    can_hide: bool,
    can_unhide: bool,
    campaign: Option<Campaign>,
    /// The reason typed for showing it again, and why it was refused.
    unhide_reason: String,
    errors: FieldErrors,
}

impl ShowPage {
    fn status(&self) -> ContributionStatus {
        self.contribution.status()
    }

    /// The reference, as the route table takes it.
    fn reference(&self) -> &str {
        self.contribution.reference.as_deref().unwrap_or_default()
    }

    fn is_author(&self) -> bool {
        self.is_author
    }

    fn can_hide(&self) -> bool {
        self.can_hide
    }

    fn can_unhide(&self) -> bool {
        self.can_unhide
    }

    fn content_shown(&self) -> bool {
        self.content_shown
    }

    fn size(&self, bytes: &i64) -> String {
        human_size(*bytes, self.ctx.lang)
    }
}

#[get("/{reference}")]
pub async fn show(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let filling = match pagecache::look(&state, &ctx, &slug, true).await? {
        Slot::Served(page) => return Ok(page),
        Slot::Render(filling) => filling,
    };
    let person = visitor.person();
    let view = state
        .run(move |conn| pages::contribution(conn, person, &slug, &reference))
        .await?;
    filling.render(&state, ctx, |ctx| {
        ShowPage::new(ctx, view, String::new(), FieldErrors::default())
    })
}

impl ShowPage {
    /// The page of `view`; a refused showing-again comes back with the reason typed and why.
    pub(super) fn new(
        ctx: Ctx,
        view: ContributionView,
        unhide_reason: String,
        errors: FieldErrors,
    ) -> Self {
        let body_html = if view.content_shown {
            crate::markdown::to_safe_html(&view.contribution.body)
        } else {
            String::new()
        };
        ShowPage {
            ctx,
            process: view.process,
            structure: view.structure,
            contribution: view.contribution,
            author: view.author,
            organisation: view.organisation,
            category: view.category,
            tags: view.tags,
            files: view.files,
            body_html,
            content_shown: view.content_shown,
            is_author: view.is_author,
            can_hide: view.can_hide,
            can_unhide: view.can_unhide,
            campaign: view.campaign,
            unhide_reason,
            errors,
        }
    }
}

/// The receipt as a text file the submitter can keep, with how to check the hash, in the
/// reader's language.
#[get("/{reference}/receipt.txt")]
pub async fn receipt(
    req: HttpRequest,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let lang = page::language_of(&req, visitor.user());
    let person = visitor.person();
    let receipt = state
        .run(move |conn| pages::receipt(conn, person, &slug, &reference))
        .await?;
    let reference = receipt.contribution.reference.clone().unwrap_or_default();
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((header::CONTENT_LANGUAGE, lang.code()))
        .insert_header(attachment_disposition(&format!(
            "receipt-{}.txt",
            rules::reference_slug(&reference)
        )))
        .body(receipt_text(&receipt, lang)))
}

/// The receipt's words in `lang`; what was submitted (title, names, hashes) exactly as it is,
/// never passed through a message (which would read a title such as "007" as a number).
fn receipt_text(kept: &Receipt, lang: Lang) -> String {
    let contribution = &kept.contribution;
    let line = |key: &str, value: &str| {
        let label = lang.t(key);
        // A full-width colon (Chinese) holds its own space.
        let space = if label.ends_with('：') { "" } else { " " };
        format!("{label}{space}{value}\n")
    };
    let mut text = format!("{}\n", lang.t("receipt-file-heading"));
    text.push_str(&line("receipt-file-process", &kept.process.title));
    text.push_str(&line(
        "receipt-file-reference",
        contribution.reference.as_deref().unwrap_or_default(),
    ));
    text.push_str(&line("receipt-file-title", &contribution.title));
    let submitted = contribution
        .submitted_at
        .map(|at| format!("{} UTC", at.format("%Y-%m-%d %H:%M:%S")))
        .unwrap_or_default();
    text.push_str(&line("receipt-file-submitted", &submitted));
    text.push_str(&line(
        "receipt-file-hash",
        contribution.content_hash.as_deref().unwrap_or_default(),
    ));
    for file in &kept.files {
        let size = lang.t_with("receipt-file-size", &[("size", file.size.to_string())]);
        text.push_str(&line(
            "receipt-file-attachment",
            &format!("{} ({size}), SHA-256 {}", file.file_name, file.sha256),
        ));
    }
    text.push_str(&format!(
        "\n{}\nprintf '%s\\n\\n%s' \"$TITLE\" \"$TEXT\" | sha256sum\n",
        lang.t("receipt-file-check")
    ));
    text
}

fn attachment_disposition(file_name: &str) -> ContentDisposition {
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
            DispositionParam::FilenameExt(header::ExtendedValue {
                charset: header::Charset::Ext("UTF-8".to_string()),
                language_tag: None,
                value: file_name.as_bytes().to_vec(),
            }),
        ],
    }
}

/// A file as a download: never shown inline, never sniffed, never able to run anything.
fn download(file: Download) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(attachment_disposition(&file.file_name))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        ))
        .insert_header((header::CACHE_CONTROL, "private, max-age=3600"))
        .body(file.content)
}

/// A file of a public contribution (of a hidden one, for those who may read it).
#[get("/{reference}/files/{file}")]
pub async fn attached_file(
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, i64)>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference, link) = path.into_inner();
    let person = visitor.person();
    let file = state
        .run(move |conn| files::attached_file(conn, person, &slug, &reference, link))
        .await?;
    Ok(download(file))
}

/// A file of one's own draft.
#[get("/drafts/{id}/files/{file}")]
pub async fn draft_file(
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, ContributionId, i64)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id, link) = path.into_inner();
    let person = visitor.person().ok_or(AppError::NotFound)?;
    let file = state
        .run(move |conn| files::draft_file(conn, person, &slug, id, link))
        .await?;
    Ok(download(file))
}
