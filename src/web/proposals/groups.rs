//! The page of one action group: its rapporteurs and moderators, its submitted proposals,
//! the way to its review queue for its reviewers, and its report: a link once it exists, and
//! for those who edit it, the button that compiles it from the accepted proposals. What it
//! shows comes from `app::proposals::groups`.

use actix_web::{HttpResponse, get, web};
use askama::Template;

use crate::app::proposals::groups::{self as app_groups, GroupReport, GroupView};
use crate::domain::roles::Role;
use crate::paths;
use crate::store::keyset::Total;
use crate::store::processes::{ActionGroup, Process};
use crate::store::roles::Assignment;
use crate::web::AppState;
use crate::web::documents::create::group_report_slug;
use crate::web::error::AppError;
use crate::web::page::Ctx;
use crate::web::pagecache::{self, Kept, Rows, Slot};
use crate::web::session::Visitor;

#[derive(Template)]
#[template(path = "proposals/group.html")]
struct GroupPage {
    ctx: Ctx,
    process: Process,
    group: ActionGroup,
    outline: std::sync::Arc<crate::app::outline::Outline>,
    people: Vec<(Role, Assignment)>,
    /// The first page's rows, rendered (`list::rendered_rows`).
    rows: Vec<std::sync::Arc<Kept>>,
    total: Total,
    more_pages: bool,
    can_submit: bool,
    can_review: bool,
    can_edit_report: bool,
    report: Option<ReportLink>,
}

/// The group's report, where a visitor may read it.
struct ReportLink {
    path: String,
    title: String,
    published: bool,
}

impl ReportLink {
    /// Its published revisions for all; its working copy for those who draft or review it.
    fn of(process: &Process, report: GroupReport) -> ReportLink {
        let base = paths::document(&process.slug, &report.document_slug);
        ReportLink {
            path: if report.published {
                base
            } else {
                format!("{base}?view=working")
            },
            title: report.title,
            published: report.published,
        }
    }
}

impl GroupPage {
    fn has_more(&self) -> bool {
        self.more_pages
    }
}

#[get("/p/{process}/groups/{number}")]
pub async fn group_page(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (slug, number) = path.into_inner();
    let number: i32 = number.parse().map_err(|_| AppError::NotFound)?;
    let filling = match pagecache::look(&state, &ctx, &slug, true).await? {
        Slot::Served(page) => return Ok(page),
        Slot::Render(filling) => filling,
    };
    let person = visitor.person();
    let report_slug = group_report_slug(number);
    let view: GroupView = state
        .run(move |conn| app_groups::group(conn, person, &slug, number, &report_slug))
        .await?;
    let report = view.report.map(|r| ReportLink::of(&view.process, r));
    let held = Rows::none(ctx.lang.code(), super::list::row_of);
    let rows = super::list::rendered_rows(&state, &ctx, &view.process, &view.list, held)?;
    filling.render(&state, ctx, |ctx| GroupPage {
        ctx,
        process: view.process,
        group: view.group,
        outline: view.outline,
        people: view.people,
        rows,
        total: view.list.total,
        more_pages: view.list.next,
        can_submit: view.can_submit,
        can_review: view.can_review,
        can_edit_report: view.can_edit_report,
        report,
    })
}
