//! A database that cannot take a write (SQLite's file full; PostgreSQL cut off behind a
//! proxy): the contribution, proposal and document-paragraph forms answer quickly with 503,
//! `Retry-After` and the text given back with a message saying nothing was saved; `/healthz`
//! says the database takes no write; once the database is back the same texts go through,
//! and what was acknowledged before is all still there.

mod proxy;

use std::time::{Duration, Instant};

use concord::db::DbConnection;
use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl};
use reqwest::{Response, StatusCode};

use crate::helpers::{Backend, Browser, POSTGRES_VAR, TestApp, csrf_of, spawn_app_routed, with_db};
use crate::on_both_backends;
use proxy::{Proxy, through_proxy};

on_both_backends!(
    a_database_that_takes_no_write_gives_the_text_back_and_recovers,
    a_connection_the_server_ended_is_not_lent,
);

/// How long an answer may take while the database is out: about a second (the request's
/// wait for a connection), not the 10 s of the pool's own timeout.
const QUICK: Duration = Duration::from_millis(2500);

/// How the test takes the database's writes away, and gives them back.
enum Outage {
    /// The file full: every connection of the app limited to the pages it has, and every
    /// free page filled.
    SqliteFull,
    PostgresCut(Proxy),
}

impl Outage {
    async fn begin(&self, app: &TestApp) {
        match self {
            Outage::SqliteFull => {
                let path = app.database_url.trim_start_matches("sqlite://").to_string();
                tokio::task::spawn_blocking(move || fill(&path))
                    .await
                    .unwrap();
                set_page_limit(app, "1").await;
            }
            Outage::PostgresCut(proxy) => proxy.cut(),
        }
    }

    async fn end(&self, app: &TestApp) {
        match self {
            Outage::SqliteFull => set_page_limit(app, "2147483646").await,
            Outage::PostgresCut(proxy) => proxy.restore(),
        }
    }
}

/// Fills every free page of the SQLite file, on a connection of the test's own limited to
/// the pages the file has.
fn fill(path: &str) {
    let mut conn = diesel::SqliteConnection::establish(path).unwrap();
    conn.batch_execute("PRAGMA busy_timeout = 10000; CREATE TABLE filler (b BLOB NOT NULL)")
        .unwrap();
    conn.batch_execute("PRAGMA max_page_count = 1").unwrap();
    for size in [4000, 500, 50, 1] {
        while conn
            .batch_execute(&format!("INSERT INTO filler (b) VALUES (zeroblob({size}))"))
            .is_ok()
        {}
    }
}

/// Sets `PRAGMA max_page_count` (1: no more pages than the file has now) on the writer's
/// connection and on every connection of the pool.
async fn set_page_limit(app: &TestApp, pages: &'static str) {
    let pragma = format!("PRAGMA max_page_count = {pages}");
    let on_writer = pragma.clone();
    app.writer
        .write(move |conn| conn.batch_execute(&on_writer))
        .await
        .unwrap();
    let pool = app.pool.clone();
    tokio::task::spawn_blocking(move || {
        let all: Vec<_> = (0..pool.max_size()).map(|_| pool.get().unwrap()).collect();
        for mut conn in all {
            conn.batch_execute(&pragma).unwrap();
        }
    })
    .await
    .unwrap();
}

/// A contribution of some 66 KB, whose words the test can find in a page again.
fn long_body() -> String {
    (0..1100)
        .map(|n| format!("Paragraph {n} on decent work for every migrant worker.\n"))
        .collect()
}

/// A proposal's commitment near its 10,000 characters.
fn long_commitment() -> String {
    (0..160)
        .map(|n| format!("Measure {n} for fair recruitment. "))
        .collect()
}

async fn send_contribution(author: &Browser, token: &str, title: &str, body: &str) -> Response {
    let fields = [("title", title), ("body", body), ("action", "submit")];
    author
        .send_multipart("/p/gcm/contributions/new", token, &fields, vec![])
        .await
}

async fn send_proposal(author: &Browser, token: &str, title: &str, commitment: &str) -> Response {
    let fields = [
        ("csrf_token", token),
        ("group", "1"),
        ("title", title),
        ("commitment", commitment),
        (
            "actionable_measures",
            "Ratify the conventions\nInspect workplaces",
        ),
        ("intent", "submit"),
    ];
    author.post_form("/p/gcm/proposals/new", &fields).await
}

/// The answer while the database is out: quick, 503, when to try again, and the page giving
/// back `texts` with the message that nothing was saved.
async fn assert_given_back(response: Response, started: Instant, texts: &[&str]) {
    let elapsed = started.elapsed();
    assert!(elapsed < QUICK, "answered in {elapsed:?}");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        response.headers().get("retry-after").is_some(),
        "Retry-After"
    );
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Nothing was saved"),
        "the message: {page:.2000}"
    );
    for text in texts {
        assert!(page.contains(text), "the text given back: {text:.80}");
    }
}

async fn health(browser: &Browser) -> serde_json::Value {
    browser.get("/healthz").await.json().await.unwrap()
}

/// Submitted contributions' and proposals' titles, in the database.
async fn submitted_titles(app: &TestApp) -> (Vec<String>, Vec<String>) {
    with_db(app, |conn: &mut DbConnection| {
        #[derive(diesel::QueryableByName)]
        struct Title {
            #[diesel(sql_type = diesel::sql_types::Text)]
            title: String,
        }
        let titles = |conn: &mut DbConnection, table: &str| -> Vec<String> {
            diesel::sql_query(format!(
                "SELECT title FROM {table} WHERE reference IS NOT NULL ORDER BY title"
            ))
            .load::<Title>(conn)
            .unwrap()
            .into_iter()
            .map(|t| t.title)
            .collect()
        };
        (titles(conn, "contributions"), titles(conn, "proposals"))
    })
    .await
}

/// The PostgreSQL server's `host:port`, from the URL the tests are given.
fn postgres_address() -> Option<String> {
    let url = std::env::var(POSTGRES_VAR).ok()?;
    Some(through_proxy(&url, 0).1)
}

/// The app, on a fresh database; on PostgreSQL, reaching it through a proxy the test cuts.
async fn app_and_outage(backend: Backend) -> Option<(TestApp, Outage)> {
    match backend {
        Backend::Sqlite => {
            let app = spawn_app_routed(backend, str::to_string).await?;
            Some((app, Outage::SqliteFull))
        }
        Backend::Postgres => {
            let proxy = Proxy::start(postgres_address().unwrap_or_default()).await;
            let port = proxy.port;
            let app = spawn_app_routed(backend, |url| through_proxy(url, port).0).await?;
            Some((app, Outage::PostgresCut(proxy)))
        }
    }
}

/// A draft document of one paragraph, for the node form.
async fn draft_document(app: &TestApp) {
    with_db(app, |conn| {
        use concord::domain::documents::{DocumentKind, Node, NodeKind};
        use concord::store::documents::{NewDocument, create_document};
        use diesel::prelude::*;
        let process: i64 = {
            use concord::db::schema::processes::dsl::*;
            processes.select(id).first(conn).unwrap()
        };
        let nodes = vec![Node {
            key: "p1".into(),
            kind: NodeKind::Paragraph,
            text: "Collect and utilise accurate data.".into(),
            status: Default::default(),
            provenance: vec![],
        }];
        let document = NewDocument {
            process_id: process,
            slug: "draft",
            kind: DocumentKind::Draft,
            group_id: None,
            title: "Global Compact for Migration",
            symbol: "",
            language: "en",
        };
        create_document(conn, &document, &nodes, None).unwrap();
    })
    .await;
}

/// The node form's own fields (base text and version) as the page gives them.
async fn node_form_fields(author: &Browser) -> Vec<(String, String)> {
    let (status, page) = author
        .get_text("/p/gcm/documents/draft/nodes/p1/edit")
        .await;
    assert_eq!(status, StatusCode::OK);
    let value = |name: &str| {
        let marker = format!("name=\"{name}\" value=\"");
        let start = page.find(&marker).unwrap() + marker.len();
        page[start..].split('"').next().unwrap().to_string()
    };
    vec![
        ("csrf_token".into(), csrf_of(&page)),
        ("base".into(), value("base")),
        ("version".into(), value("version")),
    ]
}

async fn send_node(author: &Browser, form: &[(String, String)], text: &str) -> Response {
    let mut fields = form.to_vec();
    fields.push(("text".into(), text.into()));
    author
        .post_form("/p/gcm/documents/draft/nodes/p1", &fields)
        .await
}

/// A new paragraph after the first, through the form under it.
async fn send_insert(author: &Browser, token: &str, text: &str) -> Response {
    let fields = [
        ("csrf_token", token),
        ("after", "p1"),
        ("kind", "paragraph"),
        ("text", text),
    ];
    author
        .post_form("/p/gcm/documents/draft/nodes", &fields)
        .await
}

/// A stakeholder who also edits the draft, with the process and document set up.
async fn author_of(app: &TestApp) -> Browser {
    let admin = app.first_administrator("admin@example.org").await;
    assert_eq!(
        app.create_process(&admin, "gcm").await.status(),
        StatusCode::SEE_OTHER
    );
    let email = "author@example.org";
    let author = app
        .accredited(
            "gcm",
            email,
            "Amal Author",
            "Migrant Forum",
            "civil-society",
        )
        .await;
    app.assign_role(&admin, "gcm", email, "co-facilitator", "")
        .await;
    draft_document(app).await;
    author
}

/// Every form sent during the outage: answered quickly, 503, its text given back.
async fn refused_during(author: &Browser, token: &str, node_form: &[(String, String)]) {
    let (body, commitment, paragraph) = (long_body(), long_commitment(), long_paragraph());
    let started = Instant::now();
    let refused = send_contribution(author, token, "Sent during the outage", &body).await;
    let last_line = "Paragraph 1099 on decent work for every migrant worker.";
    assert_given_back(refused, started, &["Sent during the outage", last_line]).await;
    let started = Instant::now();
    let refused = send_proposal(author, token, "Proposal during the outage", &commitment).await;
    let last_measure = "Measure 159 for fair recruitment.";
    assert_given_back(
        refused,
        started,
        &["Proposal during the outage", last_measure],
    )
    .await;
    let started = Instant::now();
    let refused = send_node(author, node_form, &paragraph).await;
    assert_given_back(
        refused,
        started,
        &["Sentence 299 of the revised paragraph."],
    )
    .await;
    let started = Instant::now();
    let during = health(author).await;
    assert!(
        started.elapsed() < QUICK,
        "health answered in {:?}",
        started.elapsed()
    );
    assert_eq!(during["writable"], false, "{during}");
}

/// A paragraph of the draft rewritten at length.
fn long_paragraph() -> String {
    (0..300)
        .map(|n| format!("Sentence {n} of the revised paragraph. "))
        .collect()
}

async fn a_database_that_takes_no_write_gives_the_text_back_and_recovers(backend: Backend) {
    let Some((app, outage)) = app_and_outage(backend).await else {
        return;
    };
    let author = author_of(&app).await;
    // The forms' tokens, read while the pages can be: the database may soon answer nothing.
    let (status, form) = author.get_text("/p/gcm/contributions/new").await;
    assert_eq!(status, StatusCode::OK);
    let token = csrf_of(&form);
    let node_form = node_form_fields(&author).await;
    let (body, commitment) = (long_body(), long_commitment());

    // Acknowledged before the outage.
    let before = send_contribution(&author, &token, "Acknowledged before", &body).await;
    assert_eq!(before.status(), StatusCode::SEE_OTHER);
    let before = send_proposal(&author, &token, "Proposal acknowledged before", &commitment).await;
    assert_eq!(before.status(), StatusCode::SEE_OTHER);
    assert_eq!(health(&author).await["writable"], true);

    outage.begin(&app).await;
    refused_during(&author, &token, &node_form).await;
    outage.end(&app).await;

    // Concord finds the database again by itself, within moments.
    let deadline = Instant::now() + Duration::from_secs(20);
    while health(&author).await["writable"] != true {
        assert!(Instant::now() < deadline, "the database never came back");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let again = send_contribution(&author, &token, "Sent during the outage", &body).await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    let again = send_proposal(&author, &token, "Proposal during the outage", &commitment).await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    let again = send_node(&author, &node_form, &long_paragraph()).await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    let (_, saved) = author
        .get_text("/p/gcm/documents/draft/nodes/p1/edit")
        .await;
    assert!(saved.contains("Sentence 299 of the revised paragraph."));
    let again = send_insert(&author, &token, "A paragraph added during the outage.").await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);

    let (contributions, proposals) = submitted_titles(&app).await;
    assert_eq!(
        contributions,
        ["Acknowledged before", "Sent during the outage"]
    );
    assert_eq!(
        proposals,
        ["Proposal acknowledged before", "Proposal during the outage"]
    );
}

/// PostgreSQL ends the pool's connections (a restart, an administrator, an idle timeout): the
/// pool finds each ended before lending it (`SELECT 1`) and opens another, so no request fails
/// for it. SQLite's connections are files, never ended under the pool.
async fn a_connection_the_server_ended_is_not_lent(backend: Backend) {
    if backend != Backend::Postgres {
        return;
    }
    let Some(app) = crate::helpers::spawn_app(backend).await else {
        return;
    };
    let (_admin, author) = app.process_and_author().await;
    // Signed in, so that every page reads the database (none is kept whole).
    for _ in 0..3 {
        let (status, _) = author.get_text("/p/gcm/contributions").await;
        assert_eq!(status, StatusCode::OK);
    }
    let url = app.database_url.clone();
    tokio::task::spawn_blocking(move || {
        let mut conn = diesel::PgConnection::establish(&url).expect("a connection of the test's");
        let pooled = format!(
            "FROM pg_stat_activity WHERE datname = current_database() \
             AND pid <> pg_backend_pid() AND application_name <> '{}'",
            concord::db::listen::APPLICATION_NAME
        );
        conn.batch_execute(&format!("SELECT pg_terminate_backend(pid) {pooled}"))
            .expect("the pool's connections ended");
        // Until each has gone, its farewell sent.
        #[derive(diesel::QueryableByName)]
        struct Left {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            left: i64,
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let left: Left = diesel::sql_query(format!("SELECT count(*) AS left {pooled}"))
                .get_result(&mut conn)
                .expect("counted");
            if left.left == 0 {
                break;
            }
            assert!(Instant::now() < deadline, "{} connections left", left.left);
            std::thread::sleep(Duration::from_millis(20));
        }
    })
    .await
    .expect("ended");
    for _ in 0..20 {
        let (status, page) = author.get_text("/p/gcm/contributions").await;
        assert_eq!(status, StatusCode::OK, "{page}");
    }
}
