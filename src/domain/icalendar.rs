//! iCalendar (RFC 5545), written by hand: content lines ending in CRLF, folded at 75 octets
//! without splitting a character, TEXT values escaped.
//!
//! Times are written in the event's own zone (`DTSTART;TZID=…`) with a `VTIMEZONE` for each
//! zone used. The zone is not described by recurrence rules, which the tz database does not
//! give in a form that can be written faithfully: it lists, one by one, every change of offset
//! the tz database knows between the year before the first event and the year after the last.
//! A local time that names two instants (the hour the clocks pass twice) is read by calendars
//! as the first; an event starting in the second is written in UTC (`…Z`) instead.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// Octets a content line may hold, CRLF not counted.
pub const LINE_OCTETS: usize = 75;

/// One `VEVENT`. Times are UTC.
#[derive(Debug, Clone)]
pub struct CalendarEvent {
    /// Globally unique and stable: the same event always has the same one.
    pub uid: String,
    /// When the event was last changed (`DTSTAMP`).
    pub stamp: NaiveDateTime,
    pub zone: Tz,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub url: String,
}

/// A whole calendar named `name` holding `events`, ready to send.
pub fn calendar(name: &str, events: &[CalendarEvent]) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold(text, &mut out);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Concord//Consultation events//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", text(name)));
    for (zone, first, last) in zones_used(events).into_values() {
        for component in vtimezone(zone, first, last) {
            line(&component);
        }
    }
    for event in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", text(&event.uid)));
        line(&format!("DTSTAMP:{}", utc(&event.stamp)));
        line(&format!("DTSTART{}", zoned(event.zone, &event.starts_at)));
        line(&format!("DTEND{}", zoned(event.zone, &event.ends_at)));
        line(&format!("SUMMARY:{}", text(&event.summary)));
        if !event.location.is_empty() {
            line(&format!("LOCATION:{}", text(&event.location)));
        }
        if !event.description.is_empty() {
            line(&format!("DESCRIPTION:{}", text(&event.description)));
        }
        line(&format!("URL:{}", uri(&event.url)));
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// A TEXT value escaped: backslash, semicolon, comma and line breaks; other control
/// characters, which TEXT may not hold, dropped.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let normalised = value.replace("\r\n", "\n").replace('\r', "\n");
    for ch in normalised.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value: no escaping, but no control character or space either.
fn uri(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect()
}

/// Appends `line` folded: no physical line longer than 75 octets, a character never split,
/// each continuation starting with a space.
pub fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let octets = ch.len_utf8();
        if width + octets > LINE_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += octets;
    }
    out.push_str("\r\n");
}

/// A UTC time as iCalendar writes it: `20260715T140000Z`.
fn utc(at: &NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// The value (with its parameter) of a start or end: the local time in `zone`, unless that
/// local time would be read as another instant; then UTC.
fn zoned(zone: Tz, at: &NaiveDateTime) -> String {
    let local = zone.from_utc_datetime(at).naive_local();
    let read_back = zone
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.naive_utc());
    if read_back == Some(*at) {
        format!(";TZID={}:{}", zone.name(), local.format("%Y%m%dT%H%M%S"))
    } else {
        format!(":{}", utc(at))
    }
}

/// Each zone used, by name, with the first and last instant it is used for.
type ZoneSpan = (Tz, NaiveDateTime, NaiveDateTime);

fn zones_used(events: &[CalendarEvent]) -> BTreeMap<&'static str, ZoneSpan> {
    let mut zones: BTreeMap<&'static str, ZoneSpan> = BTreeMap::new();
    for event in events {
        let span =
            zones
                .entry(event.zone.name())
                .or_insert((event.zone, event.starts_at, event.ends_at));
        span.1 = span.1.min(event.starts_at);
        span.2 = span.2.max(event.ends_at);
    }
    zones
}

/// What a zone's offset is at one instant: seconds east of UTC, summer time or not, its
/// abbreviation.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Observance {
    offset: i32,
    daylight: bool,
    name: String,
}

fn observance(zone: Tz, at: &NaiveDateTime) -> Observance {
    let offset = zone.offset_from_utc_datetime(at);
    Observance {
        offset: offset.fix().local_minus_utc(),
        daylight: offset.dst_offset() != Duration::zero(),
        name: offset.abbreviation().unwrap_or_default().to_string(),
    }
}

/// The instants, between `from` and `to`, at which the zone's observance changes.
fn transitions(zone: Tz, from: NaiveDateTime, to: NaiveDateTime) -> Vec<NaiveDateTime> {
    let mut found = Vec::new();
    let mut day = from;
    let mut before = observance(zone, &day);
    while day < to {
        let next = day + Duration::days(1);
        let after = observance(zone, &next);
        if after != before {
            // The change is in this day: halve the interval down to the second.
            let (mut lo, mut hi) = (day, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if observance(zone, &mid) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            found.push(hi);
            before = after;
        }
        day = next;
    }
    found
}

/// `+HHMM` (or `+HHMMSS`) for an offset in seconds.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, rest) = (s / 3600, s % 3600 / 60, s % 60);
    if rest == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{rest:02}")
    }
}

/// The `VTIMEZONE` of `zone`, as content lines, for the years around `first`..`last`.
fn vtimezone(zone: Tz, first: NaiveDateTime, last: NaiveDateTime) -> Vec<String> {
    let year_start = |year: i32| {
        NaiveDate::from_ymd_opt(year, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or(first)
    };
    let from = year_start(chrono::Datelike::year(&first) - 1);
    let to = year_start(chrono::Datelike::year(&last) + 2);
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_string(),
        format!("TZID:{}", zone.name()),
    ];
    let mut component = |before: &Observance, after: &Observance, at: &NaiveDateTime| {
        let kind = if after.daylight {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        let onset = *at + Duration::seconds(i64::from(before.offset));
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", onset.format("%Y%m%dT%H%M%S")));
        lines.push(format!("TZOFFSETFROM:{}", utc_offset(before.offset)));
        lines.push(format!("TZOFFSETTO:{}", utc_offset(after.offset)));
        if !after.name.is_empty() {
            lines.push(format!("TZNAME:{}", text(&after.name)));
        }
        lines.push(format!("END:{kind}"));
    };
    let mut current = observance(zone, &from);
    component(&current, &current, &from);
    for at in transitions(zone, from, to) {
        let next = observance(zone, &at);
        component(&current, &next, &at);
        current = next;
    }
    lines.push("END:VTIMEZONE".to_string());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(raw: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M").expect("a time")
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a;b,c\\d\r\ne\nf"), "a\\;b\\,c\\\\d\\ne\\nf");
        assert_eq!(text("bell\u{7}"), "bell");
    }

    #[test]
    fn lines_fold_at_75_octets_without_splitting_a_character() {
        let long = format!("SUMMARY:{}", "مشاورة إقليمية ".repeat(10));
        let mut out = String::new();
        fold(&long, &mut out);
        for physical in out.split_terminator("\r\n") {
            assert!(physical.len() <= LINE_OCTETS, "{physical:?}");
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn new_york_in_july_is_four_hours_behind() {
        let event = CalendarEvent {
            uid: "event-1@example.org".into(),
            stamp: at("2026-01-01 00:00"),
            zone: chrono_tz::America::New_York,
            starts_at: at("2026-07-15 14:00"),
            ends_at: at("2026-07-15 21:00"),
            summary: "Hearing".into(),
            location: String::new(),
            description: String::new(),
            url: "https://example.org/p/gcm/events/1".into(),
        };
        let body = calendar("Events", &[event]);
        assert!(body.contains("DTSTART;TZID=America/New_York:20260715T100000\r\n"));
        assert!(body.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\n"
        ));
        assert!(body.contains(
            "BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n"
        ));
    }

    #[test]
    fn the_second_pass_of_a_repeated_hour_is_written_in_utc() {
        let zone = chrono_tz::America::New_York;
        // 01:30 EST on 1 November 2026 is 06:30 UTC; 01:30 EDT was 05:30 UTC.
        assert_eq!(zoned(zone, &at("2026-11-01 06:30")), ":20261101T063000Z");
        assert_eq!(
            zoned(zone, &at("2026-11-01 05:30")),
            ";TZID=America/New_York:20261101T013000"
        );
    }

    #[test]
    fn offsets_are_signed_hours_and_minutes() {
        assert_eq!(utc_offset(-4 * 3600), "-0400");
        assert_eq!(utc_offset(0), "+0000");
        assert_eq!(utc_offset(5 * 3600 + 1800), "+0530");
    }
}
