//! Every page of the design's page table answers 200 with the demo's content: what a person
//! evaluating Concord, or training a delegation, finds after `concord serve --demo`.

use concord::db::schema::{contribution_attachments, contributions, proposals};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, spawn_app_with, with_db};

const PASSWORD: &str = "concord-demo-2018";

/// A page's status and text, checked to be 200 and to hold every one of `wanted`.
async fn shows(browser: &Browser, path: &str, wanted: &[&str]) -> String {
    let (status, page) = browser.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    for text in wanted {
        assert!(page.contains(text), "{path} shows {text:?}");
    }
    page
}

/// The address of a contribution or proposal by its title.
async fn reference_of(app: &crate::helpers::TestApp, table: &'static str, title: &str) -> String {
    let title = title.to_string();
    let reference: Option<String> = with_db(app, move |conn| {
        if table == "contributions" {
            contributions::table
                .filter(contributions::title.eq(title))
                .select(contributions::reference)
                .first(conn)
                .expect("the contribution")
        } else {
            proposals::table
                .filter(proposals::title.eq(title))
                .select(proposals::reference)
                .first(conn)
                .expect("the proposal")
        }
    })
    .await;
    reference.expect("a reference").replace('/', "-")
}

pub async fn every_page_answers_with_the_demo(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], true).await else {
        return;
    };
    let visitor = app.new_browser();
    shows(
        &visitor,
        "/",
        &["Demo accounts", "rapporteur@demo.concord.example"],
    )
    .await;
    shows(
        &visitor,
        "/p/gcm",
        &[
            "Human dimensions",
            "Rev.2",
            "/p/gcm/documents/chairs-summary",
        ],
    )
    .await;

    // Contributions: the list, one with its receipt and annex, the hidden one's tombstone.
    shows(
        &visitor,
        "/p/gcm/contributions",
        &["GCM/WC/0042", "Alternativas a la detención migratoria"],
    )
    .await;
    let with_annex = reference_of(
        &app,
        "contributions",
        "Migration data for evidence-based policy",
    )
    .await;
    let file: String = with_db(&app, |conn| {
        contribution_attachments::table
            .select(contribution_attachments::file_name)
            .first(conn)
            .expect("the annex")
    })
    .await;
    shows(
        &visitor,
        &format!("/p/gcm/contributions/{with_annex}"),
        &["Migration data for evidence-based policy", &file],
    )
    .await;
    let hidden = reference_of(
        &app,
        "contributions",
        "Fast visas for skilled workers: our services",
    )
    .await;
    let page = shows(
        &visitor,
        &format!("/p/gcm/contributions/{hidden}"),
        &["advertises commercial immigration services"],
    )
    .await;
    assert!(
        !page.contains("Special rates"),
        "a hidden text stays hidden"
    );
    let arabic = reference_of(
        &app,
        "contributions",
        "حماية العمال المهاجرين في منطقة الشرق الأوسط وشمال أفريقيا",
    )
    .await;
    shows(
        &visitor,
        &format!("/p/gcm/contributions/{arabic}"),
        &["العمال المهاجرين"],
    )
    .await;

    // A group, its proposals, one proposal with its versions, co-sponsors and decisions.
    shows(
        &visitor,
        "/p/gcm/groups/1",
        &[
            "Human dimensions",
            "Access to basic services for all migrants",
        ],
    )
    .await;
    shows(
        &visitor,
        "/p/gcm/proposals",
        &[
            "Mise en œuvre des protocoles régionaux",
            "Local migration observatories",
        ],
    )
    .await;
    let recruitment = reference_of(
        &app,
        "proposals",
        "Fair and ethical recruitment: no recruitment fees for migrant workers",
    )
    .await;
    shows(
        &visitor,
        &format!("/p/gcm/proposals/{recruitment}"),
        &[
            "International Labour Organization",
            "Version 3 is a strong and measurable commitment",
        ],
    )
    .await;

    // The review queue of group 1, as its rapporteur: what waits, with internal notes.
    let rapporteur = app.new_browser();
    rapporteur
        .login("rapporteur@demo.concord.example", PASSWORD)
        .await;
    shows(
        &rapporteur,
        "/p/gcm/groups/1/review",
        &[
            "Gender-responsive migration policies",
            "Ending immigration detention of children",
        ],
    )
    .await;
    let children = reference_of(
        &app,
        "proposals",
        "Ending immigration detention of children",
    )
    .await;
    shows(
        &rapporteur,
        &format!("/p/gcm/groups/1/review/{children}"),
        &["check with the co-sponsors"],
    )
    .await;

    // Documents: a report, the summary, the draft, a revision and the comparison.
    shows(
        &visitor,
        "/p/gcm/documents/group-4-report",
        &["Fair and ethical recruitment"],
    )
    .await;
    shows(
        &visitor,
        "/p/gcm/documents/chairs-summary",
        &["Puerto Vallarta"],
    )
    .await;
    shows(
        &visitor,
        "/p/gcm/documents/draft",
        &["Rev.2", "International Migration Review Forum"],
    )
    .await;
    shows(
        &visitor,
        "/p/gcm/documents/draft/revisions/zero-draft",
        &["Zero draft", "political will"],
    )
    .await;
    shows(
        &visitor,
        "/p/gcm/documents/draft/compare?from=zero-draft&to=rev-1",
        &[
            "compare-changed",
            "compare-added",
            "compare-removed",
            "compare-moved",
        ],
    )
    .await;

    // The negotiation: its rounds, the first reading and its compilation text for anyone,
    // the second reading for a delegate, the delegations for the secretariat.
    shows(
        &visitor,
        "/p/gcm/negotiation/rounds",
        &["First reading of the zero draft"],
    )
    .await;
    shows(
        &visitor,
        "/p/gcm/negotiation/rounds/1",
        &["African Group", "in all its dimensions"],
    )
    .await;
    shows(
        &visitor,
        "/p/gcm/negotiation/rounds/1/compilation",
        &["in all its dimensions"],
    )
    .await;
    let delegate = app.new_browser();
    delegate
        .login("delegate.morocco@demo.concord.example", PASSWORD)
        .await;
    shows(
        &delegate,
        "/p/gcm/negotiation/rounds/2",
        &["Second reading: Rev.2", "project-oriented solutions"],
    )
    .await;
    let secretariat = app.new_browser();
    secretariat
        .login("secretariat@demo.concord.example", PASSWORD)
        .await;
    shows(
        &secretariat,
        "/p/gcm/negotiation/delegations",
        &["European Union", "Philippines"],
    )
    .await;

    // The demo stakeholder's notifications, and what they were invited to co-sponsor.
    let stakeholder = app.new_browser();
    stakeholder
        .login("stakeholder@demo.concord.example", PASSWORD)
        .await;
    shows(
        &stakeholder,
        "/notifications",
        &["freedom to change employer"],
    )
    .await;

    // Engagement and open data, the consultation series' attendance among them: the closing
    // plenary filled its 15 places and had 3 waiting; the Puerto Vallarta events are there.
    let stats = shows(
        &visitor,
        "/p/gcm/stats",
        &[
            "2017-10",
            "Attendance at events",
            "Multi-stakeholder hearing",
        ],
    )
    .await;
    assert!(
        !stats.contains("Nothing to count yet."),
        "every chart has figures"
    );
    let events = shows(
        &visitor,
        "/p/gcm/open-data/events.json",
        &["Puerto Vallarta"],
    )
    .await;
    let events: serde_json::Value = serde_json::from_str(&events).expect("JSON");
    let events = events.as_array().expect("events");
    assert_eq!(events.len(), 18);
    let plenary = events
        .iter()
        .find(|e| e["kind"] == "plenary")
        .expect("the plenary");
    assert_eq!(
        (
            &plenary["registered"],
            &plenary["waitlisted"],
            &plenary["attended"]
        ),
        (
            &serde_json::json!(15),
            &serde_json::json!(3),
            &serde_json::json!(14)
        )
    );
    assert!(
        events
            .iter()
            .all(|e| e["attended"].as_i64().is_some_and(|n| n > 0)),
        "someone attended every event"
    );
    let csv = shows(
        &visitor,
        "/p/gcm/open-data/contributions.csv",
        &["GCM/WC/0001"],
    )
    .await;
    assert!(csv.lines().count() > 40, "{} lines", csv.lines().count());
}
