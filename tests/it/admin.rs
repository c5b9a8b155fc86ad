//! Administration: processes, accreditation, roles, and the audit log.

use reqwest::StatusCode;

use crate::helpers::{Backend, location, process_form, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    an_administrator_creates_a_process,
    a_refused_process_form_keeps_what_was_typed,
    editing_a_process_keeps_its_groups,
    accreditation_is_requested_and_granted,
    roles_are_assigned_within_the_process_only,
    the_audit_log_is_append_only,
);

async fn an_administrator_creates_a_process(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    let response = admin
        .submit(
            "/admin/processes/new",
            "/admin/processes",
            &process_form(
                "refugees",
                "Global Compact on Refugees",
                "Burden- and responsibility-sharing\nReception and admission\nMeeting needs",
            ),
        )
        .await;
    if response.status() != StatusCode::SEE_OTHER {
        let body = response.text().await.unwrap_or_default();
        let start = body.find("error-summary").unwrap_or(0);
        panic!("{}", &body[start..(start + 1500).min(body.len())]);
    }
    assert_eq!(
        location(&response),
        "/admin/processes/refugees?notice=saved"
    );

    let visitor = app.new_browser();
    let (status, page) = visitor.get_text("/p/refugees").await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "Global Compact on Refugees",
        "Consultation",
        "Stocktaking",
        "Negotiation",
        "Adoption",
        "Group 3",
        "Meeting needs",
        "Human rights of all migrants",
        "Migrant-centred",
        "Europe/Zurich",
        // 09:00 in Geneva is stored as UTC and shown back in Geneva time.
        "2017-04-01 09:00",
    ] {
        assert!(
            page.contains(expected),
            "the process page shows {expected:?}"
        );
    }
    let (_, home) = visitor.get_text("/").await;
    assert!(home.contains("/p/refugees"));

    let stored: chrono::NaiveDateTime = with_db(&app, |conn| {
        use concord::db::schema::phases::dsl::*;
        use diesel::prelude::*;
        phases
            .filter(kind.eq("consultation"))
            .select(opens_at)
            .first(conn)
            .expect("a phase")
    })
    .await;
    assert_eq!(stored.to_string(), "2017-04-01 07:00:00", "stored in UTC");

    // A second process cannot take the same short name.
    let again = app.create_process(&admin, "refugees").await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        again
            .text()
            .await
            .expect("body")
            .contains("Another process uses this short name")
    );
}

async fn a_refused_process_form_keeps_what_was_typed(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    let mut form = process_form("Bad Slug!", "Compact on Typing", "Only group");
    for (name, value) in form.iter_mut() {
        match name.as_str() {
            "time_zone" => *value = "Mars/Olympus_Mons".into(),
            "stocktaking_closes" => *value = "2017-12-01T09:00".into(),
            "negotiation_opens" => *value = "not a date".into(),
            _ => {}
        }
    }
    let response = admin
        .submit("/admin/processes/new", "/admin/processes", &form)
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(
        page.contains("value=\"Compact on Typing\""),
        "the title is kept"
    );
    assert!(
        page.contains("value=\"Bad Slug!\""),
        "the wrong slug is kept to be corrected"
    );
    assert!(page.contains("value=\"Mars/Olympus_Mons\""));
    assert!(page.contains(">Only group</textarea>"));
    for field in [
        "slug",
        "time_zone",
        "stocktaking_closes",
        "negotiation_opens",
    ] {
        assert!(
            page.contains(&format!("id=\"{field}-error\"")),
            "{field} has its message"
        );
    }
    assert!(
        page.contains("href=\"#time_zone\""),
        "the summary links to the field"
    );
    assert!(app.new_browser().get("/p/bad-slug").await.status() == StatusCode::NOT_FOUND);
}

async fn editing_a_process_keeps_its_groups(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "edit-me").await;
    // The edit form shows what is stored, in the process's time zone.
    let (status, page) = admin.get_text("/admin/processes/edit-me/edit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("value=\"2017-04-01T09:00\""));

    // Renaming and adding a group keeps the ids of the others.
    let before: Vec<(i64, i32)> = group_ids(&app).await;
    let response = admin
        .submit(
            "/admin/processes/edit-me/edit",
            "/admin/processes/edit-me/edit",
            &process_form(
                "edit-me",
                "Compact on Testing, revised",
                "1 First group\n2 Second, renamed\n3 Third",
            ),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let after = group_ids(&app).await;
    assert_eq!(&after[..2], &before[..]);
    assert_eq!(after.len(), 3);

    // Removing a group is refused, with the form kept.
    let response = admin
        .submit(
            "/admin/processes/edit-me/edit",
            "/admin/processes/edit-me/edit",
            &process_form("edit-me", "Compact on Testing", "Only one"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("cannot be removed")
    );
    assert_eq!(group_ids(&app).await.len(), 3);
}

async fn group_ids(app: &crate::helpers::TestApp) -> Vec<(i64, i32)> {
    with_db(app, |conn| {
        use concord::db::schema::action_groups::dsl::*;
        use diesel::prelude::*;
        action_groups
            .order(number)
            .select((id, number))
            .load(conn)
            .expect("groups")
    })
    .await
}

async fn accreditation_is_requested_and_granted(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    let mut form = process_form("careful", "Compact With Review", "One\nTwo");
    form.retain(|(name, _)| name != "accredit_on_registration");
    admin
        .submit("/admin/processes/new", "/admin/processes", &form)
        .await;

    let applicant = app
        .participant(
            "applicant@example.org",
            "Awa Applicant",
            "Diaspora Network",
            "diaspora-migrant-organisation",
        )
        .await;
    let (_, page) = applicant.get_text("/p/careful").await;
    assert!(page.contains("Ask to be accredited"));
    let response = applicant
        .submit("/p/careful", "/p/careful/accreditation", &[("", "")])
        .await;
    assert_eq!(
        location(&response),
        "/p/careful?notice=accreditation-requested"
    );
    let (_, page) = applicant.get_text("/p/careful").await;
    assert!(page.contains("waiting for the secretariat"));

    let (_, admin_page) = admin.get_text("/admin/processes/careful").await;
    assert!(admin_page.contains("Awa Applicant"));
    let marker = "/admin/processes/careful/accreditations/";
    let start = admin_page.find(marker).expect("a waiting request") + marker.len();
    let account: String = admin_page[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let response = admin
        .submit(
            "/admin/processes/careful",
            &format!("/admin/processes/careful/accreditations/{account}"),
            &[("decision", "accredit")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = applicant.get_text("/p/careful").await;
    assert!(page.contains("You are accredited as a stakeholder"));

    // Deciding again on a closed request is a 404, not a second role.
    let response = admin
        .submit(
            "/admin/processes/careful",
            &format!("/admin/processes/careful/accreditations/{account}"),
            &[("decision", "accredit")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // A process that accredits on request does it at once.
    app.create_process(&admin, "open").await;
    let response = applicant
        .submit("/p/open", "/p/open/accreditation", &[("", "")])
        .await;
    assert_eq!(location(&response), "/p/open?notice=accredited");

    let (_, audit) = admin.get_text("/admin/processes/careful/audit").await;
    for action in [
        "process.create",
        "accreditation.request",
        "accreditation.grant",
    ] {
        assert!(audit.contains(action), "the audit log has {action}");
    }
}

async fn roles_are_assigned_within_the_process_only(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "alpha").await;
    app.participant("rap@example.org", "Rania Rapporteur", "IOM", "un-system")
        .await;
    let assign = |email: &'static str, role: &'static str, group: &'static str| {
        let admin = &admin;
        async move {
            admin
                .submit(
                    "/admin/processes/alpha",
                    "/admin/processes/alpha/roles",
                    &[("email", email), ("role", role), ("group", group)],
                )
                .await
        }
    };

    // A rapporteur needs a group of this process; a chair needs none.
    let response = assign("rap@example.org", "rapporteur", "").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(page.contains("id=\"group-error\""));
    assert!(
        page.contains("value=\"rap@example.org\""),
        "the form is kept"
    );
    let response = assign("rap@example.org", "rapporteur", "7").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("no action group with this number")
    );
    let response = assign("rap@example.org", "chair", "1").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = assign("nobody@example.org", "chair", "").await;
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("No account has this email address")
    );
    let response = assign("rap@example.org", "overlord", "").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(
        assign("rap@example.org", "rapporteur", "2").await.status(),
        StatusCode::SEE_OTHER
    );
    let response = assign("rap@example.org", "rapporteur", "2").await;
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("holds this role already")
    );
    let (_, page) = app.new_browser().get_text("/p/alpha").await;
    assert!(page.contains("Rapporteur: <bdi>Rania Rapporteur</bdi>"));

    // Removing it: the id of another process's assignment is refused.
    let (_, admin_page) = admin.get_text("/admin/processes/alpha").await;
    let marker = "/admin/processes/alpha/roles/";
    let start = admin_page.find(marker).expect("an assignment") + marker.len();
    let id: String = admin_page[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    app.create_process(&admin, "beta").await;
    let forged = admin
        .submit(
            "/",
            &format!("/admin/processes/beta/roles/{id}/remove"),
            &[("", "")],
        )
        .await;
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);
    let removed = admin
        .submit(
            "/",
            &format!("/admin/processes/alpha/roles/{id}/remove"),
            &[("", "")],
        )
        .await;
    assert_eq!(removed.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.new_browser().get_text("/p/alpha").await;
    assert!(!page.contains("Rania Rapporteur"));
    let (_, audit) = admin.get_text("/admin/processes/alpha/audit").await;
    assert!(audit.contains("role.assign") && audit.contains("role.remove"));
}

async fn the_audit_log_is_append_only(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "audited").await;
    let (update, delete) = with_db(&app, |conn| {
        use concord::db::schema::audit_log::dsl::*;
        use diesel::prelude::*;
        let update = diesel::update(audit_log)
            .set(action.eq("forged"))
            .execute(conn);
        let delete = diesel::delete(audit_log).execute(conn);
        (update.is_err(), delete.is_err())
    })
    .await;
    assert!(update, "the database refuses to change an entry");
    assert!(delete, "the database refuses to remove an entry");
}
