//! What a hidden contribution, registration and the key file give away (issue 16): a hidden
//! contribution's content reaches only its author, the moderators and the secretariat, on
//! every path; registration answers alike for known and unknown addresses; the development
//! key file is its owner's alone, and production refuses one others can read.

use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, PASSWORD, TestApp, csrf_of, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    a_hidden_contribution_is_a_tombstone_but_to_its_readers,
    registration_answers_alike_for_known_and_unknown_addresses,
    the_key_file_is_private_and_production_refuses_a_readable_one,
);

const TITLE: &str = "Confidential grievance about camp conditions";
const BODY: &str = "Words that only the readers of a hidden text may see.";
const FILE_NAME: &str = "evidence-of-abuse.pdf";
const REASON: &str = "Breaches the code of conduct";
const PAGE: &str = "/p/gcm/contributions/TST-WC-0001";

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

/// The people around one hidden contribution, with whether each may read its content.
struct Cast {
    viewers: Vec<(&'static str, Browser, bool)>,
    /// The attachment's path and the receipt's hash, read by the author before hiding.
    file_path: String,
    hash: String,
}

/// A process, a contribution with a file by an accredited author, hidden by a moderator.
async fn hidden_contribution(app: &TestApp) -> Cast {
    let admin = app.first_administrator("admin@example.org").await;
    assert_eq!(
        app.create_process(&admin, "gcm").await.status(),
        StatusCode::SEE_OTHER
    );
    let author = app
        .accredited(
            "gcm",
            "author@example.org",
            "Amal Author",
            "Migrant Forum",
            "civil-society",
        )
        .await;
    let (_, form) = author.get_text("/p/gcm/contributions/new").await;
    let fields = [
        ("title", TITLE),
        ("body", BODY),
        ("group", "1"),
        ("action", "submit"),
    ];
    let files = vec![(FILE_NAME.to_string(), pdf())];
    let response = author
        .send_multipart("/p/gcm/contributions/new", &csrf_of(&form), &fields, files)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "submitted");
    let (_, receipt) = author.get_text(&format!("{PAGE}/receipt.txt")).await;
    let hash = receipt
        .lines()
        .find_map(|l| l.strip_prefix("SHA-256 of the submitted text: "))
        .expect("a hash")
        .to_string();
    let (_, page) = author.get_text(PAGE).await;
    let marker = format!("{PAGE}/files/");
    let start = page.find(&marker).expect("a file link") + marker.len();
    let link: String = page[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();

    let other = app
        .accredited(
            "gcm",
            "other@example.org",
            "Otto Other",
            "Another NGO",
            "civil-society",
        )
        .await;
    let moderator = app
        .participant("mod@example.org", "Mona", "University", "academia")
        .await;
    app.assign_role(&admin, "gcm", "mod@example.org", "moderator", "1")
        .await;
    let secretariat = app
        .participant("sec@example.org", "Sam", "UN DESA", "un-system")
        .await;
    app.assign_role(&admin, "gcm", "sec@example.org", "secretariat", "")
        .await;
    let response = moderator
        .submit(PAGE, &format!("{PAGE}/hide"), &[("reason", REASON)])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "hidden");
    Cast {
        viewers: vec![
            ("anonymous", app.new_browser(), false),
            ("another participant", other, false),
            ("an administrator", admin, false),
            ("the author", author, true),
            ("a moderator", moderator, true),
            ("the secretariat", secretariat, true),
        ],
        file_path: format!("{marker}{link}"),
        hash,
    }
}

/// Whether `text` holds anything of the hidden contribution's content.
fn leaks(text: &str, hash: &str) -> Vec<&'static str> {
    [
        ("title", text.contains(TITLE)),
        ("text", text.contains(BODY)),
        ("file name", text.contains(FILE_NAME)),
        ("hash", text.contains(hash)),
    ]
    .into_iter()
    .filter_map(|(what, found)| found.then_some(what))
    .collect()
}

async fn a_hidden_contribution_is_a_tombstone_but_to_its_readers(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let cast = hidden_contribution(&app).await;
    let hash = cast.hash.as_str();
    for (who, browser, reads) in &cast.viewers {
        // The page: a tombstone for everyone, the content beneath it for its readers.
        let (status, page) = browser.get_text(PAGE).await;
        assert_eq!(status, StatusCode::OK, "{who}: the tombstone stays");
        assert!(page.contains(REASON), "{who}: the reason is public");
        if *reads {
            assert!(leaks(&page, hash).len() == 4, "{who} reads it all: {page}");
        } else {
            assert_eq!(leaks(&page, hash), Vec::<&str>::new(), "{who}: page");
        }
        // The receipt and the file: theirs, or not found.
        let (status, receipt) = browser.get_text(&format!("{PAGE}/receipt.txt")).await;
        let file = browser.get(&cast.file_path).await.status();
        if *reads {
            assert_eq!((status, file), (StatusCode::OK, StatusCode::OK), "{who}");
            assert_eq!(
                leaks(&receipt, hash),
                ["title", "file name", "hash"],
                "{who}: the receipt names the title, the file and the hash"
            );
        } else {
            assert_eq!(status, StatusCode::NOT_FOUND, "{who}: receipt");
            assert_eq!(leaks(&receipt, hash), Vec::<&str>::new(), "{who}: receipt");
            assert_eq!(file, StatusCode::NOT_FOUND, "{who}: attachment");
        }
        // Lists, search, open data and the API are the same for everyone: the tombstone.
        for path in [
            "/p/gcm/contributions",
            "/p/gcm/contributions?q=grievance",
            "/p/gcm/open-data/contributions.csv",
            "/p/gcm/open-data/contributions.json",
            "/api/p/gcm/contributions",
            "/notifications",
        ] {
            let (_, text) = browser.get_text(path).await;
            assert_eq!(leaks(&text, hash), Vec::<&str>::new(), "{who}: {path}");
        }
    }
    let (_, csv) = app
        .new_browser()
        .get_text("/p/gcm/open-data/contributions.csv")
        .await;
    assert!(
        csv.contains("TST/WC/0001") && csv.contains(REASON),
        "a tombstone row"
    );
}

/// The registration form with one organisation known under another category.
fn registration(email: &str) -> Vec<(&str, &str)> {
    vec![
        ("email", email),
        ("display_name", "Someone"),
        ("organisation", "migrant forum"),
        ("category", "academia"),
        ("country", ""),
        ("password", PASSWORD),
        ("password_again", PASSWORD),
    ]
}

/// A page without what differs from one request to the next: the CSRF tokens (a redirect
/// has none).
fn without_tokens(page: &str) -> String {
    if !page.contains("name=\"csrf_token\"") {
        return page.to_string();
    }
    let token = csrf_of(page);
    page.replace(&token, "TOKEN")
}

async fn registration_answers_alike_for_known_and_unknown_addresses(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    app.first_administrator("admin@example.org").await;
    app.participant("known@example.org", "Kim", "Migrant Forum", "civil-society")
        .await;
    let mut answers = Vec::new();
    for email in ["known@example.org", "unknown@example.org"] {
        let browser = app.new_browser();
        let response = browser
            .submit("/register", "/register", &registration(email))
            .await;
        let status = response.status();
        let location = crate::helpers::location(&response);
        let body = without_tokens(&response.text().await.expect("body"));
        answers.push((status, location, body.replace(email, "EMAIL")));
    }
    assert_eq!(answers[0].0, answers[1].0, "the same status");
    assert_eq!(answers[0].1, answers[1].1, "the same location");
    assert!(answers[0].2 == answers[1].2, "the same page");
    assert_eq!(
        answers[0].0,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the category is refused"
    );
    let accounts: i64 = with_db(&app, |conn| {
        use concord::db::schema::accounts::dsl::*;
        use diesel::prelude::*;
        accounts.count().get_result(conn).expect("count")
    })
    .await;
    assert_eq!(accounts, 2, "nothing was written");
}

#[cfg(unix)]
async fn the_key_file_is_private_and_production_refuses_a_readable_one(backend: Backend) {
    use std::os::unix::fs::PermissionsExt;

    use concord::config::Settings;

    // The key file lies beside a SQLite database (on PostgreSQL, in the working directory,
    // which a test must not write): the same code decides both.
    let _ = backend;
    let dir = tempfile::tempdir().expect("a directory");
    let db = dir.path().join("concord.db").display().to_string();
    let key_file = dir.path().join("concord.db.secret");
    let key = "0123456789abcdef0123456789abcdef".to_string();
    let settings = |production: bool| {
        let (db, key) = (db.clone(), key.clone());
        Settings::from_lookup(move |name| match name {
            "DATABASE_URL" => Some(db.clone()),
            "CONCORD_ENV" if production => Some("production".into()),
            "CONCORD_SECRET_KEY" if production => Some(key.clone()),
            _ => None,
        })
    };
    let mode = || {
        std::fs::metadata(&key_file)
            .expect("a key file")
            .permissions()
            .mode()
            & 0o777
    };

    settings(false).expect("development starts");
    assert_eq!(mode(), 0o600, "created for its owner alone");
    settings(true).expect("production starts beside a private key file");
    std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let refused = settings(true).expect_err("production refuses a readable key file");
    assert_eq!(refused.variable, "CONCORD_SECRET_KEY");
    settings(false).expect("development starts, and makes the key private again");
    assert_eq!(mode(), 0o600);
}

#[cfg(not(unix))]
async fn the_key_file_is_private_and_production_refuses_a_readable_one(_backend: Backend) {}
