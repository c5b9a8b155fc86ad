//! The fields several rows share, and the paths drawn from the world's objects. Each builder
//! returns fresh strategies, so the rows that use it draw the same values they always did.

use proptest::prelude::*;

use crate::fuzz::values::{FieldSpec, any_field, field, good_or_any, number, segment};
use crate::helpers::PASSWORD;

/// The demo process and the fuzzing's own, or noise.
pub(super) fn slugs() -> BoxedStrategy<String> {
    segment(vec!["gcm".to_string(), "fz".to_string()])
}

/// `{real}` or noise, in a path made by `path`.
pub(super) fn path_of(
    real: Vec<String>,
    path: impl Fn(String) -> String + Send + Sync + 'static,
) -> BoxedStrategy<String> {
    segment(real).prop_map(path).boxed()
}

pub(super) fn process_fields() -> Vec<FieldSpec> {
    vec![
        field("slug", good_or_any(&["fz2", "gcm", "fz"])),
        any_field("title"),
        any_field("description"),
        field("reference_prefix", good_or_any(&["FZ", "GCM"])),
        field("time_zone", good_or_any(&["Europe/Zurich", "UTC"])),
        field("accredit_on_registration", good_or_any(&["on"])),
        field("consultation_opens", good_or_any(&["2017-04-01T09:00"])),
        field("consultation_closes", good_or_any(&["2030-11-30T18:00"])),
        field("stocktaking_opens", good_or_any(&["2017-12-04T09:00"])),
        field("stocktaking_closes", good_or_any(&["2030-12-06T18:00"])),
        field("negotiation_opens", good_or_any(&["2018-02-01T09:00"])),
        field("negotiation_closes", good_or_any(&["2030-07-13T18:00"])),
        field("adoption_opens", good_or_any(&["2018-12-10T09:00"])),
        field("adoption_closes", good_or_any(&["2030-12-11T18:00"])),
        field(
            "groups",
            good_or_any(&["1 One\n2 Two", "1 One\n1 One", "0 Zero"]),
        ),
        any_field("themes"),
        any_field("principles"),
    ]
}

pub(super) fn proposal_fields() -> Vec<FieldSpec> {
    vec![
        field("group", good_or_any(&["1", "2", "6"])),
        any_field("title"),
        any_field("commitment"),
        any_field("actionable_measures"),
        any_field("partnerships"),
        any_field("capacity_building"),
        any_field("financing"),
        any_field("data"),
        any_field("responsible_actors"),
        any_field("sdg_targets"),
        any_field("timeline"),
        any_field("indicators"),
        field("theme", number()),
        field("base_version", good_or_any(&["0", "1"])),
        field("intent", good_or_any(&["submit", "save"])),
        field("language", good_or_any(&["zh", "en", "ar"])),
        field("language_default", good_or_any(&["en", "fr"])),
    ]
}

pub(super) fn contribution_fields() -> Vec<FieldSpec> {
    vec![
        any_field("title"),
        any_field("body"),
        field("group", good_or_any(&["1", "3"])),
        field("theme", number()),
        field("remove_file", number()),
        field("draft_id", number()),
        field("action", good_or_any(&["submit", "save", "preview"])),
        field("language", good_or_any(&["ar", "en", "ru"])),
        field("language_default", good_or_any(&["en", "es"])),
        field("event", good_or_any(&["1", "12", "999999"])),
    ]
}

pub(super) fn registration_fields() -> Vec<FieldSpec> {
    vec![
        field(
            "email",
            good_or_any(&["new@example.org", "admin@demo.concord.example"]),
        ),
        any_field("display_name"),
        any_field("organisation"),
        field("category", good_or_any(&["civil-society", "member-state"])),
        any_field("country"),
        field("password", good_or_any(&[PASSWORD])),
        field("password_again", good_or_any(&[PASSWORD])),
    ]
}

/// A valid proposal, as the proposal forms' valid uses send it.
pub(super) const PROPOSAL_PAIRS: &[(&str, &str)] = &[
    ("group", "1"),
    ("title", "A fuzzed proposal"),
    ("commitment", "States commit to fuzz."),
    ("actionable_measures", "Fuzz\nAgain"),
    ("partnerships", "Together"),
    ("capacity_building", "Training"),
    ("financing", "A fund"),
    ("data", "Numbers"),
    ("responsible_actors", "Ministries"),
    ("sdg_targets", "10.7"),
    ("timeline", "By 2030"),
    ("indicators", "Costs"),
    ("intent", "submit"),
];
