//! Publishing the working copy as an immutable, named revision. After a revision named
//! "Final" (in any of the six languages), another is published only when the editor confirms
//! it. A group report or the Chair's summary published is notified to the co-facilitators,
//! who draft from them.

use super::load_for_editing;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::{DocumentKind, is_final_label, revision_slug};
use crate::domain::notifications::NotificationKind;
use crate::domain::roles::Role;
use crate::paths;
use crate::store::documents as store;
use crate::store::notifications::{self, Subject};

/// The longest name a revision may have, in characters.
const LABEL_MAX: usize = 60;

/// What the editor sent: the revision's name, and whether they confirmed publishing after a
/// final revision.
#[derive(Debug, Clone, Copy)]
pub struct Publishing<'a> {
    pub label: &'a str,
    pub confirmed_after_final: bool,
}

/// Publishes the working copy under the name typed (tidied: no control characters, at most
/// 60 characters). A missing or taken name is `Invalid` on `label`; a revision after one
/// named final, unconfirmed, is `Invalid` on `confirm_final`. Returns where to go: the new
/// revision.
pub fn publish(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    sent: Publishing<'_>,
) -> Result<String> {
    let label: String = sent
        .label
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
        let latest = store::latest_revision(conn, loaded.document.id)?;
        let after_final = latest.as_ref().is_some_and(|r| is_final_label(&r.label));
        if after_final && !sent.confirmed_after_final {
            return Err(Error::invalid(
                "confirm_final",
                "error-revision-after-final",
            ));
        }
        let published = store::publish(conn, &loaded.document, &label, &slug, person.account_id)?;
        if matches!(
            loaded.kind,
            DocumentKind::GroupReport | DocumentKind::ChairsSummary
        ) {
            let co_facilitators =
                notifications::holders_of(conn, loaded.process.id, Role::CoFacilitator)?;
            let subject = Subject::Revision { id: published.id };
            let kind = NotificationKind::RevisionPublished;
            let (actor, process_id) = (person.account_id, loaded.process.id);
            app::notifications::tell(conn, &co_facilitators, actor, process_id, subject, kind)?;
        }
        let detail = serde_json::json!({
            "revision": published.number,
            "label": label,
            "after_final": after_final,
        });
        loaded.audit(conn, person, "document.publish", detail)?;
        let revision = paths::document_revision(&loaded.process.slug, &loaded.document.slug, &slug);
        Ok(format!("{revision}?notice=published"))
    })
}
