//! Submissions that arrive together share commits (the writer's group commit, on both
//! backends); every one is acknowledged only once it is stored, with its own reference and the
//! hash of its own text, and is in the search index (written at the end of the batch, after
//! everything else the batch wrote).

use std::collections::HashSet;

use futures_util::future::join_all;
use reqwest::StatusCode;

use crate::contributions::stakeholder;
use crate::helpers::{Backend, csrf_of, indexed_with, location, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(many_concurrent_submissions_are_all_acknowledged_and_stored);

const AT_ONCE: usize = 120;

async fn many_concurrent_submissions_are_all_acknowledged_and_stored(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    assert_eq!(
        app.create_process(&admin, "gcm").await.status(),
        StatusCode::SEE_OTHER
    );
    let author = stakeholder(
        &app,
        "gcm",
        "author@example.org",
        "Amal Author",
        "Migrant Forum in Asia",
        "civil-society",
    )
    .await;
    let (status, page) = author.get_text("/p/gcm/contributions/new").await;
    assert_eq!(status, StatusCode::OK);
    let token = csrf_of(&page);
    let texts: Vec<(String, String)> = (0..AT_ONCE)
        .map(|n| {
            (
                format!("Concurrent contribution {n}"),
                format!("Text number {n}: decent work for all migrant workers."),
            )
        })
        .collect();
    let (author, token) = (&author, &token);
    let sent = texts.iter().map(|(title, body)| async move {
        let fields = [
            ("title", title.as_str()),
            ("body", body.as_str()),
            ("action", "submit"),
        ];
        author
            .send_multipart("/p/gcm/contributions/new", token, &fields, vec![])
            .await
    });
    let responses = join_all(sent).await;
    let mut references = HashSet::new();
    for response in &responses {
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let location = location(response);
        assert!(location.ends_with("?notice=submitted"), "{location}");
        references.insert(location);
    }
    assert_eq!(
        references.len(),
        AT_ONCE,
        "every submission has its own reference"
    );
    let stats = app.writer.stats();
    assert!(
        stats.jobs() >= AT_ONCE as u64 && stats.batches() < stats.jobs(),
        "submissions arriving together share commits: {} batches for {} writes",
        stats.batches(),
        stats.jobs()
    );

    let stored = with_db(&app, |conn| {
        use concord::db::schema::contributions::dsl::*;
        use diesel::prelude::*;
        contributions
            .filter(reference.is_not_null())
            .select((title, body, content_hash))
            .load::<(String, String, Option<String>)>(conn)
            .expect("the contributions")
    })
    .await;
    assert_eq!(
        stored.len(),
        AT_ONCE,
        "every acknowledged submission is stored"
    );
    let sent: HashSet<&(String, String)> = texts.iter().collect();
    for (title, body, hash) in &stored {
        assert!(sent.contains(&(title.clone(), body.clone())), "{title}");
        assert_eq!(
            hash.as_deref(),
            Some(concord::domain::contributions::content_hash(title, body).as_str())
        );
    }
    // Every one has its entry in the search index, though a batch writes its entries last.
    let indexed = indexed_with(&app, "concurrent").await;
    assert_eq!(indexed, AT_ONCE as i64, "every submission is searchable");
}
