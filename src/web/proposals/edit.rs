//! The writing form: for a new proposal, a draft, or the next version of a submitted one.
//! What the form sends is handled in `submit`.

use actix_web::{HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;

use super::form::ProposalForm;
use super::{Writer, account_in, draft_path, proposal_path};
use crate::db::DbConnection;
use crate::domain::permissions::Action;
use crate::domain::phases::PhaseKind;
use crate::domain::proposals::ProposalStatus;
use crate::domain::proposals::text::Field;
use crate::store::accounts::Account;
use crate::store::processes::{self, ActionGroup, Process, Structure, Theme, ThemeKind};
use crate::store::proposals::versions;
use crate::store::proposals::{self as store, DraftContent, Proposal};
use crate::store::{self as st, windows};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::processes::{load_process_for, require};
use crate::web::session::{SignedIn, Visitor};

/// What the form edits.
#[derive(Debug, Clone)]
pub enum Editing {
    New,
    /// A proposal never submitted.
    Draft {
        id: i64,
    },
    /// A submitted proposal: the form makes its next version.
    Revision {
        id: i64,
        reference: String,
        current_version: i32,
        group_number: i32,
        group_name: String,
    },
}

impl Editing {
    fn of(proposal: &Proposal, groups: &[ActionGroup]) -> Editing {
        match &proposal.reference {
            Some(reference) if proposal.status() != ProposalStatus::Draft => {
                let group = groups.iter().find(|g| g.id == proposal.group_id);
                Editing::Revision {
                    id: proposal.id,
                    reference: reference.clone(),
                    current_version: proposal.current_version,
                    group_number: group.map(|g| g.number).unwrap_or_default(),
                    group_name: group.map(|g| g.name.clone()).unwrap_or_default(),
                }
            }
            _ => Editing::Draft { id: proposal.id },
        }
    }
}

/// What the form page needs besides the form: the process, its groups and themes, and
/// whether this writer may submit now.
pub struct Setting {
    pub process: Process,
    pub structure: Structure,
    pub window_open: bool,
    pub editing: Editing,
}

#[derive(Template)]
#[template(path = "proposals/form.html")]
pub struct FormPage {
    ctx: Ctx,
    process: Process,
    groups: Vec<ActionGroup>,
    themes: Vec<Theme>,
    form: ProposalForm,
    errors: FieldErrors,
    editing: Editing,
    window_open: bool,
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
            groups: setting.structure.groups,
            themes,
            form,
            errors,
            editing: setting.editing,
            window_open: setting.window_open,
        }
    }

    fn action(&self) -> String {
        match &self.editing {
            Editing::New => format!("/p/{}/proposals/new", self.process.slug),
            Editing::Draft { id } | Editing::Revision { id, .. } => {
                draft_path(&self.process.slug, *id)
            }
        }
    }

    fn public_path(&self) -> Option<String> {
        match &self.editing {
            Editing::Revision { reference, .. } => {
                Some(proposal_path(&self.process.slug, reference))
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
            name
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

pub fn window_is_open(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
) -> Result<bool, AppError> {
    Ok(windows::submission_window(
        conn,
        process_id,
        account_id,
        PhaseKind::Stocktaking,
        st::now(),
    )?
    .is_open())
}

#[derive(Debug, Deserialize)]
pub struct NewQuery {
    group: Option<String>,
}

#[get("/new")]
pub async fn new_form(
    ctx: Ctx,
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<NewQuery>,
) -> Result<HttpResponse, AppError> {
    let slug = path.into_inner();
    let account_id = user.id;
    let setting = state
        .db(move |conn| {
            let (process, actor) = load_process_for(conn, &slug, &visitor)?;
            require(&actor, Action::SubmitProposal)?;
            let structure = processes::structure_of(conn, process.id)?;
            let window_open = window_is_open(conn, process.id, account_id)?;
            Ok(Setting {
                process,
                structure,
                window_open,
                editing: Editing::New,
            })
        })
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
        ..ProposalForm::default()
    };
    render(FormPage::new(ctx, setting, form, FieldErrors::default()))
}

#[get("/drafts/{id}")]
pub async fn edit_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let (slug, id) = path.into_inner();
    let writer = Writer::SignedIn(user.id);
    let (setting, form) = state
        .db(move |conn| {
            let (setting, proposal, _) = editable(conn, &slug, id, writer)?;
            let form = saved_form(conn, &proposal, &setting.structure)?;
            Ok((setting, form))
        })
        .await?;
    render(FormPage::new(ctx, setting, form, FieldErrors::default()))
}

/// What the author saved last: their draft if they kept one, else the current version.
fn saved_form(
    conn: &mut DbConnection,
    proposal: &Proposal,
    structure: &Structure,
) -> Result<ProposalForm, AppError> {
    let group_number = structure
        .groups
        .iter()
        .find(|g| g.id == proposal.group_id)
        .map(|g| g.number);
    let draft = match proposal.saved_draft() {
        Some(draft) => draft,
        None => {
            let version = versions::versions(conn, proposal.id, &[proposal.current_version])?
                .into_iter()
                .next()
                .ok_or(AppError::NotFound)?;
            DraftContent {
                text: version.text.into(),
                themes: store::theme_ids_of(conn, proposal.id)?,
            }
        }
    };
    Ok(ProposalForm::from_saved(
        draft,
        group_number,
        proposal.current_version,
    ))
}

/// The process, and a proposal its writer may edit: theirs, and not decided or withdrawn.
/// Someone else's draft does not exist for them (404); someone else's public proposal is
/// not theirs to change (403).
pub fn editable(
    conn: &mut DbConnection,
    slug: &str,
    id: i64,
    writer: Writer,
) -> Result<(Setting, Proposal, Account), AppError> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(AppError::NotFound)?;
    let (account, actor) = account_in(conn, process.id, writer.account_id())?;
    let proposal = store::proposal_by_id(conn, process.id, id)?.ok_or(AppError::NotFound)?;
    if proposal.author_id != account.id {
        return Err(if proposal.status().is_public() {
            AppError::Forbidden
        } else {
            AppError::NotFound
        });
    }
    require(&actor, Action::SubmitProposal)?;
    if !proposal.status().is_editable() {
        return Err(AppError::Forbidden);
    }
    let structure = processes::structure_of(conn, process.id)?;
    let window_open = window_is_open(conn, process.id, account.id)?;
    let editing = Editing::of(&proposal, &structure.groups);
    Ok((
        Setting {
            process,
            structure,
            window_open,
            editing,
        },
        proposal,
        account,
    ))
}
