//! Consultation events: their kinds, their times in their own time zone, and their programme.
//!
//! An event happens somewhere, so its times are typed and shown in that place's IANA zone
//! (`America/New_York`), while the database keeps UTC beside the zone's name. Reading a local
//! time is where daylight saving bites: a time the clocks skip does not exist and is refused,
//! and a time they pass twice is read as the first of the two, as the process form does.
//!
//! A programme is typed one session a line, `2017-12-04 09:00-13:00 IDEA LAB`, in the event's
//! zone, each session inside the event. Pure: no database, no HTTP.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use super::validation::{Invalid, Title};

/// What kind of meeting an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    ThematicSession,
    RegionalConsultation,
    CivilSocietyConsultation,
    NationalConsultation,
    Hearing,
    /// A session of a larger meeting, such as the IDEA LAB or an action group's session.
    MeetingSession,
    Plenary,
}

impl EventKind {
    pub const ALL: [EventKind; 7] = [
        EventKind::ThematicSession,
        EventKind::RegionalConsultation,
        EventKind::CivilSocietyConsultation,
        EventKind::NationalConsultation,
        EventKind::Hearing,
        EventKind::MeetingSession,
        EventKind::Plenary,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::ThematicSession => "thematic-session",
            EventKind::RegionalConsultation => "regional-consultation",
            EventKind::CivilSocietyConsultation => "civil-society-consultation",
            EventKind::NationalConsultation => "national-consultation",
            EventKind::Hearing => "hearing",
            EventKind::MeetingSession => "meeting-session",
            EventKind::Plenary => "plenary",
        }
    }

    pub fn parse(raw: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub fn label_key(self) -> String {
        format!("event-kind-{}", self.as_str())
    }
}

/// How a `datetime-local` field spells a time.
pub const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// A local time in `tz` as UTC: a time the clocks skip is refused, a time they pass twice is
/// the earlier one.
pub fn utc_of_local(tz: Tz, local: NaiveDateTime) -> Result<NaiveDateTime, Invalid> {
    tz.from_local_datetime(&local)
        .earliest()
        .map(|at| at.naive_utc())
        .ok_or(Invalid("error-date-time-gap"))
}

/// A `datetime-local` value typed in `tz`, as UTC.
pub fn parse_local(tz: Tz, raw: &str) -> Result<NaiveDateTime, Invalid> {
    let local = NaiveDateTime::parse_from_str(raw.trim(), LOCAL_FORMAT)
        .map_err(|_| Invalid("error-date-time"))?;
    utc_of_local(tz, local)
}

/// A stored UTC time as the `datetime-local` field of zone `tz` shows it.
pub fn local_field(tz: Tz, at: &NaiveDateTime) -> String {
    tz.from_utc_datetime(at).format(LOCAL_FORMAT).to_string()
}

/// A stored UTC time as people at the event read it: `2026-11-01 01:30 EDT`.
pub fn local_label(tz: Tz, at: &NaiveDateTime) -> String {
    tz.from_utc_datetime(at)
        .format("%Y-%m-%d %H:%M %Z")
        .to_string()
}

/// One session of a programme, parsed: UTC times and a title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDraft {
    pub title: String,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
}

/// Sessions a programme may hold.
pub const MAX_SESSIONS: usize = 60;

/// Reads a programme typed one session a line (`YYYY-MM-DD HH:MM-HH:MM Title`, local to
/// `tz`), blank lines skipped. Every session must end after it starts and lie within the
/// event, from `starts` to `ends` (UTC). Sessions keep the order they are typed in.
pub fn parse_programme(
    raw: &str,
    tz: Tz,
    starts: NaiveDateTime,
    ends: NaiveDateTime,
) -> Result<Vec<SessionDraft>, Invalid> {
    let mut sessions = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let session = parse_session(line, tz)?;
        if session.starts_at < starts || session.ends_at > ends {
            return Err(Invalid("error-session-outside-event"));
        }
        sessions.push(session);
    }
    if sessions.len() > MAX_SESSIONS {
        return Err(Invalid("error-too-many"));
    }
    Ok(sessions)
}

fn parse_session(line: &str, tz: Tz) -> Result<SessionDraft, Invalid> {
    let bad = Invalid("error-programme-line");
    let mut words = line.splitn(3, char::is_whitespace);
    let (Some(date), Some(times), Some(title)) = (words.next(), words.next(), words.next()) else {
        return Err(bad);
    };
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| bad)?;
    let (from, to) = times
        .split_once(['-', '–'])
        .ok_or(bad)
        .and_then(|(from, to)| Ok((time(from).ok_or(bad)?, time(to).ok_or(bad)?)))?;
    let starts_at = utc_of_local(tz, date.and_time(from))?;
    let ends_at = utc_of_local(tz, date.and_time(to))?;
    if ends_at <= starts_at {
        return Err(Invalid("error-ends-before-starts"));
    }
    Ok(SessionDraft {
        title: Title::parse(title)?.into_inner(),
        starts_at,
        ends_at,
    })
}

fn time(raw: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M").ok()
}

/// A programme as its field shows it, one session a line: what `parse_programme` reads back.
pub fn programme_text<'a>(
    tz: Tz,
    sessions: impl IntoIterator<Item = (&'a str, &'a NaiveDateTime, &'a NaiveDateTime)>,
) -> String {
    sessions
        .into_iter()
        .map(|(title, starts, ends)| {
            let starts = tz.from_utc_datetime(starts);
            let ends = tz.from_utc_datetime(ends);
            format!(
                "{} {}-{} {title}",
                starts.format("%Y-%m-%d"),
                starts.format("%H:%M"),
                ends.format("%H:%M")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(raw: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M").expect("a time")
    }

    const NEW_YORK: Tz = chrono_tz::America::New_York;

    #[test]
    fn kinds_survive_their_text() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(EventKind::parse("party"), None);
    }

    #[test]
    fn local_times_follow_daylight_saving() {
        // Before the change on 1 November 2026 New York is four hours behind UTC, after it five.
        assert_eq!(
            parse_local(NEW_YORK, "2026-10-31T10:00"),
            Ok(at("2026-10-31 14:00"))
        );
        assert_eq!(
            parse_local(NEW_YORK, "2026-11-02T17:00"),
            Ok(at("2026-11-02 22:00"))
        );
        // 01:30 happens twice that night: the first, still in summer time.
        assert_eq!(
            parse_local(NEW_YORK, "2026-11-01T01:30"),
            Ok(at("2026-11-01 05:30"))
        );
        // 02:30 on 8 March 2026 never happens.
        assert_eq!(
            parse_local(NEW_YORK, "2026-03-08T02:30"),
            Err(Invalid("error-date-time-gap"))
        );
        assert_eq!(
            parse_local(NEW_YORK, "yesterday"),
            Err(Invalid("error-date-time"))
        );
        assert_eq!(
            local_label(NEW_YORK, &at("2026-10-31 14:00")),
            "2026-10-31 10:00 EDT"
        );
        assert_eq!(
            local_label(NEW_YORK, &at("2026-11-02 22:00")),
            "2026-11-02 17:00 EST"
        );
        assert_eq!(
            local_field(NEW_YORK, &at("2026-11-02 22:00")),
            "2026-11-02T17:00"
        );
    }

    #[test]
    fn a_programme_reads_back_as_it_was_typed() {
        let tz = chrono_tz::America::Mexico_City;
        let typed = "2017-12-04 09:00-13:00 IDEA LAB\n\n2017-12-06 15:00–18:00 Closing plenary";
        let sessions = parse_programme(typed, tz, at("2017-12-04 15:00"), at("2017-12-07 00:00"))
            .expect("a programme");
        assert_eq!(sessions.len(), 2);
        assert_eq!(sessions[0].title, "IDEA LAB");
        assert_eq!(sessions[0].starts_at, at("2017-12-04 15:00"));
        assert_eq!(sessions[1].ends_at, at("2017-12-07 00:00"));
        let shown = programme_text(
            tz,
            sessions
                .iter()
                .map(|s| (s.title.as_str(), &s.starts_at, &s.ends_at)),
        );
        assert_eq!(
            shown,
            "2017-12-04 09:00-13:00 IDEA LAB\n2017-12-06 15:00-18:00 Closing plenary"
        );
    }

    #[test]
    fn a_programme_refuses_what_does_not_fit() {
        let tz = chrono_tz::UTC;
        let (starts, ends) = (at("2017-12-04 09:00"), at("2017-12-04 18:00"));
        let refused = |typed: &str| parse_programme(typed, tz, starts, ends).err();
        assert_eq!(
            refused("2017-12-05 09:00-10:00 Tomorrow"),
            Some(Invalid("error-session-outside-event"))
        );
        assert_eq!(
            refused("2017-12-04 11:00-10:00 Backwards"),
            Some(Invalid("error-ends-before-starts"))
        );
        assert_eq!(
            refused("at ten, the plenary"),
            Some(Invalid("error-programme-line"))
        );
        assert_eq!(
            refused("2017-12-04 10:00-11:00"),
            Some(Invalid("error-programme-line"))
        );
        assert_eq!(refused(""), None);
    }
}
