//! Every unsafe route, sent by someone the table allows, refuses a missing CSRF token, a
//! wrong one, a foreign `Origin` and a cross-site `Sec-Fetch-Site` with 403 (the middleware
//! in `src/web/csrf.rs`, before any handler), changes nothing, and carries the security
//! headers; so do the errors of malformed requests.

use reqwest::header::{HeaderName, HeaderValue};

use super::table::{Body, Row, rows};
use super::{Fixture, Who, changes, fingerprint, missing_headers, pairs};
use crate::helpers::{Backend, with_db};
use crate::on_both_backends;

on_both_backends!(every_unsafe_route_refuses_forged_requests);

#[derive(Debug, Clone, Copy)]
enum Forgery {
    MissingToken,
    WrongToken,
    ForeignOrigin,
    NullOrigin,
    CrossSite,
}

/// Who sends the forged request: the first signed-in role the row allows (an administrator
/// when it allows nobody: the middleware refuses before any handler looks).
fn sender(row: &Row) -> Who {
    Who::ALL
        .into_iter()
        .find(|w| *w != Who::Anonymous && row.allows(*w))
        .unwrap_or(Who::Administrator)
}

async fn forge(fixture: &Fixture, row: &Row, who: Who, forgery: Forgery) -> reqwest::Response {
    let browser = fixture.browser(who);
    let url = fixture.resolve(row.url, who);
    let token = match forgery {
        Forgery::MissingToken => None,
        Forgery::WrongToken => Some("forged-token-forged-token".to_string()),
        _ => Some(fixture.token(who).to_string()),
    };
    let header: Option<(&str, &str)> = match forgery {
        Forgery::ForeignOrigin => Some(("origin", "https://evil.example")),
        Forgery::NullOrigin => Some(("origin", "null")),
        Forgery::CrossSite => Some(("sec-fetch-site", "cross-site")),
        _ => None,
    };
    let fields: Vec<(String, String)> = match &row.body {
        Body::None => Vec::new(),
        Body::Form(fields) | Body::Multipart(fields) => fields
            .iter()
            .map(|(k, v)| (k.clone(), fixture.resolve(v, who)))
            .collect(),
    };
    let mut request = match &row.body {
        Body::Multipart(_) => {
            let mut form = reqwest::multipart::Form::new();
            for (k, v) in fields {
                form = form.text(k, v);
            }
            let target = match &token {
                Some(token) => format!("{url}?csrf_token={token}"),
                None => url.clone(),
            };
            browser.client.post(browser.url(&target)).multipart(form)
        }
        _ => {
            let mut form = Vec::new();
            if let Some(token) = &token {
                form.push(("csrf_token".to_string(), token.clone()));
            }
            form.extend(fields);
            browser.client.post(browser.url(&url)).form(&form)
        }
    };
    if let Some((name, value)) = header {
        request = request.header(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    request.send().await.expect("answered")
}

async fn every_unsafe_route_refuses_forged_requests(backend: Backend) {
    let Some(fixture) = Fixture::start(backend).await else {
        return;
    };
    let mut wrong = Vec::new();
    let mut count = 0;
    for row in rows().iter().filter(|r| r.method() == "POST") {
        let who = sender(row);
        let before = with_db(&fixture.app, fingerprint).await;
        for forgery in [
            Forgery::MissingToken,
            Forgery::WrongToken,
            Forgery::ForeignOrigin,
            Forgery::NullOrigin,
            Forgery::CrossSite,
        ] {
            let response = forge(&fixture, row, who, forgery).await;
            count += 1;
            let status = response.status().as_u16();
            let missing = missing_headers(&response);
            let body = response.text().await.unwrap_or_default();
            if status != 403 || !body.contains(r#"data-error="csrf""#) {
                wrong.push(format!(
                    "{} as {} with {forgery:?}: {status}",
                    row.route,
                    who.key()
                ));
            }
            if !missing.is_empty() {
                wrong.push(format!("{} with {forgery:?}: no {missing:?}", row.route));
            }
        }
        let after = with_db(&fixture.app, fingerprint).await;
        let changed = changes(&before, &after);
        if !changed.is_empty() {
            wrong.push(format!(
                "{}: forged requests changed {changed:?}",
                row.route
            ));
        }
    }
    // Nobody was signed out by a forged /logout, nor signed in by a forged /login.
    for who in Who::ALL.into_iter().filter(|w| *w != Who::Anonymous) {
        let status = fixture.browser(who).get("/account").await.status();
        if status != 200 {
            wrong.push(format!(
                "{} lost their session: /account {status}",
                who.key()
            ));
        }
    }
    assert!(
        fixture
            .browser(Who::Anonymous)
            .cookie("concord_session")
            .is_none(),
        "a forged sign-in took"
    );
    assert!(count >= 5 * 40, "{count} forged requests");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    // The same routes work with the token and without a foreign Origin (the table checks
    // them all; one here shows the forgeries failed for the forgery alone).
    let response = fixture
        .browser(Who::Secretariat)
        .client
        .post(
            fixture
                .browser(Who::Secretariat)
                .url("/account/notifications"),
        )
        .header("origin", fixture.app.address.as_str())
        .header("sec-fetch-site", "same-origin")
        .form(&pairs(&[
            ("csrf_token", fixture.token(Who::Secretariat)),
            ("delivery", "daily-digest"),
        ]))
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status().as_u16(), 303);

    malformed_requests_get_a_4xx_with_the_headers(&fixture).await;
}

async fn malformed_requests_get_a_4xx_with_the_headers(fixture: &Fixture) {
    let admin = Who::Administrator;
    let browser = fixture.browser(admin);
    let token = fixture.token(admin).to_string();
    let account = fixture.resolve("{account_target}", admin);
    let before = with_db(&fixture.app, fingerprint).await;
    let mut wrong = Vec::new();
    let form = |extra: &[(&str, &str)]| {
        let mut fields = vec![("csrf_token".to_string(), token.clone())];
        fields.extend(pairs(extra));
        fields
    };
    let cases: Vec<(&str, reqwest::RequestBuilder, u16)> = vec![
        (
            "an unknown language",
            browser
                .client
                .post(browser.url("/language"))
                .form(&form(&[("lang", "xx"), ("next", "/")])),
            400,
        ),
        (
            "an unknown account change",
            browser
                .client
                .post(browser.url(&format!("/admin/accounts/{account}")))
                .form(&form(&[("change", "drop-table")])),
            400,
        ),
        (
            "a form without its fields",
            browser
                .client
                .post(browser.url(&format!("/admin/accounts/{account}")))
                .form(&form(&[])),
            400,
        ),
        (
            "a path id that is not a number",
            browser
                .client
                .post(browser.url("/admin/accounts/1%20OR%201=1"))
                .form(&form(&[("change", "disable")])),
            404,
        ),
        (
            "a draft id that is not a number",
            browser
                .client
                .get(browser.url("/p/gcm/contributions/drafts/1'--")),
            404,
        ),
        (
            "a body too large",
            browser
                .client
                .post(browser.url("/language"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!(
                    "csrf_token={token}&lang={}",
                    "x".repeat(3 * 1024 * 1024)
                )),
            413,
        ),
        (
            "a query that cannot be read",
            browser
                .client
                .get(browser.url("/p/gcm/contributions?page=%FF%FE")),
            200,
        ),
        (
            "an unknown export format",
            browser
                .client
                .get(browser.url("/p/gcm/documents/draft/export.exe")),
            404,
        ),
        (
            "an unknown dataset",
            browser
                .client
                .get(browser.url("/p/gcm/open-data/accounts.csv")),
            404,
        ),
        (
            "an unknown chart",
            browser.client.get(browser.url("/p/gcm/stats/accounts.csv")),
            404,
        ),
        (
            "a method the route does not have",
            browser.client.delete(browser.url("/p/gcm")),
            403,
        ),
    ];
    for (what, request, expected) in cases {
        let response = request.send().await.expect("answered");
        let status = response.status().as_u16();
        let missing = missing_headers(&response);
        if status != expected {
            wrong.push(format!("{what}: expected {expected}, got {status}"));
        }
        if !missing.is_empty() {
            wrong.push(format!("{what}: no {missing:?}"));
        }
    }
    let after = with_db(&fixture.app, fingerprint).await;
    let changed = changes(&before, &after);
    assert!(changed.is_empty(), "malformed requests changed {changed:?}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
