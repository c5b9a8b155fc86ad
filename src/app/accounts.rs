//! A person's own account: registering, the profile page, changing the password, the
//! language they read in.
//!
//! No outcome tells whether an address has an account: registering a known address ends the
//! same way as a new one. Passwords are hashed here, so off the async workers; nothing here
//! knows HTTP or sessions' cookies.

use serde::Deserialize;

use super::{Error, Person, Result, mail};
use crate::db::DbConnection;
use crate::domain::mail::TokenPurpose;
use crate::domain::notifications::Delivery;
use crate::domain::roles::StakeholderCategory;
use crate::domain::validation::{Email, FieldErrors, NewPassword};
use crate::security::passwords;
use crate::security::tokens;
use crate::store::accounts::{self, Registration, RegistrationError};
use crate::store::audit::{self, Entry};
use crate::store::mail as mail_store;
use crate::store::{notifications, sessions};

/// Registers an account and writes, in the same transaction, the mail with the link that
/// confirms its address (links start with `public_url`). A known address ends as a new one
/// does (nothing is written); an organisation known under another category is `Invalid` on
/// `category`.
pub fn register(
    conn: &mut DbConnection,
    registration: &Registration,
    password: &NewPassword,
    public_url: &str,
) -> Result<()> {
    // Hash first, whether or not the address is known, so both take as long.
    let hash = passwords::hash(password.as_str())?;
    super::transaction(conn, |conn| {
        let account = match accounts::create_account(conn, registration, &hash, false) {
            Ok(account) => account,
            Err(RegistrationError::EmailTaken) => return Ok(()),
            Err(RegistrationError::CategoryMismatch(_)) => {
                return Err(Error::invalid("category", "error-category-mismatch"));
            }
            Err(RegistrationError::Database(e)) => return Err(e.into()),
        };
        audit::record(
            conn,
            Entry {
                actor_id: Some(account.id),
                process_id: None,
                action: "account.register",
                subject: format!("account:{}", account.id),
                detail: serde_json::json!({ "organisation_id": account.organisation_id }),
            },
        )?;
        mail::queue_confirmation(conn, &account, public_url, crate::store::now())?;
        tracing::info!(account_id = account.id, "account registered");
        Ok(())
    })
}

/// The account as its owner sees it.
#[derive(Debug, Clone)]
pub struct Profile {
    pub email: String,
    pub display_name: String,
    pub organisation: Option<String>,
    pub category: Option<StakeholderCategory>,
    pub country: Option<String>,
    /// How notifications reach the account.
    pub delivery: Delivery,
    /// Whether the account proved it reads mail at its address.
    pub email_confirmed: bool,
}

pub fn profile(conn: &mut DbConnection, person: Person) -> Result<Profile> {
    let account = accounts::account_by_id(conn, person.account_id)?.ok_or(Error::NotFound)?;
    let organisation = match account.organisation_id {
        Some(id) => accounts::organisation_by_id(conn, id)?,
        None => None,
    };
    let delivery = notifications::delivery_of(conn, person.account_id)?;
    Ok(Profile {
        email: account.email,
        display_name: account.display_name,
        category: organisation.as_ref().map(|o| o.category()),
        organisation: organisation.map(|o| o.name),
        country: account.country,
        delivery,
        email_confirmed: account.email_confirmed_at.is_some(),
    })
}

/// What the password form holds, as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    pub current_password: String,
    pub new_password: String,
    pub new_password_again: String,
}

/// Changes the password, and signs the account out of every browser but the one whose
/// session is `keep`. Every problem with the form is `Invalid`, beside its field.
pub fn change_password(
    conn: &mut DbConnection,
    person: Person,
    keep: &str,
    form: &PasswordForm,
) -> Result<()> {
    let mut errors = FieldErrors::default();
    let new_password = errors.check("new_password", NewPassword::parse(&form.new_password));
    if new_password.is_some() && form.new_password != form.new_password_again {
        errors.add("new_password_again", "error-passwords-differ");
    }
    let account_id = person.account_id;
    let account = accounts::account_by_id(conn, account_id)?.ok_or(Error::NotFound)?;
    if !passwords::verify(&form.current_password, &account.password_hash) {
        errors.add("current_password", "error-current-password");
    }
    // Only a new password that passed every check is saved.
    let new_password = match new_password {
        Some(new_password) if errors.is_empty() => new_password,
        _ => return Err(Error::Invalid(errors)),
    };
    let hash = passwords::hash(new_password.as_str())?;
    super::transaction(conn, |conn| {
        accounts::set_password_hash(conn, account_id, &hash)?;
        sessions::delete_other_sessions_of_account(conn, account_id, keep)?;
        audit::record(
            conn,
            Entry {
                actor_id: Some(account_id),
                process_id: None,
                action: "account.password-change",
                subject: format!("account:{account_id}"),
                detail: serde_json::json!({}),
            },
        )?;
        Ok(())
    })
}

/// Remembers the language the person reads in (`code` is a language the site has).
pub fn set_language(conn: &mut DbConnection, person: Person, code: &str) -> Result<()> {
    Ok(accounts::set_language(conn, person.account_id, code)?)
}

/// What asking for the confirmation link again did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resent {
    /// A new link is on its way (the earlier ones still work until they expire).
    Sent,
    /// The address was confirmed already: nothing was sent.
    AlreadyConfirmed,
}

/// Sends the link that confirms the person's address again.
pub fn resend_confirmation(
    conn: &mut DbConnection,
    person: Person,
    public_url: &str,
) -> Result<Resent> {
    super::transaction(conn, |conn| {
        let account = accounts::account_by_id(conn, person.account_id)?.ok_or(Error::NotFound)?;
        if account.email_confirmed_at.is_some() {
            return Ok(Resent::AlreadyConfirmed);
        }
        mail::queue_confirmation(conn, &account, public_url, crate::store::now())?;
        Ok(Resent::Sent)
    })
}

/// Whether a confirmation link still works (for the page that asks to use it).
pub fn confirmation_link_works(conn: &mut DbConnection, token: &str) -> Result<bool> {
    let hash = tokens::token_hash(token);
    let now = crate::store::now();
    Ok(mail_store::token_account(conn, &hash, TokenPurpose::ConfirmAddress, now)?.is_some())
}

/// Confirms the address a link was sent to; `false` when the link is unknown, used or
/// expired (then nothing changes).
pub fn confirm_address(conn: &mut DbConnection, token: &str) -> Result<bool> {
    let hash = tokens::token_hash(token);
    super::transaction(conn, |conn| {
        let now = crate::store::now();
        let Some(account_id) =
            mail_store::spend_token(conn, &hash, TokenPurpose::ConfirmAddress, now)?
        else {
            return Ok(false);
        };
        mail_store::confirm_address(conn, account_id, now)?;
        mail_store::spend_tokens_of(conn, account_id, TokenPurpose::ConfirmAddress, now)?;
        audit::record(
            conn,
            Entry {
                actor_id: Some(account_id),
                process_id: None,
                action: "account.confirm-address",
                subject: format!("account:{account_id}"),
                detail: serde_json::json!({}),
            },
        )?;
        Ok(true)
    })
}

/// Asks for a password-reset link for `email` (`None`: not an address at all). Whether or
/// not an account has the address, the same work happens in the same order (a token is made
/// and hashed, the account looked up in a transaction) and the outcome is the same; only a
/// known, enabled account is sent the link.
pub fn request_password_reset(
    conn: &mut DbConnection,
    email: Option<&Email>,
    public_url: &str,
) -> Result<()> {
    let token = tokens::random_token();
    let token_hash = tokens::token_hash(&token);
    super::transaction(conn, |conn| {
        let account = match email {
            Some(email) => accounts::account_by_email(conn, email)?,
            None => None,
        };
        let Some(account) = account.filter(|a| !a.disabled) else {
            return Ok(());
        };
        mail::queue_password_reset(
            conn,
            &account,
            &token,
            &token_hash,
            public_url,
            crate::store::now(),
        )?;
        audit::record(
            conn,
            Entry {
                actor_id: None,
                process_id: None,
                action: "account.password-reset-requested",
                subject: format!("account:{}", account.id),
                detail: serde_json::json!({}),
            },
        )?;
        Ok(())
    })
}

/// Whether a reset link still works (for the page that shows its form).
pub fn reset_link_works(conn: &mut DbConnection, token: &str) -> Result<bool> {
    let hash = tokens::token_hash(token);
    let now = crate::store::now();
    Ok(mail_store::token_account(conn, &hash, TokenPurpose::ResetPassword, now)?.is_some())
}

/// What the reset form holds, as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    pub new_password: String,
    pub new_password_again: String,
}

/// What using a reset link did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reset {
    /// The password of the link's account is set; its sessions are all ended.
    Done,
    /// The link is unknown, used or expired: nothing changed.
    LinkSpent,
}

/// Sets a new password through a reset link: the account is the link's own, whoever sends
/// the form. The link is spent in the same transaction (so it works once), every other
/// reset link of the account and every session of it end, and the address counts as
/// confirmed (the link reached it). A password that breaks the rules is `Invalid`, and the
/// link stays good.
pub fn reset_password(conn: &mut DbConnection, token: &str, form: &ResetForm) -> Result<Reset> {
    let mut errors = FieldErrors::default();
    let new_password = errors.check("new_password", NewPassword::parse(&form.new_password));
    if new_password.is_some() && form.new_password != form.new_password_again {
        errors.add("new_password_again", "error-passwords-differ");
    }
    let new_password = match new_password {
        Some(new_password) if errors.is_empty() => new_password,
        _ => {
            // A spent link says so before any complaint about the password.
            if !reset_link_works(conn, token)? {
                return Ok(Reset::LinkSpent);
            }
            return Err(Error::Invalid(errors));
        }
    };
    if !reset_link_works(conn, token)? {
        return Ok(Reset::LinkSpent);
    }
    let hash = passwords::hash(new_password.as_str())?;
    let token_hash = tokens::token_hash(token);
    super::transaction(conn, |conn| {
        let now = crate::store::now();
        let Some(account_id) =
            mail_store::spend_token(conn, &token_hash, TokenPurpose::ResetPassword, now)?
        else {
            return Ok(Reset::LinkSpent);
        };
        accounts::set_password_hash(conn, account_id, &hash)?;
        mail_store::spend_tokens_of(conn, account_id, TokenPurpose::ResetPassword, now)?;
        mail_store::confirm_address(conn, account_id, now)?;
        sessions::delete_sessions_of_account(conn, account_id)?;
        audit::record(
            conn,
            Entry {
                actor_id: Some(account_id),
                process_id: None,
                action: "account.password-reset",
                subject: format!("account:{account_id}"),
                detail: serde_json::json!({}),
            },
        )?;
        tracing::info!(account_id, "password reset through a mailed link");
        Ok(Reset::Done)
    })
}
