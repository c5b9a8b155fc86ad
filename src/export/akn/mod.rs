//! Akoma Ntoso 3.0 (quick-xml), valid against the OASIS schema: a `<doc>` named after the
//! document's kind, with FRBR identification, the title, symbol, date and stage in the preface,
//! headings as sections, numbered paragraphs with their lettered measures as points, and the
//! provenance in the metadata: each cited source a `TLCReference`, each paragraph's sources a
//! note placed on the paragraph's eId, and the same links again in machine-readable form
//! under `<proprietary>`.
//!
//! Element identifiers come from node keys (`para_k3`), so they survive renumbering.

mod meta;
mod xml;

use std::io::Cursor;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, Event};

use super::ExportError;
use super::model::{Export, ExportNode, Version};
use super::text::{Block, Run};
use crate::domain::documents::brackets::marks;
use xml::{Result, Xml, safe_link};

pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
/// Our own vocabulary under `<proprietary>`.
pub const PROVENANCE_NAMESPACE: &str = "urn:concord:provenance:1";
const CONCORD: &str = "org_concord";

fn write_run(xml: &mut Xml, run: &Run, open_marks: &mut usize) -> Result {
    if !run.text.contains(is_mark) {
        return write_styled(xml, run, &run.text);
    }
    // A bracket's marks stand between runs, never inside `<i>` or `<b>`: the run is written
    // in pieces, the marks between them.
    let mut rest = run.text.as_str();
    while let Some(at) = rest.find(is_mark) {
        if at > 0 {
            write_styled(xml, run, &rest[..at])?;
        }
        let mark = rest[at..].chars().next().unwrap_or_default();
        write_mark(xml, mark, open_marks)?;
        rest = &rest[at + mark.len_utf8()..];
    }
    if !rest.is_empty() {
        write_styled(xml, run, rest)?;
    }
    Ok(())
}

fn is_mark(c: char) -> bool {
    matches!(
        c,
        marks::PASSAGE_OPEN
            | marks::PASSAGE_CLOSE
            | marks::ALTERNATIVE_OPEN
            | marks::ALTERNATIVE_CLOSE
    )
}

/// A bracketed passage is `<inline name="brackets">`, each of its alternatives an
/// `<inline name="alternative">` inside it. A close with nothing open is dropped (a passage
/// that spans blocks is closed at the end of each).
fn write_mark(xml: &mut Xml, mark: char, open_marks: &mut usize) -> Result {
    match mark {
        marks::PASSAGE_OPEN | marks::ALTERNATIVE_OPEN => {
            let name = if mark == marks::PASSAGE_OPEN {
                "brackets"
            } else {
                "alternative"
            };
            xml.text("")?;
            xml.open("inline", &[("name", name)])?;
            *open_marks += 1;
        }
        _ if *open_marks > 0 => {
            xml.text("")?;
            xml.close("inline")?;
            *open_marks -= 1;
        }
        _ => {}
    }
    Ok(())
}

fn write_styled(xml: &mut Xml, run: &Run, text: &str) -> Result {
    // An empty text first, so the indenting writer puts no line break between two runs.
    xml.text("")?;
    let link = run.link.as_deref().and_then(safe_link);
    let mut open: Vec<&str> = Vec::new();
    if let Some(href) = &link {
        xml.open("a", &[("href", href)])?;
        open.push("a");
    }
    // Added words are inserted words, as Akoma Ntoso marks a compilation text's additions;
    // other bold words are only bold.
    let bold = if run.inserted { "ins" } else { "b" };
    if run.bold || run.inserted {
        xml.open(bold, &[])?;
        open.push(bold);
    }
    if run.italic {
        xml.open("i", &[])?;
        open.push("i");
    }
    // Struck-through words are deleted words: a compilation text's deletions, marked up as
    // Akoma Ntoso marks them.
    if run.strike {
        xml.open("del", &[])?;
        open.push("del");
    }
    xml.text(text)?;
    for name in open.into_iter().rev() {
        xml.close(name)?;
    }
    Ok(())
}

fn write_block(xml: &mut Xml, block: &Block) -> Result {
    xml.open("p", &[])?;
    if !block.marker.is_empty() {
        xml.text(&format!("{} ", block.marker))?;
    }
    let mut open_marks = 0;
    for run in &block.runs {
        write_run(xml, run, &mut open_marks)?;
    }
    for _ in 0..open_marks {
        xml.close("inline")?;
    }
    xml.close("p")
}

fn write_blocks(xml: &mut Xml, wrapper: &str, node: &ExportNode) -> Result {
    xml.open(wrapper, &[])?;
    let blocks = node.marked_blocks.as_ref().unwrap_or(&node.blocks);
    if blocks.is_empty() {
        xml.empty("p", &[])?;
    }
    for block in blocks {
        write_block(xml, block)?;
    }
    xml.close(wrapper)
}

/// `xml:lang` when a node's language is not the document's.
fn lang_of<'a>(export: &Export, node: &'a ExportNode) -> Option<&'a str> {
    (node.language != export.language).then_some(node.language.code)
}

fn attributes<'a>(eid: &'a str, lang: Option<&'a str>) -> Vec<(&'a str, &'a str)> {
    let mut attributes = vec![("eId", eid)];
    if let Some(lang) = lang {
        attributes.push(("xml:lang", lang));
    }
    attributes
}

/// A paragraph or a measure standing alone: number and text.
fn write_leaf(xml: &mut Xml, export: &Export, element: &str, node: &ExportNode) -> Result {
    xml.open(element, &attributes(&node.eid, lang_of(export, node)))?;
    xml.leaf("num", &[], &node.margin())?;
    write_blocks(xml, "content", node)?;
    xml.close(element)
}

/// The document as Akoma Ntoso nests it: sections (from headings) of paragraphs, each
/// paragraph with its measures.
enum Item<'a> {
    Paragraph(&'a ExportNode, Vec<&'a ExportNode>),
    /// A measure with no paragraph before it in its section.
    Point(&'a ExportNode),
}

struct Section<'a> {
    heading: Option<&'a ExportNode>,
    items: Vec<Item<'a>>,
}

fn outline(export: &Export) -> Vec<Section<'_>> {
    let mut sections = vec![Section {
        heading: None,
        items: Vec::new(),
    }];
    for node in &export.nodes {
        if node.is_heading() {
            sections.push(Section {
                heading: Some(node),
                items: Vec::new(),
            });
            continue;
        }
        let Some(section) = sections.last_mut() else {
            continue;
        };
        match (node.is_measure(), section.items.last_mut()) {
            (true, Some(Item::Paragraph(_, points))) => points.push(node),
            (true, _) => section.items.push(Item::Point(node)),
            (false, _) => section.items.push(Item::Paragraph(node, Vec::new())),
        }
    }
    sections
}

fn write_item(xml: &mut Xml, export: &Export, item: &Item<'_>) -> Result {
    match item {
        Item::Point(node) => write_leaf(xml, export, "point", node),
        Item::Paragraph(node, points) if points.is_empty() => {
            write_leaf(xml, export, "paragraph", node)
        }
        Item::Paragraph(node, points) => {
            xml.open("paragraph", &attributes(&node.eid, lang_of(export, node)))?;
            xml.leaf("num", &[], &node.margin())?;
            write_blocks(xml, "intro", node)?;
            for point in points {
                write_leaf(xml, export, "point", point)?;
            }
            xml.close("paragraph")
        }
    }
}

fn write_body(xml: &mut Xml, export: &Export) -> Result {
    xml.open("mainBody", &[("xml:lang", export.language.code)])?;
    if export.nodes.is_empty() {
        xml.empty("p", &[])?;
    }
    for section in outline(export) {
        match section.heading {
            None => {
                for item in &section.items {
                    write_item(xml, export, item)?;
                }
            }
            Some(heading) => {
                xml.open(
                    "section",
                    &attributes(&heading.eid, lang_of(export, heading)),
                )?;
                xml.leaf("heading", &[], heading.text.trim())?;
                for item in &section.items {
                    write_item(xml, export, item)?;
                }
                xml.close("section")?;
            }
        }
    }
    xml.close("mainBody")
}

fn write_preface(xml: &mut Xml, export: &Export) -> Result {
    xml.open("preface", &[("xml:lang", export.language.code)])?;
    xml.open("longTitle", &[("eId", "longTitle")])?;
    xml.open("p", &[])?;
    xml.leaf("docTitle", &[], &export.title)?;
    xml.close("p")?;
    xml.close("longTitle")?;
    xml.open("p", &[("class", "process")])?;
    match export.process_title_language {
        Some(lang) => xml.leaf(
            "docProponent",
            &[("xml:lang", lang.code())],
            &export.process_title,
        )?,
        None => xml.leaf("docProponent", &[], &export.process_title)?,
    }
    xml.close("p")?;
    if !export.symbol.is_empty() {
        xml.open("p", &[("class", "symbol")])?;
        xml.leaf("docNumber", &[], &export.symbol)?;
        xml.close("p")?;
    }
    xml.open("p", &[("class", "date")])?;
    xml.leaf(
        "docDate",
        &[("date", &export.date_iso())],
        &export.date_iso(),
    )?;
    xml.close("p")?;
    match &export.version {
        Version::Published { label, .. } => {
            xml.open("p", &[("class", "stage")])?;
            xml.leaf("docStage", &[], label)?;
            xml.close("p")?;
        }
        Version::Working => {
            xml.open(
                "p",
                &[("class", "status"), ("xml:lang", export.labels.lang)],
            )?;
            xml.leaf("docStatus", &[], &export.labels.working_copy)?;
            xml.close("p")?;
        }
    }
    xml.close("preface")
}

pub fn write(export: &Export) -> std::result::Result<String, ExportError> {
    let mut xml = Xml {
        writer: Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 1),
    };
    xml.writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    xml.open("akomaNtoso", &[("xmlns", NAMESPACE)])?;
    xml.open("doc", &[("name", export.kind.as_str())])?;
    xml.open("meta", &[])?;
    meta::write_identification(&mut xml, export)?;
    meta::write_references(&mut xml, export)?;
    meta::write_notes(&mut xml, export)?;
    meta::write_proprietary(&mut xml, export)?;
    xml.close("meta")?;
    write_preface(&mut xml, export)?;
    write_body(&mut xml, export)?;
    xml.close("doc")?;
    xml.close("akomaNtoso")?;
    let bytes = xml.writer.into_inner().into_inner();
    String::from_utf8(bytes)
        .map_err(|e| ExportError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

#[cfg(test)]
mod tests {
    use super::xml::uri;
    use super::*;
    use crate::export::sample;

    /// Validates with xmllint against the OASIS schema the repository keeps (`tests/fixtures/schemas`).
    fn assert_valid(xml: &str) {
        let schema = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/schemas/akomantoso30.xsd");
        assert!(schema.is_file(), "the schema is at {}", schema.display());
        let file = tempfile::Builder::new()
            .suffix(".xml")
            .tempfile()
            .expect("a temporary file");
        std::fs::write(file.path(), xml).expect("written");
        let output = std::process::Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(&schema)
            .arg(file.path())
            .output()
            .expect("xmllint runs");
        assert!(
            output.status.success(),
            "valid Akoma Ntoso: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    #[test]
    fn paragraphs_measures_and_sources_are_in_place() {
        let xml = write(&sample::export()).expect("writes");
        assert_valid(&xml);
        assert!(xml.contains("<doc name=\"draft\">"));
        assert!(xml.contains("<mainBody xml:lang=\"en\">"));
        assert!(xml.contains(
            "<FRBRuri value=\"/akn/un/doc/draft/2018-03-05/gcm-zero-draft/eng@rev-1\"/>"
        ));
        assert!(xml.contains("<FRBRlanguage language=\"ara\"/>"));
        assert!(xml.contains("<FRBRlanguage language=\"zho\"/>"));
        assert!(xml.contains("<section eId=\"sec_h1\">"));
        assert!(xml.contains("<heading>Objectives &amp; commitments</heading>"));
        assert!(xml.contains("<paragraph eId=\"para_p1\">"));
        assert!(xml.contains("<num>1.</num>"));
        assert!(xml.contains("<p>Collect and utilize <b>accurate</b> data.</p>"));
        assert!(xml.contains("<point eId=\"point_m2\">"));
        assert!(xml.contains("<num>(b)</num>"));
        assert!(xml.contains("<paragraph eId=\"para_p2\" xml:lang=\"ar\">"));
        assert!(xml.contains(sample::ARABIC) && xml.contains(sample::CHINESE));
        assert!(xml.contains(
            "<TLCReference eId=\"src_contribution_4\" href=\"https://concord.example/p/gcm/contributions/GCM-WC-0004\" showAs=\"GCM/WC/0004\" name=\"contribution\"/>"
        ));
        assert!(xml.contains("placementBase=\"#para_p1\""));
        assert!(xml.contains("<ref href=\"#src_contribution_4\">GCM/WC/0004</ref>"));
        assert!(xml.contains("note=\"Merged &amp; shortened &lt;by the co-facilitators&gt;\""));
    }

    #[test]
    fn arabic_slugs_make_valid_iris() {
        let mut export = sample::export();
        export.version = Version::Published {
            number: 1,
            label: "المسودة الأولى".into(),
            slug: "المسودة-الأولى".into(),
        };
        export.version = Version::Working;
        assert_valid(&write(&export).expect("writes"));
        export.version = Version::Published {
            number: 1,
            label: "المسودة الأولى".into(),
            slug: "المسودة-الأولى".into(),
        };
        export.nodes.clear();
        let xml = write(&export).expect("writes");
        assert_valid(&xml);
        assert!(xml.contains("/eng@%D8%A7%D9%84"));
        assert!(xml.contains("<docStage>المسودة الأولى</docStage>"));
    }

    #[test]
    fn uris_are_escaped() {
        assert_eq!(uri("/p/x y/é"), "/p/x%20y/%C3%A9");
        assert_eq!(safe_link("javascript:alert(1)"), None);
    }
}
