//! Registration and attendance: an event's capacity fills in order and the rest wait, a
//! cancellation moves the head of the waiting list up, concurrent registrations for the last
//! place never overbook, registration closes when the event starts; only the secretariat
//! checks people in (a stakeholder's forged request changes nothing), undoes it and records
//! walk-ins. The sign-in sheet is `events::sheet`.

use concord::db::schema::{audit_log, event_registrations};
use diesel::prelude::*;
use reqwest::StatusCode;

use super::{created, number_of};
use crate::helpers::{Backend, Browser, TestApp, csrf_of, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    past_the_capacity_people_wait_and_a_cancellation_moves_the_first_up,
    concurrent_registrations_for_the_last_place_do_not_overbook,
    registration_closes_when_the_event_starts,
    only_the_secretariat_checks_people_in,
);

/// A regional consultation far in the future (or in 2017, when `past`), with `capacity`.
pub(super) fn consultation(title: &str, capacity: &str, past: bool) -> Vec<(&'static str, String)> {
    let (starts, ends) = if past {
        ("2017-12-04T09:00", "2017-12-04T18:00")
    } else {
        ("2099-05-04T09:00", "2099-05-04T18:00")
    };
    vec![
        ("kind", "regional-consultation".to_string()),
        ("title", title.to_string()),
        ("place", "Bangkok".to_string()),
        ("time_zone", "Asia/Bangkok".to_string()),
        ("starts", starts.to_string()),
        ("ends", ends.to_string()),
        ("capacity", capacity.to_string()),
        ("public", "on".to_string()),
    ]
}

/// Accredited stakeholders `n` of them, named after their number.
pub(super) async fn stakeholders(app: &TestApp, from: usize, n: usize) -> Vec<Browser> {
    let mut people = Vec::new();
    for i in from..from + n {
        people.push(
            app.accredited(
                "gcm",
                &format!("person{i}@example.org"),
                &format!("Person {i}"),
                &format!("Organisation {i}"),
                "civil-society",
            )
            .await,
        );
    }
    people
}

pub(super) async fn register(person: &Browser, event: &str) -> reqwest::Response {
    person
        .submit(event, &format!("{event}/registration"), &[("listed", "on")])
        .await
}

/// Each account's status for the event, by address.
pub(super) async fn statuses(app: &TestApp, event: i64) -> Vec<(String, String, bool)> {
    use concord::db::schema::accounts;
    with_db(app, move |conn| {
        event_registrations::table
            .inner_join(accounts::table.on(accounts::id.eq(event_registrations::account_id)))
            .filter(event_registrations::event_id.eq(event))
            .order(accounts::email)
            .select((
                accounts::email,
                event_registrations::status,
                event_registrations::attended_at.is_not_null(),
            ))
            .load(conn)
            .expect("registrations")
    })
    .await
}

pub(super) fn row(email: &str, status: &str, attended: bool) -> (String, String, bool) {
    (email.to_string(), status.to_string(), attended)
}

async fn past_the_capacity_people_wait_and_a_cancellation_moves_the_first_up(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    let event = created(&admin, &consultation("Bangkok consultation", "2", false)).await;
    let id = number_of(&event);
    let people = stakeholders(&app, 1, 4).await;
    for person in &people {
        let response = register(person, &event).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let (_, page) = people[0].get_text(&event).await;
    assert!(page.contains("You are registered."), "{page}");
    assert!(page.contains("The event is full"), "{page}");
    let (_, page) = people[3].get_text(&event).await;
    assert!(
        page.contains("You are number 2 on the waiting list."),
        "{page}"
    );
    assert_eq!(
        statuses(&app, id).await,
        [
            row("person1@example.org", "registered", false),
            row("person2@example.org", "registered", false),
            row("person3@example.org", "waitlisted", false),
            row("person4@example.org", "waitlisted", false),
        ]
    );

    // The first cancels: the head of the waiting list gets the place, the next moves up.
    let response = people[0]
        .submit(&event, &format!("{event}/registration/cancel"), &[("", "")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        statuses(&app, id).await,
        [
            row("person1@example.org", "cancelled", false),
            row("person2@example.org", "registered", false),
            row("person3@example.org", "registered", false),
            row("person4@example.org", "waitlisted", false),
        ]
    );
    let (_, page) = people[3].get_text(&event).await;
    assert!(
        page.contains("You are number 1 on the waiting list."),
        "{page}"
    );

    // A larger capacity gives the new place to the one still waiting.
    let (_, form) = admin.get_text(&format!("{event}/edit")).await;
    assert!(form.contains("name=\"capacity\" type=\"number\" value=\"2\""));
    let response = admin
        .submit(
            &format!("{event}/edit"),
            &format!("{event}/edit"),
            &consultation("Bangkok consultation", "3", false),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = people[3].get_text(&event).await;
    assert!(page.contains("You are registered."), "{page}");
    let (_, page) = people[0].get_text(&event).await;
    assert!(page.contains("Places left: 0") || page.contains("The event is full"));

    // A capacity that is not a whole number is refused beside its field, the text kept.
    let response = admin
        .submit(
            &format!("{event}/edit"),
            &format!("{event}/edit"),
            &consultation("Bangkok consultation", "many", false),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(page.contains("id=\"capacity-error\""), "{page}");
    assert!(page.contains("value=\"many\""));
}

async fn concurrent_registrations_for_the_last_place_do_not_overbook(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    let event = created(&admin, &consultation("One seat left", "1", false)).await;
    let id = number_of(&event);
    let people = stakeholders(&app, 1, 6).await;
    // Every form is open first; then all are sent at once.
    let mut sending = Vec::new();
    for person in people {
        let (_, page) = person.get_text(&event).await;
        let token = csrf_of(&page);
        let action = person.url(&format!("{event}/registration"));
        sending.push(tokio::spawn(async move {
            person
                .client
                .post(action)
                .form(&[("csrf_token", token.as_str()), ("listed", "on")])
                .send()
                .await
                .expect("answered")
                .status()
        }));
    }
    for sent in sending {
        assert_eq!(sent.await.expect("sent"), StatusCode::SEE_OTHER);
    }
    let rows = statuses(&app, id).await;
    let registered = rows.iter().filter(|r| r.1 == "registered").count();
    let waiting = rows.iter().filter(|r| r.1 == "waitlisted").count();
    assert_eq!((registered, waiting), (1, 5), "{rows:?}");
}

async fn registration_closes_when_the_event_starts(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = app.process_and_author().await;
    let event = created(&admin, &consultation("Already started", "", true)).await;
    let id = number_of(&event);
    let (_, page) = author.get_text(&event).await;
    assert!(page.contains("Registration has closed"), "{page}");
    assert!(!page.contains(">Register<"), "no button to register");
    let response = register(&author, &event).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = response.text().await.expect("body");
    assert!(page.contains("Registration has closed"));
    assert!(statuses(&app, id).await.is_empty(), "nothing saved");
}

/// How many audit entries `action` has.
pub(super) async fn audited(app: &TestApp, action: &'static str) -> i64 {
    with_db(app, move |conn| {
        audit_log::table
            .filter(audit_log::action.eq(action))
            .count()
            .get_result(conn)
            .expect("a count")
    })
    .await
}

async fn only_the_secretariat_checks_people_in(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = app.process_and_author().await;
    let event = created(&admin, &consultation("Checked in", "", false)).await;
    let id = number_of(&event);
    assert_eq!(
        register(&author, &event).await.status(),
        StatusCode::SEE_OTHER
    );
    let attendance = format!("{event}/attendance");
    let account: i64 = {
        let (status, page) = admin.get_text(&attendance).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains("Amal Author") && page.contains("Migrant Forum in Asia"));
        let marker = "name=\"account\" value=\"";
        let at = page.find(marker).expect("a check-in button") + marker.len();
        page[at..]
            .split('"')
            .next()
            .unwrap_or_default()
            .parse()
            .expect("an id")
    };
    let account = account.to_string();

    // The stakeholder sees no list, and their forged check-in changes nothing.
    assert_eq!(
        author.get(&attendance).await.status(),
        StatusCode::FORBIDDEN
    );
    let response = author
        .submit(
            &event,
            &format!("{attendance}/check-in"),
            &[("account", account.as_str())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        statuses(&app, id).await,
        [row("author@example.org", "registered", false)]
    );

    // The secretariat checks them in, undoes it, and checks them in again.
    for (path, attended) in [("check-in", true), ("undo", false), ("check-in", true)] {
        let response = admin
            .submit(
                &attendance,
                &format!("{attendance}/{path}"),
                &[("account", account.as_str())],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            statuses(&app, id).await,
            [row("author@example.org", "registered", attended)]
        );
    }
    assert_eq!(audited(&app, "event.check-in").await, 2);
    assert_eq!(audited(&app, "event.check-in-undo").await, 1);
    let (_, page) = admin.get_text(&attendance).await;
    assert!(page.contains("id=\"count-attended\">1<"), "{page}");

    // The name filter finds them by part of their name, in any case, and not others.
    let (_, page) = admin.get_text(&format!("{attendance}?name=amal")).await;
    assert!(page.contains("Amal Author"));
    let (_, page) = admin.get_text(&format!("{attendance}?name=zzz")).await;
    assert!(!page.contains("Amal Author"));

    // A walk-in by the address of an account; an unknown address is refused beside its field.
    let response = admin
        .submit(
            &attendance,
            &format!("{attendance}/walk-in"),
            &[("email", "nobody@example.org")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(page.contains("id=\"email-error\"") && page.contains("nobody@example.org"));
    let response = admin
        .submit(
            &attendance,
            &format!("{attendance}/walk-in"),
            &[("email", "Admin@Example.org")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        statuses(&app, id).await,
        [
            row("admin@example.org", "walk-in", true),
            row("author@example.org", "registered", true),
        ]
    );
    assert_eq!(audited(&app, "event.walk-in").await, 1);
}
