//! Consultation events: an event in New York across the November clock change keeps its local
//! times and stores the right UTC ones, a time the clocks skip is refused with the form kept,
//! the programme comes back as typed; only the secretariat (and administrators) create and
//! edit events, and a private event is nobody else's to see, in the list or by its address.

mod attendance;
mod sheet;

use concord::db::schema::{event_sessions, events};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, TestApp, csrf_of, location, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    an_event_across_the_clock_change_keeps_its_local_times,
    only_the_secretariat_creates_and_edits_events,
    a_private_event_is_seen_only_by_those_who_manage_the_process,
);

/// A hearing in New York from Saturday 31 October to Monday 2 November 2026: summer time when
/// it opens, winter time when it closes.
fn hearing(title: &str, public: bool) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("kind", "hearing".to_string()),
        ("title", title.to_string()),
        ("description", "Delegations and stakeholders are heard.".to_string()),
        ("place", "United Nations Headquarters, New York".to_string()),
        ("online", "on".to_string()),
        ("time_zone", "America/New_York".to_string()),
        ("starts", "2026-10-31T10:00".to_string()),
        ("ends", "2026-11-02T17:00".to_string()),
        (
            "programme",
            "2026-10-31 10:00-13:00 Opening\n2026-11-01 01:30-03:00 Across the change\n2026-11-02 15:00-17:00 Closing"
                .to_string(),
        ),
        ("phase", "consultation".to_string()),
        ("group", "2".to_string()),
    ];
    if public {
        fields.push(("public", "on".to_string()));
    }
    fields
}

/// Sends the new-event form; the response.
async fn create(browser: &Browser, fields: &[(&'static str, String)]) -> reqwest::Response {
    browser
        .submit("/p/gcm/events/new", "/p/gcm/events/new", fields)
        .await
}

/// Creates an event as `browser`; its address.
async fn created(browser: &Browser, fields: &[(&'static str, String)]) -> String {
    let response = create(browser, fields).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the event is saved"
    );
    location(&response)
        .trim_end_matches("?notice=saved")
        .to_string()
}

/// The number at the end of an event's address.
fn number_of(address: &str) -> i64 {
    address
        .rsplit('/')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("an event number")
}

async fn stored_times(app: &TestApp, id: i64) -> (String, String, String, Vec<String>) {
    with_db(app, move |conn| {
        let (starts, ends, zone): (chrono::NaiveDateTime, chrono::NaiveDateTime, String) =
            events::table
                .find(id)
                .select((events::starts_at, events::ends_at, events::time_zone))
                .first(conn)
                .expect("the event");
        let sessions: Vec<(chrono::NaiveDateTime, chrono::NaiveDateTime)> = event_sessions::table
            .filter(event_sessions::event_id.eq(id))
            .order(event_sessions::position)
            .select((event_sessions::starts_at, event_sessions::ends_at))
            .load(conn)
            .expect("sessions");
        (
            starts.to_string(),
            ends.to_string(),
            zone,
            sessions.iter().map(|(s, e)| format!("{s} {e}")).collect(),
        )
    })
    .await
}

async fn an_event_across_the_clock_change_keeps_its_local_times(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    let event = created(&admin, &hearing("Multi-stakeholder hearing", true)).await;
    let id = number_of(&event);

    // Stored in UTC: four hours behind New York's summer time, five behind its winter time.
    let (starts, ends, zone, sessions) = stored_times(&app, id).await;
    assert_eq!(starts, "2026-10-31 14:00:00");
    assert_eq!(ends, "2026-11-02 22:00:00");
    assert_eq!(zone, "America/New_York");
    assert_eq!(
        sessions,
        [
            "2026-10-31 14:00:00 2026-10-31 17:00:00",
            // 01:30 happens twice that night: the first, in summer time; 03:00 is in winter.
            "2026-11-01 05:30:00 2026-11-01 08:00:00",
            "2026-11-02 20:00:00 2026-11-02 22:00:00",
        ]
    );

    // The page shows the local times with their zone, and the same instants in UTC.
    let (status, page) = app.new_browser().get_text(&event).await;
    assert_eq!(status, StatusCode::OK);
    for shown in [
        "2026-10-31 10:00 EDT",
        "2026-11-02 17:00 EST",
        "2026-11-01 01:30 EDT",
        "2026-11-01 03:00 EST",
        "2026-10-31 14:00 UTC – 2026-11-02 22:00 UTC",
        "datetime=\"2026-10-31T14:00:00Z\"",
        "Across the change",
        "Multi-stakeholder hearing",
        "Second group",
        "Online",
    ] {
        assert!(page.contains(shown), "the event's page shows {shown:?}");
    }

    // The form shows local times again, and the programme as it was typed.
    let (status, form) = admin.get_text(&format!("{event}/edit")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("value=\"2026-10-31T10:00\""));
    assert!(form.contains("value=\"2026-11-02T17:00\""));
    assert!(form.contains("2026-11-01 01:30-03:00 Across the change"));

    // Saving the form unchanged changes no instant.
    let mut again: Vec<(String, String)> = hearing("Multi-stakeholder hearing", true)
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    again.push(("csrf_token".into(), csrf_of(&form)));
    let response = admin.post_form(&format!("{event}/edit"), &again).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (starts_again, ends_again, _, sessions_again) = stored_times(&app, id).await;
    assert_eq!((starts_again, ends_again), (starts, ends));
    assert_eq!(sessions_again, sessions);

    // 02:30 on 8 March 2026 never happens in New York: refused, with what was typed kept.
    let mut skipped = hearing("A hearing at a time that never comes", true);
    skipped.retain(|(k, _)| *k != "starts" && *k != "programme");
    skipped.push(("starts", "2026-03-08T02:30".into()));
    let response = create(&admin, &skipped).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.expect("body");
    assert!(body.contains("This time does not exist in the time zone"));
    assert!(body.contains("A hearing at a time that never comes"));
    assert!(body.contains("value=\"2026-03-08T02:30\""));

    // A session outside the event, and an end before the start, are told beside their fields.
    let mut outside = hearing("A hearing with a stray session", true);
    outside.retain(|(k, _)| *k != "programme" && *k != "ends");
    outside.push(("programme", "2026-11-03 10:00-11:00 The day after".into()));
    outside.push(("ends", "2026-10-30T10:00".into()));
    let response = create(&admin, &outside).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.expect("body");
    assert!(body.contains("id=\"ends-error\""), "the end is refused");
    assert!(body.contains("2026-11-03 10:00-11:00 The day after"));
    let count: i64 = with_db(&app, |conn| {
        events::table.count().get_result(conn).expect("a count")
    })
    .await;
    assert_eq!(count, 1, "nothing refused was saved");
}

async fn only_the_secretariat_creates_and_edits_events(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = app.process_and_author().await;
    let secretariat = app
        .participant(
            "samuel@un.example.org",
            "Samuel Okafor",
            "United Nations Secretariat",
            "un-system",
        )
        .await;
    app.assign_role(&admin, "gcm", "samuel@un.example.org", "secretariat", "")
        .await;

    let event = created(&secretariat, &hearing("Hearing of the secretariat", true)).await;
    let (status, list) = app.new_browser().get_text("/p/gcm/events").await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("Hearing of the secretariat"));
    assert!(
        !list.contains("/p/gcm/events/new"),
        "no one else is offered the form"
    );

    // A stakeholder is refused the form and both posts; nothing changes.
    let (status, _) = author.get_text("/p/gcm/events/new").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, page) = author.get_text(&event).await;
    let token = csrf_of(&page);
    let mut forged: Vec<(String, String)> = hearing("Forged by a stakeholder", true)
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    forged.push(("csrf_token".into(), token));
    let response = author.post_form("/p/gcm/events/new", &forged).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = author.post_form(&format!("{event}/edit"), &forged).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // Someone signed out is sent to sign in.
    let response = app.new_browser().get(&format!("{event}/edit")).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/login"));

    let titles: Vec<String> = with_db(&app, |conn| {
        events::table
            .select(events::title)
            .load(conn)
            .expect("titles")
    })
    .await;
    assert_eq!(titles, ["Hearing of the secretariat"]);

    // The secretariat edits it; the audit log tells who did what.
    let mut edited = hearing("Hearing of the secretariat, moved online", true);
    edited.retain(|(k, _)| *k != "place" && *k != "programme");
    let response = secretariat
        .submit(&format!("{event}/edit"), &format!("{event}/edit"), &edited)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.new_browser().get_text(&event).await;
    assert!(page.contains("Hearing of the secretariat, moved online"));
    assert!(page.contains("No programme has been published."));
    let (status, audit) = admin
        .get_text("/admin/processes/gcm/audit?action=event.update")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(audit.contains("Changed an event") && audit.contains("Samuel Okafor"));
}

async fn a_private_event_is_seen_only_by_those_who_manage_the_process(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = app.process_and_author().await;
    let event = created(&admin, &hearing("A hearing not yet announced", false)).await;

    for (who, browser) in [
        ("a stakeholder", &author),
        ("a visitor", &app.new_browser()),
    ] {
        let (status, _) = browser.get_text(&event).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{who} cannot open it");
        let (_, list) = browser.get_text("/p/gcm/events").await;
        assert!(
            !list.contains("A hearing not yet announced"),
            "{who} does not see it listed"
        );
    }
    let (status, page) = admin.get_text(&event).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Not yet public"));
    let (_, list) = admin.get_text("/p/gcm/events").await;
    assert!(list.contains("A hearing not yet announced"));
}
