//! Administration: the instance (processes, accounts) for administrators, and each process
//! (settings, accreditation, roles, audit log) for its secretariat and administrators.

pub mod accounts;
pub mod content;
pub mod people;
pub mod process_form;

use actix_web::{HttpResponse, Scope, get, web};
use askama::Template;

use super::AppState;
use super::error::AppError;
use super::page::{self, Ctx};
use super::session::SignedIn;
use crate::app;
use crate::app::admin::Dashboard;
use crate::store::audit::LoggedEntry;
use crate::store::processes::Process;

pub fn routes() -> Scope {
    web::scope("/admin")
        .service(dashboard)
        .service(process_form::new_process_form)
        .service(process_form::create_process)
        .service(accounts::account_list)
        .service(accounts::set_account_state)
        .service(process_form::edit_process_form)
        .service(process_form::update_process)
        .service(content::content_form)
        .service(content::save_content)
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
    /// The processes' titles in other languages.
    content: crate::domain::content::Translations,
    recent: Vec<LoggedEntry>,
}

impl DashboardPage {
    /// A process's title in the visitor's language, or its original marked.
    fn title_of<'a>(&'a self, process: &'a Process) -> crate::domain::content::Shown<'a> {
        use crate::domain::content::{Field, Slot, Subject};
        let slot = Slot::new(Subject::Process, process.id, Field::Title);
        self.content.show(
            self.ctx.lang,
            process.original_language(),
            slot,
            &process.title,
        )
    }
}

/// The administration start page: the processes this person may administer, and (for
/// administrators) the latest entries of the audit log.
#[get("")]
pub async fn dashboard(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let Dashboard {
        processes,
        content,
        recent,
    } = state
        .run(move |conn| app::admin::dashboard(conn, person))
        .await?;
    page::ok(&DashboardPage {
        ctx,
        processes: processes
            .into_iter()
            .map(|process| ManagedProcess { process })
            .collect(),
        content,
        recent,
    })
}
