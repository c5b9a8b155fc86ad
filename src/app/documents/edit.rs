//! Editing a working copy, node by node, without ever overwriting someone else's words: a
//! save made on an older text is merged with what was saved meanwhile, and where both
//! changed the same words the save is refused as a conflict, for the editor to resolve with
//! both texts in front of them. Every change is audited.

use super::{Loaded, load_for_editing};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::{
    Merge, Node, NodeKind, ParagraphStatus, brackets, merge, new_key, numbers,
};
use crate::security::tokens::random_token;
use crate::store::documents::{self as store, LinkRow};

const TEXT_MAX: usize = 20_000;

/// The conflict key when the node was removed while the editor wrote.
pub const NODE_REMOVED: &str = "document-node-removed-meanwhile";
/// The conflict key when someone else changed the same words meanwhile.
pub const CHANGED_MEANWHILE: &str = "document-conflict";

/// A text as typed, with the browser's line breaks made plain and the ends trimmed: what a
/// save keeps of it.
pub fn typed_text(text: &str) -> String {
    text.replace("\r\n", "\n").trim().to_string()
}

/// The text to save for a node of `kind`, or the message key of what is wrong with it; a
/// paragraph's or measure's brackets must be readable (`domain::documents::brackets`).
pub fn check_text(text: &str, kind: NodeKind) -> Result<String, &'static str> {
    let text = typed_text(text);
    if text.is_empty() {
        return Err("error-required");
    }
    if text.chars().count() > TEXT_MAX {
        return Err("error-too-long");
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err("error-control-characters");
    }
    if kind == NodeKind::Heading && text.contains('\n') {
        return Err("error-heading-one-line");
    }
    if kind != NodeKind::Heading {
        brackets::check(&text).map_err(brackets::BracketError::message_key)?;
    }
    Ok(text)
}

/// A node of the working copy as its editing form shows it.
pub struct EditedNode {
    pub kind: NodeKind,
    /// "12" or "12 (b)"; `None` for a heading.
    pub number: Option<String>,
    pub text: String,
    pub version: i32,
    pub links: Vec<LinkRow>,
    pub status: ParagraphStatus,
}

/// A node's editing form: the document, and the node as it is saved now (`None` once it has
/// been removed).
pub struct Editor {
    pub loaded: Loaded,
    pub node: Option<EditedNode>,
}

/// What a node's editing form shows, for those who may edit the document.
pub fn editor(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    key: &str,
) -> Result<Editor> {
    let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
    let node = match store::node_by_key(conn, loaded.document.id, key)? {
        None => None,
        Some(row) => Some(EditedNode {
            kind: row.kind,
            number: node_number(conn, &loaded, key)?,
            links: links_of(conn, &loaded, key)?,
            text: row.text,
            version: row.version,
            status: row.status,
        }),
    };
    Ok(Editor { loaded, node })
}

fn node_number(conn: &mut DbConnection, loaded: &Loaded, key: &str) -> Result<Option<String>> {
    let content = store::working_content(conn, &loaded.document)?;
    let position = content.nodes.iter().position(|n| n.key == key);
    Ok(position.and_then(|i| numbers(&content.nodes)[i].as_ref().map(|n| n.display())))
}

/// The provenance links of one node of the working copy.
pub(super) fn links_of(
    conn: &mut DbConnection,
    loaded: &Loaded,
    key: &str,
) -> Result<Vec<LinkRow>> {
    let (_, links) = store::working_copy(conn, loaded.document.id)?;
    Ok(links.into_iter().filter(|l| l.node_key == key).collect())
}

/// A node's text as the editor sent it: the text, the text it was based on, and the version
/// of that text (as typed in the form; not a number means "unknown").
pub struct NodeEdit {
    pub text: String,
    pub base: String,
    pub version: String,
}

/// Saves a node's text: directly if nobody saved since the editor loaded it, merged if the
/// changes do not overlap. Refused as `Conflict(NODE_REMOVED)` when the node is gone,
/// `Invalid` (on `text`) when the text is not one to keep, and `Conflict(CHANGED_MEANWHILE)`
/// when both changed the same words. Returns where to go.
pub fn save_node(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    key: &str,
    edit: &NodeEdit,
) -> Result<String> {
    app::transaction(conn, |conn| {
        let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
        let current = store::node_by_key(conn, loaded.document.id, key)?
            .ok_or(Error::Conflict(NODE_REMOVED))?;
        let mine = check_text(&edit.text, current.kind)
            .map_err(|problem| Error::invalid("text", problem))?;
        let started_from = edit.version.parse::<i32>().unwrap_or(0);
        let merged = started_from != current.version;
        let text = if merged {
            match merge(typed_text(&edit.base).as_str(), &mine, &current.text) {
                // Two edits may each be well bracketed and their merge not: both texts
                // then go back to the editor, as for a clash.
                Merge::Clean(text) if check_text(&text, current.kind).is_ok() => text,
                Merge::Clean(_) => return Err(Error::Conflict(CHANGED_MEANWHILE)),
                Merge::Conflict { .. } => return Err(Error::Conflict(CHANGED_MEANWHILE)),
            }
        } else {
            mine
        };
        store::save_text_if_version(
            conn,
            loaded.document.id,
            key,
            current.version,
            &text,
            person.account_id,
        )?;
        let detail = serde_json::json!({
            "node": key,
            "version": current.version + 1,
            "merged": merged,
        });
        loaded.audit(conn, person, "document.edit", detail)?;
        let notice = if merged { "merged" } else { "saved" };
        Ok(format!("{}&notice={notice}#n-{key}", loaded.working_path()))
    })
}

/// A node to add: after which node (empty: at the start), its kind and text, as sent.
pub struct NewNode {
    pub after: String,
    pub kind: String,
    pub text: String,
}

/// Adds a node after another (or at the start). Returns where to go.
pub fn insert_node(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    new: &NewNode,
) -> Result<String> {
    let kind = NodeKind::parse(&new.kind).ok_or(Error::BadRequest("unknown kind of paragraph"))?;
    let text = check_text(&new.text, kind)
        .map_err(|_| Error::BadRequest("a new paragraph needs a text"))?;
    app::transaction(conn, |conn| {
        let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
        let after = Some(new.after.as_str()).filter(|a| !a.is_empty());
        if let Some(after) = after
            && store::node_by_key(conn, loaded.document.id, after)?.is_none()
        {
            return Err(Error::NotFound);
        }
        let key = new_key(&random_token());
        let node = Node {
            status: Default::default(),
            key: key.clone(),
            kind,
            text,
            provenance: Vec::new(),
        };
        store::insert_node_after(conn, loaded.document.id, after, &node, person.account_id)?;
        let detail = serde_json::json!({ "node": key, "after": after, "kind": kind.as_str() });
        loaded.audit(conn, person, "document.insert", detail)?;
        Ok(format!("{}&notice=saved#n-{key}", loaded.working_path()))
    })
}

/// Moves a node one place `up` or `down` (as sent). Returns where to go.
pub fn move_node(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    key: &str,
    direction: &str,
) -> Result<String> {
    let up = match direction {
        "up" => true,
        "down" => false,
        _ => return Err(Error::BadRequest("unknown direction")),
    };
    app::transaction(conn, |conn| {
        let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
        if store::node_by_key(conn, loaded.document.id, key)?.is_none() {
            return Err(Error::NotFound);
        }
        if store::move_node(conn, loaded.document.id, key, up)? {
            let detail = serde_json::json!({ "node": key, "up": up });
            loaded.audit(conn, person, "document.move", detail)?;
        }
        Ok(format!("{}#n-{key}", loaded.working_path()))
    })
}

/// Removes a node from the working copy; its text stays in the audit log and in every
/// revision that published it. Returns where to go.
pub fn delete_node(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    key: &str,
) -> Result<String> {
    app::transaction(conn, |conn| {
        let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
        let node = store::node_by_key(conn, loaded.document.id, key)?.ok_or(Error::NotFound)?;
        store::delete_node(conn, loaded.document.id, key)?;
        let detail = serde_json::json!({ "node": key, "kind": node.kind, "text": node.text });
        loaded.audit(conn, person, "document.delete", detail)?;
        Ok(format!("{}&notice=saved", loaded.working_path()))
    })
}
