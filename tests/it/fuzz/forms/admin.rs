//! Rows for the administration's forms: processes, roles, accreditations, late permissions.

use proptest::prelude::*;

use super::fields::{path_of, process_fields, slugs};
use crate::fuzz::base::Base;
use crate::fuzz::requests::{fixed, form_case};
use crate::fuzz::runner::{FormSpec, form};
use crate::fuzz::values::{FieldSpec, any_field, field, good_or_any, number, segment};
use crate::fuzz::world::World;
use crate::helpers::process_form;

pub(super) fn rows(w: &World) -> Vec<FormSpec<'_>> {
    let admin = &w.people.admin;
    let roles = slugs().prop_map(|s| format!("/admin/processes/{s}/roles"));
    let accreditations = path_of(
        vec![w.applicant_id.to_string(), w.victim_id.to_string()],
        |a| format!("/admin/processes/gcm/accreditations/{a}"),
    );
    let late = slugs().prop_map(|s| format!("/admin/processes/{s}/late"));
    let translations = (
        slugs(),
        segment(vec!["fr".into(), "ar".into(), "zh".into()]),
    )
        .prop_map(|(s, lang)| format!("/admin/processes/{s}/translations/{lang}"));
    vec![
        form(
            "admin process create",
            admin,
            14,
            form_case(fixed("/admin/processes"), process_fields()),
        )
        .based_on(Base::from_pairs("/admin/processes", process_pairs("fz2"))),
        form(
            "admin process edit",
            admin,
            14,
            form_case(fixed("/admin/processes/fz/edit"), edit_fields()),
        )
        .based_on(
            Base::from_pairs("/admin/processes/fz/edit", process_pairs("fz")).keeping("slug"),
        ),
        form(
            "admin roles",
            admin,
            14,
            form_case(roles.boxed(), role_fields()),
        )
        .based_on(role()),
        form(
            "admin accreditations",
            admin,
            10,
            form_case(accreditations, accreditation_fields()),
        )
        .based_on(accreditation(w)),
        form(
            "admin late permission",
            admin,
            12,
            form_case(late.boxed(), late_fields()),
        )
        .based_on(late_permission()),
        form(
            "admin process translations",
            admin,
            12,
            form_case(translations.boxed(), translation_fields()),
        ),
    ]
}

/// The demo process's first texts (it is the first process: its ids start at 1).
fn translation_fields() -> Vec<FieldSpec> {
    [
        "process-1-title",
        "process-1-description",
        "group-1-name",
        "group-2-name",
        "theme-1-name",
    ]
    .into_iter()
    .map(any_field)
    .collect()
}

fn process_pairs(slug: &str) -> Vec<(String, String)> {
    process_form(slug, "Fuzzed", "1 One\n2 Two")
}

/// The process's fields, with the slug, which names the process edited, last and fixed.
fn edit_fields() -> Vec<FieldSpec> {
    let mut fields = process_fields();
    fields.retain(|f| f.name != "slug");
    fields.push(field("slug", Just("fz".to_string()).boxed()));
    fields
}

fn role_fields() -> Vec<FieldSpec> {
    vec![
        field("email", good_or_any(&["victim@example.org"])),
        field(
            "role",
            good_or_any(&[
                "rapporteur",
                "moderator",
                "chair",
                "secretariat",
                "translator",
            ]),
        ),
        field("group", number()),
        field("language", good_or_any(&["", "fr", "ar", "zh-Hans"])),
    ]
}

fn accreditation_fields() -> Vec<FieldSpec> {
    vec![field(
        "decision",
        good_or_any(&["accept", "refuse", "reject"]),
    )]
}

fn late_fields() -> Vec<FieldSpec> {
    vec![
        field("email", good_or_any(&["victim@example.org"])),
        field("phase", good_or_any(&["consultation", "stocktaking"])),
        field("until", good_or_any(&["2031-01-01T10:00", "2031-01-01"])),
    ]
}

fn role() -> Base {
    Base::new(
        "/admin/processes/fz/roles",
        &[
            ("email", "victim@example.org"),
            ("role", "rapporteur"),
            ("group", "2"),
        ],
    )
}

fn accreditation(w: &World) -> Base {
    Base::new(
        &format!("/admin/processes/gcm/accreditations/{}", w.applicant_id),
        &[("decision", "accept")],
    )
}

fn late_permission() -> Base {
    Base::new(
        "/admin/processes/gcm/late",
        &[
            ("email", "victim@example.org"),
            ("phase", "consultation"),
            ("until", "2031-01-01T10:00"),
        ],
    )
}
