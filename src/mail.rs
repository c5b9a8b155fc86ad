//! Sending mail: the transport (the SMTP server of `CONCORD_SMTP_URL`, or without one a
//! folder of `.eml` files beside the database) and the background task that sends what the
//! outbox holds (`app::mail`). The task runs in every instance; the outbox's leases keep two
//! from sending one message.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use actix_web::web::Data;
use anyhow::Context;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::config::{DatabaseUrl, Settings};
use crate::store::mail::OutboxMail;
use crate::web::AppState;

/// Where messages go.
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// No SMTP server configured: each message is written to this folder.
    Folder(PathBuf),
}

/// Sends one message at a time, from the configured sender.
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    /// The domain of message ids.
    domain: String,
}

/// Messages claimed per round; the rest wait for the next.
const BATCH: i64 = 20;

impl Mailer {
    pub fn new(settings: &Settings) -> anyhow::Result<Mailer> {
        let from: Mailbox = settings
            .mail_from
            .parse()
            .context("CONCORD_MAIL_FROM is not a mail address")?;
        let domain = from.email.domain().to_string();
        let transport = match &settings.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.as_str())
                    .context("CONCORD_SMTP_URL cannot be used")?
                    .timeout(Some(Duration::from_secs(30)))
                    .build(),
            ),
            None => Transport::Folder(outbox_folder(&settings.database_url)),
        };
        Ok(Mailer {
            transport,
            from,
            domain,
        })
    }

    /// Where messages are written when there is no SMTP server.
    pub fn folder(&self) -> Option<&Path> {
        match &self.transport {
            Transport::Folder(dir) => Some(dir),
            Transport::Smtp(_) => None,
        }
    }

    /// The message as it travels: plain text in UTF-8, with an id of its own that stays the
    /// same if it ever has to be sent again, so a reader's mail program can tell.
    fn message(&self, mail: &OutboxMail) -> anyhow::Result<Message> {
        let to: Mailbox = mail
            .recipient
            .parse()
            .with_context(|| format!("outbox message {} has an unusable recipient", mail.id))?;
        let id = format!(
            "<concord.{}.{}@{}>",
            mail.id,
            mail.created_at.and_utc().timestamp(),
            self.domain
        );
        Ok(Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .message_id(Some(id))
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body_text.clone())?)
    }

    /// Sends one message; an error says why it was not (it is then tried again later).
    pub async fn deliver(&self, mail: &OutboxMail) -> anyhow::Result<()> {
        let message = self.message(mail)?;
        match &self.transport {
            Transport::Smtp(smtp) => {
                smtp.send(message).await?;
                tracing::info!(outbox_id = mail.id, kind = mail.kind.as_str(), "mail sent");
            }
            Transport::Folder(dir) => {
                let bytes = message.formatted();
                let dir = dir.clone();
                let name = format!("{:08}.eml", mail.id);
                let path = tokio::task::spawn_blocking(move || -> std::io::Result<PathBuf> {
                    std::fs::create_dir_all(&dir)?;
                    let path = dir.join(name);
                    // Written whole under another name first, so a reader never sees half.
                    let partial = path.with_extension("eml.partial");
                    std::fs::write(&partial, bytes)?;
                    std::fs::rename(&partial, &path)?;
                    Ok(path)
                })
                .await??;
                tracing::info!(
                    outbox_id = mail.id,
                    kind = mail.kind.as_str(),
                    path = %path.display(),
                    "no SMTP server configured (CONCORD_SMTP_URL): mail written to a file"
                );
            }
        }
        Ok(())
    }
}

/// The folder of `.eml` files: beside a SQLite file (`concord.db.outbox`), or for PostgreSQL
/// in the temporary directory, one per database.
pub fn outbox_folder(url: &DatabaseUrl) -> PathBuf {
    match url {
        DatabaseUrl::Sqlite(path) => {
            let mut name = path.as_os_str().to_owned();
            name.push(".outbox");
            PathBuf::from(name)
        }
        DatabaseUrl::Postgres(url) => {
            let database = url
                .rsplit('/')
                .next()
                .and_then(|rest| rest.split('?').next())
                .unwrap_or("concord");
            let safe: String = database
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            std::env::temp_dir().join(format!("concord-outbox-{safe}"))
        }
    }
}

/// Runs blocking database work of the sender off the async workers.
async fn blocking<T: Send + 'static>(
    state: &Data<AppState>,
    f: impl FnOnce(&mut crate::db::DbConnection) -> crate::app::Result<T> + Send + 'static,
) -> anyhow::Result<T> {
    let pool = state.pool.clone();
    let outcome = actix_web::web::block(move || -> anyhow::Result<T> {
        let mut conn = crate::db::checkout(&pool)?;
        Ok(f(&mut conn)?)
    })
    .await??;
    Ok(outcome)
}

/// One round: notifications that are due become messages, then every message that is due
/// is claimed, sent and marked, a batch at a time.
async fn round(state: &Data<AppState>, mailer: &Mailer) -> anyhow::Result<()> {
    let public_url = state.settings.public_url.clone();
    let queued = blocking(state, move |conn| {
        crate::app::mail::queue_notifications(conn, &public_url)
    })
    .await?;
    if queued > 0 {
        tracing::info!(messages = queued, "notifications written to the outbox");
    }
    loop {
        let claimed = blocking(state, |conn| crate::app::mail::claim_due(conn, BATCH)).await?;
        if claimed.is_empty() {
            return Ok(());
        }
        for mail in claimed {
            match mailer.deliver(&mail).await {
                Ok(()) => blocking(state, move |conn| crate::app::mail::sent(conn, &mail)).await?,
                Err(e) => {
                    let error = format!("{e:#}");
                    tracing::warn!(outbox_id = mail.id, attempts = mail.attempts, error = %error, "mail not sent; it will be tried again");
                    blocking(state, move |conn| {
                        crate::app::mail::failed(conn, &mail, &error)
                    })
                    .await?;
                }
            }
        }
    }
}

/// The sender: a round at start (what a stopped instance left), then whenever a request
/// wrote a message (`AppState::mail_wake`) or the poll interval has passed.
pub async fn run(state: Data<AppState>, mailer: Arc<Mailer>) {
    if let Some(dir) = mailer.folder() {
        tracing::info!(folder = %dir.display(), "no SMTP server configured (CONCORD_SMTP_URL): mail is written to this folder");
    }
    let poll = Duration::from_secs(state.settings.mail_poll_seconds);
    loop {
        if let Err(e) = round(&state, &mailer).await {
            tracing::warn!(error = %format!("{e:#}"), "the mail sender's round failed; it tries again");
        }
        tokio::select! {
            _ = tokio::time::sleep(poll) => {}
            _ = state.mail_wake.notified() => {}
        }
    }
}
