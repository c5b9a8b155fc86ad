//! Folding: how a text and a query become the same tokens, whatever their case, accents or
//! script. Pure functions; the index and the queries of both backends are built from them,
//! so they can never disagree.
//!
//! A text is lower-cased, decomposed (NFKD), stripped of its combining marks (accents,
//! Arabic harakat) and recomposed (so Hangul syllables come back whole). Letters and digits
//! of the alphabetic scripts form words; every other character separates them. Han, Hiragana,
//! Katakana and Hangul are written without spaces, so a run of them becomes its overlapping
//! character bigrams, which makes a two-character Chinese word (移民) one token, followed by
//! its last character alone, so that a single character can be searched as a prefix.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longer words are cut here, in the texts and the queries alike.
pub const MAX_WORD_CHARS: usize = 60;

/// Arabic tatweel: stretches a word for typography, never part of its spelling.
const TATWEEL: char = '\u{0640}';

/// One token of a query: a whole token, or (for a single CJK character) a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryToken {
    pub text: String,
    pub prefix: bool,
}

/// A word of an alphabetic script, or a run of CJK characters.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Word(String),
    Run(Vec<char>),
}

/// Whether `c` belongs to a script written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007        // 々 〆 〇
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x31F0..=0x31FF      // Katakana phonetic extensions
        | 0x3400..=0x4DBF      // Han extension A
        | 0x4E00..=0x9FFF      // Han
        | 0xF900..=0xFAFF      // Han compatibility
        | 0x1100..=0x11FF      // Hangul Jamo
        | 0x3130..=0x318F      // Hangul compatibility Jamo
        | 0xAC00..=0xD7AF      // Hangul syllables
        | 0x20000..=0x3FFFF // Han extensions B and beyond
    )
}

/// The characters of `text`, lower-cased and without marks.
fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .flat_map(char::to_lowercase)
        .nfkd()
        .filter(|c| !is_combining_mark(*c) && *c != TATWEEL)
        .nfc()
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut word = String::new();
    let mut word_chars = 0;
    let mut run: Vec<char> = Vec::new();
    for c in folded_chars(text) {
        let cjk = is_cjk(c);
        if !cjk && !run.is_empty() {
            pieces.push(Piece::Run(std::mem::take(&mut run)));
        }
        if (cjk || !c.is_alphanumeric()) && !word.is_empty() {
            pieces.push(Piece::Word(std::mem::take(&mut word)));
            word_chars = 0;
        }
        if cjk {
            run.push(c);
        } else if c.is_alphanumeric() && word_chars < MAX_WORD_CHARS {
            word.push(c);
            word_chars += 1;
        }
    }
    if !word.is_empty() {
        pieces.push(Piece::Word(word));
    }
    if !run.is_empty() {
        pieces.push(Piece::Run(run));
    }
    pieces
}

/// The overlapping bigrams of a run, e.g. 移民局 → 移民, 民局.
fn bigrams(run: &[char]) -> impl Iterator<Item = String> + '_ {
    run.windows(2).map(|w| w.iter().collect())
}

/// The tokens a text is indexed by, in order.
pub fn index_tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for piece in pieces(text) {
        match piece {
            Piece::Word(word) => tokens.push(word),
            Piece::Run(run) => {
                tokens.extend(bigrams(&run));
                tokens.extend(run.last().map(char::to_string));
            }
        }
    }
    tokens
}

/// The tokens of one query term (a whitespace-separated piece of what was typed), which
/// must follow each other in a text (a phrase). A run of CJK characters at the end of the
/// term is matched by its bigrams alone, since the text may go on after it; a single CJK
/// character there is a prefix of whatever token starts with it.
pub fn query_tokens(term: &str) -> Vec<QueryToken> {
    let pieces = pieces(term);
    let last = pieces.len().saturating_sub(1);
    let mut tokens = Vec::new();
    let whole = |text: String| QueryToken {
        text,
        prefix: false,
    };
    for (i, piece) in pieces.into_iter().enumerate() {
        match piece {
            Piece::Word(word) => tokens.push(whole(word)),
            Piece::Run(run) if i == last && run.len() == 1 => tokens.push(QueryToken {
                text: run.iter().collect(),
                prefix: true,
            }),
            Piece::Run(run) if i == last => tokens.extend(bigrams(&run).map(whole)),
            Piece::Run(run) => {
                tokens.extend(bigrams(&run).map(whole));
                tokens.extend(run.last().map(|c| whole(c.to_string())));
            }
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(tokens: &[QueryToken]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn case_and_accents_fold_away() {
        assert_eq!(
            index_tokens("Mobilité, MIGRACIÓN; Ærø"),
            ["mobilite", "migracion", "ærø"]
        );
        assert_eq!(words(&query_tokens("mobilité")), ["mobilite"]);
        assert_eq!(index_tokens("İstanbul Straße"), ["istanbul", "straße"]);
    }

    #[test]
    fn arabic_loses_its_diacritics_and_tatweel() {
        // مُهَاجِر with harakat, and مهـاجر stretched by a tatweel: both the bare word.
        assert_eq!(index_tokens("مُهَاجِر"), ["مهاجر"]);
        assert_eq!(index_tokens("مهـاجر"), ["مهاجر"]);
    }

    #[test]
    fn cyrillic_is_words_with_their_breves_and_diaereses_folded() {
        // й and ё lose their marks like any accent, as Russian readers often type them.
        assert_eq!(
            index_tokens("Права ДЕТЕЙ-мигрантов"),
            ["права", "детеи", "мигрантов"]
        );
        assert_eq!(index_tokens("ещё"), index_tokens("еще"));
    }

    #[test]
    fn cjk_runs_become_bigrams_and_a_last_character() {
        assert_eq!(
            index_tokens("保护移民权利"),
            ["保护", "护移", "移民", "民权", "权利", "利"]
        );
        assert_eq!(index_tokens("移"), ["移"]);
        assert_eq!(
            index_tokens("移民abc 한국어"),
            ["移民", "民", "abc", "한국", "국어", "어"]
        );
    }

    #[test]
    fn a_query_term_is_a_phrase_of_tokens() {
        assert_eq!(words(&query_tokens("GCM/WC/0043")), ["gcm", "wc", "0043"]);
        assert_eq!(words(&query_tokens("移民")), ["移民"]);
        assert_eq!(words(&query_tokens("移民局")), ["移民", "民局"]);
        assert_eq!(words(&query_tokens("移民abc")), ["移民", "民", "abc"]);
        let single = query_tokens("移");
        assert_eq!(words(&single), ["移"]);
        assert!(single[0].prefix);
        assert!(query_tokens("?!…").is_empty());
    }

    #[test]
    fn every_query_phrase_is_found_in_a_text_that_holds_it() {
        let text = index_tokens("Le 移民局abc est à Genève");
        for term in ["移民", "民局", "局abc", "移民局abc", "genève", "局", "移"] {
            let query = query_tokens(term);
            let found = text.windows(query.len()).any(|w| {
                w.iter().zip(&query).all(|(t, q)| match q.prefix {
                    true => t.starts_with(&q.text),
                    false => *t == q.text,
                })
            });
            assert!(found, "{term} is found in {text:?}");
        }
    }

    #[test]
    fn long_words_are_cut() {
        let long = "a".repeat(500);
        assert_eq!(index_tokens(&long), ["a".repeat(MAX_WORD_CHARS)]);
    }
}
