//! The review of proposals: decisions, public and permanent; the reviewers' internal notes
//! (`notes`); and a group's review queue with what it shows beside each proposal (`queue`).
//!
//! Which decision is allowed is decided by `domain::proposals::review`; functions here write
//! what they are given, and refuse only what the database itself can see: a proposal that
//! changed since it was read.

mod candidates;
pub mod notes;
pub mod queue;
pub mod similarities;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::cached::any_of;
use crate::db::schema::{proposal_decisions, proposal_versions, proposals};
use crate::domain::ids::{ProposalId, ProposalVersionId};
use crate::domain::proposals::ProposalStatus;
use crate::domain::proposals::review::{DecisionKind, Rationale};
use crate::domain::roles::Role;

/// A decision to record, already allowed by the domain's rules.
#[derive(Debug, Clone, Copy)]
pub struct NewDecision<'a> {
    pub proposal_id: ProposalId,
    /// The version decided on: it must still be the current one.
    pub version: i32,
    pub kind: DecisionKind,
    pub rationale: &'a Rationale,
    pub target_id: Option<ProposalId>,
    pub decided_by: i64,
    /// The capacity in which it was decided, which the public sees.
    pub decided_as: Role,
    pub now: NaiveDateTime,
}

#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// Decided, withdrawn or given a new version since it was read.
    #[error("the proposal changed since it was read")]
    Changed,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// Moves the proposal to the decision's outcome and records the decision; returns its id.
/// Call inside a write transaction. Only the writer who saw the proposal submitted at this
/// version moves it: a concurrent decision or new version finds nothing to update.
pub fn record_decision(conn: &mut DbConnection, d: &NewDecision<'_>) -> Result<i64, RecordError> {
    let moved = diesel::update(
        proposals::table
            .find(d.proposal_id)
            .filter(proposals::status.eq(ProposalStatus::Submitted))
            .filter(proposals::current_version.eq(d.version)),
    )
    .set((
        proposals::status.eq(d.kind.outcome()),
        proposals::updated_at.eq(d.now),
    ))
    .execute(conn)?;
    if moved == 0 {
        return Err(RecordError::Changed);
    }
    Ok(diesel::insert_into(proposal_decisions::table)
        .values((
            proposal_decisions::proposal_id.eq(d.proposal_id),
            proposal_decisions::version_number.eq(d.version),
            proposal_decisions::kind.eq(d.kind),
            proposal_decisions::rationale.eq(d.rationale.as_str()),
            proposal_decisions::target_id.eq(d.target_id),
            proposal_decisions::decided_by.eq(d.decided_by),
            proposal_decisions::decided_as.eq(d.decided_as),
            proposal_decisions::decided_at.eq(d.now),
        ))
        .returning(proposal_decisions::id)
        .get_result(conn)?)
}

/// The other proposal a merge or duplicate points to, as pages name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRef {
    pub id: ProposalId,
    pub reference: String,
    pub title: String,
}

/// A recorded decision, as the public sees it.
#[derive(Debug, Clone)]
pub struct DecisionRecord {
    pub id: i64,
    pub proposal_id: ProposalId,
    pub version: i32,
    pub kind: DecisionKind,
    pub rationale: String,
    /// The capacity, not the person.
    pub decided_as: Option<Role>,
    pub decided_at: NaiveDateTime,
    pub target: Option<TargetRef>,
}

type DecisionData = (
    i64,
    ProposalId,
    i32,
    DecisionKind,
    String,
    Role,
    NaiveDateTime,
    Option<ProposalId>,
    Option<String>,
    Option<String>,
);

/// The decisions on these proposals, oldest first, each with its target: one query.
pub fn decisions_of(
    conn: &mut DbConnection,
    proposal_ids: &[ProposalId],
) -> QueryResult<Vec<DecisionRecord>> {
    let targets = diesel::alias!(proposals as targets);
    let rows: Vec<DecisionData> = proposal_decisions::table
        .left_join(
            targets.on(targets
                .field(proposals::id)
                .nullable()
                .eq(proposal_decisions::target_id)),
        )
        .filter(any_of(
            proposal_decisions::proposal_id,
            proposal_ids.iter().map(|id| id.0),
        ))
        .order((proposal_decisions::decided_at, proposal_decisions::id))
        .select((
            proposal_decisions::id,
            proposal_decisions::proposal_id,
            proposal_decisions::version_number,
            proposal_decisions::kind,
            proposal_decisions::rationale,
            proposal_decisions::decided_as,
            proposal_decisions::decided_at,
            proposal_decisions::target_id,
            targets.field(proposals::reference).nullable(),
            targets.field(proposals::title).nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| DecisionRecord {
            id: r.0,
            proposal_id: r.1,
            version: r.2,
            kind: r.3,
            rationale: r.4,
            decided_as: Some(r.5),
            decided_at: r.6,
            target: r.7.map(|id| TargetRef {
                id,
                reference: r.8.unwrap_or_default(),
                title: r.9.unwrap_or_default(),
            }),
        })
        .collect())
}

/// A proposal that was merged into, or marked a duplicate of, another.
#[derive(Debug, Clone)]
pub struct Referrer {
    pub kind: DecisionKind,
    pub reference: String,
    pub title: String,
    pub decided_at: NaiveDateTime,
}

/// The proposals merged into this one or marked duplicates of it, oldest first: one query.
pub fn referrers_of(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
) -> QueryResult<Vec<Referrer>> {
    let rows: Vec<(DecisionKind, Option<String>, String, NaiveDateTime)> =
        proposal_decisions::table
            .inner_join(proposals::table.on(proposals::id.eq(proposal_decisions::proposal_id)))
            .filter(proposal_decisions::target_id.eq(proposal_id))
            .order((proposal_decisions::decided_at, proposal_decisions::id))
            .select((
                proposal_decisions::kind,
                proposals::reference,
                proposals::title,
                proposal_decisions::decided_at,
            ))
            .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(kind, reference, title, decided_at)| Referrer {
            kind,
            reference: reference.unwrap_or_default(),
            title,
            decided_at,
        })
        .collect())
}

/// The ids of a proposal's versions, oldest first: what documents cite it by.
pub fn version_ids_of(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
) -> QueryResult<Vec<ProposalVersionId>> {
    proposal_versions::table
        .filter(proposal_versions::proposal_id.eq(proposal_id))
        .order(proposal_versions::number)
        .select(proposal_versions::id)
        .load(conn)
}
