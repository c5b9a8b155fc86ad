//! Forged decisions: whoever sends the form, whatever proposal or target it names, nothing
//! is decided that the sender may not decide.

use reqwest::StatusCode;

use super::{QUEUE, accredited, decision_count, propose, review_page, setup, status_of, with_role};
use crate::helpers::{Backend, Browser, location, process_form};
use crate::on_both_backends;

on_both_backends!(
    only_the_groups_rapporteurs_and_the_secretariat_decide,
    forged_proposals_and_targets_are_refused,
);

/// Sends a decision form with a valid CSRF token from a page the sender can open.
async fn forge(browser: &Browser, action: &str, target: &str) -> reqwest::Response {
    browser
        .submit(
            "/p/gcm",
            action,
            &[
                ("version", "1"),
                (
                    "decision",
                    if target.is_empty() { "accept" } else { "merge" },
                ),
                ("rationale", "Forged, kept after the refusal"),
                ("target", target),
            ],
        )
        .await
}

async fn only_the_groups_rapporteurs_and_the_secretariat_decide(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let (_, reference) = propose(&r.author, "Guarded proposal", "Commit.", "1").await;
    let action = format!("{}/decision", review_page("1", &reference));
    let other_rapporteur = with_role(
        &r.app,
        &r.admin,
        "rapporteur2@example.org",
        "Rafael Second",
        "rapporteur",
        "2",
    )
    .await;
    let moderator = with_role(
        &r.app,
        &r.admin,
        "moderator@example.org",
        "Mariam Moderator",
        "moderator",
        "1",
    )
    .await;
    let stakeholder = accredited(
        &r.app,
        "stakeholder@example.org",
        "Sam Stakeholder",
        "Another NGO",
        "civil-society",
    )
    .await;

    for (who, browser) in [
        ("rapporteur of group 2", &other_rapporteur),
        ("moderator of group 1", &moderator),
        ("stakeholder", &stakeholder),
        ("author", &r.author),
    ] {
        let response = forge(browser, &action, "").await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{who}");
    }
    // Someone signed out gets their rationale back, to sign in with (`web::keep`).
    let anonymous = r.app.new_browser();
    let response = forge(&anonymous, &action, "").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let kept = response.text().await.expect("body");
    assert!(
        kept.contains("data-kept=\"signed-out\""),
        "anonymous: sign in"
    );

    // Who may read the queue: the group's rapporteurs and moderators, and no one else.
    for (who, browser, expected) in [
        (
            "rapporteur of group 2",
            &other_rapporteur,
            StatusCode::FORBIDDEN,
        ),
        ("stakeholder", &stakeholder, StatusCode::FORBIDDEN),
        ("author", &r.author, StatusCode::FORBIDDEN),
        ("moderator of group 1", &moderator, StatusCode::OK),
        ("rapporteur of group 1", &r.rapporteur, StatusCode::OK),
    ] {
        assert_eq!(browser.get(QUEUE).await.status(), expected, "{who}");
    }
    assert_eq!(anonymous.get(QUEUE).await.status(), StatusCode::SEE_OTHER);
    // The moderator reads, but is offered no decision.
    let (_, page) = moderator.get_text(&review_page("1", &reference)).await;
    assert!(!page.contains("Record decision"));
    assert_eq!(decision_count(&r.app).await, 0);
    assert_eq!(status_of(&r.app, "Guarded proposal").await, "submitted");

    // The secretariat decides for any group, as the secretariat.
    let secretariat = with_role(
        &r.app,
        &r.admin,
        "secretariat@example.org",
        "Sofia Secretariat",
        "secretariat",
        "",
    )
    .await;
    let response = secretariat
        .submit(
            &review_page("1", &reference),
            &action,
            &[
                ("version", "1"),
                ("decision", "reject"),
                ("rationale", "Outside the scope of the compact."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = r
        .app
        .new_browser()
        .get_text(&format!("/p/gcm/proposals/{}", reference.replace('/', "-")))
        .await;
    assert!(page.contains("by the secretariat"));
}

async fn forged_proposals_and_targets_are_refused(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let (_, first) = propose(&r.author, "First group proposal", "Commit.", "1").await;
    let (_, second) = propose(&r.author, "Second group proposal", "Commit.", "2").await;
    // Another process, with another prefix and its own proposal.
    let mut form = process_form("other", "Compact on Others", "1 Only group");
    form.retain(|(k, _)| k != "reference_prefix");
    form.push(("reference_prefix".into(), "OTH".into()));
    let response = r
        .admin
        .submit("/admin/processes/new", "/admin/processes", &form)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    r.author
        .submit("/p/other", "/p/other/accreditation", &[("", "")])
        .await;
    let page = "/p/other/proposals/new";
    let mut other_form = super::fields("Proposal of another process", "Commit.", "1");
    other_form.retain(|(k, _)| k != "group");
    other_form.push(("group".into(), "1".into()));
    let response = r.author.submit(page, page, &other_form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/p/other/proposals/OTH-CP-0001"));

    // A proposal of group 2 named under group 1, or one of another process: not here.
    for action in [
        format!("{}/decision", review_page("1", &second)),
        "/p/gcm/groups/1/review/OTH-CP-0001/decision".to_string(),
        "/p/gcm/groups/9/review/TST-CP-0001/decision".to_string(),
        "/p/gcm/groups/1/review/not-a-reference/decision".to_string(),
    ] {
        let response = forge(&r.rapporteur, &action, "").await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{action}");
    }
    assert_eq!(
        r.rapporteur.get(&review_page("1", &second)).await.status(),
        StatusCode::NOT_FOUND
    );
    // In the other process the rapporteur of group 1 of this one is nobody.
    let response = forge(
        &r.rapporteur,
        "/p/other/groups/1/review/OTH-CP-0001/decision",
        "",
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // A merge into a proposal of another group or another process: refused, form kept.
    let action = format!("{}/decision", review_page("1", &first));
    for (target, message) in [
        (second.as_str(), "belongs to another action group"),
        ("OTH/CP/0001", "No submitted proposal of this process"),
    ] {
        let response = forge(&r.rapporteur, &action, target).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{target}"
        );
        let page = response.text().await.unwrap();
        assert!(page.contains(message), "{target}: {message}");
        assert!(page.contains("Forged, kept after the refusal"), "form kept");
        assert!(page.contains(&format!("value=\"{target}\"")), "target kept");
    }
    assert_eq!(decision_count(&r.app).await, 0);
    for title in [
        "First group proposal",
        "Second group proposal",
        "Proposal of another process",
    ] {
        assert_eq!(status_of(&r.app, title).await, "submitted", "{title}");
    }
}
