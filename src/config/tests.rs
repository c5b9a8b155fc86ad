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
fn hex_is_two_lowercase_digits_a_byte() {
    assert_eq!(hex(&[]), "");
    assert_eq!(hex(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
    // A stored SHA-256 (sessions, content hashes) reads as it always did.
    let digest = <sha2::Sha256 as sha2::Digest>::digest(b"concord");
    assert_eq!(
        hex(&digest),
        format!("{:x}", bytes::Bytes::copy_from_slice(&digest))
    );
    assert_eq!(hex(&digest).len(), 64);
}

#[test]
fn passwords_never_shown() {
    let url = DatabaseUrl::Postgres("postgres://user:secret@db:5432/concord".into());
    assert_eq!(url.to_string(), "PostgreSQL postgres://…@db:5432/concord");
}

#[test]
fn smtp_urls_require_tls_beyond_this_machine() {
    let plain_local = SmtpUrl::parse("smtp://127.0.0.1:2525").expect("a local server");
    assert_eq!(plain_local.as_str(), "smtp://127.0.0.1:2525");
    assert_eq!(
        SmtpUrl::parse("smtp://localhost").expect("local").as_str(),
        "smtp://localhost"
    );
    assert_eq!(
        SmtpUrl::parse("smtp://u:p@mail.example.org:587")
            .expect("a remote server")
            .as_str(),
        "smtp://u:p@mail.example.org:587?tls=required"
    );
    assert_eq!(
        SmtpUrl::parse("smtp://mail.example.org?tls=opportunistic")
            .expect("as asked")
            .as_str(),
        "smtp://mail.example.org?tls=opportunistic"
    );
    assert_eq!(
        SmtpUrl::parse("smtps://u:p@mail.example.org")
            .expect("TLS")
            .as_str(),
        "smtps://u:p@mail.example.org"
    );
    assert!(SmtpUrl::parse("http://mail.example.org").is_err());
    assert!(SmtpUrl::parse("smtp://").is_err());
    assert!(SmtpUrl::parse("mail.example.org").is_err());
    let shown = format!(
        "{:?}",
        SmtpUrl::parse("smtps://user:secret@m.example").expect("ok")
    );
    assert!(!shown.contains("secret"), "{shown}");
}

#[test]
fn mail_settings_default_to_a_folder_and_a_local_sender() {
    let s = settings(&[
        ("CONCORD_SECRET_KEY", KEY),
        ("DATABASE_URL", "postgres://h/db"),
    ])
    .expect("defaults");
    assert!(s.smtp_url.is_none());
    assert_eq!(s.mail_from, "Concord <concord@localhost>");
    assert_eq!(s.mail_poll_seconds, 30);
    let error = settings(&[
        ("CONCORD_SECRET_KEY", KEY),
        ("DATABASE_URL", "postgres://h/db"),
        ("CONCORD_MAIL_FROM", "not an address"),
    ])
    .expect_err("refused");
    assert_eq!(error.variable, "CONCORD_MAIL_FROM");
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

#[cfg(unix)]
mod key_file {
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;

    use super::*;

    fn mode_of(path: &Path) -> u32 {
        std::fs::metadata(path)
            .expect("the key file")
            .permissions()
            .mode()
            & 0o777
    }

    fn sqlite_in(dir: &tempfile::TempDir) -> (String, PathBuf) {
        let db = dir.path().join("concord.db");
        let key = dir.path().join("concord.db.secret");
        (db.display().to_string(), key)
    }

    #[test]
    fn a_development_key_is_created_for_its_owner_alone() {
        let dir = tempfile::tempdir().expect("a directory");
        let (db, key) = sqlite_in(&dir);
        let first = settings(&[("DATABASE_URL", &db)]).expect("development starts");
        assert_eq!(mode_of(&key), 0o600);
        // Kept: a restart signs with the same key.
        let again = settings(&[("DATABASE_URL", &db)]).expect("development starts");
        assert_eq!(first.secret_key.as_bytes(), again.secret_key.as_bytes());
    }

    #[test]
    fn a_readable_development_key_is_made_private_before_use() {
        let dir = tempfile::tempdir().expect("a directory");
        let (db, key) = sqlite_in(&dir);
        std::fs::write(&key, KEY).expect("written");
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let s = settings(&[("DATABASE_URL", &db)]).expect("development starts");
        assert_eq!(s.secret_key.as_bytes(), KEY.as_bytes());
        assert_eq!(mode_of(&key), 0o600);
    }

    #[test]
    fn production_refuses_a_key_file_others_can_read() {
        let dir = tempfile::tempdir().expect("a directory");
        let (db, key) = sqlite_in(&dir);
        let production = [
            ("DATABASE_URL", db.as_str()),
            ("CONCORD_ENV", "production"),
            ("CONCORD_SECRET_KEY", KEY),
        ];
        settings(&production).expect("no key file: starts");
        std::fs::write(&key, KEY).expect("written");
        for mode in [0o644, 0o640, 0o604] {
            std::fs::set_permissions(&key, std::fs::Permissions::from_mode(mode)).expect("chmod");
            let error = settings(&production).expect_err("refused");
            assert_eq!(error.variable, "CONCORD_SECRET_KEY");
            assert!(error.reason.contains("other users"), "{}", error.reason);
        }
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        settings(&production).expect("a private key file: starts");
    }
}
