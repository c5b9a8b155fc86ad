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
use crate::app;
use crate::domain::roles::StakeholderCategory;
use crate::paths;
use crate::security::tokens;

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
    Ok(state.run(app::setup::is_open).await?)
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
    let SetupForm { token, account } = form.into_inner();
    if !setup_open(&state, &token).await? {
        return Err(AppError::NotFound);
    }
    let (parsed, errors) = parse_registration(&account, ctx.lang);
    let Some((registration, password)) = parsed else {
        return again(ctx, token, account, errors);
    };
    let session_token = tokens::random_token();
    let session_hash = tokens::token_hash(&session_token);
    let public_url = state.settings.public_url.clone();
    let created = state
        .run_hashing(move |conn| {
            app::setup::create_first_administrator(
                conn,
                &registration,
                &password,
                &session_hash,
                &public_url,
            )
        })
        .await?;
    match created {
        Ok(account_id) => {
            state.mail_wake.notify_one();
            tracing::info!(account_id, "first administrator created");
            let mut response =
                page::see_other(&format!("{}?notice=welcome-administrator", paths::admin()));
            response
                .add_cookie(&session::cookie(
                    SESSION_COOKIE,
                    session_token,
                    state.settings.secure_cookies(),
                ))
                .map_err(AppError::internal)?;
            Ok(response)
        }
        Err(app::Error::Invalid(errors)) => again(ctx, token, account, errors),
        Err(other) => Err(other.into()),
    }
}

/// The form again with its errors; passwords are never sent back to the browser.
fn again(
    ctx: Ctx,
    token: String,
    mut account: RegisterForm,
    errors: FieldErrors,
) -> Result<HttpResponse, AppError> {
    account.password.clear();
    account.password_again.clear();
    page::invalid(&SetupPage {
        ctx,
        token,
        form: account,
        errors,
    })
}
