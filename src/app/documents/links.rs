//! Linking a node of the working copy to its sources (a proposal version, a contribution, a
//! paragraph of another document) and removing such a link. Every change is audited.

use super::edit::links_of;
use super::{Loaded, load_for_editing};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::{Content, Provenance, Source, numbers};
use crate::store::documents as store;

/// The message beside the reference when it names nothing.
const NO_SUCH_SOURCE: &str = "error-no-such-source";

/// A source as the form that links it names it: its kind, its reference (and version, for a
/// proposal), and what the link keeps of it.
#[derive(Debug, Default, Clone)]
pub struct NewLink {
    pub source_kind: String,
    pub reference: String,
    pub version: String,
    pub quote: String,
    pub note: String,
}

/// Finds the source a link form names, and how it reads; `Invalid` (on `reference`) when it
/// names none.
fn resolve_source(
    conn: &mut DbConnection,
    loaded: &Loaded,
    link: &NewLink,
) -> Result<(Source, String)> {
    let reference = link.reference.trim().replace('-', "/");
    let found = match link.source_kind.as_str() {
        "proposal" => {
            let number = link.version.trim().parse::<i32>().ok();
            store::proposal_version_by_reference(conn, loaded.process.id, &reference, number)?.map(
                |(id, number)| {
                    (
                        Source::ProposalVersion { id },
                        format!("{reference}, version {number}"),
                    )
                },
            )
        }
        "contribution" => store::contribution_by_reference(conn, loaded.process.id, &reference)?
            .map(|id| (Source::Contribution { id }, reference.clone())),
        "paragraph" => paragraph_source(conn, loaded, &link.reference)?,
        _ => return Err(Error::invalid("reference", "error-choose-one")),
    };
    found.ok_or_else(|| Error::invalid("reference", NO_SUCH_SOURCE))
}

/// "group-1-report 7": a document of this process and a paragraph number in it.
fn paragraph_source(
    conn: &mut DbConnection,
    loaded: &Loaded,
    raw: &str,
) -> Result<Option<(Source, String)>> {
    let raw = raw.trim();
    let (slug, number) = raw.rsplit_once([' ', ':', '#']).unwrap_or((raw, ""));
    let Some(document) = store::document_by_slug(conn, loaded.process.id, slug.trim())? else {
        return Ok(None);
    };
    let target = Loaded::new(
        loaded.process.clone(),
        document,
        loaded.actor.clone(),
        loaded.outline.clone(),
    );
    let Some(content) = citable_content(conn, &target)? else {
        return Ok(None);
    };
    let document = target.document;
    let wanted = number.trim();
    let found = numbers(&content.nodes)
        .iter()
        .zip(&content.nodes)
        .find(|(n, _)| {
            n.as_ref()
                .is_some_and(|n| n.display().replace(' ', "") == wanted.replace(' ', ""))
        })
        .map(|(_, node)| node.key.clone());
    Ok(found.map(|node_key| {
        (
            Source::Paragraph {
                document_id: document.id,
                node_key,
            },
            format!("{}, paragraph {wanted}", document.title),
        )
    }))
}

/// Paragraphs are cited as their readers number them: in the working copy for those who may
/// read it, otherwise in the latest published revision, so that a link never tells what an
/// unpublished text holds. `None` when there is nothing the person may cite.
fn citable_content(conn: &mut DbConnection, target: &Loaded) -> Result<Option<Content>> {
    if target.can_read_working() {
        return Ok(Some(store::working_content(conn, &target.document)?));
    }
    Ok(store::latest_revision(conn, target.document.id)?.and_then(|revision| revision.content()))
}

/// Control characters (NUL above all) have no place in a quote or a note.
fn limit(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .take(2_000)
        .collect()
}

/// Links node `key` to the source the form names; `Invalid` (on `reference`) when it names
/// none. Returns where to go.
pub fn add_link(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    key: &str,
    new: &NewLink,
) -> Result<String> {
    app::transaction(conn, |conn| {
        let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
        store::node_by_key(conn, loaded.document.id, key)?.ok_or(Error::NotFound)?;
        let (source, label) = resolve_source(conn, &loaded, new)?;
        let link = Provenance {
            source,
            label,
            quote: limit(&new.quote),
            note: limit(&new.note),
        };
        store::add_link(
            conn,
            loaded.document.id,
            key,
            &link,
            Some(person.account_id),
        )?;
        let detail = serde_json::json!({ "node": key, "source": link.source, "label": link.label });
        loaded.audit(conn, person, "document.link", detail)?;
        Ok(format!("{}?notice=saved#sources", loaded.node_path(key)))
    })
}

/// Removes link `link` of node `key`. Returns where to go.
pub fn remove_link(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    key: &str,
    link: i64,
) -> Result<String> {
    app::transaction(conn, |conn| {
        let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
        // The link must be one of the paragraph the URL names, not any of the document.
        if !links_of(conn, &loaded, key)?.iter().any(|l| l.id == link)
            || !store::remove_link(conn, loaded.document.id, link)?
        {
            return Err(Error::NotFound);
        }
        let detail = serde_json::json!({ "node": key, "link": link });
        loaded.audit(conn, person, "document.unlink", detail)?;
        Ok(format!("{}?notice=saved#sources", loaded.node_path(key)))
    })
}
