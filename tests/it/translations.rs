//! Language versions of a document: a translation goes out of date when a revision of the
//! original changes its paragraph and is current again once translated anew; translators
//! write only their own language (never the original, another language or the working
//! copy), whatever request they forge; and a Chinese and a Russian version export in every
//! format in their own language, the Akoma Ntoso naming the original it translates.

use reqwest::StatusCode;

use crate::documents::{edit, field_value};
use crate::exports::{
    assert_valid_akoma_ntoso, chromium_installed, docx_paragraphs, download, pdf_text, publish,
    setup,
};
use crate::helpers::{Backend, Browser, TestApp, csrf_of, spawn_app, spawn_app_with, with_db};
use crate::on_both_backends;

on_both_backends!(
    a_translation_goes_out_of_date_and_back,
    translators_write_only_their_language,
    chinese_and_russian_versions_export_in_their_language,
    the_demo_draft_has_a_french_and_a_spanish_version,
);

const FRENCH_P1: &str = "Nous, chefs d'État et de gouvernement, réunis à Marrakech.";
const CHINESE_P1: &str = "我们，各国国家元首和政府首脑，在马拉喀什举行会议。";
const CHINESE_H1: &str = "序言";
const RUSSIAN_P1: &str = "Мы, главы государств и правительств, собрались в Марракеше.";
const RUSSIAN_H1: &str = "Преамбула";

/// A participant who translates the process's documents into `language`.
pub(crate) async fn translator(
    app: &TestApp,
    admin: &Browser,
    email: &str,
    language: &str,
) -> Browser {
    let browser = app
        .participant(email, "Tomás Translator", "UN Secretariat", "un-system")
        .await;
    assign_translator(admin, email, language).await;
    browser
}

async fn assign_translator(admin: &Browser, email: &str, language: &str) {
    let response = admin
        .submit(
            "/admin/processes/gcm",
            "/admin/processes/gcm/roles",
            &[
                ("email", email),
                ("role", "translator"),
                ("group", ""),
                ("language", language),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "translator named");
}

/// Translates node `key` into `language` from its form, as the translator's browser does.
pub(crate) async fn translate(
    browser: &Browser,
    language: &str,
    key: &str,
    text: &str,
) -> reqwest::Response {
    let form = format!("/p/gcm/documents/draft/languages/{language}/nodes/{key}");
    let (status, page) = browser.get_text(&form).await;
    assert_eq!(status, StatusCode::OK, "{form}");
    let revision = field_value(&page, "revision");
    browser
        .post_form(
            &form,
            &[
                ("csrf_token", csrf_of(&page).as_str()),
                ("text", text),
                ("revision", revision.as_str()),
            ],
        )
        .await
}

/// The state the language page shows for node `key`.
fn state_of(page: &str, key: &str) -> &'static str {
    for state in ["current", "out-of-date", "missing"] {
        if page.contains(&format!("class=\"pair pair-{state}\" id=\"node-{key}\"")) {
            return state;
        }
    }
    panic!("node {key} is on the page: {page}");
}

async fn a_translation_goes_out_of_date_and_back(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, cofacilitator) = setup(&app, false).await;
    publish(&cofacilitator, "Zero draft").await;
    let french = translator(&app, &admin, "fr@example.org", "fr").await;

    let (status, page) = french.get_text("/p/gcm/documents/draft/languages/fr").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(state_of(&page, "p1"), "missing");
    assert!(
        page.contains("lang=\"en\" dir=\"ltr\""),
        "the original's side"
    );

    let saved = translate(&french, "fr", "p1", FRENCH_P1).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (_, page) = french.get_text("/p/gcm/documents/draft/languages/fr").await;
    assert_eq!(state_of(&page, "p1"), "current");
    assert!(page.contains("réunis à Marrakech"), "the translation shown");
    assert!(
        page.contains("lang=\"fr\" dir=\"ltr\""),
        "the version's side"
    );

    // The co-facilitator changes paragraph 1 and publishes Rev.1: the translation stays,
    // out of date; the other paragraphs are as they were.
    assert_eq!(
        edit(
            &cofacilitator,
            "p1",
            "We, the Heads of State and Government, meet in Marrakech."
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let (_, page) = french.get_text("/p/gcm/documents/draft/languages/fr").await;
    assert_eq!(
        state_of(&page, "p1"),
        "current",
        "until a revision is published"
    );
    publish(&cofacilitator, "Rev.1").await;
    let (_, page) = french.get_text("/p/gcm/documents/draft/languages/fr").await;
    assert_eq!(state_of(&page, "p1"), "out-of-date");
    assert!(page.contains("réunis à Marrakech"), "not erased");
    assert_eq!(state_of(&page, "p2"), "missing");

    // The document page says what translators must revisit, to everyone.
    let visitor = app.new_browser();
    let (status, document) = visitor.get_text("/p/gcm/documents/draft").await;
    assert_eq!(status, StatusCode::OK);
    assert!(document.contains("/p/gcm/documents/draft/languages/fr"));
    assert!(document.contains("0 / 9 (0 %)"), "{document}");
    assert!(
        document.contains("<span dir=\"auto\">1</span>"),
        "paragraph 1 to revisit"
    );

    // Translated again from Rev.1: current.
    assert_eq!(
        translate(&french, "fr", "p1", FRENCH_P1).await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, page) = french.get_text("/p/gcm/documents/draft/languages/fr").await;
    assert_eq!(state_of(&page, "p1"), "current");
    let (_, document) = visitor.get_text("/p/gcm/documents/draft").await;
    assert!(document.contains("1 / 9 (11 %)"), "{document}");

    // A translation sent from the zero draft's text (a form opened before Rev.1) is kept
    // as made from the zero draft: out of date, not wrongly current.
    let (_, form) = french
        .get_text("/p/gcm/documents/draft/languages/fr/nodes/p1")
        .await;
    let late = french
        .post_form(
            "/p/gcm/documents/draft/languages/fr/nodes/p1",
            &[
                ("csrf_token", csrf_of(&form).as_str()),
                ("text", FRENCH_P1),
                ("revision", "1"),
            ],
        )
        .await;
    assert_eq!(late.status(), StatusCode::SEE_OTHER);
    let (_, page) = french.get_text("/p/gcm/documents/draft/languages/fr").await;
    assert_eq!(state_of(&page, "p1"), "out-of-date");

    // An empty text is refused beside its field, and nothing else is lost.
    let empty = translate(&french, "fr", "p2", "  ").await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = empty.text().await.expect("body");
    assert!(body.contains("id=\"text-error\""), "{body}");
}

async fn translations_in_database(app: &TestApp) -> i64 {
    with_db(app, |conn| {
        use concord::db::schema::document_translations::dsl::*;
        use diesel::prelude::*;
        document_translations
            .count()
            .get_result::<i64>(conn)
            .expect("counted")
    })
    .await
}

async fn translators_write_only_their_language(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, cofacilitator) = setup(&app, false).await;
    publish(&cofacilitator, "Zero draft").await;
    // A translator is named for a language, and only a translator is.
    for (role, language) in [("translator", ""), ("chair", "fr")] {
        let refused = admin
            .submit(
                "/admin/processes/gcm",
                "/admin/processes/gcm/roles",
                &[
                    ("email", "cofac@example.org"),
                    ("role", role),
                    ("group", ""),
                    ("language", language),
                ],
            )
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{role}");
        let body = refused.text().await.expect("body");
        assert!(body.contains("id=\"language-error\""), "{body}");
    }
    let french = translator(&app, &admin, "fr@example.org", "fr").await;
    let (_, page) = french.get_text("/p/gcm/documents/draft/languages/fr").await;
    let token = csrf_of(&page);
    let forged = |language: &'static str| {
        let (browser, token) = (&french, token.clone());
        async move {
            browser
                .post_form(
                    &format!("/p/gcm/documents/draft/languages/{language}/nodes/p1"),
                    &[
                        ("csrf_token", token.as_str()),
                        ("text", "Texte"),
                        ("revision", "1"),
                    ],
                )
                .await
                .status()
        }
    };
    // Another language, the original's, and an unknown one.
    assert_eq!(forged("es").await, StatusCode::FORBIDDEN);
    assert_eq!(forged("en").await, StatusCode::FORBIDDEN);
    assert_eq!(forged("xx").await, StatusCode::NOT_FOUND);
    let (status, _) = french
        .get_text("/p/gcm/documents/draft/languages/es/nodes/p1")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "no form for Spanish");
    let (status, _) = french.get_text("/p/gcm/documents/draft/languages/en").await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the original is the document itself"
    );
    // Nor the original's working copy.
    let refused = french
        .post_form(
            "/p/gcm/documents/draft/nodes/p1",
            &[
                ("csrf_token", token.as_str()),
                ("text", "Texte"),
                ("base", "We, the Heads of State, meet in Marrakech."),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    // The co-facilitator, who drafts the original, does not translate either; nor does the
    // language page offer the form to anyone but the translator.
    let (_, page) = cofacilitator
        .get_text("/p/gcm/documents/draft/languages/fr")
        .await;
    assert!(
        !page.contains("/languages/fr/nodes/p1\""),
        "no translate link"
    );
    let refused = cofacilitator
        .post_form(
            "/p/gcm/documents/draft/languages/fr/nodes/p1",
            &[
                ("csrf_token", csrf_of(&page).as_str()),
                ("text", "Texte"),
                ("revision", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(translations_in_database(&app).await, 0, "nothing saved");
    // The translator's own language is theirs.
    assert_eq!(
        translate(&french, "fr", "p1", FRENCH_P1).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(translations_in_database(&app).await, 1);
}

async fn chinese_and_russian_versions_export_in_their_language(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, cofacilitator) = setup(&app, false).await;
    publish(&cofacilitator, "Zero draft").await;
    // One person may translate into two languages.
    let both = translator(&app, &admin, "zh-ru@example.org", "zh").await;
    assign_translator(&admin, "zh-ru@example.org", "ru").await;
    for (language, heading, paragraph) in [
        ("zh", CHINESE_H1, CHINESE_P1),
        ("ru", RUSSIAN_H1, RUSSIAN_P1),
    ] {
        for (key, text) in [("h1", heading), ("p1", paragraph)] {
            let saved = translate(&both, language, key, text).await;
            assert_eq!(saved.status(), StatusCode::SEE_OTHER, "{language} {key}");
        }
    }
    let visitor = app.new_browser();
    for (language, akn, heading, paragraph, revision_label) in [
        ("zh", "zho", CHINESE_H1, CHINESE_P1, "修订版"),
        ("ru", "rus", RUSSIAN_H1, RUSSIAN_P1, "Редакция"),
    ] {
        let base = format!("/p/gcm/documents/draft/languages/{language}/export");

        let xml = download(&visitor, &format!("{base}.akn.xml")).await;
        xml.assert_file(&format!("gcm-draft-zero-draft-{language}.akn.xml"));
        assert_valid_akoma_ntoso(&xml.bytes);
        let xml = String::from_utf8(xml.bytes).expect("UTF-8");
        assert!(
            xml.contains(&format!("<FRBRlanguage language=\"{akn}\"/>")),
            "{xml}"
        );
        assert!(
            xml.contains("fromLanguage=\"en\""),
            "names the original: {xml}"
        );
        assert!(
            xml.contains(&format!("<mainBody xml:lang=\"{language}\">")),
            "{xml}"
        );
        assert!(xml.contains(paragraph), "{xml}");

        let md = download(&visitor, &format!("{base}.md")).await;
        let md = String::from_utf8(md.bytes).expect("UTF-8");
        assert!(md.contains(&format!("1\\. {paragraph}")), "{md}");
        assert!(md.contains(revision_label), "labels in the language: {md}");

        let html = download(&visitor, &format!("{base}.html")).await;
        let html = String::from_utf8(html.bytes).expect("UTF-8");
        assert!(
            html.contains(&format!("<html lang=\"{language}\" dir=\"ltr\">")),
            "{html}"
        );
        assert!(html.contains(heading) && html.contains(paragraph));

        let docx = download(&visitor, &format!("{base}.docx")).await;
        assert_eq!(docx.bytes[..2], *b"PK", "a DOCX");
        let paragraphs = docx_paragraphs(&docx.bytes);
        assert!(
            paragraphs
                .iter()
                .any(|(_, t)| *t == format!("1.\t{paragraph}")),
            "{paragraphs:#?}"
        );
        assert!(
            paragraphs.iter().any(|(_, t)| t == heading),
            "{paragraphs:#?}"
        );

        if chromium_installed() {
            let pdf = download(&visitor, &format!("{base}.pdf")).await;
            let text = pdf_text(&pdf.bytes);
            let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let wanted: String = paragraph.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(squeezed.contains(&wanted), "{language}: {text}");
            assert!(text.contains(heading), "{language}: {text}");
        }
    }
    // An Arabic version is written right to left.
    let html = download(&visitor, "/p/gcm/documents/draft/languages/ar/export.html").await;
    let html = String::from_utf8(html.bytes).expect("UTF-8");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
    // No version of the original's own language.
    let original = download(&visitor, "/p/gcm/documents/draft/languages/en/export.md").await;
    assert_eq!(original.status_code(), StatusCode::NOT_FOUND);
}

async fn the_demo_draft_has_a_french_and_a_spanish_version(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], true).await else {
        return;
    };
    let visitor = app.new_browser();
    let (status, document) = visitor.get_text("/p/gcm/documents/draft").await;
    assert_eq!(status, StatusCode::OK);
    for language in ["fr", "es"] {
        assert!(document.contains(&format!("/p/gcm/documents/draft/languages/{language}\"")));
    }
    // Translated from the zero draft: Rev.1 changed the first paragraph, not the others.
    for (language, current) in [("fr", 4), ("es", 3)] {
        let path = format!("/p/gcm/documents/draft/languages/{language}");
        let (status, page) = visitor.get_text(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(
            page.matches("class=\"pair pair-current\"").count(),
            current,
            "{path}"
        );
        assert_eq!(
            page.matches("class=\"pair pair-out-of-date\"").count(),
            1,
            "{path}"
        );
        assert!(!page.contains("/nodes/"), "no translate links for visitors");
    }
    // The demo translator translates both, and only those.
    let translator = app.new_browser();
    let response = translator
        .login("translator@demo.concord.example", "concord-demo-2018")
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    for (language, offered) in [("fr", true), ("es", true), ("zh", false)] {
        let (_, page) = translator
            .get_text(&format!("/p/gcm/documents/draft/languages/{language}"))
            .await;
        assert_eq!(page.contains("/nodes/"), offered, "{language}");
    }
}
