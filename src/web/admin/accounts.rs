//! Accounts of the instance: find them, disable and enable them, make administrators.
//! Disabling removes every session of the account at once.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::app;
use crate::domain::roles::StakeholderCategory;
use crate::paths;
use crate::store::accounts::AccountListing;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::page::{self, Ctx};
use crate::web::session::SignedIn;

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

    /// A participant without an organisation counts as "other".
    fn category_key(&self, category: &Option<StakeholderCategory>) -> String {
        category.unwrap_or(StakeholderCategory::Other).label_key()
    }
}

#[get("/accounts")]
pub async fn account_list(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    query: web::Query<SearchQuery>,
) -> Result<HttpResponse, AppError> {
    let q: String = query.into_inner().q.chars().take(200).collect();
    let search = q.clone();
    let person = user.person();
    let accounts = state
        .run(move |conn| app::admin::accounts::search(conn, person, &search))
        .await?;
    page::ok(&AccountsPage {
        ctx,
        query: q,
        accounts,
        me: user.id,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AccountChange {
    /// Missing is an unknown change, refused after the permission check like any other.
    change: String,
}

/// Disables, enables, or changes the administrator flag of an account.
#[post("/accounts/{account}")]
pub async fn set_account_state(
    user: SignedIn,
    state: web::Data<AppState>,
    path: web::Path<i64>,
    form: web::Form<AccountChange>,
) -> Result<HttpResponse, AppError> {
    let account_id = path.into_inner();
    let change = form.into_inner().change;
    let person = user.person();
    state
        .run(move |conn| app::admin::accounts::change_account(conn, person, account_id, &change))
        .await?;
    Ok(page::see_other(&format!(
        "{}?notice=saved",
        paths::admin_accounts()
    )))
}
