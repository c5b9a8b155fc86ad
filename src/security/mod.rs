//! Secrets: password hashes, random tokens, CSRF tokens. No I/O and no HTTP here.

pub mod passwords;
pub mod tokens;
