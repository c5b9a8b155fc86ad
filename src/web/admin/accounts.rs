//! Accounts of the instance: find them, disable and enable them, make administrators.
//! Disabling removes every session of the account at once.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::domain::roles::StakeholderCategory;
use crate::store::accounts::{self, AccountListing};
use crate::store::audit::{self, Entry};
use crate::store::sessions;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::Administrator;

#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

#[derive(Template)]
#[template(path = "admin/accounts.html")]
struct AccountsPage {
    ctx: Ctx,
    query: String,
    accounts: Vec<AccountListing>,
    me: i64,
}

impl AccountsPage {
    fn is_me(&self, id: &i64) -> bool {
        *id == self.me
    }

    fn category_key(&self, raw: &Option<String>) -> String {
        raw.as_deref()
            .and_then(StakeholderCategory::parse)
            .unwrap_or(StakeholderCategory::Other)
            .label_key()
    }
}

#[get("/accounts")]
pub async fn account_list(
    ctx: Ctx,
    admin: Administrator,
    state: web::Data<AppState>,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let q: String = query.into_inner().q.chars().take(200).collect();
    let search = q.clone();
    let accounts = state
        .db(move |conn| Ok(accounts::search_accounts(conn, &search, 200)?))
        .await?;
    page::ok(&AccountsPage {
        ctx,
        query: q,
        accounts,
        me: admin.0.id,
    })
}

#[derive(Debug, Deserialize)]
pub struct AccountChange {
    change: String,
}

/// Disables, enables, or changes the administrator flag of an account.
#[post("/accounts/{account}")]
pub async fn set_account_state(
    admin: Administrator,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<AccountChange>,
) -> Result<HttpResponse, AppError> {
    let account_id = path.into_inner();
    let actor_id = admin.0.id;
    let change = form.into_inner().change;
    if !matches!(
        change.as_str(),
        "disable" | "enable" | "make-admin" | "remove-admin"
    ) {
        return Err(AppError::BadRequest("unknown change"));
    }
    // Administrators cannot lock themselves out.
    if account_id == actor_id && matches!(change.as_str(), "disable" | "remove-admin") {
        return Err(AppError::BadRequest("cannot change your own access"));
    }
    state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                accounts::account_by_id(conn, account_id)?.ok_or(AppError::NotFound)?;
                match change.as_str() {
                    "disable" => {
                        accounts::set_disabled(conn, account_id, true)?;
                        sessions::delete_sessions_of_account(conn, account_id)?;
                    }
                    "enable" => accounts::set_disabled(conn, account_id, false)?,
                    "make-admin" => accounts::set_admin(conn, account_id, true)?,
                    _ => accounts::set_admin(conn, account_id, false)?,
                }
                audit::record(
                    conn,
                    Entry {
                        actor_id: Some(actor_id),
                        process_id: None,
                        action: "account.change",
                        subject: format!("account:{account_id}"),
                        detail: serde_json::json!({ "change": change }),
                    },
                )?;
                Ok(())
            })
        })
        .await?;
    tracing::info!(account_id, actor_id, "account changed by an administrator");
    Ok(page::see_other("/admin/accounts?notice=saved"))
}
