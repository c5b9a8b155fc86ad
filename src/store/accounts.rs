//! Accounts and the organisations they belong to.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{accounts, organisations};
use crate::domain::roles::StakeholderCategory;
use crate::domain::validation::{DisplayName, Email, OrganisationName};

#[derive(Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = accounts)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub organisation_id: Option<i64>,
    pub country: Option<String>,
    pub language: Option<String>,
    pub is_admin: bool,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
    /// When the account proved it reads mail at its address; `None` until then.
    pub email_confirmed_at: Option<NaiveDateTime>,
}

impl std::fmt::Debug for Account {
    /// Never prints the password hash.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("is_admin", &self.is_admin)
            .field("disabled", &self.disabled)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = organisations)]
pub struct Organisation {
    pub id: i64,
    pub name: String,
    pub name_key: String,
    pub category: StakeholderCategory,
    pub country: Option<String>,
    pub created_at: NaiveDateTime,
}

impl Organisation {
    pub fn category(&self) -> StakeholderCategory {
        self.category
    }
}

/// What registration asks for, already parsed.
#[derive(Debug)]
pub struct Registration {
    pub email: Email,
    pub display_name: DisplayName,
    pub organisation: OrganisationName,
    pub category: StakeholderCategory,
    pub country: Option<String>,
    pub language: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum RegistrationError {
    #[error("the email address is taken")]
    EmailTaken,
    /// The organisation exists under another stakeholder category.
    #[error("organisation registered as {0:?}")]
    CategoryMismatch(StakeholderCategory),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

pub fn account_count(conn: &mut DbConnection) -> QueryResult<i64> {
    accounts::table.count().get_result(conn)
}

pub fn administrator_count(conn: &mut DbConnection) -> QueryResult<i64> {
    accounts::table
        .filter(accounts::is_admin.eq(true))
        .count()
        .get_result(conn)
}

pub fn account_by_email(conn: &mut DbConnection, email: &Email) -> QueryResult<Option<Account>> {
    accounts::table
        .filter(accounts::email.eq(email.as_str()))
        .select(Account::as_select())
        .first(conn)
        .optional()
}

pub fn account_by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Account>> {
    accounts::table
        .find(id)
        .select(Account::as_select())
        .first(conn)
        .optional()
}

pub fn organisation_by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Organisation>> {
    organisations::table
        .find(id)
        .select(Organisation::as_select())
        .first(conn)
        .optional()
}

/// The organisation of that name (ignoring case and spacing), if any.
fn organisation_named(
    conn: &mut DbConnection,
    name: &OrganisationName,
) -> QueryResult<Option<Organisation>> {
    organisations::table
        .filter(organisations::name_key.eq(name.key()))
        .select(Organisation::as_select())
        .first(conn)
        .optional()
}

/// An existing organisation of that name, refused when it is of another category.
fn organisation_of_category(
    conn: &mut DbConnection,
    name: &OrganisationName,
    category: StakeholderCategory,
) -> Result<Option<Organisation>, RegistrationError> {
    match organisation_named(conn, name)? {
        Some(organisation) if organisation.category() != category => {
            Err(RegistrationError::CategoryMismatch(organisation.category()))
        }
        found => Ok(found),
    }
}

fn create_organisation(
    conn: &mut DbConnection,
    name: &OrganisationName,
    category: StakeholderCategory,
    country: Option<&str>,
) -> Result<Organisation, RegistrationError> {
    let id = diesel::insert_into(organisations::table)
        .values((
            organisations::name.eq(name.as_str()),
            organisations::name_key.eq(name.key()),
            organisations::category.eq(category),
            organisations::country.eq(country),
            organisations::created_at.eq(super::now()),
        ))
        .returning(organisations::id)
        .get_result::<i64>(conn)?;
    organisation_by_id(conn, id)?
        .ok_or(RegistrationError::Database(diesel::result::Error::NotFound))
}

/// Finds the organisation by its name (ignoring case and spacing), or creates it.
pub fn find_or_create_organisation(
    conn: &mut DbConnection,
    name: &OrganisationName,
    category: StakeholderCategory,
    country: Option<&str>,
) -> Result<Organisation, RegistrationError> {
    match organisation_of_category(conn, name, category)? {
        Some(organisation) => Ok(organisation),
        None => create_organisation(conn, name, category, country),
    }
}

/// Creates an account; call inside a write transaction.
///
/// The organisation's category is checked before the address: a refusal that does not
/// depend on the address must come first, or a known address (`EmailTaken`, which callers
/// answer as a success) and an unknown one would end differently for the same wrong
/// category, telling which addresses have accounts.
pub fn create_account(
    conn: &mut DbConnection,
    registration: &Registration,
    password_hash: &str,
    is_admin: bool,
) -> Result<Account, RegistrationError> {
    let existing =
        organisation_of_category(conn, &registration.organisation, registration.category)?;
    if account_by_email(conn, &registration.email)?.is_some() {
        return Err(RegistrationError::EmailTaken);
    }
    let organisation = match existing {
        Some(organisation) => organisation,
        None => create_organisation(
            conn,
            &registration.organisation,
            registration.category,
            registration.country.as_deref(),
        )?,
    };
    let id = diesel::insert_into(accounts::table)
        .values((
            accounts::email.eq(registration.email.as_str()),
            accounts::display_name.eq(registration.display_name.as_str()),
            accounts::password_hash.eq(password_hash),
            accounts::organisation_id.eq(Some(organisation.id)),
            accounts::country.eq(registration.country.as_deref()),
            accounts::language.eq(registration.language.as_deref()),
            accounts::is_admin.eq(is_admin),
            accounts::disabled.eq(false),
            accounts::created_at.eq(super::now()),
        ))
        .returning(accounts::id)
        .get_result::<i64>(conn)?;
    account_by_id(conn, id)?.ok_or(RegistrationError::Database(diesel::result::Error::NotFound))
}

pub fn set_password_hash(conn: &mut DbConnection, id: i64, hash: &str) -> QueryResult<()> {
    diesel::update(accounts::table.find(id))
        .set(accounts::password_hash.eq(hash))
        .execute(conn)
        .map(drop)
}

pub fn set_language(conn: &mut DbConnection, id: i64, language: &str) -> QueryResult<()> {
    diesel::update(accounts::table.find(id))
        .set(accounts::language.eq(language))
        .execute(conn)
        .map(drop)
}

pub fn set_disabled(conn: &mut DbConnection, id: i64, disabled: bool) -> QueryResult<()> {
    diesel::update(accounts::table.find(id))
        .set(accounts::disabled.eq(disabled))
        .execute(conn)
        .map(drop)
}

pub fn set_admin(conn: &mut DbConnection, id: i64, is_admin: bool) -> QueryResult<()> {
    diesel::update(accounts::table.find(id))
        .set(accounts::is_admin.eq(is_admin))
        .execute(conn)
        .map(drop)
}

/// An account as administrators list it.
#[derive(Debug, Clone, Queryable)]
pub struct AccountListing {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub organisation: Option<String>,
    pub category: Option<StakeholderCategory>,
    pub is_admin: bool,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
}

/// Accounts whose name, email or organisation contains `query`, newest first.
pub fn search_accounts(
    conn: &mut DbConnection,
    query: &str,
    limit: i64,
) -> QueryResult<Vec<AccountListing>> {
    let mut select = accounts::table
        .left_join(organisations::table)
        .select((
            accounts::id,
            accounts::email,
            accounts::display_name,
            organisations::name.nullable(),
            organisations::category.nullable(),
            accounts::is_admin,
            accounts::disabled,
            accounts::created_at,
        ))
        .order(accounts::id.desc())
        .limit(limit)
        .into_boxed();
    let query = query.trim();
    if !query.is_empty() {
        let pattern = format!("%{}%", super::escape_like(&query.to_lowercase()));
        select = select.filter(
            lower(accounts::display_name)
                .like(pattern.clone())
                .escape('\\')
                .or(accounts::email.like(pattern.clone()).escape('\\'))
                .or(lower(organisations::name.assume_not_null())
                    .like(pattern)
                    .escape('\\')),
        );
    }
    select.load(conn)
}

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);
