//! PDF: headless Chromium prints the printable HTML. Blocking: call it from `web::block`.
//!
//! Each run gets a fresh temporary folder (page, profile, output) that is removed afterwards,
//! a time limit after which Chromium is killed, and a place in a small queue, so that a burst
//! of downloads cannot start more browsers than the machine has cores.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use super::ExportError;

/// Where Debian installs Chromium.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Two browsers at a time at most.
const MAX_RUNNING: usize = 2;

/// A way to print HTML to PDF.
#[derive(Debug, Clone)]
pub struct Printer {
    pub chromium: PathBuf,
    pub timeout: Duration,
}

impl Default for Printer {
    fn default() -> Self {
        Printer {
            chromium: PathBuf::from(CHROMIUM),
            timeout: Duration::from_secs(60),
        }
    }
}

impl Printer {
    pub fn is_available(&self) -> bool {
        self.chromium.is_file()
    }

    /// Prints a standalone HTML page (it must load nothing from elsewhere).
    pub fn print(&self, html: &str) -> Result<Vec<u8>, ExportError> {
        if !self.is_available() {
            return Err(ExportError::ChromiumMissing(
                self.chromium.display().to_string(),
            ));
        }
        let _turn = Turn::wait();
        // Removed when dropped, whatever way this function returns.
        let folder = tempfile::Builder::new().prefix("concord-pdf-").tempdir()?;
        let page = folder.path().join("page.html");
        let output = folder.path().join("page.pdf");
        let profile = folder.path().join("profile");
        let log = folder.path().join("chromium.log");
        std::fs::write(&page, html)?;
        let mut child = Command::new(&self.chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", output.display()))
            .arg(format!("file://{}", page.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log)?)
            .spawn()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => {
                    ExportError::ChromiumMissing(self.chromium.display().to_string())
                }
                _ => ExportError::Io(e),
            })?;
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break status;
            }
            if started.elapsed() > self.timeout {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ExportError::ChromiumTimeout(self.timeout.as_secs()));
            }
            std::thread::sleep(Duration::from_millis(25));
        };
        match std::fs::read(&output) {
            Ok(bytes) if status.success() && bytes.starts_with(b"%PDF") => Ok(bytes),
            _ => {
                let said = std::fs::read_to_string(&log).unwrap_or_default();
                let tail: String = said
                    .lines()
                    .rev()
                    .take(5)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<Vec<_>>()
                    .join(" / ");
                Err(ExportError::ChromiumFailed(format!("{status}: {tail}")))
            }
        }
    }
}

/// A place among the browsers allowed to run at once; given back when dropped.
struct Turn;

static RUNNING: Mutex<usize> = Mutex::new(0);
static FREED: Condvar = Condvar::new();

impl Turn {
    fn wait() -> Turn {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        while *running >= MAX_RUNNING {
            running = FREED.wait(running).unwrap_or_else(|e| e.into_inner());
        }
        *running += 1;
        Turn
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        let mut running = RUNNING.lock().unwrap_or_else(|e| e.into_inner());
        *running = running.saturating_sub(1);
        FREED.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_chromium_is_said_so() {
        let printer = Printer {
            chromium: PathBuf::from("/nonexistent/chromium"),
            timeout: Duration::from_secs(5),
        };
        assert!(!printer.is_available());
        assert!(matches!(
            printer.print("<p>x</p>"),
            Err(ExportError::ChromiumMissing(_))
        ));
    }
}
