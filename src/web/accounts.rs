//! Registration, sign-in and sign-out, the account page and password changes.
//!
//! No message, status or timing tells whether an address has an account: registration ends
//! the same way for a new and a known address, and sign-in verifies against a dummy hash when
//! the address is unknown.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::AppState;
use super::error::AppError;
use super::keep;
use super::page::{self, Ctx, FieldErrors};
use super::ratelimit::{self, DEVICE_COOKIE};
use super::session::{self, CurrentUser, SESSION_COOKIE, SignedIn, Visitor};
use crate::app;
use crate::app::accounts::{PasswordForm, Profile, Resent, Reset, ResetForm};
use crate::domain::notifications::Delivery;
use crate::domain::roles::StakeholderCategory;
use crate::domain::validation::{self, DisplayName, Email, NewPassword, OrganisationName};
use crate::i18n::Lang;
use crate::paths;
use crate::security::tokens;
use crate::store::accounts::Registration;

/// What the registration form holds, as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RegisterForm {
    pub email: String,
    pub display_name: String,
    pub organisation: String,
    pub category: String,
    pub country: String,
    pub password: String,
    pub password_again: String,
}

#[derive(Template)]
#[template(path = "accounts/register.html")]
struct RegisterPage {
    ctx: Ctx,
    form: RegisterForm,
    errors: FieldErrors,
}

impl RegisterPage {
    fn categories(&self) -> [StakeholderCategory; 12] {
        StakeholderCategory::ALL
    }
}

#[get("/register")]
pub async fn register_form(ctx: Ctx) -> Result<HttpResponse, AppError> {
    page::ok(&RegisterPage {
        ctx,
        form: RegisterForm::default(),
        errors: FieldErrors::default(),
    })
}

#[post("/register")]
pub async fn register(
    req: HttpRequest,
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<RegisterForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let (parsed, errors) = parse_registration(&form, ctx.lang);
    let Some((registration, password)) = parsed else {
        return again(ctx, form, errors);
    };

    let address = ratelimit::client_address(&req, &state.settings);
    ratelimit::check_registration(&state, address).await?;

    let public_url = state.settings.public_url.clone();
    match state
        .run_hashing(move |conn| {
            app::accounts::register(conn, &registration, &password, &public_url)
        })
        .await?
    {
        Ok(()) => {
            state.mail_wake.notify_one();
            Ok(page::see_other(&format!(
                "{}?notice=registered",
                paths::login()
            )))
        }
        // Only a refusal of a form that parsed: its errors are all there is to show.
        Err(app::Error::Invalid(errors)) => again(ctx, form, errors),
        Err(other) => Err(other.into()),
    }
}

/// Parses the registration fields (shared with the first administrator's setup form).
pub fn parse_registration(
    form: &RegisterForm,
    lang: Lang,
) -> (Option<(Registration, NewPassword)>, FieldErrors) {
    let mut errors = FieldErrors::default();
    let email = errors.check("email", Email::parse(&form.email));
    let display_name = errors.check("display_name", DisplayName::parse(&form.display_name));
    let organisation = errors.check("organisation", OrganisationName::parse(&form.organisation));
    let category = errors.check(
        "category",
        StakeholderCategory::parse(&form.category).ok_or(validation::Invalid("error-choose-one")),
    );
    let country = errors.check("country", validation::optional_country(&form.country));
    let password = errors.check("password", NewPassword::parse(&form.password));
    if password.is_some() && form.password != form.password_again {
        errors.add("password_again", "error-passwords-differ");
    }
    let parsed = match (
        email,
        display_name,
        organisation,
        category,
        country,
        password,
    ) {
        (
            Some(email),
            Some(display_name),
            Some(organisation),
            Some(category),
            Some(country),
            Some(password),
        ) if errors.is_empty() => Some((
            Registration {
                email,
                display_name,
                organisation,
                category,
                country,
                language: Some(lang.code().to_string()),
            },
            password,
        )),
        _ => None,
    };
    (parsed, errors)
}

fn again(ctx: Ctx, mut form: RegisterForm, errors: FieldErrors) -> Result<HttpResponse, AppError> {
    // Passwords are never sent back to the browser.
    form.password.clear();
    form.password_again.clear();
    page::invalid(&RegisterPage { ctx, form, errors })
}

#[derive(Debug, Default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    pub next: String,
}

impl LoginForm {
    /// The sign-in fields of a form that may carry others (`web::keep`).
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let value = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        Self {
            email: value("email"),
            password: value("password"),
            next: value("next"),
        }
    }
}

#[derive(Template)]
#[template(path = "accounts/login.html")]
struct LoginPage {
    ctx: Ctx,
    email: String,
    next: String,
    failed: bool,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[get("/login")]
pub async fn login_form(ctx: Ctx, query: web::Query<NextQuery>) -> Result<HttpResponse, AppError> {
    page::ok(&LoginPage {
        ctx,
        email: String::new(),
        next: page::safe_next(query.next.as_deref()),
        failed: false,
    })
}

#[post("/login")]
pub async fn login(
    req: HttpRequest,
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let pairs = form.into_inner();
    // A text given back by `web::keep` comes along: it is shown again after the sign-in,
    // never sent anywhere by it.
    let carried = keep::Carried::from_sign_in(&req, &pairs);
    let form = LoginForm::from_pairs(&pairs);
    drop(pairs);
    let next = page::safe_next(Some(&form.next));
    let typed_email = form.email.trim().to_lowercase();
    let secret = state.settings.secret_key.as_bytes();
    let known_device = ratelimit::is_known_device(
        secret,
        &typed_email,
        req.cookie(DEVICE_COOKIE).as_ref().map(|c| c.value()),
    );
    let address = ratelimit::client_address(&req, &state.settings);
    let counted = match ratelimit::check_login(&state, address, &typed_email, known_device).await {
        Ok(counted) => counted,
        Err(refusal) => return refused(ctx, carried.as_ref(), form.email, refusal),
    };

    let email = Email::parse(&form.email).ok();
    let password = form.password;
    let old_session = visitor.user().map(|u| u.session_hash.clone());
    let token = tokens::random_token();
    let token_hash = tokens::token_hash(&token);
    let session_hash = token_hash.clone();
    let signed_in = match state
        .run_hashing(move |conn| {
            let old_session = old_session.as_deref();
            app::sessions::sign_in(conn, email.as_ref(), &password, old_session, &token_hash)
        })
        .await
    {
        Ok(outcome) => outcome?,
        Err(busy) => return refused(ctx, carried.as_ref(), form.email, busy),
    };

    let Some(account) = signed_in else {
        tracing::info!(%address, "sign-in refused");
        if let Some(carried) = &carried {
            return keep::signed_out(ctx, carried, form.email, keep::Tried::Failed);
        }
        let page = LoginPage {
            ctx,
            email: form.email,
            next,
            failed: true,
        };
        return page::render(&page, StatusCode::UNAUTHORIZED);
    };
    tracing::info!(account_id = account.account_id, "signed in");
    ratelimit::signed_in(&state, address, &typed_email, counted).await?;
    let secure = state.settings.secure_cookies();
    let mut response = match &carried {
        // The form comes back filled, with the new session's token, to be checked and sent.
        Some(carried) => {
            let user = CurrentUser {
                id: account.account_id,
                email: account.email.clone(),
                display_name: account.display_name.clone(),
                is_admin: account.is_admin,
                language: account.language.clone(),
                session_hash,
                // This page shows no count (`ctx.unread` below).
                unread: 0,
            };
            let ctx = Ctx {
                lang: page::language_of(&req, Some(&user)),
                user: Some(std::sync::Arc::new(user)),
                csrf: tokens::csrf_token(secret, &token),
                notice: None,
                unread: None,
                ..ctx
            };
            keep::again(ctx, carried, keep::Again::SignedIn)?
        }
        None => page::see_other(&next),
    };
    response
        .add_cookie(&session::cookie(SESSION_COOKIE, token, secure))
        .map_err(AppError::internal)?;
    let device = ratelimit::device_cookie_value(secret, &account.email);
    response
        .add_cookie(&session::lasting_cookie(DEVICE_COOKIE, device, secure))
        .map_err(AppError::internal)?;
    Ok(response)
}

/// A sign-in turned away before its password was checked (too many attempts, too busy): with
/// a text carried, its page again, saying why; otherwise the error page.
fn refused(
    ctx: Ctx,
    carried: Option<&keep::Carried>,
    email: String,
    refusal: AppError,
) -> Result<HttpResponse, AppError> {
    match carried {
        Some(carried) => keep::signed_out(ctx, carried, email, keep::Tried::Refused(&refusal)),
        None => Err(refusal),
    }
}

#[post("/logout")]
pub async fn logout(
    visitor: Visitor,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    if let Some(user) = visitor.user() {
        let hash = user.session_hash.clone();
        let id = user.id;
        state
            .run(move |conn| app::sessions::sign_out(conn, &hash))
            .await?;
        tracing::info!(account_id = id, "signed out");
    }
    let mut response = page::see_other(&format!("{}?notice=signed-out", paths::home()));
    response
        .add_cookie(&session::removal(
            SESSION_COOKIE,
            state.settings.secure_cookies(),
        ))
        .map_err(AppError::internal)?;
    Ok(response)
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    ctx: Ctx,
    profile: Profile,
    errors: FieldErrors,
}

impl AccountPage {
    fn deliveries(&self) -> [Delivery; 2] {
        Delivery::ALL
    }
}

#[get("/account")]
pub async fn account_page(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let profile = state
        .run(move |conn| app::accounts::profile(conn, person))
        .await?;
    page::ok(&AccountPage {
        ctx,
        profile,
        errors: FieldErrors::default(),
    })
}

/// Changes the password, and signs the account out of every other browser.
#[post("/account/password")]
pub async fn change_password(
    ctx: Ctx,
    user: SignedIn,
    state: web::Data<AppState>,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    let keep = user.session_hash.clone();
    let changed = state
        .run_hashing(move |conn| app::accounts::change_password(conn, person, &keep, &form))
        .await?;
    match changed {
        Ok(()) => Ok(page::see_other(&format!(
            "{}?notice=password-changed",
            paths::account()
        ))),
        Err(app::Error::Invalid(errors)) => {
            let profile = state
                .run(move |conn| app::accounts::profile(conn, person))
                .await?;
            page::invalid(&AccountPage {
                ctx,
                profile,
                errors,
            })
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
struct ForgotPage {
    ctx: Ctx,
    email: String,
    errors: FieldErrors,
}

/// What the forgotten-password form holds, as typed.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForgotForm {
    pub email: String,
}

#[get("/account/forgot")]
pub async fn forgot_form(ctx: Ctx) -> Result<HttpResponse, AppError> {
    page::ok(&ForgotPage {
        ctx,
        email: String::new(),
        errors: FieldErrors::default(),
    })
}

/// Sends a reset link if an account has the address. Known or not, the answer is the same
/// notice on the sign-in page.
#[post("/account/forgot")]
pub async fn request_reset(
    req: HttpRequest,
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<ForgotForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let mut errors = FieldErrors::default();
    let Some(email) = errors.check("email", Email::parse(&form.email)) else {
        return page::invalid(&ForgotPage {
            ctx,
            email: form.email,
            errors,
        });
    };
    let address = ratelimit::client_address(&req, &state.settings);
    ratelimit::check_password_reset(&state, address).await?;
    let public_url = state.settings.public_url.clone();
    state
        .run(move |conn| app::accounts::request_password_reset(conn, Some(&email), &public_url))
        .await?;
    state.mail_wake.notify_one();
    Ok(page::see_other(&format!(
        "{}?notice=reset-sent",
        paths::login()
    )))
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
struct ResetPage {
    ctx: Ctx,
    token: String,
    errors: FieldErrors,
}

#[derive(Template)]
#[template(path = "accounts/link_spent.html")]
struct LinkSpentPage {
    ctx: Ctx,
    /// A reset link (else a confirmation link): where to ask for another.
    reset: bool,
}

/// A link that is unknown, used or expired: 410, and where to get another.
fn link_spent(ctx: Ctx, reset: bool) -> Result<HttpResponse, AppError> {
    page::render(&LinkSpentPage { ctx, reset }, StatusCode::GONE)
}

#[get("/account/reset/{token}")]
pub async fn reset_form(
    ctx: Ctx,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let lookup = token.clone();
    if !state
        .run(move |conn| app::accounts::reset_link_works(conn, &lookup))
        .await?
    {
        return link_spent(ctx, true);
    }
    page::ok(&ResetPage {
        ctx,
        token,
        errors: FieldErrors::default(),
    })
}

/// Sets the password of the link's account, ends its sessions, and sends the person to sign
/// in with it.
#[post("/account/reset/{token}")]
pub async fn reset_password(
    ctx: Ctx,
    state: web::Data<AppState>,
    token: web::Path<String>,
    form: web::Form<ResetForm>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let used = token.clone();
    let outcome = state
        .run_hashing(move |conn| app::accounts::reset_password(conn, &used, &form))
        .await?;
    match outcome {
        Ok(Reset::Done) => {
            let mut response =
                page::see_other(&format!("{}?notice=password-reset", paths::login()));
            response
                .add_cookie(&session::removal(
                    SESSION_COOKIE,
                    state.settings.secure_cookies(),
                ))
                .map_err(AppError::internal)?;
            Ok(response)
        }
        Ok(Reset::LinkSpent) => link_spent(ctx, true),
        Err(app::Error::Invalid(errors)) => page::invalid(&ResetPage { ctx, token, errors }),
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "accounts/confirm.html")]
struct ConfirmPage {
    ctx: Ctx,
    token: String,
}

/// The page a confirmation mail links to: one button confirms (a link followed by a mail
/// program's preview confirms nothing).
#[get("/account/confirm/{token}")]
pub async fn confirm_form(
    ctx: Ctx,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let lookup = token.clone();
    if !state
        .run(move |conn| app::accounts::confirmation_link_works(conn, &lookup))
        .await?
    {
        return link_spent(ctx, false);
    }
    page::ok(&ConfirmPage { ctx, token })
}

#[post("/account/confirm/{token}")]
pub async fn confirm_address(
    ctx: Ctx,
    visitor: Visitor,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let token = token.into_inner();
    let confirmed = state
        .run(move |conn| app::accounts::confirm_address(conn, &token))
        .await?;
    if !confirmed {
        return link_spent(ctx, false);
    }
    let next = if visitor.user().is_some() {
        paths::account()
    } else {
        paths::login()
    };
    Ok(page::see_other(&format!("{next}?notice=address-confirmed")))
}

/// Sends the confirmation link again, a few times an hour at most.
#[post("/account/confirmation")]
pub async fn resend_confirmation(
    user: SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let person = user.person();
    ratelimit::check_confirmation_resend(&state, person.account_id).await?;
    let public_url = state.settings.public_url.clone();
    let resent = state
        .run(move |conn| app::accounts::resend_confirmation(conn, person, &public_url))
        .await?;
    let notice = match resent {
        Resent::Sent => {
            state.mail_wake.notify_one();
            "confirmation-sent"
        }
        Resent::AlreadyConfirmed => "address-confirmed",
    };
    Ok(page::see_other(&format!(
        "{}?notice={notice}",
        paths::account()
    )))
}
