//! The page checkers the journeys run on every page they reach: axe-core, injected into the
//! page as the browser shows it, must find no violation; and the HTML the server sent must pass
//! the Nu HTML checker with no error. axe-core is pinned in `tests/tools/package.json` and its
//! script copied into `tests/fixtures/axe-core`; the checker (`vnu-jar`) is installed by
//! `npm ci --prefix tests/tools` and runs on the machine's Java.

use std::path::{Path, PathBuf};
use std::process::Command;

use fantoccini::Client;
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{Value, json};

const AXE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/axe-core/axe.min.js"
);
const VNU: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/tools/node_modules/vnu-jar/build/dist/vnu.jar"
);

/// What the journeys' pages are checked against, collected as they go.
pub(crate) struct Audit {
    axe: String,
    pages: tempfile::TempDir,
    saved: Vec<(PathBuf, String)>,
    problems: Vec<String>,
    /// Whether the browser records responses, so that `sent_html` finds them.
    recording: bool,
}

impl Audit {
    pub(crate) fn new() -> Self {
        let axe = std::fs::read_to_string(AXE).expect("axe-core in tests/fixtures/axe-core");
        Audit {
            axe,
            pages: tempfile::tempdir().expect("a folder for the pages"),
            saved: Vec::new(),
            problems: Vec::new(),
            recording: false,
        }
    }

    /// Checks the page the browser shows now, named `what` in any report: axe-core's rules
    /// (WCAG 2.1 A and AA, and best practices), and the server's HTML saved for the Nu checker.
    pub(crate) async fn check(&mut self, client: &Client, what: &str) -> Result<(), String> {
        let script = format!(
            "{}\nconst done = arguments[arguments.length - 1];\n\
             axe.run(document, {{ runOnly: {{ type: 'tag', values: \
             ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }} }})\n\
             .then(r => done(r.violations.map(v => ({{ id: v.id, impact: v.impact, \
             help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + \
             (n.failureSummary || '')) }}))))\n\
             .catch(e => done([{{ id: 'axe-error', help: String(e), nodes: [] }}]));",
            self.axe
        );
        let violations = client
            .execute_async(&script, vec![])
            .await
            .map_err(|e| format!("axe on {what}: {e}"))?;
        match violations.as_array() {
            Some(list) => {
                for violation in list {
                    self.problems
                        .push(format!("axe on {what}: {}", describe_violation(violation)));
                }
            }
            // A page that never let axe finish is not a page without violations.
            None => self
                .problems
                .push(format!("axe on {what}: no answer ({violations})")),
        }

        // The HTML as the server sent it (not the browser's DOM), for the Nu checker: from
        // the browser's own record of the response where it kept one (the only way to see the
        // answer to a form that was posted), or else fetched again.
        let html = match sent_html(client).await {
            Some(html) => html,
            None => client
                .execute_async(
                    "const done = arguments[arguments.length - 1];\n\
                     fetch(location.href, { credentials: 'same-origin' })\n\
                     .then(r => r.text()).then(done).catch(e => done('fetch failed: ' + e));",
                    vec![],
                )
                .await
                .map_err(|e| format!("fetching {what} again: {e}"))?
                .as_str()
                .unwrap_or_default()
                .to_string(),
        };
        if !self.recording {
            // From now on the browser keeps every page's response for the next check.
            self.recording = devtools(client, "Network.enable", json!({}))
                .await
                .is_some();
        }
        let path = self
            .pages
            .path()
            .join(format!("page-{:03}.html", self.saved.len()));
        std::fs::write(&path, html).map_err(|e| e.to_string())?;
        self.saved.push((path, what.to_string()));
        Ok(())
    }

    /// How many pages were checked so far.
    pub(crate) fn pages(&self) -> usize {
        self.saved.len()
    }

    /// Runs the Nu HTML checker over every page saved, once, and reports every axe violation
    /// and every HTML error found on the way.
    pub(crate) fn finish(mut self) -> Result<usize, String> {
        if self.saved.is_empty() {
            return Err("no page was checked".into());
        }
        if !Path::new(VNU).exists() {
            assert!(
                std::env::var("CI").is_err(),
                "CI must install the Nu HTML checker: npm ci --prefix tests/tools (see .ci/run)"
            );
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "\nNu HTML checker SKIPPED: run `npm ci --prefix tests/tools` to install it.\n"
            );
        } else {
            let output = Command::new("java")
                .arg("-jar")
                .arg(VNU)
                .args([
                    "--errors-only",
                    "--format",
                    "json",
                    "--exit-zero-always",
                    "--stdout",
                ])
                .args(self.saved.iter().map(|(path, _)| path))
                .output()
                .map_err(|e| format!("running java for the Nu HTML checker: {e}"))?;
            let report: Value = serde_json::from_slice(&output.stdout).map_err(|e| {
                format!(
                    "the Nu HTML checker's report: {e}: {}{}",
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                )
            })?;
            for message in report["messages"].as_array().into_iter().flatten() {
                let file = message["url"].as_str().unwrap_or_default();
                let what = self
                    .saved
                    .iter()
                    .find(|(path, _)| file.ends_with(&*path.to_string_lossy()))
                    .map_or(file, |(_, what)| what.as_str());
                self.problems.push(format!(
                    "HTML on {what}, line {}: {} ({})",
                    message["lastLine"],
                    message["message"].as_str().unwrap_or_default(),
                    message["extract"].as_str().unwrap_or_default().trim(),
                ));
            }
        }
        if self.problems.is_empty() {
            Ok(self.saved.len())
        } else {
            self.problems.sort();
            self.problems.dedup();
            Err(format!(
                "{} problems on {} pages:\n{}",
                self.problems.len(),
                self.saved.len(),
                self.problems.join("\n")
            ))
        }
    }
}

fn describe_violation(violation: &Value) -> String {
    let nodes: Vec<&str> = violation["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .take(5)
        .collect();
    format!(
        "{} ({}): {} — {}",
        violation["id"].as_str().unwrap_or_default(),
        violation["impact"].as_str().unwrap_or("?"),
        violation["help"].as_str().unwrap_or_default(),
        nodes.join(" | ")
    )
}

/// A Chrome DevTools Protocol command, sent through chromedriver's `goog/cdp/execute`.
#[derive(Debug)]
struct DevTools {
    method: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for DevTools {
    fn endpoint(
        &self,
        base_url: &reqwest::Url,
        session_id: Option<&str>,
    ) -> Result<reqwest::Url, <reqwest::Url as std::str::FromStr>::Err> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &reqwest::Url) -> (reqwest::Method, Option<String>) {
        let body = json!({ "cmd": self.method, "params": self.params });
        (reqwest::Method::POST, Some(body.to_string()))
    }
}

/// The result of a DevTools command, or `None` where the browser refused it (another
/// browser than Chromium, or nothing to answer with).
pub(crate) async fn devtools(
    client: &Client,
    method: &'static str,
    params: Value,
) -> Option<Value> {
    client
        .issue_cmd(DevTools { method, params })
        .await
        .ok()
        .filter(|answer| answer.get("error").is_none())
}

/// The body of the response the page was loaded from, as Chromium received it: the main
/// frame's loader id is its navigation request's id.
async fn sent_html(client: &Client) -> Option<String> {
    let tree = devtools(client, "Page.getResourceTree", json!({})).await?;
    let request = tree["frameTree"]["frame"]["loaderId"].as_str()?.to_string();
    let body = devtools(
        client,
        "Network.getResponseBody",
        json!({ "requestId": request }),
    )
    .await?;
    if body["base64Encoded"].as_bool() == Some(true) {
        return None;
    }
    body["body"].as_str().map(str::to_string)
}
