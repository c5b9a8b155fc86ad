//! Written contributions: drafts, submission and receipts, attachments, kept text, forged
//! requests, moderation, search and filters, and the list's query count.

use reqwest::multipart::Form;
use reqwest::{Response, StatusCode};

use crate::helpers::{Backend, Browser, PASSWORD, TestApp, csrf_of, location, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    a_stakeholder_submits_and_gets_a_receipt,
    drafts_are_saved_on_the_server_and_stay_private,
    invalid_input_comes_back_with_every_field_kept,
    a_closed_window_keeps_the_text_as_a_draft,
    an_expired_session_keeps_the_text_as_a_draft,
    attachments_are_pdfs_served_as_downloads,
    forged_requests_are_refused,
    withdrawing_and_hiding_keep_a_trace,
    search_finds_every_script_and_filters_narrow,
    the_list_costs_the_same_queries_for_10_or_1000,
);

/// An administrator, a process `slug` with open windows, and an accredited stakeholder.
async fn setup(app: &TestApp, slug: &str) -> (Browser, Browser) {
    let admin = app.first_administrator("admin@example.org").await;
    assert_eq!(
        app.create_process(&admin, slug).await.status(),
        StatusCode::SEE_OTHER
    );
    let author = stakeholder(
        app,
        slug,
        "author@example.org",
        "Amal Author",
        "Migrant Forum in Asia",
        "civil-society",
    )
    .await;
    (admin, author)
}

pub async fn stakeholder(
    app: &TestApp,
    slug: &str,
    email: &str,
    name: &str,
    organisation: &str,
    category: &str,
) -> Browser {
    app.accredited(slug, email, name, organisation, category)
        .await
}

/// Sends the contribution form of `form_path` as a browser would: multipart, the page's
/// CSRF token in the action's query.
pub async fn send(
    browser: &Browser,
    form_path: &str,
    fields: &[(&str, &str)],
    files: Vec<(&str, Vec<u8>)>,
) -> Response {
    let (status, page) = browser.get_text(form_path).await;
    assert_eq!(status, StatusCode::OK, "{form_path}");
    send_with_token(browser, form_path, &csrf_of(&page), fields, files).await
}

async fn send_with_token(
    browser: &Browser,
    form_path: &str,
    token: &str,
    fields: &[(&str, &str)],
    files: Vec<(&str, Vec<u8>)>,
) -> Response {
    let files = files
        .into_iter()
        .map(|(name, bytes)| (name.to_string(), bytes))
        .collect();
    browser
        .send_multipart(form_path, token, fields, files)
        .await
}

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text}\ntrailer << /Root 1 0 R >>\n%%EOF\n").into_bytes()
}

fn draft_id_of(response: &Response) -> String {
    let location = location(response);
    let start = location.find("/drafts/").expect("a draft URL") + "/drafts/".len();
    location[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

async fn a_stakeholder_submits_and_gets_a_receipt(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = setup(&app, "gcm").await;
    let title = "Protecting the rights of migrant workers";
    let body = "States should **ensure** decent work.\n\nAnd access to justice.";
    let response = send(
        &author,
        "/p/gcm/contributions/new",
        &[
            ("title", title),
            ("body", body),
            ("group", "1"),
            ("action", "submit"),
        ],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        "/p/gcm/contributions/TST-WC-0001?notice=submitted"
    );

    let expected_hash = concord::domain::contributions::content_hash(title, body);
    let visitor = app.new_browser();
    let (status, page) = visitor.get_text("/p/gcm/contributions/TST-WC-0001").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("TST/WC/0001"));
    assert!(
        page.contains(&expected_hash),
        "the receipt shows the SHA-256"
    );
    assert!(
        page.contains("<strong>ensure</strong>"),
        "Markdown is rendered"
    );
    assert!(page.contains("Migrant Forum in Asia") && page.contains("Civil society"));

    let receipt = visitor
        .get("/p/gcm/contributions/TST-WC-0001/receipt.txt")
        .await;
    assert!(
        receipt
            .headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("attachment"))
    );
    let text = receipt.text().await.expect("body");
    assert!(text.contains("Reference: TST/WC/0001") && text.contains(&expected_hash));

    let (_, list) = visitor.get_text("/p/gcm/contributions").await;
    assert!(list.contains(title));

    // The hash stored is the hash of the text stored.
    let (stored_title, stored_body, stored_hash) = with_db(&app, |conn| {
        use concord::db::schema::contributions::dsl::*;
        use diesel::prelude::*;
        contributions
            .select((title, body, content_hash))
            .first::<(String, String, Option<String>)>(conn)
            .expect("a contribution")
    })
    .await;
    assert_eq!(
        Some(concord::domain::contributions::content_hash(
            &stored_title,
            &stored_body
        )),
        stored_hash
    );
    let (_, audit) = admin.get_text("/admin/processes/gcm/audit").await;
    assert!(audit.contains("contribution.submit"));

    // The next one gets the next number.
    let response = send(
        &author,
        "/p/gcm/contributions/new",
        &[("title", "Second"), ("body", "Text"), ("action", "submit")],
        vec![],
    )
    .await;
    assert_eq!(
        location(&response),
        "/p/gcm/contributions/TST-WC-0002?notice=submitted"
    );
}

async fn drafts_are_saved_on_the_server_and_stay_private(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = setup(&app, "gcm").await;
    let response = send(
        &author,
        "/p/gcm/contributions/new",
        &[
            ("title", "مسودة عن حقوق المهاجرين"),
            ("body", "نص أولي"),
            ("action", "save"),
        ],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id = draft_id_of(&response);
    let draft_path = format!("/p/gcm/contributions/drafts/{id}");
    let (status, page) = author.get_text(&draft_path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("value=\"مسودة عن حقوق المهاجرين\"") && page.contains(">نص أولي</textarea>")
    );

    // Not public, not someone else's to read or change.
    let (_, list) = app.new_browser().get_text("/p/gcm/contributions").await;
    assert!(!list.contains("مسودة"));
    let other = stakeholder(
        &app,
        "gcm",
        "other@example.org",
        "Other Person",
        "Another NGO",
        "civil-society",
    )
    .await;
    // Someone else's draft is not found: its number tells nothing.
    assert_eq!(other.get(&draft_path).await.status(), StatusCode::NOT_FOUND);
    let (_, own_page) = other.get_text("/p/gcm/contributions/new").await;
    let forged = send_with_token(
        &other,
        &draft_path,
        &csrf_of(&own_page),
        &[("title", "Hijacked"), ("body", "x"), ("action", "submit")],
        vec![],
    )
    .await;
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.new_browser().get(&draft_path).await.status(),
        StatusCode::SEE_OTHER
    );

    // The script's autosave: JSON, with the token in a header, and never without it.
    let (_, page) = author.get_text(&draft_path).await;
    let token = csrf_of(&page);
    let saved = author
        .client
        .post(author.url("/p/gcm/contributions/autosave"))
        .header("X-CSRF-Token", &token)
        .form(&[
            ("draft_id", id.as_str()),
            ("title", "مسودة محدثة"),
            ("body", "نص أطول قليلا"),
        ])
        .send()
        .await
        .expect("answered");
    assert_eq!(saved.status(), StatusCode::OK);
    let json: serde_json::Value = saved.json().await.expect("JSON");
    assert_eq!(json["draft_id"].to_string(), id);
    let (_, page) = author.get_text(&draft_path).await;
    assert!(page.contains("نص أطول قليلا"));
    let unsigned = author
        .client
        .post(author.url("/p/gcm/contributions/autosave"))
        .form(&[("draft_id", id.as_str()), ("title", "x"), ("body", "y")])
        .send()
        .await
        .expect("answered");
    assert_eq!(unsigned.status(), StatusCode::FORBIDDEN);

    // Submitting the draft makes it public, and its URL now leads there.
    let response = send(
        &author,
        &draft_path,
        &[
            ("title", "مسودة محدثة"),
            ("body", "نص أطول قليلا"),
            ("action", "submit"),
        ],
        vec![],
    )
    .await;
    assert_eq!(
        location(&response),
        "/p/gcm/contributions/TST-WC-0001?notice=submitted"
    );
    let again = author.get(&draft_path).await;
    assert_eq!(location(&again), "/p/gcm/contributions/TST-WC-0001");
}

async fn invalid_input_comes_back_with_every_field_kept(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = setup(&app, "gcm").await;
    let long_title = "T".repeat(301);
    let body = "A long text that must not be lost.\nSecond line.";
    let response = send(
        &author,
        "/p/gcm/contributions/new",
        &[
            ("title", &long_title),
            ("body", body),
            ("group", "2"),
            ("group", "99"),
            ("action", "submit"),
        ],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(
        page.contains(&format!("value=\"{long_title}\"")),
        "the title is kept"
    );
    assert!(
        page.contains("A long text that must not be lost.\nSecond line.</textarea>"),
        "the text is kept"
    );
    assert!(page.contains("id=\"title-error\""));
    assert!(page.contains("This process has no action group with this number"));
    assert!(
        page.contains("value=\"2\" checked"),
        "chosen groups stay chosen"
    );
    let count: i64 = with_db(&app, |conn| {
        use concord::db::schema::contributions::dsl::*;
        use diesel::prelude::*;
        contributions.count().get_result(conn).expect("count")
    })
    .await;
    assert_eq!(count, 0, "nothing invalid was saved");

    // Submitting without a title saves the text as a draft and says what is missing.
    let response = send(
        &author,
        "/p/gcm/contributions/new",
        &[("title", ""), ("body", body), ("action", "submit")],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(page.contains("saved as a draft") && page.contains("id=\"title-error\""));
    assert!(page.contains("Second line.</textarea>"));

    // NUL bytes are refused, not stored.
    let response = send(
        &author,
        "/p/gcm/contributions/new",
        &[
            ("title", "Nul\u{0}title"),
            ("body", "x"),
            ("action", "save"),
        ],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

async fn close_consultation(app: &TestApp) {
    with_db(app, |conn| {
        use concord::db::schema::phases::dsl::*;
        use diesel::prelude::*;
        let yesterday = concord::store::now() - chrono::TimeDelta::days(1);
        diesel::update(phases.filter(kind.eq("consultation")))
            .set(closes_at.eq(yesterday))
            .execute(conn)
            .expect("closed");
    })
    .await;
}

async fn a_closed_window_keeps_the_text_as_a_draft(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = setup(&app, "gcm").await;
    // The author opens the form while the window is open…
    let (_, page) = author.get_text("/p/gcm/contributions/new").await;
    let token = csrf_of(&page);
    // …and the window closes while they write.
    close_consultation(&app).await;
    let response = send_with_token(
        &author,
        "/p/gcm/contributions/new",
        &token,
        &[
            ("title", "Late thoughts"),
            ("body", "Written as the window closed."),
            ("action", "submit"),
        ],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.expect("body");
    assert!(page.contains("closed while you were writing"));
    assert!(page.contains("Written as the window closed.</textarea>"));
    let (_, list) = author.get_text("/p/gcm/contributions").await;
    assert!(list.contains("id=\"drafts-heading\"") && list.contains("Late thoughts"));
    assert!(!list.contains("TST/WC/"));

    // The secretariat lets this one participant submit late.
    let response = admin
        .submit(
            "/admin/processes/gcm",
            "/admin/processes/gcm/late",
            &[
                ("email", "author@example.org"),
                ("phase", "consultation"),
                ("until", "2099-01-01T00:00"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let start = page
        .find("/contributions/drafts/")
        .expect("the draft's form")
        + "/contributions/drafts/".len();
    let id: String = page[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let response = send(
        &author,
        &format!("/p/gcm/contributions/drafts/{id}"),
        &[
            ("title", "Late thoughts"),
            ("body", "Written as the window closed."),
            ("action", "submit"),
        ],
        vec![],
    )
    .await;
    assert_eq!(
        location(&response),
        "/p/gcm/contributions/TST-WC-0001?notice=submitted"
    );
    // Others still cannot.
    let other = stakeholder(
        &app,
        "gcm",
        "other@example.org",
        "Other",
        "Another NGO",
        "civil-society",
    )
    .await;
    let response = send(
        &other,
        "/p/gcm/contributions/new",
        &[("title", "Too late"), ("body", "x"), ("action", "submit")],
        vec![],
    )
    .await;
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("saved as a draft")
    );
}

async fn an_expired_session_keeps_the_text_as_a_draft(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = setup(&app, "gcm").await;
    let (_, page) = author.get_text("/p/gcm/contributions/new").await;
    let token = csrf_of(&page);
    // The author writes for three hours; the session times out meanwhile.
    with_db(&app, |conn| {
        use concord::db::schema::sessions::dsl::*;
        use diesel::prelude::*;
        let long_ago = concord::store::now() - chrono::TimeDelta::hours(3);
        diesel::update(sessions)
            .set(last_seen_at.eq(long_ago))
            .execute(conn)
            .expect("aged");
    })
    .await;
    let response = send_with_token(
        &author,
        "/p/gcm/contributions/new",
        &token,
        &[
            ("title", "Three hours of work"),
            ("body", "Every word of it."),
            ("action", "submit"),
        ],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let to = location(&response);
    assert!(
        to.starts_with("/login?next=%2Fp%2Fgcm%2Fcontributions%2Fdrafts%2F"),
        "{to}"
    );
    assert!(to.ends_with("notice=session-expired-draft-saved"));
    let (_, login_page) = author.get_text(&to).await;
    assert!(login_page.contains("your text was saved as a draft"));
    assert_eq!(
        author.login("author@example.org", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, list) = author.get_text("/p/gcm/contributions").await;
    assert!(list.contains("Three hours of work"));
}

async fn attachments_are_pdfs_served_as_downloads(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = setup(&app, "gcm").await;
    let response = send(
        &author,
        "/p/gcm/contributions/new",
        &[
            ("title", "With annex"),
            ("body", "See the annex."),
            ("action", "submit"),
        ],
        vec![
            ("annex (final).pdf", pdf("annex")),
            ("malware.pdf", b"<html><script>alert(1)</script>".to_vec()),
        ],
    )
    .await;
    // The HTML pretending to be a PDF is refused; the text and the real PDF are kept.
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(page.contains("Only PDF files can be attached"));
    assert!(page.contains("annex (final).pdf"));
    let start =
        page.find("/contributions/drafts/").expect("a draft") + "/contributions/drafts/".len();
    let id: String = page[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let response = send(
        &author,
        &format!("/p/gcm/contributions/drafts/{id}"),
        &[
            ("title", "With annex"),
            ("body", "See the annex."),
            ("action", "submit"),
        ],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let visitor = app.new_browser();
    let (_, page) = visitor.get_text("/p/gcm/contributions/TST-WC-0001").await;
    let marker = "/p/gcm/contributions/TST-WC-0001/files/";
    let start = page.find(marker).expect("a file link") + marker.len();
    let link: String = page[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let file = visitor.get(&format!("{marker}{link}")).await;
    assert_eq!(file.status(), StatusCode::OK);
    let headers = file.headers().clone();
    assert_eq!(
        headers.get("content-type").map(|v| v.as_bytes()),
        Some(&b"application/pdf"[..])
    );
    assert_eq!(
        headers.get("x-content-type-options").map(|v| v.as_bytes()),
        Some(&b"nosniff"[..])
    );
    let disposition = headers
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert_eq!(file.bytes().await.expect("bytes").to_vec(), pdf("annex"));

    // The same bytes attached twice are stored once.
    send(
        &author,
        "/p/gcm/contributions/new",
        &[
            ("title", "Same annex"),
            ("body", "Again."),
            ("action", "submit"),
        ],
        vec![("copy.pdf", pdf("annex"))],
    )
    .await;
    let stored: i64 = with_db(&app, |conn| {
        use concord::db::schema::attachments::dsl::*;
        use diesel::prelude::*;
        attachments.count().get_result(conn).expect("count")
    })
    .await;
    assert_eq!(stored, 1);

    // Over 20 MB: 413 with a readable page.
    let huge = vec![b'x'; 21 * 1024 * 1024];
    let response = send(
        &author,
        "/p/gcm/contributions/new",
        &[("title", "Too big"), ("body", "x"), ("action", "save")],
        vec![("huge.pdf", huge)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("larger than Concord accepts")
    );
}

async fn forged_requests_are_refused(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = setup(&app, "gcm").await;
    app.create_process(&admin, "other").await;
    // Not accredited: no form, no submission.
    let outsider = app
        .participant(
            "outsider@example.org",
            "Outsider",
            "Some Company",
            "private-sector",
        )
        .await;
    assert_eq!(
        outsider.get("/p/gcm/contributions/new").await.status(),
        StatusCode::FORBIDDEN
    );
    let (_, page) = outsider.get_text("/p/gcm").await;
    let response = send_with_token(
        &outsider,
        "/p/gcm/contributions/new",
        &csrf_of(&page),
        &[("title", "Forged"), ("body", "x"), ("action", "submit")],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // Accredited in gcm is not accredited in another process.
    assert_eq!(
        author.get("/p/other/contributions/new").await.status(),
        StatusCode::FORBIDDEN
    );
    // Signed out: nothing is saved, and the text comes back to be signed in with
    // (`web::keep`; its body read only up to the text limits, `web::bodies`).
    let anonymous = app.new_browser();
    let (_, page) = anonymous.get_text("/p/gcm").await;
    let response = send_with_token(
        &anonymous,
        "/p/gcm/contributions/new",
        &csrf_of(&page),
        &[
            ("title", "Anonymous"),
            ("body", "Kept for copying"),
            ("action", "submit"),
        ],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let page = response.text().await.expect("body");
    assert!(page.contains("data-kept=\"signed-out\""), "{page}");
    assert!(page.contains("Kept for copying"));
    // Without the CSRF token, refused: the form comes back to be sent with one.
    let response = author
        .client
        .post(author.url("/p/gcm/contributions/new"))
        .multipart(
            Form::new()
                .text("title", "No token")
                .text("body", "x")
                .text("action", "submit"),
        )
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // Someone else's contribution cannot be withdrawn; a stakeholder cannot hide.
    send(
        &author,
        "/p/gcm/contributions/new",
        &[("title", "Mine"), ("body", "x"), ("action", "submit")],
        vec![],
    )
    .await;
    let other = stakeholder(
        &app,
        "gcm",
        "other@example.org",
        "Other",
        "Another NGO",
        "civil-society",
    )
    .await;
    let response = other
        .submit(
            "/p/gcm/contributions/TST-WC-0001",
            "/p/gcm/contributions/TST-WC-0001/withdraw",
            &[("", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = other
        .submit(
            "/p/gcm/contributions/TST-WC-0001",
            "/p/gcm/contributions/TST-WC-0001/hide",
            &[("reason", "I do not like it")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let count: i64 = with_db(&app, |conn| {
        use concord::db::schema::contributions::dsl::*;
        use diesel::prelude::*;
        contributions
            .filter(status.eq("submitted"))
            .count()
            .get_result(conn)
            .expect("count")
    })
    .await;
    assert_eq!(count, 1);
}

async fn withdrawing_and_hiding_keep_a_trace(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = setup(&app, "gcm").await;
    for title in ["First thoughts", "Offensive words"] {
        send(
            &author,
            "/p/gcm/contributions/new",
            &[
                ("title", title),
                ("body", "Body text"),
                ("action", "submit"),
            ],
            vec![],
        )
        .await;
    }
    let response = author
        .submit(
            "/p/gcm/contributions/TST-WC-0001",
            "/p/gcm/contributions/TST-WC-0001/withdraw",
            &[("", "")],
        )
        .await;
    assert_eq!(
        location(&response),
        "/p/gcm/contributions/TST-WC-0001?notice=withdrawn"
    );
    let (_, page) = app
        .new_browser()
        .get_text("/p/gcm/contributions/TST-WC-0001")
        .await;
    assert!(page.contains("First thoughts") && page.contains("withdrew this contribution"));

    let moderator = app.moderator(&admin).await;
    let response = moderator
        .submit(
            "/p/gcm/contributions/TST-WC-0002",
            "/p/gcm/contributions/TST-WC-0002/hide",
            &[("reason", "Breaches the code of conduct")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, page) = app
        .new_browser()
        .get_text("/p/gcm/contributions/TST-WC-0002")
        .await;
    assert_eq!(status, StatusCode::OK, "a tombstone stays");
    assert!(page.contains("Breaches the code of conduct"));
    assert!(
        !page.contains("Offensive words"),
        "the hidden text is not shown"
    );
    let (_, list) = app.new_browser().get_text("/p/gcm/contributions").await;
    assert!(!list.contains("Offensive words") && list.contains("Breaches the code of conduct"));
    let (_, audit) = admin.get_text("/admin/processes/gcm/audit").await;
    assert!(audit.contains("contribution.withdraw") && audit.contains("contribution.hide"));
}

async fn search_finds_every_script_and_filters_narrow(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = setup(&app, "gcm").await;
    let state = stakeholder(
        &app,
        "gcm",
        "state@example.org",
        "Delegate",
        "Permanent Mission of Morocco",
        "member-state",
    )
    .await;
    let items = [
        (
            &author,
            "Migrant workers' rights",
            "Decent work for all migrant workers.",
            "1",
        ),
        (
            &author,
            "حقوق العمال المهاجرين",
            "العمل اللائق لجميع العمال المهاجرين.",
            "2",
        ),
        (
            &state,
            "移民工人的权利",
            "为所有移民工人提供体面工作。",
            "2",
        ),
        (
            &state,
            "Права трудящихся-мигрантов",
            "Достойный труд для всех ДЕТЕЙ и взрослых.",
            "1",
        ),
    ];
    for (browser, title, body, group) in items {
        let response = send(
            browser,
            "/p/gcm/contributions/new",
            &[
                ("title", title),
                ("body", body),
                ("group", group),
                ("action", "submit"),
            ],
            vec![],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let visitor = app.new_browser();
    let count = |page: &str| -> String {
        let marker = "<p role=\"status\">";
        let start = page.find(marker).expect("a count") + marker.len();
        page[start..].split('<').next().unwrap_or("").to_string()
    };
    let search = |query: &'static str| {
        let visitor = &visitor;
        async move {
            let url = format!(
                "/p/gcm/contributions?q={}",
                concord::web::error::urlencode(query)
            );
            visitor.get_text(&url).await.1
        }
    };
    for (query, expected_title) in [
        // The author's organisation (Migrant Forum in Asia) is searched too: with one more
        // word, only the Latin text is left.
        ("MIGRANT WORKERS", "Migrant workers"),
        ("المهاجرين", "حقوق العمال المهاجرين"),
        ("移民", "移民工人的权利"),
        ("детей", "Права трудящихся-мигрантов"),
        ("decent work", "Migrant workers"),
    ] {
        let page = search(query).await;
        assert_eq!(count(&page), "One contribution", "{query}");
        assert!(
            page.contains(expected_title),
            "{query} finds {expected_title}"
        );
    }
    assert_eq!(count(&search("nothing-like-this").await), "0 contributions");
    // Wildcards are literal text, not SQL.
    assert_eq!(count(&search("%").await), "0 contributions");
    assert_eq!(count(&search("' OR 1=1 --").await), "0 contributions");

    let (_, page) = visitor
        .get_text("/p/gcm/contributions?category=member-state")
        .await;
    assert_eq!(count(&page), "2 contributions");
    let (_, page) = visitor.get_text("/p/gcm/contributions?group=2").await;
    assert_eq!(count(&page), "2 contributions");
    let (_, page) = visitor
        .get_text("/p/gcm/contributions?group=2&category=civil-society")
        .await;
    assert_eq!(count(&page), "One contribution");
    // Unknown filter values are ignored, never passed on.
    let (status, page) = visitor
        .get_text("/p/gcm/contributions?sort=id;DROP%20TABLE&category=x&group=abc&page=-4")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(count(&page), "4 contributions");
    let (_, page) = visitor.get_text("/p/gcm/contributions?sort=title").await;
    let latin = page.find("Migrant workers").expect("latin");
    let cyrillic = page.find("Права").expect("cyrillic");
    assert!(latin < cyrillic, "sorted by title");
}

async fn the_list_costs_the_same_queries_for_10_or_1000(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, _author) = setup(&app, "gcm").await;
    let add = |n: usize| {
        with_db(&app, move |conn| {
            use concord::store::contributions::{DraftContent, create_draft, mark_submitted};
            use diesel::prelude::*;
            let (process, author, group, theme): (i64, i64, i64, i64) = {
                use concord::db::schema::{accounts, action_groups, processes, themes};
                (
                    processes::table
                        .select(processes::id)
                        .first(conn)
                        .expect("process"),
                    accounts::table
                        .filter(accounts::email.eq("author@example.org"))
                        .select(accounts::id)
                        .first(conn)
                        .expect("author"),
                    action_groups::table
                        .select(action_groups::id)
                        .first(conn)
                        .expect("group"),
                    themes::table.select(themes::id).first(conn).expect("theme"),
                )
            };
            concord::db::write_transaction(conn, |conn| -> diesel::QueryResult<()> {
                for i in 0..n {
                    let content = DraftContent {
                        event_id: None,
                        language: concord::domain::text_language::TextLanguage(
                            concord::i18n::Lang::En,
                        ),
                        title: format!("Contribution {i}"),
                        body: format!("Body {i}"),
                        group_ids: vec![group],
                        theme_ids: vec![theme],
                    };
                    let id = create_draft(conn, process, author, None, &content)?;
                    mark_submitted(
                        conn,
                        id,
                        &format!("TST/WC/X{i}-{n}"),
                        "hash",
                        concord::store::now(),
                    )?;
                }
                Ok(())
            })
            .expect("inserted");
        })
    };
    let visitor = app.new_browser();
    visitor.get("/p/gcm/contributions").await;
    add(10).await;
    // Both readings after the notices of the rows added (PostgreSQL), so that both read the
    // process's stamps (`db::listen`).
    app.settle().await;
    let before = app.queries.get();
    let (status, _) = visitor
        .get_text("/p/gcm/contributions?q=contribution")
        .await;
    assert_eq!(status, StatusCode::OK);
    let with_10 = app.queries.get() - before;
    add(1000).await;
    app.settle().await;
    let before = app.queries.get();
    let (status, page) = visitor
        .get_text("/p/gcm/contributions?q=contribution")
        .await;
    assert_eq!(status, StatusCode::OK);
    let with_1010 = app.queries.get() - before;
    assert!(page.contains("1010 contributions"));
    assert_eq!(
        with_10, with_1010,
        "the same number of queries for 10 and for 1,010 rows"
    );
}
