//! Publishing the working copy as an immutable, named revision.

use super::load_for_editing;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::revision_slug;
use crate::paths;
use crate::store::documents as store;

/// The longest name a revision may have, in characters.
const LABEL_MAX: usize = 60;

/// Publishes the working copy under the name `typed` (tidied: no control characters, at most
/// 60 characters). A missing or taken name is `Invalid` on `label`. Returns where to go: the
/// new revision.
pub fn publish(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    typed: &str,
) -> Result<String> {
    let label: String = typed
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(LABEL_MAX)
        .collect();
    let slug = revision_slug(&label);
    app::transaction(conn, |conn| {
        let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
        if slug.is_empty() {
            return Err(Error::invalid("label", "error-revision-label-required"));
        }
        if store::revision_by_slug(conn, loaded.document.id, &slug)?.is_some() {
            return Err(Error::invalid("label", "error-revision-label-taken"));
        }
        let number = store::publish(conn, &loaded.document, &label, &slug, person.account_id)?;
        let detail = serde_json::json!({ "revision": number, "label": label });
        loaded.audit(conn, person, "document.publish", detail)?;
        let revision = paths::document_revision(&loaded.process.slug, &loaded.document.slug, &slug);
        Ok(format!("{revision}?notice=published"))
    })
}
