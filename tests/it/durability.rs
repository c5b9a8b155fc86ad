//! Nothing acknowledged is lost: contributions are fired at the real binary while it is
//! killed with SIGKILL, again and again; after every restart each acknowledged receipt is in
//! the database with the hash of its text, and SQLite's integrity check passes.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use concord::domain::contributions::content_hash;
use reqwest::StatusCode;

use crate::helpers::{Browser, csrf_of, location};

const ROUNDS: usize = 3;
const WRITERS: usize = 4;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(db: &std::path::Path, port: u16) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["serve", "--demo"])
        .env_clear()
        .env("DATABASE_URL", db.display().to_string())
        .env("CONCORD_BIND", format!("127.0.0.1:{port}"))
        .env(
            "CONCORD_SECRET_KEY",
            "durability-test-secret-key-0123456789abcdef",
        )
        .env("CONCORD_WORKERS", "2")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    Server(child)
}

async fn wait_until_up(address: &str) {
    let client = crate::helpers::bare_client();
    for _ in 0..200 {
        if let Ok(response) = client.get(format!("{address}/healthz")).send().await
            && response.status() == StatusCode::OK
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not come up at {address}");
}

/// What the server acknowledged: the reference, and the text whose hash it must keep.
#[derive(Debug, Clone)]
struct Acknowledged {
    reference: String,
    title: String,
    body: String,
}

async fn submit(browser: &Browser, token: &str, title: &str, body: &str) -> Option<String> {
    let form = reqwest::multipart::Form::new()
        .text("title", title.to_string())
        .text("body", body.to_string())
        .text("action", "submit");
    let response = browser
        .client
        .post(browser.url(&format!("/p/gcm/contributions/new?csrf_token={token}")))
        .multipart(form)
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .ok()?;
    if response.status() != StatusCode::SEE_OTHER {
        return None;
    }
    let to = location(&response);
    let slug = to
        .strip_prefix("/p/gcm/contributions/")?
        .split('?')
        .next()?;
    Some(concord::domain::contributions::reference_from_slug(slug))
}

fn check_database(db: &std::path::Path, acknowledged: &[Acknowledged]) {
    let mut conn = SqliteConnection::establish(&db.display().to_string()).expect("opens");
    #[derive(diesel::QueryableByName)]
    struct Check {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    let check: Vec<Check> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut conn)
        .expect("integrity check runs");
    assert_eq!(
        check.first().map(|c| c.integrity_check.as_str()),
        Some("ok")
    );
    use concord::db::schema::contributions::dsl::*;
    use diesel::prelude::*;
    for ack in acknowledged {
        let stored: Option<(String, String, Option<String>)> = contributions
            .filter(reference.eq(&ack.reference))
            .select((title, body, content_hash))
            .first(&mut conn)
            .optional()
            .expect("a query");
        let (stored_title, stored_body, hash) =
            stored.unwrap_or_else(|| panic!("acknowledged {} is missing", ack.reference));
        assert_eq!(
            (stored_title.as_str(), stored_body.as_str()),
            (ack.title.as_str(), ack.body.as_str())
        );
        assert_eq!(
            hash.as_deref(),
            Some(concord::domain::contributions::content_hash(&ack.title, &ack.body).as_str()),
            "{} keeps its hash",
            ack.reference
        );
    }
}

#[tokio::test]
async fn acknowledged_submissions_survive_sigkill() {
    let dir = tempfile::tempdir().expect("a directory");
    let db = dir.path().join("durable.db");
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let address = format!("http://127.0.0.1:{port}");
    let acknowledged: Arc<Mutex<Vec<Acknowledged>>> = Arc::default();
    let browser = Arc::new(Browser::new(&address));

    for round in 0..ROUNDS {
        let mut server = start(&db, port);
        wait_until_up(&address).await;
        if round == 0 {
            let response = browser
                .login("stakeholder@demo.concord.example", "concord-demo-2018")
                .await;
            assert_eq!(
                response.status(),
                StatusCode::SEE_OTHER,
                "the demo stakeholder signs in"
            );
        }
        let (status, page) = browser.get_text("/p/gcm/contributions/new").await;
        assert_eq!(status, StatusCode::OK, "still signed in after a restart");
        let token = csrf_of(&page);

        let mut writers = Vec::new();
        for writer in 0..WRITERS {
            let browser = browser.clone();
            let token = token.clone();
            let acknowledged = acknowledged.clone();
            writers.push(tokio::spawn(async move {
                for n in 0.. {
                    let title = format!("Round {round}, writer {writer}, contribution {n}");
                    let body = format!("Text {n} of writer {writer}: حقوق المهاجرين, 移民, права.");
                    match submit(&browser, &token, &title, &body).await {
                        Some(reference) => {
                            acknowledged.lock().expect("the list").push(Acknowledged {
                                reference,
                                title,
                                body,
                            })
                        }
                        None => break,
                    }
                }
            }));
        }
        // Let them write for a while, then pull the plug mid-request.
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let _ = server.0.kill();
        let _ = server.0.wait();
        for writer in writers {
            let _ = writer.await;
        }
        drop(server);

        let snapshot = acknowledged.lock().expect("the list").clone();
        let db_path = db.clone();
        tokio::task::spawn_blocking(move || check_database(&db_path, &snapshot))
            .await
            .expect("the check ran");
    }

    let total = acknowledged.lock().expect("the list").len();
    println!("{total} acknowledged submissions survived {ROUNDS} SIGKILLs");
    assert!(
        total >= ROUNDS * 5,
        "enough submissions were acknowledged to mean something: {total}"
    );
    // And a final restart finds them all too, through the web pages.
    let _server = start(&db, port);
    wait_until_up(&address).await;
    let last = acknowledged
        .lock()
        .expect("the list")
        .last()
        .cloned()
        .expect("one");
    let (status, page) = crate::helpers::bare_client()
        .get(format!(
            "{address}/p/gcm/contributions/{}",
            concord::domain::contributions::reference_slug(&last.reference)
        ))
        .send()
        .await
        .map(|r| (r.status(), r))
        .expect("answered");
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.text()
            .await
            .expect("body")
            .contains(&content_hash(&last.title, &last.body))
    );
}
