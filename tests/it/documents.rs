//! Documents: editing the working copy, concurrent edits that merge or show both texts,
//! publishing immutable revisions, comparing them, and who may do what.

use reqwest::StatusCode;

use crate::helpers::{
    Backend, Browser, PASSWORD, TestApp, csrf_of, location, spawn_app, spawn_app_with, with_db,
};
use crate::on_both_backends;
use concord::domain::documents::{DocumentKind, Node, NodeKind};

on_both_backends!(
    drafters_edit_publish_and_compare,
    concurrent_edits_merge_or_keep_both_texts,
    published_revisions_never_change,
    working_copies_and_edits_are_for_the_role_only,
    paragraph_links_see_only_what_the_linker_may_read,
);

fn node(key: &str, kind: NodeKind, text: &str) -> Node {
    Node {
        key: key.into(),
        kind,
        text: text.into(),
        status: Default::default(),
        provenance: vec![],
    }
}

/// A process with a draft document, and a co-facilitator who edits it.
async fn setup(app: &TestApp) -> (Browser, Browser) {
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "gcm").await;
    let cofacilitator = app
        .participant(
            "cofac@example.org",
            "Carla Cofacilitator",
            "Permanent Mission of Mexico",
            "member-state",
        )
        .await;
    app.assign_role(&admin, "gcm", "cofac@example.org", "co-facilitator", "")
        .await;
    with_db(app, |conn| {
        use concord::store::documents::{NewDocument, create_document};
        use diesel::prelude::*;
        let process: i64 = {
            use concord::db::schema::processes::dsl::*;
            processes.select(id).first(conn).expect("a process")
        };
        let nodes = vec![
            node("h1", NodeKind::Heading, "Objectives"),
            node(
                "p1",
                NodeKind::Paragraph,
                "Collect and utilize accurate data. States commit to strengthen data.",
            ),
            node("m1", NodeKind::Measure, "Develop a strategy."),
            node("m2", NodeKind::Measure, "Improve comparability."),
            node("p2", NodeKind::Paragraph, "Minimize adverse drivers."),
            node("p3", NodeKind::Paragraph, "Provide accurate information."),
        ];
        create_document(
            conn,
            &NewDocument {
                process_id: process,
                slug: "draft",
                kind: DocumentKind::Draft,
                group_id: None,
                title: "Global Compact for Migration",
                symbol: "",
                language: "en",
            },
            &nodes,
            None,
        )
        .expect("a document");
    })
    .await;
    (admin, cofacilitator)
}

pub(crate) async fn edit(browser: &Browser, key: &str, text: &str) -> reqwest::Response {
    let form_path = format!("/p/gcm/documents/draft/nodes/{key}/edit");
    let (status, page) = browser.get_text(&form_path).await;
    assert_eq!(status, StatusCode::OK);
    let base = field_value(&page, "base");
    let version = field_value(&page, "version");
    browser
        .post_form(
            &format!("/p/gcm/documents/draft/nodes/{key}"),
            &[
                ("csrf_token", csrf_of(&page).as_str()),
                ("text", text),
                ("base", base.as_str()),
                ("version", version.as_str()),
            ],
        )
        .await
}

pub(crate) fn field_value(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("a field {name}"))
        + marker.len();
    let end = page[start..].find('"').expect("a closing quote") + start;
    page[start..end]
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

async fn publish(browser: &Browser, label: &str) -> reqwest::Response {
    browser
        .submit(
            "/p/gcm/documents/draft?view=working",
            "/p/gcm/documents/draft/publish",
            &[("label", label)],
        )
        .await
}

async fn drafters_edit_publish_and_compare(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, cofacilitator) = setup(&app).await;

    // Nothing is public before the first revision.
    assert_eq!(
        app.new_browser()
            .get("/p/gcm/documents/draft")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let (status, page) = cofacilitator.get_text("/p/gcm/documents/draft").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Working copy"));
    // Numbers are computed: 1, (a), (b), 2, 3.
    for margin in ["1.", "(a)", "(b)", "2.", "3."] {
        assert!(
            page.contains(&format!(
                "<span class=\"node-number\" dir=\"ltr\">{margin}</span>"
            )),
            "{margin}"
        );
    }

    assert_eq!(
        publish(&cofacilitator, "Zero draft").await.status(),
        StatusCode::SEE_OTHER
    );
    let (status, page) = app.new_browser().get_text("/p/gcm/documents/draft").await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the public reads the latest revision"
    );
    assert!(page.contains("Zero draft") && page.contains("Minimize adverse drivers."));
    assert!(
        !page.contains("Working copy</a>"),
        "and no link to the working copy"
    );

    // Edit, add, move and remove; then publish Rev.1.
    assert_eq!(
        edit(
            &cofacilitator,
            "p2",
            "Minimize the adverse drivers and structural factors."
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let response = cofacilitator
        .submit(
            "/p/gcm/documents/draft?view=working",
            "/p/gcm/documents/draft/nodes",
            &[
                ("after", "p1"),
                ("kind", "paragraph"),
                ("text", "Enhance availability of information."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    cofacilitator
        .submit(
            "/p/gcm/documents/draft?view=working",
            "/p/gcm/documents/draft/nodes/p3/move",
            &[("direction", "up")],
        )
        .await;
    cofacilitator
        .submit(
            "/p/gcm/documents/draft?view=working",
            "/p/gcm/documents/draft/nodes/m2/delete",
            &[("", "")],
        )
        .await;
    assert_eq!(
        publish(&cofacilitator, "Rev.1").await.status(),
        StatusCode::SEE_OTHER
    );
    // A taken or missing name: the working copy again, the name typed and why beside it.
    let again = publish(&cofacilitator, " Rev.1 ").await;
    assert_eq!(
        again.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "labels are unique"
    );
    let page = again.text().await.unwrap();
    assert!(page.contains("A revision of this document has this name already; choose another."));
    assert!(page.contains("value=\" Rev.1 \""), "the name typed is kept");
    assert!(page.contains("aria-invalid=\"true\""));
    let nameless = publish(&cofacilitator, " \u{7} ").await;
    assert_eq!(nameless.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        nameless
            .text()
            .await
            .unwrap()
            .contains("Give the revision a name, such as Rev.1.")
    );

    let visitor = app.new_browser();
    let (status, page) = visitor
        .get_text("/p/gcm/documents/draft/revisions/zero-draft")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Improve comparability."),
        "the zero draft is as it was"
    );
    let (status, page) = visitor
        .get_text("/p/gcm/documents/draft/compare?from=zero-draft&to=rev-1")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<ins><span class=\"visually-hidden\">[added: </span>the <span"),
        "word-level: {}",
        &page[page.find("compare-text").unwrap_or(0)..]
            [..600.min(page.len() - page.find("compare-text").unwrap_or(0))]
    );
    assert!(
        page.contains("1 changed")
            && page.contains("1 added")
            && page.contains("1 removed")
            && page.contains("1 moved")
    );
    // Concordance: paragraph 3 of the zero draft ("Provide…") moved up; numbers shift.
    assert!(
        page.contains("<td dir=\"ltr\">2</td><td dir=\"ltr\">4</td>"),
        "2 → 4"
    );
    assert!(page.contains("<td dir=\"ltr\">3</td><td dir=\"ltr\">3</td>"));
    assert!(page.contains("<td dir=\"ltr\">1 (b)</td><td dir=\"ltr\">(removed)</td>"));
    assert!(page.contains("<td dir=\"ltr\">(new)</td><td dir=\"ltr\">2</td>"));

    // The working copy is not for the public to compare against.
    assert_eq!(
        visitor
            .get("/p/gcm/documents/draft/compare?from=rev-1&to=working")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let (_, audit) = admin.get_text("/admin/processes/gcm/audit").await;
    for action in [
        "document.edit",
        "document.insert",
        "document.move",
        "document.delete",
        "document.publish",
    ] {
        assert!(audit.contains(action), "{action} is audited");
    }
}

async fn concurrent_edits_merge_or_keep_both_texts(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, first) = setup(&app).await;
    app.participant(
        "cofac2@example.org",
        "Chris Second",
        "Permanent Mission of Switzerland",
        "member-state",
    )
    .await;
    app.assign_role(&admin, "gcm", "cofac2@example.org", "co-facilitator", "")
        .await;
    let second = app.new_browser();
    second.login("cofac2@example.org", PASSWORD).await;

    // Both open paragraph 1 at the same version.
    let (_, page_one) = first.get_text("/p/gcm/documents/draft/nodes/p1/edit").await;
    let (_, page_two) = second
        .get_text("/p/gcm/documents/draft/nodes/p1/edit")
        .await;
    let send = |browser: &Browser, page: &str, text: &str| {
        let form = vec![
            ("csrf_token".to_string(), csrf_of(page)),
            ("text".to_string(), text.to_string()),
            ("base".to_string(), field_value(page, "base")),
            ("version".to_string(), field_value(page, "version")),
        ];
        let browser = browser.client.clone();
        let url = format!("{}/p/gcm/documents/draft/nodes/p1", app.address);
        async move {
            browser
                .post(url)
                .form(&form)
                .send()
                .await
                .expect("answered")
        }
    };
    // Different sentences: the later save merges.
    let saved = send(
        &first,
        &page_one,
        "Collect and utilize accurate and disaggregated data. States commit to strengthen data.",
    )
    .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let merged = send(
        &second,
        &page_two,
        "Collect and utilize accurate data. States commit to strengthen the global evidence base.",
    )
    .await;
    assert_eq!(merged.status(), StatusCode::SEE_OTHER);
    assert!(location(&merged).contains("notice=merged"));
    let text: String = with_db(&app, |conn| {
        use concord::db::schema::document_nodes::dsl::*;
        use diesel::prelude::*;
        document_nodes
            .filter(node_key.eq("p1"))
            .select(text)
            .first(conn)
            .expect("p1")
    })
    .await;
    assert_eq!(
        text,
        "Collect and utilize accurate and disaggregated data. States commit to strengthen the global evidence base."
    );

    // The same words: the later save shows both, and nothing is overwritten.
    let (_, page_one) = first.get_text("/p/gcm/documents/draft/nodes/p2/edit").await;
    let (_, page_two) = second
        .get_text("/p/gcm/documents/draft/nodes/p2/edit")
        .await;
    let send_p2 = |browser: &Browser, page: &str, text: &str| {
        let form = vec![
            ("csrf_token".to_string(), csrf_of(page)),
            ("text".to_string(), text.to_string()),
            ("base".to_string(), field_value(page, "base")),
            ("version".to_string(), field_value(page, "version")),
        ];
        let client = browser.client.clone();
        let url = format!("{}/p/gcm/documents/draft/nodes/p2", app.address);
        async move { client.post(url).form(&form).send().await.expect("answered") }
    };
    assert_eq!(
        send_p2(&first, &page_one, "Minimize structural drivers.")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let clash = send_p2(&second, &page_two, "Eliminate adverse drivers.").await;
    assert_eq!(clash.status(), StatusCode::CONFLICT);
    let page = clash.text().await.expect("body");
    assert!(
        page.contains("Minimize structural drivers."),
        "their text is shown"
    );
    assert!(
        page.contains(">Eliminate adverse drivers.</textarea>"),
        "mine is kept in the box"
    );
    let stored: String = with_db(&app, |conn| {
        use concord::db::schema::document_nodes::dsl::*;
        use diesel::prelude::*;
        document_nodes
            .filter(node_key.eq("p2"))
            .select(text)
            .first(conn)
            .expect("p2")
    })
    .await;
    assert_eq!(
        stored, "Minimize structural drivers.",
        "nothing was overwritten silently"
    );
    // Resolving: saving from the conflict page replaces it knowingly.
    let resolved = second
        .post_form(
            "/p/gcm/documents/draft/nodes/p2",
            &[
                ("csrf_token", csrf_of(&page).as_str()),
                ("text", "Minimize structural and adverse drivers."),
                ("base", field_value(&page, "base").as_str()),
                ("version", field_value(&page, "version").as_str()),
            ],
        )
        .await;
    assert_eq!(resolved.status(), StatusCode::SEE_OTHER);
}

async fn published_revisions_never_change(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, cofacilitator) = setup(&app).await;
    publish(&cofacilitator, "Zero draft").await;
    edit(&cofacilitator, "p1", "Changed after publishing.").await;
    let (_, page) = app
        .new_browser()
        .get_text("/p/gcm/documents/draft/revisions/zero-draft")
        .await;
    assert!(
        page.contains("Collect and utilize accurate data.")
            && !page.contains("Changed after publishing.")
    );
    let (update, delete) = with_db(&app, |conn| {
        use concord::db::schema::revisions::dsl::*;
        use diesel::prelude::*;
        let update = diesel::update(revisions)
            .set(label.eq("Forged"))
            .execute(conn);
        let delete = diesel::delete(revisions).execute(conn);
        (update.is_err(), delete.is_err())
    })
    .await;
    assert!(
        update && delete,
        "the database refuses to change or remove a revision"
    );
}

async fn working_copies_and_edits_are_for_the_role_only(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, cofacilitator) = setup(&app).await;
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
    let (_, page) = stakeholder.get_text("/p/gcm").await;
    let stakeholder_token = csrf_of(&page);
    // Before publication the document is not there for them at all.
    assert_eq!(
        stakeholder.get("/p/gcm/documents/draft").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        stakeholder
            .get("/p/gcm/documents/draft/nodes/p1/edit")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let forged = [
        (
            "/p/gcm/documents/draft/nodes/p1",
            vec![("text", "Forged"), ("base", ""), ("version", "1")],
        ),
        (
            "/p/gcm/documents/draft/nodes",
            vec![("kind", "paragraph"), ("text", "Forged"), ("after", "")],
        ),
        (
            "/p/gcm/documents/draft/nodes/p1/move",
            vec![("direction", "up")],
        ),
        ("/p/gcm/documents/draft/nodes/p1/delete", vec![]),
        (
            "/p/gcm/documents/draft/nodes/p1/links",
            vec![("source_kind", "contribution"), ("reference", "x")],
        ),
        ("/p/gcm/documents/draft/publish", vec![("label", "Forged")]),
    ];
    for (path, fields) in &forged {
        let mut form: Vec<(&str, &str)> = vec![("csrf_token", stakeholder_token.as_str())];
        form.extend(fields.iter().copied());
        assert_eq!(
            stakeholder.post_form(path, &form).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
        // A browser that is not signed in is refused too: a text it sends (a node's text)
        // comes back to sign in with (`web::keep`, 401); anything else is sent to sign in
        // before its body (and the token in it, not this one's anyway) is read.
        let anonymous = app.new_browser().post_form(path, &form).await;
        let writes_text = [
            "/p/gcm/documents/draft/nodes/p1",
            "/p/gcm/documents/draft/nodes",
        ]
        .contains(path);
        if writes_text {
            assert_eq!(
                anonymous.status(),
                StatusCode::UNAUTHORIZED,
                "anonymous {path}"
            );
            let page = anonymous.text().await.expect("body");
            assert!(page.contains("data-kept=\"signed-out\""), "{path}");
        } else {
            assert_eq!(
                anonymous.status(),
                StatusCode::SEE_OTHER,
                "anonymous {path}"
            );
            assert!(
                location(&anonymous).starts_with("/login"),
                "anonymous {path}"
            );
        }
    }
    // The chair reads the draft's working copy but does not edit it.
    app.participant(
        "chair@example.org",
        "Chair Person",
        "UN Secretariat",
        "un-system",
    )
    .await;
    app.assign_role(&admin, "gcm", "chair@example.org", "chair", "")
        .await;
    let chair = app.new_browser();
    chair.login("chair@example.org", PASSWORD).await;
    let (status, page) = chair.get_text("/p/gcm/documents/draft?view=working").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Working copy") && !page.contains("/nodes/p1/edit"));
    assert_eq!(
        chair
            .get("/p/gcm/documents/draft/nodes/p1/edit")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    // Nothing forged took effect.
    let stored: Vec<String> = with_db(&app, |conn| {
        use concord::db::schema::document_nodes::dsl::*;
        use diesel::prelude::*;
        document_nodes
            .order(position)
            .select(text)
            .load(conn)
            .expect("nodes")
    })
    .await;
    assert!(!stored.iter().any(|t| t.contains("Forged")));
    assert_eq!(stored.len(), 6);
    drop(cofacilitator);
}

/// The highest paragraph number of a document: in its latest revision, and in its working copy.
async fn last_paragraphs(app: &TestApp, slug: &'static str) -> (u32, u32, String) {
    with_db(app, move |conn| {
        use concord::domain::documents::numbers;
        use concord::store::{documents, processes};
        let process = processes::process_by_slug(conn, "gcm").unwrap().unwrap();
        let document = documents::document_by_slug(conn, process.id, slug)
            .unwrap()
            .unwrap();
        let last = |nodes: &[Node]| {
            numbers(nodes)
                .iter()
                .flatten()
                .map(|n| n.paragraph)
                .max()
                .unwrap_or(0)
        };
        let published = documents::latest_revision(conn, document.id)
            .unwrap()
            .and_then(|r| r.content())
            .expect("a published revision");
        let working = documents::working_content(conn, &document).unwrap();
        let first_key = working.nodes[0].key.clone();
        (last(&published.nodes), last(&working.nodes), first_key)
    })
    .await
}

/// A paragraph of another document is cited as its readers number it: someone who may not
/// read a working copy cannot learn through a link what paragraphs it holds.
async fn paragraph_links_see_only_what_the_linker_may_read(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], true).await else {
        return;
    };
    let sign_in = |email: &'static str| {
        let browser = app.new_browser();
        async move {
            let response = browser.login(email, "concord-demo-2018").await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "{email} signs in");
            browser
        }
    };
    let rapporteur = sign_in("rapporteur@demo.concord.example").await;
    let cofacilitator = sign_in("cofacilitator@demo.concord.example").await;
    let secretariat = sign_in("secretariat@demo.concord.example").await;

    // The rapporteur adds a paragraph to the report's working copy, not yet published.
    let response = rapporteur
        .submit(
            "/p/gcm/documents/group-1-report?view=working",
            "/p/gcm/documents/group-1-report/nodes",
            &[
                ("kind", "paragraph"),
                ("text", "A paragraph the rapporteurs are still discussing."),
                ("after", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (published, working, _) = last_paragraphs(&app, "group-1-report").await;
    assert!(working > published, "{working} > {published}");
    let (_, _, draft_node) = last_paragraphs(&app, "draft").await;
    let links = format!("/p/gcm/documents/draft/nodes/{draft_node}/links");
    let form = format!("/p/gcm/documents/draft/nodes/{draft_node}/edit");
    let link = |reference: String| {
        vec![
            ("source_kind".to_string(), "paragraph".to_string()),
            ("reference".to_string(), reference),
            ("version".to_string(), String::new()),
            ("quote".to_string(), String::new()),
            ("note".to_string(), String::new()),
        ]
    };

    // The co-facilitator reads only the published report: its last paragraph is there, the
    // unpublished one is not.
    let unpublished = format!("group-1-report {working}");
    let response = cofacilitator
        .submit(&form, &links, &link(unpublished.clone()))
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.unwrap();
    assert!(page.contains("Nothing with this reference was found in this process."));
    assert!(page.contains(&unpublished), "what was typed is kept");
    let response = cofacilitator
        .submit(&form, &links, &link(format!("group-1-report {published}")))
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // The secretariat, who reads every working copy, may cite the new paragraph.
    let response = secretariat.submit(&form, &links, &link(unpublished)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}
