//! A process's administration page: accreditation requests, role assignments, late
//! submissions, audit log. The use cases are in `app::admin::people`.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::app;
use crate::app::admin::people::{AssignForm, LateForm, ProcessAdmin};
use crate::domain::permissions::{Action, Actor, can};
use crate::domain::phases::PhaseKind;
use crate::domain::roles::{Role, StakeholderCategory};
use crate::paths;
use crate::store::audit::LoggedEntry;
use crate::store::processes::Process;
use crate::store::roles::{Assignment, PendingRequest};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::processes::{PhaseView, phase_views};
use crate::web::session::SignedIn;

#[derive(Template)]
#[template(path = "admin/process.html")]
struct ProcessAdminPage {
    ctx: Ctx,
    process: Process,
    phases: Vec<PhaseView>,
    pending: Vec<PendingRequest>,
    assignments: Vec<Assignment>,
    actor: Actor,
    form: AssignForm,
    errors: FieldErrors,
}

impl ProcessAdminPage {
    fn phase_kinds(&self) -> [PhaseKind; 4] {
        PhaseKind::ALL
    }

    fn roles(&self) -> [Role; 6] {
        Role::ALL
    }

    fn can_assign(&self) -> bool {
        can(&self.actor, Action::AssignRoles)
    }

    fn can_accredit(&self) -> bool {
        can(&self.actor, Action::Accredit)
    }

    /// A participant without an organisation counts as "other".
    fn category_key(&self, category: &Option<StakeholderCategory>) -> String {
        category.unwrap_or(StakeholderCategory::Other).label_key()
    }

    fn role_key(&self, role: &Role) -> &'static str {
        role.label_key()
    }
}

/// The page, with the assignment form as typed and its errors (422 when there are some).
async fn admin_page(
    ctx: Ctx,
    user: &SignedIn,
    state: &AppState,
    slug: String,
    form: AssignForm,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let ProcessAdmin {
        process,
        structure,
        pending,
        assignments,
        actor,
    } = state
        .run(move |conn| app::admin::people::process_admin(conn, person, &slug))
        .await?;
    let page = ProcessAdminPage {
        phases: phase_views(&process, &structure),
        ctx,
        process,
        pending,
        assignments,
        actor,
        errors,
        form,
    };
    if page.errors.is_empty() {
        page::ok(&page)
    } else {
        page::invalid(&page)
    }
}

#[get("/processes/{process}")]
pub async fn process_admin(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (form, errors) = (AssignForm::default(), FieldErrors::default());
    admin_page(ctx, &user, &state, path.into_inner(), form, errors).await
}

#[derive(Debug, Deserialize)]
pub struct Decision {
    decision: String,
}

/// Accredits or refuses a waiting request.
#[post("/processes/{process}/accreditations/{account}")]
pub async fn decide_accreditation(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
    form: web::Form<Decision>,
) -> Result<HttpResponse, AppError> {
    let (slug, account_id) = path.into_inner();
    let accept = match form.decision.as_str() {
        "accredit" => true,
        "refuse" => false,
        _ => return Err(AppError::BadRequest("unknown decision")),
    };
    let person = user.person();
    let slug = state
        .run(move |conn| {
            app::admin::people::decide_accreditation(conn, person, &slug, account_id, accept)
        })
        .await?;
    Ok(page::see_other(&format!(
        "{}?notice=saved",
        paths::admin_process(&slug)
    )))
}

/// Assigns a role to the account with the given email.
#[post("/processes/{process}/roles")]
pub async fn assign(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<AssignForm>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let form = form.into_inner();
    let person = user.person();
    let (owned_slug, owned_form) = (slug.clone(), form.clone());
    let assigned = state
        .run(move |conn| app::admin::people::assign(conn, person, &owned_slug, &owned_form))
        .await;
    match assigned {
        Ok(slug) => Ok(page::see_other(&format!(
            "{}?notice=saved#roles",
            paths::admin_process(&slug)
        ))),
        Err(app::Error::Invalid(errors)) => {
            admin_page(ctx, &user, &state, slug, form, errors).await
        }
        Err(other) => Err(other.into()),
    }
}

/// Removes one role assignment.
#[post("/processes/{process}/roles/{assignment}/remove")]
pub async fn unassign(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let (slug, assignment_id) = path.into_inner();
    let person = user.person();
    let slug = state
        .run(move |conn| app::admin::people::unassign(conn, person, &slug, assignment_id))
        .await?;
    Ok(page::see_other(&format!(
        "{}?notice=saved#roles",
        paths::admin_process(&slug)
    )))
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    ctx: Ctx,
    process: Process,
    entries: Vec<LoggedEntry>,
}

#[get("/processes/{process}/audit")]
pub async fn audit_log(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (process, entries) = state
        .run(move |conn| app::admin::people::audit_log(conn, person, &path))
        .await?;
    page::ok(&AuditPage {
        ctx,
        process,
        entries,
    })
}

/// Lets one participant submit in a phase whose window has closed, until a given time.
#[post("/processes/{process}/late")]
pub async fn allow_late(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<LateForm>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let form = form.into_inner();
    let slug = state
        .run(move |conn| app::admin::people::allow_late(conn, person, &path, &form))
        .await?;
    Ok(page::see_other(&format!(
        "{}?notice=saved#late",
        paths::admin_process(&slug)
    )))
}
