//! Heavy work cannot starve the site: password hashing and large downloads run in a bounded
//! number of slots, the surplus is turned away with 503 and `Retry-After` (never a 500 or a
//! hang), pages keep answering meanwhile, and an unchanged download is a 304.

use std::time::Duration;

use futures_util::future::join_all;
use reqwest::StatusCode;
use reqwest::header::{ETAG, IF_NONE_MATCH, RETRY_AFTER};

use crate::helpers::{
    Backend, Browser, PASSWORD, TestApp, bare_client, csrf_of, spawn_app_with, with_db,
};
use crate::on_both_backends;

on_both_backends!(
    a_sign_in_storm_is_bounded_and_pages_still_answer,
    heavy_downloads_beyond_their_slots_are_turned_away,
    an_unchanged_download_is_not_sent_again,
);

/// Sign-ins sent at once: more than the one slot and its queue of 16 can hold.
const STORM: usize = 40;

async fn a_sign_in_storm_is_bounded_and_pages_still_answer(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[("CONCORD_HASHING_SLOTS", "1")], false).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "gcm").await;
    // Every browser holds the sign-in form first, so that the sign-ins leave together.
    let mut browsers = Vec::new();
    for _ in 0..STORM {
        let browser = app.new_browser();
        let (status, page) = browser.get_text("/login").await;
        assert_eq!(status, StatusCode::OK);
        let token = csrf_of(&page);
        browsers.push((browser, token));
    }
    let sign_ins = join_all(browsers.iter().map(|(browser, token)| async move {
        let form = [
            ("csrf_token", token.as_str()),
            ("email", "admin@example.org"),
            ("password", PASSWORD),
            ("next", "/"),
        ];
        let response = browser.post_form("/login", &form).await;
        let retry_after = response.headers().get(RETRY_AFTER).cloned();
        (response.status(), retry_after)
    }));
    let page_meanwhile = async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        app.new_browser().get("/p/gcm").await.status()
    };
    let ((answers, page), ()) = tokio::time::timeout(Duration::from_secs(60), async {
        (tokio::join!(sign_ins, page_meanwhile), ())
    })
    .await
    .expect("every sign-in is answered, none hangs");
    assert_eq!(
        page,
        StatusCode::OK,
        "the process page answers during the storm"
    );
    let signed_in = answers.iter().filter(|(s, _)| *s == StatusCode::SEE_OTHER);
    let turned_away: Vec<_> = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::SERVICE_UNAVAILABLE)
        .collect();
    assert_eq!(
        signed_in.count() + turned_away.len(),
        STORM,
        "each sign-in succeeds or is turned away: {answers:?}"
    );
    assert!(
        !turned_away.is_empty(),
        "the surplus of the storm is turned away: {answers:?}"
    );
    assert!(
        turned_away.iter().all(|(_, retry)| retry.is_some()),
        "with Retry-After"
    );
    assert!(
        turned_away.len() < STORM,
        "those the slot and its queue hold sign in"
    );
    // Once the storm is over, a sign-in works again.
    let after = app.new_browser();
    let response = after.login("admin@example.org", PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

/// A process `gcm` whose contributions file is far larger than what the sockets between the
/// server and a client that does not read can buffer (12 MB).
async fn large_process(app: &TestApp) -> Browser {
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "gcm").await;
    with_db(app, |conn| {
        use concord::db::schema::{accounts, processes};
        use concord::store::contributions::{DraftContent, create_draft, mark_submitted};
        use diesel::prelude::*;
        let process: i64 = processes::table
            .select(processes::id)
            .first(conn)
            .expect("process");
        let author: i64 = accounts::table
            .select(accounts::id)
            .first(conn)
            .expect("an account");
        let at = chrono::NaiveDate::from_ymd_opt(2017, 6, 15)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .expect("a date");
        conn.transaction(|conn| {
            for n in 0..200 {
                let content = DraftContent {
                    event_id: None,
                    language: concord::domain::text_language::TextLanguage(concord::i18n::Lang::En),
                    title: format!("Contribution {n}"),
                    body: "Migrant workers' rights. ".repeat(2_400),
                    group_ids: vec![],
                    theme_ids: vec![],
                };
                let id = create_draft(conn, process, author, None, &content)?;
                mark_submitted(conn, id, &format!("TST/WC/{n:05}"), "hash", at)?;
            }
            diesel::QueryResult::Ok(())
        })
        .expect("seeded");
    })
    .await;
    admin
}

async fn heavy_downloads_beyond_their_slots_are_turned_away(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[("CONCORD_EXPORT_SLOTS", "1")], false).await else {
        return;
    };
    large_process(&app).await;
    let file = "/p/gcm/open-data/contributions.csv";
    // The first download holds the only slot: its reader reads nothing.
    let first = bare_client()
        .get(app.new_browser().url(file))
        .send()
        .await
        .expect("answered");
    assert_eq!(first.status(), StatusCode::OK);
    for other in [
        file,
        "/p/gcm/open-data/proposals.json",
        "/p/gcm/open-data/workbook.xlsx",
    ] {
        let response = app.new_browser().get(other).await;
        assert_eq!(
            response.status(),
            StatusCode::SERVICE_UNAVAILABLE,
            "{other} while another download is sent"
        );
        assert!(response.headers().contains_key(RETRY_AFTER), "{other}");
    }
    // Pages are not downloads: they answer.
    let (status, _) = app.new_browser().get_text("/p/gcm").await;
    assert_eq!(status, StatusCode::OK);
    // The reader gives up: its slot is free again.
    drop(first);
    let mut status = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..100 {
        status = app.new_browser().get(file).await.status();
        if status == StatusCode::OK {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(status, StatusCode::OK, "the slot was given back");
}

async fn an_unchanged_download_is_not_sent_again(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], false).await else {
        return;
    };
    let (_, author) = app.process_and_author().await;
    send(
        &author,
        "First contribution",
        "Recruitment fees must go.",
        "submit",
    )
    .await;
    let client = bare_client();
    for file in [
        "/p/gcm/open-data/contributions.csv",
        "/p/gcm/open-data/contributions.json",
        "/p/gcm/open-data/workbook.xlsx",
    ] {
        let url = author.url(file);
        let first = client.get(&url).send().await.expect("answered");
        assert_eq!(first.status(), StatusCode::OK, "{file}");
        let tag = first.headers().get(ETAG).cloned().expect("an ETag");
        assert!(!tag.to_str().expect("text").starts_with("W/"), "strong");
        // Read to the end, as a browser saves a download: its slot is then free.
        assert!(!first.bytes().await.expect("body").is_empty());
        let again = client
            .get(&url)
            .header(IF_NONE_MATCH, tag.clone())
            .send()
            .await
            .expect("answered");
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{file}");
        assert_eq!(again.headers().get(ETAG), Some(&tag));
        assert!(again.bytes().await.expect("body").is_empty());
    }
    // Another reader of unchanged data gets the file built for the first, read from disk:
    // no more statements than finding the process and its data's generation.
    for file in [
        "/p/gcm/open-data/contributions.csv",
        "/p/gcm/open-data/contributions.json",
        "/p/gcm/open-data/workbook.xlsx",
    ] {
        let first = bare_client()
            .get(author.url(file))
            .send()
            .await
            .expect("answered");
        let built = first.bytes().await.expect("body");
        let before = app.queries.get();
        let other = bare_client()
            .get(author.url(file))
            .send()
            .await
            .expect("answered");
        assert_eq!(other.status(), StatusCode::OK, "{file}");
        assert_eq!(
            other.bytes().await.expect("body"),
            built,
            "the same file: {file}"
        );
        let statements = app.queries.get() - before;
        assert!(
            statements <= 3,
            "{file} read from disk, not built: {statements} statements"
        );
    }
    // A draft being written changes nothing public: the ETag stays.
    let url = author.url("/p/gcm/open-data/contributions.csv");
    let before = client.get(&url).send().await.expect("answered");
    let tag = before.headers().get(ETAG).cloned().expect("an ETag");
    before.bytes().await.expect("body");
    send(&author, "A draft", "Not yet.", "save").await;
    let unchanged = client.get(&url).send().await.expect("answered");
    assert_eq!(
        unchanged.headers().get(ETAG),
        Some(&tag),
        "a draft is not public"
    );
    unchanged.bytes().await.expect("body");
    // A submission changes the data, and so the ETag.
    let second = "Passports belong to their holders.";
    send(&author, "Second contribution", second, "submit").await;
    let after = client
        .get(&url)
        .header(IF_NONE_MATCH, tag.clone())
        .send()
        .await
        .expect("answered");
    assert_eq!(after.status(), StatusCode::OK, "the new data is sent");
    assert_ne!(after.headers().get(ETAG), Some(&tag), "under a new ETag");
    let text = after.text().await.expect("body");
    assert!(text.contains("Second contribution"));
}

/// Sends a new contribution through the form: `action` is `submit`, or `save` for a draft.
async fn send(author: &Browser, title: &str, body: &str, action: &str) {
    let form = "/p/gcm/contributions/new";
    let (status, page) = author.get_text(form).await;
    assert_eq!(status, StatusCode::OK);
    let fields = [("title", title), ("body", body), ("action", action)];
    let response = author
        .send_multipart(form, &csrf_of(&page), &fields, Vec::new())
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{title}");
}
