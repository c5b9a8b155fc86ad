//! Parallel language versions of a document: which of the original's nodes are translated
//! into a language, and which translations are out of date.
//!
//! A translation remembers the original's text it was made from (and the revision it read
//! there). It is current while the original's latest revision still says the same; once a
//! revision changes the node, the translation stays but is out of date until it is saved
//! again from the new text. Pure: the store keeps the rows, this decides what they mean.

use crate::domain::documents::{Node, numbers};
use crate::i18n::Lang;

/// How one node of the original stands in a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Not translated yet.
    Missing,
    /// Translated from the text the original still has.
    Current,
    /// Translated from a text the original has changed since.
    OutOfDate,
}

impl State {
    /// Where a translation made from `translated_from` stands against the original's `text`.
    pub fn of(text: &str, translated_from: Option<&str>) -> State {
        match translated_from {
            None => State::Missing,
            Some(from) if from == text => State::Current,
            Some(_) => State::OutOfDate,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            State::Missing => "missing",
            State::Current => "current",
            State::OutOfDate => "out-of-date",
        }
    }

    /// The translation key of the state's name.
    pub fn label_key(self) -> &'static str {
        match self {
            State::Missing => "translation-state-missing",
            State::Current => "translation-state-current",
            State::OutOfDate => "translation-state-out-of-date",
        }
    }
}

/// What a stored translation of one node says about where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslatedFrom<'a> {
    pub node_key: &'a str,
    pub source_text: &'a str,
}

/// The state of every node of the original (in its order) in one language.
pub fn states(original: &[Node], translations: &[TranslatedFrom<'_>]) -> Vec<State> {
    original
        .iter()
        .map(|node| {
            let from = translations
                .iter()
                .find(|t| t.node_key == node.key)
                .map(|t| t.source_text);
            State::of(&node.text, from)
        })
        .collect()
}

/// How far one language version has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub language: Lang,
    pub nodes: usize,
    pub current: usize,
    /// The out-of-date nodes' numbers ("12", "12 (b)"), or their text for a heading.
    pub out_of_date: Vec<String>,
}

impl Progress {
    /// Translated, current or not.
    pub fn translated(&self) -> usize {
        self.current + self.out_of_date.len()
    }

    /// The share of nodes translated and current, in whole percent.
    pub fn percent_current(&self) -> usize {
        (self.current * 100).checked_div(self.nodes).unwrap_or(0)
    }
}

/// The progress of `language` over the original's nodes.
pub fn progress(
    language: Lang,
    original: &[Node],
    translations: &[TranslatedFrom<'_>],
) -> Progress {
    let states = states(original, translations);
    let out_of_date = numbers(original)
        .into_iter()
        .zip(original)
        .zip(&states)
        .filter(|(_, state)| **state == State::OutOfDate)
        .map(|((number, node), _)| match number {
            Some(number) => number.display(),
            None => node.text.clone(),
        })
        .collect();
    Progress {
        language,
        nodes: original.len(),
        current: states.iter().filter(|s| **s == State::Current).count(),
        out_of_date,
    }
}

/// The languages a document written in `original` may be translated into: the other five,
/// in the United Nations' order.
pub fn target_languages(original: Lang) -> Vec<Lang> {
    Lang::ALL.into_iter().filter(|l| *l != original).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::documents::NodeKind;

    fn node(key: &str, kind: NodeKind, text: &str) -> Node {
        Node {
            key: key.to_string(),
            kind,
            text: text.to_string(),
            provenance: Vec::new(),
            status: Default::default(),
        }
    }

    fn from<'a>(node_key: &'a str, source_text: &'a str) -> TranslatedFrom<'a> {
        TranslatedFrom {
            node_key,
            source_text,
        }
    }

    #[test]
    fn a_translation_is_current_until_the_original_changes() {
        assert_eq!(State::of("Text", None), State::Missing);
        assert_eq!(State::of("Text", Some("Text")), State::Current);
        assert_eq!(State::of("Text, amended", Some("Text")), State::OutOfDate);
    }

    #[test]
    fn progress_counts_and_names_what_to_revisit() {
        let original = [
            node("h", NodeKind::Heading, "Vision"),
            node("a", NodeKind::Paragraph, "One"),
            node("b", NodeKind::Measure, "Two, amended"),
            node("c", NodeKind::Paragraph, "Three"),
        ];
        let translations = [
            from("h", "Vision, old"),
            from("a", "One"),
            from("b", "Two"),
            from("gone", "A paragraph the original dropped"),
        ];
        let progress = progress(Lang::Fr, &original, &translations);
        assert_eq!(progress.nodes, 4);
        assert_eq!(progress.current, 1);
        assert_eq!(progress.translated(), 3);
        assert_eq!(progress.percent_current(), 25);
        assert_eq!(progress.out_of_date, vec!["Vision", "1 (a)"]);
        assert_eq!(
            states(&original, &translations),
            vec![
                State::OutOfDate,
                State::Current,
                State::OutOfDate,
                State::Missing
            ]
        );
    }

    #[test]
    fn an_empty_document_is_nothing_percent_done() {
        assert_eq!(progress(Lang::Ar, &[], &[]).percent_current(), 0);
    }

    #[test]
    fn the_original_language_is_not_a_target() {
        let targets = target_languages(Lang::En);
        assert_eq!(targets.len(), 5);
        assert!(!targets.contains(&Lang::En));
    }
}
