//! Rows for the secretariat's event form: creating and editing consultation events.

use super::fields::path_of;
use crate::fuzz::base::Base;
use crate::fuzz::requests::{fixed, form_case, malformed_multipart_case, multipart_case};
use crate::fuzz::runner::{FormSpec, form};
use crate::fuzz::values::{FieldSpec, any_field, field, good_or_any, number};
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
            "event registration",
            &w.people.stakeholder,
            8,
            form_case(
                on_events("registration"),
                vec![field("listed", good_or_any(&["on"]))],
            ),
        ),
        form(
            "event registration cancel",
            &w.people.stakeholder,
            6,
            form_case(on_events("registration/cancel"), vec![any_field("listed")]),
        ),
        form(
            "event check-in",
            admin,
            10,
            form_case(on_events("attendance/check-in"), account_field(w)),
        ),
        form(
            "event check-in undo",
            admin,
            8,
            form_case(on_events("attendance/undo"), account_field(w)),
        ),
        form(
            "event walk-in",
            admin,
            10,
            form_case(
                on_events("attendance/walk-in"),
                vec![field(
                    "email",
                    good_or_any(&["stakeholder@demo.concord.example", "nobody@example.org"]),
                )],
            ),
        )
        .based_on(Base::new(
            "/p/gcm/events/12/attendance/walk-in",
            &[("email", "applicant@demo.concord.example")],
        )),
        form(
            "event sheet import",
            admin,
            10,
            multipart_case(
                fixed("/p/gcm/events/12/attendance/import"),
                vec![any_field("sheet")],
            ),
        ),
        form(
            "event sheet import, malformed multipart",
            admin,
            6,
            malformed_multipart_case(fixed("/p/gcm/events/12/attendance/import")),
        ),
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

/// `/p/gcm/events/{event}/{rest}` for the demo's first event, its stocktaking meeting, or a
/// random segment.
fn on_events(rest: &'static str) -> proptest::strategy::BoxedStrategy<String> {
    path_of(vec!["1".to_string(), "12".to_string()], move |e| {
        format!("/p/gcm/events/{e}/{rest}")
    })
}

/// A real account (the applicant's, registered or not) or any number.
fn account_field(w: &World) -> Vec<FieldSpec> {
    use proptest::prelude::*;
    let applicant = w.applicant_id.to_string();
    vec![field(
        "account",
        prop_oneof![Just(applicant), number()].boxed(),
    )]
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
