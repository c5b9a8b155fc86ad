//! Submitting, versions and their differences, drafts, and refused forms.

use reqwest::StatusCode;

use super::{
    accredited, audit_actions, fields, proposal_id, set, setup, submit_new, submitted, theme_id,
};
use crate::helpers::{Backend, location, process_form, with_db};
use crate::on_both_backends;

on_both_backends!(
    a_submitted_proposal_is_public_with_its_reference,
    every_edit_is_a_new_version_and_versions_compare,
    a_draft_is_private_to_its_author,
    a_refused_form_keeps_every_field,
    the_pages_speak_french_and_arabic,
);

async fn a_submitted_proposal_is_public_with_its_reference(backend: Backend) {
    let Some((app, admin, author)) = setup(backend).await else {
        return;
    };
    let diaspora = theme_id(&app, "Diaspora").await.to_string();
    let mut form = fields("Safe pathways for migrant workers");
    form.push(("theme".into(), diaspora));
    let response = submit_new(&author, &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        "/p/gcm/proposals/TST-CP-0001?notice=proposal-submitted"
    );
    let (_, page) = author.get_text(&location(&response)).await;
    assert!(page.contains("data-notice=\"notice-proposal-submitted\""));

    // Anyone reads it, without an account.
    let visitor = app.new_browser();
    let (status, page) = visitor.get_text("/p/gcm/proposals/TST-CP-0001").await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "Safe pathways for migrant workers",
        "TST/CP/0001",
        "Migrant Rights Network",
        "Civil society",
        "Group 1",
        "Diaspora",
        "<li>Conclude bilateral labour agreements</li>",
        "<li>Make social security portable</li>",
        "Means of implementation",
        "Training for labour inspectors",
        "8.8 and 10.7",
        "Version 1",
        "Submitted",
    ] {
        assert!(page.contains(expected), "the page shows {expected:?}");
    }
    let (_, list) = visitor.get_text("/p/gcm/proposals").await;
    assert!(list.contains("Safe pathways for migrant workers"));
    assert!(list.contains("/p/gcm/proposals/TST-CP-0001"));

    // Its group's page lists it with the group's people.
    let (status, group) = visitor.get_text("/p/gcm/groups/1").await;
    assert_eq!(status, StatusCode::OK);
    assert!(group.contains("Safe pathways for migrant workers"));
    assert!(
        group.contains("id=\"people-heading\""),
        "the group's people"
    );
    let (_, other_group) = visitor.get_text("/p/gcm/groups/2").await;
    assert!(!other_group.contains("Safe pathways"));
    for missing in [
        "/p/gcm/groups/9",
        "/p/gcm/groups/abc",
        "/p/nowhere/groups/1",
    ] {
        assert_eq!(visitor.get(missing).await.status(), StatusCode::NOT_FOUND);
    }

    // The version is stored with its hash, and shown with it.
    let hash: String = with_db(&app, |conn| {
        use concord::db::schema::proposal_versions::dsl::*;
        use diesel::prelude::*;
        proposal_versions
            .select(content_hash)
            .first(conn)
            .expect("a version")
    })
    .await;
    assert_eq!(hash.len(), 64);
    assert!(page.contains(&hash));

    assert!(audit_actions(&admin).await.contains("proposal.submit"));
}

async fn every_edit_is_a_new_version_and_versions_compare(backend: Backend) {
    let Some((app, admin, author)) = setup(backend).await else {
        return;
    };
    let public = submitted(&author, &fields("Portable pensions")).await;
    let id = proposal_id(&app, "Portable pensions").await;
    let edit = format!("/p/gcm/proposals/drafts/{id}");
    let (status, page) = author.get_text(&edit).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("id=\"version\"") && page.contains("TST/CP/0001"),
        "a new version of TST/CP/0001"
    );
    assert!(page.contains("States commit to open regular pathways"));

    let mut second = fields("Portable pensions");
    set(
        &mut second,
        "commitment",
        "States commit to open safe and regular pathways for all migrant workers.",
    );
    set(&mut second, "base_version", "1");
    let response = author.submit(&edit, &edit, &second).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        format!("{public}?notice=proposal-version-submitted")
    );

    let visitor = app.new_browser();
    let (_, page) = visitor.get_text(&public).await;
    assert!(page.contains("safe and regular pathways for all migrant workers"));
    assert!(page.contains("Version 2"));
    assert!(page.contains("?version=1"), "the history links version 1");
    let (_, old) = visitor.get_text(&format!("{public}?version=1")).await;
    assert!(old.contains("open regular pathways for migrant workers"));
    assert!(old.contains("not the current one"));
    assert_eq!(
        visitor.get(&format!("{public}?version=7")).await.status(),
        StatusCode::NOT_FOUND
    );

    // Word-level differences, marked for eyes and for screen readers.
    let (status, diff) = visitor
        .get_text(&format!("{public}/compare?from=1&to=2"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(diff.contains("<ins><span class=\"visually-hidden\">[added: </span>safe and "));
    assert!(diff.contains("all "));
    assert!(diff.contains("Commitment"));
    assert!(
        diff.contains("Unchanged:</span> Title, Actionable measures"),
        "the other fields are named unchanged"
    );
    let (_, reversed) = visitor
        .get_text(&format!("{public}/compare?from=2&to=1"))
        .await;
    assert!(reversed.contains("<del><span class=\"visually-hidden\">[removed: </span>safe and "));
    for bad in ["?from=1&to=9", "?from=x&to=2", "?from=0"] {
        assert_eq!(
            visitor
                .get(&format!("{public}/compare{bad}"))
                .await
                .status(),
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }

    // A form opened on version 1 cannot silently replace version 2.
    let mut stale = fields("Portable pensions");
    set(&mut stale, "commitment", "An older idea");
    set(&mut stale, "base_version", "1");
    let response = author.submit(&edit, &edit, &stale).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(page.contains("A newer version of this proposal was submitted"));
    assert!(page.contains("An older idea"), "the text is kept");

    // A draft of a new version changes nothing public.
    let mut draft = fields("Portable pensions");
    set(
        &mut draft,
        "commitment",
        "Work in progress on a third version",
    );
    set(&mut draft, "intent", "save");
    let response = author.submit(&edit, &edit, &draft).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = author.get_text(&edit).await;
    assert!(page.contains("Work in progress on a third version"));
    let (_, public_page) = visitor.get_text(&public).await;
    assert!(!public_page.contains("Work in progress"));
    assert!(public_page.contains("all migrant workers"));

    // Versions are immutable in the database itself.
    let refused = with_db(&app, |conn| {
        use concord::db::schema::proposal_versions::dsl::*;
        use diesel::prelude::*;
        diesel::update(proposal_versions)
            .set(commitment.eq("forged"))
            .execute(conn)
            .is_err()
    })
    .await;
    assert!(refused, "the database refuses to change a version");

    let audit = audit_actions(&admin).await;
    assert!(audit.contains("proposal.submit") && audit.contains("proposal.version"));
}

async fn a_draft_is_private_to_its_author(backend: Backend) {
    let Some((app, _admin, author)) = setup(backend).await else {
        return;
    };
    let mut form = fields("A private thought on remittances");
    set(&mut form, "intent", "save");
    set(&mut form, "commitment", "");
    let response = submit_new(&author, &form).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "an unfinished draft is saved"
    );
    let id = proposal_id(&app, "A private thought on remittances").await;
    let draft = format!("/p/gcm/proposals/drafts/{id}");
    assert_eq!(
        location(&response),
        format!("{draft}?notice=proposal-draft-saved")
    );
    let (status, page) = author.get_text(&location(&response)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("data-notice=\"notice-proposal-draft-saved\""));
    assert!(page.contains("value=\"A private thought on remittances\""));
    let (_, list) = author.get_text("/p/gcm/proposals").await;
    assert!(list.contains("id=\"drafts-heading\"") && list.contains(&draft));

    // Nobody else sees it, or learns that it exists.
    let other = accredited(
        &app,
        "other@example.org",
        "Omar Other",
        "Another NGO",
        "civil-society",
    )
    .await;
    assert_eq!(other.get(&draft).await.status(), StatusCode::NOT_FOUND);
    let mut forged = fields("Taken over");
    set(&mut forged, "intent", "save");
    let response = other.submit("/p/gcm", &draft, &forged).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let anonymous = app.new_browser();
    assert_eq!(anonymous.get(&draft).await.status(), StatusCode::SEE_OTHER);
    for page in [
        "/p/gcm/proposals",
        "/p/gcm/proposals?q=remittances",
        "/p/gcm/groups/1",
    ] {
        let (_, body) = anonymous.get_text(page).await;
        assert!(!body.contains("private thought"), "{page} hides the draft");
        let (_, body) = other.get_text(page).await;
        assert!(!body.contains("private thought"), "{page} hides the draft");
    }

    // Submitted from its page, it gets the first reference.
    let mut complete = fields("A private thought on remittances");
    set(&mut complete, "intent", "submit");
    set(&mut complete, "base_version", "0");
    let response = author.submit(&draft, &draft, &complete).await;
    assert_eq!(
        location(&response),
        "/p/gcm/proposals/TST-CP-0001?notice=proposal-submitted"
    );
    let (status, _) = anonymous.get_text("/p/gcm/proposals/TST-CP-0001").await;
    assert_eq!(status, StatusCode::OK);
}

async fn a_refused_form_keeps_every_field(backend: Backend) {
    let Some((app, admin, author)) = setup(backend).await else {
        return;
    };
    let mut form = fields("");
    set(&mut form, "commitment", "Nul\u{0}byte inside");
    set(&mut form, "financing", &"f".repeat(10_001));
    set(&mut form, "partnerships", "شراكات مع البلديات");
    set(&mut form, "indicators", &"移".repeat(10_000));
    let response = submit_new(&author, &form).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    for (field, message) in [
        ("commitment", "control characters"),
        ("financing", "This is too long"),
    ] {
        assert!(page.contains(&format!("id=\"{field}-error\"")), "{field}");
        assert!(
            page.contains(&format!("href=\"#{field}\"")),
            "{field} summary"
        );
        assert!(page.contains(message), "{message}");
    }
    assert!(
        !page.contains("id=\"indicators-error\""),
        "10,000 characters fit"
    );
    assert!(page.contains("شراكات مع البلديات</textarea>"));
    assert!(page.contains(&"f".repeat(10_001)));
    assert!(page.contains("Make social security portable"));
    assert!(
        page.contains("<option value=\"1\" selected>"),
        "the group stays chosen"
    );

    // Fixed, but without the required title: the rest is kept, the title asked for.
    set(&mut form, "commitment", "Fixed");
    set(&mut form, "financing", "Fixed too");
    let response = submit_new(&author, &form).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(page.contains("id=\"title-error\""));
    assert!(page.contains("Fixed too</textarea>"));

    // A group or theme that is not this process's own.
    let mut other = process_form(
        "other",
        "Another Compact",
        "Alpha group\nBeta group\nGamma group",
    );
    set(&mut other, "reference_prefix", "OTH");
    admin
        .submit("/admin/processes/new", "/admin/processes", &other)
        .await;
    let foreign_theme: i64 = with_db(&app, |conn| {
        use concord::db::schema::{processes, themes};
        use diesel::prelude::*;
        themes::table
            .inner_join(processes::table)
            .filter(processes::slug.eq("other"))
            .select(themes::id)
            .first(conn)
            .expect("a theme")
    })
    .await;
    for (group, theme, field) in [
        ("3", None, "group"),
        ("abc", None, "group"),
        ("", None, "group"),
        ("1", Some(foreign_theme.to_string()), "themes"),
        ("1", Some("x".to_string()), "themes"),
    ] {
        let mut forged = fields("Forged group or theme");
        set(&mut forged, "group", group);
        if let Some(theme) = theme {
            forged.push(("theme".into(), theme));
        }
        let response = submit_new(&author, &forged).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{group}"
        );
        let page = response.text().await.expect("body");
        assert!(page.contains(&format!("id=\"{field}-error\"")), "{field}");
        assert!(page.contains("value=\"Forged group or theme\""));
    }
    let stored: i64 = with_db(&app, |conn| {
        use concord::db::schema::proposals::dsl::*;
        use diesel::prelude::*;
        proposals.count().get_result(conn).expect("count")
    })
    .await;
    assert_eq!(stored, 0, "nothing refused was stored");
}

async fn the_pages_speak_french_and_arabic(backend: Backend) {
    let Some((app, _admin, author)) = setup(backend).await else {
        return;
    };
    let public = submitted(&author, &fields("Multilingual pathways")).await;
    let id = proposal_id(&app, "Multilingual pathways").await;
    let mut second = fields("Multilingual pathways");
    set(&mut second, "commitment", "A changed commitment");
    set(&mut second, "base_version", "1");
    let edit = format!("/p/gcm/proposals/drafts/{id}");
    author.submit(&edit, &edit, &second).await;
    for (lang, expected) in [
        ("fr", "Rechercher des propositions"),
        ("ar", "مقترحات الالتزامات"),
    ] {
        let response = author
            .submit("/", "/language", &[("lang", lang), ("next", "/")])
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        for page in [
            "/p/gcm/proposals".to_string(),
            "/p/gcm/proposals/new".to_string(),
            edit.clone(),
            public.clone(),
            format!("{public}/compare?from=1&to=2"),
            "/p/gcm/groups/1".to_string(),
        ] {
            let (status, body) = author.get_text(&page).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            assert!(
                body.contains(&format!("lang=\"{lang}\"")),
                "{page} in {lang}"
            );
            // A message missing from a language would show as its key.
            for key in [">proposal-", ">proposals-", " proposal-", "(proposal-"] {
                assert!(!body.contains(key), "{page} in {lang} shows a key: {key}");
            }
        }
        let (_, list) = author.get_text("/p/gcm/proposals").await;
        assert!(list.contains(expected), "{lang}");
    }
}
