//! The public list of a process's proposals: full-text search, filters, sorting and pages,
//! in a fixed number of queries whatever the page holds.

use serde::Deserialize;

use crate::app::paging::{self, PAGE_SIZE};
use crate::app::{self, Person, Result};
use crate::db::DbConnection;
use crate::domain::permissions::{Action, can};
use crate::domain::proposals::ProposalStatus;
use crate::domain::roles::StakeholderCategory;
use crate::store::processes::{self, Process, Structure, ThemeKind};
use crate::store::proposals::list::{
    self as store, DraftListing, ProposalFilter, ProposalPage, ProposalSort,
};
use crate::store::search::SearchQuery;

/// The list's query string as sent; values that name nothing are ignored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    pub category: String,
    pub group: String,
    pub theme: String,
    pub status: String,
    pub sort: String,
    pub page: String,
}

impl ListQuery {
    /// The typed filter, with groups and themes looked up among the process's own.
    pub fn filter(&self, structure: &Structure) -> ProposalFilter {
        ProposalFilter {
            search: SearchQuery::parse(&self.q),
            category: StakeholderCategory::parse(&self.category),
            group_id: self.group_number().and_then(|n| {
                structure
                    .groups
                    .iter()
                    .find(|g| g.number == n)
                    .map(|g| g.id)
            }),
            theme_id: self
                .theme
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|id| structure.themes_of(ThemeKind::Theme).any(|t| t.id == *id)),
            status: ProposalStatus::parse(&self.status).filter(|s| s.is_public()),
            sort: ProposalSort::parse(&self.sort).unwrap_or_default(),
        }
    }

    fn group_number(&self) -> Option<i32> {
        self.group.trim().parse().ok()
    }

    pub fn page_number(&self) -> u32 {
        paging::page_number(&self.page)
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

/// One page of the public proposals the query finds.
pub fn public_list(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    query: &ListQuery,
) -> Result<ListView> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let structure = processes::structure_of(conn, process.id)?;
    let filter = query.filter(&structure);
    let offset = paging::offset(query.page_number());
    let list = store::public_proposals(conn, process.id, &filter, offset, PAGE_SIZE)?;
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
