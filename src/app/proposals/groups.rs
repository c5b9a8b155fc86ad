//! What the page of one action group shows: its rapporteurs and moderators, its submitted
//! proposals, what the visitor may do about its review and report, and the report itself
//! where the visitor may read it.

use crate::app::paging::PAGE_SIZE;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::permissions::{Action, GroupId, can};
use crate::domain::roles::Role;
use crate::store::documents;
use crate::store::keyset::Seek;
use crate::store::processes::{ActionGroup, Process};
use crate::store::proposals::list::{self as store, ProposalFilter, ProposalPage};
use crate::store::roles::Assignment;

pub struct GroupView {
    pub process: Process,
    pub group: ActionGroup,
    /// The process's outline, for its texts in the visitor's language.
    pub outline: std::sync::Arc<app::outline::Outline>,
    /// Rapporteurs first, then moderators.
    pub people: Vec<(Role, Assignment)>,
    /// The first page of its submitted proposals.
    pub list: ProposalPage,
    pub can_submit: bool,
    pub can_review: bool,
    pub can_edit_report: bool,
    pub report: Option<GroupReport>,
}

/// The group's report, as far as the visitor may read it: its published revisions, or its
/// working copy for those who draft or review it.
pub struct GroupReport {
    pub document_slug: String,
    pub title: String,
    pub published: bool,
}

/// The page of group `number`; `report_slug` is the short name its report has in URLs.
pub fn group(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    number: i32,
    report_slug: &str,
) -> Result<GroupView> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let outline = app::outline::of(conn, &process)?;
    let group = outline
        .structure
        .groups
        .iter()
        .find(|g| g.number == number)
        .cloned()
        .ok_or(Error::NotFound)?;
    let filter = ProposalFilter {
        group_id: Some(group.id),
        ..ProposalFilter::default()
    };
    let list = store::public_proposals(
        conn,
        process.id,
        &filter,
        Seek::First,
        PAGE_SIZE,
        &mut |_| false,
    )?;
    let group_id = GroupId(group.id);
    let can_review = can(&actor, Action::UseInternalNotes(group_id));
    let can_edit_report = can(&actor, Action::EditGroupReport(group_id));
    let report = report_of(conn, &process, report_slug, can_review || can_edit_report)?;
    // The outline's staff come by role: rapporteurs before moderators.
    let people = outline
        .staff
        .iter()
        .filter(|a| a.group_number == Some(group.number))
        .filter(|a| matches!(a.role, Role::Rapporteur | Role::Moderator))
        .map(|a| (a.role, a.clone()))
        .collect();
    Ok(GroupView {
        can_submit: can(&actor, Action::SubmitProposal),
        process,
        group,
        outline,
        people,
        list,
        can_review,
        can_edit_report,
        report,
    })
}

/// Two queries at most: the report, and whether it has a published revision. Its working
/// copy is for those who draft or read it (`sees_working_copy`); the public reads revisions.
fn report_of(
    conn: &mut DbConnection,
    process: &Process,
    report_slug: &str,
    sees_working_copy: bool,
) -> Result<Option<GroupReport>> {
    let Some(document) = documents::document_by_slug(conn, process.id, report_slug)? else {
        return Ok(None);
    };
    let published = !documents::revisions_of(conn, document.id)?.is_empty();
    Ok((published || sees_working_copy).then_some(GroupReport {
        document_slug: document.slug,
        title: document.title,
        published,
    }))
}
