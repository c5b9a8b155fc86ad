//! Named queries per aggregate. Each function takes a `&mut DbConnection`, returns a
//! `QueryResult` (or a domain error), and knows nothing of HTTP.

pub mod accounts;
pub mod attachments;
pub mod attendance;
pub mod audit;
pub mod campaigns;
pub mod content;
pub mod contributions;
pub mod documents;
pub mod events;
pub mod health;
pub mod keyset;
pub mod limits;
pub mod mail;
pub mod negotiation;
pub mod notifications;
pub mod opendata;
pub mod processes;
pub mod programme;
pub mod proposals;
pub mod references;
pub mod review;
pub mod roles;
pub mod search;
pub mod sessions;
pub mod stats;
pub mod translations;
pub mod windows;
pub mod work;

/// The current time as stored: UTC, to the microsecond (PostgreSQL's precision), so a value
/// read back equals the one written on both backends.
pub fn now() -> chrono::NaiveDateTime {
    let now = chrono::Utc::now().naive_utc();
    chrono::DurationRound::duration_trunc(now, chrono::TimeDelta::microseconds(1)).unwrap_or(now)
}

/// Escapes the wildcard characters of a LIKE pattern, for a `LIKE … ESCAPE '\\'` clause.
pub fn escape_like(raw: &str) -> String {
    raw.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_wildcards_are_escaped_and_the_escape_first() {
        assert_eq!(super::escape_like(r"50%_a\b"), r"50\%\_a\\b");
    }
}
