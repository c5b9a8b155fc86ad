//! Keyset pages of the browse lists (contributions, proposals, a group's page, the review
//! queue): where a page starts, how many rows a list holds counted only up to a bound, and
//! whether pages lie before and after. A deep page costs what the first one costs: it starts
//! from the sort key of a row, read by id, instead of skipping rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::query_dsl::LoadQuery;
use diesel::query_dsl::methods::LimitDsl;

use crate::db::DbConnection;
use crate::db::cached::Counted;

/// Lists count their rows up to this many; beyond it they say "more than".
pub const COUNT_BOUND: i64 = 1_000;

/// Where a page of a list starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seek {
    First,
    /// Skip this many rows: only for old `page=` addresses, within a small bound.
    Offset(i64),
    /// The rows after the row with this id, in the list's order.
    After(i64),
    /// The rows before the row with this id (the previous page).
    Before(i64),
}

impl Seek {
    /// Whether the page is read against the list's order (then turned back).
    pub fn backwards(self) -> bool {
        matches!(self, Seek::Before(_))
    }

    /// The id of the row the page starts from, if it starts from one.
    pub fn cursor(self) -> Option<i64> {
        match self {
            Seek::After(id) | Seek::Before(id) => Some(id),
            Seek::First | Seek::Offset(_) => None,
        }
    }

    pub fn offset(self) -> i64 {
        match self {
            Seek::Offset(rows) => rows.max(0),
            _ => 0,
        }
    }

    /// How many rows each ordered candidate query reads: the page, one more to know whether
    /// another page follows, and the skipped rows of an offset.
    pub fn reach(self, limit: i64) -> i64 {
        self.offset() + limit + 1
    }
}

/// How many rows a list holds, counted up to `COUNT_BOUND`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Total {
    pub count: i64,
    /// More rows than `count` exist (the count stopped at the bound).
    pub more: bool,
    /// The rows counted are the most relevant matches of a search, not the newest.
    pub best_first: bool,
}

impl Total {
    /// The total from a count of the rows, of which at most `COUNT_BOUND + 1` were read.
    pub fn of_count(read: i64) -> Total {
        Total {
            count: read.min(COUNT_BOUND),
            more: read > COUNT_BOUND,
            best_first: false,
        }
    }

    /// The rows `ids` selects (any one column), counted by the database up to the bound:
    /// one query that stops reading there.
    pub fn bounded<Q>(conn: &mut DbConnection, ids: Q) -> QueryResult<Total>
    where
        Q: LimitDsl,
        Counted<Q::Output>: LoadQuery<'static, DbConnection, i64>,
    {
        let read: i64 = Counted(ids.limit(COUNT_BOUND + 1)).get_result(conn)?;
        Ok(Self::of_count(read))
    }
}

/// The sort keys of the row a page starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub id: i64,
    pub submitted_at: Option<NaiveDateTime>,
    pub title: String,
    pub reference: Option<String>,
}

/// A page's rows in the list's order, and whether pages lie before and after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice<T> {
    pub rows: Vec<T>,
    pub previous: bool,
    pub next: bool,
}

impl<T> Default for Slice<T> {
    fn default() -> Self {
        Slice {
            rows: Vec::new(),
            previous: false,
            next: false,
        }
    }
}

/// The page from up to `limit + 1` rows read in the direction of `seek`.
pub fn slice<T>(mut rows: Vec<T>, seek: Seek, limit: i64) -> Slice<T> {
    let limit = usize::try_from(limit).unwrap_or(0);
    let beyond = rows.len() > limit;
    rows.truncate(limit);
    if seek.backwards() {
        rows.reverse();
        Slice {
            rows,
            previous: beyond,
            next: true,
        }
    } else {
        Slice {
            rows,
            previous: seek.cursor().is_some() || seek.offset() > 0,
            next: beyond,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_stops_at_its_bound() {
        assert_eq!(
            Total::of_count(0),
            Total {
                count: 0,
                more: false,
                best_first: false,
            }
        );
        assert_eq!(
            Total::of_count(1_000),
            Total {
                count: 1_000,
                more: false,
                best_first: false,
            }
        );
        assert_eq!(
            Total::of_count(1_001),
            Total {
                count: 1_000,
                more: true,
                best_first: false,
            }
        );
    }

    #[test]
    fn a_slice_knows_its_neighbours() {
        let first = slice(vec![1, 2, 3], Seek::First, 2);
        assert_eq!(
            (first.rows, first.previous, first.next),
            (vec![1, 2], false, true)
        );
        let last = slice(vec![5], Seek::After(4), 2);
        assert_eq!(
            (last.rows, last.previous, last.next),
            (vec![5], true, false)
        );
        // Read backwards from row 3: 2, 1 and no row before them.
        let back = slice(vec![2, 1], Seek::Before(3), 2);
        assert_eq!(
            (back.rows, back.previous, back.next),
            (vec![1, 2], false, true)
        );
        let back = slice(vec![4, 3, 2], Seek::Before(5), 2);
        assert_eq!(
            (back.rows, back.previous, back.next),
            (vec![3, 4], true, true)
        );
        assert_eq!(Seek::Offset(50).reach(25), 76);
        assert_eq!(Seek::After(9).reach(25), 26);
    }
}
