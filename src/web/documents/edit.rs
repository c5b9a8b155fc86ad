//! Editing a working copy node by node, and publishing it. The use cases are
//! `app::documents::{edit, publish}`; a refused save comes back as the node's form with
//! nothing typed lost: 409 with both texts when someone else changed the same words (or
//! removed the node) meanwhile, 422 when the text is not one to keep, 503 with `Retry-After`
//! when the database cannot take it (`web::kept`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::links::LinkForm;
use super::view::DocumentPage;
use crate::app::documents::edit::{self, EditedNode, Editor, NewNode, NodeEdit};
use crate::app::documents::publish::Publishing;
use crate::app::documents::{Loaded, pages, publish as publishing};
use crate::app::{self, Person};
use crate::domain::documents::{DocumentKind, NodeKind, ParagraphStatus, has_status};
use crate::store::documents::LinkRow;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::kept::{self, KeptField, Poster};
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::SignedIn;

#[derive(Template)]
#[template(path = "documents/node_form.html")]
pub(super) struct NodePage {
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
    pub(super) errors: FieldErrors,
    message: Option<&'static str>,
    /// What was typed into the form that links a source, shown again when it names none.
    pub(super) source_form: LinkForm,
    /// Where the paragraph stands in the negotiation.
    status: ParagraphStatus,
}

impl NodePage {
    /// The form for `node` as it is saved now.
    pub(super) fn new(ctx: Ctx, loaded: Loaded, key: String, node: EditedNode) -> Self {
        NodePage {
            ctx,
            kind: node.kind,
            number: node.number,
            base: node.text.clone(),
            text: node.text,
            version: node.version,
            status: node.status,
            theirs: None,
            links: node.links,
            errors: FieldErrors::default(),
            message: None,
            source_form: LinkForm::default(),
            loaded,
            key,
        }
    }

    /// The form of a node removed while the editor wrote: their text comes back, to be added
    /// again.
    fn removed(ctx: Ctx, loaded: Loaded, key: String, text: String) -> Self {
        NodePage {
            ctx,
            kind: NodeKind::Paragraph,
            number: None,
            text,
            base: String::new(),
            version: 0,
            status: ParagraphStatus::Pending,
            theirs: None,
            links: Vec::new(),
            errors: FieldErrors::default(),
            message: Some(edit::NODE_REMOVED),
            source_form: LinkForm::default(),
            loaded,
            key,
        }
    }

    fn kind_key(&self) -> String {
        format!("document-kind-{}", self.kind.as_str())
    }

    /// Whether the node is a paragraph or measure of the negotiated draft: it has a status.
    fn negotiated(&self) -> bool {
        self.loaded.kind == DocumentKind::Draft && has_status(self.kind)
    }

    /// How to write the text: Markdown, and for a paragraph or measure, brackets.
    fn text_hint(&self) -> String {
        let markdown = self.ctx.t("document-node-text-hint");
        if has_status(self.kind) {
            format!("{markdown} {}", self.ctx.t("document-brackets-hint"))
        } else {
            markdown.into_owned()
        }
    }

    fn statuses(&self) -> [ParagraphStatus; 3] {
        ParagraphStatus::ALL
    }
}

/// The node's editing form as it is now, for a refused save or link to show again.
pub(super) async fn editor_now(
    state: &AppState,
    person: Person,
    (process_slug, document_slug, key): (String, String, String),
) -> Result<Editor, AppError> {
    let editor = state
        .run(move |conn| edit::editor(conn, person, &process_slug, &document_slug, &key))
        .await?;
    Ok(editor)
}

#[get("/{document}/nodes/{key}/edit")]
pub async fn node_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let path = path.into_inner();
    let key = path.2.clone();
    let Editor { loaded, node } = editor_now(&state, user.person(), path).await?;
    let node = node.ok_or(AppError::NotFound)?;
    page::ok(&NodePage::new(ctx, loaded, key, node))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NodeForm {
    text: String,
    base: String,
    version: String,
}

/// Saves a node's text: directly if nobody saved since the editor loaded it, merged if the
/// changes do not overlap, and otherwise shown side by side with nothing lost. A refused save
/// wrote nothing; the form then shows the node as it is saved now beside what was typed.
#[post("/{document}/nodes/{key}")]
pub async fn save_node(
    poster: Poster,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<NodeForm>,
) -> Result<HttpResponse, AppError> {
    let path = path.into_inner();
    let form = form.into_inner();
    let (ctx, person) = match poster {
        Poster::Known(ctx, visitor) => (ctx, signed_in(&visitor)?),
        Poster::Unknown(ctx) => return given_back(ctx, &path, &form),
    };
    let sent = NodeEdit {
        text: form.text.clone(),
        base: form.base.clone(),
        version: form.version.clone(),
    };
    let (process_slug, document_slug, key) = path.clone();
    let saving = state
        .run(move |conn| edit::save_node(conn, person, &process_slug, &document_slug, &key, &sent));
    let refused = match saving.await {
        Ok(location) => return Ok(page::see_other(&location)),
        Err(refused @ (app::Error::Invalid(_) | app::Error::Conflict(_))) => refused,
        Err(app::Error::StorageUnavailable(source)) => {
            let _logged = AppError::storage_unavailable(source);
            return not_saved(ctx, &state, person, path, form).await;
        }
        Err(other) => return Err(other.into()),
    };
    let key = path.2.clone();
    let Editor { loaded, node } = editor_now(&state, person, path).await?;
    let Some(node) = node else {
        let page = NodePage::removed(ctx, loaded, key, form.text);
        return page::render(&page, StatusCode::CONFLICT);
    };
    let saved_version = node.version;
    let mut page = NodePage::new(ctx, loaded, key, node);
    match refused {
        app::Error::Invalid(errors) => {
            page.errors = errors;
            page.version = form.version.parse().unwrap_or(saved_version);
            page.text = form.text;
            page.base = form.base;
            page::invalid(&page)
        }
        app::Error::Conflict(message) => {
            // Saving again from here means: my text replaces what is there now.
            page.theirs = Some(page.base.clone());
            page.text = edit::typed_text(&form.text);
            page.message = Some(message);
            page::render(&page, StatusCode::CONFLICT)
        }
        other => Err(other.into()),
    }
}

/// A node's text the database could not take: back in the node's form as it was sent, or,
/// when the form cannot be read either, on the plain page.
async fn not_saved(
    ctx: Ctx,
    state: &AppState,
    person: Person,
    path: (String, String, String),
    form: NodeForm,
) -> Result<HttpResponse, AppError> {
    let key = path.2.clone();
    match editor_now(state, person, path.clone()).await {
        Ok(Editor {
            loaded,
            node: Some(node),
        }) => {
            let saved_version = node.version;
            let mut page = NodePage::new(ctx, loaded, key, node);
            page.version = form.version.parse().unwrap_or(saved_version);
            page.text = form.text;
            page.base = form.base;
            page.message = Some(kept::MESSAGE);
            kept::unavailable(&page)
        }
        _ => given_back(ctx, &path, &form),
    }
}

/// The node's text on the plain page that needs no database, to be sent again as it was.
fn given_back(
    ctx: Ctx,
    (process_slug, document_slug, key): &(String, String, String),
    form: &NodeForm,
) -> Result<HttpResponse, AppError> {
    let fields = vec![
        KeptField::shown("text", "document-node-text", &form.text, true),
        KeptField::carried("base", &form.base),
        KeptField::carried("version", &form.version),
    ];
    let action = crate::paths::document_node(process_slug, document_slug, key);
    kept::page(ctx, action, false, fields)
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
    poster: Poster,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<InsertForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug) = path.into_inner();
    let InsertForm { after, kind, text } = form.into_inner();
    // What comes back, on the plain page, if the database cannot take the new paragraph.
    let kept_fields = vec![
        KeptField::shown("text", "document-node-text", &text, true),
        KeptField::carried("after", &after),
        KeptField::carried("kind", &kind),
    ];
    let action = crate::paths::document_nodes(&process_slug, &document_slug);
    let (ctx, person) = match poster {
        Poster::Known(ctx, visitor) => (ctx, signed_in(&visitor)?),
        Poster::Unknown(ctx) => return kept::page(ctx, action, false, kept_fields),
    };
    let new = NewNode { after, kind, text };
    let inserted = state
        .run(move |conn| edit::insert_node(conn, person, &process_slug, &document_slug, &new))
        .await;
    match inserted {
        Ok(location) => Ok(page::see_other(&location)),
        Err(app::Error::StorageUnavailable(source)) => {
            let _logged = AppError::storage_unavailable(source);
            kept::page(ctx, action, false, kept_fields)
        }
        Err(other) => Err(other.into()),
    }
}

/// The signed-in person who posted a form; anyone else signs in first.
fn signed_in(visitor: &crate::web::session::Visitor) -> Result<Person, AppError> {
    visitor.person().ok_or_else(|| AppError::SignInRequired {
        next: crate::paths::home(),
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    direction: String,
}

#[post("/{document}/nodes/{key}/move")]
pub async fn move_node(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, key) = path.into_inner();
    let direction = form.into_inner().direction;
    let person = user.person();
    let location = state
        .run(move |conn| {
            edit::move_node(
                conn,
                person,
                &process_slug,
                &document_slug,
                &key,
                &direction,
            )
        })
        .await?;
    Ok(page::see_other(&location))
}

/// Removes a node from the working copy; its text stays in the audit log and in every
/// revision that published it.
#[post("/{document}/nodes/{key}/delete")]
pub async fn delete_node(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, key) = path.into_inner();
    let person = user.person();
    let location = state
        .run(move |conn| edit::delete_node(conn, person, &process_slug, &document_slug, &key))
        .await?;
    Ok(page::see_other(&location))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {
    label: String,
    /// The box ticked to publish after a revision named final.
    confirm_final: String,
}

/// Publishes the working copy as an immutable, named revision. A missing or taken name shows
/// the working copy again with the name typed and the reason beside it.
#[post("/{document}/publish")]
pub async fn publish(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<PublishForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug) = path.into_inner();
    let PublishForm {
        label: typed,
        confirm_final,
    } = form.into_inner();
    let person = user.person();
    let label = typed.clone();
    let (process, document) = (process_slug.clone(), document_slug.clone());
    let publishing = state.run(move |conn| {
        let sent = Publishing {
            label: &label,
            confirmed_after_final: !confirm_final.is_empty(),
        };
        publishing::publish(conn, person, &process, &document, sent)
    });
    let errors = match publishing.await {
        Ok(location) => return Ok(page::see_other(&location)),
        Err(app::Error::Invalid(errors)) => errors,
        Err(other) => return Err(other.into()),
    };
    let view = state
        .run(move |conn| pages::working_copy(conn, person, &process_slug, &document_slug))
        .await?;
    page::invalid(&DocumentPage::new(ctx, view, typed, errors))
}
