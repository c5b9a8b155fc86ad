//! Accepting an amendment into the draft's working copy with one action: whole, or as one
//! alternative of a bracket (`domain::documents::accept`). The amendment comes in the shape
//! every amendment has (its label, the paragraph as it amends it, its proponents), so that
//! whichever model tables amendments calls this with its own; linking the result to the
//! amendment as provenance is that caller's (`app::negotiation::accept`), inside the same
//! transaction.

use super::load_for_editing;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::accept::{AcceptError, Acceptance, Amendment, accept};
use crate::domain::documents::{DocumentKind, has_status};
use crate::store::documents as store;

/// Why an amendment was not taken in, as the message key the page shows.
pub const NO_CHANGE: &str = "document-amendment-no-change";
pub const CROSSES_BRACKET: &str = "document-amendment-crosses-bracket";
pub const PARAGRAPH_SAVED_MEANWHILE: &str = "error-paragraph-changed";

/// Takes `amendment` into the paragraph `key` of the draft's working copy, in one
/// transaction with its audit entry; returns the paragraph's new text. Only the draft's
/// editors may; an amendment that changes nothing, or whose words cross a bracket, is a
/// `Conflict` with its reason; one whose own brackets cannot be read is `Invalid` on `text`.
pub fn accept_amendment(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    key: &str,
    amendment: &Amendment<'_>,
    how: Acceptance,
) -> Result<String> {
    app::transaction(conn, |conn| {
        let loaded = load_for_editing(conn, person, process_slug, crate::domain::documents::DRAFT)?;
        if loaded.kind != DocumentKind::Draft {
            return Err(Error::NotFound);
        }
        let node = store::node_by_key(conn, loaded.document.id, key)?.ok_or(Error::NotFound)?;
        if !has_status(node.kind) {
            return Err(Error::BadRequest("a heading takes no amendment"));
        }
        let text = accept(&node.text, amendment, how).map_err(|e| match e {
            AcceptError::NoChange => Error::Conflict(NO_CHANGE),
            AcceptError::InsideBracket => Error::Conflict(CROSSES_BRACKET),
            AcceptError::Brackets(problem) => Error::invalid("text", problem.message_key()),
        })?;
        // Someone saved the paragraph between our read and our write: nothing is overwritten.
        if !store::save_text_if_version(
            conn,
            loaded.document.id,
            key,
            node.version,
            &text,
            person.account_id,
        )? {
            return Err(Error::Conflict(PARAGRAPH_SAVED_MEANWHILE));
        }
        let detail = serde_json::json!({
            "node": key,
            "amendment": amendment.label,
            "proponents": amendment.proponents,
            "whole": how == Acceptance::Whole,
            "version": node.version + 1,
        });
        loaded.audit(conn, person, "document.accept-amendment", detail)?;
        Ok(text)
    })
}
