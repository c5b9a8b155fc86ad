//! Random tokens for sessions, and the CSRF tokens derived from them.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use rand::Rng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// 256 random bits, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a session token: its SHA-256, so a copy of the database does not
/// hand out live sessions.
pub fn token_hash(token: &str) -> String {
    crate::config::hex(&Sha256::digest(token.as_bytes()))
}

/// The CSRF token of a browser: an HMAC of the cookie that identifies it (the session, or before
/// sign-in a random pre-session cookie). A new session at sign-in means a new token.
pub fn csrf_token(secret: &[u8], binding: &str) -> String {
    // HMAC takes keys of any length, so this never returns early; an empty token never matches.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(b"concord-csrf:");
    mac.update(binding.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Compares a submitted CSRF token with the expected one in constant time.
pub fn csrf_matches(secret: &[u8], binding: &str, submitted: &str) -> bool {
    let expected = csrf_token(secret, binding);
    !submitted.is_empty() && expected.as_bytes().ct_eq(submitted.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashes_stable() {
        let (a, b) = (random_token(), random_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), token_hash(&b));
    }

    #[test]
    fn csrf_tokens_bind_to_their_cookie_and_key() {
        let token = csrf_token(b"key one", "session-a");
        assert!(csrf_matches(b"key one", "session-a", &token));
        assert!(!csrf_matches(b"key one", "session-b", &token));
        assert!(!csrf_matches(b"key two", "session-a", &token));
        assert!(!csrf_matches(b"key one", "session-a", ""));
    }
}
