//! Sort, filter, search and page parameters of every list are allow-listed: SQL-ish and
//! unknown values never give a 500, unknown values are ignored (the list is the unfiltered
//! one), a search for SQL finds nothing, and the tables are all still there afterwards.
//! (`security.rs` covers malformed forms; this covers the lists.)

use std::collections::BTreeSet;

use super::{Fixture, Who, fingerprint, missing_headers};
use crate::helpers::{Backend, with_db};
use crate::on_both_backends;

on_both_backends!(list_parameters_are_allow_listed);

const HOSTILE: [&str; 10] = [
    "' OR 1=1 --",
    "1' OR '1'='1",
    "1; DROP TABLE contributions; --",
    "1) UNION SELECT password_hash FROM accounts --",
    "status DESC; DELETE FROM proposals",
    "-1",
    "99999999999999999999999",
    "%",
    "\\",
    "<script>alert(1)</script>",
];

/// The references a page lists (contributions `…/WC/…`, proposals `…/CP/…`), or for
/// `entry` the ids of the audit log's entries.
fn references(page: &str, kind: &str) -> BTreeSet<String> {
    if kind == "entry" {
        return page
            .split("<tr id=\"entry-")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_string)
            .collect();
    }
    let marker = format!("GCM/{kind}/");
    page.match_indices(&marker)
        .map(|(i, _)| page[i..].chars().take(marker.len() + 4).collect::<String>())
        .filter(|r| r[marker.len()..].chars().all(|c| c.is_ascii_digit()))
        .collect()
}

fn encode(raw: &str) -> String {
    let mut out = String::new();
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

async fn list_parameters_are_allow_listed(backend: Backend) {
    let Some(fixture) = Fixture::start(backend).await else {
        return;
    };
    let before = with_db(&fixture.app, fingerprint).await;
    let mut wrong = Vec::new();
    let mut requests = 0;

    // (who, list, parameters, kind of reference listed)
    let lists: [(Who, &str, &[&str], &str); 6] = [
        (
            Who::Anonymous,
            "/p/gcm/contributions",
            &["sort", "category", "group", "theme", "status", "page"],
            "WC",
        ),
        (
            Who::Anonymous,
            "/p/gcm/proposals",
            &["sort", "category", "group", "theme", "status", "page"],
            "CP",
        ),
        (
            Who::Rapporteur,
            "/p/gcm/groups/1/review",
            &["status", "theme", "co_sponsors", "page"],
            "CP",
        ),
        (
            Who::Anonymous,
            "/p/gcm/groups/1",
            &["status", "theme", "sort", "page"],
            "CP",
        ),
        (
            Who::Anonymous,
            "/api/p/gcm/contributions",
            &["after", "sort", "status"],
            "WC",
        ),
        // (`actor` is a part of a name: a value names nobody rather than being ignored.)
        (
            Who::Administrator,
            "/admin/processes/gcm/audit",
            &["action", "from", "to", "after", "before"],
            "entry",
        ),
    ];
    for (who, list, parameters, kind) in lists {
        let browser = fixture.browser(who);
        let (status, baseline) = browser.get_text(list).await;
        assert_eq!(status, 200, "{list}");
        let expected = references(&baseline, kind);
        assert!(!expected.is_empty(), "{list} lists something");
        for parameter in parameters {
            for value in HOSTILE.iter().chain(&["zzz-unknown"]) {
                let url = format!("{list}?{parameter}={}", encode(value));
                let response = browser.get(&url).await;
                requests += 1;
                let status = response.status().as_u16();
                let missing = missing_headers(&response);
                let page = response.text().await.unwrap_or_default();
                if !missing.is_empty() {
                    wrong.push(format!("{url}: no {missing:?}"));
                }
                if status != 200 {
                    wrong.push(format!("{url}: {status}"));
                    continue;
                }
                // Ignored: the same list as without it.
                let got = references(&page, kind);
                if got != expected {
                    wrong.push(format!(
                        "{url}: lists {} instead of the unfiltered {}",
                        got.len(),
                        expected.len()
                    ));
                }
                if page.contains("$argon2") {
                    wrong.push(format!("{url}: shows a password hash"));
                }
            }
        }
    }

    // A search for SQL finds what has those words, nothing more: a term no text holds, joined
    // to SQL that would match everything if it ran, finds nothing.
    for (who, list, kind) in [
        (Who::Anonymous, "/p/gcm/contributions", "WC"),
        (Who::Anonymous, "/p/gcm/proposals", "CP"),
    ] {
        let browser = fixture.browser(who);
        for q in [
            "zzqx' OR '1'='1",
            "zzqx' OR 1=1 --",
            "zzqx%",
            "zzqx_",
            "zzqx\\",
            "zzqx'; DROP TABLE contributions; --",
            "zzqx\") OR (\"1\"=\"1",
        ] {
            let url = format!("{list}?q={}", encode(q));
            let (status, page) = browser.get_text(&url).await;
            requests += 1;
            if status != 200 {
                wrong.push(format!("{url}: {status}"));
            } else if !references(&page, kind).is_empty() {
                wrong.push(format!("{url}: found {:?}", references(&page, kind)));
            }
        }
        // A real word still finds, whatever SQL follows it, only what holds every term.
        let url = format!("{list}?q={}", encode("migrants' OR 1=1 --"));
        let (status, page) = browser.get_text(&url).await;
        requests += 1;
        let (_, plain) = browser.get_text(&format!("{list}?q=migrants")).await;
        if status != 200 || !references(&page, kind).is_subset(&references(&plain, kind)) {
            wrong.push(format!("{url}: {status}, more than the word alone finds"));
        }
    }

    // Unknown datasets, formats and charts are not found; none runs anything.
    for url in [
        "/api/p/gcm/accounts",
        "/api/p/gcm/contributions;DROP TABLE contributions",
        "/p/gcm/open-data/accounts.json",
        "/p/gcm/open-data/contributions.sql",
        "/p/gcm/stats/1=1.csv",
        "/p/gcm'--/contributions",
    ] {
        let response = fixture.browser(Who::Anonymous).get(url).await;
        requests += 1;
        if response.status().as_u16() != 404 {
            wrong.push(format!("{url}: {}", response.status()));
        }
    }

    // Every table is still there with every row.
    let after = with_db(&fixture.app, fingerprint).await;
    assert_eq!(before, after, "a list request changed the database");
    assert!(requests > 200, "{requests} requests");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
