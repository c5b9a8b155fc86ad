//! Guards on the database's shape, on both backends: `src/db/schema.rs` (written by hand)
//! declares exactly the tables and columns the migrations build, and every migration goes up,
//! down and up again, each `down.sql` leaving the schema as it found it.

use std::collections::{BTreeMap, BTreeSet};

use concord::db::{DbConnection, migrations_for};
use diesel::sql_types::Text;
use diesel::{QueryableByName, RunQueryDsl};
use diesel_migrations::MigrationHarness;

use crate::helpers::{Backend, TestDatabase};
use crate::on_both_backends;

on_both_backends!(
    schema_rs_declares_what_the_migrations_build,
    every_migration_goes_up_down_and_up_again,
);

/// A column as diesel sees it: its portable type (`BigInt`, `Text`…) and whether it may be
/// NULL.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Column {
    sql_type: String,
    nullable: bool,
}

impl std::fmt::Display for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.nullable {
            write!(f, "Nullable<{}>", self.sql_type)
        } else {
            f.write_str(&self.sql_type)
        }
    }
}

/// Table name → column name → column.
type Tables = BTreeMap<String, BTreeMap<String, Column>>;

/// Tables the migrations build that `schema.rs` leaves out on purpose: the search indexes
/// (SQLite's FTS5 tables and the shadow tables FTS5 keeps for them, PostgreSQL's tables of
/// `tsvector`s), which only `store::search` queries, in SQL of its own.
fn deliberately_undeclared(table: &str) -> bool {
    ["contributions_search", "proposals_search"]
        .iter()
        .any(|fts| table == *fts || table.starts_with(&format!("{fts}_")))
}

async fn schema_rs_declares_what_the_migrations_build(backend: Backend) {
    let Some(db) = TestDatabase::new(backend) else {
        return;
    };
    let mut conn = db.connect();
    concord::db::run_migrations(&mut conn).expect("the migrations run");
    let declared = declared_in_schema_rs();
    let migrated = migrated_columns(&mut conn);

    let mut drift = Vec::new();
    let tables: BTreeSet<&String> = declared.keys().chain(migrated.keys()).collect();
    for table in tables {
        let (Some(ours), Some(theirs)) = (declared.get(table), migrated.get(table)) else {
            drift.push(match declared.contains_key(table) {
                true => format!("{table}: in schema.rs, not built by the migrations"),
                false => format!("{table}: built by the migrations, missing from schema.rs"),
            });
            continue;
        };
        let columns: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
        for column in columns {
            match (ours.get(column), theirs.get(column)) {
                (Some(a), Some(b)) if a == b => {}
                (Some(a), Some(b)) => drift.push(format!(
                    "{table}.{column}: schema.rs says {a}, the migrations make {b}"
                )),
                (Some(_), None) => drift.push(format!(
                    "{table}.{column}: in schema.rs, not built by the migrations"
                )),
                (None, _) => drift.push(format!(
                    "{table}.{column}: built by the migrations, missing from schema.rs"
                )),
            }
        }
    }
    assert!(
        drift.is_empty(),
        "src/db/schema.rs has drifted from the {backend:?} migrations:\n  {}",
        drift.join("\n  ")
    );
}

async fn every_migration_goes_up_down_and_up_again(backend: Backend) {
    let Some(db) = TestDatabase::new(backend) else {
        return;
    };
    let mut conn = db.connect();
    let empty = schema_objects(&mut conn);
    let mut before = empty.clone();
    let mut count = 0;
    while conn
        .has_pending_migration(migrations_for(&conn))
        .expect("pending migrations listed")
    {
        let version = conn
            .run_next_migration(migrations_for(&conn))
            .unwrap_or_else(|e| panic!("migration {count} goes up: {e}"))
            .as_owned();
        let after = schema_objects(&mut conn);
        conn.revert_last_migration(migrations_for(&conn))
            .unwrap_or_else(|e| panic!("{version} goes down: {e}"));
        assert_same(
            &before,
            &schema_objects(&mut conn),
            &format!("{version} down"),
        );
        conn.run_next_migration(migrations_for(&conn))
            .unwrap_or_else(|e| panic!("{version} goes up again: {e}"));
        assert_same(
            &after,
            &schema_objects(&mut conn),
            &format!("{version} up again"),
        );
        before = after;
        count += 1;
    }
    assert!(count >= 5, "the migrations ran, one by one ({count})");

    conn.revert_all_migrations(migrations_for(&conn))
        .expect("all the migrations go down");
    assert_same(&empty, &schema_objects(&mut conn), "all down");
    conn.run_pending_migrations(migrations_for(&conn))
        .expect("all the migrations go up again");
    assert_same(&before, &schema_objects(&mut conn), "all up again");
}

/// Fails with what appeared and what vanished, rather than two long lists.
fn assert_same(expected: &BTreeSet<String>, actual: &BTreeSet<String>, step: &str) {
    let vanished: Vec<_> = expected.difference(actual).collect();
    let appeared: Vec<_> = actual.difference(expected).collect();
    assert!(
        vanished.is_empty() && appeared.is_empty(),
        "after {step}, the schema differs.\nvanished: {vanished:#?}\nappeared: {appeared:#?}"
    );
}

/// The tables of `src/db/schema.rs`, read from its text: every `table!` is a header line
/// `name (key) {`, then one `column -> Type,` a line, then `}`.
fn declared_in_schema_rs() -> Tables {
    let text = include_str!("../../src/db/schema.rs");
    let mut tables = Tables::new();
    let mut current: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with("//") || line.starts_with("#[") {
            continue;
        }
        match &current {
            None => {
                if let Some((name, _key)) = line.strip_suffix(" {").and_then(|h| h.split_once(" ("))
                    && !name.contains(':')
                {
                    current = Some(name.to_string());
                    tables.insert(name.to_string(), BTreeMap::new());
                }
            }
            Some(table) if line == "}" => {
                assert!(
                    !tables[table].is_empty(),
                    "{table} has columns in schema.rs"
                );
                current = None;
            }
            Some(table) => {
                let (name, sql_type) = line
                    .trim_end_matches(',')
                    .split_once(" -> ")
                    .unwrap_or_else(|| panic!("schema.rs: not a column of {table}: {line}"));
                let column = match sql_type.strip_prefix("Nullable<") {
                    Some(inner) => Column {
                        sql_type: inner.trim_end_matches('>').to_string(),
                        nullable: true,
                    },
                    None => Column {
                        sql_type: sql_type.to_string(),
                        nullable: false,
                    },
                };
                if let Some(tables) = tables.get_mut(table) {
                    tables.insert(name.to_string(), column);
                }
            }
        }
    }
    assert!(tables.len() > 20, "schema.rs read: {} tables", tables.len());
    tables
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

/// Runs a query of one text column named `line`, in the backend's own dialect.
fn lines(conn: &mut DbConnection, sqlite: &str, postgres: &str) -> Vec<String> {
    let rows: Vec<Line> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(sqlite).load(c),
        DbConnection::Postgresql(c) => diesel::sql_query(postgres).load(c),
    }
    .expect("the catalogue answers");
    rows.into_iter().map(|row| row.line).collect()
}

/// SQLite's tables of ours: not its own (`sqlite_…`) nor diesel's bookkeeping.
const SQLITE_OURS: &str = "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
     AND m.name <> '__diesel_schema_migrations'";

/// The columns the migrations built, in diesel's portable types, but for the tables left out
/// of `schema.rs` on purpose.
fn migrated_columns(conn: &mut DbConnection) -> Tables {
    let sqlite = format!(
        "SELECT m.name || '|' || p.name || '|' || upper(p.type) || '|' || p.\"notnull\" || '|' || p.pk \
         || '|' || (SELECT count(*) FROM pragma_table_info(m.name) k WHERE k.pk > 0) AS line \
         FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND {SQLITE_OURS}"
    );
    let postgres = "SELECT c.table_name || '|' || c.column_name || '|' || c.data_type || '|' \
         || CASE WHEN c.is_nullable = 'NO' THEN '1' ELSE '0' END || '|0|0' AS line \
         FROM information_schema.columns c JOIN information_schema.tables t \
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
         AND c.table_name <> '__diesel_schema_migrations'";
    let mut tables = Tables::new();
    for line in lines(conn, &sqlite, postgres) {
        let fields: Vec<&str> = line.split('|').collect();
        let [table, column, declared, not_null, key, key_columns] = fields[..] else {
            panic!("a catalogue line: {line}");
        };
        if deliberately_undeclared(table) {
            continue;
        }
        // SQLite: a lone INTEGER PRIMARY KEY is the 64-bit rowid, never NULL.
        let rowid = declared == "INTEGER" && key == "1" && key_columns == "1";
        let sql_type = match (declared, rowid) {
            (_, true) | ("BIGINT" | "bigint", _) => "BigInt",
            ("INTEGER" | "integer", _) => "Integer",
            ("TEXT" | "text", _) => "Text",
            ("TIMESTAMP" | "timestamp without time zone", _) => "Timestamp",
            ("BOOLEAN" | "boolean", _) => "Bool",
            ("BLOB" | "bytea", _) => "Binary",
            (other, _) => panic!("{table}.{column}: no portable type known for {other}"),
        };
        tables.entry(table.to_string()).or_default().insert(
            column.to_string(),
            Column {
                sql_type: sql_type.to_string(),
                nullable: not_null == "0" && !rowid,
            },
        );
    }
    tables
}

/// Everything a migration may create or drop, one line each: tables, columns (type,
/// nullability, default), indexes, constraints, triggers and functions. Objects of extensions
/// (PostgreSQL's pg_trgm, which stays installed) and diesel's bookkeeping are left out.
fn schema_objects(conn: &mut DbConnection) -> BTreeSet<String> {
    let sqlite = format!(
        "SELECT m.type || ' ' || m.name || ' on ' || m.tbl_name AS line FROM sqlite_master m \
         WHERE {SQLITE_OURS} OR (m.name LIKE 'sqlite\\_autoindex\\_%' ESCAPE '\\' \
         AND m.tbl_name <> '__diesel_schema_migrations') \
         UNION ALL \
         SELECT 'column ' || m.name || '.' || p.name || ' ' || p.type || ' notnull=' || p.\"notnull\" \
         || ' pk=' || p.pk || ' default=' || coalesce(p.dflt_value, '-') \
         FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND {SQLITE_OURS} \
         UNION ALL \
         SELECT 'foreign key ' || m.name || '.' || f.\"from\" || ' -> ' || f.\"table\" || '.' \
         || coalesce(f.\"to\", '') || ' on delete ' || f.on_delete \
         FROM sqlite_master m, pragma_foreign_key_list(m.name) f \
         WHERE m.type = 'table' AND {SQLITE_OURS}"
    );
    let postgres = "\
        SELECT 'relation ' || c.relkind::text || ' ' || c.relname AS line \
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
        WHERE n.nspname = current_schema() AND c.relname NOT LIKE '\\_\\_diesel%' \
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e') \
        UNION ALL \
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type \
        || ' nullable=' || is_nullable || ' default=' || coalesce(column_default, '-') \
        FROM information_schema.columns \
        WHERE table_schema = current_schema() AND table_name <> '__diesel_schema_migrations' \
        UNION ALL \
        SELECT 'constraint ' || co.conname || ' ' || co.contype::text || ' on ' || co.conrelid::regclass::text \
        FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace \
        WHERE n.nspname = current_schema() AND co.conname NOT LIKE '\\_\\_diesel%' \
        UNION ALL \
        SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
        WHERE n.nspname = current_schema() \
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') \
        UNION ALL \
        SELECT 'trigger ' || t.tgname || ' on ' || t.tgrelid::regclass::text \
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
        JOIN pg_namespace n ON n.oid = c.relnamespace \
        WHERE NOT t.tgisinternal AND n.nspname = current_schema()";
    lines(conn, &sqlite, postgres).into_iter().collect()
}
