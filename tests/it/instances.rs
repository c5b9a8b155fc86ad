//! Two instances of Concord on one PostgreSQL database, as behind a load balancer, requests
//! alternating between them: a session, a CSRF token, the sign-in rate limit, concurrent
//! submissions and the edit-conflict check all behave as on one instance. (SQLite serves one
//! instance; without a PostgreSQL server the test is skipped like the other PostgreSQL tests.)

use reqwest::StatusCode;

use crate::helpers::{
    Backend, Browser, PASSWORD, TestApp, csrf_of, location, spawn_app_with, with_db,
};

/// Sign-in: a burst of four failures per account and eight per address, one more a minute.
const LIMITS: [(&str, &str); 4] = [
    ("CONCORD_LOGIN_BURST", "4"),
    ("CONCORD_LOGIN_ATTEMPTS_PER_MINUTE", "1"),
    ("CONCORD_LOGIN_ADDRESS_BURST", "8"),
    ("CONCORD_LOGIN_ADDRESS_FAILURES_PER_MINUTE", "1"),
];

/// The same browser (cookie jar) talking to another instance: cookies belong to the host,
/// whatever the port.
fn at(browser: &Browser, instance: &TestApp) -> Browser {
    Browser {
        address: instance.address.clone(),
        client: browser.client.clone(),
        jar: browser.jar.clone(),
    }
}

#[tokio::test]
async fn two_instances_share_sessions_tokens_limits_and_conflicts() {
    let Some(a) = spawn_app_with(Backend::Postgres, &LIMITS, false).await else {
        return;
    };
    let b = a.another_instance(&LIMITS).await;
    assert_ne!(a.address, b.address);

    // A session started on A is the same on B, and ends on both when left on B.
    let admin_a = a.first_administrator("admin@example.org").await;
    let admin_b = at(&admin_a, &b);
    let (status, page) = admin_b.get_text("/account").await;
    assert_eq!(status, StatusCode::OK, "signed in on B too");
    assert!(page.contains("admin@example.org"));

    // A form opened on A is accepted by B with A's CSRF token.
    let (status, form_page) = admin_a.get_text("/admin/processes/new").await;
    assert_eq!(status, StatusCode::OK);
    let mut form = crate::helpers::process_form("gcm", "Compact on Testing", "1 First\n2 Second");
    form.push(("csrf_token".into(), csrf_of(&form_page)));
    let created = admin_b.post_form("/admin/processes", &form).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER, "B took A's token");
    assert_eq!(a.new_browser().get("/p/gcm").await.status(), StatusCode::OK);

    concurrent_submissions_and_a_stale_edit(&a, &b).await;
    sign_in_limit_counts_across_both(&a, &b).await;

    let (_, account) = admin_a.get_text("/account").await;
    assert!(account.contains("admin@example.org"));
    let (status, page) = admin_b.get_text("/account").await;
    assert_eq!(status, StatusCode::OK);
    let logout = admin_b
        .post_form("/logout", &[("csrf_token", csrf_of(&page))])
        .await;
    assert_eq!(logout.status(), StatusCode::SEE_OTHER);
    assert_ne!(
        admin_a.get("/account").await.status(),
        StatusCode::OK,
        "signed out on A as well"
    );
}

fn proposal(title: &str, base_version: &str) -> Vec<(String, String)> {
    [
        ("group", "1"),
        ("title", title),
        ("commitment", "States commit to open regular pathways."),
        (
            "actionable_measures",
            "Conclude bilateral labour agreements",
        ),
        ("partnerships", "Employers and trade unions"),
        ("capacity_building", "Training"),
        ("financing", "A fund"),
        ("data", "Disaggregated data"),
        ("responsible_actors", "Ministries of labour"),
        ("sdg_targets", "8.8"),
        ("timeline", "2019 to 2030"),
        ("indicators", "Recruitment costs"),
        ("base_version", base_version),
        ("intent", "submit"),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// Two authors submit at the same moment, one through each instance: two references, no
/// clash. Then an edit from a form of version 1, sent to B after A took version 2, is refused.
async fn concurrent_submissions_and_a_stale_edit(a: &TestApp, b: &TestApp) {
    let ana = a
        .accredited(
            "gcm",
            "ana@example.org",
            "Ana",
            "Rights Network",
            "civil-society",
        )
        .await;
    let bo = b
        .accredited(
            "gcm",
            "bo@example.org",
            "Bo",
            "Workers Union",
            "trade-union",
        )
        .await;
    let new = "/p/gcm/proposals/new";
    let (pathways, pensions) = (proposal("Pathways", ""), proposal("Pensions", ""));
    let (first, second) = tokio::join!(
        ana.submit(new, new, &pathways),
        bo.submit(new, new, &pensions),
    );
    assert_eq!(
        (first.status(), second.status()),
        (StatusCode::SEE_OTHER, StatusCode::SEE_OTHER)
    );
    let mut references = vec![location(&first), location(&second)];
    references.sort();
    assert_eq!(
        references,
        [
            "/p/gcm/proposals/TST-CP-0001?notice=proposal-submitted",
            "/p/gcm/proposals/TST-CP-0002?notice=proposal-submitted",
        ]
    );

    let id: i64 = with_db(a, |conn| {
        use concord::db::schema::proposals::dsl::*;
        use diesel::prelude::*;
        proposals
            .filter(title.eq("Pathways"))
            .select(id)
            .first(conn)
            .expect("the proposal")
    })
    .await;
    let edit = format!("/p/gcm/proposals/drafts/{id}");
    let (_, form_page) = ana.get_text(&edit).await;
    let token = csrf_of(&form_page);
    let mut second = proposal("Pathways, second version", "1");
    second.push(("csrf_token".into(), token.clone()));
    let response = ana.post_form(&edit, &second).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "version 2 on A");
    let mut stale = proposal("Pathways, an older idea", "1");
    stale.push(("csrf_token".into(), token));
    let refused = at(&ana, b).post_form(&edit, &stale).await;
    assert_eq!(
        refused.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "B sees version 2"
    );
    let page = refused.text().await.expect("body");
    assert!(page.contains("A newer version of this proposal was submitted"));
}

/// Failed sign-ins alternate between the instances; the shared limits refuse the attempt
/// after the burst, whichever instance gets it (per-instance buckets would allow twice as
/// many). The sign-ins of the set-up above succeeded, so they spent nothing.
async fn sign_in_limit_counts_across_both(a: &TestApp, b: &TestApp) {
    let attempt = |instance: &TestApp, email: String| {
        let browser = instance.new_browser();
        async move {
            let response = browser.login(&email, "not the password").await;
            response.status()
        }
    };
    // One account guessed: four failures, then refused on both.
    for (n, instance) in [a, b, a, b].into_iter().enumerate() {
        assert_eq!(
            attempt(instance, "ana@example.org".into()).await,
            StatusCode::UNAUTHORIZED,
            "guess {n}"
        );
    }
    assert_eq!(
        attempt(a, "ana@example.org".into()).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        attempt(b, "ana@example.org".into()).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another person at the same address still signs in, on either instance.
    assert_eq!(
        b.new_browser()
            .login("bo@example.org", PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    // Guesses spread over accounts spend the address's eight (four spent above; the refused
    // ones were not charged), counted across both instances.
    for (n, instance) in [a, b, a, b].into_iter().enumerate() {
        assert_eq!(
            attempt(instance, format!("nobody{n}@example.org")).await,
            StatusCode::UNAUTHORIZED,
            "spread guess {n}"
        );
    }
    assert_eq!(
        attempt(b, "nobody9@example.org".into()).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        a.new_browser()
            .login("bo@example.org", PASSWORD)
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the address has spent its burst"
    );
}
