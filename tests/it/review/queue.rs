//! The queue: its filters, the similar proposals beside each, and what it costs in queries.

use reqwest::StatusCode;

use super::{QUEUE, accredited, decide, propose, review_page, setup, with_role};
use crate::helpers::{Backend, Browser, TestApp, with_db};
use crate::on_both_backends;

on_both_backends!(
    the_queue_filters_by_status_theme_and_co_sponsors,
    similar_proposals_stand_side_by_side,
    what_is_alike_is_kept_and_follows_new_versions,
    the_queue_costs_the_same_queries_for_10_and_1000_proposals,
    a_kept_queue_shows_each_reader_their_rights_and_every_change,
);

/// The titles among `titles` that a page lists.
fn listed<'a>(page: &str, titles: &[&'a str]) -> Vec<&'a str> {
    titles
        .iter()
        .copied()
        .filter(|t| page.contains(&format!(">{t}</a></h2>")))
        .collect()
}

async fn the_queue_filters_by_status_theme_and_co_sponsors(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let diaspora: i64 = with_db(&r.app, |conn| {
        use concord::db::schema::themes::dsl::*;
        use diesel::prelude::*;
        themes
            .filter(name.eq("Diaspora"))
            .select(id)
            .first(conn)
            .expect("the theme")
    })
    .await;
    let page = "/p/gcm/proposals/new";
    let mut themed = super::fields("Alpha remittances", "Cheaper remittances.", "1");
    themed.push(("theme".into(), diaspora.to_string()));
    r.author.submit(page, page, &themed).await;
    let (sponsored, _) = propose(&r.author, "Beta recruitment", "Fair recruitment.", "1").await;
    let (_, decided) = propose(&r.author, "Gamma detention", "End child detention.", "1").await;
    propose(&r.author, "Delta elsewhere", "In another group.", "2").await;
    let partner = accredited(
        &r.app,
        "partner@example.org",
        "Pia Partner",
        "Diaspora Network",
        "diaspora-migrant-organisation",
    )
    .await;
    r.author
        .submit(
            &sponsored,
            &format!("{sponsored}/invitations"),
            &[("organisation", "Diaspora Network")],
        )
        .await;
    partner
        .submit(
            &sponsored,
            &format!("{sponsored}/invitations/answer"),
            &[("decision", "accept")],
        )
        .await;
    decide(&r.rapporteur, &decided, "1", "reject", "Out of scope.", "").await;

    let titles = [
        "Alpha remittances",
        "Beta recruitment",
        "Gamma detention",
        "Delta elsewhere",
    ];
    for (query, expected) in [
        ("", vec!["Alpha remittances", "Beta recruitment"]),
        ("?status=rejected", vec!["Gamma detention"]),
        (&format!("?theme={diaspora}"), vec!["Alpha remittances"]),
        ("?co_sponsors=1", vec!["Beta recruitment"]),
        ("?co_sponsors=2", vec![]),
        ("?co_sponsors=none", vec!["Alpha remittances"]),
        // Values that name nothing are ignored; a draft is never listed.
        (
            "?status=draft&theme=99999&co_sponsors=x&page=-1",
            vec!["Alpha remittances", "Beta recruitment"],
        ),
    ] {
        let (status, page) = r.rapporteur.get_text(&format!("{QUEUE}{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}");
        assert_eq!(listed(&page, &titles), expected, "{query}");
    }
    let (_, page) = r.rapporteur.get_text(QUEUE).await;
    let alpha = page.find("Alpha remittances").expect("listed");
    let beta = page.find("Beta recruitment").expect("listed");
    assert!(alpha < beta, "oldest first");
}

async fn similar_proposals_stand_side_by_side(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let other = accredited(
        &r.app,
        "other@example.org",
        "Omar Other",
        "Another NGO",
        "civil-society",
    )
    .await;
    propose(
        &r.author,
        "Portable social security",
        "States commit to make social security benefits portable between countries of origin and destination for all migrant workers.",
        "1",
    )
    .await;
    propose(
        &other,
        "Portability of social security",
        "States commit to make social security benefits portable between countries of origin and destination for migrant workers.",
        "1",
    )
    .await;
    super::propose_with(&r.author, &detention()).await;

    let (_, page) = r.rapporteur.get_text(QUEUE).await;
    let section = |title: &str| -> String {
        let start = page.find(&format!(">{title}</a></h2>")).expect("listed");
        let end = page[start..]
            .find("</article>")
            .map(|e| start + e)
            .unwrap_or(page.len());
        page[start..end].to_string()
    };
    let first = section("Portable social security");
    assert!(
        first.contains("TST/CP/0002"),
        "its near-duplicate is beside it"
    );
    assert!(first.contains("% alike"));
    assert!(
        !first.contains("TST/CP/0003"),
        "a different proposal is not"
    );
    let third = section("Ending child detention");
    assert!(third.contains("No similar proposal in this group."));
    // The review page shows them too, with their state.
    let (_, page) = r
        .rapporteur
        .get_text(&super::review_page("1", "TST/CP/0002"))
        .await;
    assert!(page.contains("TST/CP/0001"));
    assert!(page.contains("Portable social security"));
}

/// A proposal unlike the others: another commitment, with its own measures and means.
fn detention() -> Vec<(String, String)> {
    let mut form = super::fields(
        "Ending child detention",
        "States commit to end the immigration detention of children in all circumstances.",
        "1",
    );
    for (name, value) in [
        (
            "actionable_measures",
            "Release families into community-based care",
        ),
        (
            "financing",
            "Savings on detention centres pay for case workers",
        ),
    ] {
        form.retain(|(k, _)| k != name);
        form.push((name.to_string(), value.to_string()));
    }
    form
}

const PORTABLE: &str = "States commit to make social security benefits portable between \
                        countries of origin and destination for all migrant workers.";

/// How many proposals were compared with their group.
async fn compared(app: &TestApp) -> i64 {
    with_db(app, |conn| {
        use concord::db::schema::proposal_similarity_state::dsl::*;
        use diesel::prelude::*;
        proposal_similarity_state
            .count()
            .get_result::<i64>(conn)
            .expect("counted")
    })
    .await
}

/// Polls the review page of `reference` until `wanted` says whether `other` is beside it.
async fn shown_beside(r: &super::Review, reference: &str, other: &str, wanted: bool) -> bool {
    for _ in 0..50 {
        let (_, page) = r
            .rapporteur
            .get_text(&super::review_page("1", reference))
            .await;
        if page.contains(other) == wanted {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    false
}

/// Comparisons are stored: a proposal compared once finds a later near-duplicate through the
/// later one's comparison (made after it was submitted), and loses it when that one's text
/// changes.
async fn what_is_alike_is_kept_and_follows_new_versions(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    propose(&r.author, "Portable social security", PORTABLE, "1").await;
    let (_, page) = r
        .rapporteur
        .get_text(&super::review_page("1", "TST/CP/0001"))
        .await;
    assert!(page.contains("No similar proposal in this group."));
    assert_eq!(
        compared(&r.app).await,
        1,
        "the first is compared once shown"
    );

    let other = accredited(
        &r.app,
        "other@example.org",
        "Omar Other",
        "Another NGO",
        "civil-society",
    )
    .await;
    let (public, _) = propose(
        &other,
        "Portability of social security",
        &PORTABLE.replace("for all", "for"),
        "1",
    )
    .await;
    // Pages and the comparison after submission may compare it at the same time: each
    // answers.
    let page = super::review_page("1", "TST/CP/0002");
    let answers = futures_util::future::join_all((0..8).map(|_| r.rapporteur.get(&page))).await;
    for answer in answers {
        assert_eq!(answer.status(), StatusCode::OK, "compared at once");
    }
    assert!(
        shown_beside(&r, "TST/CP/0001", "TST/CP/0002", true).await,
        "the near-duplicate submitted later is found beside the first"
    );
    assert_eq!(
        compared(&r.app).await,
        2,
        "each compared once, stored both ways"
    );

    // A new version that says something else is no longer alike.
    let id = super::proposal_id(&r.app, "Portability of social security").await;
    let edit = format!("/p/gcm/proposals/drafts/{id}");
    let mut second = detention();
    second.push(("base_version".to_string(), "1".to_string()));
    let response = other.submit(&edit, &edit, &second).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{public}");
    // Compared again once submitted, and alike nothing now.
    for _ in 0..50 {
        if compared(&r.app).await == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(compared(&r.app).await, 2, "the new version is compared");
    let (_, page) = r
        .rapporteur
        .get_text(&super::review_page("1", "TST/CP/0001"))
        .await;
    assert!(
        !page.contains("TST/CP/0002"),
        "a new text is no longer beside the first"
    );
}

/// Submits `count` proposals to group 1 through the store, in one transaction.
async fn insert_many(app: &TestApp, count: usize, from: usize) {
    with_db(app, move |conn| {
        use concord::domain::proposals::ProposalStatus;
        use concord::domain::proposals::text::{ProposalText, SubmittedText};
        use concord::store::proposals::{NewProposal, Submission, SubmitError, submit_new};
        concord::db::write_transaction(conn, |conn| {
            let process =
                concord::store::processes::process_by_slug(conn, "gcm")?.expect("the process");
            let structure = concord::store::processes::structure_of(conn, &process)?;
            let author = concord::store::accounts::account_by_email(
                conn,
                &concord::domain::validation::Email::parse("author@example.org").expect("email"),
            )?
            .expect("the author");
            let theme = structure.themes[0].id;
            for i in from..from + count {
                let text = SubmittedText::parse(&ProposalText {
                    title: format!("Bulk proposal {i:04}"),
                    commitment: format!(
                        "States commit to measure {i} of a long series of bulk commitments."
                    ),
                    actionable_measures: format!("Measure {i}\nAnother measure"),
                    ..ProposalText::default()
                })
                .expect("valid");
                let new = NewProposal {
                    process_id: process.id,
                    group_id: structure.groups[0].id,
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

/// The SQL statements one GET of `path` costs, after two first GETs: a session seen again
/// after a while is touched once, and proposals first shown are compared with their group
/// (which renews what a kept queue is kept under); neither is the page's cost.
async fn queries_of(app: &TestApp, browser: &Browser, path: &str) -> u64 {
    for _ in 0..2 {
        let (status, _) = browser.get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
    }
    let before = app.queries.get();
    let (status, _) = browser.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    app.queries.get() - before
}

async fn the_queue_costs_the_same_queries_for_10_and_1000_proposals(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let pages = [
        QUEUE.to_string(),
        format!("{QUEUE}?co_sponsors=1&page=2"),
        format!("{QUEUE}?status=submitted&co_sponsors=none&theme=1"),
        super::review_page("1", "TST/CP/0005"),
    ];
    insert_many(&r.app, 10, 0).await;
    let mut few = Vec::new();
    for page in &pages {
        few.push(queries_of(&r.app, &r.rapporteur, page).await);
        few.push(super::queue_reading_statements(&r.app, &r.rapporteur, page).await);
    }
    insert_many(&r.app, 990, 10).await;
    let mut many = Vec::new();
    for page in &pages {
        many.push(queries_of(&r.app, &r.rapporteur, page).await);
        many.push(super::queue_reading_statements(&r.app, &r.rapporteur, page).await);
    }
    // Written past the harness's capture, for the record.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "review queue SQL statements ({backend:?}): 10 proposals {few:?}, 1000 proposals {many:?}"
    );
    assert_eq!(few, many, "the same statements for 10 and 1,000 proposals");
    assert!(
        many[0] < many[1],
        "a kept queue costs none of the statements that read and render it"
    );

    let (_, first) = r.rapporteur.get_text(QUEUE).await;
    assert!(first.contains("Proposals in the queue: 1000"));
    assert!(first.contains("Rows 1–25 of 1000"));
    assert!(first.contains("Bulk proposal 0000") && first.contains("Bulk proposal 0024"));
    assert!(!first.contains(">Bulk proposal 0025</a></h2>"));
    assert!(first.contains("% alike"), "alike proposals shown at scale");
}

/// The notes count a queue shows beside a proposal's title.
fn notes_shown(page: &str, title: &str) -> String {
    let at = page
        .find(&format!(">{title}</a></h2>"))
        .expect("the proposal is listed");
    let label = "Internal notes</dt><dd>";
    let from = at + page[at..].find(label).expect("its notes") + label.len();
    page[from..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

/// A queue's middle is kept once rendered, for everyone allowed to read it: each request is
/// still admitted on its own, each reader still gets the part their rights allow, and every
/// change the queue shows (a proposal submitted, a note, a decision) shows at once.
async fn a_kept_queue_shows_each_reader_their_rights_and_every_change(backend: Backend) {
    let Some(r) = setup(backend).await else {
        return;
    };
    let (_, alpha) = propose(&r.author, "Kept alpha", "Commit to alpha.", "1").await;
    let decider = "awaiting a decision, oldest first. Each decision";
    let reader = "As a moderator you can read the queue";
    for _ in 0..2 {
        let (status, page) = r.rapporteur.get_text(QUEUE).await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.contains(decider) && !page.contains(reader));
        assert!(page.contains("Review and decide"));
        assert!(page.contains("Rania Rapporteur"), "the reader's own frame");
        assert_eq!(notes_shown(&page, "Kept alpha"), "0");
    }

    // Another reader of the same address gets the part their own rights allow.
    let moderator = with_role(
        &r.app,
        &r.admin,
        "moderator@example.org",
        "Mariam Moderator",
        "moderator",
        "1",
    )
    .await;
    let (status, page) = moderator.get_text(QUEUE).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(reader) && !page.contains(decider));
    assert!(!page.contains("Review and decide"));
    assert!(page.contains("Mariam Moderator") && !page.contains("Rania Rapporteur"));
    // Neither a participant without a role in the group nor a visitor gets it, kept or not.
    let (status, page) = r.author.get_text(QUEUE).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!page.contains("Kept alpha"));
    let response = r.app.new_browser().get(QUEUE).await;
    assert!(response.status().is_redirection(), "{}", response.status());

    // A note, a new proposal and a decision each show at the next request.
    let page = review_page("1", &alpha);
    let response = moderator
        .submit(
            &page,
            &format!("{page}/notes"),
            &[("body", "Seen before?"), ("parent", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, listed) = r.rapporteur.get_text(QUEUE).await;
    assert_eq!(notes_shown(&listed, "Kept alpha"), "1");
    propose(&r.author, "Kept beta", "Commit to beta.", "1").await;
    let (_, listed) = r.rapporteur.get_text(QUEUE).await;
    assert!(listed.contains(">Kept beta</a></h2>"));
    let response = decide(&r.rapporteur, &alpha, "1", "accept", "Concrete.", "").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, listed) = moderator.get_text(QUEUE).await;
    assert!(
        !listed.contains(">Kept alpha</a></h2>"),
        "decided: out of the queue"
    );
    assert!(listed.contains(">Kept beta</a></h2>"));
    let (_, accepted) = moderator
        .get_text(&format!("{QUEUE}?status=accepted"))
        .await;
    assert!(accepted.contains(">Kept alpha</a></h2>"));
}
