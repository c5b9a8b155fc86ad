//! Editing a working copy, node by node, without ever overwriting someone else's words: a
//! save made on an older text is merged with what was saved meanwhile, and where both
//! changed the same words, both texts are shown to be resolved. Every change is audited.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use diesel::prelude::*;
use serde::Deserialize;

use super::view::working_copy_page;
use super::{Loaded, load_for_editing, revision_slug};
use crate::db::schema::{contributions, proposal_versions, proposals};
use crate::db::{DbConnection, write_transaction};
use crate::domain::documents::{
    Merge, Node, NodeKind, Provenance, Source, merge, new_key, numbers,
};
use crate::store::audit::{self, Entry};
use crate::store::documents::{self as store, LinkRow, NodeRow};
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::{SignedIn, Visitor};

const TEXT_MAX: usize = 20_000;

fn audit_change(
    conn: &mut DbConnection,
    loaded: &Loaded,
    actor: i64,
    action: &'static str,
    detail: serde_json::Value,
) -> Result<(), AppError> {
    audit::record(
        conn,
        Entry {
            actor_id: Some(actor),
            process_id: Some(loaded.process.id),
            action,
            subject: format!("document:{}", loaded.document.slug),
            detail,
        },
    )?;
    Ok(())
}

fn working_path(loaded: &Loaded) -> String {
    format!(
        "/p/{}/documents/{}?view=working",
        loaded.process.slug, loaded.document.slug
    )
}

fn check_text(text: &str, kind: NodeKind) -> Result<String, &'static str> {
    let text = text.replace("\r\n", "\n").trim().to_string();
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
    Ok(text)
}

#[derive(Template)]
#[template(path = "documents/node_form.html")]
struct NodePage {
    ctx: Ctx,
    loaded: Loaded,
    key: String,
    kind: NodeKind,
    number: Option<String>,
    /// What the editor sees in the box.
    text: String,
    /// What the editor's text was based on, and its version.
    base: String,
    version: i32,
    /// What was saved meanwhile, when it clashes with the editor's text.
    theirs: Option<String>,
    links: Vec<LinkRow>,
    errors: FieldErrors,
    message: Option<&'static str>,
    /// What was typed into the form that links a source, shown again when it names none.
    source_form: LinkForm,
}

impl NodePage {
    /// The form for `node` as it is saved now.
    fn new(
        ctx: Ctx,
        conn: &mut DbConnection,
        loaded: Loaded,
        key: String,
        node: &NodeRow,
    ) -> Result<Self, AppError> {
        Ok(NodePage {
            ctx,
            kind: NodeKind::parse(&node.kind).unwrap_or(NodeKind::Paragraph),
            number: node_number(conn, &loaded, &key)?,
            text: node.text.clone(),
            base: node.text.clone(),
            version: node.version,
            theirs: None,
            links: links_of(conn, &loaded, &key)?,
            errors: FieldErrors::default(),
            message: None,
            source_form: LinkForm::default(),
            loaded,
            key,
        })
    }

    fn kind_key(&self) -> String {
        format!("document-kind-{}", self.kind.as_str())
    }

    fn action(&self) -> String {
        format!(
            "/p/{}/documents/{}/nodes/{}",
            self.loaded.process.slug, self.loaded.document.slug, self.key
        )
    }
}

fn node_number(
    conn: &mut DbConnection,
    loaded: &Loaded,
    key: &str,
) -> Result<Option<String>, AppError> {
    let content = store::working_content(conn, &loaded.document)?;
    let position = content.nodes.iter().position(|n| n.key == key);
    Ok(position.and_then(|i| numbers(&content.nodes)[i].as_ref().map(|n| n.display())))
}

fn links_of(conn: &mut DbConnection, loaded: &Loaded, key: &str) -> Result<Vec<LinkRow>, AppError> {
    let (_, links) = store::working_copy(conn, loaded.document.id)?;
    Ok(links.into_iter().filter(|l| l.node_key == key).collect())
}

#[get("/{document}/nodes/{key}/edit")]
pub async fn node_form(
    ctx: Ctx,
    _user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, key) = path.into_inner();
    let page = state
        .db(move |conn| {
            let loaded = load_for_editing(conn, &process_slug, &document_slug, &visitor)?;
            let node =
                store::node_by_key(conn, loaded.document.id, &key)?.ok_or(AppError::NotFound)?;
            NodePage::new(ctx, conn, loaded, key, &node)
        })
        .await?;
    page::ok(&page)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NodeForm {
    text: String,
    base: String,
    version: String,
}

/// Saves a node's text: directly if nobody saved since the editor loaded it, merged if the
/// changes do not overlap, and otherwise shown side by side with nothing lost.
#[post("/{document}/nodes/{key}")]
pub async fn save_node(
    ctx: Ctx,
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<NodeForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, key) = path.into_inner();
    let form = form.into_inner();
    let actor = user.id;
    let outcome = state
        .db(move |conn| {
            write_transaction(conn, |conn| -> Result<Result<String, NodePage>, AppError> {
                let loaded = load_for_editing(conn, &process_slug, &document_slug, &visitor)?;
                let current: Option<NodeRow> = store::node_by_key(conn, loaded.document.id, &key)?;
                let Some(current) = current else {
                    // Removed meanwhile: the editor's text comes back, to be added again.
                    return Ok(Err(NodePage {
                        ctx,
                        kind: NodeKind::Paragraph,
                        number: None,
                        text: form.text,
                        base: String::new(),
                        version: 0,
                        theirs: None,
                        links: Vec::new(),
                        errors: FieldErrors::default(),
                        message: Some("document-node-removed-meanwhile"),
                        source_form: LinkForm::default(),
                        loaded,
                        key,
                    }));
                };
                let kind = NodeKind::parse(&current.kind).unwrap_or(NodeKind::Paragraph);
                let mine = match check_text(&form.text, kind) {
                    Ok(text) => text,
                    Err(problem) => {
                        let mut page = NodePage::new(ctx, conn, loaded, key, &current)?;
                        page.errors.add("text", problem);
                        page.version = form.version.parse().unwrap_or(current.version);
                        page.text = form.text;
                        page.base = form.base;
                        return Ok(Err(page));
                    }
                };
                let started_from = form.version.parse::<i32>().unwrap_or(0);
                let base = form.base.replace("\r\n", "\n");
                let to_save = if started_from == current.version {
                    Merge::Clean(mine.clone())
                } else {
                    merge(base.trim(), &mine, &current.text)
                };
                match to_save {
                    Merge::Clean(text) => {
                        store::save_text_if_version(
                            conn,
                            loaded.document.id,
                            &key,
                            current.version,
                            &text,
                            actor,
                        )?;
                        audit_change(
                            conn,
                            &loaded,
                            actor,
                            "document.edit",
                            serde_json::json!({
                                "node": key,
                                "version": current.version + 1,
                                "merged": started_from != current.version,
                            }),
                        )?;
                        let notice = if started_from == current.version {
                            "saved"
                        } else {
                            "merged"
                        };
                        Ok(Ok(format!(
                            "{}&notice={notice}#n-{key}",
                            working_path(&loaded)
                        )))
                    }
                    Merge::Conflict { mine, theirs } => {
                        let mut page = NodePage::new(ctx, conn, loaded, key, &current)?;
                        page.text = mine;
                        // Saving again from here means: my text replaces what is there now.
                        page.base = theirs.clone();
                        page.theirs = Some(theirs);
                        page.message = Some("document-conflict");
                        Ok(Err(page))
                    }
                }
            })
        })
        .await?;
    match outcome {
        Ok(location) => Ok(page::see_other(&location)),
        Err(page) => {
            let status = if page.theirs.is_some() || page.message.is_some() {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            page::render(&page, status)
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InsertForm {
    after: String,
    kind: String,
    text: String,
}

/// Adds a node after another (or at the start).
#[post("/{document}/nodes")]
pub async fn insert_node(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<InsertForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug) = path.into_inner();
    let form = form.into_inner();
    let kind =
        NodeKind::parse(&form.kind).ok_or(AppError::BadRequest("unknown kind of paragraph"))?;
    let text = check_text(&form.text, kind)
        .map_err(|_| AppError::BadRequest("a new paragraph needs a text"))?;
    let actor = user.id;
    let location = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let loaded = load_for_editing(conn, &process_slug, &document_slug, &visitor)?;
                let after = Some(form.after.as_str()).filter(|a| !a.is_empty());
                if let Some(after) = after
                    && store::node_by_key(conn, loaded.document.id, after)?.is_none()
                {
                    return Err(AppError::NotFound);
                }
                let key = new_key(&crate::security::tokens::random_token());
                let node = Node {
                    key: key.clone(),
                    kind,
                    text,
                    provenance: Vec::new(),
                };
                store::insert_node_after(conn, loaded.document.id, after, &node, actor)?;
                audit_change(
                    conn,
                    &loaded,
                    actor,
                    "document.insert",
                    serde_json::json!({ "node": key, "after": after, "kind": kind.as_str() }),
                )?;
                Ok(format!("{}&notice=saved#n-{key}", working_path(&loaded)))
            })
        })
        .await?;
    Ok(page::see_other(&location))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    direction: String,
}

#[post("/{document}/nodes/{key}/move")]
pub async fn move_node(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, key) = path.into_inner();
    let up = match form.direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Err(AppError::BadRequest("unknown direction")),
    };
    let actor = user.id;
    let location = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let loaded = load_for_editing(conn, &process_slug, &document_slug, &visitor)?;
                if store::node_by_key(conn, loaded.document.id, &key)?.is_none() {
                    return Err(AppError::NotFound);
                }
                if store::move_node(conn, loaded.document.id, &key, up)? {
                    audit_change(
                        conn,
                        &loaded,
                        actor,
                        "document.move",
                        serde_json::json!({ "node": key, "up": up }),
                    )?;
                }
                Ok(format!("{}#n-{key}", working_path(&loaded)))
            })
        })
        .await?;
    Ok(page::see_other(&location))
}

/// Removes a node from the working copy; its text stays in the audit log and in every
/// revision that published it.
#[post("/{document}/nodes/{key}/delete")]
pub async fn delete_node(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, key) = path.into_inner();
    let actor = user.id;
    let location = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let loaded = load_for_editing(conn, &process_slug, &document_slug, &visitor)?;
                let node = store::node_by_key(conn, loaded.document.id, &key)?
                    .ok_or(AppError::NotFound)?;
                store::delete_node(conn, loaded.document.id, &key)?;
                audit_change(
                    conn,
                    &loaded,
                    actor,
                    "document.delete",
                    serde_json::json!({ "node": key, "kind": node.kind, "text": node.text }),
                )?;
                Ok(format!("{}&notice=saved", working_path(&loaded)))
            })
        })
        .await?;
    Ok(page::see_other(&location))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    source_kind: String,
    reference: String,
    version: String,
    quote: String,
    note: String,
}

/// Finds the source a link form names, and how it reads.
fn resolve_source(
    conn: &mut DbConnection,
    loaded: &Loaded,
    form: &LinkForm,
) -> Result<Result<(Source, String), &'static str>, AppError> {
    let reference = form.reference.trim().replace('-', "/");
    match form.source_kind.as_str() {
        "proposal" => {
            let number = form.version.trim().parse::<i32>().ok();
            let mut query = proposal_versions::table
                .inner_join(proposals::table)
                .filter(proposals::process_id.eq(loaded.process.id))
                .filter(proposals::reference.eq(&reference))
                .into_boxed();
            if let Some(number) = number {
                query = query.filter(proposal_versions::number.eq(number));
            }
            let found: Option<(i64, i32)> = query
                .order(proposal_versions::number.desc())
                .select((proposal_versions::id, proposal_versions::number))
                .first(conn)
                .optional()?;
            Ok(found
                .map(|(id, number)| {
                    (
                        Source::ProposalVersion { id },
                        format!("{reference}, version {number}"),
                    )
                })
                .ok_or("error-no-such-source"))
        }
        "contribution" => {
            let found: Option<i64> = contributions::table
                .filter(contributions::process_id.eq(loaded.process.id))
                .filter(contributions::reference.eq(&reference))
                .select(contributions::id)
                .first(conn)
                .optional()?;
            Ok(found
                .map(|id| (Source::Contribution { id }, reference.clone()))
                .ok_or("error-no-such-source"))
        }
        "paragraph" => {
            // "group-1-report 7": a document of this process and a paragraph number in it.
            let raw = form.reference.trim();
            let (slug, number) = raw.rsplit_once([' ', ':', '#']).unwrap_or((raw, ""));
            let Some(document) = store::document_by_slug(conn, loaded.process.id, slug.trim())?
            else {
                return Ok(Err("error-no-such-source"));
            };
            // Paragraphs are cited as their readers number them: in the working copy for
            // those who may read it, otherwise in the latest published revision, so that a
            // link never tells what an unpublished text holds.
            let target = Loaded {
                process: loaded.process.clone(),
                document,
                actor: loaded.actor.clone(),
            };
            let content = if target.can_read_working() {
                store::working_content(conn, &target.document)?
            } else {
                match store::latest_revision(conn, target.document.id)?
                    .and_then(|revision| revision.content())
                {
                    Some(content) => content,
                    None => return Ok(Err("error-no-such-source")),
                }
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
            Ok(found
                .map(|node_key| {
                    (
                        Source::Paragraph {
                            document_id: document.id,
                            node_key,
                        },
                        format!("{}, paragraph {wanted}", document.title),
                    )
                })
                .ok_or("error-no-such-source"))
        }
        _ => Ok(Err("error-choose-one")),
    }
}

#[post("/{document}/nodes/{key}/links")]
pub async fn add_link(
    ctx: Ctx,
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<LinkForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, key) = path.into_inner();
    let form = form.into_inner();
    let actor = user.id;
    let outcome = state
        .db(move |conn| {
            write_transaction(conn, |conn| -> Result<Result<String, NodePage>, AppError> {
                let loaded = load_for_editing(conn, &process_slug, &document_slug, &visitor)?;
                let node = store::node_by_key(conn, loaded.document.id, &key)?.ok_or(AppError::NotFound)?;
                // Control characters (NUL above all) have no place in a quote or a note.
                let limit = |s: &str| {
                    s.trim()
                        .chars()
                        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
                        .take(2_000)
                        .collect::<String>()
                };
                match resolve_source(conn, &loaded, &form)? {
                    Ok((source, label)) => {
                        let link = Provenance {
                            source,
                            label,
                            quote: limit(&form.quote),
                            note: limit(&form.note),
                        };
                        store::add_link(conn, loaded.document.id, &key, &link, Some(actor))?;
                        audit_change(conn, &loaded, actor, "document.link", serde_json::json!({ "node": key, "source": link.source, "label": link.label }))?;
                        Ok(Ok(format!(
                            "/p/{}/documents/{}/nodes/{key}/edit?notice=saved#sources",
                            loaded.process.slug, loaded.document.slug
                        )))
                    }
                    Err(problem) => {
                        let mut page = NodePage::new(ctx, conn, loaded, key, &node)?;
                        page.errors.add("reference", problem);
                        page.source_form = form;
                        Ok(Err(page))
                    }
                }
            })
        })
        .await?;
    match outcome {
        Ok(location) => Ok(page::see_other(&location)),
        Err(page) => page::invalid(&page),
    }
}

#[post("/{document}/nodes/{key}/links/{link}/remove")]
pub async fn remove_link(
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String, i64)>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, key, link) = path.into_inner();
    let actor = user.id;
    let location = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let loaded = load_for_editing(conn, &process_slug, &document_slug, &visitor)?;
                // The link must be one of the paragraph the URL names, not any of the document.
                if !links_of(conn, &loaded, &key)?.iter().any(|l| l.id == link)
                    || !store::remove_link(conn, loaded.document.id, link)?
                {
                    return Err(AppError::NotFound);
                }
                audit_change(
                    conn,
                    &loaded,
                    actor,
                    "document.unlink",
                    serde_json::json!({ "node": key, "link": link }),
                )?;
                Ok(format!(
                    "/p/{}/documents/{}/nodes/{key}/edit?notice=saved#sources",
                    loaded.process.slug, loaded.document.slug
                ))
            })
        })
        .await?;
    Ok(page::see_other(&location))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {
    label: String,
}

/// Publishes the working copy as an immutable, named revision. A missing or taken name shows
/// the working copy again with the name typed and the reason beside it.
#[post("/{document}/publish")]
pub async fn publish(
    ctx: Ctx,
    user: SignedIn,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<PublishForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug) = path.into_inner();
    let typed = form.into_inner().label;
    let label: String = typed
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(60)
        .collect();
    let slug = revision_slug(&label);
    let actor = user.id;
    let outcome = state
        .db(move |conn| {
            write_transaction(conn, |conn| {
                let loaded = load_for_editing(conn, &process_slug, &document_slug, &visitor)?;
                let problem = if slug.is_empty() {
                    Some("error-revision-label-required")
                } else if store::revision_by_slug(conn, loaded.document.id, &slug)?.is_some() {
                    Some("error-revision-label-taken")
                } else {
                    None
                };
                if let Some(problem) = problem {
                    let mut errors = FieldErrors::default();
                    errors.add("label", problem);
                    return working_copy_page(conn, ctx, loaded, typed, errors).map(Err);
                }
                let number = store::publish(conn, &loaded.document, &label, &slug, actor)?;
                audit_change(
                    conn,
                    &loaded,
                    actor,
                    "document.publish",
                    serde_json::json!({ "revision": number, "label": label }),
                )?;
                Ok(Ok(format!(
                    "/p/{}/documents/{}/revisions/{slug}?notice=published",
                    loaded.process.slug, loaded.document.slug
                )))
            })
        })
        .await?;
    match outcome {
        Ok(location) => Ok(page::see_other(&location)),
        Err(page) => page::invalid(&page),
    }
}
