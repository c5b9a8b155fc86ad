//! Consultation events: the list, one event with its programme, and the secretariat's form.
//! Handlers only: the work is `app::events`. Registration and the secretariat's attendance
//! page have their own files.

mod attendance;
mod registration;

mod programme;

use actix_web::http::header;
use actix_web::{HttpResponse, Scope, get, post, web};
use askama::Template;
use chrono::NaiveDateTime;

use crate::app::events::calendar::{CalendarFile, Site};
use crate::app::events::form::EventForm;
use crate::app::events::registration::{RegistrationView, Standing};
use crate::app::events::{EventList, EventView, FormChoices};
use crate::app::{self, Person};
use crate::domain::events::{EventKind, local_label};
use crate::domain::phases::PhaseKind;
use crate::domain::time::rfc3339;
use crate::paths;
use crate::store::events::Event;
use crate::store::processes::{Theme, ThemeKind};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::{SignedIn, Visitor};

/// The routes under `/p/{process}/events`; `new` before `{event}`.
pub fn routes() -> Scope {
    web::scope("/p/{process}/events")
        .service(list)
        .service(new_form)
        .service(create)
        .service(event_calendar)
        .service(show)
        .service(edit_form)
        .service(update)
        .service(registration::register)
        .service(registration::cancel)
        .service(attendance::attendance)
        .service(attendance::check_in)
        .service(attendance::undo)
        .service(attendance::walk_in)
        .service(attendance::import)
        .service(programme::session_page)
        .service(programme::add_speaker)
        .service(programme::move_speaker)
        .service(programme::mark_spoken)
        .service(programme::remove_speaker)
        .service(programme::file_statement)
        .service(programme::statement_page)
        .service(programme::withdraw_statement)
}

/// How a page shows an event's times: where it happens, and in UTC.
trait Times {
    fn local(&self, event: &Event, at: &NaiveDateTime) -> String {
        local_label(event.tz(), at)
    }

    fn utc_label(&self, at: &NaiveDateTime) -> String {
        format!("{} UTC", at.format("%Y-%m-%d %H:%M"))
    }

    fn machine(&self, at: &NaiveDateTime) -> String {
        rfc3339(at)
    }
}

#[derive(Template)]
#[template(path = "events/list.html")]
struct ListPage {
    ctx: Ctx,
    list: EventList,
}

impl Times for ListPage {}

#[derive(Template)]
#[template(path = "events/show.html")]
struct ShowPage {
    ctx: Ctx,
    view: EventView,
    /// Why a registration or cancellation changed nothing, as a message key.
    message: Option<&'static str>,
}

impl ShowPage {
    fn registration(&self) -> Option<&RegistrationView> {
        self.view.registration.as_ref()
    }

    /// Places left, or that new registrations wait; nothing when there is no cap.
    fn places_label(&self) -> Option<String> {
        match self.registration()?.places_left? {
            0 => Some(self.ctx.t("registration-full").into_owned()),
            left => Some(
                self.ctx
                    .t1("registration-places-left", "count", left.to_string()),
            ),
        }
    }

    /// What the visitor's registration is, in words; `None` when they hold none.
    fn standing_label(&self) -> Option<String> {
        match self.registration()?.standing {
            Standing::Free => None,
            Standing::Registered => {
                Some(self.ctx.t("registration-you-are-registered").into_owned())
            }
            Standing::Waiting(position) => Some(self.ctx.t1(
                "registration-you-are-waiting",
                "position",
                position.to_string(),
            )),
            Standing::WalkIn => Some(self.ctx.t("registration-you-attended").into_owned()),
        }
    }

    fn may_cancel(&self) -> bool {
        self.registration().is_some_and(|r| {
            r.open && matches!(r.standing, Standing::Registered | Standing::Waiting(_))
        })
    }

    fn may_register(&self) -> bool {
        self.registration()
            .is_some_and(|r| r.open && r.may_register && r.standing == Standing::Free)
    }

    fn closed(&self) -> bool {
        self.registration().is_some_and(|r| !r.open)
    }
}

impl Times for ShowPage {}

#[derive(Template)]
#[template(path = "events/form.html")]
struct FormPage {
    ctx: Ctx,
    choices: FormChoices,
    /// The event's number when editing.
    editing: Option<i64>,
    form: EventForm,
    errors: FieldErrors,
}

impl FormPage {
    fn kinds(&self) -> [EventKind; 7] {
        EventKind::ALL
    }

    fn phases(&self) -> [PhaseKind; 4] {
        PhaseKind::ALL
    }

    fn themes(&self) -> Vec<&Theme> {
        self.choices.structure.themes_of(ThemeKind::Theme).collect()
    }

    fn action(&self) -> String {
        let slug = &self.choices.process.slug;
        match self.editing {
            Some(id) => paths::event_edit(slug, id),
            None => paths::event_new(slug),
        }
    }
}

#[get("")]
pub async fn list(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let person = visitor.person();
    let slug = path.into_inner();
    let list = state
        .run(move |conn| app::events::list(conn, person, &slug))
        .await?;
    page::ok(&ListPage { ctx, list })
}

#[get("/{event}")]
pub async fn show(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let person = visitor.person();
    let (slug, event) = path.into_inner();
    let view = state
        .run(move |conn| app::events::show(conn, person, &slug, event))
        .await?;
    page::ok(&ShowPage {
        ctx,
        view,
        message: None,
    })
}

/// What the calendar files need to know of the site, in the visitor's language.
fn site(ctx: &Ctx, state: &AppState) -> Site {
    Site {
        base_url: state.settings.public_url.clone(),
        online: ctx.t("event-online").into_owned(),
    }
}

/// A calendar file as a download.
fn calendar_file(file: CalendarFile) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", file.file_name),
        ))
        .body(file.body)
}

/// Every event of the process the visitor may see (registered outside the scope: its path
/// is not under `/events/`).
#[get("/p/{process}/events.ics")]
pub async fn process_calendar(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let person = visitor.person();
    let slug = path.into_inner();
    let site = site(&ctx, &state);
    let file = state
        .run(move |conn| app::events::calendar::process_calendar(conn, person, &slug, &site))
        .await?;
    Ok(calendar_file(file))
}

/// One event and its programme.
#[get("/{event}.ics")]
pub async fn event_calendar(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let person = visitor.person();
    let (slug, event) = path.into_inner();
    let site = site(&ctx, &state);
    let file = state
        .run(move |conn| app::events::calendar::event_calendar(conn, person, &slug, event, &site))
        .await?;
    Ok(calendar_file(file))
}

#[get("/new")]
pub async fn new_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let slug = path.into_inner();
    let choices = state
        .run(move |conn| app::events::form_choices(conn, person, &slug))
        .await?;
    let form = EventForm::blank(&choices.process.time_zone);
    page::ok(&FormPage {
        ctx,
        choices,
        editing: None,
        form,
        errors: FieldErrors::default(),
    })
}

#[post("/new")]
pub async fn create(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let slug = path.into_inner();
    let form = EventForm::from_pairs(body.into_inner());
    let (typed, at) = (form.clone(), slug.clone());
    let created = state
        .run(move |conn| app::events::create(conn, person, &at, &typed))
        .await;
    match created {
        Ok(id) => Ok(page::see_other(&format!(
            "{}?notice=saved",
            paths::event(&slug, id)
        ))),
        Err(app::Error::Invalid(errors)) => {
            form_again(ctx, &state, person, slug, None, form, errors).await
        }
        Err(other) => Err(other.into()),
    }
}

#[get("/{event}/edit")]
pub async fn edit_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, event) = path.into_inner();
    let (choices, form) = state
        .run(move |conn| app::events::editable(conn, person, &slug, event))
        .await?;
    page::ok(&FormPage {
        ctx,
        choices,
        editing: Some(event),
        form,
        errors: FieldErrors::default(),
    })
}

#[post("/{event}/edit")]
pub async fn update(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, event) = path.into_inner();
    let form = EventForm::from_pairs(body.into_inner());
    let (typed, at) = (form.clone(), slug.clone());
    let updated = state
        .run(move |conn| app::events::update(conn, person, &at, event, &typed))
        .await;
    match updated {
        Ok(()) => Ok(page::see_other(&format!(
            "{}?notice=saved",
            paths::event(&slug, event)
        ))),
        Err(app::Error::Invalid(errors)) => {
            form_again(ctx, &state, person, slug, Some(event), form, errors).await
        }
        Err(other) => Err(other.into()),
    }
}

/// The form again with what was typed and the errors beside their fields.
async fn form_again(
    ctx: Ctx,
    state: &AppState,
    person: Person,
    slug: String,
    editing: Option<i64>,
    form: EventForm,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    let choices = state
        .run(move |conn| app::events::form_choices(conn, person, &slug))
        .await?;
    page::invalid(&FormPage {
        ctx,
        choices,
        editing,
        form,
        errors,
    })
}
