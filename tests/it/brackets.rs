//! Bracketed text and paragraph status in the negotiated draft: brackets written in the
//! editor (and refused, text kept, when they cannot be read), a paragraph's status set by
//! the co-facilitators only, the counts of each revision, the comparison of the zero draft
//! with a bracketed Rev.1, and that revision in every export.

use diesel::prelude::*;
use reqwest::StatusCode;

use crate::documents::{edit, field_value};
use crate::exports::{
    assert_valid_akoma_ntoso, chromium_installed, docx_paragraphs, download, pdf_text, publish,
    setup,
};
use crate::helpers::{Backend, TestApp, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    brackets_are_edited_published_compared_and_exported,
    bad_brackets_come_back_with_the_text_kept,
    only_the_drafters_set_a_paragraph_status,
    an_amendment_is_taken_in_whole_or_as_an_alternative,
);

/// A paragraph with one bracketed passage of two alternatives, each citing its amendments.
const BRACKETED: &str = "We, the Heads of State, meet in [Marrakech {A/1: Morocco}] [New York {A/2: EU & G77}] to adopt the compact.";
/// The same passage as every reader sees it.
const READ: &str = "[Marrakech (A/1: Morocco)] [New York (A/2: EU & G77)]";

/// A paragraph's status in the working copy, read from the database.
async fn status_of(app: &TestApp, key: &'static str) -> String {
    with_db(app, move |conn| {
        use concord::db::schema::document_nodes::dsl::*;
        document_nodes
            .filter(node_key.eq(key))
            .select(status)
            .first::<String>(conn)
            .expect("the node")
    })
    .await
}

/// The figure a page shows beside one of its consensus labels.
fn figure(page: &str, label: &str) -> String {
    let marker = format!("<dt>{label}</dt><dd>");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("the page counts {label}"))
        + marker.len();
    let end = page[start..].find("</dd>").expect("closed") + start;
    page[start..end].to_string()
}

async fn brackets_are_edited_published_compared_and_exported(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, cofacilitator) = setup(&app, false).await;
    publish(&cofacilitator, "Zero draft").await;

    let response = edit(&cofacilitator, "p1", BRACKETED).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = cofacilitator
        .submit(
            "/p/gcm/documents/draft/nodes/p2/edit",
            "/p/gcm/documents/draft/nodes/p2/status",
            &[("status", "agreed-ad-ref")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, "p2").await, "agreed-ad-ref");
    let (_, form) = cofacilitator
        .get_text("/p/gcm/documents/draft/nodes/p2/edit")
        .await;
    assert!(
        form.contains(r#"<option value="agreed-ad-ref" selected>"#),
        "the form shows the status set"
    );

    let (status, working) = cofacilitator
        .get_text("/p/gcm/documents/draft?view=working")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        working.contains(
            "[Marrakech <em>(A/1: Morocco)</em>] [New York <em>(A/2: EU &amp; G77)</em>]"
        ),
        "the working copy shows the alternatives and whom they cite"
    );
    assert_eq!(figure(&working, "Open brackets"), "1");
    assert_eq!(figure(&working, "Agreed ad referendum"), "1");
    publish(&cofacilitator, "Rev.1").await;

    // Each revision counts its own text.
    let visitor = app.new_browser();
    let (_, zero) = visitor
        .get_text("/p/gcm/documents/draft/revisions/zero-draft")
        .await;
    assert_eq!(figure(&zero, "Open brackets"), "0");
    assert_eq!(figure(&zero, "Agreed ad referendum"), "0");
    assert_eq!(figure(&zero, "Paragraphs"), "7");
    let (_, rev1) = visitor
        .get_text("/p/gcm/documents/draft/revisions/rev-1")
        .await;
    assert_eq!(figure(&rev1, "Open brackets"), "1");
    assert_eq!(figure(&rev1, "Agreed ad referendum"), "1");
    assert_eq!(figure(&rev1, "Agreed"), "0");
    assert!(rev1.contains(r#"<span class="badge badge-open">Agreed ad referendum</span>"#));
    let (_, latest) = visitor.get_text("/p/gcm/documents/draft").await;
    assert_eq!(figure(&latest, "Open brackets"), "1");

    // The comparison shows the brackets coming in, and nothing else moving.
    let (status, compared) = visitor
        .get_text("/p/gcm/documents/draft/compare?from=zero-draft&to=rev-1")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        compared.contains("New York"),
        "the new alternative is shown"
    );
    assert!(compared.contains("Marrakech"));

    // Every export carries the passage as readers see it, and the status.
    let md = download(&visitor, "/p/gcm/documents/draft/export.md?revision=rev-1").await;
    let md = String::from_utf8(md.bytes).expect("UTF-8");
    assert!(
        md.contains(r"\[Marrakech *(A/1: Morocco)*\] \[New York *(A/2: EU \& G77)*\]"),
        "{md}"
    );
    assert!(md.contains("*(Agreed ad referendum)*"), "{md}");
    let html = download(
        &visitor,
        "/p/gcm/documents/draft/export.html?revision=rev-1",
    )
    .await;
    let html = String::from_utf8(html.bytes).expect("UTF-8");
    assert!(
        html.contains("[Marrakech <em>(A/1: Morocco)</em>]"),
        "{html}"
    );
    let akn = download(
        &visitor,
        "/p/gcm/documents/draft/export.akn.xml?revision=rev-1",
    )
    .await;
    assert_valid_akoma_ntoso(&akn.bytes);
    let xml = String::from_utf8(akn.bytes).expect("UTF-8");
    assert!(xml.contains("[Marrakech <i>(A/1: Morocco)</i>]"), "{xml}");
    assert!(
        xml.contains(r#"<inline name="brackets"><inline name="alternative">[Marrakech"#),
        "the passage and its alternatives are marked up: {xml}"
    );
    assert_eq!(xml.matches(r#"<inline name="alternative">"#).count(), 2);
    assert!(xml.contains("Agreed ad referendum"));
    let docx = download(
        &visitor,
        "/p/gcm/documents/draft/export.docx?revision=rev-1",
    )
    .await;
    let paragraphs: Vec<String> = docx_paragraphs(&docx.bytes)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    assert!(
        paragraphs.iter().any(|p| p.contains(READ)),
        "the DOCX reads the passage: {paragraphs:?}"
    );
    assert!(paragraphs.iter().any(|p| p == "(Agreed ad referendum)"));
    if chromium_installed() {
        let pdf = download(&visitor, "/p/gcm/documents/draft/export.pdf?revision=rev-1").await;
        let text = pdf_text(&pdf.bytes);
        assert!(text.contains("[Marrakech (A/1: Morocco)]"), "{text}");
        assert!(text.contains("Agreed ad referendum"), "{text}");
    }
}

async fn bad_brackets_come_back_with_the_text_kept(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, cofacilitator) = setup(&app, false).await;
    for (typed, reason) in [
        (
            "Meet in [Marrakech [or New York]].",
            "A bracket is opened inside another one",
        ),
        ("Meet in [Marrakech.", "is never closed"),
        ("Meet in Marrakech].", "has no opening bracket"),
        (
            "Meet in [Marrakech {A/1} soon].",
            "must come last in its bracket",
        ),
    ] {
        let response = edit(&cofacilitator, "p1", typed).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{typed}"
        );
        let page = response.text().await.expect("the form");
        assert!(page.contains(reason), "{typed}: {reason}");
        assert_eq!(field_value(&page, "version"), "1", "{typed}");
        let kept = page.contains(&format!(">{typed}</textarea>"));
        assert!(kept, "the text typed is kept: {typed}");
    }
    // Escaped brackets are words, and saved.
    let literal = r"See annex \[II\].";
    assert_eq!(
        edit(&cofacilitator, "p1", literal).await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, working) = cofacilitator
        .get_text("/p/gcm/documents/draft?view=working")
        .await;
    assert!(working.contains("See annex [II]."));
    assert_eq!(figure(&working, "Open brackets"), "0");
}

async fn only_the_drafters_set_a_paragraph_status(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, cofacilitator) = setup(&app, false).await;
    let stakeholder = app
        .accredited(
            "gcm",
            "ngo@example.org",
            "Nadia Ngo",
            "Migrant Voices",
            "civil-society",
        )
        .await;
    let forged = stakeholder
        .submit(
            "/p/gcm",
            "/p/gcm/documents/draft/nodes/p1/status",
            &[("status", "agreed")],
        )
        .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let anonymous = app.new_browser();
    let forged = anonymous
        .submit(
            "/login",
            "/p/gcm/documents/draft/nodes/p1/status",
            &[("status", "agreed")],
        )
        .await;
    assert_eq!(forged.status(), StatusCode::SEE_OTHER);
    assert!(crate::helpers::location(&forged).starts_with("/login"));
    assert_eq!(status_of(&app, "p1").await, "pending");

    // A heading has no status; an unknown status is no status; a key not there is not found.
    for (key, sent, expected) in [
        ("h1", "agreed", StatusCode::BAD_REQUEST),
        ("p1", "nearly", StatusCode::BAD_REQUEST),
        ("gone", "agreed", StatusCode::NOT_FOUND),
    ] {
        let response = cofacilitator
            .submit(
                "/p/gcm/documents/draft?view=working",
                &format!("/p/gcm/documents/draft/nodes/{key}/status"),
                &[("status", sent)],
            )
            .await;
        assert_eq!(response.status(), expected, "{key} {sent}");
    }
    assert_eq!(status_of(&app, "p1").await, "pending");
    let response = cofacilitator
        .submit(
            "/p/gcm/documents/draft?view=working",
            "/p/gcm/documents/draft/nodes/m1/status",
            &[("status", "agreed")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, "m1").await, "agreed");
}

async fn an_amendment_is_taken_in_whole_or_as_an_alternative(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, drafter) = setup(&app, false).await;
    let _stakeholder = app
        .accredited(
            "gcm",
            "ngo@example.org",
            "Nadia Ngo",
            "Migrant Voices",
            "civil-society",
        )
        .await;
    let (alternative, refused, whole, unchanged, audited) = with_db(&app, |conn| {
        use concord::app::documents::accept::{CROSSES_BRACKET, NO_CHANGE, accept_amendment};
        use concord::app::{Error, Person};
        use concord::db::schema::{accounts, audit_log};
        use concord::domain::documents::accept::{Acceptance, Amendment};
        let person = |conn: &mut concord::db::DbConnection, mail: &str| Person {
            account_id: accounts::table
                .filter(accounts::email.eq(mail))
                .select(accounts::id)
                .first(conn)
                .expect("the account"),
            is_admin: false,
        };
        let cofacilitator = person(conn, "cofac@example.org");
        let stakeholder = person(conn, "ngo@example.org");
        let proponents = vec!["Morocco".to_string(), "African Group".to_string()];
        let amendment = Amendment {
            label: "A/1",
            text: "We, the Heads of State, meet in Rabat.",
            proponents: &proponents,
        };
        let refused = matches!(
            accept_amendment(
                conn,
                stakeholder,
                "gcm",
                "p1",
                &amendment,
                Acceptance::Whole
            ),
            Err(Error::Forbidden)
        );
        let alternative = accept_amendment(
            conn,
            cofacilitator,
            "gcm",
            "p1",
            &amendment,
            Acceptance::Alternative,
        )
        .expect("taken in as an alternative");
        // Its words now cross the bracket: only whole, then nothing more to change.
        let crossing = accept_amendment(
            conn,
            cofacilitator,
            "gcm",
            "p1",
            &amendment,
            Acceptance::Alternative,
        );
        assert!(matches!(crossing, Err(Error::Conflict(key)) if key == CROSSES_BRACKET));
        let whole = accept_amendment(
            conn,
            cofacilitator,
            "gcm",
            "p1",
            &amendment,
            Acceptance::Whole,
        )
        .expect("taken in whole");
        let unchanged = matches!(
            accept_amendment(conn, cofacilitator, "gcm", "p1", &amendment, Acceptance::Whole),
            Err(Error::Conflict(key)) if key == NO_CHANGE
        );
        let audited: i64 = audit_log::table
            .filter(audit_log::action.eq("document.accept-amendment"))
            .count()
            .get_result(conn)
            .expect("counted");
        (alternative, refused, whole, unchanged, audited)
    })
    .await;
    assert!(refused, "a stakeholder takes in no amendment");
    assert_eq!(
        alternative,
        "We, the Heads of State, meet in [Marrakech.] [Rabat. {A/1: Morocco, African Group}]"
    );
    assert_eq!(whole, "We, the Heads of State, meet in Rabat.");
    assert!(unchanged, "an amendment taken in already changes nothing");
    assert_eq!(audited, 2, "each acceptance is audited");
    let (_, working) = drafter
        .get_text("/p/gcm/documents/draft?view=working")
        .await;
    assert!(working.contains("meet in Rabat."));
}
