//! Never lose a text, and sign-in at a venue (issue 14), on both backends:
//! - a contribution sent after its session ended comes back (401) with every word, escaped,
//!   and a sign-in form carrying it; signing in shows the form filled with a fresh token and
//!   saves nothing until it is sent again;
//! - a form whose token went stale because its writer signed in again in another tab comes
//!   back filled (403) with a fresh token;
//! - the carried fields open no redirect and grant nothing;
//! - Enter in a title field saves a draft: the first button of the writing forms is not the
//!   public submission;
//! - 300 delegates behind one address sign in while guessing one account gets 429 from
//!   anywhere. (Two instances sharing the limit: `instances.rs`.)

use futures_util::StreamExt;
use reqwest::StatusCode;

use crate::helpers::{
    Backend, Browser, PASSWORD, TestApp, csrf_of, location, spawn_app, spawn_app_with, with_db,
};
use crate::on_both_backends;

on_both_backends!(
    a_contribution_sent_signed_out_comes_back_with_every_word,
    a_stale_token_after_signing_in_again_gives_the_form_back,
    carried_fields_open_no_redirect_and_grant_nothing,
    enter_in_a_title_field_never_submits_publicly,
    a_hall_of_delegates_signs_in_while_guessing_is_slowed,
    a_text_survives_a_sign_in_turned_away,
);

/// The text of an HTML attribute or element as askama escapes it, back to what was typed.
fn unescape(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';') else {
            break;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if entity.starts_with("#x") || entity.starts_with("#X") => {
                u32::from_str_radix(&entity[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if entity.starts_with('#') => entity[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` in one tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

/// The form whose action starts with `action`: its whole tag's action, and its inputs' and
/// text areas' names and values, in order (buttons left out).
fn form_fields(html: &str, action: &str) -> (String, Vec<(String, String)>) {
    let marker = format!("action=\"{action}");
    let at = html.find(&marker).expect("the form");
    let open = html[..at].rfind("<form").expect("a form tag");
    let close = html[at..].find("</form>").expect("the form ends") + at;
    let form = &html[open..close];
    let tag_end = form.find('>').expect("a tag");
    let full_action = attribute(&form[..tag_end], "action").expect("an action");
    let mut fields = Vec::new();
    let mut rest = form;
    while let Some(start) = rest.find('<') {
        rest = &rest[start..];
        let end = rest.find('>').expect("a tag ends");
        let tag = &rest[..end];
        if tag.starts_with("<input")
            && let Some(name) = attribute(tag, "name")
            && attribute(tag, "type").as_deref() != Some("file")
        {
            fields.push((name, attribute(tag, "value").unwrap_or_default()));
        } else if tag.starts_with("<textarea")
            && let Some(name) = attribute(tag, "name")
        {
            let body_end = rest.find("</textarea>").expect("a text area ends");
            fields.push((name, unescape(&rest[end + 1..body_end])));
        }
        rest = &rest[end..];
    }
    (full_action, fields)
}

/// The `value` of the first submit button of the form whose action starts with `action`.
fn first_button(html: &str, action: &str) -> String {
    let marker = format!("action=\"{action}");
    let at = html.find(&marker).expect("the form");
    let close = html[at..].find("</form>").expect("the form ends") + at;
    let button = html[at..close].find("<button").expect("a button") + at;
    let end = html[button..].find('>').expect("a tag") + button;
    attribute(&html[button..end], "value").unwrap_or_default()
}

/// Ends every session, as signing out elsewhere or an administrator would: the browsers keep
/// their cookies, which no longer name a session.
async fn end_every_session(app: &TestApp) {
    with_db(app, |conn| {
        use concord::db::schema::sessions;
        use diesel::RunQueryDsl;
        diesel::delete(sessions::table)
            .execute(conn)
            .expect("sessions removed")
    })
    .await;
}

async fn contributions_stored(app: &TestApp) -> Vec<(String, String, String)> {
    with_db(app, |conn| {
        use concord::db::schema::contributions::dsl::*;
        use diesel::prelude::*;
        contributions
            .select((title, body, status))
            .load::<(String, String, String)>(conn)
            .expect("contributions")
    })
    .await
}

/// A long text of many scripts, `chars` characters, ending in words that say so.
fn long_text(chars: usize) -> String {
    let ending = "\n\nThe last words of the text.";
    let unit = "Les États s'engagent — الدول تلتزم — 各国承诺 — Государства обязуются. ";
    let mut text: String = unit
        .chars()
        .cycle()
        .take(chars - ending.chars().count())
        .collect();
    text.push_str(ending);
    text
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".to_vec()
}

async fn a_contribution_sent_signed_out_comes_back_with_every_word(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, author) = app.process_and_author().await;
    let (_, page) = author.get_text("/p/gcm/contributions/new").await;
    let token = csrf_of(&page);
    let title = "Decent work <script>alert('t')</script> & \"fair\" recruitment";
    let body = long_text(100_000);

    // The session ends while the author writes; they press "Submit publicly".
    end_every_session(&app).await;
    let sent = author
        .send_multipart(
            "/p/gcm/contributions/new",
            &token,
            &[
                ("title", title),
                ("body", &body),
                ("group", "1"),
                ("action", "submit"),
            ],
            vec![("annex.pdf".into(), pdf())],
        )
        .await;
    assert_eq!(sent.status(), StatusCode::UNAUTHORIZED);
    let page = sent.text().await.expect("body");
    assert!(page.contains("data-kept=\"signed-out\""));
    assert!(!page.contains("<script>alert"), "the title is escaped");
    assert!(page.contains("Attached files could not be kept"));
    let (action, carried) = form_fields(&page, "/login");
    assert_eq!(action, "/login");
    let value = |name: &str| {
        carried
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(value("keep.title").as_deref(), Some(title));
    assert_eq!(value("keep.body").as_deref(), Some(body.as_str()));
    assert_eq!(value("keep.group").as_deref(), Some("1"));
    assert_eq!(
        value("keep_to").as_deref(),
        Some("/p/gcm/contributions/new")
    );
    assert_eq!(value("keep.action"), None, "the button is chosen again");
    // The read-only copy holds the text too, to be copied.
    assert!(page.contains("readonly"));
    assert!(contributions_stored(&app).await.is_empty(), "nothing saved");

    // A wrong password keeps the text on the page.
    let mut wrong = carried.clone();
    wrong.retain(|(k, _)| k != "email" && k != "password");
    wrong.push(("email".into(), "author@example.org".into()));
    wrong.push(("password".into(), "not the password".into()));
    let refused = author.post_form("/login", &wrong).await;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let page = refused.text().await.expect("body");
    let (_, again) = form_fields(&page, "/login");
    assert_eq!(again, {
        let mut expected = wrong.clone();
        for (k, v) in &mut expected {
            if k == "password" {
                v.clear();
            }
        }
        expected
    });

    // Signed in, the form comes back filled, with a fresh token, and nothing is sent yet.
    let mut sign_in = carried.clone();
    sign_in.retain(|(k, _)| k != "email" && k != "password");
    sign_in.push(("email".into(), "author@example.org".into()));
    sign_in.push(("password".into(), PASSWORD.into()));
    let signed_in = author.post_form("/login", &sign_in).await;
    assert_eq!(signed_in.status(), StatusCode::OK);
    let page = signed_in.text().await.expect("body");
    assert!(page.contains("Nothing has been saved yet"));
    assert!(contributions_stored(&app).await.is_empty(), "still nothing");
    let (action, fields) = form_fields(&page, "/p/gcm/contributions/new");
    let fresh = action
        .split_once("?csrf_token=")
        .map(|(_, t)| t.to_string())
        .expect("the token in the address");
    assert_ne!(fresh, token);
    assert_eq!(first_button(&page, "/p/gcm/contributions/new"), "save");
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(field("title"), title);
    assert_eq!(field("body"), body);

    // Sent again, it is submitted, every word of it.
    let submitted = author
        .send_multipart(
            "/p/gcm/contributions/new",
            &fresh,
            &[
                ("title", &field("title")),
                ("body", &field("body")),
                ("group", &field("group")),
                ("action", "submit"),
            ],
            vec![("annex.pdf".into(), pdf())],
        )
        .await;
    assert_eq!(submitted.status(), StatusCode::SEE_OTHER);
    assert!(location(&submitted).starts_with("/p/gcm/contributions/TST-WC-"));
    let stored = contributions_stored(&app).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].0, title);
    assert_eq!(stored[0].1, body);
    assert_eq!(stored[0].2, "submitted");
}

fn proposal(title: &str) -> Vec<(String, String)> {
    [
        ("group", "1"),
        ("title", title),
        ("commitment", "States commit to open regular pathways."),
        ("actionable_measures", "Bilateral labour agreements"),
        ("partnerships", "Employers and trade unions"),
        ("capacity_building", "Training"),
        ("financing", "A fund"),
        ("data", "Disaggregated data"),
        ("responsible_actors", "Ministries of labour"),
        ("sdg_targets", "8.8"),
        ("timeline", "2019 to 2030"),
        ("indicators", "Recruitment costs"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

async fn proposal_titles(app: &TestApp) -> Vec<String> {
    with_db(app, |conn| {
        use concord::db::schema::proposals::dsl::*;
        use diesel::prelude::*;
        proposals
            .select(title)
            .load::<String>(conn)
            .expect("proposals")
    })
    .await
}

async fn a_stale_token_after_signing_in_again_gives_the_form_back(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, author) = app.process_and_author().await;
    let (_, page) = author.get_text("/p/gcm/proposals/new").await;
    let stale = csrf_of(&page);
    // In another tab, the author signs in again: a new session, a new token.
    assert_eq!(
        author.login("author@example.org", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    let title = "Pathways <b>for</b> all";
    let mut form = proposal(title);
    form.push(("csrf_token".into(), stale.clone()));
    form.push(("intent".into(), "submit".into()));
    let refused = author.post_form("/p/gcm/proposals/new", &form).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let page = refused.text().await.expect("body");
    assert!(page.contains("data-error=\"csrf\""));
    assert!(page.contains("opened before you signed in again"));
    assert!(!page.contains("<b>for</b>"), "escaped");
    assert!(proposal_titles(&app).await.is_empty(), "nothing saved");
    assert_eq!(first_button(&page, "/p/gcm/proposals/new"), "save");
    let (action, mut fields) = form_fields(&page, "/p/gcm/proposals/new");
    assert_eq!(action, "/p/gcm/proposals/new");
    let fresh = fields
        .iter()
        .find(|(k, _)| k == "csrf_token")
        .map(|(_, v)| v.clone())
        .expect("a token");
    assert_ne!(fresh, stale);
    for (name, value) in proposal(title) {
        assert!(
            fields.contains(&(name.clone(), value.clone())),
            "{name} kept"
        );
    }
    fields.push(("intent".into(), "submit".into()));
    let sent = author.post_form("/p/gcm/proposals/new", &fields).await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    assert_eq!(proposal_titles(&app).await, [title]);
}

async fn carried_fields_open_no_redirect_and_grant_nothing(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, _author) = app.process_and_author().await;
    let stranger = app
        .participant(
            "stranger@example.org",
            "Stranger",
            "Elsewhere",
            "civil-society",
        )
        .await;
    stranger.logout().await;
    // Another site, a scheme-relative address, a route that carries no writing: the
    // carried fields are ignored and the sign-in goes where it always does.
    for to in [
        "https://evil.example/p/gcm/contributions/new",
        "//evil.example/p/gcm/contributions/new",
        "/\\evil.example",
        "/admin/processes",
        "/p/gcm/contributions/new?next=https://evil.example",
    ] {
        let browser = app.new_browser();
        let (_, page) = browser.get_text("/login").await;
        let response = browser
            .post_form(
                "/login",
                &[
                    ("csrf_token", csrf_of(&page).as_str()),
                    ("email", "stranger@example.org"),
                    ("password", PASSWORD),
                    ("keep_to", to),
                    ("keep.title", "Carried"),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{to}");
        assert_eq!(location(&response), "/", "{to}");
    }
    // A form the stranger may not send comes back to them filled, as a form; sent again, it
    // meets the route's own permission check.
    let notes = "/p/gcm/groups/1/review/TST-CP-0001/notes";
    let (_, page) = stranger.get_text("/login").await;
    let shown = stranger
        .post_form(
            "/login",
            &[
                ("csrf_token", csrf_of(&page).as_str()),
                ("email", "stranger@example.org"),
                ("password", PASSWORD),
                ("keep_to", notes),
                ("keep.body", "<img src=x onerror=alert(1)> a note"),
                ("keep.parent", ""),
                ("keep.is_admin", "true"),
            ],
        )
        .await;
    assert_eq!(shown.status(), StatusCode::OK);
    let page = shown.text().await.expect("body");
    assert!(!page.contains("<img src=x"), "escaped");
    assert!(!page.contains("is_admin"), "only the form's own fields");
    let (_, fields) = form_fields(&page, notes);
    let sent = stranger.post_form(notes, &fields).await;
    assert!(
        matches!(sent.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{}",
        sent.status()
    );
}

async fn enter_in_a_title_field_never_submits_publicly(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, author) = app.process_and_author().await;
    for (page, action) in [
        ("/p/gcm/contributions/new", "/p/gcm/contributions/new?"),
        ("/p/gcm/proposals/new", "/p/gcm/proposals/new\""),
    ] {
        let (status, html) = author.get_text(page).await;
        assert_eq!(status, StatusCode::OK);
        let form = action.trim_end_matches(['?', '"']);
        // Enter in a text field presses the form's first submit button.
        assert_eq!(first_button(&html, form), "save", "{page}");
        assert!(
            html.contains("cannot be undone"),
            "{page} says what submitting does"
        );
    }
    // Pressing Enter in the title sends the first button: a draft, not a submission.
    let (_, html) = author.get_text("/p/gcm/contributions/new").await;
    let token = csrf_of(&html);
    let saved = author
        .send_multipart(
            "/p/gcm/contributions/new",
            &token,
            &[
                ("title", "Half a thought"),
                ("body", "Still writing"),
                ("action", &first_button(&html, "/p/gcm/contributions/new")),
            ],
            vec![],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert!(location(&saved).contains("notice=draft-saved"));
    let stored = contributions_stored(&app).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].2, "draft");
}

/// Accounts made directly in the database with one hash (registration is limited per
/// address, and 300 hashes would only slow the test).
async fn delegates(app: &TestApp, count: usize) {
    with_db(app, move |conn| {
        use concord::domain::roles::StakeholderCategory;
        use concord::domain::validation::{DisplayName, Email, OrganisationName};
        use concord::store::accounts::{Registration, create_account};
        let hash = concord::security::passwords::hash(PASSWORD).expect("a hash");
        for n in 0..count {
            let registration = Registration {
                email: Email::parse(&format!("delegate{n}@example.org")).expect("an email"),
                display_name: DisplayName::parse(&format!("Delegate {n}")).expect("a name"),
                organisation: OrganisationName::parse("Permanent Mission").expect("a name"),
                category: StakeholderCategory::parse("member-state")
                    .or_else(|| StakeholderCategory::parse("civil-society"))
                    .expect("a category"),
                country: None,
                language: None,
            };
            create_account(conn, &registration, &hash, false).expect("an account");
        }
    })
    .await;
}

async fn sign_in(browser: &Browser, email: &str, password: &str, from: Option<&str>) -> StatusCode {
    let (_, page) = browser.get_text("/login").await;
    let mut request = browser.client.post(browser.url("/login")).form(&[
        ("csrf_token", csrf_of(&page).as_str()),
        ("email", email),
        ("password", password),
        ("next", "/"),
    ]);
    if let Some(address) = from {
        request = request.header("X-Forwarded-For", address);
    }
    request.send().await.expect("answered").status()
}

async fn a_hall_of_delegates_signs_in_while_guessing_is_slowed(backend: Backend) {
    let Some(app) = spawn_app_with(
        backend,
        &[
            ("CONCORD_LOGIN_BURST", "3"),
            ("CONCORD_LOGIN_ATTEMPTS_PER_MINUTE", "1"),
            ("CONCORD_LOGIN_ADDRESS_BURST", "20"),
            ("CONCORD_LOGIN_ADDRESS_FAILURES_PER_MINUTE", "1"),
            ("CONCORD_TRUSTED_PROXIES", "127.0.0.1"),
            ("CONCORD_HASHING_SLOTS", "2"),
        ],
        false,
    )
    .await
    else {
        return;
    };
    const HALL: &str = "192.0.2.10";
    delegates(&app, 300).await;
    // 300 delegates behind the hall's one address sign in to their own accounts, eight at a
    // time; every 25th mistypes their password first.
    let browsers: Vec<Browser> = (0..300).map(|_| app.new_browser()).collect();
    let statuses: Vec<(usize, StatusCode)> = futures_util::stream::iter(0..300)
        .map(|n| {
            let browser = &browsers[n];
            async move {
                let email = format!("delegate{n}@example.org");
                if n % 25 == 0 {
                    let typo = sign_in(browser, &email, "a long and quiet rivet", Some(HALL)).await;
                    assert_eq!(typo, StatusCode::UNAUTHORIZED, "delegate {n}'s typo");
                }
                (n, sign_in(browser, &email, PASSWORD, Some(HALL)).await)
            }
        })
        .buffer_unordered(8)
        .collect()
        .await;
    let refused: Vec<_> = statuses
        .iter()
        .filter(|(_, s)| *s != StatusCode::SEE_OTHER)
        .collect();
    assert_eq!(statuses.len(), 300);
    assert!(refused.is_empty(), "delegates refused: {refused:?}");

    // Someone in the hall guesses delegate 7's password: three guesses, then 429.
    let guesser = app.new_browser();
    for n in 0..3 {
        assert_eq!(
            sign_in(&guesser, "delegate7@example.org", "guess", Some(HALL)).await,
            StatusCode::UNAUTHORIZED,
            "guess {n}"
        );
    }
    assert_eq!(
        sign_in(&guesser, "delegate7@example.org", "guess", Some(HALL)).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // From anywhere else too, even with the right password, in a new browser.
    assert_eq!(
        sign_in(
            &app.new_browser(),
            "delegate7@example.org",
            PASSWORD,
            Some("198.51.100.7")
        )
        .await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // The hall goes on signing in, and delegate 7's own browser (a known device) gets in.
    assert_eq!(
        sign_in(
            &app.new_browser(),
            "delegate8@example.org",
            PASSWORD,
            Some(HALL)
        )
        .await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        sign_in(&browsers[7], "delegate7@example.org", PASSWORD, Some(HALL)).await,
        StatusCode::SEE_OTHER
    );
}

/// Too many failed sign-ins from the page that keeps a text: 429 and when to try again, and
/// the text still there.
async fn a_text_survives_a_sign_in_turned_away(backend: Backend) {
    let Some(app) = spawn_app_with(
        backend,
        &[
            ("CONCORD_LOGIN_BURST", "1"),
            ("CONCORD_LOGIN_ATTEMPTS_PER_MINUTE", "1"),
        ],
        false,
    )
    .await
    else {
        return;
    };
    let (_admin, author) = app.process_and_author().await;
    let (_, page) = author.get_text("/p/gcm/proposals/new").await;
    let token = csrf_of(&page);
    end_every_session(&app).await;
    let mut form = proposal("Kept through a lock-out");
    form.push(("csrf_token".into(), token));
    form.push(("intent".into(), "submit".into()));
    let kept = author.post_form("/p/gcm/proposals/new", &form).await;
    assert_eq!(kept.status(), StatusCode::UNAUTHORIZED);
    let (_, mut carried) = form_fields(&kept.text().await.expect("body"), "/login");
    // Someone else, at another browser (the author's own is a known device, exempt from the
    // account's limit), tries the author's account with the text carried along.
    let other = app.new_browser();
    let (_, login) = other.get_text("/login").await;
    carried.retain(|(k, _)| k != "email" && k != "password" && k != "csrf_token");
    carried.push(("csrf_token".into(), csrf_of(&login)));
    carried.push(("email".into(), "author@example.org".into()));
    carried.push(("password".into(), "not the password".into()));
    let failed = other.post_form("/login", &carried).await;
    assert_eq!(failed.status(), StatusCode::UNAUTHORIZED);
    let turned_away = other.post_form("/login", &carried).await;
    assert_eq!(turned_away.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(turned_away.headers().contains_key("retry-after"));
    let page = turned_away.text().await.expect("body");
    assert!(page.contains("too many attempts"));
    let (_, again) = form_fields(&page, "/login");
    assert!(again.contains(&(
        "keep.title".to_string(),
        "Kept through a lock-out".to_string()
    )));
    assert!(again.contains(&(
        "keep.commitment".to_string(),
        "States commit to open regular pathways.".to_string()
    )));
    assert!(proposal_titles(&app).await.is_empty());
}
