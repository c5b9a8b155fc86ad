//! The sign-in sheet: one unknown, malformed or repeated address and the sheet is refused
//! whole, each bad row told with its line; a sheet without its column or too large is refused
//! with the reason; a good one checks in the registered and records the others as walk-ins,
//! and importing it again changes nothing. A stakeholder's forged import records nothing.

use concord::db::schema::event_registrations;
use diesel::prelude::*;
use reqwest::StatusCode;

use super::attendance::{audited, consultation, register, row, stakeholders, statuses};
use super::{created, number_of};
use crate::helpers::{Backend, Browser, TestApp, csrf_of, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(a_sign_in_sheet_is_imported_whole_or_not_at_all);

/// When each of the event's rows was attended and last changed.
async fn times(
    app: &TestApp,
    id: i64,
) -> Vec<(Option<chrono::NaiveDateTime>, chrono::NaiveDateTime)> {
    with_db(app, move |conn| {
        event_registrations::table
            .filter(event_registrations::event_id.eq(id))
            .order(event_registrations::id)
            .select((
                event_registrations::attended_at,
                event_registrations::updated_at,
            ))
            .load(conn)
            .expect("times")
    })
    .await
}

/// Sends a sign-in sheet as the attendance page's form does.
async fn import(browser: &Browser, attendance: &str, sheet: &str) -> reqwest::Response {
    use reqwest::multipart::{Form, Part};
    let (_, page) = browser.get_text(attendance).await;
    let token = csrf_of(&page);
    let form = Form::new().part(
        "sheet",
        Part::bytes(sheet.as_bytes().to_vec())
            .file_name("sign-in.csv")
            .mime_str("text/csv")
            .expect("a MIME type"),
    );
    browser
        .client
        .post(browser.url(&format!("{attendance}/import?csrf_token={token}")))
        .multipart(form)
        .send()
        .await
        .expect("answered")
}

async fn a_sign_in_sheet_is_imported_whole_or_not_at_all(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = app.process_and_author().await;
    let event = created(&admin, &consultation("Signed in", "", false)).await;
    let id = number_of(&event);
    let people = stakeholders(&app, 1, 2).await;
    assert_eq!(
        register(&author, &event).await.status(),
        StatusCode::SEE_OTHER
    );
    let attendance = format!("{event}/attendance");

    // One unknown address, one malformed, one twice: every bad row told, nothing recorded.
    let bad = "\u{FEFF}Name;Email\nAmal;author@example.org\nX;ghost@example.org\nY;not an address\nZ;AUTHOR@example.org\n";
    let response = import(&admin, &attendance, bad).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    for told in [
        "Line 3: no account has the address ghost@example.org",
        "Line 4: “not an address” is not an e-mail address",
        "Line 5: AUTHOR@example.org appears earlier in the file",
    ] {
        assert!(page.contains(told), "{told}: {page}");
    }
    assert_eq!(
        statuses(&app, id).await,
        [row("author@example.org", "registered", false)]
    );

    // A sheet without its column, or too large, is refused with the reason.
    let response = import(&admin, &attendance, "name\nAmal\n").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("must name an “email” column")
    );
    let huge = format!("email\n{}", "a@example.org,\n".repeat(40_000));
    let response = import(&admin, &attendance, &huge).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("The file is too large")
    );

    // A good sheet: the registered person checked in, the others walk-ins.
    let good = "email,name\r\nauthor@example.org,Amal\r\nperson1@example.org,P1\r\nperson2@example.org,P2\r\n";
    let response = import(&admin, &attendance, good).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let expected = [
        row("author@example.org", "registered", true),
        row("person1@example.org", "walk-in", true),
        row("person2@example.org", "walk-in", true),
    ];
    assert_eq!(statuses(&app, id).await, expected);
    assert_eq!(audited(&app, "event.import").await, 1);

    // Again: nothing changes, not even the times, and nothing more is audited.
    let before = times(&app, id).await;
    let response = import(&admin, &attendance, good).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(statuses(&app, id).await, expected);
    assert_eq!(times(&app, id).await, before);
    assert_eq!(audited(&app, "event.import").await, 1);

    // A stakeholder's forged import records nothing.
    let (_, page) = people[0].get_text(&event).await;
    let token = csrf_of(&page);
    let response = people[0]
        .client
        .post(people[0].url(&format!("{attendance}/import?csrf_token={token}")))
        .multipart(
            reqwest::multipart::Form::new().part(
                "sheet",
                reqwest::multipart::Part::bytes(b"email\nperson2@example.org\n".to_vec())
                    .file_name("x.csv"),
            ),
        )
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(times(&app, id).await, before);
}
