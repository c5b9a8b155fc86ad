//! Input parsed once into typed values. Lengths count characters, not bytes, so Arabic and
//! Chinese names get the same room as Latin ones.
//!
//! A refusal is a translation key (`Invalid`), shown beside the field it concerns.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Why a value was refused: the key of a message in the translation files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid(pub &'static str);

fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// Refuses control characters (NUL, escape codes and the like), but not line breaks in
/// multi-line fields.
fn has_control(s: &str, allow_newlines: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(allow_newlines && (c == '\n' || c == '\r' || c == '\t')))
}

/// Trims and checks a one-line text of `min..=max` characters.
fn line(raw: &str, min: usize, max: usize, too_short: &'static str) -> Result<String, Invalid> {
    let value = raw.trim();
    if has_control(value, false) {
        return Err(Invalid("error-control-characters"));
    }
    let n = char_count(value);
    if n < min {
        return Err(Invalid(too_short));
    }
    if n > max {
        return Err(Invalid("error-too-long"));
    }
    Ok(value.to_string())
}

macro_rules! text_newtype {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr, $missing:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(raw: &str) -> Result<Self, Invalid> {
                line(raw, $min, $max, $missing).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_inner(self) -> String {
                self.0
            }
        }
    };
}

text_newtype!(
    /// The name a participant is shown by.
    DisplayName, 1, 100, "error-required"
);
text_newtype!(
    /// An organisation or delegation.
    OrganisationName, 2, 200, "error-required"
);
text_newtype!(
    /// The title of a process, group or theme.
    Title, 2, 300, "error-required"
);

impl OrganisationName {
    /// Two spellings that differ only in case or spacing name the same organisation.
    pub fn key(&self) -> String {
        self.0
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    }
}

/// An optional country or territory, as the participant writes it.
pub fn optional_country(raw: &str) -> Result<Option<String>, Invalid> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    line(raw, 2, 100, "error-required").map(Some)
}

/// A longer text, such as a description: line breaks allowed.
pub fn description(raw: &str, max: usize) -> Result<String, Invalid> {
    let value = raw.trim();
    if has_control(value, true) {
        return Err(Invalid("error-control-characters"));
    }
    if char_count(value) > max {
        return Err(Invalid("error-too-long"));
    }
    Ok(value.replace("\r\n", "\n"))
}

/// An email address, trimmed and lower-cased so one person has one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err(Invalid("error-required"));
        }
        let well_formed = value.len() <= 254
            && !has_control(&value, false)
            && !value.chars().any(char::is_whitespace)
            && match value.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && local.len() <= 64
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                }
                None => false,
            };
        if !well_formed {
            return Err(Invalid("error-email-invalid"));
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

static COMMON_PASSWORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/common-passwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
});

/// A new password: 12 to 256 characters, not a common one. No composition rules (NIST SP
/// 800-63B): length is what makes a password strong.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 256;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let n = char_count(raw);
        if n < Self::MIN_CHARS {
            return Err(Invalid("error-password-too-short"));
        }
        if n > Self::MAX_CHARS {
            return Err(Invalid("error-too-long"));
        }
        let lowered = raw.to_lowercase();
        let one_character_repeated = raw.chars().all(|c| raw.starts_with(c));
        if one_character_repeated || COMMON_PASSWORDS.contains(lowered.as_str()) {
            return Err(Invalid("error-password-common"));
        }
        Ok(Self(raw.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The short name of a process in its URLs: `gcm`, `refugee-compact`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessSlug(String);

impl ProcessSlug {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let value = raw.trim().to_lowercase();
        let ok = (2..=40).contains(&value.len())
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !value.starts_with('-')
            && !value.ends_with('-');
        if ok {
            Ok(Self(value))
        } else {
            Err(Invalid("error-slug"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The prefix of a process's reference numbers, such as `GCM` in `GCM/WC/0042`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferencePrefix(String);

impl ReferencePrefix {
    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let value = raw.trim().to_uppercase();
        let ok = (2..=12).contains(&value.len())
            && value
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if ok {
            Ok(Self(value))
        } else {
            Err(Invalid("error-reference-prefix"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An IANA time zone such as `America/New_York`.
pub fn time_zone(raw: &str) -> Result<chrono_tz::Tz, Invalid> {
    raw.trim()
        .parse::<chrono_tz::Tz>()
        .map_err(|_| Invalid("error-time-zone"))
}

/// The errors of a form, by field name; a field's message is a translation key.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors(Vec<(&'static str, &'static str)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, key: &'static str) {
        if self.get(field).is_none() {
            self.0.push((field, key));
        }
    }

    /// Records the outcome of parsing one field, keeping the value when it is valid.
    pub fn check<T>(&mut self, field: &'static str, parsed: Result<T, Invalid>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(invalid) => {
                self.add(field, invalid.0);
                None
            }
        }
    }

    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, k)| *k)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields in error, in order, for the summary at the top of the form.
    pub fn all(&self) -> &[(&'static str, &'static str)] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_characters_not_bytes() {
        // 100 Arabic letters are 200 bytes, and still a valid display name.
        let arabic = "م".repeat(100);
        assert!(DisplayName::parse(&arabic).is_ok());
        assert_eq!(
            DisplayName::parse(&"م".repeat(101)),
            Err(Invalid("error-too-long"))
        );
        assert!(NewPassword::parse("移民全球契约安全有序正常").is_ok());
    }

    #[test]
    fn control_characters_are_refused() {
        assert_eq!(
            DisplayName::parse("Ana\u{0}Lopez"),
            Err(Invalid("error-control-characters"))
        );
        assert!(description("line one\r\nline two", 100).is_ok());
    }

    #[test]
    fn emails_are_normalised() {
        let email = Email::parse("  Delegate@Mission.Example.ORG ").expect("valid");
        assert_eq!(email.as_str(), "delegate@mission.example.org");
        for bad in ["", "no-at-sign", "a@b", "a@@b.org", "a b@c.org", "@c.org"] {
            assert!(Email::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn passwords_need_length_not_composition() {
        assert_eq!(
            NewPassword::parse("short"),
            Err(Invalid("error-password-too-short"))
        );
        assert_eq!(
            NewPassword::parse("q1w2e3r4t5y6"),
            Err(Invalid("error-password-common"))
        );
        assert_eq!(
            NewPassword::parse("aaaaaaaaaaaaaaa"),
            Err(Invalid("error-password-common"))
        );
        assert!(NewPassword::parse("correct horse battery staple").is_ok());
        assert!(NewPassword::parse(&"x".repeat(128).replacen('x', "y", 1)).is_ok());
    }

    #[test]
    fn slugs_and_prefixes() {
        assert_eq!(ProcessSlug::parse(" GCM ").map(|s| s.0), Ok("gcm".into()));
        assert!(ProcessSlug::parse("../etc").is_err());
        assert!(ProcessSlug::parse("-gcm").is_err());
        assert_eq!(ReferencePrefix::parse("gcm").map(|p| p.0), Ok("GCM".into()));
        assert!(ReferencePrefix::parse("G/CM").is_err());
    }

    #[test]
    fn organisation_keys_ignore_case_and_spacing() {
        let a = OrganisationName::parse("Permanent  Mission of Mexico").expect("valid");
        let b = OrganisationName::parse("permanent mission of mexico").expect("valid");
        assert_eq!(a.key(), b.key());
    }
}
