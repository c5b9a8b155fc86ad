//! A real SMTP server for the tests (`tests/tools/smtp_sink.py`, on Debian's
//! `python3-aiosmtpd`), and the messages it received, read back.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One message as the server received it.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Received {
    pub rcpt_tos: Vec<String>,
    pub subject: String,
    pub body: String,
    pub message_id: String,
    pub content_type: String,
}

impl Received {
    /// The path of the first link in the body that goes to `prefix` (such as
    /// `/account/reset/`), without the public address before it.
    pub fn link(&self, prefix: &str) -> String {
        self.body
            .split_whitespace()
            .find_map(|word| word.find(prefix).map(|at| word[at..].to_string()))
            .unwrap_or_else(|| panic!("no link to {prefix} in:\n{}", self.body))
    }
}

/// The server, stopped when dropped.
pub struct SmtpSink {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        // Debian's Python, which has python3-aiosmtpd, before any other on the PATH.
        let python = if Path::new("/usr/bin/python3").exists() {
            "/usr/bin/python3"
        } else {
            "python3"
        };
        let dir = tempfile::tempdir().expect("a folder for the messages");
        let log = std::fs::File::create(dir.path().join("server.log")).expect("a log file");
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/smtp_sink.py");
        let mut child = Command::new(python)
            .arg(script)
            .arg(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("python3 starts");
        let mut first = String::new();
        let stdout = child.stdout.take().expect("its output");
        let _ = BufReader::new(stdout).read_line(&mut first);
        let Ok(port) = first.trim().parse::<u16>() else {
            let _ = child.kill();
            let log = std::fs::read_to_string(dir.path().join("server.log")).unwrap_or_default();
            panic!(
                "the test SMTP server did not start (it needs Debian's python3-aiosmtpd, see .ci/run):\n{log}"
            );
        };
        SmtpSink { child, port, dir }
    }

    /// The value of `CONCORD_SMTP_URL` that reaches it.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, in the order received.
    pub fn messages(&self) -> Vec<Received> {
        let mut names: Vec<_> = std::fs::read_dir(self.dir.path())
            .expect("the folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p).expect("a message");
                let mut received: Received = serde_json::from_str(&text).expect("its JSON");
                received.body = received.body.replace("\r\n", "\n");
                received
            })
            .collect()
    }

    /// The messages received so far for `to`.
    pub fn messages_to(&self, to: &str) -> Vec<Received> {
        self.messages()
            .into_iter()
            .filter(|m| m.rcpt_tos.iter().any(|r| r == to))
            .collect()
    }

    /// Waits (up to 20 seconds) until `count` messages for `to` have arrived; returns them.
    pub async fn wait_for(&self, to: &str, count: usize) -> Vec<Received> {
        let started = Instant::now();
        loop {
            let received = self.messages_to(to);
            if received.len() >= count {
                return received;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{count} message(s) for {to} never arrived; the server has {:#?}",
                self.messages()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
