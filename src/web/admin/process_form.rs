//! Creating and editing a process: its settings, phase windows, action groups, themes and
//! guiding principles. Administrators create processes; the secretariat edits its own.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use chrono::{NaiveDateTime, TimeZone};
use serde::Deserialize;

use super::{load_process_for, require};
use crate::domain::permissions::Action;
use crate::domain::phases::{PhaseKind, Window};
use crate::domain::validation::{self, ProcessSlug, ReferencePrefix, Title};
use crate::store::audit::{self, Entry};
use crate::store::processes::{self, Process, ProcessDraft, ProcessError, Structure, ThemeKind};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::{Administrator, SignedIn, Visitor};

/// The form as typed. Windows are `datetime-local` values in the process's time zone.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ProcessForm {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub reference_prefix: String,
    pub time_zone: String,
    pub accredit_on_registration: Option<String>,
    pub consultation_opens: String,
    pub consultation_closes: String,
    pub stocktaking_opens: String,
    pub stocktaking_closes: String,
    pub negotiation_opens: String,
    pub negotiation_closes: String,
    pub adoption_opens: String,
    pub adoption_closes: String,
    pub groups: String,
    pub themes: String,
    pub principles: String,
}

const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

impl ProcessForm {
    fn window_fields(&self, kind: PhaseKind) -> (&str, &str) {
        match kind {
            PhaseKind::Consultation => (&self.consultation_opens, &self.consultation_closes),
            PhaseKind::Stocktaking => (&self.stocktaking_opens, &self.stocktaking_closes),
            PhaseKind::Negotiation => (&self.negotiation_opens, &self.negotiation_closes),
            PhaseKind::Adoption => (&self.adoption_opens, &self.adoption_closes),
        }
    }

    fn window_fields_mut(&mut self, kind: PhaseKind) -> (&mut String, &mut String) {
        match kind {
            PhaseKind::Consultation => {
                (&mut self.consultation_opens, &mut self.consultation_closes)
            }
            PhaseKind::Stocktaking => (&mut self.stocktaking_opens, &mut self.stocktaking_closes),
            PhaseKind::Negotiation => (&mut self.negotiation_opens, &mut self.negotiation_closes),
            PhaseKind::Adoption => (&mut self.adoption_opens, &mut self.adoption_closes),
        }
    }

    /// The form filled in from a stored process.
    pub fn from_process(process: &Process, structure: &Structure) -> Self {
        let tz = process.tz();
        let local = |at: &NaiveDateTime| tz.from_utc_datetime(at).format(LOCAL_FORMAT).to_string();
        let lines = |kind: ThemeKind| {
            structure
                .themes_of(kind)
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let mut form = ProcessForm {
            slug: process.slug.clone(),
            title: process.title.clone(),
            description: process.description.clone(),
            reference_prefix: process.reference_prefix.clone(),
            time_zone: process.time_zone.clone(),
            accredit_on_registration: process.accredit_on_registration.then(|| "on".into()),
            groups: structure
                .groups
                .iter()
                .map(|g| g.name.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            themes: lines(ThemeKind::Theme),
            principles: lines(ThemeKind::Principle),
            ..Default::default()
        };
        for phase in &structure.phases {
            if let Some(kind) = phase.kind() {
                let (opens, closes) = form.window_fields_mut(kind);
                *opens = local(&phase.opens_at);
                *closes = local(&phase.closes_at);
            }
        }
        form
    }

    /// Parses the whole form; every problem is reported beside its field.
    pub fn parse(&self) -> Result<ProcessDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let slug = errors.check("slug", ProcessSlug::parse(&self.slug));
        let title = errors.check("title", Title::parse(&self.title));
        let description = errors.check(
            "description",
            validation::description(&self.description, 5_000),
        );
        let prefix = errors.check(
            "reference_prefix",
            ReferencePrefix::parse(&self.reference_prefix),
        );
        let tz = errors.check("time_zone", validation::time_zone(&self.time_zone));

        let mut phases = Vec::new();
        for kind in PhaseKind::ALL {
            let (opens_raw, closes_raw) = self.window_fields(kind);
            let (opens_field, closes_field) = phase_field_names(kind);
            let local = |raw: &str| -> Result<NaiveDateTime, validation::Invalid> {
                let naive = NaiveDateTime::parse_from_str(raw.trim(), LOCAL_FORMAT)
                    .map_err(|_| validation::Invalid("error-date-time"))?;
                let tz = tz.unwrap_or(chrono_tz::UTC);
                tz.from_local_datetime(&naive)
                    .earliest()
                    .map(|at| at.naive_utc())
                    .ok_or(validation::Invalid("error-date-time-gap"))
            };
            let opens = errors.check(opens_field, local(opens_raw));
            let closes = errors.check(closes_field, local(closes_raw));
            if let (Some(opens), Some(closes)) = (opens, closes) {
                match Window::new(opens, closes) {
                    Ok(window) => phases.push((kind, window)),
                    Err(_) => errors.add(closes_field, "error-closes-before-opens"),
                }
            }
        }

        let groups = errors.check("groups", names(&self.groups, 1, 20));
        let themes = errors.check("themes", names(&self.themes, 0, 50));
        let principles = errors.check("principles", names(&self.principles, 0, 50));

        match (
            slug,
            title,
            description,
            prefix,
            tz,
            groups,
            themes,
            principles,
        ) {
            (
                Some(slug),
                Some(title),
                Some(description),
                Some(prefix),
                Some(tz),
                Some(groups),
                Some(themes),
                Some(principles),
            ) if errors.is_empty() => Ok(ProcessDraft {
                slug: slug.as_str().to_string(),
                title: title.into_inner(),
                description,
                reference_prefix: prefix.as_str().to_string(),
                time_zone: tz.name().to_string(),
                accredit_on_registration: self.accredit_on_registration.is_some(),
                phases,
                groups,
                themes,
                principles,
            }),
            _ => Err(errors),
        }
    }
}

pub fn phase_field_names(kind: PhaseKind) -> (&'static str, &'static str) {
    match kind {
        PhaseKind::Consultation => ("consultation_opens", "consultation_closes"),
        PhaseKind::Stocktaking => ("stocktaking_opens", "stocktaking_closes"),
        PhaseKind::Negotiation => ("negotiation_opens", "negotiation_closes"),
        PhaseKind::Adoption => ("adoption_opens", "adoption_closes"),
    }
}

/// One name a line, blank lines skipped; `min..=max` of them, each a valid title, no repeats.
fn names(raw: &str, min: usize, max: usize) -> Result<Vec<String>, validation::Invalid> {
    let mut names: Vec<String> = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let name = Title::parse(line)?.into_inner();
        if names.contains(&name) {
            return Err(validation::Invalid("error-duplicate-name"));
        }
        names.push(name);
    }
    if names.len() < min {
        return Err(validation::Invalid("error-required"));
    }
    if names.len() > max {
        return Err(validation::Invalid("error-too-many"));
    }
    Ok(names)
}

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
pub async fn new_process_form(ctx: Ctx, _admin: Administrator) -> Result<HttpResponse, AppError> {
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
    admin: Administrator,
    state: web::Data<AppState>,
    form: web::Form<ProcessForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let draft = match form.parse() {
        Ok(draft) => draft,
        Err(errors) => return form_again(ctx, None, form, errors),
    };
    let actor_id = admin.0.id;
    let created = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                match processes::create_process(conn, &draft) {
                    Ok(process) => {
                        audit::record(
                            conn,
                            Entry {
                                actor_id: Some(actor_id),
                                process_id: Some(process.id),
                                action: "process.create",
                                subject: format!("process:{}", process.slug),
                                detail: serde_json::json!({ "title": process.title }),
                            },
                        )?;
                        Ok(Ok(process.slug))
                    }
                    Err(ProcessError::Database(e)) => Err(AppError::from(e)),
                    Err(other) => Ok(Err(other)),
                }
            })
        })
        .await?;
    match created {
        Ok(slug) => Ok(page::see_other(&format!(
            "/admin/processes/{slug}?notice=saved"
        ))),
        Err(error) => {
            let mut errors = FieldErrors::default();
            errors.add(error_field(&error), error_key(&error));
            form_again(ctx, None, form, errors)
        }
    }
}

fn error_field(error: &ProcessError) -> &'static str {
    match error {
        ProcessError::SlugTaken => "slug",
        ProcessError::ThemeInUse => "themes",
        _ => "groups",
    }
}

fn error_key(error: &ProcessError) -> &'static str {
    match error {
        ProcessError::SlugTaken => "error-slug-taken",
        ProcessError::ThemeInUse => "error-theme-in-use",
        _ => "error-group-removed",
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
    _user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (process, structure) = state
        .db(move |conn| {
            let (process, actor) = load_process_for(conn, &path, &visitor)?;
            require(&actor, Action::ManageProcess)?;
            let structure = processes::structure_of(conn, process.id)?;
            Ok((process, structure))
        })
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
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
    form: web::Form<ProcessForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let slug = path.into_inner();
    let parsed = form.parse();
    let actor_id = user.id;
    let current_slug = slug.clone();
    let outcome = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                // Permission first: a refused visitor learns nothing about their form.
                let (process, actor) = load_process_for(conn, &current_slug, &visitor)?;
                require(&actor, Action::ManageProcess)?;
                let draft = match parsed {
                    Ok(draft) => draft,
                    Err(errors) => return Ok(Err(errors)),
                };
                match processes::update_process(conn, process.id, &draft) {
                    Ok(()) => {
                        audit::record(
                            conn,
                            Entry {
                                actor_id: Some(actor_id),
                                process_id: Some(process.id),
                                action: "process.update",
                                subject: format!("process:{}", draft.slug),
                                detail: serde_json::json!({
                                    "previous_slug": process.slug,
                                    "groups": draft.groups.len(),
                                    "themes": draft.themes.len(),
                                    "principles": draft.principles.len(),
                                }),
                            },
                        )?;
                        Ok(Ok(draft.slug))
                    }
                    Err(ProcessError::Database(e)) => Err(AppError::from(e)),
                    Err(other) => {
                        let mut errors = FieldErrors::default();
                        errors.add(error_field(&other), error_key(&other));
                        Ok(Err(errors))
                    }
                }
            })
        })
        .await?;
    match outcome {
        Ok(new_slug) => Ok(page::see_other(&format!(
            "/admin/processes/{new_slug}?notice=saved"
        ))),
        Err(errors) => form_again(ctx, Some(slug), form, errors),
    }
}
