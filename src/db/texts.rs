//! [`StoredText`]: a text column's value for code that reads millions of them (open data).
//!
//! Diesel reads an SQLite text into a `String` by checking its UTF-8 twice, one byte at a time
//! wherever it is not ASCII: a fifth of the time of writing the proposals' CSV file, whose
//! texts are a third non-ASCII bytes (Arabic, Chinese, Russian). This reads the bytes once
//! and checks them with vectorised code. PostgreSQL's texts are read as diesel reads them.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, Queryable};
use diesel::pg::{Pg, PgValue};
use diesel::sql_types::{SingleValue, Text};
use diesel::sqlite::{Sqlite, SqliteValue};

use super::{MultiBackend, MultiRawValue};

/// A stored text, read as a `String`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredText(pub String);

impl FromSql<Text, Sqlite> for StoredText {
    fn from_sql(mut value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        let bytes = value.read_blob();
        match simdutf8::basic::from_utf8(bytes) {
            Ok(text) => Ok(Self(text.to_owned())),
            // As diesel refuses a text that is not UTF-8 (SQLite does not check what it is
            // given), with the error of the standard check, which says where it broke.
            Err(_) => Err(std::str::from_utf8(bytes)
                .err()
                .map_or_else(|| "a stored text is not UTF-8".into(), |error| error.into())),
        }
    }
}

impl FromSql<Text, Pg> for StoredText {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        <String as FromSql<Text, Pg>>::from_sql(value).map(Self)
    }
}

impl FromSql<Text, MultiBackend> for StoredText {
    fn from_sql(value: MultiRawValue<'_>) -> deserialize::Result<Self> {
        value.from_sql::<Self, Text>()
    }
}

// What `#[derive(FromSqlRow)]` gives: the value is a whole row's field.
impl<DB, ST> Queryable<ST, DB> for StoredText
where
    DB: Backend,
    ST: SingleValue,
    Self: FromSql<ST, DB>,
{
    type Row = Self;
    fn build(row: Self) -> deserialize::Result<Self> {
        Ok(row)
    }
}

impl From<StoredText> for String {
    fn from(text: StoredText) -> Self {
        text.0
    }
}

#[cfg(test)]
mod tests {
    use diesel::dsl::sql;
    use diesel::prelude::*;
    use diesel::sql_types::Text;

    use super::StoredText;

    /// Every script reads back as written, on each backend; a text SQLite was given that is
    /// not UTF-8 is refused, as diesel refuses it.
    #[test]
    fn texts_read_back_whole() {
        let written = "mobilité · الهجرة · 移民 · миграция · 🌍";
        for mut conn in crate::db::test_connections() {
            let read: StoredText = diesel::select(sql::<Text>(&format!("'{written}'")))
                .get_result(&mut conn)
                .expect("read");
            assert_eq!(read.0, written);
            let empty: StoredText = diesel::select(sql::<Text>("''"))
                .get_result(&mut conn)
                .expect("read");
            assert_eq!(empty.0, "");
        }
        let mut conn = crate::db::DbConnection::establish(":memory:").expect("SQLite");
        let broken = diesel::select(sql::<Text>("CAST(x'41ff42' AS TEXT)"));
        let ours = broken
            .clone()
            .get_result::<StoredText>(&mut conn)
            .expect_err("refused");
        let diesels = broken.get_result::<String>(&mut conn).expect_err("refused");
        assert_eq!(ours.to_string(), diesels.to_string());
    }
}
