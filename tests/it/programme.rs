//! What hangs off an event's programme: sessions keep their ids across an edit (and one with a
//! speakers' list may not be dropped); the chair and the secretariat keep a session's
//! speakers' list (add, reorder, mark as spoken, remove) while a stakeholder's forged posts
//! change nothing; a delegate files a statement for their own delegation only, and withdraws
//! it; the secretariat files on a delegation's behalf.

use concord::db::schema::{accounts, event_sessions, event_speakers, session_statements};
use concord::domain::negotiation::DelegationCategory;
use concord::store::negotiation::delegations::{add_member, create_delegation};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, TestApp, location, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    sessions_keep_their_ids_across_an_edit,
    the_chair_keeps_the_speakers_list_and_no_one_else,
    a_delegate_files_statements_for_their_own_delegation_only,
);

const PROGRAMME: &str = "2026-05-04 10:00-12:00 Opening\n2026-05-04 14:00-17:00 Data";

fn meeting(programme: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "meeting-session".to_string()),
        ("title", "Second session".to_string()),
        ("place", "Geneva".to_string()),
        ("time_zone", "Europe/Zurich".to_string()),
        ("starts", "2026-05-04T09:00".to_string()),
        ("ends", "2026-05-05T18:00".to_string()),
        ("programme", programme.to_string()),
        ("public", "on".to_string()),
    ]
}

/// Creates the meeting as `admin`; its address.
async fn created(admin: &Browser) -> String {
    let response = admin
        .submit(
            "/p/gcm/events/new",
            "/p/gcm/events/new",
            &meeting(PROGRAMME),
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the event is saved"
    );
    location(&response)
        .trim_end_matches("?notice=saved")
        .to_string()
}

async fn session_ids(app: &TestApp) -> Vec<(i64, String)> {
    with_db(app, |conn| {
        event_sessions::table
            .order(event_sessions::position)
            .select((event_sessions::id, event_sessions::title))
            .load(conn)
            .expect("sessions")
    })
    .await
}

async fn speakers(app: &TestApp) -> Vec<(String, bool)> {
    with_db(app, |conn| {
        event_speakers::table
            .order((event_speakers::position, event_speakers::id))
            .select((event_speakers::name, event_speakers::spoken))
            .load(conn)
            .expect("speakers")
    })
    .await
}

async fn edit(admin: &Browser, event: &str, programme: &str) -> reqwest::Response {
    let edit = format!("{event}/edit");
    admin.submit(&edit, &edit, &meeting(programme)).await
}

async fn sessions_keep_their_ids_across_an_edit(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    let event = created(&admin).await;
    let before = session_ids(&app).await;
    assert_eq!(before.len(), 2);

    // Retitled, and a third session added: the first two keep their ids.
    let longer = format!(
        "{}\n2026-05-05 10:00-12:00 Closing",
        PROGRAMME.replace("Data", "Data for policy")
    );
    assert_eq!(
        edit(&admin, &event, &longer).await.status(),
        StatusCode::SEE_OTHER
    );
    let after = session_ids(&app).await;
    assert_eq!(after.len(), 3);
    assert_eq!((after[0].0, after[1].0), (before[0].0, before[1].0));
    assert_eq!(after[1].1, "Data for policy");

    // The third goes again while nothing hangs off it.
    assert_eq!(
        edit(&admin, &event, PROGRAMME).await.status(),
        StatusCode::SEE_OTHER
    );
    let trimmed = session_ids(&app).await;
    assert_eq!(
        trimmed.iter().map(|s| s.0).collect::<Vec<_>>(),
        [before[0].0, before[1].0]
    );

    // The second gets a speaker: dropping it is refused beside the programme, text kept.
    let session = format!("{event}/sessions/{}", before[1].0);
    let response = admin
        .submit(
            &session,
            &format!("{session}/speakers"),
            &[("speaker_delegation", ""), ("speaker_name", "IOM")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = edit(&admin, &event, "2026-05-04 10:00-12:00 Opening only").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.expect("a body");
    assert!(
        body.contains("id=\"programme-error\""),
        "told beside the programme"
    );
    assert!(body.contains("Opening only"), "the programme typed is kept");
    assert_eq!(session_ids(&app).await, trimmed, "nothing changed");
}

async fn the_chair_keeps_the_speakers_list_and_no_one_else(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = app.process_and_author().await;
    let chair = app
        .participant("chair@example.org", "Clara Chair", "UN", "un-system")
        .await;
    app.assign_role(&admin, "gcm", "chair@example.org", "chair", "")
        .await;
    let event = created(&admin).await;
    let sessions = session_ids(&app).await;
    let session = format!("{event}/sessions/{}", sessions[0].0);
    let mexico = with_db(&app, |conn| {
        create_delegation(conn, 1, "Mexico", DelegationCategory::MemberState).expect("a delegation")
    })
    .await;

    let add = |fields: Vec<(&'static str, String)>| {
        let (chair, session) = (&chair, session.clone());
        async move {
            chair
                .submit(&session, &format!("{session}/speakers"), &fields)
                .await
        }
    };
    for fields in [
        vec![
            ("speaker_delegation", mexico.to_string()),
            ("speaker_name", String::new()),
        ],
        vec![
            ("speaker_delegation", String::new()),
            ("speaker_name", "Migrant Forum in Asia".into()),
        ],
        vec![
            ("speaker_delegation", String::new()),
            ("speaker_name", "IOM".into()),
        ],
    ] {
        assert_eq!(add(fields).await.status(), StatusCode::SEE_OTHER);
    }
    // Neither a delegation nor a name, or a delegation of no process: beside the field.
    let response = add(vec![
        ("speaker_delegation", String::new()),
        ("speaker_name", " ".into()),
    ])
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .expect("a body")
            .contains("id=\"speaker_name-error\"")
    );
    let response = add(vec![
        ("speaker_delegation", "999999".into()),
        ("speaker_name", String::new()),
    ])
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let (_, page) = app.new_browser().get_text(&session).await;
    let order = |page: &str| {
        ["Mexico", "Migrant Forum in Asia", "IOM"]
            .map(|n| page.find(&format!("<bdi>{n}</bdi>")).expect(n))
    };
    let at = order(&page);
    assert!(
        at[0] < at[1] && at[1] < at[2],
        "in the order added, for everyone"
    );
    assert!(!page.contains("Move up"), "a visitor gets no buttons");

    let ids: Vec<i64> = with_db(&app, |conn| {
        event_speakers::table
            .order(event_speakers::position)
            .select(event_speakers::id)
            .load(conn)
            .expect("ids")
    })
    .await;
    let speaker = |id: i64, what: &str| format!("{session}/speakers/{id}/{what}");

    // A stakeholder's forged posts are refused and change nothing.
    let before = speakers(&app).await;
    for (action, fields) in [
        (
            format!("{session}/speakers"),
            vec![("speaker_name", "Forged")],
        ),
        (speaker(ids[2], "move"), vec![("direction", "up")]),
        (speaker(ids[0], "spoken"), vec![("spoken", "yes")]),
        (speaker(ids[1], "remove"), vec![]),
    ] {
        let response = author.submit(&session, &action, &fields).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{action}");
    }
    assert_eq!(speakers(&app).await, before);

    // The chair moves IOM up, marks Mexico as spoken, removes the Forum.
    let moved = chair
        .submit(&session, &speaker(ids[2], "move"), &[("direction", "up")])
        .await;
    assert_eq!(moved.status(), StatusCode::SEE_OTHER);
    let spoken = chair
        .submit(&session, &speaker(ids[0], "spoken"), &[("spoken", "yes")])
        .await;
    assert_eq!(spoken.status(), StatusCode::SEE_OTHER);
    let removed = chair
        .submit(&session, &speaker(ids[1], "remove"), &[("", "")])
        .await;
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        speakers(&app).await,
        [(String::new(), true), ("IOM".to_string(), false)]
    );
    // A speaker of another session is not found through this one.
    let other = format!(
        "{event}/sessions/{}/speakers/{}/remove",
        sessions[1].0, ids[2]
    );
    assert_eq!(
        chair.submit(&session, &other, &[("", "")]).await.status(),
        StatusCode::NOT_FOUND
    );

    let (_, audit) = admin
        .get_text("/admin/processes/gcm/audit?action=event.speaker.move")
        .await;
    assert!(audit.contains("Moved a speaker") && audit.contains("Clara Chair"));
}

async fn a_delegate_files_statements_for_their_own_delegation_only(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    let alice = app
        .participant(
            "alice@example.org",
            "Alice",
            "Mission of Mexico",
            "member-state",
        )
        .await;
    let bob = app
        .participant(
            "bob@example.org",
            "Bob",
            "Mission of Switzerland",
            "member-state",
        )
        .await;
    let event = created(&admin).await;
    let sessions = session_ids(&app).await;
    let session = format!("{event}/sessions/{}", sessions[1].0);
    let (mexico, switzerland) = with_db(&app, |conn| {
        let account = |conn: &mut concord::db::DbConnection, email: &str| -> i64 {
            accounts::table
                .filter(accounts::email.eq(email))
                .select(accounts::id)
                .first(conn)
                .expect("an account")
        };
        let mexico =
            create_delegation(conn, 1, "Mexico", DelegationCategory::MemberState).expect("Mexico");
        let switzerland =
            create_delegation(conn, 1, "Switzerland", DelegationCategory::MemberState)
                .expect("Switzerland");
        let (alice, bob) = (
            account(conn, "alice@example.org"),
            account(conn, "bob@example.org"),
        );
        add_member(conn, mexico, alice).expect("a delegate");
        add_member(conn, switzerland, bob).expect("a delegate");
        (mexico, switzerland)
    })
    .await;
    let statement = |delegation: i64, title: &str| {
        vec![
            ("delegation", delegation.to_string()),
            ("title", title.to_string()),
            (
                "body",
                "Mexico welcomes the work on data.\n\nWe propose more.".to_string(),
            ),
            ("language", "es".to_string()),
        ]
    };
    let action = format!("{session}/statements");

    // Alice files for Mexico; the statement has its page and is listed under the session.
    let response = alice
        .submit(
            &session,
            &action,
            &statement(mexico, "Declaración de México"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = location(&response)
        .trim_end_matches("?notice=saved")
        .to_string();
    let (status, shown) = app.new_browser().get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(shown.contains("Declaración de México") && shown.contains("lang=\"es\""));
    let (_, event_page) = app.new_browser().get_text(&event).await;
    assert!(
        event_page.contains("Declaración de México"),
        "listed on the event page"
    );

    // For Switzerland she is refused; so is a stakeholder; a forged delegation is a form error.
    let before: i64 = with_db(&app, |conn| {
        session_statements::table
            .count()
            .get_result(conn)
            .expect("a count")
    })
    .await;
    let response = alice
        .submit(
            &session,
            &action,
            &statement(switzerland, "Forged for Switzerland"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = alice
        .submit(&session, &action, &statement(999_999, "Forged delegation"))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .expect("a body")
            .contains("Forged delegation"),
        "the text is kept"
    );
    let after: i64 = with_db(&app, |conn| {
        session_statements::table
            .count()
            .get_result(conn)
            .expect("a count")
    })
    .await;
    assert_eq!(before, after, "nothing refused was saved");

    // Bob files for Switzerland; the filter by delegation shows his alone.
    let response = bob
        .submit(
            &session,
            &action,
            &statement(switzerland, "Statement of Switzerland"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, filtered) = app
        .new_browser()
        .get_text(&format!("{session}?delegation={switzerland}"))
        .await;
    assert!(
        filtered.contains("Statement of Switzerland")
            && !filtered.contains("Declaración de México")
    );

    // Only Alice withdraws hers, once.
    let withdraw = format!("{page}/withdraw");
    assert_eq!(
        bob.submit(&page, &withdraw, &[("", "")]).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        alice.submit(&page, &withdraw, &[("", "")]).await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, shown) = app.new_browser().get_text(&page).await;
    assert!(shown.contains("Withdrawn") && !shown.contains("We propose more."));
    assert!(
        alice
            .submit(&page, &withdraw, &[("", "")])
            .await
            .status()
            .is_client_error()
    );
    let (_, event_page) = app.new_browser().get_text(&event).await;
    assert!(
        !event_page.contains("Declaración de México"),
        "gone from the event page"
    );

    // The secretariat (here the administrator) files on a delegation's behalf.
    let response = admin
        .submit(&session, &action, &statement(mexico, "Filed for Mexico"))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, audit) = admin
        .get_text("/admin/processes/gcm/audit?action=event.statement.file")
        .await;
    assert!(audit.contains("Filed a statement"));
}
