//! A process's content in several languages: what the secretariat writes (the process's title
//! and description, its action groups' names and descriptions, its themes' and guiding
//! principles' names) in the process's original language, and in any of the other official
//! languages. A page shows the visitor's language where it has a text and the original
//! otherwise, marked with the original's own language so that screen readers and fonts follow.
//!
//! This module owns the choice and the parsing of a translation form; it stores nothing.

use std::collections::HashMap;

use super::validation::{self, Invalid, Title};
use crate::i18n::Lang;

/// What a translated text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    Process,
    Group,
    /// A theme or a guiding principle.
    Theme,
}

impl Subject {
    pub const ALL: [Subject; 3] = [Subject::Process, Subject::Group, Subject::Theme];

    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Process => "process",
            Subject::Group => "group",
            Subject::Theme => "theme",
        }
    }

    pub fn parse(raw: &str) -> Option<Subject> {
        Subject::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// Which of its texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Description,
    Name,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::Title, Field::Description, Field::Name];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Description => "description",
            Field::Name => "name",
        }
    }

    pub fn parse(raw: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == raw)
    }

    /// Whether the text may run over several lines.
    pub fn is_long(self) -> bool {
        self == Field::Description
    }
}

/// One text of the process: its subject, the subject's id, and the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Slot {
    pub subject: Subject,
    pub id: i64,
    pub field: Field,
}

impl Slot {
    pub fn new(subject: Subject, id: i64, field: Field) -> Slot {
        Slot { subject, id, field }
    }

    /// The name of its field in the translation form, e.g. `group-12-name`.
    pub fn form_name(self) -> String {
        format!(
            "{}-{}-{}",
            self.subject.as_str(),
            self.id,
            self.field.as_str()
        )
    }

    pub fn parse_form_name(raw: &str) -> Option<Slot> {
        let mut parts = raw.splitn(3, '-');
        let subject = Subject::parse(parts.next()?)?;
        let id = parts.next()?.parse().ok()?;
        let field = Field::parse(parts.next()?)?;
        Some(Slot { subject, id, field })
    }
}

/// A text as a page shows it: `lang` is set when it is not in the visitor's language (the
/// original, for want of a translation), so the element carrying it says which it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown<'a> {
    pub text: &'a str,
    pub lang: Option<Lang>,
}

impl Shown<'_> {
    /// The attributes of the element that holds the text: ` lang="en" dir="ltr"` for a text
    /// in another language than the page's, else ` dir="auto"` (a text in the page's language
    /// may still begin with a name in another script). Only fixed codes, never the text, so
    /// safe to write unescaped.
    pub fn attrs(&self) -> String {
        match self.lang {
            Some(lang) => format!(" lang=\"{}\" dir=\"{}\"", lang.code(), lang.dir()),
            None => " dir=\"auto\"".to_string(),
        }
    }
}

/// The translations of one or more processes' content, by slot and language.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    texts: HashMap<(Slot, Lang), String>,
}

impl Translations {
    pub fn from_rows(rows: impl IntoIterator<Item = (Slot, Lang, String)>) -> Translations {
        Translations {
            texts: rows
                .into_iter()
                .filter(|(_, _, text)| !text.trim().is_empty())
                .map(|(slot, lang, text)| ((slot, lang), text))
                .collect(),
        }
    }

    /// The translation of `slot` into `lang`, if there is one.
    pub fn get(&self, slot: Slot, lang: Lang) -> Option<&str> {
        self.texts.get(&(slot, lang)).map(String::as_str)
    }

    /// What a visitor reading `visitor` sees of `slot`, whose text in the process's
    /// `original` language is `original_text`.
    pub fn show<'a>(
        &'a self,
        visitor: Lang,
        original: Lang,
        slot: Slot,
        original_text: &'a str,
    ) -> Shown<'a> {
        if visitor == original || original_text.is_empty() {
            return Shown {
                text: original_text,
                lang: None,
            };
        }
        match self.get(slot, visitor) {
            Some(text) => Shown { text, lang: None },
            None => Shown {
                text: original_text,
                lang: Some(original),
            },
        }
    }
}

/// The fields of a form refused, by their names in the form, with why.
pub type Refused = Vec<(String, Invalid)>;

/// The translations a form gives for one language, checked against the slots the process
/// has: an empty field removes that translation. Fields the process has no slot for are
/// refused, so a forged form cannot write into another process's groups.
pub fn parse_form(
    slots: &[Slot],
    fields: &[(String, String)],
) -> Result<Vec<(Slot, Option<String>)>, Refused> {
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for slot in slots {
        let name = slot.form_name();
        let raw = fields
            .iter()
            .find(|(field, _)| *field == name)
            .map(|(_, value)| value.as_str())
            .unwrap_or_default();
        if raw.trim().is_empty() {
            parsed.push((*slot, None));
            continue;
        }
        let checked = if slot.field.is_long() {
            validation::description(raw, 5_000)
        } else {
            Title::parse(raw).map(Title::into_inner)
        };
        match checked {
            Ok(text) => parsed.push((*slot, Some(text))),
            Err(invalid) => errors.push((name, invalid)),
        }
    }
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group_name(id: i64) -> Slot {
        Slot::new(Subject::Group, id, Field::Name)
    }

    #[test]
    fn a_visitor_sees_their_language_or_the_marked_original() {
        let translations =
            Translations::from_rows([(group_name(1), Lang::Fr, "Dimension humaine".into())]);
        let fr = translations.show(Lang::Fr, Lang::En, group_name(1), "Human dimensions");
        assert_eq!(fr.text, "Dimension humaine");
        assert_eq!(fr.attrs(), " dir=\"auto\"");
        let ru = translations.show(Lang::Ru, Lang::En, group_name(1), "Human dimensions");
        assert_eq!(ru.text, "Human dimensions");
        assert_eq!(ru.attrs(), " lang=\"en\" dir=\"ltr\"");
        let en = translations.show(Lang::En, Lang::En, group_name(1), "Human dimensions");
        assert_eq!(en.lang, None);
        let from_arabic = translations.show(Lang::Fr, Lang::Ar, group_name(2), "البعد الإنساني");
        assert_eq!(from_arabic.attrs(), " lang=\"ar\" dir=\"rtl\"");
    }

    #[test]
    fn form_names_go_and_come_back() {
        let slot = Slot::new(Subject::Theme, 42, Field::Name);
        assert_eq!(Slot::parse_form_name(&slot.form_name()), Some(slot));
        assert_eq!(Slot::parse_form_name("group-x-name"), None);
        assert_eq!(Slot::parse_form_name("group-1-colour"), None);
    }

    #[test]
    fn a_form_keeps_only_the_processs_own_slots() {
        let slots = [
            group_name(1),
            Slot::new(Subject::Process, 7, Field::Description),
        ];
        let fields = vec![
            (
                "group-1-name".to_string(),
                " Dimension humaine ".to_string(),
            ),
            ("group-99-name".to_string(), "Forged".to_string()),
            ("process-7-description".to_string(), String::new()),
        ];
        let parsed = parse_form(&slots, &fields).unwrap();
        assert_eq!(
            parsed,
            vec![
                (group_name(1), Some("Dimension humaine".to_string())),
                (Slot::new(Subject::Process, 7, Field::Description), None),
            ]
        );
        let too_short = vec![("group-1-name".to_string(), "x".to_string())];
        let errors = parse_form(&slots, &too_short).unwrap_err();
        assert_eq!(errors[0].0, "group-1-name");
    }
}
