//! The process's content in the six languages (`domain::content`): the secretariat gives the
//! title, description, group and theme names in another language, a visitor reading that
//! language sees them on the process's pages, one reading a language with no text sees the
//! original marked with its own `lang` (and `dir`), a kept anonymous page shows a saved
//! translation at once, and no one but the secretariat may write one, whatever they forge.

use reqwest::StatusCode;

use crate::helpers::{
    Backend, Browser, TestApp, csrf_of, location, process_form, spawn_app, spawn_app_with, with_db,
};
use crate::on_both_backends;

on_both_backends!(
    a_french_visitor_reads_french_and_a_russian_one_the_marked_original,
    arabic_is_written_and_marked_right_to_left,
    a_kept_anonymous_page_shows_a_saved_translation_at_once,
    only_the_secretariat_translates_whatever_is_forged,
    a_refused_field_keeps_what_was_typed,
    hostile_translations_come_back_as_text,
    the_demo_speaks_french_and_spanish_on_its_pages,
);

const FRENCH: &str = "/admin/processes/gcm/translations/fr";

/// A browser whose visitor chose `code` in the language chooser.
async fn reader_in(app: &TestApp, code: &str) -> Browser {
    let reader = app.new_browser();
    let response = reader
        .submit("/login", "/language", &[("lang", code), ("next", "/login")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{code} chosen");
    reader
}

/// The names of the translation form's fields, in order: the process's title and
/// description, group 1 and group 2's names, then the themes' and principles'.
async fn field_names(admin: &Browser, form: &str) -> Vec<String> {
    let (status, page) = admin.get_text(form).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page.split("name=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|name| {
            ["process-", "group-", "theme-"]
                .iter()
                .any(|p| name.starts_with(p))
        })
        .map(str::to_string)
        .collect()
}

/// Saves `texts` (by the field's place in the form) as the translation into `code`.
async fn translate(admin: &Browser, code: &str, texts: &[(usize, &str)]) -> reqwest::Response {
    let form = format!("/admin/processes/gcm/translations/{code}");
    let names = field_names(admin, &form).await;
    let fields: Vec<(String, String)> = texts
        .iter()
        .map(|(place, text)| (names[*place].clone(), text.to_string()))
        .collect();
    admin.submit(&form, &form, &fields).await
}

async fn a_french_visitor_reads_french_and_a_russian_one_the_marked_original(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    let response = translate(
        &admin,
        "fr",
        &[
            (0, "Pacte sur les essais"),
            (1, "Un processus créé par les tests."),
            (2, "Premier groupe"),
            (3, "Deuxième groupe"),
            (4, "Droits humains de tous les migrants"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), format!("{FRENCH}?notice=saved"));

    let french = reader_in(&app, "fr").await;
    let (_, page) = french.get_text("/p/gcm").await;
    assert!(
        page.contains("<h1 dir=\"auto\">Pacte sur les essais</h1>"),
        "{page}"
    );
    assert!(page.contains("Un processus créé par les tests."), "{page}");
    assert!(page.contains(">Premier groupe</bdi>"), "{page}");
    assert!(page.contains(">Deuxième groupe</bdi>"), "{page}");
    assert!(
        page.contains(">Droits humains de tous les migrants</bdi>"),
        "{page}"
    );
    // The principle has no French name: the English one, marked as English.
    assert!(
        page.contains("<bdi lang=\"en\" dir=\"ltr\">Migrant-centred</bdi>"),
        "{page}"
    );
    let (_, group) = french.get_text("/p/gcm/groups/2").await;
    assert!(group.contains(">Deuxième groupe</bdi></h1>"), "{group}");
    let (_, home) = french.get_text("/").await;
    assert!(home.contains(">Pacte sur les essais</bdi>"), "{home}");
    let (_, list) = french.get_text("/p/gcm/contributions").await;
    assert!(list.contains("1. Premier groupe</option>"), "{list}");
    let (_, list) = french.get_text("/p/gcm/proposals").await;
    assert!(list.contains("Premier groupe</option>"), "{list}");
    // The statistics name the groups as the reader reads them; the open-data page its title.
    let (_, stats) = french.get_text("/p/gcm/stats").await;
    assert!(stats.contains(">1. Premier groupe</th>"), "{stats}");
    let (_, csv) = french.get_text("/p/gcm/stats/groups.csv").await;
    assert!(csv.contains("Deuxième groupe"), "{csv}");
    let (_, open_data) = french.get_text("/p/gcm/open-data").await;
    assert!(
        open_data.contains(">Pacte sur les essais</bdi>"),
        "{open_data}"
    );
    // An event serving the second group names it in French.
    let fields = [
        ("kind", "hearing"),
        ("title", "Hearing"),
        ("description", "Heard."),
        ("place", "Geneva"),
        ("time_zone", "Europe/Zurich"),
        ("starts", "2026-10-31T10:00"),
        ("ends", "2026-10-31T17:00"),
        ("programme", ""),
        ("phase", "consultation"),
        ("group", "2"),
        ("public", "on"),
    ];
    let response = admin
        .submit("/p/gcm/events/new", "/p/gcm/events/new", &fields)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let event = location(&response)
        .trim_end_matches("?notice=saved")
        .to_string();
    let (_, event) = french.get_text(&event).await;
    assert!(event.contains(">Deuxième groupe</bdi></a>"), "{event}");

    // A Russian reader: no Russian text, so the original, marked lang="en" on its element.
    let russian = reader_in(&app, "ru").await;
    let (_, page) = russian.get_text("/p/gcm").await;
    assert!(
        page.contains("<h1 lang=\"en\" dir=\"ltr\">Compact on Testing</h1>"),
        "{page}"
    );
    assert!(
        page.contains("<bdi lang=\"en\" dir=\"ltr\">1 First group</bdi>"),
        "{page}"
    );
    assert!(!page.contains("Premier groupe"), "{page}");
    // The statistics' table marks the group's English name as English.
    let (_, stats) = russian.get_text("/p/gcm/stats").await;
    assert!(
        stats.contains("<th scope=\"row\" lang=\"en\" dir=\"ltr\">1. 1 First group</th>"),
        "{stats}"
    );

    // An English reader reads the original, unmarked.
    let english = reader_in(&app, "en").await;
    let (_, page) = english.get_text("/p/gcm").await;
    assert!(
        page.contains("<h1 dir=\"auto\">Compact on Testing</h1>"),
        "{page}"
    );

    // Emptying a field takes its translation back: the original shows, marked.
    let response = translate(&admin, "fr", &[(0, ""), (2, "Premier groupe")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = french.get_text("/p/gcm").await;
    assert!(
        page.contains("<h1 lang=\"en\" dir=\"ltr\">Compact on Testing</h1>"),
        "{page}"
    );
    assert!(page.contains(">Premier groupe</bdi>"), "{page}");
    assert!(
        !page.contains("Deuxième groupe"),
        "the whole form is saved: {page}"
    );
}

async fn arabic_is_written_and_marked_right_to_left(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    let (status, form) = admin.get_text("/admin/processes/gcm/translations/ar").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("lang=\"ar\" dir=\"rtl\""), "{form}");
    // The original beside each field keeps its own language.
    assert!(
        form.contains("<bdi lang=\"en\" dir=\"ltr\">Compact on Testing</bdi>"),
        "{form}"
    );
    let response = translate(&admin, "ar", &[(0, "الميثاق التجريبي")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let arabic = reader_in(&app, "ar").await;
    let (_, page) = arabic.get_text("/p/gcm").await;
    assert!(
        page.contains("<h1 dir=\"auto\">الميثاق التجريبي</h1>"),
        "{page}"
    );
    assert!(
        page.contains("<bdi lang=\"en\" dir=\"ltr\">1 First group</bdi>"),
        "{page}"
    );

    // A process written in Arabic (as its form says): its original, shown to a French
    // reader, is marked right-to-left, and the translations offer English, not Arabic.
    let mut form = process_form("gcm", "Compact on Testing", "1 First group\n2 Second group");
    form.push(("language".into(), "Arabic".into()));
    let response = admin
        .submit(
            "/admin/processes/gcm/edit",
            "/admin/processes/gcm/edit",
            &form,
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "not a code"
    );
    form.pop();
    form.push(("language".into(), "ar".into()));
    let response = admin
        .submit(
            "/admin/processes/gcm/edit",
            "/admin/processes/gcm/edit",
            &form,
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, edit) = admin.get_text("/admin/processes/gcm/edit").await;
    assert!(
        edit.contains("<option value=\"ar\" lang=\"ar\" selected>"),
        "{edit}"
    );
    let french = reader_in(&app, "fr").await;
    let (_, page) = french.get_text("/p/gcm").await;
    assert!(
        page.contains("<h1 lang=\"ar\" dir=\"rtl\">Compact on Testing</h1>"),
        "{page}"
    );
    let (status, _) = admin.get_text("/admin/processes/gcm/translations/ar").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no form for the original");
    let (status, _) = admin.get_text("/admin/processes/gcm/translations/en").await;
    assert_eq!(status, StatusCode::OK);
}

async fn a_kept_anonymous_page_shows_a_saved_translation_at_once(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    let visitor = reader_in(&app, "fr").await;
    // Read twice: the second is the kept page, which reads only the stamps.
    for path in ["/p/gcm", "/p/gcm/groups/1"] {
        app.settle().await;
        let (_, page) = visitor.get_text(path).await;
        assert!(page.contains("1 First group"), "{path}");
        let before = app.queries.get();
        let (_, page) = visitor.get_text(path).await;
        assert_eq!(
            app.queries.get() - before,
            backend.kept_page_statements(),
            "{path} is kept"
        );
        assert!(!page.contains("Premier groupe"), "{path}");
    }
    let response = translate(&admin, "fr", &[(2, "Premier groupe")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    for path in ["/p/gcm", "/p/gcm/groups/1"] {
        let (_, page) = visitor.get_text(path).await;
        assert!(page.contains(">Premier groupe</bdi>"), "{path}: {page}");
    }
    // Saving the same texts again changes nothing, and leaves the kept pages kept.
    let stamp = || async {
        with_db(&app, |conn| {
            use diesel::prelude::*;
            concord::db::schema::processes::table
                .select(concord::db::schema::processes::stamp)
                .first::<i64>(conn)
                .unwrap()
        })
        .await
    };
    let before = stamp().await;
    let response = translate(&admin, "fr", &[(2, "Premier groupe")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(stamp().await, before, "nothing changed, nothing renewed");
}

/// The rows of the translations table, for comparing before and after a refused request.
async fn translations_held(app: &TestApp) -> i64 {
    with_db(app, |conn| {
        use diesel::prelude::*;
        concord::db::schema::content_translations::table
            .count()
            .get_result::<i64>(conn)
            .unwrap()
    })
    .await
}

async fn only_the_secretariat_translates_whatever_is_forged(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = app.process_and_author().await;
    let secretariat = app
        .participant(
            "sec@example.org",
            "Sam Secretariat",
            "United Nations",
            "un-system",
        )
        .await;
    app.assign_role(&admin, "gcm", "sec@example.org", "secretariat", "")
        .await;
    let names = field_names(&secretariat, FRENCH).await;
    let title = names[0].clone();

    // A stakeholder: no page, and a POST with their own valid token is refused.
    let (status, _) = author.get_text(FRENCH).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, page) = author.get_text("/p/gcm").await;
    let forged = [
        ("csrf_token", csrf_of(&page)),
        (title.as_str(), "Forgé".to_string()),
    ];
    let response = author.post_form(FRENCH, &forged).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // Anonymous: sent to sign in, with or without a token.
    let anonymous = app.new_browser();
    let (_, page) = anonymous.get_text("/p/gcm").await;
    let forged = [
        ("csrf_token", csrf_of(&page)),
        (title.as_str(), "Forgé".to_string()),
    ];
    let response = anonymous.post_form(FRENCH, &forged).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/login"), "to sign in");

    // The secretariat without the token: refused by the CSRF check.
    let response = secretariat
        .post_form(FRENCH, &[(title.as_str(), "Sans jeton")])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(translations_held(&app).await, 0, "nothing written");

    // Fields naming another process's texts are not the form's: ignored.
    let response = secretariat
        .submit(
            FRENCH,
            FRENCH,
            &[
                (title.as_str(), "Pacte sur les essais"),
                ("group-999999-name", "Forgé"),
                ("process-999999-title", "Forgé"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(translations_held(&app).await, 1, "only the title");

    // Unknown language codes and the process's own language have no form.
    for code in ["de", "FR", "en"] {
        let path = format!("/admin/processes/gcm/translations/{code}");
        let (status, _) = secretariat.get_text(&path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{code}");
    }
}

async fn a_refused_field_keeps_what_was_typed(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    let names = field_names(&admin, FRENCH).await;
    let response = admin
        .submit(
            FRENCH,
            FRENCH,
            &[
                (names[0].as_str(), "P"),
                (names[1].as_str(), "Une description gardée."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Une description gardée."), "{page}");
    assert!(page.contains("value=\"P\""), "{page}");
    assert!(page.contains("aria-invalid=\"true\""), "{page}");
    assert_eq!(translations_held(&app).await, 0, "nothing written");
}

async fn hostile_translations_come_back_as_text(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    let script = "<script>alert(1)</script> Pacte";
    let breakout = "\"><img src=x onerror=alert(1)> Groupe";
    let textarea = "</textarea><script>alert(2)</script> Texte";
    let response = translate(&admin, "fr", &[(0, script), (1, textarea), (2, breakout)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let french = reader_in(&app, "fr").await;
    for path in [
        "/",
        "/p/gcm",
        "/p/gcm/groups/1",
        "/p/gcm/contributions",
        FRENCH,
    ] {
        let reader = if path == FRENCH { &admin } else { &french };
        let (status, page) = reader.get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(!page.contains("<script>alert"), "{path}: {page}");
        assert!(!page.contains("<img src=x"), "{path}: {page}");
    }
    let (_, page) = french.get_text("/p/gcm").await;
    assert!(
        page.contains("alert(1)") && page.contains("&#62; Pacte</h1>"),
        "{page}"
    );
}

async fn the_demo_speaks_french_and_spanish_on_its_pages(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], true).await else {
        return;
    };
    const PACTE: &str = "Pacte mondial pour des migrations sûres, ordonnées et régulières";
    let french = reader_in(&app, "fr").await;
    for path in [
        "/",
        "/p/gcm",
        "/p/gcm/groups/1",
        "/p/gcm/documents/draft",
        "/p/gcm/events",
        "/p/gcm/stats",
        "/p/gcm/contributions/GCM-WC-0001",
        "/p/gcm/proposals/GCM-CP-0001",
    ] {
        let (status, page) = french.get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(page.contains(PACTE), "{path}: {page}");
    }
    let (_, page) = french.get_text("/p/gcm/groups/1").await;
    assert!(page.contains(">Dimensions humaines</bdi></h1>"), "{page}");
    let spanish = reader_in(&app, "es").await;
    let (_, page) = spanish.get_text("/p/gcm").await;
    assert!(
        page.contains("Pacto Mundial para la Migración Segura, Ordenada y Regular"),
        "{page}"
    );
    assert!(page.contains(">Dimensiones humanas</bdi>"), "{page}");
    // The export of an English document is framed in English, whoever reads it.
    let (status, export) = french.get_text("/p/gcm/documents/draft/export.html").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        export.contains("Global Compact for Safe, Orderly and Regular Migration"),
        "{export}"
    );
    assert!(!export.contains(PACTE), "{export}");

    // The staff and stakeholders read their pages and forms in French too.
    for (who, path, text) in [
        (
            "rapporteur",
            "/p/gcm/groups/1/review",
            ">Dimensions humaines</bdi>",
        ),
        (
            "stakeholder",
            "/p/gcm/proposals/new",
            ": Dimensions humaines</option>",
        ),
        (
            "secretariat",
            "/p/gcm/events/new",
            "1. Dimensions humaines</option>",
        ),
        // "Your work" on the home page names the process in French.
        (
            "secretariat",
            "/",
            "<bdi>Pacte mondial pour des migrations sûres, ordonnées et régulières</bdi></a></h3>",
        ),
        // So do the administration pages.
        (
            "secretariat",
            "/admin",
            "<bdi dir=\"auto\">Pacte mondial pour des migrations sûres, ordonnées et régulières</bdi></a></li>",
        ),
        (
            "secretariat",
            "/admin/processes/gcm",
            "<h1><bdi dir=\"auto\">Pacte mondial pour des migrations sûres, ordonnées et régulières</bdi></h1>",
        ),
        (
            "secretariat",
            "/admin/processes/gcm/audit",
            "<bdi dir=\"auto\">Pacte mondial pour des migrations sûres, ordonnées et régulières</bdi></a></p>",
        ),
        // The notifications name it in French as well.
        (
            "stakeholder",
            "/notifications",
            "<bdi>Pacte mondial pour des migrations sûres, ordonnées et régulières</bdi>, <time",
        ),
    ] {
        let reader = app.new_browser();
        let response = reader
            .login(&format!("{who}@demo.concord.example"), "concord-demo-2018")
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let response = reader
            .submit(
                "/account",
                "/language",
                &[("lang", "fr"), ("next", "/account")],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let (status, page) = reader.get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(page.contains(text), "{path}: {page}");
        assert!(page.contains(PACTE), "{path}: {page}");
    }
}
