//! The demo: loads once, on both backends, and every role's account can sign in.

use reqwest::StatusCode;

use crate::helpers::{Backend, spawn_app_with, with_db};
use crate::on_both_backends;

on_both_backends!(
    the_demo_loads_once_and_every_account_signs_in,
    the_demo_refuses_a_database_with_other_data
);

async fn the_demo_loads_once_and_every_account_signs_in(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], true).await else {
        return;
    };
    let visitor = app.new_browser();
    let (status, home) = visitor.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("Global Compact for Safe, Orderly and Regular Migration"));
    assert!(
        home.contains("Demo accounts"),
        "the home page says how to sign in"
    );

    let (status, page) = visitor.get_text("/p/gcm").await;
    assert_eq!(status, StatusCode::OK);
    for group in [
        "Human dimensions",
        "Community dimensions",
        "Local and sub-national dimensions",
        "National dimensions",
        "Regional dimensions",
        "Global dimensions",
    ] {
        assert!(page.contains(group), "{group}");
    }
    assert!(page.contains("Gender-responsive") && page.contains("Diaspora"));
    assert_eq!(
        page.matches("badge-open").count(),
        4,
        "every window is open"
    );

    for login in concord::demo::logins().expect("demo accounts") {
        let browser = app.new_browser();
        let response = browser.login(&login.email, &login.password).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "{} signs in",
            login.email
        );
    }

    // Loading again changes nothing.
    let loaded = with_db(&app, |conn| concord::demo::load(conn).expect("loads")).await;
    assert_eq!(loaded, concord::demo::Loaded::Already);
    let processes: i64 = with_db(&app, |conn| {
        use concord::db::schema::processes::dsl::*;
        use diesel::prelude::*;
        processes.count().get_result(conn).expect("count")
    })
    .await;
    assert_eq!(processes, 1);
}

async fn the_demo_refuses_a_database_with_other_data(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], false).await else {
        return;
    };
    app.participant(
        "someone@example.org",
        "Someone Real",
        "Some NGO",
        "civil-society",
    )
    .await;
    let outcome = with_db(&app, concord::demo::load).await;
    assert!(
        matches!(outcome, Err(concord::demo::DemoError::NotEmpty)),
        "{outcome:?}"
    );
}
