//! The immutable versions of a proposal, as its page, its history and comparisons read them.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::proposal_versions;
use crate::domain::ids::ProposalId;
use crate::domain::proposals::text::ProposalText;

/// One immutable version.
#[derive(Debug, Clone, Queryable)]
pub struct Version {
    pub number: i32,
    pub text: VersionText,
    pub content_hash: String,
    pub created_at: NaiveDateTime,
}

/// The texts of a version as stored, in the order of `Field::ALL`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::db::schema::proposal_versions)]
pub struct VersionText {
    pub title: String,
    pub commitment: String,
    pub actionable_measures: String,
    pub partnerships: String,
    pub capacity_building: String,
    pub financing: String,
    pub data: String,
    pub responsible_actors: String,
    pub sdg_targets: String,
    pub timeline: String,
    pub indicators: String,
}

impl From<VersionText> for ProposalText {
    fn from(v: VersionText) -> Self {
        ProposalText {
            title: v.title,
            commitment: v.commitment,
            actionable_measures: v.actionable_measures,
            partnerships: v.partnerships,
            capacity_building: v.capacity_building,
            financing: v.financing,
            data: v.data,
            responsible_actors: v.responsible_actors,
            sdg_targets: v.sdg_targets,
            timeline: v.timeline,
            indicators: v.indicators,
        }
    }
}

/// The versions of a proposal with the given numbers, in number order: one query.
pub fn versions(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
    numbers: &[i32],
) -> QueryResult<Vec<Version>> {
    use proposal_versions as v;
    v::table
        .filter(v::proposal_id.eq(proposal_id))
        .filter(v::number.eq_any(numbers))
        .order(v::number)
        .select((
            v::number,
            (
                v::title,
                v::commitment,
                v::actionable_measures,
                v::partnerships,
                v::capacity_building,
                v::financing,
                v::data,
                v::responsible_actors,
                v::sdg_targets,
                v::timeline,
                v::indicators,
            ),
            v::content_hash,
            v::created_at,
        ))
        .load(conn)
}

/// A version as the history lists it.
#[derive(Debug, Clone, Queryable)]
pub struct VersionHeader {
    pub number: i32,
    pub created_at: NaiveDateTime,
}

/// Every version of a proposal, oldest first, without its texts.
pub fn version_history(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
) -> QueryResult<Vec<VersionHeader>> {
    proposal_versions::table
        .filter(proposal_versions::proposal_id.eq(proposal_id))
        .order(proposal_versions::number)
        .select((proposal_versions::number, proposal_versions::created_at))
        .load(conn)
}
