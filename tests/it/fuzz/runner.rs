//! Runs the table of forms: draws each form's cases from its own seeded runner, sends them
//! as a browser would (a fresh CSRF token each time), and collects every 5xx, unreadable
//! answer or silence with the input that caused it. It knows nothing of any one form.

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use reqwest::multipart::{Form, Part};
use reqwest::{RequestBuilder, Response, StatusCode};

use super::base::Base;
use super::requests::{Body, Case, PartSpec};
use crate::helpers::{Backend, Browser, TestApp, csrf_of};

/// The number of cases a row's `cases` stands for; `CONCORD_FUZZ_CASES` scales them all.
pub(super) const DEFAULT_CASES: u32 = 14;

/// A row of the table: a form, who uses it, how its cases are drawn, and, when the form has
/// one, a valid use of it to change one field at a time.
pub(super) struct FormSpec<'a> {
    pub(super) name: &'static str,
    pub(super) browser: &'a Browser,
    pub(super) cases: u32,
    pub(super) strategy: BoxedStrategy<Case>,
    pub(super) base: Option<Base>,
}

/// A row without a valid use.
pub(super) fn form<'a>(
    name: &'static str,
    browser: &'a Browser,
    cases: u32,
    strategy: BoxedStrategy<Case>,
) -> FormSpec<'a> {
    FormSpec {
        name,
        browser,
        cases,
        strategy,
        base: None,
    }
}

impl FormSpec<'_> {
    /// The row with a valid use, which its cases also mutate and push through the edges.
    pub(super) fn based_on(mut self, base: Base) -> Self {
        self.base = Some(base);
        self
    }
}

fn seed_name() -> String {
    std::env::var("CONCORD_FUZZ_SEED").unwrap_or_else(|_| "concord".to_string())
}

/// 32 bytes of seed from a name (and `CONCORD_FUZZ_SEED`), so every form has its own,
/// fixed sequence of cases.
fn seed(name: &str) -> [u8; 32] {
    let base = seed_name();
    let mut out = [0u8; 32];
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, byte) in base
        .bytes()
        .chain(name.bytes())
        .cycle()
        .take(256)
        .enumerate()
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        out[i % 32] ^= (hash >> 24) as u8;
    }
    out
}

fn cases_per_form() -> u32 {
    std::env::var("CONCORD_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// The cases of one form, from its own deterministic runner, then its valid use through
/// every edge value.
pub(super) fn generate(spec: &FormSpec<'_>) -> Vec<Case> {
    let cases = spec.cases * cases_per_form() / DEFAULT_CASES;
    let strategy = match &spec.base {
        Some(base) => prop_oneof![spec.strategy.clone(), base.clone().mutated()].boxed(),
        None => spec.strategy.clone(),
    };
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed(spec.name)),
    );
    let mut drawn: Vec<Case> = (0..cases.max(1))
        .map(|_| strategy.new_tree(&mut runner).expect("a case").current())
        .collect();
    drawn.extend(spec.base.as_ref().map(Base::edges).unwrap_or_default());
    drawn
}

/// Sends every row's cases in the table's order; returns the failures and the number of
/// cases sent. Panics as soon as `/livez` stops answering, naming the form.
pub(super) async fn run(
    app: &TestApp,
    backend: Backend,
    forms: &[FormSpec<'_>],
) -> (Vec<String>, usize) {
    let mut failures: Vec<String> = Vec::new();
    let mut sent = 0usize;
    for form in forms {
        let cases = generate(form);
        let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
        for (i, case) in cases.iter().enumerate() {
            sent += 1;
            match send(form.browser, case).await {
                Ok(status) => *statuses.entry(status.as_u16()).or_default() += 1,
                Err(problem) => failures.push(format!(
                    "{} case {i} (seed {:?}): {problem}\n    input: {}",
                    form.name,
                    seed_name(),
                    case.describe()
                )),
            }
        }
        eprintln!("fuzz ({backend:?}) {}: {statuses:?}", form.name);
        assert!(
            alive(app).await,
            "/livez answers after the form {}; failures so far:\n{}",
            form.name,
            failures.join("\n")
        );
    }
    (failures, sent)
}

/// Sends one case with the browser's current CSRF token, as a browser would (in the body of
/// an URL-encoded form, in the query of a multipart one).
async fn send(browser: &Browser, case: &Case) -> Result<StatusCode, String> {
    let (status, home) = browser.get_text("/").await;
    if status != StatusCode::OK {
        return Err(format!("the home page answered {status}"));
    }
    let token = csrf_of(&home);
    match request(browser, case, &token).send().await {
        Ok(response) => answer(response, case).await,
        Err(e) => Err(format!("no answer: {e}")),
    }
}

fn request(browser: &Browser, case: &Case, token: &str) -> RequestBuilder {
    let separator = if case.path.contains('?') { '&' } else { '?' };
    let with_token = || browser.url(&format!("{}{separator}csrf_token={token}", case.path));
    match &case.body {
        Body::Form(pairs) => {
            let mut body = form_urlencoded::Serializer::new(String::new());
            body.append_pair("csrf_token", token);
            for (k, v) in pairs {
                body.append_pair(k, v);
            }
            browser
                .client
                .post(browser.url(&case.path))
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(body.finish())
        }
        Body::Multipart(parts) => browser
            .client
            .post(with_token())
            .multipart(multipart(parts)),
        Body::Raw {
            content_type,
            bytes,
        } => browser
            .client
            .post(with_token())
            .header(reqwest::header::CONTENT_TYPE, content_type.as_str())
            .body(bytes.clone()),
    }
}

/// The parts as reqwest sends them; a file whose MIME type reqwest refuses goes without one.
fn multipart(parts: &[PartSpec]) -> Form {
    let mut form = Form::new();
    for part in parts {
        form = match part {
            PartSpec::Text(k, v) => form.text(k.clone(), v.clone()),
            PartSpec::File {
                field,
                name,
                mime,
                bytes,
            } => {
                let file = Part::bytes(bytes.clone()).file_name(name.clone());
                let file = file
                    .mime_str(mime)
                    .unwrap_or_else(|_| Part::bytes(bytes.clone()).file_name(name.clone()));
                form.part(field.clone(), file)
            }
        };
    }
    form
}

/// The status, unless it is a 5xx or the body cannot be read to its end.
async fn answer(response: Response, case: &Case) -> Result<StatusCode, String> {
    let status = response.status();
    if status.is_server_error() {
        let body = response.text().await.unwrap_or_default();
        return Err(format!(
            "{status}: {}",
            body.chars().take(300).collect::<String>()
        ));
    }
    // Read the whole answer: a panic half-way through a body shows here.
    let body = response
        .bytes()
        .await
        .map_err(|e| format!("{status} with an unreadable body: {e}"))?;
    if std::env::var_os("CONCORD_FUZZ_VERBOSE").is_some() {
        let text = String::from_utf8_lossy(&body);
        let said = text
            .split("<main")
            .nth(1)
            .unwrap_or(&text)
            .chars()
            .take(400)
            .collect::<String>();
        eprintln!("{status} {}\n    {said:?}", case.describe());
    }
    Ok(status)
}

pub(super) async fn alive(app: &TestApp) -> bool {
    let client = crate::helpers::bare_client();
    matches!(
        client.get(format!("{}/livez", app.address)).send().await,
        Ok(r) if r.status() == StatusCode::OK
    )
}
