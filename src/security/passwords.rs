//! argon2id password hashes with OWASP's parameters (19 MiB, 2 passes, 1 lane).
//!
//! Hashing takes tens of milliseconds of CPU on purpose: call these off the async workers and
//! through the hashing gate (`AppState::run_hashing`), so that a storm of sign-ins takes only
//! the slots it is given and the pages keep the rest of the machine.

use std::sync::LazyLock;

use argon2::{Argon2, PasswordHasher, PasswordVerifier};

use super::tokens;

/// Hashes a password; the salt is random and kept in the PHC string.
pub fn hash(password: &str) -> anyhow::Result<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing a password failed: {e}"))
}

/// Verifies a password against a stored hash. An unreadable hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), stored)
        .is_ok()
}

/// A hash no password matches, verified against when the account does not exist, so that
/// an unknown address takes as long to refuse as a wrong password.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash(&tokens::random_token()).unwrap_or_default());

/// Spends the time a verification would, and fails.
pub fn verify_against_nothing(password: &str) -> bool {
    let _ = verify(password, &DUMMY_HASH);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse battery staple").expect("hashes");
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("correct horse battery staple", &stored));
        assert!(!verify("correct horse battery stapler", &stored));
        assert!(!verify("anything", "not a hash"));
        assert!(!verify_against_nothing("correct horse battery staple"));
    }
}
