//! Printable HTML: one standalone page (no outside resources) with a print stylesheet: page
//! numbers from `@page` counters, the symbol and date in the running header, paragraph
//! numbers in the margin, and the working copy marked on every page. The PDF is this page
//! printed by Chromium.

use askama::Template;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use super::ExportError;
use super::model::{Citation, Export, ExportNode, SourceEntry};
use super::text::Language;

/// The page, and the Content-Security-Policy that lets exactly its stylesheet apply when it
/// is opened from the server.
pub struct Page {
    pub html: String,
    pub csp: String,
}

struct NodeView<'a> {
    node: &'a ExportNode,
    /// `lang` and `dir` when they differ from the document's.
    lang: Option<&'static str>,
    dir: Option<&'static str>,
    html: String,
    sources: Vec<(&'a SourceEntry, &'a Citation)>,
}

#[derive(Template)]
#[template(path = "export/printable.html")]
struct Printable<'a> {
    export: &'a Export,
    style: &'a str,
    nodes: Vec<NodeView<'a>>,
    /// `lang`/`dir` of the labels, when they differ from the document's.
    labels_lang: Option<&'static str>,
    labels_dir: Option<&'static str>,
}

/// A CSS string literal holding any text: everything but plain ASCII is escaped, so nothing
/// typed can end the string or the stylesheet.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | ',' | '-' | '/' | ':' | '(' | ')') {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

/// The page's margins (symbol, date, page numbers) speak the reader's language, which may be
/// Chinese or Arabic under a document in another: name the fonts that have those scripts
/// rather than count on the printer's fallback.
const MARGIN_FONT: &str =
    r#"9pt "Noto Sans", "Noto Sans CJK SC", "Noto Naskh Arabic", "Liberation Sans", sans-serif"#;

fn stylesheet(export: &Export) -> String {
    let rtl = export.language.rtl;
    // Margin boxes are physical: the symbol stands on the reading side.
    let (start_box, end_box) = if rtl {
        ("top-right", "top-left")
    } else {
        ("top-left", "top-right")
    };
    let labels = &export.labels;
    let working = if export.version.is_working() {
        format!(
            "  @top-center {{ content: {}; color: #b00020; font-weight: bold; }}\n",
            css_string(&labels.working_copy)
        )
    } else {
        String::new()
    };
    format!(
        r#"@page {{
  size: A4;
  margin: 22mm 20mm 22mm 20mm;
  @{start_box} {{ content: {symbol}; font: {MARGIN_FONT}; }}
  @{end_box} {{ content: {date}; font: {MARGIN_FONT}; }}
{working}  @bottom-center {{ content: {page} " " counter(page) " " {of} " " counter(pages); font: {MARGIN_FONT}; }}
}}
html {{ font-family: "Noto Serif", "Liberation Serif", "Times New Roman", serif; font-size: 11pt; line-height: 1.45; color: #111; }}
:lang(ar) {{ font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Arial", serif; }}
:lang(zh) {{ font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", serif; }}
:lang(ja) {{ font-family: "Noto Serif CJK JP", "Noto Sans CJK JP", serif; }}
:lang(ko) {{ font-family: "Noto Serif CJK KR", "Noto Sans CJK KR", serif; }}
body {{ margin: 0; }}
header.doc {{ border-block-end: 1px solid #444; margin-block-end: 1.5em; padding-block-end: .5em; }}
header.doc .facts {{ display: flex; justify-content: space-between; gap: 1em; font-size: 9.5pt; }}
h1 {{ font-size: 16pt; margin: .6em 0 .2em; text-align: center; }}
.process {{ text-align: center; margin: 0 0 .4em; }}
.working-mark {{ border: 2px solid #b00020; color: #b00020; font-weight: bold; text-align: center; padding: .4em; margin: 1em 0; }}
h2 {{ font-size: 12.5pt; margin: 1.4em 0 .6em; break-after: avoid-page; }}
.node {{ position: relative; padding-inline-start: 3em; margin: 0 0 .7em; }}
.node .num {{ position: absolute; inset-inline-start: 0; width: 2.6em; font-variant-numeric: tabular-nums; }}
.node.measure {{ padding-inline-start: 6em; }}
.node.measure .num {{ inset-inline-start: 3em; }}
.node .text > :first-child {{ margin-block-start: 0; }}
.node .text > :last-child {{ margin-block-end: 0; }}
.sources {{ font-size: 8.5pt; color: #333; margin: .2em 0 0; padding: 0; list-style: none; }}
.sources li {{ margin: 0; }}
a {{ color: inherit; }}
@media screen {{ body {{ max-width: 48em; margin: 2em auto; padding: 0 1.5em; }} }}
@media print {{ a {{ text-decoration: none; }} .sources a::after {{ content: none; }} }}
"#,
        symbol = css_string(&export.symbol),
        date = css_string(&export.date_iso()),
        page = css_string(&labels.page),
        of = css_string(&labels.page_of),
    )
}

fn differs(language: Language, document: Language) -> (Option<&'static str>, Option<&'static str>) {
    if language == document {
        (None, None)
    } else {
        (
            Some(language.code),
            (language.rtl != document.rtl).then_some(language.dir()),
        )
    }
}

pub fn write(export: &Export) -> Result<Page, ExportError> {
    let style = stylesheet(export);
    let nodes = export
        .nodes
        .iter()
        .map(|node| {
            let (lang, dir) = differs(node.language, export.language);
            NodeView {
                node,
                lang,
                dir,
                html: if node.is_heading() {
                    String::new()
                } else {
                    crate::markdown::to_safe_html(&node.text)
                },
                sources: export.citations_of(node).collect(),
            }
        })
        .collect();
    let (labels_lang, labels_dir) = if export.labels.lang == export.language.code {
        (None, None)
    } else {
        (
            Some(export.labels.lang),
            (export.labels.dir != export.language.dir()).then_some(export.labels.dir),
        )
    };
    let html = Printable {
        export,
        style: &style,
        nodes,
        labels_lang,
        labels_dir,
    }
    .render()?;
    let hash = STANDARD.encode(Sha256::digest(style.as_bytes()));
    let csp = format!(
        "default-src 'none'; style-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    );
    Ok(Page { html, csp })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample;

    #[test]
    fn the_page_has_numbers_languages_and_sources() {
        let page = write(&sample::export()).expect("renders");
        let html = page.html;
        assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
        assert!(html.contains("<span class=\"num\">1.</span>"));
        assert!(html.contains("<span class=\"num\">(b)</span>"));
        assert!(html.contains("lang=\"ar\" dir=\"rtl\""));
        assert!(html.contains(sample::ARABIC) && html.contains(sample::CHINESE));
        assert!(html.contains("lang=\"zh\""));
        assert!(html.contains("<strong>accurate</strong>"));
        assert!(html.contains("href=\"https://concord.example/p/gcm/contributions/GCM-WC-0004\""));
        assert!(html.contains("Merged &#38; shortened &#60;by the co-facilitators&#62;"));
        assert!(html.contains("Objectives &#38; commitments"));
        assert!(html.contains("counter(page)"));
        assert!(!html.contains("class=\"working-mark\""));
        assert!(page.csp.contains("style-src 'sha256-"));
    }

    #[test]
    fn a_quote_carries_its_sources_language() {
        let content = sample::content();
        let plain = write(&sample::export_of(&content)).expect("renders").html;
        assert!(plain.contains("<q dir=\"auto\">better data</q>"));
        let arabic = crate::domain::text_language::TextLanguage(crate::i18n::Lang::Ar);
        let languages = std::collections::HashMap::from([(
            crate::domain::documents::Source::Contribution {
                id: crate::domain::ids::ContributionId(4),
            },
            arabic,
        )]);
        let html = write(&sample::export_citing(&content, &languages))
            .expect("renders")
            .html;
        assert!(html.contains("<q lang=\"ar\" dir=\"rtl\">better data</q>"));
    }

    #[test]
    fn an_arabic_document_reads_right_to_left() {
        let mut content = sample::content();
        content.title = "الاتفاق العالمي من أجل الهجرة الآمنة".into();
        content.language = "ar".into();
        for node in &mut content.nodes {
            node.text = sample::ARABIC.into();
        }
        let sample = sample::export();
        let export = crate::export::build(crate::export::Input {
            process_slug: "gcm",
            process_title: "الاتفاق العالمي",
            process_title_language: None,
            document_slug: "zero-draft",
            kind: sample.kind,
            version: sample.version,
            date: sample.date,
            created: sample.created,
            generated: sample.generated,
            content: &content,
            source_paths: &Default::default(),
            source_languages: &Default::default(),
            base_url: "https://concord.example",
            labels: crate::export::Labels::in_language(crate::i18n::Lang::Ar),
        });
        let html = write(&export).expect("renders").html;
        assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
        // The symbol stands at the top right, where an Arabic page starts.
        assert!(html.contains("@top-right { content: \"A/CONF.231/3\""));
        assert!(!html.contains("lang=\"en\""));
        let docx = crate::export::docx::write(&export).expect("writes");
        assert!(!docx.is_empty());
        let akn = crate::export::akn::write(&export).expect("writes");
        assert!(akn.contains("<FRBRlanguage language=\"ara\"/>"));
        assert!(akn.contains("<mainBody xml:lang=\"ar\">"));
    }

    /// A Chinese reader of an English text: the words around it are Chinese, marked so, in a
    /// font that has Chinese; a Russian or Spanish reader's words are theirs too.
    #[test]
    fn the_words_around_the_text_are_in_the_readers_language() {
        let mut export = sample::export();
        export.labels = crate::export::Labels::in_language(crate::i18n::Lang::Zh);
        let html = write(&export).expect("renders").html;
        assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
        assert!(html.contains("lang=\"zh\""));
        assert!(
            html.contains("aria-label=\"来源\""),
            "the sources' label is Chinese"
        );
        assert!(
            html.contains(&css_string("页码")),
            "so are the page numbers"
        );
        assert!(html.contains("\"Noto Sans CJK SC\""));
        for (lang, sources) in [
            (crate::i18n::Lang::Ru, "Источники"),
            (crate::i18n::Lang::Es, "Fuentes"),
        ] {
            export.labels = crate::export::Labels::in_language(lang);
            let html = write(&export).expect("renders").html;
            assert!(
                html.contains(&format!("aria-label=\"{sources}\"")),
                "{sources}"
            );
        }
    }

    #[test]
    fn typed_text_cannot_break_out_of_the_stylesheet() {
        let mut export = sample::export();
        export.symbol = "A/73</style><script>alert(1)</script>\"}".into();
        let page = write(&export).expect("renders");
        assert_eq!(page.html.matches("</style>").count(), 1);
        assert!(!page.html.contains("<script>"));
    }

    #[test]
    fn the_working_copy_is_marked_on_the_page_and_every_printed_page() {
        let mut export = sample::export();
        export.version = crate::export::Version::Working;
        let html = write(&export).expect("renders").html;
        assert!(html.contains("class=\"working-mark\""));
        assert!(html.contains("@top-center"));
        assert!(html.contains("Working copy — not an official text"));
    }
}
