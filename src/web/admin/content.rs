//! The page where the secretariat gives the process's content in another language: one form
//! per language, each field beside the original it translates. The use cases are in
//! `app::admin::content`.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;

use crate::app;
use crate::app::admin::content::{Editor, Saved};
use crate::domain::content::Slot;
use crate::domain::validation::Invalid;
use crate::i18n::Lang;
use crate::paths;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::SignedIn;

/// One field of the form: the original beside the text in the language translated into.
struct Row {
    name: String,
    /// The message key of what the field is ("Title", "Name of group 2"…) and its number.
    label: String,
    original: String,
    long: bool,
    value: String,
    error: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "admin/content.html")]
struct ContentPage {
    ctx: Ctx,
    slug: String,
    title: String,
    original: Lang,
    lang: Lang,
    rows: Vec<Row>,
}

impl ContentPage {
    /// The languages there is a form for: all but the original.
    fn languages(&self) -> Vec<Lang> {
        Lang::ALL
            .into_iter()
            .filter(|lang| *lang != self.original)
            .collect()
    }

    fn has_errors(&self) -> bool {
        self.rows.iter().any(|row| row.error.is_some())
    }
}

/// The page for `editor`, its fields holding `typed` (the form sent) or else the texts saved.
fn page_of(
    ctx: Ctx,
    editor: &Editor,
    typed: Option<&[(String, String)]>,
    errors: &[(String, Invalid)],
) -> ContentPage {
    let label = |ctx: &Ctx, slot: Slot| -> String {
        use crate::domain::content::{Field, Subject};
        let group_number = || {
            editor
                .structure
                .groups
                .iter()
                .find(|g| g.id == slot.id)
                .map(|g| g.number.to_string())
                .unwrap_or_default()
        };
        match (slot.subject, slot.field) {
            (Subject::Process, Field::Description) => ctx.t("field-description").into_owned(),
            (Subject::Process, _) => ctx.t("field-title").into_owned(),
            (Subject::Group, Field::Description) => {
                ctx.t1("content-group-description", "number", group_number())
            }
            (Subject::Group, _) => ctx.t1("content-group-name", "number", group_number()),
            (Subject::Theme, _) => ctx.t("content-theme-name").into_owned(),
        }
    };
    let rows = editor
        .structure
        .slots(&editor.process)
        .into_iter()
        .map(|(slot, original)| {
            let name = slot.form_name();
            let value = match typed {
                Some(fields) => fields
                    .iter()
                    .find(|(field, _)| *field == name)
                    .map(|(_, value)| value.clone())
                    .unwrap_or_default(),
                None => editor
                    .structure
                    .content
                    .get(slot, editor.lang)
                    .unwrap_or_default()
                    .to_string(),
            };
            let error = errors
                .iter()
                .find(|(field, _)| *field == name)
                .map(|(_, invalid)| invalid.0);
            Row {
                label: label(&ctx, slot),
                original: original.to_string(),
                long: slot.field.is_long(),
                name,
                value,
                error,
            }
        })
        .collect();
    ContentPage {
        slug: editor.process.slug.clone(),
        title: editor.process.title.clone(),
        original: editor.structure.original,
        lang: editor.lang,
        rows,
        ctx,
    }
}

#[get("/processes/{process}/translations/{lang}")]
pub async fn content_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, code) = path.into_inner();
    let editor = state
        .run(move |conn| app::admin::content::editor(conn, person, &slug, &code))
        .await?;
    page::ok(&page_of(ctx, &editor, None, &[]))
}

#[post("/processes/{process}/translations/{lang}")]
pub async fn save_content(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let (slug, code) = path.into_inner();
    let fields = form.into_inner();
    let (typed_slug, typed_code, typed) = (slug.clone(), code.clone(), fields.clone());
    let saved = state
        .run(move |conn| app::admin::content::save(conn, person, &typed_slug, &typed_code, &typed))
        .await?;
    match saved {
        Saved::Saved => Ok(page::see_other(&format!(
            "{}?notice=saved",
            paths::admin_process_translations(&slug, &code)
        ))),
        Saved::Refused(errors) => {
            let editor = state
                .run(move |conn| app::admin::content::editor(conn, person, &slug, &code))
                .await?;
            page::invalid(&page_of(ctx, &editor, Some(&fields), &errors))
        }
    }
}
