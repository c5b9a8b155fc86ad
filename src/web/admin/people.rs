//! A process's administration page: accreditation requests, role assignments, audit log.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::{load_process_for, require};
use crate::domain::permissions::{Action, Actor, can};
use crate::domain::phases::PhaseKind;
use crate::domain::roles::{Role, StakeholderCategory};
use crate::domain::validation::Email;
use crate::store::accounts;
use crate::store::audit::{self, Entry, LoggedEntry};
use crate::store::processes::{self, Process};
use crate::store::roles::{self, AssignError, Assignment, PendingRequest};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::processes::{PhaseView, phase_views};
use crate::web::session::{SignedIn, Visitor};

/// What the assignment form holds, as typed.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct AssignForm {
    pub email: String,
    pub role: String,
    pub group: String,
}

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

    fn category_key(&self, raw: &Option<String>) -> String {
        raw.as_deref()
            .and_then(StakeholderCategory::parse)
            .unwrap_or(StakeholderCategory::Other)
            .label_key()
    }

    fn role_key(&self, raw: &str) -> &'static str {
        Role::parse(raw)
            .map(Role::label_key)
            .unwrap_or("role-stakeholder")
    }
}

async fn admin_page(
    ctx: Ctx,
    visitor: Visitor,
    state: &AppState,
    slug: String,
    form: AssignForm,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let (process, structure, pending, assignments, actor) = state
        .db(move |conn| {
            let (process, actor) = load_process_for(conn, &slug, &visitor)?;
            require(&actor, Action::ManageProcess)?;
            let structure = processes::structure_of(conn, process.id)?;
            let pending = roles::pending_requests(conn, process.id)?;
            let assignments = roles::assignments_of_process(conn, process.id)?;
            Ok((process, structure, pending, assignments, actor))
        })
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
    _user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    admin_page(
        ctx,
        visitor,
        &state,
        path.into_inner(),
        AssignForm::default(),
        FieldErrors::default(),
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct Decision {
    decision: String,
}

/// Accredits or refuses a waiting request.
#[post("/processes/{process}/accreditations/{account}")]
pub async fn decide_accreditation(
    user: SignedIn,
    visitor: Visitor,
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
    let actor_id = user.id;
    let slug = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let (process, actor) = load_process_for(conn, &slug, &visitor)?;
                require(&actor, Action::Accredit)?;
                if !roles::close_request(conn, process.id, account_id)? {
                    return Err(AppError::NotFound);
                }
                if accept {
                    match roles::assign_role(
                        conn,
                        process.id,
                        account_id,
                        Role::Stakeholder,
                        None,
                        Some(actor_id),
                    ) {
                        Ok(_) | Err(AssignError::AlreadyHeld) => {}
                        Err(e) => return Err(AppError::internal(anyhow::anyhow!(e))),
                    }
                }
                audit::record(
                    conn,
                    Entry {
                        actor_id: Some(actor_id),
                        process_id: Some(process.id),
                        action: if accept {
                            "accreditation.grant"
                        } else {
                            "accreditation.refuse"
                        },
                        subject: format!("account:{account_id}"),
                        detail: serde_json::json!({}),
                    },
                )?;
                Ok(process.slug)
            })
        })
        .await?;
    Ok(page::see_other(&format!(
        "/admin/processes/{slug}?notice=saved"
    )))
}

/// Assigns a role to the account with the given email.
#[post("/processes/{process}/roles")]
pub async fn assign(
    ctx: Ctx,
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<AssignForm>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let form = form.into_inner();
    let actor_id = user.id;
    let (owned_slug, owned_form, page_visitor) = (slug.clone(), form.clone(), visitor.clone());
    let outcome = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let (process, actor) = load_process_for(conn, &owned_slug, &visitor)?;
                require(&actor, Action::AssignRoles)?;
                let mut errors = FieldErrors::default();
                let role = Role::parse(&owned_form.role);
                if role.is_none() {
                    errors.add("role", "error-choose-one");
                }
                let email = errors.check("email", Email::parse(&owned_form.email));
                let account = match &email {
                    Some(email) => accounts::account_by_email(conn, email)?,
                    None => None,
                };
                if email.is_some() && account.is_none() {
                    errors.add("email", "error-no-such-account");
                }
                // The group is named by its number; it must belong to this process.
                let group = match owned_form.group.trim() {
                    "" => None,
                    raw => match raw.parse::<i32>() {
                        Ok(n) => match processes::group_by_number(conn, process.id, n)? {
                            Some(group) => Some(group.id),
                            None => {
                                errors.add("group", "error-no-such-group");
                                None
                            }
                        },
                        Err(_) => {
                            errors.add("group", "error-no-such-group");
                            None
                        }
                    },
                };
                let (Some(role), Some(account), true) = (role, account, errors.is_empty()) else {
                    return Ok(Err(errors));
                };
                match roles::assign_role(conn, process.id, account.id, role, group, Some(actor_id))
                {
                    Ok(id) => {
                        if role == crate::domain::roles::Role::Stakeholder {
                            roles::close_request(conn, process.id, account.id)?;
                        }
                        audit::record(
                            conn,
                            Entry {
                                actor_id: Some(actor_id),
                                process_id: Some(process.id),
                                action: "role.assign",
                                subject: format!("account:{}", account.id),
                                detail: serde_json::json!({
                                    "assignment_id": id,
                                    "role": role.as_str(),
                                    "group_id": group,
                                }),
                            },
                        )?;
                        Ok(Ok(process.slug))
                    }
                    Err(AssignError::Database(e)) => Err(e.into()),
                    Err(other) => {
                        let (field, key) = match other {
                            AssignError::AlreadyHeld => ("role", "error-role-held"),
                            AssignError::GroupRequired => ("group", "error-group-required"),
                            AssignError::GroupNotAllowed => ("group", "error-group-not-allowed"),
                            _ => ("group", "error-no-such-group"),
                        };
                        errors.add(field, key);
                        Ok(Err(errors))
                    }
                }
            })
        })
        .await?;
    match outcome {
        Ok(slug) => Ok(page::see_other(&format!(
            "/admin/processes/{slug}?notice=saved#roles"
        ))),
        Err(errors) => admin_page(ctx, page_visitor, &state, slug, form, errors).await,
    }
}

/// Removes one role assignment.
#[post("/processes/{process}/roles/{assignment}/remove")]
pub async fn unassign(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let (slug, assignment_id) = path.into_inner();
    let actor_id = user.id;
    let slug = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let (process, actor) = load_process_for(conn, &slug, &visitor)?;
                require(&actor, Action::AssignRoles)?;
                let (account_id, role) = roles::remove_assignment(conn, process.id, assignment_id)?
                    .ok_or(AppError::NotFound)?;
                audit::record(
                    conn,
                    Entry {
                        actor_id: Some(actor_id),
                        process_id: Some(process.id),
                        action: "role.remove",
                        subject: format!("account:{account_id}"),
                        detail: serde_json::json!({
                            "assignment_id": assignment_id,
                            "role": role,
                        }),
                    },
                )?;
                Ok(process.slug)
            })
        })
        .await?;
    Ok(page::see_other(&format!(
        "/admin/processes/{slug}?notice=saved#roles"
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
    _user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (process, entries) = state
        .db(move |conn| {
            let (process, actor) = load_process_for(conn, &path, &visitor)?;
            require(&actor, Action::ReadAuditLog)?;
            let entries = audit::recent_entries_of_process(conn, process.id, 500)?;
            Ok((process, entries))
        })
        .await?;
    page::ok(&AuditPage {
        ctx,
        process,
        entries,
    })
}

/// What the late-submission form holds, as typed.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct LateForm {
    pub email: String,
    pub phase: String,
    pub until: String,
}

/// Lets one participant submit in a phase whose window has closed, until a given time.
#[post("/processes/{process}/late")]
pub async fn allow_late(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<LateForm>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let form = form.into_inner();
    let actor_id = user.id;
    let slug = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let (process, actor) = load_process_for(conn, &slug, &visitor)?;
                require(&actor, Action::ManageProcess)?;
                let phase = PhaseKind::parse(&form.phase)
                    .ok_or(AppError::BadRequest("unknown phase"))?;
                let email =
                    Email::parse(&form.email).map_err(|_| AppError::BadRequest("no such account"))?;
                let account = accounts::account_by_email(conn, &email)?
                    .ok_or(AppError::BadRequest("no such account"))?;
                let local = chrono::NaiveDateTime::parse_from_str(form.until.trim(), "%Y-%m-%dT%H:%M")
                    .map_err(|_| AppError::BadRequest("unreadable date"))?;
                let until = chrono::TimeZone::from_local_datetime(&process.tz(), &local)
                    .earliest()
                    .map(|at| at.naive_utc())
                    .ok_or(AppError::BadRequest("unreadable date"))?;
                crate::store::windows::grant_late_submission(
                    conn, process.id, account.id, phase, until, actor_id,
                )?;
                audit::record(
                    conn,
                    Entry {
                        actor_id: Some(actor_id),
                        process_id: Some(process.id),
                        action: "late-permission.grant",
                        subject: format!("account:{}", account.id),
                        detail: serde_json::json!({ "phase": phase.as_str(), "until": until.to_string() }),
                    },
                )?;
                Ok(process.slug)
            })
        })
        .await?;
    Ok(page::see_other(&format!(
        "/admin/processes/{slug}?notice=saved#late"
    )))
}
