//! The one translation layer: every string of the interface is looked up here.
//!
//! Messages live in `locales/<lang>/main.ftl`. English is complete and the fallback for
//! every other language. Fluent's invisible isolation marks are turned off; templates wrap
//! names people typed in `<bdi>` instead.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
    Ar,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Ar];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ar => "ar",
        }
    }

    /// The language's own name, for the chooser.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Ar => "العربية",
        }
    }

    pub fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar)
    }

    pub fn dir(self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }

    pub fn parse(raw: &str) -> Option<Lang> {
        let primary = raw.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The best language for an `Accept-Language` header, by its quality values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut offers: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(position, part)| {
                let mut pieces = part.split(';');
                let lang = Lang::parse(pieces.next()?)?;
                let quality = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (quality > 0.0).then_some((quality, position, lang))
            })
            .collect();
        offers.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        offers.first().map(|(_, _, lang)| *lang)
    }

    fn id(self) -> LanguageIdentifier {
        self.code().parse().unwrap_or_default()
    }

    /// The message `key`; the key itself if no language has it (a test checks none is missing).
    pub fn t(self, key: &str) -> String {
        LOCALES
            .try_lookup(&self.id(), key)
            .unwrap_or_else(|| key.to_string())
    }

    /// The message `key` with named arguments.
    pub fn t_with(self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| {
                // Numbers go in as numbers, so plural forms ("One contribution") apply.
                let value = match value.parse::<i64>() {
                    Ok(number) => FluentValue::from(number),
                    Err(_) => FluentValue::from(value.clone()),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        LOCALES
            .try_lookup_with_args(&self.id(), key, &args)
            .unwrap_or_else(|| key.to_string())
    }

    /// Whether this language has its own text for `key` (no fallback).
    pub fn has_own(self, key: &str) -> bool {
        LOCALES
            .lookup_no_default_fallback(
                &self.id(),
                key,
                None::<&HashMap<Cow<'static, str>, FluentValue>>,
            )
            .is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_offer() {
        assert_eq!(
            Lang::from_accept_language("ar-EG,ar;q=0.9,en;q=0.8"),
            Some(Lang::Ar)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE, fr;q=0.5, en;q=0.7"),
            Some(Lang::En)
        );
        assert_eq!(Lang::from_accept_language("de, ru"), None);
        assert_eq!(Lang::from_accept_language("fr;q=0"), None);
    }

    #[test]
    fn messages_are_translated_with_english_as_fallback() {
        assert_eq!(Lang::En.t("nav-sign-in"), "Sign in");
        assert_ne!(Lang::Ar.t("nav-sign-in"), "Sign in");
        assert_eq!(Lang::En.t("no-such-key"), "no-such-key");
        assert!(
            Lang::En
                .t_with("welcome-back", &[("name", "Ana".into())])
                .contains("Ana")
        );
    }

    /// English is complete: every key used by a translation exists in English.
    #[test]
    fn translations_only_use_english_keys() {
        let keys = |source: &str| -> Vec<String> {
            source
                .lines()
                .filter_map(|l| l.split_once(" ="))
                .map(|(k, _)| k.trim().to_string())
                .filter(|k| !k.is_empty() && !k.starts_with('#') && !k.starts_with('.'))
                .collect()
        };
        let english = keys(include_str!("../locales/en/main.ftl"));
        for (name, source) in [
            ("fr", include_str!("../locales/fr/main.ftl")),
            ("ar", include_str!("../locales/ar/main.ftl")),
        ] {
            for key in keys(source) {
                assert!(
                    english.contains(&key),
                    "{name} has {key}, which English lacks"
                );
            }
        }
    }
}
