//! Word-level differences between two texts, for versions of a proposal and revisions of a
//! document. Words are Unicode words, so Chinese and Japanese differ character by character.

use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Same,
    Added,
    Removed,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Same => "same",
            Change::Added => "added",
            Change::Removed => "removed",
        }
    }
}

/// A run of text that is the same, added or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub change: Change,
    pub text: String,
}

/// The word-level differences from `old` to `new`, with adjacent pieces of the same kind
/// merged so the result reads as phrases, not single words.
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::configure().diff_unicode_words(old, new);
    let mut segments: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => Change::Same,
            ChangeTag::Insert => Change::Added,
            ChangeTag::Delete => Change::Removed,
        };
        let text = change.value();
        match segments.last_mut() {
            Some(last) if last.change == kind => last.text.push_str(text),
            _ => segments.push(Segment {
                change: kind,
                text: text.to_string(),
            }),
        }
    }
    segments
}

/// Whether two texts differ at all.
pub fn differs(segments: &[Segment]) -> bool {
    segments.iter().any(|s| s.change != Change::Same)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s.change {
                Change::Same => s.text.clone(),
                Change::Added => format!("[+{}]", s.text),
                Change::Removed => format!("[-{}]", s.text),
            })
            .collect()
    }

    #[test]
    fn words_added_and_removed() {
        let segments = word_diff(
            "States commit to protect migrants",
            "States commit to protect and assist all migrants",
        );
        assert_eq!(
            render(&segments),
            "States commit to protect [+and assist all ]migrants"
        );
        assert!(differs(&segments));
        assert!(!differs(&word_diff("same", "same")));
    }

    #[test]
    fn chinese_differs_by_character() {
        let segments = word_diff("保护移民权利", "保护所有移民权利");
        assert_eq!(render(&segments), "保护[+所有]移民权利");
    }

    #[test]
    fn arabic_words() {
        let segments = word_diff("حماية المهاجرين", "حماية جميع المهاجرين");
        assert!(render(&segments).contains("[+جميع ]"));
    }
}
