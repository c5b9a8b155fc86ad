//! Parallel language versions of a document: what each language has translated of the
//! original's latest revision and what is out of date there, one language beside the
//! original, a translator saving one node, and a language version's export.
//!
//! The original is the document's own language; nobody translates into it. Translations
//! are made from published revisions (the working copy is not public, and translators hold
//! no right to read it); each remembers the revision and the text it was made from.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::pages::{content_of, source_languages, source_links};
use super::{Loaded, load};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::{Content, Node};
use crate::domain::permissions::{Action, can};
use crate::domain::translations::{self, Progress, State, TranslatedFrom};
use crate::export::{self, Export, Input, Labels, Version};
use crate::i18n::Lang;
use crate::paths;
use crate::store::documents::{self as store, Revision, RevisionSummary};
use crate::store::translations::{self as saved, Saved, Translation};

use super::edit::check_text;

/// The language a document is written in; an unknown stored language reads as English, as
/// the exports do.
pub fn original_language(loaded: &Loaded) -> Lang {
    Lang::parse(&loaded.document.language).unwrap_or(Lang::En)
}

/// The language named in a URL: one of the six by its exact code, and not the original's.
fn target(loaded: &Loaded, code: &str) -> Result<Lang> {
    let language = Lang::parse(code)
        .filter(|l| l.code() == code)
        .ok_or(Error::NotFound)?;
    if language == original_language(loaded) {
        return Err(Error::NotFound);
    }
    Ok(language)
}

fn summary(revision: &Revision) -> RevisionSummary {
    RevisionSummary {
        number: revision.number,
        label: revision.label.clone(),
        slug: revision.slug.clone(),
        published_at: revision.published_at,
    }
}

/// The progress of every other language over `content` (the latest revision): one query.
pub fn progress_of(
    conn: &mut DbConnection,
    loaded: &Loaded,
    content: &Content,
) -> Result<Vec<Progress>> {
    let all = saved::translations_of_document(conn, loaded.document.id)?;
    Ok(translations::target_languages(original_language(loaded))
        .into_iter()
        .map(|language| {
            let of_language: Vec<TranslatedFrom<'_>> = all
                .iter()
                .filter(|t| t.language == language.code())
                .map(Translation::translated_from)
                .collect();
            translations::progress(language, &content.nodes, &of_language)
        })
        .collect())
}

/// One node of the original beside its translation.
pub struct Pair {
    pub node: Node,
    pub state: State,
    /// The translation's text, as saved (empty when missing).
    pub translation: String,
    /// The revision the translation was made from.
    pub translated_from: Option<i32>,
}

/// A language version beside the original's latest revision.
pub struct LanguageVersion {
    pub loaded: Loaded,
    pub original: Lang,
    pub language: Lang,
    pub revision: RevisionSummary,
    /// The original's title and symbol.
    pub content: Content,
    pub pairs: Vec<Pair>,
    pub progress: Progress,
    /// Whether the person may translate into this language.
    pub can_translate: bool,
}

/// The side-by-side view of `code` against the original's latest revision: public, as the
/// revision is. Not found for the original's own language, or before any revision.
pub fn language_version(
    conn: &mut DbConnection,
    person: Option<Person>,
    process_slug: &str,
    document_slug: &str,
    code: &str,
) -> Result<LanguageVersion> {
    let loaded = load(conn, person, process_slug, document_slug)?;
    let language = target(&loaded, code)?;
    let revision = store::latest_revision(conn, loaded.document.id)?.ok_or(Error::NotFound)?;
    let content = content_of(&revision)?;
    let stored = saved::translations_into(conn, loaded.document.id, language.code())?;
    let from: Vec<TranslatedFrom<'_>> = stored.iter().map(Translation::translated_from).collect();
    let progress = translations::progress(language, &content.nodes, &from);
    let states = translations::states(&content.nodes, &from);
    let mut by_key: HashMap<&str, &Translation> =
        stored.iter().map(|t| (t.node_key.as_str(), t)).collect();
    let pairs = content
        .nodes
        .iter()
        .zip(states)
        .map(|(node, state)| {
            let found = by_key.remove(node.key.as_str());
            Pair {
                node: node.clone(),
                state,
                translation: found.map(|t| t.text.clone()).unwrap_or_default(),
                translated_from: found.map(|t| t.source_revision),
            }
        })
        .collect();
    Ok(LanguageVersion {
        can_translate: can(&loaded.actor, Action::Translate(language)),
        original: original_language(&loaded),
        language,
        revision: summary(&revision),
        content,
        pairs,
        progress,
        loaded,
    })
}

/// A translator's save of one node, as the form sends it.
pub struct Translated<'a> {
    pub language: &'a str,
    pub node_key: &'a str,
    pub text: &'a str,
    /// The number of the revision the translator had in front of them.
    pub revision: i32,
}

/// Saves one node's translation, made from the text it had in the revision the translator
/// read (so a revision published meanwhile leaves it out of date, not wrongly current).
/// Returns the language version's page, at the node. Only the language's translators may;
/// the original's language is refused to everyone.
pub fn save(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
    form: &Translated<'_>,
) -> Result<String> {
    app::transaction(conn, |conn| {
        let loaded = load(conn, Some(person), process_slug, document_slug)?;
        let language = Lang::parse(form.language)
            .filter(|l| l.code() == form.language)
            .ok_or(Error::NotFound)?;
        if language == original_language(&loaded) {
            return Err(Error::Forbidden);
        }
        app::require(&loaded.actor, Action::Translate(language))?;
        let revision = store::revision_by_number(conn, loaded.document.id, form.revision)?
            .ok_or(Error::NotFound)?;
        let content = content_of(&revision)?;
        let node = content
            .nodes
            .iter()
            .find(|n| n.key == form.node_key)
            .ok_or(Error::NotFound)?;
        let text = check_text(form.text, node.kind).map_err(|key| Error::invalid("text", key))?;
        saved::save_translation(
            conn,
            &Saved {
                document_id: loaded.document.id,
                language: language.code(),
                node_key: &node.key,
                text: &text,
                source_revision: revision.number,
                source_text: &node.text,
                by: person.account_id,
            },
        )?;
        loaded.audit(
            conn,
            person,
            "translation.save",
            serde_json::json!({
                "language": language.code(),
                "node_key": node.key,
                "revision": revision.number,
            }),
        )?;
        let page =
            paths::document_language(&loaded.process.slug, &loaded.document.slug, language.code());
        Ok(format!("{page}?notice=saved#node-{}", node.key))
    })
}

/// The export model of a language version: the original's latest revision with every
/// translated node in the language (nodes not translated yet keep the original's words),
/// printed in the language's labels and direction, naming the original it translates.
pub fn language_export(
    conn: &mut DbConnection,
    person: Option<Person>,
    process_slug: &str,
    document_slug: &str,
    code: &str,
    base_url: &str,
) -> Result<Export> {
    let loaded = load(conn, person, process_slug, document_slug)?;
    let language = target(&loaded, code)?;
    let revision = store::latest_revision(conn, loaded.document.id)?.ok_or(Error::NotFound)?;
    let mut content = content_of(&revision)?;
    let stored = saved::translations_into(conn, loaded.document.id, language.code())?;
    for node in &mut content.nodes {
        if let Some(found) = stored.iter().find(|t| t.node_key == node.key) {
            node.text = found.text.clone();
        }
    }
    content.language = language.code().to_string();
    let links = source_links(conn, &loaded.process.slug, &content.nodes)?;
    let languages = source_languages(conn, &content.nodes)?;
    let date: NaiveDate = revision.published_at.date();
    let process_title = loaded.outline.structure.title(language, &loaded.process);
    let mut model = export::build(Input {
        process_slug: &loaded.process.slug,
        process_title: process_title.text,
        process_title_language: process_title.lang,
        document_slug: &loaded.document.slug,
        kind: loaded.kind,
        version: Version::Published {
            number: revision.number,
            label: revision.label,
            slug: revision.slug,
        },
        date,
        created: loaded.document.created_at.date(),
        generated: crate::store::now(),
        content: &content,
        source_paths: &links,
        source_languages: &languages,
        base_url,
        labels: Labels::in_language(language),
    });
    model.translation_of =
        crate::export::text::Language::official(original_language(&loaded).code());
    Ok(model)
}
