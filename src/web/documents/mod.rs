//! Documents on the web: a published revision for everyone; the working copy, its editing,
//! provenance and publishing for those whose role allows; comparing any two revisions.
//!
//! Handlers only extract, call one use case or read of `app::documents` in `AppState::run`,
//! and render; they hold no query and no transaction, and decide no permission.

pub mod compare;
pub mod create;
pub mod details;
pub mod edit;
pub mod export;
pub mod languages;
pub mod links;
pub mod pick;
pub mod status;
pub mod view;

use actix_web::{Scope, web};

pub fn routes() -> Scope {
    web::scope("/p/{process}/documents")
        .service(export::export_document)
        .service(languages::export_language)
        .service(languages::language_page)
        .service(languages::translate_form)
        .service(languages::save_translation)
        .service(view::document_page)
        .service(view::revision_page)
        .service(compare::compare_page)
        .service(edit::node_form)
        .service(edit::save_node)
        .service(edit::insert_node)
        .service(edit::move_node)
        .service(edit::delete_node)
        .service(status::set_status)
        .service(links::add_link)
        .service(links::remove_link)
        .service(edit::publish)
        .service(details::details_form)
        .service(details::save_details)
        .service(pick::pick)
        .service(pick::pull)
        .service(pick::pull_accepted)
}
