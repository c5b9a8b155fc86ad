//! The browse path of the public contribution list (no search words): keyset pages read
//! from the `contributions_list_*` indexes, whatever the corpus size.
//!
//! Each public status is read by its own ordered range (process, not a campaign copy,
//! status, sort key, id) of at most a page and one row, so no query sorts the corpus: an
//! `IN` over statuses would make both backends sort every matching row. The few candidates
//! are then ordered together by the database (its own collation) and cut to the page.

use diesel::prelude::*;

use super::Contribution;
use super::list::{ListFilter, ListSort, filtered};
use crate::db::cached::any_of;
use crate::db::schema::contributions;
use crate::db::{DbConnection, MultiBackend};
use crate::domain::contributions::ContributionStatus;
use crate::domain::ids::ContributionId;
use crate::store::keyset::{self, Key, Seek, Slice, Total};

type Boxed<'a> = contributions::BoxedQuery<'a, MultiBackend>;

/// The statuses a page reads: the one asked for, or every public one.
fn statuses(filter: &ListFilter) -> Vec<ContributionStatus> {
    match filter.status {
        Some(status) if status.is_public() => vec![status],
        _ => ContributionStatus::PUBLIC.to_vec(),
    }
}

/// The rows of the list counted up to `COUNT_BOUND`: one query that stops reading there.
fn bounded_total(
    conn: &mut DbConnection,
    process_id: i64,
    filter: &ListFilter,
) -> QueryResult<Total> {
    Total::bounded(
        conn,
        filtered(process_id, filter, &statuses(filter)).select(contributions::id),
    )
}

/// The sort keys of a listed row of the process; none for a forged or foreign id, or for a
/// row without the key the list is sorted by.
fn key_of(
    conn: &mut DbConnection,
    process_id: i64,
    id: i64,
    sort: ListSort,
) -> QueryResult<Option<Key>> {
    let row = contributions::table
        .filter(contributions::id.eq(ContributionId(id)))
        .filter(contributions::process_id.eq(process_id))
        .filter(contributions::status.ne(ContributionStatus::Draft))
        .select((
            contributions::submitted_at,
            contributions::title,
            contributions::reference,
        ))
        .first::<(Option<chrono::NaiveDateTime>, String, Option<String>)>(conn)
        .optional()?;
    Ok(row
        .filter(|(submitted_at, _, reference)| match sort {
            ListSort::Newest | ListSort::Relevance | ListSort::Oldest => submitted_at.is_some(),
            ListSort::Title => true,
            ListSort::Reference => reference.is_some(),
        })
        .map(|(submitted_at, title, reference)| Key {
            id,
            submitted_at,
            title,
            reference,
        }))
}

/// Whether the page reads toward smaller keys.
fn descending(sort: ListSort, seek: Seek) -> bool {
    matches!(sort, ListSort::Newest | ListSort::Relevance) != seek.backwards()
}

pub(super) fn ordered(query: Boxed<'_>, sort: ListSort, seek: Seek) -> Boxed<'_> {
    use contributions::{id, reference, submitted_at, title};
    match (sort, descending(sort, seek)) {
        (ListSort::Newest | ListSort::Relevance | ListSort::Oldest, true) => {
            query.order((submitted_at.desc(), id.desc()))
        }
        (ListSort::Newest | ListSort::Relevance | ListSort::Oldest, false) => {
            query.order((submitted_at.asc(), id.asc()))
        }
        (ListSort::Title, true) => query.order((title.desc(), id.desc())),
        (ListSort::Title, false) => query.order((title.asc(), id.asc())),
        (ListSort::Reference, true) => query.order((reference.desc(), id.desc())),
        (ListSort::Reference, false) => query.order((reference.asc(), id.asc())),
    }
}

/// The rows strictly past `key` in the page's direction. The first condition bounds the
/// index range; the second only steps over rows whose key equals the cursor's.
fn past<'a>(query: Boxed<'a>, sort: ListSort, seek: Seek, key: &Key) -> Boxed<'a> {
    use contributions::{reference, submitted_at, title};
    let id = ContributionId(key.id);
    let down = descending(sort, seek);
    match sort {
        ListSort::Newest | ListSort::Relevance | ListSort::Oldest => {
            let at = key.submitted_at.unwrap_or_default();
            if down {
                query
                    .filter(submitted_at.le(at))
                    .filter(submitted_at.lt(at).or(contributions::id.lt(id)))
            } else {
                query
                    .filter(submitted_at.ge(at))
                    .filter(submitted_at.gt(at).or(contributions::id.gt(id)))
            }
        }
        ListSort::Title => {
            let text = key.title.clone();
            if down {
                query
                    .filter(title.le(text.clone()))
                    .filter(title.lt(text).or(contributions::id.lt(id)))
            } else {
                query
                    .filter(title.ge(text.clone()))
                    .filter(title.gt(text).or(contributions::id.gt(id)))
            }
        }
        ListSort::Reference => {
            let text = key.reference.clone().unwrap_or_default();
            if down {
                query
                    .filter(reference.le(text.clone()))
                    .filter(reference.lt(text).or(contributions::id.lt(id)))
            } else {
                query
                    .filter(reference.ge(text.clone()))
                    .filter(reference.gt(text).or(contributions::id.gt(id)))
            }
        }
    }
}

/// One page of the list without search words and its bounded total: a fixed number of
/// queries (the cursor's keys, the count, one range per status, the rows).
pub fn browse(
    conn: &mut DbConnection,
    process_id: i64,
    filter: &ListFilter,
    seek: Seek,
    limit: i64,
) -> QueryResult<(Slice<Contribution>, Total)> {
    let total = bounded_total(conn, process_id, filter)?;
    let key = match seek.cursor() {
        Some(id) => key_of(conn, process_id, id, filter.sort)?,
        None => None,
    };
    // A cursor that names no listed row (forged, or of another process) starts at the top.
    let seek = if key.is_some() || seek.cursor().is_none() {
        seek
    } else {
        Seek::First
    };
    let mut candidates: Vec<ContributionId> = Vec::new();
    for status in statuses(filter) {
        let query = ordered(filtered(process_id, filter, &[status]), filter.sort, seek);
        let query = match &key {
            Some(key) => past(query, filter.sort, seek, key),
            None => query,
        };
        let ids: Vec<ContributionId> = query
            .select(contributions::id)
            .limit(seek.reach(limit))
            .load(conn)?;
        candidates.extend(ids);
    }
    let rows: Vec<Contribution> = ordered(
        contributions::table
            .filter(any_of(contributions::id, candidates.iter().map(|id| id.0)))
            .into_boxed(),
        filter.sort,
        seek,
    )
    .offset(seek.offset())
    .limit(limit + 1)
    .select(Contribution::as_select())
    .load(conn)?;
    Ok((keyset::slice(rows, seek, limit), total))
}
