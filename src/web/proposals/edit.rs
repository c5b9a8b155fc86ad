//! The writing form: for a new proposal, a draft, or the next version of a submitted one.
//! What it shows comes from `app::proposals::edit`; what it sends is handled in `submit`.

use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use crate::app::proposals::Writer;
use crate::app::proposals::edit::{self as app_edit, Editing, Setting};
use crate::app::proposals::form::ProposalForm;
use crate::domain::ids::ProposalId;
use crate::domain::proposals::text::Field;
use crate::paths;
use crate::store::processes::{ActionGroup, Process, Structure, Theme, ThemeKind};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::SignedIn;

#[derive(Template)]
#[template(path = "proposals/form.html")]
pub struct FormPage {
    ctx: Ctx,
    process: Process,
    groups: Vec<ActionGroup>,
    themes: Vec<Theme>,
    /// For the texts' translations (`domain::content`).
    structure: Structure,
    form: ProposalForm,
    errors: FieldErrors,
    editing: Editing,
    window_open: bool,
    /// What needs saying on the form itself (nothing could be saved).
    message: Option<&'static str>,
}

impl FormPage {
    pub fn new(ctx: Ctx, setting: Setting, form: ProposalForm, errors: FieldErrors) -> Self {
        let themes = setting
            .structure
            .themes_of(ThemeKind::Theme)
            .cloned()
            .collect();
        FormPage {
            ctx,
            process: setting.process,
            groups: setting.structure.groups.clone(),
            themes,
            structure: setting.structure,
            form,
            errors,
            editing: setting.editing,
            window_open: setting.window_open,
            message: None,
        }
    }

    /// The form saying `message` above its fields.
    pub fn saying(self, message: &'static str) -> Self {
        Self {
            message: Some(message),
            ..self
        }
    }

    fn action(&self) -> String {
        match &self.editing {
            Editing::New => paths::proposal_new(&self.process.slug),
            Editing::Draft { id } | Editing::Revision { id, .. } => {
                paths::proposal_draft(&self.process.slug, id)
            }
        }
    }

    fn public_path(&self) -> Option<String> {
        match &self.editing {
            Editing::Revision { reference, .. } => {
                Some(paths::proposal(&self.process.slug, reference))
            }
            _ => None,
        }
    }

    /// The fields before the means of implementation, the means, and those after.
    fn opening_fields(&self) -> [Field; 2] {
        [Field::Commitment, Field::ActionableMeasures]
    }

    fn means_fields(&self) -> [Field; 4] {
        Field::MEANS
    }

    fn closing_fields(&self) -> [Field; 4] {
        [
            Field::ResponsibleActors,
            Field::SdgTargets,
            Field::Timeline,
            Field::Indicators,
        ]
    }

    /// The field's name, with "optional" for those a submission may leave empty.
    fn label(&self, field: &Field) -> String {
        let name = self.ctx.t(field.label_key());
        if field.is_required() {
            name.into_owned()
        } else {
            format!("{name} ({})", self.ctx.t("optional"))
        }
    }

    fn value(&self, field: &Field) -> &str {
        self.form.text.get(*field)
    }

    fn rows(&self, field: &Field) -> u32 {
        match field {
            Field::Commitment | Field::ActionableMeasures => 8,
            _ => 4,
        }
    }

    fn group_selected(&self, group: &ActionGroup) -> bool {
        self.form.group.trim() == group.number.to_string()
    }
}

pub fn render(page: FormPage) -> Result<HttpResponse, AppError> {
    if page.errors.is_empty() {
        page::ok(&page)
    } else {
        page::invalid(&page)
    }
}

#[derive(Debug, Deserialize)]
pub struct NewQuery {
    group: Option<String>,
}

#[get("/new")]
pub async fn new_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let person = user.person();
    let setting = state
        .run(move |conn| app_edit::new_form(conn, person, &slug))
        .await?;
    // The group a link came from (a group's page), if the process has it.
    let group = query
        .group
        .as_deref()
        .and_then(|raw| raw.trim().parse::<i32>().ok())
        .filter(|n| setting.structure.groups.iter().any(|g| g.number == *n));
    let form = ProposalForm {
        group: group.map(|n| n.to_string()).unwrap_or_default(),
        base_version: "0".into(),
        interface: Some(ctx.lang),
        ..ProposalForm::default()
    };
    render(FormPage::new(ctx, setting, form, FieldErrors::default()))
}

#[get("/drafts/{id}")]
pub async fn edit_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, ProposalId)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let writer = Writer::SignedIn(user.id);
    let (setting, form) = state
        .run(move |conn| app_edit::draft_form(conn, writer, &slug, id))
        .await?;
    render(FormPage::new(ctx, setting, form, FieldErrors::default()))
}
