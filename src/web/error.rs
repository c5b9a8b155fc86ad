//! The web layer's one error type, and the page it renders.
//!
//! Not-found is 404, forbidden 403, an expired or forged form 403 with its own page, too many
//! attempts 429, a database that cannot take the request now 503 with `Retry-After`, and
//! anything unexpected a 500 with an id that is logged with its full cause.
//! Validation failures are not errors: handlers show the form again with the input kept; so
//! do the writing forms when the database cannot save (`web::kept`).

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use crate::i18n::Lang;
use crate::paths;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// The request needs a signed-in visitor; they are sent to the sign-in page.
    #[error("sign-in required")]
    SignInRequired { next: String },
    #[error("the form's security token is missing or wrong")]
    Csrf,
    #[error("too many attempts")]
    TooManyRequests { retry_after_secs: u64 },
    /// Heavy work (password hashing, a large download) already runs in every slot this
    /// instance gives it: try again shortly (`web::gate`).
    #[error("busy")]
    Busy { retry_after_secs: u64 },
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("request body too large")]
    PayloadTooLarge,
    /// A form that needs a session, sent without one: refused before its body is read, so
    /// there is no text to give back.
    #[error("signed out")]
    SignedOut,
    /// A body that did not arrive within the time allowed (`web::bodies`).
    #[error("request body too slow")]
    RequestTimeout,
    /// The database cannot take the request now (`app::Error::StorageUnavailable`).
    #[error("storage unavailable: {source:#}")]
    StorageUnavailable { source: anyhow::Error },
    #[error("internal error {id}: {source:#}")]
    Internal { id: String, source: anyhow::Error },
}

/// When to try again after a 503 for a database that cannot take a request: long enough for
/// a restarting database, short enough that a person does not give up.
pub const RETRY_AFTER_SECS: u64 = 5;

impl AppError {
    /// A database that cannot take the request now, logged once as a warning: it is a state
    /// of the database, not a fault of this request.
    pub fn storage_unavailable(source: anyhow::Error) -> Self {
        tracing::warn!(error = %format!("{source:#}"), "the database cannot take the request");
        AppError::StorageUnavailable { source }
    }

    pub fn internal(source: impl Into<anyhow::Error>) -> Self {
        let source = source.into();
        let id = crate::security::tokens::random_token()[..12].to_string();
        tracing::error!(error_id = %id, error = ?source, "request failed");
        AppError::Internal { id, source }
    }

    /// The message keys of the error page: a title and an explanation.
    fn message_keys(&self) -> (&'static str, &'static str) {
        match self {
            AppError::NotFound => ("error-not-found-title", "error-not-found-body"),
            AppError::Forbidden => ("error-forbidden-title", "error-forbidden-body"),
            AppError::SignInRequired { .. } => ("error-forbidden-title", "error-sign-in-body"),
            AppError::Csrf => ("error-csrf-title", "error-csrf-body"),
            AppError::TooManyRequests { .. } => ("error-too-many-title", "error-too-many-body"),
            AppError::Busy { .. } => ("error-busy-title", "error-busy-body"),
            AppError::BadRequest(_) => ("error-bad-request-title", "error-bad-request-body"),
            AppError::PayloadTooLarge => ("error-too-large-title", "error-too-large-body"),
            AppError::SignedOut => ("error-signed-out-title", "error-signed-out-body"),
            AppError::RequestTimeout => ("error-timeout-title", "error-timeout-body"),
            AppError::StorageUnavailable { .. } => ("error-storage-title", "error-storage-body"),
            AppError::Internal { .. } => ("error-internal-title", "error-internal-body"),
        }
    }

    /// The full error page in `lang`.
    pub fn page(&self, lang: Lang) -> HttpResponse {
        if let AppError::SignInRequired { next } = self {
            let location = paths::login_then(next);
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, location))
                .finish();
        }
        let (title, body) = self.message_keys();
        let reference = match self {
            AppError::Internal { id, .. } => Some(id.clone()),
            _ => None,
        };
        let page = ErrorPage {
            kind: title
                .trim_start_matches("error-")
                .trim_end_matches("-title"),
            lang: lang.code(),
            dir: lang.dir(),
            title: lang.t(title).into_owned(),
            body: lang.t(body).into_owned(),
            reference_label: lang.t("error-reference").into_owned(),
            reference,
            home: lang.t("nav-home").into_owned(),
            site: lang.t("site-name").into_owned(),
            skip: lang.t("skip-to-content").into_owned(),
            nav_label: lang.t("nav-label").into_owned(),
        };
        let html = page
            .render()
            .unwrap_or_else(|_| "<!doctype html><title>Error</title>".to_string());
        let mut response = HttpResponse::build(self.status_code());
        response.content_type("text/html; charset=utf-8");
        if let Some(secs) = self.retry_after()
            && let Ok(value) = HeaderValue::from_str(&secs.to_string())
        {
            response.insert_header((header::RETRY_AFTER, value));
        }
        response.body(html)
    }

    /// How long to wait before trying again, for the errors that say.
    fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::TooManyRequests { retry_after_secs }
            | AppError::Busy { retry_after_secs } => Some(*retry_after_secs),
            AppError::StorageUnavailable { .. } => Some(RETRY_AFTER_SECS),
            _ => None,
        }
    }

    /// The error as the JSON API answers it (`api_error`), in `lang`, with the reference of
    /// an internal error and the `Retry-After` of one that passes.
    pub fn json(&self, lang: Lang) -> HttpResponse {
        let reference = match self {
            AppError::Internal { id, .. } => Some(id.as_str()),
            _ => None,
        };
        let mut response = api_error(self.status_code(), self.message_keys().0, reference, lang);
        if let Some(secs) = self.retry_after()
            && let Ok(value) = HeaderValue::from_str(&secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

/// An error answered by the JSON API: `application/json`
/// `{"error": {"status": 404, "kind": "not-found", "message": "Page not found"}}`, where
/// `kind` is a word that does not change with the language, `message` the title of the
/// matching error page in the visitor's language, and `reference` (500 only) the id logged
/// with the cause.
pub fn api_error(
    status: StatusCode,
    title_key: &'static str,
    reference: Option<&str>,
    lang: Lang,
) -> HttpResponse {
    let kind = title_key
        .trim_start_matches("error-")
        .trim_end_matches("-title");
    let mut error = serde_json::json!({
        "status": status.as_u16(),
        "kind": kind,
        "message": lang.t(title_key),
    });
    if let Some(reference) = reference {
        error["reference"] = serde_json::json!(reference);
    }
    HttpResponse::build(status).json(serde_json::json!({ "error": error }))
}

/// The error page title that says what a bare status means, for an error that did not come
/// as an `AppError` (a query string the extractor refused, a method the route lacks).
pub fn title_of_status(status: StatusCode) -> &'static str {
    match status.as_u16() {
        401 => "error-signed-out-title",
        403 => "error-forbidden-title",
        404 => "error-not-found-title",
        408 => "error-timeout-title",
        413 => "error-too-large-title",
        429 => "error-too-many-title",
        503 => "error-busy-title",
        400..=499 => "error-bad-request-title",
        _ => "error-internal-title",
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::SignInRequired { .. } => StatusCode::SEE_OTHER,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::SignedOut => StatusCode::UNAUTHORIZED,
            AppError::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            AppError::StorageUnavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// English here; the `localise_errors` middleware renders it again in the visitor's language.
    fn error_response(&self) -> HttpResponse {
        self.page(Lang::En)
    }
}

/// A use case's refusal that its handler did not show itself. `Invalid` and `Conflict` are
/// normally answered with the form again; a handler that lets them through has no form to
/// show, so they are bad requests.
impl From<crate::app::Error> for AppError {
    fn from(e: crate::app::Error) -> Self {
        use crate::app::Error;
        match e {
            Error::NotFound => AppError::NotFound,
            Error::Forbidden => AppError::Forbidden,
            Error::BadRequest(why) => AppError::BadRequest(why),
            Error::Invalid(_) => AppError::BadRequest("the form was refused"),
            Error::Conflict(why) => AppError::BadRequest(why),
            Error::StorageUnavailable(source) => AppError::storage_unavailable(source),
            Error::Internal(source) => AppError::internal(source),
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(e: actix_web::error::BlockingError) -> Self {
        AppError::internal(e)
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::internal(e)
    }
}

/// A form that cannot be read: too large, or not URL-encoded text (invalid UTF-8, a field
/// that is not a number where one is expected).
impl From<actix_web::error::UrlencodedError> for AppError {
    fn from(e: actix_web::error::UrlencodedError) -> Self {
        match e {
            actix_web::error::UrlencodedError::Overflow { .. } => AppError::PayloadTooLarge,
            actix_web::error::UrlencodedError::Payload(e) => {
                AppError::from_payload(&e, "unreadable form")
            }
            _ => AppError::BadRequest("unreadable form"),
        }
    }
}

impl AppError {
    /// A body that could not be read: too large (413), too slow (408, the deadline of
    /// `web::bodies`), or broken (400, `unreadable` saying what could not be read).
    pub fn from_payload(e: &actix_web::error::PayloadError, unreadable: &'static str) -> Self {
        use actix_web::error::PayloadError;
        match e {
            PayloadError::Overflow => AppError::PayloadTooLarge,
            PayloadError::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                AppError::RequestTimeout
            }
            _ => AppError::BadRequest(unreadable),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::internal(e)
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    /// What went wrong, in a word that does not change with the language (`csrf`,
    /// `not-found`…), for whoever reads the page by machine.
    kind: &'static str,
    lang: &'static str,
    dir: &'static str,
    title: String,
    body: String,
    reference_label: String,
    reference: Option<String>,
    home: String,
    site: String,
    skip: String,
    nav_label: String,
}

/// Percent-encodes a value for a query string.
pub fn urlencode(raw: &str) -> String {
    form_urlencoded::byte_serialize(raw.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::MessageBody;

    /// The JSON body and `Retry-After` of an API error.
    fn answered(response: HttpResponse) -> (StatusCode, serde_json::Value, Option<String>) {
        let status = response.status();
        let retry = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let kind = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert_eq!(kind, "application/json");
        let bytes = response.into_body().try_into_bytes().expect("a whole body");
        let body = serde_json::from_slice(&bytes).expect("JSON");
        (status, body, retry)
    }

    #[test]
    fn every_api_error_is_json_with_its_status() {
        let cases = [
            (AppError::NotFound, 404, "not-found", None),
            (AppError::BadRequest("x"), 400, "bad-request", None),
            (AppError::Forbidden, 403, "forbidden", None),
            (AppError::Csrf, 403, "csrf", None),
            (
                AppError::TooManyRequests {
                    retry_after_secs: 30,
                },
                429,
                "too-many",
                Some("30"),
            ),
            (
                AppError::Busy {
                    retry_after_secs: 2,
                },
                503,
                "busy",
                Some("2"),
            ),
            (
                AppError::StorageUnavailable {
                    source: anyhow::anyhow!("read-only"),
                },
                503,
                "storage",
                Some("5"),
            ),
        ];
        for (error, status, kind, retry) in cases {
            let (answered_status, body, answered_retry) = answered(error.json(Lang::En));
            assert_eq!(answered_status.as_u16(), status, "{kind}");
            assert_eq!(body["error"]["status"], status, "{kind}");
            assert_eq!(body["error"]["kind"], kind);
            assert!(
                body["error"]["message"]
                    .as_str()
                    .is_some_and(|m| !m.is_empty())
            );
            assert_eq!(answered_retry.as_deref(), retry, "{kind}");
        }
        let internal = AppError::internal(anyhow::anyhow!("a cause"));
        let AppError::Internal { id, .. } = &internal else {
            unreachable!("an internal error");
        };
        let (status, body, _) = answered(internal.json(Lang::Fr));
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(body["error"]["reference"], id.as_str());
        assert_eq!(
            body["error"]["message"],
            *Lang::Fr.t("error-internal-title")
        );
    }

    #[test]
    fn a_bare_status_finds_its_words() {
        assert_eq!(
            title_of_status(StatusCode::NOT_FOUND),
            "error-not-found-title"
        );
        assert_eq!(
            title_of_status(StatusCode::METHOD_NOT_ALLOWED),
            "error-bad-request-title"
        );
        assert_eq!(
            title_of_status(StatusCode::TOO_MANY_REQUESTS),
            "error-too-many-title"
        );
        assert_eq!(
            title_of_status(StatusCode::BAD_GATEWAY),
            "error-internal-title"
        );
    }
}
