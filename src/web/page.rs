//! What every page needs besides its own data: the visitor, their language, the CSRF token
//! for its forms, where the page is (for the language chooser), and a notice after a redirect.

use std::borrow::Cow;
use std::sync::Arc;

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse};
use askama::Template;
use futures_util::future::LocalBoxFuture;

use super::csrf::CsrfToken;
use super::error::AppError;
use super::session::{CurrentUser, LANG_COOKIE, Visitor};
use crate::domain::content::Shown;
use crate::i18n::Lang;
use crate::paths;
use crate::store::processes::{ActionGroup, Process, Structure, Theme};

pub struct Ctx {
    pub lang: Lang,
    pub user: Option<Arc<CurrentUser>>,
    pub csrf: String,
    /// The path and query of this page, to come back to after choosing a language.
    pub here: String,
    /// A message key shown once after a redirect (`?notice=saved` → `notice-saved`).
    pub notice: Option<String>,
    /// The signed-in visitor's unread notifications; `None` for anyone else.
    pub unread: Option<i64>,
    /// Whether the client takes gzip (every browser does): a kept page is then sent as it
    /// was compressed once (`web::gzip`).
    pub gzip: bool,
}

impl Ctx {
    /// A message in the visitor's language.
    pub fn t(&self, key: impl AsRef<str>) -> Cow<'static, str> {
        self.lang.t(key.as_ref())
    }

    /// A message with one named argument.
    pub fn t1(&self, key: impl AsRef<str>, name: &'static str, value: impl AsRef<str>) -> String {
        self.lang
            .t_with(key.as_ref(), &[(name, value.as_ref().to_string())])
    }

    /// The message of a field's error, if it has one.
    pub fn error(&self, errors: &FieldErrors, field: &str) -> Option<String> {
        errors.get(field).map(|key| self.t(key).into_owned())
    }

    /// No error, for fields that never show one.
    pub fn no_error(&self) -> Option<String> {
        None
    }

    pub fn dir(&self) -> &'static str {
        self.lang.dir()
    }

    pub fn languages(&self) -> [Lang; 6] {
        Lang::ALL
    }

    /// Unread notifications of the signed-in visitor (0 for anyone else).
    pub fn unread_count(&self) -> i64 {
        self.unread.unwrap_or(0)
    }

    /// The unread count as the navigation shows it: counted up to a bound, "99+" beyond.
    pub fn unread_label(&self) -> String {
        match self.unread_count() {
            n if n >= crate::store::notifications::UNREAD_BOUND => {
                format!("{}+", crate::store::notifications::UNREAD_BOUND - 1)
            }
            n => n.to_string(),
        }
    }

    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_admin)
    }

    /// Where a list's page lies: "Rows 26–50 of 734", or "of more than 1000" past the bound.
    pub fn rows_label(&self, pager: &crate::app::paging::Pager) -> String {
        let key = if pager.total.more {
            "pagination-rows-more"
        } else {
            "pagination-rows"
        };
        self.lang.t_with(
            key,
            &[
                ("from", pager.from.to_string()),
                ("to", pager.to.max(pager.from).to_string()),
                ("total", pager.total.count.to_string()),
            ],
        )
    }

    /// A tagged group's name, by its id, in the visitor's language or as the tag read it.
    pub fn group_tag<'a>(&self, structure: &'a Structure, id: &i64, name: &'a str) -> Shown<'a> {
        structure.group_name_by_id(self.lang, *id, name)
    }

    /// A tagged theme's name likewise.
    pub fn theme_tag<'a>(&self, structure: &'a Structure, id: &i64, name: &'a str) -> Shown<'a> {
        structure.theme_name_by_id(self.lang, *id, name)
    }

    /// The process's title in the visitor's language, or its original marked as such
    /// (`domain::content`); likewise the texts below.
    pub fn title_of<'a>(&self, structure: &'a Structure, process: &'a Process) -> Shown<'a> {
        structure.title(self.lang, process)
    }

    pub fn description_of<'a>(&self, structure: &'a Structure, process: &'a Process) -> Shown<'a> {
        structure.description(self.lang, process)
    }

    pub fn group_name<'a>(&self, structure: &'a Structure, group: &'a ActionGroup) -> Shown<'a> {
        structure.group_name(self.lang, group)
    }

    pub fn group_description<'a>(
        &self,
        structure: &'a Structure,
        group: &'a ActionGroup,
    ) -> Shown<'a> {
        structure.group_description(self.lang, group)
    }

    pub fn theme_name<'a>(&self, structure: &'a Structure, theme: &'a Theme) -> Shown<'a> {
        structure.theme_name(self.lang, theme)
    }

    /// A stored timestamp as people read it: in UTC, to the minute.
    pub fn utc(&self, at: &chrono::NaiveDateTime) -> String {
        format!("{} UTC", at.format("%Y-%m-%d %H:%M"))
    }
}

/// The visitor's language: their account's choice, the chooser's cookie, or their browser's.
pub fn language_of(req: &HttpRequest, user: Option<&CurrentUser>) -> Lang {
    user.and_then(|u| u.language.as_deref())
        .and_then(Lang::parse)
        .or_else(|| req.cookie(LANG_COOKIE).and_then(|c| Lang::parse(c.value())))
        .or_else(|| {
            req.headers()
                .get(actix_web::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(Lang::En)
}

impl FromRequest for Ctx {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let visitor = Visitor::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let user = visitor.await?.0;
            let lang = language_of(&req, user.as_deref());
            let (csrf, here) = (csrf_of(&req), here_of(&req));
            let notice = form_urlencoded::parse(req.query_string().as_bytes())
                .find(|(k, _)| k == "notice")
                .map(|(_, v)| format!("notice-{v}"))
                .filter(|key| Lang::En.has_own(key));
            let unread = user.as_ref().map(|user| user.unread);
            Ok(Ctx {
                lang,
                user,
                csrf,
                here,
                notice,
                unread,
                gzip: accepts_gzip(&req),
            })
        })
    }
}

/// The CSRF token of the request's forms ("" before the CSRF middleware has set one).
fn csrf_of(req: &HttpRequest) -> String {
    req.extensions()
        .get::<CsrfToken>()
        .map(|t| t.0.clone())
        .unwrap_or_default()
}

/// Where the request is: its path and query, for links back to it.
fn here_of(req: &HttpRequest) -> String {
    req.uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(paths::home)
}

impl Ctx {
    /// What the request itself says (language, CSRF token, where it is), without the visitor:
    /// for the page that gives a text back when the database cannot even tell who sent it.
    pub fn without_visitor(req: &HttpRequest) -> Ctx {
        let (csrf, here) = (csrf_of(req), here_of(req));
        Ctx {
            lang: language_of(req, None),
            user: None,
            csrf,
            here,
            notice: None,
            unread: None,
            gzip: accepts_gzip(req),
        }
    }
}

/// Whether the client takes gzip over no encoding, as its `Accept-Encoding` ranks them.
pub fn accepts_gzip(req: &HttpRequest) -> bool {
    use actix_web::http::header::{AcceptEncoding, Encoding, Header};
    AcceptEncoding::parse(req).is_ok_and(|accepted| {
        accepted.negotiate([Encoding::gzip(), Encoding::identity()].iter())
            == Some(Encoding::gzip())
    })
}

/// What a page is rendered into to begin with. A template's own size hint counts only its
/// fixed text: a list or queue of 20–40 KB grew its buffer three or four times, copying
/// what it had each time (a rare word's search page cost 5 % more instructions for it).
const RENDER_CAPACITY: usize = 48 * 1024;

/// Renders a page with a status.
pub fn render<T: Template>(page: &T, status: StatusCode) -> Result<HttpResponse, AppError> {
    let mut html = String::with_capacity(RENDER_CAPACITY.max(T::SIZE_HINT));
    page.render_into(&mut html)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html))
}

/// Renders a page with 200 OK.
pub fn ok<T: Template>(page: &T) -> Result<HttpResponse, AppError> {
    render(page, StatusCode::OK)
}

/// Renders a form again after a validation failure: 422, with what was typed kept.
pub fn invalid<T: Template>(page: &T) -> Result<HttpResponse, AppError> {
    render(page, StatusCode::UNPROCESSABLE_ENTITY)
}

/// A redirect after a successful POST.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, location.to_string()))
        .finish()
}

/// Only a local path is a safe place to send someone back to.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && !path.chars().any(char::is_control) =>
        {
            path.to_string()
        }
        _ => paths::home(),
    }
}

pub use crate::domain::validation::FieldErrors;
