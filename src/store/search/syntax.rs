//! The folded tokens written in each backend's own syntax: an FTS5 query, a PostgreSQL
//! `tsquery` and `tsvector`. Every token is quoted, so no word of a query is ever read as an
//! operator (`AND`, `NEAR`, `!`…).

use std::collections::BTreeMap;
use std::fmt::Write;

use super::SearchQuery;
use super::fold::QueryToken;

/// PostgreSQL keeps positions up to this one (later words all sit there).
const MAX_POSITION: usize = 16_383;
/// PostgreSQL keeps at most this many positions of one lexeme.
const MAX_POSITIONS_PER_LEXEME: usize = 256;
/// Positions left between two fields, so that a phrase never spans a title and a body.
const FIELD_GAP: usize = 2;

/// The FTS5 query: each term a phrase (`"gcm" + "wc" + "0043"`), all of them required.
pub fn fts5_match(query: &SearchQuery) -> String {
    query
        .terms
        .iter()
        .map(|term| term.iter().map(fts5_token).collect::<Vec<_>>().join(" + "))
        .collect::<Vec<_>>()
        .join(" AND ")
}

fn fts5_token(token: &QueryToken) -> String {
    let quoted = format!("\"{}\"", token.text.replace('"', "\"\""));
    match token.prefix {
        true => format!("{quoted} *"),
        false => quoted,
    }
}

/// The `tsquery`: each term a phrase (`'gcm' <-> 'wc'`), all of them required.
pub fn tsquery(query: &SearchQuery) -> String {
    query
        .terms
        .iter()
        .map(|term| {
            let phrase = term
                .iter()
                .map(|t| {
                    let lexeme = ts_quote(&t.text);
                    match t.prefix {
                        true => format!("{lexeme}:*"),
                        false => lexeme,
                    }
                })
                .collect::<Vec<_>>()
                .join(" <-> ");
            format!("( {phrase} )")
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

fn ts_quote(lexeme: &str) -> String {
    format!("'{}'", lexeme.replace('\\', "\\\\").replace('\'', "''"))
}

/// The `tsvector` of a row's fields, each with its weight (`A` to `D`), positions running on
/// from one field to the next.
pub fn tsvector(fields: &[(&[String], char)]) -> String {
    let mut lexemes: BTreeMap<&str, Vec<(usize, char)>> = BTreeMap::new();
    let mut position = 1;
    for (tokens, weight) in fields {
        for token in *tokens {
            let positions = lexemes.entry(token.as_str()).or_default();
            if positions.len() < MAX_POSITIONS_PER_LEXEME {
                positions.push((position.min(MAX_POSITION), *weight));
            }
            position += 1;
        }
        position += FIELD_GAP;
    }
    let mut out = String::new();
    for (lexeme, positions) in lexemes {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&ts_quote(lexeme));
        for (i, (position, weight)) in positions.iter().enumerate() {
            let separator = if i == 0 { ':' } else { ',' };
            // Writing to a String cannot fail.
            let _ = write!(out, "{separator}{position}{weight}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts5_queries_quote_every_token() {
        let q = SearchQuery::parse("GCM/WC/0043 and 移").expect("a query");
        assert_eq!(
            fts5_match(&q),
            r#""gcm" + "wc" + "0043" AND "and" AND "移" *"#
        );
    }

    #[test]
    fn tsqueries_are_phrases_of_quoted_lexemes() {
        let q = SearchQuery::parse("GCM/WC/0043 移").expect("a query");
        assert_eq!(tsquery(&q), "( 'gcm' <-> 'wc' <-> '0043' ) & ( '移':* )");
    }

    #[test]
    fn tsvectors_carry_weights_and_positions() {
        let title = vec!["migration".to_string()];
        let body = vec!["safe".to_string(), "migration".to_string()];
        assert_eq!(
            tsvector(&[(&title, 'A'), (&body, 'D')]),
            "'migration':1A,5D 'safe':4D"
        );
        assert_eq!(ts_quote(r"it's\"), r"'it''s\\'");
    }
}
