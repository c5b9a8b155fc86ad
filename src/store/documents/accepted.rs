//! The accepted proposals that reports, the Chair's summary and the draft are made from.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{organisations, proposal_versions, proposals};
use crate::domain::ids::ProposalVersionId;
use crate::domain::proposals::ProposalStatus;
use crate::domain::reports::AcceptedProposal;

type Texts = (String, String, String, String, String);
type Means = (String, String, String, String);
type Row = (
    ProposalVersionId,
    Option<String>,
    i32,
    Option<String>,
    Texts,
    Means,
);

/// Whose accepted proposals: one group's, or the whole process's.
#[derive(Debug, Clone, Copy)]
pub enum AcceptedIn {
    Group(i64),
    Process(i64),
}

/// Accepted proposals, each at its current version, for reports and summaries: one query.
pub fn accepted_proposals(
    conn: &mut DbConnection,
    scope: AcceptedIn,
) -> QueryResult<Vec<AcceptedProposal>> {
    let mut query = proposals::table
        .inner_join(
            proposal_versions::table.on(proposal_versions::proposal_id
                .eq(proposals::id)
                .and(proposal_versions::number.eq(proposals::current_version))),
        )
        .left_join(
            organisations::table.on(organisations::id.nullable().eq(proposals::organisation_id)),
        )
        .filter(proposals::status.eq(ProposalStatus::Accepted))
        .into_boxed();
    query = match scope {
        AcceptedIn::Group(group) => query.filter(proposals::group_id.eq(group)),
        AcceptedIn::Process(process) => query.filter(proposals::process_id.eq(process)),
    };
    let rows: Vec<Row> = query
        .order(proposals::reference)
        .select((
            proposal_versions::id,
            proposals::reference,
            proposal_versions::number,
            organisations::name.nullable(),
            (
                proposal_versions::title,
                proposal_versions::commitment,
                proposal_versions::actionable_measures,
                proposal_versions::timeline,
                proposal_versions::indicators,
            ),
            (
                proposal_versions::partnerships,
                proposal_versions::capacity_building,
                proposal_versions::financing,
                proposal_versions::data,
            ),
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(accepted_from_row).collect())
}

fn accepted_from_row(
    (version_id, reference, version, organisation, texts, means): Row,
) -> AcceptedProposal {
    let (title, commitment, measures, timeline, indicators) = texts;
    let (partnerships, capacity_building, financing, data) = means;
    AcceptedProposal {
        version_id,
        reference: reference.unwrap_or_default(),
        version,
        organisation: organisation.unwrap_or_default(),
        title,
        commitment,
        measures: measures.lines().map(str::to_string).collect(),
        partnerships,
        capacity_building,
        financing,
        data,
        timeline,
        indicators,
    }
}
