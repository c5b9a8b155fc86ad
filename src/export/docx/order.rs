//! Puts docx-rs's output in the order the WordprocessingML schema requires.
//!
//! docx-rs writes the children of `w:pPr`, `w:rPr`, `w:style`, `w:sectPr` and `w:settings` in
//! an order of its own (`<w:pPr><w:rPr/><w:pStyle/>…`, `<w:b/>` before `<w:rFonts/>`, the
//! header reference last). LibreOffice does not mind; Word repairs some of it on opening,
//! silently drops run properties that stand out of sequence (a font after bold is ignored),
//! and Word for the web opens such files read-only as corrupt. So every part of the package
//! passes through here once: those containers are read as small trees and written back in
//! schema order. Runs of right-to-left paragraphs also get `<w:rtl/>`, which docx-rs cannot
//! write, so that Word lays out their digits and punctuation right to left.

use std::io::{Cursor, Read, Write};

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::sequences::sequence_of;
use crate::export::ExportError;

/// An element read whole: its start tag and children.
struct Element {
    start: BytesStart<'static>,
    children: Vec<Node>,
}

enum Node {
    Element(Element),
    Other(Event<'static>),
}

impl Element {
    fn name(&self) -> &[u8] {
        self.start.name().into_inner()
    }

    fn has_child(&self, name: &[u8]) -> bool {
        self.children
            .iter()
            .any(|c| matches!(c, Node::Element(e) if e.name() == name))
    }

    /// Sorts the children of this element and of those below it, by their schema sequence.
    fn sort(&mut self) {
        if self.name() == b"w:pPr" {
            // An empty paragraph-mark `w:rPr` says nothing, and the paragraph properties of
            // styles and numbering levels (CT_PPrGeneral) may not hold one at all.
            self.children.retain(
                |c| !matches!(c, Node::Element(e) if e.name() == b"w:rPr" && e.children.is_empty()),
            );
        }
        for child in &mut self.children {
            if let Node::Element(element) = child {
                element.sort();
            }
        }
        let Some(sequence) = sequence_of(self.name()) else {
            return;
        };
        let rank = |node: &Node| -> usize {
            let Node::Element(element) = node else {
                return usize::MAX;
            };
            let Some(local) = element.name().strip_prefix(b"w:") else {
                return sequence.len();
            };
            let local = if local == b"footerReference" {
                &b"headerReference"[..]
            } else {
                local
            };
            sequence
                .iter()
                .position(|s| s.as_bytes() == local)
                .unwrap_or(sequence.len())
        };
        // Stable: elements of one rank (header and footer references) keep their order.
        self.children.sort_by_key(rank);
    }

    fn write(&self, writer: &mut Writer<Vec<u8>>) -> std::io::Result<()> {
        if self.children.is_empty() {
            return writer.write_event(Event::Empty(self.start.borrow()));
        }
        writer.write_event(Event::Start(self.start.borrow()))?;
        for child in &self.children {
            match child {
                Node::Element(element) => element.write(writer)?,
                Node::Other(event) => writer.write_event(event.borrow())?,
            }
        }
        writer.write_event(Event::End(self.start.to_end()))
    }
}

fn read_element(
    reader: &mut Reader<&[u8]>,
    start: BytesStart<'static>,
) -> Result<Element, ExportError> {
    let mut children = Vec::new();
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) => {
                let child = read_element(reader, e.into_owned())?;
                children.push(Node::Element(child));
            }
            Event::Empty(e) => children.push(Node::Element(Element {
                start: e.into_owned(),
                children: Vec::new(),
            })),
            Event::End(_) => return Ok(Element { start, children }),
            Event::Eof => return Err(xml_error("unexpected end of a part")),
            other => children.push(Node::Other(other.into_owned())),
        }
    }
}

fn xml_error(e: impl std::fmt::Display) -> ExportError {
    ExportError::Docx(format!("reordering the package: {e}"))
}

/// One part of the package, in schema order.
pub fn reorder_part(xml: &[u8]) -> Result<Vec<u8>, ExportError> {
    let mut reader = Reader::from_reader(xml);
    let mut writer = Writer::new(Vec::with_capacity(xml.len() + xml.len() / 16));
    // The elements open around the current event, for knowing a run's properties.
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut right_to_left = false;
    loop {
        let event = reader.read_event().map_err(xml_error)?;
        let (start, whole) = match event {
            Event::Eof => break,
            Event::Start(e) if sequence_of(e.name().into_inner()).is_some() => {
                (e.into_owned(), true)
            }
            Event::Empty(e) if sequence_of(e.name().into_inner()).is_some() => {
                (e.into_owned(), false)
            }
            Event::Start(e) => {
                if e.name().into_inner() == b"w:p" {
                    right_to_left = false;
                }
                open.push(e.name().into_inner().to_vec());
                writer.write_event(Event::Start(e))?;
                continue;
            }
            Event::End(e) => {
                open.pop();
                writer.write_event(Event::End(e))?;
                continue;
            }
            other => {
                writer.write_event(other)?;
                continue;
            }
        };
        let mut element = if whole {
            read_element(&mut reader, start)?
        } else {
            Element {
                start,
                children: Vec::new(),
            }
        };
        match (element.name(), open.last().map(Vec::as_slice)) {
            (b"w:pPr", Some(b"w:p")) => right_to_left = element.has_child(b"w:bidi"),
            (b"w:rPr", Some(b"w:r")) if right_to_left && !element.has_child(b"w:rtl") => {
                element.children.push(Node::Element(Element {
                    start: BytesStart::new("w:rtl"),
                    children: Vec::new(),
                }));
            }
            _ => {}
        }
        element.sort();
        element.write(&mut writer)?;
    }
    Ok(writer.into_inner())
}

/// Every XML part of a DOCX package, in schema order; the rest as it was.
pub fn reorder_package(docx: &[u8]) -> Result<Vec<u8>, ExportError> {
    let mut archive = ZipArchive::new(Cursor::new(docx))?;
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(docx.len())));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index)?;
        let name = entry.name().to_string();
        if entry.is_dir() {
            out.add_directory(name.as_str(), options)?;
            continue;
        }
        let mut bytes = Vec::with_capacity(usize::try_from(entry.size()).unwrap_or(0));
        entry.read_to_end(&mut bytes)?;
        let bytes = if name.starts_with("word/") && name.ends_with(".xml") {
            reorder_part(&bytes)?
        } else {
            bytes
        };
        out.start_file(name.as_str(), options)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reorder(xml: &str) -> String {
        // docx-rs writes `<w:b />`, the tests `<w:b/>`.
        String::from_utf8(reorder_part(xml.as_bytes()).expect("reorders"))
            .expect("UTF-8")
            .replace(" />", "/>")
    }

    #[test]
    fn properties_follow_the_schema_sequence() {
        let xml = r#"<w:body><w:p><w:pPr><w:rPr /><w:pStyle w:val="x" /><w:ind w:left="1" /><w:bidi /></w:pPr><w:r><w:rPr><w:b /><w:rFonts w:ascii="A" /></w:rPr><w:t xml:space="preserve"> a &amp; b </w:t></w:r></w:p><w:p><w:r><w:rPr /><w:t>c</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="1" /><w:headerReference r:id="h" /><w:footerReference r:id="f" /></w:sectPr></w:body>"#;
        assert_eq!(
            reorder(xml),
            r#"<w:body><w:p><w:pPr><w:pStyle w:val="x"/><w:bidi/><w:ind w:left="1"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="A"/><w:b/><w:rtl/></w:rPr><w:t xml:space="preserve"> a &amp; b </w:t></w:r></w:p><w:p><w:r><w:rPr/><w:t>c</w:t></w:r></w:p><w:sectPr><w:headerReference r:id="h"/><w:footerReference r:id="f"/><w:pgSz w:w="1"/></w:sectPr></w:body>"#
        );
    }

    #[test]
    fn styles_put_paragraph_before_run_properties() {
        let xml = r#"<w:styles><w:style w:styleId="T"><w:name w:val="T" /><w:rPr><w:sz w:val="2" /><w:b /></w:rPr><w:pPr><w:rPr /><w:jc w:val="center" /></w:pPr><w:qFormat /></w:style></w:styles>"#;
        assert_eq!(
            reorder(xml),
            r#"<w:styles><w:style w:styleId="T"><w:name w:val="T"/><w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="2"/></w:rPr></w:style></w:styles>"#
        );
    }
}
