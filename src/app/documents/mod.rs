//! Documents: group reports, the Chair's summary and the draft, from their start to their
//! published revisions and exports.
//!
//! One module per capability: starting a document (`start`), editing its working copy node
//! by node (`edit`), linking a node to its sources (`links`), its details (`details`), pulling
//! paragraphs in (`pick`), accepting an amendment into the draft (`accept`), a paragraph's
//! negotiation status (`status`), publishing a revision (`publish`), the pages that read it
//! (`pages`) and its exports (`export`). Every write runs in one transaction with its audit
//! entry.
//! Nothing here knows HTTP or templates; where a use case answers with an address to go to, it
//! is the page that shows what was done.

pub mod accept;
pub mod details;
pub mod edit;
pub mod export;
pub mod links;
pub mod pages;
pub mod pick;
pub mod publish;
pub mod start;
pub mod status;
pub mod translations;

use std::sync::Arc;

use crate::app::outline::Outline;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::{DocumentKind, access};
use crate::domain::permissions::{Actor, GroupId, can};
use crate::paths;
use crate::store::audit::{self, Entry};
use crate::store::documents::{self as store, Document};
use crate::store::processes::Process;

/// A document, its process, and how the person stands in it.
pub struct Loaded {
    pub process: Process,
    pub document: Document,
    /// The document's kind: it decides who may read and edit the working copy.
    pub kind: DocumentKind,
    pub actor: Actor,
    /// The process's outline, for its title in the reader's or the document's language.
    pub outline: Arc<Outline>,
}

impl Loaded {
    fn new(process: Process, document: Document, actor: Actor, outline: Arc<Outline>) -> Self {
        Loaded {
            process,
            outline,
            kind: document.kind,
            document,
            actor,
        }
    }

    fn group(&self) -> Option<GroupId> {
        self.document.group_id.map(GroupId)
    }

    pub fn can_edit(&self) -> bool {
        access::edit(self.kind, self.group()).is_some_and(|action| can(&self.actor, action))
    }

    pub fn can_read_working(&self) -> bool {
        self.can_edit()
            || access::read_working(self.kind, self.group())
                .is_some_and(|action| can(&self.actor, action))
    }

    /// The working copy's page.
    fn working_path(&self) -> String {
        let page = paths::document(&self.process.slug, &self.document.slug);
        format!("{page}?view=working")
    }

    /// A node's editing page.
    fn node_path(&self, key: &str) -> String {
        paths::document_node_edit(&self.process.slug, &self.document.slug, key)
    }

    /// Writes the audit entry of a change to this document.
    fn audit(
        &self,
        conn: &mut DbConnection,
        person: Person,
        action: &'static str,
        detail: serde_json::Value,
    ) -> Result<()> {
        audit::record(
            conn,
            Entry {
                actor_id: Some(person.account_id),
                process_id: Some(self.process.id),
                action,
                subject: format!("document:{}", self.document.slug),
                detail,
            },
        )?;
        Ok(())
    }
}

/// The document `document_slug` of the process `process_slug`, and how `person` stands in it.
pub fn load(
    conn: &mut DbConnection,
    person: Option<Person>,
    process_slug: &str,
    document_slug: &str,
) -> Result<Loaded> {
    let (process, actor) = app::process_for(conn, process_slug, person)?;
    let document =
        store::document_by_slug(conn, process.id, document_slug)?.ok_or(Error::NotFound)?;
    let outline = app::outline::of(conn, &process)?;
    Ok(Loaded::new(process, document, actor, outline))
}

/// As `load`, refusing whoever may not edit the document.
pub fn load_for_editing(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
) -> Result<Loaded> {
    let loaded = load(conn, Some(person), process_slug, document_slug)?;
    if loaded.can_edit() {
        Ok(loaded)
    } else {
        Err(Error::Forbidden)
    }
}
