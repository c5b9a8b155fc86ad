//! Exports: every format of a published revision holds every paragraph number and text
//! (Arabic and Chinese included, read back from the DOCX's XML and the PDF's text), the
//! Akoma Ntoso validates against the OASIS schema, the working copy is marked and only for
//! those who may read it, files are named after process, document and revision, and the
//! co-facilitators' draft summary bundles the Chair's summary and the draft.

use std::io::{Cursor, Read};
use std::path::PathBuf;
use std::process::Command;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_DISPOSITION, CONTENT_TYPE};

use crate::helpers::{Backend, Browser, PASSWORD, TestApp, spawn_app, with_db};
use crate::on_both_backends;
use concord::domain::documents::{DocumentKind, Node, NodeKind, Provenance, Source};
use concord::domain::ids::{DocumentId, ProposalVersionId};

on_both_backends!(
    every_format_holds_every_paragraph,
    working_copies_are_exported_marked_and_only_to_drafters,
    the_draft_summary_bundles_summary_and_draft,
    a_document_states_its_symbol_and_language,
    details_saved_at_once_merge_or_show_both,
);

const ARABIC: &str = "نلتزم بتعزيز التعاون الدولي بشأن الهجرة الآمنة والمنظمة";
const CHINESE: &str = "我们承诺加强安全有序和正常移民的国际合作。";

/// One node of the test draft: key, kind, the Markdown stored, the text a reader sees, and
/// the number in the margin.
struct Expected {
    key: &'static str,
    kind: NodeKind,
    markdown: &'static str,
    shown: &'static str,
    margin: &'static str,
}

const DRAFT: &[Expected] = &[
    Expected {
        key: "h1",
        kind: NodeKind::Heading,
        markdown: "Preamble",
        shown: "Preamble",
        margin: "",
    },
    Expected {
        key: "p1",
        kind: NodeKind::Paragraph,
        markdown: "We, the Heads of State, meet in Marrakech.",
        shown: "We, the Heads of State, meet in Marrakech.",
        margin: "1.",
    },
    Expected {
        key: "h2",
        kind: NodeKind::Heading,
        markdown: "Objectives and commitments",
        shown: "Objectives and commitments",
        margin: "",
    },
    Expected {
        key: "p2",
        kind: NodeKind::Paragraph,
        markdown: "Collect and utilize **accurate** data.",
        shown: "Collect and utilize accurate data.",
        margin: "2.",
    },
    Expected {
        key: "m1",
        kind: NodeKind::Measure,
        markdown: "Develop a data strategy.",
        shown: "Develop a data strategy.",
        margin: "(a)",
    },
    Expected {
        key: "m2",
        kind: NodeKind::Measure,
        markdown: "Improve international comparability.",
        shown: "Improve international comparability.",
        margin: "(b)",
    },
    Expected {
        key: "p3",
        kind: NodeKind::Paragraph,
        markdown: ARABIC,
        shown: ARABIC,
        margin: "3.",
    },
    Expected {
        key: "p4",
        kind: NodeKind::Paragraph,
        markdown: CHINESE,
        shown: CHINESE,
        margin: "4.",
    },
    Expected {
        key: "p5",
        kind: NodeKind::Paragraph,
        markdown: "Minimize the adverse drivers.",
        shown: "Minimize the adverse drivers.",
        margin: "5.",
    },
];

/// The process, a co-facilitator, the Chair's summary (when asked) and the draft, whose
/// paragraphs cite the summary and a proposal.
pub(crate) async fn setup(app: &TestApp, with_summary: bool) -> (Browser, Browser) {
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "gcm").await;
    let cofacilitator = app
        .participant(
            "cofac@example.org",
            "Carla Cofacilitator",
            "Permanent Mission of Mexico",
            "member-state",
        )
        .await;
    app.assign_role(&admin, "gcm", "cofac@example.org", "co-facilitator", "")
        .await;
    with_db(app, move |conn| {
        use concord::store::documents::{NewDocument, create_document};
        use diesel::prelude::*;
        let process: i64 = {
            use concord::db::schema::processes::dsl::*;
            processes.select(id).first(conn).expect("a process")
        };
        let summary = if with_summary {
            create_document(
                conn,
                &NewDocument {
                    process_id: process,
                    slug: "chairs-summary",
                    kind: DocumentKind::ChairsSummary,
                    group_id: None,
                    title: "Chair's summary of the stocktaking meeting",
                    symbol: "A/AC.000/1",
                    language: "en",
                },
                &[
                    plain(
                        "s1",
                        NodeKind::Paragraph,
                        "Participants called for better data.",
                    ),
                    plain(
                        "s2",
                        NodeKind::Paragraph,
                        "ودعا المشاركون إلى تحسين البيانات.",
                    ),
                ],
                None,
            )
            .expect("the summary")
        } else {
            DocumentId(0)
        };
        let cite = |key: &str| -> Vec<Provenance> {
            match key {
                "p2" => vec![
                    Provenance {
                        source: Source::Paragraph {
                            document_id: summary,
                            node_key: "s1".into(),
                        },
                        label: "Chair's summary, paragraph 1".into(),
                        quote: "better data".into(),
                        note: "Taken up & merged".into(),
                    },
                    Provenance {
                        source: Source::ProposalVersion {
                            id: ProposalVersionId(4242),
                        },
                        label: "GCM/CP/0042, version 2".into(),
                        quote: String::new(),
                        note: String::new(),
                    },
                ],
                "m2" => vec![Provenance {
                    source: Source::ProposalVersion {
                        id: ProposalVersionId(4242),
                    },
                    label: "GCM/CP/0042, version 2".into(),
                    quote: "comparability".into(),
                    note: String::new(),
                }],
                _ => Vec::new(),
            }
        };
        let nodes: Vec<Node> = DRAFT
            .iter()
            .map(|e| Node {
                key: e.key.into(),
                kind: e.kind,
                text: e.markdown.into(),
                status: Default::default(),
                provenance: cite(e.key),
            })
            .collect();
        create_document(
            conn,
            &NewDocument {
                process_id: process,
                slug: "draft",
                kind: DocumentKind::Draft,
                group_id: None,
                title: "Global Compact for Safe, Orderly and Regular Migration",
                symbol: "A/CONF.231/3",
                language: "en",
            },
            &nodes,
            None,
        )
        .expect("the draft");
    })
    .await;
    (admin, cofacilitator)
}

fn plain(key: &str, kind: NodeKind, text: &str) -> Node {
    Node {
        key: key.into(),
        kind,
        text: text.into(),
        status: Default::default(),
        provenance: Vec::new(),
    }
}

pub(crate) async fn publish(browser: &Browser, label: &str) {
    let response = browser
        .submit(
            "/p/gcm/documents/draft?view=working",
            "/p/gcm/documents/draft/publish",
            &[("label", label)],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "published {label}"
    );
}

/// A download: its status, file name and bytes.
pub(crate) struct Download {
    status: StatusCode,
    content_type: String,
    disposition: String,
    pub(crate) bytes: Vec<u8>,
}

impl Download {
    pub(crate) fn status_code(&self) -> StatusCode {
        self.status
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8(self.bytes.clone()).expect("UTF-8")
    }

    pub(crate) fn assert_file(&self, name: &str) {
        assert_eq!(self.status, StatusCode::OK, "{name}");
        assert!(
            self.disposition.starts_with("attachment")
                && self.disposition.contains(&format!("filename=\"{name}\"")),
            "{name}: {}",
            self.disposition
        );
    }
}

pub(crate) async fn download(browser: &Browser, path: &str) -> Download {
    let response = browser.get(path).await;
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    Download {
        status: response.status(),
        content_type: header(CONTENT_TYPE),
        disposition: header(CONTENT_DISPOSITION),
        bytes: response.bytes().await.expect("body").to_vec(),
    }
}

/// The schema, as the repository keeps it (`tests/fixtures/schemas`).
fn schema() -> PathBuf {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schemas/akomantoso30.xsd");
    assert!(
        path.is_file(),
        "the Akoma Ntoso schema is at {}",
        path.display()
    );
    path
}

/// Validates an Akoma Ntoso file with xmllint against the OASIS schema.
pub(crate) fn assert_valid_akoma_ntoso(xml: &[u8]) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("export.akn.xml");
    std::fs::write(&file, xml).expect("written");
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(schema())
        .arg(&file)
        .output()
        .expect("xmllint runs (Debian's libxml2-utils)");
    assert!(
        output.status.success(),
        "the Akoma Ntoso export validates: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The paragraphs of a DOCX: whether each is right-to-left, and its text (tabs as `\t`).
pub(crate) fn docx_paragraphs(bytes: &[u8]) -> Vec<(bool, String)> {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a DOCX is a ZIP");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    let mut reader = Reader::from_str(&xml);
    let mut paragraphs = Vec::new();
    let mut current: Option<(bool, String)> = None;
    let mut in_text = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) if e.name().as_ref() == b"w:p" => {
                current = Some((false, String::new()))
            }
            Event::End(e) if e.name().as_ref() == b"w:p" => paragraphs.extend(current.take()),
            Event::Empty(e) if e.name().as_ref() == b"w:bidi" => {
                if let Some(p) = current.as_mut() {
                    p.0 = true;
                }
            }
            Event::Empty(e) if e.name().as_ref() == b"w:tab" => {
                if let Some(p) = current.as_mut() {
                    p.1.push('\t');
                }
            }
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Text(t) if in_text => {
                if let Some(p) = current.as_mut() {
                    p.1.push_str(&t.xml10_content().expect("UTF-8"));
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = current.as_mut() {
                    let entity = r.xml10_content().expect("UTF-8");
                    p.1.push_str(match entity.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        other => other,
                    });
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    paragraphs
}

/// The text of a PDF as poppler reads it, without the bidi control characters it adds.
pub(crate) fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("export.pdf");
    std::fs::write(&file, bytes).expect("written");
    let output = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian's poppler-utils)");
    assert!(output.status.success(), "pdftotext reads the PDF");
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

pub(crate) fn chromium_installed() -> bool {
    std::path::Path::new(concord::export::pdf::CHROMIUM).is_file()
}

fn check_markdown(md: &str) {
    assert!(md.starts_with("# Global Compact for Safe, Orderly and Regular Migration"));
    for e in DRAFT {
        match e.kind {
            NodeKind::Heading => assert!(md.contains(&format!("## {}\n", e.shown)), "{}", e.key),
            _ => assert!(
                md.contains(&format!("{} {}", e.margin.replace('.', "\\."), e.markdown)),
                "{} in {md}",
                e.key
            ),
        }
    }
    assert!(md.contains("[^para_p2]: Sources: [Chair's summary, paragraph 1]"));
}

fn check_html(html: &str) {
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(html.contains("counter(page)"), "page numbers when printed");
    assert!(
        html.contains("@top-left { content: \"A/CONF.231/3\""),
        "symbol in the header"
    );
    for e in DRAFT {
        if e.kind != NodeKind::Heading {
            assert!(
                html.contains(&format!("<span class=\"num\">{}</span>", e.margin)),
                "{}",
                e.key
            );
        }
    }
    assert!(html.contains("Collect and utilize <strong>accurate</strong> data."));
    assert!(html.contains("id=\"para_p3\" lang=\"ar\" dir=\"rtl\">"));
    assert!(html.contains("id=\"para_p4\" lang=\"zh\">"));
    for text in [ARABIC, CHINESE, "Develop a data strategy.", "Preamble"] {
        assert!(html.contains(text), "{text}");
    }
    assert!(
        html.contains("/p/gcm/documents/chairs-summary#n-s1"),
        "the source is linked"
    );
}

fn check_docx(bytes: &[u8]) {
    let paragraphs = docx_paragraphs(bytes);
    for e in DRAFT {
        let wanted = match e.kind {
            NodeKind::Heading => e.shown.to_string(),
            _ => format!("{}\t{}", e.margin, e.shown),
        };
        let found = paragraphs
            .iter()
            .find(|(_, text)| *text == wanted)
            .unwrap_or_else(|| panic!("{wanted:?} is a paragraph of {paragraphs:#?}"));
        assert_eq!(
            found.0,
            e.shown == ARABIC,
            "{}: right-to-left only if Arabic",
            e.key
        );
    }
    assert!(
        paragraphs.iter().any(|(_, t)| t.starts_with(
            "Sources: Chair's summary, paragraph 1: “better data” (Taken up & merged)"
        )),
        "sources under the paragraph"
    );
    assert!(
        paragraphs
            .iter()
            .any(|(_, t)| t.starts_with("A/CONF.231/3 · Zero draft · ")),
        "symbol, revision and date under the title"
    );
}

fn check_pdf(bytes: &[u8]) {
    assert!(bytes.starts_with(b"%PDF"));
    let text = pdf_text(bytes);
    for e in DRAFT {
        if e.shown == ARABIC {
            // Poppler may give right-to-left text in visual order: each word is there.
            for word in ARABIC.split_whitespace() {
                assert!(text.contains(word), "Arabic word {word} in {text}");
            }
            assert!(text.contains(".3") || text.contains("3."), "3 in {text}");
            continue;
        }
        assert!(text.contains(e.shown), "{} in {text}", e.shown);
        if !e.margin.is_empty() {
            assert!(text.contains(e.margin), "{} in {text}", e.margin);
        }
    }
    assert!(text.contains("A/CONF.231/3"), "the symbol in the header");
    assert!(text.contains("Page 1 of 1"), "the page number: {text}");
}

async fn every_format_holds_every_paragraph(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, cofacilitator) = setup(&app, true).await;
    publish(&cofacilitator, "Zero draft").await;
    let visitor = app.new_browser();

    let md = download(&visitor, "/p/gcm/documents/draft/export.md").await;
    md.assert_file("gcm-draft-zero-draft.md");
    assert!(md.content_type.starts_with("text/markdown"));
    check_markdown(&md.text());

    let html = download(
        &visitor,
        "/p/gcm/documents/draft/export.html?revision=zero-draft",
    )
    .await;
    html.assert_file("gcm-draft-zero-draft.html");
    check_html(&html.text());
    assert!(!html.text().contains("class=\"working-mark\""));

    let docx = download(&visitor, "/p/gcm/documents/draft/export.docx").await;
    docx.assert_file("gcm-draft-zero-draft.docx");
    assert!(docx.content_type.contains("wordprocessingml"));
    check_docx(&docx.bytes);

    let akn = download(&visitor, "/p/gcm/documents/draft/export.akn.xml").await;
    akn.assert_file("gcm-draft-zero-draft.akn.xml");
    assert_valid_akoma_ntoso(&akn.bytes);
    let xml = akn.text();
    for e in DRAFT {
        let element = match e.kind {
            NodeKind::Heading => format!("<section eId=\"sec_{}\">", e.key),
            NodeKind::Paragraph if e.shown == ARABIC => {
                format!("<paragraph eId=\"para_{}\" xml:lang=\"ar\">", e.key)
            }
            NodeKind::Paragraph if e.shown == CHINESE => {
                format!("<paragraph eId=\"para_{}\" xml:lang=\"zh\">", e.key)
            }
            NodeKind::Paragraph => format!("<paragraph eId=\"para_{}\">", e.key),
            NodeKind::Measure => format!("<point eId=\"point_{}\">", e.key),
        };
        assert!(xml.contains(&element), "{element}");
        if !e.margin.is_empty() {
            assert!(
                xml.contains(&format!("<num>{}</num>", e.margin)),
                "{}",
                e.margin
            );
        }
    }
    assert!(xml.contains("<FRBRlanguage language=\"ara\"/>"));
    assert!(
        xml.contains("name=\"paragraph\""),
        "the cited paragraph is a reference"
    );
    assert!(
        xml.contains("placementBase=\"#para_p2\""),
        "its note sits on the paragraph"
    );

    // Rev.1: the file names follow, and an earlier revision is still there.
    publish(&cofacilitator, "Rev.1").await;
    download(&visitor, "/p/gcm/documents/draft/export.docx")
        .await
        .assert_file("gcm-draft-rev-1.docx");
    download(
        &visitor,
        "/p/gcm/documents/draft/export.md?revision=zero-draft",
    )
    .await
    .assert_file("gcm-draft-zero-draft.md");
    assert_eq!(
        download(&visitor, "/p/gcm/documents/draft/export.md?revision=rev-9")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        download(&visitor, "/p/gcm/documents/draft/export.txt")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let pdf = download(&visitor, "/p/gcm/documents/draft/export.pdf?revision=rev-1").await;
    if chromium_installed() {
        pdf.assert_file("gcm-draft-rev-1.pdf");
        assert_eq!(pdf.content_type, "application/pdf");
        check_pdf(&pdf.bytes);
    } else {
        assert_eq!(pdf.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(pdf.text().contains("PDF export needs Chromium"));
    }

    // The pages link every format of what they show.
    let (_, page) = visitor.get_text("/p/gcm/documents/draft").await;
    for format in ["md", "html", "docx", "pdf", "akn.xml"] {
        assert!(
            page.contains(&format!(
                "/p/gcm/documents/draft/export.{format}?revision=rev-1"
            )),
            "{format}"
        );
    }
    let (_, page) = visitor
        .get_text("/p/gcm/documents/draft/revisions/zero-draft")
        .await;
    assert!(page.contains("/p/gcm/documents/draft/export.docx?revision=zero-draft"));
}

async fn working_copies_are_exported_marked_and_only_to_drafters(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, cofacilitator) = setup(&app, true).await;
    let stakeholder = app
        .participant(
            "someone@example.org",
            "Someone",
            "Some NGO",
            "civil-society",
        )
        .await;
    let visitor = app.new_browser();

    // Nothing published: not there for the public, the working copy for the drafters.
    for path in [
        "/p/gcm/documents/draft/export.md",
        "/p/gcm/documents/draft/export.md?revision=working",
    ] {
        assert_eq!(
            download(&visitor, path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
        assert_eq!(
            download(&stakeholder, path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let md = download(&cofacilitator, "/p/gcm/documents/draft/export.md").await;
    md.assert_file("gcm-draft-working-copy.md");
    assert!(
        md.text()
            .contains("> **Working copy — not an official text**")
    );

    publish(&cofacilitator, "Zero draft").await;
    // Published: the working copy is refused to the public, and the export shows the revision.
    for browser in [&visitor, &stakeholder] {
        assert_eq!(
            download(
                browser,
                "/p/gcm/documents/draft/export.html?revision=working"
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let md = download(browser, "/p/gcm/documents/draft/export.md").await;
        md.assert_file("gcm-draft-zero-draft.md");
        assert!(!md.text().contains("Working copy"));
    }

    let html = download(
        &cofacilitator,
        "/p/gcm/documents/draft/export.html?revision=working",
    )
    .await;
    html.assert_file("gcm-draft-working-copy.html");
    let page = html.text();
    assert!(page.contains("<p class=\"working-mark\">Working copy — not an official text</p>"));
    assert!(page.contains("@top-center"), "marked on every printed page");
    check_html(&page);

    let akn = download(
        &cofacilitator,
        "/p/gcm/documents/draft/export.akn.xml?revision=working",
    )
    .await;
    akn.assert_file("gcm-draft-working-copy.akn.xml");
    assert_valid_akoma_ntoso(&akn.bytes);
    assert!(
        akn.text()
            .contains("<docStatus>Working copy — not an official text</docStatus>")
    );

    let docx = download(
        &cofacilitator,
        "/p/gcm/documents/draft/export.docx?revision=working",
    )
    .await;
    docx.assert_file("gcm-draft-working-copy.docx");
    check_docx_working(&docx.bytes);

    // The working-copy page offers the working copy's downloads to its readers only.
    let (_, page) = cofacilitator
        .get_text("/p/gcm/documents/draft?view=working")
        .await;
    assert!(page.contains("/p/gcm/documents/draft/export.pdf?revision=working"));
    let (_, page) = visitor.get_text("/p/gcm/documents/draft").await;
    assert!(!page.contains("revision=working"));

    // The words around the text are in the document's language (English), not the reader's
    // (`content_languages` exports a French document to English and Arabic readers).
    let response = app
        .new_browser()
        .client
        .get(visitor.url("/p/gcm/documents/draft/export.md"))
        .header(reqwest::header::ACCEPT_LANGUAGE, "fr")
        .send()
        .await
        .expect("answered");
    let text = response.text().await.expect("body");
    assert!(
        text.contains("Symbol: A/CONF.231/3 · Date: ")
            && text.contains(" · Revision: Zero draft")
            && !text.contains("Cote"),
        "{text}"
    );
}

fn check_docx_working(bytes: &[u8]) {
    let paragraphs = docx_paragraphs(bytes);
    assert!(
        paragraphs
            .iter()
            .any(|(_, t)| t == "Working copy — not an official text"),
        "the working copy is marked in the document"
    );
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a ZIP");
    let mut header = String::new();
    archive
        .by_name("word/header1.xml")
        .expect("a header")
        .read_to_string(&mut header)
        .expect("UTF-8");
    assert!(
        header.contains("Working copy — not an official text"),
        "and on every page"
    );
    assert!(header.contains("A/CONF.231/3"), "with the symbol");
}

async fn the_draft_summary_bundles_summary_and_draft(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, cofacilitator) = setup(&app, false).await;
    // No Chair's summary yet.
    assert_eq!(
        download(&cofacilitator, "/p/gcm/export/draft-summary.md")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    with_db(&app, |conn| {
        use concord::store::documents::{NewDocument, create_document};
        use diesel::prelude::*;
        let process: i64 = {
            use concord::db::schema::processes::dsl::*;
            processes.select(id).first(conn).expect("a process")
        };
        create_document(
            conn,
            &NewDocument {
                process_id: process,
                slug: "chairs-summary",
                kind: DocumentKind::ChairsSummary,
                group_id: None,
                title: "Chair's summary",
                symbol: "",
                language: "en",
            },
            &[plain(
                "s1",
                NodeKind::Paragraph,
                "Participants called for better data.",
            )],
            None,
        )
        .expect("the summary");
    })
    .await;
    publish(&cofacilitator, "Zero draft").await;

    let bundle = download(&cofacilitator, "/p/gcm/export/draft-summary.akn.xml").await;
    bundle.assert_file("gcm-draft-summary-akn-xml.zip");
    assert_eq!(bundle.content_type, "application/zip");
    let mut archive = zip::ZipArchive::new(Cursor::new(bundle.bytes)).expect("a ZIP");
    let mut names: Vec<String> = archive.file_names().map(str::to_string).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "gcm-chairs-summary-working-copy.akn.xml",
            "gcm-draft-zero-draft.akn.xml"
        ]
    );
    for name in &names {
        let mut xml = Vec::new();
        archive
            .by_name(name)
            .expect("the file")
            .read_to_end(&mut xml)
            .expect("read");
        assert_valid_akoma_ntoso(&xml);
    }

    let bundle = download(
        &cofacilitator,
        "/p/gcm/export/draft-summary.docx?draft=zero-draft&summary=working",
    )
    .await;
    bundle.assert_file("gcm-draft-summary-docx.zip");
    let mut archive = zip::ZipArchive::new(Cursor::new(bundle.bytes)).expect("a ZIP");
    let mut docx = Vec::new();
    archive
        .by_name("gcm-draft-zero-draft.docx")
        .expect("the draft")
        .read_to_end(&mut docx)
        .expect("read");
    check_docx(&docx);

    // Only for those who may: not the public, not the Chair.
    assert_eq!(
        download(&app.new_browser(), "/p/gcm/export/draft-summary.md")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    app.participant(
        "chair@example.org",
        "Chair Person",
        "UN Secretariat",
        "un-system",
    )
    .await;
    app.assign_role(&admin, "gcm", "chair@example.org", "chair", "")
        .await;
    let chair = app.new_browser();
    chair.login("chair@example.org", PASSWORD).await;
    assert_eq!(
        download(&chair, "/p/gcm/export/draft-summary.md")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        download(&cofacilitator, "/p/gcm/export/draft-summary.txt")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

/// The co-facilitators state the draft's title, symbol and language; the next revision and
/// its exports carry them, while revisions published before keep theirs.
async fn a_document_states_its_symbol_and_language(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, cofacilitator) = setup(&app, false).await;
    publish(&cofacilitator, "Zero draft").await;

    // Nobody else may change them, whatever they forge.
    let stakeholder = app
        .participant(
            "someone@example.org",
            "Someone",
            "Some NGO",
            "civil-society",
        )
        .await;
    let forged = stakeholder
        .submit(
            "/account",
            "/p/gcm/documents/draft/details",
            &[("title", "Hijacked"), ("symbol", ""), ("language", "en")],
        )
        .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let (status, _) = stakeholder.get_text("/p/gcm/documents/draft/details").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // A wrong form is shown again with what was typed and a message beside each field.
    let (status, form) = cofacilitator
        .get_text("/p/gcm/documents/draft/details")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("<label for=\"language\">Language of the text</label>"));
    let response = cofacilitator
        .submit(
            "/p/gcm/documents/draft/details",
            "/p/gcm/documents/draft/details",
            &[
                ("title", "  "),
                (
                    "symbol",
                    "A/CONF.231/L.1 — a symbol far too long to be any symbol at all",
                ),
                ("language", "tlh"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(page.contains("This field is required."));
    assert!(page.contains("This is too long."));
    assert!(page.contains("Choose one of the languages in the list."));
    assert!(
        page.contains("value=\"A/CONF.231/L.1 — a symbol far too long to be any symbol at all\"")
    );

    let response = cofacilitator
        .submit(
            "/p/gcm/documents/draft/details",
            "/p/gcm/documents/draft/details",
            &[
                (
                    "title",
                    "Pacte mondial pour des migrations sûres, ordonnées et régulières",
                ),
                ("symbol", "A/CONF.231/3/Rev.1"),
                ("language", "fr"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    publish(&cofacilitator, "Rev.1").await;

    let akn = download(
        &cofacilitator,
        "/p/gcm/documents/draft/export.akn.xml?revision=rev-1",
    )
    .await;
    akn.assert_file("gcm-draft-rev-1.akn.xml");
    assert_valid_akoma_ntoso(&akn.bytes);
    let xml = akn.text();
    assert!(xml.contains("<FRBRlanguage language=\"fra\"/>"), "{xml}");
    assert!(xml.contains("<mainBody xml:lang=\"fr\">"), "{xml}");
    assert!(xml.contains("A/CONF.231/3/Rev.1"));
    // The Arabic paragraph of the draft keeps its own language inside the French text.
    assert!(xml.contains("xml:lang=\"ar\""));
    let html = download(
        &cofacilitator,
        "/p/gcm/documents/draft/export.html?revision=rev-1",
    )
    .await;
    assert!(html.text().contains("<html lang=\"fr\" dir=\"ltr\">"));
    assert!(
        html.text()
            .contains("Pacte mondial pour des migrations sûres")
    );
    let docx = download(
        &cofacilitator,
        "/p/gcm/documents/draft/export.docx?revision=rev-1",
    )
    .await;
    let paragraphs: Vec<String> = docx_paragraphs(&docx.bytes)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert!(
        paragraphs.iter().any(|p| p.contains("A/CONF.231/3/Rev.1")),
        "{paragraphs:?}"
    );

    // The pages mark the text with its language too, for screen readers and translators.
    let (_, page) = cofacilitator
        .get_text("/p/gcm/documents/draft/revisions/rev-1")
        .await;
    assert!(
        page.contains("<h1 dir=\"auto\" lang=\"fr\">Pacte mondial"),
        "{page}"
    );
    assert!(
        page.contains("<div class=\"node-text\" lang=\"ar\">"),
        "{page}"
    );
    assert!(
        page.contains("<div class=\"node-text\" lang=\"fr\">"),
        "{page}"
    );
    let (_, page) = cofacilitator
        .get_text("/p/gcm/documents/draft/revisions/zero-draft")
        .await;
    assert!(page.contains("<div class=\"node-text\" lang=\"en\">"));

    // The zero draft was published in English, and stays so.
    let zero = download(
        &cofacilitator,
        "/p/gcm/documents/draft/export.akn.xml?revision=zero-draft",
    )
    .await;
    assert!(zero.text().contains("<FRBRlanguage language=\"eng\"/>"));
    assert!(!zero.text().contains("A/CONF.231/3/Rev.1"));
}

/// Two drafters change the details from forms opened at the same time: different fields
/// merge; the same field changed two ways is shown with both texts, and nothing is lost.
async fn details_saved_at_once_merge_or_show_both(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, cofacilitator) = setup(&app, false).await;
    let path = "/p/gcm/documents/draft/details";
    let title = "Global Compact for Safe, Orderly and Regular Migration";
    let save = |fields: Vec<(&'static str, String)>| {
        let mut all = vec![
            ("base_title", title.to_string()),
            ("base_symbol", "A/CONF.231/3".to_string()),
            ("base_language", "en".to_string()),
        ];
        all.extend(fields);
        let browser = &cofacilitator;
        async move { browser.submit(path, path, &all).await }
    };

    // One changed the symbol, the other (from the same old form) the title: both are kept.
    let first = save(vec![
        ("title", title.into()),
        ("symbol", "A/CONF.231/3/Rev.1".into()),
        ("language", "en".into()),
    ])
    .await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let second = save(vec![
        ("title", "Global Compact for Migration".into()),
        ("symbol", "A/CONF.231/3".into()),
        ("language", "en".into()),
    ])
    .await;
    assert_eq!(second.status(), StatusCode::SEE_OTHER);
    let (_, form) = cofacilitator.get_text(path).await;
    assert!(form.contains("value=\"Global Compact for Migration\""));
    assert!(form.contains("value=\"A/CONF.231/3/Rev.1\""));

    // Both changed the title from the same old form: the later save is shown again, its
    // text kept, the other's beside it; saving from there keeps the later text.
    let clash = save(vec![
        ("title", "Pacte mondial".into()),
        ("symbol", "A/CONF.231/3".into()),
        ("language", "en".into()),
    ])
    .await;
    assert_eq!(clash.status(), StatusCode::CONFLICT);
    let page = clash.text().await.unwrap();
    assert!(page.contains("Someone else changed this while you were editing"));
    assert!(
        page.contains("value=\"Pacte mondial\""),
        "the text typed is kept"
    );
    assert!(
        page.contains("Global Compact for Migration"),
        "what was saved is shown"
    );
    assert!(page.contains("name=\"base_title\" value=\"Global Compact for Migration\""));
    let again = cofacilitator
        .submit(
            path,
            path,
            &[
                ("base_title", "Global Compact for Migration"),
                ("base_symbol", "A/CONF.231/3/Rev.1"),
                ("base_language", "en"),
                ("title", "Pacte mondial"),
                ("symbol", "A/CONF.231/3/Rev.1"),
                ("language", "fr"),
            ],
        )
        .await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    let (_, form) = cofacilitator.get_text(path).await;
    assert!(form.contains("value=\"Pacte mondial\""));
}
