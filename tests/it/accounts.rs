//! Registration, sign-in, sessions, sign-out, password changes, languages.

use reqwest::StatusCode;

use crate::helpers::{Backend, PASSWORD, bare_client, cookie_header, location, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    registration_then_sign_in_shows_the_account,
    a_refused_registration_keeps_what_was_typed,
    registering_a_known_address_looks_like_registering_a_new_one,
    sign_in_failures_do_not_say_whether_the_account_exists,
    the_session_id_changes_at_sign_in,
    signing_out_revokes_the_old_cookie,
    changing_the_password_signs_out_other_browsers,
    an_idle_session_expires,
    a_session_in_use_is_kept_alive,
    the_language_follows_the_account_the_chooser_and_the_browser,
);

async fn registration_then_sign_in_shows_the_account(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let browser = app.new_browser();
    let response = browser
        .register(
            "amina@mission.example.org",
            "Amina Diallo",
            "Permanent Mission of Senegal",
            "member-state",
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/login?notice=registered");

    let response = browser.login("Amina@Mission.example.org ", PASSWORD).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "email case and spaces do not matter"
    );
    let (status, page) = browser.get_text("/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Amina Diallo"));
    assert!(page.contains("Permanent Mission of Senegal"));
    assert!(page.contains("Member State"));

    // The password is stored as an argon2id hash, never as typed.
    let stored: String = with_db(&app, |conn| {
        use concord::db::schema::accounts::dsl::*;
        use diesel::prelude::*;
        accounts
            .select(password_hash)
            .first(conn)
            .expect("an account")
    })
    .await;
    assert!(stored.starts_with("$argon2id$"));
    assert!(!stored.contains(PASSWORD));
}

async fn a_refused_registration_keeps_what_was_typed(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let browser = app.new_browser();
    let response = browser
        .submit(
            "/register",
            "/register",
            &[
                ("email", "not-an-address"),
                ("display_name", "مريم العلي"),
                ("organisation", "شبكة المهاجرين العربية"),
                ("category", "civil-society"),
                ("country", "Jordan"),
                ("password", "short"),
                ("password_again", "short"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(page.contains("value=\"مريم العلي\""), "the name is kept");
    assert!(
        page.contains("value=\"شبكة المهاجرين العربية\""),
        "the organisation is kept"
    );
    assert!(page.contains("value=\"Jordan\""), "the country is kept");
    assert!(
        page.contains("value=\"not-an-address\""),
        "even the wrong email is kept"
    );
    assert!(
        page.contains("id=\"email-error\""),
        "the email error is beside its field"
    );
    assert!(
        page.contains("at least 12 characters"),
        "the password rule is explained"
    );
    assert!(
        !page.contains("value=\"short\""),
        "passwords are never sent back"
    );
    assert!(page.contains("<option value=\"civil-society\" selected>"));

    // A common password is refused too, with its own message.
    let response = browser
        .submit(
            "/register",
            "/register",
            &[
                ("email", "someone@example.org"),
                ("display_name", "Someone"),
                ("organisation", "Somewhere"),
                ("category", "academia"),
                ("password", "q1w2e3r4t5y6"),
                ("password_again", "q1w2e3r4t5y6"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.expect("body").contains("too common"));
}

async fn registering_a_known_address_looks_like_registering_a_new_one(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let first = app.new_browser();
    let new = first
        .register(
            "known@example.org",
            "First Person",
            "Université de Genève",
            "academia",
        )
        .await;
    let again = app
        .new_browser()
        .submit(
            "/register",
            "/register",
            &[
                ("email", "known@example.org"),
                ("display_name", "Second Person"),
                ("organisation", "Université de Genève"),
                ("category", "academia"),
                ("password", "another long pass phrase"),
                ("password_again", "another long pass phrase"),
            ],
        )
        .await;
    assert_eq!(new.status(), again.status());
    assert_eq!(location(&new), location(&again));
    // The first account is untouched: its password works, the second one does not.
    assert_eq!(
        first.login("known@example.org", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.new_browser()
            .login("known@example.org", "another long pass phrase")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn sign_in_failures_do_not_say_whether_the_account_exists(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    app.participant(
        "real@example.org",
        "Real Person",
        "Civil Society Network",
        "civil-society",
    )
    .await;
    let wrong_password = app
        .new_browser()
        .login("real@example.org", "not the password at all")
        .await;
    let unknown = app
        .new_browser()
        .login("nobody@example.org", "not the password at all")
        .await;
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let a = wrong_password.text().await.expect("body");
    let b = unknown.text().await.expect("body");
    let message = "The email address or password is not right";
    assert!(a.contains(message) && b.contains(message));
    // The typed address is kept in both, and nothing else differs but it and the token.
    assert!(a.contains("value=\"real@example.org\""));
    assert!(b.contains("value=\"nobody@example.org\""));
}

async fn the_session_id_changes_at_sign_in(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let browser = app
        .participant(
            "fixation@example.org",
            "Fixation Test",
            "Some NGO",
            "civil-society",
        )
        .await;
    let first = browser.cookie("concord_session").expect("a session cookie");
    // Signing in again, while signed in, replaces the session; the old id is worthless.
    assert_eq!(
        browser
            .login("fixation@example.org", PASSWORD)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let second = browser.cookie("concord_session").expect("a session cookie");
    assert_ne!(first, second);
    let replay = bare_client()
        .get(browser.url("/account"))
        .headers(cookie_header(&[("concord_session", &first)]))
        .send()
        .await
        .expect("answered");
    assert_eq!(replay.status(), StatusCode::SEE_OTHER);
    assert!(location(&replay).starts_with("/login"));

    // A session id planted before sign-in is not adopted either.
    let planted = app.new_browser();
    let response = bare_client()
        .get(planted.url("/login"))
        .headers(cookie_header(&[(
            "concord_session",
            "planted-by-an-attacker",
        )]))
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), StatusCode::OK);
    let count: i64 = with_db(&app, |conn| {
        use concord::db::schema::sessions::dsl::*;
        use diesel::prelude::*;
        sessions
            .filter(id_hash.eq("planted-by-an-attacker"))
            .count()
            .get_result(conn)
            .expect("count")
    })
    .await;
    assert_eq!(count, 0);
}

async fn signing_out_revokes_the_old_cookie(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let browser = app
        .participant(
            "leaving@example.org",
            "Leaving Soon",
            "Some NGO",
            "civil-society",
        )
        .await;
    let cookie = browser.cookie("concord_session").expect("a session cookie");
    let response = browser.logout().await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        browser.cookie("concord_session").is_none(),
        "the cookie is removed"
    );
    // Someone who kept a copy of the cookie gets nothing from it.
    let replay = bare_client()
        .get(browser.url("/account"))
        .headers(cookie_header(&[("concord_session", &cookie)]))
        .send()
        .await
        .expect("answered");
    assert_eq!(replay.status(), StatusCode::SEE_OTHER);
    assert!(location(&replay).starts_with("/login?next="));
}

async fn changing_the_password_signs_out_other_browsers(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let laptop = app
        .participant(
            "two@example.org",
            "Two Browsers",
            "Some NGO",
            "civil-society",
        )
        .await;
    let phone = app.new_browser();
    assert_eq!(
        phone.login("two@example.org", PASSWORD).await.status(),
        StatusCode::SEE_OTHER
    );

    // A wrong current password changes nothing and says so beside the field.
    let refused = laptop
        .submit(
            "/account",
            "/account/password",
            &[
                ("current_password", "wrong wrong wrong"),
                ("new_password", "a brand new pass phrase"),
                ("new_password_again", "a brand new pass phrase"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .text()
            .await
            .expect("body")
            .contains("id=\"current_password-error\"")
    );

    let changed = laptop
        .submit(
            "/account",
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "a brand new pass phrase"),
                ("new_password_again", "a brand new pass phrase"),
            ],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        laptop.get("/account").await.status(),
        StatusCode::OK,
        "this browser stays in"
    );
    assert_eq!(
        phone.get("/account").await.status(),
        StatusCode::SEE_OTHER,
        "the other is out"
    );
    assert_eq!(
        app.new_browser()
            .login("two@example.org", "a brand new pass phrase")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}

/// A page reads its visitor's session without writing, and writes the time it was last seen
/// back once that is a minute old: a session in use outlives the idle limit.
async fn a_session_in_use_is_kept_alive(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let browser = app
        .participant(
            "busy@example.org",
            "Busy Person",
            "Some NGO",
            "civil-society",
        )
        .await;
    // Last seen an hour and a half ago: within the idle limit of two hours.
    let an_hour_and_a_half_ago = concord::store::now() - chrono::TimeDelta::minutes(90);
    with_db(&app, move |conn| {
        use concord::db::schema::sessions::dsl::*;
        use diesel::prelude::*;
        diesel::update(sessions)
            .set(last_seen_at.eq(an_hour_and_a_half_ago))
            .execute(conn)
            .expect("update");
    })
    .await;
    assert_eq!(browser.get("/account").await.status(), StatusCode::OK);
    let seen = with_db(&app, |conn| {
        use concord::db::schema::sessions::dsl::*;
        use diesel::prelude::*;
        sessions
            .select(last_seen_at)
            .load::<chrono::NaiveDateTime>(conn)
            .expect("sessions")
    })
    .await;
    assert_eq!(seen.len(), 1);
    assert!(
        concord::store::now() - seen[0] < chrono::TimeDelta::minutes(1),
        "written back: {seen:?}"
    );
}

async fn an_idle_session_expires(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let browser = app
        .participant(
            "idle@example.org",
            "Idle Person",
            "Some NGO",
            "civil-society",
        )
        .await;
    assert_eq!(browser.get("/account").await.status(), StatusCode::OK);
    // Pretend the browser was last seen three hours ago (the idle limit is two).
    with_db(&app, |conn| {
        use concord::db::schema::sessions::dsl::*;
        use diesel::prelude::*;
        let long_ago = concord::store::now() - chrono::TimeDelta::hours(3);
        diesel::update(sessions)
            .set(last_seen_at.eq(long_ago))
            .execute(conn)
            .expect("update");
    })
    .await;
    assert_eq!(
        browser.get("/account").await.status(),
        StatusCode::SEE_OTHER
    );
}

async fn the_language_follows_the_account_the_chooser_and_the_browser(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    // The browser's Accept-Language, with no other choice made.
    let response = bare_client()
        .get(format!("{}/login", app.address))
        .header("Accept-Language", "ar-EG,ar;q=0.9,en;q=0.5")
        .send()
        .await
        .expect("answered");
    let page = response.text().await.expect("body");
    assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"));

    // The chooser on every page, remembered for the browser.
    let browser = app.new_browser();
    let response = browser
        .submit("/login", "/language", &[("lang", "fr"), ("next", "/login")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/login");
    let (_, page) = browser.get_text("/login").await;
    assert!(page.contains("<html lang=\"fr\" dir=\"ltr\">"));

    // Chosen while signed in, it is kept on the account, in any browser.
    let signed_in = app
        .participant(
            "polyglot@example.org",
            "Polyglot",
            "Some NGO",
            "civil-society",
        )
        .await;
    signed_in
        .submit(
            "/account",
            "/language",
            &[("lang", "ar"), ("next", "/account")],
        )
        .await;
    let elsewhere = app.new_browser();
    elsewhere.login("polyglot@example.org", PASSWORD).await;
    let (_, page) = elsewhere.get_text("/account").await;
    assert!(page.contains("dir=\"rtl\""));

    // Only local addresses are followed after choosing.
    let response = browser
        .submit(
            "/login",
            "/language",
            &[("lang", "en"), ("next", "//evil.example/")],
        )
        .await;
    assert_eq!(location(&response), "/");
}
