//! What waits for the staff of processes, counted for the "Your work" panel of the home and
//! process pages: each a grouped count over the processes (or groups) asked for, so the panel
//! costs the same few queries whatever the number of processes, groups or rows.

use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    accreditation_requests, action_groups, contributions, document_translations, documents,
    processes, proposals, revisions, role_assignments,
};
use crate::domain::contributions::ContributionStatus;
use crate::domain::documents::DocumentKind;
use crate::domain::ids::DocumentId;
use crate::domain::proposals::ProposalStatus;
use crate::domain::roles::Role;
use crate::store::documents::Revision;

/// One role an account holds, with where: its process, and its group for rapporteurs and
/// moderators.
#[derive(Debug, Clone, Queryable)]
pub struct Held {
    pub process_id: i64,
    pub process_slug: String,
    pub process_title: String,
    pub role: Role,
    pub group_id: Option<i64>,
    pub group_number: Option<i32>,
    pub group_name: Option<String>,
    /// A translator's language (BCP 47), as stored.
    pub language: Option<String>,
}

/// The roles the account holds, in every process or in one: one query.
pub fn roles_held(
    conn: &mut DbConnection,
    account_id: i64,
    process_id: Option<i64>,
) -> QueryResult<Vec<Held>> {
    let rows: Vec<Held> = role_assignments::table
        .inner_join(processes::table)
        .left_join(action_groups::table)
        .filter(role_assignments::account_id.eq(account_id))
        .order((
            processes::slug,
            role_assignments::role,
            action_groups::number.nullable(),
        ))
        .select((
            processes::id,
            processes::slug,
            processes::title,
            role_assignments::role,
            role_assignments::group_id,
            action_groups::number.nullable(),
            action_groups::name.nullable(),
            role_assignments::language,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|held| process_id.is_none_or(|p| p == held.process_id))
        .collect())
}

/// How many submitted proposals await review in each of these groups: one query.
pub fn awaiting_review(conn: &mut DbConnection, group_ids: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    if group_ids.is_empty() {
        return Ok(Vec::new());
    }
    proposals::table
        .filter(proposals::group_id.eq_any(group_ids))
        .filter(proposals::status.eq(ProposalStatus::Submitted))
        .group_by(proposals::group_id)
        .select((proposals::group_id, count_star()))
        .load(conn)
}

/// How many contributions are hidden in each of these processes: one query.
pub fn hidden_contributions(
    conn: &mut DbConnection,
    process_ids: &[i64],
) -> QueryResult<Vec<(i64, i64)>> {
    if process_ids.is_empty() {
        return Ok(Vec::new());
    }
    contributions::table
        .filter(contributions::process_id.eq_any(process_ids))
        .filter(contributions::status.eq(ContributionStatus::Hidden))
        .group_by(contributions::process_id)
        .select((contributions::process_id, count_star()))
        .load(conn)
}

/// How many accreditation requests wait in each of these processes: one query.
pub fn pending_accreditations(
    conn: &mut DbConnection,
    process_ids: &[i64],
) -> QueryResult<Vec<(i64, i64)>> {
    if process_ids.is_empty() {
        return Ok(Vec::new());
    }
    accreditation_requests::table
        .filter(accreditation_requests::process_id.eq_any(process_ids))
        .group_by(accreditation_requests::process_id)
        .select((accreditation_requests::process_id, count_star()))
        .load(conn)
}

/// A document of a process and how many revisions it has published.
#[derive(Debug, Clone, Queryable)]
pub struct DocumentCount {
    pub process_id: i64,
    pub slug: String,
    pub title: String,
    pub kind: DocumentKind,
    pub revisions: i64,
}

/// The documents of these processes with how many revisions each published: one query.
pub fn documents_of(
    conn: &mut DbConnection,
    process_ids: &[i64],
) -> QueryResult<Vec<DocumentCount>> {
    if process_ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, String, String, DocumentKind, Option<i64>)> = documents::table
        .left_join(revisions::table)
        .filter(documents::process_id.eq_any(process_ids))
        .group_by((
            documents::id,
            documents::process_id,
            documents::slug,
            documents::title,
            documents::kind,
        ))
        .order(documents::id)
        .select((
            documents::process_id,
            documents::slug,
            documents::title,
            documents::kind,
            diesel::dsl::count(revisions::id.nullable()).nullable(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(process_id, slug, title, kind, revisions)| DocumentCount {
            process_id,
            slug,
            title,
            kind,
            revisions: revisions.unwrap_or(0),
        })
        .collect())
}

/// How many groups of each of these processes have no published report yet: one query.
pub fn unreported_groups(
    conn: &mut DbConnection,
    process_ids: &[i64],
) -> QueryResult<Vec<(i64, i64)>> {
    if process_ids.is_empty() {
        return Ok(Vec::new());
    }
    let reported = documents::table
        .inner_join(revisions::table)
        .filter(documents::process_id.eq_any(process_ids))
        .filter(documents::kind.eq(DocumentKind::GroupReport))
        .filter(documents::group_id.is_not_null())
        .select(documents::group_id);
    action_groups::table
        .filter(action_groups::process_id.eq_any(process_ids))
        .filter(diesel::dsl::not(
            action_groups::id.nullable().eq_any(reported),
        ))
        .group_by(action_groups::process_id)
        .select((action_groups::process_id, count_star()))
        .load(conn)
}

/// A document of a process as its translators work from it: its original language and its
/// latest published revision.
#[derive(Debug, Clone)]
pub struct ToTranslate {
    pub process_id: i64,
    pub document_id: DocumentId,
    pub slug: String,
    pub title: String,
    /// The original's language (BCP 47), as stored.
    pub language: String,
    pub revision: Revision,
}

/// The documents of these processes that have published a revision, each with its latest:
/// two queries (the latest revision's number per document, then those revisions).
pub fn latest_revisions_of(
    conn: &mut DbConnection,
    process_ids: &[i64],
) -> QueryResult<Vec<ToTranslate>> {
    if process_ids.is_empty() {
        return Ok(Vec::new());
    }
    let latest: Vec<(DocumentId, i64, String, String, String, Option<i32>)> = documents::table
        .inner_join(revisions::table)
        .filter(documents::process_id.eq_any(process_ids))
        .group_by((
            documents::id,
            documents::process_id,
            documents::slug,
            documents::title,
            documents::language,
        ))
        .order(documents::id)
        .select((
            documents::id,
            documents::process_id,
            documents::slug,
            documents::title,
            documents::language,
            diesel::dsl::max(revisions::number),
        ))
        .load(conn)?;
    if latest.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<DocumentId> = latest.iter().map(|l| l.0).collect();
    let numbers: Vec<i32> = latest.iter().filter_map(|l| l.5).collect();
    // Each document's latest number, and perhaps older revisions of others sharing it: the
    // pairs are matched below.
    let mut found: Vec<Revision> = revisions::table
        .filter(revisions::document_id.eq_any(&ids))
        .filter(revisions::number.eq_any(&numbers))
        .select(Revision::as_select())
        .load(conn)?;
    Ok(latest
        .into_iter()
        .filter_map(|(document_id, process_id, slug, title, language, number)| {
            let at = found
                .iter()
                .position(|r| r.document_id == document_id && Some(r.number) == number)?;
            Some(ToTranslate {
                process_id,
                document_id,
                slug,
                title,
                language,
                revision: found.swap_remove(at),
            })
        })
        .collect())
}

/// What a translation was made from, without its text.
#[derive(Debug, Clone, Queryable)]
pub struct TranslatedNode {
    pub document_id: DocumentId,
    pub language: String,
    pub node_key: String,
    pub source_text: String,
}

/// Where the translations of these documents into these languages came from: one query.
pub fn translated_nodes(
    conn: &mut DbConnection,
    document_ids: &[DocumentId],
    languages: &[&str],
) -> QueryResult<Vec<TranslatedNode>> {
    if document_ids.is_empty() || languages.is_empty() {
        return Ok(Vec::new());
    }
    document_translations::table
        .filter(document_translations::document_id.eq_any(document_ids))
        .filter(document_translations::language.eq_any(languages))
        .order(document_translations::id)
        .select((
            document_translations::document_id,
            document_translations::language,
            document_translations::node_key,
            document_translations::source_text,
        ))
        .load(conn)
}
