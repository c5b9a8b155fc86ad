//! A contribution's form as typed, and what of it can be saved or submitted.
//!
//! The form is kept as typed so it can always be shown again; it becomes a checked
//! `DraftContent` here, once, with every field error at once. No I/O: the process's groups
//! and themes are passed in.

use crate::domain::text_language::{self, TextLanguage};
use crate::domain::validation::{FieldErrors, Invalid};
use crate::i18n::Lang;
use crate::store::contributions::DraftContent;
use crate::store::processes::Structure;

pub const TITLE_MAX: usize = 300;
pub const BODY_MAX: usize = 100_000;

/// The form as typed, kept to show again whatever happens.
#[derive(Debug, Clone, Default)]
pub struct Input {
    pub title: String,
    pub body: String,
    /// The language chosen for the text, as sent.
    pub language: String,
    /// What the language choice was pre-filled with, as sent: empty when the form showed a
    /// saved choice.
    pub language_default: String,
    /// The interface language the form was sent from, which a Latin text is taken to be in.
    pub interface: Option<Lang>,
    /// Group numbers and theme ids as sent, so checked boxes stay checked.
    pub groups: Vec<String>,
    pub themes: Vec<String>,
    /// Attached files the author asked to remove.
    pub remove_files: Vec<String>,
    /// The id of the event it is made for, as sent; empty for none.
    pub event: String,
}

impl Input {
    pub fn has_group(&self, number: &i32) -> bool {
        self.groups.iter().any(|g| g == &number.to_string())
    }

    pub fn has_theme(&self, id: &i64) -> bool {
        self.themes.iter().any(|t| t == &id.to_string())
    }

    pub fn is_for_event(&self, id: &i64) -> bool {
        self.event.trim() == id.to_string()
    }

    fn interface(&self) -> Lang {
        self.interface.unwrap_or(Lang::En)
    }

    /// The title and text, whose script pre-fills and corrects the language.
    fn text(&self) -> String {
        format!("{}\n{}", self.title, self.body)
    }

    /// The language the form shows chosen: the one sent, or else the one the text's script
    /// suggests.
    pub fn shown_language(&self) -> TextLanguage {
        TextLanguage::parse(self.language.trim())
            .unwrap_or_else(|| text_language::detect(&self.text(), self.interface()))
    }

    /// The value of the form's hidden `language_default`: what it pre-filled, unless it
    /// shows a saved choice.
    pub fn prefilled(&self) -> Option<TextLanguage> {
        if self.language.is_empty() {
            Some(self.shown_language())
        } else {
            TextLanguage::parse(self.language_default.trim())
        }
    }

    /// The language to save: the choice, corrected by the text's script when it was left at
    /// its pre-filled value; a text sent without any choice (an older page's autosave) takes
    /// its script's. A value that names none of the six is refused.
    fn language(&self) -> Result<TextLanguage, Invalid> {
        let raw = self.language.trim();
        if raw.is_empty() {
            return Ok(text_language::detect(&self.text(), self.interface()));
        }
        let chosen = TextLanguage::parse(raw).ok_or(Invalid("error-no-such-language"))?;
        let default = TextLanguage::parse(self.language_default.trim());
        Ok(text_language::settle(
            chosen,
            default,
            &self.text(),
            self.interface(),
        ))
    }
}

/// The button the author pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    SaveDraft,
    Preview,
    Submit,
}

impl Intent {
    /// An unknown button saves a draft: the safest thing to do with a text.
    pub fn parse(raw: &str) -> Self {
        match raw {
            "submit" => Intent::Submit,
            "preview" => Intent::Preview,
            _ => Intent::SaveDraft,
        }
    }
}

/// A file sent with the form, as the web layer read it.
#[derive(Debug, Clone)]
pub enum Upload {
    /// A PDF, under a name safe to store and offer back.
    Pdf { file_name: String, content: Vec<u8> },
    /// Anything else: refused beside the field, the text still saved.
    NotPdf,
}

fn text_problem(value: &str, max: usize, allow_newlines: bool) -> Option<Invalid> {
    let control = value
        .chars()
        .any(|c| c.is_control() && !(allow_newlines && matches!(c, '\n' | '\t')));
    if control {
        Some(Invalid("error-control-characters"))
    } else if value.chars().count() > max {
        Some(Invalid("error-too-long"))
    } else {
        None
    }
}

/// What can be saved as a draft: everything within limits and naming this process's groups,
/// themes and public events (`events`, their ids). Errors here mean nothing is saved (the
/// form comes back with the text).
pub fn draft_content(
    input: &Input,
    structure: &Structure,
    events: &[i64],
) -> (DraftContent, FieldErrors) {
    let mut errors = FieldErrors::default();
    let title = input.title.trim().to_string();
    if let Some(problem) = text_problem(&title, TITLE_MAX, false) {
        errors.add("title", problem.0);
    }
    if let Some(problem) = text_problem(&input.body, BODY_MAX, true) {
        errors.add("body", problem.0);
    }
    let language = input.language().unwrap_or_else(|problem| {
        errors.add("language", problem.0);
        TextLanguage(Lang::En)
    });
    let mut group_ids = Vec::new();
    for raw in &input.groups {
        match structure
            .groups
            .iter()
            .find(|g| raw.parse::<i32>() == Ok(g.number))
        {
            Some(group) if !group_ids.contains(&group.id) => group_ids.push(group.id),
            Some(_) => {}
            None => errors.add("groups", "error-no-such-group"),
        }
    }
    let mut theme_ids = Vec::new();
    for raw in &input.themes {
        match structure
            .themes
            .iter()
            .find(|t| raw.parse::<i64>() == Ok(t.id))
        {
            Some(theme) if !theme_ids.contains(&theme.id) => theme_ids.push(theme.id),
            Some(_) => {}
            None => errors.add("themes", "error-no-such-theme"),
        }
    }
    let event_id = match input.event.trim() {
        "" => None,
        raw => {
            let found = events
                .iter()
                .copied()
                .find(|id| raw.parse::<i64>() == Ok(*id));
            if found.is_none() {
                errors.add("event", "contribution-error-event");
            }
            found
        }
    };
    let content = DraftContent {
        event_id,
        title,
        body: input.body.trim_end().to_string(),
        language,
        group_ids,
        theme_ids,
    };
    (content, errors)
}

/// What a submission needs beyond a draft: a title and a text.
pub fn submission_errors(content: &DraftContent) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if content.title.chars().count() < 2 {
        errors.add("title", "error-required");
    }
    if content.body.trim().is_empty() {
        errors.add("body", "error-required");
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::processes::{ActionGroup, Structure, Theme};

    fn structure() -> Structure {
        Structure {
            phases: vec![],
            groups: vec![ActionGroup {
                id: 11,
                process_id: 1,
                number: 1,
                name: "Human dimensions".into(),
                description: String::new(),
            }],
            themes: vec![Theme {
                id: 21,
                process_id: 1,
                kind: crate::store::processes::ThemeKind::Theme,
                name: "Diaspora".into(),
                position: 0,
            }],
            content: Default::default(),
            original: crate::i18n::Lang::En,
        }
    }

    #[test]
    fn tags_must_belong_to_the_process() {
        let input = Input {
            title: "A title".into(),
            body: "Text".into(),
            groups: vec!["1".into(), "7".into()],
            themes: vec!["21".into(), "999".into()],
            ..Default::default()
        };
        let (content, errors) = draft_content(&input, &structure(), &[]);
        assert_eq!(content.group_ids, [11]);
        assert_eq!(content.theme_ids, [21]);
        assert_eq!(errors.get("groups"), Some("error-no-such-group"));
        assert_eq!(errors.get("themes"), Some("error-no-such-theme"));
    }

    #[test]
    fn limits_count_characters() {
        let input = Input {
            title: "ع".repeat(TITLE_MAX),
            body: "نص\nآخر".into(),
            ..Default::default()
        };
        let (_, errors) = draft_content(&input, &structure(), &[]);
        assert!(errors.is_empty());
        let input = Input {
            title: "x\u{0}".into(),
            ..Default::default()
        };
        assert_eq!(
            draft_content(&input, &structure(), &[]).1.get("title"),
            Some("error-control-characters")
        );
    }

    #[test]
    fn the_language_is_one_of_the_six_and_follows_the_script_left_at_its_default() {
        let arabic = |language: &str, default: &str| Input {
            title: "حقوق المهاجرين".into(),
            body: "حماية حقوق الإنسان لجميع المهاجرين".into(),
            language: language.into(),
            language_default: default.into(),
            ..Default::default()
        };
        let saved = |input: Input| draft_content(&input, &structure(), &[]);
        assert_eq!(saved(arabic("en", "en")).0.language.as_str(), "ar");
        assert_eq!(saved(arabic("fr", "en")).0.language.as_str(), "fr");
        assert_eq!(saved(arabic("", "")).0.language.as_str(), "ar");
        for forged in ["xx", "<script>"] {
            let (content, errors) = saved(arabic(forged, "en"));
            assert_eq!(errors.get("language"), Some("error-no-such-language"));
            assert_eq!(content.body, "حماية حقوق الإنسان لجميع المهاجرين");
        }
    }

    #[test]
    fn a_submission_needs_a_title_and_a_text() {
        let errors = submission_errors(&DraftContent {
            event_id: None,
            title: String::new(),
            body: String::new(),
            language: TextLanguage(Lang::En),
            group_ids: vec![],
            theme_ids: vec![],
        });
        assert_eq!(errors.get("title"), Some("error-required"));
        assert_eq!(errors.get("body"), Some("error-required"));
    }

    #[test]
    fn unknown_buttons_save_a_draft() {
        assert_eq!(Intent::parse("submit"), Intent::Submit);
        assert_eq!(Intent::parse("<script>"), Intent::SaveDraft);
    }
}
