//! Full-text search of contributions and proposals, on both backends, ranked by relevance.
//!
//! Texts and queries are folded the same way in Rust ([`fold`]): case, accents and Arabic
//! diacritics fold away; Chinese, Japanese and Korean become character bigrams. SQLite keeps
//! the folded tokens in a contentless FTS5 table per searchable table (columns title, body,
//! meta), ranked with `bm25`; PostgreSQL keeps a weighted `tsvector` built from the same
//! tokens (title A, meta B, body D) in a GIN-indexed table, ranked with `ts_rank`.
//!
//! Only what the public may read is indexed ([`index`]): a hidden contribution's text is
//! removed from the index in the transaction that hides it. A campaign is indexed once,
//! through the copy the lists show it by. A result page never ranks the
//! whole corpus: it takes the newest [`CANDIDATES`] matches (an index walk that stops there),
//! ranks and orders those, and pages within them ([`candidates`]); a search of one common
//! word reads the top of that word's impact-ordered list instead ([`ranked`]).

mod candidates;
pub mod fold;
pub mod index;
pub mod lists;
pub mod ranked;
mod reindex;
mod syntax;

pub use candidates::{CANDIDATES, Scope, SearchOrder, SearchPage, searched_page};
pub use index::{IndexAtBatchEnd, sync_contribution, sync_proposal};
pub use reindex::{FOLDING_VERSION, Rebuilt, merge, reindex, reindex_if_needed};

use fold::QueryToken;

/// A parsed query: up to eight terms, each a phrase of folded tokens that must all appear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    terms: Vec<Vec<QueryToken>>,
}

impl SearchQuery {
    pub const MAX_TERMS: usize = 8;
    pub const MAX_CHARS: usize = 200;
    /// A term folds to at most this many tokens (a long Chinese sentence, say).
    pub const MAX_TOKENS_PER_TERM: usize = 16;

    /// `None` for an empty query. A query of only punctuation has no terms, and finds
    /// nothing (`%` is not a wildcard, nor a word).
    pub fn parse(raw: &str) -> Option<Self> {
        if raw.trim().is_empty() {
            return None;
        }
        let raw: String = raw.chars().take(Self::MAX_CHARS).collect();
        let terms: Vec<Vec<QueryToken>> = raw
            .split_whitespace()
            .map(|term| {
                let mut tokens = fold::query_tokens(term);
                tokens.truncate(Self::MAX_TOKENS_PER_TERM);
                tokens
            })
            .filter(|tokens| !tokens.is_empty())
            .take(Self::MAX_TERMS)
            .collect();
        Some(Self { terms })
    }

    /// Whether there is nothing to search by: such a query finds nothing.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The query's one token, if it is one whole word (not a phrase, nor a prefix).
    pub fn single_word(&self) -> Option<&str> {
        match &self.terms[..] {
            [term] => match &term[..] {
                [token] if !token.prefix => Some(token.text.as_str()),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether a term is a phrase: several tokens that must follow each other.
    pub fn has_phrase(&self) -> bool {
        self.terms.iter().any(|term| term.len() > 1)
    }

    /// Each term's tokens, as the index holds them.
    pub fn terms(&self) -> Vec<Vec<&str>> {
        self.terms
            .iter()
            .map(|term| term.iter().map(|t| t.text.as_str()).collect())
            .collect()
    }
}

/// What a row is compared by when looking for similar proposals: its texts, lower-cased and
/// joined. (Search itself folds the texts into its own index.)
pub fn search_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The searchable tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Searchable {
    Contributions,
    Proposals,
}

impl Searchable {
    fn table(self) -> &'static str {
        match self {
            Searchable::Contributions => "contributions",
            Searchable::Proposals => "proposals",
        }
    }

    /// The index beside the table: an FTS5 table in SQLite, a table of `tsvector`s in
    /// PostgreSQL.
    fn index(self) -> &'static str {
        match self {
            Searchable::Contributions => "contributions_search",
            Searchable::Proposals => "proposals_search",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_folded_terms() {
        let q = SearchQuery::parse("  Migración  ДЕТИ 移民 GCM/WC/0043 ").expect("a query");
        assert_eq!(
            q.terms(),
            [
                vec!["migracion"],
                vec!["дети"],
                vec!["移民"],
                vec!["gcm", "wc", "0043"]
            ]
        );
        assert_eq!(SearchQuery::parse("   "), None);
        let punctuation = SearchQuery::parse(" ?! … -- ").expect("a query");
        assert!(punctuation.is_empty());
        let many = "a ".repeat(50);
        assert_eq!(SearchQuery::parse(&many).expect("terms").terms().len(), 8);
        let huge = "移".repeat(10_000);
        let q = SearchQuery::parse(&huge).expect("a query");
        assert_eq!(q.terms()[0].len(), SearchQuery::MAX_TOKENS_PER_TERM);
    }

    #[test]
    fn search_text_joins_lower_cased_parts() {
        assert_eq!(search_text(["Title", "", "Body ÉTÉ"]), "title\nbody été");
    }
}
