//! The rules of the drafting process, as plain types and functions.
//!
//! Nothing here touches the database, HTTP or the clock: callers pass `now` in. Every
//! decision about who may do what is made by `permissions::can`.

pub mod attendance;
pub mod audit;
pub mod campaigns;
pub mod charts;
pub mod content;
pub mod contributions;
pub mod csv;
pub mod diff;
pub mod documents;
pub mod events;
pub mod icalendar;
pub mod ids;
pub mod limits;
pub mod mail;
pub mod negotiation;
pub mod notifications;
pub mod permissions;
pub mod phases;
pub mod programme;
pub mod proposals;
pub mod regions;
pub mod reports;
pub mod roles;
pub mod summary;
pub mod text_language;
pub mod time;
pub mod translations;
pub mod validation;
