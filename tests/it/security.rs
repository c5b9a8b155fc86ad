//! CSRF, rate limits, disabled accounts, security headers, and forged requests.

use reqwest::StatusCode;

use crate::helpers::{Backend, PASSWORD, csrf_of, location, spawn_app, spawn_app_with};
use crate::on_both_backends;

on_both_backends!(
    unsafe_requests_need_a_valid_csrf_token,
    sign_in_is_rate_limited_per_address,
    sign_in_is_rate_limited_per_account_but_a_known_device_gets_in,
    a_disabled_account_loses_its_session_at_once,
    every_response_carries_the_security_headers,
    the_setup_link_works_once,
    administration_refuses_whoever_lacks_the_role,
    bad_input_gets_a_clear_4xx,
);

async fn unsafe_requests_need_a_valid_csrf_token(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    app.participant(
        "csrf@example.org",
        "Csrf Person",
        "Some NGO",
        "civil-society",
    )
    .await;
    let browser = app.new_browser();
    let (_, page) = browser.get_text("/login").await;
    let token = csrf_of(&page);
    let fields = |token: &str| {
        vec![
            ("csrf_token", token.to_string()),
            ("email", "csrf@example.org".to_string()),
            ("password", PASSWORD.to_string()),
        ]
    };

    // Missing, wrong, or another browser's token.
    let missing = browser
        .post_form(
            "/login",
            &[("email", "csrf@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(missing.status(), StatusCode::FORBIDDEN);
    assert!(
        missing
            .text()
            .await
            .expect("body")
            .contains(r#"data-error="csrf""#)
    );
    let wrong = browser.post_form("/login", &fields("forged-token")).await;
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    let (_, other_page) = app.new_browser().get_text("/login").await;
    let stolen = browser
        .post_form("/login", &fields(&csrf_of(&other_page)))
        .await;
    assert_eq!(stolen.status(), StatusCode::FORBIDDEN);

    // The right token, but sent from another site.
    let foreign = browser
        .client
        .post(browser.url("/login"))
        .header("Origin", "https://attacker.example")
        .form(&fields(&token))
        .send()
        .await
        .expect("answered");
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
    let cross_site = browser
        .client
        .post(browser.url("/login"))
        .header("Sec-Fetch-Site", "cross-site")
        .form(&fields(&token))
        .send()
        .await
        .expect("answered");
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);

    // Nothing was signed in by any of them; the genuine form works.
    assert!(browser.cookie("concord_session").is_none());
    let genuine = browser
        .client
        .post(browser.url("/login"))
        .header("Origin", &app.address)
        .header("Sec-Fetch-Site", "same-origin")
        .form(&fields(&token))
        .send()
        .await
        .expect("answered");
    assert_eq!(genuine.status(), StatusCode::SEE_OTHER);

    // Signed in, the token changes, and the old one no longer works.
    let old = browser
        .post_form("/logout", &[("csrf_token", token.as_str())])
        .await;
    assert_eq!(old.status(), StatusCode::FORBIDDEN);
    assert!(
        browser.cookie("concord_session").is_some(),
        "still signed in"
    );
}

async fn sign_in_is_rate_limited_per_address(backend: Backend) {
    let Some(app) = spawn_app_with(
        backend,
        &[
            ("CONCORD_LOGIN_ADDRESS_BURST", "5"),
            ("CONCORD_LOGIN_ADDRESS_FAILURES_PER_MINUTE", "1"),
        ],
        false,
    )
    .await
    else {
        return;
    };
    let browser = app.new_browser();
    for attempt in 0..5 {
        let email = format!("guess{attempt}@example.org");
        let response = browser.login(&email, "wrong password here").await;
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "attempt {attempt}"
        );
    }
    let limited = browser
        .login("guess9@example.org", "wrong password here")
        .await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = limited
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("a Retry-After header");
    assert!(
        (1..=60).contains(&wait),
        "a lock-out of seconds, not hours: {wait}"
    );
    assert!(
        limited
            .text()
            .await
            .expect("body")
            .contains("Too many attempts")
    );
}

async fn sign_in_is_rate_limited_per_account_but_a_known_device_gets_in(backend: Backend) {
    let Some(app) = spawn_app_with(
        backend,
        &[
            ("CONCORD_LOGIN_BURST", "3"),
            ("CONCORD_LOGIN_ATTEMPTS_PER_MINUTE", "1"),
            ("CONCORD_TRUSTED_PROXIES", "127.0.0.1"),
        ],
        false,
    )
    .await
    else {
        return;
    };
    // The owner signs in once from their laptop: it becomes a known device.
    let owner = app
        .participant(
            "target@example.org",
            "Target Person",
            "Some NGO",
            "civil-society",
        )
        .await;
    owner.logout().await;

    // An attacker guesses from many addresses (behind the trusted proxy).
    let attacker = app.new_browser();
    let mut statuses = Vec::new();
    for n in 0..5 {
        let (_, page) = attacker.get_text("/login").await;
        let response = attacker
            .client
            .post(attacker.url("/login"))
            .header("X-Forwarded-For", format!("203.0.113.{n}"))
            .form(&[
                ("csrf_token", csrf_of(&page).as_str()),
                ("email", "target@example.org"),
                ("password", "guess guess guess"),
            ])
            .send()
            .await
            .expect("answered");
        statuses.push(response.status());
    }
    assert!(
        statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
        "the account's limit stops guesses spread over addresses: {statuses:?}"
    );
    // A new browser is held to the account's limit too…
    let stranger = app.new_browser();
    assert_eq!(
        stranger
            .login("target@example.org", PASSWORD)
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    // …but the owner's known device still gets in: the attacker cannot lock them out.
    assert_eq!(
        owner.login("target@example.org", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
}

async fn a_disabled_account_loses_its_session_at_once(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    let user = app
        .participant(
            "troublesome@example.org",
            "Troublesome",
            "Some NGO",
            "civil-society",
        )
        .await;
    assert_eq!(user.get("/account").await.status(), StatusCode::OK);

    let (_, page) = admin.get_text("/admin/accounts?q=troublesome").await;
    let id_marker = "action=\"/admin/accounts/";
    let start = page.find(id_marker).expect("the account is listed") + id_marker.len();
    let id: String = page[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let response = admin
        .submit(
            "/admin/accounts",
            &format!("/admin/accounts/{id}"),
            &[("change", "disable")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    assert_eq!(
        user.get("/account").await.status(),
        StatusCode::SEE_OTHER,
        "signed out"
    );
    assert_eq!(
        app.new_browser()
            .login("troublesome@example.org", PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED,
        "and cannot sign in again"
    );
    let (_, page) = admin.get_text("/admin/accounts?q=troublesome").await;
    assert!(page.contains("Disabled"));
}

async fn every_response_carries_the_security_headers(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let browser = app.new_browser();
    for path in [
        "/",
        "/login",
        "/no-such-page",
        "/static/concord.css",
        "/healthz",
        "/admin",
    ] {
        let response = browser.get(path).await;
        let headers = response.headers();
        let csp = headers
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("{path} has no CSP"));
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
        assert_eq!(
            headers.get("x-content-type-options").map(|v| v.as_bytes()),
            Some(&b"nosniff"[..])
        );
        assert!(headers.get("referrer-policy").is_some(), "{path}");
        assert!(headers.get("x-frame-options").is_some(), "{path}");
    }
    // Cookies are HttpOnly and SameSite.
    let response = crate::helpers::bare_client()
        .get(browser.url("/login"))
        .send()
        .await
        .expect("answered");
    let set_cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("a pre-session cookie");
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"));
    let health: serde_json::Value = browser.get("/healthz").await.json().await.expect("JSON");
    assert_eq!(health["database"], "ok");
}

async fn the_setup_link_works_once(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let browser = app.new_browser();
    assert_eq!(
        browser.get("/setup?token=wrong").await.status(),
        StatusCode::NOT_FOUND
    );
    let admin = app.first_administrator("first@example.org").await;
    let (status, page) = admin.get_text("/admin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Create a process"));
    // Once an administrator exists, the link is dead.
    let again = browser
        .get(&format!("/setup?token={}", app.setup_token))
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
}

async fn administration_refuses_whoever_lacks_the_role(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    assert_eq!(
        app.create_process(&admin, "alpha").await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.create_process(&admin, "beta").await.status(),
        StatusCode::SEE_OTHER
    );
    let stakeholder = app
        .participant(
            "plain@example.org",
            "Plain Participant",
            "Some NGO",
            "civil-society",
        )
        .await;
    let secretariat = app
        .participant(
            "sec@example.org",
            "Alpha Secretariat",
            "UN Secretariat",
            "un-system",
        )
        .await;
    admin
        .submit(
            "/admin/processes/alpha",
            "/admin/processes/alpha/roles",
            &[
                ("email", "sec@example.org"),
                ("role", "secretariat"),
                ("group", ""),
            ],
        )
        .await;

    // Anonymous visitors are sent to sign in; GET and forged POST alike.
    let anonymous = app.new_browser();
    for path in [
        "/admin",
        "/admin/processes/new",
        "/admin/accounts",
        "/admin/processes/alpha",
    ] {
        let response = anonymous.get(path).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(location(&response).starts_with("/login"), "{path}");
    }

    // A participant without the role gets 403 on every page and every forged form.
    let forged_process = crate::helpers::process_form("gamma", "Forged", "One");
    let forged_posts: Vec<(&str, Vec<(String, String)>)> = vec![
        ("/admin/processes", forged_process.clone()),
        (
            "/admin/processes/alpha/edit",
            crate::helpers::process_form("alpha", "Hijacked", "One\nTwo"),
        ),
        (
            "/admin/processes/alpha/roles",
            vec![
                ("email".into(), "plain@example.org".into()),
                ("role".into(), "secretariat".into()),
            ],
        ),
        ("/admin/processes/alpha/roles/1/remove", vec![]),
        (
            "/admin/processes/alpha/accreditations/1",
            vec![("decision".into(), "accredit".into())],
        ),
        (
            "/admin/accounts/1",
            vec![("change".into(), "disable".into())],
        ),
    ];
    for path in [
        "/admin",
        "/admin/processes/new",
        "/admin/accounts",
        "/admin/processes/alpha",
        "/admin/processes/alpha/edit",
        "/admin/processes/alpha/audit",
    ] {
        assert_eq!(
            stakeholder.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    for (path, fields) in &forged_posts {
        let response = stakeholder.submit("/", path, fields).await;
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "forged POST {path}"
        );
    }

    // The secretariat of alpha manages alpha, and nothing of beta or the instance.
    assert_eq!(
        secretariat.get("/admin/processes/alpha").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        secretariat
            .get("/admin/processes/alpha/audit")
            .await
            .status(),
        StatusCode::OK
    );
    for path in [
        "/admin/processes/beta",
        "/admin/processes/beta/edit",
        "/admin/processes/new",
        "/admin/accounts",
    ] {
        assert_eq!(
            secretariat.get(path).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let response = secretariat
        .submit(
            "/",
            "/admin/processes/beta/edit",
            &crate::helpers::process_form("beta", "Hijacked", "One\nTwo"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = secretariat
        .submit("/", "/admin/processes", &forged_process)
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // Nothing forged took effect.
    let (_, page) = anonymous.get_text("/p/alpha").await;
    assert!(page.contains("Compact on Testing") && !page.contains("Hijacked"));
    assert_eq!(
        anonymous.get("/p/gamma").await.status(),
        StatusCode::NOT_FOUND
    );
}

async fn bad_input_gets_a_clear_4xx(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let browser = app.new_browser();
    let (_, page) = browser.get_text("/register").await;
    let token = csrf_of(&page);

    // Invalid UTF-8 in a form.
    let body = format!("csrf_token={token}&email=%FF%FE&display_name=x");
    let response = browser
        .client
        .post(browser.url("/register"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("answered");
    // Decoded with replacement characters, it fails validation like any other mistake.
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("id=\"email-error\"")
    );

    // A field that must be one of a list, sent as something else.
    let response = browser
        .client
        .post(browser.url("/language"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("lang", "xx"),
            ("next", "/"),
        ])
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(
        response
            .text()
            .await
            .expect("body")
            .contains("could not be understood")
    );

    // NUL bytes and enormous fields.
    let huge = "x".repeat(10_000);
    let response = browser
        .submit(
            "/register",
            "/register",
            &[
                ("email", "nul@example.org"),
                ("display_name", "Nul\u{0}Byte"),
                ("organisation", huge.as_str()),
                ("category", "<script>"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(page.contains("id=\"display_name-error\""));
    assert!(page.contains("id=\"organisation-error\""));
    assert!(page.contains("id=\"category-error\""));

    // A body over the limit.
    let too_big = format!(
        "csrf_token={token}&display_name={}",
        "y".repeat(3 * 1024 * 1024)
    );
    let response = browser
        .client
        .post(browser.url("/register"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(too_big)
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // Unknown processes, and ids that are not numbers.
    assert_eq!(
        browser.get("/p/no-such-process").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        browser.get("/p/..%2F..%2Fetc").await.status(),
        StatusCode::NOT_FOUND
    );
}
