//! Commitment proposals: drafts, submissions of immutable versions, themes, and the
//! proposals themselves. Versions are written in `submission` and read in `versions`,
//! co-sponsorships kept in `co_sponsors`, and the public list built in `list`.
//!
//! Which transition is allowed is decided by `domain::proposals`; functions here write the
//! state they are given, and refuse only what the database itself can see (a version
//! submitted meanwhile, an invitation sent twice).

pub(crate) mod browse;
pub mod co_sponsors;
pub mod list;
mod submission;
pub mod versions;

pub use submission::{Submission, SubmitError, SubmittedVersion, submit, submit_new};

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::DbConnection;
use crate::db::cached::any_of;
use crate::db::schema::{
    accounts, action_groups, organisations, proposal_themes, proposals, themes,
};
use crate::domain::ids::ProposalId;
use crate::domain::proposals::ProposalStatus;
use crate::domain::proposals::text::ProposalText;
use crate::domain::roles::StakeholderCategory;
use crate::domain::text_language::TextLanguage;
use crate::i18n::Lang;

/// A proposal's row, without its search text.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = proposals)]
pub struct Proposal {
    pub id: ProposalId,
    pub process_id: i64,
    pub group_id: i64,
    pub author_id: i64,
    pub organisation_id: Option<i64>,
    pub reference: Option<String>,
    pub status: ProposalStatus,
    pub current_version: i32,
    pub title: String,
    pub draft: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub language: TextLanguage,
}

impl Proposal {
    pub fn status(&self) -> ProposalStatus {
        self.status
    }

    /// The unsubmitted text its author saved, if any.
    pub fn saved_draft(&self) -> Option<DraftContent> {
        self.draft
            .as_deref()
            .and_then(|json| serde_json::from_str(json).ok())
    }
}

/// What `proposals.draft` holds: the texts as written and the themes ticked. The group of a
/// never-submitted draft is its row's; a submitted proposal keeps its group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftContent {
    pub text: ProposalText,
    pub themes: Vec<i64>,
    /// The language chosen for the text; none in drafts saved before it was asked.
    pub language: Option<TextLanguage>,
}

impl DraftContent {
    fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Who starts a proposal, and where.
#[derive(Debug, Clone, Copy)]
pub struct NewProposal {
    pub process_id: i64,
    pub group_id: i64,
    pub author_id: i64,
    /// The author's organisation, on whose behalf it is submitted.
    pub organisation_id: Option<i64>,
}

/// Starts a proposal as a private draft; returns its id.
pub fn create_draft(
    conn: &mut DbConnection,
    new: &NewProposal,
    draft: &DraftContent,
    now: NaiveDateTime,
) -> QueryResult<ProposalId> {
    diesel::insert_into(proposals::table)
        .values((
            proposals::process_id.eq(new.process_id),
            proposals::group_id.eq(new.group_id),
            proposals::author_id.eq(new.author_id),
            proposals::organisation_id.eq(new.organisation_id),
            proposals::status.eq(ProposalStatus::Draft),
            proposals::current_version.eq(0),
            proposals::title.eq(&draft.text.title),
            proposals::language.eq(draft.language.unwrap_or(TextLanguage(Lang::En))),
            proposals::draft.eq(Some(draft.to_json())),
            proposals::search_text.eq(""),
            proposals::created_at.eq(now),
            proposals::updated_at.eq(now),
        ))
        .returning(proposals::id)
        .get_result(conn)
}

/// Keeps a draft of the proposal. A never-submitted proposal takes the draft's title and
/// group; a submitted one keeps its public title, group and version untouched.
pub fn save_draft(
    conn: &mut DbConnection,
    proposal: &Proposal,
    group_id: i64,
    draft: &DraftContent,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let row = proposals::table.find(proposal.id);
    let json = Some(draft.to_json());
    if proposal.status() == ProposalStatus::Draft {
        diesel::update(row)
            .set((
                proposals::draft.eq(json),
                proposals::title.eq(&draft.text.title),
                proposals::language.eq(draft.language.unwrap_or(proposal.language)),
                proposals::group_id.eq(group_id),
                proposals::updated_at.eq(now),
            ))
            .execute(conn)?;
    } else {
        diesel::update(row)
            .set((proposals::draft.eq(json), proposals::updated_at.eq(now)))
            .execute(conn)?;
    }
    Ok(())
}

/// Replaces the proposal's themes with `theme_ids`.
pub(super) fn set_themes(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
    theme_ids: &[i64],
) -> QueryResult<()> {
    diesel::delete(proposal_themes::table.filter(proposal_themes::proposal_id.eq(proposal_id)))
        .execute(conn)?;
    // One statement per theme: batch inserts do not exist for both backends at once, and a
    // proposal has a handful of themes.
    for theme in theme_ids {
        diesel::insert_into(proposal_themes::table)
            .values((
                proposal_themes::proposal_id.eq(proposal_id),
                proposal_themes::theme_id.eq(*theme),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Moves a proposal from `from` to `to` (a withdrawal); false if its state changed meanwhile.
pub fn change_status(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
    from: ProposalStatus,
    to: ProposalStatus,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let withdrawn_at = (to == ProposalStatus::Withdrawn).then_some(now);
    let changed = diesel::update(
        proposals::table
            .find(proposal_id)
            .filter(proposals::status.eq(from)),
    )
    .set((
        proposals::status.eq(to),
        proposals::updated_at.eq(now),
        proposals::withdrawn_at.eq(withdrawn_at),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// A proposal of the process by its id (drafts included: callers decide who may see it).
pub fn proposal_by_id(
    conn: &mut DbConnection,
    process_id: i64,
    id: ProposalId,
) -> QueryResult<Option<Proposal>> {
    proposals::table
        .find(id)
        .filter(proposals::process_id.eq(process_id))
        .select(Proposal::as_select())
        .first(conn)
        .optional()
}

/// The action group of a proposal; none for an unknown id.
pub fn group_of(conn: &mut DbConnection, id: ProposalId) -> QueryResult<Option<i64>> {
    proposals::table
        .find(id)
        .select(proposals::group_id)
        .first(conn)
        .optional()
}

/// A proposal with what its page shows about where it comes from.
#[derive(Debug, Clone, Queryable)]
pub struct ProposalHeader {
    pub proposal: Proposal,
    pub author_name: String,
    pub organisation: Option<String>,
    pub category: Option<StakeholderCategory>,
    pub group_number: i32,
    pub group_name: String,
}

impl ProposalHeader {
    pub fn category(&self) -> Option<StakeholderCategory> {
        self.category
    }
}

/// A proposal of the process by its reference, with its author, organisation and group.
pub fn proposal_by_reference(
    conn: &mut DbConnection,
    process_id: i64,
    reference: &str,
) -> QueryResult<Option<ProposalHeader>> {
    proposals::table
        .inner_join(accounts::table.on(accounts::id.eq(proposals::author_id)))
        .left_join(
            organisations::table.on(organisations::id.nullable().eq(proposals::organisation_id)),
        )
        .inner_join(action_groups::table.on(action_groups::id.eq(proposals::group_id)))
        .filter(proposals::process_id.eq(process_id))
        .filter(proposals::reference.eq(reference))
        .select((
            Proposal::as_select(),
            accounts::display_name,
            organisations::name.nullable(),
            organisations::category.nullable(),
            action_groups::number,
            action_groups::name,
        ))
        .first(conn)
        .optional()
}

/// The ids of a proposal's themes.
pub fn theme_ids_of(conn: &mut DbConnection, proposal_id: ProposalId) -> QueryResult<Vec<i64>> {
    proposal_themes::table
        .filter(proposal_themes::proposal_id.eq(proposal_id))
        .select(proposal_themes::theme_id)
        .load(conn)
}

/// The theme names of several proposals, as (proposal id, name) in theme order: one query.
pub fn theme_names_of(
    conn: &mut DbConnection,
    proposal_ids: &[ProposalId],
) -> QueryResult<Vec<(ProposalId, String)>> {
    proposal_themes::table
        .inner_join(themes::table)
        .filter(any_of(
            proposal_themes::proposal_id,
            proposal_ids.iter().map(|id| id.0),
        ))
        .order((themes::position, themes::id))
        .select((proposal_themes::proposal_id, themes::name))
        .load(conn)
}
