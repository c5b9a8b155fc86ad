//! A process's outline (its groups, themes, staff, stakeholder count and documents) is kept in
//! memory under the stamp the database renews: every change shows on the next page, whoever
//! wrote it, and the process page names the staff while it counts the stakeholders.

use reqwest::StatusCode;

use crate::helpers::{Backend, process_form, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    the_process_page_names_the_staff_and_counts_the_stakeholders,
    a_change_to_the_outline_shows_on_the_next_page,
    a_change_written_outside_the_application_shows_too,
);

async fn the_process_page_names_the_staff_and_counts_the_stakeholders(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _author) = app.process_and_author().await;
    for (email, name) in [
        ("second@example.org", "Bruno Second"),
        ("third@example.org", "Chen Third"),
    ] {
        app.accredited("gcm", email, name, "Some Forum", "civil-society")
            .await;
    }
    app.participant(
        "rapporteur@example.org",
        "Rita Rapporteur",
        "UNHCR",
        "un-system",
    )
    .await;
    app.assign_role(&admin, "gcm", "rapporteur@example.org", "rapporteur", "1")
        .await;

    let (status, page) = app.new_browser().get_text("/p/gcm").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Rita Rapporteur"), "staff are named");
    assert!(page.contains("3 stakeholders are accredited"), "{page}");
    for stakeholder in ["Amal Author", "Bruno Second", "Chen Third"] {
        assert!(!page.contains(stakeholder), "{stakeholder} is not listed");
    }

    // One more accreditation counts at once.
    app.accredited(
        "gcm",
        "fourth@example.org",
        "Dana Fourth",
        "Forum",
        "academia",
    )
    .await;
    let (_, page) = app.new_browser().get_text("/p/gcm").await;
    assert!(page.contains("4 stakeholders are accredited"));
}

async fn a_change_to_the_outline_shows_on_the_next_page(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "gcm").await;
    let visitor = app.new_browser();
    // Read once, so that the outline is kept.
    for path in ["/p/gcm", "/p/gcm/contributions", "/p/gcm/groups/2"] {
        let (status, page) = visitor.get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(page.contains("Second group"), "{path}");
    }

    let response = admin
        .submit(
            "/admin/processes/gcm/edit",
            "/admin/processes/gcm/edit",
            &process_form(
                "gcm",
                "Compact on Testing",
                "1 First group\n2 Second, renamed\n3 Third",
            ),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    for path in ["/p/gcm", "/p/gcm/contributions", "/p/gcm/groups/2"] {
        let (_, page) = visitor.get_text(path).await;
        assert!(
            page.contains("Second, renamed"),
            "{path} shows the new name"
        );
        assert!(!page.contains("Second group"), "{path} forgot the old one");
    }
    let (status, page) = visitor.get_text("/p/gcm/groups/3").await;
    assert_eq!(status, StatusCode::OK, "the new group has its page at once");
    assert!(page.contains("Third"));

    // A role given shows at once; and so does the new name of the person holding it.
    app.participant("mod@example.org", "Mo Moderator", "OHCHR", "un-system")
        .await;
    app.assign_role(&admin, "gcm", "mod@example.org", "moderator", "3")
        .await;
    let (_, page) = visitor.get_text("/p/gcm/groups/3").await;
    assert!(page.contains("Mo Moderator"));
    with_db(&app, |conn| {
        use concord::db::schema::accounts::dsl::*;
        use diesel::prelude::*;
        diesel::update(accounts.filter(email.eq("mod@example.org")))
            .set(display_name.eq("Mona Moderator"))
            .execute(conn)
            .expect("renamed");
    })
    .await;
    let (_, page) = visitor.get_text("/p/gcm").await;
    assert!(page.contains("Mona Moderator"));
    assert!(!page.contains("Mo Moderator"));
}

/// Another instance, a script or an operator's SQL: the database renews the stamp itself.
async fn a_change_written_outside_the_application_shows_too(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "gcm").await;
    let visitor = app.new_browser();
    let (_, page) = visitor.get_text("/p/gcm/contributions").await;
    assert!(page.contains("First group"));

    let stamps = with_db(&app, |conn| {
        use concord::db::schema::{action_groups, processes};
        use diesel::prelude::*;
        let before: i64 = processes::table
            .select(processes::stamp)
            .first(conn)
            .expect("stamp");
        diesel::update(action_groups::table.filter(action_groups::number.eq(1)))
            .set(action_groups::name.eq("First, as the operator wrote it"))
            .execute(conn)
            .expect("renamed");
        let after: i64 = processes::table
            .select(processes::stamp)
            .first(conn)
            .expect("stamp");
        (before, after)
    })
    .await;
    assert_ne!(stamps.0, 0, "a process is stamped when it is created");
    assert_ne!(stamps.0, stamps.1, "a change renews the stamp");

    let (_, page) = visitor.get_text("/p/gcm/contributions").await;
    assert!(page.contains("First, as the operator wrote it"));
    let (_, page) = visitor.get_text("/p/gcm").await;
    assert!(page.contains("First, as the operator wrote it"));
}
