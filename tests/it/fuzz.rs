//! Property tests that fuzz every form: random and hostile values (Unicode, huge texts,
//! control characters, numbers that overflow, wrong types), missing, duplicated and unknown
//! fields, random path segments, and malformed multipart bodies, posted with a valid CSRF
//! token by someone allowed to use the form. Whatever comes in, the server answers with
//! something other than a 5xx and keeps answering `/livez`.
//!
//! proptest drives the values: one `TestRunner` per form with a seed derived from the form's
//! name (or `CONCORD_FUZZ_SEED`), so a failure reproduces; the cases are generated first and
//! then sent over HTTP, since the server runs on the test's own runtime. Every failure is
//! collected and printed with the input that caused it. `CONCORD_FUZZ_CASES` changes the
//! number of cases per form.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

use crate::helpers::{
    Backend, Browser, PASSWORD, TestApp, csrf_of, location, spawn_app_with, with_db,
};
use crate::on_both_backends;

on_both_backends!(every_form_survives_random_and_hostile_input);

const DEMO_PASSWORD: &str = "concord-demo-2018";
const DEFAULT_CASES: u32 = 14;

// ---------------------------------------------------------------------------------------------
// Values.

const CORPUS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{7*7}}",
    "<style>*{display:none}</style>",
    "\u{202E}evil\u{202C}",
    "\u{0}",
    "a\u{0}b",
    "\u{FEFF}\u{200B}",
    "\u{FFFF}\u{FFFE}",
    "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
    "مرحبا بالعالم",
    "移民",
    "'; DROP TABLE accounts; --",
    "' OR '1'='1",
    "%00",
    "%",
    "_%_",
    "\\",
    "\r\n\r\n",
    "\r",
    "=HYPERLINK(\"http://evil.example\")",
    "../../etc/passwd",
    "a@b.c",
    "admin@demo.concord.example",
    "GCM/CP/0001",
    "GCM-WC-0001",
    "proposal:1",
    "summary:abc",
    "paragraph",
    "heading",
    "measure",
    "accept",
    "request-revision",
    "merge",
    "duplicate",
    "2018-02-30T25:61",
    "9999-12-31T23:59",
    "0000-01-01T00:00",
    "2030-01-01",
    "Europe/Zurich",
    "Mars/Olympus_Mons",
    "true",
    "on",
    "null",
    "[]",
    "{}",
    " ",
];

const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "2",
    "7",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "inf",
    "1.5",
    "0x10",
    " 1 ",
    "+1",
    "01",
    "",
];

/// A number as text: a known edge, or any 64-bit integer.
fn number() -> BoxedStrategy<String> {
    prop_oneof![
        3 => prop::sample::select(NUMBERS).prop_map(str::to_string),
        1 => any::<i64>().prop_map(|n| n.to_string()),
    ]
    .boxed()
}

/// A huge value: a character (some of them multi-byte or markup) repeated many times.
fn huge() -> BoxedStrategy<String> {
    (
        prop::sample::select(vec!["a", "é", "移", "<", "\u{202E}", "%", "\n", "𝕏", " "]),
        5_000usize..60_000,
    )
        .prop_map(|(c, n)| c.repeat(n))
        .boxed()
}

/// Any value a field might receive.
fn value() -> BoxedStrategy<String> {
    prop_oneof![
        2 => any::<String>(),
        3 => "\\PC{0,60}",
        2 => "[ -~]{0,40}",
        3 => prop::sample::select(CORPUS).prop_map(str::to_string),
        2 => number(),
        1 => huge(),
        1 => Just(String::new()),
        1 => "[\\x00-\\x1f\\x7f]{1,4}",
    ]
    .boxed()
}

/// A value that is often one of the form's meaningful ones, otherwise anything.
fn good_or_any(good: &[&'static str]) -> BoxedStrategy<String> {
    let good: Vec<&'static str> = good.to_vec();
    prop_oneof![
        1 => prop::sample::select(good).prop_map(str::to_string),
        1 => value(),
    ]
    .boxed()
}

/// A path segment: a real one most of the time, otherwise noise (URL-encoded).
fn segment(real: Vec<String>) -> BoxedStrategy<String> {
    let noise = prop_oneof![number(), any::<String>(), "[a-zA-Z0-9/._-]{1,30}"]
        .prop_map(|s| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>())
        .prop_filter("a segment", |s| !s.is_empty());
    if real.is_empty() {
        noise.boxed()
    } else {
        prop_oneof![3 => prop::sample::select(real), 1 => noise].boxed()
    }
}

/// One field of a form: its name and how its value is drawn.
#[derive(Clone)]
struct FieldSpec {
    name: &'static str,
    value: BoxedStrategy<String>,
}

fn field(name: &'static str, value: BoxedStrategy<String>) -> FieldSpec {
    FieldSpec { name, value }
}

fn any_field(name: &'static str) -> FieldSpec {
    field(name, value())
}

/// The pairs of a form: each field present (maybe twice) or missing, plus unknown fields.
fn pairs(fields: Vec<FieldSpec>) -> BoxedStrategy<Vec<(String, String)>> {
    let each: Vec<BoxedStrategy<Vec<(String, String)>>> = fields
        .into_iter()
        .map(|f| {
            let name = f.name;
            prop_oneof![
                30 => f.value.clone().prop_map(move |v| vec![(name.to_string(), v)]),
                1 => Just(Vec::new()),
                1 => (f.value.clone(), f.value).prop_map(move |(a, b)| vec![
                    (name.to_string(), a),
                    (name.to_string(), b)
                ]),
            ]
            .boxed()
        })
        .collect();
    let extra = prop::collection::vec(("[a-z_\\[\\]]{1,12}", value()), 0..3);
    (each, extra)
        .prop_map(|(each, extra)| each.into_iter().flatten().chain(extra).collect())
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Requests.

/// One part of a multipart body.
#[derive(Debug, Clone)]
enum PartSpec {
    Text(String, String),
    File {
        field: String,
        name: String,
        mime: String,
        bytes: Vec<u8>,
    },
}

#[derive(Debug, Clone)]
enum Body {
    Form(Vec<(String, String)>),
    Multipart(Vec<PartSpec>),
    Raw {
        content_type: String,
        bytes: Vec<u8>,
    },
}

#[derive(Debug, Clone)]
struct Case {
    path: String,
    body: Body,
}

impl Case {
    /// The case as a person can read it in a failure report (long values cut).
    fn describe(&self) -> String {
        fn cut(s: &str) -> String {
            if s.chars().count() > 120 {
                format!(
                    "{:?}… ({} chars)",
                    s.chars().take(120).collect::<String>(),
                    s.chars().count()
                )
            } else {
                format!("{s:?}")
            }
        }
        let body = match &self.body {
            Body::Form(pairs) => pairs
                .iter()
                .map(|(k, v)| format!("{}={}", cut(k), cut(v)))
                .collect::<Vec<_>>()
                .join(", "),
            Body::Multipart(parts) => parts
                .iter()
                .map(|p| match p {
                    PartSpec::Text(k, v) => format!("{}={}", cut(k), cut(v)),
                    PartSpec::File {
                        field,
                        name,
                        mime,
                        bytes,
                    } => format!(
                        "{} <file {} {} {} bytes>",
                        cut(field),
                        cut(name),
                        cut(mime),
                        bytes.len()
                    ),
                })
                .collect::<Vec<_>>()
                .join(", "),
            Body::Raw {
                content_type,
                bytes,
            } => format!(
                "raw {content_type}: {}",
                cut(&String::from_utf8_lossy(bytes))
            ),
        };
        format!("POST {} [{body}]", cut(&self.path))
    }
}

fn form_case(path: BoxedStrategy<String>, fields: Vec<FieldSpec>) -> BoxedStrategy<Case> {
    (path, pairs(fields))
        .prop_map(|(path, pairs)| Case {
            path,
            body: Body::Form(pairs),
        })
        .boxed()
}

fn fixed(path: &str) -> BoxedStrategy<String> {
    Just(path.to_string()).boxed()
}

/// A multipart body: text fields, files with odd names and contents.
fn multipart_case(path: BoxedStrategy<String>, fields: Vec<FieldSpec>) -> BoxedStrategy<Case> {
    let file = (
        prop_oneof![Just("attachments".to_string()), "[a-z]{1,8}"],
        prop_oneof![
            any::<String>(),
            prop::sample::select(CORPUS).prop_map(|s| format!("{s}.pdf")),
            Just(String::new()),
            Just("../../etc/passwd".to_string()),
            "[a-z]{1,300}\\.pdf",
        ],
        prop_oneof![
            Just("application/pdf".to_string()),
            Just("text/html".to_string()),
            "[ -~]{0,20}",
        ],
        prop_oneof![
            Just(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec()),
            prop::collection::vec(any::<u8>(), 0..2_000),
            Just(Vec::new()),
            (1usize..3_000_000).prop_map(|n| {
                let mut bytes = b"%PDF-1.4\n".to_vec();
                bytes.resize(n, b'x');
                bytes.extend_from_slice(b"\n%%EOF\n");
                bytes
            }),
        ],
    )
        .prop_map(|(field, name, mime, bytes)| PartSpec::File {
            field,
            name,
            mime,
            bytes,
        });
    (path, pairs(fields), prop::collection::vec(file, 0..3))
        .prop_map(|(path, pairs, files)| Case {
            path,
            body: Body::Multipart(
                pairs
                    .into_iter()
                    .map(|(k, v)| PartSpec::Text(k, v))
                    .chain(files)
                    .collect(),
            ),
        })
        .boxed()
}

/// Bodies that claim to be multipart and are not quite.
fn malformed_multipart_case(path: BoxedStrategy<String>) -> BoxedStrategy<Case> {
    let raw = prop_oneof![
        Just(b"--xyz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nno end".to_vec()),
        Just(b"--xyz--\r\n".to_vec()),
        Just(b"".to_vec()),
        Just(b"--xyz\r\nContent-Disposition: form-data\r\n\r\nnameless\r\n--xyz--\r\n".to_vec()),
        Just(
            b"--xyz\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"\xff\xfe.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--xyz--\r\n"
                .to_vec()
        ),
        Just(
            b"--xyz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n\xff\xfe\xfd\r\n--xyz\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nsubmit\r\n--xyz--\r\n"
                .to_vec()
        ),
        Just(b"--xyz\r\nContent-Disposition: form-data; name=\"body\"; filename*=UTF-8''%E2%80%AE.pdf\r\n\r\nx\r\n--xyz--\r\n".to_vec()),
        prop::collection::vec(any::<u8>(), 0..4_000),
        any::<String>().prop_map(|s| format!("--xyz\r\n{s}\r\n--xyz--\r\n").into_bytes()),
    ];
    let content_type = prop_oneof![
        Just("multipart/form-data; boundary=xyz".to_string()),
        Just("multipart/form-data".to_string()),
        Just("multipart/form-data; boundary=".to_string()),
        Just("multipart/form-data; boundary=\"unclosed".to_string()),
        Just("text/plain".to_string()),
        Just("application/x-www-form-urlencoded".to_string()),
    ];
    (path, content_type, raw)
        .prop_map(|(path, content_type, bytes)| Case {
            path,
            body: Body::Raw {
                content_type,
                bytes,
            },
        })
        .boxed()
}

/// URL-encoded bodies that are not quite: bad escapes, invalid UTF-8, a wrong content type.
fn malformed_form_case(path: BoxedStrategy<String>) -> BoxedStrategy<Case> {
    let raw = prop_oneof![
        Just(b"title=%ZZ&body=%".to_vec()),
        Just(b"=&&=&a==b".to_vec()),
        Just(b"title=\xff\xfe&text=\xc3\x28".to_vec()),
        prop::collection::vec(any::<u8>(), 0..2_000),
    ];
    let content_type = prop_oneof![
        Just("application/x-www-form-urlencoded".to_string()),
        Just("application/json".to_string()),
        Just("text/plain".to_string()),
    ];
    (path, content_type, raw)
        .prop_map(|(path, content_type, bytes)| Case {
            path,
            body: Body::Raw {
                content_type,
                bytes,
            },
        })
        .boxed()
}

/// A valid use of a form, which the fuzzing then changes one field at a time.
#[derive(Debug, Clone)]
struct Base {
    path: String,
    pairs: Vec<(String, String)>,
    multipart: bool,
    /// Fields left as they are (changing them would take the form's target away).
    keep: Vec<&'static str>,
}

impl Base {
    fn new(path: &str, pairs: &[(&str, &str)]) -> Self {
        Self {
            path: path.to_string(),
            pairs: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            multipart: false,
            keep: Vec::new(),
        }
    }

    fn keeping(mut self, field: &'static str) -> Self {
        self.keep.push(field);
        self
    }

    /// The indexes of the fields that may change.
    fn changeable(&self) -> Vec<usize> {
        (0..self.pairs.len())
            .filter(|i| !self.keep.contains(&self.pairs[*i].0.as_str()))
            .collect()
    }

    fn multipart(mut self) -> Self {
        self.multipart = true;
        self
    }

    fn case(&self, pairs: Vec<(String, String)>) -> Case {
        Case {
            path: self.path.clone(),
            body: if self.multipart {
                Body::Multipart(
                    pairs
                        .into_iter()
                        .map(|(k, v)| PartSpec::Text(k, v))
                        .collect(),
                )
            } else {
                Body::Form(pairs)
            },
        }
    }

    /// The valid form with one field replaced, removed or sent twice.
    fn mutated(self) -> BoxedStrategy<Case> {
        let changeable = self.changeable();
        let fields = changeable.len().max(1);
        (0..fields, value(), 0u8..4)
            .prop_map(move |(i, value, how)| {
                let i = changeable.get(i).copied().unwrap_or(usize::MAX);
                let mut pairs = self.pairs.clone();
                if let Some((name, _)) = pairs.get(i).cloned() {
                    match how {
                        0 | 1 => pairs[i].1 = value,
                        2 => {
                            pairs.remove(i);
                        }
                        _ => pairs.push((name, value)),
                    }
                }
                self.case(pairs)
            })
            .boxed()
    }

    /// The valid form with each field in turn set to each edge value.
    fn edges(&self) -> Vec<Case> {
        let edges = [
            "a\u{0}b".to_string(),
            "\u{202E}<script>alert(1)</script>\u{FEFF}".to_string(),
            "-9223372036854775809".to_string(),
            "\u{10FFFF}\u{FFFD}\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}".to_string(),
            "移".repeat(40_000),
        ];
        let mut cases = vec![self.case(self.pairs.clone())];
        for i in self.changeable() {
            for edge in &edges {
                let mut pairs = self.pairs.clone();
                pairs[i].1 = edge.clone();
                cases.push(self.case(pairs));
            }
        }
        cases
    }
}

/// A form, who uses it, and how its cases are drawn.
struct FormSpec<'a> {
    name: &'static str,
    browser: &'a Browser,
    cases: u32,
    strategy: BoxedStrategy<Case>,
}

/// 32 bytes of seed from a name (and `CONCORD_FUZZ_SEED`), so every form has its own,
/// fixed sequence of cases.
fn seed(name: &str) -> [u8; 32] {
    let base = std::env::var("CONCORD_FUZZ_SEED").unwrap_or_else(|_| "concord".to_string());
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

/// The cases of one form, from its own deterministic runner.
fn generate(spec: &FormSpec<'_>, base: Option<&Base>) -> Vec<Case> {
    let cases = spec.cases * cases_per_form() / DEFAULT_CASES;
    let strategy = match base {
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
    (0..cases.max(1))
        .map(|_| strategy.new_tree(&mut runner).expect("a case").current())
        .collect()
}

/// Sends one case with the browser's current CSRF token, as a browser would (in the body of
/// an URL-encoded form, in the query of a multipart one).
async fn send(browser: &Browser, case: &Case) -> Result<StatusCode, String> {
    let (status, home) = browser.get_text("/").await;
    if status != StatusCode::OK {
        return Err(format!("the home page answered {status}"));
    }
    let token = csrf_of(&home);
    let separator = if case.path.contains('?') { '&' } else { '?' };
    let request = match &case.body {
        Body::Form(pairs) => {
            let mut body = form_urlencoded::Serializer::new(String::new());
            body.append_pair("csrf_token", &token);
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
        Body::Multipart(parts) => {
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
            browser
                .client
                .post(browser.url(&format!("{}{separator}csrf_token={token}", case.path)))
                .multipart(form)
        }
        Body::Raw {
            content_type,
            bytes,
        } => browser
            .client
            .post(browser.url(&format!("{}{separator}csrf_token={token}", case.path)))
            .header(reqwest::header::CONTENT_TYPE, content_type.as_str())
            .body(bytes.clone()),
    };
    match request.send().await {
        Ok(response) => {
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
        Err(e) => Err(format!("no answer: {e}")),
    }
}

async fn alive(app: &TestApp) -> bool {
    let client = crate::helpers::bare_client();
    matches!(
        client.get(format!("{}/livez", app.address)).send().await,
        Ok(r) if r.status() == StatusCode::OK
    )
}

// ---------------------------------------------------------------------------------------------
// The set-up: the demo, someone for every role, and something for every form to act on.

async fn signed_in(app: &TestApp, email: &str, password: &str) -> Browser {
    let browser = app.new_browser();
    let response = browser.login(email, password).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{email} signs in");
    browser
}

async fn demo(app: &TestApp, who: &str) -> Browser {
    signed_in(app, &format!("{who}@demo.concord.example"), DEMO_PASSWORD).await
}

fn slug_of(path: &str) -> String {
    path.split(['?', '#'])
        .next()
        .unwrap_or_default()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string()
}

async fn account_id(app: &TestApp, email: &'static str) -> i64 {
    with_db(app, move |conn| {
        use concord::db::schema::accounts::dsl;
        use diesel::prelude::*;
        dsl::accounts
            .filter(dsl::email.eq(email))
            .select(dsl::id)
            .first::<i64>(conn)
            .expect("the account")
    })
    .await
}

/// The node keys of a document of the demo process, and the ids of its links.
async fn document_parts(app: &TestApp, slug: &'static str) -> (Vec<String>, Vec<String>) {
    with_db(app, move |conn| {
        use concord::db::schema::{document_nodes, documents, provenance_links};
        use diesel::prelude::*;
        let document: i64 = documents::table
            .filter(documents::slug.eq(slug))
            .select(documents::id)
            .first(conn)
            .expect("the document");
        let keys: Vec<String> = document_nodes::table
            .filter(document_nodes::document_id.eq(document))
            .select(document_nodes::node_key)
            .load(conn)
            .expect("its nodes");
        let links: Vec<i64> = provenance_links::table
            .filter(provenance_links::document_id.eq(document))
            .select(provenance_links::id)
            .load(conn)
            .expect("its links");
        (keys, links.into_iter().map(|id| id.to_string()).collect())
    })
    .await
}

async fn every_form_survives_random_and_hostile_input(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], true).await else {
        return;
    };
    let started = std::time::Instant::now();
    let anonymous = app.new_browser();
    let stakeholder = demo(&app, "stakeholder").await;
    let invitee = demo(&app, "stakeholder2").await;
    let applicant = demo(&app, "applicant").await;
    let rapporteur = demo(&app, "rapporteur").await;
    let moderator = demo(&app, "moderator").await;
    let chair = demo(&app, "chair").await;
    let cofacilitator = demo(&app, "cofacilitator").await;
    let admin = demo(&app, "admin").await;
    // Someone whose password, and whose account, the fuzzing may try to change.
    let victim = app
        .participant(
            "victim@example.org",
            "Victor Victim",
            "Victim NGO",
            "civil-society",
        )
        .await;
    let victim_id = account_id(&app, "victim@example.org").await;
    let applicant_id = account_id(&app, "applicant@demo.concord.example").await;

    // A contribution draft and a submitted contribution.
    let page = "/p/gcm/contributions/new";
    let (_, html) = stakeholder.get_text(page).await;
    let token = csrf_of(&html);
    let draft = stakeholder
        .client
        .post(stakeholder.url(&format!("{page}?csrf_token={token}")))
        .multipart(
            Form::new()
                .text("title", "A draft to fuzz")
                .text("body", "Text")
                .text("action", "save"),
        )
        .send()
        .await
        .expect("answered");
    assert_eq!(draft.status(), StatusCode::SEE_OTHER);
    let contribution_draft = slug_of(&location(&draft));
    let submitted = stakeholder
        .client
        .post(stakeholder.url(&format!("{page}?csrf_token={token}")))
        .multipart(
            Form::new()
                .text("title", "A contribution to fuzz")
                .text("body", "Text")
                .text("action", "submit"),
        )
        .send()
        .await
        .expect("answered");
    assert_eq!(submitted.status(), StatusCode::SEE_OTHER);
    let contribution = slug_of(&location(&submitted));
    // Another, for the moderators to hide (the first stays for its author to withdraw).
    let submitted = stakeholder
        .client
        .post(stakeholder.url(&format!("{page}?csrf_token={token}")))
        .multipart(
            Form::new()
                .text("title", "A contribution to hide")
                .text("body", "Text")
                .text("action", "submit"),
        )
        .send()
        .await
        .expect("answered");
    assert_eq!(submitted.status(), StatusCode::SEE_OTHER);
    let to_hide = slug_of(&location(&submitted));

    // A proposal draft, and a submitted proposal with an invitation to another organisation.
    let proposal_form = |intent: &'static str| {
        vec![
            ("group", "1"),
            ("title", "A proposal to fuzz"),
            ("commitment", "States commit to fuzz."),
            ("actionable_measures", "Fuzz\nAgain"),
            ("intent", intent),
        ]
    };
    let response = stakeholder
        .submit(
            "/p/gcm/proposals/new",
            "/p/gcm/proposals/new",
            &proposal_form("save"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let proposal_draft = slug_of(&location(&response));
    let response = stakeholder
        .submit(
            "/p/gcm/proposals/new",
            "/p/gcm/proposals/new",
            &proposal_form("submit"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let proposal = slug_of(&location(&response));
    let proposal_path = format!("/p/gcm/proposals/{proposal}");
    let response = stakeholder
        .submit(
            &proposal_path,
            &format!("{proposal_path}/invitations"),
            &[(
                "organisation",
                "Permanent Mission of Morocco to the United Nations",
            )],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "invited");

    // A process of its own for the edit form.
    let response = app.create_process(&admin, "fz").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = admin
        .submit(
            "/admin/processes/fz",
            "/admin/processes/fz/roles",
            &[
                ("email", "victim@example.org"),
                ("role", "moderator"),
                ("group", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let assignments: Vec<String> = with_db(&app, move |conn| {
        use concord::db::schema::role_assignments::dsl;
        use diesel::prelude::*;
        dsl::role_assignments
            .filter(dsl::account_id.eq(victim_id))
            .select(dsl::id)
            .load::<i64>(conn)
            .expect("assignments")
            .into_iter()
            .map(|id| id.to_string())
            .collect()
    })
    .await;
    let (nodes, links) = document_parts(&app, "draft").await;
    let (report_nodes, _) = document_parts(&app, "group-1-report").await;

    let slugs = || segment(vec!["gcm".to_string(), "fz".to_string()]);
    let process_fields = || {
        vec![
            field("slug", good_or_any(&["fz2", "gcm", "fz"])),
            any_field("title"),
            any_field("description"),
            field("reference_prefix", good_or_any(&["FZ", "GCM"])),
            field("time_zone", good_or_any(&["Europe/Zurich", "UTC"])),
            field("accredit_on_registration", good_or_any(&["on"])),
            field("consultation_opens", good_or_any(&["2017-04-01T09:00"])),
            field("consultation_closes", good_or_any(&["2030-11-30T18:00"])),
            field("stocktaking_opens", good_or_any(&["2017-12-04T09:00"])),
            field("stocktaking_closes", good_or_any(&["2030-12-06T18:00"])),
            field("negotiation_opens", good_or_any(&["2018-02-01T09:00"])),
            field("negotiation_closes", good_or_any(&["2030-07-13T18:00"])),
            field("adoption_opens", good_or_any(&["2018-12-10T09:00"])),
            field("adoption_closes", good_or_any(&["2030-12-11T18:00"])),
            field(
                "groups",
                good_or_any(&["1 One\n2 Two", "1 One\n1 One", "0 Zero"]),
            ),
            any_field("themes"),
            any_field("principles"),
        ]
    };
    let proposal_fields = || {
        vec![
            field("group", good_or_any(&["1", "2", "6"])),
            any_field("title"),
            any_field("commitment"),
            any_field("actionable_measures"),
            any_field("partnerships"),
            any_field("capacity_building"),
            any_field("financing"),
            any_field("data"),
            any_field("responsible_actors"),
            any_field("sdg_targets"),
            any_field("timeline"),
            any_field("indicators"),
            field("theme", number()),
            field("base_version", good_or_any(&["0", "1"])),
            field("intent", good_or_any(&["submit", "save"])),
        ]
    };
    let contribution_fields = || {
        vec![
            any_field("title"),
            any_field("body"),
            field("group", good_or_any(&["1", "3"])),
            field("theme", number()),
            field("remove_file", number()),
            field("draft_id", number()),
            field("action", good_or_any(&["submit", "save", "preview"])),
        ]
    };
    let registration_fields = || {
        vec![
            field(
                "email",
                good_or_any(&["new@example.org", "admin@demo.concord.example"]),
            ),
            any_field("display_name"),
            any_field("organisation"),
            field("category", good_or_any(&["civil-society", "member-state"])),
            any_field("country"),
            field("password", good_or_any(&[PASSWORD])),
            field("password_again", good_or_any(&[PASSWORD])),
        ]
    };
    let documents = "/p/gcm/documents";
    let draft_base = format!("{documents}/draft");
    let node_path = |suffix: &'static str| {
        let base = draft_base.clone();
        segment(nodes.clone())
            .prop_map(move |key| format!("{base}/nodes/{key}{suffix}"))
            .boxed()
    };
    let review = format!("/p/gcm/groups/1/review/{proposal}");
    let invitation = proposal_path.clone();
    let contribution_of = |suffix: &'static str| {
        segment(vec![contribution.clone()])
            .prop_map(move |r| format!("/p/gcm/contributions/{r}{suffix}"))
            .boxed()
    };
    let proposal_of = |suffix: &'static str| {
        segment(vec![proposal.clone()])
            .prop_map(move |r| format!("/p/gcm/proposals/{r}{suffix}"))
            .boxed()
    };

    // The forms, in an order that keeps the destructive ones (withdrawals, deletions,
    // disabling, removing roles) for the end.
    let forms: Vec<FormSpec<'_>> = vec![
        FormSpec {
            name: "register",
            browser: &anonymous,
            cases: 10,
            strategy: form_case(fixed("/register"), registration_fields()),
        },
        FormSpec {
            name: "setup",
            browser: &anonymous,
            cases: 6,
            strategy: form_case(fixed("/setup"), {
                let mut fields = registration_fields();
                fields.push(any_field("token"));
                fields
            }),
        },
        FormSpec {
            name: "login",
            browser: &anonymous,
            cases: 10,
            strategy: form_case(
                fixed("/login"),
                vec![
                    field("email", good_or_any(&["stakeholder@demo.concord.example"])),
                    any_field("password"),
                    field(
                        "next",
                        good_or_any(&["/", "//evil.example", "javascript:alert(1)"]),
                    ),
                ],
            ),
        },
        FormSpec {
            name: "language",
            browser: &anonymous,
            cases: 14,
            strategy: form_case(
                fixed("/language"),
                vec![
                    field("lang", good_or_any(&["en", "fr", "ar"])),
                    field(
                        "next",
                        good_or_any(&["/", "//evil.example", "https://evil.example"]),
                    ),
                ],
            ),
        },
        FormSpec {
            name: "account password",
            browser: &victim,
            cases: 8,
            strategy: form_case(
                fixed("/account/password"),
                vec![
                    any_field("current_password"),
                    any_field("new_password"),
                    any_field("new_password_again"),
                ],
            ),
        },
        FormSpec {
            name: "notification settings",
            browser: &stakeholder,
            cases: 14,
            strategy: form_case(
                fixed("/account/notifications"),
                vec![field(
                    "delivery",
                    good_or_any(&["immediate", "daily-digest"]),
                )],
            ),
        },
        FormSpec {
            name: "accreditation request",
            browser: &applicant,
            cases: 10,
            strategy: form_case(
                slugs()
                    .prop_map(|s| format!("/p/{s}/accreditation"))
                    .boxed(),
                vec![any_field("reason")],
            ),
        },
        FormSpec {
            name: "contribution new",
            browser: &stakeholder,
            cases: 16,
            strategy: multipart_case(fixed("/p/gcm/contributions/new"), contribution_fields()),
        },
        FormSpec {
            name: "contribution new, malformed multipart",
            browser: &stakeholder,
            cases: 14,
            strategy: malformed_multipart_case(fixed("/p/gcm/contributions/new")),
        },
        FormSpec {
            name: "contribution draft",
            browser: &stakeholder,
            cases: 16,
            strategy: multipart_case(
                segment(vec![contribution_draft.clone()])
                    .prop_map(|id| format!("/p/gcm/contributions/drafts/{id}"))
                    .boxed(),
                contribution_fields(),
            ),
        },
        FormSpec {
            name: "contribution draft, malformed multipart",
            browser: &stakeholder,
            cases: 8,
            strategy: malformed_multipart_case(fixed(&format!(
                "/p/gcm/contributions/drafts/{contribution_draft}"
            ))),
        },
        FormSpec {
            name: "contribution autosave",
            browser: &stakeholder,
            cases: 16,
            strategy: form_case(fixed("/p/gcm/contributions/autosave"), {
                let mut fields = contribution_fields();
                fields.push(field("draft_id", segment(vec![contribution_draft.clone()])));
                fields
            }),
        },
        FormSpec {
            name: "contribution autosave, malformed",
            browser: &stakeholder,
            cases: 6,
            strategy: malformed_form_case(fixed("/p/gcm/contributions/autosave")),
        },
        FormSpec {
            name: "proposal new",
            browser: &stakeholder,
            cases: 16,
            strategy: form_case(fixed("/p/gcm/proposals/new"), proposal_fields()),
        },
        FormSpec {
            name: "proposal draft",
            browser: &stakeholder,
            cases: 16,
            strategy: form_case(
                segment(vec![proposal_draft.clone()])
                    .prop_map(|id| format!("/p/gcm/proposals/drafts/{id}"))
                    .boxed(),
                proposal_fields(),
            ),
        },
        FormSpec {
            name: "proposal new, malformed",
            browser: &stakeholder,
            cases: 6,
            strategy: malformed_form_case(fixed("/p/gcm/proposals/new")),
        },
        FormSpec {
            name: "co-sponsor invitation",
            browser: &stakeholder,
            cases: 14,
            strategy: form_case(
                proposal_of("/invitations"),
                vec![field(
                    "organisation",
                    good_or_any(&["International Trade Union Confederation", "Holy See"]),
                )],
            ),
        },
        FormSpec {
            name: "invitation answer",
            browser: &invitee,
            cases: 10,
            strategy: form_case(
                fixed(&format!("{invitation}/invitations/answer")),
                vec![field("decision", good_or_any(&["accept", "decline"]))],
            ),
        },
        FormSpec {
            name: "review note",
            browser: &rapporteur,
            cases: 14,
            strategy: form_case(
                fixed(&format!("{review}/notes")),
                vec![any_field("body"), field("parent", number())],
            ),
        },
        FormSpec {
            name: "review decision",
            browser: &rapporteur,
            cases: 16,
            strategy: form_case(
                fixed(&format!("{review}/decision")),
                vec![
                    field("version", good_or_any(&["1", "2"])),
                    field(
                        "decision",
                        good_or_any(&[
                            "accept",
                            "request-revision",
                            "reject",
                            "merge",
                            "duplicate",
                        ]),
                    ),
                    any_field("rationale"),
                    field("target", good_or_any(&["GCM/CP/0001", "GCM-CP-0002"])),
                ],
            ),
        },
        FormSpec {
            name: "contribution hide",
            browser: &moderator,
            cases: 10,
            strategy: form_case(
                segment(vec![to_hide.clone()])
                    .prop_map(|r| format!("/p/gcm/contributions/{r}/hide"))
                    .boxed(),
                vec![any_field("reason")],
            ),
        },
        FormSpec {
            name: "document node create",
            browser: &cofacilitator,
            cases: 14,
            strategy: form_case(
                fixed(&format!("{draft_base}/nodes")),
                vec![
                    field("after", segment(nodes.clone())),
                    field("kind", good_or_any(&["heading", "paragraph", "measure"])),
                    any_field("text"),
                ],
            ),
        },
        FormSpec {
            name: "document node edit",
            browser: &cofacilitator,
            cases: 16,
            strategy: form_case(
                node_path(""),
                vec![
                    any_field("text"),
                    any_field("base"),
                    field("version", good_or_any(&["1", "2"])),
                ],
            ),
        },
        FormSpec {
            name: "document node move",
            browser: &cofacilitator,
            cases: 10,
            strategy: form_case(
                node_path("/move"),
                vec![field("direction", good_or_any(&["up", "down"]))],
            ),
        },
        FormSpec {
            name: "document node links",
            browser: &cofacilitator,
            cases: 16,
            strategy: form_case(
                node_path("/links"),
                vec![
                    field(
                        "source_kind",
                        good_or_any(&["proposal", "contribution", "paragraph"]),
                    ),
                    field(
                        "reference",
                        good_or_any(&["GCM/CP/0001", "GCM-WC-0001", "chairs-summary 1"]),
                    ),
                    field("version", good_or_any(&["", "1"])),
                    any_field("quote"),
                    any_field("note"),
                ],
            ),
        },
        FormSpec {
            name: "document pull",
            browser: &cofacilitator,
            cases: 14,
            strategy: form_case(
                fixed(&format!("{draft_base}/pull")),
                vec![
                    field(
                        "source",
                        prop_oneof![
                            number().prop_map(|n| format!("proposal:{n}")),
                            value().prop_map(|v| format!("summary:{v}")),
                            value().prop_map(|v| format!("report:{v}")),
                            value(),
                        ]
                        .boxed(),
                    ),
                    field("after", segment(nodes.clone())),
                ],
            ),
        },
        FormSpec {
            name: "document publish",
            browser: &cofacilitator,
            cases: 8,
            strategy: form_case(
                segment(vec!["draft".to_string(), "chairs-summary".to_string()])
                    .prop_map(move |d| format!("{documents}/{d}/publish"))
                    .boxed(),
                vec![field(
                    "label",
                    good_or_any(&["Rev.9", "Rev.1", "zero draft"]),
                )],
            ),
        },
        FormSpec {
            name: "group report",
            browser: &rapporteur,
            cases: 8,
            strategy: form_case(
                segment(vec!["1".to_string(), "2".to_string()])
                    .prop_map(|n| format!("/p/gcm/groups/{n}/report"))
                    .boxed(),
                vec![],
            ),
        },
        FormSpec {
            name: "group report node edit",
            browser: &rapporteur,
            cases: 8,
            strategy: form_case(
                segment(report_nodes.clone())
                    .prop_map(move |k| format!("{documents}/group-1-report/nodes/{k}"))
                    .boxed(),
                vec![
                    any_field("text"),
                    any_field("base"),
                    field("version", number()),
                ],
            ),
        },
        FormSpec {
            name: "chair's summary",
            browser: &chair,
            cases: 6,
            strategy: form_case(
                slugs()
                    .prop_map(|s| format!("/p/{s}/documents/chairs-summary/compile"))
                    .boxed(),
                vec![],
            ),
        },
        FormSpec {
            name: "draft start",
            browser: &cofacilitator,
            cases: 6,
            strategy: form_case(
                slugs()
                    .prop_map(|s| format!("/p/{s}/documents/draft/start"))
                    .boxed(),
                vec![],
            ),
        },
        FormSpec {
            name: "admin process create",
            browser: &admin,
            cases: 14,
            strategy: form_case(fixed("/admin/processes"), process_fields()),
        },
        FormSpec {
            name: "admin process edit",
            browser: &admin,
            cases: 14,
            strategy: form_case(fixed("/admin/processes/fz/edit"), {
                let mut fields = process_fields();
                fields.retain(|f| f.name != "slug");
                fields.push(field("slug", Just("fz".to_string()).boxed()));
                fields
            }),
        },
        FormSpec {
            name: "admin roles",
            browser: &admin,
            cases: 14,
            strategy: form_case(
                slugs()
                    .prop_map(|s| format!("/admin/processes/{s}/roles"))
                    .boxed(),
                vec![
                    field("email", good_or_any(&["victim@example.org"])),
                    field(
                        "role",
                        good_or_any(&["rapporteur", "moderator", "chair", "secretariat"]),
                    ),
                    field("group", number()),
                ],
            ),
        },
        FormSpec {
            name: "admin accreditations",
            browser: &admin,
            cases: 10,
            strategy: form_case(
                segment(vec![applicant_id.to_string(), victim_id.to_string()])
                    .prop_map(|a| format!("/admin/processes/gcm/accreditations/{a}"))
                    .boxed(),
                vec![field(
                    "decision",
                    good_or_any(&["accept", "refuse", "reject"]),
                )],
            ),
        },
        FormSpec {
            name: "admin late permission",
            browser: &admin,
            cases: 12,
            strategy: form_case(
                slugs()
                    .prop_map(|s| format!("/admin/processes/{s}/late"))
                    .boxed(),
                vec![
                    field("email", good_or_any(&["victim@example.org"])),
                    field("phase", good_or_any(&["consultation", "stocktaking"])),
                    field("until", good_or_any(&["2031-01-01T10:00", "2031-01-01"])),
                ],
            ),
        },
        FormSpec {
            name: "document link remove",
            browser: &cofacilitator,
            cases: 8,
            strategy: form_case(
                (segment(nodes.clone()), segment(links.clone()))
                    .prop_map({
                        let base = draft_base.clone();
                        move |(k, l)| format!("{base}/nodes/{k}/links/{l}/remove")
                    })
                    .boxed(),
                vec![],
            ),
        },
        FormSpec {
            name: "document node delete",
            browser: &cofacilitator,
            cases: 8,
            strategy: form_case(node_path("/delete"), vec![any_field("confirm")]),
        },
        FormSpec {
            name: "contribution withdraw",
            browser: &stakeholder,
            cases: 8,
            strategy: form_case(contribution_of("/withdraw"), vec![]),
        },
        FormSpec {
            name: "proposal withdraw",
            browser: &stakeholder,
            cases: 8,
            strategy: form_case(proposal_of("/withdraw"), vec![]),
        },
        FormSpec {
            name: "admin role removal",
            browser: &admin,
            cases: 8,
            strategy: form_case(
                segment(assignments.clone())
                    .prop_map(|a| format!("/admin/processes/fz/roles/{a}/remove"))
                    .boxed(),
                vec![],
            ),
        },
        FormSpec {
            name: "admin account disable and enable",
            browser: &admin,
            cases: 10,
            strategy: form_case(
                segment(vec![victim_id.to_string()])
                    .prop_map(|a| format!("/admin/accounts/{a}"))
                    .boxed(),
                vec![field("change", good_or_any(&["disable", "enable"]))],
            ),
        },
        FormSpec {
            name: "logout",
            browser: &anonymous,
            cases: 4,
            strategy: form_case(fixed("/logout"), vec![any_field("next")]),
        },
    ];

    // Valid uses of the forms, to mutate one field at a time.
    let node = nodes.first().cloned().unwrap_or_default();
    let proposal_pairs: Vec<(&str, &str)> = vec![
        ("group", "1"),
        ("title", "A fuzzed proposal"),
        ("commitment", "States commit to fuzz."),
        ("actionable_measures", "Fuzz\nAgain"),
        ("partnerships", "Together"),
        ("capacity_building", "Training"),
        ("financing", "A fund"),
        ("data", "Numbers"),
        ("responsible_actors", "Ministries"),
        ("sdg_targets", "10.7"),
        ("timeline", "By 2030"),
        ("indicators", "Costs"),
        ("intent", "submit"),
    ];
    let process_pairs = |slug: &str| crate::helpers::process_form(slug, "Fuzzed", "1 One\n2 Two");
    let bases: Vec<(&str, Base)> = vec![
        (
            "register",
            Base::new(
                "/register",
                &[
                    ("email", "fuzzed@example.org"),
                    ("display_name", "Fuzzed"),
                    ("organisation", "Fuzz NGO"),
                    ("category", "civil-society"),
                    ("country", ""),
                    ("password", PASSWORD),
                    ("password_again", PASSWORD),
                ],
            ),
        ),
        (
            "login",
            Base::new(
                "/login",
                &[
                    ("email", "victim@example.org"),
                    ("password", "not the password"),
                    ("next", "/"),
                ],
            ),
        ),
        (
            "account password",
            Base::new(
                "/account/password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", PASSWORD),
                    ("new_password_again", PASSWORD),
                ],
            ),
        ),
        (
            "notification settings",
            Base::new("/account/notifications", &[("delivery", "daily-digest")]),
        ),
        (
            "contribution new",
            Base::new(
                "/p/gcm/contributions/new",
                &[
                    ("title", "A fuzzed contribution"),
                    ("body", "Some *text*."),
                    ("group", "1"),
                    ("action", "submit"),
                ],
            )
            .multipart(),
        ),
        (
            "contribution draft",
            Base::new(
                &format!("/p/gcm/contributions/drafts/{contribution_draft}"),
                &[
                    ("title", "A fuzzed draft"),
                    ("body", "Some *text*."),
                    ("group", "1"),
                    ("action", "save"),
                ],
            )
            .multipart(),
        ),
        (
            "contribution autosave",
            Base::new(
                "/p/gcm/contributions/autosave",
                &[
                    ("draft_id", contribution_draft.as_str()),
                    ("title", "A fuzzed draft"),
                    ("body", "Some text."),
                ],
            ),
        ),
        (
            "proposal new",
            Base::new("/p/gcm/proposals/new", &proposal_pairs),
        ),
        (
            "proposal draft",
            Base::new(
                &format!("/p/gcm/proposals/drafts/{proposal_draft}"),
                &proposal_pairs
                    .iter()
                    .map(|(k, v)| (*k, if *k == "intent" { "save" } else { *v }))
                    .collect::<Vec<_>>(),
            ),
        ),
        (
            "co-sponsor invitation",
            Base::new(
                &format!("{proposal_path}/invitations"),
                &[("organisation", "International Trade Union Confederation")],
            ),
        ),
        (
            "review note",
            Base::new(
                &format!("{review}/notes"),
                &[("body", "A note"), ("parent", "")],
            ),
        ),
        (
            "review decision",
            Base::new(
                &format!("{review}/decision"),
                &[
                    ("version", "1"),
                    ("decision", "request-revision"),
                    ("rationale", "Please say more."),
                    ("target", ""),
                ],
            ),
        ),
        (
            "contribution hide",
            Base::new(
                &format!("/p/gcm/contributions/{to_hide}/hide"),
                &[("reason", "Advertising")],
            ),
        ),
        (
            "document node create",
            Base::new(
                &format!("{draft_base}/nodes"),
                &[
                    ("after", node.as_str()),
                    ("kind", "paragraph"),
                    ("text", "Text"),
                ],
            ),
        ),
        (
            "document node links",
            Base::new(
                &format!("{draft_base}/nodes/{node}/links"),
                &[
                    ("source_kind", "proposal"),
                    ("reference", "GCM/CP/0001"),
                    ("version", ""),
                    ("quote", "A quote"),
                    ("note", "A note"),
                ],
            ),
        ),
        (
            "document publish",
            Base::new(&format!("{draft_base}/publish"), &[("label", "Rev.7")]),
        ),
        (
            "admin process create",
            Base {
                path: "/admin/processes".to_string(),
                pairs: process_pairs("fz2"),
                multipart: false,
                keep: Vec::new(),
            },
        ),
        (
            "admin process edit",
            Base {
                path: "/admin/processes/fz/edit".to_string(),
                pairs: process_pairs("fz"),
                multipart: false,
                keep: Vec::new(),
            }
            .keeping("slug"),
        ),
        (
            "admin roles",
            Base::new(
                "/admin/processes/fz/roles",
                &[
                    ("email", "victim@example.org"),
                    ("role", "rapporteur"),
                    ("group", "2"),
                ],
            ),
        ),
        (
            "admin late permission",
            Base::new(
                "/admin/processes/gcm/late",
                &[
                    ("email", "victim@example.org"),
                    ("phase", "consultation"),
                    ("until", "2031-01-01T10:00"),
                ],
            ),
        ),
        (
            "admin accreditations",
            Base::new(
                &format!("/admin/processes/gcm/accreditations/{applicant_id}"),
                &[("decision", "accept")],
            ),
        ),
        (
            "admin account disable and enable",
            Base::new(
                &format!("/admin/accounts/{victim_id}"),
                &[("change", "enable")],
            ),
        ),
    ];

    let mut failures: Vec<String> = Vec::new();
    let mut sent = 0usize;
    for form in &forms {
        let base = bases
            .iter()
            .find(|(name, _)| *name == form.name)
            .map(|(_, b)| b);
        let mut cases = generate(form, base);
        cases.extend(base.map(Base::edges).unwrap_or_default());
        let mut statuses: std::collections::BTreeMap<u16, usize> = Default::default();
        for (i, case) in cases.iter().enumerate() {
            sent += 1;
            let answer = send(form.browser, case).await;
            if let Ok(status) = &answer {
                *statuses.entry(status.as_u16()).or_default() += 1;
            }
            if let Err(problem) = answer {
                failures.push(format!(
                    "{} case {i} (seed {:?}): {problem}\n    input: {}",
                    form.name,
                    std::env::var("CONCORD_FUZZ_SEED").unwrap_or_else(|_| "concord".into()),
                    case.describe()
                ));
            }
        }
        eprintln!("fuzz ({backend:?}) {}: {statuses:?}", form.name);
        assert!(
            alive(&app).await,
            "/livez answers after the form {}; failures so far:\n{}",
            form.name,
            failures.join("\n")
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {sent} cases over {} forms failed:\n{}",
        failures.len(),
        forms.len(),
        failures.join("\n")
    );
    // The pages still work, for the people who used the forms.
    for (browser, path) in [
        (&stakeholder, "/p/gcm/contributions"),
        (&stakeholder, "/p/gcm/proposals"),
        (&rapporteur, "/p/gcm/groups/1/review"),
        (&cofacilitator, "/p/gcm/documents/draft?view=working"),
        (&admin, "/admin/processes/gcm/audit"),
        (&anonymous, "/p/gcm/open-data/proposals.json"),
    ] {
        let (status, _) = browser.get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path} after the fuzzing");
    }
    assert!(alive(&app).await);
    eprintln!(
        "fuzz ({backend:?}): {sent} cases over {} forms in {:?}",
        forms.len(),
        started.elapsed()
    );
}
