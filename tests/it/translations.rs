//! Language versions of a document: a translation goes out of date when a revision of the
//! original changes its paragraph and is current again once translated anew; translators
//! write only their own language (never the original, another language or the working
//! copy), whatever request they forge; and a Chinese and a Russian version export in every
//! format in their own language, the Akoma Ntoso naming the original it translates; and a
//! translator's "Your work" counts each document's paragraphs in their language only.

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
    translators_find_their_documents_in_their_work,
    the_demo_translator_finds_both_versions_in_their_work,
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

/// The "Your work" entry of `page` for the document `slug`'s version in `language`, if any.
fn work_entry<'a>(page: &'a str, slug: &str, language: &str) -> Option<&'a str> {
    let link = format!("<a href=\"/p/gcm/documents/{slug}/languages/{language}\">");
    let start = page.find(&link)?;
    let end = page[start..].find("</li>")? + start;
    Some(&page[start..end])
}

/// The "Your work" panel of `page` (empty without one).
fn work_panel(page: &str) -> &str {
    let Some(start) = page.find("class=\"your-work\"") else {
        return "";
    };
    let end = page[start..]
        .find("</section>")
        .map_or(page.len(), |e| e + start);
    &page[start..end]
}

/// The SQL statements one GET costs, after a first GET.
async fn queries_of(app: &TestApp, browser: &Browser, path: &str) -> u64 {
    let (status, _) = browser.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    let before = app.queries.get();
    let (status, _) = browser.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    app.queries.get() - before
}

async fn translators_find_their_documents_in_their_work(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, cofacilitator) = setup(&app, false).await;
    let french = translator(&app, &admin, "fr@example.org", "fr").await;
    // Nothing published, nothing to translate.
    let (_, page) = french.get_text("/").await;
    assert!(work_entry(&page, "draft", "fr").is_none(), "{page}");

    publish(&cofacilitator, "Zero draft").await;
    // One revision, no translation: the pages cost what they will with more of both.
    let home_queries = queries_of(&app, &french, "/").await;
    let process_queries = queries_of(&app, &french, "/p/gcm").await;
    let spanish = translator(&app, &admin, "es@example.org", "es").await;
    for path in ["/", "/p/gcm"] {
        let (_, page) = french.get_text(path).await;
        assert!(page.contains("Your work"), "{path}");
        let entry = work_entry(&page, "draft", "fr").expect("the French version listed");
        assert!(
            entry.contains("Translated: 0 · Not translated: 9 · Out of date: 0"),
            "{path}: {entry}"
        );
        assert!(entry.contains("Français version"), "{entry}");
        assert!(
            work_entry(&page, "draft", "es").is_none(),
            "no Spanish: {page}"
        );
        let (_, page) = spanish.get_text(path).await;
        assert!(work_entry(&page, "draft", "es").is_some(), "{path}");
        assert!(
            work_entry(&page, "draft", "fr").is_none(),
            "no French: {page}"
        );
        // Those who draft the original have no translation in their work.
        let (_, page) = cofacilitator.get_text(path).await;
        assert!(page.contains("Your work"), "{path}");
        assert!(!work_panel(&page).contains("/languages/"), "{path}: {page}");
    }

    assert_eq!(
        translate(&french, "fr", "p1", FRENCH_P1).await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, page) = french.get_text("/").await;
    let entry = work_entry(&page, "draft", "fr").expect("listed");
    assert!(
        entry.contains("Translated: 1 · Not translated: 8 · Out of date: 0"),
        "{entry}"
    );
    // Rev.1 changes paragraph 1: its translation is out of date, still translated.
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
    publish(&cofacilitator, "Rev.1").await;
    let (_, page) = french.get_text("/p/gcm").await;
    let entry = work_entry(&page, "draft", "fr").expect("listed");
    assert!(
        entry.contains("Translated: 1 · Not translated: 8 · Out of date: 1"),
        "{entry}"
    );
    let (_, page) = spanish.get_text("/").await;
    let entry = work_entry(&page, "draft", "es").expect("listed");
    assert!(
        entry.contains("Translated: 0 · Not translated: 9 · Out of date: 0"),
        "{entry}"
    );
    // The panel costs the same queries with two revisions and a translation as with none.
    assert_eq!(queries_of(&app, &french, "/").await, home_queries);
    assert_eq!(queries_of(&app, &french, "/p/gcm").await, process_queries);

    // Another process: the translator holds nothing there, and its page lists nothing.
    let created = app.create_process(&admin, "other").await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let (status, page) = french.get_text("/p/other").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("Your work"), "{page}");
    // A participant with no role has no work at all.
    let participant = app
        .participant(
            "p@example.org",
            "Pat Participant",
            "Civil society",
            "civil-society",
        )
        .await;
    let (_, page) = participant.get_text("/").await;
    assert!(work_panel(&page).is_empty(), "{page}");
}

async fn the_demo_translator_finds_both_versions_in_their_work(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], true).await else {
        return;
    };
    let translator = app.new_browser();
    let response = translator
        .login("translator@demo.concord.example", "concord-demo-2018")
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = translator.get_text("/").await;
    // Translated from the zero draft: Rev.1 changed one paragraph of each.
    for (language, translated) in [("fr", 5), ("es", 4)] {
        let entry = work_entry(&page, "draft", language).expect("listed");
        assert!(
            entry.contains(&format!("Translated: {translated} ·")),
            "{entry}"
        );
        assert!(entry.contains("Out of date: 1"), "{entry}");
    }
    for language in ["ar", "zh", "ru"] {
        assert!(work_entry(&page, "draft", language).is_none(), "{language}");
    }
    // The demo stakeholder translates nothing.
    let stakeholder = app.new_browser();
    let response = stakeholder
        .login("stakeholder@demo.concord.example", "concord-demo-2018")
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    for path in ["/", "/p/gcm"] {
        let (_, page) = stakeholder.get_text(path).await;
        assert!(!work_panel(&page).contains("/languages/"), "{path}");
    }
}
