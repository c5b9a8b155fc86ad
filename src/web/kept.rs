//! When the database cannot take a posted text: the answer is 503 with `Retry-After`, and the
//! text comes back to its writer, never an error page that loses it.
//!
//! A writing form's handler first tries its own form again (`unavailable`, over the form's
//! page); when even that cannot be read, or the database could not tell who sent the form
//! (`Poster::Unknown`), the text comes back here on a plain page: every field typed, labelled,
//! in a form that sends it again to the same place. This module reads nothing from the
//! database.

use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use askama::Template;
use futures_util::future::LocalBoxFuture;

use super::error::{AppError, RETRY_AFTER_SECS};
use super::page::Ctx;
use super::session::Visitor;

/// The message on a form given back because nothing could be saved.
pub const MESSAGE: &str = "storage-unavailable-text-kept";

/// Who posted a form, with the page's context; or, when the database cannot say, only what
/// the request itself tells, so that the handler can still give the text back.
pub enum Poster {
    Known(Ctx, Visitor),
    Unknown(Ctx),
}

impl FromRequest for Poster {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let ctx = Ctx::from_request(req, payload);
        let visitor = Visitor::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            // One after the other: the visitor looked up for the context is kept for the
            // request, while a failed lookup is not, and would wait for the database again.
            let ctx = match ctx.await {
                Ok(ctx) => ctx,
                Err(AppError::StorageUnavailable { .. }) => {
                    return Ok(Poster::Unknown(Ctx::without_visitor(&req)));
                }
                Err(e) => return Err(e),
            };
            match visitor.await {
                Ok(visitor) => Ok(Poster::Known(ctx, visitor)),
                Err(AppError::StorageUnavailable { .. }) => {
                    Ok(Poster::Unknown(Ctx::without_visitor(&req)))
                }
                Err(e) => Err(e),
            }
        })
    }
}

/// A field given back: shown to be edited and sent again, or carried along unseen (a group,
/// a ticked theme, the version a text started from).
pub struct KeptField {
    pub name: String,
    /// The field's label key; `None` for a field carried along unseen.
    pub label: Option<String>,
    pub value: String,
    /// A text of more than a line.
    pub long: bool,
}

impl KeptField {
    pub fn shown(name: &str, label: impl Into<String>, value: &str, long: bool) -> Self {
        Self {
            name: name.to_string(),
            label: Some(label.into()),
            value: value.to_string(),
            long,
        }
    }

    pub fn carried(name: &str, value: &str) -> Self {
        Self {
            name: name.to_string(),
            label: None,
            value: value.to_string(),
            long: false,
        }
    }

    /// The field's `id`: its name and place, as a name may repeat (ticked themes).
    fn id(&self, place: &usize) -> String {
        format!("kept-{}-{place}", self.name)
    }
}

#[derive(Template)]
#[template(path = "kept.html")]
struct KeptPage {
    ctx: Ctx,
    /// Where the form goes again.
    action: String,
    /// Whether it goes as `multipart/form-data` (the contribution form), with the CSRF token in
    /// the address as that form sends it.
    multipart: bool,
    fields: Vec<KeptField>,
    message: &'static str,
}

/// The text given back on a plain page, 503 with `Retry-After`.
pub fn page(
    ctx: Ctx,
    action: String,
    multipart: bool,
    fields: Vec<KeptField>,
) -> Result<HttpResponse, AppError> {
    let page = KeptPage {
        ctx,
        action,
        multipart,
        fields,
        message: MESSAGE,
    };
    unavailable(&page)
}

/// A form page given back with its text because nothing could be saved: 503, and when to
/// try again.
pub fn unavailable(page: &impl Template) -> Result<HttpResponse, AppError> {
    let mut response = super::page::render(page, StatusCode::SERVICE_UNAVAILABLE)?;
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
    Ok(response)
}
