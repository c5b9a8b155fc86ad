//! The internal notes of a group's reviewers on a proposal, and the replies to them. Who may
//! read and write them is decided by `permissions::can`; nothing here is public.

use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::cached::any_of;
use crate::db::schema::{accounts, review_notes};
use crate::domain::ids::ProposalId;
use crate::domain::proposals::review::NoteText;

/// A note or a reply, with its author's name.
#[derive(Debug, Clone, Queryable)]
pub struct Note {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author_name: String,
    pub body: String,
    pub created_at: NaiveDateTime,
}

/// Every note and reply on a proposal, oldest first: one query.
pub fn notes_of(conn: &mut DbConnection, proposal_id: ProposalId) -> QueryResult<Vec<Note>> {
    review_notes::table
        .inner_join(accounts::table)
        .filter(review_notes::proposal_id.eq(proposal_id))
        .order(review_notes::id)
        .select((
            review_notes::id,
            review_notes::parent_id,
            accounts::display_name,
            review_notes::body,
            review_notes::created_at,
        ))
        .load(conn)
}

/// The parent of a note of this proposal, when the note exists: `Some(None)` for a note,
/// `Some(Some(id))` for a reply.
pub fn parent_of_note(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
    note_id: i64,
) -> QueryResult<Option<Option<i64>>> {
    review_notes::table
        .find(note_id)
        .filter(review_notes::proposal_id.eq(proposal_id))
        .select(review_notes::parent_id)
        .first(conn)
        .optional()
}

/// Adds a note, or a reply to `parent_id`; returns its id.
pub fn add_note(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
    parent_id: Option<i64>,
    author_id: i64,
    text: &NoteText,
    now: NaiveDateTime,
) -> QueryResult<i64> {
    diesel::insert_into(review_notes::table)
        .values((
            review_notes::proposal_id.eq(proposal_id),
            review_notes::parent_id.eq(parent_id),
            review_notes::author_id.eq(author_id),
            review_notes::body.eq(text.as_str()),
            review_notes::created_at.eq(now),
        ))
        .returning(review_notes::id)
        .get_result(conn)
}

/// How many notes and replies each of these proposals has, as (proposal id, count): one query.
pub fn note_counts(
    conn: &mut DbConnection,
    proposal_ids: &[ProposalId],
) -> QueryResult<Vec<(ProposalId, i64)>> {
    review_notes::table
        .filter(any_of(
            review_notes::proposal_id,
            proposal_ids.iter().map(|id| id.0),
        ))
        .group_by(review_notes::proposal_id)
        .select((review_notes::proposal_id, count_star()))
        .load(conn)
}
