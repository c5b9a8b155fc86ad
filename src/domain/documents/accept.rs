//! Taking an amendment into a paragraph of the working copy: whole (the paragraph becomes the
//! amended text) or as one alternative of a bracket (the words the amendment changes are
//! bracketed, the paragraph's words as one alternative and the amendment's as another, citing
//! the amendment and its proponents).
//!
//! The amendment arrives in the shape every amendment has, whatever model holds it: its
//! label, the paragraph as it amends it, and who proposes it.

use super::brackets::{self, BracketError, alternative_source};

/// An amendment as accepting it needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendment<'a> {
    /// How it is cited: "A/3".
    pub label: &'a str,
    /// The paragraph's text as the amendment would have it.
    pub text: &'a str,
    /// The delegations and groups that propose or join it.
    pub proponents: &'a [String],
}

impl Amendment<'_> {
    /// "A/3: Mexico, European Union".
    pub fn citation(&self) -> String {
        if self.proponents.is_empty() {
            self.label.to_string()
        } else {
            format!("{}: {}", self.label, self.proponents.join(", "))
        }
    }
}

/// How an amendment is taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acceptance {
    Whole,
    Alternative,
}

/// Why an amendment cannot be taken in as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptError {
    /// The amended text reads as the paragraph already does.
    NoChange,
    /// The words it changes are already bracketed, or its text's brackets cannot be read.
    Brackets(BracketError),
    /// The words it changes cross a bracket of the paragraph.
    InsideBracket,
}

/// Whether byte `p` of `s` stands between words: at an end, or beside white space.
fn at_boundary(s: &str, p: usize) -> bool {
    p == 0
        || p == s.len()
        || s[..p].ends_with(char::is_whitespace)
        || s[p..].starts_with(char::is_whitespace)
}

/// The byte length of the words `a` and `b` begin with alike.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut length = 0;
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y {
            break;
        }
        length += x.len_utf8();
    }
    // Back to a word boundary, so that a bracket never splits a word.
    while length > 0 && !(at_boundary(a, length) && at_boundary(b, length)) {
        length -= a[..length]
            .chars()
            .next_back()
            .map_or(length, char::len_utf8);
    }
    length
}

/// The byte length of the words `a` and `b` end with alike, leaving `a_from` and `b_from`
/// bytes of each (their common beginning) alone.
fn common_suffix(a: &str, b: &str, a_from: usize, b_from: usize) -> usize {
    let mut length = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y
            || length + x.len_utf8() > a.len() - a_from
            || length + y.len_utf8() > b.len() - b_from
        {
            break;
        }
        length += x.len_utf8();
    }
    while length > 0 && !(at_boundary(a, a.len() - length) && at_boundary(b, b.len() - length)) {
        length -= a[a.len() - length..]
            .chars()
            .next()
            .map_or(length, char::len_utf8);
    }
    length
}

/// The paragraph's text with the amendment taken in.
pub fn accept(
    current: &str,
    amendment: &Amendment<'_>,
    how: Acceptance,
) -> Result<String, AcceptError> {
    let amended = amendment.text.trim();
    brackets::check(amended).map_err(AcceptError::Brackets)?;
    if amended == current.trim() {
        return Err(AcceptError::NoChange);
    }
    if how == Acceptance::Whole {
        return Ok(amended.to_string());
    }
    let current = current.trim();
    let start = common_prefix(current, amended);
    let end = common_suffix(current, amended, start, start);
    let (before, old, after) = (
        &current[..start],
        current[start..current.len() - end].trim_end(),
        &current[current.len() - end..],
    );
    let new = amended[start..amended.len() - end].trim_end();
    let gap = &current[start + old.len()..current.len() - end];
    // The changed words must be plain words of the paragraph: a bracket is not cut in two
    // (and a bracket left open before them fails the check below).
    if old.contains(['[', ']', '{', '}']) {
        return Err(AcceptError::InsideBracket);
    }
    let proposed = alternative_source(new, &amendment.citation());
    let bracketed = if old.is_empty() {
        // An insertion: the words it adds, bracketed alone.
        let space = if after.is_empty() || after.starts_with(char::is_whitespace) {
            ""
        } else {
            " "
        };
        format!("{before}{proposed}{space}{after}")
    } else {
        format!(
            "{before}{} {proposed}{gap}{after}",
            alternative_source(old, "")
        )
    };
    brackets::check(&bracketed).map_err(|_| AcceptError::InsideBracket)?;
    Ok(bracketed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::documents::brackets::{Piece, parse};

    const ZERO: &str = "We commit to facilitate safe, orderly and regular migration.";

    fn amendment<'a>(text: &'a str, proponents: &'a [String]) -> Amendment<'a> {
        Amendment {
            label: "A/3",
            text,
            proponents,
        }
    }

    #[test]
    fn whole_the_paragraph_becomes_the_amended_text() {
        let by = vec!["Mexico".to_string()];
        let amended = "We commit to facilitate regular migration.";
        assert_eq!(
            accept(ZERO, &amendment(amended, &by), Acceptance::Whole),
            Ok(amended.to_string())
        );
    }

    #[test]
    fn as_an_alternative_only_the_changed_words_are_bracketed() {
        let by = vec!["Mexico".to_string(), "European Union".to_string()];
        let amended = "We commit to facilitate legal and regular migration.";
        let text =
            accept(ZERO, &amendment(amended, &by), Acceptance::Alternative).expect("taken in");
        assert_eq!(
            text,
            "We commit to facilitate [safe, orderly] [legal {A/3: Mexico, European Union}] and regular migration."
        );
        let pieces = parse(&text).expect("well bracketed");
        assert_eq!(pieces.len(), 3);
        assert!(matches!(&pieces[1], Piece::Bracket(alternatives) if alternatives.len() == 2));
    }

    #[test]
    fn a_deletion_is_an_alternative_of_no_words() {
        let by = vec!["Group of 77 and China".to_string()];
        let amended = "We commit to facilitate migration.";
        assert_eq!(
            accept(ZERO, &amendment(amended, &by), Acceptance::Alternative),
            Ok("We commit to facilitate [safe, orderly and regular] [{A/3: Group of 77 and China}] migration.".into())
        );
    }

    #[test]
    fn an_insertion_is_bracketed_alone() {
        let by = vec!["Switzerland".to_string()];
        let current = "We commit to regular migration.";
        let amended = "We commit to safe and regular migration.";
        assert_eq!(
            accept(current, &amendment(amended, &by), Acceptance::Alternative),
            Ok("We commit to [safe and {A/3: Switzerland}] regular migration.".into())
        );
    }

    #[test]
    fn words_already_bracketed_or_unchanged_are_refused() {
        let by: Vec<String> = Vec::new();
        let bracketed = "We commit to [safe] [regular] migration.";
        assert_eq!(
            accept(
                bracketed,
                &amendment("We commit to orderly migration.", &by),
                Acceptance::Alternative
            ),
            Err(AcceptError::InsideBracket)
        );
        assert_eq!(
            accept(ZERO, &amendment(ZERO, &by), Acceptance::Whole),
            Err(AcceptError::NoChange)
        );
        assert_eq!(
            accept(ZERO, &amendment("We [commit", &by), Acceptance::Whole),
            Err(AcceptError::Brackets(BracketError::Unclosed))
        );
    }

    #[test]
    fn the_citation_names_the_amendment_and_its_proponents() {
        let by = vec!["Mexico".to_string(), "Switzerland".to_string()];
        assert_eq!(amendment("", &by).citation(), "A/3: Mexico, Switzerland");
        assert_eq!(amendment("", &[]).citation(), "A/3");
    }
}
