//! Email through a real SMTP server that the tests start (`sink`), on both backends: the
//! address confirmed from the message read back, a forgotten password reset through its link
//! (once, within the hour, for its own account only, the same answer for unknown addresses),
//! notifications mailed at once or as one digest a day, to confirmed addresses only, and the
//! outbox across restarts: nothing lost, nothing sent twice.

pub mod sink;

use std::time::Duration;

use chrono::TimeDelta;
use concord::db::DbConnection;
use concord::domain::ids::ProposalId;
use concord::domain::notifications::{Delivery, NotificationKind};
use concord::store::notifications::{NewNotification, Subject, notify};
use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{
    Backend, Browser, PASSWORD, TestApp, csrf_of, location, spawn_app_with, with_db,
};
use crate::on_both_backends;
use sink::SmtpSink;

on_both_backends!(
    registration_is_confirmed_from_the_mail,
    a_reset_link_works_once_and_ends_every_session,
    an_expired_reset_link_does_nothing,
    a_reset_link_sets_only_its_own_account,
    known_and_unknown_addresses_get_the_same_answer,
    notifications_are_mailed_to_confirmed_addresses_only,
    a_digest_is_sent_once_across_a_restart,
    a_message_left_unsent_is_sent_once_after_a_restart,
    without_a_server_messages_are_written_beside_the_database,
    a_day_cut_by_a_full_round_goes_whole_in_the_next,
);

const NEW_PASSWORD: &str = "a new and quiet river";

/// An app whose mail goes to `sink`, looking for work every second.
async fn app_with(backend: Backend, sink: &SmtpSink, demo: bool) -> Option<TestApp> {
    let url = sink.url();
    spawn_app_with(
        backend,
        &[
            ("CONCORD_SMTP_URL", url.as_str()),
            ("CONCORD_MAIL_POLL_SECONDS", "1"),
        ],
        demo,
    )
    .await
}

/// Sends a form from a page that is gone (a spent link): the CSRF token comes from another
/// page of the same browser.
async fn post_with_token(
    browser: &Browser,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let (_, page) = browser.get_text("/account/forgot").await;
    let mut form = vec![("csrf_token".to_string(), csrf_of(&page))];
    form.extend(fields.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    browser.post_form(path, &form).await
}

async fn ask_for_reset(browser: &Browser, email: &str) -> reqwest::Response {
    browser
        .submit("/account/forgot", "/account/forgot", &[("email", email)])
        .await
}

async fn set_password(browser: &Browser, link: &str, password: &str) -> reqwest::Response {
    browser
        .submit(
            link,
            link,
            &[("new_password", password), ("new_password_again", password)],
        )
        .await
}

async fn signs_in(app: &TestApp, email: &str, password: &str) -> bool {
    app.new_browser().login(email, password).await.status() == StatusCode::SEE_OTHER
}

async fn registration_is_confirmed_from_the_mail(backend: Backend) {
    let sink = SmtpSink::start();
    let Some(app) = app_with(backend, &sink, false).await else {
        return;
    };
    let email = "newcomer@example.org";
    let browser = app
        .participant(email, "Nadia Newcomer", "Newcomers NGO", "civil-society")
        .await;
    let mail = sink.wait_for(email, 1).await.remove(0);
    assert_eq!(mail.subject, "Confirm your email address for Concord");
    assert_eq!(mail.content_type, "text/plain");
    assert!(mail.body.contains("Nadia Newcomer"), "{}", mail.body);
    assert!(
        mail.message_id.starts_with("<concord."),
        "{}",
        mail.message_id
    );
    let link = mail.link("/account/confirm/");
    assert!(
        mail.body.contains(&format!("{}{link}", app.address)),
        "the link is absolute: {}",
        mail.body
    );

    // Until confirmed, the account page says so and offers the link again.
    let (_, page) = browser.get_text("/account").await;
    assert!(
        page.contains("Your email address is not confirmed yet."),
        "{page}"
    );
    assert!(page.contains("Send the confirmation link again"));

    // The mail, once sent, no longer holds its live link in the outbox.
    let kept: Vec<(String, bool)> = with_db(&app, |conn| {
        use concord::db::schema::outbox::dsl::*;
        outbox
            .select((body_text, sent_at.is_not_null()))
            .load(conn)
            .expect("the outbox")
    })
    .await;
    assert_eq!(kept, vec![(String::new(), true)]);

    // Another link asked for arrives too; the first still works until one is used.
    let resent = browser
        .submit::<&str, &str>("/account", "/account/confirmation", &[])
        .await;
    assert_eq!(resent.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resent), "/account?notice=confirmation-sent");
    let second = sink
        .wait_for(email, 2)
        .await
        .remove(1)
        .link("/account/confirm/");
    assert_ne!(second, link);

    let (status, page) = browser.get_text(&link).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Confirm my address"));
    let confirmed = browser.submit::<&str, &str>(&link, &link, &[]).await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&confirmed), "/account?notice=address-confirmed");
    let (_, page) = browser.get_text("/account").await;
    assert!(page.contains("Your email address is confirmed."), "{page}");
    assert!(!page.contains("Send the confirmation link again"));

    // Both links are spent now, and a made-up one never worked.
    for spent in [&link, &second] {
        assert_eq!(
            browser.get(spent).await.status(),
            StatusCode::GONE,
            "{spent}"
        );
        let again = post_with_token(&browser, spent, &[]).await;
        assert_eq!(again.status(), StatusCode::GONE);
    }
    let forged = format!("{link}x");
    assert_eq!(browser.get(&forged).await.status(), StatusCode::GONE);
    // A person who reads French registers in French and is written to in French.
    let french = app.new_browser();
    let (_, form) = french.get_text("/register").await;
    let registered = french
        .client
        .post(french.url("/register"))
        .header("Accept-Language", "fr")
        .form(&[
            ("csrf_token", csrf_of(&form).as_str()),
            ("email", "francine@example.org"),
            ("display_name", "Francine Française"),
            ("organisation", "Association francophone"),
            ("category", "civil-society"),
            ("country", ""),
            ("password", PASSWORD),
            ("password_again", PASSWORD),
        ])
        .send()
        .await
        .expect("answered");
    assert_eq!(registered.status(), StatusCode::SEE_OTHER);
    let mail = sink.wait_for("francine@example.org", 1).await.remove(0);
    assert_eq!(
        mail.subject,
        "Confirmez votre adresse électronique pour Concord"
    );
    assert!(
        mail.body.contains("Bonjour Francine Française,"),
        "{}",
        mail.body
    );

    // Spent links are forgotten a day after they stopped working.
    let forgotten = with_db(&app, |conn| {
        use concord::db::schema::account_tokens::dsl::*;
        diesel::update(account_tokens.filter(used_at.is_not_null()))
            .set(used_at.eq(Some(concord::store::now() - TimeDelta::days(2))))
            .execute(conn)
            .expect("aged");
        concord::app::mail::prune_tokens(conn).expect("pruned")
    })
    .await;
    assert_eq!(forgotten, 2, "the two links used");

    // Asking again once confirmed sends nothing.
    let resent = post_with_token(&browser, "/account/confirmation", &[]).await;
    assert_eq!(location(&resent), "/account?notice=address-confirmed");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(sink.messages_to(email).len(), 2);
}

async fn a_reset_link_works_once_and_ends_every_session(backend: Backend) {
    let sink = SmtpSink::start();
    let Some(app) = app_with(backend, &sink, false).await else {
        return;
    };
    let email = "forgetful@example.org";
    let signed_in = app
        .participant(email, "Felix Forgetful", "Forgetful NGO", "academia")
        .await;
    sink.wait_for(email, 1).await;

    let stranger = app.new_browser();
    assert_eq!(
        stranger.get("/account/forgot").await.status(),
        StatusCode::OK
    );
    let (_, login) = stranger.get_text("/login").await;
    assert!(
        login.contains("href=\"/account/forgot\""),
        "the sign-in page links to it"
    );
    // A malformed address is said so, and kept.
    let bad = ask_for_reset(&stranger, "not-an-address").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.text()
            .await
            .expect("body")
            .contains("value=\"not-an-address\"")
    );

    let asked = ask_for_reset(&stranger, email).await;
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&asked), "/login?notice=reset-sent");
    let mail = sink.wait_for(email, 2).await.remove(1);
    assert_eq!(mail.subject, "Reset your Concord password");
    assert!(mail.body.contains("60 minutes"), "{}", mail.body);
    let link = mail.link("/account/reset/");

    // Passwords that break the rules are refused, and the link stays good.
    let differ = stranger
        .submit(
            &link,
            &link,
            &[
                ("new_password", NEW_PASSWORD),
                ("new_password_again", "something else entirely"),
            ],
        )
        .await;
    assert_eq!(differ.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let short = set_password(&stranger, &link, "short").await;
    assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let reset = set_password(&stranger, &link, NEW_PASSWORD).await;
    assert_eq!(reset.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&reset), "/login?notice=password-reset");

    // Every session of the account ended; only the new password signs in.
    let account = signed_in.get("/account").await;
    assert_eq!(account.status(), StatusCode::SEE_OTHER, "signed out");
    assert!(location(&account).starts_with("/login"));
    assert!(!signs_in(&app, email, PASSWORD).await);
    assert!(signs_in(&app, email, NEW_PASSWORD).await);

    // Used twice: the second time the link is gone and changes nothing.
    assert_eq!(stranger.get(&link).await.status(), StatusCode::GONE);
    let twice = post_with_token(
        &stranger,
        &link,
        &[
            ("new_password", "a third and quiet river"),
            ("new_password_again", "a third and quiet river"),
        ],
    )
    .await;
    assert_eq!(twice.status(), StatusCode::GONE);
    assert!(
        twice
            .text()
            .await
            .expect("body")
            .contains("This link no longer works")
    );
    assert!(signs_in(&app, email, NEW_PASSWORD).await);
    assert!(!signs_in(&app, email, "a third and quiet river").await);
}

async fn an_expired_reset_link_does_nothing(backend: Backend) {
    let sink = SmtpSink::start();
    let Some(app) = app_with(backend, &sink, false).await else {
        return;
    };
    let email = "late@example.org";
    app.participant(email, "Lena Late", "Late NGO", "academia")
        .await;
    ask_for_reset(&app.new_browser(), email).await;
    let link = sink
        .wait_for(email, 2)
        .await
        .remove(1)
        .link("/account/reset/");

    // The link was sent an hour and a minute ago.
    with_db(&app, |conn| {
        use concord::db::schema::account_tokens::dsl::*;
        let sent = concord::store::now() - TimeDelta::minutes(61);
        diesel::update(account_tokens.filter(purpose.eq("reset-password")))
            .set((
                created_at.eq(sent),
                expires_at.eq(sent + TimeDelta::hours(1)),
            ))
            .execute(conn)
            .expect("back-dated")
    })
    .await;
    let browser = app.new_browser();
    assert_eq!(browser.get(&link).await.status(), StatusCode::GONE);
    let late = post_with_token(
        &browser,
        &link,
        &[
            ("new_password", NEW_PASSWORD),
            ("new_password_again", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(late.status(), StatusCode::GONE);
    assert!(
        signs_in(&app, email, PASSWORD).await,
        "the password is unchanged"
    );
    assert!(!signs_in(&app, email, NEW_PASSWORD).await);
}

async fn a_reset_link_sets_only_its_own_account(backend: Backend) {
    let sink = SmtpSink::start();
    let Some(app) = app_with(backend, &sink, false).await else {
        return;
    };
    let (owner, other) = ("owner@example.org", "other@example.org");
    app.participant(owner, "Olga Owner", "Owners NGO", "academia")
        .await;
    let intruder = app
        .participant(other, "Otto Other", "Others NGO", "academia")
        .await;
    let confirmation = sink
        .wait_for(owner, 1)
        .await
        .remove(0)
        .link("/account/confirm/");
    ask_for_reset(&app.new_browser(), owner).await;
    let link = sink
        .wait_for(owner, 2)
        .await
        .remove(1)
        .link("/account/reset/");

    // A confirmation link is no reset link, even for its own account.
    let token = confirmation.trim_start_matches("/account/confirm/");
    assert_eq!(
        intruder
            .get(&format!("/account/reset/{token}"))
            .await
            .status(),
        StatusCode::GONE
    );

    // Signed in as another account, the link still sets only the owner's password.
    let used = set_password(&intruder, &link, NEW_PASSWORD).await;
    assert_eq!(used.status(), StatusCode::SEE_OTHER);
    assert!(signs_in(&app, owner, NEW_PASSWORD).await);
    assert!(
        signs_in(&app, other, PASSWORD).await,
        "the other account keeps its password"
    );
    assert!(!signs_in(&app, other, NEW_PASSWORD).await);
    let hashes: Vec<String> = with_db(&app, |conn| {
        use concord::db::schema::accounts::dsl::*;
        accounts
            .order(id)
            .select(password_hash)
            .load(conn)
            .expect("the accounts")
    })
    .await;
    assert_ne!(hashes[0], hashes[1]);
}

async fn known_and_unknown_addresses_get_the_same_answer(backend: Backend) {
    let sink = SmtpSink::start();
    let Some(app) = app_with(backend, &sink, false).await else {
        return;
    };
    let known = "known@example.org";
    app.participant(known, "Kim Known", "Known NGO", "academia")
        .await;
    let browser = app.new_browser();
    let for_known = ask_for_reset(&browser, known).await;
    let for_unknown = ask_for_reset(&browser, "nobody@example.org").await;
    assert_eq!(for_known.status(), for_unknown.status());
    let answer = location(&for_known);
    assert_eq!(answer, location(&for_unknown));
    let known_body = for_known.text().await.expect("body");
    assert_eq!(known_body, for_unknown.text().await.expect("body"));
    let (_, page) = browser.get_text(&answer).await;
    assert!(page.contains("If an account has this address"), "{page}");

    sink.wait_for(known, 2).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(sink.messages_to("nobody@example.org").is_empty());
    assert_eq!(
        sink.messages().len(),
        2,
        "the confirmation and the one reset link"
    );
}

/// The demo account and two of the demo's proposals (id, reference), with its process.
fn demo_fixture(conn: &mut DbConnection, email: &str) -> (i64, i64, Vec<(i64, String)>) {
    use concord::db::schema::{accounts, proposals};
    let account: i64 = accounts::table
        .filter(accounts::email.eq(email))
        .select(accounts::id)
        .first(conn)
        .expect("the demo account");
    let rows: Vec<(i64, i64, Option<String>)> = proposals::table
        .filter(proposals::reference.is_not_null())
        .order(proposals::id)
        .limit(2)
        .select((proposals::id, proposals::process_id, proposals::reference))
        .load(conn)
        .expect("demo proposals");
    let process = rows[0].1;
    let listed = rows
        .into_iter()
        .map(|(id, _, reference)| (id, reference.unwrap_or_default()))
        .collect();
    (account, process, listed)
}

fn add_notification(
    conn: &mut DbConnection,
    account_id: i64,
    process_id: i64,
    proposal: i64,
    delivery: Delivery,
    at: chrono::NaiveDateTime,
) {
    notify(
        conn,
        &NewNotification {
            account_id,
            process_id,
            subject: Subject::Proposal {
                id: ProposalId(proposal),
                decision_id: None,
            },
            kind: NotificationKind::Decision,
            delivery,
            now: at,
        },
    )
    .expect("a notification");
}

async fn notifications_are_mailed_to_confirmed_addresses_only(backend: Backend) {
    let sink = SmtpSink::start();
    let Some(app) = app_with(backend, &sink, true).await else {
        return;
    };
    let confirmed = "stakeholder@demo.concord.example";
    let newcomer = "unconfirmed@example.org";
    app.participant(newcomer, "Uma Unconfirmed", "Unconfirmed NGO", "academia")
        .await;
    sink.wait_for(newcomer, 1).await;
    let (proposal_ref, stakeholder) = with_db(&app, move |conn| {
        let (stakeholder, process, listed) = demo_fixture(conn, confirmed);
        let (newcomer_id,): (i64,) = {
            use concord::db::schema::accounts;
            accounts::table
                .filter(accounts::email.eq(newcomer))
                .select((accounts::id,))
                .first(conn)
                .expect("the newcomer")
        };
        let now = concord::store::now();
        add_notification(
            conn,
            stakeholder,
            process,
            listed[0].0,
            Delivery::Immediate,
            now,
        );
        add_notification(
            conn,
            newcomer_id,
            process,
            listed[0].0,
            Delivery::Immediate,
            now,
        );
        (listed[0].1.clone(), stakeholder)
    })
    .await;
    let mail = sink.wait_for(confirmed, 1).await.remove(0);
    assert_eq!(
        mail.subject,
        format!("Concord: news of proposal {proposal_ref}")
    );
    assert!(mail.body.contains("A decision was made."), "{}", mail.body);
    let slug = proposal_ref.replace('/', "-");
    assert!(
        mail.body.contains(&format!("/proposals/{slug}")),
        "{}",
        mail.body
    );
    assert!(mail.body.contains(&format!("{}/account", app.address)));

    // The unconfirmed address got its confirmation link and nothing else, and the
    // notification passed over is not mailed later either.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(sink.messages_to(newcomer).len(), 1);
    let unmailed: i64 = with_db(&app, |conn| {
        use concord::db::schema::notifications::dsl::*;
        notifications
            .filter(mailed_at.is_null())
            .count()
            .get_result(conn)
            .expect("counted")
    })
    .await;
    assert_eq!(unmailed, 0);
    assert_eq!(
        sink.messages_to(confirmed).len(),
        1,
        "{stakeholder}: one mail"
    );
}

async fn a_digest_is_sent_once_across_a_restart(backend: Backend) {
    let sink = SmtpSink::start();
    let Some(first) = app_with(backend, &sink, true).await else {
        return;
    };
    let reader = "stakeholder@demo.concord.example";
    // One transaction, so that the sender (polling every second) never sees half a day.
    let (yesterday, references, before) = with_db(&first, move |conn| {
        conn.transaction::<_, diesel::result::Error, _>(|conn| Ok(yesterdays_digest(conn, reader)))
            .expect("the notifications written")
    })
    .await;
    let digest = sink.wait_for(reader, 1).await.remove(0);
    let day = yesterday.format("%Y-%m-%d").to_string();
    assert_eq!(
        digest.subject,
        format!("Concord: your daily digest of {day}")
    );
    assert!(
        digest
            .body
            .contains(&format!("Your notifications of {day} (2):")),
        "{}",
        digest.body
    );
    for reference in &references {
        assert!(
            digest.body.contains(reference.as_str()),
            "{reference}: {}",
            digest.body
        );
    }

    // A restart: the new instance finds the digest sent and sends nothing again.
    let url = sink.url();
    let second = first
        .another_instance(&[
            ("CONCORD_SMTP_URL", url.as_str()),
            ("CONCORD_MAIL_POLL_SECONDS", "1"),
        ])
        .await;
    drop(first);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(sink.messages_to(reader).len(), 1);

    // Even a sender that read the day's notifications as not yet mailed (as another instance
    // might, at the same moment) cannot write that digest again.
    with_db(&second, move |conn| {
        use concord::db::schema::notifications::dsl::*;
        diesel::update(
            notifications
                .filter(id.gt(before))
                .filter(created_at.lt(concord::store::now() - TimeDelta::hours(1))),
        )
        .set(mailed_at.eq(None::<chrono::NaiveDateTime>))
        .execute(conn)
        .expect("forgotten")
    })
    .await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(sink.messages_to(reader).len(), 1, "one digest, once");
    let digests: Vec<(Option<String>, bool)> = with_db(&second, |conn| {
        use concord::db::schema::outbox::dsl::*;
        outbox
            .filter(kind.eq("digest"))
            .select((dedupe_key, sent_at.is_not_null()))
            .load(conn)
            .expect("the outbox")
    })
    .await;
    assert_eq!(digests.len(), 1, "{digests:?}");
    assert!(digests[0].1, "sent");
    assert!(
        digests[0].0.as_deref().is_some_and(|k| k.ends_with(&day)),
        "{digests:?}"
    );
}

async fn a_message_left_unsent_is_sent_once_after_a_restart(backend: Backend) {
    // First no server answers: the message waits in the outbox.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let nowhere = format!("smtp://127.0.0.1:{closed}");
    let Some(first) = spawn_app_with(
        backend,
        &[
            ("CONCORD_SMTP_URL", nowhere.as_str()),
            ("CONCORD_MAIL_POLL_SECONDS", "1"),
        ],
        false,
    )
    .await
    else {
        return;
    };
    let email = "patient@example.org";
    first
        .participant(email, "Pat Patient", "Patient NGO", "academia")
        .await;
    let mut failed = (0, None);
    for _ in 0..100 {
        failed = with_db(&first, |conn| {
            use concord::db::schema::outbox::dsl::*;
            outbox
                .select((attempts, last_error))
                .first::<(i32, Option<String>)>(conn)
                .expect("the message")
        })
        .await;
        if failed.0 > 0 && failed.1.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(failed.0, 1, "one attempt, then it waits: {failed:?}");

    // Restarted with a server that answers, once the retry is due: sent, once.
    let sink = SmtpSink::start();
    let url = sink.url();
    let settings = [
        ("CONCORD_SMTP_URL", url.as_str()),
        ("CONCORD_MAIL_POLL_SECONDS", "1"),
    ];
    let second = first.another_instance(&settings).await;
    drop(first);
    with_db(&second, |conn| {
        use concord::db::schema::outbox::dsl::*;
        diesel::update(outbox)
            .set(claimed_until.eq(Some(concord::store::now() - TimeDelta::seconds(1))))
            .execute(conn)
            .expect("due now")
    })
    .await;
    let mail = sink.wait_for(email, 1).await.remove(0);
    assert!(mail.body.contains("/account/confirm/"));
    let third = second.another_instance(&settings).await;
    drop(second);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(sink.messages_to(email).len(), 1, "never twice");
    let (tries, sent): (i32, bool) = with_db(&third, |conn| {
        use concord::db::schema::outbox::dsl::*;
        outbox
            .select((attempts, sent_at.is_not_null()))
            .first(conn)
            .expect("the message")
    })
    .await;
    assert_eq!((tries, sent), (2, true));
}

async fn without_a_server_messages_are_written_beside_the_database(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], false).await else {
        return;
    };
    let email = "offline@example.org";
    app.participant(email, "Olu Offline", "Offline NGO", "academia")
        .await;
    let url = concord::config::DatabaseUrl::parse(&app.database_url).expect("its URL");
    let folder = concord::mail::outbox_folder(&url);
    if let concord::config::DatabaseUrl::Sqlite(path) = &url {
        assert_eq!(
            folder,
            std::path::PathBuf::from(format!("{}.outbox", path.display()))
        );
    }
    let mut written = Vec::new();
    for _ in 0..100 {
        written = std::fs::read_dir(&folder)
            .map(|dir| {
                dir.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        if !written.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(written.len(), 1, "one message in {}", folder.display());
    let message = std::fs::read_to_string(&written[0]).expect("the message");
    assert!(message.contains(&format!("To: {email}")), "{message}");
    assert!(message.contains("Subject: Confirm your email address for Concord"));
    assert!(message.contains("/account/confirm/"), "{message}");
    let _ = std::fs::remove_dir_all(&folder);
}

async fn a_day_cut_by_a_full_round_goes_whole_in_the_next(backend: Backend) {
    // The sender waits an hour between rounds: this test runs them itself.
    let Some(app) = spawn_app_with(backend, &[("CONCORD_MAIL_POLL_SECONDS", "3600")], true).await
    else {
        return;
    };
    // Let the sender's first round pass.
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let public = app.address.clone();
    let (first_round, second_round, bodies) = with_db(&app, move |conn| {
        use concord::db::schema::{accounts, outbox};
        let readers: Vec<i64> = accounts::table
            .order(accounts::id)
            .limit(2)
            .select(accounts::id)
            .load(conn)
            .expect("two demo accounts");
        let (_, process, listed) = demo_fixture(conn, "stakeholder@demo.concord.example");
        let yesterday = concord::store::now() - TimeDelta::days(1);
        // 499 for the first reader and 2 for the second: a round of 500 takes the second's
        // first one only.
        for _ in 0..499 {
            add_notification(
                conn,
                readers[0],
                process,
                listed[0].0,
                Delivery::DailyDigest,
                yesterday,
            );
        }
        for (proposal, _) in &listed {
            add_notification(
                conn,
                readers[1],
                process,
                *proposal,
                Delivery::DailyDigest,
                yesterday,
            );
        }
        let first = concord::app::mail::queue_notifications(conn, &public).expect("a round");
        let second = concord::app::mail::queue_notifications(conn, &public).expect("a round");
        let bodies: Vec<(Option<i64>, String)> = outbox::table
            .filter(outbox::kind.eq("digest"))
            .order(outbox::id)
            .select((outbox::account_id, outbox::body_text))
            .load(conn)
            .expect("the digests");
        let bodies = bodies
            .into_iter()
            .map(|(account, body)| {
                assert!(account.is_some());
                (account.unwrap_or_default() == readers[1], body)
            })
            .collect::<Vec<_>>();
        (first, second, bodies)
    })
    .await;
    assert_eq!((first_round, second_round), (1, 1), "one digest a round");
    assert_eq!(bodies.len(), 2);
    assert!(
        !bodies[0].0 && bodies[1].0,
        "the first reader's, then the second's"
    );
    assert!(bodies[0].1.contains("(499):"), "{}", &bodies[0].1[..300]);
    assert!(
        bodies[1].1.contains("(2):"),
        "the second reader's day whole: {}",
        bodies[1].1
    );
}

/// A day-old digest of the demo's listed proposals for `reader`, and one notification of
/// today that waits for tomorrow's: (yesterday, the proposals' references, the last id before).
fn yesterdays_digest(
    conn: &mut concord::db::DbConnection,
    reader: &str,
) -> (chrono::NaiveDate, Vec<String>, i64) {
    let (account, process, listed) = demo_fixture(conn, reader);
    // The demo's own notifications come before these.
    let before: i64 = {
        use concord::db::schema::notifications::dsl::*;
        notifications
            .select(diesel::dsl::max(id))
            .first::<Option<i64>>(conn)
            .expect("the last id")
            .unwrap_or(0)
    };
    let yesterday = concord::store::now() - TimeDelta::days(1);
    for (proposal, _) in &listed {
        add_notification(
            conn,
            account,
            process,
            *proposal,
            Delivery::DailyDigest,
            yesterday,
        );
    }
    // Today's waits for tomorrow's digest.
    let now = concord::store::now();
    add_notification(
        conn,
        account,
        process,
        listed[0].0,
        Delivery::DailyDigest,
        now,
    );
    let references: Vec<String> = listed.into_iter().map(|(_, r)| r).collect();
    (yesterday.date(), references, before)
}
