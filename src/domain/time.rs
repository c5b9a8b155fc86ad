//! Instants as others read them. Every stored timestamp is UTC without a zone; whatever leaves
//! Concord as data (the API, open data) says so, in RFC 3339 with `Z`.

use chrono::{Datelike, NaiveDateTime, Timelike};

/// `2026-12-08T09:30:00Z`: to the second, in UTC, with its zone.
///
/// Written digit by digit: open data writes one for every row, and `format` parsed its
/// pattern again each time (5 % of a proposals download). Years outside 0–9999, which
/// chrono writes with a sign, and leap seconds go through chrono.
pub fn rfc3339(at: &NaiveDateTime) -> String {
    let year = at.year();
    // A leap second (chrono's nanoseconds past a whole second) chrono writes as `:60`.
    if !(0..=9999).contains(&year) || at.nanosecond() >= 1_000_000_000 {
        return at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    }
    let mut out = String::with_capacity(20);
    push_digits(&mut out, year.unsigned_abs(), 4);
    for (separator, value) in [
        ('-', at.month()),
        ('-', at.day()),
        ('T', at.hour()),
        (':', at.minute()),
        (':', at.second()),
    ] {
        out.push(separator);
        push_digits(&mut out, value, 2);
    }
    out.push('Z');
    out
}

/// `value`'s last `width` decimal digits, with leading zeros.
fn push_digits(out: &mut String, value: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = (value / 10u32.pow(place) % 10) as u8;
        out.push(char::from(b'0' + digit));
    }
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

    #[test]
    fn written_as_chrono_writes_it() {
        let days = [
            (0, 1, 1),
            (999, 2, 28),
            (2000, 2, 29),
            (2017, 4, 20),
            (9999, 12, 31),
        ];
        let times = [(0, 0, 0, 0), (9, 5, 7, 1), (23, 59, 59, 999_999_999)];
        let mut ats: Vec<NaiveDateTime> = days
            .iter()
            .flat_map(|&(y, m, d)| {
                times.iter().filter_map(move |&(h, min, sec, nano)| {
                    chrono::NaiveDate::from_ymd_opt(y, m, d)?.and_hms_nano_opt(h, min, sec, nano)
                })
            })
            .collect();
        ats.extend(chrono::NaiveDate::from_ymd_opt(2016, 12, 31).and_then(|d| {
            d.and_hms_nano_opt(23, 59, 59, 1_500_000_000) // a leap second
        }));
        ats.extend(
            chrono::NaiveDate::from_ymd_opt(10_000, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)),
        );
        ats.extend(chrono::NaiveDate::from_ymd_opt(-1, 6, 1).and_then(|d| d.and_hms_opt(12, 0, 0)));
        assert_eq!(ats.len(), 18);
        for at in ats {
            assert_eq!(rfc3339(&at), at.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        }
    }

    #[derive(serde::Serialize)]
    struct Stamped {
        #[serde(serialize_with = "serialize_optional")]
        at: Option<NaiveDateTime>,
    }
}
