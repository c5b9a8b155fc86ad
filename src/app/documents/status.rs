//! Where a paragraph of the draft stands in the negotiation: the co-facilitators mark it
//! pending, agreed ad referendum or agreed in the working copy; the next revision carries it.

use super::load_for_editing;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::{DocumentKind, ParagraphStatus, has_status};
use crate::store::documents as store;

/// Sets a paragraph's or measure's status, as sent (`pending`, `agreed-ad-ref`, `agreed`).
/// Only the draft's editors may; a heading has no status, and an unknown status is a bad
/// request. Returns where to go: the paragraph in the working copy.
pub fn set_status(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    key: &str,
    sent: &str,
) -> Result<String> {
    let status = ParagraphStatus::parse(sent).ok_or(Error::BadRequest("unknown status"))?;
    app::transaction(conn, |conn| {
        let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
        if loaded.kind != DocumentKind::Draft {
            // Statuses belong to the negotiated text, not to reports drafted before it.
            return Err(Error::NotFound);
        }
        let node = store::node_by_key(conn, loaded.document.id, key)?.ok_or(Error::NotFound)?;
        if !has_status(node.kind) {
            return Err(Error::BadRequest("a heading has no status"));
        }
        if node.status != status {
            store::set_status(conn, loaded.document.id, key, status, person.account_id)?;
            let detail = serde_json::json!({
                "node": key,
                "from": node.status.as_str(),
                "status": status.as_str(),
            });
            loaded.audit(conn, person, "document.status", detail)?;
        }
        Ok(format!("{}&notice=saved#n-{key}", loaded.working_path()))
    })
}
