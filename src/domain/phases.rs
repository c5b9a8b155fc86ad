//! Phases of a process and their windows.

use chrono::NaiveDateTime;
use serde::Serialize;

/// Serialized as its stored form, for the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PhaseKind {
    Consultation,
    Stocktaking,
    Negotiation,
    Adoption,
}

impl PhaseKind {
    /// In the order a process goes through them.
    pub const ALL: [PhaseKind; 4] = [
        PhaseKind::Consultation,
        PhaseKind::Stocktaking,
        PhaseKind::Negotiation,
        PhaseKind::Adoption,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PhaseKind::Consultation => "consultation",
            PhaseKind::Stocktaking => "stocktaking",
            PhaseKind::Negotiation => "negotiation",
            PhaseKind::Adoption => "adoption",
        }
    }

    pub fn parse(raw: &str) -> Option<PhaseKind> {
        PhaseKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    pub fn label_key(self) -> String {
        format!("phase-{}", self.as_str())
    }
}

/// When a phase accepts work: from `opens` (inclusive) to `closes` (exclusive), in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    opens: NaiveDateTime,
    closes: NaiveDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowState {
    Upcoming,
    Open,
    Closed,
}

impl WindowState {
    pub fn as_str(self) -> &'static str {
        match self {
            WindowState::Upcoming => "upcoming",
            WindowState::Open => "open",
            WindowState::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a window must close after it opens")]
pub struct ClosesBeforeOpening;

impl Window {
    pub fn new(opens: NaiveDateTime, closes: NaiveDateTime) -> Result<Self, ClosesBeforeOpening> {
        if closes <= opens {
            return Err(ClosesBeforeOpening);
        }
        Ok(Self { opens, closes })
    }

    pub fn opens(&self) -> NaiveDateTime {
        self.opens
    }

    pub fn closes(&self) -> NaiveDateTime {
        self.closes
    }

    pub fn state_at(&self, now: NaiveDateTime) -> WindowState {
        if now < self.opens {
            WindowState::Upcoming
        } else if now < self.closes {
            WindowState::Open
        } else {
            WindowState::Closed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2017, 12, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .expect("valid date")
    }

    #[test]
    fn a_window_is_open_from_its_opening_until_just_before_it_closes() {
        let window = Window::new(at(4, 9), at(6, 18)).expect("valid window");
        assert_eq!(window.state_at(at(4, 8)), WindowState::Upcoming);
        assert_eq!(window.state_at(at(4, 9)), WindowState::Open);
        assert_eq!(window.state_at(at(6, 17)), WindowState::Open);
        assert_eq!(window.state_at(at(6, 18)), WindowState::Closed);
    }

    #[test]
    fn a_window_cannot_close_before_it_opens() {
        assert_eq!(Window::new(at(6, 9), at(4, 9)), Err(ClosesBeforeOpening));
        assert_eq!(Window::new(at(6, 9), at(6, 9)), Err(ClosesBeforeOpening));
    }

    #[test]
    fn kinds_round_trip() {
        for kind in PhaseKind::ALL {
            assert_eq!(PhaseKind::parse(kind.as_str()), Some(kind));
        }
    }
}
