//! The one translation layer: every string of the interface is looked up here.
//!
//! Messages live in `locales/<lang>/*.ftl`, one folder for each of the six official
//! languages of the United Nations. English is complete and the fallback for every other
//! language. Fluent's invisible isolation marks are turned off; templates wrap
//! names people typed in `<bdi>` instead.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Ar,
    Zh,
    En,
    Fr,
    Ru,
    Es,
}

impl Lang {
    /// In the order the United Nations lists its languages (by their English names), as the
    /// chooser shows them.
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Ru, Lang::Es];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Es => "es",
        }
    }

    /// The language's own name, for the chooser.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ar => "العربية",
            Lang::Zh => "中文",
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Ru => "Русский",
            Lang::Es => "Español",
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

    fn id(self) -> &'static LanguageIdentifier {
        static IDS: LazyLock<Vec<LanguageIdentifier>> = LazyLock::new(|| {
            Lang::ALL
                .iter()
                .map(|lang| lang.code().parse().unwrap_or_default())
                .collect()
        });
        &IDS[self.index()]
    }

    /// Its place in [`Lang::ALL`].
    fn index(self) -> usize {
        self as usize
    }

    /// The message `key`; the key itself if no language has it (a test checks none is missing).
    ///
    /// A message without arguments is the same for the program's whole life, and a page asks
    /// for dozens, each a Fluent lookup of some thousands of instructions. Each message is
    /// kept once for the program's life ([`kept`]), and each thread keeps the ones it has
    /// used, by key: a page borrows them, with no lock and no copy.
    pub fn t(self, key: &str) -> Cow<'static, str> {
        thread_local! {
            static USED: RefCell<[HashMap<String, &'static str, Fnv>; 6]> = RefCell::default();
        }
        USED.with(|used| {
            if let Some(text) = used.borrow()[self.index()].get(key) {
                return Cow::Borrowed(*text);
            }
            match kept(self, key) {
                Some(text) => {
                    used.borrow_mut()[self.index()].insert(key.to_string(), text);
                    Cow::Borrowed(text)
                }
                None => Cow::Owned(key.to_string()),
            }
        })
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
            .try_lookup_with_args(self.id(), key, &args)
            .unwrap_or_else(|| key.to_string())
    }

    /// Whether this language has its own text for `key` (no fallback).
    pub fn has_own(self, key: &str) -> bool {
        LOCALES
            .lookup_no_default_fallback(
                self.id(),
                key,
                None::<&HashMap<Cow<'static, str>, FluentValue>>,
            )
            .is_some()
    }
}

/// The message `key` in `lang`, looked up once for the program's life: bounded by the locale
/// files, since only keys the messages have are kept, whatever a key is built from.
fn kept(lang: Lang, key: &str) -> Option<&'static str> {
    static KEPT: LazyLock<Mutex<HashMap<(Lang, String), &'static str>>> =
        LazyLock::new(Mutex::default);
    let mut kept = KEPT.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(text) = kept.get(&(lang, key.to_string())) {
        return Some(text);
    }
    let text: &'static str = LOCALES.try_lookup(lang.id(), key)?.leak();
    kept.insert((lang, key.to_string()), text);
    Some(text)
}

/// FNV-1a, for the short keys of messages: hashing them with the standard map's SipHash cost
/// more than the rest of a kept message's lookup, and they come from the program, not from
/// whoever sends a request.
struct FnvHasher(u64);

impl Default for FnvHasher {
    /// FNV's offset basis.
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

type Fnv = std::hash::BuildHasherDefault<FnvHasher>;

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
        assert_eq!(Lang::from_accept_language("de, it"), None);
        assert_eq!(
            Lang::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"),
            Some(Lang::Zh)
        );
        assert_eq!(Lang::from_accept_language("de, ru"), Some(Lang::Ru));
        assert_eq!(
            Lang::from_accept_language("es-419, en;q=0.5"),
            Some(Lang::Es)
        );
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

    #[test]
    fn each_language_keeps_its_own_messages() {
        for lang in Lang::ALL {
            assert_eq!(Lang::ALL[lang.index()], lang);
            assert_eq!(lang.id().to_string(), lang.code());
        }
        // The second lookup is what the thread kept.
        let kept = Lang::Fr.t("nav-sign-in");
        assert_eq!(Lang::Fr.t("nav-sign-in"), kept);
        assert_ne!(Lang::En.t("nav-sign-in"), kept);
        assert_eq!(Lang::Fr.t("no-such-key"), "no-such-key");
    }

    /// The Fluent files of a language, by name.
    fn files(lang: Lang) -> Vec<(String, String)> {
        let dir = format!("{}/locales/{}", env!("CARGO_MANIFEST_DIR"), lang.code());
        let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
            .map(|path| {
                let name = path.file_name().expect("a name").to_string_lossy().into();
                let text = std::fs::read_to_string(&path).expect("a readable file");
                (name, text)
            })
            .collect();
        files.sort();
        files
    }

    /// The text of `locales/<lang>/<file>`, empty if there is no such file.
    fn source(lang: Lang, file: &str) -> String {
        files(lang)
            .into_iter()
            .find(|(name, _)| name == file)
            .map(|(_, text)| text)
            .unwrap_or_default()
    }

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

    /// Translations hold only what English has, in files English has: a key or a file English
    /// lacks is a typo or a leftover, and would never be shown.
    #[test]
    fn translations_only_use_english_keys() {
        for lang in Lang::ALL {
            for (file, text) in files(lang) {
                let english: Vec<String> = messages(&source(Lang::En, &file))
                    .into_iter()
                    .map(|(k, _)| k)
                    .collect();
                assert!(
                    !english.is_empty(),
                    "locales/{}/{file}: English has no such file",
                    lang.code()
                );
                for (key, _) in messages(&text) {
                    assert!(
                        english.contains(&key),
                        "locales/{}/{file} has {key}, which English lacks",
                        lang.code()
                    );
                }
            }
        }
    }

    /// Every English message is translated into every language, in the file of the same name,
    /// with the same variables; and each translation loads and formats on its own (no fallback),
    /// whichever plural category a number falls in.
    #[test]
    fn every_message_is_translated_in_every_file() {
        let mut missing = Vec::new();
        for (file, english) in files(Lang::En) {
            let english = messages(&english);
            assert!(!english.is_empty(), "locales/en/{file} has no messages");
            for lang in Lang::ALL {
                let translated = messages(&source(lang, &file));
                for (key, variables) in &english {
                    let Some((_, own)) = translated.iter().find(|(k, _)| k == key) else {
                        missing.push((lang.code(), file.clone(), key.clone()));
                        continue;
                    };
                    assert_eq!(
                        own,
                        variables,
                        "locales/{}/{file}: {key} must use the same variables as English",
                        lang.code()
                    );
                    assert_formats(lang, &file, key, variables);
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

    /// The message loads in `lang` itself and formats with every kind of number: 1, 2, 5 and 21
    /// fall in different plural categories in Russian.
    fn assert_formats(lang: Lang, file: &str, key: &str, variables: &BTreeSet<String>) {
        for number in [0_i64, 1, 2, 3, 5, 11, 21, 100, 1_000_000] {
            let args: HashMap<Cow<'static, str>, FluentValue> = variables
                .iter()
                .map(|name| (Cow::Owned(name.clone()), FluentValue::from(number)))
                .collect();
            let text = LOCALES.lookup_no_default_fallback(lang.id(), key, Some(&args));
            assert!(
                text.is_some_and(|t| !t.trim().is_empty()),
                "locales/{}/{file}: {key} does not load or format with {number}",
                lang.code()
            );
        }
    }

    fn count(lang: Lang, key: &str, count: i64) -> String {
        lang.t_with(key, &[("count", count.to_string())])
    }

    /// Russian nouns take one form after 1 and 21, another after 2 to 4, a third after 5 to 20.
    #[test]
    fn russian_counts_take_their_three_forms() {
        let key = "contributions-count";
        assert_eq!(count(Lang::Ru, key, 1), "1 материал");
        assert_eq!(count(Lang::Ru, key, 2), "2 материала");
        assert_eq!(count(Lang::Ru, key, 5), "5 материалов");
        assert_eq!(count(Lang::Ru, key, 21), "21 материал");
        assert_eq!(count(Lang::Ru, "document-sources-count", 1), "1 источник");
        assert_eq!(count(Lang::Ru, "document-sources-count", 3), "3 источника");
        assert_eq!(
            count(Lang::Ru, "document-sources-count", 11),
            "11 источников"
        );
        assert_eq!(count(Lang::Ru, "document-sources-count", 21), "21 источник");
    }

    #[test]
    fn chinese_and_spanish_speak_their_own_words() {
        assert_eq!(Lang::Zh.t("nav-sign-in"), "登录");
        assert_eq!(Lang::Zh.t("category-member-state"), "会员国");
        assert_eq!(count(Lang::Zh, "contributions-count", 3), "3 份意见");
        assert_eq!(Lang::Es.t("nav-sign-in"), "Iniciar sesión");
        assert_eq!(Lang::Es.t("category-member-state"), "Estado Miembro");
        assert_eq!(count(Lang::Es, "contributions-count", 1), "1 contribución");
        assert_eq!(
            count(Lang::Es, "contributions-count", 4),
            "4 contribuciones"
        );
        assert_eq!(
            Lang::Ru.t_with("welcome-back", &[("name", "Анна".into())]),
            "Добро пожаловать, Анна."
        );
    }

    #[test]
    fn every_language_has_its_own_code_name_and_direction() {
        let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        assert_eq!(codes, ["ar", "zh", "en", "fr", "ru", "es"]);
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
            assert_eq!(lang.is_rtl(), lang == Lang::Ar);
        }
    }
}
