//! Sign-in and registration rate limits, as the web layer meets them: the client's address,
//! the signed "known device" cookie, and the checks, which `app::limits` counts in the
//! database so that every instance shares them. A lock-out lasts seconds, not hours: the
//! buckets refill every minute.

use std::net::IpAddr;

use actix_web::HttpRequest;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::app;
use crate::app::limits::{Quotas, SignInAttempt};
use crate::config::Settings;
use crate::web::AppState;
use crate::web::error::AppError;

pub const DEVICE_COOKIE: &str = "concord_device";

/// The quotas of the instance.
pub struct LoginLimiter {
    quotas: Quotas,
}

impl LoginLimiter {
    pub fn new(settings: &Settings) -> Self {
        Self {
            quotas: Quotas::new(
                settings.login_attempts_per_minute,
                settings.login_burst,
                settings.login_address_failures_per_minute,
                settings.login_address_burst,
            ),
        }
    }
}

/// Counts one sign-in attempt until it succeeds (`signed_in`); `TooManyRequests` when it is
/// one too many.
pub async fn check_login(
    state: &AppState,
    address: IpAddr,
    email: &str,
    known_device: bool,
) -> Result<SignInAttempt, AppError> {
    let quotas = state.limiter.quotas;
    let email = email.to_string();
    let counted = state
        .run(move |conn| app::limits::check_sign_in(conn, quotas, address, &email, known_device))
        .await?;
    match counted {
        SignInAttempt::Refused { seconds } => {
            tracing::warn!(%address, "sign-in rate limit reached");
            Err(AppError::TooManyRequests {
                retry_after_secs: seconds,
            })
        }
        counted => Ok(counted),
    }
}

/// Gives back what a sign-in that succeeded was counted.
pub async fn signed_in(
    state: &AppState,
    address: IpAddr,
    email: &str,
    counted: SignInAttempt,
) -> Result<(), AppError> {
    let quotas = state.limiter.quotas;
    let email = email.to_string();
    state
        .run(move |conn| app::limits::succeeded(conn, quotas, address, &email, counted))
        .await?;
    Ok(())
}

/// Counts one registration from an address; `TooManyRequests` when it is one too many.
pub async fn check_registration(state: &AppState, address: IpAddr) -> Result<(), AppError> {
    let quotas = state.limiter.quotas;
    let refused = state
        .run(move |conn| app::limits::check_registration(conn, quotas, address))
        .await?;
    match refused {
        Some(retry_after_secs) => Err(AppError::TooManyRequests { retry_after_secs }),
        None => Ok(()),
    }
}

/// Counts one request for a password-reset link from an address; `TooManyRequests` when it
/// is one too many.
pub async fn check_password_reset(state: &AppState, address: IpAddr) -> Result<(), AppError> {
    let quotas = state.limiter.quotas;
    let refused = state
        .run(move |conn| app::limits::check_password_reset(conn, quotas, address))
        .await?;
    match refused {
        Some(retry_after_secs) => Err(AppError::TooManyRequests { retry_after_secs }),
        None => Ok(()),
    }
}

/// Counts one request to send an account's confirmation link again.
pub async fn check_confirmation_resend(state: &AppState, account_id: i64) -> Result<(), AppError> {
    let refused = state
        .run(move |conn| app::limits::check_confirmation_resend(conn, account_id))
        .await?;
    match refused {
        Some(retry_after_secs) => Err(AppError::TooManyRequests { retry_after_secs }),
        None => Ok(()),
    }
}

/// The address of the person asking: the peer, or the last address a trusted proxy added.
pub fn client_address(req: &HttpRequest, settings: &Settings) -> IpAddr {
    let peer = req
        .peer_addr()
        .map(|a| a.ip())
        .unwrap_or(IpAddr::from([127, 0, 0, 1]));
    if !settings.trusted_proxies.contains(&peer) {
        return peer;
    }
    req.headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(peer)
}

fn device_mac(secret: &[u8], email: &str, nonce: &str) -> Vec<u8> {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return Vec::new();
    };
    mac.update(b"concord-device:");
    mac.update(email.as_bytes());
    mac.update(b":");
    mac.update(nonce.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The value of a known-device cookie for an account's email.
pub fn device_cookie_value(secret: &[u8], email: &str) -> String {
    let nonce = crate::security::tokens::random_token();
    let mac = URL_SAFE_NO_PAD.encode(device_mac(secret, email, &nonce));
    format!("{nonce}.{mac}")
}

/// Whether a known-device cookie was issued for this email.
pub fn is_known_device(secret: &[u8], email: &str, cookie: Option<&str>) -> bool {
    let Some((nonce, mac)) = cookie.and_then(|c| c.split_once('.')) else {
        return false;
    };
    let Ok(given) = URL_SAFE_NO_PAD.decode(mac) else {
        return false;
    };
    let expected = device_mac(secret, email, nonce);
    !expected.is_empty() && bool::from(expected.ct_eq(&given))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_cookies_are_bound_to_their_account() {
        let cookie = device_cookie_value(b"secret", "a@example.org");
        assert!(is_known_device(b"secret", "a@example.org", Some(&cookie)));
        assert!(!is_known_device(b"secret", "b@example.org", Some(&cookie)));
        assert!(!is_known_device(b"other", "a@example.org", Some(&cookie)));
        assert!(!is_known_device(
            b"secret",
            "a@example.org",
            Some("forged.value")
        ));
        assert!(!is_known_device(b"secret", "a@example.org", None));
    }
}
