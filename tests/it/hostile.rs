//! Hostile input: an XSS corpus (script tags, attribute breakouts, `javascript:` links in
//! Markdown, `</textarea>`, SVG handlers, template syntax, CSS, bidi overrides, odd Unicode)
//! typed into every field a person can fill, through the real forms, then looked for
//! wherever it is shown: pages, exports, open data, the JSON API and notifications. It must
//! come back as text, never as markup. `bodies`: hostile multipart bodies, refused with 413.
//! `events` and `negotiation`: the corpus in the event form and in the negotiation's texts.

mod bodies;
mod events;
mod negotiation;

use std::io::{Cursor, Read};
use std::process::Command;

use reqwest::{Response, StatusCode};

use crate::helpers::{Backend, Browser, PASSWORD, TestApp, csrf_of, location, spawn_app_with};
use crate::on_both_backends;

on_both_backends!(
    account_and_process_fields_come_back_escaped,
    contribution_fields_come_back_escaped,
    proposal_and_review_fields_come_back_escaped,
    document_fields_come_back_escaped_in_pages_and_exports,
    query_parameters_and_path_segments_are_answered_inert,
    kept_texts_come_back_escaped,
    translated_texts_come_back_escaped,
);

const DEMO_PASSWORD: &str = "concord-demo-2018";

// ---------------------------------------------------------------------------------------------
// The corpus.

const SCRIPT: &str = "<script>alert(1)</script>";
const BREAKOUT: &str = "\"><img src=x onerror=alert(1)>";
const SINGLE_BREAKOUT: &str = "'><svg onload=alert(1)>";
const TEXTAREA: &str = "</textarea><script>alert(1)</script>";
const TEMPLATE: &str = "{{7*7}}${7*7}{%raw%}";
const STYLE: &str =
    "<style>body{background:url(xssmark)}</style><b style=\"background:url(xssmark)\">b</b>";
const BIDI: &str = "\u{202E}fdp.exe\u{202C}";
const ODD: &str = "\u{FEFF}\u{200B}\u{2028}\u{FFFD}\u{1D54F}\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}";

/// Links and images Markdown would make live if the renderer let it.
const MARKDOWN: &str = "[click](javascript:alert(1)) [caps](JaVaScRiPt:alert(1)) \
[entity](&#106;avascript:alert(1)) [colon](javascript&colon;alert(1)) \
![img](javascript:alert(1)) <javascript:alert(1)> \
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) \
<a href=\"javascript:alert(1)\">raw</a> <iframe src=\"javascript:alert(1)\"></iframe> \
<div style=\"background:url(xssmark)\" onclick=\"alert(1)\">div</div>\n\n\
[refd][ref]\n\n[ref]: javascript:alert(1)\n\n<svg><script>alert(1)</script></svg>\n\n\
<img src=x onerror=alert(1)>\n\n";

/// The whole one-line corpus, marked with `tag` to find where it comes back.
fn line(tag: &str) -> String {
    format!("zq{tag} {SCRIPT}{BREAKOUT}{SINGLE_BREAKOUT}{TEXTAREA}{TEMPLATE}{STYLE}{BIDI}{ODD} end")
}

/// A one-line corpus of at most 200 characters (organisations).
fn medium(tag: &str) -> String {
    format!("zq{tag} {SCRIPT}{BREAKOUT}{SINGLE_BREAKOUT}{TEXTAREA}{TEMPLATE}{BIDI}")
}

/// A shorter one-line corpus, for fields of 100 characters or fewer.
fn short(tag: &str) -> String {
    format!("zq{tag}\"><img src=x onerror=alert(1)><script>alert(1)</script>{BIDI}")
}

/// A multi-line text: the line corpus, then Markdown that tries to become live.
fn markdown(tag: &str) -> String {
    format!("{}\n\n{MARKDOWN}{tag} last line", line(tag))
}

// ---------------------------------------------------------------------------------------------
// What "escaped" means.

/// How askama writes text into HTML.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            '&' => out.push_str("&#38;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Raw forms of the payloads that must never appear in a page.
const RAW_FORMS: &[&str] = &[
    "<script>alert(1)",
    "<img src=x onerror",
    "<svg onload",
    "<iframe",
    "<style>body{background:url(xssmark)",
    "href=\"javascript:",
    "src=\"javascript:",
];

/// Decodes the character references a browser would decode in an attribute value.
fn decode_references(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else if let Some(dec) = name.strip_prefix('#') {
            dec.parse::<u32>().ok().and_then(char::from_u32)
        } else {
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ => None,
            }
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

/// One start tag: its name and attributes.
#[derive(Debug)]
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
    /// Where the tag ends in the page.
    end: usize,
}

/// Reads the start tag at `start` (just after `<`), as a browser's tokenizer roughly would.
fn read_tag(html: &str, start: usize) -> Tag {
    let bytes = html.as_bytes();
    let mut i = start;
    while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>') {
        i += 1;
    }
    let name = html[start..i].to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'\x0c') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            break;
        }
        let name_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>' | b'=')
        {
            i += 1;
        }
        let attribute = html[name_start..i].to_ascii_lowercase();
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let value_start = i + 1;
                i = value_start;
                while i < bytes.len() && bytes[i] != quote {
                    i += 1;
                }
                value = html[value_start..i.min(bytes.len())].to_string();
                i += 1;
            } else {
                let value_start = i;
                while i < bytes.len() && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'>') {
                    i += 1;
                }
                value = html[value_start..i].to_string();
            }
        }
        attributes.push((attribute, decode_references(&value)));
    }
    Tag {
        name,
        attributes,
        end: i.min(bytes.len()),
    }
}

/// Whether a URL would run script or load inline content.
fn dangerous_url(value: &str) -> bool {
    let compact: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    compact.starts_with("javascript:")
        || compact.starts_with("vbscript:")
        || compact.starts_with("data:text/html")
}

/// Fails when the page carries any payload as live markup: a raw form of it, a script that is
/// not the application's own, an event handler, a script URL, injected CSS or an iframe.
fn assert_inert(html: &str, context: &str) {
    for raw in RAW_FORMS {
        assert!(
            !html.contains(raw),
            "{context}: the raw form {raw:?} appears in\n{}",
            around(html, raw)
        );
    }
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found + 1;
        at = start;
        let Some(first) = html[start..].chars().next() else {
            break;
        };
        if first == '!' {
            // A comment or doctype: skip to its end.
            at = html[start..].find('>').map_or(html.len(), |e| start + e);
            continue;
        }
        if !first.is_ascii_alphabetic() {
            continue;
        }
        let tag = read_tag(html, start);
        at = tag.end;
        let shown = &html[start - 1..(tag.end + 1).min(html.len())];
        for (name, value) in &tag.attributes {
            assert!(
                !name.starts_with("on"),
                "{context}: an event handler in {shown}"
            );
            if matches!(
                name.as_str(),
                "href" | "src" | "action" | "formaction" | "xlink:href" | "data" | "poster"
            ) {
                assert!(!dangerous_url(value), "{context}: a script URL in {shown}");
            }
            if name == "style" {
                assert!(
                    !value.contains("xssmark"),
                    "{context}: injected CSS in {shown}"
                );
            }
        }
        match tag.name.as_str() {
            "script" => {
                let content_end = html[tag.end..]
                    .find("</script")
                    .map_or(html.len(), |e| tag.end + e);
                let content = &html[tag.end..content_end];
                assert!(
                    !content.contains("alert"),
                    "{context}: an injected script {shown}{content}"
                );
                if let Some((_, src)) = tag.attributes.iter().find(|(n, _)| n == "src") {
                    assert!(
                        src.starts_with("/static/"),
                        "{context}: a foreign script {shown}"
                    );
                }
            }
            "style" => {
                let content_end = html[tag.end..]
                    .find("</style")
                    .map_or(html.len(), |e| tag.end + e);
                assert!(
                    !html[tag.end..content_end].contains("xssmark"),
                    "{context}: injected CSS {shown}"
                );
            }
            "iframe" | "object" | "embed" | "base" | "img" => {
                panic!("{context}: an injected {} tag {shown}", tag.name)
            }
            _ => {}
        }
    }
}

fn around<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html.find(needle).unwrap_or(0);
    let mut start = at.saturating_sub(300);
    while !html.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + needle.len() + 300).min(html.len());
    while !html.is_char_boundary(end) {
        end += 1;
    }
    &html[start..end]
}

/// Fetches a page as `browser`, checks it answers `expected` and carries nothing live.
async fn page(browser: &Browser, path: &str, expected: StatusCode) -> String {
    let (status, html) = browser.get_text(path).await;
    assert_eq!(status, expected, "{path}");
    assert_inert(&html, path);
    html
}

/// A page that must show `text` escaped (and nothing live).
async fn shows(browser: &Browser, path: &str, texts: &[&str]) -> String {
    let html = page(browser, path, StatusCode::OK).await;
    for text in texts {
        assert!(
            html.contains(&escaped(text)),
            "{path} shows {text:?} escaped; the page:\n{html}"
        );
    }
    html
}

/// Markdown text was rendered: its marker is there, its markup only as escaped text.
fn assert_markdown_shown(html: &str, tag: &str, context: &str) {
    assert!(html.contains(tag), "{context} shows {tag}");
    let last = format!("{} last line", tag.trim_start_matches("zq"));
    assert!(html.contains(&last), "{context} shows {last}");
}

/// The error summary of a refused form.
fn errors_of(body: &str) -> &str {
    body.split("Please correct")
        .nth(1)
        .and_then(|b| b.split("</ul>").next())
        .unwrap_or_default()
}

/// A query string value.
fn q(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

// ---------------------------------------------------------------------------------------------
// People and forms.

async fn demo_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, &[], true).await
}

async fn demo_user(app: &TestApp, who: &str) -> Browser {
    let browser = app.new_browser();
    let response = browser
        .login(&format!("{who}@demo.concord.example"), DEMO_PASSWORD)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{who} signs in");
    browser
}

/// Registers a hostile account (its name and organisation are payloads), signs it in and
/// asks for accreditation in the demo process (granted on registration).
async fn hostile_participant(
    app: &TestApp,
    email: &str,
    name: &str,
    organisation: &str,
) -> Browser {
    let browser = app.new_browser();
    let response = browser
        .submit(
            "/register",
            "/register",
            &[
                ("email", email),
                ("display_name", name),
                ("organisation", organisation),
                ("category", "civil-society"),
                ("country", "<script>alert(1)</script>"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
        )
        .await;
    let status = response.status();
    let body = response.text().await.expect("body");
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "registered: {}",
        errors_of(&body)
    );
    let response = browser.login(email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "signed in");
    let response = browser
        .submit("/p/gcm", "/p/gcm/accreditation", &[("", "")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "accredited");
    browser
}

/// The JSON of a response, checked to be served as JSON.
async fn json(browser: &Browser, path: &str) -> serde_json::Value {
    let response = browser.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let kind = content_type(&response);
    assert!(kind.starts_with("application/json"), "{path}: {kind}");
    let text = response.text().await.expect("body");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is JSON: {e}\n{text}"))
}

fn content_type(response: &Response) -> String {
    response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// Every string somewhere in a JSON value.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Asserts a JSON document holds each text exactly, as a string value.
fn json_holds(value: &serde_json::Value, texts: &[&str], context: &str) {
    let mut all = Vec::new();
    strings(value, &mut all);
    for text in texts {
        assert!(
            all.iter().any(|s| s.contains(text)),
            "{context} holds {text:?} as a string"
        );
    }
}

/// Follows the API's `next` links (`{"contributions": [...], "next": "/api/…?after=…"}`) and
/// gathers every item of the dataset.
async fn api_items(browser: &Browser, dataset: &str) -> serde_json::Value {
    let mut items = Vec::new();
    let mut next = Some(format!("/api/p/gcm/{dataset}"));
    let mut pages = 0;
    while let Some(url) = next.take() {
        pages += 1;
        assert!(pages < 50, "the API's pages end");
        let body = json(browser, &url).await;
        let list = body
            .get(dataset)
            .and_then(|v| v.as_array())
            .unwrap_or_else(|| panic!("{url} lists {dataset}"));
        items.extend(list.iter().cloned());
        next = body
            .get("next")
            .and_then(|v| v.as_str())
            .map(str::to_string);
    }
    serde_json::Value::Array(items)
}

/// The CSV rows of an open-data file (after its byte-order mark).
async fn csv_rows(browser: &Browser, path: &str) -> Vec<Vec<String>> {
    let response = browser.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let bytes = response.bytes().await.expect("body");
    let text = std::str::from_utf8(&bytes).expect("UTF-8 CSV");
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// No cell of a CSV file starts like a spreadsheet formula.
fn assert_no_formula(rows: &[Vec<String>], context: &str) {
    for row in rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{context}: the cell {cell:?} would run as a formula"
            );
        }
    }
}

/// The value of a form input in a page.
fn input_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("an input {name}"))
        + marker.len();
    let end = html[start..].find('"').expect("a closing quote") + start;
    decode_references(&html[start..end])
}

/// Sends a multipart contribution form with the page's CSRF token.
async fn send_contribution(
    browser: &Browser,
    form_path: &str,
    fields: &[(&str, &str)],
    files: Vec<(String, Vec<u8>)>,
) -> Response {
    let (status, html) = browser.get_text(form_path).await;
    assert_eq!(status, StatusCode::OK, "{form_path}");
    assert_inert(&html, form_path);
    browser
        .send_multipart(form_path, &csrf_of(&html), fields, files)
        .await
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

/// The path of a redirect, without its query and fragment.
fn path_of(response: &Response) -> String {
    let target = location(response);
    target
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Hostile values for the filters and sort order of a list.
fn hostile_query() -> String {
    let payload = q(&short("Q"));
    format!(
        "?q={payload}&category={payload}&group={payload}&theme={payload}&status={payload}&sort={payload}&page=-99999999999999999999&co_sponsors={payload}"
    )
}

// ---------------------------------------------------------------------------------------------
// Accounts, administration, processes.

/// A complete process form whose every text is hostile.
/// A group and a theme a spreadsheet would run.
const FORMULA_GROUP: &str = "=HYPERLINK(\"http://evil.example\",\"group\")";
const FORMULA_THEME: &str = "@SUM(1+1)*cmd|' /C calc'!A0";

fn hostile_process(slug: &str) -> Vec<(String, String)> {
    let mut form = crate::helpers::process_form(slug, &line("PT"), "");
    form.retain(|(k, _)| {
        !matches!(
            k.as_str(),
            "description" | "groups" | "themes" | "principles"
        )
    });
    form.push(("description".into(), markdown("PD")));
    form.push((
        "groups".into(),
        format!("1 {}\n2 {}\n3 {FORMULA_GROUP}", short("G1"), short("G2")),
    ));
    form.push((
        "themes".into(),
        format!("{}\n{}\n{FORMULA_THEME}", short("TH1"), short("TH2")),
    ));
    form.push(("principles".into(), short("PR1")));
    form
}

async fn account_and_process_fields_come_back_escaped(backend: Backend) {
    let Some(app) = demo_app(backend).await else {
        return;
    };
    let email = "\"><svg/onload=alert(1)>@evil.example";
    let name = short("N1");
    let organisation = medium("O1");
    let hostile = hostile_participant(&app, email, &name, &organisation).await;

    // What the person sees of themselves.
    shows(&hostile, "/account", &[&name, &organisation, email]).await;
    page(&hostile, "/", StatusCode::OK).await;
    page(&hostile, "/p/gcm", StatusCode::OK).await;
    page(&hostile, "/notifications", StatusCode::OK).await;

    // A refused registration shows what was typed, escaped.
    let again = app.new_browser();
    let response = again
        .submit(
            "/register",
            "/register",
            &[
                ("email", email),
                ("display_name", &short("N2")),
                ("organisation", &medium("O2")),
                ("category", "<script>alert(1)</script>"),
                ("country", &short("C2")),
                ("password", PASSWORD),
                ("password_again", "something else entirely"),
            ],
        )
        .await;
    assert!(response.status().is_client_error(), "{}", response.status());
    let html = response.text().await.expect("body");
    assert_inert(&html, "refused registration");
    assert!(html.contains(&escaped(&short("N2"))) && html.contains(&escaped(&medium("O2"))));

    // A failed sign-in shows the address typed, escaped; `next` never becomes a script URL.
    let response = again
        .submit(
            "/login?next=javascript:alert(1)",
            "/login",
            &[
                ("email", email),
                ("password", "wrong password"),
                ("next", "javascript:alert(1)"),
            ],
        )
        .await;
    let status = response.status();
    let html = response.text().await.expect("body");
    assert!(status.is_client_error(), "{status}");
    assert_inert(&html, "failed sign-in");
    assert!(html.contains(&escaped(email)));
    assert!(!html.contains("value=\"javascript:"));
    let html = page(&again, "/login?next=javascript%3Aalert(1)", StatusCode::OK).await;
    assert!(!html.contains("value=\"javascript:"));
    // A refused request for a reset link shows what was typed, escaped.
    let response = again
        .submit("/account/forgot", "/account/forgot", &[("email", SCRIPT)])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_inert(&html, "refused reset request");
    assert!(html.contains(&escaped(SCRIPT)));
    let response = again
        .submit(
            "/",
            "/language",
            &[("lang", "fr"), ("next", "javascript:alert(1)")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&response).starts_with('/'),
        "{}",
        location(&response)
    );
    let response = again
        .submit(
            "/",
            "/language",
            &[("lang", short("L").as_str()), ("next", "/")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // The administrator's pages: accounts, the process's people, the audit log.
    let admin = demo_user(&app, "admin").await;
    shows(&admin, "/admin/accounts", &[&name, email]).await;
    shows(
        &admin,
        &format!("/admin/accounts?q={}", q(&short("N1"))),
        &[&short("N1")],
    )
    .await;
    page(
        &admin,
        &format!("/admin/accounts?q={}", q(&line("AQ"))),
        StatusCode::OK,
    )
    .await;
    let response = admin
        .submit(
            "/admin/processes/gcm",
            "/admin/processes/gcm/roles",
            &[("email", email), ("role", "moderator"), ("group", "2")],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "a role for the hostile account"
    );
    let response = admin
        .submit(
            "/admin/processes/gcm",
            "/admin/processes/gcm/late",
            &[
                ("email", email),
                ("phase", "consultation"),
                ("until", "2031-01-01T10:00"),
            ],
        )
        .await;
    assert!(response.status().is_redirection() || response.status().is_client_error());
    // Hostile values in the role form itself come back escaped.
    let response = admin
        .submit(
            "/admin/processes/gcm",
            "/admin/processes/gcm/roles",
            &[
                ("email", short("E").as_str()),
                ("role", &short("R")),
                ("group", &short("G")),
            ],
        )
        .await;
    assert!(response.status().is_client_error(), "{}", response.status());
    assert_inert(&response.text().await.expect("body"), "refused role");
    shows(&admin, "/admin/processes/gcm", &[&name]).await;
    shows(&admin, "/admin/processes/gcm/audit", &[&name]).await;
    page(&admin, "/admin", StatusCode::OK).await;

    // A process whose title, description, groups, themes and principles are hostile.
    let response = admin
        .submit(
            "/admin/processes/new",
            "/admin/processes",
            &hostile_process("xss"),
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the hostile process is created"
    );
    let visitor = app.new_browser();
    shows(&visitor, "/", &[&line("PT")]).await;
    let html = shows(
        &visitor,
        "/p/xss",
        &[&line("PT"), &short("G1"), &short("G2")],
    )
    .await;
    assert!(html.contains("PD"), "the description is shown");
    shows(&visitor, "/p/xss/groups/1", &[&short("G1")]).await;
    page(&visitor, "/p/xss/contributions", StatusCode::OK).await;
    page(
        &visitor,
        &format!("/p/xss/contributions{}", hostile_query()),
        StatusCode::OK,
    )
    .await;
    page(&visitor, "/p/xss/proposals", StatusCode::OK).await;
    page(&visitor, "/p/xss/stats", StatusCode::OK).await;
    for chart in ["categories", "groups", "themes", "months"] {
        let rows = csv_rows(&visitor, &format!("/p/xss/stats/{chart}.csv")).await;
        assert_no_formula(&rows, chart);
        if chart == "groups" {
            assert!(
                rows.iter().flatten().any(|c| c.contains(FORMULA_GROUP)),
                "the group's name is there: {rows:?}"
            );
            assert!(rows.iter().flatten().any(|c| c.contains("zqG1")));
        }
        if chart == "themes" {
            assert!(
                rows.iter()
                    .flatten()
                    .any(|c| c == &format!("'{FORMULA_THEME}")),
                "the theme's name is neutralised: {rows:?}"
            );
        }
    }
    page(&visitor, "/p/xss/open-data", StatusCode::OK).await;
    shows(&admin, "/admin", &[&line("PT")]).await;
    shows(&admin, "/admin/processes/xss", &[&line("PT")]).await;
    let html = shows(
        &admin,
        "/admin/processes/xss/edit",
        &[&line("PT"), &short("TH1")],
    )
    .await;
    assert!(html.contains(&escaped(&short("PR1"))));
    // Editing it keeps it hostile, and escaped.
    let mut edited = hostile_process("xss");
    edited.retain(|(k, _)| k != "title");
    edited.push(("title".into(), line("PE")));
    let response = admin
        .submit(
            "/admin/processes/xss/edit",
            "/admin/processes/xss/edit",
            &edited,
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "edited");
    shows(&visitor, "/p/xss", &[&line("PE")]).await;
    shows(&admin, "/admin/processes/xss/audit", &[]).await;
    // Refused: a hostile slug and prefix come back escaped in the form.
    let mut refused = hostile_process(&short("S"));
    refused.retain(|(k, _)| k != "reference_prefix");
    refused.push(("reference_prefix".into(), short("RP")));
    let response = admin
        .submit("/admin/processes/new", "/admin/processes", &refused)
        .await;
    assert!(response.status().is_client_error(), "{}", response.status());
    assert_inert(&response.text().await.expect("body"), "refused process");

    // The JSON API carries the texts as JSON strings, exactly.
    let processes = json(&visitor, "/api/processes").await;
    json_holds(&processes, &[&line("PE")], "/api/processes");
    let process = json(&visitor, "/api/p/xss").await;
    json_holds(
        &process,
        &[&line("PE"), &short("G1"), &short("TH1")],
        "/api/p/xss",
    );
}

// ---------------------------------------------------------------------------------------------
// Written contributions.

async fn contribution_fields_come_back_escaped(backend: Backend) {
    let Some(app) = demo_app(backend).await else {
        return;
    };
    let name = short("CN");
    let organisation = medium("CO");
    let author = hostile_participant(&app, "author@hostile.example", &name, &organisation).await;
    shows(&author, "/account", &[&name, &organisation]).await;
    let title = line("CT");
    let body = markdown("CB");
    let file_name =
        format!("'><img src=x onerror=alert(1)><svg onload=alert(1)>{TEMPLATE}{BIDI}.pdf");

    // A draft first: its form shows the text back inside a textarea.
    let response = send_contribution(
        &author,
        "/p/gcm/contributions/new",
        &[
            ("title", &title),
            ("body", &body),
            ("group", "1"),
            ("action", "save"),
        ],
        vec![(file_name.clone(), pdf())],
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the draft is saved"
    );
    let draft = path_of(&response);
    let html = shows(&author, &draft, &[&title, &body]).await;
    assert!(
        html.contains(&escaped(TEXTAREA)),
        "the textarea is not closed by the text"
    );
    // The preview renders the Markdown, safely.
    let response = send_contribution(
        &author,
        &draft,
        &[("title", &title), ("body", &body), ("action", "preview")],
        vec![],
    )
    .await;
    let status = response.status();
    let html = response.text().await.expect("body");
    assert!(status.is_success(), "preview: {status}");
    assert_inert(&html, "preview");
    // The small script's autosave, with the same text.
    let token = csrf_of(&html);
    let draft_id = draft.rsplit('/').next().unwrap_or_default().to_string();
    let response = author
        .client
        .post(author.url("/p/gcm/contributions/autosave"))
        .header("x-csrf-token", token)
        .form(&[
            ("draft_id", draft_id.as_str()),
            ("title", &title),
            ("body", &body),
            ("group", &short("AG")),
        ])
        .send()
        .await
        .expect("answered");
    assert!(
        !response.status().is_server_error(),
        "autosave: {}",
        response.status()
    );
    assert!(content_type(&response).starts_with("application/json"));

    // Submitted.
    let response = send_contribution(
        &author,
        &draft,
        &[
            ("title", &title),
            ("body", &body),
            ("group", "1"),
            ("action", "submit"),
        ],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "submitted");
    let shown = path_of(&response);
    let visitor = app.new_browser();
    let html = shows(&visitor, &shown, &[&title, &organisation]).await;
    // The renderer itself keeps no raw HTML, handler, style or script URL of the corpus.
    let rendered = concord::markdown::to_safe_html(&body);
    assert_inert(&rendered, "the Markdown renderer");
    for raw in [
        "href=\"javascript:",
        "<script",
        "<iframe",
        "<img",
        "<svg",
        "<style",
        "style=",
        "onclick",
        "onerror",
    ] {
        assert!(
            !rendered.to_ascii_lowercase().contains(raw),
            "the renderer keeps {raw}: {rendered}"
        );
    }
    // The Markdown body: its text is there, its live parts are not.
    assert!(html.contains("CB last line"));
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") || html.contains(&escaped(SCRIPT))
    );
    for text in ["click", "caps", "entity", "data", "refd"] {
        assert!(html.contains(text), "the link text {text} stays");
    }
    // The attachment's name, and the download's headers.
    let cleaned = concord::web::forms::clean_file_name(&file_name);
    assert!(
        html.contains(&escaped(&cleaned)),
        "the file name is shown escaped"
    );
    let start = html
        .find(&format!("{shown}/files/"))
        .expect("a link to the file");
    let link: String = html[start..].chars().take_while(|c| *c != '"').collect();
    let response = visitor.get(&decode_references(&link)).await;
    assert_eq!(response.status(), StatusCode::OK, "{link}");
    let disposition = response
        .headers()
        .get(reqwest::header::CONTENT_DISPOSITION)
        .map(|v| v.as_bytes().to_vec())
        .unwrap_or_default();
    assert!(disposition.starts_with(b"attachment"), "{disposition:?}");
    assert!(!disposition.contains(&b'\n') && !disposition.contains(&b'\r'));
    let receipt = visitor.get(&format!("{shown}/receipt.txt")).await;
    assert!(content_type(&receipt).starts_with("text/plain"));
    assert!(receipt.text().await.expect("body").contains(&title));

    // The list, searched and filtered with hostile terms.
    shows(&visitor, "/p/gcm/contributions", &[&title]).await;
    shows(
        &visitor,
        &format!(
            "/p/gcm/contributions?q={}",
            q("CT <script>alert(1)</script>")
        ),
        &[],
    )
    .await;
    let html = page(
        &visitor,
        &format!("/p/gcm/contributions?q={}", q(&short("SQ"))),
        StatusCode::OK,
    )
    .await;
    assert!(
        html.contains(&escaped(&short("SQ"))),
        "the search box keeps the term, escaped"
    );
    page(
        &visitor,
        &format!("/p/gcm/contributions{}", hostile_query()),
        StatusCode::OK,
    )
    .await;
    page(
        &visitor,
        &format!("/p/gcm/contributions?q={}", q(&"%_'\\\"*".repeat(500))),
        StatusCode::OK,
    )
    .await;

    // Very long texts: a title of 300 angle brackets, a body of thousands of scripts.
    let long_title = "<".repeat(300);
    let long_body = format!("{}\n\n{}", SCRIPT.repeat(3_000), BREAKOUT.repeat(300));
    let response = send_contribution(
        &author,
        "/p/gcm/contributions/new",
        &[
            ("title", long_title.as_str()),
            ("body", long_body.as_str()),
            ("action", "submit"),
        ],
        vec![],
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "long texts are taken"
    );
    let long_path = path_of(&response);
    let html = shows(&visitor, &long_path, &[&long_title]).await;
    assert!(!html.contains("<<"), "no bracket stays raw");
    page(&visitor, "/p/gcm/contributions", StatusCode::OK).await;

    // A title that a spreadsheet would run, then moderation with a hostile reason.
    let formula = "=HYPERLINK(\"http://evil.example\",\"click\")";
    let response = send_contribution(
        &author,
        "/p/gcm/contributions/new",
        &[
            ("title", formula),
            ("body", "@SUM(1+1)*cmd|' /C calc'!A0"),
            ("action", "submit"),
        ],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let formula_path = path_of(&response);
    let response = send_contribution(
        &author,
        "/p/gcm/contributions/new",
        &[
            ("title", line("HT").as_str()),
            ("body", "To be hidden"),
            ("action", "submit"),
        ],
        vec![],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let hidden_path = path_of(&response);
    let moderator = demo_user(&app, "moderator").await;
    let reason = markdown("HR");
    let slug = hidden_path
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let response = moderator
        .submit(
            &hidden_path,
            &format!("/p/gcm/contributions/{slug}/hide"),
            &[(
                "reason",
                reason.chars().take(1_000).collect::<String>().as_str(),
            )],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "hidden");
    let html = shows(&visitor, &hidden_path, &[&line("HR")]).await;
    assert!(!html.contains("To be hidden"), "a hidden text stays hidden");
    // Its author is told why, the reason escaped; a moderator shows it again with a hostile
    // reason: refused when too long (the text given back escaped), then told to the author.
    shows(&author, "/notifications", &[&line("HR")]).await;
    let unhide = format!("/p/gcm/contributions/{slug}/unhide");
    let too_long = format!("{}{}", markdown("HS"), "x".repeat(1_000));
    let response = moderator
        .submit(&hidden_path, &unhide, &[("reason", too_long.as_str())])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.expect("body");
    assert!(
        body.contains(&escaped(&line("HS"))),
        "the reason given back escaped"
    );
    assert!(!body.contains(&line("HS")), "never raw");
    let shown_reason: String = markdown("HS").chars().take(1_000).collect();
    let response = moderator
        .submit(&hidden_path, &unhide, &[("reason", shown_reason.as_str())])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "shown again");
    let html = shows(&author, "/notifications", &[&line("HS")]).await;
    assert!(!html.contains(&line("HS")), "never raw");
    shows(&visitor, &formula_path, &[formula]).await;
    // The author withdraws the first one.
    let first = shown.rsplit('/').next().unwrap_or_default().to_string();
    let response = author
        .submit(
            &shown,
            &format!("/p/gcm/contributions/{first}/withdraw"),
            &[("", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "withdrawn");
    shows(&visitor, &shown, &[&title]).await;
    page(
        &visitor,
        "/p/gcm/contributions?status=withdrawn",
        StatusCode::OK,
    )
    .await;
    page(
        &visitor,
        "/p/gcm/contributions?status=hidden",
        StatusCode::OK,
    )
    .await;

    // Engagement, open data and the API.
    page(&visitor, "/p/gcm/stats", StatusCode::OK).await;
    page(&visitor, "/p/gcm/open-data", StatusCode::OK).await;
    page(&visitor, "/p/gcm", StatusCode::OK).await;
    let rows = csv_rows(&visitor, "/p/gcm/open-data/contributions.csv").await;
    assert_no_formula(&rows, "contributions.csv");
    assert!(
        rows.iter().flatten().any(|cell| cell == &title),
        "the title is one CSV cell, whole"
    );
    assert!(
        rows.iter()
            .flatten()
            .any(|cell| cell == &format!("'{formula}")),
        "the formula is neutralised"
    );
    let open = json(&visitor, "/p/gcm/open-data/contributions.json").await;
    json_holds(&open, &[&title, &organisation], "contributions.json");
    let api = api_items(&visitor, "contributions").await;
    json_holds(&api, &[&title], "/api/p/gcm/contributions");
    let response = visitor.get("/p/gcm/open-data/workbook.xlsx").await;
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.bytes().await.expect("body");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("an XLSX is a ZIP");
    let mut shared = String::new();
    if let Ok(mut file) = archive.by_name("xl/sharedStrings.xml") {
        file.read_to_string(&mut shared).expect("UTF-8");
    }
    well_formed(&shared, "sharedStrings.xml");
    assert!(
        !shared.contains("<script>"),
        "the workbook escapes its strings"
    );

    // The audit log, as the administrator reads it.
    let admin = demo_user(&app, "admin").await;
    page(&admin, "/admin/processes/gcm/audit", StatusCode::OK).await;
}

// ---------------------------------------------------------------------------------------------
// Proposals, co-sponsors, review and notifications.

const PROPOSAL_FIELDS: [&str; 10] = [
    "commitment",
    "actionable_measures",
    "partnerships",
    "capacity_building",
    "financing",
    "data",
    "responsible_actors",
    "sdg_targets",
    "timeline",
    "indicators",
];

async fn proposal_and_review_fields_come_back_escaped(backend: Backend) {
    let Some(app) = demo_app(backend).await else {
        return;
    };
    let author_org = medium("PO");
    let author =
        hostile_participant(&app, "author@hostile.example", &short("PN"), &author_org).await;
    let invited_org = medium("IO");
    let invited =
        hostile_participant(&app, "invited@hostile.example", &short("IN"), &invited_org).await;

    let title = line("PT");
    let mut form: Vec<(String, String)> = vec![
        ("group".into(), "1".into()),
        ("title".into(), title.clone()),
        ("intent".into(), "submit".into()),
    ];
    for (i, field) in PROPOSAL_FIELDS.iter().enumerate() {
        form.push((field.to_string(), markdown(&format!("F{i}"))));
    }
    // A draft first, then its form, then submission from it.
    let mut draft_form = form.clone();
    draft_form.retain(|(k, _)| k != "intent");
    draft_form.push(("intent".into(), "save".into()));
    let response = author
        .submit("/p/gcm/proposals/new", "/p/gcm/proposals/new", &draft_form)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "a proposal draft");
    let draft = path_of(&response);
    let html = shows(&author, &draft, &[&title, &markdown("F0")]).await;
    form.push(("base_version".into(), input_value(&html, "base_version")));
    let response = author.submit(&draft, &draft, &form).await;
    let status = response.status();
    let shown = path_of(&response);
    let body = response.text().await.expect("body");
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "submitted: {}",
        errors_of(&body)
    );
    let reference = shown.rsplit('/').next().unwrap_or_default().to_string();
    let visitor = app.new_browser();
    let mut expected: Vec<String> = vec![title.clone(), author_org.clone()];
    expected.extend((0..PROPOSAL_FIELDS.len()).map(|i| line(&format!("F{i}"))));
    let wanted: Vec<&str> = expected.iter().map(String::as_str).collect();
    shows(&visitor, &shown, &wanted).await;

    // Invitations: a hostile organisation that exists, and one that does not.
    let response = author
        .submit(
            &shown,
            &format!("{shown}/invitations"),
            &[("organisation", &invited_org)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "invited");
    let response = author
        .submit(
            &shown,
            &format!("{shown}/invitations"),
            &[("organisation", &medium("NO"))],
        )
        .await;
    assert!(response.status().is_client_error(), "{}", response.status());
    let html = response.text().await.expect("body");
    assert_inert(&html, "refused invitation");
    assert!(
        html.contains(&escaped(&medium("NO"))),
        "what was typed comes back, escaped"
    );
    page(&invited, "/notifications", StatusCode::OK).await;
    shows(&invited, &shown, &[&invited_org]).await;
    let response = invited
        .submit(
            &shown,
            &format!("{shown}/invitations/answer"),
            &[("decision", "accept")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "accepted");
    shows(&visitor, &shown, &[&invited_org]).await;

    // The review: the queue, the page, a note and a reply, a decision with a rationale.
    let rapporteur = demo_user(&app, "rapporteur").await;
    shows(&rapporteur, "/p/gcm/groups/1/review", &[&title]).await;
    page(
        &rapporteur,
        &format!("/p/gcm/groups/1/review{}", hostile_query()),
        StatusCode::OK,
    )
    .await;
    let review = format!("/p/gcm/groups/1/review/{reference}");
    shows(&rapporteur, &review, &[&title, &line("F3")]).await;
    let note = markdown("NT");
    let response = rapporteur
        .submit(
            &review,
            &format!("{review}/notes"),
            &[("body", note.as_str()), ("parent", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "a note");
    let html = shows(&rapporteur, &review, &[&line("NT")]).await;
    let parent = html
        .find("name=\"parent\" value=\"")
        .map(|_| input_value(&html, "parent"))
        .unwrap_or_default();
    let response = rapporteur
        .submit(
            &review,
            &format!("{review}/notes"),
            &[("body", line("RE").as_str()), ("parent", &parent)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "a reply");
    shows(&rapporteur, &review, &[&line("RE")]).await;
    let response = rapporteur
        .submit(
            &review,
            &format!("{review}/notes"),
            &[("body", short("BN").as_str()), ("parent", &short("BP"))],
        )
        .await;
    assert!(
        !response.status().is_server_error(),
        "{}",
        response.status()
    );
    assert_inert(
        &response.text().await.expect("body"),
        "a note to a hostile parent",
    );
    let rationale = markdown("RA");
    let response = rapporteur
        .submit(
            &review,
            &format!("{review}/decision"),
            &[
                ("version", "1"),
                ("decision", "request-revision"),
                ("rationale", &rationale),
                ("target", &short("TG")),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "decided");
    // A refused decision (hostile kind and target) keeps the rationale, escaped.
    let response = rapporteur
        .submit(
            &review,
            &format!("{review}/decision"),
            &[
                ("version", "2"),
                ("decision", &short("DK")),
                ("rationale", &line("RB")),
                ("target", &short("TG")),
            ],
        )
        .await;
    assert!(response.status().is_client_error(), "{}", response.status());
    assert_inert(&response.text().await.expect("body"), "refused decision");

    // Everywhere the proposal is shown.
    let html = shows(&visitor, &shown, &[&line("RA")]).await;
    assert!(
        !html.contains("NT last line"),
        "internal notes stay internal"
    );
    shows(&author, "/notifications", &[&title]).await;
    shows(&invited, "/notifications", &[&title]).await;
    shows(&visitor, "/p/gcm/proposals", &[&title]).await;
    page(
        &visitor,
        &format!("/p/gcm/proposals{}", hostile_query()),
        StatusCode::OK,
    )
    .await;
    page(
        &visitor,
        &format!("/p/gcm/proposals?q={}", q(&short("PQ"))),
        StatusCode::OK,
    )
    .await;
    shows(&visitor, "/p/gcm/groups/1", &[&title]).await;
    let response = visitor
        .get(&format!(
            "{shown}/compare?from={}&to={}",
            q(&short("F")),
            q("-1")
        ))
        .await;
    assert!(!response.status().is_server_error());
    assert_inert(
        &response.text().await.expect("body"),
        "a hostile comparison",
    );
    page(
        &visitor,
        &format!("{shown}/compare?from=1&to=1"),
        StatusCode::OK,
    )
    .await;
    let response = visitor
        .get(&format!("{shown}?version={}", q(&short("V"))))
        .await;
    assert!(!response.status().is_server_error());
    assert_inert(&response.text().await.expect("body"), "a hostile version");
    page(&visitor, "/p/gcm/stats", StatusCode::OK).await;
    page(&visitor, "/p/gcm", StatusCode::OK).await;
    let rows = csv_rows(&visitor, "/p/gcm/open-data/proposals.csv").await;
    assert_no_formula(&rows, "proposals.csv");
    assert!(rows.iter().flatten().any(|cell| cell == &title));
    let open = json(&visitor, "/p/gcm/open-data/proposals.json").await;
    json_holds(&open, &[&title, &author_org, &line("F0")], "proposals.json");
    let api = api_items(&visitor, "proposals").await;
    json_holds(&api, &[&title, &line("F9")], "/api/p/gcm/proposals");
    let admin = demo_user(&app, "admin").await;
    page(&admin, "/admin/processes/gcm/audit", StatusCode::OK).await;

    // The revised version, then a withdrawal.
    let (status, html) = author.get_text(&shown).await;
    assert_eq!(status, StatusCode::OK);
    assert_inert(&html, "after the decision");
    let marker = "class=\"button primary\" href=\"";
    let start = html.find(marker).expect("a link to revise") + marker.len();
    let edit: String = html[start..].chars().take_while(|c| *c != '"').collect();
    let edit = decode_references(&edit);
    let form_page = shows(&author, &edit, &[&title]).await;
    let mut revised: Vec<(String, String)> = form
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "commitment" | "base_version"))
        .cloned()
        .collect();
    revised.push(("commitment".into(), markdown("V2")));
    revised.push((
        "base_version".into(),
        input_value(&form_page, "base_version"),
    ));
    let response = author.submit(&edit, &edit, &revised).await;
    let status = response.status();
    let body = response.text().await.expect("body");
    assert_eq!(
        status,
        StatusCode::SEE_OTHER,
        "revised: {}",
        errors_of(&body)
    );
    // The word-level comparison of the two hostile versions.
    let html = page(
        &visitor,
        &format!("{shown}/compare?from=1&to=2"),
        StatusCode::OK,
    )
    .await;
    assert!(
        html.contains("zqV2") && html.contains("zqF0"),
        "both versions compared"
    );
    let response = author
        .submit(&shown, &format!("{shown}/withdraw"), &[("", "")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "withdrawn");
    shows(&visitor, &shown, &[&title]).await;
}

// ---------------------------------------------------------------------------------------------
// Documents and their exports.

/// Whether an XML text is well-formed; returns its text content, unescaped.
fn well_formed(xml: &str, context: &str) -> String {
    use quick_xml::Reader;
    use quick_xml::events::Event;
    let mut reader = Reader::from_str(xml);
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Text(t)) => text.push_str(&t.xml10_content().expect("UTF-8")),
            Ok(Event::CData(_)) => {}
            Ok(Event::GeneralRef(r)) => {
                let entity = r.xml10_content().expect("UTF-8");
                text.push_str(match entity.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => other,
                });
            }
            Ok(_) => {}
            Err(e) => panic!("{context} is well-formed XML: {e}"),
        }
    }
    text
}

/// Every XML part of a DOCX is well-formed; returns the text of its document.
fn docx_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a DOCX is a ZIP");
    let names: Vec<String> = archive.file_names().map(str::to_string).collect();
    let mut document = String::new();
    for name in names {
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut xml = String::new();
        archive
            .by_name(&name)
            .expect("a part")
            .read_to_string(&mut xml)
            .expect("UTF-8");
        let text = well_formed(&xml, &name);
        if name == "word/document.xml" {
            document = text;
        }
        if name.ends_with(".rels") {
            assert!(!xml.contains("javascript:"), "{name} links no script");
        }
    }
    document
}

/// The marker a payload starts with.
fn tag_of(text: &str) -> String {
    text.chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

fn assert_valid_akoma_ntoso(xml: &[u8]) {
    let schema = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas/akomantoso30.xsd");
    assert!(schema.is_file(), "the schema at {}", schema.display());
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("export.akn.xml");
    std::fs::write(&file, xml).expect("written");
    let output = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("xmllint runs (Debian's libxml2-utils)");
    assert!(
        output.status.success(),
        "the Akoma Ntoso export validates: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

async fn bytes(browser: &Browser, path: &str) -> Vec<u8> {
    let response = browser.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.bytes().await.expect("body").to_vec()
}

/// Checks the exports of one document (at `query`, e.g. `?revision=…`) for the texts.
async fn check_exports(browser: &Browser, base: &str, query: &str, texts: &[&str]) {
    let md = String::from_utf8(bytes(browser, &format!("{base}/export.md{query}")).await)
        .expect("UTF-8 Markdown");
    for text in texts {
        let tag = tag_of(text);
        assert!(md.contains(&tag), "the Markdown export holds {tag}");
    }
    // The Markdown, rendered as the application renders Markdown, stays inert.
    assert_inert(
        &concord::markdown::to_safe_html(&md),
        "the Markdown export rendered",
    );

    let html = String::from_utf8(bytes(browser, &format!("{base}/export.html{query}")).await)
        .expect("UTF-8 HTML");
    assert_inert(&html, "the HTML export");
    for text in texts {
        let tag = tag_of(text);
        assert!(html.contains(&tag), "the HTML export holds {tag}");
    }

    let docx = bytes(browser, &format!("{base}/export.docx{query}")).await;
    let text = docx_text(&docx);
    for wanted in texts {
        let tag = tag_of(wanted);
        assert!(text.contains(&tag), "the DOCX holds {tag}");
    }
    assert!(
        text.contains("<script>alert(1)</script>"),
        "the DOCX holds the payload as text"
    );

    let akn = bytes(browser, &format!("{base}/export.akn.xml{query}")).await;
    let xml = String::from_utf8(akn.clone()).expect("UTF-8 XML");
    let text = well_formed(&xml, "the Akoma Ntoso export");
    assert!(
        text.contains("<script>alert(1)</script>"),
        "the Akoma Ntoso holds the payload as text"
    );
    assert!(
        !xml.contains("<script"),
        "no script element in the Akoma Ntoso"
    );
    assert!(
        !xml.contains("href=\"javascript:"),
        "no script link in the Akoma Ntoso"
    );
    assert_valid_akoma_ntoso(&akn);
}

async fn document_fields_come_back_escaped_in_pages_and_exports(backend: Backend) {
    let Some(app) = demo_app(backend).await else {
        return;
    };
    let cofacilitator = demo_user(&app, "cofacilitator").await;
    let base = "/p/gcm/documents/draft";
    let working = format!("{base}?view=working");
    let heading = short("HD");
    let paragraph = markdown("PG");

    // A heading and a paragraph inserted at the start of the working copy.
    let response = cofacilitator
        .submit(
            &working,
            &format!("{base}/nodes"),
            &[("after", ""), ("kind", "heading"), ("text", &heading)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "a heading");
    let heading_key = location(&response)
        .rsplit("#n-")
        .next()
        .unwrap_or_default()
        .to_string();
    let response = cofacilitator
        .submit(
            &working,
            &format!("{base}/nodes"),
            &[
                ("after", heading_key.as_str()),
                ("kind", "paragraph"),
                ("text", &paragraph),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "a paragraph");
    let key = location(&response)
        .rsplit("#n-")
        .next()
        .unwrap_or_default()
        .to_string();

    // Edited through its form: the form shows the text in a textarea.
    let edit = format!("{base}/nodes/{key}/edit");
    let html = shows(&cofacilitator, &edit, &[&paragraph]).await;
    let version = input_value(&html, "version");
    // Bracketed alternatives and their citations, hostile too.
    let bracketed = format!("[{} {{{}}}] [{}]", short("B1"), short("C1"), short("B2"));
    let edited = format!("{paragraph}\n\n{}\n\n{bracketed}", line("ED"));
    let response = cofacilitator
        .submit(
            &edit,
            &format!("{base}/nodes/{key}"),
            &[
                ("text", edited.as_str()),
                ("base", paragraph.as_str()),
                ("version", version.as_str()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "edited");

    // A source with a hostile quote and note; and a refused hostile reference.
    let proposal: String = crate::helpers::with_db(&app, |conn| {
        use concord::db::schema::proposals::dsl::*;
        use diesel::prelude::*;
        proposals
            .filter(reference.is_not_null())
            .select(reference)
            .first::<Option<String>>(conn)
            .expect("a proposal")
            .expect("a reference")
    })
    .await;
    let response = cofacilitator
        .submit(
            &edit,
            &format!("{base}/nodes/{key}/links"),
            &[
                ("source_kind", "proposal"),
                ("reference", proposal.as_str()),
                ("version", ""),
                ("quote", &line("QU")),
                ("note", &medium("NO")),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "linked");
    shows(&cofacilitator, &edit, &[&line("QU"), &medium("NO")]).await;
    let response = cofacilitator
        .submit(
            &edit,
            &format!("{base}/nodes/{key}/links"),
            &[
                ("source_kind", "paragraph"),
                ("reference", &short("RF")),
                ("version", &short("VR")),
                ("quote", &short("QX")),
                ("note", &short("NX")),
            ],
        )
        .await;
    assert!(response.status().is_client_error(), "{}", response.status());
    assert_inert(&response.text().await.expect("body"), "a refused source");
    let html = shows(&cofacilitator, &working, &[&heading, &line("QU")]).await;
    assert!(html.contains("PG last line") && html.contains("zqED"));
    page(
        &cofacilitator,
        &format!("{base}/pick?q={}", q(&short("PQ"))),
        StatusCode::OK,
    )
    .await;
    page(
        &cofacilitator,
        &format!("{base}/pick{}", hostile_query()),
        StatusCode::OK,
    )
    .await;

    // Published under a hostile label.
    let label = "\"><svg onload=alert(1)>Rev.9";
    let response = cofacilitator
        .submit(&working, &format!("{base}/publish"), &[("label", label)])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "published");
    let revision_path = path_of(&response);
    let revision = revision_path
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    let visitor = app.new_browser();
    let html = shows(&visitor, &revision_path, &[&heading, label, &line("QU")]).await;
    for marker in ["zqB1", "zqC1", "zqB2"] {
        assert!(
            html.contains(marker),
            "the revision shows the alternative {marker}"
        );
    }
    shows(&visitor, base, &[&heading]).await;
    page(
        &visitor,
        &format!("{base}/compare?from=zero-draft&to={revision}"),
        StatusCode::OK,
    )
    .await;
    let response = visitor
        .get(&format!(
            "{base}/compare?from={}&to={}",
            q(&short("FR")),
            q(&short("TO"))
        ))
        .await;
    assert!(!response.status().is_server_error());
    assert_inert(
        &response.text().await.expect("body"),
        "a hostile comparison",
    );
    page(&visitor, "/p/gcm", StatusCode::OK).await;
    page(&cofacilitator, "/notifications", StatusCode::OK).await;

    // The exports of the revision; the PDF too, when Chromium is there to print it (it prints
    // the HTML export, whose inertness is checked below).
    if std::path::Path::new(concord::export::pdf::CHROMIUM).is_file() {
        let pdf = bytes(&visitor, &format!("{base}/export.pdf?revision={revision}")).await;
        assert!(pdf.starts_with(b"%PDF"), "a PDF");
    }
    check_exports(
        &visitor,
        base,
        &format!("?revision={revision}"),
        &[&heading, &line("PG"), &line("ED")],
    )
    .await;
    let response = visitor
        .get(&format!("{base}/export.html?revision={}", q(&short("RV"))))
        .await;
    assert!(!response.status().is_server_error());

    // The co-facilitators' bundle of the summary and the draft: a ZIP of both exports.
    for format in ["html", "docx"] {
        let bundle = bytes(
            &cofacilitator,
            &format!("/p/gcm/export/draft-summary.{format}"),
        )
        .await;
        let mut archive = zip::ZipArchive::new(Cursor::new(bundle)).expect("a ZIP");
        let names: Vec<String> = archive.file_names().map(str::to_string).collect();
        let mut held = false;
        for name in names {
            let mut content = Vec::new();
            archive
                .by_name(&name)
                .expect("an entry")
                .read_to_end(&mut content)
                .expect("read");
            if name.ends_with(".html") {
                let html = String::from_utf8(content).expect("UTF-8");
                assert_inert(&html, &name);
                held |= html.contains("zqHD");
            } else if name.ends_with(".docx") {
                held |= docx_text(&content).contains("zqHD");
            }
        }
        assert!(held, "the {format} bundle holds the draft's heading");
    }

    // The JSON API.
    let document = json(&visitor, "/api/p/gcm/documents/draft").await;
    json_holds(&document, &[label], "/api/p/gcm/documents/draft");
    let published = json(
        &visitor,
        &format!("/api/p/gcm/documents/draft/revisions/{revision}"),
    )
    .await;
    json_holds(
        &published,
        &[&heading, &line("PG"), &line("QU")],
        "the revision's JSON",
    );

    // A document whose title comes from hostile group names: a group report of a hostile
    // process, started by its rapporteur, published and exported.
    let admin = demo_user(&app, "admin").await;
    let audit = page(&admin, "/admin/processes/gcm/audit", StatusCode::OK).await;
    assert!(
        audit.contains("&#60;svg onload=alert(1)&#62;Rev.9"),
        "the audit log shows the label, escaped"
    );
    let response = admin
        .submit(
            "/admin/processes/new",
            "/admin/processes",
            &hostile_process("xss"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = admin
        .submit(
            "/admin/processes/xss",
            "/admin/processes/xss/roles",
            &[
                ("email", "rapporteur@demo.concord.example"),
                ("role", "rapporteur"),
                ("group", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let rapporteur = demo_user(&app, "rapporteur").await;
    let response = rapporteur
        .submit("/p/xss", "/p/xss/groups/1/report", &[("", "")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "a report");
    let report = path_of(&response);
    let response = rapporteur
        .submit(
            &format!("{report}?view=working"),
            &format!("{report}/nodes"),
            &[
                ("after", ""),
                ("kind", "paragraph"),
                ("text", &markdown("RP")),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    shows(
        &rapporteur,
        &format!("{report}?view=working"),
        &[&short("G1")],
    )
    .await;
    let response = rapporteur
        .submit(
            &format!("{report}?view=working"),
            &format!("{report}/publish"),
            &[("label", "Final report")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = shows(&visitor, &report, &[&short("G1")]).await;
    assert_markdown_shown(&html, "zqRP", "the report");
    check_exports(&visitor, &report, "", &[&line("RP")]).await;
}

// ---------------------------------------------------------------------------------------------
// Search terms, filters, sort orders and path segments: odd values in every GET parameter.

/// Values for query parameters and path segments, URL-encoded.
const ODD_VALUES: &[&str] = &[
    "%00",
    "a%00b",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "javascript%3Aalert(1)",
    "%E2%80%AE",
    "%FF%FE",
    "-1",
    "99999999999999999999999",
    "%25%5F%27%22%5C",
    "%7B%7B7*7%7D%7D",
];

async fn query_parameters_and_path_segments_are_answered_inert(backend: Backend) {
    let Some(app) = demo_app(backend).await else {
        return;
    };
    let admin = demo_user(&app, "admin").await;
    let rapporteur = demo_user(&app, "rapporteur").await;
    let cofacilitator = demo_user(&app, "cofacilitator").await;
    let visitor = app.new_browser();
    let mut failures = Vec::new();
    for value in ODD_VALUES {
        let paths: Vec<(&Browser, String)> = vec![
            (
                &visitor,
                format!(
                    "/p/gcm/contributions?q={value}&sort={value}&category={value}&group={value}&theme={value}&status={value}&page={value}"
                ),
            ),
            (
                &visitor,
                format!(
                    "/p/gcm/proposals?q={value}&sort={value}&category={value}&group={value}&theme={value}&status={value}&page={value}"
                ),
            ),
            (
                &rapporteur,
                format!(
                    "/p/gcm/groups/1/review?status={value}&theme={value}&co_sponsors={value}&page={value}"
                ),
            ),
            (
                &cofacilitator,
                format!("/p/gcm/documents/draft/pick?q={value}"),
            ),
            (
                &visitor,
                format!("/p/gcm/documents/draft/compare?from={value}&to={value}"),
            ),
            (
                &visitor,
                format!("/p/gcm/documents/draft/export.html?revision={value}"),
            ),
            (&visitor, format!("/p/gcm/documents/{value}")),
            (
                &visitor,
                format!("/p/gcm/documents/draft/revisions/{value}"),
            ),
            (&visitor, format!("/p/{value}")),
            (&visitor, format!("/p/gcm/contributions/{value}")),
            (&visitor, format!("/p/gcm/proposals/{value}")),
            (
                &visitor,
                format!("/p/gcm/proposals/GCM-CP-0001?version={value}"),
            ),
            (
                &visitor,
                format!("/p/gcm/proposals/GCM-CP-0001/compare?from={value}&to={value}"),
            ),
            (&visitor, format!("/p/gcm/groups/{value}")),
            (&rapporteur, format!("/p/gcm/groups/1/review/{value}")),
            (
                &cofacilitator,
                format!("/p/gcm/documents/draft/nodes/{value}/edit"),
            ),
            (&visitor, format!("/p/gcm/stats/{value}.csv")),
            (&visitor, format!("/p/gcm/open-data/{value}.csv")),
            (&visitor, format!("/api/p/{value}")),
            (&visitor, format!("/api/p/gcm/contributions?after={value}")),
            (&visitor, format!("/api/p/gcm/documents/{value}")),
            (
                &visitor,
                format!("/api/p/gcm/documents/draft/revisions/{value}"),
            ),
            (&visitor, format!("/login?next={value}")),
            (&admin, format!("/admin/accounts?q={value}")),
            (&admin, format!("/admin/processes/{value}")),
            (
                &admin,
                format!("/admin/processes/gcm/audit?page={value}&q={value}"),
            ),
            (&admin, format!("/admin/processes/{value}/edit")),
            (
                &visitor,
                format!("/p/gcm/contributions/GCM-WC-0001/files/{value}"),
            ),
            (
                &visitor,
                format!("/p/gcm/contributions/{value}/receipt.txt"),
            ),
            (&admin, format!("/p/gcm/contributions/drafts/{value}")),
            (
                &admin,
                format!("/p/gcm/contributions/drafts/{value}/files/{value}"),
            ),
            (&admin, format!("/p/gcm/proposals/drafts/{value}")),
            (&admin, format!("/p/gcm/proposals/new?group={value}")),
            (&visitor, format!("/p/gcm/documents/draft/export.{value}")),
            (&visitor, format!("/p/gcm/documents/draft?view={value}")),
            (
                &cofacilitator,
                format!("/p/gcm/documents/draft?view=working&notice={value}"),
            ),
            (
                &cofacilitator,
                format!("/p/gcm/export/draft-summary.html?summary={value}&draft={value}"),
            ),
            (&visitor, format!("/api/p/gcm/proposals?after={value}")),
            (&visitor, format!("/api/p/gcm/{value}")),
            (&visitor, format!("/p/gcm/open-data/{value}.{value}")),
            (&visitor, format!("/p/gcm/contributions?notice={value}")),
            (&visitor, format!("/setup?token={value}")),
        ];
        for (browser, path) in paths {
            let response = browser.get(&path).await;
            let status = response.status();
            let body = response.text().await.unwrap_or_default();
            if status.is_server_error() {
                failures.push(format!("{path}: {status}"));
            } else if body.trim_start().starts_with('<') {
                assert_inert(&body, &path);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A text given back because its session ended (`web::keep`): the copy, the fields the
/// sign-in form carries, and the form filled again after signing in show the corpus as text.
async fn kept_texts_come_back_escaped(backend: Backend) {
    let Some(app) = demo_app(backend).await else {
        return;
    };
    let author = demo_user(&app, "stakeholder").await;
    let (_, form) = author.get_text("/p/gcm/contributions/new").await;
    let token = csrf_of(&form);
    let (title, body) = (line("kt"), markdown("kb"));
    crate::helpers::with_db(&app, |conn| {
        use concord::db::schema::sessions;
        use diesel::RunQueryDsl;
        diesel::delete(sessions::table)
            .execute(conn)
            .expect("sessions ended")
    })
    .await;
    let kept = author
        .send_multipart(
            "/p/gcm/contributions/new",
            &token,
            &[
                ("title", &title),
                ("body", &body),
                ("group", BREAKOUT),
                ("theme", SINGLE_BREAKOUT),
                ("action", "submit"),
            ],
            vec![],
        )
        .await;
    assert_eq!(kept.status(), StatusCode::UNAUTHORIZED);
    let html = kept.text().await.expect("body");
    assert_inert(&html, "the text kept for a signed-out writer");
    assert!(html.contains(&escaped(&title)));
    assert_eq!(input_value(&html, "keep.title"), title);
    assert_eq!(input_value(&html, "keep.group"), BREAKOUT);

    let mut sign_in = vec![
        ("csrf_token".to_string(), csrf_of(&html)),
        (
            "email".to_string(),
            "stakeholder@demo.concord.example".to_string(),
        ),
        ("password".to_string(), DEMO_PASSWORD.to_string()),
        (
            "keep_to".to_string(),
            "/p/gcm/contributions/new".to_string(),
        ),
    ];
    for (name, value) in [
        ("keep.title", &title),
        ("keep.body", &body),
        ("keep.group", &BREAKOUT.to_string()),
        ("keep.theme", &SINGLE_BREAKOUT.to_string()),
    ] {
        sign_in.push((name.to_string(), value.clone()));
    }
    let again = author.post_form("/login", &sign_in).await;
    assert_eq!(again.status(), StatusCode::OK);
    let html = again.text().await.expect("body");
    assert_inert(&html, "the form again after signing in");
    assert!(html.contains(&escaped(&title)));
    assert!(html.contains(&escaped(&body)));
    assert_eq!(input_value(&html, "theme"), SINGLE_BREAKOUT);
}

/// A translator's texts, a heading and a Markdown paragraph, on the language page, the
/// translation form (again after a refusal) and every export of the language version.
async fn translated_texts_come_back_escaped(backend: Backend) {
    let Some(app) = demo_app(backend).await else {
        return;
    };
    let translator = demo_user(&app, "translator").await;
    let version = "/p/gcm/documents/draft/languages/fr";
    let html = page(&translator, version, StatusCode::OK).await;
    // The draft opens with a heading, then a paragraph: the first two nodes' forms.
    let marker = format!("href=\"{version}/nodes/");
    let forms: Vec<String> = html
        .match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + "href=\"".len()..];
            rest[..rest.find('"').expect("a link")].to_string()
        })
        .take(2)
        .collect();
    assert_eq!(forms.len(), 2, "translate links on {version}");
    let heading = line("TH");
    let paragraph = markdown("TP");
    for (form, text) in forms.iter().zip([&heading, &paragraph]) {
        let html = page(&translator, form, StatusCode::OK).await;
        let revision = input_value(&html, "revision");
        let response = translator
            .submit(
                form,
                form,
                &[("text", text.as_str()), ("revision", &revision)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{form} saved");
    }
    shows(&translator, &forms[0], &[&heading]).await;
    shows(&translator, &forms[1], &[&paragraph]).await;
    let visitor = app.new_browser();
    let html = shows(&visitor, version, &[&heading]).await;
    assert_markdown_shown(&html, "zqTP", "the language version");
    // A refused text (a heading of two lines) comes back in its form, escaped.
    let two_lines = format!("{}\n{}", short("T1"), short("T2"));
    let html = page(&translator, &forms[0], StatusCode::OK).await;
    let revision = input_value(&html, "revision");
    let response = translator
        .submit(
            &forms[0],
            &forms[0],
            &[("text", two_lines.as_str()), ("revision", &revision)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.expect("body");
    assert_inert(&body, "a refused translation");
    assert!(body.contains(&escaped(&short("T1"))), "kept as typed");
    check_exports(&visitor, version, "", &[&heading, &line("TP")]).await;
}
