//! The secretariat's attendance page of an event: the list with its filter and counts, a
//! check-in button (and its undo) per person, a walk-in by address, and the sign-in sheet's
//! import. Handlers only: the work is `app::events::{attendance, sheet}`.

use actix_multipart::Multipart;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::app::events::attendance::AttendanceView;
use crate::app::events::sheet::Imported;
use crate::app::{self, Person};
use crate::domain::attendance::{BadRow, SHEET_MAX_BYTES, SHEET_MAX_ROWS};
use crate::paths;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::forms::{Fields, Limits};
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::SignedIn;

#[derive(Template)]
#[template(path = "events/attendance.html")]
struct AttendancePage {
    ctx: Ctx,
    view: AttendanceView,
    /// The walk-in's address as typed.
    email: String,
    errors: FieldErrors,
    /// The rows of a refused sheet.
    bad_rows: Vec<BadRow>,
}

impl AttendancePage {
    fn sheet_hint(&self) -> String {
        self.ctx.lang.t_with(
            "sheet-field-hint",
            &[
                ("kilobytes", (SHEET_MAX_BYTES / 1024).to_string()),
                ("rows", SHEET_MAX_ROWS.to_string()),
            ],
        )
    }

    fn bad_row(&self, row: &BadRow) -> String {
        self.ctx.lang.t_with(
            row.problem.key(),
            &[("line", row.line.to_string()), ("email", row.email.clone())],
        )
    }
}

#[derive(Debug, Deserialize)]
pub struct NameFilter {
    #[serde(default)]
    name: String,
}

/// Shows the page: `email`, `errors` and `bad_rows` say what a refused form held.
async fn show_page(
    ctx: Ctx,
    state: &AppState,
    person: Person,
    (slug, event): (String, i64),
    filter: String,
    form: (String, FieldErrors, Vec<BadRow>),
) -> Result<HttpResponse, AppError> {
    let view = state
        .run(move |conn| app::events::attendance::page(conn, person, &slug, event, &filter))
        .await?;
    let (email, errors, bad_rows) = form;
    let refused = !errors.is_empty() || !bad_rows.is_empty();
    let page = AttendancePage {
        ctx,
        view,
        email,
        errors,
        bad_rows,
    };
    if refused {
        page::invalid(&page)
    } else {
        page::ok(&page)
    }
}

#[get("/{event}/attendance")]
pub async fn attendance(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
    query: web::Query<NameFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = query.into_inner().name;
    let empty = (String::new(), FieldErrors::default(), Vec::new());
    show_page(ctx, &state, user.person(), path.into_inner(), filter, empty).await
}

/// The account a row's button names.
fn account_of(body: &[(String, String)]) -> Result<i64, AppError> {
    body.iter()
        .find(|(k, _)| k == "account")
        .and_then(|(_, v)| v.trim().parse().ok())
        .ok_or(AppError::BadRequest("no account"))
}

async fn check(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
    body: web::Form<Vec<(String, String)>>,
    attended: bool,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, event) = path.into_inner();
    let account = account_of(&body)?;
    let at = slug.clone();
    state
        .run(move |conn| {
            app::events::attendance::check_in(conn, person, &at, event, account, attended)
        })
        .await?;
    let notice = if attended {
        "checked-in"
    } else {
        "check-in-undone"
    };
    Ok(page::see_other(&format!(
        "{}?notice={notice}#attendee-{account}",
        paths::event_attendance(&slug, event)
    )))
}

#[post("/{event}/attendance/check-in")]
pub async fn check_in(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    check(user, state, path, body, true).await
}

#[post("/{event}/attendance/undo")]
pub async fn undo(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    check(user, state, path, body, false).await
}

#[post("/{event}/attendance/walk-in")]
pub async fn walk_in(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, event) = path.into_inner();
    let email = body
        .iter()
        .find(|(k, _)| k == "email")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let (at, typed) = (slug.clone(), email.clone());
    let done = state
        .run(move |conn| app::events::attendance::walk_in(conn, person, &at, event, &typed))
        .await;
    match done {
        Ok(()) => Ok(page::see_other(&format!(
            "{}?notice=walk-in-recorded",
            paths::event_attendance(&slug, event)
        ))),
        Err(app::Error::Invalid(errors)) => {
            let form = (email, errors, Vec::new());
            show_page(ctx, &state, person, (slug, event), String::new(), form).await
        }
        Err(other) => Err(other.into()),
    }
}

/// One CSV file, with room for its part's headers; a larger one is refused unread (413),
/// one within this but past the sheet's own limit is told so beside the field.
const LIMITS: Limits = Limits {
    text_bytes: 64 * 1024,
    file_bytes: 2 * SHEET_MAX_BYTES,
    files: 1,
    parts: 8,
};

#[post("/{event}/attendance/import")]
pub async fn import(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, event) = path.into_inner();
    let fields = Fields::from_multipart(multipart, LIMITS).await?;
    let bytes = fields
        .files
        .into_iter()
        .find(|f| f.field == "sheet")
        .map(|f| f.content)
        .unwrap_or_default();
    let at = slug.clone();
    let done = state
        .run(move |conn| app::events::sheet::import(conn, person, &at, event, &bytes))
        .await;
    let form = match done {
        Ok(Imported::Recorded { .. }) => {
            return Ok(page::see_other(&format!(
                "{}?notice=sheet-imported",
                paths::event_attendance(&slug, event)
            )));
        }
        Ok(Imported::Refused(bad)) => {
            let mut errors = FieldErrors::default();
            errors.add("sheet", "sheet-error-bad-rows");
            (String::new(), errors, bad)
        }
        Err(app::Error::Invalid(errors)) => (String::new(), errors, Vec::new()),
        Err(other) => return Err(other.into()),
    };
    show_page(ctx, &state, person, (slug, event), String::new(), form).await
}
