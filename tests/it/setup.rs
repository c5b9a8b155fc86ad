//! Things about the project itself: configuration, migrations, translations.

use std::collections::BTreeSet;
use std::process::Command;

/// Start-up stops on bad configuration, naming the variable.
#[test]
fn bad_configuration_is_refused_with_the_variable_named() {
    let cases = [
        ("CONCORD_BIND", "not-an-address"),
        ("CONCORD_SECRET_KEY", "too-short"),
        ("DATABASE_URL", "mysql://nowhere/db"),
        ("CONCORD_LOG_FORMAT", "yaml"),
    ];
    for (variable, value) in cases {
        let output = Command::new(env!("CARGO_BIN_EXE_concord"))
            .arg("migrate")
            .env_clear()
            .env("CONCORD_SECRET_KEY", "0123456789abcdef0123456789abcdef")
            .env("DATABASE_URL", "sqlite:///nonexistent-dir/never.db")
            .env(variable, value)
            .output()
            .expect("the binary runs");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{variable}={value} is refused"
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(variable),
            "the message names {variable}: {stderr}"
        );
    }
    let output = Command::new(env!("CARGO_BIN_EXE_concord"))
        .arg("serve")
        .env_clear()
        .env("CONCORD_ENV", "production")
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("CONCORD_SECRET_KEY"));
}

/// `concord migrate` applies the migrations to a new SQLite file and exits.
#[test]
fn migrate_creates_the_schema() {
    let dir = tempfile::tempdir().expect("a directory");
    let db = dir.path().join("m.db");
    let output = Command::new(env!("CARGO_BIN_EXE_concord"))
        .arg("migrate")
        .env_clear()
        .env("DATABASE_URL", db.display().to_string())
        .env("CONCORD_SECRET_KEY", "0123456789abcdef0123456789abcdef")
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(db.exists());
}

fn names(folder: &str) -> BTreeSet<String> {
    std::fs::read_dir(format!(
        "{}/migrations/{folder}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the migration folder")
    .map(|e| {
        e.expect("an entry")
            .file_name()
            .to_string_lossy()
            .into_owned()
    })
    .collect()
}

#[test]
fn both_migration_folders_hold_the_same_names() {
    let sqlite = names("sqlite");
    let postgres = names("postgres");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres);
    for name in &sqlite {
        for folder in ["sqlite", "postgres"] {
            for file in ["up.sql", "down.sql"] {
                let path = format!(
                    "{}/migrations/{folder}/{name}/{file}",
                    env!("CARGO_MANIFEST_DIR")
                );
                assert!(std::path::Path::new(&path).exists(), "{path} exists");
            }
        }
    }
}

/// Every message key the templates and the code use exists in English.
#[test]
fn every_message_key_used_exists_in_english() {
    let root = env!("CARGO_MANIFEST_DIR");
    // English is every .ftl file of locales/en (one per area).
    let english: String = std::fs::read_dir(format!("{root}/locales/en"))
        .expect("the English folder")
        .map(|e| std::fs::read_to_string(e.expect("an entry").path()).expect("a file"))
        .collect();
    let defined: BTreeSet<&str> = english
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
        .collect();
    let mut used = BTreeSet::new();
    let mut stack = vec![format!("{root}/templates"), format!("{root}/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path.display().to_string());
                continue;
            }
            // The translation layer's own tests use keys that do not exist, on purpose.
            if path.ends_with("i18n.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a file");
            for marker in [
                ".t(\"",
                ".t1(\"",
                "Invalid(\"",
                ", \"error-",
                "(\"error-",
                "\"notice-",
            ] {
                for piece in text.split(marker).skip(1) {
                    let key: String = piece
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    let key = match marker {
                        ", \"error-" | "(\"error-" => format!("error-{key}"),
                        "\"notice-" => format!("notice-{key}"),
                        _ => key,
                    };
                    if key.len() > 2 && key.contains('-') && !key.ends_with('-') {
                        used.insert(key);
                    }
                }
            }
        }
    }
    let missing: Vec<&String> = used
        .iter()
        .filter(|k| !defined.contains(k.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "keys used but not in locales/en/: {missing:?}"
    );
    assert!(used.len() > 100, "the scan found the keys ({})", used.len());
}
