//! The search branch of the public lists: when a list has a query, its filters become a
//! [`Scope`] and its order a [`SearchOrder`], and one page of ranked matches comes back.

use diesel::prelude::*;

use super::index::SEARCHABLE_CONTRIBUTIONS;
use super::{Scope, SearchOrder, SearchPage, SearchQuery, Searchable, searched_page};
use crate::db::DbConnection;
use crate::db::cached::any_of;
use crate::db::schema::contributions;
use crate::domain::ids::{ContributionId, ProposalId};
use crate::domain::proposals::ProposalStatus;
use crate::store::contributions::{Contribution, ListFilter, ListSort};
use crate::store::proposals::list::{ProposalFilter, ProposalSort};

/// One page of the contributions matching `query` within the list's filters, in the
/// filter's order, with the count of matches: the page's ids, and the rows of those the
/// caller does not hold already (`held`), in that order.
pub fn contribution_page(
    conn: &mut DbConnection,
    process_id: i64,
    filter: &ListFilter,
    query: &SearchQuery,
    offset: i64,
    limit: i64,
    held: &mut dyn FnMut(ContributionId) -> bool,
) -> QueryResult<(SearchPage, Vec<ContributionId>, Vec<Contribution>)> {
    let statuses: Vec<&'static str> = SEARCHABLE_CONTRIBUTIONS
        .iter()
        .filter(|s| filter.status.is_none_or(|wanted| wanted == **s))
        .map(|s| s.as_str())
        .collect();
    let scope = Scope {
        process_id,
        statuses,
        category: filter.category.map(|c| c.as_str()),
        group_id: filter.group_id,
        theme_id: filter.theme_id,
        language: filter.language.map(|l| l.as_str()),
    };
    let order = match filter.sort {
        ListSort::Relevance => SearchOrder::Relevance,
        ListSort::Newest => SearchOrder::Newest,
        ListSort::Oldest => SearchOrder::Oldest,
        ListSort::Title => SearchOrder::Title,
        ListSort::Reference => SearchOrder::Reference,
    };
    let found = searched_page(
        conn,
        Searchable::Contributions,
        &scope,
        query,
        order,
        offset,
        limit,
    )?;
    let mut ids: Vec<ContributionId> = found.ids.iter().copied().map(ContributionId).collect();
    let wanted: Vec<ContributionId> = ids.iter().copied().filter(|id| !held(*id)).collect();
    if wanted.is_empty() {
        return Ok((found, ids, Vec::new()));
    }
    let mut rows: Vec<Contribution> = contributions::table
        .filter(any_of(contributions::id, wanted.iter().map(|id| id.0)))
        .select(Contribution::as_select())
        .load(conn)?;
    // The index holds only what the public may read; should it ever hold more, a hidden
    // text's tombstone still must not answer for its words, nor another process's text
    // for this one's. (A held row was rendered from a public row under the same data
    // stamp: the caller keeps no other.)
    rows.retain(|row| {
        row.process_id == process_id && scope.statuses.contains(&row.status.as_str())
    });
    ids.retain(|id| !wanted.contains(id) || rows.iter().any(|row| row.id == *id));
    rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
    Ok((found, ids, rows))
}

/// The ids of one page of the proposals matching `query` within the list's filters, in
/// the filter's order, with the count of matches: one query.
pub fn proposal_page(
    conn: &mut DbConnection,
    process_id: i64,
    filter: &ProposalFilter,
    query: &SearchQuery,
    offset: i64,
    limit: i64,
) -> QueryResult<(SearchPage, Vec<ProposalId>)> {
    let statuses: Vec<&'static str> = ProposalStatus::PUBLIC
        .iter()
        .filter(|s| filter.status.is_none_or(|wanted| wanted == **s))
        .map(|s| s.as_str())
        .collect();
    let scope = Scope {
        process_id,
        statuses,
        category: filter.category.map(|c| c.as_str()),
        group_id: filter.group_id,
        theme_id: filter.theme_id,
        language: filter.language.map(|l| l.as_str()),
    };
    let order = match filter.sort {
        ProposalSort::Relevance => SearchOrder::Relevance,
        ProposalSort::Newest => SearchOrder::Newest,
        ProposalSort::Oldest => SearchOrder::Oldest,
        ProposalSort::Title => SearchOrder::Title,
        ProposalSort::Reference => SearchOrder::Reference,
    };
    let found = searched_page(
        conn,
        Searchable::Proposals,
        &scope,
        query,
        order,
        offset,
        limit,
    )?;
    let ids = found.ids.iter().copied().map(ProposalId).collect();
    Ok((found, ids))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contributions::ContributionStatus;

    #[test]
    fn hidden_and_drafts_are_not_searchable_states() {
        assert!(!SEARCHABLE_CONTRIBUTIONS.contains(&ContributionStatus::Hidden));
        assert!(!SEARCHABLE_CONTRIBUTIONS.contains(&ContributionStatus::Draft));
        assert!(!ProposalStatus::PUBLIC.contains(&ProposalStatus::Draft));
    }
}
