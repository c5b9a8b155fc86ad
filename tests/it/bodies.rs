//! Request bodies cost the server only what their limits allow (`src/web/bodies.rs`,
//! `src/web/forms.rs`): a visitor without a session is answered before their body is read,
//! on every route that needs one (driven by the matrix's route list), but for the forms that
//! carry a person's writing, read only up to their text to give it back; long part names, many
//! empty parts and huge bodies are refused (413) once past their limit, without the rest
//! being read; a trickled body is refused at its deadline (408); and concurrent oversized
//! bodies leave the server's resident memory within a stated bound.
//!
//! The bodies are written by a bare HTTP client (`raw`) that generates them as it writes, so
//! what grows in this process (where the test server runs) is the server's share.

mod raw;

use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, TestApp, csrf_of, spawn_app, spawn_app_with};
use crate::matrix::Who;
use crate::matrix::table::{Body, Out, rows};
use crate::on_both_backends;
use raw::{Generated, exchange, resident_bytes};

on_both_backends!(
    every_route_needing_a_session_answers_before_its_body,
    long_names_and_many_empty_parts_are_refused,
    huge_bodies_are_refused_without_being_read,
    a_trickled_body_is_refused_at_its_deadline,
    concurrent_oversized_bodies_leave_memory_bounded,
    a_signed_out_writing_form_is_read_only_up_to_its_text,
);

/// These tests measure what the server holds and how much of a body it reads: one at a time,
/// so that one's bodies do not count in another's figures.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const BOUNDARY: &str = "concordboundary";
const MB: u64 = 1024 * 1024;

/// How much of a refused body may have been written by the time the answer comes: the
/// server's own limit (2 MB of text) plus what the sockets' buffers take in meanwhile.
const READ_AT_MOST: u64 = 32 * MB;

/// The bound on the growth of this process's resident memory while 8 oversized bodies are
/// sent at once. Without limits on names and parts, each of them grew it by its full size.
const MEMORY_BOUND: u64 = 64 * MB;

/// A process `bod` and a stakeholder of it: their session cookie and a CSRF token.
async fn stakeholder(app: &TestApp) -> (Browser, String, String) {
    let admin = app.first_administrator("admin@example.org").await;
    assert_eq!(
        app.create_process(&admin, "bod").await.status(),
        StatusCode::SEE_OTHER
    );
    let author = app
        .accredited(
            "bod",
            "author@example.org",
            "Amal Author",
            "Forum",
            "civil-society",
        )
        .await;
    let (_, page) = author.get_text("/p/bod/contributions/new").await;
    let token = csrf_of(&page);
    let session = author.cookie("concord_session").expect("a session");
    (author, session, token)
}

/// The head of a POST: its line, the cookie, the content type and, when given, the length
/// (else the body is chunked).
fn head(path: &str, cookie: &str, content_type: &str, length: Option<u64>) -> Vec<String> {
    let mut lines = vec![
        format!("POST {path} HTTP/1.1"),
        format!("Cookie: {cookie}"),
        format!("Content-Type: {content_type}"),
    ];
    lines.push(match length {
        Some(n) => format!("Content-Length: {n}"),
        None => "Transfer-Encoding: chunked".to_string(),
    });
    lines
}

fn multipart_type() -> String {
    format!("multipart/form-data; boundary={BOUNDARY}")
}

/// `times` parts named `name`, each with an empty value.
fn empty_parts(name: &str, times: u64) -> Generated {
    Generated {
        prefix: Vec::new(),
        unit: format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n\r\n"
        )
        .into_bytes(),
        times,
        suffix: format!("--{BOUNDARY}--\r\n").into_bytes(),
    }
}

/// `body` sent in chunks (no declared length): each piece of it framed as a chunk.
fn chunked(body: Generated) -> Generated {
    let framed = |bytes: &[u8]| {
        let mut out = format!("{:x}\r\n", bytes.len()).into_bytes();
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
        out
    };
    let mut suffix = if body.suffix.is_empty() {
        Vec::new()
    } else {
        framed(&body.suffix)
    };
    suffix.extend_from_slice(b"0\r\n\r\n");
    Generated {
        prefix: if body.prefix.is_empty() {
            Vec::new()
        } else {
            framed(&body.prefix)
        },
        unit: framed(&body.unit),
        times: body.times,
        suffix,
    }
}

/// One text part of `size` bytes, sent in chunks.
fn chunked_text_part(size: u64) -> Generated {
    let chunk = 65_536u64;
    chunked(Generated {
        prefix: format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n")
            .into_bytes(),
        unit: vec![b'a'; chunk as usize],
        times: size / chunk,
        suffix: format!("\r\n--{BOUNDARY}--\r\n").into_bytes(),
    })
}

fn nothing() -> Generated {
    Generated {
        prefix: Vec::new(),
        unit: Vec::new(),
        times: 0,
        suffix: Vec::new(),
    }
}

const QUICK: Duration = Duration::from_secs(5);

/// How long a client goes on writing after a refusal, to see whether the server reads on:
/// it closes the connection after a linger of 1 s (`client_disconnect_timeout`).
const WATCH: Duration = Duration::from_secs(3);

async fn every_route_needing_a_session_answers_before_its_body(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let _one = ONE_AT_A_TIME.lock().await;
    // A visitor with only the pre-session cookie and its valid token, as in the finding.
    let visitor = app.new_browser();
    let (_, page) = visitor.get_text("/login").await;
    let token = csrf_of(&page);
    let cookie = format!(
        "concord_pre={}",
        visitor.cookie("concord_pre").expect("a pre-session cookie")
    );
    let mut checked = 0;
    let mut wrong = Vec::new();
    for row in rows() {
        let pattern = row.route.trim_start_matches("POST ");
        let expected = match row.anon {
            _ if row.method() != "POST" || row.allows(Who::Anonymous) => continue,
            // The forms that carry a person's writing read it to give it back (`web::keep`,
            // bounded: tests/it/keep.rs).
            _ if concord::web::keep::form_of(pattern).is_some() => continue,
            Out::Login => 303,
            Out::S(401) => 401,
            _ => continue,
        };
        // The ids do not matter: the answer comes before anything is looked up.
        let path = placeholders_to_ones(row.url);
        let (lines, body) = match row.body {
            Body::Multipart(_) => (
                head(
                    &format!("{path}?csrf_token={token}"),
                    &cookie,
                    &multipart_type(),
                    Some(50 * MB),
                ),
                nothing(),
            ),
            _ => (
                head(
                    &path,
                    &cookie,
                    "application/x-www-form-urlencoded",
                    Some(MB),
                ),
                Generated {
                    prefix: format!("csrf_token={token}&").into_bytes(),
                    ..nothing()
                },
            ),
        };
        let answer = exchange(
            &app.address,
            &lines,
            body,
            Duration::ZERO,
            QUICK,
            Duration::ZERO,
        )
        .await;
        checked += 1;
        if answer.status != Some(expected) {
            wrong.push(format!(
                "{}: {:?} instead of {expected} before the body",
                row.route, answer.status
            ));
        }
    }
    assert!(checked >= 21, "only {checked} routes need a session?");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn placeholders_to_ones(url: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in url.chars() {
        match c {
            '{' => {
                inside = true;
                out.push('1');
            }
            '}' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

async fn long_names_and_many_empty_parts_are_refused(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (author, session, token) = stakeholder(&app).await;
    let _one = ONE_AT_A_TIME.lock().await;
    let path = format!("/p/bod/contributions/new?csrf_token={token}");
    let cookie = format!("concord_session={session}");
    // In chunks, with no declared length to refuse them by, and more than the server could
    // read in its linger: only its limits on names and parts stop them.
    for (what, body) in [
        // A million parts with 8 kB names and empty values: 8 GB of names.
        (
            "8 kB names",
            chunked(empty_parts(&"n".repeat(8 * 1024), 1_000_000)),
        ),
        // A hundred million empty parts: 5.5 GB of nothing but parts.
        ("empty parts", chunked(empty_parts("a", 100_000_000))),
    ] {
        let total = body.len();
        let lines = head(&path, &cookie, &multipart_type(), None);
        let answer = exchange(&app.address, &lines, body, Duration::ZERO, QUICK * 4, WATCH).await;
        assert_eq!(answer.status, Some(413), "{what}: {}", answer.head);
        assert!(
            answer.closed_after_answer,
            "{what}: the server read on after its answer ({} bytes in {WATCH:?})",
            answer.taken_after_answer
        );
        assert!(
            answer.body_bytes_sent < READ_AT_MOST,
            "{what}: {} of {total} bytes were taken in before the answer",
            answer.body_bytes_sent
        );
    }
    // The author can still write, and nothing was saved.
    let (status, page) = author.get_text("/p/bod/contributions").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("/contributions/drafts/"));
}

async fn huge_bodies_are_refused_without_being_read(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_author, session, token) = stakeholder(&app).await;
    let _one = ONE_AT_A_TIME.lock().await;
    let cookie = format!("concord_session={session}");
    // A declared gigabyte: answered before any of it is sent.
    for (path, content_type) in [
        (
            format!("/p/bod/contributions/new?csrf_token={token}"),
            multipart_type(),
        ),
        (
            "/account/notifications".to_string(),
            "application/x-www-form-urlencoded".to_string(),
        ),
    ] {
        let lines = head(&path, &cookie, &content_type, Some(1024 * MB));
        let answer = exchange(
            &app.address,
            &lines,
            nothing(),
            Duration::ZERO,
            QUICK,
            Duration::ZERO,
        )
        .await;
        assert_eq!(answer.status, Some(413), "{path}: {}", answer.head);
        assert_eq!(answer.body_bytes_sent, 0);
    }
    // 64 GB in chunks, no length declared: refused once past the text limit, and the
    // connection closed rather than the rest read.
    let path = format!("/p/bod/contributions/new?csrf_token={token}");
    let lines = head(&path, &cookie, &multipart_type(), None);
    let answer = exchange(
        &app.address,
        &lines,
        // More than it could drain in `WATCH`: a server reading on would not close in time.
        chunked_text_part(64 * 1024 * MB),
        Duration::ZERO,
        QUICK * 4,
        WATCH,
    )
    .await;
    assert_eq!(answer.status, Some(413), "{}", answer.head);
    assert!(
        answer.closed_after_answer,
        "the server read on after its answer ({} bytes in {WATCH:?})",
        answer.taken_after_answer
    );
    assert!(
        answer.body_bytes_sent < READ_AT_MOST,
        "{} bytes taken in before the answer",
        answer.body_bytes_sent
    );
}

async fn a_trickled_body_is_refused_at_its_deadline(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[("CONCORD_BODY_SECONDS", "2")], false).await else {
        return;
    };
    let (_author, session, token) = stakeholder(&app).await;
    let _one = ONE_AT_A_TIME.lock().await;
    let visitor = app.new_browser();
    let (_, page) = visitor.get_text("/login").await;
    let login_token = csrf_of(&page);
    let pre = format!(
        "concord_pre={}",
        visitor.cookie("concord_pre").expect("a pre-session cookie")
    );
    let trickle = |prefix: String| Generated {
        prefix: prefix.into_bytes(),
        unit: b"a".to_vec(),
        times: 1_000,
        suffix: Vec::new(),
    };
    for (what, lines, body) in [
        (
            "sign-in form, anonymous",
            head(
                "/login",
                &pre,
                "application/x-www-form-urlencoded",
                Some(2_000),
            ),
            trickle(format!("csrf_token={login_token}&email=")),
        ),
        (
            "contribution form, signed in",
            head(
                &format!("/p/bod/contributions/new?csrf_token={token}"),
                &format!("concord_session={session}"),
                &multipart_type(),
                Some(2_000),
            ),
            trickle(format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\n"
            )),
        ),
    ] {
        let started = Instant::now();
        let answer = exchange(
            &app.address,
            &lines,
            body,
            Duration::from_millis(100),
            Duration::from_secs(10),
            Duration::ZERO,
        )
        .await;
        let took = started.elapsed();
        assert_eq!(answer.status, Some(408), "{what}: {}", answer.head);
        assert!(
            took >= Duration::from_millis(1_500) && took < Duration::from_secs(6),
            "{what}: answered after {took:?}"
        );
    }
}

async fn concurrent_oversized_bodies_leave_memory_bounded(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_author, session, token) = stakeholder(&app).await;
    let _one = ONE_AT_A_TIME.lock().await;
    let path = format!("/p/bod/contributions/new?csrf_token={token}");
    let cookie = format!("concord_session={session}");
    let before = resident_bytes();
    let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(before));
    let watching = {
        let peak = peak.clone();
        tokio::spawn(async move {
            loop {
                peak.fetch_max(resident_bytes(), std::sync::atomic::Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        })
    };
    // Eight bodies of about 200 MB at once: a declared 200 MB, 8 kB names, empty parts, and
    // 200 MB in chunks, two of each.
    let mut sending = Vec::new();
    for i in 0..8u64 {
        let (length, body) = match i % 4 {
            0 => (Some(200 * MB), chunked_text_part(0)),
            1 => {
                let body = empty_parts(&"n".repeat(8 * 1024), 12_000);
                (Some(body.len()), body)
            }
            2 => (None, chunked(empty_parts("a", 4_000_000))),
            _ => (None, chunked_text_part(200 * MB)),
        };
        let lines = head(&path, &cookie, &multipart_type(), length);
        let address = app.address.clone();
        sending.push(tokio::spawn(async move {
            exchange(
                &address,
                &lines,
                body,
                Duration::ZERO,
                QUICK * 6,
                Duration::ZERO,
            )
            .await
        }));
    }
    for sent in sending {
        let answer = sent.await.expect("sent");
        assert_eq!(answer.status, Some(413), "{}", answer.head);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    watching.abort();
    let grown = peak
        .load(std::sync::atomic::Ordering::SeqCst)
        .saturating_sub(before);
    eprintln!(
        "bodies ({backend:?}): 8 oversized bodies at once grew resident memory by {} MB at most",
        grown / MB
    );
    assert!(
        grown < MEMORY_BOUND,
        "resident memory grew by {} MB (bound {} MB)",
        grown / MB,
        MEMORY_BOUND / MB
    );
}

/// A contribution sent without a session, its text first and then a declared 64 GB of
/// attachment: the text comes back (`web::keep`, 401) once the text budget is read, the
/// files dropped, and the rest is not read.
async fn a_signed_out_writing_form_is_read_only_up_to_its_text(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let _one = ONE_AT_A_TIME.lock().await;
    let visitor = app.new_browser();
    let (_, page) = visitor.get_text("/login").await;
    let token = csrf_of(&page);
    let cookie = format!(
        "concord_pre={}",
        visitor.cookie("concord_pre").expect("a pre-session cookie")
    );
    let text_parts = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nKept title\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nKept body\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"big.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    );
    let body = Generated {
        prefix: text_parts.into_bytes(),
        unit: vec![b'%'; 65_536],
        // More than it could drain in `WATCH`: a server reading on would not close in time.
        times: 1024 * 1024,
        suffix: format!("\r\n--{BOUNDARY}--\r\n").into_bytes(),
    };
    let lines = head(
        &format!("/p/bod/contributions/new?csrf_token={token}"),
        &cookie,
        &multipart_type(),
        Some(body.len()),
    );
    let answer = exchange(&app.address, &lines, body, Duration::ZERO, QUICK * 4, WATCH).await;
    assert_eq!(answer.status, Some(401), "{}", answer.head);
    assert!(
        answer.body_bytes_sent < READ_AT_MOST,
        "{} bytes taken in before the answer",
        answer.body_bytes_sent
    );
    assert!(
        answer.closed_after_answer,
        "the server read on after its answer ({} bytes in {WATCH:?})",
        answer.taken_after_answer
    );
}
