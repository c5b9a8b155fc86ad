//! Events as iCalendar files: one event with its programme, or every event of a process the
//! visitor may see. Private events are refused (as not found) to, and left out for, whoever
//! may not see them.

use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::icalendar::{self, CalendarEvent};
use crate::paths;
use crate::store::events::{self, Event, EventSession};

/// A calendar file ready to send.
#[derive(Debug, Clone)]
pub struct CalendarFile {
    pub file_name: String,
    pub body: String,
}

/// Where the server is reached, and the words the file uses.
#[derive(Debug, Clone)]
pub struct Site {
    /// The public address, e.g. `https://concord.example.org`.
    pub base_url: String,
    /// How a place reads when the event is (also) online.
    pub online: String,
}

impl Site {
    /// The host the UIDs are made unique with.
    fn host(&self) -> &str {
        let rest = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, rest)| rest);
        let host = rest.split('/').next().unwrap_or(rest);
        host.split(':').next().unwrap_or(host)
    }
}

/// The calendar of every event of the process the visitor may see.
pub fn process_calendar(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    site: &Site,
) -> Result<CalendarFile> {
    let list = super::list(conn, person, slug)?;
    let mut entries = Vec::new();
    for event in list.events {
        let sessions = events::sessions_of(conn, event.id)?;
        entries.extend(entries_of(&list.process.slug, &event, &sessions, site));
    }
    Ok(CalendarFile {
        file_name: format!("{}-events.ics", list.process.slug),
        body: icalendar::calendar(&list.process.title, &entries),
    })
}

/// The calendar of one event and its programme.
pub fn event_calendar(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    event_id: i64,
    site: &Site,
) -> Result<CalendarFile> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let event = super::readable_event(conn, &process, &actor, event_id)?;
    let sessions = events::sessions_of(conn, event.id)?;
    let entries = entries_of(&process.slug, &event, &sessions, site);
    if entries.is_empty() {
        return Err(Error::NotFound);
    }
    Ok(CalendarFile {
        file_name: format!("{}-event-{}.ics", process.slug, event.id),
        body: icalendar::calendar(&event.title, &entries),
    })
}

/// The event, then each of its sessions, as calendar entries. A session's UID is made of its
/// place in the programme, which stays the same when the event is edited.
fn entries_of(
    slug: &str,
    event: &Event,
    sessions: &[EventSession],
    site: &Site,
) -> Vec<CalendarEvent> {
    let host = site.host();
    let url = format!(
        "{}{}",
        site.base_url.trim_end_matches('/'),
        paths::event(slug, event.id)
    );
    let location = match (event.place.is_empty(), event.online) {
        (false, true) => format!("{} · {}", event.place, site.online),
        (false, false) => event.place.clone(),
        (true, true) => site.online.clone(),
        (true, false) => String::new(),
    };
    let mut entries = vec![CalendarEvent {
        uid: format!("event-{}@{host}", event.id),
        stamp: event.updated_at,
        zone: event.tz(),
        starts_at: event.starts_at,
        ends_at: event.ends_at,
        summary: event.title.clone(),
        location: location.clone(),
        description: event.description.clone(),
        url: url.clone(),
    }];
    entries.extend(sessions.iter().map(|session| CalendarEvent {
        uid: format!("event-{}-session-{}@{host}", event.id, session.position),
        stamp: event.updated_at,
        zone: event.tz(),
        starts_at: session.starts_at,
        ends_at: session.ends_at,
        summary: format!("{} — {}", session.title, event.title),
        location: location.clone(),
        description: event.title.clone(),
        url: url.clone(),
    }));
    entries
}
