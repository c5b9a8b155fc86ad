//! Negotiation: the secretariat's delegations and groups, rounds opened by a co-facilitator,
//! and delegations tabling, joining, opposing and withdrawing amendments while a round is
//! open; who may speak for whom, and who may see a round restricted to delegations.

mod accept;
mod compilation;

use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, TestApp, location, spawn_app, with_db};
use crate::on_both_backends;
use concord::domain::documents::{DocumentKind, Node, NodeKind};

on_both_backends!(
    delegations_table_join_oppose_and_withdraw,
    restricted_rounds_are_not_found_outside_the_delegations,
);

struct Cast {
    secretariat: Browser,
    cofacilitator: Browser,
    /// Acts for Mexico, a member of the Group of Friends.
    alice: Browser,
    /// Acts for Switzerland, in no group.
    bob: Browser,
    /// Acts for the Holy See, an observer.
    olga: Browser,
    stakeholder: Browser,
    group: String,
    mexico: String,
    switzerland: String,
    holy_see: String,
}

fn node(key: &str, kind: NodeKind, text: &str) -> Node {
    Node {
        key: key.into(),
        kind,
        text: text.into(),
        provenance: vec![],
        status: Default::default(),
    }
}

async fn post(browser: &Browser, action: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    browser.submit("/account", action, fields).await
}

/// Process `gcm` with a published zero draft, the staff, three delegations with one delegate
/// each, a group, and an accredited stakeholder; all set up through the secretariat's page.
async fn setup(app: &TestApp) -> Cast {
    let admin = app.first_administrator("admin@example.org").await;
    assert_eq!(
        app.create_process(&admin, "gcm").await.status(),
        StatusCode::SEE_OTHER
    );
    let secretariat = app
        .participant("sec@example.org", "Sam Secretariat", "UN", "member-state")
        .await;
    app.assign_role(&admin, "gcm", "sec@example.org", "secretariat", "")
        .await;
    let cofacilitator = app
        .participant(
            "cofac@example.org",
            "Carla Cofac",
            "Mission of Mexico",
            "member-state",
        )
        .await;
    app.assign_role(&admin, "gcm", "cofac@example.org", "co-facilitator", "")
        .await;
    let alice = app
        .participant(
            "alice@example.org",
            "Alice",
            "Mission of Mexico",
            "member-state",
        )
        .await;
    let bob = app
        .participant(
            "bob@example.org",
            "Bob",
            "Mission of Switzerland",
            "member-state",
        )
        .await;
    let olga = app
        .participant("olga@example.org", "Olga", "Holy See", "member-state")
        .await;
    let stakeholder = app
        .accredited(
            "gcm",
            "sh@example.org",
            "Stella",
            "Migrant Forum",
            "civil-society",
        )
        .await;
    with_db(app, |conn| {
        use concord::store::documents::{NewDocument, create_document, document_by_slug, publish};
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
                "Collect and utilize accurate data.",
            ),
            node("p2", NodeKind::Paragraph, "Minimize adverse drivers."),
        ];
        create_document(
            conn,
            &NewDocument {
                process_id: process,
                slug: "draft",
                kind: DocumentKind::Draft,
                group_id: None,
                title: "Global Compact",
                symbol: "",
                language: "en",
            },
            &nodes,
            None,
        )
        .expect("a document");
        let document = document_by_slug(conn, process, "draft")
            .expect("a query")
            .expect("the draft");
        publish(conn, &document, "Zero draft", "zero-draft", 1).expect("published");
    })
    .await;

    let page = "/p/gcm/negotiation/delegations";
    assert_eq!(secretariat.get(page).await.status(), StatusCode::OK);
    for (name, category) in [
        ("Mexico", "member-state"),
        ("Switzerland", "member-state"),
        ("Holy See", "observer"),
    ] {
        let response = post(
            &secretariat,
            page,
            &[("name", name), ("category", category)],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{name} added");
    }
    // A second delegation of a name is refused beside the field, the name kept.
    let response = post(
        &secretariat,
        page,
        &[("name", "MEXICO"), ("category", "observer")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.expect("a body");
    assert!(body.contains("a delegation of this name already"), "{body}");
    assert!(body.contains("value=\"MEXICO\""));
    let ids: Vec<(String, String)> = with_db(app, |conn| {
        concord::store::negotiation::delegations::delegations_of_process(conn, 1)
            .expect("delegations")
            .into_iter()
            .map(|d| (d.name, d.id.to_string()))
            .collect()
    })
    .await;
    let id_of = |name: &str| {
        ids.iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| id.clone())
            .expect("a delegation")
    };
    let (mexico, switzerland, holy_see) =
        (id_of("Mexico"), id_of("Switzerland"), id_of("Holy See"));
    for (delegation, email) in [
        (&mexico, "alice@example.org"),
        (&switzerland, "bob@example.org"),
        (&holy_see, "olga@example.org"),
    ] {
        let response = post(
            &secretariat,
            "/p/gcm/negotiation/members",
            &[("delegation", delegation.as_str()), ("email", email)],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{email} delegate");
    }
    let response = post(
        &secretariat,
        "/p/gcm/negotiation/members",
        &[
            ("delegation", mexico.as_str()),
            ("email", "nobody@example.org"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = post(
        &secretariat,
        "/p/gcm/negotiation/groups",
        &[("group_name", "Group of Friends"), ("short_name", "GoF")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let group: String = with_db(app, |conn| {
        concord::store::negotiation::delegations::groups_of_process(conn, 1).expect("groups")[0]
            .id
            .to_string()
    })
    .await;
    let response = post(
        &secretariat,
        "/p/gcm/negotiation/group-members",
        &[("group", group.as_str()), ("delegation", mexico.as_str())],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // Only the secretariat manages delegations.
    let response = post(
        &alice,
        page,
        &[("name", "Atlantis"), ("category", "member-state")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    Cast {
        secretariat,
        cofacilitator,
        alice,
        bob,
        olga,
        stakeholder,
        group,
        mexico,
        switzerland,
        holy_see,
    }
}

/// The co-facilitator opens a round on the zero draft; its address.
async fn open_round(
    cast: &Cast,
    title: &str,
    opens: &str,
    closes: &str,
    visibility: &str,
) -> String {
    let response = post(
        &cast.cofacilitator,
        "/p/gcm/negotiation/rounds",
        &[
            ("revision", "draft/zero-draft"),
            ("title", title),
            ("opens", opens),
            ("closes", closes),
            ("visibility", visibility),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{title} opened");
    location(&response)
        .split('?')
        .next()
        .expect("a path")
        .to_string()
}

fn amendment<'a>(
    delegation: &'a str,
    group: &'a str,
    words: &'a str,
    new_text: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("node", "p1"),
        ("kind", "replace"),
        ("words", words),
        ("new_text", new_text),
        ("justification", "Data must be reliable."),
        ("delegation", delegation),
        ("on_behalf_of", group),
    ]
}

async fn delegations_table_join_oppose_and_withdraw(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let cast = setup(&app).await;
    let round = open_round(
        &cast,
        "First reading",
        "2020-01-01T00:00",
        "2099-01-01T00:00",
        "delegations",
    )
    .await;
    let closed = open_round(
        &cast,
        "Old reading",
        "2020-01-01T00:00",
        "2020-02-01T00:00",
        "public",
    )
    .await;
    let amendments = format!("{round}/amendments");

    // Mexico tables on behalf of its group; words not in the paragraph are refused beside
    // the field, with everything typed kept.
    let response = post(
        &cast.alice,
        &amendments,
        &amendment(&cast.mexico, &cast.group, "no such words", "reliable"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.expect("a body");
    assert!(
        body.contains("These words are not in the paragraph"),
        "{body}"
    );
    assert!(body.contains(">no such words</textarea>"));
    assert!(body.contains(">Data must be reliable.</textarea>"));
    let response = post(
        &cast.alice,
        &amendments,
        &amendment(&cast.mexico, &cast.group, "accurate", "reliable"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // Switzerland is not in the group: it may not table or take positions for it.
    let response = post(
        &cast.bob,
        &amendments,
        &amendment(&cast.switzerland, &cast.group, "Collect", "Gather"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.expect("a body");
    assert!(body.contains("does not belong to this group"), "{body}");
    assert!(body.contains(">Gather</textarea>"));
    let position = format!("{round}/amendments/1/position");
    let response = post(
        &cast.bob,
        &position,
        &[
            ("delegation", cast.switzerland.as_str()),
            ("on_behalf_of", cast.group.as_str()),
            ("stance", "join"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // Nor may it act for another delegation.
    let response = post(
        &cast.bob,
        &position,
        &[
            ("delegation", cast.mexico.as_str()),
            ("on_behalf_of", ""),
            ("stance", "join"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = post(
        &cast.bob,
        &position,
        &[
            ("delegation", cast.switzerland.as_str()),
            ("on_behalf_of", ""),
            ("stance", "join"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // The observer may not table until the secretariat allows observers to.
    let observer = amendment(&cast.holy_see, "", "data", "statistics");
    let response = post(&cast.olga, &amendments, &observer).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = post(
        &cast.olga,
        &position,
        &[
            ("delegation", cast.holy_see.as_str()),
            ("on_behalf_of", ""),
            ("stance", "oppose"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = post(
        &cast.secretariat,
        "/p/gcm/negotiation/settings",
        &[("observers_may_propose", "yes")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post(&cast.olga, &amendments, &observer).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post(
        &cast.olga,
        &position,
        &[
            ("delegation", cast.holy_see.as_str()),
            ("on_behalf_of", ""),
            ("stance", "oppose"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // The round page: each amendment on its paragraph, marked up, with who joined and opposed.
    let (status, page) = cast.bob.get_text(&round).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<del>accurate</del>"), "{page}");
    assert!(page.contains("<strong class=\"added\">reliable</strong>"));
    assert!(page.contains("<bdi>Mexico</bdi>, on behalf of <bdi>GoF</bdi>"));
    assert!(page.contains("Joined by <bdi>Switzerland</bdi>"));
    assert!(page.contains("Opposed by <bdi>Holy See</bdi>"));
    assert!(page.contains("id=\"amendment-2\""));

    // Only its own delegation withdraws an amendment, and only once.
    let withdraw = format!("{round}/amendments/1/withdraw");
    let response = post(&cast.bob, &withdraw, &[("", "")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = post(&cast.alice, &withdraw, &[("", "")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post(&cast.alice, &withdraw, &[("", "")]).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let (_, page) = cast.alice.get_text(&round).await;
    assert!(page.contains("Withdrawn"));
    // A withdrawn amendment takes no more positions.
    let response = post(
        &cast.bob,
        &position,
        &[
            ("delegation", cast.switzerland.as_str()),
            ("on_behalf_of", ""),
            ("stance", "oppose"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);

    // A closed round takes nothing, and says why, keeping the text.
    let response = post(
        &cast.alice,
        &format!("{closed}/amendments"),
        &amendment(&cast.mexico, "", "accurate", "exact"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body = response.text().await.expect("a body");
    assert!(body.contains("This round is not open"), "{body}");

    // Every action left its audit entry.
    let actions: Vec<String> = with_db(&app, |conn| {
        use concord::db::schema::audit_log;
        use diesel::prelude::*;
        audit_log::table
            .filter(audit_log::action.like("amendment.%"))
            .select(audit_log::action)
            .load(conn)
            .expect("audit entries")
    })
    .await;
    for action in [
        "amendment.table",
        "amendment.position",
        "amendment.withdraw",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

async fn restricted_rounds_are_not_found_outside_the_delegations(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let cast = setup(&app).await;
    let round = open_round(
        &cast,
        "Closed-door reading",
        "2020-01-01T00:00",
        "2099-01-01T00:00",
        "delegations",
    )
    .await;
    let public = open_round(
        &cast,
        "Open reading",
        "2020-01-01T00:00",
        "2099-01-01T00:00",
        "public",
    )
    .await;
    let response = post(
        &cast.alice,
        &format!("{round}/amendments"),
        &amendment(&cast.mexico, "", "accurate", "Secret words"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let anonymous = app.new_browser();
    let list = "/p/gcm/negotiation/rounds";
    for (who, browser) in [
        ("stakeholder", &cast.stakeholder),
        ("anonymous", &anonymous),
    ] {
        let (status, body) = browser.get_text(&round).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{who}");
        assert!(!body.contains("Secret words"), "{who}");
        let (status, body) = browser.get_text(list).await;
        assert_eq!(status, StatusCode::OK, "{who}");
        assert!(!body.contains("Closed-door reading"), "{who}");
        assert!(body.contains("Open reading"), "{who}");
        let (status, _) = browser.get_text(&public).await;
        assert_eq!(status, StatusCode::OK, "{who}");
    }
    // What a delegation types comes back as text, never as markup.
    let hostile = "</textarea><script>alert(1)</script>\"><img src=x onerror=alert(1)>";
    let mut fields = amendment(&cast.mexico, "", "data", hostile);
    fields[4] = ("justification", hostile);
    let response = post(&cast.alice, &format!("{public}/amendments"), &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, body) = anonymous.get_text(&public).await;
    for raw in [
        "<script>alert(1)",
        "<img src=x onerror",
        "</textarea><script",
    ] {
        assert!(!body.contains(raw), "{raw} raw in the round page");
    }
    assert!(body.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
    // And in the form that keeps it when refused.
    fields[2] = ("words", "no such words");
    let response = post(&cast.alice, &format!("{public}/amendments"), &fields).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.expect("a body");
    for raw in [
        "<script>alert(1)",
        "<img src=x onerror",
        "</textarea><script",
    ] {
        assert!(!body.contains(raw), "{raw} raw in the kept form");
    }

    // A stakeholder posting to it finds nothing either.
    let response = post(
        &cast.stakeholder,
        &format!("{round}/amendments/1/position"),
        &[
            ("delegation", cast.mexico.as_str()),
            ("on_behalf_of", ""),
            ("stance", "join"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    for (who, browser) in [
        ("delegate", &cast.bob),
        ("co-facilitator", &cast.cofacilitator),
        ("secretariat", &cast.secretariat),
    ] {
        let (status, body) = browser.get_text(&round).await;
        assert_eq!(status, StatusCode::OK, "{who}");
        assert!(body.contains("Secret words"), "{who}");
        let (_, body) = browser.get_text(list).await;
        assert!(body.contains("Closed-door reading"), "{who}");
    }
}
