//! Documents on the web: a published revision for everyone; the working copy, its editing,
//! provenance and publishing for those whose role allows; comparing any two revisions.

pub mod create;
pub mod details;
pub mod edit;
pub mod export;
pub mod pick;
pub mod view;

use actix_web::{Scope, web};

use crate::db::DbConnection;
use crate::domain::documents::{DocumentKind, access};
use crate::domain::permissions::{Actor, GroupId, can};
use crate::store::documents::{self, Document};
use crate::store::processes::{self, Process};
use crate::web::error::AppError;
use crate::web::processes::actor_in;
use crate::web::session::Visitor;

pub fn routes() -> Scope {
    web::scope("/p/{process}/documents")
        .service(export::export_document)
        .service(view::document_page)
        .service(view::revision_page)
        .service(view::compare_page)
        .service(edit::node_form)
        .service(edit::save_node)
        .service(edit::insert_node)
        .service(edit::move_node)
        .service(edit::delete_node)
        .service(edit::add_link)
        .service(edit::remove_link)
        .service(edit::publish)
        .service(details::details_form)
        .service(details::save_details)
        .service(pick::pick)
        .service(pick::pull)
}

/// A document, its process, and what the visitor may do with it.
pub struct Loaded {
    pub process: Process,
    pub document: Document,
    pub actor: Actor,
}

impl Loaded {
    fn kind(&self) -> DocumentKind {
        self.document.kind().unwrap_or(DocumentKind::Draft)
    }

    fn group(&self) -> Option<GroupId> {
        self.document.group_id.map(GroupId)
    }

    pub fn can_edit(&self) -> bool {
        access::edit(self.kind(), self.group()).is_some_and(|action| can(&self.actor, action))
    }

    pub fn can_read_working(&self) -> bool {
        self.can_edit()
            || access::read_working(self.kind(), self.group())
                .is_some_and(|action| can(&self.actor, action))
    }
}

pub fn load(
    conn: &mut DbConnection,
    process_slug: &str,
    document_slug: &str,
    visitor: &Visitor,
) -> Result<Loaded, AppError> {
    let process = processes::process_by_slug(conn, process_slug)?.ok_or(AppError::NotFound)?;
    let document =
        documents::document_by_slug(conn, process.id, document_slug)?.ok_or(AppError::NotFound)?;
    let actor = actor_in(conn, visitor, process.id)?;
    Ok(Loaded {
        process,
        document,
        actor,
    })
}

/// As `load`, refusing whoever may not edit the document.
pub fn load_for_editing(
    conn: &mut DbConnection,
    process_slug: &str,
    document_slug: &str,
    visitor: &Visitor,
) -> Result<Loaded, AppError> {
    let loaded = load(conn, process_slug, document_slug, visitor)?;
    if loaded.can_edit() {
        Ok(loaded)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A revision's label as it appears in URLs: "Rev.1" is `rev-1`, "Zero draft" `zero-draft`.
pub fn revision_slug(label: &str) -> String {
    let mut slug = String::new();
    for c in label.trim().chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::revision_slug;

    #[test]
    fn revision_labels_become_slugs() {
        assert_eq!(revision_slug("Rev.1"), "rev-1");
        assert_eq!(revision_slug("Zero draft"), "zero-draft");
        assert_eq!(revision_slug("  Final text! "), "final-text");
        assert_eq!(revision_slug("المسودة الأولى"), "المسودة-الأولى");
    }
}
