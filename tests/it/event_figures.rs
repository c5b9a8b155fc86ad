//! Attendance in figures: the statistics page counts who registered for and attended each
//! public event, and attendances by stakeholder category and region; the open data and the
//! API list the public events with those counts, naming only the attendees who agreed to be
//! listed. Private events count nowhere. A change of attendance renews the open data's ETag.

use concord::db::schema::{accounts, event_registrations};
use diesel::prelude::*;
use reqwest::StatusCode;
use reqwest::header::{ETAG, IF_NONE_MATCH};
use serde_json::Value;

use crate::helpers::{Backend, Browser, TestApp, location, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(attendance_is_counted_and_published_with_consent);

/// An event of the process `gcm` as the secretariat's form takes it; its number.
async fn event(admin: &Browser, title: &str, starts: &str, ends: &str, public: bool) -> i64 {
    let mut fields = vec![
        ("kind", "regional-consultation".to_string()),
        ("title", title.to_string()),
        ("description", "Consultation with the region.".to_string()),
        ("place", "Addis Ababa".to_string()),
        ("time_zone", "Africa/Addis_Ababa".to_string()),
        ("starts", starts.to_string()),
        ("ends", ends.to_string()),
        ("programme", String::new()),
        ("phase", "consultation".to_string()),
        ("group", String::new()),
    ];
    if public {
        fields.push(("public", "on".to_string()));
    }
    let response = admin
        .submit("/p/gcm/events/new", "/p/gcm/events/new", &fields)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{title} is saved");
    location(&response)
        .trim_end_matches("?notice=saved")
        .rsplit('/')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("an event number")
}

/// The account id of `email`.
async fn account(app: &TestApp, email: &'static str) -> i64 {
    with_db(app, move |conn| {
        accounts::table
            .filter(accounts::email.eq(email))
            .select(accounts::id)
            .first(conn)
            .expect("the account")
    })
    .await
}

/// A registration as the registration and check-in pages leave it.
async fn registration(
    app: &TestApp,
    event_id: i64,
    account_id: i64,
    status: &'static str,
    listed: bool,
    attended: bool,
) {
    with_db(app, move |conn| {
        let now = chrono::Utc::now().naive_utc();
        diesel::insert_into(event_registrations::table)
            .values((
                event_registrations::event_id.eq(event_id),
                event_registrations::account_id.eq(account_id),
                event_registrations::status.eq(status),
                event_registrations::listed.eq(listed),
                event_registrations::registered_at.eq(now),
                event_registrations::updated_at.eq(now),
                event_registrations::attended_at.eq(attended.then_some(now)),
            ))
            .execute(conn)
            .expect("registered");
    })
    .await
}

/// The cells of the table row headed `label` on a page.
fn row_of(page: &str, label: &str) -> Vec<String> {
    let head = format!("<th scope=\"row\" dir=\"auto\">{label}</th>");
    let start = page
        .find(&head)
        .unwrap_or_else(|| panic!("a row {label:?}"))
        + head.len();
    let row = &page[start..start + page[start..].find("</tr>").expect("the row's end")];
    row.split("<td class=\"number\">")
        .skip(1)
        .map(|cell| cell.split('<').next().unwrap_or_default().to_string())
        .collect()
}

async fn attendance_is_counted_and_published_with_consent(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    app.accredited(
        "gcm",
        "mission@example.org",
        "Mona Mission",
        "Permanent Mission of Mexico",
        "member-state",
    )
    .await;
    app.accredited(
        "gcm",
        "late@example.org",
        "Lars Late",
        "Nordic Migration Network",
        "civil-society",
    )
    .await;
    let (author, mission, late) = (
        account(&app, "author@example.org").await,
        account(&app, "mission@example.org").await,
        account(&app, "late@example.org").await,
    );
    with_db(&app, move |conn| {
        diesel::update(accounts::table.find(mission))
            .set(accounts::country.eq("Mexico"))
            .execute(conn)
            .expect("a country");
    })
    .await;

    let africa = event(
        &admin,
        "Regional consultation for Africa",
        "2017-10-26T09:00",
        "2017-10-27T18:00",
        true,
    )
    .await;
    let hearing = event(
        &admin,
        "Multi-stakeholder hearing",
        "2017-07-11T10:00",
        "2017-07-11T18:00",
        true,
    )
    .await;
    let closed = event(
        &admin,
        "Closed briefing <of> the secretariat",
        "2017-08-01T10:00",
        "2017-08-01T12:00",
        false,
    )
    .await;
    // Africa: two attended (one agreed to be named), one waiting; the hearing: one registered
    // who did not come, and a walk-in; the private briefing: one attended.
    registration(&app, africa, author, "registered", true, true).await;
    registration(&app, africa, mission, "registered", false, true).await;
    registration(&app, africa, late, "waitlisted", true, false).await;
    registration(&app, hearing, author, "registered", true, false).await;
    registration(&app, hearing, mission, "walk-in", false, true).await;
    registration(&app, closed, late, "registered", true, true).await;

    // The statistics: per event in the order held (registered, attended), by category, by
    // region; the private event nowhere.
    let visitor = app.new_browser();
    let (status, page) = visitor.get_text("/p/gcm/stats").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Attendance at events"), "the chart is shown");
    assert!(!page.contains("Closed briefing"), "a private event is not");
    assert_eq!(
        row_of(&page, "2017-07-11 · Multi-stakeholder hearing"),
        ["1", "1"]
    );
    assert_eq!(
        row_of(&page, "2017-10-26 · Regional consultation for Africa"),
        ["2", "2"]
    );
    assert!(
        page.find("Multi-stakeholder hearing") < page.find("Regional consultation for Africa"),
        "events in the order they were held"
    );
    let csv = visitor
        .get_text("/p/gcm/stats/attendance-categories.csv")
        .await
        .1;
    assert!(csv.contains("Civil society,1\n"), "{csv}");
    assert!(csv.contains("Member State,2\n"), "{csv}");
    let csv = visitor
        .get_text("/p/gcm/stats/attendance-regions.csv")
        .await
        .1;
    assert!(csv.contains("Americas,2\n"), "{csv}");
    assert!(csv.contains("Not stated,1\n"), "{csv}");

    // The open data: public events with their counts; only a consenting attendee named.
    let response = visitor.get("/p/gcm/open-data/events.json").await;
    assert_eq!(response.status(), StatusCode::OK);
    let etag = response.headers()[ETAG].clone();
    let events: Value = response.json().await.expect("JSON");
    let events = events.as_array().expect("an array");
    assert_eq!(events.len(), 2, "the private event is left out: {events:?}");
    let of = |id: i64| {
        events
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("event {id}"))
    };
    let africa_row = of(africa);
    assert_eq!(africa_row["registered"], 2);
    assert_eq!(africa_row["waitlisted"], 1);
    assert_eq!(africa_row["attended"], 2);
    assert_eq!(africa_row["time_zone"], "Africa/Addis_Ababa");
    assert_eq!(africa_row["starts_at"], "2017-10-26T06:00:00Z");
    assert_eq!(
        africa_row["listed_participants"],
        serde_json::json!(["Amal Author (Migrant Forum in Asia)"])
    );
    assert_eq!(of(hearing)["attended"], 1);
    assert_eq!(of(hearing)["listed_participants"], serde_json::json!([]));
    let (_, csv) = visitor.get_text("/p/gcm/open-data/events.csv").await;
    assert!(csv.starts_with("\u{feff}number,kind,title,"), "{csv}");
    assert!(csv.contains("Amal Author (Migrant Forum in Asia)"));
    for unlisted in ["Mona Mission", "Lars Late", "Closed briefing"] {
        assert!(
            !csv.contains(unlisted),
            "{unlisted} is not in the open data"
        );
    }
    let (_, headed) = visitor
        .get_text("/p/gcm/open-data/events.csv?lang=fr")
        .await;
    assert!(headed.contains("Participants nommés"), "{headed}");

    // The API pages through the same records, each with its address.
    let (status, api) = visitor.get_text("/api/p/gcm/events").await;
    assert_eq!(status, StatusCode::OK);
    let api: Value = serde_json::from_str(&api).expect("JSON");
    let items = api["events"].as_array().expect("events");
    assert_eq!(items.len(), 2);
    assert!(
        items[0]["url"]
            .as_str()
            .is_some_and(|u| u.ends_with(&format!("/p/gcm/events/{}", items[0]["id"]))),
        "{items:?}"
    );

    // Checking someone in is a new state of the open data: the old ETag no longer matches.
    let unchanged = visitor
        .client
        .get(visitor.url("/p/gcm/open-data/events.json"))
        .header(IF_NONE_MATCH, etag.clone())
        .send()
        .await
        .expect("answered");
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);
    with_db(&app, move |conn| {
        diesel::update(
            event_registrations::table
                .filter(event_registrations::event_id.eq(hearing))
                .filter(event_registrations::account_id.eq(author)),
        )
        .set(event_registrations::attended_at.eq(Some(chrono::Utc::now().naive_utc())))
        .execute(conn)
        .expect("checked in");
    })
    .await;
    let changed = visitor
        .client
        .get(visitor.url("/p/gcm/open-data/events.json"))
        .header(IF_NONE_MATCH, etag)
        .send()
        .await
        .expect("answered");
    assert_eq!(changed.status(), StatusCode::OK);
    let events: Value = changed.json().await.expect("JSON");
    let hearing_row = events
        .as_array()
        .and_then(|e| e.iter().find(|e| e["id"] == hearing))
        .expect("the hearing");
    assert_eq!(hearing_row["attended"], 2);
}
