//! A document's details: its title, its symbol (such as A/CONF.231/3) and the language it is
//! written in. They go into every revision published afterwards and into every export.
//!
//! Two editors saving at once do not lose each other's work: a field one left as the form
//! showed it takes what the other saved; a field both changed, differently, is a conflict.

use super::load_for_editing;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::validation::FieldErrors;
use crate::export::text::Language;
use crate::store::documents::{self as store, Document};

const TITLE_MAX: usize = 300;
const SYMBOL_MAX: usize = 60;
/// The message beside a field someone else changed while the editor was writing.
pub const CHANGED: &str = "document-details-changed-meanwhile";

/// The details as sent, with the details the form showed (`None`: not sent), so that a save
/// sees what changed meanwhile.
#[derive(Debug, Default, Clone)]
pub struct Details {
    pub title: String,
    pub symbol: String,
    pub language: String,
    pub base_title: Option<String>,
    pub base_symbol: Option<String>,
    pub base_language: Option<String>,
}

/// The details as they will be stored: title, symbol, language.
type Checked = (String, String, Language);

impl Details {
    /// The details as they will be stored, or the errors to show beside the fields.
    pub fn check(&self) -> Result<Checked, FieldErrors> {
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

    /// Merges the checked details with what is stored now, field by field: a field the
    /// editor left as the form showed it takes what was saved meanwhile; a field both
    /// changed, differently, is a conflict, reported beside the field.
    fn merge(
        &self,
        (title, symbol, language): Checked,
        stored: &Document,
    ) -> Result<Checked, FieldErrors> {
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

    /// The fields both this editor and someone else changed, differently, against the
    /// details `stored` now: what a `Conflict` from `save_details` shows beside the fields.
    pub fn changed_meanwhile(&self, stored: &Document) -> FieldErrors {
        match self.check().and_then(|checked| self.merge(checked, stored)) {
            Ok(_) => FieldErrors::default(),
            Err(errors) => errors,
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

/// Saves the details: `Invalid` with the errors beside the fields, or `Conflict(CHANGED)`
/// when someone else changed a field this editor changed too (see
/// [`Details::changed_meanwhile`]). Returns where to go.
pub fn save_details(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    details: &Details,
) -> Result<String> {
    let checked = details.check();
    app::transaction(conn, |conn| {
        let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
        let (title, symbol, language) = details
            .merge(checked.map_err(Error::Invalid)?, &loaded.document)
            .map_err(|_| Error::Conflict(CHANGED))?;
        store::update_details(conn, loaded.document.id, &title, &symbol, language.code)?;
        let detail = serde_json::json!({
            "title": title,
            "symbol": symbol,
            "language": language.code,
        });
        loaded.audit(conn, person, "document.details", detail)?;
        Ok(format!("{}&notice=details-saved", loaded.working_path()))
    })
}

#[cfg(test)]
mod tests {
    use super::Details;

    fn form(title: &str, symbol: &str, language: &str) -> Details {
        Details {
            title: title.into(),
            symbol: symbol.into(),
            language: language.into(),
            ..Details::default()
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
