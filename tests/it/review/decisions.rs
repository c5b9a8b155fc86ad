//! Decisions: each on a version, with a rationale, public on the proposal's page with its
//! history; a request for revision goes back to the author and returns to the queue; merges
//! and duplicates point to their target and delete nothing.

use reqwest::StatusCode;

use super::{
    QUEUE, audit_page, decide, decision_count, fields, proposal_id, propose, review_page, setup,
    status_of,
};
use crate::helpers::{Backend, location};
use crate::on_both_backends;

on_both_backends!(
    an_accepted_proposal_shows_its_public_decision,
    a_revision_request_goes_back_to_the_author_and_returns_to_the_queue,
    merges_and_duplicates_point_to_their_target,
    refused_decisions_keep_what_was_typed,
    the_proposal_page_says_where_it_was_used,
);

async fn an_accepted_proposal_shows_its_public_decision(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let (public, reference) = propose(
        &r.author,
        "Safe pathways for migrant workers",
        "States commit to open regular pathways for migrant workers.",
        "1",
    )
    .await;

    let (status, queue) = r.rapporteur.get_text(QUEUE).await;
    assert_eq!(status, StatusCode::OK);
    assert!(queue.contains("Safe pathways for migrant workers"));
    assert!(
        queue.contains("data-count=\"1\""),
        "one proposal in the queue"
    );
    assert!(queue.contains(&review_page("1", &reference)));

    let (status, page) = r.rapporteur.get_text(&review_page("1", &reference)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(&format!(
            "action=\"{}/decision\"",
            review_page("1", &reference)
        )),
        "the decision form"
    );
    assert!(page.contains("name=\"version\" value=\"1\""));

    let response = decide(
        &r.rapporteur,
        &reference,
        "1",
        "accept",
        "A concrete commitment with measurable indicators.",
        "",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        format!("{QUEUE}?notice=decision-recorded")
    );
    let (_, queue) = r.rapporteur.get_text(&location(&response)).await;
    assert!(queue.contains("data-notice=\"notice-decision-recorded\""));
    assert!(
        queue.contains("data-count=\"0\""),
        "decided: out of the queue"
    );
    let (_, accepted) = r
        .rapporteur
        .get_text(&format!("{QUEUE}?status=accepted"))
        .await;
    assert!(accepted.contains("Safe pathways for migrant workers"));
    assert_eq!(
        status_of(&r.app, "Safe pathways for migrant workers").await,
        "accepted"
    );

    // Public: the decision, its rationale, its role (not the person), and when.
    let visitor = r.app.new_browser();
    let (_, page) = visitor.get_text(&public).await;
    for expected in [
        "Accepted",
        "A concrete commitment with measurable indicators.",
        "on version 1",
        "by the group&#39;s rapporteur",
        "Version 1 submitted",
        "<time datetime=\"",
    ] {
        assert!(
            page.contains(expected) || page.contains(&expected.replace("&#39;", "'")),
            "the public page shows {expected:?}"
        );
    }
    assert!(!page.contains("Rania Rapporteur"), "the role, not the name");
    let id = proposal_id(&r.app, "Safe pathways for migrant workers").await;
    assert!(
        !page.contains(&format!("href=\"/p/gcm/proposals/drafts/{id}\"")),
        "a decided proposal is closed: no new version"
    );
    // Decided once: the same decision again is refused, and nothing more is recorded.
    let again = decide(
        &r.rapporteur,
        &reference,
        "1",
        "reject",
        "Changed my mind.",
        "",
    )
    .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("no longer awaiting a decision")
    );
    assert_eq!(decision_count(&r.app).await, 1);
    assert!(audit_page(&r.admin).await.contains("proposal.decide"));
}

async fn a_revision_request_goes_back_to_the_author_and_returns_to_the_queue(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let title = "Portable pensions";
    let (public, reference) = propose(
        &r.author,
        title,
        "States commit to make pensions portable.",
        "1",
    )
    .await;
    let response = decide(
        &r.rapporteur,
        &reference,
        "1",
        "request-revision",
        "Say which social security agreements are meant, and by when.",
        "",
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&r.app, title).await, "revision-requested");
    let (_, queue) = r.rapporteur.get_text(QUEUE).await;
    assert!(
        !queue.contains(title),
        "waiting for its author, not for a decision"
    );
    let (_, waiting) = r
        .rapporteur
        .get_text(&format!("{QUEUE}?status=revision-requested"))
        .await;
    assert!(waiting.contains(title));

    // The author reads what to change on the page, and may write a new version.
    let (_, page) = r.author.get_text(&public).await;
    assert!(page.contains("data-decision=\"request-revision\""));
    assert!(page.contains("Say which social security agreements are meant, and by when."));
    let id = proposal_id(&r.app, title).await;
    let edit = format!("/p/gcm/proposals/drafts/{id}");
    assert!(page.contains(&format!("href=\"{edit}\"")), "a new version");

    let mut second = fields(
        title,
        "States commit to make pensions portable through bilateral social security agreements by 2025.",
        "1",
    );
    second.push(("base_version".into(), "1".into()));
    let response = r.author.submit(&edit, &edit, &second).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&r.app, title).await, "submitted");

    // Back in the queue, at version 2, with the way to its differences and its history.
    let (_, queue) = r.rapporteur.get_text(QUEUE).await;
    assert!(queue.contains(title));
    assert!(queue.contains("Version 2"));
    assert!(queue.contains(&format!("{public}/compare?from=1&amp;to=2")));
    assert!(
        queue.contains("data-decision=\"request-revision\""),
        "its history shows the request"
    );

    // A decision on version 1 is on a text no longer current: refused, the rationale kept.
    let response = decide(
        &r.rapporteur,
        &reference,
        "1",
        "accept",
        "Good as it was.",
        "",
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = response.text().await.unwrap();
    assert!(page.contains("submitted a new version"));
    assert!(page.contains("Good as it was."), "the rationale is kept");
    assert!(
        page.contains("name=\"version\" value=\"2\""),
        "now deciding on version 2"
    );
    assert_eq!(status_of(&r.app, title).await, "submitted");

    let response = decide(&r.rapporteur, &reference, "2", "accept", "Now precise.", "").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&r.app, title).await, "accepted");
    let (_, page) = r.app.new_browser().get_text(&public).await;
    let order: Vec<usize> = [
        "Version 1 submitted",
        "Say which social security",
        "Version 2 submitted",
        "Now precise.",
    ]
    .iter()
    .map(|t| {
        page.rfind(t)
            .unwrap_or_else(|| panic!("{t} in the history"))
    })
    .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "in time order: {order:?}"
    );
}

async fn merges_and_duplicates_point_to_their_target(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let (kept, kept_ref) =
        propose(&r.author, "Labour pathways", "Open labour pathways.", "1").await;
    let (merged, merged_ref) = propose(
        &r.author,
        "More labour pathways",
        "Open more labour pathways.",
        "1",
    )
    .await;
    let (copy, copy_ref) = propose(
        &r.author,
        "Labour pathways again",
        "Open labour pathways.",
        "1",
    )
    .await;

    let response = decide(
        &r.rapporteur,
        &merged_ref,
        "1",
        "merge",
        "The same commitment, better put in the other.",
        &kept_ref,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // The address form of a reference names it too.
    let response = decide(
        &r.rapporteur,
        &copy_ref,
        "1",
        "duplicate",
        "Word for word the other.",
        &kept_ref.replace('/', "-").to_lowercase(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&r.app, "More labour pathways").await, "merged");
    assert_eq!(
        status_of(&r.app, "Labour pathways again").await,
        "duplicate"
    );

    // Nothing is deleted: both stay readable and point to the result.
    let visitor = r.app.new_browser();
    let (status, page) = visitor.get_text(&merged).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("data-decision=\"merge\""));
    assert!(page.contains(&format!("href=\"{kept}\"")));
    assert!(
        page.contains("Open more labour pathways."),
        "its text stays"
    );
    let (_, page) = visitor.get_text(&copy).await;
    assert!(page.contains("data-decision=\"duplicate\""));
    assert!(page.contains(&format!("href=\"{kept}\"")));
    let (_, page) = visitor.get_text(&kept).await;
    assert!(page.contains("data-referrer=\"merge\""));
    assert!(page.contains("data-referrer=\"duplicate\""));
    assert!(page.contains(&format!("href=\"{merged}\"")));

    // A merged proposal takes no merge in turn; nothing points to itself.
    let (_, fourth_ref) = propose(
        &r.author,
        "Labour pathways, fourth",
        "Open labour pathways.",
        "1",
    )
    .await;
    let response = decide(
        &r.rapporteur,
        &fourth_ref,
        "1",
        "merge",
        "Into the merged one.",
        &merged_ref,
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("cannot take this"));
    let response = decide(
        &r.rapporteur,
        &fourth_ref,
        "1",
        "duplicate",
        "Itself.",
        &fourth_ref,
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("its own duplicate"));
    assert_eq!(
        status_of(&r.app, "Labour pathways, fourth").await,
        "submitted"
    );
}

async fn refused_decisions_keep_what_was_typed(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let (_, reference) = propose(&r.author, "Kept text", "Commit.", "1").await;
    for (decision, rationale, target, error) in [
        ("accept", "   ", "", "id=\"rationale-error\""),
        (
            "",
            "A reason kept after the error",
            "",
            "id=\"decision-error\"",
        ),
        (
            "overrule",
            "A reason kept after the error",
            "",
            "id=\"decision-error\"",
        ),
        (
            "merge",
            "A reason kept after the error",
            "",
            "Give the reference",
        ),
        (
            "duplicate",
            "A reason kept after the error",
            "TST/CP/9999",
            "No submitted proposal of this process has this reference",
        ),
    ] {
        let response = decide(&r.rapporteur, &reference, "1", decision, rationale, target).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{decision:?} {target:?}"
        );
        let page = response.text().await.unwrap();
        assert!(page.contains(error), "{decision:?}: {error}");
        if !rationale.trim().is_empty() {
            assert!(page.contains(rationale), "the rationale is kept");
        }
        if !target.is_empty() {
            assert!(
                page.contains(&format!("value=\"{target}\"")),
                "the target is kept"
            );
        }
    }
    assert_eq!(decision_count(&r.app).await, 0);
    assert_eq!(status_of(&r.app, "Kept text").await, "submitted");
    // A form without a version is no decision on any version.
    let page = review_page("1", &reference);
    let response = r
        .rapporteur
        .submit(
            &page,
            &format!("{page}/decision"),
            &[("decision", "accept"), ("rationale", "No version")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

async fn the_proposal_page_says_where_it_was_used(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let (public, reference) = propose(
        &r.author,
        "Decent work",
        "States commit to decent work.",
        "1",
    )
    .await;
    decide(&r.rapporteur, &reference, "1", "accept", "Clear.", "").await;
    let (_, page) = r.app.new_browser().get_text(&public).await;
    assert!(page.contains("No published document cites this proposal yet."));

    // The group page offers the report to its rapporteur only.
    let (_, group) = r.author.get_text("/p/gcm/groups/1").await;
    let compile = "action=\"/p/gcm/groups/1/report\"";
    assert!(!group.contains(compile), "no report to compile");
    assert!(!group.contains(&format!("href=\"{QUEUE}\"")), "no queue");
    let (_, group) = r.rapporteur.get_text("/p/gcm/groups/1").await;
    assert!(group.contains(compile), "the report to compile");
    assert!(group.contains(&format!("href=\"{QUEUE}\"")));
    let response = r
        .rapporteur
        .submit("/p/gcm/groups/1", "/p/gcm/groups/1/report", &[("", "")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        "/p/gcm/documents/group-1-report?view=working"
    );
    let (_, group) = r.rapporteur.get_text("/p/gcm/groups/1").await;
    assert!(group.contains("href=\"/p/gcm/documents/group-1-report?view=working\""));
    assert!(!group.contains(compile), "compiled already");
    let (_, group) = r.author.get_text("/p/gcm/groups/1").await;
    assert!(
        !group.contains("group-1-report"),
        "unpublished: not for the public"
    );

    let response = r
        .rapporteur
        .submit(
            "/p/gcm/documents/group-1-report?view=working",
            "/p/gcm/documents/group-1-report/publish",
            &[("label", "First draft")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, group) = r.author.get_text("/p/gcm/groups/1").await;
    assert!(group.contains("href=\"/p/gcm/documents/group-1-report\""));

    let (_, page) = r.app.new_browser().get_text(&public).await;
    let start = page.find("id=\"uses-heading\"").expect("the section");
    let section = &page[start..];
    assert!(
        section.contains("Report of action group 1")
            && section.contains(", First draft, paragraph "),
        "{}",
        &section[..section.len().min(800)]
    );
    assert!(section.contains("href=\"/p/gcm/documents/group-1-report/revisions/first-draft#n-"));
}
