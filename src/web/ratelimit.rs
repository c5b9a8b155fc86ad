//! Sign-in rate limits, per address and per account, held in memory per instance.
//!
//! The per-account limit stops password guessing spread over many addresses; on its own it
//! would let an attacker lock a real person out by failing on purpose. So a browser that has
//! signed in to the account before carries a signed "known device" cookie, and is held only
//! to the per-address limit (OWASP's device cookies). A lock-out lasts seconds, not hours:
//! the buckets refill every minute.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use actix_web::HttpRequest;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::config::Settings;

pub const DEVICE_COOKIE: &str = "concord_device";

pub struct LoginLimiter {
    by_address: DefaultKeyedRateLimiter<IpAddr>,
    by_account: DefaultKeyedRateLimiter<String>,
    registrations: DefaultKeyedRateLimiter<IpAddr>,
}

impl LoginLimiter {
    pub fn new(settings: &Settings) -> Self {
        let nonzero = |n: u32| NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
        let per_minute = settings.login_attempts_per_minute;
        let burst = settings.login_burst;
        let quota = Quota::per_minute(nonzero(per_minute)).allow_burst(nonzero(burst));
        // Registration is rarer than sign-in but shared networks (a conference hall, a
        // ministry) register many people at once: a looser limit.
        let registrations = Quota::per_minute(nonzero(per_minute.saturating_mul(2)))
            .allow_burst(nonzero(burst.saturating_mul(3)));
        Self {
            by_address: RateLimiter::keyed(quota),
            by_account: RateLimiter::keyed(quota),
            registrations: RateLimiter::keyed(registrations),
        }
    }

    /// Counts one sign-in attempt; `Err` holds the seconds to wait.
    pub fn check_login(&self, address: IpAddr, email: &str, known_device: bool) -> Result<(), u64> {
        wait(self.by_address.check_key(&address))?;
        if !known_device {
            wait(self.by_account.check_key(&email.to_string()))?;
        }
        Ok(())
    }

    /// Counts one registration from an address.
    pub fn check_registration(&self, address: IpAddr) -> Result<(), u64> {
        wait(self.registrations.check_key(&address))
    }

    /// Forgets full buckets, so memory stays bounded.
    pub fn forget_idle(&self) {
        self.by_address.retain_recent();
        self.by_account.retain_recent();
        self.registrations.retain_recent();
    }
}

fn wait<T>(
    outcome: Result<T, governor::NotUntil<<DefaultClock as Clock>::Instant>>,
) -> Result<(), u64> {
    outcome.map(drop).map_err(|not_until| {
        let seconds = not_until
            .wait_time_from(DefaultClock::default().now())
            .max(Duration::from_secs(1));
        seconds.as_secs().max(1)
    })
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
