//! Never lose a text: a writing form sent after its session ended, or with a CSRF token that
//! no longer matches because its writer signed in again in another tab, comes back with every
//! field instead of an error page that throws the text away.
//!
//! - Signed out (no session, or one that ended): 401, a page that says what happened, shows a
//!   read-only copy of the text to copy, and holds a sign-in form that carries every field as
//!   hidden inputs. Once signed in, the form comes back filled, with a fresh token, to be
//!   checked and sent again: nothing is submitted by signing in.
//! - Signed in, token stale: 403, the form again filled with a fresh token.
//!
//! The routes whose forms carry a person's writing are listed once, here (`WRITING`): only
//! they are read without a session (`web::bodies`, within the normal text limits; files of a
//! signed-out post are dropped, and the page says so). Carried fields are only ever shown
//! again: the address a form goes back to must be one of these routes (never an open
//! redirect), and the form sent again runs the route's own checks, permissions included.
//! A request another site sends is refused as before (`web::csrf`), never answered with a
//! form filled with its text.

use actix_multipart::Multipart;
use actix_web::dev::{Payload, ServiceRequest};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use askama::Template;

use super::bodies::MULTIPART_TEXT_LIMIT;
use super::error::AppError;
use super::forms::{Fields, TextOnly};
use super::page::{self, Ctx};
use super::session::Visitor;
use crate::domain::proposals::text::Field;

/// A form that carries a person's writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Contribution,
    Proposal,
    Note,
    Decision,
    NodeText,
    NewNode,
    DocumentDetails,
}

/// The routes (as registered) whose forms carry a person's writing, and their form: the one
/// list of what `web::bodies` reads without a session and this module gives back.
pub const WRITING: [(&str, Form); 9] = [
    ("/p/{process}/contributions/new", Form::Contribution),
    ("/p/{process}/contributions/drafts/{id}", Form::Contribution),
    ("/p/{process}/proposals/new", Form::Proposal),
    ("/p/{process}/proposals/drafts/{id}", Form::Proposal),
    (
        "/p/{process}/groups/{number}/review/{reference}/notes",
        Form::Note,
    ),
    (
        "/p/{process}/groups/{number}/review/{reference}/decision",
        Form::Decision,
    ),
    (
        "/p/{process}/documents/{document}/nodes/{key}",
        Form::NodeText,
    ),
    ("/p/{process}/documents/{document}/nodes", Form::NewNode),
    (
        "/p/{process}/documents/{document}/details",
        Form::DocumentDetails,
    ),
];

/// The form of a route pattern, if it carries writing.
pub fn form_of(pattern: &str) -> Option<Form> {
    WRITING
        .iter()
        .find(|(route, _)| *route == pattern)
        .map(|(_, form)| *form)
}

/// The writing form a local path is sent to, if it is one (a path of the route table, never
/// another site's).
fn form_at(req: &HttpRequest, path: &str) -> Option<Form> {
    let local = path.starts_with('/')
        && page::safe_next(Some(path)) == path
        && !path.contains(['?', '#', '\\']);
    if !local {
        return None;
    }
    req.resource_map()
        .match_pattern(path)
        .and_then(|pattern| form_of(&pattern))
}

/// A field shown with its label; every other field the form keeps is carried unseen.
pub struct Shown {
    pub name: &'static str,
    pub label: String,
    pub long: bool,
}

impl Shown {
    fn new(name: &'static str, label: &str, long: bool) -> Self {
        Self {
            name,
            label: label.to_string(),
            long,
        }
    }
}

/// A button of a form sent again: the first is the one Enter presses.
pub struct Button {
    pub name: &'static str,
    pub value: &'static str,
    pub label: &'static str,
    /// What pressing it does, said beside it.
    pub hint: Option<&'static str>,
}

impl Form {
    fn multipart(self) -> bool {
        self == Form::Contribution
    }

    /// A text sent from a session that timed out is kept as its author's draft by the form's
    /// own handler, which needs nothing from here.
    fn drafts_when_expired(self) -> bool {
        matches!(self, Form::Contribution | Form::Proposal)
    }

    fn shown(self) -> Vec<Shown> {
        match self {
            Form::Contribution => vec![
                Shown::new("title", "field-contribution-title", false),
                Shown::new("body", "field-contribution-body", true),
            ],
            Form::Proposal => Field::ALL
                .into_iter()
                .map(|field| Shown {
                    name: field.name(),
                    label: field.label_key(),
                    long: field != Field::Title,
                })
                .collect(),
            Form::Note => vec![Shown::new("body", "review-note", true)],
            Form::Decision => vec![
                Shown::new("rationale", "review-rationale", true),
                Shown::new("target", "review-target", false),
            ],
            Form::NodeText | Form::NewNode => {
                vec![Shown::new("text", "document-node-text", true)]
            }
            Form::DocumentDetails => vec![
                Shown::new("title", "document-details-title", false),
                Shown::new("symbol", "document-details-symbol", false),
            ],
        }
    }

    /// The fields carried along unseen (ticked groups and themes, the version a text started
    /// from, the note answered…); anything else a request sends is not kept.
    fn carried(self) -> &'static [&'static str] {
        match self {
            Form::Contribution => &["group", "theme", "remove_file"],
            Form::Proposal => &["group", "theme", "base_version"],
            Form::Note => &["parent"],
            Form::Decision => &["decision", "version"],
            Form::NodeText => &["base", "version"],
            Form::NewNode => &["after", "kind"],
            Form::DocumentDetails => &["language", "base_title", "base_symbol", "base_language"],
        }
    }

    /// The buttons the form is sent again with, the safe one first; none: one "send again".
    fn buttons(self) -> &'static [Button] {
        match self {
            Form::Contribution => &[
                Button {
                    name: "action",
                    value: "save",
                    label: "contribution-save-draft",
                    hint: None,
                },
                Button {
                    name: "action",
                    value: "submit",
                    label: "contribution-submit",
                    hint: Some("contribution-submit-hint"),
                },
            ],
            Form::Proposal => &[
                Button {
                    name: "intent",
                    value: "save",
                    label: "proposal-save-draft",
                    hint: None,
                },
                Button {
                    name: "intent",
                    value: "submit",
                    label: "proposal-submit",
                    hint: Some("proposal-submit-hint"),
                },
            ],
            _ => &[],
        }
    }

    fn keeps(self, name: &str) -> bool {
        self.shown().iter().any(|s| s.name == name) || self.carried().contains(&name)
    }
}

/// A form's fields carried back to its writer.
pub struct Carried {
    form: Form,
    /// Where the form goes again: a path of `WRITING`.
    pub action: String,
    pairs: Vec<(String, String)>,
    /// Files were sent and not kept.
    pub files_dropped: bool,
}

/// A shown field with its value, for the templates.
pub struct ShownValue {
    pub name: &'static str,
    pub label: String,
    pub long: bool,
    pub value: String,
    pub id: String,
}

/// The prefix of a carried field in the sign-in form, and the field naming the form's path.
const CARRIED_PREFIX: &str = "keep.";
const CARRIED_TO: &str = "keep_to";
const CARRIED_FILES_DROPPED: &str = "keep_files_dropped";

impl Carried {
    fn new(form: Form, action: String, pairs: Vec<(String, String)>, files_dropped: bool) -> Self {
        let pairs = pairs
            .into_iter()
            .filter(|(name, _)| form.keeps(name))
            .map(|(name, value)| (name, value.replace("\r\n", "\n")))
            .collect();
        Self {
            form,
            action,
            pairs,
            files_dropped,
        }
    }

    /// The fields a sign-in form carried, when they name a writing form of this server.
    pub fn from_sign_in(req: &HttpRequest, pairs: &[(String, String)]) -> Option<Self> {
        let to = pairs.iter().find(|(k, _)| k == CARRIED_TO)?.1.clone();
        let form = form_at(req, &to)?;
        let carried = pairs
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix(CARRIED_PREFIX)?.to_string(), v.clone())))
            .collect();
        let dropped = pairs.iter().any(|(k, _)| k == CARRIED_FILES_DROPPED);
        Some(Self::new(form, to, carried, dropped))
    }

    pub fn multipart(&self) -> bool {
        self.form.multipart()
    }

    pub fn shown(&self) -> Vec<ShownValue> {
        self.form
            .shown()
            .into_iter()
            .map(|shown| ShownValue {
                value: self
                    .pairs
                    .iter()
                    .find(|(k, _)| k == shown.name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
                id: format!("kept-{}", shown.name),
                name: shown.name,
                label: shown.label,
                long: shown.long,
            })
            .collect()
    }

    /// Every field carried unseen, repeated ones each time.
    pub fn hidden(&self) -> Vec<(&str, &str)> {
        self.pairs
            .iter()
            .filter(|(k, _)| self.form.carried().contains(&k.as_str()))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    /// Every field, shown or not, as the sign-in form carries it.
    pub fn all(&self) -> Vec<(String, &str)> {
        self.pairs
            .iter()
            .map(|(k, v)| (format!("{CARRIED_PREFIX}{k}"), v.as_str()))
            .collect()
    }

    pub fn buttons(&self) -> &'static [Button] {
        self.form.buttons()
    }

    /// Whether the form, sent again, may carry files again.
    pub fn takes_files(&self) -> bool {
        self.form.multipart()
    }

    pub fn to_field(&self) -> &'static str {
        CARRIED_TO
    }

    pub fn files_dropped_field(&self) -> &'static str {
        CARRIED_FILES_DROPPED
    }
}

/// Why a writing form comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Again {
    /// The writer is signed in, but the form was opened under an earlier session (403).
    StaleToken,
    /// The writer has just signed in from the page that kept their text (200).
    SignedIn,
}

#[derive(Template)]
#[template(path = "keep/again.html")]
struct AgainPage<'a> {
    ctx: Ctx,
    carried: &'a Carried,
    message: &'static str,
    /// The page's answer to a refused request, for whoever reads it by machine.
    refused: bool,
}

/// The writing form again, filled, with the page's fresh token: to be checked and sent again.
pub fn again(ctx: Ctx, carried: &Carried, why: Again) -> Result<HttpResponse, AppError> {
    let (message, status) = match why {
        Again::StaleToken => ("keep-stale-token", StatusCode::FORBIDDEN),
        Again::SignedIn => ("keep-signed-in-check", StatusCode::OK),
    };
    page::render(
        &AgainPage {
            ctx,
            carried,
            message,
            refused: why == Again::StaleToken,
        },
        status,
    )
}

#[derive(Template)]
#[template(path = "keep/signed_out.html")]
struct SignedOutPage<'a> {
    ctx: Ctx,
    carried: &'a Carried,
    email: String,
    /// What went wrong with the last sign-in, if one was tried.
    problem: Option<&'static str>,
}

/// What became of a sign-in tried from the page that keeps a text.
pub enum Tried<'a> {
    /// None yet: the text has just come back.
    Not,
    /// The address and password did not match.
    Failed,
    /// Turned away before its password was checked (too many attempts, too busy).
    Refused(&'a AppError),
}

/// The text of a form sent without a session: a copy to read, and a sign-in form that carries
/// it, saying what became of a sign-in tried from it (its status and message).
pub fn signed_out(
    ctx: Ctx,
    carried: &Carried,
    email: String,
    tried: Tried<'_>,
) -> Result<HttpResponse, AppError> {
    let (status, problem, retry_after) = match tried {
        Tried::Not => (StatusCode::UNAUTHORIZED, None, None),
        Tried::Refused(AppError::TooManyRequests { retry_after_secs }) => (
            StatusCode::TOO_MANY_REQUESTS,
            Some("error-too-many-body"),
            Some(*retry_after_secs),
        ),
        Tried::Refused(AppError::Busy { retry_after_secs }) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Some("error-busy-body"),
            Some(*retry_after_secs),
        ),
        Tried::Failed | Tried::Refused(_) => {
            (StatusCode::UNAUTHORIZED, Some("error-sign-in-failed"), None)
        }
    };
    let mut response = page::render(
        &SignedOutPage {
            ctx,
            carried,
            email,
            problem,
        },
        status,
    )?;
    if let Some(secs) = retry_after {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    Ok(response)
}

/// Called by the CSRF middleware for an unsafe request from this site: when it goes to a
/// writing form and would be refused (no signed-in writer, or a token that does not match),
/// the page that gives its text back; otherwise `None`, and the request goes on (or is
/// refused) as ever.
pub async fn rescue(
    req: &mut ServiceRequest,
    token_matches: bool,
) -> Result<Option<HttpResponse>, AppError> {
    let Some(form) = req
        .resource_map()
        .match_pattern(req.path())
        .and_then(|pattern| form_of(&pattern))
    else {
        return Ok(None);
    };
    // `web::bodies` looked the visitor up before the body; none kept means the database could
    // not say who this is (asking again would wait for it again): the handler gives the text
    // back as unsaved.
    let Some(visitor) = Visitor::of_request(req.request()) else {
        return Ok(None);
    };
    let signed_in = visitor.user().is_some();
    let handled = signed_in || (visitor.expired().is_some() && form.drafts_when_expired());
    if token_matches && handled {
        return Ok(None);
    }
    let Some(carried) = read(req, form).await? else {
        return Ok(None);
    };
    let ctx = Ctx::from_request(req.request(), &mut Payload::None).await?;
    tracing::info!(
        path = %req.path(),
        signed_in,
        files_dropped = carried.files_dropped,
        "a writing form came back to its writer"
    );
    // A body cut short is left unread: `web::bodies` keeps it until the answer is sent, and
    // the server then closes the connection rather than read on.
    let response = if signed_in {
        again(ctx, &carried, Again::StaleToken)?
    } else {
        signed_out(ctx, &carried, String::new(), Tried::Not)?
    };
    Ok(Some(response))
}

/// The fields of the request's form (`None` if it is neither URL-encoded nor multipart).
async fn read(req: &mut ServiceRequest, form: Form) -> Result<Option<Carried>, AppError> {
    let action = req.path().to_string();
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let body =
            req.extract::<web::Bytes>().await.map_err(|e| match e
                .as_error::<actix_web::error::PayloadError>()
            {
                Some(payload) => AppError::from_payload(payload, "unreadable form"),
                None => AppError::PayloadTooLarge,
            })?;
        let fields = Fields::from_urlencoded(&body);
        return Ok(Some(Carried::new(
            form,
            action,
            fields.pairs().to_vec(),
            false,
        )));
    }
    if content_type.starts_with("multipart/form-data") {
        let multipart = req
            .extract::<Multipart>()
            .await
            .map_err(|_| AppError::BadRequest("unreadable upload"))?;
        let TextOnly {
            fields,
            files_dropped,
            cut,
        } = Fields::text_of_multipart(multipart, MULTIPART_TEXT_LIMIT, 2_000).await;
        // A body cut short was cut in its files (the text comes first in the form).
        let dropped = files_dropped || cut;
        return Ok(Some(Carried::new(
            form,
            action,
            fields.pairs().to_vec(),
            dropped,
        )));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_writing_form_keeps_its_text_fields_and_no_token() {
        for (route, form) in WRITING {
            assert!(!form.shown().is_empty(), "{route} shows its text");
            assert!(!form.keeps("csrf_token"), "{route} carries no token");
            assert!(!form.keeps("keep_to"));
            for button in form.buttons() {
                assert!(
                    !form.keeps(button.name),
                    "{route}: buttons are offered again"
                );
            }
        }
    }

    #[test]
    fn the_first_button_offered_again_is_never_the_public_submission() {
        for (route, form) in WRITING {
            if let Some(first) = form.buttons().first() {
                assert_ne!(first.value, "submit", "{route}");
            }
        }
    }

    #[test]
    fn only_the_fields_of_the_form_are_carried() {
        let carried = Carried::new(
            Form::Note,
            "/p/x/groups/1/review/R/notes".into(),
            vec![
                ("body".into(), "line one\r\nline two".into()),
                ("parent".into(), "3".into()),
                ("csrf_token".into(), "stale".into()),
                ("is_admin".into(), "true".into()),
            ],
            false,
        );
        assert_eq!(carried.shown()[0].value, "line one\nline two");
        assert_eq!(carried.hidden(), [("parent", "3")]);
        assert_eq!(carried.all().len(), 2);
    }
}
