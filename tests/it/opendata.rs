//! Engagement statistics, open data and the JSON API: only what is public, spreadsheets that
//! cannot be tricked into running formulas, every script readable, charts mirrored in Arabic.

use reqwest::StatusCode;

use crate::helpers::{Backend, PASSWORD, TestApp, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    statistics_count_what_was_received,
    stale_statistics_are_shown_at_once_and_counted_again_after,
    a_first_count_is_made_once_while_others_are_told_it_runs,
    open_data_is_public_only_and_safe,
    the_api_pages_with_a_cursor
);

/// A process with contributions from two categories, one a draft, one hidden, one whose title
/// is a spreadsheet formula.
pub(crate) async fn seeded(app: &TestApp) {
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "gcm").await;
    app.participant(
        "ngo@example.org",
        "Nadia NGO",
        "Migrant Forum in Asia",
        "civil-society",
    )
    .await;
    app.participant(
        "state@example.org",
        "Sami State",
        "Permanent Mission of Morocco",
        "member-state",
    )
    .await;
    with_db(app, |conn| {
        use concord::db::schema::{accounts, action_groups, processes};
        use concord::store::contributions::{
            DraftContent, create_draft, mark_hidden, mark_submitted,
        };
        use diesel::prelude::*;
        let process: i64 = processes::table
            .select(processes::id)
            .first(conn)
            .expect("process");
        let group: i64 = action_groups::table
            .order(action_groups::number)
            .select(action_groups::id)
            .first(conn)
            .expect("group");
        let people: Vec<(i64, Option<i64>, String)> = accounts::table
            .filter(accounts::email.ne("admin@example.org"))
            .order(accounts::email)
            .select((accounts::id, accounts::organisation_id, accounts::email))
            .load(conn)
            .expect("people");
        let at = |month: u32| {
            chrono::NaiveDate::from_ymd_opt(2017, month, 15)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .expect("a date")
        };
        let items = [
            (
                0,
                "=HYPERLINK(\"http://evil.example\",\"click\")",
                "Body one",
                "submitted",
                5,
            ),
            (0, "حقوق المهاجرين", "نص عربي", "submitted", 6),
            (1, "Derechos de los migrantes", "Texto", "submitted", 6),
            (1, "A draft", "Not public", "draft", 7),
            (0, "Offensive", "Hidden text", "hidden", 7),
        ];
        for (n, (who, title, body, status, month)) in items.iter().enumerate() {
            let (author, organisation, _) = &people[*who];
            let content = DraftContent {
                event_id: None,
                language: concord::domain::text_language::TextLanguage(concord::i18n::Lang::En),
                title: title.to_string(),
                body: body.to_string(),
                group_ids: vec![group],
                theme_ids: vec![],
            };
            let id = create_draft(conn, process, *author, *organisation, &content).expect("draft");
            if *status != "draft" {
                mark_submitted(conn, id, &format!("TST/WC/000{n}"), "hash", at(*month))
                    .expect("submitted");
            }
            if *status == "hidden" {
                mark_hidden(conn, id, *author, "Breaches the code of conduct").expect("hidden");
            }
        }
    })
    .await;
}

async fn statistics_count_what_was_received(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    seeded(&app).await;
    let visitor = app.new_browser();
    let (status, page) = visitor.get_text("/p/gcm/stats").await;
    assert_eq!(status, StatusCode::OK);
    for title in [
        "By stakeholder category",
        "By action group",
        "By theme",
        "Over time",
        "Participants by region",
        "Attendance at events",
        "Attendance by stakeholder category",
        "Attendance by region",
    ] {
        assert!(page.contains(title), "{title}");
    }
    // Accessible charts: a title, a description and the data beside each; the process has
    // no events, so the chart of them says there is nothing to count rather than draw nothing.
    assert_eq!(page.matches("role=\"img\"").count(), 7);
    assert_eq!(page.matches("<desc id=").count(), 7);
    assert_eq!(page.matches("<table>").count(), 7);
    assert_eq!(page.matches("Nothing to count yet.").count(), 1);
    // Civil society: 3 received (the draft does not count); Member State: 1.
    assert!(
        page.contains(
            "<th scope=\"row\" dir=\"auto\">Civil society</th><td class=\"number\">3</td>"
        ),
        "civil society counted"
    );
    assert!(
        page.contains(
            "<th scope=\"row\" dir=\"auto\">Member State</th><td class=\"number\">1</td>"
        )
    );
    assert!(
        page.contains("<th scope=\"row\" dir=\"auto\">2017-06</th><td class=\"number\">2</td>"),
        "by month"
    );

    // Mirrored in Arabic: the labels stand on the right.
    let arabic = crate::helpers::bare_client()
        .get(visitor.url("/p/gcm/stats"))
        .header("Accept-Language", "ar")
        .send()
        .await
        .expect("answered")
        .text()
        .await
        .expect("body");
    assert!(arabic.contains("dir=\"rtl\""));
    assert!(
        arabic.contains("<text x=\"632\""),
        "labels at the right edge in right-to-left"
    );

    let csv = visitor.get("/p/gcm/stats/categories.csv").await;
    assert_eq!(csv.status(), StatusCode::OK);
    let bytes = csv.bytes().await.expect("bytes");
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a byte-order mark"
    );
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("Civil society,3,0"));
    assert_eq!(
        visitor.get("/p/gcm/stats/secrets.csv").await.status(),
        StatusCode::NOT_FOUND
    );
}

/// The row of the category chart for civil society with its count of contributions.
fn civil_society(count: u32) -> String {
    format!("<th scope=\"row\" dir=\"auto\">Civil society</th><td class=\"number\">{count}</td>")
}

async fn stale_statistics_are_shown_at_once_and_counted_again_after(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    seeded(&app).await;
    let visitor = app.new_browser();
    let (_, page) = visitor.get_text("/p/gcm/stats").await;
    assert!(page.contains(&civil_society(3)), "counted on first sight");

    // One more civil-society contribution arrives, and the figures grow older than a minute.
    with_db(&app, |conn| {
        use concord::db::schema::{accounts, processes, stats_cache};
        use concord::store::contributions::{DraftContent, create_draft, mark_submitted};
        use diesel::prelude::*;
        let process: i64 = processes::table
            .select(processes::id)
            .first(conn)
            .expect("process");
        let (author, organisation): (i64, Option<i64>) = accounts::table
            .filter(accounts::email.eq("ngo@example.org"))
            .select((accounts::id, accounts::organisation_id))
            .first(conn)
            .expect("the NGO");
        let content = DraftContent {
            event_id: None,
            language: concord::domain::text_language::TextLanguage(concord::i18n::Lang::En),
            title: "Late but counted".to_string(),
            body: "A further text".to_string(),
            group_ids: vec![],
            theme_ids: vec![],
        };
        let id = create_draft(conn, process, author, organisation, &content).expect("draft");
        let now = concord::store::now();
        mark_submitted(conn, id, "TST/WC/0099", "hash", now).expect("submitted");
        diesel::update(stats_cache::table)
            .set(stats_cache::computed_at.eq(now - chrono::TimeDelta::minutes(2)))
            .execute(conn)
            .expect("aged");
    })
    .await;

    // The next visitor is answered from the stored figures, without waiting for a count…
    let (status, page) = visitor.get_text("/p/gcm/stats").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&civil_society(3)), "stale figures at once");
    // …and the count runs after the answer: visitors soon see the new figures.
    let mut counted = false;
    for _ in 0..100 {
        let (_, page) = visitor.get_text("/p/gcm/stats").await;
        if page.contains(&civil_society(4)) {
            counted = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(counted, "counted again after the stale page was answered");
}

/// Stores the claim of a first count of `chart`, `age` old, as a request counting it leaves.
async fn counting(app: &TestApp, chart: &'static str, age: chrono::TimeDelta) {
    with_db(app, move |conn| {
        use concord::db::schema::{processes, stats_cache};
        use diesel::prelude::*;
        let process: i64 = processes::table
            .select(processes::id)
            .first(conn)
            .expect("process");
        diesel::delete(stats_cache::table.filter(stats_cache::chart.eq(chart)))
            .execute(conn)
            .expect("no counts");
        diesel::insert_into(stats_cache::table)
            .values((
                stats_cache::process_id.eq(process),
                stats_cache::chart.eq(chart),
                stats_cache::counts.eq(concord::store::stats::COUNTING),
                stats_cache::computed_at.eq(concord::store::now() - age),
            ))
            .execute(conn)
            .expect("a claim");
    })
    .await;
}

/// Over a large corpus a first count takes seconds: one request claims it, and every other
/// visitor meanwhile is told the chart is being counted (page and CSV) instead of counting it
/// too. A claim left by a request that died is taken over after a while.
async fn a_first_count_is_made_once_while_others_are_told_it_runs(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    seeded(&app).await;
    // Signed in, so each page is rendered for the visitor rather than kept for a few seconds.
    let visitor = app.new_browser();
    visitor.login("ngo@example.org", PASSWORD).await;
    counting(&app, "categories", chrono::TimeDelta::seconds(5)).await;
    let (status, page) = visitor.get_text("/p/gcm/stats").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        page.matches("data-chart-state=\"counting\"").count(),
        1,
        "{page}"
    );
    assert!(page.contains("These figures are being counted for the first time."));
    assert!(
        !page.contains(&civil_society(3)),
        "no figures while counting"
    );
    assert!(
        page.contains("<h2 id=\"chart-groups\">"),
        "the other charts are counted"
    );
    let csv = visitor.get("/p/gcm/stats/categories.csv").await;
    assert_eq!(csv.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(csv.headers().contains_key("retry-after"));

    // The claim is still there: nobody else counted.
    let (_, again) = visitor.get_text("/p/gcm/stats").await;
    assert!(again.contains("data-chart-state=\"counting\""));

    // A claim older than a count could take is abandoned: the next request counts.
    let abandoned = concord::app::stats::ABANDONED_SECONDS + 1;
    counting(&app, "categories", chrono::TimeDelta::seconds(abandoned)).await;
    let (_, page) = visitor.get_text("/p/gcm/stats").await;
    assert!(!page.contains("data-chart-state=\"counting\""), "{page}");
    assert!(page.contains(&civil_society(3)));
    let csv = visitor.get("/p/gcm/stats/categories.csv").await;
    assert_eq!(csv.status(), StatusCode::OK);
}

async fn open_data_is_public_only_and_safe(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    seeded(&app).await;
    let visitor = app.new_browser();
    let csv = visitor.get("/p/gcm/open-data/contributions.csv").await;
    assert_eq!(csv.status(), StatusCode::OK);
    assert!(
        csv.headers()
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("gcm-contributions.csv"))
    );
    let bytes = csv.bytes().await.expect("bytes");
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("\"'=HYPERLINK("),
        "the formula is neutralised: {text}"
    );
    assert!(text.contains("حقوق المهاجرين") && text.contains("Derechos de los migrantes"));
    assert!(
        !text.contains("A draft") && !text.contains("Not public"),
        "drafts are never published"
    );
    assert!(
        !text.contains("Offensive") && !text.contains("Hidden text"),
        "a hidden contribution is a tombstone"
    );
    assert!(text.contains("Breaches the code of conduct"));

    let json: serde_json::Value = visitor
        .get("/p/gcm/open-data/contributions.json")
        .await
        .json()
        .await
        .expect("JSON");
    let items = json.as_array().expect("an array");
    assert_eq!(items.len(), 4);
    assert!(items.iter().any(|i| i["title"] == "حقوق المهاجرين" && i["stakeholder_category"] == "civil-society"));

    let proposals = visitor.get("/p/gcm/open-data/proposals.csv").await;
    assert_eq!(proposals.status(), StatusCode::OK);
    let workbook = visitor.get("/p/gcm/open-data/workbook.xlsx").await;
    assert_eq!(workbook.status(), StatusCode::OK);
    assert!(
        workbook.bytes().await.expect("bytes").starts_with(b"PK"),
        "an XLSX (zip) file"
    );
    assert_eq!(
        visitor.get("/p/gcm/open-data/accounts.csv").await.status(),
        StatusCode::NOT_FOUND
    );
    let (status, page) = visitor.get_text("/p/gcm/open-data").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("/p/gcm/open-data/workbook.xlsx"));
}

async fn the_api_pages_with_a_cursor(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    seeded(&app).await;
    with_db(&app, |conn| {
        use concord::db::schema::{accounts, processes};
        use concord::store::contributions::{DraftContent, create_draft, mark_submitted};
        use diesel::prelude::*;
        let process: i64 = processes::table
            .select(processes::id)
            .first(conn)
            .expect("process");
        let author: i64 = accounts::table
            .filter(accounts::email.eq("ngo@example.org"))
            .select(accounts::id)
            .first(conn)
            .expect("author");
        concord::db::write_transaction(conn, |conn| -> diesel::QueryResult<()> {
            for i in 0..100 {
                let content = DraftContent {
                    event_id: None,
                    language: concord::domain::text_language::TextLanguage(concord::i18n::Lang::En),
                    title: format!("Bulk {i}"),
                    body: "Text".into(),
                    group_ids: vec![],
                    theme_ids: vec![],
                };
                let id = create_draft(conn, process, author, None, &content)?;
                mark_submitted(
                    conn,
                    id,
                    &format!("TST/WC/B{i:03}"),
                    "hash",
                    concord::store::now(),
                )?;
            }
            Ok(())
        })
        .expect("bulk");
    })
    .await;
    let visitor = app.new_browser();
    let answer = visitor.get("/api/processes").await;
    // JSON holds no form: a client is given no pre-session cookie for a token it never sends.
    assert!(
        answer.headers().get("set-cookie").is_none(),
        "{:?}",
        answer.headers()
    );
    let processes: serde_json::Value = answer.json().await.expect("JSON");
    assert_eq!(processes["processes"][0]["slug"], "gcm");
    let process: serde_json::Value = visitor.get("/api/p/gcm").await.json().await.expect("JSON");
    assert_eq!(process["action_groups"].as_array().map(Vec::len), Some(2));
    let first: serde_json::Value = visitor
        .get("/api/p/gcm/contributions")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(first["contributions"].as_array().map(Vec::len), Some(100));
    let next = first["next"].as_str().expect("a next page").to_string();
    let second: serde_json::Value = visitor.get(&next).await.json().await.expect("JSON");
    assert_eq!(
        second["contributions"].as_array().map(Vec::len),
        Some(4),
        "104 public in all"
    );
    assert!(second["next"].is_null());

    // Pages are kept for every client, under the data's state: a contribution hidden since
    // is a tombstone in the next answer, and the page kept before is not served again.
    let response = visitor.get(&next).await;
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let record = |page: &serde_json::Value| {
        page["contributions"]
            .as_array()
            .expect("contributions")
            .iter()
            .find(|c| c["reference"] == "TST/WC/B099")
            .cloned()
            .expect("B099")
    };
    assert_eq!(record(&second)["title"], "Bulk 99");
    with_db(&app, |conn| {
        use concord::db::schema::contributions;
        use diesel::prelude::*;
        diesel::update(contributions::table.filter(contributions::reference.eq("TST/WC/B099")))
            .set(contributions::status.eq("hidden"))
            .execute(conn)
            .expect("hidden");
    })
    .await;
    let after: serde_json::Value = visitor.get(&next).await.json().await.expect("JSON");
    let hidden = record(&after);
    assert_eq!(hidden["status"], "hidden", "{hidden}");
    assert_ne!(hidden["title"], "Bulk 99", "{hidden}");
    assert_eq!(
        visitor.get("/api/p/gcm/accounts").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        visitor.get("/api/p/nowhere").await.status(),
        StatusCode::NOT_FOUND
    );
}
