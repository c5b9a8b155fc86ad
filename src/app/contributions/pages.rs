//! The reads of the public pages: the list with search and filters, one contribution, and
//! its receipt. Anyone may read them; drafts never appear here, and a hidden contribution's
//! content only to those `domain::contributions::may_read_content` names.

use super::{as_seen_by, public_by_reference, readable_by_reference};
use crate::app::paging::{ListQuery, PAGE_SIZE};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::contributions::ContributionStatus;
use crate::domain::ids::ContributionId;
use crate::domain::permissions::{Action, can};
use crate::domain::roles::StakeholderCategory;
use crate::store::attachments::{self, AttachedFile};
use crate::store::campaigns::{self, Campaign};
use crate::store::contributions::{
    self, Contribution, ListFilter, ListPage, ListSort, Listed, Tags,
};
use crate::store::processes::{self, Process, Structure};

/// The typed filter of the contribution list.
fn filter(query: &ListQuery, structure: &Structure) -> ListFilter {
    ListFilter {
        query: query.search().cloned(),
        category: query.category(),
        group_id: query.group_id(structure),
        theme_id: query.theme_id(structure),
        status: ContributionStatus::parse(&query.status).filter(|s| s.is_public()),
        language: query.language(),
        event_id: query.event_id(),
        // Searching, the best matches come first unless another order is asked for.
        sort: ListSort::parse(&query.sort).unwrap_or(match query.search() {
            Some(_) => ListSort::Relevance,
            None => ListSort::Newest,
        }),
    }
}

/// One page of the public list, and the visitor's own drafts above it.
#[derive(Debug, Clone)]
pub struct ListView {
    pub process: Process,
    pub structure: Structure,
    pub result: ListPage,
    pub drafts: Vec<Contribution>,
    pub can_submit: bool,
    /// The campaigns listed through rows of this page, with their counts.
    pub campaigns: Vec<Campaign>,
}

/// The list page `query` asks for. `held` names the rows the caller already holds as they
/// stand now (see `contributions::public_page`): of those only the ids are read.
pub fn list(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    query: &ListQuery,
    held: &mut dyn FnMut(ContributionId) -> bool,
) -> Result<ListView> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let structure = crate::app::outline::structure(conn, &process)?;
    let filter = filter(query, &structure);
    let seek = query.position().seek;
    let mut result = contributions::public_page(conn, process.id, &filter, seek, PAGE_SIZE, held)?;
    // The list's template shows a hidden row as a tombstone; its words do not even reach it.
    result.rows = result
        .rows
        .into_iter()
        .map(|row| Listed {
            contribution: as_seen_by(&actor, row.contribution).0,
            ..row
        })
        .collect();
    let loaded: Vec<ContributionId> = result.rows.iter().map(|r| r.contribution.id).collect();
    let campaigns = campaigns::listed_through(conn, &loaded)?;
    let drafts = match actor.account_id {
        Some(account) => contributions::drafts_of_author(conn, process.id, account)?,
        None => Vec::new(),
    };
    Ok(ListView {
        process,
        structure,
        result,
        drafts,
        can_submit: can(&actor, Action::SubmitContribution),
        campaigns,
    })
}

/// One public contribution with who submitted it. A hidden one shows only its tombstone (no
/// title, text, hash, files or campaign) to all but those `may_read_content` names.
#[derive(Debug, Clone)]
pub struct ContributionView {
    pub process: Process,
    /// The process's structure, for its title in the reader's language.
    pub structure: crate::store::processes::Structure,
    pub contribution: Contribution,
    pub author: String,
    pub organisation: Option<String>,
    pub category: Option<StakeholderCategory>,
    pub tags: Tags,
    pub files: Vec<AttachedFile>,
    /// Whether the visitor may read its content (always, unless it is hidden).
    pub content_shown: bool,
    pub is_author: bool,
    pub can_hide: bool,
    /// Whether the visitor may make it public again, were it hidden (moderators).
    pub can_unhide: bool,
    /// The campaign it is a copy of, if any.
    pub campaign: Option<Campaign>,
}

pub fn contribution(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    reference_slug: &str,
) -> Result<ContributionView> {
    let process = processes::process_by_slug(conn, slug)?.ok_or(Error::NotFound)?;
    let found = public_by_reference(conn, &process, reference_slug)?;
    let actor = app::actor_in(conn, person, process.id)?;
    let (contribution, content_shown) = as_seen_by(&actor, found);
    let id = contribution.id;
    let (author, organisation, category) = contributions::author_of(conn, &contribution)?;
    let tags = contributions::tags_of(conn, &[id])?;
    // Its campaign's letter carries its words, and its files are its content.
    let (campaign, files) = if content_shown {
        (
            campaigns::of_contribution(conn, id)?,
            attachments::files_of(conn, &[id])?,
        )
    } else {
        (None, Vec::new())
    };
    let structure = crate::app::outline::structure(conn, &process)?;
    Ok(ContributionView {
        structure,
        is_author: actor.account_id == Some(contribution.author_id),
        can_hide: can(&actor, Action::HideSubmission),
        can_unhide: can(&actor, Action::UnhideSubmission),
        process,
        contribution,
        author,
        organisation,
        category,
        tags,
        files,
        content_shown,
        campaign,
    })
}

/// What a receipt says: the contribution as submitted and its files.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub process: Process,
    pub contribution: Contribution,
    pub files: Vec<AttachedFile>,
}

/// The receipt of a public contribution; of a hidden one, not found but for those who may
/// read it, as its page shows them its content.
pub fn receipt(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    reference_slug: &str,
) -> Result<Receipt> {
    let (process, contribution) = readable_by_reference(conn, person, slug, reference_slug)?;
    let files = attachments::files_of(conn, &[contribution.id])?;
    Ok(Receipt {
        process,
        contribution,
        files,
    })
}
