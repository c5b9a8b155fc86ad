//! The compilation text of a round: the revision under negotiation paragraph by paragraph,
//! each followed by every amendment tabled on it and not withdrawn, in the established style
//! (additions in bold, deletions struck through, the proponents in brackets after each
//! proposal, then who joined and who opposed it). Read as a page, and exported like every
//! document through `export`, from a text built here in the documents' own Markdown.
//!
//! Who may read it is the round's business: a restricted round's compilation is `NotFound` to
//! everyone outside its delegations and staff, in every format.

use std::collections::HashMap;

use super::rounds::{AmendmentView, RoundView, round};
use crate::app::{Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::{Content, DocumentKind, Node, NodeKind};
use crate::domain::negotiation::text::{escape_markdown, marked_markdown};
use crate::domain::negotiation::{AmendmentStatus, Stance};
use crate::export::{self, Export, Input, Labels, Version};
use crate::i18n::Lang;
use crate::store::documents::{documents_of_process, revision_by_id};

/// The round as its compilation shows it: withdrawn amendments left out.
pub fn compilation(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    number: i32,
) -> Result<RoundView> {
    let mut view = round(conn, person, slug, number)?;
    let tabled = |a: &AmendmentView| a.amendment.status == AmendmentStatus::Tabled;
    for paragraph in &mut view.paragraphs {
        paragraph.amendments.retain(tabled);
    }
    view.unplaced.retain(tabled);
    Ok(view)
}

/// The compilation text as an export of the revision it reads, its words in the document's
/// language; links made absolute with `base_url`.
pub fn compilation_export(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    number: i32,
    base_url: &str,
) -> Result<Export> {
    let view = compilation(conn, person, slug, number)?;
    let revision = revision_by_id(conn, view.round.revision_id)?.ok_or(Error::NotFound)?;
    let original = revision
        .content()
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("unreadable revision")))?;
    let document = documents_of_process(conn, view.process.id)?
        .into_iter()
        .find(|d| d.id == revision.document_id)
        .ok_or(Error::NotFound)?;
    let lang = Lang::parse(&original.language).unwrap_or(Lang::En);
    let content = compiled_content(&view, &original, lang);
    let label = lang.t_with(
        "negotiation-compilation-of",
        &[("revision", revision.label.clone())],
    );
    let process_title = view.structure.title(lang, &view.process);
    let mut export = export::build(Input {
        process_slug: &view.process.slug,
        process_title: process_title.text,
        process_title_language: process_title.lang,
        document_slug: &document.slug,
        kind: DocumentKind::Draft,
        version: Version::Published {
            number: revision.number,
            label,
            slug: format!("{}-compilation-{}", revision.slug, view.round.number),
        },
        date: crate::store::now().date(),
        created: document.created_at.date(),
        generated: crate::store::now(),
        content: &content,
        source_paths: &HashMap::new(),
        source_languages: &HashMap::new(),
        base_url,
        labels: Labels::in_language(lang),
    });
    mark_additions(&mut export, &view);
    Ok(export)
}

/// Marks the bold words of every amendment as inserted words, for the formats that mark
/// additions up (Akoma Ntoso's `<ins>`). A paragraph's own text comes first in its blocks and
/// keeps its bold as bold; every block after it is an amendment's (or the paragraph's status).
fn mark_additions(export: &mut Export, view: &RoundView) {
    let own_blocks: HashMap<&str, usize> = view
        .paragraphs
        .iter()
        .map(|p| {
            (
                p.node.key.as_str(),
                export::text::blocks(&p.node.text).len(),
            )
        })
        .collect();
    for node in &mut export.nodes {
        if node.kind == NodeKind::Heading {
            continue;
        }
        let own = own_blocks.get(node.key.as_str()).copied().unwrap_or(0);
        let amended = node.blocks.iter_mut().skip(own);
        let marked = node
            .marked_blocks
            .iter_mut()
            .flat_map(|b| b.iter_mut().skip(own));
        for block in amended.chain(marked) {
            for run in &mut block.runs {
                run.inserted = run.bold;
            }
        }
    }
}

/// The revision's text with each paragraph followed by its amendments, as Markdown blocks of
/// the paragraph; amendments to paragraphs the revision no longer holds come last, under a
/// heading of their own. Provenance is left out: a compilation cites amendments.
pub fn compiled_content(view: &RoundView, original: &Content, lang: Lang) -> Content {
    let mut nodes = Vec::with_capacity(view.paragraphs.len() + 1);
    for paragraph in &view.paragraphs {
        let mut text = paragraph.node.text.clone();
        for item in &paragraph.amendments {
            text.push_str("\n\n");
            text.push_str(&amendment_markdown(item, lang));
        }
        nodes.push(Node {
            key: paragraph.node.key.clone(),
            kind: paragraph.node.kind,
            text,
            provenance: Vec::new(),
            status: paragraph.node.status,
        });
    }
    if !view.unplaced.is_empty() {
        nodes.push(Node {
            key: "unplaced".into(),
            kind: NodeKind::Heading,
            text: lang.t("negotiation-unplaced").into_owned(),
            provenance: Vec::new(),
            status: Default::default(),
        });
        for item in &view.unplaced {
            nodes.push(Node {
                key: format!("unplaced-{}", item.amendment.number),
                kind: NodeKind::Paragraph,
                text: amendment_markdown(item, lang),
                provenance: Vec::new(),
                status: Default::default(),
            });
        }
    }
    Content {
        title: format!("{}: {}", original.title, view.round.title),
        symbol: original.symbol.clone(),
        language: original.language.clone(),
        nodes,
    }
}

/// One amendment in the established style: "*Amendment 3:* … **added** ~~deleted~~ …
/// \[Mexico, on behalf of G77\] Joined by: …. Opposed by: …."
fn amendment_markdown(item: &AmendmentView, lang: Lang) -> String {
    let number = lang.t_with(
        "negotiation-amendment-number",
        &[("number", item.amendment.number.to_string())],
    );
    let change = match &item.pieces {
        Some(pieces) => marked_markdown(pieces),
        None => format!("**{}**", escape_markdown(item.amendment.new_text.trim())),
    };
    let mut proponent = escape_markdown(&item.delegation);
    if let Some(group) = &item.on_behalf_of {
        proponent.push_str(&format!(
            ", {} {}",
            lang.t("negotiation-on-behalf-of"),
            escape_markdown(group)
        ));
    }
    let mut out = format!("*{}:* {change} \\[{proponent}\\]", escape_markdown(&number));
    for (stance, key) in [
        (Stance::Join, "negotiation-joined-by"),
        (Stance::Oppose, "negotiation-opposed-by"),
    ] {
        let names: Vec<String> = item
            .positions
            .iter()
            .filter(|p| p.stance == stance)
            .map(|p| match &p.group {
                Some(group) => format!(
                    "{} ({} {})",
                    escape_markdown(&p.delegation),
                    lang.t("negotiation-on-behalf-of"),
                    escape_markdown(group)
                ),
                None => escape_markdown(&p.delegation),
            })
            .collect();
        if !names.is_empty() {
            out.push_str(&format!(" {}: {}.", lang.t(key), names.join(", ")));
        }
    }
    out
}
