//! Rows for the secretariat's event form: creating and editing consultation events.

use super::fields::path_of;
use crate::fuzz::base::Base;
use crate::fuzz::requests::{fixed, form_case};
use crate::fuzz::runner::{FormSpec, form};
use crate::fuzz::values::{FieldSpec, any_field, field, good_or_any};
use crate::fuzz::world::World;

pub(super) fn rows(w: &World) -> Vec<FormSpec<'_>> {
    let admin = &w.people.admin;
    // The demo's first event (a thematic session) and its stocktaking meeting.
    let edits = path_of(vec!["1".to_string(), "12".to_string()], |e| {
        format!("/p/gcm/events/{e}/edit")
    });
    vec![
        form(
            "event create",
            admin,
            14,
            form_case(fixed("/p/gcm/events/new"), event_fields()),
        )
        .based_on(event("/p/gcm/events/new")),
        form("event edit", admin, 14, form_case(edits, event_fields()))
            .based_on(event("/p/gcm/events/12/edit")),
        form(
            "event speaker add",
            admin,
            12,
            form_case(sessions("speakers"), speaker_fields()),
        )
        .based_on(Base::new(
            "/p/gcm/events/12/sessions/1/speakers",
            &[("speaker_delegation", ""), ("speaker_name", "IOM")],
        )),
        form(
            "event statement file",
            admin,
            12,
            form_case(sessions("statements"), statement_fields()),
        )
        .based_on(Base::new(
            "/p/gcm/events/12/sessions/1/statements",
            &[
                ("delegation", "1"),
                ("title", "A fuzzed statement"),
                ("body", "Fuzzed."),
                ("language", "en"),
            ],
        )),
    ]
}

/// A form under the demo meeting's sessions (the first two: ids 1 and 2 in a fresh demo).
fn sessions(what: &'static str) -> proptest::strategy::BoxedStrategy<String> {
    path_of(vec!["1".to_string(), "2".to_string()], move |s| {
        format!("/p/gcm/events/12/sessions/{s}/{what}")
    })
}

fn speaker_fields() -> Vec<FieldSpec> {
    vec![
        field("speaker_delegation", good_or_any(&["", "1", "999999"])),
        any_field("speaker_name"),
    ]
}

fn statement_fields() -> Vec<FieldSpec> {
    vec![
        field("delegation", good_or_any(&["1", "2", "999999"])),
        any_field("title"),
        any_field("body"),
        field("language", good_or_any(&["en", "ar", "xx"])),
    ]
}

fn event_fields() -> Vec<FieldSpec> {
    vec![
        field(
            "kind",
            good_or_any(&["regional-consultation", "hearing", "plenary"]),
        ),
        any_field("title"),
        any_field("description"),
        any_field("place"),
        field("online", good_or_any(&["on"])),
        field(
            "time_zone",
            good_or_any(&["America/New_York", "America/Mexico_City", "UTC"]),
        ),
        field(
            "starts",
            good_or_any(&["2026-10-31T10:00", "2026-03-08T02:30", "2017-12-04T09:00"]),
        ),
        field(
            "ends",
            good_or_any(&["2026-11-02T17:00", "2026-11-01T01:30", "2017-12-06T13:00"]),
        ),
        field(
            "programme",
            good_or_any(&[
                "2017-12-04 10:00-13:00 IDEA LAB",
                "2026-11-01 01:00-02:30 Across the change",
                "2017-12-04 13:00-10:00 Backwards",
            ]),
        ),
        field("phase", good_or_any(&["stocktaking", "consultation", ""])),
        field("group", good_or_any(&["1", "6", "99", ""])),
        any_field("theme"),
        field("document", good_or_any(&["1", "2", "999999"])),
        field("public", good_or_any(&["on"])),
    ]
}

fn event(path: &str) -> Base {
    Base::new(
        path,
        &[
            ("kind", "plenary"),
            (
                "title",
                "Preparatory (stocktaking) meeting, Puerto Vallarta",
            ),
            ("description", "Fuzzed."),
            ("place", "Puerto Vallarta"),
            ("time_zone", "America/Mexico_City"),
            ("starts", "2017-12-04T09:00"),
            ("ends", "2017-12-06T13:00"),
            ("programme", "2017-12-04 10:00-13:00 IDEA LAB"),
            ("phase", "stocktaking"),
            ("group", "1"),
            ("public", "on"),
        ],
    )
}
