//! Input papers: a written contribution made for one of the process's public events is listed
//! on the event's page, found by the contribution list's event filter and named in open data;
//! an event that is not the process's public one (forged, or private) is refused beside the
//! field with the text kept, nothing saved.

use concord::db::schema::contributions;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, csrf_of, location, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    a_contribution_made_for_an_event_is_its_input_paper,
    an_event_not_offered_is_refused,
);

/// Creates an event as `admin`; its number.
async fn event(admin: &Browser, title: &str, public: bool) -> i64 {
    let mut fields = vec![
        ("kind", "regional-consultation"),
        ("title", title),
        ("place", "Bangkok"),
        ("time_zone", "Asia/Bangkok"),
        ("starts", "2026-06-01T09:00"),
        ("ends", "2026-06-02T17:00"),
    ];
    if public {
        fields.push(("public", "on"));
    }
    let response = admin
        .submit("/p/gcm/events/new", "/p/gcm/events/new", &fields)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    location(&response)
        .trim_end_matches("?notice=saved")
        .rsplit('/')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("an event number")
}

async fn send(author: &Browser, fields: &[(&str, &str)]) -> reqwest::Response {
    let form = "/p/gcm/contributions/new";
    let (status, page) = author.get_text(form).await;
    assert_eq!(status, StatusCode::OK);
    author
        .send_multipart(form, &csrf_of(&page), fields, vec![])
        .await
}

async fn a_contribution_made_for_an_event_is_its_input_paper(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = app.process_and_author().await;
    let asia = event(&admin, "Asia-Pacific consultation", true).await;
    let africa = event(&admin, "African consultation", true).await;

    let (_, form) = author.get_text("/p/gcm/contributions/new").await;
    assert!(
        form.contains("Asia-Pacific consultation"),
        "the form offers public events"
    );
    let asia_id = asia.to_string();
    let response = send(
        &author,
        &[
            ("title", "Labour migration in the Asia-Pacific"),
            ("body", "Recruitment fees must end."),
            ("language", "en"),
            ("event", asia_id.as_str()),
            ("action", "submit"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "submitted");
    let response = send(
        &author,
        &[
            ("title", "A contribution for no event"),
            ("body", "General remarks."),
            ("language", "en"),
            ("action", "submit"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "submitted");

    let visitor = app.new_browser();
    let (_, page) = visitor.get_text(&format!("/p/gcm/events/{asia}")).await;
    assert!(
        page.contains("Labour migration in the Asia-Pacific"),
        "on the event's page"
    );
    assert!(!page.contains("A contribution for no event"));
    let (_, page) = visitor.get_text(&format!("/p/gcm/events/{africa}")).await;
    assert!(page.contains("No written contributions have been made for this event."));

    let (_, list) = visitor
        .get_text(&format!("/p/gcm/contributions?event={asia}"))
        .await;
    assert!(list.contains("Labour migration in the Asia-Pacific"));
    assert!(
        !list.contains("A contribution for no event"),
        "the filter keeps its own"
    );
    let (_, list) = visitor
        .get_text(&format!("/p/gcm/contributions?event={africa}"))
        .await;
    assert!(!list.contains("Labour migration in the Asia-Pacific"));

    let (_, csv) = visitor.get_text("/p/gcm/open-data/contributions.csv").await;
    let mut lines = csv.lines();
    assert!(lines.next().expect("a header").ends_with(",language,event"));
    assert!(
        csv.lines()
            .any(|l| l.contains("Labour migration") && l.ends_with(&format!(",en,{asia}"))),
        "{csv}"
    );
}

async fn an_event_not_offered_is_refused(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = app.process_and_author().await;
    let private = event(&admin, "Closed consultation", false).await;
    let (_, form) = author.get_text("/p/gcm/contributions/new").await;
    assert!(
        !form.contains("Closed consultation"),
        "a private event is not offered"
    );
    let private = private.to_string();
    for forged in ["999999", private.as_str(), "<script>"] {
        let response = send(
            &author,
            &[
                ("title", "A paper for a forged event"),
                ("body", "Kept as typed."),
                ("language", "en"),
                ("event", forged),
                ("action", "submit"),
            ],
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{forged}"
        );
        let body = response.text().await.expect("a body");
        assert!(body.contains("id=\"event-error\""), "told beside the field");
        assert!(body.contains("A paper for a forged event") && body.contains("Kept as typed."));
    }
    let count: i64 = with_db(&app, |conn| {
        contributions::table
            .count()
            .get_result(conn)
            .expect("a count")
    })
    .await;
    assert_eq!(count, 0, "nothing was saved");
}
