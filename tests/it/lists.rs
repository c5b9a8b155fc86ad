//! The browse lists at scale: contributions, proposals, a group's page and the review
//! queue cost the same SQL statements at 10 and at 10,000 rows; keyset pages neither repeat
//! nor skip a row when sort keys are equal; forged cursors give the first page; filters and
//! the order are kept across pages; old `page=` addresses keep working within their bound.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, TestApp, spawn_app_with, with_db};
use crate::on_both_backends;

on_both_backends!(
    every_list_costs_the_same_statements_at_10_and_10000_rows,
    keyset_pages_neither_repeat_nor_skip_equal_keys,
    forged_cursors_and_deep_page_numbers_give_the_first_page,
    an_authors_drafts_are_found_without_reading_their_filed_texts,
);

const DEMO_PASSWORD: &str = "concord-demo-2018";

/// Where bulk rows go: the demo process, an author with an organisation, group 1.
#[derive(Clone, Copy)]
struct Target {
    process: i64,
    author: i64,
    organisation: Option<i64>,
    group: i64,
}

fn target(conn: &mut concord::db::DbConnection) -> Target {
    use concord::db::schema::{accounts, action_groups, processes};
    let process: i64 = processes::table
        .filter(processes::slug.eq("gcm"))
        .select(processes::id)
        .first(conn)
        .expect("the demo process");
    let (author, organisation): (i64, Option<i64>) = accounts::table
        .filter(accounts::organisation_id.is_not_null())
        .order(accounts::id)
        .select((accounts::id, accounts::organisation_id))
        .first(conn)
        .expect("an author with an organisation");
    let group: i64 = action_groups::table
        .filter(action_groups::process_id.eq(process))
        .filter(action_groups::number.eq(1))
        .select(action_groups::id)
        .first(conn)
        .expect("group 1");
    Target {
        process,
        author,
        organisation,
        group,
    }
}

/// Inserts rows `from..to` of each list directly (no submission path: this is about reads).
/// Every block of ten shares one submission time and one title, so keys tie.
async fn insert_bulk(app: &TestApp, from: usize, to: usize) {
    with_db(app, move |conn| {
        let target = target(conn);
        concord::db::write_transaction(conn, |conn| -> QueryResult<()> {
            for i in from..to {
                insert_contribution(conn, target, i)?;
                insert_proposal(conn, target, i)?;
            }
            Ok(())
        })
        .expect("bulk rows");
    })
    .await
}

fn bulk_time(i: usize) -> NaiveDateTime {
    let base = chrono::NaiveDate::from_ymd_opt(2018, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("a date");
    base + chrono::TimeDelta::minutes(i64::try_from(i / 10).expect("small"))
}

fn insert_contribution(
    conn: &mut concord::db::DbConnection,
    t: Target,
    i: usize,
) -> QueryResult<()> {
    use concord::db::schema::contributions as c;
    use concord::domain::contributions::ContributionStatus;
    let at = bulk_time(i);
    diesel::insert_into(c::table)
        .values((
            c::process_id.eq(t.process),
            c::author_id.eq(t.author),
            c::organisation_id.eq(t.organisation),
            c::reference.eq(format!("GCM/WC/L{i:05}")),
            c::title.eq(format!("Bulk letter {:04}", i / 10)),
            c::body.eq("A bulk letter"),
            // Some in Arabic, so the language filter has rows to pass over.
            c::language.eq(if i.is_multiple_of(5) { "ar" } else { "en" }),
            c::status.eq(ContributionStatus::Submitted),
            c::created_at.eq(at),
            c::updated_at.eq(at),
            c::submitted_at.eq(Some(at)),
        ))
        .execute(conn)?;
    Ok(())
}

fn insert_proposal(conn: &mut concord::db::DbConnection, t: Target, i: usize) -> QueryResult<()> {
    use concord::db::schema::proposals as p;
    use concord::domain::proposals::ProposalStatus;
    let at = bulk_time(i);
    diesel::insert_into(p::table)
        .values((
            p::process_id.eq(t.process),
            p::group_id.eq(t.group),
            p::author_id.eq(t.author),
            p::organisation_id.eq(t.organisation),
            p::reference.eq(format!("GCM/CP/L{i:05}")),
            p::status.eq(ProposalStatus::Submitted),
            p::current_version.eq(1),
            p::title.eq(format!("Bulk proposal {:04}", i / 10)),
            p::search_text.eq("bulk proposal"),
            p::language.eq(if i.is_multiple_of(5) { "ar" } else { "en" }),
            p::created_at.eq(at),
            p::updated_at.eq(at),
            p::submitted_at.eq(Some(at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The page's link to the next page, as an address.
fn next_link(page: &str) -> Option<String> {
    link_before(page, "\" rel=\"next\"")
}

fn previous_link(page: &str) -> Option<String> {
    link_before(page, "\" rel=\"prev\"")
}

fn link_before(page: &str, marker: &str) -> Option<String> {
    let end = page.find(marker)?;
    let start = page[..end].rfind("href=\"")? + "href=\"".len();
    Some(page[start..end].replace("&#38;", "&").replace("&amp;", "&"))
}

/// The references a page lists, in order (contributions, or the proposals' table).
fn references(page: &str) -> Vec<String> {
    let listed = |marker: &str| -> Vec<String> {
        page.split(marker)
            .skip(1)
            .filter_map(|rest| rest.split('<').next())
            .map(str::to_string)
            .filter(|r| !r.is_empty())
            .collect()
    };
    let contributions = listed("<span class=\"reference\" dir=\"ltr\">");
    if contributions.is_empty() {
        listed("<td><code dir=\"ltr\">")
    } else {
        contributions
    }
}

/// The SQL statements one GET of `path` costs, after a first GET: what a page does once (the
/// review queue compares proposals it shows for the first time) is not its cost per request.
async fn statements(app: &TestApp, browser: &Browser, path: &str) -> u64 {
    let (status, _) = browser.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    // What the first GET left to do after its answer (the queue's comparisons) runs before
    // the count starts: the counter counts every statement of the instance.
    settled(app).await;
    let before = app.queries.get();
    let (status, _) = browser.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    app.queries.get() - before
}

/// Waits until the instance has run no statement for a fifth of a second (at most 10 s).
pub(crate) async fn settled(app: &TestApp) {
    let mut last = app.queries.get();
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let now = app.queries.get();
        if now == last {
            return;
        }
        last = now;
    }
}

/// The statements of each list page, and of the page its next link leads to.
async fn costs(app: &TestApp, visitor: &Browser, rapporteur: &Browser) -> Vec<(String, u64)> {
    let mut costs = Vec::new();
    // (page, whether the bulk rows give it a next page to follow)
    for (path, follow) in [
        ("/p/gcm/contributions", true),
        (
            "/p/gcm/contributions?sort=title&category=civil-society",
            false,
        ),
        (
            "/p/gcm/contributions?sort=oldest&group=1&status=submitted",
            false,
        ),
        ("/p/gcm/contributions?sort=reference&status=submitted", true),
        ("/p/gcm/contributions?language=en", true),
        ("/p/gcm/contributions?language=ar&sort=title", false),
        ("/p/gcm/contributions?event=12", false),
        ("/p/gcm/proposals", true),
        ("/p/gcm/proposals?sort=reference&status=submitted", true),
        ("/p/gcm/proposals?group=1&sort=title", true),
        ("/p/gcm/proposals?language=en&sort=oldest", true),
        ("/p/gcm/proposals?language=ar", false),
        ("/p/gcm/groups/1", false),
    ] {
        costs.push((path.to_string(), statements(app, visitor, path).await));
        if follow {
            let (_, page) = visitor.get_text(path).await;
            let next = next_link(&page).expect("a next page");
            let deeper = format!("{path} (next)");
            costs.push((deeper, statements(app, visitor, &next).await));
        }
    }
    let queue = "/p/gcm/groups/1/review";
    costs.push((
        queue.to_string(),
        crate::review::queue_reading_statements(app, rapporteur, queue).await,
    ));
    let (_, page) = rapporteur.get_text(queue).await;
    let next = next_link(&page).expect("the queue has a next page");
    costs.push((
        format!("{queue} (next)"),
        crate::review::queue_reading_statements(app, rapporteur, &next).await,
    ));
    costs
}

async fn demo_app(backend: Backend) -> Option<(TestApp, Browser, Browser)> {
    let app = spawn_app_with(backend, &[], true).await?;
    // Signed in, so that every GET reads its page: an anonymous reader's second GET is served
    // from the kept pages (`web::pagecache`, tested in `pagecache`), which costs the same three
    // statements at any size and would hide what a list costs to read.
    let visitor = app.new_browser();
    let response = visitor
        .login("stakeholder@demo.concord.example", DEMO_PASSWORD)
        .await;
    assert!(response.status().is_success() || response.status().is_redirection());
    let rapporteur = app.new_browser();
    let response = rapporteur
        .login("rapporteur@demo.concord.example", DEMO_PASSWORD)
        .await;
    assert!(response.status().is_success() || response.status().is_redirection());
    Some((app, visitor, rapporteur))
}

async fn every_list_costs_the_same_statements_at_10_and_10000_rows(backend: Backend) {
    let Some((app, visitor, rapporteur)) = demo_app(backend).await else {
        return;
    };
    // Enough for a next page of every list, the queue included.
    insert_bulk(&app, 0, 30).await;
    let few = costs(&app, &visitor, &rapporteur).await;
    insert_bulk(&app, 30, 10_000).await;
    let many = costs(&app, &visitor, &rapporteur).await;
    assert_eq!(few, many, "the same statements at 30 and at 10,000 rows");
    // Past the bound, the count says so instead of counting.
    let (_, page) = visitor.get_text("/p/gcm/contributions").await;
    assert!(
        page.contains("More than 1000 contributions"),
        "bounded count"
    );
    assert!(page.contains("Rows 1–25 of more than 1000"));
    let (_, page) = visitor.get_text("/p/gcm/proposals").await;
    assert!(page.contains("Proposals found: more than 1000"));
    let (_, page) = rapporteur.get_text("/p/gcm/groups/1/review").await;
    assert!(page.contains("Proposals in the queue: more than 1000"));
}

/// Follows next links from `path` to the end, then previous links back to the start.
async fn walk(visitor: &Browser, path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut seen = Vec::new();
    let mut pages = Vec::new();
    let mut link = Some(path.to_string());
    let mut last = String::new();
    while let Some(path) = link {
        let (status, page) = visitor.get_text(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let refs = references(&page);
        seen.extend(refs.clone());
        pages.push(refs);
        link = next_link(&page);
        last = page;
    }
    // Back again by the previous links: the same pages in reverse.
    let mut back = vec![references(&last)];
    let mut link = previous_link(&last);
    while let Some(path) = link {
        let (_, page) = visitor.get_text(&path).await;
        back.push(references(&page));
        link = previous_link(&page);
    }
    back.reverse();
    assert_eq!(
        back, pages,
        "{path}: previous links lead back through the same pages"
    );
    (seen, pages)
}

async fn keyset_pages_neither_repeat_nor_skip_equal_keys(backend: Backend) {
    let Some((app, visitor, _)) = demo_app(backend).await else {
        return;
    };
    insert_bulk(&app, 0, 120).await;
    for sort in ["newest", "oldest", "title", "reference"] {
        let path = format!("/p/gcm/contributions?sort={sort}&status=submitted");
        let (_, first) = visitor.get_text(&path).await;
        let (seen, pages) = walk(&visitor, &path).await;
        let distinct: HashSet<&String> = seen.iter().collect();
        assert_eq!(distinct.len(), seen.len(), "{sort}: no row twice");
        for i in 0..120 {
            let reference = format!("GCM/WC/L{i:05}");
            assert!(
                distinct.contains(&reference),
                "{sort}: {reference} is listed"
            );
        }
        assert!(
            first.contains(&format!("{} contributions", seen.len())),
            "{sort}: every counted row is shown once"
        );
        assert!(pages.iter().all(|p| p.len() <= 25));
        // The filters and order are kept in every link.
        let next = next_link(&first).expect("a next page");
        assert!(
            next.contains(&format!("status=submitted&sort={sort}&after=")),
            "{next}"
        );
        let (_, second) = visitor.get_text(&next).await;
        assert!(
            second.contains("Rows 26–50 of"),
            "{sort}: the second page says where it is"
        );
        assert!(second.contains("First page"));
    }
    let (seen, _) = walk(&visitor, "/p/gcm/proposals?sort=title&group=1").await;
    let distinct: HashSet<&String> = seen.iter().collect();
    assert_eq!(distinct.len(), seen.len(), "proposals: no row twice");
    assert!((0..120).all(|i| distinct.contains(&format!("GCM/CP/L{i:05}"))));
}

async fn forged_cursors_and_deep_page_numbers_give_the_first_page(backend: Backend) {
    let Some((app, visitor, rapporteur)) = demo_app(backend).await else {
        return;
    };
    insert_bulk(&app, 0, 60).await;
    let (_, first) = visitor.get_text("/p/gcm/contributions").await;
    let first_rows = references(&first);
    for query in [
        "after=abc",
        "after=-1",
        "after=0",
        "after=99999999999",
        "after=9223372036854775807",
        "before=99999999999&row=-5",
        "after=1e9",
        "after=%00",
        "before=&after=&row=99999999999999999999",
    ] {
        let (status, page) = visitor
            .get_text(&format!("/p/gcm/contributions?{query}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{query}");
        assert_eq!(
            references(&page),
            first_rows,
            "{query} gives the first page"
        );
        let (status, _) = visitor.get_text(&format!("/p/gcm/proposals?{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}");
        let (status, _) = rapporteur
            .get_text(&format!("/p/gcm/groups/1/review?{query}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{query}");
    }
    // A proposal's id is no cursor into the contributions of the process.
    let proposal: i64 = with_db(&app, |conn| {
        use concord::db::schema::proposals;
        proposals::table
            .order(proposals::id.desc())
            .select(proposals::id)
            .first(conn)
            .expect("a proposal")
    })
    .await;
    let (status, _) = visitor
        .get_text(&format!("/p/gcm/contributions?after={proposal}&sort=title"))
        .await;
    assert_eq!(status, StatusCode::OK);
    // Old page numbers: read by offset up to page 40, past it the first page with a notice.
    let (_, second) = visitor.get_text("/p/gcm/contributions?page=2").await;
    let next = next_link(&first).expect("a next page");
    let (_, by_cursor) = visitor.get_text(&next).await;
    assert_eq!(references(&second), references(&by_cursor));
    let (status, deep) = visitor.get_text("/p/gcm/contributions?page=2000").await;
    assert_eq!(status, StatusCode::OK);
    assert!(deep.contains("Page numbers stop at 40"));
    assert_eq!(references(&deep), first_rows);
    // The last page by number has no next link, and says where it is.
    let count: usize = first
        .split(" contributions</p>")
        .next()
        .and_then(|head| head.rsplit('>').next())
        .and_then(|n| n.trim().parse().ok())
        .expect("the count");
    let last_page = count.div_ceil(25);
    let (_, last) = visitor
        .get_text(&format!("/p/gcm/contributions?page={last_page}"))
        .await;
    assert!(!references(&last).is_empty() && next_link(&last).is_none());
    assert!(
        last.contains(&format!("–{count} of {count}")),
        "the last row's number"
    );
}

/// What the plan or the index of the drafts query says, one text per line.
#[derive(QueryableByName)]
struct PlanLine {
    #[diesel(sql_type = diesel::sql_types::Text)]
    detail: String,
}

/// A signed-in person's drafts are read above every list they open. An organisation that
/// filed thousands of texts must not wait for each of them to be read to find its two drafts:
/// the index leads by author, state and process straight to the drafts, newest edit first.
/// SQLite's plan of `query`, or PostgreSQL's definition of the index `index` (PostgreSQL
/// plans tables this small by reading them whole), one line each, joined.
async fn plan_or_index(app: &TestApp, query: &'static str, index: &'static str) -> String {
    let lines: Vec<String> = with_db(app, move |conn| {
        let sql = match conn {
            concord::db::DbConnection::Sqlite(_) => format!("EXPLAIN QUERY PLAN {query}"),
            concord::db::DbConnection::Postgresql(_) => {
                format!("SELECT indexdef AS detail FROM pg_indexes WHERE indexname = '{index}'")
            }
        };
        diesel::sql_query(sql).load::<PlanLine>(conn)
    })
    .await
    .expect("the plan")
    .into_iter()
    .map(|l| l.detail)
    .collect();
    lines.join("\n")
}

async fn an_authors_drafts_are_found_without_reading_their_filed_texts(backend: Backend) {
    let Some((app, _, _)) = demo_app(backend).await else {
        return;
    };
    let plan = plan_or_index(
        &app,
        "SELECT id FROM contributions WHERE process_id = 1 AND author_id = 2 \
         AND status = 'draft' ORDER BY updated_at DESC",
        "contributions_author",
    )
    .await;
    let (sqlite, postgres) = (
        "contributions_author (author_id=? AND status=? AND process_id=?)",
        "(author_id, status, process_id, updated_at)",
    );
    assert_drafts_read_from(backend, &plan, sqlite, postgres);
    // Proposals: only those holding a draft are in the index the drafts are read from.
    let plan = plan_or_index(
        &app,
        "SELECT id FROM proposals WHERE process_id = 1 AND author_id = 2 \
         AND draft IS NOT NULL ORDER BY updated_at DESC",
        "proposals_author_drafts",
    )
    .await;
    let (sqlite, postgres) = (
        "proposals_author_drafts (author_id=? AND process_id=?)",
        "(author_id, process_id, updated_at) WHERE (draft IS NOT NULL)",
    );
    assert_drafts_read_from(backend, &plan, sqlite, postgres);
}

/// The plan reads the drafts from the index SQLite's plan names (`sqlite`), without sorting
/// them, or the index is defined as PostgreSQL's definition should read (`postgres`).
fn assert_drafts_read_from(backend: Backend, plan: &str, sqlite: &str, postgres: &str) {
    match backend {
        Backend::Sqlite => {
            assert!(plan.contains(sqlite), "{plan}");
            assert!(
                !plan.contains("TEMP B-TREE"),
                "no sort of the drafts: {plan}"
            );
        }
        Backend::Postgres => assert!(plan.contains(postgres), "{plan}"),
    }
}
