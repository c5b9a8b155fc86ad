//! Language versions of a document: one language beside the original's latest revision
//! (public), a translator's form for one node, and the language version's exports. The use
//! cases are `app::documents::translations`; a refused text comes back in its form, 422,
//! as typed.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::export::write_download;
use crate::app;
use crate::app::documents::Loaded;
use crate::app::documents::translations::{self, LanguageVersion, Pair, Translated};
use crate::domain::documents::{NodeKind, numbers};
use crate::domain::translations::{Progress, State};
use crate::export::Format;
use crate::i18n::Lang;
use crate::paths;
use crate::store::documents::RevisionSummary;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx, FieldErrors};
use crate::web::session::{SignedIn, Visitor};

/// One node of the original beside its translation, as the pages show it.
pub struct PairView {
    pub key: String,
    pub kind: NodeKind,
    /// "12." or "(b)"; empty for a heading.
    pub margin: String,
    /// "12" or "12 (b)", or the heading's text, to name the node to screen readers.
    pub name: String,
    pub original: String,
    pub translation: String,
    pub state: State,
}

impl PairView {
    pub fn is_heading(&self) -> bool {
        self.kind == NodeKind::Heading
    }

    pub fn is_current(&self) -> bool {
        self.state == State::Current
    }

    pub fn is_missing(&self) -> bool {
        self.state == State::Missing
    }

    /// A paragraph's or measure's text as HTML (a heading is shown as plain text).
    pub fn original_html(&self) -> String {
        crate::markdown::to_safe_html(&self.original)
    }

    pub fn translation_html(&self) -> String {
        crate::markdown::to_safe_html(&self.translation)
    }
}

fn pair_views(pairs: Vec<Pair>) -> Vec<PairView> {
    let nodes: Vec<_> = pairs.iter().map(|p| p.node.clone()).collect();
    numbers(&nodes)
        .into_iter()
        .zip(pairs)
        .map(|(number, pair)| PairView {
            margin: match &number {
                Some(n) => match &n.letter {
                    Some(letter) => format!("({letter})"),
                    None => format!("{}.", n.paragraph),
                },
                None => String::new(),
            },
            name: match &number {
                Some(n) => n.display(),
                None => pair.node.text.clone(),
            },
            key: pair.node.key,
            kind: pair.node.kind,
            original: pair.node.text,
            translation: pair.translation,
            state: pair.state,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "documents/language.html")]
struct LanguagePage {
    ctx: Ctx,
    loaded: Loaded,
    title: String,
    original: Lang,
    language: Lang,
    revision: RevisionSummary,
    pairs: Vec<PairView>,
    progress: Progress,
    can_translate: bool,
}

impl LanguagePage {
    fn state_key(&self, state: &State) -> &'static str {
        state.label_key()
    }
}

#[get("/{document}/languages/{language}")]
pub async fn language_page(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, code) = path.into_inner();
    let person = visitor.person();
    let version = state
        .run(move |conn| {
            translations::language_version(conn, person, &process_slug, &document_slug, &code)
        })
        .await?;
    let LanguageVersion {
        loaded,
        original,
        language,
        revision,
        content,
        pairs,
        progress,
        can_translate,
    } = version;
    page::ok(&LanguagePage {
        ctx,
        loaded,
        title: content.title,
        original,
        language,
        revision,
        pairs: pair_views(pairs),
        progress,
        can_translate,
    })
}

#[derive(Template)]
#[template(path = "documents/translate_node.html")]
struct TranslatePage {
    ctx: Ctx,
    loaded: Loaded,
    title: String,
    original: Lang,
    language: Lang,
    revision: RevisionSummary,
    pair: PairView,
    /// What the translator sees in the box.
    text: String,
    errors: FieldErrors,
}

impl TranslatePage {
    fn state_key(&self) -> &'static str {
        self.pair.state.label_key()
    }
}

/// The translation form of node `key`, with `text` in the box; not found for a node the
/// latest revision does not hold.
fn translate_page(
    ctx: Ctx,
    version: LanguageVersion,
    key: &str,
    text: Option<String>,
    errors: FieldErrors,
) -> Result<TranslatePage, AppError> {
    let LanguageVersion {
        loaded,
        original,
        language,
        revision,
        content,
        pairs,
        can_translate,
        ..
    } = version;
    if !can_translate {
        return Err(AppError::Forbidden);
    }
    let pair = pair_views(pairs)
        .into_iter()
        .find(|p| p.key == key)
        .ok_or(AppError::NotFound)?;
    Ok(TranslatePage {
        ctx,
        loaded,
        title: content.title,
        original,
        language,
        revision,
        text: text.unwrap_or_else(|| pair.translation.clone()),
        pair,
        errors,
    })
}

#[get("/{document}/languages/{language}/nodes/{key}")]
pub async fn translate_form(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, code, key) = path.into_inner();
    let person = Some(user.person());
    let version = state
        .run(move |conn| {
            translations::language_version(conn, person, &process_slug, &document_slug, &code)
        })
        .await?;
    page::ok(&translate_page(
        ctx,
        version,
        &key,
        None,
        FieldErrors::default(),
    )?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TranslateForm {
    text: String,
    /// The revision of the original the translator read.
    revision: String,
}

#[post("/{document}/languages/{language}/nodes/{key}")]
pub async fn save_translation(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String, String)>,
    form: web::Form<TranslateForm>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, code, key) = path.into_inner();
    let form = form.into_inner();
    let revision: i32 = form
        .revision
        .trim()
        .parse()
        .map_err(|_| AppError::from(app::Error::BadRequest("revision")))?;
    let person = user.person();
    let (p, d, c, k, text) = (
        process_slug.clone(),
        document_slug.clone(),
        code.clone(),
        key.clone(),
        form.text.clone(),
    );
    let saving = state.run(move |conn| {
        let sent = Translated {
            language: &c,
            node_key: &k,
            text: &text,
            revision,
        };
        translations::save(conn, person, &p, &d, &sent)
    });
    let errors = match saving.await {
        Ok(location) => return Ok(page::see_other(&location)),
        Err(app::Error::Invalid(errors)) => errors,
        Err(other) => return Err(other.into()),
    };
    let person = Some(person);
    let version = state
        .run(move |conn| {
            translations::language_version(conn, person, &process_slug, &document_slug, &code)
        })
        .await?;
    page::invalid(&translate_page(
        ctx,
        version,
        &key,
        Some(form.text),
        errors,
    )?)
}

#[get("/{document}/languages/{language}/export.{format}")]
pub async fn export_language(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String, String)>,
) -> Result<HttpResponse, AppError> {
    let (process_slug, document_slug, code, format) = path.into_inner();
    let format = Format::parse(&format).ok_or(AppError::NotFound)?;
    let base_url = state.settings.public_url.clone();
    let back = paths::document_language(&process_slug, &document_slug, &code);
    let person = visitor.person();
    let export = state
        .run(move |conn| {
            translations::language_export(
                conn,
                person,
                &process_slug,
                &document_slug,
                &code,
                &base_url,
            )
        })
        .await?;
    write_download(ctx, &state, export, format, back).await
}
