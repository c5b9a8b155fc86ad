//! A process's administration page: accreditation requests, role assignments, late
//! submissions, audit log. The use cases are in `app::admin::people`.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::app;
use crate::app::admin::people::AuditLog;
use crate::app::admin::people::{AssignForm, LateForm, ProcessAdmin};
use crate::domain::audit::{self, AuditQuery};
use crate::domain::permissions::{Action, Actor, can};
use crate::domain::phases::PhaseKind;
use crate::domain::roles::{Role, StakeholderCategory};
use crate::i18n::Lang;
use crate::paths;
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
    structure: crate::store::processes::Structure,
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

    fn roles(&self) -> [Role; 7] {
        Role::ALL
    }

    /// A translator's language.
    fn language_of(&self, assignment: &Assignment) -> Option<Lang> {
        assignment.language.as_deref().and_then(Lang::parse)
    }

    /// The languages a translator may be named for.
    fn languages(&self) -> [Lang; 6] {
        Lang::ALL
    }

    /// The first language the process's content may be translated into (not its own).
    fn first_translation(&self) -> Lang {
        let original = self.process.original_language();
        Lang::ALL
            .into_iter()
            .find(|lang| *lang != original)
            .unwrap_or(Lang::En)
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
        structure,
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
    log: AuditLog,
    query: AuditQuery,
}

impl AuditPage {
    fn actions(&self) -> &'static [&'static str] {
        &audit::ACTIONS
    }

    fn is_chosen(&self, action: &str) -> bool {
        self.log.filter.action == Some(action)
    }

    fn words_of(&self, action: &str) -> String {
        audit::action_key(action)
    }

    /// The message beside a date that could not be read.
    fn date_error(&self, field: &str) -> Option<String> {
        self.log
            .filter
            .unreadable
            .contains(&field)
            .then(|| self.ctx.t("admin-audit-bad-date").into_owned())
    }

    /// A date field is a date picker, unless what was typed in it is no date: then a text
    /// field, which can hold it for the person to correct.
    fn date_kind(&self, field: &str) -> &'static str {
        if self.log.filter.unreadable.contains(&field) {
            "text"
        } else {
            "date"
        }
    }

    /// This page's address with its filters, starting from the entry `cursor` names
    /// (`after` for older entries, `before` for newer), or at the newest without one.
    fn page_link(&self, cursor: &str, id: &Option<i64>) -> String {
        let mut pairs = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("action", self.log.filter.action.unwrap_or_default()),
            ("actor", self.query.actor.trim()),
            ("from", self.query.from.trim()),
            ("to", self.query.to.trim()),
        ] {
            if !value.is_empty() {
                pairs.append_pair(name, value);
            }
        }
        if let Some(id) = id {
            pairs.append_pair(cursor, &id.to_string());
        }
        let query = pairs.finish();
        let path = paths::admin_process_audit(&self.log.process.slug);
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    }
}

/// The audit log of a process: each entry in words, what it was done to (linked), by whom
/// and when; filtered by action, actor and days, a page of entries at a time.
#[get("/processes/{process}/audit")]
pub async fn audit_log(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let query = query.into_inner();
    let asked = query.clone();
    let log = state
        .run(move |conn| app::admin::people::audit_log(conn, person, &path, &asked))
        .await?;
    page::ok(&AuditPage { ctx, log, query })
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
