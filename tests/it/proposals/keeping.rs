//! Nothing typed is lost: a closed window or an expired session keeps the text as a draft.

use reqwest::StatusCode;

use super::{SLUG, fields, proposal_id, set, setup, submitted};
use crate::helpers::{Backend, PASSWORD, TestApp, csrf_of, location, with_db};
use crate::on_both_backends;

on_both_backends!(
    a_closed_window_keeps_the_text_as_a_draft,
    an_expired_session_keeps_the_text_as_a_draft,
);

/// Moves the stocktaking window of the test process into the past.
async fn close_stocktaking(app: &TestApp) {
    with_db(app, |conn| {
        use concord::db::schema::phases::dsl::*;
        use diesel::prelude::*;
        let ago = concord::store::now() - chrono::TimeDelta::hours(1);
        diesel::update(phases.filter(kind.eq("stocktaking")))
            .set(closes_at.eq(ago))
            .execute(conn)
            .expect("update");
    })
    .await;
}

async fn a_closed_window_keeps_the_text_as_a_draft(backend: Backend) {
    let Some((app, _admin, author)) = setup(backend).await else {
        return;
    };
    // The author opens the form while the window is open, and sends it after it closed.
    let (_, form_page) = author.get_text("/p/gcm/proposals/new").await;
    close_stocktaking(&app).await;
    let mut form = vec![("csrf_token".to_string(), csrf_of(&form_page))];
    form.extend(fields("Written while the clock ran out"));
    let response = author.post_form("/p/gcm/proposals/new", &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let target = location(&response);
    assert!(
        target.ends_with("?notice=proposal-window-closed"),
        "{target}"
    );
    let (status, page) = author.get_text(&target).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Nothing is lost"));
    assert!(page.contains("value=\"Written while the clock ran out\""));
    assert!(page.contains("Training for labour inspectors</textarea>"));
    assert!(page.contains("you can save your text as a draft, but not submit it"));

    let (reference, status): (Option<String>, String) = with_db(&app, |conn| {
        use concord::db::schema::proposals::dsl::*;
        use diesel::prelude::*;
        proposals
            .select((reference, status))
            .first(conn)
            .expect("a proposal")
    })
    .await;
    assert_eq!((reference, status.as_str()), (None, "draft"));
    let (_, list) = app.new_browser().get_text("/p/gcm/proposals").await;
    assert!(!list.contains("clock ran out"));

    // A late permission from the secretariat lets this author submit after all.
    with_db(&app, |conn| {
        use concord::domain::phases::PhaseKind;
        let process = concord::store::processes::process_by_slug(conn, SLUG)
            .expect("query")
            .expect("process");
        let author = concord::store::accounts::account_by_email(
            conn,
            &concord::domain::validation::Email::parse("author@example.org").expect("email"),
        )
        .expect("query")
        .expect("author");
        let until = concord::store::now() + chrono::TimeDelta::hours(2);
        concord::store::windows::grant_late_submission(
            conn,
            process.id,
            author.id,
            PhaseKind::Stocktaking,
            until,
            author.id,
        )
        .expect("granted");
    })
    .await;
    let draft = target
        .split_once('?')
        .map(|(p, _)| p.to_string())
        .unwrap_or_default();
    let mut form = fields("Written while the clock ran out");
    set(&mut form, "base_version", "0");
    let response = author.submit(&draft, &draft, &form).await;
    assert_eq!(
        location(&response),
        "/p/gcm/proposals/TST-CP-0001?notice=proposal-submitted"
    );
}

async fn an_expired_session_keeps_the_text_as_a_draft(backend: Backend) {
    let Some((app, _admin, author)) = setup(backend).await else {
        return;
    };
    let (_, form_page) = author.get_text("/p/gcm/proposals/new").await;
    // The author writes for three hours (the idle limit is two).
    with_db(&app, |conn| {
        use concord::db::schema::sessions::dsl::*;
        use diesel::prelude::*;
        let long_ago = concord::store::now() - chrono::TimeDelta::hours(3);
        diesel::update(sessions)
            .set(last_seen_at.eq(long_ago))
            .execute(conn)
            .expect("update");
    })
    .await;
    let mut form = vec![("csrf_token".to_string(), csrf_of(&form_page))];
    form.extend(fields("Written over a long afternoon"));
    let response = author.post_form("/p/gcm/proposals/new", &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id = proposal_id(&app, "Written over a long afternoon").await;
    let draft = format!("/p/gcm/proposals/drafts/{id}");
    assert_eq!(
        location(&response),
        format!(
            "/login?next=%2Fp%2Fgcm%2Fproposals%2Fdrafts%2F{id}&notice=proposal-session-expired"
        )
    );
    let (_, login) = author.get_text(&location(&response)).await;
    assert!(login.contains("your text is saved as your draft"));

    let response = author
        .submit(
            "/login",
            "/login",
            &[
                ("email", "author@example.org"),
                ("password", PASSWORD),
                ("next", draft.as_str()),
            ],
        )
        .await;
    assert_eq!(location(&response), draft);
    let (status, page) = author.get_text(&draft).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("value=\"Written over a long afternoon\""));
    assert!(page.contains("Disaggregated data on recruitment costs</textarea>"));

    // The same for new changes to a submitted proposal: the public version stays.
    let public = submitted(&author, &fields("Submitted before a break")).await;
    let id = proposal_id(&app, "Submitted before a break").await;
    let edit = format!("/p/gcm/proposals/drafts/{id}");
    let (_, edit_page) = author.get_text(&edit).await;
    with_db(&app, |conn| {
        use concord::db::schema::sessions::dsl::*;
        use diesel::prelude::*;
        let long_ago = concord::store::now() - chrono::TimeDelta::hours(3);
        diesel::update(sessions)
            .set(last_seen_at.eq(long_ago))
            .execute(conn)
            .expect("update");
    })
    .await;
    let mut form = vec![("csrf_token".to_string(), csrf_of(&edit_page))];
    form.extend(fields("Submitted before a break"));
    set(&mut form, "commitment", "Changed after the break");
    set(&mut form, "base_version", "1");
    let response = author.post_form(&edit, &form).await;
    assert!(location(&response).starts_with("/login?next="));
    let (_, page) = app.new_browser().get_text(&public).await;
    assert!(!page.contains("Changed after the break"));
    author.login("author@example.org", PASSWORD).await;
    let (_, page) = author.get_text(&edit).await;
    assert!(page.contains("Changed after the break</textarea>"));
}
