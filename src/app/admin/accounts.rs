//! Accounts of the instance, for its administrators: find them, disable and enable them,
//! make and unmake administrators. Disabling removes every session of the account at once.

use super::require_administrator;
use crate::app::{Error, Person, Result};
use crate::db::DbConnection;
use crate::store::accounts::{self, AccountListing};
use crate::store::audit::{self, Entry};
use crate::store::sessions;

/// The most accounts a search lists.
const LISTED: i64 = 200;

/// Accounts whose name, email or organisation contains `query`, newest first.
pub fn search(conn: &mut DbConnection, person: Person, query: &str) -> Result<Vec<AccountListing>> {
    require_administrator(person)?;
    Ok(accounts::search_accounts(conn, query, LISTED)?)
}

/// What an administrator can change about an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Disable,
    Enable,
    MakeAdmin,
    RemoveAdmin,
}

impl Change {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "disable" => Some(Change::Disable),
            "enable" => Some(Change::Enable),
            "make-admin" => Some(Change::MakeAdmin),
            "remove-admin" => Some(Change::RemoveAdmin),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Change::Disable => "disable",
            Change::Enable => "enable",
            Change::MakeAdmin => "make-admin",
            Change::RemoveAdmin => "remove-admin",
        }
    }
}

/// Applies `change` (as typed) to the account `account_id`. An unknown change, or one by
/// which administrators would lock themselves out, is a bad request.
pub fn change_account(
    conn: &mut DbConnection,
    person: Person,
    account_id: i64,
    change: &str,
) -> Result<()> {
    require_administrator(person)?;
    let change = Change::parse(change).ok_or(Error::BadRequest("unknown change"))?;
    let actor_id = person.account_id;
    if account_id == actor_id && matches!(change, Change::Disable | Change::RemoveAdmin) {
        return Err(Error::BadRequest("cannot change your own access"));
    }
    crate::app::transaction(conn, |conn| {
        accounts::account_by_id(conn, account_id)?.ok_or(Error::NotFound)?;
        match change {
            Change::Disable => {
                accounts::set_disabled(conn, account_id, true)?;
                sessions::delete_sessions_of_account(conn, account_id)?;
            }
            Change::Enable => accounts::set_disabled(conn, account_id, false)?,
            Change::MakeAdmin => accounts::set_admin(conn, account_id, true)?,
            Change::RemoveAdmin => accounts::set_admin(conn, account_id, false)?,
        }
        audit::record(
            conn,
            Entry {
                actor_id: Some(actor_id),
                process_id: None,
                action: "account.change",
                subject: format!("account:{account_id}"),
                detail: serde_json::json!({ "change": change.as_str() }),
            },
        )?;
        Ok(())
    })?;
    tracing::info!(account_id, actor_id, "account changed by an administrator");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_reads_back_as_it_was_written() {
        for change in [
            Change::Disable,
            Change::Enable,
            Change::MakeAdmin,
            Change::RemoveAdmin,
        ] {
            assert_eq!(Change::parse(change.as_str()), Some(change));
        }
        assert_eq!(Change::parse("delete"), None);
    }
}
