//! Search timings on a seeded database: for each frequency band of bench/seed.py's terms,
//! the time of one result page (the store call the list makes: candidates, ranking, paging)
//! for many terms of the band, by relevance and newest first; then the query plan of one
//! common-word search.
//!
//! Run: `DATABASE_URL=… cargo run --example search_bench -- TERMS_DIR [TERMS_PER_BAND]`
//! after `bench/seed.py DATABASE TERMS_DIR …` and `concord reindex`.

// A benchmark stops at the first surprise, like a test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::time::{Duration, Instant};

use concord::db::{self, DbConnection};
use concord::store::search::{Scope, SearchOrder, SearchQuery, Searchable, searched_page};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

const BANDS: [&str; 7] = [
    "rare",
    "2pc",
    "35pc",
    "top",
    "arabic",
    "chinese",
    "reference",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("the terms directory");
    let per_band: usize = args.next().map_or(50, |n| n.parse().expect("a number"));
    let url = std::env::var("DATABASE_URL").expect("DATABASE_URL");
    let mut conn = DbConnection::establish(&url).expect("a connection");
    let process: i64 = db::schema::processes::table
        .filter(db::schema::processes::slug.eq("gcm"))
        .select(db::schema::processes::id)
        .first(&mut conn)
        .expect("the seeded process");
    let scope = Scope {
        process_id: process,
        statuses: vec!["submitted", "withdrawn"],
        ..Scope::default()
    };
    println!("| band | order | terms | median ms | max ms | matches (first term) |");
    println!("|---|---|---|---|---|---|");
    for band in BANDS {
        let path = format!("{dir}/band-{band}.txt");
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let terms: Vec<String> = text
            .lines()
            .take(per_band)
            .map(|t| {
                form_urlencoded::parse(format!("q={t}").as_bytes())
                    .next()
                    .unwrap()
                    .1
                    .into_owned()
            })
            .collect();
        for order in [SearchOrder::Relevance, SearchOrder::Newest] {
            let mut times = Vec::new();
            let mut first = String::new();
            for term in &terms {
                let query = SearchQuery::parse(term).expect("a query");
                let started = Instant::now();
                let page = searched_page(
                    &mut conn,
                    Searchable::Contributions,
                    &scope,
                    &query,
                    order,
                    0,
                    25,
                )
                .expect("a page");
                times.push(started.elapsed());
                if first.is_empty() {
                    let more = if page.more { "more than " } else { "" };
                    first = format!("{term}: {more}{}", page.total);
                }
            }
            times.sort();
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            println!(
                "| {band} | {order:?} | {} | {:.1} | {:.1} | {first} |",
                times.len(),
                ms(times[times.len() / 2]),
                ms(*times.last().unwrap())
            );
        }
    }
    let top = std::fs::read_to_string(format!("{dir}/band-top.txt")).unwrap_or_default();
    plan(&mut conn, process, top.lines().next().unwrap_or("the"));
}

#[derive(QueryableByName)]
struct SqlitePlan {
    #[diesel(sql_type = Text)]
    detail: String,
}

#[derive(QueryableByName)]
struct PgPlan {
    #[diesel(sql_type = Text)]
    #[diesel(column_name = "QUERY PLAN")]
    line: String,
}

/// The plan of the candidate query for the most common word, as store::search writes it.
fn plan(conn: &mut DbConnection, process: i64, word: &str) {
    println!("\nPlan of the candidate query for the most common seeded word ({word}):");
    match conn {
        DbConnection::Sqlite(c) => {
            let rows: Vec<SqlitePlan> = diesel::sql_query(
                "EXPLAIN QUERY PLAN SELECT c.id, -bm25(contributions_search, 10.0, 1.0, 4.0) \
                 FROM contributions_search JOIN contributions c ON c.id = contributions_search.rowid \
                 WHERE contributions_search MATCH ? AND c.process_id = ? \
                 AND c.status IN ('submitted', 'withdrawn') AND c.campaign_copy = FALSE \
                 ORDER BY contributions_search.rowid DESC LIMIT 2001",
            )
            .bind::<Text, _>(format!("\"{word}\""))
            .bind::<BigInt, _>(process)
            .load(c)
            .unwrap();
            rows.iter().for_each(|r| println!("  {}", r.detail));
        }
        DbConnection::Postgresql(c) => {
            let rows: Vec<PgPlan> = diesel::sql_query(
                "EXPLAIN (ANALYZE, BUFFERS) SELECT c.id, ts_rank(s.vector, $1::tsquery)::float8 \
                 FROM contributions_search s JOIN contributions c ON c.id = s.id \
                 WHERE s.vector @@ $1::tsquery AND c.process_id = $2 \
                 AND c.status IN ('submitted', 'withdrawn') AND c.campaign_copy = FALSE \
                 ORDER BY s.id DESC LIMIT 2001",
            )
            .bind::<Text, _>(format!("'{word}'"))
            .bind::<BigInt, _>(process)
            .load(c)
            .unwrap();
            rows.iter().for_each(|r| println!("  {}", r.line));
        }
    }
}
