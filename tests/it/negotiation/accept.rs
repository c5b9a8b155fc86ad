//! From amendments to the next revision: the co-facilitators take a round's amendments into
//! the draft's working copy, whole or as an alternative in brackets citing the delegations;
//! the amendment records what became of it and the paragraph cites it as provenance. No one
//! else may, however the request is forged.

use reqwest::StatusCode;

use super::{Cast, amendment, open_round, post, setup};
use crate::helpers::{Backend, TestApp, location, spawn_app, with_db};
use crate::on_both_backends;
use concord::domain::negotiation::AmendmentOutcome;

on_both_backends!(
    cofacilitators_accept_amendments_into_the_working_copy,
    no_one_else_accepts_an_amendment,
);

/// The working copy's text of paragraph `key` of the draft, and the labels it cites.
async fn working(app: &TestApp, key: &'static str) -> (String, Vec<String>) {
    with_db(app, move |conn| {
        use concord::store::documents::{document_by_slug, working_content};
        let draft = document_by_slug(conn, 1, "draft")
            .expect("a query")
            .expect("the draft");
        let content = working_content(conn, &draft).expect("the working copy");
        let node = content
            .nodes
            .into_iter()
            .find(|n| n.key == key)
            .expect("the paragraph");
        let labels = node.provenance.into_iter().map(|p| p.label).collect();
        (node.text, labels)
    })
    .await
}

/// The round's amendments as (number, outcome, result key).
async fn outcomes(app: &TestApp) -> Vec<(i32, Option<AmendmentOutcome>, Option<String>)> {
    with_db(app, |conn| {
        use concord::store::negotiation::amendments::amendments_of_round;
        use concord::store::negotiation::rounds::round_by_number;
        let round = round_by_number(conn, 1, 1)
            .expect("a query")
            .expect("round 1");
        amendments_of_round(conn, round.id)
            .expect("amendments")
            .into_iter()
            .map(|a| (a.number, a.outcome, a.result_key))
            .collect()
    })
    .await
}

fn how(value: &str) -> [(&str, &str); 1] {
    [("how", value)]
}

/// Round 1 (restricted, open) with amendment 1 (Mexico for the Group of Friends, replacing
/// "accurate" in p1, joined by Switzerland) and amendment 2 (Switzerland, replacing "adverse"
/// in p2); round 2 (public) with none.
async fn tabled(app: &TestApp) -> (Cast, String, String) {
    let cast = setup(app).await;
    let round = open_round(
        &cast,
        "First reading",
        "2020-01-01T00:00",
        "2099-01-01T00:00",
        "delegations",
    )
    .await;
    let other = open_round(
        &cast,
        "Second reading",
        "2020-01-01T00:00",
        "2099-01-01T00:00",
        "public",
    )
    .await;
    let amendments = format!("{round}/amendments");
    let response = post(
        &cast.alice,
        &amendments,
        &amendment(&cast.mexico, &cast.group, "accurate", "reliable"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let mut fields = amendment(&cast.switzerland, "", "adverse", "structural");
    fields[0] = ("node", "p2");
    let response = post(&cast.bob, &amendments, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post(
        &cast.bob,
        &format!("{round}/amendments/1/position"),
        &[
            ("delegation", cast.switzerland.as_str()),
            ("on_behalf_of", ""),
            ("stance", "join"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    (cast, round, other)
}

async fn cofacilitators_accept_amendments_into_the_working_copy(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (cast, round, _) = tabled(&app).await;

    // The co-facilitator sees both ways of taking each amendment in; a delegate sees neither.
    let (status, page) = cast.cofacilitator.get_text(&round).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&format!("action=\"{round}/amendments/1/accept\"")));
    assert!(page.contains("Accept into the working copy"));
    assert!(page.contains("Accept as an alternative in brackets"));
    let (_, page) = cast.bob.get_text(&round).await;
    assert!(!page.contains("/accept\""), "{page}");

    // Whole: the paragraph becomes the amended text and cites the amendment and its
    // proponents, the group and the delegation that joined it included.
    let response = post(
        &cast.cofacilitator,
        &format!("{round}/amendments/1/accept"),
        &how("whole"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).ends_with("notice=amendment-accepted#amendment-1"));
    let (text, cites) = working(&app, "p1").await;
    assert_eq!(text, "Collect and utilize reliable data.");
    assert_eq!(cites, ["R1 A/1: Mexico, GoF, Switzerland"]);

    // Once only.
    let response = post(
        &cast.cofacilitator,
        &format!("{round}/amendments/1/accept"),
        &how("alternative"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body = response.text().await.expect("a body");
    assert!(
        body.contains("already been taken into the working copy"),
        "{body}"
    );

    // As an alternative: the changed words in brackets beside the amendment's, which cite it.
    let response = post(
        &cast.cofacilitator,
        &format!("{round}/amendments/2/accept"),
        &how("alternative"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (text, cites) = working(&app, "p2").await;
    assert_eq!(
        text,
        "Minimize [adverse] [structural {R1 A/2: Switzerland}] drivers."
    );
    assert_eq!(cites, ["R1 A/2: Switzerland"]);
    assert_eq!(
        outcomes(&app).await,
        [
            (1, Some(AmendmentOutcome::Accepted), Some("p1".into())),
            (
                2,
                Some(AmendmentOutcome::AcceptedAsAlternative),
                Some("p2".into())
            ),
        ]
    );

    // A paragraph edited since the amendment was tabled is not guessed at: 409, said why.
    let mut fields = amendment(&cast.switzerland, "", "utilize", "use");
    fields[0] = ("node", "p1");
    let response = post(&cast.bob, &format!("{round}/amendments"), &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    with_db(&app, |conn| {
        use concord::store::documents::{node_by_key, save_text_if_version};
        let node = node_by_key(conn, concord::domain::ids::DocumentId(1), "p1")
            .expect("a query")
            .expect("p1");
        assert!(
            save_text_if_version(
                conn,
                concord::domain::ids::DocumentId(1),
                "p1",
                node.version,
                "Collect and apply reliable data.",
                1,
            )
            .expect("saved")
        );
    })
    .await;
    let response = post(
        &cast.cofacilitator,
        &format!("{round}/amendments/3/accept"),
        &how("whole"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body = response.text().await.expect("a body");
    assert!(
        body.contains("has changed since this amendment was tabled"),
        "{body}"
    );
    assert_eq!(
        working(&app, "p1").await.0,
        "Collect and apply reliable data."
    );

    // A new paragraph is added after its paragraph, citing the amendment.
    let mut fields = amendment(&cast.mexico, "", "", "Share data openly.");
    fields[0] = ("node", "p2");
    fields[1] = ("kind", "new-paragraph-after");
    let response = post(&cast.alice, &format!("{round}/amendments"), &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post(
        &cast.cofacilitator,
        &format!("{round}/amendments/4/accept"),
        &how("whole"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let added = outcomes(&app).await[3].2.clone().expect("a new paragraph");
    assert_ne!(added, "p2");

    // What a delegation typed is taken in as text, never as markup.
    let hostile = "<img src=x onerror=alert(1)>";
    let mut fields = amendment(&cast.mexico, "", "", hostile);
    fields[0] = ("node", "p2");
    fields[1] = ("kind", "insert");
    let response = post(&cast.alice, &format!("{round}/amendments"), &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post(
        &cast.cofacilitator,
        &format!("{round}/amendments/5/accept"),
        &how("alternative"),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    for page in [round.as_str(), "/p/gcm/documents/draft?view=working"] {
        let (status, body) = cast.cofacilitator.get_text(page).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(!body.contains("<img src=x"), "{page}: {body}");
    }

    // The round page tells what became of each; published, the revision's paragraph cites the
    // amendment with a link to it, and the amendment names the revision's paragraph.
    let (_, page) = cast.bob.get_text(&round).await;
    assert!(page.contains("Accepted into the working copy"), "{page}");
    assert!(page.contains("Accepted as an alternative in brackets"));
    let (_, page) = cast.cofacilitator.get_text(&round).await;
    assert!(
        page.contains("/p/gcm/documents/draft?view=working#n-p1"),
        "{page}"
    );
    with_db(&app, |conn| {
        use concord::store::documents::{document_by_slug, publish};
        let draft = document_by_slug(conn, 1, "draft")
            .expect("a query")
            .expect("the draft");
        publish(conn, &draft, "Rev.1", "rev-1", 1).expect("published");
    })
    .await;
    let (status, page) = cast
        .bob
        .get_text("/p/gcm/documents/draft/revisions/rev-1")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(&format!(
            "href=\"{round}#amendment-1\"><bdi>R1 A/1: Mexico, GoF, Switzerland</bdi>"
        )),
        "{page}"
    );
    assert!(page.contains("Share data openly."));
    let (_, page) = cast.bob.get_text(&round).await;
    assert!(page.contains("What became of it"), "{page}");
    assert!(page.contains("/p/gcm/documents/draft/revisions/rev-1#n-p2"));

    let actions: Vec<String> = with_db(&app, |conn| {
        use concord::db::schema::audit_log;
        use diesel::prelude::*;
        audit_log::table
            .filter(audit_log::action.eq("amendment.accept"))
            .select(audit_log::action)
            .load(conn)
            .expect("audit entries")
    })
    .await;
    assert_eq!(actions.len(), 4);
}

async fn no_one_else_accepts_an_amendment(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (cast, round, other) = tabled(&app).await;
    let accept = format!("{round}/amendments/1/accept");
    let before = working(&app, "p1").await;

    // A delegate, even the proponent, may not; a stakeholder finds no restricted round.
    for (who, browser, expected) in [
        ("proponent", &cast.alice, StatusCode::FORBIDDEN),
        ("delegate", &cast.bob, StatusCode::FORBIDDEN),
        ("stakeholder", &cast.stakeholder, StatusCode::NOT_FOUND),
    ] {
        let response = post(browser, &accept, &how("whole")).await;
        assert_eq!(response.status(), expected, "{who}");
    }
    // Anonymous visitors are sent to sign in.
    let anonymous = app.new_browser();
    let response = anonymous.post_form(&accept, &how("whole")).await;
    assert!(
        location(&response).contains("/login"),
        "{:?}",
        response.status()
    );
    // Without the CSRF token, even the co-facilitator is refused.
    let response = cast.cofacilitator.post_form(&accept, &how("whole")).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // An amendment of another round, or none, is not found; a way that is neither is refused.
    for path in [
        format!("{other}/amendments/1/accept"),
        format!("{round}/amendments/99/accept"),
        "/p/gcm/negotiation/rounds/99/amendments/1/accept".to_string(),
        "/p/nowhere/negotiation/rounds/1/amendments/1/accept".to_string(),
    ] {
        let response = post(&cast.cofacilitator, &path, &how("whole")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let response = post(&cast.cofacilitator, &accept, &how("both")).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(working(&app, "p1").await, before);
    assert!(outcomes(&app).await.iter().all(|(_, o, _)| o.is_none()));

    // A withdrawn amendment is not taken in.
    let response = post(
        &cast.alice,
        &format!("{round}/amendments/1/withdraw"),
        &[("", "")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = post(&cast.cofacilitator, &accept, &how("whole")).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(working(&app, "p1").await, before);
}
