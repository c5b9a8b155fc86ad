//! The test harness: start the real application on port 0 against a fresh database (a
//! temporary SQLite file, or a new PostgreSQL database when `CONCORD_TEST_POSTGRES_URL` is set)
//! and talk HTTP to it like a browser: cookies, CSRF tokens, redirects.

use std::io::Write;
use std::sync::{Arc, Once};

use concord::Application;
use concord::config::Settings;
use concord::db::DbPool;
use diesel::{Connection, PgConnection, RunQueryDsl};
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{Response, StatusCode};

pub const PASSWORD: &str = "a long and quiet river";
pub const POSTGRES_VAR: &str = "CONCORD_TEST_POSTGRES_URL";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The statements a kept anonymous page costs: on SQLite its stamps, read together; on
    /// PostgreSQL none, the stamps being remembered while the instance listens for their
    /// changes (`db::listen`), once it has heard the notices of the writes before
    /// ([`TestApp::settle`]).
    pub fn kept_page_statements(self) -> u64 {
        match self {
            Backend::Sqlite => 1,
            Backend::Postgres => 0,
        }
    }
}

/// Generates one test per backend from `async fn name(backend: Backend)` functions.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Postgres).await
                }
            )*
        }
    };
}

/// What keeps a test's database alive, and removes it after.
enum DbGuard {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        if let DbGuard::Postgres { admin_url, name } = self
            && let Ok(mut conn) = PgConnection::establish(admin_url)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .execute(&mut conn);
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub pool: DbPool,
    pub setup_token: String,
    /// The SQL statements the app has run so far.
    pub queries: concord::db::QueryCounter,
    /// Where its submissions are written (the group-commit thread).
    pub writer: concord::db::writer::Writer,
    /// The database it serves, for another instance on the same one.
    pub database_url: String,
    /// What it hears of changes (PostgreSQL): for [`TestApp::settle`].
    pub heard: concord::db::listen::Watch,
    handle: actix_web::dev::ServerHandle,
    /// Shared by every instance on the database; the last one dropped removes it.
    _db: Arc<DbGuard>,
}

impl TestApp {
    /// Waits until the instance has heard the notices of every write committed so far
    /// (PostgreSQL, `db::listen`; they arrive within about a millisecond), or is not
    /// listening: a mark sent now is heard after them. Then a kept page shows a write made
    /// outside the instance, and two readings of a page happen under one state of what it
    /// has heard.
    pub async fn settle(&self) {
        if self.backend() != Backend::Postgres {
            return;
        }
        static MARKS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let mark = format!(
            "settled-{}",
            MARKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let sent = mark.clone();
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            use diesel::connection::SimpleConnection;
            let mut conn = pool.get().expect("a connection");
            conn.batch_execute(&format!(
                "NOTIFY {}, '{sent}'",
                concord::db::listen::CHANNEL
            ))
            .expect("the mark sent");
        })
        .await
        .expect("sent");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        // An instance not listening (its listener connecting again after an outage) reads
        // the stamps for every page, and forgets what it read before once it listens again.
        while self.heard.last_mark().as_deref() != Some(mark.as_str())
            && self.heard.vouch().is_some()
        {
            assert!(
                std::time::Instant::now() < deadline,
                "the instance never heard {mark}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(1)).await;
        }
    }

    /// The backend of the database it serves.
    pub fn backend(&self) -> Backend {
        match self.database_url.starts_with("postgres") {
            true => Backend::Postgres,
            false => Backend::Sqlite,
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Sends the stop at once; the workers finish in the background.
        drop(self.handle.stop(false));
    }
}

fn say_postgres_skipped() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Written past the test harness's capture, so the run shows it.
        let _ = writeln!(
            std::io::stderr(),
            "\nPostgreSQL tests SKIPPED: set {POSTGRES_VAR} (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run them.\n"
        );
    });
}

/// A fresh database URL for the backend, and what removes it afterwards; `None` when the
/// PostgreSQL tests are not configured.
fn fresh_database(backend: Backend) -> Option<(String, DbGuard)> {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temporary directory");
            let url = format!("sqlite://{}", dir.path().join("concord.db").display());
            Some((url, DbGuard::Sqlite(dir)))
        }
        Backend::Postgres => {
            let Ok(admin_url) =
                std::env::var(POSTGRES_VAR).map(|url| concord::db::without_tls(&url))
            else {
                // CI promises both backends: a missing server there is a failure, not a skip.
                assert!(
                    std::env::var("CI").is_err(),
                    "CI must test PostgreSQL: set {POSTGRES_VAR} (see .ci/run)"
                );
                say_postgres_skipped();
                return None;
            };
            let name = format!(
                "concord_test_{}",
                concord::security::tokens::random_token()[..16]
                    .to_lowercase()
                    .replace(['-', '_'], "x")
            );
            let mut conn = PgConnection::establish(&admin_url)
                .unwrap_or_else(|e| panic!("{POSTGRES_VAR} is set but unreachable: {e}"));
            diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
                .execute(&mut conn)
                .expect("create a test database");
            let (address, query) = admin_url.split_once('?').unwrap_or((&admin_url, ""));
            let base = address
                .rsplit_once('/')
                .map(|(base, _)| base.to_string())
                .expect("a PostgreSQL URL with a database name");
            Some((
                format!("{base}/{name}?{query}"),
                DbGuard::Postgres { admin_url, name },
            ))
        }
    }
}

/// A fresh, empty database (no migrations run), removed when dropped.
pub struct TestDatabase {
    pub url: String,
    _guard: DbGuard,
}

impl TestDatabase {
    /// A new database of the backend; `None` when the PostgreSQL tests are not configured.
    pub fn new(backend: Backend) -> Option<Self> {
        let (url, guard) = fresh_database(backend)?;
        Some(Self { url, _guard: guard })
    }

    /// A connection of the backend's own variant, as the application opens one.
    pub fn connect(&self) -> concord::db::DbConnection {
        use concord::config::DatabaseUrl;
        use concord::db::DbConnection;
        match DatabaseUrl::parse(&self.url).expect("a test database URL") {
            DatabaseUrl::Sqlite(path) => DbConnection::Sqlite(
                diesel::SqliteConnection::establish(&path.display().to_string())
                    .expect("the SQLite test database opens"),
            ),
            DatabaseUrl::Postgres(url) => DbConnection::Postgresql(
                PgConnection::establish(&url).expect("the PostgreSQL test database opens"),
            ),
        }
    }
}

/// The settings of a test app; `extra` overrides or adds variables.
pub fn test_settings(database_url: &str, extra: &[(&str, &str)]) -> Settings {
    let mut vars: Vec<(String, String)> = vec![
        ("DATABASE_URL".into(), database_url.into()),
        ("CONCORD_BIND".into(), "127.0.0.1:0".into()),
        (
            "CONCORD_SECRET_KEY".into(),
            "test-secret-key-test-secret-key-0123456789".into(),
        ),
        ("CONCORD_WORKERS".into(), "2".into()),
        ("CONCORD_SQLITE_SYNCHRONOUS".into(), "normal".into()),
        ("CONCORD_LOGIN_BURST".into(), "1000".into()),
        ("CONCORD_LOGIN_ATTEMPTS_PER_MINUTE".into(), "1000".into()),
    ];
    for (k, v) in extra {
        vars.retain(|(name, _)| name != k);
        vars.push((k.to_string(), v.to_string()));
    }
    Settings::from_lookup(move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
        .expect("valid test settings")
}

pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, &[], false).await
}

/// Starts the application; `None` when the backend is not configured (PostgreSQL).
pub async fn spawn_app_with(
    backend: Backend,
    extra: &[(&str, &str)],
    demo: bool,
) -> Option<TestApp> {
    let (url, guard) = tokio::task::spawn_blocking(move || fresh_database(backend))
        .await
        .expect("database set-up")?;
    Some(start_instance(url, Arc::new(guard), extra, demo).await)
}

/// Starts the application on a fresh database, reaching it at the URL `route` makes of the
/// database's own (a PostgreSQL URL through a proxy the test controls); `None` when the
/// backend is not configured.
pub async fn spawn_app_routed(
    backend: Backend,
    route: impl FnOnce(&str) -> String,
) -> Option<TestApp> {
    let (url, guard) = tokio::task::spawn_blocking(move || fresh_database(backend))
        .await
        .expect("database set-up")?;
    Some(start_instance(route(&url), Arc::new(guard), &[], false).await)
}

async fn start_instance(
    url: String,
    guard: Arc<DbGuard>,
    extra: &[(&str, &str)],
    demo: bool,
) -> TestApp {
    let settings = test_settings(&url, extra);
    let app = Application::build_with(settings, demo)
        .await
        .expect("the application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state();
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        pool: state.pool.clone(),
        setup_token: state.setup_token.clone(),
        queries: state.queries.clone(),
        writer: state.writer.clone(),
        heard: state.heard.clone(),
        database_url: url,
        handle,
        _db: guard,
    }
}

impl TestApp {
    /// A second instance of the application on the same database (as several processes
    /// behind one load balancer), with the same settings and `extra`.
    pub async fn another_instance(&self, extra: &[(&str, &str)]) -> TestApp {
        start_instance(self.database_url.clone(), self._db.clone(), extra, false).await
    }

    /// Another browser, with its own cookies.
    pub fn new_browser(&self) -> Browser {
        Browser::new(&self.address)
    }

    /// Creates the first administrator through the setup link, and signs them in.
    pub async fn first_administrator(&self, email: &str) -> Browser {
        let browser = self.new_browser();
        let page = browser
            .get(&format!("/setup?token={}", self.setup_token))
            .await;
        assert_eq!(page.status(), StatusCode::OK);
        let token = csrf_of(&page.text().await.expect("body"));
        let response = browser
            .post_form(
                "/setup",
                &[
                    ("csrf_token", token.as_str()),
                    ("token", self.setup_token.as_str()),
                    ("email", email),
                    ("display_name", "Ada Administrator"),
                    ("organisation", "United Nations Secretariat"),
                    ("category", "un-system"),
                    ("country", ""),
                    ("password", PASSWORD),
                    ("password_again", PASSWORD),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "setup succeeds");
        browser
    }

    /// The first administrator, process `gcm` (created by them) and an accredited
    /// civil-society author, "author@example.org" of "Migrant Forum in Asia": where most
    /// tests of submissions start.
    pub async fn process_and_author(&self) -> (Browser, Browser) {
        let admin = self.first_administrator("admin@example.org").await;
        assert_eq!(
            self.create_process(&admin, "gcm").await.status(),
            StatusCode::SEE_OTHER
        );
        let author = self
            .accredited(
                "gcm",
                "author@example.org",
                "Amal Author",
                "Migrant Forum in Asia",
                "civil-society",
            )
            .await;
        (admin, author)
    }

    /// Mona, moderator of group 1 of `gcm` (appointed by `admin`), signed in.
    pub async fn moderator(&self, admin: &Browser) -> Browser {
        self.participant(
            "mod@example.org",
            "Mona Moderator",
            "University",
            "academia",
        )
        .await;
        self.assign_role(admin, "gcm", "mod@example.org", "moderator", "1")
            .await;
        let moderator = self.new_browser();
        moderator.login("mod@example.org", PASSWORD).await;
        moderator
    }

    /// Registers an account and returns a browser signed in as it.
    pub async fn participant(
        &self,
        email: &str,
        name: &str,
        organisation: &str,
        category: &str,
    ) -> Browser {
        let browser = self.new_browser();
        let response = browser.register(email, name, organisation, category).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "registration succeeds"
        );
        let response = browser.login(email, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "sign-in succeeds");
        browser
    }

    /// Registers an account, signs it in, and asks for accreditation in process `slug`
    /// (the test processes accredit on request): a stakeholder of that process.
    pub async fn accredited(
        &self,
        slug: &str,
        email: &str,
        name: &str,
        organisation: &str,
        category: &str,
    ) -> Browser {
        let browser = self.participant(email, name, organisation, category).await;
        let response = browser
            .submit(
                &format!("/p/{slug}"),
                &format!("/p/{slug}/accreditation"),
                &[("", "")],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "accredited");
        browser
    }

    /// Gives the account `email` the role `role` in process `slug` (of group number `group`,
    /// or `""` for a role of the whole process), as `admin` does through the form.
    pub async fn assign_role(
        &self,
        admin: &Browser,
        slug: &str,
        email: &str,
        role: &str,
        group: &str,
    ) {
        let response = admin
            .submit(
                &format!("/admin/processes/{slug}"),
                &format!("/admin/processes/{slug}/roles"),
                &[("email", email), ("role", role), ("group", group)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{role} assigned");
    }

    /// Creates a small process through the administration form.
    pub async fn create_process(&self, admin: &Browser, slug: &str) -> Response {
        admin
            .submit(
                "/admin/processes/new",
                "/admin/processes",
                &process_form(slug, "Compact on Testing", "1 First group\n2 Second group"),
            )
            .await
    }
}

/// A complete, valid process form.
pub fn process_form(slug: &str, title: &str, groups: &str) -> Vec<(String, String)> {
    [
        ("slug", slug),
        ("title", title),
        ("description", "A process made by the tests."),
        ("reference_prefix", "TST"),
        ("time_zone", "Europe/Zurich"),
        ("accredit_on_registration", "on"),
        ("consultation_opens", "2017-04-01T09:00"),
        ("consultation_closes", "2030-11-30T18:00"),
        ("stocktaking_opens", "2017-12-04T09:00"),
        ("stocktaking_closes", "2030-12-06T18:00"),
        ("negotiation_opens", "2018-02-01T09:00"),
        ("negotiation_closes", "2030-07-13T18:00"),
        ("adoption_opens", "2018-12-10T09:00"),
        ("adoption_closes", "2030-12-11T18:00"),
        ("groups", groups),
        ("themes", "Human rights of all migrants\nDiaspora"),
        ("principles", "Migrant-centred"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// One browser: a cookie jar, no automatic redirects (tests look at them).
pub struct Browser {
    pub address: String,
    pub client: reqwest::Client,
    pub jar: Arc<reqwest::cookie::Jar>,
}

impl Browser {
    pub fn new(address: &str) -> Self {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            // Let an idle connection go before the server's keep-alive (5 s) does: reusing one
            // the server is closing at that moment fails the request (`IncompleteMessage`),
            // as a browser idle during a slow PDF export once did.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .build()
            .expect("an HTTP client");
        Self {
            address: address.to_string(),
            client,
            jar,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("GET answered")
    }

    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let response = self.get(path).await;
        let status = response.status();
        (status, response.text().await.expect("body"))
    }

    pub async fn post_form<T: serde::Serialize + ?Sized>(&self, path: &str, form: &T) -> Response {
        self.client
            .post(self.url(path))
            .form(form)
            .send()
            .await
            .expect("POST answered")
    }

    /// Like a person: opens the page with the form, then sends it with the page's CSRF token.
    pub async fn submit<K: AsRef<str>, V: AsRef<str>>(
        &self,
        page: &str,
        action: &str,
        fields: &[(K, V)],
    ) -> Response {
        let (status, body) = self.get_text(page).await;
        assert!(status.is_success(), "{page} answered {status}");
        let token = csrf_of(&body);
        let mut form: Vec<(String, String)> = vec![("csrf_token".into(), token)];
        form.extend(
            fields
                .iter()
                .map(|(k, v)| (k.as_ref().to_string(), v.as_ref().to_string())),
        );
        self.post_form(action, &form).await
    }

    /// Posts a multipart form as a browser does (the contribution form): fields, PDF files
    /// under `attachments`, and `token` in the action's query, as multipart bodies carry it.
    pub async fn send_multipart(
        &self,
        action: &str,
        token: &str,
        fields: &[(&str, &str)],
        files: Vec<(String, Vec<u8>)>,
    ) -> Response {
        use reqwest::multipart::{Form, Part};
        let mut form = Form::new();
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        for (file_name, bytes) in files {
            form = form.part(
                "attachments",
                Part::bytes(bytes)
                    .file_name(file_name)
                    .mime_str("application/pdf")
                    .expect("a MIME type"),
            );
        }
        self.client
            .post(self.url(&format!("{action}?csrf_token={token}")))
            .multipart(form)
            .send()
            .await
            .expect("answered")
    }

    pub async fn register(
        &self,
        email: &str,
        name: &str,
        organisation: &str,
        category: &str,
    ) -> Response {
        self.submit(
            "/register",
            "/register",
            &[
                ("email", email),
                ("display_name", name),
                ("organisation", organisation),
                ("category", category),
                ("country", ""),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
        )
        .await
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.submit(
            "/login",
            "/login",
            &[("email", email), ("password", password), ("next", "/")],
        )
        .await
    }

    pub async fn logout(&self) -> Response {
        self.submit::<&str, &str>("/", "/logout", &[]).await
    }

    /// The value of one of this browser's cookies.
    pub fn cookie(&self, name: &str) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let url = self.address.parse().expect("a URL");
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split("; ")
            .find_map(|pair| pair.strip_prefix(&format!("{name}=")).map(str::to_string))
    }
}

/// The CSRF token of the first form in a page.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html
        .find(marker)
        .expect("the page has a form with a CSRF token")
        + marker.len();
    let end = html[start..].find('"').expect("a closing quote") + start;
    html[start..end].to_string()
}

/// A plain client that sends exactly the headers given (no cookie jar).
pub fn bare_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client")
}

pub fn cookie_header(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut headers = HeaderMap::new();
    let value = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    headers.insert(
        reqwest::header::COOKIE,
        HeaderValue::from_str(&value).expect("cookie"),
    );
    headers
}

/// Where a redirect points.
pub fn location(response: &Response) -> String {
    response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Runs blocking database work against the app's database.
pub async fn with_db<T: Send + 'static>(
    app: &TestApp,
    f: impl FnOnce(&mut concord::db::DbConnection) -> T + Send + 'static,
) -> T {
    let pool = app.pool.clone();
    let done = tokio::task::spawn_blocking(move || {
        let mut conn = pool.get().expect("a connection");
        f(&mut conn)
    })
    .await
    .expect("database work");
    // What it wrote shows on the instance's next page, as a write of the instance's own does.
    app.settle().await;
    done
}

/// How many entries of the contributions' search index hold `word` (a folded token).
pub async fn indexed_with(app: &TestApp, word: &'static str) -> i64 {
    with_db(app, move |conn| {
        use diesel::prelude::*;
        use diesel::sql_types::{BigInt, Text};
        #[derive(QueryableByName)]
        struct Count {
            #[diesel(sql_type = BigInt)]
            n: i64,
        }
        let sql = match conn {
            concord::db::DbConnection::Sqlite(_) => {
                "SELECT COUNT(*) AS n FROM contributions_search WHERE contributions_search MATCH ?"
            }
            concord::db::DbConnection::Postgresql(_) => {
                "SELECT COUNT(*) AS n FROM contributions_search WHERE vector @@ $1::tsquery"
            }
        };
        diesel::sql_query(sql)
            .bind::<Text, _>(word)
            .get_result::<Count>(conn)
            .expect("the index")
            .n
    })
    .await
}
