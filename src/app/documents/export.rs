//! What an export is made of: the text a download names (a published revision, or the
//! working copy for those who may read it) built into the export model. Writing the files
//! (PDF runs Chromium) is the web layer's, off the database connection.

use chrono::NaiveDate;

use super::pages::{content_of, source_languages, source_links};
use super::{Loaded, load};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::{Content, DocumentKind};
use crate::domain::permissions::Action;
use crate::export::{self, Export, Input, Labels, Version};
use crate::i18n::Lang;
use crate::store::documents::{self as store, Document};

/// `?revision=` names a revision by its slug; `working` is the working copy.
const WORKING: &str = "working";

/// The text to export: which version, its content, its date.
struct Chosen {
    version: Version,
    content: Content,
    date: NaiveDate,
}

fn working(conn: &mut DbConnection, loaded: &Loaded) -> Result<Chosen> {
    Ok(Chosen {
        version: Version::Working,
        content: store::working_content(conn, &loaded.document)?,
        date: loaded.document.updated_at.date(),
    })
}

/// Picks the text `wanted` names ("" for the latest revision). The working copy is for those
/// who may read it: refused once the document is public, and not there at all before, as
/// the document page does.
fn choose(conn: &mut DbConnection, loaded: &Loaded, wanted: &str) -> Result<Chosen> {
    let revision = match wanted {
        "" => match store::latest_revision(conn, loaded.document.id)? {
            Some(revision) => revision,
            None if loaded.can_read_working() => return working(conn, loaded),
            None => return Err(Error::NotFound),
        },
        WORKING if loaded.can_read_working() => return working(conn, loaded),
        WORKING => {
            return Err(match store::latest_revision(conn, loaded.document.id)? {
                Some(_) => Error::Forbidden,
                None => Error::NotFound,
            });
        }
        slug => store::revision_by_slug(conn, loaded.document.id, slug)?.ok_or(Error::NotFound)?,
    };
    Ok(Chosen {
        content: content_of(&revision)?,
        version: Version::Published {
            number: revision.number,
            label: revision.label,
            slug: revision.slug,
        },
        date: revision.published_at.date(),
    })
}

/// The words printed around a document's text ("Symbol", "Page 1 of 1"), in the document's
/// own language whatever the reader's, so that an Arabic text is not framed in English; a
/// language the interface does not speak (none is stored today) falls back to English.
fn labels_of(document: &Document) -> Labels {
    Labels::in_language(Lang::parse(&document.language).unwrap_or(Lang::En))
}

/// The export model of one document's chosen text: three more queries for the sources' links.
fn model(
    conn: &mut DbConnection,
    loaded: &Loaded,
    chosen: Chosen,
    base_url: &str,
) -> Result<Export> {
    let links = source_links(conn, &loaded.process.slug, &chosen.content.nodes)?;
    let languages = source_languages(conn, &chosen.content.nodes)?;
    let language = Lang::parse(&loaded.document.language).unwrap_or(Lang::En);
    // The title in the document's language where the secretariat gave one, else the
    // original, marked with its language.
    let process_title = loaded.outline.structure.title(language, &loaded.process);
    Ok(export::build(Input {
        process_slug: &loaded.process.slug,
        process_title: process_title.text,
        process_title_language: process_title.lang,
        document_slug: &loaded.document.slug,
        kind: loaded.kind,
        version: chosen.version,
        date: chosen.date,
        created: loaded.document.created_at.date(),
        generated: crate::store::now(),
        content: &chosen.content,
        source_paths: &links,
        source_languages: &languages,
        base_url,
        labels: labels_of(&loaded.document),
    }))
}

/// The export model of one document at the revision `wanted` names (its slug, `working`, or
/// "" for the latest), its links made absolute with `base_url`, its headings in the
/// document's language.
pub fn document_export(
    conn: &mut DbConnection,
    person: Option<Person>,
    process_slug: &str,
    document_slug: &str,
    wanted: &str,
    base_url: &str,
) -> Result<Export> {
    let loaded = load(conn, person, process_slug, document_slug)?;
    let chosen = choose(conn, &loaded, wanted)?;
    model(conn, &loaded, chosen, base_url)
}

/// The first document of a kind in the process.
fn document_of_kind(documents: &[Document], kind: DocumentKind) -> Option<Document> {
    documents.iter().find(|d| d.kind == kind).cloned()
}

/// The co-facilitators' draft summary: the export models of the Chair's summary at `summary`
/// and of the draft at `draft` (each a revision's slug, `working`, or "" for the latest),
/// with the process's slug.
pub fn draft_summary(
    conn: &mut DbConnection,
    person: Option<Person>,
    process_slug: &str,
    summary: &str,
    draft: &str,
    base_url: &str,
) -> Result<(String, Vec<Export>)> {
    let (process, actor) = app::process_for(conn, process_slug, person)?;
    app::require(&actor, Action::ExportDraftSummary)?;
    let documents = store::documents_of_process(conn, process.id)?;
    let outline = app::outline::of(conn, &process)?;
    let mut exports = Vec::with_capacity(2);
    for (kind, wanted) in [
        (DocumentKind::ChairsSummary, summary),
        (DocumentKind::Draft, draft),
    ] {
        let document = document_of_kind(&documents, kind).ok_or(Error::NotFound)?;
        let loaded = Loaded::new(process.clone(), document, actor.clone(), outline.clone());
        let chosen = choose(conn, &loaded, wanted)?;
        exports.push(model(conn, &loaded, chosen, base_url)?);
    }
    Ok((process.slug, exports))
}
