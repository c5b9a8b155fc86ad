//! Who is asking: the session cookie, resolved against the sessions table once per request.
//!
//! A session ends when it is idle too long, reaches its absolute age, is signed out, or its
//! account is disabled; the row is removed then, so the cookie is worthless at once.

use std::rc::Rc;
use std::sync::Arc;

use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use chrono::TimeDelta;
use futures_util::future::LocalBoxFuture;

use super::AppState;
use super::error::AppError;
use crate::app::sessions::{self, Lifetime, Standing};
use crate::paths;
use crate::security::tokens;

pub const SESSION_COOKIE: &str = "concord_session";
/// Identifies a browser before it signs in, so its forms can carry a CSRF token.
pub const PRE_SESSION_COOKIE: &str = "concord_pre";
pub const LANG_COOKIE: &str = "concord_lang";

/// The signed-in person, as the pages need them.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub is_admin: bool,
    pub language: Option<String>,
    pub session_hash: String,
    /// Unread notifications when the session was looked up, up to
    /// `store::notifications::UNREAD_BOUND`: the navigation's count.
    pub unread: i64,
}

impl CurrentUser {
    /// The person a use case acts for.
    pub fn person(&self) -> crate::app::Person {
        crate::app::Person {
            account_id: self.id,
            is_admin: self.is_admin,
        }
    }
}

/// The visitor of this request: signed in or not.
#[derive(Debug, Clone, Default)]
pub struct Visitor(pub Option<Arc<CurrentUser>>, pub Option<ExpiredSession>);

/// A browser whose session ended by time (idle or too old) rather than by signing out: its
/// account is still known, so a text it sends can be kept as that account's draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpiredSession {
    pub account_id: i64,
}

impl Visitor {
    pub fn user(&self) -> Option<&CurrentUser> {
        self.0.as_deref()
    }

    /// The signed-in person, for a use case; `None` for anyone else.
    pub fn person(&self) -> Option<crate::app::Person> {
        self.user().map(CurrentUser::person)
    }

    /// The account of a session that timed out, when this browser had one.
    pub fn expired(&self) -> Option<ExpiredSession> {
        self.1
    }
}

impl FromRequest for Visitor {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let once = {
                let mut extensions = req.extensions_mut();
                match extensions.get::<Once>() {
                    Some(once) => once.clone(),
                    None => {
                        let once = Once::default();
                        extensions.insert(once.clone());
                        once
                    }
                }
            };
            once.get_or_try_init(|| resolve(&req)).await.cloned()
        })
    }
}

/// The visitor of one request, looked up once: actix polls a handler's extractors together,
/// so a page asking for `Ctx`, `SignedIn` and `Visitor` waits on a single lookup.
type Once = Rc<tokio::sync::OnceCell<Visitor>>;

impl Visitor {
    /// The visitor, if a handler or extractor has looked them up during this request.
    pub fn of_request(req: &HttpRequest) -> Option<Visitor> {
        req.extensions()
            .get::<Once>()
            .and_then(|once| once.get().cloned())
    }
}

async fn resolve(req: &HttpRequest) -> Result<Visitor, AppError> {
    let Some(token) = req.cookie(SESSION_COOKIE).map(|c| c.value().to_string()) else {
        return Ok(Visitor::default());
    };
    let state = state(req)?;
    let lifetime = Lifetime {
        idle: TimeDelta::minutes(state.settings.session_idle_minutes),
        max_age: TimeDelta::hours(state.settings.session_max_hours),
    };
    let hash = tokens::token_hash(&token);
    let session_hash = hash.clone();
    // Every signed-in request asks: a read by key, made on the worker (`read_now`), and the
    // rare write it calls for handed off as writes are.
    let (standing, upkeep) = state
        .read_now(move |conn| sessions::standing(conn, &session_hash, lifetime))
        .await?;
    if let Some(upkeep) = upkeep {
        let session_hash = hash.clone();
        state
            .run(move |conn| sessions::keep_up(conn, &session_hash, upkeep))
            .await?;
    }
    Ok(match standing {
        Standing::Active(holder) => Visitor(
            Some(Arc::new(CurrentUser {
                id: holder.account_id,
                email: holder.email,
                display_name: holder.display_name,
                is_admin: holder.is_admin,
                language: holder.language,
                session_hash: hash,
                unread: holder.unread,
            })),
            None,
        ),
        Standing::Expired { account_id } => Visitor(None, Some(ExpiredSession { account_id })),
        Standing::Unknown => Visitor::default(),
    })
}

pub fn state(req: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("application state missing")))
}

/// A signed-in visitor; anyone else is sent to the sign-in page and brought back after.
#[derive(Debug, Clone)]
pub struct SignedIn(pub Arc<CurrentUser>);

impl std::ops::Deref for SignedIn {
    type Target = CurrentUser;
    fn deref(&self) -> &CurrentUser {
        &self.0
    }
}

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let visitor = Visitor::from_request(req, payload);
        let next = if req.method() == actix_web::http::Method::GET {
            req.uri()
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_else(paths::home)
        } else {
            paths::home()
        };
        Box::pin(async move {
            match visitor.await?.0 {
                Some(user) => Ok(SignedIn(user)),
                None => Err(AppError::SignInRequired { next }),
            }
        })
    }
}

/// A cookie with the flags every Concord cookie has.
pub fn cookie(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .finish()
}

/// A cookie that removes `name`.
pub fn removal(name: &'static str, secure: bool) -> Cookie<'static> {
    let mut c = cookie(name, String::new(), secure);
    c.make_removal();
    c
}

/// A cookie kept for a year (language, known device).
pub fn lasting_cookie(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    let mut c = cookie(name, value, secure);
    c.set_max_age(time::Duration::days(365));
    c
}
