//! The review of proposals over HTTP on both backends: decisions and the public record they
//! leave (`decisions`), the queue with its filters, similarity and query count (`queue`),
//! internal notes (`notes`), notifications (`notifications`), and forged requests (`forged`).

mod decisions;
mod forged;
mod notes;
mod notifications;
mod queue;

use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, TestApp, location, spawn_app};

const SLUG: &str = "gcm";
pub(crate) const QUEUE: &str = "/p/gcm/groups/1/review";

/// The SQL statements one GET of the review queue at `path` costs to read and render it:
/// after a first GET (and what it left to do after its answer, the queue's comparisons), with
/// what is kept of the queue out of date, as after any decision or note. A kept queue costs
/// two statements at any size, which would hide what reading it costs.
pub(crate) async fn queue_reading_statements(app: &TestApp, browser: &Browser, path: &str) -> u64 {
    let (status, _) = browser.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    crate::lists::settled(app).await;
    crate::helpers::with_db(app, |conn| {
        use diesel::RunQueryDsl;
        diesel::sql_query("UPDATE review_generation SET generation = generation + 1")
            .execute(conn)
            .expect("the review generation renewed");
    })
    .await;
    let before = app.queries.get();
    let (status, _) = browser.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    app.queries.get() - before
}

/// A process with two groups, its administrator, an accredited author, and the rapporteur
/// of group 1.
pub(crate) struct Review {
    pub(crate) app: TestApp,
    pub(crate) admin: Browser,
    pub(crate) author: Browser,
    pub(crate) rapporteur: Browser,
}

pub(crate) async fn setup(backend: Backend) -> Option<Review> {
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
    let rapporteur = with_role(
        &app,
        &admin,
        "rapporteur@example.org",
        "Rania Rapporteur",
        "rapporteur",
        "1",
    )
    .await;
    Some(Review {
        app,
        admin,
        author,
        rapporteur,
    })
}

/// A participant accredited as a stakeholder of the process.
pub(crate) async fn accredited(
    app: &TestApp,
    email: &str,
    name: &str,
    organisation: &str,
    category: &str,
) -> Browser {
    app.accredited(SLUG, email, name, organisation, category)
        .await
}

/// A participant who holds `role` (of `group`, when it is a group's).
async fn with_role(
    app: &TestApp,
    admin: &Browser,
    email: &str,
    name: &str,
    role: &str,
    group: &str,
) -> Browser {
    let browser = app
        .participant(
            email,
            name,
            "International Organization for Migration",
            "un-system",
        )
        .await;
    app.assign_role(admin, SLUG, email, role, group).await;
    browser
}

/// A complete proposal form for `group`.
pub(crate) fn fields(title: &str, commitment: &str, group: &str) -> Vec<(String, String)> {
    [
        ("group", group),
        ("title", title),
        ("commitment", commitment),
        (
            "actionable_measures",
            "Conclude bilateral labour agreements\nMake social security portable",
        ),
        ("financing", "A fund replenished every year"),
        ("intent", "submit"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// Submits a proposal to `group`; returns its public path and its reference.
pub(crate) async fn propose(
    browser: &Browser,
    title: &str,
    commitment: &str,
    group: &str,
) -> (String, String) {
    propose_with(browser, &fields(title, commitment, group)).await
}

/// Submits a proposal form; returns its public path and its reference.
pub(crate) async fn propose_with(browser: &Browser, form: &[(String, String)]) -> (String, String) {
    let page = format!("/p/{SLUG}/proposals/new");
    let response = browser.submit(&page, &page, form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "submitted");
    let target = location(&response);
    let path = target
        .split_once('?')
        .map(|(path, _)| path.to_string())
        .unwrap_or(target);
    let slug = path.rsplit('/').next().unwrap_or_default().to_string();
    (path, slug.replace('-', "/"))
}

/// The review page of a proposal of group `group`, from its reference.
pub(crate) fn review_page(group: &str, reference: &str) -> String {
    format!(
        "/p/{SLUG}/groups/{group}/review/{}",
        reference.replace('/', "-")
    )
}

/// Sends the decision form of the proposal's review page, as read at `version`.
async fn decide(
    browser: &Browser,
    reference: &str,
    version: &str,
    decision: &str,
    rationale: &str,
    target: &str,
) -> reqwest::Response {
    let page = review_page("1", reference);
    browser
        .submit(
            &page,
            &format!("{page}/decision"),
            &[
                ("version", version),
                ("decision", decision),
                ("rationale", rationale),
                ("target", target),
            ],
        )
        .await
}

/// The id of the proposal with this title, from the database.
async fn proposal_id(app: &TestApp, wanted: &str) -> i64 {
    let wanted = wanted.to_string();
    crate::helpers::with_db(app, move |conn| {
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

/// The stored status of the proposal with this title.
async fn status_of(app: &TestApp, wanted: &str) -> String {
    let wanted = wanted.to_string();
    crate::helpers::with_db(app, move |conn| {
        use concord::db::schema::proposals::dsl::*;
        use diesel::prelude::*;
        proposals
            .filter(title.eq(wanted))
            .select(status)
            .first(conn)
            .expect("the proposal")
    })
    .await
}

/// How many decisions are recorded in all.
async fn decision_count(app: &TestApp) -> i64 {
    crate::helpers::with_db(app, |conn| {
        use concord::db::schema::proposal_decisions::dsl::*;
        use diesel::prelude::*;
        proposal_decisions
            .count()
            .get_result(conn)
            .expect("counted")
    })
    .await
}

async fn audit_page(admin: &Browser) -> String {
    let (status, page) = admin
        .get_text(&format!("/admin/processes/{SLUG}/audit"))
        .await;
    assert_eq!(status, StatusCode::OK);
    page
}
