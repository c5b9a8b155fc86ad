//! The public list: search in every script, filters, sorting, pages, and its queries.

use reqwest::StatusCode;

use super::{SLUG, accredited, fields, set, setup, submitted, theme_id};
use crate::helpers::{Backend, Browser, TestApp, with_db};
use crate::on_both_backends;

on_both_backends!(
    search_finds_the_same_in_every_script,
    filters_and_sorting_narrow_the_list,
    the_list_costs_the_same_queries_for_30_and_1000_proposals,
);

async fn search_finds_the_same_in_every_script(backend: Backend) {
    let Some((app, _admin, author)) = setup(backend).await else {
        return;
    };
    for (title, commitment) in [
        ("حماية حقوق المهاجرين", "تلتزم الدول بحماية المهاجرين"),
        ("保护移民权利", "各国承诺保护所有移民"),
        ("Защита прав мигрантов", "Государства защищают мигрантов"),
        (
            "Protecting Migrant Workers",
            "States protect migrant workers",
        ),
    ] {
        let mut form = fields(title);
        set(&mut form, "commitment", commitment);
        submitted(&author, &form).await;
    }
    let visitor = app.new_browser();
    for (query, expected) in [
        ("المهاجرين", "حماية حقوق المهاجرين"),
        ("移民", "保护移民权利"),
        ("МИГРАНТОВ", "Защита прав мигрантов"),
        ("PROTECTING", "Protecting Migrant Workers"),
        ("TST/CP/0002", "保护移民权利"),
    ] {
        let (status, page) = visitor
            .get_text(&format!(
                "/p/gcm/proposals?q={}",
                concord::web::error::urlencode(query)
            ))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(expected), "{query} finds {expected}");
        assert!(page.contains("Proposals found: 1"), "{query} finds one");
    }
    // Every term must appear; a term found nowhere finds nothing.
    let (_, page) = visitor
        .get_text("/p/gcm/proposals?q=migrant+pathways")
        .await;
    assert!(page.contains("Proposals found: 0"));
    let (_, page) = visitor.get_text("/p/gcm/proposals?q=%25%25%25").await;
    assert!(page.contains("Proposals found: 0"), "wildcards are literal");
}

async fn filters_and_sorting_narrow_the_list(backend: Backend) {
    let Some((app, _admin, author)) = setup(backend).await else {
        return;
    };
    let state = accredited(
        &app,
        "state@example.org",
        "Sara State",
        "Permanent Mission of Examplia",
        "member-state",
    )
    .await;
    let diaspora = theme_id(&app, "Diaspora").await;
    let mut themed = fields("Beta: remittance costs");
    themed.push(("theme".into(), diaspora.to_string()));
    submitted(&author, &themed).await;
    let mut second_group = fields("Alpha: local integration");
    set(&mut second_group, "group", "2");
    submitted(&author, &second_group).await;
    let withdrawn = submitted(&state, &fields("Gamma: consular protection")).await;
    state
        .submit(&withdrawn, &format!("{withdrawn}/withdraw"), &[("", "")])
        .await;

    let visitor = app.new_browser();
    let titles = |page: &str| -> Vec<&str> {
        ["Alpha", "Beta", "Gamma"]
            .into_iter()
            .filter(|t| page.contains(&format!("{t}:")))
            .collect()
    };
    for (query, expected) in [
        ("", vec!["Alpha", "Beta", "Gamma"]),
        ("?category=member-state", vec!["Gamma"]),
        ("?category=civil-society", vec!["Alpha", "Beta"]),
        ("?group=2", vec!["Alpha"]),
        (&format!("?theme={diaspora}"), vec!["Beta"]),
        ("?status=withdrawn", vec!["Gamma"]),
        ("?status=submitted&group=1", vec!["Beta"]),
        // Values that name nothing are ignored rather than failing.
        (
            "?category=overlords&group=x&theme=99999&status=draft&sort=1;DROP",
            vec!["Alpha", "Beta", "Gamma"],
        ),
    ] {
        let (status, page) = visitor.get_text(&format!("/p/gcm/proposals{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}");
        assert_eq!(titles(&page), expected, "{query}");
    }

    let order = |page: &str| -> Vec<usize> {
        ["Alpha:", "Beta:", "Gamma:"]
            .iter()
            .map(|t| page.find(t).expect("listed"))
            .collect()
    };
    let (_, by_title) = visitor.get_text("/p/gcm/proposals?sort=title").await;
    let positions = order(&by_title);
    assert!(positions[0] < positions[1] && positions[1] < positions[2]);
    let (_, newest) = visitor.get_text("/p/gcm/proposals?sort=newest").await;
    let positions = order(&newest);
    assert!(positions[2] < positions[0] && positions[0] < positions[1]);
    let (_, by_reference) = visitor.get_text("/p/gcm/proposals?sort=reference").await;
    let positions = order(&by_reference);
    assert!(positions[1] < positions[0] && positions[0] < positions[2]);
}

/// Submits `count` proposals through the store in one transaction.
async fn insert_many(app: &TestApp, count: usize, from: usize) {
    with_db(app, move |conn| {
        use concord::domain::proposals::ProposalStatus;
        use concord::domain::proposals::text::{ProposalText, SubmittedText};
        use concord::store::proposals::{NewProposal, Submission, SubmitError, submit_new};
        concord::db::write_transaction(conn, |conn| {
            let process =
                concord::store::processes::process_by_slug(conn, SLUG)?.expect("the process");
            let structure = concord::store::processes::structure_of(conn, &process)?;
            let author = concord::store::accounts::account_by_email(
                conn,
                &concord::domain::validation::Email::parse("author@example.org").expect("email"),
            )?
            .expect("the author");
            let theme = structure
                .themes_of(concord::store::processes::ThemeKind::Theme)
                .next()
                .expect("a theme")
                .id;
            for i in from..from + count {
                let text = SubmittedText::parse(&ProposalText {
                    title: format!("Bulk proposal {i:04}"),
                    commitment: "A commitment made in bulk".into(),
                    actionable_measures: "One measure\nAnother measure".into(),
                    ..ProposalText::default()
                })
                .expect("valid");
                let new = NewProposal {
                    process_id: process.id,
                    group_id: structure.groups[i % 2].id,
                    author_id: author.id,
                    organisation_id: author.organisation_id,
                };
                let submission = Submission {
                    language: concord::domain::text_language::TextLanguage(concord::i18n::Lang::En),
                    reference_prefix: &process.reference_prefix,
                    text: &text,
                    themes: &[theme],
                    status: ProposalStatus::Submitted,
                    by: author.id,
                    now: concord::store::now(),
                };
                submit_new(conn, &new, &submission)?;
            }
            Ok::<_, SubmitError>(())
        })
        .expect("inserted");
    })
    .await;
}

/// The SQL statements one GET of `path` costs.
async fn queries_of(app: &TestApp, browser: &Browser, path: &str) -> u64 {
    let before = app.queries.get();
    let (status, _) = browser.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    app.queries.get() - before
}

async fn the_list_costs_the_same_queries_for_30_and_1000_proposals(backend: Backend) {
    let Some((app, _admin, author)) = setup(backend).await else {
        return;
    };
    // Signed in, so that every GET reads its page: an anonymous reader's repeated GET is a
    // kept page (`web::pagecache`), three statements at any size.
    let visitor = author;
    // The search first: its rows are among the first page's, which would find them held.
    let pages = [
        "/p/gcm/proposals?q=bulk&sort=title&page=2",
        "/p/gcm/proposals",
        "/p/gcm/groups/1",
    ];
    // Enough for a second page of the search.
    insert_many(&app, 30, 0).await;
    // A page that lists nothing first, so that both rounds find the process's outline kept,
    // and its stamps remembered once the notices of the rows added are heard (PostgreSQL,
    // `db::listen`).
    app.settle().await;
    queries_of(&app, &visitor, "/p/gcm/proposals?q=nowhere").await;
    // Each page twice a round: once with its rows to read and render, once with its rows
    // held (`web::pagecache`'s rows) from the first.
    let mut few = Vec::new();
    for page in pages {
        let read = queries_of(&app, &visitor, page).await;
        few.push((read, queries_of(&app, &visitor, page).await));
    }
    insert_many(&app, 970, 30).await;
    app.settle().await;
    queries_of(&app, &visitor, "/p/gcm/proposals?q=nowhere").await;
    let mut many = Vec::new();
    for page in pages {
        let read = queries_of(&app, &visitor, page).await;
        many.push((read, queries_of(&app, &visitor, page).await));
    }
    assert_eq!(few, many, "the same statements for 30 and 1,000 proposals");
    assert!(
        few.iter().take(2).all(|(read, held)| held < read),
        "held rows are not read: {few:?}"
    );

    // Pages of 25, with links to the next and the previous.
    let (_, first) = visitor.get_text("/p/gcm/proposals?sort=title").await;
    assert!(first.contains("Proposals found: 1000"));
    assert!(first.contains("Rows 1–25 of 1000"));
    assert!(first.contains("Bulk proposal 0000") && first.contains("Bulk proposal 0024"));
    assert!(!first.contains("Bulk proposal 0025"));
    // The page's links keep the query (its `&` written as an HTML character reference) and
    // carry the last row shown as the cursor.
    let links = first.replace("&#38;", "&");
    let next = links
        .split("\" rel=\"next\"")
        .next()
        .and_then(|head| head.rsplit("href=\"").next())
        .expect("a next link")
        .to_string();
    assert!(
        next.starts_with("/p/gcm/proposals?sort=title&after="),
        "{next}"
    );
    assert!(next.ends_with("&row=26"), "{next}");
    assert!(!first.contains("rel=\"prev\""));
    let (_, second) = visitor.get_text(&next).await;
    assert!(second.contains("Bulk proposal 0025") && !second.contains("Bulk proposal 0024"));
    assert!(second.contains("rel=\"prev\"") && second.contains("rel=\"next\""));
    assert!(second.contains("Rows 26–50 of 1000"));
    let (_, by_number) = visitor.get_text("/p/gcm/proposals?sort=title&page=2").await;
    assert!(by_number.contains("Bulk proposal 0025") && !by_number.contains("Bulk proposal 0024"));
    let (_, last) = visitor
        .get_text("/p/gcm/proposals?sort=title&page=40")
        .await;
    assert!(last.contains("Bulk proposal 0999") && !last.contains("rel=\"next\""));
    let (status, _) = visitor.get_text("/p/gcm/proposals?page=-3").await;
    assert_eq!(status, StatusCode::OK);
}
