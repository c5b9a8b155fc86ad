//! Impact-ordered lists: a one-word search read from the top of its word's list, best first,
//! instead of ranking every match.
//!
//! Ranking all the matches of a common word costs as much as the word is common (FTS5's
//! `bm25` takes about 2 µs a match, PostgreSQL's `ts_rank` more), so before these lists a
//! search ranked only the newest [`CANDIDATES`] matches. Now, for each word that more than
//! [`LIST_LENGTH`] texts held when the index was last built, a list keeps the texts that weigh
//! the word at least a threshold fixed by that build: the impact of its [`LIST_LENGTH`]th best
//! text. A text enters every list whose threshold it reaches when its index entry is written,
//! and leaves them when the entry is removed (a hidden contribution, a revised proposal), in
//! the same transaction. So a list always holds exactly the searchable texts at or above its
//! threshold, whatever was written since the build, and its top is the word's top: an index
//! range read of one page.
//!
//! A rare word costs as much: a word of a few hundred texts in a million took FTS5 about
//! 1 ms to rank (its doclist read twice, each match's length looked up), against 12 µs for a
//! list's page. So a word held by more than [`FEW`] texts, and no more than [`LIST_LENGTH`],
//! is given a whole list: its threshold is [`WHOLE`], which every text reaches, so the list
//! holds every text that holds the word, now and later, and counts them exactly. A word of
//! [`FEW`] texts or fewer is ranked whole, which costs no more than reading a list.
//!
//! A word's impact in a text is BM25's term-frequency part with the fields weighted as the
//! full-text ranking weighs them (title 10, meta 4, body 1), computed here, alike for both
//! backends, and kept in millionths. The part BM25 adds for how rare a word is (its IDF) is the
//! same for every text of one word, so it does not change a one-word order. The length a text
//! is compared with is a fixed [`TYPICAL_LENGTH`], not the corpus's average, so that an impact
//! never changes once written.
//!
//! Searches of several words, phrases, a filter beyond the process and a word with no list
//! (one of [`FEW`] texts or fewer, or one that became more common after the last build:
//! `concord reindex` gives it a list) keep the bounded ranking of [`super::candidates`].

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::index::Document;
use super::{CANDIDATES, SearchPage, Searchable};
use crate::db::DbConnection;
use crate::db::cached::Statement;
use crate::db::schema::search_index_state;

/// How many texts a list holds when it is built (more when the last ones tie); a word held by
/// more texts than this at a build is given a list with a threshold.
pub const LIST_LENGTH: usize = 200;
/// A word held by more texts than this at a build, and no more than [`LIST_LENGTH`], is given
/// a whole list.
pub const FEW: usize = 20;
/// The threshold of a whole list: every impact is above it (an impact is positive), so every
/// text that holds the word enters.
const WHOLE: i64 = 0;
/// A list with a threshold answers only if it holds at least this many of the process's
/// texts; a smaller process's searches rank its matches instead. A whole list always answers.
const MIN_LISTED: i64 = 100;

/// BM25's saturation of repeated words.
const K1: f64 = 1.2;
/// BM25's normalisation by length.
const B: f64 = 0.75;
/// The length, in tokens, a text's length is compared with.
const TYPICAL_LENGTH: f64 = 250.0;
/// The weights of the fields, as the full-text ranking weighs them: title, body, meta.
const WEIGHTS: [f64; 3] = [10.0, 1.0, 4.0];

/// Each distinct token of `doc` with its impact in millionths, in the tokens' order.
pub fn impacts(doc: &Document) -> Vec<(&str, i64)> {
    let mut weighed: HashMap<&str, f64> = HashMap::new();
    for (tokens, weight) in [&doc.title, &doc.body, &doc.meta].into_iter().zip(WEIGHTS) {
        for token in tokens {
            *weighed.entry(token.as_str()).or_default() += weight;
        }
    }
    let length = (doc.title.len() + doc.body.len() + doc.meta.len()) as f64;
    let damping = K1 * (1.0 - B + B * length / TYPICAL_LENGTH);
    let mut impacts: Vec<(&str, i64)> = weighed
        .into_iter()
        .map(|(token, f)| (token, (f * (K1 + 1.0) / (f + damping) * 1e6).round() as i64))
        .collect();
    impacts.sort_unstable();
    impacts
}

fn terms_table(table: Searchable) -> &'static str {
    match table {
        Searchable::Contributions => "contributions_ranked_terms",
        Searchable::Proposals => "proposals_ranked_terms",
    }
}

fn lists_table(table: Searchable) -> &'static str {
    match table {
        Searchable::Contributions => "contributions_ranked",
        Searchable::Proposals => "proposals_ranked",
    }
}

/// The lists' thresholds, as one thread last read them, by table, under the version of the
/// lists they were read at.
struct Thresholds {
    version: i32,
    contributions: HashMap<String, i64>,
    proposals: HashMap<String, i64>,
}

impl Thresholds {
    fn of(&self, table: Searchable) -> &HashMap<String, i64> {
        match table {
            Searchable::Contributions => &self.contributions,
            Searchable::Proposals => &self.proposals,
        }
    }
}

thread_local! {
    /// The thresholds known to this thread. Only SQLite's group-commit writer reads them,
    /// and it is a thread of one database's.
    static KNOWN: RefCell<Option<Thresholds>> = const { RefCell::new(None) };
    /// Whether `enter` may trust [`KNOWN`]: only inside [`with_known_thresholds`].
    static TRUSTED: Cell<bool> = const { Cell::new(false) };
}

/// The row of `search_index_state` whose version rises with every rebuild of the lists.
const LISTS_STATE: &str = "lists";

fn lists_version(conn: &mut DbConnection) -> QueryResult<i32> {
    Ok(search_index_state::table
        .find(LISTS_STATE)
        .select(search_index_state::version)
        .first(conn)
        .optional()?
        .unwrap_or(0))
}

/// Runs `f` with the lists' thresholds known to this thread, read again only if the lists were
/// rebuilt since they were last read: the group commit's writer enters a whole batch's texts
/// in the lists with a lookup in memory per word instead of one in the database, at the cost
/// of one read of the lists' version per batch.
pub fn with_known_thresholds<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> QueryResult<T>,
) -> QueryResult<T> {
    let version = lists_version(conn)?;
    let current = KNOWN.with_borrow(|known| known.as_ref().is_some_and(|k| k.version == version));
    if !current {
        let read =
            |conn: &mut DbConnection, table: Searchable| -> QueryResult<HashMap<String, i64>> {
                let rows: Vec<Threshold> = Statement::new(format!(
                    "SELECT term, threshold FROM {}",
                    terms_table(table)
                ))
                .load(conn)?;
                Ok(rows.into_iter().map(|r| (r.term, r.threshold)).collect())
            };
        let known = Thresholds {
            version,
            contributions: read(conn, Searchable::Contributions)?,
            proposals: read(conn, Searchable::Proposals)?,
        };
        KNOWN.set(Some(known));
    }
    TRUSTED.set(true);
    let outcome = f(conn);
    TRUSTED.set(false);
    outcome
}

#[derive(QueryableByName)]
struct Threshold {
    #[diesel(sql_type = Text)]
    term: String,
    #[diesel(sql_type = BigInt)]
    threshold: i64,
}

/// Enters text `id` of `process_id` in every list whose threshold it reaches: with the
/// thresholds known in memory, one kept insert per list entered; otherwise one statement,
/// whose words and impacts travel as one JSON array, compared in the database.
pub fn enter(
    conn: &mut DbConnection,
    table: Searchable,
    process_id: i64,
    id: i64,
    doc: &Document,
) -> QueryResult<()> {
    let impacts = impacts(doc);
    if impacts.is_empty() {
        return Ok(());
    }
    if TRUSTED.get() {
        let entered: Vec<(&str, i64)> = KNOWN.with_borrow(|known| {
            let Some(known) = known else {
                return Vec::new();
            };
            let thresholds = known.of(table);
            impacts
                .iter()
                .filter(|(term, impact)| thresholds.get(*term).is_some_and(|t| impact >= t))
                .copied()
                .collect()
        });
        let lists = lists_table(table);
        let insert = || {
            Statement::new(format!(
                "INSERT INTO {lists} (process_id, term, impact, id) VALUES "
            ))
        };
        let row = |statement: Statement, (term, impact): (&str, i64)| {
            statement
                .sql("(")
                .int(process_id)
                .sql(", ")
                .text(term)
                .sql(", ")
                .int(impact)
                .sql(", ")
                .int(id)
                .sql(")")
        };
        // SQLite runs a kept statement a row in process; to PostgreSQL each statement is a
        // round trip, so its rows go in one (a submission of the benchmark entered five).
        if matches!(conn, DbConnection::Postgresql(_)) {
            let mut rows = entered.into_iter();
            if let Some(first) = rows.next() {
                rows.fold(row(insert(), first), |statement, next| {
                    row(statement.sql(", "), next)
                })
                .execute(conn)?;
            }
            return Ok(());
        }
        for entry in entered {
            row(insert(), entry).execute(conn)?;
        }
        return Ok(());
    }
    let json = serde_json::to_string(&impacts).unwrap_or_default();
    let (terms, lists) = (terms_table(table), lists_table(table));
    let words = match conn {
        DbConnection::Sqlite(_) => {
            "SELECT w.value ->> 0 AS term, w.value ->> 1 AS impact FROM json_each("
        }
        DbConnection::Postgresql(_) => {
            "SELECT w.value ->> 0 AS term, (w.value ->> 1)::bigint AS impact \
             FROM jsonb_array_elements(CAST("
        }
    };
    let close = match conn {
        DbConnection::Sqlite(_) => ") w",
        DbConnection::Postgresql(_) => " AS jsonb)) AS w(value)",
    };
    Statement::new(format!(
        "INSERT INTO {lists} (process_id, term, impact, id) SELECT "
    ))
    .int(process_id)
    .sql(", t.term, w.impact, ")
    .int(id)
    .sql(format!(" FROM ({words}"))
    .text(json)
    .sql(format!(
        "{close}) w JOIN {terms} t ON t.term = w.term WHERE w.impact >= t.threshold"
    ))
    .execute(conn)
    .map(drop)
}

/// Removes text `id` from every list.
pub fn leave(conn: &mut DbConnection, table: Searchable, id: i64) -> QueryResult<()> {
    Statement::new(format!("DELETE FROM {} WHERE id = ", lists_table(table)))
        .int(id)
        .execute(conn)
        .map(drop)
}

/// How many texts a list holds here, up to the bound, and its threshold (none for a word
/// without a list).
#[derive(Debug, Clone, Copy, QueryableByName)]
struct Length {
    #[diesel(sql_type = BigInt)]
    total: i64,
    #[diesel(sql_type = Nullable<BigInt>)]
    threshold: Option<i64>,
}

/// A text of a list's page, with the list's [`Length`].
#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(embed)]
    length: Length,
}

/// One page of the texts of `process_id` that hold `term`, best first, if the word has a list
/// that can answer; `None` sends the search to the bounded ranking.
pub fn page(
    conn: &mut DbConnection,
    table: Searchable,
    process_id: i64,
    term: &str,
    offset: i64,
    limit: i64,
) -> QueryResult<Option<SearchPage>> {
    let (terms, lists) = (terms_table(table), lists_table(table));
    // How many texts the list holds here, up to the bound (a count SQLite makes of an index
    // range in C: loading each id to count them cost more than the rest of a search), and
    // whether it holds them all.
    let length = |statement: Statement| {
        statement
            .sql(format!(
                "(SELECT count(*) FROM (SELECT 1 FROM {lists} WHERE process_id = "
            ))
            .int(process_id)
            .sql(" AND term = ")
            .text(term)
            .sql(" LIMIT ")
            .int(CANDIDATES + 1)
            .sql(format!(
                ") listed) AS total, (SELECT threshold FROM {terms} WHERE term = "
            ))
            .text(term)
            .sql(") AS threshold")
    };
    // The page, each of its rows with that length. A word without a list has none.
    let rows: Vec<Counted> = length(Statement::new("SELECT id, "))
        .sql(format!(" FROM {lists} WHERE process_id = "))
        .int(process_id)
        .sql(" AND term = ")
        .text(term)
        .sql(" ORDER BY impact DESC, id DESC LIMIT ")
        .int(limit.clamp(0, CANDIDATES))
        .sql(" OFFSET ")
        .int(offset.clamp(0, CANDIDATES))
        .load(conn)?;
    let Length { total, threshold } = match rows.first() {
        Some(row) => row.length,
        None if offset > 0 => length(Statement::new("SELECT ")).one::<Length>(conn)?,
        None => return Ok(None),
    };
    let whole = threshold == Some(WHOLE);
    if !whole && total < MIN_LISTED {
        return Ok(None);
    }
    let shown = usize::try_from((total.min(CANDIDATES) - offset).max(0)).unwrap_or(0);
    let ids = rows.into_iter().take(shown);
    Ok(Some(SearchPage {
        ids: ids.map(|row| row.id).collect(),
        total: total.min(CANDIDATES),
        // A list with a threshold leaves texts out; a whole one only those past the bound.
        more: !whole || total > CANDIDATES,
        best_first: true,
    }))
}

/// One text of a list, as a build gathers them: 16 bytes, for a build holds millions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    impact: u32,
    process_id: u32,
    id: i64,
}

/// What a build has seen of one word: how many texts hold it, and those that may still be
/// among its best.
#[derive(Debug, Default)]
struct Seen {
    texts: usize,
    entries: Vec<Entry>,
    /// How many entries the last pruning kept.
    kept: usize,
}

impl Seen {
    /// Drops the entries that can no longer reach the threshold: below the
    /// [`LIST_LENGTH`]th best impact so far (which can only rise), keeping ties.
    fn prune(&mut self) {
        self.entries.sort_unstable_by(|a, b| b.cmp(a));
        let floor = self.entries[LIST_LENGTH - 1].impact;
        self.entries.retain(|e| e.impact >= floor);
        self.kept = self.entries.len();
    }
}

/// Gathers the lists of a whole index while it is rebuilt, in memory bounded by
/// about twice [`LIST_LENGTH`] entries a word.
#[derive(Debug, Default)]
pub struct Builder {
    words: HashMap<String, Seen>,
}

/// One word's list, as a build leaves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub term: String,
    pub threshold: i64,
    /// Best first.
    entries: Vec<Entry>,
}

impl Builder {
    pub fn add(&mut self, process_id: i64, id: i64, doc: &Document) {
        // Impacts stay below (K1 + 1) million, and process ids below 2^32.
        let process_id = u32::try_from(process_id).unwrap_or(u32::MAX);
        for (term, impact) in impacts(doc) {
            let impact = u32::try_from(impact).unwrap_or(u32::MAX);
            let seen = match self.words.get_mut(term) {
                Some(seen) => seen,
                None => self.words.entry(term.to_string()).or_default(),
            };
            seen.texts += 1;
            seen.entries.push(Entry {
                impact,
                id,
                process_id,
            });
            if seen.entries.len() > 2 * LIST_LENGTH.max(seen.kept) {
                seen.prune();
            }
        }
    }

    /// The lists of the words held by more than [`FEW`] texts, by word: whole up to
    /// [`LIST_LENGTH`] texts, beyond that the best of them.
    pub fn finish(self) -> Vec<List> {
        let mut lists: Vec<List> = self
            .words
            .into_iter()
            .filter(|(_, seen)| seen.texts > FEW)
            .map(|(term, mut seen)| {
                // Fewer entries than twice a list's length were never pruned: all are there.
                let threshold = if seen.texts > LIST_LENGTH {
                    seen.prune();
                    i64::from(seen.entries[LIST_LENGTH - 1].impact)
                } else {
                    seen.entries.sort_unstable_by(|a, b| b.cmp(a));
                    WHOLE
                };
                List {
                    term,
                    threshold,
                    entries: seen.entries,
                }
            })
            .collect();
        lists.sort_unstable_by(|a, b| a.term.cmp(&b.term));
        lists
    }
}

/// Rows written by one statement of a build.
const ROWS_PER_INSERT: usize = 500;

/// Replaces every list of `table` with `lists`. Run in one transaction with whatever brings
/// the lists up to date with texts written since they were gathered.
pub fn replace(conn: &mut DbConnection, table: Searchable, lists: &[List]) -> QueryResult<()> {
    let (terms, ranked) = (terms_table(table), lists_table(table));
    // Every thread that keeps the thresholds in memory reads them again.
    Statement::new("INSERT INTO search_index_state (name, version) VALUES (")
        .text(LISTS_STATE)
        .sql(", 1) ON CONFLICT (name) DO UPDATE SET version = search_index_state.version + 1")
        .execute(conn)?;
    Statement::new(format!("DELETE FROM {ranked}")).execute(conn)?;
    Statement::new(format!("DELETE FROM {terms}")).execute(conn)?;
    for chunk in lists.chunks(ROWS_PER_INSERT) {
        let mut statement =
            Statement::new(format!("INSERT INTO {terms} (term, threshold) VALUES "));
        for (i, list) in chunk.iter().enumerate() {
            statement = statement
                .sql(if i == 0 { "(" } else { ", (" })
                .text(list.term.clone())
                .sql(", ")
                .int(list.threshold)
                .sql(")");
        }
        statement.execute(conn)?;
    }
    // In key order, so that each insert appends.
    let mut rows: Vec<(i64, &str, i64, i64)> = lists
        .iter()
        .flat_map(|list| {
            list.entries.iter().map(|e| {
                let (process_id, impact) = (i64::from(e.process_id), i64::from(e.impact));
                (process_id, list.term.as_str(), impact, e.id)
            })
        })
        .collect();
    rows.sort_unstable();
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut statement = Statement::new(format!(
            "INSERT INTO {ranked} (process_id, term, impact, id) VALUES "
        ));
        for (i, (process_id, term, impact, id)) in chunk.iter().enumerate() {
            statement = statement
                .sql(if i == 0 { "(" } else { ", (" })
                .int(*process_id)
                .sql(", ")
                .text(*term)
                .sql(", ")
                .int(*impact)
                .sql(", ")
                .int(*id)
                .sql(")");
        }
        statement.execute(conn)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, body: &str) -> Document {
        Document::of(title, [body], [])
    }

    #[test]
    fn a_word_weighs_more_in_the_title_and_when_repeated_in_a_short_text() {
        let impact = |d: &Document, word: &str| {
            impacts(d)
                .into_iter()
                .find(|(t, _)| *t == word)
                .map(|(_, i)| i)
                .expect("the word is there")
        };
        let titled = doc("Labour migration", "rights of workers");
        let in_body = doc("Rights", "labour migration of workers");
        assert!(impact(&titled, "labour") > impact(&in_body, "labour"));
        let twice = doc("Rights", "labour and labour again");
        let once = doc("Rights", "labour and more again");
        assert!(impact(&twice, "labour") > impact(&once, "labour"));
        let long = doc("Rights", &format!("labour {}", "word ".repeat(500)));
        assert!(impact(&once, "labour") > impact(&long, "labour"));
        // Each word once, in the tokens' order.
        let words: Vec<&str> = impacts(&twice).into_iter().map(|(t, _)| t).collect();
        assert_eq!(words, ["again", "and", "labour", "rights"]);
    }

    #[test]
    fn a_build_keeps_the_best_texts_of_common_words() {
        let common = |id: i64| {
            let body = format!("common {}", "filler ".repeat(id as usize % 300));
            doc("Title", &body)
        };
        let mut builder = Builder::default();
        // "common" in 1,000 texts, its weight falling as the text grows; "some" in as many
        // texts as a list holds, in the title of every other one; "rare" in too few texts for
        // a list.
        for id in 1..=1_000 {
            builder.add(1, id, &common(id));
        }
        for id in 1_001..=1_000 + LIST_LENGTH as i64 {
            let title = if id % 2 == 0 { "Some" } else { "Title" };
            builder.add(1, id, &doc(title, "some"));
        }
        for id in 2_000..2_000 + FEW as i64 {
            builder.add(1, id, &doc("Title", "rare"));
        }
        let lists = builder.finish();
        let list = |word: &str| lists.iter().find(|l| l.term == word);
        assert!(list("rare").is_none(), "a word of few texts has no list");

        // A word of no more texts than a list's length has a whole list: all its texts, best
        // first, and every later text enters it.
        let some = list("some").expect("a whole list");
        assert_eq!(some.threshold, WHOLE);
        assert_eq!(some.entries.len(), LIST_LENGTH);
        assert!(some.entries.windows(2).all(|w| w[0] >= w[1]), "best first");
        assert!(
            some.entries[..LIST_LENGTH / 2]
                .iter()
                .all(|e| e.id % 2 == 0)
        );
        let longest = doc("Title", &format!("some {}", "word ".repeat(5_000)));
        assert!(impacts(&longest).iter().all(|(_, impact)| *impact > WHOLE));

        let list = list("common").expect("a list");
        assert!(list.threshold > 0);
        assert!(list.entries.len() >= LIST_LENGTH);
        // Exactly the texts at or above the threshold, as the whole set would give.
        let mut all: Vec<i64> = (1..=1_000)
            .map(|id| {
                impacts(&common(id))
                    .into_iter()
                    .find(|(t, _)| *t == "common")
                    .map(|(_, i)| i)
                    .expect("common")
            })
            .collect();
        all.sort_unstable_by(|a, b| b.cmp(a));
        assert_eq!(list.threshold, all[LIST_LENGTH - 1]);
        let at_or_above = all.iter().filter(|i| **i >= list.threshold).count();
        assert_eq!(list.entries.len(), at_or_above);
        assert!(
            list.entries
                .iter()
                .all(|e| i64::from(e.impact) >= list.threshold),
            "none below"
        );
        assert!(list.entries.windows(2).all(|w| w[0] >= w[1]), "best first");
    }
}
