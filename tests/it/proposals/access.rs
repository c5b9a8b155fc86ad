//! Who may do what: forged requests, withdrawal, and co-sponsorship by invitation.

use reqwest::StatusCode;

use super::{accredited, audit_actions, fields, proposal_id, set, setup, submitted};
use crate::helpers::{Backend, location, process_form, with_db};
use crate::on_both_backends;

on_both_backends!(
    forged_requests_are_refused,
    organisations_co_sponsor_when_invited,
);

async fn forged_requests_are_refused(backend: Backend) {
    let Some((app, admin, author)) = setup(backend).await else {
        return;
    };
    let public = submitted(&author, &fields("Guarded proposal")).await;
    let id = proposal_id(&app, "Guarded proposal").await;
    let edit = format!("/p/gcm/proposals/drafts/{id}");

    // A participant who is not accredited cannot open the form or send it.
    let outsider = app
        .participant(
            "outsider@example.org",
            "Otto Outsider",
            "Unaccredited Org",
            "private-sector",
        )
        .await;
    assert_eq!(
        outsider.get("/p/gcm/proposals/new").await.status(),
        StatusCode::FORBIDDEN
    );
    let response = outsider
        .submit("/p/gcm", "/p/gcm/proposals/new", &fields("Not allowed"))
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // Nor can someone signed out.
    let anonymous = app.new_browser();
    assert_eq!(
        anonymous.get("/p/gcm/proposals/new").await.status(),
        StatusCode::SEE_OTHER
    );
    // Their text comes back to sign in with (`web::keep`); nothing is saved.
    let response = anonymous
        .submit("/p/gcm", "/p/gcm/proposals/new", &fields("Not allowed"))
        .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let page = response.text().await.expect("body");
    assert!(page.contains("data-kept=\"signed-out\""));
    let saved: i64 = with_db(&app, |conn| {
        use concord::db::schema::proposals::dsl::*;
        use diesel::prelude::*;
        proposals
            .filter(title.eq("Not allowed"))
            .count()
            .get_result(conn)
            .expect("a count")
    })
    .await;
    assert_eq!(saved, 0);

    // Another accredited stakeholder cannot change, withdraw or invite for it.
    let other = accredited(
        &app,
        "other@example.org",
        "Omar Other",
        "Another NGO",
        "civil-society",
    )
    .await;
    assert_eq!(other.get(&edit).await.status(), StatusCode::FORBIDDEN);
    let mut changed = fields("Guarded proposal");
    set(&mut changed, "base_version", "1");
    let response = other.submit("/p/gcm", &edit, &changed).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = other
        .submit("/p/gcm", &format!("{public}/withdraw"), &[("", "")])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = other
        .submit(
            "/p/gcm",
            &format!("{public}/invitations"),
            &[("organisation", "Another NGO")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // Nor accept an invitation that was never sent to its organisation.
    let response = other
        .submit(
            "/p/gcm",
            &format!("{public}/invitations/answer"),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = other
        .submit(
            "/p/gcm",
            &format!("{public}/invitations/answer"),
            &[("decision", "take-over")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // Unknown, malformed, and other processes' references do not exist.
    let mut elsewhere = process_form("elsewhere", "Elsewhere Compact", "One\nTwo");
    set(&mut elsewhere, "reference_prefix", "ELS");
    admin
        .submit("/admin/processes/new", "/admin/processes", &elsewhere)
        .await;
    for missing in [
        "/p/gcm/proposals/TST-CP-0099",
        "/p/gcm/proposals/TST-CP",
        "/p/gcm/proposals/..%2F..%2Fetc",
        "/p/elsewhere/proposals/TST-CP-0001",
        "/p/gcm/proposals/drafts/99999",
        "/p/gcm/proposals/drafts/abc",
    ] {
        assert_eq!(
            author.get(missing).await.status(),
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
    let response = author
        .submit(
            "/p/gcm",
            &format!("/p/elsewhere/proposals/drafts/{id}"),
            &fields("Moved"),
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::NOT_FOUND,
        "a proposal belongs to its own process"
    );

    // The author withdraws it: it stays readable, marked, and can no longer change.
    let response = author
        .submit(&public, &format!("{public}/withdraw"), &[("", "")])
        .await;
    assert_eq!(
        location(&response),
        format!("{public}?notice=proposal-withdrawn")
    );
    let (status, page) = anonymous.get_text(&public).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Withdrawn"));
    assert!(page.contains("Its author withdrew this proposal"));
    let response = author
        .submit(&public, &format!("{public}/withdraw"), &[("", "")])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "only once");
    assert_eq!(author.get(&edit).await.status(), StatusCode::FORBIDDEN);
    let (_, list) = anonymous
        .get_text("/p/gcm/proposals?status=withdrawn")
        .await;
    assert!(list.contains("Guarded proposal"));

    let audit = audit_actions(&admin).await;
    assert!(audit.contains("proposal.withdraw"));
}

async fn organisations_co_sponsor_when_invited(backend: Backend) {
    let Some((app, admin, author)) = setup(backend).await else {
        return;
    };
    let public = submitted(&author, &fields("Shared commitment")).await;
    let partner = accredited(
        &app,
        "partner@example.org",
        "Pia Partner",
        "Diaspora Network",
        "diaspora-migrant-organisation",
    )
    .await;
    let sceptic = accredited(
        &app,
        "sceptic@example.org",
        "Sam Sceptic",
        "Permanent Mission of Examplia",
        "member-state",
    )
    .await;
    let invite = |name: &'static str| {
        let author = &author;
        let public = public.clone();
        async move {
            author
                .submit(
                    &public,
                    &format!("{public}/invitations"),
                    &[("organisation", name)],
                )
                .await
        }
    };

    // The exact name, whatever its case and spacing.
    let response = invite("diaspora  network").await;
    assert_eq!(
        location(&response),
        format!("{public}?notice=proposal-invited#co-sponsors")
    );
    assert_eq!(
        invite("Permanent Mission of Examplia").await.status(),
        StatusCode::SEE_OTHER
    );
    for (name, message) in [
        ("Diaspora Network", "invited already"),
        (
            "Nobody Registered Here",
            "No organisation with this exact name",
        ),
        (
            "Migrant Rights Network",
            "already submitted on behalf of this organisation",
        ),
    ] {
        let response = invite(name).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}"
        );
        let page = response.text().await.expect("body");
        assert!(page.contains(message), "{message}");
        assert!(
            page.contains(&format!("value=\"{name}\"")),
            "the name is kept"
        );
    }

    let (_, page) = partner.get_text(&public).await;
    assert!(page.contains("Diaspora Network is invited to co-sponsor this proposal"));
    assert!(page.contains("Invited, not yet answered"));
    let response = partner
        .submit(
            &public,
            &format!("{public}/invitations/answer"),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(
        location(&response),
        format!("{public}?notice=proposal-co-sponsored#co-sponsors")
    );
    let response = sceptic
        .submit(
            &public,
            &format!("{public}/invitations/answer"),
            &[("decision", "decline")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // An answer is given once.
    let response = partner
        .submit(
            &public,
            &format!("{public}/invitations/answer"),
            &[("decision", "decline")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    let (_, page) = app.new_browser().get_text(&public).await;
    let sponsors = &page[page.find("id=\"co-sponsors\"").expect("the section")..];
    assert!(sponsors.contains("<bdi>Diaspora Network</bdi>"));
    assert!(
        !sponsors.contains("Examplia"),
        "a declined invitation is not listed"
    );
    assert!(!sponsors.contains("Invited, not yet answered"));

    let audit = audit_actions(&admin).await;
    for action in [
        "proposal.invite",
        "proposal.co-sponsor.accept",
        "proposal.co-sponsor.decline",
    ] {
        assert!(audit.contains(action), "{action}");
    }
}
