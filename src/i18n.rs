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
    use std::collections::BTreeSet;

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

    /// Every Fluent file, by name: its English, French and Arabic text.
    const FILES: [(&str, [(Lang, &str); 3]); 7] = [
        (
            "contributions.ftl",
            [
                (Lang::En, include_str!("../locales/en/contributions.ftl")),
                (Lang::Fr, include_str!("../locales/fr/contributions.ftl")),
                (Lang::Ar, include_str!("../locales/ar/contributions.ftl")),
            ],
        ),
        (
            "documents.ftl",
            [
                (Lang::En, include_str!("../locales/en/documents.ftl")),
                (Lang::Fr, include_str!("../locales/fr/documents.ftl")),
                (Lang::Ar, include_str!("../locales/ar/documents.ftl")),
            ],
        ),
        (
            "export.ftl",
            [
                (Lang::En, include_str!("../locales/en/export.ftl")),
                (Lang::Fr, include_str!("../locales/fr/export.ftl")),
                (Lang::Ar, include_str!("../locales/ar/export.ftl")),
            ],
        ),
        (
            "main.ftl",
            [
                (Lang::En, include_str!("../locales/en/main.ftl")),
                (Lang::Fr, include_str!("../locales/fr/main.ftl")),
                (Lang::Ar, include_str!("../locales/ar/main.ftl")),
            ],
        ),
        (
            "proposals.ftl",
            [
                (Lang::En, include_str!("../locales/en/proposals.ftl")),
                (Lang::Fr, include_str!("../locales/fr/proposals.ftl")),
                (Lang::Ar, include_str!("../locales/ar/proposals.ftl")),
            ],
        ),
        (
            "review.ftl",
            [
                (Lang::En, include_str!("../locales/en/review.ftl")),
                (Lang::Fr, include_str!("../locales/fr/review.ftl")),
                (Lang::Ar, include_str!("../locales/ar/review.ftl")),
            ],
        ),
        (
            "stats.ftl",
            [
                (Lang::En, include_str!("../locales/en/stats.ftl")),
                (Lang::Fr, include_str!("../locales/fr/stats.ftl")),
                (Lang::Ar, include_str!("../locales/ar/stats.ftl")),
            ],
        ),
    ];

    fn is_identifier(word: &str) -> bool {
        let mut chars = word.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    }

    /// The messages of a Fluent file, each with the variables (`$name`) it uses.
    fn messages(source: &str) -> Vec<(String, BTreeSet<String>)> {
        let mut messages: Vec<(String, BTreeSet<String>)> = Vec::new();
        let mut current = false;
        for line in source.lines() {
            let mut body = line;
            if !line.starts_with([' ', '\t']) {
                match line.split_once('=') {
                    Some((key, value)) if is_identifier(key.trim()) => {
                        messages.push((key.trim().to_string(), BTreeSet::new()));
                        current = true;
                        body = value;
                    }
                    // Comments end a message; a closing `}` or a blank line does not.
                    _ if line.starts_with('#') => current = false,
                    _ => {}
                }
            }
            if let (true, Some((_, variables))) = (current, messages.last_mut()) {
                for (_, rest) in body.match_indices('$').map(|(i, _)| body.split_at(i + 1)) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect();
                    if is_identifier(&name) {
                        variables.insert(name);
                    }
                }
            }
        }
        messages
    }

    /// Translations hold only what English has: a key English lacks is a typo or a leftover,
    /// and would never be shown.
    #[test]
    fn translations_only_use_english_keys() {
        for (file, sources) in FILES {
            let english: Vec<String> = messages(sources[0].1).into_iter().map(|(k, _)| k).collect();
            for (lang, source) in &sources[1..] {
                for (key, _) in messages(source) {
                    assert!(
                        english.contains(&key),
                        "locales/{}/{file} has {key}, which English lacks",
                        lang.code()
                    );
                }
            }
        }
    }

    /// Every English file is in `FILES`, so none escapes the tests below.
    #[test]
    fn every_english_file_is_checked() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales/en");
        for entry in std::fs::read_dir(dir).expect("locales/en") {
            let name = entry.expect("locales/en").file_name();
            let name = name.to_string_lossy();
            if name.ends_with(".ftl") {
                assert!(
                    FILES.iter().any(|(file, _)| *file == name),
                    "locales/en/{name} is not in FILES in src/i18n.rs: add it, with its fr and ar files"
                );
            }
        }
    }

    /// Every English message is translated into every language, in the file of the same name,
    /// with the same variables; and each translation loads and formats on its own (no fallback),
    /// whichever plural category a number falls in.
    #[test]
    fn every_message_is_translated_in_every_file() {
        let mut missing = Vec::new();
        for (file, sources) in FILES {
            let english = messages(sources[0].1);
            assert!(!english.is_empty(), "locales/en/{file} has no messages");
            for (lang, source) in sources {
                let translated = messages(source);
                for (key, variables) in &english {
                    let Some((_, own)) = translated.iter().find(|(k, _)| k == key) else {
                        missing.push((lang.code(), file, key.clone()));
                        continue;
                    };
                    assert_eq!(
                        own,
                        variables,
                        "locales/{}/{file}: {key} must use the same variables as English",
                        lang.code()
                    );
                    for number in [0_i64, 1, 2, 3, 11, 100, 1_000_000] {
                        let args: HashMap<Cow<'static, str>, FluentValue> = variables
                            .iter()
                            .map(|name| (Cow::Owned(name.clone()), FluentValue::from(number)))
                            .collect();
                        let text = LOCALES.lookup_no_default_fallback(&lang.id(), key, Some(&args));
                        assert!(
                            text.is_some_and(|t| !t.trim().is_empty()),
                            "locales/{}/{file}: {key} does not load or format with {number}",
                            lang.code()
                        );
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "translations missing, which English has:\n{}",
            missing
                .iter()
                .map(|(lang, file, key)| format!("locales/{lang}/{file}: {key}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
