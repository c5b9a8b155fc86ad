//! Commitment proposals over HTTP on both backends: writing and submitting (`writing`),
//! keeping what was typed when a window closes or a session expires (`keeping`), who may do
//! what (`access`), and the public list (`listing`).

mod access;
mod keeping;
mod listing;
mod writing;

use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, TestApp, location, spawn_app, with_db};

const SLUG: &str = "gcm";

/// A process with open windows, its administrator, and an accredited author.
async fn setup(backend: Backend) -> Option<(TestApp, Browser, Browser)> {
    let app = spawn_app(backend).await?;
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, SLUG).await;
    let author = accredited(
        &app,
        "author@example.org",
        "Ana Author",
        "Migrant Rights Network",
        "civil-society",
    )
    .await;
    Some((app, admin, author))
}

async fn accredited(
    app: &TestApp,
    email: &str,
    name: &str,
    organisation: &str,
    category: &str,
) -> Browser {
    app.accredited(SLUG, email, name, organisation, category)
        .await
}

/// A complete proposal form for group 1.
fn fields(title: &str) -> Vec<(String, String)> {
    [
        ("group", "1"),
        ("title", title),
        (
            "commitment",
            "States commit to open regular pathways for migrant workers.",
        ),
        (
            "actionable_measures",
            "Conclude bilateral labour agreements\nMake social security portable",
        ),
        ("partnerships", "Employers and trade unions together"),
        ("capacity_building", "Training for labour inspectors"),
        ("financing", "A fund replenished every year"),
        ("data", "Disaggregated data on recruitment costs"),
        ("responsible_actors", "Ministries of labour"),
        ("sdg_targets", "8.8 and 10.7"),
        ("timeline", "From 2019 to 2030"),
        ("indicators", "Recruitment costs paid by workers"),
        ("intent", "submit"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn set(form: &mut Vec<(String, String)>, name: &str, value: &str) {
    form.retain(|(k, _)| k != name);
    form.push((name.to_string(), value.to_string()));
}

async fn submit_new(browser: &Browser, form: &[(String, String)]) -> reqwest::Response {
    let page = format!("/p/{SLUG}/proposals/new");
    browser.submit(&page, &page, form).await
}

/// Submits a proposal and returns its public path.
async fn submitted(browser: &Browser, form: &[(String, String)]) -> String {
    let response = submit_new(browser, form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "submitted");
    let target = location(&response);
    target
        .split_once('?')
        .map(|(path, _)| path.to_string())
        .unwrap_or(target)
}

/// The id of the proposal with this title, from the database.
async fn proposal_id(app: &TestApp, wanted: &str) -> i64 {
    let wanted = wanted.to_string();
    with_db(app, move |conn| {
        use concord::db::schema::proposals::dsl::*;
        use diesel::prelude::*;
        proposals
            .filter(title.eq(wanted))
            .select(id)
            .first(conn)
            .expect("the proposal")
    })
    .await
}

async fn theme_id(app: &TestApp, wanted: &str) -> i64 {
    let wanted = wanted.to_string();
    with_db(app, move |conn| {
        use concord::db::schema::themes::dsl::*;
        use diesel::prelude::*;
        themes
            .filter(name.eq(wanted))
            .select(id)
            .first(conn)
            .expect("the theme")
    })
    .await
}

async fn audit_actions(admin: &Browser) -> String {
    let (status, page) = admin
        .get_text(&format!("/admin/processes/{SLUG}/audit"))
        .await;
    assert_eq!(status, StatusCode::OK);
    page
}
