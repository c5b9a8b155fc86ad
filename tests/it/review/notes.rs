//! Internal notes and replies: for the group's rapporteurs and moderators and the
//! secretariat only, never on public pages, always in the audit log.

use reqwest::StatusCode;

use super::{accredited, audit_page, propose, review_page, setup, with_role};
use crate::helpers::{Backend, location};
use crate::on_both_backends;

on_both_backends!(internal_notes_are_for_the_groups_reviewers_only);

async fn internal_notes_are_for_the_groups_reviewers_only(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let (public, reference) = propose(&r.author, "Noted proposal", "Commit.", "1").await;
    let (_, other_reference) = propose(&r.author, "Another proposal", "Commit.", "1").await;
    let page = review_page("1", &reference);
    let notes = format!("{page}/notes");
    let moderator = with_role(
        &r.app,
        &r.admin,
        "moderator@example.org",
        "Mariam Moderator",
        "moderator",
        "1",
    )
    .await;
    let secretariat = with_role(
        &r.app,
        &r.admin,
        "secretariat@example.org",
        "Sofia Secretariat",
        "secretariat",
        "",
    )
    .await;

    let response = r
        .rapporteur
        .submit(
            &page,
            &notes,
            &[("body", "Close to TST/CP/0002?"), ("parent", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).contains("notice=note-added#note-"));
    let (_, text) = r.rapporteur.get_text(&page).await;
    let marker = "id=\"reply-";
    let start = text.find(marker).expect("a reply form") + marker.len();
    let note_id: String = text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();

    let response = moderator
        .submit(
            &page,
            &notes,
            &[
                ("body", "Yes, same measures."),
                ("parent", note_id.as_str()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, text) = secretariat.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text.contains("Close to TST/CP/0002?"));
    assert!(text.contains("Yes, same measures."));
    assert!(
        text.contains("class=\"note reply\""),
        "the reply is under its note"
    );
    assert!(text.contains("Mariam Moderator"));
    let response = secretariat
        .submit(&page, &notes, &[("body", "Agreed."), ("parent", "")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // An empty note comes back with its error; a reply to another proposal's note is no reply.
    let response = r
        .rapporteur
        .submit(&page, &notes, &[("body", "   "), ("parent", "")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("id=\"note-error\""));
    let other_notes = format!("{}/notes", review_page("1", &other_reference));
    let response = r
        .rapporteur
        .submit(
            &page,
            &other_notes,
            &[("body", "Misplaced reply"), ("parent", note_id.as_str())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // Nobody else reads or writes them, not even a rapporteur of another group.
    let other_rapporteur = with_role(
        &r.app,
        &r.admin,
        "rapporteur2@example.org",
        "Rafael Second",
        "rapporteur",
        "2",
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
        ("stakeholder", &stakeholder),
        ("author", &r.author),
    ] {
        assert_eq!(
            browser.get(&page).await.status(),
            StatusCode::FORBIDDEN,
            "{who}"
        );
        let response = browser
            .submit("/p/gcm", &notes, &[("body", "Forged note"), ("parent", "")])
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{who}");
    }
    // Someone signed out gets their note back, to sign in with (`web::keep`).
    let anonymous = r.app.new_browser();
    let response = anonymous
        .submit("/p/gcm", &notes, &[("body", "Forged note"), ("parent", "")])
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let kept = response.text().await.expect("body");
    assert!(kept.contains("data-kept=\"signed-out\""));
    assert!(kept.contains("Forged note"));
    // Under group 2's address the proposal is not found, even by its reviewers.
    assert_eq!(
        other_rapporteur
            .get(&review_page("2", &reference))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    let (_, text) = r.app.new_browser().get_text(&public).await;
    assert!(!text.contains("Close to TST/CP/0002?"), "never public");
    let (_, text) = r.rapporteur.get_text(&page).await;
    assert!(!text.contains("Forged note"));
    let audit = audit_page(&r.admin).await;
    assert!(audit.contains("review.note.reply"));
    assert!(audit.contains("review.note"));
    assert!(
        !audit.contains("same measures"),
        "the audit log keeps no note text"
    );
}
