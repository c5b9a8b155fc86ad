//! Search, on both backends: what moderation hid is never found, accents and case fold away,
//! every script is found, a reference number or an organisation finds its submissions, a
//! title match ranks first, odd queries are answered, results are bounded, proposals are
//! searched too, the index is rebuilt when it is stale, and a common word's results come from
//! its impact-ordered list, best first, kept in step with what is submitted and hidden; a
//! result page is put together from kept rows, which follow every change and language.

use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, TestApp, csrf_of, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    hidden_text_is_never_found_and_withdrawn_text_still_is,
    accents_and_case_fold_both_ways,
    every_script_is_found,
    a_reference_or_an_organisation_finds_its_submissions,
    a_title_holding_the_terms_ranks_first,
    odd_queries_are_answered,
    results_beyond_the_bound_read_more_than,
    proposals_are_searched_and_ranked,
    a_stale_index_is_rebuilt,
    a_common_word_is_read_from_its_list_best_first,
    a_search_page_is_made_of_kept_rows_that_follow_every_change,
    each_process_finds_only_its_own_texts,
);

/// A process with open windows, its administrator, and an accredited author.
async fn setup(app: &TestApp) -> (Browser, Browser) {
    app.process_and_author().await
}

/// Submits a contribution through its form, as a browser would.
async fn contribute(browser: &Browser, title: &str, body: &str) {
    let form = "/p/gcm/contributions/new";
    let (_, page) = browser.get_text(form).await;
    let fields = [("title", title), ("body", body), ("action", "submit")];
    let response = browser
        .send_multipart(form, &csrf_of(&page), &fields, vec![])
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{title} submitted"
    );
}

/// The list page for `query` (and more parameters), as anyone sees it.
async fn search(app: &TestApp, path: &str, query: &str, more: &str) -> String {
    let url = format!(
        "/p/gcm/{path}?q={}{more}",
        concord::web::error::urlencode(query)
    );
    let (status, page) = app.new_browser().get_text(&url).await;
    assert_eq!(status, StatusCode::OK, "{url}");
    page
}

/// What the page says it found.
fn count(page: &str) -> String {
    let marker = "<p role=\"status\">";
    let start = page.find(marker).expect("a count") + marker.len();
    page[start..].split('<').next().unwrap_or("").to_string()
}

async fn found(app: &TestApp, query: &str) -> String {
    count(&search(app, "contributions", query, "").await)
}

/// Submits contributions of the author's (title, body) straight through the store, in one
/// transaction, with references `TST/WC/{prefix}00000` and on: faster than forms, for many.
async fn submitted_directly(app: &TestApp, prefix: &'static str, texts: Vec<(String, String)>) {
    submitted_to(app, "gcm", prefix, texts).await
}

/// As [`submitted_directly`], into the process `slug`.
async fn submitted_to(
    app: &TestApp,
    slug: &'static str,
    prefix: &'static str,
    texts: Vec<(String, String)>,
) {
    with_db(app, move |conn| {
        use concord::db::schema::{accounts, processes};
        use concord::store::contributions::{DraftContent, create_draft, mark_submitted};
        use diesel::prelude::*;
        let process: i64 = processes::table
            .filter(processes::slug.eq(slug))
            .select(processes::id)
            .first(conn)
            .unwrap();
        let author: i64 = accounts::table
            .filter(accounts::email.eq("author@example.org"))
            .select(accounts::id)
            .first(conn)
            .unwrap();
        concord::db::write_transaction(conn, |conn| -> diesel::QueryResult<()> {
            for (i, (title, body)) in texts.into_iter().enumerate() {
                let content = DraftContent {
                    event_id: None,
                    language: concord::domain::text_language::TextLanguage(concord::i18n::Lang::En),
                    title,
                    body,
                    group_ids: vec![],
                    theme_ids: vec![],
                };
                let id = create_draft(conn, process, author, None, &content)?;
                let reference = format!("TST/WC/{prefix}{i:05}");
                mark_submitted(conn, id, &reference, "hash", concord::store::now())?;
            }
            Ok(())
        })
        .unwrap();
    })
    .await;
}

async fn hidden_text_is_never_found_and_withdrawn_text_still_is(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = setup(&app).await;
    contribute(&author, "First thoughts", "Zephyrine corridors for workers").await;
    contribute(&author, "Offensive words", "Quillwort insults everyone").await;
    assert_eq!(found(&app, "quillwort").await, "One contribution");

    author
        .submit(
            "/p/gcm/contributions/TST-WC-0001",
            "/p/gcm/contributions/TST-WC-0001/withdraw",
            &[("", "")],
        )
        .await;
    let moderator = app.moderator(&admin).await;
    let response = moderator
        .submit(
            "/p/gcm/contributions/TST-WC-0002",
            "/p/gcm/contributions/TST-WC-0002/hide",
            &[("reason", "Breaches the code of conduct")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // A withdrawn contribution stays readable, so its words still find it.
    assert_eq!(found(&app, "zephyrine").await, "One contribution");
    // What moderation hid is gone from search: body, title and reference alike.
    for query in ["quillwort", "offensive", "TST/WC/0002"] {
        assert_eq!(found(&app, query).await, "0 contributions", "{query}");
    }
    let page = search(&app, "contributions", "insults", "&status=hidden").await;
    assert_eq!(
        count(&page),
        "0 contributions",
        "not even asked for by state"
    );
    // The tombstone still stands in the list.
    let (_, list) = app.new_browser().get_text("/p/gcm/contributions").await;
    assert!(list.contains("Breaches the code of conduct"));
}

async fn each_process_finds_only_its_own_texts(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = setup(&app).await;
    contribute(
        &author,
        "Lighthouse keepers",
        "The lighthouse of the harbour",
    )
    .await;
    // The instance's only process ranks its matches from the index alone.
    assert_eq!(found(&app, "lighthouse").await, "One contribution");

    let response = app.create_process(&admin, "coasts").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "process created");
    let texts = vec![
        (
            "Lighthouse elsewhere".to_string(),
            "A lighthouse on the coast".to_string(),
        ),
        (
            "Harbour walls".to_string(),
            "The lighthouse keepers' harbour".to_string(),
        ),
    ];
    submitted_to(&app, "coasts", "C", texts).await;
    with_db(&app, |conn| concord::store::search::reindex(conn).map(drop))
        .await
        .expect("rebuilt");
    // With two processes, each search keeps to its own, whatever the query.
    for query in ["lighthouse", "lighthouse keepers", "harbour"] {
        let page = search(&app, "contributions", query, "").await;
        assert_eq!(titles(&page), ["Lighthouse keepers"], "{query}");
        assert_eq!(count(&page), "One contribution", "{query}");
    }
    let url = "/p/coasts/contributions?q=lighthouse";
    let (status, page) = app.new_browser().get_text(url).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(titles(&page), ["Lighthouse elsewhere", "Harbour walls"]);
}

async fn accents_and_case_fold_both_ways(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = setup(&app).await;
    contribute(
        &author,
        "Mobilité des travailleurs",
        "Une approche régionale",
    )
    .await;
    contribute(&author, "Migracion segura", "Vias regulares para todos").await;
    for (query, title) in [
        ("mobilite", "Mobilité des travailleurs"),
        ("MOBILITÉ", "Mobilité des travailleurs"),
        ("regionale", "Mobilité des travailleurs"),
        ("migración", "Migracion segura"),
        ("VÍAS", "Migracion segura"),
    ] {
        let page = search(&app, "contributions", query, "").await;
        assert_eq!(count(&page), "One contribution", "{query}");
        assert!(page.contains(title), "{query} finds {title}");
    }
}

async fn every_script_is_found(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = setup(&app).await;
    contribute(&author, "الهِجْرَة الآمِنَة", "حقوق العمال المهاجرين").await;
    contribute(&author, "保护移民权利", "各国承诺保护所有移民工人").await;
    contribute(&author, "Права детей-мигрантов", "Достойный труд").await;
    contribute(&author, "Safe corridors", "Nothing of the others' words").await;
    for (query, title) in [
        ("الهجرة", "الهِجْرَة الآمِنَة"),
        ("المهاجرين", "الهِجْرَة الآمِنَة"),
        ("移民", "保护移民权利"),
        ("移民工人", "保护移民权利"),
        ("权利", "保护移民权利"),
        ("移", "保护移民权利"),
        ("ДЕТЕЙ", "Права детей-мигрантов"),
        ("мигрантов", "Права детей-мигрантов"),
    ] {
        let page = search(&app, "contributions", query, "").await;
        assert_eq!(count(&page), "One contribution", "{query}");
        assert!(page.contains(title), "{query} finds {title}");
    }
    // Two characters that are not a word of the text do not match across it.
    assert_eq!(found(&app, "民保").await, "0 contributions");
}

async fn a_reference_or_an_organisation_finds_its_submissions(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = setup(&app).await;
    let state = app
        .accredited(
            "gcm",
            "state@example.org",
            "Sara State",
            "Permanent Mission of Examplia",
            "member-state",
        )
        .await;
    contribute(&author, "Labour mobility", "Decent work").await;
    contribute(&author, "Return and readmission", "Dignity").await;
    contribute(&state, "Consular protection", "Assistance abroad").await;
    let page = search(&app, "contributions", "TST/WC/0002", "").await;
    assert_eq!(count(&page), "One contribution");
    assert!(page.contains("Return and readmission"));
    let page = search(&app, "contributions", "Examplia", "").await;
    assert_eq!(count(&page), "One contribution");
    assert!(page.contains("Consular protection"));
    assert_eq!(found(&app, "migrant forum").await, "2 contributions");
}

async fn a_title_holding_the_terms_ranks_first(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = setup(&app).await;
    contribute(
        &author,
        "Remittance costs",
        "Lowering fees for migrants' families",
    )
    .await;
    contribute(
        &author,
        "Financial inclusion",
        "Bank accounts for migrants, so that remittance transfers are cheaper",
    )
    .await;
    contribute(
        &author,
        "Development and diaspora",
        "Diaspora investment; remittance flows; remittance data",
    )
    .await;
    let page = search(&app, "contributions", "remittance", "").await;
    assert_eq!(count(&page), "3 contributions");
    let first = page.find("Remittance costs").expect("the title match");
    for other in ["Financial inclusion", "Development and diaspora"] {
        assert!(first < page.find(other).expect(other), "before {other}");
    }
    assert!(page.contains("value=\"relevance\""), "relevance is offered");
    // Newest first when asked.
    let page = search(&app, "contributions", "remittance", "&sort=newest").await;
    let newest = page.find("Development and diaspora").expect("newest");
    assert!(newest < page.find("Remittance costs").expect("oldest"));
    // Without a query there is nothing to be relevant to.
    let (_, list) = app.new_browser().get_text("/p/gcm/contributions").await;
    assert!(!list.contains("value=\"relevance\""));
}

async fn odd_queries_are_answered(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = setup(&app).await;
    contribute(&author, "Labour mobility", "Decent work AND NOT \"quotes\"").await;
    let huge = "mobility ".repeat(500);
    let chinese = "移民".repeat(500);
    for query in [
        "%%%",
        "?!…",
        "\"",
        "NOT",
        "AND OR NEAR(",
        "' OR 1=1 --",
        "a\u{0}b",
        "mobility*",
        huge.as_str(),
        chinese.as_str(),
    ] {
        let page = search(&app, "contributions", query, "").await;
        assert!(!count(&page).is_empty(), "{query:.20} answered");
    }
    assert_eq!(found(&app, "%%%").await, "0 contributions");
    assert_eq!(found(&app, "and not").await, "One contribution");
    assert_eq!(found(&app, &huge).await, "One contribution");
    let page = search(&app, "proposals", "?!", "").await;
    assert!(page.contains("Proposals found: 0"));
}

async fn results_beyond_the_bound_read_more_than(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    setup(&app).await;
    let bound = concord::store::search::CANDIDATES;
    let letters = (0..bound + 5)
        .map(|i| (format!("Letter {i}"), "The same campaign words".to_string()))
        .collect();
    submitted_directly(&app, "B", letters).await;
    let page = search(&app, "contributions", "campaign", "").await;
    assert!(
        count(&page).starts_with(&format!("More than {bound} match")),
        "{}",
        count(&page)
    );
    let page = search(&app, "contributions", "campaign", "&sort=newest").await;
    assert!(
        page.contains(&format!("Letter {}", bound + 4)),
        "the newest"
    );
    let page = search(&app, "contributions", "letter 7", "").await;
    assert_eq!(count(&page), "One contribution", "a precise query finds it");
    // A phrase is looked for oldest first, and read again newest first when it has more
    // matches than the bound: the window is the newest, as for a word.
    let page = search(&app, "contributions", "same-campaign", "&sort=newest").await;
    assert!(
        count(&page).starts_with(&format!("More than {bound} match")),
        "{}",
        count(&page)
    );
    assert!(
        page.contains(&format!("Letter {}", bound + 4)),
        "the newest of a phrase's matches"
    );
    let page = search(&app, "contributions", "same-campaign", "").await;
    assert!(
        count(&page).starts_with(&format!("More than {bound} match")),
        "{}",
        count(&page)
    );
}

async fn proposals_are_searched_and_ranked(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = setup(&app).await;
    let propose = |title: &'static str, commitment: &'static str| {
        let author = &author;
        async move {
            let page = "/p/gcm/proposals/new";
            let form = [
                ("group", "1"),
                ("title", title),
                ("commitment", commitment),
                ("actionable_measures", "Bilateral agreements"),
                ("partnerships", "Employers and trade unions"),
                ("capacity_building", "Training"),
                ("financing", "A fund"),
                ("data", "Disaggregated data"),
                ("responsible_actors", "Ministries of labour"),
                ("sdg_targets", "8.8 and 10.7"),
                ("timeline", "From 2019 to 2030"),
                ("indicators", "Costs paid by workers"),
                ("intent", "submit"),
            ];
            let response = author.submit(page, page, &form).await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "{title}");
        }
    };
    propose(
        "Pension portability",
        "Social security that travels with workers",
    )
    .await;
    propose(
        "Labour inspection",
        "Inspectors check pension contributions",
    )
    .await;
    let page = search(&app, "proposals", "pensión", "").await;
    assert!(page.contains("Proposals found: 2"), "accents fold");
    let first = page.find("Pension portability").expect("title match");
    assert!(first < page.find("Labour inspection").expect("body match"));
    let page = search(&app, "proposals", "TST/CP/0002", "").await;
    assert!(page.contains("Proposals found: 1") && page.contains("Labour inspection"));
    let page = search(&app, "proposals", "migrant forum", "").await;
    assert!(page.contains("Proposals found: 2"), "by organisation");
    assert!(page.contains("value=\"relevance\""));
}

async fn a_stale_index_is_rebuilt(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = setup(&app).await;
    contribute(&author, "Labour mobility", "Decent work").await;
    with_db(&app, |conn| {
        use concord::db::schema::search_index_state;
        use concord::store::search::{Searchable, index, reindex_if_needed};
        use diesel::prelude::*;
        let up_to_date = reindex_if_needed(conn).unwrap();
        assert_eq!(up_to_date, None, "the start built it");
        // As if the rows had been written straight into the tables (bench/seed.py).
        let id: i64 = concord::db::schema::contributions::table
            .select(concord::db::schema::contributions::id)
            .first(conn)
            .unwrap();
        index::remove(conn, Searchable::Contributions, id).unwrap();
        diesel::delete(search_index_state::table)
            .execute(conn)
            .unwrap();
    })
    .await;
    assert_eq!(found(&app, "mobility").await, "0 contributions");
    let rebuilt = with_db(&app, |conn| {
        concord::store::search::reindex_if_needed(conn).unwrap()
    })
    .await
    .expect("rebuilt");
    assert_eq!(rebuilt.contributions, 1);
    assert_eq!(found(&app, "mobility").await, "One contribution");
}

/// The titles of a result page's contributions, in order.
fn titles(page: &str) -> Vec<String> {
    page.split("<h2 class=\"result-title\">")
        .skip(1)
        .filter_map(|rest| {
            let link = rest.split("</a>").next()?;
            Some(link.rsplit('>').next()?.trim().to_string())
        })
        .collect()
}

/// The page's link to the next page, if it has one.
fn next_link(page: &str) -> Option<String> {
    let end = page.find("\" rel=\"next\"")?;
    let start = page[..end].rfind("href=\"")? + "href=\"".len();
    Some(page[start..end].replace("&amp;", "&").replace("&#38;", "&"))
}

async fn a_common_word_is_read_from_its_list_best_first(backend: Backend) {
    use concord::store::search::ranked::{FEW, LIST_LENGTH};
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = setup(&app).await;
    // More texts hold "harbour" than a list keeps, so its list has a threshold: "harbour" once
    // in a body that grows longer and longer, and in the titles of five short ones, which
    // weigh it most. "pier", in 20 texts, has no list: its matches are ranked whole.
    // "slipway", in a few more texts than that, has a whole list: every text that holds it.
    let common = LIST_LENGTH as i64 + 60;
    // Submitted before the lists are built: the writer reads their thresholds (none yet), and
    // must read them again once they are.
    contribute(&author, "Early note", "On the harbour").await;
    let mut texts: Vec<(String, String)> = (0..common)
        .map(|i| {
            let filler = "quay ".repeat(i as usize % 90);
            (format!("Note {i}"), format!("The harbour {filler}"))
        })
        .collect();
    texts.extend((0..5).map(|i| (format!("Harbour plan {i}"), "A plan".to_string())));
    texts.extend((0..20).map(|i| (format!("Jetty {i}"), format!("pier {i}"))));
    let slipways = FEW + 10;
    texts.extend((0..slipways).map(|i| {
        let title = match i {
            7 => "Slipway repairs".to_string(),
            _ => format!("Boatyard {i}"),
        };
        (title, format!("The slipway {}", "keel ".repeat(i)))
    }));
    submitted_directly(&app, "H", texts).await;
    // The lists are built with the index.
    with_db(&app, |conn| concord::store::search::reindex(conn).map(drop))
        .await
        .expect("rebuilt");

    let page = search(&app, "contributions", "harbour", "").await;
    // The list holds its length's best texts, and those that tie with the last of them.
    let label = count(&page);
    let listed: usize = label
        .strip_prefix("More than ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("read from the list: {label}"));
    assert!((LIST_LENGTH..LIST_LENGTH + 10).contains(&listed), "{label}");
    assert_eq!(
        label,
        format!(
            "More than {listed} match: the {listed} most relevant are shown. \
             Add a word or a filter to narrow the search."
        )
    );
    let first = titles(&page);
    assert_eq!(
        first[..5],
        [
            "Harbour plan 4",
            "Harbour plan 3",
            "Harbour plan 2",
            "Harbour plan 1",
            "Harbour plan 0"
        ],
        "the title matches first, the newest of equals first"
    );
    // Then the shortest bodies: "Note 0", "Note 90", "Note 180"… hold the word with no filler.
    assert!(
        first[5].starts_with("Note ")
            && first[5..8].iter().all(|t| {
                let n: i64 = t.trim_start_matches("Note ").parse().unwrap();
                n % 90 == 0
            }),
        "{first:?}"
    );
    // The pages follow one another without a text twice.
    let next = next_link(&page).expect("a next page");
    let next = match next.starts_with('/') {
        true => next,
        false => format!("/p/gcm/contributions{next}"),
    };
    let (status, second) = app.new_browser().get_text(&next).await;
    assert_eq!(status, StatusCode::OK, "{next}");
    let second = titles(&second);
    assert!(
        !second.is_empty() && second.iter().all(|t| !first.contains(t)),
        "{next}: {second:?}"
    );
    // Past the list's end, a page has no rows, and still says what the list holds.
    let beyond = search(&app, "contributions", "harbour", "&page=40").await;
    assert!(titles(&beyond).is_empty(), "{:?}", titles(&beyond));
    assert_eq!(count(&beyond), label);

    // A word without a list is counted exactly.
    assert_eq!(found(&app, "pier").await, "20 contributions");
    // So is a word with a whole list, read from it best first: the title, then the shortest
    // bodies.
    let page = search(&app, "contributions", "slipway", "").await;
    assert_eq!(count(&page), format!("{slipways} contributions"));
    assert_eq!(
        titles(&page)[..3],
        ["Slipway repairs", "Boatyard 0", "Boatyard 1"]
    );
    // Read from the list alone, a statement fewer than the ranking of a word without one.
    let visitor = app.new_browser();
    let (ranked_whole, _) = costed(&app, &visitor, "/p/gcm/contributions?q=Pier").await;
    let (listed, _) = costed(&app, &visitor, "/p/gcm/contributions?q=Slipway").await;
    assert_eq!(listed + 1, ranked_whole);

    // Submitted after the build, a text that weighs the word most enters the list at the top;
    // hidden, it leaves it, with its words.
    contribute(&author, "Harbour, harbour", "The harbour master's harbour").await;
    let page = search(&app, "contributions", "harbour", "").await;
    assert_eq!(titles(&page)[0], "Harbour, harbour");
    let reference = format!("TST-WC-{:04}", 2);
    let moderator = app.moderator(&admin).await;
    let response = moderator
        .submit(
            &format!("/p/gcm/contributions/{reference}"),
            &format!("/p/gcm/contributions/{reference}/hide"),
            &[("reason", "Off topic")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = search(&app, "contributions", "harbour", "").await;
    assert_eq!(
        titles(&page)[0],
        "Harbour plan 4",
        "hidden, gone from the list"
    );
    assert!(!page.contains("master"));
    // A filter sends the search to the bounded ranking, which finds the same best text.
    let page = search(&app, "contributions", "harbour", "&status=submitted").await;
    assert_eq!(titles(&page)[0], "Harbour plan 4");

    // Were a list ever to hold a text that is no longer public (here its state is changed
    // behind the index's back), its tombstone would still not answer for its words.
    with_db(&app, |conn| {
        use concord::db::schema::contributions;
        use diesel::prelude::*;
        diesel::update(contributions::table.filter(contributions::title.eq("Harbour plan 4")))
            .set(
                contributions::status
                    .eq(concord::domain::contributions::ContributionStatus::Hidden),
            )
            .execute(conn)
    })
    .await
    .expect("hidden behind the index's back");
    let page = search(&app, "contributions", "harbour", "").await;
    assert_eq!(titles(&page)[0], "Harbour plan 3");
    assert!(
        !page.contains("TST/WC/H00264"),
        "no tombstone for its words"
    );

    // A text submitted after the build enters a whole list whatever its weight, and leaves it
    // when hidden.
    contribute(
        &author,
        "Dry dock",
        &format!("slipway {}", "keel ".repeat(300)),
    )
    .await;
    let page = search(&app, "contributions", "slipway", "").await;
    assert_eq!(count(&page), format!("{} contributions", slipways + 1));
    let last = search(&app, "contributions", "slipway", "&page=2").await;
    assert_eq!(titles(&last).last().map(String::as_str), Some("Dry dock"));
    let response = moderator
        .submit(
            "/p/gcm/contributions/TST-WC-0003",
            "/p/gcm/contributions/TST-WC-0003/hide",
            &[("reason", "Off topic")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        found(&app, "slipway").await,
        format!("{slipways} contributions")
    );
}

/// The statements a GET of `path` by `visitor` costs, and the page.
async fn costed(app: &TestApp, visitor: &Browser, path: &str) -> (u64, String) {
    let before = app.queries.get();
    let (status, page) = visitor.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    (app.queries.get() - before, page)
}

/// The `<li>` of the result row that links to `reference`.
fn row_of<'a>(page: &'a str, reference: &str) -> &'a str {
    let link = format!("/p/gcm/contributions/{reference}\"");
    let at = page.find(&link).expect("the row");
    let start = page[..at]
        .rfind("<li class=\"result\">")
        .expect("its start");
    let end = at + page[at..].find("</li>").expect("its end");
    &page[start..end]
}

async fn a_search_page_is_made_of_kept_rows_that_follow_every_change(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_, author) = setup(&app).await;
    contribute(
        &author,
        "Kelpwort corridors",
        "Safe routes for kelpwort workers",
    )
    .await;
    contribute(
        &author,
        "Harbour rights",
        "Kelpwort and the rights of harbours",
    )
    .await;
    let visitor = app.new_browser();
    let path = "/p/gcm/contributions?q=kelpwort";

    // The second time, the rows are held: only the page's ids are read, and the page is
    // the same to the byte.
    let (fresh, first) = costed(&app, &visitor, path).await;
    let (held, second) = costed(&app, &visitor, path).await;
    assert_eq!(count(&first), "2 contributions");
    assert_eq!(first, second, "a page of held rows is the page");
    assert!(
        held < fresh,
        "held rows are not read again: {held} < {fresh}"
    );
    // Another word's page holds the same row.
    let (_, other) = costed(&app, &visitor, "/p/gcm/contributions?q=harbours").await;
    assert_eq!(row_of(&other, "TST-WC-0002"), row_of(&first, "TST-WC-0002"));

    // A change to a row shows at once, in every page that lists it.
    author
        .submit(
            "/p/gcm/contributions/TST-WC-0002",
            "/p/gcm/contributions/TST-WC-0002/withdraw",
            &[("", "")],
        )
        .await;
    let (_, after) = costed(&app, &visitor, path).await;
    assert!(
        row_of(&after, "TST-WC-0002").contains("Withdrawn"),
        "withdrawn"
    );
    assert!(!row_of(&after, "TST-WC-0001").contains("Withdrawn"));
    // So does a row's author, signed in, who sees the same rows.
    let (_, theirs) = costed(&app, &author, path).await;
    assert_eq!(
        row_of(&theirs, "TST-WC-0002"),
        row_of(&after, "TST-WC-0002")
    );

    // Each reader gets the rows in their own language.
    let (_, page) = visitor.get_text("/p/gcm/contributions").await;
    let chosen = visitor
        .post_form(
            "/language",
            &[
                ("csrf_token", csrf_of(&page)),
                ("lang", "fr".to_string()),
                ("next", path.to_string()),
            ],
        )
        .await;
    assert_eq!(chosen.status(), StatusCode::SEE_OTHER);
    let (_, french) = costed(&app, &visitor, path).await;
    assert!(row_of(&french, "TST-WC-0002").contains("Retirée"), "French");
    let (_, english) = costed(&app, &app.new_browser(), path).await;
    assert!(
        row_of(&english, "TST-WC-0002").contains("Withdrawn"),
        "English"
    );
}
