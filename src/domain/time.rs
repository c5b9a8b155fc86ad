//! Instants as others read them. Every stored timestamp is UTC without a zone; whatever leaves
//! Concord as data (the API, open data) says so, in RFC 3339 with `Z`.

use chrono::NaiveDateTime;

/// `2026-12-08T09:30:00Z`: to the second, in UTC, with its zone.
pub fn rfc3339(at: &NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Serialises an optional stored timestamp as `rfc3339` (or `null`), for `serialize_with`.
pub fn serialize_optional<S: serde::Serializer>(
    at: &Option<NaiveDateTime>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => serializer.serialize_str(&rfc3339(at)),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timestamp_says_it_is_utc() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 8)
            .and_then(|d| d.and_hms_micro_opt(9, 30, 5, 123_456))
            .expect("a date");
        assert_eq!(rfc3339(&at), "2026-12-08T09:30:05Z");
        let parsed = chrono::DateTime::parse_from_rfc3339(&rfc3339(&at)).expect("RFC 3339");
        assert_eq!(parsed.offset().local_minus_utc(), 0);
        let json = serde_json::to_string(&Stamped { at: Some(at) }).expect("JSON");
        assert_eq!(json, r#"{"at":"2026-12-08T09:30:05Z"}"#);
        let none = serde_json::to_string(&Stamped { at: None }).expect("JSON");
        assert_eq!(none, r#"{"at":null}"#);
    }

    #[derive(serde::Serialize)]
    struct Stamped {
        #[serde(serialize_with = "serialize_optional")]
        at: Option<NaiveDateTime>,
    }
}
