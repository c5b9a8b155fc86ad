//! Notifications of decisions: to the author and the accredited members of co-sponsoring
//! organisations, at once or in a daily digest the next day, counted in the navigation.

use reqwest::StatusCode;

use super::{accredited, decide, propose, setup};
use crate::helpers::{Backend, Browser, with_db};
use crate::on_both_backends;

on_both_backends!(
    authors_and_co_sponsors_hear_at_once_or_the_next_day,
    the_navigation_counts_unread_notifications_up_to_ninety_nine
);

/// The unread count the navigation shows, if any.
async fn unread(browser: &Browser) -> Option<String> {
    let (_, page) = browser.get_text("/p/gcm").await;
    let marker = "<span class=\"count-badge\">";
    let start = page.find(marker)? + marker.len();
    Some(
        page[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '+')
            .collect(),
    )
}

async fn authors_and_co_sponsors_hear_at_once_or_the_next_day(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let (public, reference) = propose(
        &r.author,
        "Shared commitment",
        "States commit together.",
        "1",
    )
    .await;
    let partner = accredited(
        &r.app,
        "partner@example.org",
        "Pia Partner",
        "Diaspora Network",
        "diaspora-migrant-organisation",
    )
    .await;
    let digest_reader = accredited(
        &r.app,
        "partner2@example.org",
        "Dario Digest",
        "Diaspora Network",
        "diaspora-migrant-organisation",
    )
    .await;
    // A member of the organisation who is not accredited hears nothing.
    let bystander = r
        .app
        .participant(
            "bystander@example.org",
            "Bea Bystander",
            "Diaspora Network",
            "diaspora-migrant-organisation",
        )
        .await;
    let response = r
        .author
        .submit(
            &public,
            &format!("{public}/invitations"),
            &[("organisation", "Diaspora Network")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = partner
        .submit(
            &public,
            &format!("{public}/invitations/answer"),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // One of them wants a daily digest; the account page keeps the choice.
    let (_, account) = digest_reader.get_text("/account").await;
    assert!(
        account.contains("id=\"delivery-immediate\" name=\"delivery\" value=\"immediate\" checked")
    );
    let response = digest_reader
        .submit(
            "/account",
            "/account/notifications",
            &[("delivery", "daily-digest")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, account) = digest_reader
        .get_text("/account?notice=notifications-saved")
        .await;
    assert!(account.contains("notification settings have been saved"));
    assert!(account.contains("value=\"daily-digest\" checked"));
    let response = digest_reader
        .submit(
            "/account",
            "/account/notifications",
            &[("delivery", "hourly")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // The invitation and the proposal's arrival were notified (tests/it/staff.rs): read.
    for browser in [&partner, &digest_reader, &r.rapporteur] {
        let (status, _) = browser.get_text("/notifications").await;
        assert_eq!(status, StatusCode::OK);
    }
    assert_eq!(unread(&r.author).await, None, "nothing yet");
    let response = decide(
        &r.rapporteur,
        &reference,
        "1",
        "request-revision",
        "Name the partners and the timeline.",
        "",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // At once for the author and the partner; nothing for the rapporteur or the bystander.
    assert_eq!(unread(&r.author).await.as_deref(), Some("1"));
    assert_eq!(unread(&partner).await.as_deref(), Some("1"));
    assert_eq!(unread(&r.rapporteur).await, None);
    assert_eq!(unread(&bystander).await, None);
    assert_eq!(
        unread(&digest_reader).await,
        None,
        "the digest waits for tomorrow"
    );
    let (_, page) = digest_reader.get_text("/notifications").await;
    assert!(!page.contains("The rapporteurs ask for a new version."));

    let (status, page) = r.author.get_text("/notifications").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("TST/CP/0001"));
    assert!(page.contains("Shared commitment"));
    assert!(page.contains("The rapporteurs ask for a new version."));
    assert!(page.contains("Name the partners and the timeline."));
    assert!(page.contains(&format!("href=\"{public}\"")));
    assert!(page.contains(">New<"), "shown as new this once");
    assert_eq!(unread(&r.author).await, None, "seen is read");
    let (_, page) = r.author.get_text("/notifications").await;
    assert!(!page.contains(">New<"));
    assert!(page.contains("Shared commitment"), "read ones stay listed");

    // The next day the digest shows the day's notifications together.
    with_db(&r.app, |conn| {
        use concord::db::schema::notifications as n;
        use diesel::prelude::*;
        let day = chrono::TimeDelta::days(1);
        let rows: Vec<(i64, chrono::NaiveDateTime, chrono::NaiveDateTime)> = n::table
            .filter(n::delivery.eq("daily-digest"))
            .select((n::id, n::created_at, n::visible_from))
            .load(conn)
            .expect("loaded");
        assert_eq!(rows.len(), 1, "one digest notification");
        for (row, created, visible) in rows {
            assert!(visible > created, "later than made");
            assert_eq!(visible.time(), chrono::NaiveTime::MIN, "from midnight");
            diesel::update(n::table.find(row))
                .set((
                    n::created_at.eq(created - day),
                    n::visible_from.eq(visible - day),
                ))
                .execute(conn)
                .expect("a day earlier");
        }
    })
    .await;
    assert_eq!(unread(&digest_reader).await.as_deref(), Some("1"));
    let (_, page) = digest_reader.get_text("/notifications").await;
    let yesterday = (concord::store::now() - chrono::TimeDelta::days(1))
        .format("%Y-%m-%d")
        .to_string();
    assert!(
        page.contains(&format!("Daily digest of {yesterday}")),
        "{page}"
    );
    assert!(page.contains("Shared commitment"));
    assert_eq!(unread(&digest_reader).await, None);
}

/// Every page counts the unread notifications in its navigation, so the count stops reading
/// at a hundred: an account with more shows "99+", and reading them clears it.
async fn the_navigation_counts_unread_notifications_up_to_ninety_nine(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let (_, reference) = propose(&r.author, "Counted", "States commit.", "1").await;
    let response = decide(&r.rapporteur, &reference, "1", "accept", "Clear.", "").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(unread(&r.author).await.as_deref(), Some("1"));

    // Twice as many unread each time: 2, 4, … 128.
    with_db(&r.app, |conn| {
        use diesel::RunQueryDsl;
        for _ in 0..7 {
            diesel::sql_query(
                "INSERT INTO notifications (account_id, process_id, proposal_id, decision_id, \
                 kind, delivery, created_at, visible_from, contribution_id, revision_id, note) \
                 SELECT account_id, process_id, proposal_id, decision_id, kind, delivery, \
                 created_at, visible_from, contribution_id, revision_id, note \
                 FROM notifications WHERE read_at IS NULL AND account_id = \
                 (SELECT id FROM accounts WHERE email = 'author@example.org')",
            )
            .execute(conn)
            .expect("copied");
        }
    })
    .await;
    assert_eq!(unread(&r.author).await.as_deref(), Some("99+"));
    let (status, _) = r.author.get_text("/notifications").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(unread(&r.author).await, None, "all read");
}
