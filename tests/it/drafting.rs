//! From proposals to the draft: a group report compiled from accepted proposals, the Chair's
//! summary compiled from the reports, the draft assembled by pulling from both; provenance
//! followed through three levels; and "what became of it" for a proposal.

use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, PASSWORD, TestApp, location, spawn_app, with_db};
use crate::on_both_backends;
use concord::domain::documents::Source;
use concord::domain::ids::ProposalVersionId;

on_both_backends!(
    a_proposal_reaches_the_draft_through_report_and_summary,
    compiling_is_for_the_role_only
);

async fn role(
    app: &TestApp,
    admin: &Browser,
    email: &str,
    name: &str,
    role: &str,
    group: &str,
) -> Browser {
    app.participant(email, name, "United Nations Secretariat", "un-system")
        .await;
    app.assign_role(admin, "gcm", email, role, group).await;
    let browser = app.new_browser();
    browser.login(email, PASSWORD).await;
    browser
}

/// Submits a proposal to group 1 through the form and marks it accepted (the review's own
/// tests cover deciding; here it is the starting point).
async fn accepted_proposal(app: &TestApp, author: &Browser) -> i64 {
    let fields = [
        ("group", "1"),
        ("title", "Decent work for migrant workers"),
        (
            "commitment",
            "States commit to ensure decent work for all migrant workers.",
        ),
        (
            "actionable_measures",
            "Ratify the relevant conventions\nStrengthen labour inspection",
        ),
        ("partnerships", "With trade unions and employers."),
        ("timeline", "By 2030."),
        ("intent", "submit"),
    ];
    let response = author
        .submit("/p/gcm/proposals/new", "/p/gcm/proposals/new", &fields)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "submitted");
    with_db(app, |conn| {
        use concord::db::schema::{proposal_versions, proposals};
        use diesel::prelude::*;
        diesel::update(proposals::table)
            .set(proposals::status.eq("accepted"))
            .execute(conn)
            .expect("accepted");
        proposal_versions::table
            .select(proposal_versions::id)
            .first::<i64>(conn)
            .expect("a version")
    })
    .await
}

async fn a_proposal_reaches_the_draft_through_report_and_summary(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "gcm").await;
    let author = app
        .participant(
            "author@example.org",
            "Amal Author",
            "Migrant Forum in Asia",
            "civil-society",
        )
        .await;
    author
        .submit("/p/gcm", "/p/gcm/accreditation", &[("", "")])
        .await;
    let version_id = accepted_proposal(&app, &author).await;
    let rapporteur = role(
        &app,
        &admin,
        "rap@example.org",
        "Rafael Rapporteur",
        "rapporteur",
        "1",
    )
    .await;
    let chair = role(
        &app,
        &admin,
        "chair@example.org",
        "Chiara Chair",
        "chair",
        "",
    )
    .await;
    let cofacilitator = role(
        &app,
        &admin,
        "cofac@example.org",
        "Carla Cofacilitator",
        "co-facilitator",
        "",
    )
    .await;

    // Level 1: the group report, generated from the accepted proposal.
    let response = rapporteur
        .submit("/p/gcm", "/p/gcm/groups/1/report", &[("", "")])
        .await;
    assert_eq!(
        location(&response),
        "/p/gcm/documents/group-1-report?view=working"
    );
    let (_, report) = rapporteur
        .get_text("/p/gcm/documents/group-1-report?view=working")
        .await;
    assert!(report.contains("States commit to ensure decent work for all migrant workers."));
    assert!(report.contains("(a)") && report.contains("Strengthen labour inspection"));
    assert!(
        report.contains("version 1"),
        "each generated paragraph names its source"
    );
    rapporteur
        .submit(
            "/p/gcm/documents/group-1-report?view=working",
            "/p/gcm/documents/group-1-report/publish",
            &[("label", "Final report")],
        )
        .await;

    // Level 2: the Chair's summary, compiled from the published report.
    let (_, process_page) = chair.get_text("/p/gcm").await;
    assert!(
        process_page.contains("/p/gcm/documents/chairs-summary/compile"),
        "the chair is offered to compile the summary"
    );
    let response = chair
        .submit(
            "/p/gcm",
            "/p/gcm/documents/chairs-summary/compile",
            &[("", "")],
        )
        .await;
    assert_eq!(
        location(&response),
        "/p/gcm/documents/chairs-summary?view=working"
    );
    let (_, summary) = chair
        .get_text("/p/gcm/documents/chairs-summary?view=working")
        .await;
    assert!(summary.contains("Action group 1: 1 First group"));
    assert!(summary.contains("Report of action group 1: 1 First group (Final report), paragraph"));
    assert!(
        summary.contains("Overarching means of implementation")
            && summary.contains("With trade unions and employers.")
    );
    assert!(summary.contains("Follow-up and review") && summary.contains("By 2030."));
    chair
        .submit(
            "/p/gcm/documents/chairs-summary?view=working",
            "/p/gcm/documents/chairs-summary/publish",
            &[("label", "Chair's summary")],
        )
        .await;

    // Level 3: the draft, assembled by pulling a paragraph of the summary.
    let response = cofacilitator
        .submit("/p/gcm", "/p/gcm/documents/draft/start", &[("", "")])
        .await;
    assert_eq!(location(&response), "/p/gcm/documents/draft?view=working");
    let (status, picker) = cofacilitator
        .get_text("/p/gcm/documents/draft/pick?q=decent+work")
        .await;
    assert_eq!(status, StatusCode::OK);
    let marker = "name=\"source\" value=\"summary:";
    let start = picker.find(marker).expect("a summary paragraph to pull")
        + "name=\"source\" value=\"".len();
    let source: String = picker[start..].chars().take_while(|c| *c != '"').collect();
    let response = cofacilitator
        .submit(
            "/p/gcm/documents/draft/pick",
            "/p/gcm/documents/draft/pull",
            &[("source", source.as_str()), ("after", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // And a whole proposal: its commitment and lettered measures.
    let response = cofacilitator
        .submit(
            "/p/gcm/documents/draft/pick",
            "/p/gcm/documents/draft/pull",
            &[
                ("source", format!("proposal:{version_id}").as_str()),
                ("after", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, draft) = cofacilitator
        .get_text("/p/gcm/documents/draft?view=working")
        .await;
    assert!(
        draft.contains("summary (Chair"),
        "the pulled paragraph names the summary"
    );
    assert!(
        draft.contains("This compact rests on the following guiding principles: Migrant-centred.")
    );
    cofacilitator
        .submit(
            "/p/gcm/documents/draft?view=working",
            "/p/gcm/documents/draft/publish",
            &[("label", "Zero draft")],
        )
        .await;

    // What became of the proposal: the report, the summary and the draft, through provenance.
    let uses = with_db(&app, move |conn| {
        let process: i64 = {
            use concord::db::schema::processes::dsl::*;
            use diesel::prelude::*;
            processes.select(id).first(conn).expect("a process")
        };
        concord::store::documents::uses_in_revisions(
            conn,
            process,
            &[Source::ProposalVersion {
                id: ProposalVersionId(version_id),
            }],
        )
        .expect("uses")
    })
    .await;
    let documents: std::collections::BTreeSet<&str> =
        uses.iter().map(|u| u.document_slug.as_str()).collect();
    assert_eq!(
        documents,
        ["chairs-summary", "draft", "group-1-report"]
            .into_iter()
            .collect()
    );
    assert!(
        uses.iter()
            .any(|u| u.document_slug == "draft" && u.text.contains("decent work"))
    );
    // Numbers follow the paragraphs: the pulled measures are lettered in the draft.
    assert!(
        uses.iter()
            .any(|u| u.document_slug == "draft" && u.number.ends_with("(b)")),
        "{uses:?}"
    );

    let (status, public) = app.new_browser().get_text("/p/gcm/documents/draft").await;
    assert_eq!(status, StatusCode::OK);
    assert!(public.contains("Zero draft"));
}

async fn compiling_is_for_the_role_only(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "gcm").await;
    let stakeholder = app
        .participant(
            "someone@example.org",
            "Someone",
            "Some NGO",
            "civil-society",
        )
        .await;
    stakeholder
        .submit("/p/gcm", "/p/gcm/accreditation", &[("", "")])
        .await;
    let other_rapporteur = role(
        &app,
        &admin,
        "rap2@example.org",
        "Other Rapporteur",
        "rapporteur",
        "2",
    )
    .await;
    for (browser, path) in [
        (&stakeholder, "/p/gcm/groups/1/report"),
        (&other_rapporteur, "/p/gcm/groups/1/report"),
        (&stakeholder, "/p/gcm/documents/chairs-summary/compile"),
        (&other_rapporteur, "/p/gcm/documents/chairs-summary/compile"),
        (&stakeholder, "/p/gcm/documents/draft/start"),
    ] {
        let response = browser.submit("/p/gcm", path, &[("", "")]).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(
        other_rapporteur
            .submit("/p/gcm", "/p/gcm/groups/9/report", &[("", "")])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let count: i64 = with_db(&app, |conn| {
        use concord::db::schema::documents::dsl::*;
        use diesel::prelude::*;
        documents.count().get_result(conn).expect("count")
    })
    .await;
    assert_eq!(count, 0);
}
