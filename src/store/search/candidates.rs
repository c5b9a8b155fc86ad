//! One page of search results without ranking or counting the whole corpus: the newest
//! [`CANDIDATES`] matches within the list's filters are read in one index walk that stops
//! there (FTS5 walks its doclist by rowid, PostgreSQL the index's primary key or a bitmap,
//! as its planner estimates), with their scores; they are ordered and paged here. Beyond the
//! bound the count reads "more than N" and the older matches are out of reach of that query;
//! a more precise query or a filter finds them.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Nullable, Text};

use super::index::SEARCHABLE_CONTRIBUTIONS;
use super::{SearchQuery, Searchable, ranked, syntax};
use crate::db::DbConnection;
use crate::db::cached::Statement;
use crate::domain::proposals::ProposalStatus;

/// The most matches one search ranks and pages through.
pub const CANDIDATES: i64 = 2_000;

/// bm25 weights of the FTS5 columns, in their order: title, body, meta.
const BM25_WEIGHTS: &str = "10.0, 1.0, 4.0";

/// The orders a result page may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchOrder {
    Relevance,
    Newest,
    Oldest,
    Title,
    Reference,
}

/// What the results are narrowed to besides the query, as the list's filters say; the texts
/// are the allow-listed values the database stores.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub process_id: i64,
    /// The states to show; each must be one whose text is public.
    pub statuses: Vec<&'static str>,
    pub category: Option<&'static str>,
    pub group_id: Option<i64>,
    pub theme_id: Option<i64>,
    /// The language code the texts are written in.
    pub language: Option<&'static str>,
}

impl Scope {
    /// Whether the scope is every public text of the process: what a word's list holds.
    fn is_whole_process(&self, table: Searchable) -> bool {
        let every_state = match table {
            Searchable::Contributions => SEARCHABLE_CONTRIBUTIONS.len(),
            Searchable::Proposals => ProposalStatus::PUBLIC.len(),
        };
        self.statuses.len() == every_state
            && self.category.is_none()
            && self.group_id.is_none()
            && self.theme_id.is_none()
            && self.language.is_none()
    }
}

/// The ids of one page of results, in order, and how many matches there are: `total` is
/// exact unless `more`, when there are more than `total`, and the page is among the newest
/// `total` matches, or the `total` most relevant when `best_first`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchPage {
    pub ids: Vec<i64>,
    pub total: i64,
    pub more: bool,
    /// Read from a word's impact-ordered list ([`super::ranked`]).
    pub best_first: bool,
}

/// One match, with only what its order needs: reading each of 2,000 candidates' title and
/// reference when they are ranked by relevance cost more than ranking them.
#[derive(Debug, Clone, QueryableByName)]
struct Candidate {
    #[diesel(sql_type = BigInt)]
    id: i64,
    /// By relevance, higher is more relevant; by date, the submission's time as a number
    /// (0 for neither of those orders).
    #[diesel(sql_type = Double)]
    key: f64,
    /// By title or reference, that text.
    #[diesel(sql_type = Nullable<Text>)]
    text: Option<String>,
}

/// One page of the matches of `query` in `table` within `scope`.
pub fn searched_page(
    conn: &mut DbConnection,
    table: Searchable,
    scope: &Scope,
    query: &SearchQuery,
    order: SearchOrder,
    offset: i64,
    limit: i64,
) -> QueryResult<SearchPage> {
    if scope.statuses.is_empty() || query.is_empty() {
        return Ok(SearchPage::default());
    }
    if order == SearchOrder::Relevance
        && let Some(word) = query.single_word()
        && scope.is_whole_process(table)
        && let Some(page) = ranked::page(conn, table, scope.process_id, word, offset, limit)?
    {
        return Ok(page);
    }
    let mut candidates = load(conn, table, scope, query, order)?;
    let more = candidates.len() as i64 > CANDIDATES;
    candidates.truncate(CANDIDATES as usize);
    arrange(&mut candidates, order);
    let ids = candidates
        .iter()
        .skip(usize::try_from(offset).unwrap_or(0))
        .take(usize::try_from(limit).unwrap_or(0))
        .map(|c| c.id)
        .collect();
    Ok(SearchPage {
        ids,
        total: candidates.len() as i64,
        more,
        best_first: false,
    })
}

fn arrange(candidates: &mut [Candidate], order: SearchOrder) {
    match order {
        SearchOrder::Relevance | SearchOrder::Newest => {
            candidates.sort_by(|a, b| b.key.total_cmp(&a.key).then(b.id.cmp(&a.id)))
        }
        SearchOrder::Oldest => {
            candidates.sort_by(|a, b| a.key.total_cmp(&b.key).then(a.id.cmp(&b.id)))
        }
        SearchOrder::Title | SearchOrder::Reference => {
            candidates.sort_by(|a, b| (&a.text, a.id).cmp(&(&b.text, b.id)))
        }
    }
}

/// The candidate's `key` and `text` columns for an order by date, title or reference, as
/// `sqlite` or PostgreSQL write them (relevance binds the query: [`load`] writes it).
fn keyed_columns(order: SearchOrder, sqlite: bool) -> &'static str {
    match (order, sqlite) {
        (SearchOrder::Title, _) => "0.0 AS key, c.title AS text",
        (SearchOrder::Reference, _) => "0.0 AS key, c.reference AS text",
        (_, true) => "COALESCE(julianday(c.submitted_at), 0.0) AS key, NULL AS text",
        (_, false) => {
            "COALESCE(EXTRACT(EPOCH FROM c.submitted_at)::float8, 0.0) AS key, NULL AS text"
        }
    }
}

/// The newest (or, for that order, the oldest) `CANDIDATES + 1` matches, with what `order`
/// sorts them by: one query, kept prepared by SQLite (one text per combination of filters and
/// order), planned for its words by PostgreSQL.
fn load(
    conn: &mut DbConnection,
    table: Searchable,
    scope: &Scope,
    query: &SearchQuery,
    order: SearchOrder,
) -> QueryResult<Vec<Candidate>> {
    let (name, index) = (table.table(), table.index());
    let direction = if order == SearchOrder::Oldest {
        "ASC"
    } else {
        "DESC"
    };
    let relevance = order == SearchOrder::Relevance;
    let statement = Statement::new("SELECT c.id AS id, ");
    // The instance's only process needs no scope beyond the index, which holds only
    // searchable texts (a listed copy for a campaign): its matches are ranked without a
    // lookup each in the table, which cost more than ranking them (`bm25` of a rare word's
    // matches, 84 µs; with the table's row of each, 200 µs). Read in the same transaction
    // as the matches, so no process can come in between.
    if relevance
        && matches!(conn, DbConnection::Sqlite(_))
        && table == Searchable::Contributions
        && scope.is_whole_process(table)
    {
        let alone = conn.transaction(|conn| {
            if !only_process(conn, scope.process_id)? {
                return Ok(None);
            }
            Statement::new(format!(
                "SELECT rowid AS id, -bm25({index}, {BM25_WEIGHTS}) AS key, NULL AS text \
                 FROM {index} WHERE {index} MATCH "
            ))
            .text(syntax::fts5_match(query))
            .sql(" ORDER BY rowid DESC LIMIT ")
            .int(CANDIDATES + 1)
            .load(conn)
            .map(Some)
        })?;
        if let Some(candidates) = alone {
            return Ok(candidates);
        }
    }
    let statement = match conn {
        DbConnection::Sqlite(_) => {
            let columns = match relevance {
                true => format!("-bm25({index}, {BM25_WEIGHTS}) AS key, NULL AS text"),
                false => keyed_columns(order, true).to_string(),
            };
            let statement = statement
                .sql(format!(
                    "{columns} FROM {index} JOIN {name} c ON c.id = {index}.rowid \
                     WHERE {index} MATCH "
                ))
                .text(syntax::fts5_match(query));
            conditions(statement, table, scope).sql(format!(" ORDER BY {index}.rowid {direction}"))
        }
        DbConnection::Postgresql(_) => {
            let tsquery = syntax::tsquery(query);
            let statement = match relevance {
                true => statement
                    .sql("ts_rank(s.vector, ")
                    .text(tsquery.clone())
                    .sql("::tsquery)::float8 AS key, NULL AS text"),
                false => statement.sql(keyed_columns(order, false)),
            };
            let statement = statement
                .sql(format!(
                    " FROM {index} s JOIN {name} c ON c.id = s.id WHERE s.vector @@ "
                ))
                .text(tsquery)
                .sql("::tsquery");
            // Planned for its words: whether to read the matches from the text index or
            // walk the table newest first depends on how common they are.
            conditions(statement, table, scope)
                .sql(format!(" ORDER BY s.id {direction}"))
                .replanned()
        }
    };
    statement.sql(" LIMIT ").int(CANDIDATES + 1).load(conn)
}

/// Whether `process_id` is the instance's only process.
fn only_process(conn: &mut DbConnection, process_id: i64) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Others {
        #[diesel(sql_type = BigInt)]
        others: i64,
    }
    let found: Others = Statement::new("SELECT count(*) AS others FROM processes WHERE id <> ")
        .int(process_id)
        .one(conn)?;
    Ok(found.others == 0)
}

/// The list's filters as SQL on the table aliased `c`, each starting with ` AND `.
fn conditions(statement: Statement, table: Searchable, scope: &Scope) -> Statement {
    let mut statement = statement.sql(" AND c.process_id = ").int(scope.process_id);
    statement = statement.sql(" AND c.status IN (");
    for (i, status) in scope.statuses.iter().enumerate() {
        if i > 0 {
            statement = statement.sql(", ");
        }
        statement = statement.text(*status);
    }
    statement = statement.sql(")");
    if table == Searchable::Contributions {
        // A campaign shows once in the lists, through its listed copy: so in results too.
        // Only that copy is indexed; this condition also keeps out any entry of a copy that
        // an index built before that rule still holds.
        statement = statement.sql(" AND c.campaign_copy = FALSE");
    }
    if let Some(category) = scope.category {
        statement = statement
            .sql(" AND c.organisation_id IN (SELECT id FROM organisations WHERE category = ")
            .text(category)
            .sql(")");
    }
    if let Some(language) = scope.language {
        statement = statement.sql(" AND c.language = ").text(language);
    }
    if let Some(group) = scope.group_id {
        statement = match table {
            Searchable::Contributions => statement
                .sql(" AND c.id IN (SELECT contribution_id FROM contribution_groups WHERE group_id = ")
                .int(group)
                .sql(")"),
            Searchable::Proposals => statement.sql(" AND c.group_id = ").int(group),
        };
    }
    if let Some(theme) = scope.theme_id {
        let (tags, column) = match table {
            Searchable::Contributions => ("contribution_themes", "contribution_id"),
            Searchable::Proposals => ("proposal_themes", "proposal_id"),
        };
        statement = statement
            .sql(format!(
                " AND c.id IN (SELECT {column} FROM {tags} WHERE theme_id = "
            ))
            .int(theme)
            .sql(")");
    }
    statement
}
