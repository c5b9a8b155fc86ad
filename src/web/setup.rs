//! The first administrator: on an empty instance, start-up prints a one-time link to this
//! form. It stops working as soon as an administrator exists.

use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;
use subtle::ConstantTimeEq;

use super::AppState;
use super::accounts::{RegisterForm, parse_registration};
use super::error::AppError;
use super::page::{self, Ctx, FieldErrors};
use super::session::{self, SESSION_COOKIE};
use crate::domain::roles::StakeholderCategory;
use crate::security::{passwords, tokens};
use crate::store::accounts::{self, RegistrationError};
use crate::store::audit::{self, Entry};
use crate::store::sessions;

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

#[derive(Template)]
#[template(path = "accounts/setup.html")]
struct SetupPage {
    ctx: Ctx,
    token: String,
    form: RegisterForm,
    errors: FieldErrors,
}

impl SetupPage {
    fn categories(&self) -> [StakeholderCategory; 12] {
        StakeholderCategory::ALL
    }
}

/// Whether `token` opens the setup form now: it must match and no administrator may exist.
async fn setup_open(state: &AppState, token: &str) -> Result<bool, AppError> {
    let matches: bool = state.setup_token.as_bytes().ct_eq(token.as_bytes()).into();
    if !matches {
        return Ok(false);
    }
    let admins = state
        .db(|conn| Ok(accounts::administrator_count(conn)?))
        .await?;
    Ok(admins == 0)
}

#[get("/setup")]
pub async fn setup_form(
    ctx: Ctx,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    if !setup_open(&state, &query.token).await? {
        return Err(AppError::NotFound);
    }
    page::ok(&SetupPage {
        ctx,
        token: query.token.clone(),
        form: RegisterForm::default(),
        errors: FieldErrors::default(),
    })
}

#[derive(Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    token: String,
    #[serde(flatten)]
    account: RegisterForm,
}

#[post("/setup")]
pub async fn setup(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<SetupForm>,
) -> Result<HttpResponse, AppError> {
    let SetupForm { token, mut account } = form.into_inner();
    if !setup_open(&state, &token).await? {
        return Err(AppError::NotFound);
    }
    let (parsed, mut errors) = parse_registration(&account, ctx.lang);
    if let Some((registration, password)) = parsed {
        let session_token = tokens::random_token();
        let session_hash = tokens::token_hash(&session_token);
        let created = state
            .db(move |conn| {
                let hash = passwords::hash(password.as_str())?;
                crate::db::write_transaction(conn, |conn| {
                    // Checked again inside the transaction: two tabs cannot both succeed.
                    if accounts::administrator_count(conn)? > 0 {
                        return Err(AppError::NotFound);
                    }
                    let account = match accounts::create_account(conn, &registration, &hash, true) {
                        Ok(account) => account,
                        Err(RegistrationError::Database(e)) => return Err(e.into()),
                        Err(other) => return Ok(Err(other)),
                    };
                    sessions::create_session(conn, &session_hash, account.id)?;
                    audit::record(
                        conn,
                        Entry {
                            actor_id: Some(account.id),
                            process_id: None,
                            action: "account.first-administrator",
                            subject: format!("account:{}", account.id),
                            detail: serde_json::json!({}),
                        },
                    )?;
                    Ok(Ok(account.id))
                })
            })
            .await?;
        match created {
            Ok(account_id) => {
                tracing::info!(account_id, "first administrator created");
                let mut response = page::see_other("/admin?notice=welcome-administrator");
                response
                    .add_cookie(&session::cookie(
                        SESSION_COOKIE,
                        session_token,
                        state.settings.secure_cookies(),
                    ))
                    .map_err(AppError::internal)?;
                return Ok(response);
            }
            Err(RegistrationError::CategoryMismatch(_)) => {
                errors.add("category", "error-category-mismatch")
            }
            Err(_) => errors.add("email", "error-email-taken"),
        }
    }
    account.password.clear();
    account.password_again.clear();
    page::invalid(&SetupPage {
        ctx,
        token,
        form: account,
        errors,
    })
}
