//! One page of search results without ranking or counting the whole corpus: the newest
//! [`CANDIDATES`] matches within the list's filters are read in one index walk that stops
//! there (FTS5 walks its doclist by rowid, PostgreSQL the index's primary key or a bitmap,
//! as its planner estimates), with their scores; they are ordered and paged here. Beyond the
//! bound the count reads "more than N" and the older matches are out of reach of that query;
//! a more precise query or a filter finds them.

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Nullable, Text};

use super::{SearchQuery, Searchable, syntax};
use crate::db::DbConnection;

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

/// The ids of one page of results, in order, and how many matches there are: `total` is
/// exact unless `more`, when there are more than `total` (= [`CANDIDATES`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchPage {
    pub ids: Vec<i64>,
    pub total: i64,
    pub more: bool,
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

/// A value bound to a placeholder.
enum Value {
    Int(i64),
    Text(String),
}

/// The values of a query's placeholders, in order, and the placeholder syntax.
struct Params {
    values: Vec<Value>,
    numbered: bool,
}

impl Params {
    fn push(&mut self, value: Value) -> String {
        self.values.push(value);
        match self.numbered {
            true => format!("${}", self.values.len()),
            false => "?".to_string(),
        }
    }
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

/// The candidate's `key` and `text` columns for `order`, as `sqlite` or PostgreSQL write them;
/// `score` is the relevance expression.
fn keyed_columns(order: SearchOrder, score: &str, sqlite: bool) -> String {
    let time = match sqlite {
        true => "COALESCE(julianday(c.submitted_at), 0.0)",
        false => "COALESCE(EXTRACT(EPOCH FROM c.submitted_at)::float8, 0.0)",
    };
    let zero = match sqlite {
        true => "0.0",
        false => "0.0::float8",
    };
    let (key, text) = match order {
        SearchOrder::Relevance => (score, "NULL"),
        SearchOrder::Newest | SearchOrder::Oldest => (time, "NULL"),
        SearchOrder::Title => (zero, "c.title"),
        SearchOrder::Reference => (zero, "c.reference"),
    };
    format!("{key} AS key, {text} AS text")
}

/// The newest (or, for that order, the oldest) `CANDIDATES + 1` matches, with what `order`
/// sorts them by: one query.
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
    match conn {
        DbConnection::Sqlite(c) => {
            let mut p = Params {
                values: Vec::new(),
                numbered: false,
            };
            let matched = p.push(Value::Text(syntax::fts5_match(query)));
            let conditions = conditions(table, scope, &mut p);
            let limit = p.push(Value::Int(CANDIDATES + 1));
            let score = format!("-bm25({index}, {BM25_WEIGHTS})");
            let columns = keyed_columns(order, &score, true);
            let sql = format!(
                "SELECT c.id AS id, {columns} \
                 FROM {index} JOIN {name} c ON c.id = {index}.rowid \
                 WHERE {index} MATCH {matched}{conditions} \
                 ORDER BY {index}.rowid {direction} LIMIT {limit}"
            );
            bound(diesel::sql_query(sql).into_boxed(), p.values).load(c)
        }
        DbConnection::Postgresql(c) => {
            let mut p = Params {
                values: Vec::new(),
                numbered: true,
            };
            let tsquery = p.push(Value::Text(syntax::tsquery(query)));
            let conditions = conditions(table, scope, &mut p);
            let limit = p.push(Value::Int(CANDIDATES + 1));
            let score = format!("ts_rank(s.vector, {tsquery}::tsquery)::float8");
            let columns = keyed_columns(order, &score, false);
            let sql = format!(
                "SELECT c.id AS id, {columns} \
                 FROM {index} s JOIN {name} c ON c.id = s.id \
                 WHERE s.vector @@ {tsquery}::tsquery{conditions} \
                 ORDER BY s.id {direction} LIMIT {limit}"
            );
            bound(diesel::sql_query(sql).into_boxed(), p.values).load(c)
        }
    }
}

fn bound<'f, DB>(
    mut query: diesel::query_builder::BoxedSqlQuery<'f, DB, diesel::query_builder::SqlQuery>,
    values: Vec<Value>,
) -> diesel::query_builder::BoxedSqlQuery<'f, DB, diesel::query_builder::SqlQuery>
where
    DB: diesel::backend::Backend
        + diesel::sql_types::HasSqlType<BigInt>
        + diesel::sql_types::HasSqlType<Text>,
    i64: diesel::serialize::ToSql<BigInt, DB>,
    String: diesel::serialize::ToSql<Text, DB>,
{
    for value in values {
        query = match value {
            Value::Int(v) => query.bind::<BigInt, _>(v),
            Value::Text(v) => query.bind::<Text, _>(v),
        };
    }
    query
}

/// The list's filters as SQL on the table aliased `c`, each starting with ` AND `.
fn conditions(table: Searchable, scope: &Scope, p: &mut Params) -> String {
    let mut sql = format!(
        " AND c.process_id = {}",
        p.push(Value::Int(scope.process_id))
    );
    let statuses: Vec<String> = scope
        .statuses
        .iter()
        .map(|s| p.push(Value::Text((*s).to_string())))
        .collect();
    sql.push_str(&format!(" AND c.status IN ({})", statuses.join(", ")));
    if table == Searchable::Contributions {
        // A campaign shows once in the lists, through its first letter: so in results too.
        sql.push_str(" AND c.campaign_copy = FALSE");
    }
    if let Some(category) = scope.category {
        let mark = p.push(Value::Text(category.to_string()));
        sql.push_str(&format!(
            " AND c.organisation_id IN (SELECT id FROM organisations WHERE category = {mark})"
        ));
    }
    if let Some(language) = scope.language {
        let mark = p.push(Value::Text(language.to_string()));
        sql.push_str(&format!(" AND c.language = {mark}"));
    }
    if let Some(group) = scope.group_id {
        let mark = p.push(Value::Int(group));
        sql.push_str(&match table {
            Searchable::Contributions => format!(
                " AND c.id IN (SELECT contribution_id FROM contribution_groups WHERE group_id = {mark})"
            ),
            Searchable::Proposals => format!(" AND c.group_id = {mark}"),
        });
    }
    if let Some(theme) = scope.theme_id {
        let mark = p.push(Value::Int(theme));
        let (tags, column) = match table {
            Searchable::Contributions => ("contribution_themes", "contribution_id"),
            Searchable::Proposals => ("proposal_themes", "proposal_id"),
        };
        sql.push_str(&format!(
            " AND c.id IN (SELECT {column} FROM {tags} WHERE theme_id = {mark})"
        ));
    }
    sql
}
