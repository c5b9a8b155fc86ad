//! A document's details: its title, its symbol (such as A/CONF.231/3) and the language it is
//! written in (`app::documents::details`). A refused save shows the form again with what was
//! typed: 409 beside the fields someone else changed meanwhile, 422 beside invalid ones.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::app::documents::details::{self, CHANGED, Details};
use crate::app::documents::{Loaded, load_for_editing};
use crate::app::{self, Person};
use crate::export::text::Language;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::SignedIn;

#[derive(Debug, Default, Clone, Deserialize)]
pub struct DetailsForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    symbol: String,
    #[serde(default)]
    language: String,
    /// The details as the form showed them, so that a save sees what changed meanwhile.
    base_title: Option<String>,
    base_symbol: Option<String>,
    base_language: Option<String>,
}

impl DetailsForm {
    fn of(loaded: &Loaded) -> Self {
        let document = &loaded.document;
        DetailsForm {
            title: document.title.clone(),
            symbol: document.symbol.clone(),
            language: document.language.clone(),
            base_title: Some(document.title.clone()),
            base_symbol: Some(document.symbol.clone()),
            base_language: Some(document.language.clone()),
        }
    }

    fn details(&self) -> Details {
        Details {
            title: self.title.clone(),
            symbol: self.symbol.clone(),
            language: self.language.clone(),
            base_title: self.base_title.clone(),
            base_symbol: self.base_symbol.clone(),
            base_language: self.base_language.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "documents/details.html")]
struct DetailsPage {
    ctx: Ctx,
    loaded: Loaded,
    form: DetailsForm,
    errors: FieldErrors,
}

impl DetailsPage {
    /// Whether someone else saved other details while this editor wrote.
    fn changed_meanwhile(&self) -> bool {
        self.errors.all().iter().any(|(_, key)| *key == CHANGED)
    }

    fn language_name(&self, code: &str) -> &'static str {
        Language::official(code).map_or("", native_name)
    }

    /// The languages to choose from, each named in its own language, as UN documents do.
    fn languages(&self) -> [(&'static str, &'static str); 6] {
        Language::OFFICIAL.map(|language| (language.code, native_name(language)))
    }
}

fn native_name(language: Language) -> &'static str {
    match language.code {
        "ar" => "العربية",
        "zh" => "中文",
        "fr" => "Français",
        "ru" => "Русский",
        "es" => "Español",
        _ => "English",
    }
}

/// The document as it is stored now, for those who may edit it.
async fn loaded_now(
    state: &AppState,
    person: Person,
    (process_slug, document_slug): (String, String),
) -> Result<Loaded, AppError> {
    let loaded = state
        .run(move |conn| load_for_editing(conn, person, &process_slug, &document_slug))
        .await?;
    Ok(loaded)
}

#[get("/{document}/details")]
pub async fn details_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let loaded = loaded_now(&state, user.person(), path.into_inner()).await?;
    page::ok(&DetailsPage {
        ctx,
        form: DetailsForm::of(&loaded),
        loaded,
        errors: FieldErrors::default(),
    })
}

#[post("/{document}/details")]
pub async fn save_details(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<DetailsForm>,
) -> Result<HttpResponse, AppError> {
    let path = path.into_inner();
    let mut form = form.into_inner();
    let sent = form.details();
    let person = user.person();
    let (process_slug, document_slug) = path.clone();
    let saving = state
        .run(move |conn| details::save_details(conn, person, &process_slug, &document_slug, &sent));
    let refused = match saving.await {
        Ok(location) => return Ok(page::see_other(&location)),
        Err(refused @ (app::Error::Invalid(_) | app::Error::Conflict(_))) => refused,
        Err(other) => return Err(other.into()),
    };
    let loaded = loaded_now(&state, person, path).await?;
    let (errors, status) = match refused {
        app::Error::Conflict(_) => (
            form.details().changed_meanwhile(&loaded.document),
            StatusCode::CONFLICT,
        ),
        app::Error::Invalid(errors) => (errors, StatusCode::UNPROCESSABLE_ENTITY),
        other => return Err(other.into()),
    };
    // Saving again from here means: what is in the boxes replaces what is stored.
    let stored = DetailsForm::of(&loaded);
    form.base_title = stored.base_title;
    form.base_symbol = stored.base_symbol;
    form.base_language = stored.base_language;
    page::render(
        &DetailsPage {
            ctx,
            loaded,
            form,
            errors,
        },
        status,
    )
}
