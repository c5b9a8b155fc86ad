//! The XSS corpus in the negotiation's texts: a delegation's name and a group's name and short
//! name typed by the secretariat, a round's title by the co-facilitator, an amendment's
//! words (of a paragraph that holds them), new text and justification by a delegate. Each
//! comes back as text wherever it is shown: the delegations page, the rounds list, the round
//! page with its positions, the compilation and its exports, and, once the amendment is
//! taken into the draft and published, the draft's paragraph citing it and the round's "what
//! became of it".

use reqwest::StatusCode;

use super::{
    TEXTAREA, assert_inert, bytes, demo_app, demo_user, line, medium, page, path_of, shows, tag_of,
    well_formed,
};
use crate::helpers::{Backend, Browser, TestApp, with_db};
use crate::on_both_backends;

on_both_backends!(negotiation_fields_come_back_escaped);

const DRAFT: &str = "/p/gcm/documents/draft";

/// A group's short name of at most 40 characters.
fn tiny(tag: &str) -> String {
    format!("zq{tag}\"><script>alert(1)</script>")
}

/// The id the secretariat's page gives a delegation or group named `name`.
async fn id_named(app: &TestApp, name: String, group: bool) -> String {
    with_db(app, move |conn| {
        use concord::store::negotiation::delegations as deleg;
        let process = 1;
        let id = if group {
            deleg::groups_of_process(conn, process)
                .expect("groups")
                .into_iter()
                .find(|g| g.name == name)
                .map(|g| g.id)
        } else {
            deleg::delegations_of_process(conn, process)
                .expect("delegations")
                .into_iter()
                .find(|d| d.name == name)
                .map(|d| d.id)
        };
        id.expect("made by the form").to_string()
    })
    .await
}

async fn send(browser: &Browser, page: &str, action: &str, fields: &[(&str, &str)]) {
    let response = browser.submit(page, action, fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{action}");
}

/// Publishes the draft's working copy; the revision's slug.
async fn publish(cofacilitator: &Browser, label: &str) -> String {
    let working = format!("{DRAFT}?view=working");
    let response = cofacilitator
        .submit(&working, &format!("{DRAFT}/publish"), &[("label", label)])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "published");
    path_of(&response)
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string()
}

async fn negotiation_fields_come_back_escaped(backend: Backend) {
    let Some(app) = demo_app(backend).await else {
        return;
    };
    let secretariat = demo_user(&app, "secretariat").await;
    let cofacilitator = demo_user(&app, "cofacilitator").await;
    let morocco = app.new_browser();
    let response = morocco
        .login(
            "delegate.morocco@demo.concord.example",
            super::DEMO_PASSWORD,
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let delegate = app
        .participant(
            "hostile.delegate@example.org",
            "Hostile Delegate",
            "A mission",
            "member-state",
        )
        .await;

    // The secretariat's delegation, group, delegate and membership.
    let delegations = "/p/gcm/negotiation/delegations";
    let (name, group_name, short) = (medium("NA"), medium("NG"), tiny("NS"));
    send(
        &secretariat,
        delegations,
        delegations,
        &[("name", &name), ("category", "member-state")],
    )
    .await;
    send(
        &secretariat,
        delegations,
        "/p/gcm/negotiation/groups",
        &[("group_name", &group_name), ("short_name", &short)],
    )
    .await;
    let delegation = id_named(&app, name.clone(), false).await;
    let group = id_named(&app, group_name.clone(), true).await;
    send(
        &secretariat,
        delegations,
        "/p/gcm/negotiation/members",
        &[
            ("delegation", &delegation),
            ("email", "hostile.delegate@example.org"),
        ],
    )
    .await;
    send(
        &secretariat,
        delegations,
        "/p/gcm/negotiation/group-members",
        &[("group", &group), ("delegation", &delegation)],
    )
    .await;
    shows(&secretariat, delegations, &[&name, &group_name, &short]).await;

    // A paragraph holding the words the amendment names, published; a round on it.
    let words = line("NW");
    let text = format!("Hostile paragraph: {words}");
    send(
        &cofacilitator,
        &format!("{DRAFT}?view=working"),
        &format!("{DRAFT}/nodes"),
        &[("after", ""), ("kind", "paragraph"), ("text", &text)],
    )
    .await;
    let revision = publish(&cofacilitator, "Rev.7").await;
    let title = medium("NT");
    let rounds = "/p/gcm/negotiation/rounds";
    let response = cofacilitator
        .submit(
            rounds,
            rounds,
            &[
                ("revision", format!("draft/{revision}").as_str()),
                ("title", &title),
                ("opens", "2020-01-01T00:00"),
                ("closes", "2099-01-01T00:00"),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "round opened");
    let round = path_of(&response);
    let node = with_db(&app, move |conn| {
        use concord::db::schema::document_nodes;
        use diesel::prelude::*;
        document_nodes::table
            .filter(document_nodes::text.eq(text))
            .select(document_nodes::node_key)
            .first::<String>(conn)
            .expect("the hostile paragraph")
    })
    .await;

    // The delegate replaces the words for the group; Morocco joins, and tables one the
    // group opposes.
    let (new_text, justification) = (line("NN"), format!("{}\n\n{TEXTAREA}", line("NJ")));
    let amendments = format!("{round}/amendments");
    send(
        &delegate,
        &round,
        &amendments,
        &[
            ("node", &node),
            ("kind", "replace"),
            ("words", &words),
            ("new_text", &new_text),
            ("justification", &justification),
            ("delegation", &delegation),
            ("on_behalf_of", &group),
        ],
    )
    .await;
    let morocco_id = id_named(&app, "Morocco".to_string(), false).await;
    send(
        &morocco,
        &round,
        &format!("{round}/amendments/1/position"),
        &[
            ("delegation", &morocco_id),
            ("on_behalf_of", ""),
            ("stance", "join"),
        ],
    )
    .await;
    send(
        &morocco,
        &round,
        &amendments,
        &[
            ("node", &node),
            ("kind", "insert"),
            ("words", ""),
            ("new_text", "as Morocco proposes"),
            ("justification", "Clarity."),
            ("delegation", &morocco_id),
            ("on_behalf_of", ""),
        ],
    )
    .await;
    send(
        &delegate,
        &round,
        &format!("{round}/amendments/2/position"),
        &[
            ("delegation", &delegation),
            ("on_behalf_of", &group),
            ("stance", "oppose"),
        ],
    )
    .await;

    let visitor = app.new_browser();
    let html = shows(&visitor, &round, &[&name, &short, &title, &line("NJ")]).await;
    for marker in ["zqNW", "zqNN"] {
        assert!(html.contains(marker), "the round page shows {marker}");
    }
    shows(&visitor, rounds, &[&title]).await;
    // The delegate's own page: the forms name the delegation and the group.
    shows(&delegate, &round, &[&name, &group_name]).await;
    let compilation = format!("{round}/compilation");
    let html = shows(&visitor, &compilation, &[&name, &short, &title]).await;
    // The compilation is the text with its amendments; justifications stay on the round page.
    for marker in ["zqNW", "zqNN"] {
        assert!(html.contains(marker), "the compilation shows {marker}");
    }
    exports(&visitor, &compilation, &[&name, &title, &words, &new_text]).await;

    // Taken into the draft and published: the paragraph cites the delegation and the group,
    // and the round says what became of the amendment.
    let response = cofacilitator
        .submit(
            &round,
            &format!("{round}/amendments/1/accept"),
            &[("how", "whole")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "accepted");
    shows(
        &cofacilitator,
        &format!("{DRAFT}?view=working"),
        &[&name, &short],
    )
    .await;
    let revision = publish(&cofacilitator, "Rev.8").await;
    shows(
        &visitor,
        &format!("{DRAFT}/revisions/{revision}"),
        &[&name, &short],
    )
    .await;
    let html = shows(&visitor, &round, &[&name]).await;
    assert!(
        html.contains(&format!("/revisions/{revision}#n-")),
        "the round links the paragraph the amendment became"
    );
    page(&visitor, &compilation, StatusCode::OK).await;
}

/// The compilation's Markdown (as the application renders Markdown), HTML and Akoma Ntoso
/// exports hold each text's marker and nothing live.
async fn exports(browser: &Browser, compilation: &str, texts: &[&str]) {
    let md = String::from_utf8(bytes(browser, &format!("{compilation}.md")).await)
        .expect("UTF-8 Markdown");
    let html = String::from_utf8(bytes(browser, &format!("{compilation}.html")).await)
        .expect("UTF-8 HTML");
    assert_inert(&html, "the compilation's HTML export");
    assert_inert(
        &concord::markdown::to_safe_html(&md),
        "the compilation's Markdown rendered",
    );
    for text in texts {
        let tag = tag_of(text);
        assert!(md.contains(&tag), "the Markdown export holds {tag}");
        assert!(html.contains(&tag), "the HTML export holds {tag}");
    }
    let xml = String::from_utf8(bytes(browser, &format!("{compilation}.akn.xml")).await)
        .expect("UTF-8 XML");
    let text = well_formed(&xml, "the compilation's Akoma Ntoso");
    assert!(text.contains("<script>alert(1)</script>"), "held as text");
    assert!(!xml.contains("<script"), "no script element");
}
