//! A thin layer over quick-xml's writer for the Akoma Ntoso writer, and IRIs that anyURI
//! accepts.

use std::io::Cursor;

use quick_xml::Writer;
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};

use crate::export::text::xml_safe;

/// A thin layer over quick-xml's writer: every text and attribute is escaped, and stripped of
/// characters XML cannot hold.
pub(super) struct Xml {
    pub(super) writer: Writer<Cursor<Vec<u8>>>,
}

pub(super) type Result<T = ()> = std::result::Result<T, std::io::Error>;

impl Xml {
    fn start(name: &str, attributes: &[(&str, &str)]) -> BytesStart<'static> {
        let mut start = BytesStart::new(name.to_string());
        for (key, value) in attributes {
            start.push_attribute((*key, xml_safe(value).as_ref()));
        }
        start
    }

    pub(super) fn open(&mut self, name: &str, attributes: &[(&str, &str)]) -> Result {
        self.writer
            .write_event(Event::Start(Self::start(name, attributes)))
    }

    pub(super) fn close(&mut self, name: &str) -> Result {
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    pub(super) fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) -> Result {
        self.writer
            .write_event(Event::Empty(Self::start(name, attributes)))
    }

    pub(super) fn text(&mut self, text: &str) -> Result {
        self.writer
            .write_event(Event::Text(BytesText::new(&xml_safe(text))))
    }

    /// An element holding only text.
    pub(super) fn leaf(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) -> Result {
        self.open(name, attributes)?;
        self.text(text)?;
        self.close(name)
    }
}

/// An href that anyURI accepts: spaces, non-ASCII and the like percent-encoded.
pub(super) fn uri(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        if byte.is_ascii_graphic()
            && !matches!(
                byte,
                b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
            )
        {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Only web and mail links from a paragraph's Markdown become links.
pub(super) fn safe_link(raw: &str) -> Option<String> {
    let lower = raw.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        .then(|| uri(raw.trim()))
}
