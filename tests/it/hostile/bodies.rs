//! Hostile multipart bodies sent by a signed-in stakeholder through the contribution form:
//! part headers past the parser's buffer, a file one byte past its limit, one file too many,
//! and text past the form's weight. Each is refused with 413 and leaves nothing saved.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::helpers::{Backend, Browser, csrf_of, spawn_app};
use crate::on_both_backends;

on_both_backends!(hostile_multipart_bodies_are_refused_and_save_nothing);

const MB: usize = 1024 * 1024;

fn pdf_of(size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.resize(size - 7, b'x');
    bytes.extend_from_slice(b"\n%%EOF\n");
    bytes
}

fn pdf(bytes: Vec<u8>) -> Part {
    Part::bytes(bytes)
        .file_name("report.pdf")
        .mime_str("application/pdf")
        .expect("a MIME type")
}

fn text_form() -> Form {
    Form::new()
        .text("title", "Hostile")
        .text("body", "Text")
        .text("action", "save")
}

async fn send(browser: &Browser, token: &str, form: Form) -> StatusCode {
    browser
        .client
        .post(browser.url(&format!("/p/hb/contributions/new?csrf_token={token}")))
        .multipart(form)
        .send()
        .await
        .expect("answered")
        .status()
}

async fn hostile_multipart_bodies_are_refused_and_save_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    assert_eq!(
        app.create_process(&admin, "hb").await.status(),
        StatusCode::SEE_OTHER
    );
    let author = app
        .accredited(
            "hb",
            "author@example.org",
            "Amal Author",
            "Forum",
            "civil-society",
        )
        .await;
    let (_, page) = author.get_text("/p/hb/contributions/new").await;
    let token = csrf_of(&page);
    let cases: Vec<(&str, Form)> = vec![
        (
            "a 20 kB part name",
            text_form().text("n".repeat(20 * 1024), ""),
        ),
        (
            "a file one byte past 20 MB",
            text_form().part("attachments", pdf(pdf_of(20 * MB + 1))),
        ),
        (
            "six files",
            (0..6).fold(text_form(), |form, _| {
                form.part("attachments", pdf(pdf_of(1024)))
            }),
        ),
        (
            "3 MB of text",
            text_form().text("extra", "x".repeat(3 * MB)),
        ),
        (
            "3,000 empty parts",
            (0..3_000).fold(text_form(), |form, _| form.text("group", "")),
        ),
    ];
    for (what, form) in cases {
        assert_eq!(
            send(&author, &token, form).await,
            StatusCode::PAYLOAD_TOO_LARGE,
            "{what}"
        );
    }
    // A URL-encoded form (the proposal form) of 3,000 fields is refused as it arrives.
    let mut fields = vec![("csrf_token".to_string(), token.clone())];
    fields.extend((0..3_000).map(|_| ("a".to_string(), String::new())));
    let refused = author.post_form("/p/hb/proposals/new", &fields).await;
    assert_eq!(
        refused.status(),
        StatusCode::PAYLOAD_TOO_LARGE,
        "3,000 fields"
    );
    // Within the limits, the same form is saved: the refusals were for the excess alone.
    let form = text_form().part("attachments", pdf(pdf_of(MB)));
    assert_eq!(send(&author, &token, form).await, StatusCode::SEE_OTHER);
    let saved: i64 = crate::helpers::with_db(&app, |conn| {
        use concord::db::schema::contributions::dsl::*;
        use diesel::prelude::*;
        contributions.count().get_result(conn).expect("counted")
    })
    .await;
    assert_eq!(saved, 1, "only the form within the limits was saved");
}
