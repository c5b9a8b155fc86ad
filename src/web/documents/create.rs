//! Starting documents: a group's report, the Chair's summary, the draft. The use cases in
//! `app::documents::start` do the work; these handlers only send the person on to the
//! working copy.

use actix_web::{HttpResponse, post, web};

use crate::app::documents::start;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page;
use crate::web::session::SignedIn;

/// Kept for `web::proposals::groups`, which still imports the slug from here; the slug now
/// lives in the domain.
pub use crate::domain::documents::group_report_slug;

/// Starts the group's report (once), from its accepted proposals.
#[post("/p/{process}/groups/{number}/report")]
pub async fn start_group_report(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i32)>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, number) = path.into_inner();
    let person = user.person();
    let location = state
        .run(move |conn| start::start_group_report(conn, person, &process_slug, number))
        .await?;
    Ok(page::see_other(&location))
}

/// Compiles the Chair's summary (once) from the published reports and accepted proposals.
#[post("/p/{process}/documents/chairs-summary/compile")]
pub async fn compile_chairs_summary(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let process_slug = path.into_inner();
    let person = user.person();
    let location = state
        .run(move |conn| start::compile_chairs_summary(conn, person, &process_slug))
        .await?;
    Ok(page::see_other(&location))
}

/// Starts the draft (once) with its headings and the guiding principles.
#[post("/p/{process}/documents/draft/start")]
pub async fn start_draft(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let process_slug = path.into_inner();
    let person = user.person();
    let location = state
        .run(move |conn| start::start_draft(conn, person, &process_slug))
        .await?;
    Ok(page::see_other(&location))
}
