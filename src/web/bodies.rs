//! What a request body may cost the server: who may send one, how large, and how slowly.
//!
//! One middleware, wrapped outside the CSRF check (the first reader of a form body), so that
//! before any byte of a body is read:
//! - an unsafe request to a route that needs a session, from a visitor who has none (neither
//!   live nor timed out), is refused: someone without an account cannot make the server read
//!   a body it will throw away;
//! - a declared `Content-Length` larger than any route of its kind accepts is refused (413).
//!
//! Then the body itself is bounded as it streams: it ends in an overflow (413) one chunk past
//! that size, and in a timeout (408) once `CONCORD_BODY_SECONDS` have passed, so a chunked or
//! trickled body cannot hold memory or a connection longer than that. The finer limits (parts,
//! names, files) are `web::forms`'s. This module reads no body and decides no permission.

use std::cell::RefCell;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{FromRequest, HttpMessage};
use futures_util::Stream;

use super::contributions::{FILE_MAX_BYTES, FILES_PER_REQUEST};
use super::error::AppError;
use super::session::{self, Visitor};
use crate::paths;

/// The largest body that is not multipart: every form but the contribution form.
pub const FORM_LIMIT: usize = 2 * 1024 * 1024;

/// The most fields an URL-encoded form may carry: far beyond any form of Concord's, and a
/// bound on what parsing it may hold (2 MB of `a=&` would otherwise be ~700,000 pairs of
/// strings, some 50 MB).
pub const FORM_FIELDS: usize = 2_000;

/// The text a multipart form may carry besides its files: values, names and file names, each
/// part also counted for what keeping it costs (`web::forms`).
pub const MULTIPART_TEXT_LIMIT: usize = 2 * 1024 * 1024;

/// The largest multipart body: the contribution form's files and text, and room for the
/// boundaries and part headers around them.
pub const MULTIPART_LIMIT: usize =
    FILES_PER_REQUEST * FILE_MAX_BYTES + MULTIPART_TEXT_LIMIT + 1024 * 1024;

/// The routes (as registered) that anyone may send an unsafe request to: signing in or up,
/// the first administrator, the language, signing out. Every other unsafe route needs a
/// session, and is refused unread without one.
const OPEN_TO_ANYONE: [&str; 8] = [
    "/login",
    "/register",
    "/setup",
    "/language",
    "/logout",
    // The links mails carry, followed by people who are not signed in.
    "/account/forgot",
    "/account/reset/{token}",
    "/account/confirm/{token}",
];

/// The contribution form's autosave answers a visitor without a session 401 (the script
/// reads the status); the other routes send them to sign in, but for the forms that carry a
/// person's writing (`web::keep::WRITING`), whose text is read to be given back.
const SIGNED_OUT_ANSWERED_401: [&str; 1] = ["/p/{process}/contributions/autosave"];

/// The most a writing form sent without a session is read (`web::keep`): its text within the
/// multipart text budget, and room for the boundaries and part headers around it. Files past
/// that are not read, and the page that gives the text back says they were dropped.
pub const SIGNED_OUT_MULTIPART_LIMIT: usize = MULTIPART_TEXT_LIMIT + 64 * 1024;

/// The middleware: admits the request or refuses it unread (localised here, being outside
/// `localise_errors`), then hands the handler its body bounded.
pub async fn guard(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<Keeping>, actix_web::Error> {
    let seconds = session::state(req.request())?.settings.body_seconds;
    let fields = (req.content_type() == "application/x-www-form-urlencoded").then_some(FORM_FIELDS);
    let admitted = admit(&req).await;
    let limit = match admitted {
        Ok(Admitted::SignedOutWriting) => limit_signed_out(&req),
        _ => limit_of(&req),
    };
    let body = Rc::new(RefCell::new(Bounded::new(
        req.take_payload(),
        limit,
        fields,
        Duration::from_secs(seconds),
    )));
    if let Err(refusal) = admitted {
        tracing::info!(path = %req.path(), reason = %refusal, "request refused before its body");
        let user = Visitor::of_request(req.request());
        let lang = super::page::language_of(req.request(), user.as_ref().and_then(|v| v.user()));
        let page = refusal.page(lang);
        return Ok(keeping(req.into_response(page), body));
    }
    let shared: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> =
        Box::pin(Shared(body.clone()));
    req.set_payload(Payload::from(shared));
    Ok(keeping(next.call(req).await?, body))
}

/// A response body that keeps the request's body stream until the response is sent. Left
/// unread then, the server closes the connection (after a short linger) instead of reading
/// the rest of a refused body to drain it, which it does for a chunked body it sees dropped.
pub struct Keeping {
    body: BoxBody,
    _request_body: Rc<RefCell<Bounded>>,
}

fn keeping(
    response: ServiceResponse<impl MessageBody + 'static>,
    request_body: Rc<RefCell<Bounded>>,
) -> ServiceResponse<Keeping> {
    response.map_body(|_, body| Keeping {
        body: body.boxed(),
        _request_body: request_body,
    })
}

impl MessageBody for Keeping {
    type Error = Box<dyn std::error::Error>;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_next(cx)
    }
}

/// The bounded body as the handler reads it, shared with the response that keeps it.
struct Shared(Rc<RefCell<Bounded>>);

impl Stream for Shared {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Pin::new(&mut *self.0.borrow_mut()).poll_next(cx)
    }
}

/// How a request is admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Admitted {
    /// Within the limits of its kind.
    Normal,
    /// A writing form without a session: read only up to its text, to be given back
    /// (`web::keep`); a multipart one whatever length it declares (its files are dropped).
    SignedOutWriting,
}

/// Whether the request may have its body read at all, and how much of it.
async fn admit(req: &ServiceRequest) -> Result<Admitted, AppError> {
    let admitted = if super::csrf::is_unsafe(req.method()) {
        session_first(req).await?
    } else {
        Admitted::Normal
    };
    // Its text comes first: read up to it whatever the files after it declare.
    if admitted == Admitted::SignedOutWriting && req.content_type().starts_with("multipart/") {
        return Ok(admitted);
    }
    let limit = limit_of(req);
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(length) if length > limit as u64 => Err(AppError::PayloadTooLarge),
        _ => Ok(admitted),
    }
}

/// Refuses a visitor without a session on a route that needs one. The visitor is looked up
/// once per request (`Visitor`), so the handler reuses this lookup.
async fn session_first(req: &ServiceRequest) -> Result<Admitted, AppError> {
    // Unknown paths go on to their 404.
    let Some(pattern) = req.resource_map().match_pattern(req.path()) else {
        return Ok(Admitted::Normal);
    };
    if OPEN_TO_ANYONE.contains(&pattern.as_str()) {
        return Ok(Admitted::Normal);
    }
    let visitor = match Visitor::from_request(req.request(), &mut Payload::None).await {
        Ok(visitor) => visitor,
        // The database cannot tell who holds this session cookie: the handler, as unable to
        // save, gives the text back (`web::kept`), so the body is read within its limits.
        Err(AppError::StorageUnavailable { .. }) => return Ok(Admitted::Normal),
        Err(other) => return Err(other),
    };
    // A timed-out session still writes: its text is kept as its author's draft, or given
    // back (`web::keep`).
    if visitor.user().is_some() || visitor.expired().is_some() {
        return Ok(Admitted::Normal);
    }
    if super::keep::form_of(&pattern).is_some() {
        return Ok(Admitted::SignedOutWriting);
    }
    if SIGNED_OUT_ANSWERED_401.contains(&pattern.as_str()) {
        Err(AppError::SignedOut)
    } else {
        Err(AppError::SignInRequired {
            next: paths::home(),
        })
    }
}

/// The most a writing form sent without a session is read.
fn limit_signed_out(req: &ServiceRequest) -> usize {
    if req.content_type().starts_with("multipart/") {
        SIGNED_OUT_MULTIPART_LIMIT
    } else {
        FORM_LIMIT
    }
}

/// The largest body a request of this content type may send.
fn limit_of(req: &ServiceRequest) -> usize {
    if req.content_type().starts_with("multipart/") {
        MULTIPART_LIMIT
    } else {
        FORM_LIMIT
    }
}

/// A body that ends in an error past `limit` bytes, past its fields' bound (URL-encoded
/// bodies: fields are counted by their separators as they arrive), or after its deadline.
pub struct Bounded {
    inner: Payload,
    read: usize,
    limit: usize,
    separators_left: Option<usize>,
    deadline: Pin<Box<tokio::time::Sleep>>,
    ended: bool,
}

impl Bounded {
    fn new(inner: Payload, limit: usize, fields: Option<usize>, within: Duration) -> Self {
        Self {
            inner,
            read: 0,
            limit,
            separators_left: fields.map(|n| n.saturating_sub(1)),
            deadline: Box::pin(tokio::time::sleep(within)),
            ended: false,
        }
    }

    fn end(&mut self, error: PayloadError) -> Poll<Option<Result<Bytes, PayloadError>>> {
        self.ended = true;
        Poll::Ready(Some(Err(error)))
    }
}

impl Stream for Bounded {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.ended {
            return Poll::Ready(None);
        }
        if this.deadline.as_mut().poll(cx).is_ready() {
            return this.end(PayloadError::Io(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the request body did not arrive in time",
            )));
        }
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                this.read += chunk.len();
                if this.read > this.limit {
                    return this.end(PayloadError::Overflow);
                }
                if let Some(left) = this.separators_left {
                    let separators = chunk.iter().filter(|b| **b == b'&').count();
                    match left.checked_sub(separators) {
                        Some(rest) => this.separators_left = Some(rest),
                        None => return this.end(PayloadError::Overflow),
                    }
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(None) => {
                this.ended = true;
                Poll::Ready(None)
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use futures_util::StreamExt;

    use super::*;

    fn body(chunks: Vec<&'static [u8]>) -> Payload {
        let stream = futures_util::stream::iter(
            chunks
                .into_iter()
                .map(|c| Ok::<_, PayloadError>(Bytes::from_static(c))),
        );
        Payload::from(Box::pin(stream) as Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>>)
    }

    #[actix_web::test]
    async fn a_body_ends_one_chunk_past_its_limit() {
        let mut bounded = Bounded::new(
            body(vec![b"12345", b"67890", b"never read"]),
            8,
            None,
            Duration::from_secs(60),
        );
        assert_eq!(
            bounded.next().await.and_then(Result::ok).as_deref(),
            Some(&b"12345"[..])
        );
        assert!(matches!(
            bounded.next().await,
            Some(Err(PayloadError::Overflow))
        ));
        assert!(bounded.next().await.is_none());
    }

    #[actix_web::test]
    async fn a_form_ends_at_its_field_beyond_the_bound() {
        // Three fields pass; the fourth (a third separator) ends the body.
        let mut three = Bounded::new(
            body(vec![b"a=1&b=", b"2&c=3"]),
            100,
            Some(3),
            Duration::from_secs(60),
        );
        assert!(three.next().await.is_some_and(|c| c.is_ok()));
        assert!(three.next().await.is_some_and(|c| c.is_ok()));
        assert!(three.next().await.is_none());
        let mut four = Bounded::new(
            body(vec![b"a=1&b=2", b"&c=3&d=4"]),
            100,
            Some(3),
            Duration::from_secs(60),
        );
        assert!(four.next().await.is_some_and(|c| c.is_ok()));
        assert!(matches!(
            four.next().await,
            Some(Err(PayloadError::Overflow))
        ));
    }

    #[actix_web::test]
    async fn a_body_that_never_comes_times_out() {
        let pending = futures_util::stream::pending::<Result<Bytes, PayloadError>>();
        let payload = Payload::from(
            Box::pin(pending) as Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>>
        );
        let mut bounded = Bounded::new(payload, 8, None, Duration::from_millis(20));
        match bounded.next().await {
            Some(Err(e)) => assert!(matches!(
                AppError::from_payload(&e, "unreadable form"),
                AppError::RequestTimeout
            )),
            other => panic!("expected a timeout, got {other:?}"),
        }
    }
}
