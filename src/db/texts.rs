//! [`StoredText`] and [`StoredTime`]: a text column's and a time column's values for code
//! that reads millions of them (open data).
//!
//! Diesel reads an SQLite text into a `String` by checking its UTF-8 twice, one byte at a time
//! wherever it is not ASCII: a fifth of the time of writing the proposals' CSV file, whose
//! texts are a third non-ASCII bytes (Arabic, Chinese, Russian). This reads the bytes once
//! and checks them with vectorised code. PostgreSQL's texts are read as diesel reads them.
//!
//! A column read this way is selected through [`stored`], which hands SQLite's text to the
//! reader as a blob: diesel copies a text value before reading its bytes as a blob (SQLite
//! would convert it in place), and that copy, its allocation and its free were a tenth of
//! the time of writing the proposals' file. A blob is read where SQLite left it.
//!
//! Diesel reads an SQLite time by trying chrono's parser with up to 18 patterns, each parsed
//! again for every value: 4 % of a proposals file. [`StoredTime`] reads the one layout Concord
//! writes (`2018-07-13 09:30:00`, with or without a fraction) digit by digit, and leaves any
//! other to diesel.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::QueryResult;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping};
use diesel::pg::{Pg, PgValue};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{Text, Timestamp};
use diesel::sqlite::{Sqlite, SqliteType, SqliteValue};

use super::{MultiBackend, MultiRawValue};

/// A value of SQL type `$sql` read on PostgreSQL as diesel reads `$inner` there, and on
/// either backend as each backend's reading says.
macro_rules! diesel_reads_postgres {
    ($stored:ty, $sql:ty, $inner:ty) => {
        impl FromSql<$sql, Pg> for $stored {
            fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
                <$inner as FromSql<$sql, Pg>>::from_sql(value).map(Self)
            }
        }

        impl FromSql<$sql, MultiBackend> for $stored {
            fn from_sql(value: MultiRawValue<'_>) -> deserialize::Result<Self> {
                value.from_sql::<Self, $sql>()
            }
        }
    };
}

/// A stored text, read as a `String`.
#[derive(Debug, Clone, Default, PartialEq, Eq, FromSqlRow)]
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

diesel_reads_postgres!(StoredText, Text, String);

impl From<StoredText> for String {
    fn from(text: StoredText) -> Self {
        text.0
    }
}

/// A stored time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromSqlRow)]
pub struct StoredTime(pub NaiveDateTime);

impl FromSql<Timestamp, Sqlite> for StoredTime {
    fn from_sql(mut value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        if value.value_type() == Some(SqliteType::Text)
            && let Some(time) = plain_time(value.read_text().as_bytes())
        {
            return Ok(Self(time));
        }
        <NaiveDateTime as FromSql<Timestamp, Sqlite>>::from_sql(value).map(Self)
    }
}

diesel_reads_postgres!(StoredTime, Timestamp, NaiveDateTime);

/// `YYYY-MM-DD HH:MM:SS`, then a fraction of up to nine digits or nothing; `None` for any
/// other text, or a date or time that does not exist.
fn plain_time(text: &[u8]) -> Option<NaiveDateTime> {
    let (whole, fraction) = match text.get(19) {
        None => (text, &[][..]),
        Some(b'.') => text.split_at(20),
        Some(_) => return None,
    };
    if whole.len() < 19 || fraction.len() > 9 {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        whole[range].iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let punctuated = [(4, b'-'), (7, b'-'), (10, b' '), (13, b':'), (16, b':')]
        .iter()
        .all(|&(at, mark)| whole[at] == mark);
    if !punctuated || (fraction.is_empty() && text.len() > 19) {
        return None;
    }
    let mut nanos = 0u32;
    for (i, &b) in fraction.iter().enumerate() {
        if !b.is_ascii_digit() {
            return None;
        }
        nanos += u32::from(b - b'0') * 10u32.pow(8 - i as u32);
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(digits(0..4)?).ok()?,
        digits(5..7)?,
        digits(8..10)?,
    )?
    .and_hms_nano_opt(digits(11..13)?, digits(14..16)?, digits(17..19)?, nanos)
}

/// `column`, a text column, selected for [`StoredText`]: as a blob in SQLite (its bytes
/// are the text's, unchanged), as itself in PostgreSQL.
pub fn stored<C>(column: C) -> Stored<C> {
    Stored(column)
}

/// See [`stored`].
#[derive(Debug, Clone, Copy)]
pub struct Stored<C>(C);

impl<C: Expression> Expression for Stored<C> {
    type SqlType = C::SqlType;
}

impl<C: AppearsOnTable<QS>, QS> AppearsOnTable<QS> for Stored<C> {}

impl<C: SelectableExpression<QS>, QS> SelectableExpression<QS> for Stored<C> {}

impl<C: ValidGrouping<()>> ValidGrouping<()> for Stored<C> {
    type IsAggregate = C::IsAggregate;
}

impl<C: QueryId> QueryId for Stored<C> {
    type QueryId = Stored<C::QueryId>;
    const HAS_STATIC_QUERY_ID: bool = C::HAS_STATIC_QUERY_ID;
}

impl<C: QueryFragment<MultiBackend>> QueryFragment<MultiBackend> for Stored<C> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> QueryResult<()> {
        if matches!(out.backend(), MultiBackend::Postgresql(_)) {
            return self.0.walk_ast(out.reborrow());
        }
        out.push_sql("CAST(");
        self.0.walk_ast(out.reborrow())?;
        out.push_sql(" AS BLOB)");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use diesel::dsl::sql;
    use diesel::prelude::*;
    use diesel::sql_types::Text;

    use super::{StoredText, StoredTime, stored};

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

    /// Read through [`stored`], a text is the same on each backend, and a broken one is
    /// still refused.
    #[test]
    fn texts_selected_as_stored_read_back_whole() {
        let written = "mobilité · الهجرة · 移民 · миграция · 🌍";
        for mut conn in crate::db::test_connections() {
            let read: StoredText = diesel::select(stored(sql::<Text>(&format!("'{written}'"))))
                .get_result(&mut conn)
                .expect("read");
            assert_eq!(read.0, written);
        }
        let mut conn = crate::db::DbConnection::establish(":memory:").expect("SQLite");
        diesel::select(stored(sql::<Text>("CAST(x'41ff42' AS TEXT)")))
            .get_result::<StoredText>(&mut conn)
            .expect_err("refused");
    }

    /// Every layout SQLite may hold reads as diesel reads it: the plain one digit by digit,
    /// the others (and what is no time at all) by diesel.
    #[test]
    fn times_read_as_diesel_reads_them() {
        use chrono::NaiveDateTime;
        use diesel::sql_types::Timestamp;

        let mut conn = crate::db::DbConnection::establish(":memory:").expect("SQLite");
        for text in [
            "2018-07-13 09:30:00",
            "2018-07-13 09:30:00.5",
            "2018-07-13 09:30:00.123456789",
            "2018-07-13 09:30:00.",
            "2018-07-13 09:30:00.1234567891",
            "2018-07-13T09:30:00",
            "2018-07-13 09:30",
            "2018-07-13 09:30:00+02:00",
            "2018-07-13 09:30:00Z",
            "2016-12-31 23:59:60",
            "2018-02-30 09:30:00",
            "2018-07-13 25:30:00",
            "0001-01-01 00:00:00",
            "9999-12-31 23:59:59.999999999",
            "2458312.89583333",
            "2018/07/13 09:30:00",
            "2018-07-13 09:30:0x",
            "",
        ] {
            let value = || sql::<Timestamp>(&format!("'{text}'"));
            let ours = diesel::select(value()).get_result::<StoredTime>(&mut conn);
            let diesels = diesel::select(value()).get_result::<NaiveDateTime>(&mut conn);
            match (ours, diesels) {
                (Ok(ours), Ok(diesels)) => assert_eq!(ours.0, diesels, "{text}"),
                (Err(ours), Err(diesels)) => {
                    assert_eq!(ours.to_string(), diesels.to_string(), "{text}")
                }
                (ours, diesels) => panic!("{text}: {ours:?} against {diesels:?}"),
            }
        }
        for mut conn in crate::db::test_connections() {
            let read: Option<StoredTime> =
                diesel::select(sql::<diesel::sql_types::Nullable<Timestamp>>("NULL"))
                    .get_result(&mut conn)
                    .expect("read");
            assert_eq!(read, None);
        }
    }
}
