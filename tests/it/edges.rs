//! The smaller rough edges (issue 14): list excerpts are plain text; the API's timestamps carry
//! their zone and its errors are JSON; the working copy of a long document stays light; a
//! near-verbatim duplicate proposal is shown as near-identical; the audit log reads in words,
//! with filters and pages.

use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, TestApp, csrf_of, spawn_app, with_db};
use crate::on_both_backends;
use crate::review;
use concord::domain::documents::{DocumentKind, Node, NodeKind};

on_both_backends!(
    list_excerpts_are_the_plain_text_of_the_markdown,
    every_api_timestamp_carries_its_zone,
    api_errors_answer_json,
    the_working_copy_of_300_paragraphs_stays_light,
    a_near_verbatim_duplicate_is_near_identical_in_the_queue,
    the_audit_log_reads_in_words_with_filters_and_pages,
    similarities_stored_by_the_old_rule_are_found_again,
);

/// Submits a contribution through its form, as a browser would.
async fn contribute(browser: &Browser, title: &str, body: &str) {
    let form = "/p/gcm/contributions/new";
    let (_, page) = browser.get_text(form).await;
    let fields = [("title", title), ("body", body), ("action", "submit")];
    let response = browser
        .send_multipart(form, &csrf_of(&page), &fields, vec![])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{title} sent");
}

/// The excerpt paragraphs of a list page.
fn excerpts(page: &str) -> Vec<String> {
    // Each excerpt carries its text's `lang` and `dir`.
    page.split("<p class=\"excerpt\" lang=")
        .skip(1)
        .filter_map(|rest| rest.split_once('>').map(|(_, text)| text))
        .filter_map(|rest| rest.split("</p>").next())
        .map(str::to_string)
        .collect()
}

async fn list_excerpts_are_the_plain_text_of_the_markdown(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = app.process_and_author().await;
    contribute(
        &author,
        "Marked up",
        "## Fair recruitment\n\nStates **must** end *all* recruitment fees, see \
         [the ILO principles](https://example.org/ilo-principles) and `C181`.\n\n\
         - zero fees\n- written contracts",
    )
    .await;
    let long = "Portable social security for every migrant worker. ".repeat(40);
    contribute(&author, "Long letter", &long).await;

    for path in [
        "/p/gcm/contributions",
        "/p/gcm/contributions?q=recruitment",
        "/p/gcm/contributions?q=portable",
    ] {
        let (status, page) = app.new_browser().get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let shown = excerpts(&page);
        assert!(!shown.is_empty(), "{path} shows excerpts");
        for excerpt in &shown {
            for syntax in ["**", "##", "](", "`", "https://", "- zero"] {
                assert!(
                    !excerpt.contains(syntax),
                    "{path}: {syntax:?} in {excerpt:?}"
                );
            }
        }
    }
    let (_, page) = app.new_browser().get_text("/p/gcm/contributions").await;
    let shown = excerpts(&page);
    assert!(
        shown.contains(
            &"Fair recruitment States must end all recruitment fees, see the ILO principles \
              and C181. zero fees written contracts"
                .to_string()
        ),
        "{shown:?}"
    );
    // The long one is cut at a word, within 240 characters, with an ellipsis.
    let cut = shown
        .iter()
        .find(|e| e.starts_with("Portable"))
        .expect("the long letter's excerpt");
    assert!(cut.ends_with("…"), "{cut}");
    assert!(cut.chars().count() <= 241, "{cut}");
    let words = cut.trim_end_matches('…');
    assert!(
        long.starts_with(words) && long[words.len()..].starts_with(' '),
        "cut at a word boundary: {cut}"
    );
}

/// Whether `value` is an RFC 3339 timestamp with its zone.
fn zoned(value: &serde_json::Value) -> bool {
    value
        .as_str()
        .is_some_and(|text| chrono::DateTime::parse_from_rfc3339(text).is_ok())
}

async fn every_api_timestamp_carries_its_zone(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = app.process_and_author().await;
    contribute(&author, "Dated", "A contribution with a date.").await;
    let visitor = app.new_browser();

    let process: serde_json::Value = visitor.get("/api/p/gcm").await.json().await.expect("JSON");
    let phases = process["phases"].as_array().expect("phases");
    assert!(!phases.is_empty());
    for phase in phases {
        assert!(
            zoned(&phase["opens_at"]) && zoned(&phase["closes_at"]),
            "{phase}"
        );
    }
    let listed: serde_json::Value = visitor
        .get("/api/p/gcm/contributions")
        .await
        .json()
        .await
        .expect("JSON");
    let first = &listed["contributions"][0];
    let submitted = first["submitted_at"].as_str().expect("a submission time");
    assert!(submitted.ends_with('Z'), "{submitted}");
    assert!(zoned(&first["submitted_at"]), "{submitted}");
    // The open-data JSON is the same records: the same zone.
    let (status, data) = visitor
        .get_text("/p/gcm/open-data/contributions.json")
        .await;
    assert_eq!(status, StatusCode::OK);
    let data: serde_json::Value =
        serde_json::from_str(data.trim_start_matches('\u{feff}')).expect("JSON");
    assert!(zoned(&data[0]["submitted_at"]), "{}", data[0]);
}

/// The JSON error an API address answered, after checking its status and type.
async fn json_error(response: reqwest::Response, status: StatusCode) -> serde_json::Value {
    assert_eq!(response.status(), status, "{}", response.url());
    let kind = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(kind.starts_with("application/json"), "{kind}");
    let body: serde_json::Value = response.json().await.expect("a JSON body");
    assert_eq!(body["error"]["status"], status.as_u16(), "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    body
}

async fn api_errors_answer_json(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, _) = app.process_and_author().await;
    let visitor = app.new_browser();
    for path in [
        "/api/p/nowhere",
        "/api/p/gcm/documents/none",
        "/api/p/gcm/drafts",
        "/api/no-such-address",
        "/api",
    ] {
        let body = json_error(visitor.get(path).await, StatusCode::NOT_FOUND).await;
        assert_eq!(body["error"]["kind"], "not-found", "{path}");
    }
    // A query string the extractor cannot read.
    let body = json_error(
        visitor
            .get("/api/p/gcm/contributions?after=1&after=2")
            .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(body["error"]["kind"], "bad-request");
    // An unsafe request without its token, even signed in.
    let body = json_error(
        admin.post_form("/api/processes", &[("a", "b")]).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_eq!(body["error"]["kind"], "csrf");
    // In the visitor's language.
    let french = visitor
        .client
        .get(visitor.url("/api/p/nowhere"))
        .header(reqwest::header::ACCEPT_LANGUAGE, "fr")
        .send()
        .await
        .expect("answered");
    let body = json_error(french, StatusCode::NOT_FOUND).await;
    assert_eq!(body["error"]["kind"], "not-found");
    assert_ne!(body["error"]["message"], "Page not found", "{body}");
    // Pages keep their HTML error pages, even at addresses that begin like the API's.
    for path in ["/p/nowhere", "/apis"] {
        let page = visitor.get(path).await;
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
        let kind = page.headers()[reqwest::header::CONTENT_TYPE]
            .to_str()
            .unwrap_or_default()
            .to_string();
        assert!(kind.starts_with("text/html"), "{path}: {kind}");
    }
}

/// A paragraph of a long draft: about 230 characters, as the Compact's are.
fn paragraph(i: usize) -> Node {
    Node {
        key: format!("p{i}"),
        kind: NodeKind::Paragraph,
        text: format!(
            "States commit to strengthen the collection and use of accurate, disaggregated \
             data on migration ({i}), to develop comparable indicators, and to share them \
             among countries of origin, transit and destination."
        ),
        status: Default::default(),
        provenance: vec![],
    }
}

/// The bytes of a working copy page beyond its layout, per paragraph, over its text.
const BYTES_PER_PARAGRAPH: usize = 500;

async fn the_working_copy_of_300_paragraphs_stays_light(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let editor = drafting_process(&app).await;
    with_db(&app, |conn| {
        use concord::store::documents::{NewDocument, create_document};
        use diesel::prelude::*;
        let process: i64 = {
            use concord::db::schema::processes::dsl::*;
            processes.select(id).first(conn).expect("a process")
        };
        for (slug, count) in [("short", 1), ("long", 300)] {
            let nodes: Vec<Node> = (0..count).map(paragraph).collect();
            create_document(
                conn,
                &NewDocument {
                    process_id: process,
                    slug,
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
        }
    })
    .await;
    let (status, short) = editor.get_text("/p/gcm/documents/short?view=working").await;
    assert_eq!(status, StatusCode::OK);
    let (status, long) = editor.get_text("/p/gcm/documents/long?view=working").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        long.contains(&paragraph(299).text),
        "every paragraph is shown"
    );
    let text = paragraph(150).text.len();
    let per_paragraph = (long.len() - short.len()) / 299;
    println!(
        "working copy: {} bytes for 300 paragraphs, {per_paragraph} per paragraph ({text} of text)",
        long.len()
    );
    assert!(
        per_paragraph <= text + BYTES_PER_PARAGRAPH,
        "{per_paragraph} bytes per paragraph of {text} characters"
    );
    // No form per paragraph: a paragraph's tools are two links.
    assert!(long.matches("<form").count() < 10, "forms on the page");
    assert_eq!(long.matches("/nodes/p42/edit").count(), 1);

    // What each paragraph's forms did is on its editing page: edit, move, remove, add after.
    let edit = "/p/gcm/documents/long/nodes/p42/edit";
    let (status, page) = editor.get_text(edit).await;
    assert_eq!(status, StatusCode::OK);
    for action in [
        "/p/gcm/documents/long/nodes/p42\"",
        "/p/gcm/documents/long/nodes/p42/move",
        "/p/gcm/documents/long/nodes/p42/delete",
        "/p/gcm/documents/long/nodes\"",
    ] {
        assert!(page.contains(&format!("action=\"{action}")), "{action}");
    }
    let added = editor
        .submit(
            edit,
            "/p/gcm/documents/long/nodes",
            &[
                ("after", "p42"),
                ("kind", "paragraph"),
                ("text", "Inserted after 42."),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let moved = editor
        .submit(
            edit,
            "/p/gcm/documents/long/nodes/p42/move",
            &[("direction", "up")],
        )
        .await;
    assert_eq!(moved.status(), StatusCode::SEE_OTHER);
    let (_, long) = editor.get_text("/p/gcm/documents/long?view=working").await;
    let at = |needle: &str| long.find(needle).expect(needle);
    assert!(at("(41)") > at("(42)"), "42 moved above 41");
    assert!(at("Inserted after 42.") > at("(42)") && at("Inserted after 42.") < at("(43)"));
}

/// Process `gcm` and a co-facilitator, who drafts.
async fn drafting_process(app: &TestApp) -> Browser {
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
    cofacilitator
}

const COMMITMENT: &str = "States commit to establish regular pathways for migrant workers in \
                          agriculture and care, with portable social security, fair \
                          recruitment and access to justice for all.";

async fn a_near_verbatim_duplicate_is_near_identical_in_the_queue(backend: Backend) {
    let Some(r) = review::setup(backend).await else {
        return;
    };
    let other = review::accredited(
        &r.app,
        "other@example.org",
        "Omar Other",
        "Another NGO",
        "civil-society",
    )
    .await;
    let (_, original) = review::propose(&r.author, "Regular pathways", COMMITMENT, "1").await;
    // Sent again by another organisation: two words changed, other case and punctuation.
    let copy = COMMITMENT
        .replace("establish", "create")
        .replace("fair", "ethical")
        .replace(", ", " - ")
        .to_uppercase();
    let (_, duplicate) = review::propose(&other, "REGULAR PATHWAYS!", &copy, "1").await;
    let (_, related) = review::propose(
        &other,
        "Decent work",
        "States commit to decent work for migrant workers in care, with fair wages and \
         the portability of pensions.",
        "1",
    )
    .await;

    let (status, page) = r.rapporteur.get_text(review::QUEUE).await;
    assert_eq!(status, StatusCode::OK);
    let item = |reference: &str| -> String {
        let start = page
            .find(&format!("<code dir=\"ltr\">{reference}</code> <a"))
            .expect("listed");
        let end = page[start..]
            .find("</article>")
            .map_or(page.len(), |e| start + e);
        page[start..end].to_string()
    };
    let beside_original = item(&original);
    let line = beside_original
        .split("<li>")
        .find(|l| l.contains(&duplicate))
        .expect("the duplicate is beside the original");
    let percent: u32 = line
        .split("% alike")
        .next()
        .and_then(|before| before.rsplit('>').next())
        .and_then(|n| n.trim().parse().ok())
        .expect("a percentage");
    assert!(percent >= 90, "{percent} % for a near-verbatim copy");
    assert!(line.contains("near-identical"), "{line}");
    assert!(
        item(&duplicate).contains("near-identical"),
        "the other way round too"
    );
    if let Some(related_line) = beside_original.split("<li>").find(|l| l.contains(&related)) {
        assert!(!related_line.contains("near-identical"), "{related_line}");
    }
    // The review page labels it too.
    let (_, page) = r
        .rapporteur
        .get_text(&review::review_page("1", &duplicate))
        .await;
    assert!(page.contains(&original) && page.contains("near-identical"));
}

/// The ids of the entries an audit page lists, in order.
fn entry_ids(page: &str) -> Vec<i64> {
    page.split("<tr id=\"entry-")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

/// The body of an audit page's table (the filter's options name every action too).
fn table(page: &str) -> &str {
    page.split_once("<tbody>")
        .and_then(|(_, rest)| rest.split_once("</tbody>"))
        .map_or("", |(body, _)| body)
}

/// The address a page's link marked `rel` points to.
fn link(page: &str, rel: &str) -> Option<String> {
    let marker = format!("\" rel=\"{rel}\"");
    let end = page.find(&marker)?;
    let start = page[..end].rfind("href=\"")? + "href=\"".len();
    Some(page[start..end].replace("&amp;", "&"))
}

async fn the_audit_log_reads_in_words_with_filters_and_pages(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = app.process_and_author().await;
    contribute(&author, "First letter", "On regular pathways.").await;
    contribute(&author, "Second letter", "On consular protection.").await;
    let audit = "/admin/processes/gcm/audit";

    // In words: what happened, to what (linked), by whom, when.
    let (status, page) = admin.get_text(audit).await;
    assert_eq!(status, StatusCode::OK);
    let rows = table(&page);
    for words in [
        "Submitted a contribution",
        "Created the process",
        "Amal Author",
        "href=\"/p/gcm/contributions/TST-WC-0001\"><bdi>TST/WC/0001</bdi>",
        "<time datetime=\"",
        "contribution.submit",
    ] {
        assert!(rows.contains(words), "{words}");
    }

    // Filters: the kind of action, who acted, the days.
    let (_, page) = admin
        .get_text(&format!("{audit}?action=contribution.submit"))
        .await;
    let rows = table(&page);
    assert_eq!(rows.matches("Submitted a contribution").count(), 2);
    assert!(!rows.contains("Created the process"));
    assert!(page.contains("<option value=\"contribution.submit\" selected>"));
    let (_, page) = admin.get_text(&format!("{audit}?actor=amal")).await;
    assert!(!entry_ids(&page).is_empty());
    assert_eq!(
        table(&page)
            .matches("<td><bdi>Amal Author</bdi></td>")
            .count(),
        entry_ids(&page).len(),
        "every entry is by the author"
    );
    let (_, page) = admin.get_text(&format!("{audit}?actor=nobody%25")).await;
    assert!(entry_ids(&page).is_empty() && page.contains("No entry matches these filters."));
    let today = chrono::Utc::now().date_naive();
    let tomorrow = today.succ_opt().expect("a day");
    let (_, page) = admin
        .get_text(&format!("{audit}?from={today}&to={today}"))
        .await;
    let all_today = entry_ids(&page).len();
    assert!(all_today >= 3, "{all_today}");
    let (_, page) = admin.get_text(&format!("{audit}?from={tomorrow}")).await;
    assert!(entry_ids(&page).is_empty());
    // A date that cannot be read is said so, kept in its field, and left out.
    let (status, page) = admin
        .get_text(&format!("{audit}?from=31%2F12%2F2026"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("name=\"from\" type=\"text\" value=\"31/12/2026\""),
        "kept in a field that can hold it"
    );
    assert!(page.contains("This one could not be read"));
    assert_eq!(entry_ids(&page).len(), all_today);

    // Pages: 130 more entries, walked by their links, newest first, each once.
    with_db(&app, |conn| {
        use diesel::prelude::*;
        let process: i64 = {
            use concord::db::schema::processes::dsl::*;
            processes.select(id).first(conn).expect("a process")
        };
        for i in 0..130 {
            concord::store::audit::record(
                conn,
                concord::store::audit::Entry {
                    actor_id: None,
                    process_id: Some(process),
                    action: "process.update",
                    subject: "process:gcm".into(),
                    detail: serde_json::json!({ "bulk": i }),
                },
            )
            .expect("recorded");
        }
    })
    .await;
    let mut seen: Vec<i64> = Vec::new();
    let mut pages = Vec::new();
    let mut next = Some(audit.to_string());
    while let Some(path) = next {
        let (status, page) = admin.get_text(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let ids = entry_ids(&page);
        assert!(ids.len() <= 50 && !ids.is_empty(), "{path}");
        seen.extend(&ids);
        next = link(&page, "next");
        pages.push((path, page));
        assert!(pages.len() < 10, "the pages end");
    }
    assert_eq!(pages.len(), (130 + all_today).div_ceil(50));
    let mut sorted = seen.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    sorted.dedup();
    assert_eq!(seen, sorted, "newest first, none twice");
    assert_eq!(seen.len(), 130 + all_today);
    assert!(
        table(&pages[0].1).contains("Concord"),
        "Concord itself acted"
    );
    // Back from the last page to the one before it.
    let previous = link(&pages[2].1, "prev").expect("a previous page");
    let (_, page) = admin.get_text(&previous).await;
    assert_eq!(entry_ids(&page), entry_ids(&pages[1].1));
    // A filter is kept from page to page.
    let (_, page) = admin
        .get_text(&format!("{audit}?action=process.update"))
        .await;
    let next = link(&page, "next").expect("a second page");
    assert!(next.contains("action=process.update"), "{next}");
    let (_, page) = admin.get_text(&next).await;
    assert!(!table(&page).contains("Submitted a contribution"));
    // Forged cursors read as the first page or nothing, never an error.
    for forged in [
        "after=-5",
        "before=abc",
        "after=99999999999999999999",
        "before=0",
    ] {
        let (status, _) = admin.get_text(&format!("{audit}?{forged}")).await;
        assert_eq!(status, StatusCode::OK, "{forged}");
    }
    // In the reader's language.
    with_db(&app, |conn| {
        use concord::db::schema::accounts::dsl::*;
        use diesel::prelude::*;
        diesel::update(accounts.filter(email.eq("admin@example.org")))
            .set(language.eq(Some("fr")))
            .execute(conn)
            .expect("French");
    })
    .await;
    let (_, page) = admin
        .get_text(&format!("{audit}?action=contribution.submit"))
        .await;
    assert_eq!(table(&page).matches("A soumis une contribution").count(), 2);
}

/// Takes the migration of this change down (`up == false`) or up again, wherever it stands
/// among the others.
fn migrate_rough_edges(conn: &mut concord::db::DbConnection, up: bool) {
    use diesel::Connection;
    use diesel::migration::{Migration, MigrationSource};
    use diesel_migrations::MigrationHarness;
    type Db = <concord::db::DbConnection as Connection>::Backend;
    let source = concord::db::migrations_for(conn);
    let all: Vec<Box<dyn Migration<Db>>> =
        MigrationSource::<Db>::migrations(&source).expect("the migrations");
    let ours = all
        .iter()
        .find(|m| m.name().to_string().contains("rough_edges"))
        .expect("the migration of the rough edges");
    if up {
        conn.run_migration(ours.as_ref()).expect("up");
    } else {
        conn.revert_migration(ours.as_ref()).expect("down");
    }
}

/// The stored search texts of the proposals, and how many similarities are stored.
async fn stored_similarity(app: &TestApp) -> (Vec<String>, i64, i64) {
    with_db(app, |conn| {
        use concord::db::schema::{proposal_similarities, proposal_similarity_state, proposals};
        use diesel::prelude::*;
        let texts = proposals::table
            .order(proposals::id)
            .select(proposals::search_text)
            .load(conn)
            .expect("texts");
        let pairs = proposal_similarities::table
            .count()
            .get_result(conn)
            .expect("pairs");
        let compared = proposal_similarity_state::table
            .count()
            .get_result(conn)
            .expect("compared");
        (texts, pairs, compared)
    })
    .await
}

/// A database upgraded from the old rule: its proposals' texts held their reference and
/// organisation, and their similarities were scored by word pairs. The migration leaves each
/// proposal its own words and forgets those similarities, which the queue then finds again.
async fn similarities_stored_by_the_old_rule_are_found_again(backend: Backend) {
    let Some(r) = review::setup(backend).await else {
        return;
    };
    let other = review::accredited(
        &r.app,
        "other@example.org",
        "Omar Other",
        "Another NGO",
        "civil-society",
    )
    .await;
    let (_, original) = review::propose(&r.author, "Regular pathways", COMMITMENT, "1").await;
    let copy = COMMITMENT.replace("establish", "create");
    let (_, duplicate) = review::propose(&other, "Regular pathways", &copy, "1").await;
    // Each submission is compared in the background once answered: wait for both, so that
    // neither comparison runs in the middle of the migration undone below.
    for _ in 0..200 {
        if stored_similarity(&r.app).await.2 >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // Back to before the migration, with texts as the old rule wrote them.
    with_db(&r.app, |conn| {
        use concord::db::schema::proposals::dsl::*;
        use diesel::prelude::*;
        migrate_rough_edges(conn, false);
        let rows: Vec<(i64, Option<String>, String)> = proposals
            .select((id, reference, search_text))
            .load(conn)
            .expect("proposals");
        for (row, row_reference, text) in rows {
            let old = format!(
                "{text}\n{}\nsome organisation",
                row_reference.unwrap_or_default().to_lowercase()
            );
            diesel::update(proposals.find(row))
                .set(search_text.eq(old))
                .execute(conn)
                .expect("the old text");
        }
    })
    .await;
    let (_, page) = r.rapporteur.get_text(review::QUEUE).await;
    assert!(page.contains(&duplicate));
    let (texts, pairs, compared) = stored_similarity(&r.app).await;
    assert!(
        texts.iter().all(|t| t.contains("/cp/")),
        "old texts: {texts:?}"
    );
    assert!(pairs > 0 && compared > 0, "compared by the old texts");

    with_db(&r.app, |conn| migrate_rough_edges(conn, true)).await;
    let (texts, pairs, compared) = stored_similarity(&r.app).await;
    assert_eq!(
        (pairs, compared),
        (0, 0),
        "every stored similarity forgotten"
    );
    for text in &texts {
        assert!(
            !text.contains("/cp/") && !text.contains("organisation"),
            "{text}"
        );
        assert!(
            text.contains("regular pathways") && text.contains("bilateral"),
            "{text}"
        );
    }
    // The queue compares them again, by their own words.
    let (_, page) = r.rapporteur.get_text(review::QUEUE).await;
    let start = page
        .find(&format!("<code dir=\"ltr\">{original}</code> <a"))
        .expect("listed");
    let end = page[start..]
        .find("</article>")
        .map_or(page.len(), |e| start + e);
    assert!(page[start..end].contains(&duplicate) && page[start..end].contains("near-identical"));
    assert!(stored_similarity(&r.app).await.1 > 0, "stored again");
}
