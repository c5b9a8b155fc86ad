//! The public list of a process's proposals: full-text search, filters, sorting and pages,
//! in a fixed number of queries whatever the page holds.

use crate::app::paging::{ListQuery, PAGE_SIZE};
use crate::app::{self, Person, Result};
use crate::db::DbConnection;
use crate::domain::ids::ProposalId;
use crate::domain::permissions::{Action, can};
use crate::domain::proposals::ProposalStatus;
use crate::store::processes::{Process, Structure};
use crate::store::proposals::list::{
    self as store, DraftListing, ProposalFilter, ProposalPage, ProposalSort,
};

/// The typed filter of the proposal list, with groups and themes looked up among the
/// process's own.
pub fn filter(query: &ListQuery, structure: &Structure) -> ProposalFilter {
    ProposalFilter {
        search: query.search().cloned(),
        category: query.category(),
        group_id: query.group_id(structure),
        theme_id: query.theme_id(structure),
        status: ProposalStatus::parse(&query.status).filter(|s| s.is_public()),
        language: query.language(),
        // Searching, the best matches come first unless another order is asked for.
        sort: ProposalSort::parse(&query.sort).unwrap_or(match query.search() {
            Some(_) => ProposalSort::Relevance,
            None => ProposalSort::Newest,
        }),
    }
}

pub struct ListView {
    pub process: Process,
    pub structure: Structure,
    pub list: ProposalPage,
    /// The signed-in author's unsubmitted texts.
    pub drafts: Vec<DraftListing>,
    pub can_submit: bool,
}

/// One page of the public proposals the query finds. `held` names the rows the caller
/// already holds as they stand now (see `public_proposals`): of those only the ids are read.
pub fn public_list(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    query: &ListQuery,
    held: &mut dyn FnMut(ProposalId) -> bool,
) -> Result<ListView> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let structure = crate::app::outline::structure(conn, &process)?;
    let filter = filter(query, &structure);
    let seek = query.position().seek;
    let list = store::public_proposals(conn, process.id, &filter, seek, PAGE_SIZE, held)?;
    // A signed-in author finds their unsubmitted texts here.
    let drafts = match actor.account_id {
        Some(id) => store::drafts_of_author(conn, process.id, id)?,
        None => Vec::new(),
    };
    let can_submit = can(&actor, Action::SubmitProposal);
    Ok(ListView {
        process,
        structure,
        list,
        drafts,
        can_submit,
    })
}
