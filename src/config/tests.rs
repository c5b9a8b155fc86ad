//! Settings read from the environment: defaults, every refusal naming its variable.

use super::*;

fn settings(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
    let vars: Vec<(String, String)> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Settings::from_lookup(move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
}

const KEY: &str = "0123456789abcdef0123456789abcdef";

#[test]
fn database_urls_are_told_apart() {
    assert_eq!(
        DatabaseUrl::parse("postgres://u:p@h/db"),
        Ok(DatabaseUrl::Postgres("postgres://u:p@h/db".into()))
    );
    assert_eq!(
        DatabaseUrl::parse("sqlite://data/c.db"),
        Ok(DatabaseUrl::Sqlite("data/c.db".into()))
    );
    assert_eq!(
        DatabaseUrl::parse("c.db"),
        Ok(DatabaseUrl::Sqlite("c.db".into()))
    );
    assert!(DatabaseUrl::parse("mysql://h/db").is_err());
}

#[test]
fn passwords_never_shown() {
    let url = DatabaseUrl::Postgres("postgres://user:secret@db:5432/concord".into());
    assert_eq!(url.to_string(), "PostgreSQL postgres://…@db:5432/concord");
}

#[test]
fn bad_values_name_their_variable() {
    let cases = [
        ("CONCORD_BIND", "nowhere"),
        ("CONCORD_PUBLIC_URL", "concord.example.org"),
        ("CONCORD_SECRET_KEY", "short"),
        ("CONCORD_LOG_FORMAT", "xml"),
        ("CONCORD_ENV", "staging"),
        ("DATABASE_URL", "mysql://x/y"),
        ("CONCORD_WORKERS", "0"),
        ("CONCORD_HASHING_SLOTS", "0"),
        ("CONCORD_EXPORT_SLOTS", "many"),
    ];
    for (variable, value) in cases {
        // The first match wins, so the case under test comes first.
        let error =
            settings(&[(variable, value), ("CONCORD_SECRET_KEY", KEY)]).expect_err(variable);
        assert_eq!(error.variable, variable);
    }
}

#[test]
fn production_requires_a_secret() {
    let error = settings(&[("CONCORD_ENV", "production")]).expect_err("refused");
    assert_eq!(error.variable, "CONCORD_SECRET_KEY");
}

#[test]
fn https_public_url_means_secure_cookies() {
    let s = settings(&[
        ("CONCORD_SECRET_KEY", KEY),
        ("CONCORD_PUBLIC_URL", "https://concord.example.org/"),
    ])
    .expect("valid");
    assert!(s.secure_cookies());
    assert_eq!(s.public_url, "https://concord.example.org");
}
