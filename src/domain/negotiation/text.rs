//! What an amendment does to its paragraph: the text that results, and the same text as
//! pieces kept, added and deleted, which the compilation text shows in bold and struck through.

use super::AmendmentKind;

/// A run of the amended paragraph: kept as it was, added by the amendment, or deleted by it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Same(String),
    Added(String),
    Deleted(String),
}

impl Piece {
    pub fn text(&self) -> &str {
        match self {
            Piece::Same(t) | Piece::Added(t) | Piece::Deleted(t) => t,
        }
    }

    pub fn is_added(&self) -> bool {
        matches!(self, Piece::Added(_))
    }

    pub fn is_deleted(&self) -> bool {
        matches!(self, Piece::Deleted(_))
    }
}

/// A paragraph as an amendment would leave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amended {
    /// The paragraph's text once amended (for a new paragraph: the new paragraph).
    pub text: String,
    /// The same, piece by piece, the deleted words included.
    pub pieces: Vec<Piece>,
}

/// Why an amendment cannot be applied to its paragraph as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    #[error("the words concerned are not in the paragraph")]
    WordsNotFound,
    #[error("the words concerned appear more than once in the paragraph")]
    WordsAmbiguous,
    #[error("the amendment names no words to delete or replace")]
    NoWords,
    #[error("the amendment brings no new words")]
    NoNewText,
}

/// Applies an amendment to `paragraph`. `words` are the words concerned (for an insertion,
/// those it follows; none inserts at the end), `new_text` the words it brings. The words
/// concerned must appear exactly once, so that the amendment says unambiguously where it acts.
pub fn apply(
    paragraph: &str,
    kind: AmendmentKind,
    words: &str,
    new_text: &str,
) -> Result<Amended, ApplyError> {
    let words = words.trim();
    let new_text = new_text.trim();
    if kind.needs_words() && words.is_empty() {
        return Err(ApplyError::NoWords);
    }
    if kind.needs_new_text() && new_text.is_empty() {
        return Err(ApplyError::NoNewText);
    }
    if kind == AmendmentKind::NewParagraphAfter {
        return Ok(Amended {
            text: new_text.to_owned(),
            pieces: vec![Piece::Added(new_text.to_owned())],
        });
    }
    let (start, end) = if words.is_empty() {
        (paragraph.len(), paragraph.len())
    } else {
        locate(paragraph, words)?
    };
    let before = &paragraph[..start];
    let concerned = &paragraph[start..end];
    let after = &paragraph[end..];
    let mut pieces = Vec::new();
    match kind {
        AmendmentKind::Insert => {
            push(&mut pieces, Piece::Same(format!("{before}{concerned} ")));
            push(&mut pieces, Piece::Added(new_text.to_owned()));
            push(&mut pieces, Piece::Same(after.to_owned()));
        }
        AmendmentKind::Delete => {
            push(&mut pieces, Piece::Same(before.to_owned()));
            push(&mut pieces, Piece::Deleted(concerned.to_owned()));
            push(&mut pieces, Piece::Same(after.to_owned()));
        }
        AmendmentKind::Replace => {
            push(&mut pieces, Piece::Same(before.to_owned()));
            push(&mut pieces, Piece::Deleted(concerned.to_owned()));
            push(&mut pieces, Piece::Added(new_text.to_owned()));
            push(&mut pieces, Piece::Same(after.to_owned()));
        }
        AmendmentKind::NewParagraphAfter => {}
    }
    let text = result_text(&pieces);
    Ok(Amended { text, pieces })
}

/// Where `words` stand in `paragraph`, as byte offsets; they must stand there once.
fn locate(paragraph: &str, words: &str) -> Result<(usize, usize), ApplyError> {
    let mut found = paragraph.match_indices(words);
    let (start, _) = found.next().ok_or(ApplyError::WordsNotFound)?;
    if found.next().is_some() {
        return Err(ApplyError::WordsAmbiguous);
    }
    Ok((start, start + words.len()))
}

fn push(pieces: &mut Vec<Piece>, piece: Piece) {
    if !piece.text().is_empty() {
        pieces.push(piece);
    }
}

/// The kept and added pieces, with the space a deletion leaves doubled (or before a
/// punctuation mark, or at an end) taken out.
fn result_text(pieces: &[Piece]) -> String {
    let mut text = String::new();
    for piece in pieces.iter().filter(|p| !p.is_deleted()) {
        let part = piece.text();
        if text.ends_with(' ') && (part.starts_with(' ') || part.starts_with([',', '.', ';', ':']))
        {
            text.pop();
        }
        text.push_str(part);
    }
    let trimmed = text.trim();
    if trimmed.len() == text.len() {
        text
    } else {
        trimmed.to_owned()
    }
}

/// The pieces as Markdown, in the established style: additions in bold, deletions struck
/// through (`**new**`, `~~old~~`), a replacement's two parts a space apart. Markdown's own
/// marks in the text are escaped.
pub fn marked_markdown(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        let text = escape_markdown(piece.text());
        match piece {
            Piece::Same(_) => out.push_str(&text),
            Piece::Added(_) => {
                if i > 0 && pieces[i - 1].is_deleted() {
                    out.push(' ');
                }
                out.push_str(&wrap(&text, "**"));
            }
            Piece::Deleted(_) => out.push_str(&wrap(&text, "~~")),
        }
    }
    out
}

/// Wraps the words of `text` in `mark`, leaving its outer spaces outside (Markdown ignores
/// `** bold**`).
fn wrap(text: &str, mark: &str) -> String {
    let inner = text.trim();
    if inner.is_empty() {
        return text.to_owned();
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    format!("{lead}{mark}{inner}{mark}{trail}")
}

/// `text` with the marks Markdown (and brackets) would read escaped, so that it reads as typed.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '~' | '`' | '[' | ']' | '<' | '>' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "States commit to cooperate in ensuring safe, orderly and regular migration.";

    #[test]
    fn an_insertion_follows_its_words_and_is_shown_added() {
        let a = apply(P, AmendmentKind::Insert, "cooperate", "internationally").unwrap();
        assert_eq!(
            a.text,
            "States commit to cooperate internationally in ensuring safe, orderly and regular migration."
        );
        assert_eq!(
            a.pieces,
            vec![
                Piece::Same("States commit to cooperate ".into()),
                Piece::Added("internationally".into()),
                Piece::Same(" in ensuring safe, orderly and regular migration.".into()),
            ]
        );
    }

    #[test]
    fn an_insertion_without_words_goes_at_the_end() {
        let a = apply(
            "Migration is a choice.",
            AmendmentKind::Insert,
            "",
            "Always.",
        )
        .unwrap();
        assert_eq!(a.text, "Migration is a choice. Always.");
        assert_eq!(a.pieces.last(), Some(&Piece::Added("Always.".into())));
    }

    #[test]
    fn a_deletion_removes_its_words_and_the_space_they_leave() {
        let a = apply(P, AmendmentKind::Delete, "orderly and ", "").unwrap();
        assert_eq!(
            a.text,
            "States commit to cooperate in ensuring safe, regular migration."
        );
        assert!(a.pieces.contains(&Piece::Deleted("orderly and".into())));
        let b = apply(P, AmendmentKind::Delete, "in ensuring", "").unwrap();
        assert_eq!(
            b.text,
            "States commit to cooperate safe, orderly and regular migration."
        );
        let c = apply(
            "Safe, and regular.",
            AmendmentKind::Delete,
            "and regular",
            "",
        )
        .unwrap();
        assert_eq!(c.text, "Safe,.");
    }

    #[test]
    fn a_replacement_strikes_the_old_words_and_adds_the_new() {
        let a = apply(P, AmendmentKind::Replace, "commit to", "shall").unwrap();
        assert_eq!(
            a.text,
            "States shall cooperate in ensuring safe, orderly and regular migration."
        );
        assert_eq!(
            marked_markdown(&a.pieces),
            "States ~~commit to~~ **shall** cooperate in ensuring safe, orderly and regular migration."
        );
    }

    #[test]
    fn a_new_paragraph_is_all_added() {
        let a = apply(P, AmendmentKind::NewParagraphAfter, "", "A new paragraph.").unwrap();
        assert_eq!(a.text, "A new paragraph.");
        assert_eq!(marked_markdown(&a.pieces), "**A new paragraph.**");
    }

    #[test]
    fn words_must_be_found_once_and_new_words_given() {
        assert_eq!(
            apply(P, AmendmentKind::Delete, "asylum", ""),
            Err(ApplyError::WordsNotFound)
        );
        assert_eq!(
            apply(P, AmendmentKind::Delete, "in", ""),
            Err(ApplyError::WordsAmbiguous)
        );
        assert_eq!(
            apply(P, AmendmentKind::Replace, "  ", "x"),
            Err(ApplyError::NoWords)
        );
        assert_eq!(
            apply(P, AmendmentKind::Insert, "States", " "),
            Err(ApplyError::NoNewText)
        );
    }

    #[test]
    fn markdown_marks_in_the_text_are_escaped() {
        let a = apply("Text.", AmendmentKind::Insert, "", "**bold** ~~x~~").unwrap();
        assert_eq!(
            marked_markdown(&a.pieces),
            "Text. **\\*\\*bold\\*\\* \\~\\~x\\~\\~**"
        );
    }

    #[test]
    fn non_latin_words_are_cut_on_character_boundaries() {
        let a = apply("各国承诺开展合作。", AmendmentKind::Replace, "开展", "加强").unwrap();
        assert_eq!(a.text, "各国承诺加强合作。");
    }
}
