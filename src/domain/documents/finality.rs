//! Whether a revision's name says it is the final text: after a revision named so, publishing
//! another needs a confirmation, since readers take "Final" at its word.

/// The words for "final" in the six UN languages, lower case (French and Italian "finale",
/// Russian in the forms a title takes).
const FINAL_WORDS: [&str; 10] = [
    "final",
    "finale",
    "finales",
    "окончательный",
    "окончательная",
    "финальный",
    "финальная",
    "نهائي",
    "النهائي",
    "نهائية",
];

/// Chinese writes no spaces between words: these are found anywhere in a name.
const FINAL_CHINESE: [&str; 3] = ["最终", "定稿", "终稿"];

/// Whether `label` names a final revision: one of its words is a word for "final", in any
/// letter case ("Final", "Version finale", "Versión final", "النص النهائي", "最终文本").
pub fn is_final_label(label: &str) -> bool {
    let lower = label.to_lowercase();
    if FINAL_CHINESE.iter().any(|w| lower.contains(w)) {
        return true;
    }
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|word| FINAL_WORDS.contains(&word))
}

#[cfg(test)]
mod tests {
    use super::is_final_label;

    #[test]
    fn final_in_six_languages_and_any_case() {
        for label in [
            "Final",
            "FINAL",
            "final draft",
            "Version finale",
            "Texte final",
            "Versión final",
            "Окончательный текст",
            "النص النهائي",
            "最终文本",
            "Final (adopted)",
        ] {
            assert!(is_final_label(label), "{label}");
        }
    }

    #[test]
    fn other_names_are_not_final() {
        for label in [
            "Zero draft",
            "Rev.1",
            "Finalised draft",
            "Semifinal",
            "Rev.2 finals",
            "",
        ] {
            assert!(!is_final_label(label), "{label}");
        }
    }
}
