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

    /// Whether the best matches may be read from the index alone, with no lookup in the
    /// table, when the process is the instance's only one (each backend checks that in the
    /// same statement): the index holds only the public texts of the lists, and a campaign
    /// once.
    fn may_read_index_alone(&self, table: Searchable, order: SearchOrder) -> bool {
        order == SearchOrder::Relevance
            && table == Searchable::Contributions
            && self.is_whole_process(table)
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
#[derive(Debug, Clone)]
struct Candidate {
    id: i64,
    /// By relevance, higher is more relevant; by date, the submission's time as a number
    /// (0 for neither of those orders).
    key: f64,
    /// By title or reference, that text.
    text: Option<String>,
}

/// A candidate's columns, in their order: `id`, `key` and `text`.
type CandidateRow = (BigInt, Double, Nullable<Text>);

/// The candidates `statement` reads.
fn candidates(statement: Statement, conn: &mut DbConnection) -> QueryResult<Vec<Candidate>> {
    let rows: Vec<(i64, f64, Option<String>)> = statement.typed::<CandidateRow>().load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, key, text)| Candidate { id, key, text })
        .collect())
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
    // A word's impact-ordered list is asked for first: most words searched have one, whole
    // for a rare word (a word of very few texts has none, and ranking its matches costs
    // little). Ranking first instead saved less on the words without a list than it cost
    // the others: finding that a listed word was not to be read that way took FTS5 22 µs
    // (a word in 2 % of texts read 15 % slower).
    if order == SearchOrder::Relevance
        && let Some(word) = query.single_word()
        && scope.is_whole_process(table)
        && let Some(page) = ranked::page(conn, table, scope.process_id, word, offset, limit)?
    {
        return Ok(page);
    }
    let candidates = load(conn, table, scope, query, order)?;
    Ok(paged(candidates, order, offset, limit))
}

/// The page at `offset` of `candidates` (up to `CANDIDATES + 1` of them) in `order`.
fn paged(
    mut candidates: Vec<Candidate>,
    order: SearchOrder,
    offset: i64,
    limit: i64,
) -> SearchPage {
    let more = candidates.len() as i64 > CANDIDATES;
    candidates.truncate(CANDIDATES as usize);
    arrange(&mut candidates, order);
    let ids = candidates
        .iter()
        .skip(usize::try_from(offset).unwrap_or(0))
        .take(usize::try_from(limit).unwrap_or(0))
        .map(|c| c.id)
        .collect();
    SearchPage {
        ids,
        total: candidates.len() as i64,
        more,
        best_first: false,
    }
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
/// sorts them by: kept prepared by SQLite (one text per combination of filters and order, see
/// [`load_fts5`]), planned for its words by PostgreSQL (one query).
fn load(
    conn: &mut DbConnection,
    table: Searchable,
    scope: &Scope,
    query: &SearchQuery,
    order: SearchOrder,
) -> QueryResult<Vec<Candidate>> {
    if matches!(conn, DbConnection::Sqlite(_)) {
        return load_fts5(conn, table, scope, query, order);
    }
    let (name, index) = (table.table(), table.index());
    let direction = if order == SearchOrder::Oldest {
        "ASC"
    } else {
        "DESC"
    };
    let tsquery = syntax::tsquery(query);
    // As from FTS5 ([`load_fts5`]): the instance's only process needs no scope beyond the
    // index, and its matches are ranked without a lookup each in the table. For a word in
    // 1.4 % of 200,000 texts (2,866 of them), PostgreSQL otherwise joined the matches to
    // an index scan of every row of the process (38 of the 86 ms); for a rare word, the
    // lookups were half of the query. Whether it is the only one is a one-time condition
    // of the same statement, so no process can come in between.
    if scope.may_read_index_alone(table, order) {
        let unscoped = Statement::new("SELECT s.id AS id, ts_rank(s.vector, ")
            .text(tsquery.clone())
            .sql(format!(
                "::tsquery)::float8 AS key, NULL AS text FROM {index} s WHERE s.vector @@ "
            ))
            .text(tsquery.clone())
            .sql("::tsquery AND NOT EXISTS (SELECT 1 FROM processes WHERE id <> ")
            .int(scope.process_id)
            .sql(format!(") ORDER BY s.id {direction} LIMIT "))
            .int(CANDIDATES + 1)
            .replanned();
        let found = candidates(unscoped, conn)?;
        if !found.is_empty() {
            return Ok(found);
        }
    }
    let statement = match order == SearchOrder::Relevance {
        true => Statement::new("SELECT c.id AS id, ts_rank(s.vector, ")
            .text(tsquery.clone())
            .sql("::tsquery)::float8 AS key, NULL AS text"),
        false => Statement::new("SELECT c.id AS id, ").sql(keyed_columns(order, false)),
    };
    let statement = statement
        .sql(format!(
            " FROM {index} s JOIN {name} c ON c.id = s.id WHERE s.vector @@ "
        ))
        .text(tsquery)
        .sql("::tsquery");
    // Planned for its words: whether to read the matches from the text index or walk the
    // table newest first depends on how common they are.
    let statement = conditions(statement, table, scope)
        .sql(format!(" ORDER BY s.id {direction} LIMIT "))
        .int(CANDIDATES + 1)
        .replanned();
    candidates(statement, conn)
}

/// [`load`] from SQLite's FTS5 index.
///
/// A phrase (a term of several tokens: a reference number, a hyphenated or a long Chinese
/// word) is first looked for oldest first, without scores. FTS5 finds a phrase by seeking
/// each of its tokens' lists to the rowids of the others, and it seeks a list backwards one
/// entry of the list's index at a time: `GCM/WC/B0032201`, whose `gcm` and `wc` every text
/// holds, took 144 µs newest first and 18 µs oldest first (with 200,000 contributions). When
/// that finds them all, they are ranked in that order; only a phrase with more matches than
/// the bound is read again newest first (the probe reads 2,001 ids at most: in the index
/// alone, 320 µs for a phrase every text holds, beside the 14 ms of ranking 2,000).
fn load_fts5(
    conn: &mut DbConnection,
    table: Searchable,
    scope: &Scope,
    query: &SearchQuery,
    order: SearchOrder,
) -> QueryResult<Vec<Candidate>> {
    let mut oldest_first = order == SearchOrder::Oldest;
    if !oldest_first && query.has_phrase() {
        let probe = Fts5Read {
            oldest_first: true,
            scored: false,
            unscoped: false,
        };
        let found = candidates(probe.statement(table, scope, query, order), conn)?;
        oldest_first = found.len() as i64 <= CANDIDATES;
    }
    // The instance's only process needs no scope beyond the index, which holds only
    // searchable texts (a listed copy for a campaign): its matches are ranked without a
    // lookup each in the table, which cost more than ranking them (`bm25` of a rare word's
    // matches, 84 µs; with the table's row of each, 200 µs). That it is the only one is read
    // by the same statement as the matches, so no process can come in between; with none
    // found (no match, or another process), the scoped query answers.
    if scope.may_read_index_alone(table, order) {
        let read = Fts5Read {
            oldest_first,
            scored: true,
            unscoped: true,
        };
        let found = candidates(read.statement(table, scope, query, order), conn)?;
        if !found.is_empty() {
            return Ok(found);
        }
    }
    let read = Fts5Read {
        oldest_first,
        scored: true,
        unscoped: false,
    };
    candidates(read.statement(table, scope, query, order), conn)
}

/// How [`load_fts5`] reads the matches.
struct Fts5Read {
    oldest_first: bool,
    /// With the columns the order sorts by (else ids alone).
    scored: bool,
    /// From the index alone, if the process is the instance's only one.
    unscoped: bool,
}

impl Fts5Read {
    fn statement(
        &self,
        table: Searchable,
        scope: &Scope,
        query: &SearchQuery,
        order: SearchOrder,
    ) -> Statement {
        let (name, index) = (table.table(), table.index());
        let direction = if self.oldest_first { "ASC" } else { "DESC" };
        let columns = match (self.scored, order) {
            (false, _) => "0.0 AS key, NULL AS text".to_string(),
            (true, SearchOrder::Relevance) => {
                format!("-bm25({index}, {BM25_WEIGHTS}) AS key, NULL AS text")
            }
            (true, _) => keyed_columns(order, true).to_string(),
        };
        if self.unscoped {
            // Whether to read at all (the process is the only one) is a bound on the rowid,
            // which FTS5 is given before it reads its lists: past the last one, it reads
            // nothing. As a condition, the same subquery was tested on every match: with two
            // processes, 7.8 ms to find nothing for the most common word.
            return Statement::new(format!(
                "SELECT rowid AS id, {columns} FROM {index} WHERE {index} MATCH "
            ))
            .text(syntax::fts5_match(query))
            .sql(" AND rowid >= (SELECT CASE WHEN EXISTS (SELECT 1 FROM processes WHERE id <> ")
            .int(scope.process_id)
            .sql(format!(
                ") THEN {} ELSE 0 END) ORDER BY rowid {direction} LIMIT ",
                i64::MAX
            ))
            .int(CANDIDATES + 1);
        }
        let statement = Statement::new(format!(
            "SELECT c.id AS id, {columns} FROM {index} JOIN {name} c ON c.id = {index}.rowid \
             WHERE {index} MATCH "
        ))
        .text(syntax::fts5_match(query));
        conditions(statement, table, scope)
            .sql(format!(" ORDER BY {index}.rowid {direction} LIMIT "))
            .int(CANDIDATES + 1)
    }
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
