//! Bracketed text: passages of a paragraph not yet agreed, written in the paragraph's own text
//! so that they survive editing, publishing, comparing and exporting as any other words do.
//!
//! The stored form, in a paragraph's Markdown:
//!
//! - `[…]` is one alternative; alternatives separated only by white space form one bracketed
//!   passage: `[safe and orderly] [regular]`.
//! - An alternative may end with the amendments and delegations it came from, in braces:
//!   `[safe and orderly {A/3: Mexico, EU}]`.
//! - `[words](address)` stays a Markdown link.
//! - `\[`, `\]`, `\{` and `\}` are literal brackets and braces (Markdown's own escapes, so the
//!   text reads the same wherever Markdown is read). Outside brackets a brace is literal.
//!
//! Nested, unopened and unclosed brackets are refused with the reason, never repaired.

use std::fmt::Write as _;

/// One alternative of a bracketed passage: its words (Markdown, escapes as written) and whom
/// it cites (plain words, escapes read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    pub text: String,
    /// The amendments and delegations it came from, as written (empty: none given).
    pub cites: String,
}

/// A piece of a paragraph: agreed words, or a bracketed passage with its alternatives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Bracket(Vec<Alternative>),
}

/// Why a text's brackets cannot be read; each is a message key of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BracketError {
    /// `[` inside an open bracket.
    Nested,
    /// `]` with no `[` before it.
    Unopened,
    /// `[` never closed.
    Unclosed,
    /// `{` never closed inside its bracket, or a bracket inside a citation.
    UnclosedCitation,
    /// Words after the citation of an alternative, before its `]`.
    AfterCitation,
    /// `[]` or `[ ]`: an alternative with neither words nor a citation.
    Empty,
}

impl BracketError {
    pub fn message_key(self) -> &'static str {
        match self {
            BracketError::Nested => "error-brackets-nested",
            BracketError::Unopened => "error-brackets-unopened",
            BracketError::Unclosed => "error-brackets-unclosed",
            BracketError::UnclosedCitation => "error-brackets-citation-unclosed",
            BracketError::AfterCitation => "error-brackets-after-citation",
            BracketError::Empty => "error-brackets-empty",
        }
    }
}

/// Where the reader stands in an alternative.
enum State {
    Outside,
    /// In an alternative's words.
    Words(String),
    /// In its citation, after its words.
    Cites(String, String),
    /// After its citation, waiting for `]`.
    Cited(String, String),
}

/// Reads a paragraph's text into agreed words and bracketed passages. Escapes stay in the
/// pieces' text as written (they are Markdown escapes).
pub fn parse(text: &str) -> Result<Vec<Piece>, BracketError> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut words = String::new();
    // White space after a closed alternative: dropped if another alternative follows.
    let mut gap = String::new();
    let mut open: Vec<Alternative> = Vec::new();
    let mut state = State::Outside;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let escaped: String = std::iter::once(c).chain(chars.next()).collect();
            match &mut state {
                State::Outside => {
                    flush_passage(&mut pieces, &mut open, &mut words, &mut gap);
                    words.push_str(&escaped);
                }
                State::Words(w) => w.push_str(&escaped),
                // A citation is plain words: its escapes are read.
                State::Cites(_, cites) => cites.extend(escaped.chars().skip(1)),
                State::Cited(..) => return Err(BracketError::AfterCitation),
            }
            continue;
        }
        state = match (state, c) {
            // The white space before another alternative is dropped when it closes.
            (State::Outside, '[') => State::Words(String::new()),
            (State::Outside, ']') => return Err(BracketError::Unopened),
            (State::Outside, c) if !open.is_empty() && c.is_whitespace() => {
                gap.push(c);
                State::Outside
            }
            (State::Outside, c) => {
                flush_passage(&mut pieces, &mut open, &mut words, &mut gap);
                words.push(c);
                State::Outside
            }
            (State::Words(_), '[') => return Err(BracketError::Nested),
            (State::Words(w), '{') => State::Cites(w, String::new()),
            // `[words](address)` is a Markdown link, not a bracket: words.
            (State::Words(w), ']') if chars.peek() == Some(&'(') => {
                flush_passage(&mut pieces, &mut open, &mut words, &mut gap);
                words.push('[');
                words.push_str(&w);
                words.push(']');
                State::Outside
            }
            (State::Words(w), ']') => {
                let closed = alternative(w, String::new())?;
                push_alternative(&mut pieces, &mut open, &mut words, &mut gap, closed);
                State::Outside
            }
            (State::Words(mut w), c) => {
                w.push(c);
                State::Words(w)
            }
            (State::Cites(..), '[' | ']' | '{') => return Err(BracketError::UnclosedCitation),
            (State::Cites(w, cites), '}') => State::Cited(w, cites),
            (State::Cites(w, mut cites), c) => {
                cites.push(c);
                State::Cites(w, cites)
            }
            (State::Cited(w, cites), ']') => {
                let closed = alternative(w, cites)?;
                push_alternative(&mut pieces, &mut open, &mut words, &mut gap, closed);
                State::Outside
            }
            (State::Cited(w, cites), c) if c.is_whitespace() => State::Cited(w, cites),
            (State::Cited(..), _) => return Err(BracketError::AfterCitation),
        };
    }
    match state {
        State::Outside => {}
        State::Cites(..) => return Err(BracketError::UnclosedCitation),
        State::Words(_) | State::Cited(..) => return Err(BracketError::Unclosed),
    }
    flush_passage(&mut pieces, &mut open, &mut words, &mut gap);
    if !words.is_empty() {
        pieces.push(Piece::Text(words));
    }
    Ok(pieces)
}

fn alternative(words: String, cites: String) -> Result<Alternative, BracketError> {
    let (text, cites) = (words.trim().to_string(), cites.trim().to_string());
    if text.is_empty() && cites.is_empty() {
        return Err(BracketError::Empty);
    }
    Ok(Alternative { text, cites })
}

/// Adds a closed alternative to the passage open, or opens one with it after the words
/// before it; the white space between two alternatives is dropped.
fn push_alternative(
    pieces: &mut Vec<Piece>,
    open: &mut Vec<Alternative>,
    words: &mut String,
    gap: &mut String,
    closed: Alternative,
) {
    if open.is_empty() && !words.is_empty() {
        pieces.push(Piece::Text(std::mem::take(words)));
    }
    gap.clear();
    open.push(closed);
}

/// Closes the passage of alternatives read so far, when one is open: the words after it
/// start with the white space that followed it.
fn flush_passage(
    pieces: &mut Vec<Piece>,
    open: &mut Vec<Alternative>,
    words: &mut String,
    gap: &mut String,
) {
    if !open.is_empty() {
        pieces.push(Piece::Bracket(std::mem::take(open)));
        words.push_str(gap);
        gap.clear();
    }
}

/// Checks a paragraph's brackets; `Ok` for a text with none.
pub fn check(text: &str) -> Result<(), BracketError> {
    parse(text).map(drop)
}

/// The number of bracketed passages in a text (0 for one whose brackets cannot be read: a
/// text written before brackets were read, whose `[` were words).
pub fn open_brackets(text: &str) -> usize {
    parse(text).map_or(0, |pieces| {
        pieces
            .iter()
            .filter(|p| matches!(p, Piece::Bracket(_)))
            .count()
    })
}

/// Markdown escapes for words that must read as written (a citation's): the characters that
/// open emphasis, links, code, HTML or entities.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Characters from Unicode's private use area that mark, in `marked_markdown`, where a
/// bracketed passage and each of its alternatives begin and end: for writers that mark them
/// up (Akoma Ntoso), never shown.
pub mod marks {
    pub const PASSAGE_OPEN: char = '\u{E000}';
    pub const PASSAGE_CLOSE: char = '\u{E001}';
    pub const ALTERNATIVE_OPEN: char = '\u{E002}';
    pub const ALTERNATIVE_CLOSE: char = '\u{E003}';
}

/// One alternative as a reader sees it, in Markdown: `[words (cites)]`, brackets literal,
/// the citation in italics; marked at both ends when `marked`.
fn alternative_markdown(out: &mut String, alternative: &Alternative, marked: bool) {
    if marked {
        out.push(marks::ALTERNATIVE_OPEN);
    }
    out.push_str("\\[");
    out.push_str(&alternative.text);
    if !alternative.cites.is_empty() {
        if !alternative.text.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "*({})*", escape_markdown(&alternative.cites));
    }
    out.push_str("\\]");
    if marked {
        out.push(marks::ALTERNATIVE_CLOSE);
    }
}

fn render(pieces: &[Piece], marked: bool, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity + 16);
    for piece in pieces {
        match piece {
            Piece::Text(words) => out.push_str(words),
            Piece::Bracket(alternatives) => {
                if marked {
                    out.push(marks::PASSAGE_OPEN);
                }
                for (i, alternative) in alternatives.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    alternative_markdown(&mut out, alternative, marked);
                }
                if marked {
                    out.push(marks::PASSAGE_CLOSE);
                }
            }
        }
    }
    out
}

/// The text as readers see it, in Markdown: every alternative in its own brackets, each
/// followed by whom it cites in italics. A text whose brackets cannot be read is returned as
/// written.
pub fn reading_markdown(text: &str) -> String {
    match parse(text) {
        Ok(pieces) => render(&pieces, false, text.len()),
        Err(_) => text.to_string(),
    }
}

/// The text as readers see it, in plain words, for a comparison of two revisions word by word:
/// every alternative in its own brackets followed by whom it cites in parentheses
/// (`[Marrakech (A/1: Morocco)]`), never the stored braces. A text whose brackets cannot be
/// read is returned as written.
pub fn reading_plain(text: &str) -> String {
    let Ok(pieces) = parse(text) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 16);
    for piece in &pieces {
        match piece {
            Piece::Text(words) => out.push_str(words),
            Piece::Bracket(alternatives) => {
                for (i, alternative) in alternatives.iter().enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    out.push('[');
                    out.push_str(&alternative.text);
                    if !alternative.cites.is_empty() {
                        if !alternative.text.is_empty() {
                            out.push(' ');
                        }
                        let _ = write!(out, "({})", alternative.cites);
                    }
                    out.push(']');
                }
            }
        }
    }
    out
}

/// As `reading_markdown`, with each passage and alternative between `marks`; `None` for a
/// text with no readable bracket.
pub fn marked_markdown(text: &str) -> Option<String> {
    let pieces = parse(text).ok()?;
    pieces
        .iter()
        .any(|p| matches!(p, Piece::Bracket(_)))
        .then(|| render(&pieces, true, text.len()))
}

/// An alternative in the stored form, from words already in it (Markdown, as a paragraph
/// holds them) and whom it cites (plain words, escaped here): what accepting an amendment as
/// one writes.
pub fn alternative_source(text: &str, cites: &str) -> String {
    let mut out = format!("[{}", text.trim());
    if !cites.trim().is_empty() {
        if !text.trim().is_empty() {
            out.push(' ');
        }
        out.push('{');
        for c in cites.trim().chars() {
            if matches!(c, '[' | ']' | '{' | '}' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('}');
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alt(text: &str, cites: &str) -> Alternative {
        Alternative {
            text: text.into(),
            cites: cites.into(),
        }
    }

    #[test]
    fn the_plain_reading_shows_whom_each_alternative_cites_without_braces() {
        assert_eq!(
            reading_plain("Meet in [Marrakech {A/1: Morocco}] [New York {A/2: EU}]."),
            "Meet in [Marrakech (A/1: Morocco)] [New York (A/2: EU)]."
        );
        assert_eq!(reading_plain("No brackets."), "No brackets.");
        assert_eq!(reading_plain("Broken [bracket"), "Broken [bracket");
    }

    #[test]
    fn a_text_without_brackets_is_one_piece() {
        assert_eq!(
            parse("Migration is a choice."),
            Ok(vec![Piece::Text("Migration is a choice.".into())])
        );
        assert_eq!(parse(""), Ok(vec![]));
        assert_eq!(open_brackets("Migration is a choice."), 0);
    }

    #[test]
    fn adjacent_alternatives_form_one_passage_with_their_citations() {
        let text = "We commit to [safe and orderly {A/3: Mexico, EU}] [regular {G77}] migration.";
        assert_eq!(
            parse(text),
            Ok(vec![
                Piece::Text("We commit to ".into()),
                Piece::Bracket(vec![
                    alt("safe and orderly", "A/3: Mexico, EU"),
                    alt("regular", "G77"),
                ]),
                Piece::Text(" migration.".into()),
            ])
        );
        assert_eq!(open_brackets(text), 1);
    }

    #[test]
    fn passages_apart_are_counted_apart() {
        let text = "[One] passage and [another] [or this] one. [Third]";
        assert_eq!(open_brackets(text), 3);
        let pieces = parse(text).expect("reads");
        assert_eq!(pieces[0], Piece::Bracket(vec![alt("One", "")]));
        assert_eq!(pieces[1], Piece::Text(" passage and ".into()));
        assert_eq!(
            pieces[2],
            Piece::Bracket(vec![alt("another", ""), alt("or this", "")])
        );
    }

    #[test]
    fn a_citation_alone_proposes_deleting_the_words() {
        assert_eq!(
            parse("[{A/7: Russian Federation}]"),
            Ok(vec![Piece::Bracket(vec![alt(
                "",
                "A/7: Russian Federation"
            )])])
        );
    }

    #[test]
    fn bad_brackets_are_refused_with_their_reason() {
        assert_eq!(parse("[a [b] c]"), Err(BracketError::Nested));
        assert_eq!(parse("a] b"), Err(BracketError::Unopened));
        assert_eq!(parse("[a b"), Err(BracketError::Unclosed));
        assert_eq!(parse("[a {EU]"), Err(BracketError::UnclosedCitation));
        assert_eq!(parse("[a {EU"), Err(BracketError::UnclosedCitation));
        assert_eq!(parse("[a {EU} b]"), Err(BracketError::AfterCitation));
        assert_eq!(parse("[ ]"), Err(BracketError::Empty));
        assert_eq!(parse("[a {EU}"), Err(BracketError::Unclosed));
        for error in [
            BracketError::Nested,
            BracketError::Unopened,
            BracketError::Unclosed,
            BracketError::UnclosedCitation,
            BracketError::AfterCitation,
            BracketError::Empty,
        ] {
            assert!(error.message_key().starts_with("error-brackets-"));
        }
    }

    #[test]
    fn a_markdown_link_is_words() {
        let text = "See [the report](https://example.org/r) and [this] [that] [link](/l).";
        assert_eq!(
            parse(text),
            Ok(vec![
                Piece::Text("See [the report](https://example.org/r) and ".into()),
                Piece::Bracket(vec![alt("this", ""), alt("that", "")]),
                Piece::Text(" [link](/l).".into()),
            ])
        );
        let html = crate::markdown::to_safe_html(&reading_markdown(text));
        assert!(
            html.contains(r#"<a href="https://example.org/r""#),
            "{html}"
        );
    }

    #[test]
    fn escaped_brackets_and_braces_are_words() {
        let text = r"See annex \[II\] and \{note\}; [keep \] this {A/1}]";
        assert_eq!(
            parse(text),
            Ok(vec![
                Piece::Text(r"See annex \[II\] and \{note\}; ".into()),
                Piece::Bracket(vec![alt(r"keep \] this", "A/1")]),
            ])
        );
        assert_eq!(open_brackets(r"\[not a bracket\]"), 0);
        assert_eq!(check("a { b } c"), Ok(()));
    }

    #[test]
    fn the_reading_form_marks_brackets_and_citations_in_markdown() {
        let text = "We commit to [safe {A/3: Mexico}] [regular {G77*}] migration.";
        assert_eq!(
            reading_markdown(text),
            r"We commit to \[safe *(A/3: Mexico)*\] \[regular *(G77\*)*\] migration."
        );
        let html = crate::markdown::to_safe_html(&reading_markdown(text));
        assert!(
            html.contains("[safe <em>(A/3: Mexico)</em>] [regular <em>(G77*)</em>]"),
            "{html}"
        );
        // Unreadable brackets are left as written.
        assert_eq!(reading_markdown("a ] b"), "a ] b");
    }

    #[test]
    fn the_marked_form_brackets_each_passage_and_alternative() {
        use marks::*;
        assert_eq!(marked_markdown("no brackets"), None);
        assert_eq!(
            marked_markdown("in [a {EU}] [b]."),
            Some(format!(
                "in {PASSAGE_OPEN}{ALTERNATIVE_OPEN}\\[a *(EU)*\\]{ALTERNATIVE_CLOSE} \
                 {ALTERNATIVE_OPEN}\\[b\\]{ALTERNATIVE_CLOSE}{PASSAGE_CLOSE}."
            ))
        );
    }

    #[test]
    fn an_alternative_written_for_an_amendment_reads_back() {
        let source = alternative_source(r"safe \[and\] orderly", "A/3: Mexico {EU}");
        assert_eq!(source, r"[safe \[and\] orderly {A/3: Mexico \{EU\}}]");
        assert_eq!(
            parse(&source),
            Ok(vec![Piece::Bracket(vec![alt(
                r"safe \[and\] orderly",
                "A/3: Mexico {EU}"
            )])])
        );
    }
}
