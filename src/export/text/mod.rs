//! Text as the writers need it: a paragraph's Markdown read once into blocks of styled runs
//! (for DOCX and Akoma Ntoso, which cannot take HTML), the language a text is written in
//! (guessed from its script, since documents carry no language of their own), and the
//! characters XML cannot hold.

use std::borrow::Cow;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One block of a paragraph's text: a paragraph of Markdown, or an item of a list in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Block {
    /// "•" or "1." for a list item; empty for a plain block.
    pub marker: String,
    pub runs: Vec<Run>,
}

impl Block {
    pub fn plain(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub code: bool,
    pub link: Option<String>,
    /// Words an amendment adds (a compilation text's additions, in bold like any bold run):
    /// never read from Markdown, set by whoever knows which bold words are additions.
    pub inserted: bool,
}

#[derive(Default)]
struct Style {
    bold: u32,
    italic: u32,
    strike: u32,
    links: Vec<String>,
}

/// The blocks of a Markdown text. Raw HTML is dropped (the web page sanitises it away too);
/// headings, quotes and table rows inside a paragraph become plain blocks.
///
/// Longer than most functions: one arm per Markdown event, read top to bottom as a table.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let mut style = Style::default();
    // The next number of each open list (`None` for a bulleted one).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let flush = |current: &mut Option<Block>, out: &mut Vec<Block>| {
        if let Some(block) = current.take()
            && block.runs.iter().any(|r| !r.text.trim().is_empty())
        {
            out.push(block);
        }
    };
    for event in Parser::new_ext(markdown, options) {
        match event {
            // A paragraph at the start of a list item continues the item.
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::TableRow)
                if current.as_ref().is_none_or(|b| !b.runs.is_empty()) =>
            {
                flush(&mut current, &mut out);
                current = Some(Block::default());
            }
            Event::Start(Tag::TableHead) => {
                flush(&mut current, &mut out);
                current = Some(Block::default());
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut current, &mut out);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut current, &mut out);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut out);
                let marker = match lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}.");
                        *n += 1;
                        marker
                    }
                    _ => "•".to_string(),
                };
                current = Some(Block {
                    marker,
                    runs: Vec::new(),
                });
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::CodeBlock,
            ) => flush(&mut current, &mut out),
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut current, &mut out);
                current = Some(Block::default());
            }
            Event::End(TagEnd::TableCell) => push(&mut current, &style, " | ", false),
            Event::Start(Tag::Strong) => style.bold += 1,
            Event::End(TagEnd::Strong) => style.bold = style.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => style.italic += 1,
            Event::End(TagEnd::Emphasis) => style.italic = style.italic.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => style.strike += 1,
            Event::End(TagEnd::Strikethrough) => style.strike = style.strike.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => style.links.push(dest_url.to_string()),
            Event::End(TagEnd::Link) => {
                style.links.pop();
            }
            Event::Text(text) => push(&mut current, &style, &text, false),
            Event::Code(text) => push(&mut current, &style, &text, true),
            Event::SoftBreak | Event::HardBreak => push(&mut current, &style, " ", false),
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    for block in &mut out {
        if let Some(last) = block.runs.last_mut() {
            let trimmed = last.text.trim_end_matches([' ', '|']).len();
            last.text.truncate(trimmed);
        }
    }
    out
}

fn push(current: &mut Option<Block>, style: &Style, text: &str, code: bool) {
    let block = current.get_or_insert_with(Block::default);
    let run = Run {
        text: text.to_string(),
        bold: style.bold > 0,
        italic: style.italic > 0,
        strike: style.strike > 0,
        code,
        link: style.links.last().cloned(),
        inserted: false,
    };
    match block.runs.last_mut() {
        Some(last)
            if (last.bold, last.italic, last.strike, last.code, &last.link)
                == (run.bold, run.italic, run.strike, run.code, &run.link) =>
        {
            last.text.push_str(&run.text);
        }
        _ => block.runs.push(run),
    }
}

/// A language as the formats name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Language {
    /// BCP 47, for HTML `lang` and `xml:lang`: "en", "ar", "zh".
    pub code: &'static str,
    /// ISO 639-2, for Akoma Ntoso's FRBRlanguage and IRIs: "eng", "ara", "zho".
    pub akn: &'static str,
    pub rtl: bool,
}

impl Language {
    pub const ENGLISH: Language = Language {
        code: "en",
        akn: "eng",
        rtl: false,
    };
    pub const ARABIC: Language = Language {
        code: "ar",
        akn: "ara",
        rtl: true,
    };
    pub const HEBREW: Language = Language {
        code: "he",
        akn: "heb",
        rtl: true,
    };
    pub const CHINESE: Language = Language {
        code: "zh",
        akn: "zho",
        rtl: false,
    };
    pub const JAPANESE: Language = Language {
        code: "ja",
        akn: "jpn",
        rtl: false,
    };
    pub const KOREAN: Language = Language {
        code: "ko",
        akn: "kor",
        rtl: false,
    };
    pub const RUSSIAN: Language = Language {
        code: "ru",
        akn: "rus",
        rtl: false,
    };

    pub const FRENCH: Language = Language {
        code: "fr",
        akn: "fra",
        rtl: false,
    };
    pub const SPANISH: Language = Language {
        code: "es",
        akn: "spa",
        rtl: false,
    };

    /// The six official languages of the United Nations, the ones a document may state.
    pub const OFFICIAL: [Language; 6] = [
        Language::ARABIC,
        Language::CHINESE,
        Language::ENGLISH,
        Language::FRENCH,
        Language::RUSSIAN,
        Language::SPANISH,
    ];

    /// A stated language by its BCP 47 code, among the official ones.
    pub fn official(code: &str) -> Option<Language> {
        Language::OFFICIAL.into_iter().find(|l| l.code == code)
    }

    /// Written in Latin letters, whose language cannot be told from the script.
    pub fn is_latin(self) -> bool {
        matches!(self.code, "en" | "fr" | "es")
    }

    pub fn dir(self) -> &'static str {
        if self.rtl { "rtl" } else { "ltr" }
    }

    /// Chinese, Japanese or Korean: set in an East Asian font.
    pub fn is_cjk(self) -> bool {
        matches!(self.code, "zh" | "ja" | "ko")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Arabic,
    Hebrew,
    Cyrillic,
    Han,
    Kana,
    Hangul,
}

fn script(c: char) -> Option<Script> {
    let script = match u32::from(c) {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0400..=0x052F => Script::Cyrillic,
        0x3040..=0x30FF | 0x31F0..=0x31FF => Script::Kana,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => Script::Han,
        _ if c.is_alphabetic() => Script::Latin,
        _ => return None,
    };
    Some(script)
}

/// Letters of each script in `text`.
#[derive(Debug, Default, Clone, Copy)]
pub struct ScriptCount {
    latin: usize,
    arabic: usize,
    hebrew: usize,
    cyrillic: usize,
    han: usize,
    kana: usize,
    hangul: usize,
}

impl ScriptCount {
    pub fn of(text: &str) -> Self {
        let mut count = Self::default();
        count.add(text);
        count
    }

    pub fn add(&mut self, text: &str) {
        for c in text.chars() {
            match script(c) {
                Some(Script::Latin) => self.latin += 1,
                Some(Script::Arabic) => self.arabic += 1,
                Some(Script::Hebrew) => self.hebrew += 1,
                Some(Script::Cyrillic) => self.cyrillic += 1,
                // A Chinese character counts for about as much text as a few Latin letters.
                Some(Script::Han) => self.han += 3,
                Some(Script::Kana) => self.kana += 3,
                Some(Script::Hangul) => self.hangul += 2,
                None => {}
            }
        }
    }

    /// The language whose script has the most letters; `None` for Latin script (which
    /// language it is cannot be told from the letters) or no letters at all.
    pub fn language(&self) -> Option<Language> {
        let candidates = [
            (self.latin, None),
            (self.arabic, Some(Language::ARABIC)),
            (self.hebrew, Some(Language::HEBREW)),
            (self.cyrillic, Some(Language::RUSSIAN)),
            // Japanese mixes kanji and kana; any kana makes it Japanese.
            (
                self.han + self.kana,
                Some(if self.kana > 0 {
                    Language::JAPANESE
                } else {
                    Language::CHINESE
                }),
            ),
            (self.hangul, Some(Language::KOREAN)),
        ];
        candidates
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .max_by_key(|(n, _)| *n)
            .and_then(|(_, language)| language)
    }
}

/// Whether XML 1.0 may hold the character.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The text without the control characters XML 1.0 cannot hold (a pasted form feed would
/// make the whole file unreadable).
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    if text.chars().all(xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|c| xml_char(*c)).collect())
    }
}

#[cfg(test)]
mod tests;
