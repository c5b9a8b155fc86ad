//! CSRF protection for every unsafe request, in one middleware so no handler can forget it.
//!
//! The token is an HMAC of the cookie that identifies the browser (its session, or before
//! sign-in a random pre-session cookie this middleware sets). A POST, PUT, PATCH or DELETE
//! must carry it (form field or query parameter `csrf_token`, or header `X-CSRF-Token`), and
//! must not come from another site (`Sec-Fetch-Site`, `Origin`).

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, web};

use super::error::AppError;
use super::session::{self, PRE_SESSION_COOKIE, SESSION_COOKIE};
use crate::security::tokens;

pub const FIELD: &str = "csrf_token";
const HEADER: &str = "x-csrf-token";

/// The token pages put in their forms; in the request's extensions.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

pub async fn protect(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    // The API answers in JSON, with no form to carry a token: reading it needs none, and its
    // clients no pre-session cookie (a token and a cookie made for nothing were 7 % of an
    // API page's instructions).
    if crate::paths::is_api(req.path()) && !is_unsafe(req.method()) {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    let state = session::state(req.request())?;
    let secret = state.settings.secret_key.as_bytes().to_vec();
    let secure = state.settings.secure_cookies();

    let session_cookie = req.cookie(SESSION_COOKIE).map(|c| c.value().to_string());
    let pre_cookie = req
        .cookie(PRE_SESSION_COOKIE)
        .map(|c| c.value().to_string());
    let (binding, new_pre_cookie) = match (session_cookie, pre_cookie) {
        (Some(session), _) => (session, None),
        (None, Some(pre)) => (pre, None),
        (None, None) => {
            let fresh = tokens::random_token();
            (fresh.clone(), Some(fresh))
        }
    };
    req.extensions_mut()
        .insert(CsrfToken(tokens::csrf_token(&secret, &binding)));

    if is_unsafe(req.method()) {
        let checked = check(&mut req, &secret, &binding).await;
        // A writing form from this site that would be refused (its token stale, or its writer
        // signed out) gives its text back instead (`web::keep`); another site's never does.
        let token_matches = match &checked {
            Ok(()) => Some(true),
            Err(Refusal::Token) => Some(false),
            Err(_) => None,
        };
        if let Some(token_matches) = token_matches {
            let rescued = match super::keep::rescue(&mut req, token_matches).await {
                Ok(Some(page)) => Some(page),
                Ok(None) => None,
                Err(error) => Some(HttpResponse::from_error(error)),
            };
            if let Some(page) = rescued {
                let mut response = req.into_response(page);
                if let Some(fresh) = new_pre_cookie {
                    response.response_mut().add_cookie(&session::cookie(
                        PRE_SESSION_COOKIE,
                        fresh,
                        secure,
                    ))?;
                }
                return Ok(response.map_into_right_body());
            }
        }
        if let Err(refusal) = checked {
            let error = refusal.into_error();
            tracing::warn!(path = %req.path(), reason = %error, "unsafe request refused");
            let response = req.error_response(error);
            return Ok(response.map_into_right_body());
        }
    }

    let mut response = next.call(req).await?;
    if let Some(fresh) = new_pre_cookie {
        response
            .response_mut()
            .add_cookie(&session::cookie(PRE_SESSION_COOKIE, fresh, secure))?;
    }
    Ok(response.map_into_left_body())
}

/// Whether a method may change something, and so must carry the token.
pub fn is_unsafe(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Why an unsafe request is refused.
enum Refusal {
    /// Sent by another site.
    CrossSite,
    /// Its token is missing or does not match the browser's cookie.
    Token,
    /// Its body could not be read for the token.
    Unreadable(AppError),
}

impl Refusal {
    fn into_error(self) -> AppError {
        match self {
            Refusal::CrossSite | Refusal::Token => AppError::Csrf,
            Refusal::Unreadable(error) => error,
        }
    }
}

async fn check(req: &mut ServiceRequest, secret: &[u8], binding: &str) -> Result<(), Refusal> {
    if cross_site(req) {
        return Err(Refusal::CrossSite);
    }
    let submitted = match submitted_outside_body(req) {
        Some(token) => token,
        None => token_from_form_body(req)
            .await
            .map_err(Refusal::Unreadable)?
            .unwrap_or_default(),
    };
    if tokens::csrf_matches(secret, binding, &submitted) {
        Ok(())
    } else {
        Err(Refusal::Token)
    }
}

/// A request a browser says came from another site, or whose `Origin` is not this host.
fn cross_site(req: &ServiceRequest) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    if origin == "null" {
        return true;
    }
    let origin_host = origin.split_once("://").map(|(_, host)| host).unwrap_or("");
    let host = req.connection_info().host().to_string();
    origin_host != host
}

fn submitted_outside_body(req: &ServiceRequest) -> Option<String> {
    if let Some(value) = req.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        return Some(value.to_string());
    }
    form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(name, _)| name == FIELD)
        .map(|(_, value)| value.into_owned())
}

/// Reads an URL-encoded body for its token, then puts the body back for the handler.
async fn token_from_form_body(req: &mut ServiceRequest) -> Result<Option<String>, AppError> {
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok(None);
    }
    let body = req.extract::<web::Bytes>().await.map_err(|e| match e
        .as_error::<actix_web::error::PayloadError>()
    {
        Some(payload) => AppError::from_payload(payload, "unreadable form"),
        None if e.as_response_error().status_code()
            == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE =>
        {
            AppError::PayloadTooLarge
        }
        None => AppError::BadRequest("unreadable form"),
    })?;
    let token = form_urlencoded::parse(&body)
        .find(|(name, _)| name == FIELD)
        .map(|(_, value)| value.into_owned());
    req.set_payload(Payload::from(body));
    Ok(token)
}
