//! Settings: read once from the environment into one typed struct.
//!
//! Every variable is parsed here and nowhere else; a bad value stops start-up with a message
//! naming the variable and what is wrong with it.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use rand::Rng;

use key_file::{development_secret, key_file_path, refuse_shared_key_file};

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err("is empty".into());
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(Self::Postgres(raw.to_string()));
        }
        if raw.contains("://") && !raw.starts_with("sqlite://") {
            return Err("must be a postgres:// URL, a sqlite:// URL or a file path".into());
        }
        let path = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
            .unwrap_or(raw);
        if path.is_empty() {
            return Err("names no SQLite file".into());
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    /// The string diesel's connection expects.
    pub fn connection_string(&self) -> String {
        match self {
            Self::Sqlite(path) => path.display().to_string(),
            Self::Postgres(url) => url.clone(),
        }
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, Self::Sqlite(_))
    }
}

impl fmt::Display for DatabaseUrl {
    /// Shown in logs: never with a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "SQLite file {}", path.display()),
            Self::Postgres(url) => {
                let shown = match (url.find("://"), url.rfind('@')) {
                    (Some(scheme), Some(at)) if at > scheme => {
                        format!("{}://…@{}", &url[..scheme], &url[at + 1..])
                    }
                    _ => url.clone(),
                };
                write!(f, "PostgreSQL {shown}")
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// SQLite's `synchronous` pragma. FULL survives a power loss; NORMAL (in WAL mode) survives
/// a killed process but may lose the last commits on power loss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteSynchronous {
    Full,
    Normal,
}

/// The key that signs CSRF tokens. At least 32 bytes.
#[derive(Clone)]
pub struct SecretKey(Vec<u8>);

impl SecretKey {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.len() < 32 {
            return Err(format!(
                "must be at least 32 characters (it has {}); generate one with `openssl rand -hex 32`",
                raw.len()
            ));
        }
        Ok(Self(raw.as_bytes().to_vec()))
    }

    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(hex(&bytes).into_bytes())
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

/// Lowercase hexadecimal, two digits a byte. Every signed-in request hashes its session's
/// cookie into one of these; formatted byte by byte (`{:02x}` through `fmt`), that was 2 % of
/// a kept review queue's time.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub environment: Environment,
    pub database_url: DatabaseUrl,
    pub bind: SocketAddr,
    pub public_url: String,
    pub secret_key: SecretKey,
    pub log_format: LogFormat,
    pub sqlite_synchronous: SqliteSynchronous,
    pub workers: usize,
    pub session_idle_minutes: i64,
    pub session_max_hours: i64,
    /// Peers whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
    /// Failed sign-ins allowed per minute to one account, after a burst.
    pub login_attempts_per_minute: u32,
    pub login_burst: u32,
    /// Failed sign-ins allowed per minute from one address (to any account), after a burst:
    /// large, so that a conference hall behind one address is not locked out.
    pub login_address_failures_per_minute: u32,
    pub login_address_burst: u32,
    /// Password hashes (argon2, tens of milliseconds of CPU each) computed at once; surplus
    /// sign-ins wait briefly in a bounded queue, then are turned away with 503.
    pub hashing_slots: usize,
    /// Heavy downloads (open-data files, document exports) served at once by this instance;
    /// one more is turned away at once with 503.
    pub export_slots: usize,
    /// How long a request body may take to arrive, in seconds, before it is refused (408):
    /// a client trickling a body must not hold a connection and its buffer forever.
    pub body_seconds: u64,
    /// The SMTP server mail goes through; `None`: messages are written to a folder instead.
    pub smtp_url: Option<SmtpUrl>,
    /// The sender of every message (`Name <address>` or an address).
    pub mail_from: String,
    /// How often, in seconds, the sender looks for messages to send when nothing woke it
    /// (other instances' messages, digests of a day that has ended, retries).
    pub mail_poll_seconds: u64,
}

/// Where mail is sent: an `smtp://` or `smtps://` URL, with credentials if any. `smtp://`
/// to another machine than this one requires STARTTLS unless the URL says `tls=` itself;
/// only to the loopback may mail travel unencrypted.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl(String);

impl SmtpUrl {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        let (scheme, rest) = raw.split_once("://").ok_or(
            "must be an smtp:// or smtps:// URL, such as smtps://user:pass@mail.example.org",
        )?;
        if scheme != "smtp" && scheme != "smtps" {
            return Err(format!(
                "has the scheme {scheme:?}; use smtp:// or smtps://"
            ));
        }
        let authority = rest.split(['/', '?']).next().unwrap_or_default();
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host = match host_port.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or_default(),
            None => host_port.split(':').next().unwrap_or_default(),
        };
        if host.is_empty() {
            return Err("names no host".into());
        }
        let local = host == "localhost"
            || host
                .parse::<IpAddr>()
                .map(|ip| ip.is_loopback())
                .unwrap_or(false);
        let mut url = raw.to_string();
        if scheme == "smtp" && !local && !raw.contains("tls=") {
            url.push(if raw.contains('?') { '&' } else { '?' });
            url.push_str("tls=required");
        }
        Ok(Self(url))
    }

    /// The URL as `lettre` reads it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SmtpUrl {
    /// Never with a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = match (self.0.find("://"), self.0.rfind('@')) {
            (Some(scheme), Some(at)) if at > scheme => {
                format!("{}://…@{}", &self.0[..scheme], &self.0[at + 1..])
            }
            _ => self.0.clone(),
        };
        write!(f, "SmtpUrl({shown})")
    }
}

/// A configuration error: which variable, and why.
#[derive(Debug, thiserror::Error)]
#[error("configuration variable {variable} {reason}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub reason: String,
}

impl Settings {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests can pass their own variables. One statement
    /// per setting, in the order of the README's table, which is why it runs long.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env(&lookup);
        let environment = env.choice(
            "CONCORD_ENV",
            Environment::Development,
            &[
                ("development", Environment::Development),
                ("production", Environment::Production),
            ],
        )?;
        let database_url = DatabaseUrl::parse(
            env.var("DATABASE_URL")
                .as_deref()
                .unwrap_or("sqlite://concord.db"),
        )
        .map_err(|reason| ConfigError::new("DATABASE_URL", reason))?;
        let bind: SocketAddr = env
            .var("CONCORD_BIND")
            .as_deref()
            .unwrap_or("127.0.0.1:8080")
            .trim()
            .parse()
            .map_err(|_| {
                ConfigError::new(
                    "CONCORD_BIND",
                    "must be an address and port, such as 127.0.0.1:8080 or 0.0.0.0:8080",
                )
            })?;
        let public_url = match env.var("CONCORD_PUBLIC_URL") {
            Some(url) => public_url(&url)?,
            None => format!("http://{bind}"),
        };
        let secret_key = secret_key(env.var("CONCORD_SECRET_KEY"), environment, &database_url)?;
        let log_format = env.choice(
            "CONCORD_LOG_FORMAT",
            LogFormat::Text,
            &[("text", LogFormat::Text), ("json", LogFormat::Json)],
        )?;
        let sqlite_synchronous = env.choice(
            "CONCORD_SQLITE_SYNCHRONOUS",
            SqliteSynchronous::Full,
            &[
                ("full", SqliteSynchronous::Full),
                ("normal", SqliteSynchronous::Normal),
            ],
        )?;
        let default_workers = std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(2) as u32;
        Ok(Self {
            environment,
            database_url,
            bind,
            public_url,
            secret_key,
            log_format,
            sqlite_synchronous,
            workers: env.number("CONCORD_WORKERS", default_workers, 256)? as usize,
            session_idle_minutes: i64::from(env.number(
                "CONCORD_SESSION_IDLE_MINUTES",
                120,
                10_080,
            )?),
            session_max_hours: i64::from(env.number("CONCORD_SESSION_MAX_HOURS", 12, 720)?),
            trusted_proxies: trusted_proxies(env.var("CONCORD_TRUSTED_PROXIES"))?,
            login_attempts_per_minute: env.number(
                "CONCORD_LOGIN_ATTEMPTS_PER_MINUTE",
                6,
                10_000,
            )?,
            login_burst: env.number("CONCORD_LOGIN_BURST", 10, 10_000)?,
            login_address_failures_per_minute: env.number(
                "CONCORD_LOGIN_ADDRESS_FAILURES_PER_MINUTE",
                30,
                100_000,
            )?,
            login_address_burst: env.number("CONCORD_LOGIN_ADDRESS_BURST", 300, 100_000)?,
            // One hash at a time leaves the other core to the pages on a two-core machine.
            hashing_slots: env.number("CONCORD_HASHING_SLOTS", 1, 256)? as usize,
            export_slots: env.number("CONCORD_EXPORT_SLOTS", 2, 256)? as usize,
            body_seconds: u64::from(env.number("CONCORD_BODY_SECONDS", 300, 3_600)?),
            smtp_url: env
                .var("CONCORD_SMTP_URL")
                .map(|raw| SmtpUrl::parse(&raw))
                .transpose()
                .map_err(|reason| ConfigError::new("CONCORD_SMTP_URL", reason))?,
            mail_from: mail_from(env.var("CONCORD_MAIL_FROM"), &bind)?,
            mail_poll_seconds: u64::from(env.number("CONCORD_MAIL_POLL_SECONDS", 30, 3_600)?),
        })
    }

    /// Cookies are marked `Secure` when the public address is HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

impl ConfigError {
    fn new(variable: &'static str, reason: impl Into<String>) -> Self {
        Self {
            variable,
            reason: reason.into(),
        }
    }
}

/// The environment as settings read it: a variable set to blanks counts as unset.
struct Env<'a>(&'a dyn Fn(&str) -> Option<String>);

impl Env<'_> {
    fn var(&self, name: &str) -> Option<String> {
        (self.0)(name).filter(|v| !v.trim().is_empty())
    }

    /// One of a few words (any case), or `default` when unset.
    fn choice<T: Copy>(
        &self,
        name: &'static str,
        default: T,
        words: &[(&str, T)],
    ) -> Result<T, ConfigError> {
        let Some(raw) = self.var(name) else {
            return Ok(default);
        };
        let word = raw.trim().to_ascii_lowercase();
        match words.iter().find(|(w, _)| *w == word) {
            Some((_, value)) => Ok(*value),
            None => {
                let names: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
                Err(ConfigError::new(
                    name,
                    format!("is {:?}; use {}", raw.trim(), names.join(" or ")),
                ))
            }
        }
    }

    /// A whole number from 1 to `max`, or `default` when unset.
    fn number(&self, name: &'static str, default: u32, max: u32) -> Result<u32, ConfigError> {
        match self.var(name) {
            None => Ok(default),
            Some(raw) => match raw.trim().parse::<u32>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(ConfigError::new(
                    name,
                    format!("is {raw:?}; use a whole number from 1 to {max}"),
                )),
            },
        }
    }
}

fn public_url(raw: &str) -> Result<String, ConfigError> {
    let url = raw.trim().trim_end_matches('/').to_string();
    if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() <= "https://".len()
    {
        return Err(ConfigError::new(
            "CONCORD_PUBLIC_URL",
            "must start with http:// or https://, such as https://concord.example.org",
        ));
    }
    Ok(url)
}

/// The key that signs cookies: given, required in production, else kept beside the database.
fn secret_key(
    raw: Option<String>,
    environment: Environment,
    database_url: &DatabaseUrl,
) -> Result<SecretKey, ConfigError> {
    let refused = |reason: String| ConfigError::new("CONCORD_SECRET_KEY", reason);
    let key_file = key_file_path(database_url);
    match raw {
        Some(raw) if environment == Environment::Production => {
            refuse_shared_key_file(&key_file).map_err(refused)?;
            SecretKey::parse(&raw).map_err(refused)
        }
        Some(raw) => SecretKey::parse(&raw).map_err(refused),
        None if environment == Environment::Production => Err(refused(
            "is required in production (CONCORD_ENV=production); generate one with `openssl rand -hex 32`".into(),
        )),
        None => development_secret(&key_file).map_err(refused),
    }
}

/// The sender of mail: given, or Concord at the host of the machine (`localhost` for a
/// loopback or unspecified address).
fn mail_from(raw: Option<String>, bind: &SocketAddr) -> Result<String, ConfigError> {
    let from = match raw {
        Some(raw) => raw.trim().to_string(),
        None if bind.ip().is_loopback() || bind.ip().is_unspecified() => {
            "Concord <concord@localhost>".to_string()
        }
        None => format!("Concord <concord@[{}]>", bind.ip()),
    };
    from.parse::<lettre::message::Mailbox>().map_err(|e| {
        ConfigError::new(
            "CONCORD_MAIL_FROM",
            format!("is {from:?}, which is not a mail address ({e}); use such as Concord <concord@example.org>"),
        )
    })?;
    Ok(from)
}

fn trusted_proxies(raw: Option<String>) -> Result<Vec<IpAddr>, ConfigError> {
    let Some(raw) = raw else {
        return Ok(Vec::new());
    };
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpAddr>().map_err(|_| {
                ConfigError::new(
                    "CONCORD_TRUSTED_PROXIES",
                    format!("holds {s:?}, which is not an IP address"),
                )
            })
        })
        .collect()
}

mod key_file;

#[cfg(test)]
mod tests;
