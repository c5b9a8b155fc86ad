//! A newcomer's journey through the mail, in Chromium: registers, confirms the address from
//! the message the test SMTP server received, signs out, forgets the password, resets it
//! from the second message and signs in with the new one. Every page is checked by axe-core
//! and the Nu HTML checker.

use std::time::Duration;

use fantoccini::{Client, Locator};

use super::audit::Audit;
use super::{browser, fill, press, wait_for_url};
use crate::helpers::{Backend, PASSWORD, spawn_app_with};
use crate::mail::sink::SmtpSink;

type Step<T = ()> = Result<T, String>;

const EMAIL: &str = "noor@newcomers.example.org";
const NEW_PASSWORD: &str = "a brand new quiet river";

struct Walk<'a> {
    client: &'a Client,
    address: String,
    audit: Audit,
}

impl Walk<'_> {
    async fn open(&mut self, path: &str, what: &str) -> Step {
        self.client
            .goto(&format!("{}{path}", self.address))
            .await
            .map_err(|e| e.to_string())?;
        self.audit.check(self.client, what).await
    }

    /// Clicks the link that reads `text`, and waits for the address to hold `arrives`.
    async fn follow(&mut self, text: &str, arrives: &str, what: &str) -> Step {
        self.client
            .find(Locator::XPath(&format!("//a[normalize-space()='{text}']")))
            .await
            .map_err(|e| format!("a link {text:?}: {e}"))?
            .click()
            .await
            .map_err(|e| e.to_string())?;
        wait_for_url(self.client, arrives).await?;
        self.audit.check(self.client, what).await
    }

    /// Presses the button that reads `text`, and waits for the address to hold `arrives`.
    async fn press(&mut self, text: &str, arrives: &str, what: &str) -> Step {
        press(self.client, text).await;
        wait_for_url(self.client, arrives).await?;
        // The new page is whole before it is checked.
        tokio::time::sleep(Duration::from_millis(200)).await;
        self.audit.check(self.client, what).await
    }

    async fn sees(&self, text: &str) -> Step {
        let page = self.client.source().await.map_err(|e| e.to_string())?;
        if page.contains(text) {
            Ok(())
        } else {
            Err(format!("{text:?} is not on the page:\n{page}"))
        }
    }
}

async fn walk(w: &mut Walk<'_>, sink: &SmtpSink) -> Step {
    w.open("/", "the home page").await?;
    w.follow("Register", "/register", "the registration form")
        .await?;
    fill(w.client, "Email address", EMAIL).await;
    fill(w.client, "Your name", "Noor Newcomer").await;
    fill(w.client, "Organisation or delegation", "Newcomers Network").await;
    super::choose(w.client, "Stakeholder category", "Civil society").await;
    fill(w.client, "Password", PASSWORD).await;
    fill(w.client, "Password, again", PASSWORD).await;
    w.press(
        "Register",
        "notice=registered",
        "the sign-in page after registering",
    )
    .await?;
    w.sees("We have sent a link to confirm the address.")
        .await?;

    // The confirmation, read back from the SMTP server.
    let confirmation = sink.wait_for(EMAIL, 1).await.remove(0);
    let link = confirmation.link("/account/confirm/");
    w.open(&link, "the confirmation page").await?;
    w.press(
        "Confirm my address",
        "notice=address-confirmed",
        "the sign-in page, confirmed",
    )
    .await?;
    w.sees("Your email address is confirmed.").await?;

    fill(w.client, "Email address", EMAIL).await;
    fill(w.client, "Password", PASSWORD).await;
    press(w.client, "Sign in").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    w.open("/account", "the account page, address confirmed")
        .await?;
    w.sees("Your email address is confirmed.").await?;
    w.press("Sign out", "notice=signed-out", "the home page, signed out")
        .await?;

    // Forgotten: the sign-in page leads to the form, which sends the link.
    w.follow("Sign in", "/login", "the sign-in page").await?;
    w.follow(
        "Forgot your password?",
        "/account/forgot",
        "the forgotten-password form",
    )
    .await?;
    fill(w.client, "Email address", EMAIL).await;
    w.press(
        "Send the link",
        "notice=reset-sent",
        "the sign-in page, link sent",
    )
    .await?;
    w.sees("If an account has this address").await?;
    let reset = sink.wait_for(EMAIL, 2).await.remove(1);
    let link = reset.link("/account/reset/");
    w.open(&link, "the new-password form").await?;
    fill(w.client, "New password", NEW_PASSWORD).await;
    fill(w.client, "New password, again", NEW_PASSWORD).await;
    w.press(
        "Save the new password",
        "notice=password-reset",
        "the sign-in page, password reset",
    )
    .await?;
    w.sees("Your new password is saved.").await?;

    fill(w.client, "Email address", EMAIL).await;
    fill(w.client, "Password", NEW_PASSWORD).await;
    press(w.client, "Sign in").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    w.open(
        "/account",
        "the account page, signed in with the new password",
    )
    .await?;
    w.sees("Noor Newcomer").await?;
    // The link, used, says so.
    w.open(&link, "a spent reset link").await?;
    w.sees("This link no longer works").await
}

#[tokio::test]
async fn a_newcomer_confirms_the_address_and_resets_the_password_from_the_mail() {
    let sink = SmtpSink::start();
    let url = sink.url();
    let Some(app) = spawn_app_with(
        Backend::Sqlite,
        &[
            ("CONCORD_SMTP_URL", url.as_str()),
            ("CONCORD_MAIL_POLL_SECONDS", "1"),
        ],
        false,
    )
    .await
    else {
        return;
    };
    let Some((client, _driver)) = browser().await else {
        return;
    };
    let mut w = Walk {
        client: &client,
        address: app.address.clone(),
        audit: Audit::new(),
    };
    let outcome = walk(&mut w, &sink).await;
    let audit = w.audit;
    let _ = client.close().await;
    outcome.expect("the journey through the mail succeeds");
    let pages = audit.pages();
    assert!(pages >= 10, "{pages} pages checked");
    let checked = audit.finish();
    assert!(
        checked.is_ok(),
        "every page passes axe-core and the Nu HTML checker: {}",
        checked.err().unwrap_or_default()
    );
}
