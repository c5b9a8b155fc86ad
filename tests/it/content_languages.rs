//! Generated texts follow their reader's or their document's language: the receipt file in
//! the reader's, the labels around an exported document in the document's (whoever reads
//! it), and the first row of an open-data CSV file in the language asked for (`?lang=`),
//! the stable column names staying the default. A language that is not one of the six is
//! refused.

use reqwest::StatusCode;

use crate::exports::{download, publish, setup};
use crate::helpers::{Backend, Browser, TestApp, spawn_app};
use crate::on_both_backends;
use crate::opendata::seeded;

on_both_backends!(
    the_receipt_speaks_its_readers_language,
    an_export_is_framed_in_its_documents_language,
    open_data_headings_follow_the_language_asked_for
);

/// A browser whose visitor chose `code` in the language chooser.
async fn reader_in(app: &TestApp, code: &str) -> Browser {
    let reader = app.new_browser();
    reader
        .submit("/login", "/language", &[("lang", code), ("next", "/login")])
        .await;
    reader
}

/// The receipt of `TST/WC/0001` (an Arabic contribution, its hash stored as `hash`).
async fn receipt(reader: &Browser) -> (String, String) {
    let response = reader
        .get("/p/gcm/contributions/TST-WC-0001/receipt.txt")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let language = response
        .headers()
        .get("content-language")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (language, response.text().await.expect("body"))
}

async fn the_receipt_speaks_its_readers_language(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    seeded(&app).await;
    let (language, english) = receipt(&app.new_browser()).await;
    assert_eq!(language, "en");
    assert!(english.starts_with("Receipt for a written contribution\n"));
    assert!(english.contains("Reference: TST/WC/0001\n"), "{english}");
    assert!(english.contains("Title: حقوق المهاجرين\n"), "{english}");

    for (code, heading, reference, hash) in [
        (
            "fr",
            "Accusé de réception d'une contribution écrite",
            "Référence : TST/WC/0001",
            "Empreinte SHA-256 du texte soumis : hash",
        ),
        (
            "zh",
            "书面意见回执",
            "编号：TST/WC/0001",
            "所提交文本的 SHA-256：hash",
        ),
        (
            "ar",
            "إيصال استلام مساهمة مكتوبة",
            "الرقم المرجعي: TST/WC/0001",
            "بصمة SHA-256 للنص المقدَّم: hash",
        ),
        (
            "ru",
            "Квитанция о получении письменного вклада",
            "Номер: TST/WC/0001",
            "SHA-256 представленного текста: hash",
        ),
    ] {
        let (language, text) = receipt(&reader_in(&app, code).await).await;
        assert_eq!(language, code);
        assert!(text.starts_with(heading), "{code}: {text}");
        assert!(text.contains(reference), "{code}: {text}");
        assert!(text.contains(hash), "{code}: {text}");
        // What was submitted stays exactly as it was, and no English word is left.
        assert!(text.contains("حقوق المهاجرين\n"), "{code}: {text}");
        assert!(text.contains("sha256sum"), "{code}: how to check it");
        for english in ["Receipt", "Reference:", "Title:", "Submitted:", "The hash"] {
            assert!(!text.contains(english), "{code}: {english} in {text}");
        }
    }
}

async fn an_export_is_framed_in_its_documents_language(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, cofacilitator) = setup(&app, false).await;
    let response = cofacilitator
        .submit(
            "/p/gcm/documents/draft/details",
            "/p/gcm/documents/draft/details",
            &[
                ("title", "Pacte mondial pour des migrations sûres"),
                ("symbol", "A/CONF.231/3"),
                ("language", "fr"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    publish(&cofacilitator, "Avant-projet").await;

    // An English and an Arabic reader get the French document framed in French.
    for code in ["en", "ar"] {
        let reader = reader_in(&app, code).await;
        let md = download(&reader, "/p/gcm/documents/draft/export.md").await;
        md.assert_file("gcm-draft-avant-projet.md");
        let text = md.text();
        assert!(text.contains("Cote: A/CONF.231/3"), "{code}: {text}");
        assert!(text.contains("Révision: Avant-projet"), "{code}: {text}");
        assert!(
            !text.contains("Symbol:") && !text.contains("رمز"),
            "{code}: {text}"
        );
        let html = download(&reader, "/p/gcm/documents/draft/export.html").await;
        let page = html.text();
        assert!(
            page.contains("<html lang=\"fr\" dir=\"ltr\""),
            "{code}: {page}"
        );
        // The printed page's margin: "Page 1 sur 1".
        assert!(
            page.contains("counter(page) \" \" \"sur\" \" \" counter(pages)"),
            "{code}: {page}"
        );
        // The process has no French title: its English one, marked as English.
        assert!(
            page.contains("<p class=\"process\" lang=\"en\" dir=\"ltr\">"),
            "{code}: {page}"
        );
        let akn = download(&reader, "/p/gcm/documents/draft/export.akn.xml").await;
        assert!(
            akn.text().contains("<docProponent xml:lang=\"en\">"),
            "{code}: {}",
            akn.text()
        );
    }
}

/// The first line of a CSV file after its byte-order mark.
fn first_line(text: &str) -> &str {
    text.trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default()
}

async fn open_data_headings_follow_the_language_asked_for(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    seeded(&app).await;
    let visitor = app.new_browser();
    let (_, names) = visitor.get_text("/p/gcm/open-data/contributions.csv").await;
    assert!(
        first_line(&names).starts_with("reference,status,submitted_at,title,organisation"),
        "the stable column names by default: {names}"
    );
    let rows = |text: &str| text.lines().skip(1).collect::<Vec<_>>().join("\n");

    for (code, dataset, start) in [
        (
            "fr",
            "contributions",
            "Référence,État,Soumise le (UTC),Titre",
        ),
        (
            "ar",
            "contributions",
            "الرقم المرجعي,الحالة,تاريخ التقديم (UTC)",
        ),
        ("zh", "proposals", "编号,状态,行动小组,版本"),
        (
            "es",
            "proposals",
            "Referencia,Estado,Grupo de acción,Versión",
        ),
    ] {
        let path = format!("/p/gcm/open-data/{dataset}.csv?lang={code}");
        let response = visitor.get(&path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let tag = response
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let text = response.text().await.expect("body");
        assert!(text.starts_with('\u{feff}'), "{path}: a byte-order mark");
        assert!(first_line(&text).starts_with(start), "{path}: {text}");
        if dataset == "contributions" {
            assert_eq!(rows(&text), rows(&names), "{path}: the same rows");
        }
        // Asked again with its tag: unchanged; the tag is not the column names' file's.
        let again = visitor
            .client
            .get(visitor.url(&path))
            .header("if-none-match", &tag)
            .send()
            .await
            .expect("answered");
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        let plain = visitor
            .client
            .get(visitor.url(&format!("/p/gcm/open-data/{dataset}.csv")))
            .header("if-none-match", &tag)
            .send()
            .await
            .expect("answered");
        assert_eq!(plain.status(), StatusCode::OK, "{path}: another file");
        // Read to its end, so that its download slot is free for the next.
        plain.bytes().await.expect("body");
    }

    // JSON keys are the column names in every language.
    let response = visitor
        .get("/p/gcm/open-data/contributions.json?lang=ru")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let json: serde_json::Value = response.json().await.expect("JSON");
    assert!(json[0].get("submitted_at").is_some(), "{json}");

    let workbook = visitor.get("/p/gcm/open-data/workbook.xlsx?lang=ru").await;
    assert_eq!(workbook.status(), StatusCode::OK);
    let bytes = workbook.bytes().await.expect("bytes");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX");
    let mut sheets = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/workbook.xml").expect("its sheets"),
        &mut sheets,
    )
    .expect("UTF-8");
    assert!(
        sheets.contains("name=\"Материалы\"") && sheets.contains("name=\"Предложения\""),
        "{sheets}"
    );

    // The open-data page links the files headed in its reader's language.
    let (_, page) = reader_in(&app, "es")
        .await
        .get_text("/p/gcm/open-data")
        .await;
    assert!(page.contains("/p/gcm/open-data/contributions.csv?lang=es"));
    assert!(page.contains("/p/gcm/open-data/workbook.xlsx?lang=es"));

    // A language that is not one of the six, spelled otherwise or forged, is refused.
    for forged in ["tlh", "FR", "fr-CA", "", "en%27%20OR%201%3D1", "names"] {
        for file in ["contributions.csv", "proposals.csv", "workbook.xlsx"] {
            let path = format!("/p/gcm/open-data/{file}?lang={forged}");
            let (status, _) = visitor.get_text(&path).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        }
    }
}
