//! A person's own account: registering, the profile page, changing the password, the
//! language they read in.
//!
//! No outcome tells whether an address has an account: registering a known address ends the
//! same way as a new one. Passwords are hashed here, so off the async workers; nothing here
//! knows HTTP or sessions' cookies.

use serde::Deserialize;

use super::{Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::notifications::Delivery;
use crate::domain::roles::StakeholderCategory;
use crate::domain::validation::{FieldErrors, NewPassword};
use crate::security::passwords;
use crate::store::accounts::{self, Registration, RegistrationError};
use crate::store::audit::{self, Entry};
use crate::store::{notifications, sessions};

/// Registers an account. A known address ends as a new one does (nothing is written); an
/// organisation known under another category is `Invalid` on `category`.
pub fn register(
    conn: &mut DbConnection,
    registration: &Registration,
    password: &NewPassword,
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
