//! The language a contribution or proposal is written in: one of the six official languages,
//! chosen by its author, pre-filled by the script the text is written in.
//!
//! Detection only tells scripts apart (Arabic, Han, Cyrillic, Latin): a Latin text may be
//! English, French or Spanish, which only its author knows, so it is taken to be in the
//! interface language when that is one of them. Pure: no I/O.

use crate::i18n::Lang;

/// The language of a text people wrote; stored by its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLanguage(pub Lang);

impl TextLanguage {
    pub const ALL: [TextLanguage; 6] = [
        TextLanguage(Lang::Ar),
        TextLanguage(Lang::Zh),
        TextLanguage(Lang::En),
        TextLanguage(Lang::Fr),
        TextLanguage(Lang::Ru),
        TextLanguage(Lang::Es),
    ];

    pub fn as_str(self) -> &'static str {
        self.0.code()
    }

    /// Exactly one of the six codes; anything else ("xx", "en-GB", "<script>") is refused.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == raw)
    }

    pub fn lang(self) -> Lang {
        self.0
    }

    /// `rtl` for Arabic, `ltr` otherwise: the text's `dir`.
    pub fn dir(self) -> &'static str {
        self.0.dir()
    }

    /// The language's own name, as the form's choices and the lists show it.
    pub fn native_name(self) -> &'static str {
        self.0.native_name()
    }
}

// Kept in a draft's JSON by its code; an unknown code is an error, never a default.
impl serde::Serialize for TextLanguage {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for TextLanguage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        TextLanguage::parse(&raw)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown language {raw:?}")))
    }
}

/// The writing systems detection tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Arabic,
    Han,
    Cyrillic,
    Latin,
}

impl Script {
    fn of(c: char) -> Option<Script> {
        match u32::from(c) {
            0x0600..=0x06FF
            | 0x0750..=0x077F
            | 0x08A0..=0x08FF
            | 0xFB50..=0xFDFF
            | 0xFE70..=0xFEFF => Some(Script::Arabic),
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => {
                Some(Script::Han)
            }
            0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => {
                Some(Script::Cyrillic)
            }
            _ if c.is_ascii_alphabetic() => Some(Script::Latin),
            0x00C0..=0x024F | 0x1E00..=0x1EFF if c.is_alphabetic() => Some(Script::Latin),
            _ => None,
        }
    }

    /// Whether a text in this script may be in `language`.
    fn writes(self, language: Lang) -> bool {
        match self {
            Script::Arabic => language == Lang::Ar,
            Script::Han => language == Lang::Zh,
            Script::Cyrillic => language == Lang::Ru,
            Script::Latin => matches!(language, Lang::En | Lang::Fr | Lang::Es),
        }
    }
}

/// Fewer letters than this say nothing clear about a text.
const CLEAR_LETTERS: usize = 4;

/// The script most of the text's letters are written in, when it is clear: at least a few
/// letters, and two thirds of them in one script. A Han character counts as three letters,
/// since it writes a word where other scripts spell one out (a Chinese text quoting "SDG 10"
/// is still Chinese).
pub fn script_of(text: &str) -> Option<Script> {
    let mut counts = [0usize; 4];
    let mut letters = 0usize;
    for script in text.chars().filter_map(Script::of) {
        let (slot, weight) = match script {
            Script::Arabic => (0, 1),
            Script::Han => (1, 3),
            Script::Cyrillic => (2, 1),
            Script::Latin => (3, 1),
        };
        counts[slot] += weight;
        letters += weight;
    }
    if letters < CLEAR_LETTERS {
        return None;
    }
    let scripts = [Script::Arabic, Script::Han, Script::Cyrillic, Script::Latin];
    let (slot, most) = counts.iter().enumerate().max_by_key(|(_, count)| **count)?;
    (most * 3 >= letters * 2).then_some(scripts[slot])
}

/// The language a text in `script` is taken to be in, for someone using the interface in
/// `interface`.
fn language_of(script: Script, interface: Lang) -> Lang {
    match script {
        Script::Arabic => Lang::Ar,
        Script::Han => Lang::Zh,
        Script::Cyrillic => Lang::Ru,
        Script::Latin if Script::Latin.writes(interface) => interface,
        Script::Latin => Lang::En,
    }
}

/// What the form's language choice is pre-filled with: the text's script decides when it is
/// clear; otherwise (an empty form) the interface language.
pub fn detect(text: &str, interface: Lang) -> TextLanguage {
    TextLanguage(match script_of(text) {
        Some(script) => language_of(script, interface),
        None => interface,
    })
}

/// The language a posted text is saved in. A choice left at the form's pre-filled `default`
/// gives way when the text is clearly written in a script that language does not use (the
/// form was pre-filled before the text was typed); any other choice stands, as does one
/// made on a form that was not pre-filled (a draft's, showing what was saved).
pub fn settle(
    chosen: TextLanguage,
    default: Option<TextLanguage>,
    text: &str,
    interface: Lang,
) -> TextLanguage {
    if default != Some(chosen) {
        return chosen;
    }
    match script_of(text) {
        Some(script) if !script.writes(chosen.0) => TextLanguage(language_of(script, interface)),
        _ => chosen,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(code: &str) -> TextLanguage {
        TextLanguage::parse(code).expect("a language")
    }

    #[test]
    fn only_the_six_codes_parse() {
        for language in TextLanguage::ALL {
            assert_eq!(TextLanguage::parse(language.as_str()), Some(language));
        }
        for forged in ["xx", "", "EN", "en-GB", "<script>", " ar"] {
            assert_eq!(TextLanguage::parse(forged), None, "{forged}");
        }
        assert_eq!(lang("ar").dir(), "rtl");
        assert_eq!(lang("zh").dir(), "ltr");
    }

    #[test]
    fn scripts_name_their_language() {
        let arabic = "حماية حقوق الإنسان لجميع المهاجرين";
        let chinese = "保护所有移民的人权";
        let russian = "Защита прав человека всех мигрантов";
        let english = "Protecting the human rights of all migrants";
        assert_eq!(detect(arabic, Lang::En), lang("ar"));
        assert_eq!(detect(chinese, Lang::Fr), lang("zh"));
        assert_eq!(detect(russian, Lang::En), lang("ru"));
        assert_eq!(detect(english, Lang::Fr), lang("fr"));
        assert_eq!(detect(english, Lang::Es), lang("es"));
        // Latin text under an interface whose language is not written in Latin: English.
        assert_eq!(detect(english, Lang::Ar), lang("en"));
        assert_eq!(detect(english, Lang::Ru), lang("en"));
    }

    #[test]
    fn an_empty_or_unclear_text_takes_the_interface_language() {
        assert_eq!(detect("", Lang::Ar), lang("ar"));
        assert_eq!(detect("12, 14 (b)", Lang::Ru), lang("ru"));
        assert_eq!(script_of("abc"), None);
        // Half Arabic, half Latin: not clear.
        assert_eq!(script_of("حقوق الإنسان human rights"), None);
    }

    #[test]
    fn a_chinese_text_quoting_latin_stays_chinese() {
        assert_eq!(script_of("落实可持续发展目标 SDG 10.7"), Some(Script::Han));
        assert_eq!(
            script_of("Les droits de l'homme, à égalité"),
            Some(Script::Latin)
        );
    }

    #[test]
    fn a_choice_away_from_the_default_stands() {
        let arabic = "حماية حقوق الإنسان لجميع المهاجرين";
        // Chose French for an Arabic text on purpose: kept.
        assert_eq!(
            settle(lang("fr"), Some(lang("en")), arabic, Lang::En),
            lang("fr")
        );
        // Left at the default: the script decides.
        assert_eq!(
            settle(lang("en"), Some(lang("en")), arabic, Lang::En),
            lang("ar")
        );
        // A form that was not pre-filled (a saved draft's) keeps what it shows.
        assert_eq!(
            settle(lang("en"), None, "保护所有移民的人权", Lang::En),
            lang("en")
        );
        // A Latin text left at a Latin language keeps it: only its author knows which.
        assert_eq!(
            settle(
                lang("es"),
                Some(lang("es")),
                "Human rights for all",
                Lang::Es
            ),
            lang("es")
        );
        // A Latin text left at Arabic (the form was pre-filled from an Arabic interface).
        assert_eq!(
            settle(
                lang("ar"),
                Some(lang("ar")),
                "Human rights for all",
                Lang::Ar
            ),
            lang("en")
        );
        // An unclear text keeps the choice.
        assert_eq!(
            settle(lang("ru"), Some(lang("ru")), "", Lang::En),
            lang("ru")
        );
    }
}
