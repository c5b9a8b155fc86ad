//! The sources a provenance link can name, looked up for linking: a proposal version or a
//! contribution by its reference, and the references and slugs that make a cited source's
//! address. Each lookup is one query, whatever the number of sources.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{contributions, documents, proposal_versions, proposals};
use crate::domain::ids::{ContributionId, DocumentId, ProposalVersionId};
use crate::domain::text_language::TextLanguage;

/// The id and number of a proposal's version in a process: `number`, or the latest when
/// `None`.
pub fn proposal_version_by_reference(
    conn: &mut DbConnection,
    process_id: i64,
    reference: &str,
    number: Option<i32>,
) -> QueryResult<Option<(ProposalVersionId, i32)>> {
    let mut query = proposal_versions::table
        .inner_join(proposals::table)
        .filter(proposals::process_id.eq(process_id))
        .filter(proposals::reference.eq(reference))
        .into_boxed();
    if let Some(number) = number {
        query = query.filter(proposal_versions::number.eq(number));
    }
    query
        .order(proposal_versions::number.desc())
        .select((proposal_versions::id, proposal_versions::number))
        .first(conn)
        .optional()
}

/// The id of the contribution of a process with this reference.
pub fn contribution_by_reference(
    conn: &mut DbConnection,
    process_id: i64,
    reference: &str,
) -> QueryResult<Option<ContributionId>> {
    contributions::table
        .filter(contributions::process_id.eq(process_id))
        .filter(contributions::reference.eq(reference))
        .select(contributions::id)
        .first(conn)
        .optional()
}

/// For each proposal version: its id, number and its proposal's reference (if numbered).
pub fn proposal_version_references(
    conn: &mut DbConnection,
    version_ids: &[ProposalVersionId],
) -> QueryResult<Vec<(ProposalVersionId, i32, Option<String>)>> {
    if version_ids.is_empty() {
        return Ok(Vec::new());
    }
    proposal_versions::table
        .inner_join(proposals::table)
        .filter(proposal_versions::id.eq_any(version_ids))
        .select((
            proposal_versions::id,
            proposal_versions::number,
            proposals::reference,
        ))
        .load(conn)
}

/// For each contribution: its id and reference (if numbered).
pub fn contribution_references(
    conn: &mut DbConnection,
    contribution_ids: &[ContributionId],
) -> QueryResult<Vec<(ContributionId, Option<String>)>> {
    if contribution_ids.is_empty() {
        return Ok(Vec::new());
    }
    contributions::table
        .filter(contributions::id.eq_any(contribution_ids))
        .select((contributions::id, contributions::reference))
        .load(conn)
}

/// The language each of these contributions is written in: one query.
pub fn contribution_languages(
    conn: &mut DbConnection,
    contribution_ids: &[ContributionId],
) -> QueryResult<Vec<(ContributionId, TextLanguage)>> {
    if contribution_ids.is_empty() {
        return Ok(Vec::new());
    }
    contributions::table
        .filter(contributions::id.eq_any(contribution_ids))
        .select((contributions::id, contributions::language))
        .load(conn)
}

/// The language each of these proposal versions is written in (its proposal's): one query.
pub fn proposal_version_languages(
    conn: &mut DbConnection,
    version_ids: &[ProposalVersionId],
) -> QueryResult<Vec<(ProposalVersionId, TextLanguage)>> {
    if version_ids.is_empty() {
        return Ok(Vec::new());
    }
    proposal_versions::table
        .inner_join(proposals::table)
        .filter(proposal_versions::id.eq_any(version_ids))
        .select((proposal_versions::id, proposals::language))
        .load(conn)
}

/// For each document: its id and slug.
pub fn document_slugs(
    conn: &mut DbConnection,
    document_ids: &[DocumentId],
) -> QueryResult<Vec<(DocumentId, String)>> {
    if document_ids.is_empty() {
        return Ok(Vec::new());
    }
    documents::table
        .filter(documents::id.eq_any(document_ids))
        .select((documents::id, documents::slug))
        .load(conn)
}
