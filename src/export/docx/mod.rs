//! DOCX (docx-rs): A4 pages with the symbol and date in the header and the page number in the
//! footer; headings; numbered paragraphs and lettered measures with hanging indents (the
//! numbers are text, computed like everywhere else, not Word list numbering that a reader's
//! Word could renumber); right-to-left paragraphs marked bidi, East Asian text in an East
//! Asian font; each paragraph's sources in small type below it.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, Footer, Header, LineSpacing, PageMargin, PageNum, Paragraph, Run,
    RunFonts, SpecialIndentType, Style, StyleType, Tab, TabValueType,
};

use super::ExportError;
use super::model::{Export, ExportNode};
use super::text::{Block, Language, xml_safe};

mod order;
mod sequences;

/// Twentieths of a point: 720 is half an inch.
const NUMBER_WIDTH: i32 = 720;
const A4: (u32, u32) = (11906, 16838);
const BODY_FONT: &str = "Times New Roman";
/// Word's usual East Asian fonts; LibreOffice substitutes a CJK font it has.
const CHINESE_FONT: &str = "SimSun";
const JAPANESE_FONT: &str = "MS Mincho";
const KOREAN_FONT: &str = "Batang";
/// Times New Roman has Arabic and Hebrew glyphs in Word; others substitute.
const COMPLEX_FONT: &str = "Times New Roman";
const WORKING_RED: &str = "B00020";

fn east_asian_font(language: Language) -> &'static str {
    match language.code {
        "ja" => JAPANESE_FONT,
        "ko" => KOREAN_FONT,
        _ => CHINESE_FONT,
    }
}

fn fonts_for(language: Language) -> RunFonts {
    let fonts = RunFonts::new()
        .ascii(BODY_FONT)
        .hi_ansi(BODY_FONT)
        .cs(COMPLEX_FONT)
        .east_asia(east_asian_font(language));
    if language.is_cjk() {
        fonts.hint("eastAsia")
    } else if language.rtl {
        fonts.hint("cs")
    } else {
        fonts
    }
}

fn text_run(text: &str, language: Language) -> Run {
    Run::new()
        .add_text(xml_safe(text).into_owned())
        .fonts(fonts_for(language))
}

/// A paragraph in the node's direction.
fn paragraph(language: Language) -> Paragraph {
    let mut paragraph = Paragraph::new();
    if language.rtl {
        paragraph.property = paragraph.property.bidi(true);
    }
    paragraph
}

fn add_block(mut paragraph: Paragraph, block: &Block, language: Language) -> Paragraph {
    if !block.marker.is_empty() {
        paragraph = paragraph.add_run(text_run(&format!("{} ", block.marker), language));
    }
    for run in &block.runs {
        let mut out = text_run(&run.text, language);
        if run.bold {
            out = out.bold();
        }
        if run.italic {
            out = out.italic();
        }
        if run.strike {
            out = out.strike();
        }
        if run.code {
            out = out.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"));
        }
        paragraph = paragraph.add_run(out);
    }
    paragraph
}

/// The start of the text column of a node: paragraphs after one number, measures after two.
fn text_start(node: &ExportNode) -> i32 {
    if node.is_measure() {
        2 * NUMBER_WIDTH
    } else {
        NUMBER_WIDTH
    }
}

fn node_paragraphs(export: &Export, node: &ExportNode) -> Vec<Paragraph> {
    let language = node.language;
    if node.is_heading() {
        return vec![
            paragraph(language)
                .style("Heading1")
                .keep_next(true)
                .add_run(text_run(node.text.trim(), language)),
        ];
    }
    let start = text_start(node);
    let mut out = Vec::with_capacity(node.blocks.len() + 1);
    let empty = Block::default();
    let blocks: Vec<&Block> = if node.blocks.is_empty() {
        vec![&empty]
    } else {
        node.blocks.iter().collect()
    };
    for (i, block) in blocks.into_iter().enumerate() {
        let p = paragraph(language).style("Numbered");
        // The number hangs in the margin before the text; later blocks align with the text.
        let p = if i == 0 {
            p.indent(
                Some(start),
                Some(SpecialIndentType::Hanging(NUMBER_WIDTH)),
                None,
                None,
            )
            .add_run(text_run(&node.margin(), language))
            .add_run(Run::new().add_tab())
        } else {
            p.indent(Some(start), None, None, None)
        };
        out.push(add_block(p, block, language));
    }
    if !node.citations.is_empty() {
        let labels = &export.labels;
        let mut p = paragraph(node.language)
            .style("Sources")
            .indent(Some(start), None, None, None)
            .add_run(text_run(&format!("{}: ", labels.sources), node.language).italic());
        for (i, (source, citation)) in export.citations_of(node).enumerate() {
            let mut text = String::new();
            if i > 0 {
                text.push_str("; ");
            }
            text.push_str(&source.label);
            if !citation.quote.is_empty() {
                // The quote is a run of its own, in the fonts of the language it is written in.
                text.push_str(": ");
                p = p.add_run(text_run(&std::mem::take(&mut text), node.language));
                let quoted = citation
                    .language
                    .and_then(|l| Language::official(l.as_str()))
                    .unwrap_or(node.language);
                p = p.add_run(text_run(&format!("“{}”", citation.quote), quoted));
            }
            if !citation.note.is_empty() {
                text.push_str(&format!(" ({})", citation.note));
            }
            if !text.is_empty() {
                p = p.add_run(text_run(&text, node.language));
            }
        }
        out.push(p);
    }
    out
}

fn styles(docx: Docx) -> Docx {
    docx.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .size(32)
            .bold()
            .align(AlignmentType::Center),
    )
    .add_style(
        Style::new("Heading1", StyleType::Paragraph)
            .name("heading 1")
            .size(26)
            .bold()
            .line_spacing(LineSpacing::new().before(240).after(120))
            .outline_lvl(0),
    )
    .add_style(Style::new("Numbered", StyleType::Paragraph).name("Numbered paragraph"))
    .add_style(
        Style::new("Sources", StyleType::Paragraph)
            .name("Sources")
            .size(17)
            .color("444444"),
    )
}

fn header(export: &Export) -> Header {
    let language = export.language;
    // The symbol at the start, the date at the end of the line (a right tab at the margin).
    let line = paragraph(language)
        .add_tab(Tab::new().val(TabValueType::Right).pos(9638))
        .add_run(text_run(&export.symbol, Language::ENGLISH).size(18))
        .add_run(Run::new().add_tab())
        .add_run(text_run(&export.date_iso(), Language::ENGLISH).size(18));
    let mut header = Header::new().add_paragraph(line);
    if export.version.is_working() {
        header = header.add_paragraph(
            paragraph(language).align(AlignmentType::Center).add_run(
                text_run(&export.labels.working_copy, language)
                    .bold()
                    .color(WORKING_RED),
            ),
        );
    }
    header
}

fn footer() -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new()),
    )
}

pub fn write(export: &Export) -> Result<Vec<u8>, ExportError> {
    let language = export.language;
    // The process title in the fonts of the language it is shown in (the original's, when it
    // has no translation in the document's language).
    let title_language = export
        .process_title_language
        .and_then(|lang| Language::official(lang.code()))
        .unwrap_or(language);
    let mut docx = styles(
        Docx::new()
            .page_size(A4.0, A4.1)
            .page_margin(
                PageMargin::new()
                    .top(1247)
                    .bottom(1247)
                    .left(1134)
                    .right(1134)
                    .header(567)
                    .footer(567),
            )
            .default_fonts(fonts_for(language))
            .default_size(22)
            .default_line_spacing(LineSpacing::new().after(120)),
    )
    .header(header(export))
    .footer(footer())
    .created_at(&export.generated.format("%Y-%m-%dT%H:%M:%SZ").to_string());

    docx = docx.add_paragraph(
        paragraph(language)
            .style("Title")
            .add_run(text_run(&export.title, language)),
    );
    docx = docx.add_paragraph(
        paragraph(language)
            .align(AlignmentType::Center)
            .add_run(text_run(&export.process_title, title_language)),
    );
    let mut facts = Vec::new();
    if !export.symbol.is_empty() {
        facts.push(export.symbol.clone());
    }
    if !export.version.is_working() {
        facts.push(export.version_label().to_string());
    }
    facts.push(export.date_iso());
    docx = docx.add_paragraph(
        paragraph(language)
            .align(AlignmentType::Center)
            .add_run(text_run(&facts.join(" · "), language)),
    );
    if export.version.is_working() {
        docx = docx.add_paragraph(
            paragraph(language).align(AlignmentType::Center).add_run(
                text_run(&export.labels.working_copy, language)
                    .bold()
                    .size(28)
                    .color(WORKING_RED),
            ),
        );
    }
    for node in &export.nodes {
        for p in node_paragraphs(export, node) {
            docx = docx.add_paragraph(p);
        }
    }
    let mut bytes = Cursor::new(Vec::new());
    docx.build()
        .pack(&mut bytes)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    order::reorder_package(&bytes.into_inner())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::export::sample;

    fn document_xml(bytes: &[u8]) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a ZIP");
        let mut xml = String::new();
        archive
            .by_name("word/document.xml")
            .expect("word/document.xml")
            .read_to_string(&mut xml)
            .expect("UTF-8");
        xml.replace(" />", "/>")
    }

    #[test]
    fn numbers_texts_and_directions_are_in_the_document() {
        let bytes = write(&sample::export()).expect("writes");
        let xml = document_xml(&bytes);
        for text in [
            "1.",
            "(a)",
            "(b)",
            "2.",
            "3.",
            "Collect and utilize ",
            "accurate",
            "Develop a strategy.",
            sample::ARABIC,
            sample::CHINESE,
            "Objectives &amp; commitments",
            "A/CONF.231/3",
        ] {
            assert!(xml.contains(text), "{text} is missing");
        }
        // The Arabic paragraph is right-to-left, and only it; its runs too.
        assert_eq!(xml.matches("<w:bidi/>").count(), 1);
        let arabic = xml.find(sample::ARABIC).expect("Arabic");
        let bidi = xml.find("<w:bidi/>").expect("bidi");
        assert!(bidi < arabic);
        assert!(xml[bidi..arabic].contains("<w:rtl/>"));
        assert!(xml.contains("w:eastAsia=\"SimSun\""));
        // Properties in schema order: the font before bold, the paragraph style first.
        assert!(xml.contains("<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" w:eastAsia=\"SimSun\"/><w:b/>"));
        assert!(!xml.contains("<w:pPr><w:rPr/>"));
        assert!(xml.contains("<w:sectPr><w:headerReference"));
    }

    #[test]
    fn control_characters_do_not_break_the_file() {
        let mut export = sample::export();
        export.nodes[1].blocks[0].runs[0].text = "form\u{c}feed".into();
        let xml = document_xml(&write(&export).expect("writes"));
        assert!(xml.contains("formfeed"));
    }
}
