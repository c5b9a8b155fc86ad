//! Administration: the instance (processes, accounts) for administrators, and each process
//! (settings, accreditation, roles, audit log) for its secretariat and administrators.

pub mod accounts;
pub mod people;
pub mod process_form;

use actix_web::{HttpResponse, Scope, get, web};
use askama::Template;

use super::AppState;
use super::error::AppError;
use super::page::{self, Ctx};
pub use super::processes::{load_process_for, require};
use super::session::{SignedIn, Visitor};
use crate::domain::roles::Role;
use crate::store::audit::{self, LoggedEntry};
use crate::store::processes::{self, Process};
use crate::store::roles;

pub fn routes() -> Scope {
    web::scope("/admin")
        .service(dashboard)
        .service(process_form::new_process_form)
        .service(process_form::create_process)
        .service(accounts::account_list)
        .service(accounts::set_account_state)
        .service(process_form::edit_process_form)
        .service(process_form::update_process)
        .service(people::process_admin)
        .service(people::decide_accreditation)
        .service(people::assign)
        .service(people::unassign)
        .service(people::audit_log)
        .service(people::allow_late)
}

/// A process the visitor may administer.
struct ManagedProcess {
    process: Process,
}

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
struct DashboardPage {
    ctx: Ctx,
    processes: Vec<ManagedProcess>,
    recent: Vec<LoggedEntry>,
}

/// The administration start page: the processes this person may administer, and (for
/// administrators) the latest entries of the audit log.
#[get("")]
pub async fn dashboard(
    ctx: Ctx,
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let is_admin = user.is_admin;
    let (processes, recent) = state
        .db(move |conn| {
            // Two queries, however many processes: the secretariat's processes, then all.
            let secretariat_of = match visitor.user() {
                Some(user) => roles::process_ids_with_role(conn, user.id, Role::Secretariat)?,
                None => Vec::new(),
            };
            let managed: Vec<ManagedProcess> = processes::all_processes(conn)?
                .into_iter()
                .filter(|p| is_admin || secretariat_of.contains(&p.id))
                .map(|process| ManagedProcess { process })
                .collect();
            let recent = if is_admin {
                audit::recent_entries(conn, 20)?
            } else {
                Vec::new()
            };
            Ok((managed, recent))
        })
        .await?;
    if !is_admin && processes.is_empty() {
        return Err(AppError::Forbidden);
    }
    page::ok(&DashboardPage {
        ctx,
        processes,
        recent,
    })
}
