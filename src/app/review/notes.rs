//! Internal notes on a proposal under review, and replies to them: for the group's
//! rapporteurs and moderators and the secretariat only. Each is written to the audit log
//! (without its text, which stays internal). A text refused is `Invalid` beside `body`.

use serde::Deserialize;

use super::{proposal_of_group, reviewing};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::ids::ProposalId;
use crate::domain::proposals::review::NoteText;
use crate::store::audit::{self, Entry};
use crate::store::review::notes;

/// A note or reply as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NoteForm {
    pub body: String,
    /// The note a reply answers; empty for a new note.
    pub parent: String,
}

/// The note written, and where the page of its proposal under review is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteAdded {
    pub id: i64,
    pub process_slug: String,
    pub group_number: i32,
    pub reference: String,
}

pub fn add_note(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    number: &str,
    reference: &str,
    form: &NoteForm,
) -> Result<NoteAdded> {
    app::transaction(conn, |conn| {
        let reviewing = reviewing(conn, Some(person), slug, number)?;
        let header = proposal_of_group(conn, &reviewing, reference)?;
        let proposal_id = header.proposal.id;
        let parent = thread_of(conn, proposal_id, &form.parent)?;
        let text =
            NoteText::parse(&form.body).map_err(|invalid| Error::invalid("body", invalid.0))?;
        let actor_id = person.account_id;
        let id = notes::add_note(
            conn,
            proposal_id,
            parent,
            actor_id,
            &text,
            crate::store::now(),
        )?;
        audit::record(
            conn,
            Entry {
                actor_id: Some(actor_id),
                process_id: Some(reviewing.process.id),
                action: if parent.is_some() {
                    "review.note.reply"
                } else {
                    "review.note"
                },
                subject: format!("proposal:{proposal_id}"),
                detail: serde_json::json!({ "note_id": id, "parent_id": parent }),
            },
        )?;
        Ok(NoteAdded {
            id,
            process_slug: reviewing.process.slug,
            group_number: reviewing.group.number,
            reference: header.proposal.reference.unwrap_or_default(),
        })
    })
}

/// The note a reply joins: a reply answers a note of this proposal, and a reply to a reply
/// joins its thread. `None` for a new note; a parent that is not a note of this proposal
/// is `NotFound`.
fn thread_of(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
    parent: &str,
) -> Result<Option<i64>> {
    match parent.trim() {
        "" => Ok(None),
        raw => {
            let id: i64 = raw.parse().map_err(|_| Error::NotFound)?;
            let parent = notes::parent_of_note(conn, proposal_id, id)?.ok_or(Error::NotFound)?;
            Ok(Some(parent.unwrap_or(id)))
        }
    }
}
