//! A bare HTTP/1.1 client for bodies no HTTP library sends: a declared length the client
//! never sends, a body trickled byte by byte, hundreds of megabytes generated as they are
//! written (the test process holds no copy, so the server's memory is what grows).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::net::tcp::OwnedWriteHalf;

/// A body as it is written: `prefix`, then `unit` `times` over, then `suffix`.
pub struct Generated {
    pub prefix: Vec<u8>,
    pub unit: Vec<u8>,
    pub times: u64,
    pub suffix: Vec<u8>,
}

impl Generated {
    pub fn len(&self) -> u64 {
        self.prefix.len() as u64 + self.unit.len() as u64 * self.times + self.suffix.len() as u64
    }
}

/// How a request ended: the status of the answer (`None` if none came in time), and how
/// many body bytes had been written when it came.
#[derive(Debug)]
pub struct Answer {
    pub status: Option<u16>,
    pub body_bytes_sent: u64,
    /// Body bytes the server still took in after its answer, until it closed the connection
    /// or `watch` passed: a server that read on (draining the body) would take them all.
    pub taken_after_answer: u64,
    /// Whether the server closed the connection within `watch` after its answer.
    pub closed_after_answer: bool,
    pub head: String,
}

/// Sends `head_lines` (request line and headers, without the blank line) and writes `body`,
/// `pause` between writes, until the server answers, stops reading, or `wait` passes; then
/// goes on writing for `watch`.
pub async fn exchange(
    address: &str,
    head_lines: &[String],
    body: Generated,
    pause: Duration,
    wait: Duration,
    watch: Duration,
) -> Answer {
    let host = address.trim_start_matches("http://");
    let stream = TcpStream::connect(host).await.expect("the server listens");
    stream.set_nodelay(true).expect("nodelay");
    let (mut reader, mut writer) = stream.into_split();
    let mut head = head_lines.join("\r\n");
    head.push_str(&format!("\r\nHost: {host}\r\n\r\n"));
    writer.write_all(head.as_bytes()).await.expect("head sent");
    let sent = Arc::new(AtomicU64::new(0));
    let counter = sent.clone();
    let mut writing =
        tokio::spawn(async move { write_body(&mut writer, body, pause, &counter).await });
    let mut received = Vec::new();
    let read = tokio::time::timeout(wait, async {
        let mut buf = [0u8; 4096];
        while !received.windows(4).any(|w| w == b"\r\n\r\n") {
            match reader.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    let body_bytes_sent = sent.load(Ordering::SeqCst);
    // The writer ends early only when a write fails: the server closed the connection.
    let closed_after_answer = tokio::time::timeout(watch, &mut writing).await.is_ok();
    let taken_after_answer = sent.load(Ordering::SeqCst) - body_bytes_sent;
    writing.abort();
    let head = String::from_utf8_lossy(&received).into_owned();
    let status = read
        .ok()
        .and_then(|_| head.split(' ').nth(1))
        .and_then(|code| code.parse().ok());
    Answer {
        status,
        body_bytes_sent,
        taken_after_answer,
        closed_after_answer,
        head,
    }
}

async fn write_body(
    writer: &mut OwnedWriteHalf,
    body: Generated,
    pause: Duration,
    sent: &AtomicU64,
) {
    // Units are batched into writes of about 64 kB, unless the body is trickled.
    let per_write = if pause.is_zero() {
        (65_536 / body.unit.len().max(1)).max(1) as u64
    } else {
        1
    };
    let batch: Vec<u8> = body.unit.repeat(per_write as usize);
    let mut pieces: Vec<(&[u8], u64)> = vec![(&body.prefix, 1)];
    pieces.push((&batch, body.times / per_write));
    let rest = body.unit.repeat((body.times % per_write) as usize);
    pieces.push((&rest, 1));
    pieces.push((&body.suffix, 1));
    for (bytes, times) in pieces {
        for _ in 0..times {
            if bytes.is_empty() {
                continue;
            }
            if writer.write_all(bytes).await.is_err() {
                return;
            }
            sent.fetch_add(bytes.len() as u64, Ordering::SeqCst);
            if !pause.is_zero() {
                tokio::time::sleep(pause).await;
            }
        }
    }
    let _ = writer.flush().await;
    // Keep the connection open (a client waiting for its answer).
    tokio::time::sleep(Duration::from_secs(60)).await;
}

/// The resident memory of this process (the test server runs in it), in bytes.
pub fn resident_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .expect("VmRSS in kB")
        * 1024
}
