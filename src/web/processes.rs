//! Public pages: the list of processes, one process, the language chooser, health.

use std::sync::Arc;

use actix_web::cookie::Cookie;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use chrono::TimeZone;
use serde::Deserialize;

use super::AppState;
use super::error::AppError;
use super::page::{self, Ctx};
use super::pagecache::{self, Slot};
use super::session::{LANG_COOKIE, SignedIn, Visitor, lasting_cookie};
use crate::app;
use crate::app::outline::Outline;
use crate::app::processes::{Accreditation, Overview};
use crate::app::work::{ProcessWork, WorkItem};
use crate::demo::DemoLogin;
use crate::domain::content::{self, Field, Shown, Subject, Translations};
use crate::domain::documents::access;
use crate::domain::permissions::{Action, Actor, GroupId, can};
use crate::domain::phases::{PhaseKind, WindowState};
use crate::domain::roles::Role;
use crate::i18n::Lang;
use crate::paths;
use crate::store as st;
use crate::store::documents::{Document, RevisionSummary};
use crate::store::processes::{self, Process, Structure, ThemeKind};

/// A phase as the timeline shows it.
pub struct PhaseView {
    pub kind: PhaseKind,
    pub state: WindowState,
    pub opens: String,
    pub closes: String,
}

pub fn phase_views(process: &Process, structure: &Structure) -> Vec<PhaseView> {
    let tz = process.tz();
    let local = |at: &chrono::NaiveDateTime| {
        tz.from_utc_datetime(at)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    };
    let now = st::now();
    structure
        .phases
        .iter()
        .map(|phase| PhaseView {
            kind: phase.kind,
            state: phase.state_at(now),
            opens: local(&phase.opens_at),
            closes: local(&phase.closes_at),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "processes/home.html")]
struct HomePage {
    ctx: Ctx,
    processes: Vec<Process>,
    /// Their titles and descriptions in other languages.
    content: Translations,
    demo_logins: Vec<DemoLogin>,
    /// What waits for the visitor, process by process, if they hold a staff role.
    work: Vec<ProcessWork>,
}

impl HomePage {
    fn show_process(&self) -> bool {
        true
    }

    /// The title of a process the work panel names, in the visitor's language.
    fn work_title<'a>(&'a self, work: &'a ProcessWork) -> Shown<'a> {
        match self.processes.iter().find(|p| p.slug == work.slug) {
            Some(process) => self.title_of(process),
            None => Shown {
                text: &work.title,
                lang: None,
            },
        }
    }

    fn title_of<'a>(&'a self, process: &'a Process) -> Shown<'a> {
        let slot = content::Slot::new(Subject::Process, process.id, Field::Title);
        let original = process.original_language();
        self.content
            .show(self.ctx.lang, original, slot, &process.title)
    }

    fn description_of<'a>(&'a self, process: &'a Process) -> Shown<'a> {
        let slot = content::Slot::new(Subject::Process, process.id, Field::Description);
        let original = process.original_language();
        self.content
            .show(self.ctx.lang, original, slot, &process.description)
    }
}

#[get("/")]
pub async fn home(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let filling = match pagecache::look_home(&state, &ctx).await? {
        Slot::Served(page) => return Ok(page),
        Slot::Render(filling) => filling,
    };
    let person = visitor.person();
    let (processes, content, work) = state
        .run(move |conn| app::processes::home(conn, person))
        .await?;
    let demo_logins = state.demo_logins.clone();
    filling.render(&state, ctx, |ctx| HomePage {
        ctx,
        processes,
        content,
        demo_logins,
        work,
    })
}

/// A person holding a role, for the process page.
struct Person {
    name: String,
    organisation: Option<String>,
}

struct RoleGroup {
    role: Role,
    group_number: Option<i32>,
    people: Vec<Person>,
}

#[derive(Template)]
#[template(path = "processes/process.html")]
struct ProcessPage {
    ctx: Ctx,
    process: Process,
    phases: Vec<PhaseView>,
    outline: Arc<Outline>,
    people: Vec<RoleGroup>,
    actor: Actor,
    accreditation_pending: bool,
    work: Vec<ProcessWork>,
}

impl ProcessPage {
    /// The work panel of one process does not name it again.
    fn show_process(&self) -> bool {
        false
    }

    /// The panel names no process here; its title as stored.
    fn work_title<'a>(&'a self, work: &'a ProcessWork) -> Shown<'a> {
        Shown {
            text: &work.title,
            lang: None,
        }
    }

    fn has_document(&self, slug: &str) -> bool {
        self.outline.documents.iter().any(|(d, _)| d.slug == slug)
    }

    /// The chair (or secretariat) may compile the summary, once.
    fn can_compile_summary(&self) -> bool {
        can(&self.actor, Action::EditChairSummary) && !self.has_document("chairs-summary")
    }

    fn can_export_draft_summary(&self) -> bool {
        can(&self.actor, Action::ExportDraftSummary)
    }

    /// The co-facilitators (or secretariat) may start the draft, once.
    fn can_start_draft(&self) -> bool {
        can(&self.actor, Action::EditDraft) && !self.has_document("draft")
    }

    /// Published documents for everyone; working copies for those who draft or read them.
    fn visible_documents(&self) -> Vec<&(Document, Option<RevisionSummary>)> {
        self.outline
            .documents
            .iter()
            .filter(|(document, latest)| {
                latest.is_some() || {
                    let kind = document.kind;
                    let group = document.group_id.map(GroupId);
                    access::read_working(kind, group).is_some_and(|action| can(&self.actor, action))
                }
            })
            .collect()
    }

    fn can_manage(&self) -> bool {
        can(&self.actor, Action::ManageProcess)
    }

    fn can_request_accreditation(&self) -> bool {
        can(&self.actor, Action::RequestAccreditation)
    }

    fn is_stakeholder(&self) -> bool {
        self.actor.holds(Role::Stakeholder)
    }

    fn themes(&self) -> Vec<&processes::Theme> {
        self.outline.structure.themes_of(ThemeKind::Theme).collect()
    }

    fn principles(&self) -> Vec<&processes::Theme> {
        self.outline
            .structure
            .themes_of(ThemeKind::Principle)
            .collect()
    }

    /// The rapporteurs and moderators of a group, as one line.
    fn group_people(&self, number: &i32) -> Vec<(Role, String)> {
        self.people
            .iter()
            .filter(|g| g.group_number == Some(*number))
            .flat_map(|g| g.people.iter().map(move |p| (g.role, p.name.clone())))
            .collect()
    }

    /// The process-wide staff roles (not those of a group); stakeholders are counted, not named.
    fn process_roles(&self) -> Vec<&RoleGroup> {
        self.people
            .iter()
            .filter(|g| g.group_number.is_none())
            .collect()
    }
}

#[get("/p/{process}")]
pub async fn process_page(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let filling = match pagecache::look(&state, &ctx, &slug, true).await? {
        Slot::Served(page) => return Ok(page),
        Slot::Render(filling) => filling,
    };
    let person = visitor.person();
    let Overview {
        process,
        outline,
        actor,
        accreditation_pending,
        work,
    } = state
        .run(move |conn| app::processes::overview(conn, &slug, person))
        .await?;

    let mut people: Vec<RoleGroup> = Vec::new();
    for a in &outline.staff {
        let person = Person {
            name: a.display_name.clone(),
            organisation: a.organisation.clone(),
        };
        match people
            .iter_mut()
            .find(|g| g.role == a.role && g.group_number == a.group_number)
        {
            Some(group) => group.people.push(person),
            None => people.push(RoleGroup {
                role: a.role,
                group_number: a.group_number,
                people: vec![person],
            }),
        }
    }

    filling.render(&state, ctx, |ctx| ProcessPage {
        phases: phase_views(&process, &outline.structure),
        ctx,
        process,
        outline,
        people,
        actor,
        accreditation_pending,
        work,
    })
}

/// A signed-in participant asks to be accredited as a stakeholder. Processes that accredit on
/// registration accredit at once.
#[post("/p/{process}/accreditation")]
pub async fn request_accreditation(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, outcome) = state
        .run(move |conn| app::processes::request_accreditation(conn, person, &path))
        .await?;
    let notice = match outcome {
        Accreditation::Granted => "accredited",
        Accreditation::Requested => "accreditation-requested",
    };
    Ok(page::see_other(&format!(
        "{}?notice={notice}",
        paths::process(&slug)
    )))
}

#[derive(Deserialize)]
pub struct LanguageChoice {
    lang: String,
    next: Option<String>,
}

/// The chooser on every page: remembered in a cookie, and on the account when signed in.
#[post("/language")]
pub async fn choose_language(
    req: HttpRequest,
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<LanguageChoice>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::parse(&form.lang).ok_or(AppError::BadRequest("unknown language"))?;
    if let Some(person) = visitor.person() {
        state
            .run(move |conn| app::accounts::set_language(conn, person, lang.code()))
            .await?;
    }
    let next = page::safe_next(form.next.as_deref());
    let mut response = page::see_other(&next);
    let secure = state.settings.secure_cookies();
    let cookie: Cookie<'static> = lasting_cookie(LANG_COOKIE, lang.code().to_string(), secure);
    response.add_cookie(&cookie).map_err(AppError::internal)?;
    let _ = req;
    Ok(response)
}

/// Liveness, database reachability and whether it takes writes, for load balancers,
/// container health checks and monitoring.
///
/// A database that answers but takes no write (full, read-only, failing disk) is `read-only`,
/// still 200: the instance serves every page that only reads, and another instance on the
/// same database would do no better, so taking it out of service would only hide the pages.
#[get("/healthz")]
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let reachable = state.run(app::processes::database_answers).await.is_ok();
    if !reachable {
        return HttpResponse::ServiceUnavailable().json(serde_json::json!({
            "status": "degraded", "database": "unreachable", "writable": false
        }));
    }
    match state.write(app::processes::database_takes_writes).await {
        Ok(()) => HttpResponse::Ok().json(serde_json::json!({
            "status": "ok", "database": "ok", "writable": true
        })),
        Err(e) => {
            tracing::warn!(error = %e, "the database answers but takes no write");
            HttpResponse::Ok().json(serde_json::json!({
                "status": "degraded", "database": "read-only", "writable": false
            }))
        }
    }
}

/// Liveness alone: the process answers, without touching the database. Also the baseline the
/// benchmark compares pages against.
#[get("/livez")]
pub async fn livez() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}
