//! Markdown as people write it, rendered to HTML that is safe to show: pulldown-cmark, then
//! ammonia, which keeps only harmless tags and attributes (no scripts, styles or handlers).

use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .link_rel(Some("nofollow noopener noreferrer"))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .rm_tags(["img"]);
    builder
});

/// The Markdown people may use: CommonMark with tables and strikethrough.
fn options() -> Options {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options
}

/// Safe HTML for a Markdown text.
pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, options());
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    CLEANER.clean(&unsafe_html).to_string()
}

/// How much of a text an excerpt reads, in characters per character shown: enough for the
/// syntax (link targets, markers) around the words, without parsing a 100,000-character text
/// for a list row.
const SOURCE_PER_SHOWN: usize = 8;

/// How far past that an excerpt reads to end the block it stopped in, in bytes.
const BLOCK_END_REACH: usize = 16 * 1024;

/// The opening of a Markdown text as plain words, for a list row: what a reader sees of the
/// rendered text (emphasis, headings and list markers gone, a link's words kept and its
/// address dropped, images and raw HTML left out), white space made single spaces, and at most
/// `limit` characters cut at a word boundary with "…" when more follows. A single word longer
/// than `limit` is cut inside. Only the first `limit × 8` characters are parsed, and on to the
/// end of the paragraph (or line) they stop in when it is near, so that no construct is cut
/// open and shows its markers.
pub fn plain_excerpt(markdown: &str, limit: usize) -> String {
    if let Some(excerpt) = plain_opening(markdown, limit) {
        return excerpt;
    }
    let budget = limit.saturating_mul(SOURCE_PER_SHOWN).max(1);
    let (source, cut) = match markdown.char_indices().nth(budget) {
        Some((end, _)) => (&markdown[..block_end(markdown, end)], true),
        None => (markdown, false),
    };
    parsed_excerpt(source, limit, cut)
}

/// The excerpt of a text that opens in plain words, in one pass over the words it shows:
/// most texts do, and a list of 25 rows need not parse up to 16 KiB of Markdown for each.
/// `None` as soon as a word holds Markdown (a marker, or a line opened as a list, heading or
/// rule would be), or when white space runs so long that the words do not fill the excerpt
/// within what the parser would read.
fn plain_opening(markdown: &str, limit: usize) -> Option<String> {
    let reach = limit.saturating_mul(SOURCE_PER_SHOWN).saturating_mul(4);
    let mut excerpt = String::with_capacity(limit + 4);
    let mut taken = 0;
    let mut line_start = true;
    let mut rest = markdown;
    loop {
        rest = rest.trim_start_matches(|c: char| {
            line_start |= c == '\n';
            c.is_whitespace()
        });
        if rest.is_empty() {
            return Some(excerpt);
        }
        if markdown.len() - rest.len() > reach {
            return None;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        let opens_block =
            line_start && word.starts_with(|c: char| matches!(c, '-' | '+' | '0'..='9'));
        if opens_block || word.bytes().any(is_markup) {
            return None;
        }
        line_start = false;
        let length = word.chars().count();
        let space = usize::from(taken > 0);
        if taken + space + length > limit {
            if taken == 0 {
                excerpt.extend(word.chars().take(limit));
            }
            excerpt.push('…');
            return Some(excerpt);
        }
        if space == 1 {
            excerpt.push(' ');
        }
        excerpt.push_str(word);
        taken += space + length;
        rest = &rest[end..];
    }
}

/// A character that marks up inline text or starts an element or an entity (every one is
/// ASCII, so a byte tells).
fn is_markup(byte: u8) -> bool {
    matches!(
        byte,
        b'\\'
            | b'*'
            | b'_'
            | b'['
            | b']'
            | b'<'
            | b'>'
            | b'#'
            | b'!'
            | b'&'
            | b'|'
            | b'~'
            | b'`'
            | b'='
    )
}

/// `plain_excerpt` of a text with Markdown in its opening: the words its events carry.
fn parsed_excerpt(source: &str, limit: usize, cut: bool) -> String {
    let mut text = String::new();
    let mut in_image = 0usize;
    for event in Parser::new_ext(source, options()) {
        match event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(words) | Event::Code(words) if in_image == 0 => text.push_str(&words),
            Event::SoftBreak | Event::HardBreak | Event::Rule => text.push(' '),
            // Inline markup joins its words to what surrounds them…
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link,
            ) => {}
            // …and the end of a block ends its words.
            Event::End(_) => text.push(' '),
            _ => {}
        }
        // Enough read to fill the excerpt and know that more follows.
        if text.len() > limit.saturating_mul(4) + 4 && text.chars().count() > limit + 1 {
            return cut_at_word(&text, limit, true);
        }
    }
    cut_at_word(&text, limit, cut)
}

/// Where to stop reading `markdown` from byte `from` on: the end of the paragraph there (a
/// blank line), else of the line, within `BLOCK_END_REACH`; else `from`.
fn block_end(markdown: &str, from: usize) -> usize {
    let mut reach = (from + BLOCK_END_REACH).min(markdown.len());
    while !markdown.is_char_boundary(reach) {
        reach -= 1;
    }
    let ahead = &markdown[from..reach];
    ahead
        .find("\n\n")
        .or_else(|| ahead.find('\n'))
        .map_or(from, |end| from + end)
}

/// The words of `text` with single spaces, as many as fit in `limit` characters, and "…"
/// when some were left out or `more` says the text went on.
fn cut_at_word(text: &str, limit: usize, more: bool) -> String {
    let mut excerpt = String::new();
    let mut taken = 0;
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let length = word.chars().count();
        let space = usize::from(taken > 0);
        if taken + space + length > limit {
            if taken == 0 {
                excerpt.extend(word.chars().take(limit));
            }
            excerpt.push('…');
            return excerpt;
        }
        if space == 1 {
            excerpt.push(' ');
        }
        excerpt.push_str(word);
        taken += space + length;
        if words.peek().is_none() && more {
            excerpt.push('…');
        }
    }
    excerpt
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_opening_reads_as_the_parser_would_read_it() {
        let long = "Migrants' rights, in words only. ".repeat(200);
        for text in [
            "Safe, orderly and regular migration for all.",
            "  Several   spaces\n and a line\n\nand a paragraph.  ",
            "Права мигрантов (и их семей) — в центре внимания.",
            "保护移民权利 并促进 安全、有序和正常的移民。",
            "حماية حقوق المهاجرين, and 2018's compact.",
            long.as_str(),
            "Words                                                                    apart.",
        ] {
            assert!(plain_opening(text, 40).is_some(), "{text}");
            for limit in [5, 40, 240] {
                let budget = limit * SOURCE_PER_SHOWN;
                let cut = text.chars().count() > budget;
                let source = if cut {
                    let end = text
                        .char_indices()
                        .nth(budget)
                        .map_or(text.len(), |(i, _)| i);
                    &text[..block_end(text, end)]
                } else {
                    text
                };
                assert_eq!(
                    plain_excerpt(text, limit),
                    parsed_excerpt(source, limit, cut),
                    "{text:?} at {limit}"
                );
            }
        }
        for marked in [
            "**bold** words",
            "[a link](https://x.example)",
            "- a list",
            "1. first",
            "# Title",
            "a &amp; b",
        ] {
            assert_eq!(plain_opening(marked, 40), None, "{marked}");
        }
    }

    #[test]
    fn an_excerpt_is_the_plain_text_a_reader_sees() {
        let markdown = "# Safe migration\n\n*Human* rights of **all** migrants: see \
                        [the Compact](https://example.org/gcm \"GCM\") and `§ 4`.\n\n\
                        - first\n- second\n\n![a map](https://example.org/map.png) \
                        <span>kept</span> ~~gone~~";
        assert_eq!(
            plain_excerpt(markdown, 240),
            "Safe migration Human rights of all migrants: see the Compact and § 4. first \
             second kept gone"
        );
    }

    #[test]
    fn an_excerpt_flattens_white_space_and_cuts_at_a_word() {
        assert_eq!(
            plain_excerpt("  Safe\n\n and   orderly ", 240),
            "Safe and orderly"
        );
        assert_eq!(plain_excerpt("abc def", 7), "abc def");
        assert_eq!(plain_excerpt("abc def", 6), "abc…");
        assert_eq!(plain_excerpt("abc def ghi", 9), "abc def…");
        assert_eq!(plain_excerpt("abcdef", 3), "abc…");
        assert_eq!(plain_excerpt("مهاجرون في   العالم", 12), "مهاجرون في…");
        assert_eq!(plain_excerpt("保护所有移民的权利", 4), "保护所有…");
        assert_eq!(plain_excerpt("", 5), "");
        assert_eq!(plain_excerpt("**bold**text", 20), "boldtext");
    }

    /// A long text is read only as far as its excerpt needs, and says that more follows.
    #[test]
    fn a_long_text_is_cut_with_an_ellipsis() {
        let long = "Safe, orderly and **regular** migration. ".repeat(5_000);
        let excerpt = plain_excerpt(&long, 240);
        assert!(excerpt.ends_with('…'), "{excerpt}");
        assert!(excerpt.chars().count() <= 241, "{excerpt}");
        assert!(!excerpt.contains("**"));
        assert!(!excerpt.contains(" …"), "{excerpt}");
        // A text whose opening is all syntax is read to the end of the line it stops in: no
        // link is cut open, and the ellipsis says that more follows.
        let links = format!("[x]({})\n", "https://example.org/".repeat(40)).repeat(100);
        assert_eq!(plain_excerpt(&links, 10), "x…");
        let paragraph = format!("[Compact]({})\n\nMore", "https://example.org/".repeat(40));
        assert_eq!(plain_excerpt(&paragraph, 10), "Compact…");
    }

    #[test]
    fn markdown_becomes_html() {
        let html = to_safe_html("# Title\n\n*Human* rights of **all** migrants.");
        assert!(html.contains("<h1>Title</h1>"));
        assert!(html.contains("<em>Human</em>"));
    }

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html = to_safe_html(
            "<script>alert(1)</script><a href=\"javascript:alert(1)\" onclick=\"x()\">link</a> <img src=x onerror=alert(1)>",
        );
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
        assert!(!html.contains("onclick"));
        assert!(!html.contains("onerror"));
    }
}
