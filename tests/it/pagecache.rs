//! Pages kept for anonymous readers (`web::pagecache`): a kept page costs only the statement
//! that reads its data's stamps (none on PostgreSQL, which tells the instance when they
//! change), shows every write at once (a submission, a hiding, a renamed process; on
//! PostgreSQL, a write through another instance as soon as this one hears of it, even after
//! its listener lost its connection), carries each visitor's own CSRF token, follows the
//! visitor's language, and is never what a signed-in person sees. A browser gets it as it was
//! compressed once, its own token in it.

use reqwest::StatusCode;

use crate::contributions::send;
use crate::helpers::{
    Backend, Browser, TestApp, csrf_of, location, process_form, spawn_app, spawn_app_with,
};
use crate::on_both_backends;

on_both_backends!(
    a_kept_page_reads_only_its_stamps_and_shows_every_write,
    the_home_page_is_kept_until_a_process_is_added_or_renamed,
    each_visitor_gets_their_own_token_and_language,
    a_signed_in_person_never_gets_a_kept_page,
    a_browser_gets_kept_pages_compressed_with_its_own_token,
    a_listener_that_lost_its_connection_leaves_no_page_stale,
);

const PAGES: [&str; 5] = [
    "/p/gcm",
    "/p/gcm/contributions",
    "/p/gcm/contributions/TST-WC-0001",
    "/p/gcm/proposals",
    "/p/gcm/groups/1",
];

async fn submit(author: &Browser, title: &str) {
    let response = send(
        author,
        "/p/gcm/contributions/new",
        &[
            ("title", title),
            ("body", "Decent work for all migrant workers."),
            ("group", "1"),
            ("action", "submit"),
        ],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "submitted");
}

/// The statements the second of two GETs of `path` costs.
async fn second_get(app: &TestApp, visitor: &Browser, path: &str) -> (u64, String) {
    app.settle().await;
    let (status, _) = visitor.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    let before = app.queries.get();
    let (status, page) = visitor.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    (app.queries.get() - before, page)
}

async fn a_kept_page_reads_only_its_stamps_and_shows_every_write(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = app.process_and_author().await;
    submit(&author, "The first contribution").await;
    let visitor = app.new_browser();
    for path in PAGES {
        let (statements, page) = second_get(&app, &visitor, path).await;
        assert_eq!(
            statements,
            backend.kept_page_statements(),
            "{path}: only the stamps are read"
        );
        assert!(page.contains("Compact"), "{path} is the whole page");
    }

    // A submission shows on the next anonymous read of the list.
    submit(&author, "A second contribution").await;
    let (_, page) = visitor.get_text("/p/gcm/contributions").await;
    assert!(page.contains("A second contribution"), "{page}");

    // A hidden contribution's kept page is not served any more.
    let moderator = app
        .participant("mod@example.org", "Mona", "University", "academia")
        .await;
    app.assign_role(&admin, "gcm", "mod@example.org", "moderator", "1")
        .await;
    let hidden = "/p/gcm/contributions/TST-WC-0001";
    let response = moderator
        .submit(
            hidden,
            &format!("{hidden}/hide"),
            &[("reason", "Off topic for this consultation")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "hidden");
    let (_, page) = visitor.get_text("/p/gcm/contributions/TST-WC-0001").await;
    assert!(!page.contains("The first contribution"), "the text is gone");
    let (_, page) = visitor.get_text("/p/gcm/contributions").await;
    assert!(
        !page.contains("The first contribution"),
        "from the list too"
    );

    // The process's own row: its title changes on every page at once.
    let response = admin
        .submit(
            "/admin/processes/gcm/edit",
            "/admin/processes/gcm/edit",
            &process_form("gcm", "Compact, renamed", "1 First group\n2 Second group"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    for path in PAGES {
        let (_, page) = visitor.get_text(path).await;
        assert!(
            page.contains("Compact, renamed"),
            "{path} shows the new title"
        );
    }

    // On PostgreSQL, a write through another instance shows on this one's kept pages.
    if backend == Backend::Postgres {
        let other = app.another_instance(&[]).await;
        let author_there = Browser {
            address: other.address.clone(),
            client: author.client.clone(),
            jar: author.jar.clone(),
        };
        submit(&author_there, "Written through the other instance").await;
        shows_soon(
            &visitor,
            "/p/gcm/contributions",
            "Written through the other instance",
        )
        .await;
    }
}

/// Whether `path` shows `text` within a second: a write through another instance shows on
/// this one once its listener hears the database's notice (about a millisecond).
async fn shows_soon(visitor: &Browser, path: &str, text: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
    loop {
        let (_, page) = visitor.get_text(path).await;
        if page.contains(text) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{path} never showed {text:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

/// The backends of the database's listeners (`db::listen`), one an instance.
fn listeners(app: &TestApp) -> Vec<i32> {
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Backend {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        pid: i32,
    }
    let mut conn = app.pool.get().expect("a connection");
    let found: Vec<Backend> = diesel::sql_query(format!(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() \
         AND application_name = '{}' ORDER BY pid",
        concord::db::listen::APPLICATION_NAME
    ))
    .load(&mut conn)
    .expect("pg_stat_activity");
    found.into_iter().map(|b| b.pid).collect()
}

/// The listener's connection is cut (the database restarted, a proxy timed out): the write
/// made while no instance listens shows on the next page once the instance listens again, and
/// the kept pages go back to reading nothing.
async fn a_listener_that_lost_its_connection_leaves_no_page_stale(backend: Backend) {
    if backend != Backend::Postgres {
        return; // SQLite serves one instance, which reads its stamps for each page.
    }
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, author) = app.process_and_author().await;
    let other = app.another_instance(&[]).await;
    submit(&author, "Written before the cut").await;
    let visitor = app.new_browser();
    let (statements, page) = second_get(&app, &visitor, "/p/gcm/contributions").await;
    assert_eq!(statements, 0, "kept, its stamps remembered");
    assert!(page.contains("Written before the cut"));

    let before = listeners(&app);
    assert_eq!(before.len(), 2, "one listener an instance: {before:?}");
    {
        use diesel::RunQueryDsl;
        let mut conn = app.pool.get().expect("a connection");
        diesel::sql_query(format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = current_database() AND application_name = '{}'",
            concord::db::listen::APPLICATION_NAME
        ))
        .execute(&mut conn)
        .expect("cut the listeners");
    }
    // Nobody listens: this write's notice reaches no one.
    let author_there = Browser {
        address: other.address.clone(),
        client: author.client.clone(),
        jar: author.jar.clone(),
    };
    submit(&author_there, "Written while nobody listened").await;

    // Both instances connect again, new connections.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let again = loop {
        let now = listeners(&app);
        if now.len() == 2 && now.iter().all(|pid| !before.contains(pid)) {
            break now;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "listening again: {now:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    let (_, page) = visitor.get_text("/p/gcm/contributions").await;
    assert!(
        page.contains("Written while nobody listened"),
        "nothing remembered from before the cut counts"
    );
    let (statements, _) = second_get(&app, &visitor, "/p/gcm/contributions").await;
    assert_eq!(statements, 0, "kept again once listening: {again:?}");
    submit(&author_there, "Written once listening again").await;
    shows_soon(
        &visitor,
        "/p/gcm/contributions",
        "Written once listening again",
    )
    .await;
}

async fn the_home_page_is_kept_until_a_process_is_added_or_renamed(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    let visitor = app.new_browser();
    let (statements, page) = second_get(&app, &visitor, "/").await;
    // One statement reads the stamps of every process, as one reads a process's own.
    assert_eq!(
        statements,
        backend.kept_page_statements(),
        "the home page is kept"
    );
    assert!(page.contains("Compact on Testing"), "{page}");
    assert!(page.contains("csrf_token"), "the language chooser's form");

    // A renamed process shows at once.
    let response = admin
        .submit(
            "/admin/processes/gcm/edit",
            "/admin/processes/gcm/edit",
            &process_form("gcm", "Compact, renamed", "1 First group\n2 Second group"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = visitor.get_text("/").await;
    assert!(page.contains("Compact, renamed"), "{page}");

    // So does a new process.
    let response = admin
        .submit(
            "/admin/processes/new",
            "/admin/processes",
            &process_form("second", "A second consultation", "1 Only group"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = visitor.get_text("/").await;
    assert!(page.contains("A second consultation"), "{page}");
    assert!(page.contains("Compact, renamed"), "{page}");

    // A signed-in person's home page is their own (what waits for them), never the kept one.
    let (statements, page) = second_get(&app, &admin, "/").await;
    assert!(
        statements > backend.kept_page_statements(),
        "rendered for them: {statements} statements"
    );
    assert!(page.contains("A second consultation"), "{page}");
}

async fn each_visitor_gets_their_own_token_and_language(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let _ = app.process_and_author().await;
    let (one, two) = (app.new_browser(), app.new_browser());
    let (_, first) = one.get_text("/p/gcm/contributions").await;
    let (_, second) = two.get_text("/p/gcm/contributions").await;
    let (_, again) = two.get_text("/p/gcm/contributions").await;
    let (token_one, token_two) = (csrf_of(&first), csrf_of(&second));
    assert_ne!(token_one, token_two, "tokens are per visitor");
    assert_eq!(
        csrf_of(&again),
        token_two,
        "a kept page carries the visitor's own"
    );
    assert_eq!(token_two.len(), 43);

    // Each token works for its own visitor, and only for them.
    let choose = |token: &str| {
        [
            ("csrf_token", token.to_string()),
            ("lang", "fr".to_string()),
            ("next", "/p/gcm/contributions".to_string()),
        ]
    };
    let refused = one.post_form("/language", &choose(&token_two)).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let chosen = two.post_form("/language", &choose(&token_two)).await;
    assert_eq!(chosen.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&chosen), "/p/gcm/contributions");

    // The same address in French, for the visitor who chose it; English for the other.
    let (_, french) = two.get_text("/p/gcm/contributions").await;
    assert!(french.contains("<html lang=\"fr\""), "French");
    let (_, english) = one.get_text("/p/gcm/contributions").await;
    assert!(english.contains("<html lang=\"en\""), "English");
}

async fn a_signed_in_person_never_gets_a_kept_page(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], false).await else {
        return;
    };
    let (_, author) = app.process_and_author().await;
    let visitor = app.new_browser();
    for path in PAGES.iter().filter(|p| !p.contains("TST-WC")) {
        visitor.get_text(path).await;
        visitor.get_text(path).await;
        let (status, page) = author.get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            page.contains("Amal Author"),
            "{path} names who is signed in"
        );
        assert!(page.contains("/logout"), "{path} offers to sign out");
    }
}

/// What a browser sends: it takes brotli and zstd too, which Concord does not make.
const BROWSER_ENCODINGS: &str = "gzip, deflate, br, zstd";

/// `path` asked for with `Accept-Encoding: encodings`: the answer's encoding and its body as
/// the client reads it (decompressed). A kept page always says it varies with the encodings
/// asked for, so that no cache hands one client's encoding to another.
async fn get_encoded(visitor: &Browser, path: &str, encodings: &str) -> (Option<String>, String) {
    let response = visitor
        .client
        .get(visitor.url(path))
        .header("accept-encoding", encodings)
        .send()
        .await
        .expect("GET answered");
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let header = |name| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().expect("ASCII").to_string())
    };
    let encoding = header("content-encoding");
    assert!(
        encoding.is_none() && encodings == "br"
            || header("vary").is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")),
        "{path}: caches are told the answer depends on the encodings asked for"
    );
    let body = response.bytes().await.expect("body");
    let text = match encoding.as_deref() {
        Some("gzip") => {
            let mut plain = String::new();
            std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&body[..]), &mut plain)
                .expect("a valid gzip member");
            plain
        }
        None => String::from_utf8(body.to_vec()).expect("UTF-8"),
        Some(other) => panic!("{path}: {other}"),
    };
    (encoding, text)
}

async fn a_browser_gets_kept_pages_compressed_with_its_own_token(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = app.process_and_author().await;
    submit(&author, "Decent work").await;
    let (one, two) = (app.new_browser(), app.new_browser());
    for path in PAGES.iter().chain(&["/api/p/gcm/contributions"]) {
        // Kept by a client that takes no encoding, then sent compressed to one that does.
        let (encoding, plain) = get_encoded(&one, path, "identity").await;
        assert_eq!(encoding, None, "{path}");
        let (encoding, page) = get_encoded(&one, path, BROWSER_ENCODINGS).await;
        assert_eq!(encoding.as_deref(), Some("gzip"), "{path}");
        assert_eq!(page, plain, "{path}: the same page, the same token");
        // Another browser gets the same page with its own token, never the first's.
        let (_, other) = get_encoded(&two, path, BROWSER_ENCODINGS).await;
        if path.starts_with("/api/") {
            assert_eq!(other, plain, "{path}");
            continue;
        }
        let (token_one, token_two) = (csrf_of(&page), csrf_of(&other));
        assert_ne!(token_one, token_two, "{path}");
        assert!(!other.contains(&token_one), "{path}");
        assert_eq!(other.replace(&token_two, &token_one), page, "{path}");
    }
    // The chooser's token in a compressed page works for its own visitor.
    let (_, page) = get_encoded(&two, "/p/gcm/contributions", BROWSER_ENCODINGS).await;
    let chosen = two
        .post_form(
            "/language",
            &[
                ("csrf_token", csrf_of(&page).as_str()),
                ("lang", "fr"),
                ("next", "/p/gcm/contributions"),
            ],
        )
        .await;
    assert_eq!(chosen.status(), StatusCode::SEE_OTHER);

    // A page made for one person is compressed as it is sent, with gzip: brotli is not made.
    let (encoding, page) = get_encoded(&author, "/p/gcm/contributions", BROWSER_ENCODINGS).await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
    assert!(page.contains("Amal Author"));
    let (encoding, _) = get_encoded(&author, "/p/gcm/contributions", "br").await;
    assert_eq!(encoding, None);
}
