//! The pages that create and edit a process. The form and its parsing are in
//! `app::admin::process_form`, the use cases in `app::admin::processes`.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;

use crate::app;
use crate::app::admin::process_form::{ProcessForm, phase_field_names};
use crate::domain::phases::PhaseKind;
use crate::paths;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::SignedIn;

#[derive(Template)]
#[template(path = "admin/process_form.html")]
struct ProcessFormPage {
    ctx: Ctx,
    /// `None` when creating.
    editing: Option<String>,
    form: ProcessForm,
    errors: FieldErrors,
}

impl ProcessFormPage {
    fn phase_kinds(&self) -> [PhaseKind; 4] {
        PhaseKind::ALL
    }

    fn field_names(&self, kind: &PhaseKind) -> (&'static str, &'static str) {
        phase_field_names(*kind)
    }

    fn window_values(&self, kind: &PhaseKind) -> (&str, &str) {
        self.form.window_fields(*kind)
    }

    fn accredits(&self) -> bool {
        self.form.accredit_on_registration.is_some()
    }
}

#[get("/processes/new")]
pub async fn new_process_form(ctx: Ctx, user: SignedIn) -> Result<HttpResponse, AppError> {
    app::admin::require_administrator(user.person())?;
    let form = ProcessForm {
        time_zone: "UTC".into(),
        ..Default::default()
    };
    page::ok(&ProcessFormPage {
        ctx,
        editing: None,
        form,
        errors: FieldErrors::default(),
    })
}

#[post("/processes")]
pub async fn create_process(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    form: web::Form<ProcessForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let person = user.person();
    let typed = form.clone();
    let created = state
        .run(move |conn| app::admin::processes::create(conn, person, &typed))
        .await;
    match created {
        Ok(slug) => Ok(page::see_other(&format!(
            "{}?notice=saved",
            paths::admin_process(&slug)
        ))),
        Err(app::Error::Invalid(errors)) => form_again(ctx, None, form, errors),
        Err(other) => Err(other.into()),
    }
}

fn form_again(
    ctx: Ctx,
    editing: Option<String>,
    form: ProcessForm,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    page::invalid(&ProcessFormPage {
        ctx,
        editing,
        form,
        errors,
    })
}

#[get("/processes/{process}/edit")]
pub async fn edit_process_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (process, structure) = state
        .run(move |conn| app::admin::processes::editable(conn, person, &path))
        .await?;
    let form = ProcessForm::from_process(&process, &structure);
    page::ok(&ProcessFormPage {
        ctx,
        editing: Some(process.slug),
        form,
        errors: FieldErrors::default(),
    })
}

#[post("/processes/{process}/edit")]
pub async fn update_process(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<ProcessForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let slug = path.into_inner();
    let person = user.person();
    let (current_slug, typed) = (slug.clone(), form.clone());
    let updated = state
        .run(move |conn| app::admin::processes::update(conn, person, &current_slug, &typed))
        .await;
    match updated {
        Ok(new_slug) => Ok(page::see_other(&format!(
            "{}?notice=saved",
            paths::admin_process(&new_slug)
        ))),
        Err(app::Error::Invalid(errors)) => form_again(ctx, Some(slug), form, errors),
        Err(other) => Err(other.into()),
    }
}
