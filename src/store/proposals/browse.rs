//! The browse path of the public proposal list and of a group's page (no search words):
//! keyset pages read from the `proposals_list_*` and `proposals_group_*` indexes, whatever
//! the corpus size.
//!
//! As for contributions (`store::contributions::browse`), each public status is read by its
//! own ordered index range of at most a page and one row, so that no query sorts the
//! corpus; the few candidates are then ordered together by the database and cut to the page.

use diesel::prelude::*;

use super::list::{ProposalFilter, ProposalSort, filtered};
use crate::db::cached::any_of;
use crate::db::schema::proposals;
use crate::db::{DbConnection, MultiBackend};
use crate::domain::ids::ProposalId;
use crate::domain::proposals::ProposalStatus;
use crate::store::keyset::{self, Key, Seek, Slice, Total};

type Boxed<'a> = proposals::BoxedQuery<'a, MultiBackend>;

/// The statuses a page reads: the one asked for, or every public one.
fn statuses(filter: &ProposalFilter) -> Vec<ProposalStatus> {
    match filter.status {
        Some(status) if status.is_public() => vec![status],
        _ => ProposalStatus::PUBLIC.to_vec(),
    }
}

/// The rows of the list counted up to `COUNT_BOUND`: one query that stops reading there.
fn bounded_total(
    conn: &mut DbConnection,
    process_id: i64,
    filter: &ProposalFilter,
) -> QueryResult<Total> {
    Total::bounded(
        conn,
        filtered(process_id, filter, &statuses(filter)).select(proposals::id),
    )
}

/// The sort keys of a public proposal of the process; none for a forged or foreign id, or
/// for a row without the key the list is sorted by.
pub(crate) fn key_of(
    conn: &mut DbConnection,
    process_id: i64,
    id: i64,
    sort: ProposalSort,
) -> QueryResult<Option<Key>> {
    let row = proposals::table
        .filter(proposals::id.eq(ProposalId(id)))
        .filter(proposals::process_id.eq(process_id))
        .filter(proposals::status.ne(ProposalStatus::Draft))
        .select((
            proposals::submitted_at,
            proposals::title,
            proposals::reference,
        ))
        .first::<(Option<chrono::NaiveDateTime>, String, Option<String>)>(conn)
        .optional()?;
    Ok(row
        .filter(|(submitted_at, _, reference)| match sort {
            ProposalSort::Newest | ProposalSort::Relevance | ProposalSort::Oldest => {
                submitted_at.is_some()
            }
            ProposalSort::Title => true,
            ProposalSort::Reference => reference.is_some(),
        })
        .map(|(submitted_at, title, reference)| Key {
            id,
            submitted_at,
            title,
            reference,
        }))
}

/// Whether the page reads toward smaller keys.
fn descending(sort: ProposalSort, seek: Seek) -> bool {
    matches!(sort, ProposalSort::Newest | ProposalSort::Relevance) != seek.backwards()
}

pub(crate) fn ordered(query: Boxed<'_>, sort: ProposalSort, seek: Seek) -> Boxed<'_> {
    use proposals::{id, reference, submitted_at, title};
    match (sort, descending(sort, seek)) {
        (ProposalSort::Newest | ProposalSort::Relevance | ProposalSort::Oldest, true) => {
            query.order((submitted_at.desc(), id.desc()))
        }
        (ProposalSort::Newest | ProposalSort::Relevance | ProposalSort::Oldest, false) => {
            query.order((submitted_at.asc(), id.asc()))
        }
        (ProposalSort::Title, true) => query.order((title.desc(), id.desc())),
        (ProposalSort::Title, false) => query.order((title.asc(), id.asc())),
        (ProposalSort::Reference, true) => query.order((reference.desc(), id.desc())),
        (ProposalSort::Reference, false) => query.order((reference.asc(), id.asc())),
    }
}

/// The rows strictly past `key` in the page's direction. The first condition bounds the
/// index range; the second only steps over rows whose key equals the cursor's.
pub(crate) fn past<'a>(query: Boxed<'a>, sort: ProposalSort, seek: Seek, key: &Key) -> Boxed<'a> {
    use proposals::{reference, submitted_at, title};
    let id = ProposalId(key.id);
    let down = descending(sort, seek);
    match sort {
        ProposalSort::Newest | ProposalSort::Relevance | ProposalSort::Oldest => {
            let at = key.submitted_at.unwrap_or_default();
            if down {
                query
                    .filter(submitted_at.le(at))
                    .filter(submitted_at.lt(at).or(proposals::id.lt(id)))
            } else {
                query
                    .filter(submitted_at.ge(at))
                    .filter(submitted_at.gt(at).or(proposals::id.gt(id)))
            }
        }
        ProposalSort::Title => {
            let text = key.title.clone();
            if down {
                query
                    .filter(title.le(text.clone()))
                    .filter(title.lt(text).or(proposals::id.lt(id)))
            } else {
                query
                    .filter(title.ge(text.clone()))
                    .filter(title.gt(text).or(proposals::id.gt(id)))
            }
        }
        ProposalSort::Reference => {
            let text = key.reference.clone().unwrap_or_default();
            if down {
                query
                    .filter(reference.le(text.clone()))
                    .filter(reference.lt(text).or(proposals::id.lt(id)))
            } else {
                query
                    .filter(reference.ge(text.clone()))
                    .filter(reference.gt(text).or(proposals::id.gt(id)))
            }
        }
    }
}

/// The ids of one page of the list without search words, and its bounded total: a fixed
/// number of queries (the cursor's keys, the count, one range per status, the page).
pub fn browse(
    conn: &mut DbConnection,
    process_id: i64,
    filter: &ProposalFilter,
    seek: Seek,
    limit: i64,
) -> QueryResult<(Slice<ProposalId>, Total)> {
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
    let mut candidates: Vec<ProposalId> = Vec::new();
    for status in statuses(filter) {
        let query = ordered(filtered(process_id, filter, &[status]), filter.sort, seek);
        let query = match &key {
            Some(key) => past(query, filter.sort, seek, key),
            None => query,
        };
        let ids: Vec<ProposalId> = query
            .select(proposals::id)
            .limit(seek.reach(limit))
            .load(conn)?;
        candidates.extend(ids);
    }
    let ids: Vec<ProposalId> = ordered(
        proposals::table
            .filter(any_of(proposals::id, candidates.iter().map(|id| id.0)))
            .into_boxed(),
        filter.sort,
        seek,
    )
    .offset(seek.offset())
    .limit(limit + 1)
    .select(proposals::id)
    .load(conn)?;
    Ok((keyset::slice(ids, seek, limit), total))
}
