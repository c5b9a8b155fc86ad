//! Hand-written SQL that the connection keeps prepared. Diesel prepares a `sql_query` again
//! every time it runs, since it cannot know the text is the same; for the statements a
//! submission or a search runs on every request (an FTS5 `MATCH`, the campaign buckets), the
//! preparing cost more than the running. A [`Statement`] is built from pieces of SQL and
//! bound values, writes its own placeholders (`?` in SQLite, `$n` in PostgreSQL), and is
//! cached under its SQL text, which holds no value.
//!
//! [`any_of`] does the same for diesel's `eq_any` over a list of ids, which diesel also
//! prepares every time (a list of another length is another statement): the ids are bound
//! as one text, so a page's rows, authors and tags are each one kept statement.
//!
//! Only SQL the code wrote may go into [`Statement::sql`]: each distinct text is kept for the
//! connection's life, so a value written into the text would both leak into the cache and
//! grow it without bound. Values go through [`Statement::int`], [`Statement::text`],
//! [`Statement::bool`] and [`Statement::time`].
//!
//! Diesel also prepares every `UPDATE` again each time it runs (its update statements are
//! never cached), and an upsert: a submission's own updates, written as [`Statement`]s, are
//! kept prepared (they were 9 % of the writer's time in a submission run).

use std::borrow::Cow;

use chrono::NaiveDateTime;
use diesel::backend::Backend;
use diesel::deserialize::QueryableByName;
use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::pg::Pg;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::query_dsl::LoadQuery;
use diesel::serialize::ToSql;
use diesel::sql_types::{BigInt, Bool, HasSqlType, Text, Timestamp, Untyped};
use diesel::sqlite::Sqlite;
use diesel::{PgConnection, QueryResult, RunQueryDsl, SqliteConnection};

use super::{DbConnection, MultiBackend};

/// A statement of fixed SQL and bound values; run it with its own `execute` or `load` (rows
/// by name, as from `sql_query`), on the backend's own connection ([`StatementRunner`]).
#[derive(Debug, Clone, Default)]
pub struct Statement {
    parts: Vec<Part>,
    /// Whether it is planned again for each run's values instead of kept ([`Self::replanned`]).
    replanned: bool,
}

#[derive(Debug, Clone)]
enum Part {
    Sql(Cow<'static, str>),
    Int(i64),
    Text(String),
    Bool(bool),
    Time(NaiveDateTime),
}

impl Statement {
    pub fn new(sql: impl Into<Cow<'static, str>>) -> Self {
        Self::default().sql(sql)
    }

    /// SQL the code wrote, never a value.
    pub fn sql(mut self, sql: impl Into<Cow<'static, str>>) -> Self {
        self.parts.push(Part::Sql(sql.into()));
        self
    }

    pub fn int(mut self, value: i64) -> Self {
        self.parts.push(Part::Int(value));
        self
    }

    pub fn text(mut self, value: impl Into<String>) -> Self {
        self.parts.push(Part::Text(value.into()));
        self
    }

    pub fn bool(mut self, value: bool) -> Self {
        self.parts.push(Part::Bool(value));
        self
    }

    pub fn time(mut self, value: NaiveDateTime) -> Self {
        self.parts.push(Part::Time(value));
        self
    }

    /// Not kept: planned again with each run's values. PostgreSQL plans a kept statement
    /// once for any value after its fifth run, and a plan for "any search" cannot tell a rare
    /// word from a common one: it walked the whole index in id order to find the 178 texts
    /// that held a rare word (560 ms at 100,000 contributions, where a plan for that word
    /// reads them from the text index in 1 ms).
    pub fn replanned(mut self) -> Self {
        self.replanned = true;
        self
    }

    /// The one row a statement that must return exactly one yields (an `UPDATE … RETURNING`
    /// of a row the caller knows exists): `NotFound` if none came back.
    pub fn one<T>(self, conn: &mut impl StatementRunner) -> QueryResult<T>
    where
        T: QueryableByName<Sqlite> + QueryableByName<Pg> + 'static,
    {
        self.load::<T>(conn)?
            .into_iter()
            .next()
            .ok_or(diesel::result::Error::NotFound)
    }

    /// `IN (…)` of the integers, one placeholder each: a list of a fixed length (a text's
    /// sixteen buckets) makes one cached statement.
    pub fn ints_in(mut self, values: &[i64]) -> Self {
        self = self.sql(" IN (");
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self = self.sql(", ");
            }
            self = self.int(*value);
        }
        self.sql(")")
    }
}

impl<DB> QueryFragment<DB> for Statement
where
    DB: Backend + HasSqlType<BigInt> + HasSqlType<Text> + HasSqlType<Bool> + HasSqlType<Timestamp>,
    i64: ToSql<BigInt, DB>,
    String: ToSql<Text, DB>,
    bool: ToSql<Bool, DB>,
    NaiveDateTime: ToSql<Timestamp, DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        if self.replanned {
            out.unsafe_to_cache_prepared();
        }
        for part in &self.parts {
            match part {
                Part::Sql(sql) => out.push_sql(sql),
                Part::Int(value) => out.push_bind_param::<BigInt, _>(value)?,
                Part::Text(value) => out.push_bind_param::<Text, _>(value)?,
                Part::Bool(value) => out.push_bind_param::<Bool, _>(value)?,
                Part::Time(value) => out.push_bind_param::<Timestamp, _>(value)?,
            }
        }
        Ok(())
    }
}

/// A connection a [`Statement`] runs on: as the backend's own connection, never through
/// diesel's `MultiConnection`, which writes the whole SQL again (into a string of its own)
/// each of the three times diesel walks a query: to ask whether it may be kept, to find it
/// among the kept ones, and to bind its values. A search page's five statements spent 7 % of
/// its instructions there (callgrind, a rare word at 200,000 contributions).
pub trait StatementRunner {
    fn load_statement<T>(&mut self, statement: Statement) -> QueryResult<Vec<T>>
    where
        T: QueryableByName<Sqlite> + QueryableByName<Pg> + 'static;

    fn execute_statement(&mut self, statement: Statement) -> QueryResult<usize>;
}

/// The backends' own connections run a statement as diesel does.
macro_rules! runs_statements {
    ($($connection:ty),*) => {$(
        impl StatementRunner for $connection {
            fn load_statement<T>(&mut self, statement: Statement) -> QueryResult<Vec<T>>
            where
                T: QueryableByName<Sqlite> + QueryableByName<Pg> + 'static,
            {
                RunQueryDsl::load(statement, self)
            }

            fn execute_statement(&mut self, statement: Statement) -> QueryResult<usize> {
                RunQueryDsl::execute(statement, self)
            }
        }
    )*};
}

runs_statements!(SqliteConnection, PgConnection);

impl StatementRunner for DbConnection {
    fn load_statement<T>(&mut self, statement: Statement) -> QueryResult<Vec<T>>
    where
        T: QueryableByName<Sqlite> + QueryableByName<Pg> + 'static,
    {
        match self {
            DbConnection::Sqlite(conn) => conn.load_statement(statement),
            DbConnection::Postgresql(conn) => conn.load_statement(statement),
        }
    }

    fn execute_statement(&mut self, statement: Statement) -> QueryResult<usize> {
        match self {
            DbConnection::Sqlite(conn) => conn.execute_statement(statement),
            DbConnection::Postgresql(conn) => conn.execute_statement(statement),
        }
    }
}

impl Statement {
    /// Its rows, by name (as from `sql_query`).
    pub fn load<T>(self, conn: &mut impl StatementRunner) -> QueryResult<Vec<T>>
    where
        T: QueryableByName<Sqlite> + QueryableByName<Pg> + 'static,
    {
        conn.load_statement(self)
    }

    /// How many rows it changed.
    pub fn execute(self, conn: &mut impl StatementRunner) -> QueryResult<usize> {
        conn.execute_statement(self)
    }
}

/// A [`Statement`] whose rows are of SQL types `ST`, read by position into a tuple: diesel
/// reads a row by name by comparing each field's name with every column's, which for the
/// hundred-odd candidates of a search cost 5 % of the request.
pub struct Typed<ST> {
    statement: Statement,
    types: std::marker::PhantomData<ST>,
}

impl Statement {
    /// The statement, its rows read by position as `ST` (see [`Typed`]).
    pub fn typed<ST>(self) -> Typed<ST> {
        Typed {
            statement: self,
            types: std::marker::PhantomData,
        }
    }
}

impl<ST> Typed<ST> {
    /// Its rows, as tuples of `ST`.
    pub fn load<'q, T>(self, conn: &mut DbConnection) -> QueryResult<Vec<T>>
    where
        Self: LoadQuery<'q, SqliteConnection, T> + LoadQuery<'q, PgConnection, T>,
    {
        match conn {
            DbConnection::Sqlite(conn) => RunQueryDsl::load(self, conn),
            DbConnection::Postgresql(conn) => RunQueryDsl::load(self, conn),
        }
    }
}

impl<ST, DB: Backend> QueryFragment<DB> for Typed<ST>
where
    Statement: QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.statement.walk_ast(out)
    }
}

impl<ST> QueryId for Typed<ST> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<ST: diesel::sql_types::SqlType> Query for Typed<ST> {
    type SqlType = ST;
}

impl<ST, Conn> RunQueryDsl<Conn> for Typed<ST> {}

/// No static id: the cache keys the statement by its SQL text and bind types.
impl QueryId for Statement {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl Query for Statement {
    type SqlType = Untyped;
}

impl<Conn> RunQueryDsl<Conn> for Statement {}

/// `column IN (ids)` of an integer column, kept prepared whatever the number of ids: the ids
/// are bound as one comma-separated text that the database unpacks (SQLite's `json_each`,
/// PostgreSQL's `string_to_array`), and either still looks each one up through the index.
pub fn any_of<C>(column: C, ids: impl IntoIterator<Item = i64>) -> AnyOf<C> {
    let mut list = String::new();
    for id in ids {
        if !list.is_empty() {
            list.push(',');
        }
        list.push_str(&id.to_string());
    }
    AnyOf { column, list }
}

/// See [`any_of`].
#[derive(Debug, Clone)]
pub struct AnyOf<C> {
    column: C,
    list: String,
}

impl<C: Expression> Expression for AnyOf<C> {
    type SqlType = Bool;
}

impl<C: AppearsOnTable<QS>, QS> AppearsOnTable<QS> for AnyOf<C> {}

impl<C: SelectableExpression<QS>, QS> SelectableExpression<QS> for AnyOf<C> {}

impl<C: ValidGrouping<()>> ValidGrouping<()> for AnyOf<C> {
    type IsAggregate = C::IsAggregate;
}

/// Its SQL is the column's, whatever the ids: a query of static parts keeps a static id, so
/// its cached statement is found without writing its SQL again.
impl<C: QueryId> QueryId for AnyOf<C> {
    type QueryId = AnyOf<C::QueryId>;
    const HAS_STATIC_QUERY_ID: bool = C::HAS_STATIC_QUERY_ID;
}

impl<C: QueryFragment<MultiBackend>> QueryFragment<MultiBackend> for AnyOf<C> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        self.column.walk_ast(out.reborrow())?;
        let postgres = matches!(out.backend(), MultiBackend::Postgresql(_));
        match postgres {
            false => out.push_sql(" IN (SELECT value FROM json_each('[' || "),
            true => out.push_sql(" = ANY(string_to_array("),
        }
        out.push_bind_param::<Text, _>(&self.list)?;
        match postgres {
            false => out.push_sql(" || ']'))"),
            true => out.push_sql(", ',')::bigint[])"),
        }
        Ok(())
    }
}

/// `column IN (values)` for a few values of a closed set (the states a list shows), kept
/// prepared: diesel's `eq_any` prepares a list of values again on every run, since lists of
/// every length would grow the cache without bound. These lists are only as many as the code
/// writes, so each is one kept statement; a list of ids from a page goes through [`any_of`].
pub fn one_of<C, T>(column: C, values: impl IntoIterator<Item = T>) -> OneOf<C, T> {
    OneOf {
        column,
        values: values.into_iter().collect(),
    }
}

/// See [`one_of`].
#[derive(Debug, Clone)]
pub struct OneOf<C, T> {
    column: C,
    values: Vec<T>,
}

impl<C: Expression, T> Expression for OneOf<C, T> {
    type SqlType = Bool;
}

impl<C: AppearsOnTable<QS>, T, QS> AppearsOnTable<QS> for OneOf<C, T> {}

impl<C: SelectableExpression<QS>, T, QS> SelectableExpression<QS> for OneOf<C, T> {}

impl<C: ValidGrouping<()>, T> ValidGrouping<()> for OneOf<C, T> {
    type IsAggregate = C::IsAggregate;
}

impl<C, T> QueryId for OneOf<C, T> {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<C, T> QueryFragment<MultiBackend> for OneOf<C, T>
where
    C: Expression + QueryFragment<MultiBackend>,
    C::SqlType: diesel::sql_types::SqlType,
    MultiBackend: HasSqlType<C::SqlType>,
    T: ToSql<C::SqlType, MultiBackend>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        if self.values.is_empty() {
            // Nothing is one of no values (`IN ()` is not SQL).
            out.push_sql("1 = 0");
            return Ok(());
        }
        self.column.walk_ast(out.reborrow())?;
        out.push_sql(" IN (");
        for (i, value) in self.values.iter().enumerate() {
            if i > 0 {
                out.push_sql(", ");
            }
            out.push_bind_param::<C::SqlType, T>(value)?;
        }
        out.push_sql(")");
        Ok(())
    }
}

/// `SELECT COUNT(*) FROM (query)`: the rows of `query` counted where they are read, without
/// each being handed over (a list's bounded count, a thousand rows, cost five times as much
/// loaded one by one). Kept prepared as `query` is.
#[derive(Debug, Clone)]
pub struct Counted<Q>(pub Q);

impl<Q: QueryId> QueryId for Counted<Q> {
    type QueryId = Counted<Q::QueryId>;
    const HAS_STATIC_QUERY_ID: bool = Q::HAS_STATIC_QUERY_ID;
}

impl<Q> Query for Counted<Q> {
    type SqlType = BigInt;
}

impl<Q: QueryFragment<MultiBackend>> QueryFragment<MultiBackend> for Counted<Q> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        out.push_sql("SELECT COUNT(*) FROM (");
        self.0.walk_ast(out.reborrow())?;
        out.push_sql(") AS counted");
        Ok(())
    }
}

impl<Q, Conn> RunQueryDsl<Conn> for Counted<Q> {}

#[cfg(test)]
mod tests {
    use diesel::connection::{Instrumentation, InstrumentationEvent, SimpleConnection};
    use diesel::prelude::*;
    use diesel::sql_types::BigInt;

    use super::*;

    #[derive(QueryableByName, Debug, PartialEq)]
    struct Row {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }

    /// Counts the statements the connection prepares.
    #[derive(Default)]
    struct Prepares(std::sync::Arc<std::sync::atomic::AtomicUsize>);

    impl Instrumentation for Prepares {
        fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
            if let InstrumentationEvent::CacheQuery { .. } = event {
                self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        }
    }

    /// An in-memory database holding `table`, and the count of the statements it prepares.
    fn counted(
        table: &str,
    ) -> (
        SqliteConnection,
        std::sync::Arc<std::sync::atomic::AtomicUsize>,
    ) {
        let mut conn = SqliteConnection::establish(":memory:").expect("in-memory SQLite");
        conn.batch_execute(table).expect("a table");
        let prepared = std::sync::Arc::default();
        conn.set_instrumentation(Prepares(std::sync::Arc::clone(&prepared)));
        (conn, prepared)
    }

    #[test]
    fn a_statement_is_prepared_once_whatever_its_values() {
        let (mut conn, prepared) = counted("CREATE TABLE t (n INTEGER, s TEXT, b BOOLEAN)");
        for n in 1..=5 {
            Statement::new("INSERT INTO t (n, s, b) VALUES (")
                .int(n)
                .sql(", ")
                .text(format!("'; DROP TABLE t; -- {n}"))
                .sql(", ")
                .bool(n % 2 == 0)
                .sql(")")
                .execute(&mut conn)
                .expect("an insert");
        }
        let rows: Vec<Row> = Statement::new("SELECT n FROM t WHERE n")
            .ints_in(&[2, 4, 9])
            .sql(" AND b = ")
            .bool(true)
            .sql(" ORDER BY n")
            .load(&mut conn)
            .expect("rows");
        assert_eq!(rows, [Row { n: 2 }, Row { n: 4 }]);
        assert_eq!(
            prepared.load(std::sync::atomic::Ordering::SeqCst),
            2,
            "one insert and one select were cached"
        );
    }

    #[test]
    fn a_replanned_statement_is_never_kept() {
        let (mut conn, prepared) = counted("CREATE TABLE t (n INTEGER)");
        for n in 1..=3 {
            Statement::new("INSERT INTO t (n) VALUES (")
                .int(n)
                .sql(")")
                .replanned()
                .execute(&mut conn)
                .expect("an insert");
        }
        let rows: Vec<Row> = Statement::new("SELECT n FROM t WHERE n > ")
            .int(1)
            .sql(" ORDER BY n")
            .replanned()
            .load(&mut conn)
            .expect("rows");
        assert_eq!(rows, [Row { n: 2 }, Row { n: 3 }]);
        assert_eq!(prepared.load(std::sync::atomic::Ordering::SeqCst), 0);
    }

    mod table {
        diesel::table! {
            listed (n) {
                n -> BigInt,
                state -> Text,
            }
        }
    }
    use table::listed;

    #[test]
    fn a_list_of_states_and_a_bounded_count_are_each_prepared_once() {
        let (conn, prepared) = counted(
            "CREATE TABLE listed (n INTEGER PRIMARY KEY, state TEXT);
             INSERT INTO listed VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'a');",
        );
        let mut conn = crate::db::DbConnection::Sqlite(conn);
        let states = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        for _ in 0..3 {
            let found: Vec<i64> = listed::table
                .filter(one_of(listed::state, states(&["a", "c"])))
                .order(listed::n)
                .select(listed::n)
                .load(&mut conn)
                .expect("rows");
            assert_eq!(found, [1, 3, 4]);
            let bounded = listed::table
                .filter(one_of(listed::state, states(&["a", "b"])))
                .select(listed::n)
                .limit(2);
            let read: i64 = Counted(bounded).get_result(&mut conn).expect("a count");
            assert_eq!(read, 2, "counted up to the limit");
        }
        assert_eq!(
            prepared.load(std::sync::atomic::Ordering::SeqCst),
            2,
            "the list and the count were each cached"
        );
        let none: Vec<i64> = listed::table
            .filter(one_of(listed::state, states(&[])))
            .select(listed::n)
            .load(&mut conn)
            .expect("no rows");
        assert!(none.is_empty(), "nothing is one of no states");
    }
}
