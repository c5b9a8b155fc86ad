//! Full-text search for every script, behind one interface with two implementations:
//! SQLite's FTS5 trigram index and PostgreSQL's `pg_trgm`.
//!
//! Both search the same thing the same way: the lower-cased text kept in a `search_text`
//! column, in which every term of the query must appear. Trigram indexes make that fast
//! for terms of three characters or more and still answer (by scanning) for shorter ones,
//! such as the two characters of 移民, so results are the same on both backends.

use diesel::dsl::sql;
use diesel::expression::BoxableExpression;
use diesel::sql_types::{Bool, Text};

use crate::db::DbConnection;
use crate::db::MultiBackend;

/// A parsed query: up to eight lower-cased terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    terms: Vec<String>,
}

impl SearchQuery {
    pub const MAX_TERMS: usize = 8;
    pub const MAX_CHARS: usize = 200;

    /// `None` for an empty query.
    pub fn parse(raw: &str) -> Option<Self> {
        let raw: String = raw.chars().take(Self::MAX_CHARS).collect();
        let terms: Vec<String> = raw
            .split_whitespace()
            .map(str::to_lowercase)
            .filter(|t| !t.chars().all(|c| c.is_control()))
            .take(Self::MAX_TERMS)
            .collect();
        (!terms.is_empty()).then_some(Self { terms })
    }

    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    fn patterns(&self) -> impl Iterator<Item = String> + '_ {
        self.terms
            .iter()
            .map(|t| format!("%{}%", super::escape_like(t)))
    }
}

/// What a row is searched by: its texts, lower-cased and joined.
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
}

/// One condition per term, to `filter` a boxed query of the table with (each is ANDed).
pub type Condition<QS> = Box<dyn BoxableExpression<QS, MultiBackend, SqlType = Bool>>;

/// A full-text search implementation.
pub trait TextSearch: Sync {
    fn conditions<QS: 'static>(&self, table: Searchable, query: &SearchQuery) -> Vec<Condition<QS>>
    where
        Self: Sized;
}

/// SQLite: the FTS5 trigram table beside each searchable table.
pub struct Fts5Trigram;

/// PostgreSQL: a `pg_trgm` GIN index on the `search_text` column.
pub struct PgTrigram;

impl TextSearch for Fts5Trigram {
    fn conditions<QS: 'static>(
        &self,
        table: Searchable,
        query: &SearchQuery,
    ) -> Vec<Condition<QS>> {
        let name = table.table();
        query
            .patterns()
            .map(|pattern| {
                Box::new(
                    sql::<Bool>(&format!(
                        "{name}.id IN (SELECT rowid FROM {name}_fts WHERE {name}_fts.search_text LIKE "
                    ))
                    .bind::<Text, _>(pattern)
                    .sql(" ESCAPE '\\')"),
                ) as Condition<QS>
            })
            .collect()
    }
}

impl TextSearch for PgTrigram {
    fn conditions<QS: 'static>(
        &self,
        table: Searchable,
        query: &SearchQuery,
    ) -> Vec<Condition<QS>> {
        let name = table.table();
        query
            .patterns()
            .map(|pattern| {
                Box::new(
                    sql::<Bool>(&format!("{name}.search_text LIKE "))
                        .bind::<Text, _>(pattern)
                        .sql(" ESCAPE '\\'"),
                ) as Condition<QS>
            })
            .collect()
    }
}

/// The conditions for `query` on `table`, by the connection's backend.
pub fn conditions<QS: 'static>(
    conn: &DbConnection,
    table: Searchable,
    query: &SearchQuery,
) -> Vec<Condition<QS>> {
    match conn {
        DbConnection::Sqlite(_) => Fts5Trigram.conditions(table, query),
        DbConnection::Postgresql(_) => PgTrigram.conditions(table, query),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_lower_cased_terms() {
        let q = SearchQuery::parse("  Migration  ДЕТИ 移民 ").expect("a query");
        assert_eq!(q.terms(), ["migration", "дети", "移民"]);
        assert_eq!(SearchQuery::parse("   "), None);
        let many = "a ".repeat(50);
        assert_eq!(SearchQuery::parse(&many).expect("terms").terms().len(), 8);
    }

    #[test]
    fn wildcards_in_terms_are_literal() {
        let q = SearchQuery::parse("100%_sure").expect("a query");
        assert_eq!(q.patterns().collect::<Vec<_>>(), ["%100\\%\\_sure%"]);
    }

    #[test]
    fn search_text_joins_lower_cased_parts() {
        assert_eq!(search_text(["Title", "", "Body ÉTÉ"]), "title\nbody été");
    }
}
