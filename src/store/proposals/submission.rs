//! Submitting a proposal's text as its next immutable version: the reference taken at the
//! first submission, the similarity text, the version row, the themes and the search index
//! entry, written together inside the caller's write transaction.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::{DraftContent, NewProposal, Proposal, create_draft, proposal_by_id, set_themes};
use crate::db::DbConnection;
use crate::db::schema::{proposal_versions, proposals};
use crate::domain::ids::ProposalId;
use crate::domain::proposals::ProposalStatus;
use crate::domain::proposals::text::{Field, SubmittedText};
use crate::domain::text_language::TextLanguage;
use crate::security::tokens;
use crate::store::references::{self, ReferenceKind};
use crate::store::search;

/// A submission of a proposal's text as its next version.
#[derive(Debug, Clone, Copy)]
pub struct Submission<'a> {
    pub reference_prefix: &'a str,
    pub text: &'a SubmittedText,
    pub themes: &'a [i64],
    /// The language the text is written in.
    pub language: TextLanguage,
    /// The state after the submission, as the domain decided it.
    pub status: ProposalStatus,
    pub by: i64,
    pub now: NaiveDateTime,
}

/// What a submission produced: the receipt of the new version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmittedVersion {
    pub proposal_id: ProposalId,
    pub reference: String,
    pub number: i32,
    pub content_hash: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    /// Another version was submitted since the proposal was read (another tab, say).
    #[error("version {current} was submitted meanwhile")]
    Stale { current: i32 },
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// Saves the next immutable version and makes it current; call inside a write transaction.
/// The reference number is taken at the first submission only.
pub fn submit(
    conn: &mut DbConnection,
    proposal: &Proposal,
    s: &Submission<'_>,
) -> Result<SubmittedVersion, SubmitError> {
    let number = move_to_next_version(conn, proposal, s)?;
    let reference = match &proposal.reference {
        Some(reference) => reference.clone(),
        None => references::next_reference(
            conn,
            proposal.process_id,
            s.reference_prefix,
            ReferenceKind::Proposal,
        )?,
    };
    // Similar proposals are compared by their own words only: neither the reference nor the
    // organisation, which a duplicate sent by another organisation never shares.
    let text = s.text.text();
    let parts = Field::ALL.iter().map(|f| text.get(*f));
    diesel::update(proposals::table.find(proposal.id))
        .set((
            proposals::reference.eq(Some(&reference)),
            proposals::search_text.eq(search::search_text(parts)),
        ))
        .execute(conn)?;
    let content_hash = tokens::token_hash(&s.text.canonical_form());
    insert_version(conn, proposal.id, number, s, &content_hash)?;
    set_themes(conn, proposal.id, s.themes)?;
    // Searchable by the version just submitted, from this transaction on.
    search::sync_proposal(conn, proposal.id)?;
    // What it was found alike was found of another text.
    crate::store::review::similarities::forget(conn, proposal.id)?;
    Ok(SubmittedVersion {
        proposal_id: proposal.id,
        reference,
        number,
        content_hash,
    })
}

/// Makes the next version number current and clears the draft it came from; `Stale` if
/// another version was submitted since `proposal` was read.
fn move_to_next_version(
    conn: &mut DbConnection,
    proposal: &Proposal,
    s: &Submission<'_>,
) -> Result<i32, SubmitError> {
    let number = proposal.current_version + 1;
    // Only the writer who saw the current version moves it on: the row's lock makes a
    // concurrent one wait, then find nothing to update.
    let moved = diesel::update(
        proposals::table
            .find(proposal.id)
            .filter(proposals::current_version.eq(proposal.current_version)),
    )
    .set((
        proposals::status.eq(s.status),
        proposals::current_version.eq(number),
        proposals::title.eq(s.text.title()),
        proposals::language.eq(s.language),
        proposals::draft.eq(None::<String>),
        proposals::updated_at.eq(s.now),
        proposals::submitted_at.eq(Some(proposal.submitted_at.unwrap_or(s.now))),
    ))
    .execute(conn)?;
    if moved == 0 {
        let current = proposals::table
            .find(proposal.id)
            .select(proposals::current_version)
            .first(conn)?;
        return Err(SubmitError::Stale { current });
    }
    Ok(number)
}

fn insert_version(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
    number: i32,
    s: &Submission<'_>,
    content_hash: &str,
) -> QueryResult<()> {
    let text = s.text.text();
    diesel::insert_into(proposal_versions::table)
        .values((
            proposal_versions::proposal_id.eq(proposal_id),
            proposal_versions::number.eq(number),
            proposal_versions::title.eq(&text.title),
            proposal_versions::commitment.eq(&text.commitment),
            proposal_versions::actionable_measures.eq(&text.actionable_measures),
            proposal_versions::partnerships.eq(&text.partnerships),
            proposal_versions::capacity_building.eq(&text.capacity_building),
            proposal_versions::financing.eq(&text.financing),
            proposal_versions::data.eq(&text.data),
            proposal_versions::responsible_actors.eq(&text.responsible_actors),
            proposal_versions::sdg_targets.eq(&text.sdg_targets),
            proposal_versions::timeline.eq(&text.timeline),
            proposal_versions::indicators.eq(&text.indicators),
            proposal_versions::content_hash.eq(content_hash),
            proposal_versions::created_by.eq(s.by),
            proposal_versions::created_at.eq(s.now),
        ))
        .execute(conn)
        .map(drop)
}

/// Starts a proposal and submits it at once (no draft kept); call inside a write transaction.
pub fn submit_new(
    conn: &mut DbConnection,
    new: &NewProposal,
    s: &Submission<'_>,
) -> Result<SubmittedVersion, SubmitError> {
    let draft = DraftContent {
        text: s.text.text().clone(),
        themes: s.themes.to_vec(),
        language: Some(s.language),
    };
    let id = create_draft(conn, new, &draft, s.now)?;
    let proposal = proposal_by_id(conn, new.process_id, id)?.ok_or(diesel::NotFound)?;
    submit(conn, &proposal, s)
}
