//! Forged ids: URLs and hidden fields naming someone else's draft, another group's proposal,
//! report or queue, another process, a paragraph of another document, a link of another
//! paragraph, a file of another contribution, an assignment or account elsewhere. Each is
//! refused, by someone who holds a role that would allow the genuine request, and nothing in
//! the database changes.
//!
//! `cases` is the table (its rows in `owners`, `groups`, `paragraphs`, `processes`); `setup`
//! makes what only it needs; this file sends each row and
//! judges the answer, the headers and the database.

mod cases;
mod groups;
mod owners;
mod paragraphs;
mod processes;
mod setup;

use concord::db::schema::contribution_attachments;
use diesel::prelude::*;
use reqwest::Response;

use self::cases::{Case, Send};
use super::table::judge;
use super::{DRAFT_CONTRIBUTION, Fixture, Who, changes, fingerprint, missing_headers};
use crate::helpers::{Backend, with_db};
use crate::on_both_backends;

on_both_backends!(forged_ids_are_refused_and_change_nothing);

async fn forged_ids_are_refused_and_change_nothing(backend: Backend) {
    let Some(mut fixture) = Fixture::start(backend).await else {
        return;
    };
    setup::prepare(&mut fixture).await;
    let cases = cases::all();
    let mut wrong = Vec::new();
    for case in &cases {
        wrong.extend(refused_without_change(&fixture, case).await);
    }
    wrong.extend(others_file_stays(&fixture).await);
    assert!(
        wrong.is_empty(),
        "{} of {} forged requests went wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

/// What went wrong with one row: a missing security header, an unexpected answer, a change
/// in the database.
async fn refused_without_change(fixture: &Fixture, case: &Case) -> Vec<String> {
    let mut wrong = Vec::new();
    let url = fixture.resolve(case.url, Who::Anonymous);
    let before = with_db(&fixture.app, fingerprint).await;
    let response = send(fixture, case, &url).await;
    let missing = missing_headers(&response);
    if !missing.is_empty() {
        wrong.push(format!("{}: no {missing:?}", case.what));
    }
    if let Some(got) = judge(response, case.expected).await {
        let method = if matches!(case.send, Send::Get) {
            "GET"
        } else {
            "POST"
        };
        wrong.push(format!(
            "{} ({method} {url} as {}): expected {:?}, got {got}",
            case.what,
            case.who.key(),
            case.expected
        ));
    }
    let after = with_db(&fixture.app, fingerprint).await;
    let changed = changes(&before, &after);
    if !changed.is_empty() {
        wrong.push(format!("{}: changed {changed:?}", case.what));
    }
    wrong
}

/// The row's fields with their placeholders resolved as everyone's.
fn resolved(fixture: &Fixture, fields: &[(String, String)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(k, v)| (k.clone(), fixture.resolve(v, Who::Anonymous)))
        .collect()
}

async fn send(fixture: &Fixture, case: &Case, url: &str) -> Response {
    match &case.send {
        Send::Get => fixture.browser(case.who).get(url).await,
        Send::Form(fields) => {
            let fields = resolved(fixture, fields);
            fixture.post(case.who, url, &fields).await
        }
        Send::Multipart(fields) => {
            let mut form = reqwest::multipart::Form::new();
            for (k, v) in resolved(fixture, fields) {
                form = form.text(k, v);
            }
            multipart(fixture, case.who, url, form).await
        }
    }
}

/// A multipart form, the CSRF token in the query string as the contribution form sends it.
async fn multipart(
    fixture: &Fixture,
    who: Who,
    url: &str,
    form: reqwest::multipart::Form,
) -> Response {
    let browser = fixture.browser(who);
    let url = format!("{url}?csrf_token={}", fixture.token(who));
    browser
        .client
        .post(browser.url(&url))
        .multipart(form)
        .send()
        .await
        .expect("answered")
}

/// The owner saving their own draft while naming another contribution's file to remove:
/// the draft is saved, the other file stays attached where it was.
async fn others_file_stays(fixture: &Fixture) -> Vec<String> {
    let mut wrong = Vec::new();
    let v = |name: &str| fixture.resolve(&format!("{{{name}}}"), Who::Anonymous);
    let form = reqwest::multipart::Form::new()
        .text("title", DRAFT_CONTRIBUTION)
        .text(
            "body",
            "Saved again, naming a file that is not this draft's.",
        )
        .text("remove_file", v("wc_file"))
        .text("action", "save");
    let url = format!("/p/gcm/contributions/drafts/{}", v("wc_draft"));
    let response = multipart(fixture, Who::Owner, &url, form).await;
    assert_eq!(
        response.status().as_u16(),
        303,
        "the owner's draft is saved"
    );
    let file: i64 = v("wc_file").parse().expect("an id");
    let still: i64 = with_db(&fixture.app, move |conn| {
        contribution_attachments::table
            .find(file)
            .count()
            .get_result(conn)
            .expect("a count")
    })
    .await;
    if still != 1 {
        wrong.push("removing another contribution's file from one's draft removed it".into());
    }
    let (_, page) = fixture
        .browser(Who::Anonymous)
        .get_text(&format!("/p/gcm/contributions/{}", v("wc_file_ref")))
        .await;
    if !page.contains(".pdf") {
        wrong.push("the other contribution no longer shows its file".into());
    }
    wrong
}
