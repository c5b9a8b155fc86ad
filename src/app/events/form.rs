//! The event form: what it holds as typed, how a stored event fills it, and how it parses into
//! an `EventDraft` against the process's groups, themes and published documents, every
//! problem beside its field. Pure: no database, no HTTP.

use crate::domain::attendance;
use crate::domain::events::{self, EventKind};
use crate::domain::ids::DocumentId;
use crate::domain::phases::PhaseKind;
use crate::domain::validation::{self, FieldErrors, Invalid, Title};
use crate::store::events::{Event, EventDraft, EventSession, LinkableDocument};
use crate::store::processes::{Structure, ThemeKind};

/// The form as typed. Times are `datetime-local` values in the event's time zone.
#[derive(Debug, Default, Clone)]
pub struct EventForm {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub place: String,
    pub online: bool,
    pub time_zone: String,
    pub starts: String,
    pub ends: String,
    pub phase: String,
    /// The action group's number, or empty.
    pub group: String,
    /// The theme's id, or empty.
    pub theme: String,
    pub public: bool,
    /// How many may register; empty for no cap.
    pub capacity: String,
    pub programme: String,
    /// The ids of the ticked documents.
    pub documents: Vec<String>,
}

/// The characters a place may take.
const PLACE_CHARS: usize = 200;
const DESCRIPTION_CHARS: usize = 5_000;

impl EventForm {
    /// A new event's form: public, in the process's zone.
    pub fn blank(time_zone: &str) -> Self {
        EventForm {
            kind: EventKind::RegionalConsultation.as_str().into(),
            time_zone: time_zone.into(),
            public: true,
            ..Default::default()
        }
    }

    /// Reads the pairs of an URL-encoded body; repeated `document` fields are the ticked boxes,
    /// and a checkbox is on when it is sent at all.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = EventForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "kind" => form.kind = value,
                "title" => form.title = value,
                "description" => form.description = value,
                "place" => form.place = value,
                "online" => form.online = true,
                "time_zone" => form.time_zone = value,
                "starts" => form.starts = value,
                "ends" => form.ends = value,
                "phase" => form.phase = value,
                "group" => form.group = value,
                "theme" => form.theme = value,
                "public" => form.public = true,
                "capacity" => form.capacity = value,
                "programme" => form.programme = value,
                "document" => form.documents.push(value),
                _ => {}
            }
        }
        form
    }

    /// The form filled in from a stored event.
    pub fn from_event(
        event: &Event,
        sessions: &[EventSession],
        linked: &[LinkableDocument],
        structure: &Structure,
    ) -> Self {
        let tz = event.tz();
        let group = event
            .group_id
            .and_then(|id| structure.groups.iter().find(|g| g.id == id))
            .map(|g| g.number.to_string())
            .unwrap_or_default();
        EventForm {
            kind: event.kind.as_str().into(),
            title: event.title.clone(),
            description: event.description.clone(),
            place: event.place.clone(),
            online: event.online,
            time_zone: event.time_zone.clone(),
            starts: events::local_field(tz, &event.starts_at),
            ends: events::local_field(tz, &event.ends_at),
            phase: event
                .phase
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
            group,
            theme: event.theme_id.map(|t| t.to_string()).unwrap_or_default(),
            public: event.public,
            capacity: event.capacity.map(|c| c.to_string()).unwrap_or_default(),
            programme: events::programme_text(
                tz,
                sessions
                    .iter()
                    .map(|s| (s.title.as_str(), &s.starts_at, &s.ends_at)),
            ),
            documents: linked.iter().map(|d| d.id.0.to_string()).collect(),
        }
    }

    /// Whether the document `id` is ticked.
    pub fn links(&self, id: &DocumentId) -> bool {
        self.documents.iter().any(|d| d.trim() == id.0.to_string())
    }

    /// Parses the whole form against the process; every problem is reported beside its field.
    pub fn parse(
        &self,
        structure: &Structure,
        linkable: &[LinkableDocument],
    ) -> Result<EventDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = errors.check(
            "kind",
            EventKind::parse(&self.kind).ok_or(Invalid("error-required")),
        );
        let title = errors.check("title", Title::parse(&self.title));
        let description = errors.check(
            "description",
            validation::description(&self.description, DESCRIPTION_CHARS),
        );
        let place = errors.check("place", self.place());
        let tz = errors.check("time_zone", validation::time_zone(&self.time_zone));
        let zone = tz.unwrap_or(chrono_tz::UTC);
        let starts = errors.check("starts", events::parse_local(zone, &self.starts));
        let ends = errors.check("ends", events::parse_local(zone, &self.ends));
        let window = match (starts, ends) {
            (Some(starts), Some(ends)) if ends > starts => Some((starts, ends)),
            (Some(_), Some(_)) => {
                errors.add("ends", "error-ends-before-starts");
                None
            }
            _ => None,
        };
        let sessions = window.and_then(|(starts, ends)| {
            errors.check(
                "programme",
                events::parse_programme(&self.programme, zone, starts, ends),
            )
        });
        let phase = errors.check("phase", self.phase());
        let group_id = errors.check("group", self.group_id(structure));
        let theme_id = errors.check("theme", self.theme_id(structure));
        let documents = errors.check("documents", self.document_ids(linkable));
        let capacity = errors.check("capacity", attendance::parse_capacity(&self.capacity));
        match (
            kind,
            title,
            description,
            place,
            tz,
            window,
            sessions,
            phase,
            group_id,
            theme_id,
            documents,
            capacity,
        ) {
            (
                Some(kind),
                Some(title),
                Some(description),
                Some(place),
                Some(tz),
                Some((starts_at, ends_at)),
                Some(sessions),
                Some(phase),
                Some(group_id),
                Some(theme_id),
                Some(documents),
                Some(capacity),
            ) if errors.is_empty() => Ok(EventDraft {
                kind,
                title: title.into_inner(),
                description,
                place,
                online: self.online,
                time_zone: tz.name().to_string(),
                starts_at,
                ends_at,
                phase,
                group_id,
                theme_id,
                public: self.public,
                capacity,
                sessions,
                documents,
            }),
            _ => Err(errors),
        }
    }

    /// The place: required unless the event is held online.
    fn place(&self) -> Result<String, Invalid> {
        let place = self.place.trim();
        if place.is_empty() {
            return if self.online {
                Ok(String::new())
            } else {
                Err(Invalid("event-error-place-or-online"))
            };
        }
        if place.chars().any(char::is_control) {
            return Err(Invalid("error-control-characters"));
        }
        if place.chars().count() > PLACE_CHARS {
            return Err(Invalid("error-too-long"));
        }
        Ok(place.to_string())
    }

    fn phase(&self) -> Result<Option<PhaseKind>, Invalid> {
        match self.phase.trim() {
            "" => Ok(None),
            raw => PhaseKind::parse(raw)
                .map(Some)
                .ok_or(Invalid("event-error-no-such-choice")),
        }
    }

    fn group_id(&self, structure: &Structure) -> Result<Option<i64>, Invalid> {
        match self.group.trim() {
            "" => Ok(None),
            raw => structure
                .groups
                .iter()
                .find(|g| g.number.to_string() == raw)
                .map(|g| Some(g.id))
                .ok_or(Invalid("event-error-no-such-choice")),
        }
    }

    fn theme_id(&self, structure: &Structure) -> Result<Option<i64>, Invalid> {
        match self.theme.trim() {
            "" => Ok(None),
            raw => structure
                .themes_of(ThemeKind::Theme)
                .find(|t| t.id.to_string() == raw)
                .map(|t| Some(t.id))
                .ok_or(Invalid("event-error-no-such-choice")),
        }
    }

    fn document_ids(&self, linkable: &[LinkableDocument]) -> Result<Vec<DocumentId>, Invalid> {
        let mut ids: Vec<DocumentId> = Vec::new();
        for raw in &self.documents {
            let id = linkable
                .iter()
                .find(|d| d.id.0.to_string() == raw.trim())
                .map(|d| d.id)
                .ok_or(Invalid("event-error-no-such-choice"))?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn structure() -> Structure {
        Structure {
            phases: Vec::new(),
            groups: Vec::new(),
            themes: Vec::new(),
            content: Default::default(),
            original: crate::i18n::Lang::En,
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn an_event_across_the_clock_change_keeps_its_local_times() {
        let form = EventForm::from_pairs(pairs(&[
            ("kind", "hearing"),
            ("title", "Multi-stakeholder hearing"),
            ("place", "United Nations Headquarters, New York"),
            ("time_zone", "America/New_York"),
            ("starts", "2026-10-31T10:00"),
            ("ends", "2026-11-02T17:00"),
            ("public", "on"),
        ]));
        let draft = form.parse(&structure(), &[]).expect("valid");
        assert_eq!(draft.starts_at.to_string(), "2026-10-31 14:00:00");
        assert_eq!(draft.ends_at.to_string(), "2026-11-02 22:00:00");
        assert!(draft.public && !draft.online);
    }

    #[test]
    fn every_problem_is_told_beside_its_field() {
        let form = EventForm::from_pairs(pairs(&[
            ("kind", "party"),
            ("title", ""),
            ("time_zone", "Mars/Olympus"),
            ("starts", "2026-12-02T10:00"),
            ("ends", "2026-12-01T10:00"),
            ("group", "9"),
            ("document", "4"),
        ]));
        let errors = form.parse(&structure(), &[]).expect_err("refused");
        for field in [
            "kind",
            "title",
            "place",
            "time_zone",
            "ends",
            "group",
            "documents",
        ] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }
    }
}
