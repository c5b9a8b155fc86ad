//! The proposal form as typed, and its parsing against the process's groups and themes.
//! The web layer reads it from the request and shows it again; the use cases parse it.

use crate::domain::proposals::text::{DraftText, Field, FieldError, ProposalText};
use crate::domain::text_language::{self, TextLanguage};
use crate::domain::validation::FieldErrors;
use crate::i18n::Lang;
use crate::store::processes::{Structure, ThemeKind};
use crate::store::proposals::DraftContent;

/// What the person asked for with the button they pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Intent {
    /// Keep the text on the server, private, without submitting it.
    #[default]
    SaveDraft,
    Submit,
}

/// The form as typed, kept whole to show again whatever happens.
#[derive(Debug, Clone, Default)]
pub struct ProposalForm {
    pub text: ProposalText,
    /// The action group's number, as sent.
    pub group: String,
    /// Theme ids as sent, so ticked boxes stay ticked.
    pub themes: Vec<String>,
    /// The version the author started from, to notice one submitted meanwhile.
    pub base_version: String,
    pub intent: Intent,
    /// The language chosen for the text, as sent.
    pub language: String,
    /// What the language choice was pre-filled with, as sent: empty when the form showed a
    /// saved choice.
    pub language_default: String,
    /// The interface language the form was sent from, which a Latin text is taken to be in.
    pub interface: Option<Lang>,
}

/// The form once its group and themes are found in the process and its texts pass a
/// draft's checks.
#[derive(Debug, Clone)]
pub struct ParsedForm {
    pub group_id: i64,
    pub themes: Vec<i64>,
    pub text: DraftText,
    pub language: TextLanguage,
}

impl ParsedForm {
    pub fn draft(&self) -> DraftContent {
        DraftContent {
            text: self.text.text().clone(),
            themes: self.themes.clone(),
            language: Some(self.language),
        }
    }
}

impl ProposalForm {
    /// Reads the pairs of an URL-encoded body; repeated `theme` fields are the ticked boxes.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = ProposalForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "group" => form.group = value,
                "theme" => form.themes.push(value),
                "base_version" => form.base_version = value,
                "language" => form.language = value,
                "language_default" => form.language_default = value,
                "intent" if value == "submit" => form.intent = Intent::Submit,
                other => {
                    if let Some(field) = Field::parse(other) {
                        *form.text.get_mut(field) = value;
                    }
                }
            }
        }
        form
    }

    /// A form showing a saved draft or a version, in a group, in `language` unless the draft
    /// names its own. The saved choice shows as chosen: not a default the text's script may
    /// correct.
    pub fn from_saved(
        draft: DraftContent,
        group_number: Option<i32>,
        base_version: i32,
        language: TextLanguage,
    ) -> Self {
        ProposalForm {
            language: draft.language.unwrap_or(language).as_str().to_string(),
            text: draft.text,
            group: group_number.map(|n| n.to_string()).unwrap_or_default(),
            themes: draft.themes.iter().map(i64::to_string).collect(),
            base_version: base_version.to_string(),
            intent: Intent::SaveDraft,
            ..ProposalForm::default()
        }
    }

    fn interface(&self) -> Lang {
        self.interface.unwrap_or(Lang::En)
    }

    /// Every field's text, whose script pre-fills and corrects the language.
    fn all_text(&self) -> String {
        Field::ALL
            .iter()
            .map(|f| self.text.get(*f))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The language the form shows chosen: the one sent, or else the one the text's script
    /// suggests.
    pub fn shown_language(&self) -> TextLanguage {
        TextLanguage::parse(self.language.trim())
            .unwrap_or_else(|| text_language::detect(&self.all_text(), self.interface()))
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
    /// its pre-filled value; none sent, the script's. A value naming none of the six is
    /// refused.
    fn language_of(&self, errors: &mut FieldErrors) -> Option<TextLanguage> {
        let raw = self.language.trim();
        if raw.is_empty() {
            return Some(text_language::detect(&self.all_text(), self.interface()));
        }
        let Some(chosen) = TextLanguage::parse(raw) else {
            errors.add("language", "error-no-such-language");
            return None;
        };
        let default = TextLanguage::parse(self.language_default.trim());
        Some(text_language::settle(
            chosen,
            default,
            &self.all_text(),
            self.interface(),
        ))
    }

    pub fn is_ticked(&self, theme_id: &i64) -> bool {
        let id = theme_id.to_string();
        self.themes.contains(&id)
    }

    /// Finds the group (or takes `fixed_group`, which a submitted proposal keeps) and the
    /// themes among the process's own, and checks the texts as a draft.
    pub fn parse(
        &self,
        structure: &Structure,
        fixed_group: Option<i64>,
    ) -> Result<ParsedForm, FieldErrors> {
        let mut errors = FieldErrors::default();
        let group_id = match fixed_group {
            Some(id) => Some(id),
            None => self.group_id(structure, &mut errors),
        };
        let themes = self.theme_ids(structure, &mut errors);
        let language = self.language_of(&mut errors);
        let text = DraftText::parse(&self.text)
            .map_err(|refused| add_field_errors(&mut errors, &refused))
            .ok();
        match (group_id, text, language) {
            (Some(group_id), Some(text), Some(language)) if errors.is_empty() => Ok(ParsedForm {
                group_id,
                themes,
                text,
                language,
            }),
            _ => Err(errors),
        }
    }

    fn group_id(&self, structure: &Structure, errors: &mut FieldErrors) -> Option<i64> {
        let raw = self.group.trim();
        if raw.is_empty() {
            errors.add("group", "error-choose-one");
            return None;
        }
        let found = raw
            .parse::<i32>()
            .ok()
            .and_then(|n| structure.groups.iter().find(|g| g.number == n));
        if found.is_none() {
            errors.add("group", "error-no-such-group");
        }
        found.map(|g| g.id)
    }

    fn theme_ids(&self, structure: &Structure, errors: &mut FieldErrors) -> Vec<i64> {
        let mut ids: Vec<i64> = Vec::new();
        for raw in &self.themes {
            let theme = raw.trim().parse::<i64>().ok().and_then(|id| {
                structure
                    .themes_of(ThemeKind::Theme)
                    .find(|t| t.id == id)
                    .map(|t| t.id)
            });
            match theme {
                Some(id) if !ids.contains(&id) => ids.push(id),
                Some(_) => {}
                None => errors.add("themes", "proposal-error-no-such-theme"),
            }
        }
        ids
    }
}

/// Puts a text's refusals beside their fields.
pub fn add_field_errors(errors: &mut FieldErrors, refused: &[FieldError]) {
    for (field, invalid) in refused {
        errors.add(field.name(), invalid.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::processes::{ActionGroup, Theme};

    fn structure() -> Structure {
        Structure {
            phases: vec![],
            groups: vec![ActionGroup {
                id: 10,
                process_id: 1,
                number: 1,
                name: "Human dimensions".into(),
                description: String::new(),
            }],
            themes: vec![Theme {
                id: 20,
                process_id: 1,
                kind: crate::store::processes::ThemeKind::Theme,
                name: "Diaspora".into(),
                position: 0,
            }],
            content: Default::default(),
            original: crate::i18n::Lang::En,
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn a_form_is_read_from_its_pairs() {
        let form = ProposalForm::from_pairs(pairs(&[
            ("title", "T"),
            ("financing", "F"),
            ("theme", "20"),
            ("theme", "21"),
            ("group", "1"),
            ("intent", "submit"),
            ("unknown", "ignored"),
        ]));
        assert_eq!(form.text.title, "T");
        assert_eq!(form.text.financing, "F");
        assert_eq!(form.themes, ["20", "21"]);
        assert_eq!(form.intent, Intent::Submit);
        assert!(form.is_ticked(&20) && !form.is_ticked(&22));
    }

    #[test]
    fn groups_and_themes_must_be_the_processs_own() {
        let good = ProposalForm::from_pairs(pairs(&[("group", "1"), ("theme", "20")]));
        let parsed = good.parse(&structure(), None).expect("valid");
        assert_eq!((parsed.group_id, parsed.themes), (10, vec![20]));

        let forged = ProposalForm::from_pairs(pairs(&[("group", "7"), ("theme", "99")]));
        let errors = forged.parse(&structure(), None).expect_err("refused");
        assert_eq!(errors.get("group"), Some("error-no-such-group"));
        assert_eq!(errors.get("themes"), Some("proposal-error-no-such-theme"));

        // A submitted proposal keeps its group, whatever the form says.
        let kept = ProposalForm {
            themes: vec![],
            ..forged
        };
        assert_eq!(
            kept.parse(&structure(), Some(10)).expect("valid").group_id,
            10
        );
    }

    #[test]
    fn the_language_is_one_of_the_six() {
        let forged = ProposalForm::from_pairs(pairs(&[("group", "1"), ("language", "xx")]));
        let errors = forged.parse(&structure(), None).expect_err("refused");
        assert_eq!(errors.get("language"), Some("error-no-such-language"));
        // Left at the pre-filled English, a Chinese text is Chinese; chosen, a language stands.
        let chinese = |language: &str| {
            ProposalForm::from_pairs(pairs(&[
                ("group", "1"),
                ("title", "为移民工人提供体面工作"),
                ("commitment", "各国承诺为移民工人开辟正常渠道。"),
                ("language", language),
                ("language_default", "en"),
            ]))
        };
        let parsed = chinese("en").parse(&structure(), None).expect("valid");
        assert_eq!(parsed.language.as_str(), "zh");
        let parsed = chinese("fr").parse(&structure(), None).expect("valid");
        assert_eq!(parsed.language.as_str(), "fr");
    }
}
