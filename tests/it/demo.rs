//! The demo: loads once, on both backends, all or nothing; every role's account can sign in;
//! it holds the whole story (contributions of every kind, proposals in every state and
//! group, published reports, summary and draft revisions, notifications); and every page
//! answers with it (`pages`).

mod documents;
mod negotiation;
mod pages;

use std::collections::{BTreeMap, BTreeSet};

use concord::db::DbConnection;
use concord::db::schema::{
    attachments, contribution_attachments, contributions, notifications, organisations,
    proposal_decisions, proposal_versions, proposals, review_notes, revisions,
};
use concord::domain::proposals::ProposalStatus;
use concord::domain::proposals::review::DecisionKind;
use concord::domain::roles::StakeholderCategory;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{Backend, spawn_app_with, with_db};
use crate::on_both_backends;
use documents::the_demo_holds_published_documents_with_provenance;
use negotiation::the_demo_holds_a_negotiation;
use pages::every_page_answers_with_the_demo;

on_both_backends!(
    the_demo_loads_once_and_every_account_signs_in,
    the_demo_refuses_a_database_with_other_data,
    a_demo_that_fails_half_way_leaves_nothing,
    the_demo_holds_contributions_of_every_kind,
    the_demo_holds_proposals_in_every_state_and_group,
    the_demo_holds_published_documents_with_provenance,
    the_demo_holds_a_negotiation,
    every_page_answers_with_the_demo,
);

async fn the_demo_loads_once_and_every_account_signs_in(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], true).await else {
        return;
    };
    let visitor = app.new_browser();
    let (status, home) = visitor.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("Global Compact for Safe, Orderly and Regular Migration"));
    assert!(
        home.contains("Demo accounts"),
        "the home page says how to sign in"
    );

    let (status, page) = visitor.get_text("/p/gcm").await;
    assert_eq!(status, StatusCode::OK);
    for group in [
        "Human dimensions",
        "Community dimensions",
        "Local and sub-national dimensions",
        "National dimensions",
        "Regional dimensions",
        "Global dimensions",
    ] {
        assert!(page.contains(group), "{group}");
    }
    assert!(page.contains("Gender-responsive") && page.contains("Diaspora"));
    assert_eq!(
        page.matches("badge-open").count(),
        4,
        "every window is open"
    );

    for login in concord::demo::logins().expect("demo accounts") {
        let browser = app.new_browser();
        let response = browser.login(&login.email, &login.password).await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "{} signs in",
            login.email
        );
    }

    // Loading again changes nothing.
    let before = with_db(&app, row_counts).await;
    let loaded = with_db(&app, |conn| concord::demo::load(conn).expect("loads")).await;
    assert_eq!(loaded, concord::demo::Loaded::Already);
    assert_eq!(with_db(&app, row_counts).await, before);
    let processes: i64 = with_db(&app, |conn| {
        use concord::db::schema::processes::dsl::*;
        processes.count().get_result(conn).expect("count")
    })
    .await;
    assert_eq!(processes, 1);
}

/// How many contributions, proposals, versions, decisions and revisions there are.
fn row_counts(conn: &mut DbConnection) -> [i64; 5] {
    [
        contributions::table
            .count()
            .get_result(conn)
            .expect("count"),
        proposals::table.count().get_result(conn).expect("count"),
        proposal_versions::table
            .count()
            .get_result(conn)
            .expect("count"),
        proposal_decisions::table
            .count()
            .get_result(conn)
            .expect("count"),
        revisions::table.count().get_result(conn).expect("count"),
    ]
}

async fn the_demo_refuses_a_database_with_other_data(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], false).await else {
        return;
    };
    app.participant(
        "someone@example.org",
        "Someone Real",
        "Some NGO",
        "civil-society",
    )
    .await;
    let outcome = with_db(&app, concord::demo::load).await;
    assert!(
        matches!(outcome, Err(concord::demo::DemoError::NotEmpty)),
        "{outcome:?}"
    );
    assert!(
        outcome
            .expect_err("refused")
            .to_string()
            .contains("only into an empty database"),
        "the refusal says why"
    );
}

/// A demo whose last part is wrong (the draft cites a proposal that does not exist) is
/// refused, and what was written before the mistake is rolled back.
async fn a_demo_that_fails_half_way_leaves_nothing(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], false).await else {
        return;
    };
    let built_in = concord::demo::Sources::BUILT_IN;
    let broken = built_in.documents.replacen(
        "\"proposal\": \"g6-data\"",
        "\"proposal\": \"no-such-proposal\"",
        1,
    );
    assert_ne!(broken, built_in.documents, "the draft cites g6-data");
    let outcome = with_db(&app, move |conn| {
        let sources = concord::demo::Sources {
            documents: &broken,
            ..built_in
        };
        concord::demo::load_from(conn, &sources).map(|_| ())
    })
    .await;
    let error = outcome.expect_err("the broken demo is refused");
    assert!(error.to_string().contains("no-such-proposal"), "{error}");
    let left: (i64, i64, i64) = with_db(&app, |conn| {
        use concord::db::schema::{accounts, processes};
        (
            processes::table.count().get_result(conn).expect("count"),
            accounts::table.count().get_result(conn).expect("count"),
            contributions::table
                .count()
                .get_result(conn)
                .expect("count"),
        )
    })
    .await;
    assert_eq!(left, (0, 0, 0), "nothing of the demo is left behind");
    // And the built-in demo still loads into that database.
    let loaded = with_db(&app, |conn| concord::demo::load(conn).expect("loads")).await;
    assert_eq!(loaded, concord::demo::Loaded::Now);
}

type ContributionRow = (
    String,
    String,
    Option<chrono::NaiveDateTime>,
    Option<String>,
    Option<String>,
);

async fn the_demo_holds_contributions_of_every_kind(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], true).await else {
        return;
    };
    let (rows, categories, files): (Vec<ContributionRow>, Vec<String>, Vec<Vec<u8>>) =
        with_db(&app, |conn| {
            let rows = contributions::table
                .select((
                    contributions::title,
                    contributions::status,
                    contributions::submitted_at,
                    contributions::hidden_reason,
                    contributions::reference,
                ))
                .load(conn)
                .expect("contributions");
            let categories = contributions::table
                .inner_join(organisations::table)
                .select(organisations::category)
                .distinct()
                .load(conn)
                .expect("categories");
            let files = contribution_attachments::table
                .inner_join(attachments::table)
                .select(attachments::content)
                .load(conn)
                .expect("files");
            (rows, categories, files)
        })
        .await;
    assert!(rows.len() >= 40, "{} contributions", rows.len());
    let status = |s: &str| rows.iter().filter(|r| r.1 == s).count();
    assert_eq!(status("withdrawn"), 1);
    assert_eq!(status("hidden"), 1);
    assert!(
        rows.iter()
            .any(|r| r.1 == "hidden" && r.3.as_deref().is_some_and(|reason| reason.len() > 20)),
        "the hidden contribution says why"
    );
    assert!(
        rows.iter().all(|r| r.4.is_some()),
        "every one has a receipt"
    );
    assert_eq!(files.len(), 1, "one contribution has an attachment");
    assert!(files[0].starts_with(b"%PDF-") && files[0].ends_with(b"%%EOF\n"));
    for category in StakeholderCategory::ALL {
        assert!(
            categories.iter().any(|c| c == category.as_str()),
            "no contribution from {category:?}"
        );
    }
    // The languages the data says they are written in, found in the database.
    let data: serde_json::Value =
        serde_json::from_str(concord::demo::Sources::BUILT_IN.contributions).expect("json");
    for language in ["fr", "es", "ar"] {
        let titles: Vec<&str> = data["contributions"]
            .as_array()
            .expect("a list")
            .iter()
            .filter(|c| c["language"] == language)
            .filter_map(|c| c["title"].as_str())
            .collect();
        assert!(titles.len() >= 3, "several in {language}");
        for title in titles {
            assert!(rows.iter().any(|r| r.0 == title), "{title}");
        }
    }
    // Spread over the consultation phase, April to November 2017, month by month.
    let months: BTreeSet<String> = rows
        .iter()
        .filter_map(|r| r.2.map(|at| at.format("%Y-%m").to_string()))
        .collect();
    assert_eq!(months.first().map(String::as_str), Some("2017-04"));
    assert_eq!(months.last().map(String::as_str), Some("2017-11"));
    assert_eq!(months.len(), 8, "{months:?}");
}

type ProposalRow = (i64, i32, String, i32);

async fn the_demo_holds_proposals_in_every_state_and_group(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], true).await else {
        return;
    };
    let (rows, decisions, notes, unread) = with_db(&app, |conn| {
        use concord::db::schema::{accounts, action_groups, co_sponsorships};
        let rows: Vec<ProposalRow> = proposals::table
            .inner_join(action_groups::table)
            .select((
                proposals::id,
                action_groups::number,
                proposals::status,
                proposals::current_version,
            ))
            .load(conn)
            .expect("proposals");
        let decisions: Vec<(i64, i32, String)> = proposal_decisions::table
            .order((proposal_decisions::decided_at, proposal_decisions::id))
            .select((
                proposal_decisions::proposal_id,
                proposal_decisions::version_number,
                proposal_decisions::kind,
            ))
            .load(conn)
            .expect("decisions");
        let sponsors: i64 = co_sponsorships::table
            .filter(co_sponsorships::status.eq("accepted"))
            .count()
            .get_result(conn)
            .expect("co-sponsors");
        assert!(sponsors >= 10, "{sponsors} co-sponsorships");
        let notes: i64 = review_notes::table.count().get_result(conn).expect("notes");
        let unread: i64 = notifications::table
            .inner_join(accounts::table)
            .filter(accounts::email.eq("stakeholder@demo.concord.example"))
            .filter(notifications::read_at.is_null())
            .count()
            .get_result(conn)
            .expect("notifications");
        (rows, decisions, notes, unread)
    })
    .await;
    for status in ProposalStatus::ALL {
        assert!(
            rows.iter().any(|r| r.2 == status.as_str()),
            "no proposal {}",
            status.as_str()
        );
    }
    for group in 1..=6 {
        let states: BTreeSet<&str> = rows
            .iter()
            .filter(|r| r.1 == group)
            .map(|r| r.2.as_str())
            .collect();
        assert!(states.contains("accepted"), "group {group}: {states:?}");
        assert!(states.len() >= 3, "group {group}: {states:?}");
    }
    assert!(
        rows.iter().any(|r| r.3 >= 3),
        "a proposal with three versions"
    );
    assert!(notes >= 10, "{notes} internal notes");
    assert!(unread >= 3, "notifications wait for the demo stakeholder");

    // The status column agrees with the decisions: the last decision on the current version
    // gives the state; one on an earlier version means the author resubmitted since.
    let mut last: BTreeMap<i64, (i32, &str)> = BTreeMap::new();
    for (proposal, version, kind) in &decisions {
        last.insert(*proposal, (*version, kind.as_str()));
    }
    let mut resubmitted = 0;
    for (id, _, status, current) in &rows {
        match last.get(id) {
            Some((version, kind)) if version == current => {
                let kind = DecisionKind::parse(kind).expect("a known decision");
                assert_eq!(status, kind.outcome().as_str(), "proposal {id}");
            }
            Some((version, "request-revision")) if version < current => {
                assert!(["submitted", "withdrawn"].contains(&status.as_str()));
                resubmitted += 1;
            }
            Some(other) => panic!("proposal {id} is {status} after {other:?}"),
            None => assert!(
                ["draft", "submitted", "withdrawn"].contains(&status.as_str()),
                "proposal {id} is {status} without a decision"
            ),
        }
    }
    assert!(
        rows.iter()
            .any(|r| r.2 == "submitted" && last.contains_key(&r.0)),
        "a proposal was sent back for revision and resubmitted, and waits"
    );
    assert!(resubmitted >= 1);
}
