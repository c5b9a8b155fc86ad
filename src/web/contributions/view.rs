//! Reading contributions: the public list with search and filters, one contribution with its
//! receipt, the receipt as a file, and attached files (always as downloads).

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use crate::domain::contributions::{self as rules, ContributionStatus};
use crate::domain::permissions::{Action, Actor, can};
use crate::domain::roles::StakeholderCategory;
use crate::store::attachments::{self, AttachedFile};
use crate::store::contributions::{self, Contribution, ListFilter, ListPage, ListSort, Tags};
use crate::store::processes::{self, Process, Structure, Theme, ThemeKind};
use crate::store::search::SearchQuery;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::processes::{actor_in, load_process_for};
use crate::web::session::Visitor;

pub const PAGE_SIZE: i64 = 25;

/// The list's query string, as typed; each value is allow-listed before use.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    pub category: String,
    pub group: String,
    pub theme: String,
    pub status: String,
    pub sort: String,
    pub page: String,
}

impl ListQuery {
    fn filter(&self, structure: &Structure) -> ListFilter {
        ListFilter {
            query: SearchQuery::parse(&self.q),
            category: StakeholderCategory::parse(&self.category),
            group_id: structure
                .groups
                .iter()
                .find(|g| self.group.parse::<i32>() == Ok(g.number))
                .map(|g| g.id),
            theme_id: structure
                .themes
                .iter()
                .find(|t| self.theme.parse::<i64>() == Ok(t.id))
                .map(|t| t.id),
            status: ContributionStatus::parse(&self.status).filter(|s| s.is_public()),
            sort: ListSort::parse(&self.sort).unwrap_or_default(),
        }
    }

    fn page(&self) -> i64 {
        self.page
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=100_000).contains(p))
            .unwrap_or(1)
    }

    /// This query with another page number, for the page links.
    fn with_page(&self, page: i64) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("q", &self.q),
            ("category", &self.category),
            ("group", &self.group),
            ("theme", &self.theme),
            ("status", &self.status),
            ("sort", &self.sort),
        ] {
            if !value.is_empty() {
                query.append_pair(name, value);
            }
        }
        query.append_pair("page", &page.to_string());
        query.finish()
    }
}

#[derive(Template)]
#[template(path = "contributions/list.html")]
struct ListPageView {
    ctx: Ctx,
    process: Process,
    structure: Structure,
    query: ListQuery,
    result: ListPage,
    page: i64,
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

    fn sorts(&self) -> [ListSort; 4] {
        ListSort::ALL
    }

    fn themes(&self) -> Vec<&Theme> {
        self.structure.themes_of(ThemeKind::Theme).collect()
    }

    fn pages(&self) -> i64 {
        (self.result.total + PAGE_SIZE - 1) / PAGE_SIZE
    }

    fn previous_link(&self) -> Option<String> {
        (self.page > 1).then(|| self.query.with_page(self.page - 1))
    }

    fn next_link(&self) -> Option<String> {
        (self.page < self.pages()).then(|| self.query.with_page(self.page + 1))
    }

    fn slug(&self, reference: &Option<String>) -> String {
        reference
            .as_deref()
            .map(rules::reference_slug)
            .unwrap_or_default()
    }

    fn tags(&self) -> &Tags {
        &self.result.tags
    }

    fn excerpt(&self, body: &str) -> String {
        let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut excerpt: String = flat.chars().take(240).collect();
        if flat.chars().count() > 240 {
            excerpt.push('…');
        }
        excerpt
    }
}

#[get("")]
pub async fn list(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let page = query.page();
    let owned_query = query.clone();
    let (process, structure, result, drafts, can_submit) = state
        .db(move |conn| {
            let (process, actor) = load_process_for(conn, &path, &visitor)?;
            let structure = processes::structure_of(conn, process.id)?;
            let filter = owned_query.filter(&structure);
            let result = contributions::public_page(
                conn,
                process.id,
                &filter,
                (page - 1) * PAGE_SIZE,
                PAGE_SIZE,
            )?;
            let drafts = match actor.account_id {
                Some(account) => contributions::drafts_of_author(conn, process.id, account)?,
                None => Vec::new(),
            };
            let can_submit = can(&actor, Action::SubmitContribution);
            Ok((process, structure, result, drafts, can_submit))
        })
        .await?;
    page::ok(&ListPageView {
        ctx,
        process,
        structure,
        query,
        result,
        page,
        drafts,
        can_submit,
    })
}

#[derive(Template)]
#[template(path = "contributions/show.html")]
struct ShowPage {
    ctx: Ctx,
    process: Process,
    contribution: Contribution,
    author: String,
    organisation: Option<String>,
    category: Option<StakeholderCategory>,
    tags: Tags,
    files: Vec<AttachedFile>,
    body_html: String,
    actor: Actor,
}

impl ShowPage {
    fn status(&self) -> ContributionStatus {
        self.contribution.status()
    }

    fn slug(&self) -> String {
        self.contribution
            .reference
            .as_deref()
            .map(rules::reference_slug)
            .unwrap_or_default()
    }

    fn is_author(&self) -> bool {
        self.actor.account_id == Some(self.contribution.author_id)
    }

    fn can_hide(&self) -> bool {
        can(&self.actor, Action::HideSubmission)
    }

    fn size(&self, bytes: &i64) -> String {
        super::form::human_size(*bytes)
    }
}

/// A public contribution by reference; drafts have none, so they are never found here.
async fn load_public(
    state: &AppState,
    visitor: Visitor,
    slug: String,
    reference: String,
) -> Result<(Process, Contribution, Actor), AppError> {
    state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let reference = rules::reference_from_slug(&reference);
            let contribution =
                contributions::contribution_by_reference(conn, process.id, &reference)?
                    .filter(|c| c.status().is_public())
                    .ok_or(AppError::NotFound)?;
            let actor = actor_in(conn, &visitor, process.id)?;
            Ok((process, contribution, actor))
        })
        .await
}

#[get("/{reference}")]
pub async fn show(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let (process, contribution, actor) = load_public(&state, visitor, slug, reference).await?;
    let id = contribution.id;
    let hidden = contribution.status() == ContributionStatus::Hidden;
    let for_author = contribution.clone();
    let (author, tags, files) = state
        .db(move |conn| {
            let author = contributions::author_of(conn, &for_author)?;
            let tags = contributions::tags_of(conn, &[id])?;
            let files = if hidden {
                Vec::new()
            } else {
                attachments::files_of(conn, &[id])?
            };
            Ok((author, tags, files))
        })
        .await?;
    let body_html = if hidden {
        String::new()
    } else {
        crate::markdown::to_safe_html(&contribution.body)
    };
    page::ok(&ShowPage {
        ctx,
        process,
        contribution,
        author: author.0,
        organisation: author.1,
        category: author.2,
        tags,
        files,
        body_html,
        actor,
    })
}

/// The receipt as a text file the submitter can keep, with how to check the hash.
#[get("/{reference}/receipt.txt")]
pub async fn receipt(
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference) = path.into_inner();
    let (process, contribution, _) = load_public(&state, visitor, slug, reference).await?;
    let id = contribution.id;
    let files = state
        .db(move |conn| Ok(attachments::files_of(conn, &[id])?))
        .await?;
    let reference = contribution.reference.clone().unwrap_or_default();
    let mut text = format!(
        "Receipt for a written contribution\n\
         Process: {}\n\
         Reference: {reference}\n\
         Title: {}\n\
         Submitted: {} UTC\n\
         SHA-256 of the submitted text: {}\n",
        process.title,
        contribution.title,
        contribution
            .submitted_at
            .map(|at| at.format("%Y-%m-%d %H:%M:%S").to_string())
            .unwrap_or_default(),
        contribution.content_hash.clone().unwrap_or_default(),
    );
    for file in &files {
        text.push_str(&format!(
            "Attachment: {} ({} bytes), SHA-256 {}\n",
            file.file_name, file.size, file.sha256
        ));
    }
    text.push_str(
        "\nThe hash is taken of the title, a blank line, and the text, exactly as submitted \
         (UTF-8, line breaks as LF). To check it: printf '%s\\n\\n%s' \"$TITLE\" \"$TEXT\" | sha256sum\n",
    );
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header(attachment_disposition(&format!(
            "receipt-{}.txt",
            rules::reference_slug(&reference)
        )))
        .body(text))
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
fn download(file_name: &str, content: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(attachment_disposition(file_name))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        ))
        .insert_header((header::CACHE_CONTROL, "private, max-age=3600"))
        .body(content)
}

/// A file of a public contribution (not of a hidden one).
#[get("/{reference}/files/{file}")]
pub async fn attached_file(
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, i64)>,
) -> Result<HttpResponse, AppError> {
    let (slug, reference, link) = path.into_inner();
    let (_, contribution, _) = load_public(&state, visitor, slug, reference).await?;
    if contribution.status() == ContributionStatus::Hidden {
        return Err(AppError::NotFound);
    }
    let id = contribution.id;
    let (name, content) = state
        .db(move |conn| attachments::file_content(conn, id, link)?.ok_or(AppError::NotFound))
        .await?;
    Ok(download(&name, content))
}

/// A file of one's own draft.
#[get("/drafts/{id}/files/{file}")]
pub async fn draft_file(
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id, link) = path.into_inner();
    let account = visitor.user().map(|u| u.id).ok_or(AppError::NotFound)?;
    let (name, content) = state
        .db(move |conn| {
            let process = processes::process_by_slug(conn, &slug)?.ok_or(AppError::NotFound)?;
            let contribution = contributions::contribution_by_id(conn, id)?
                .filter(|c| c.process_id == process.id && c.author_id == account)
                .ok_or(AppError::NotFound)?;
            attachments::file_content(conn, contribution.id, link)?.ok_or(AppError::NotFound)
        })
        .await?;
    Ok(download(&name, content))
}
