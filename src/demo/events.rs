//! The demo's consultation events: the 2017 series (the six informal thematic sessions, some
//! regional and civil-society consultations, the multi-stakeholder hearing) and the Puerto
//! Vallarta stocktaking meeting with its programme and its action groups' sessions, each
//! linked to the documents it produced. Typed as the secretariat's form would take them: local
//! times in the event's own zone, the programme one session a line. Each event has the
//! registrations and the attendance the secretariat recorded, so the statistics and the open
//! data have figures to show.

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::{Demo, DemoError, invalid};
use crate::db::DbConnection;
use crate::domain::attendance::RegistrationStatus;
use crate::domain::events::{self, EventKind, LOCAL_FORMAT};
use crate::domain::phases::PhaseKind;
use crate::store::attendance as attendance_store;
use crate::store::events::{self as store, EventDraft};

#[derive(Deserialize)]
pub(super) struct DemoEvents {
    events: Vec<DemoEvent>,
}

#[derive(Deserialize)]
struct DemoEvent {
    kind: String,
    title: String,
    description: String,
    place: String,
    online: bool,
    time_zone: String,
    starts: String,
    ends: String,
    phase: Option<String>,
    group: Option<i32>,
    theme: Option<String>,
    /// One session a line, as the form takes the programme.
    sessions: Vec<String>,
    /// Slugs of published documents.
    documents: Vec<String>,
    /// Who registered and who came, by the local part of their demo address
    /// (`ohchr` for `ohchr@demo.concord.example`).
    #[serde(default)]
    attendance: DemoAttendance,
}

#[derive(Deserialize, Default)]
struct DemoAttendance {
    capacity: Option<i32>,
    /// Registered and checked in by the secretariat.
    #[serde(default)]
    attended: Vec<String>,
    /// Registered, and did not come.
    #[serde(default)]
    absent: Vec<String>,
    /// On the waiting list when the event began.
    #[serde(default)]
    waiting: Vec<String>,
    /// Those of the above who did not agree to be named among the participants.
    #[serde(default)]
    unlisted: Vec<String>,
}

/// The domain of the demo's addresses.
const DOMAIN: &str = "@demo.concord.example";

/// Records an event's registrations as they stood after it: who had a place, who waited,
/// who the secretariat checked in; returns how many attended.
fn record_attendance(
    conn: &mut DbConnection,
    demo: &Demo,
    event_id: i64,
    starts_at: NaiveDateTime,
    attendance: &DemoAttendance,
) -> Result<usize, DemoError> {
    let secretariat = demo.people.person(&format!("secretariat{DOMAIN}"))?;
    let rows = [
        (&attendance.attended, RegistrationStatus::Registered, true),
        (&attendance.absent, RegistrationStatus::Registered, false),
        (&attendance.waiting, RegistrationStatus::Waitlisted, false),
    ];
    for (people, status, attended) in rows {
        for name in people {
            let person = demo.people.person(&format!("{name}{DOMAIN}"))?;
            let listed = !attendance.unlisted.contains(name);
            let checked_in = attended.then_some((starts_at, secretariat.id));
            attendance_store::insert(conn, event_id, person.id, status, listed, checked_in)?;
        }
    }
    Ok(attendance.attended.len())
}

/// Creates the demo's events; returns how many.
pub(super) fn insert(
    conn: &mut DbConnection,
    demo: &Demo,
    data: &DemoEvents,
) -> Result<usize, DemoError> {
    let linkable = store::linkable_documents(conn, demo.process.id)?;
    for event in &data.events {
        let tz = crate::domain::validation::time_zone(&event.time_zone)
            .map_err(|e| invalid(format!("{}: {}", event.title, e.0)))?;
        let local = |raw: &str| -> Result<NaiveDateTime, DemoError> {
            let naive = NaiveDateTime::parse_from_str(raw, LOCAL_FORMAT)
                .map_err(|e| invalid(format!("{}: {raw}: {e}", event.title)))?;
            events::utc_of_local(tz, naive).map_err(|e| invalid(e.0))
        };
        let (starts_at, ends_at) = (local(&event.starts)?, local(&event.ends)?);
        let sessions = events::parse_programme(&event.sessions.join("\n"), tz, starts_at, ends_at)
            .map_err(|e| invalid(format!("{}: {}", event.title, e.0)))?;
        let documents = event
            .documents
            .iter()
            .map(|slug| {
                linkable
                    .iter()
                    .find(|d| &d.slug == slug)
                    .map(|d| d.id)
                    .ok_or_else(|| invalid(format!("no published document {slug:?}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let draft = EventDraft {
            kind: EventKind::parse(&event.kind).ok_or_else(|| invalid(&event.kind))?,
            title: event.title.clone(),
            description: event.description.clone(),
            place: event.place.clone(),
            online: event.online,
            time_zone: tz.name().to_string(),
            starts_at,
            ends_at,
            phase: event
                .phase
                .as_deref()
                .map(|p| PhaseKind::parse(p).ok_or_else(|| invalid(p)))
                .transpose()?,
            group_id: event.group.map(|n| demo.group(n)).transpose()?,
            theme_id: event.theme.as_deref().map(|t| demo.theme(t)).transpose()?,
            public: true,
            capacity: event.attendance.capacity,
            sessions,
            documents,
        };
        let id = store::create_event(conn, demo.process.id, &draft)?;
        record_attendance(conn, demo, id, starts_at, &event.attendance)?;
    }
    Ok(data.events.len())
}
