//! A document's details: its title, its symbol (such as A/CONF.231/3) and the language it is
//! written in. They go into every revision published afterwards and into every export.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use diesel::prelude::*;
use serde::Deserialize;

use super::{Loaded, load_for_editing};
use crate::db::schema::documents;
use crate::db::write_transaction;
use crate::export::text::Language;
use crate::store::audit::{self, Entry};
use crate::store::documents::Document;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::{SignedIn, Visitor};

const TITLE_MAX: usize = 300;
const SYMBOL_MAX: usize = 60;
/// The message beside a field someone else changed while the editor was writing.
const CHANGED: &str = "document-details-changed-meanwhile";

#[derive(Debug, Default, Deserialize)]
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

    /// Merges the checked details with what is stored now, field by field: a field the
    /// editor left as the form showed it takes what was saved meanwhile; a field both
    /// changed, differently, is a conflict, shown beside the field with the editor's text.
    fn merge(
        &self,
        (title, symbol, language): (String, String, Language),
        stored: &Document,
    ) -> Result<(String, String, Language), FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut pick =
            |field: &'static str, mine: String, base: &Option<String>, now: &str| match base {
                Some(base) if mine == *base => now.to_string(),
                Some(base) if now != base && now != mine => {
                    errors.add(field, CHANGED);
                    mine
                }
                _ => mine,
            };
        let title = pick("title", title, &self.base_title, &stored.title);
        let symbol = pick("symbol", symbol, &self.base_symbol, &stored.symbol);
        let code = pick(
            "language",
            language.code.to_string(),
            &self.base_language,
            &stored.language,
        );
        let language = Language::official(&code).unwrap_or(language);
        if errors.is_empty() {
            Ok((title, symbol, language))
        } else {
            Err(errors)
        }
    }

    /// The details as they will be stored, or the errors to show beside the fields.
    fn check(&self) -> Result<(String, String, Language), FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = one_line(&self.title);
        if title.is_empty() {
            errors.add("title", "error-required");
        } else if title.chars().count() > TITLE_MAX {
            errors.add("title", "error-too-long");
        } else if has_controls(&self.title) {
            errors.add("title", "error-control-characters");
        }
        let symbol = one_line(&self.symbol);
        if symbol.chars().count() > SYMBOL_MAX {
            errors.add("symbol", "error-too-long");
        } else if has_controls(&self.symbol) {
            errors.add("symbol", "error-control-characters");
        }
        let language = Language::official(self.language.trim());
        if language.is_none() {
            errors.add("language", "document-language-choose");
        }
        match language {
            Some(language) if errors.is_empty() => Ok((title, symbol, language)),
            _ => Err(errors),
        }
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Control characters other than the whitespace a browser may send.
fn has_controls(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
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
    fn working(&self) -> String {
        format!(
            "/p/{}/documents/{}?view=working",
            self.loaded.process.slug, self.loaded.document.slug
        )
    }

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

#[get("/{document}/details")]
pub async fn details_form(
    ctx: Ctx,
    _user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug) = path.into_inner();
    let loaded = state
        .db(move |conn| load_for_editing(conn, &process_slug, &document_slug, &visitor))
        .await?;
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
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<DetailsForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug) = path.into_inner();
    let form = form.into_inner();
    let checked = form.check();
    let actor = user.id;
    let outcome = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let loaded = load_for_editing(conn, &process_slug, &document_slug, &visitor)?;
                let merged = checked.and_then(|details| form.merge(details, &loaded.document));
                let (title, symbol, language) = match merged {
                    Ok(details) => details,
                    Err(errors) => return Ok(Err((loaded, form, errors))),
                };
                diesel::update(documents::table.find(loaded.document.id))
                    .set((
                        documents::title.eq(&title),
                        documents::symbol.eq(&symbol),
                        documents::language.eq(language.code),
                        documents::updated_at.eq(crate::store::now()),
                    ))
                    .execute(conn)?;
                audit::record(
                    conn,
                    Entry {
                        actor_id: Some(actor),
                        process_id: Some(loaded.process.id),
                        action: "document.details",
                        subject: format!("document:{}", loaded.document.slug),
                        detail: serde_json::json!({
                            "title": title,
                            "symbol": symbol,
                            "language": language.code,
                        }),
                    },
                )?;
                Ok(Ok(format!(
                    "/p/{}/documents/{}?view=working&notice=details-saved",
                    loaded.process.slug, loaded.document.slug
                )))
            })
        })
        .await?;
    match outcome {
        Ok(location) => Ok(page::see_other(&location)),
        Err((loaded, mut form, errors)) => {
            let changed = errors.all().iter().any(|(_, key)| *key == CHANGED);
            // Saving again from here means: what is in the boxes replaces what is stored.
            let stored = DetailsForm::of(&loaded);
            form.base_title = stored.base_title;
            form.base_symbol = stored.base_symbol;
            form.base_language = stored.base_language;
            let page = DetailsPage {
                ctx,
                loaded,
                form,
                errors,
            };
            if changed {
                page::render(&page, StatusCode::CONFLICT)
            } else {
                page::invalid(&page)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DetailsForm;

    fn form(title: &str, symbol: &str, language: &str) -> DetailsForm {
        DetailsForm {
            title: title.into(),
            symbol: symbol.into(),
            language: language.into(),
            ..DetailsForm::default()
        }
    }

    #[test]
    fn details_are_tidied_and_checked() {
        let (title, symbol, language) = form("  Projet  zéro\n", " A/CONF.231/3 ", "fr")
            .check()
            .expect("valid");
        assert_eq!(title, "Projet zéro");
        assert_eq!(symbol, "A/CONF.231/3");
        assert_eq!(language.code, "fr");

        let errors = form("", &"x".repeat(61), "xx")
            .check()
            .expect_err("invalid");
        assert_eq!(errors.get("title"), Some("error-required"));
        assert_eq!(errors.get("symbol"), Some("error-too-long"));
        assert_eq!(errors.get("language"), Some("document-language-choose"));
        let errors = form("A\u{0}B", "", "en").check().expect_err("invalid");
        assert_eq!(errors.get("title"), Some("error-control-characters"));
    }
}
