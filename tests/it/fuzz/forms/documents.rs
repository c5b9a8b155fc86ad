//! Rows for the forms of documents: the draft's paragraphs and links, pulling and
//! publishing, group reports, the Chair's summary, and starting the draft.

use proptest::prelude::*;

use super::fields::{path_of, slugs};
use crate::fuzz::base::Base;
use crate::fuzz::requests::{fixed, form_case};
use crate::fuzz::runner::{FormSpec, form};
use crate::fuzz::values::{FieldSpec, any_field, field, good_or_any, number, segment, value};
use crate::fuzz::world::World;

const DOCUMENTS: &str = "/p/gcm/documents";
const DRAFT: &str = "/p/gcm/documents/draft";

/// The draft's own forms.
pub(super) fn draft_rows(w: &World) -> Vec<FormSpec<'_>> {
    let c = &w.people.cofacilitator;
    let node = |suffix: &'static str| {
        path_of(w.nodes.clone(), move |key| {
            format!("{DRAFT}/nodes/{key}{suffix}")
        })
    };
    let publish = path_of(
        vec!["draft".to_string(), "chairs-summary".to_string()],
        |d| format!("{DOCUMENTS}/{d}/publish"),
    );
    vec![
        form(
            "document node create",
            c,
            14,
            form_case(fixed(&format!("{DRAFT}/nodes")), create_fields(w)),
        )
        .based_on(create(w)),
        form(
            "document node edit",
            c,
            16,
            form_case(node(""), edit_fields(good_or_any(&["1", "2"]))),
        ),
        form(
            "document node move",
            c,
            10,
            form_case(node("/move"), move_fields()),
        ),
        form(
            "document node status",
            c,
            10,
            form_case(node("/status"), status_fields()),
        ),
        form(
            "document node links",
            c,
            16,
            form_case(node("/links"), link_fields()),
        )
        .based_on(link(w)),
        form(
            "document pull",
            c,
            14,
            form_case(fixed(&format!("{DRAFT}/pull")), pull_fields(w)),
        ),
        translation_row(w),
        form("document publish", c, 8, form_case(publish, label())).based_on(Base::new(
            &format!("{DRAFT}/publish"),
            &[("label", "Rev.7")],
        )),
    ]
}

/// Group reports, the Chair's summary, and starting the draft.
pub(super) fn report_rows(w: &World) -> Vec<FormSpec<'_>> {
    let p = &w.people;
    let report = path_of(vec!["1".to_string(), "2".to_string()], |n| {
        format!("/p/gcm/groups/{n}/report")
    });
    let report_node = path_of(w.report_nodes.clone(), |k| {
        format!("{DOCUMENTS}/group-1-report/nodes/{k}")
    });
    let compile = slugs().prop_map(|s| format!("/p/{s}/documents/chairs-summary/compile"));
    let start = slugs().prop_map(|s| format!("/p/{s}/documents/draft/start"));
    vec![
        form("group report", &p.rapporteur, 8, form_case(report, vec![])),
        form(
            "group report pull accepted",
            &p.rapporteur,
            10,
            form_case(
                fixed(&format!("{DOCUMENTS}/group-1-report/pull-accepted")),
                pull_accepted_fields(),
            ),
        ),
        form(
            "group report node edit",
            &p.rapporteur,
            8,
            form_case(report_node, edit_fields(number())),
        ),
        form(
            "chair's summary",
            &p.chair,
            6,
            form_case(compile.boxed(), vec![]),
        ),
        form(
            "draft start",
            &p.cofacilitator,
            6,
            form_case(start.boxed(), vec![]),
        ),
    ]
}

/// A translator's form, over the draft's nodes in their languages, another one, the
/// original's and none of the six.
fn translation_row(w: &World) -> FormSpec<'_> {
    let paths: Vec<String> = w
        .nodes
        .iter()
        .take(6)
        .flat_map(|key| ["fr", "es", "zh", "en", "xx"].map(|l| format!("{l}/nodes/{key}")))
        .collect();
    let path = path_of(paths, |p| format!("{DRAFT}/languages/{p}"));
    let fields = vec![
        any_field("text"),
        field("revision", good_or_any(&["1", "2"])),
    ];
    let base = Base::new(
        &format!("{DRAFT}/languages/fr/nodes/{}", first_node(w)),
        &[("text", "Texte"), ("revision", "2")],
    );
    form(
        "document translation",
        &w.people.translator,
        14,
        form_case(path, fields),
    )
    .based_on(base)
}

fn create_fields(w: &World) -> Vec<FieldSpec> {
    vec![
        field("after", segment(w.nodes.clone())),
        field("kind", good_or_any(&["heading", "paragraph", "measure"])),
        any_field("text"),
    ]
}

fn edit_fields(version: BoxedStrategy<String>) -> Vec<FieldSpec> {
    vec![
        any_field("text"),
        any_field("base"),
        field("version", version),
    ]
}

fn move_fields() -> Vec<FieldSpec> {
    vec![field("direction", good_or_any(&["up", "down"]))]
}

fn status_fields() -> Vec<FieldSpec> {
    vec![field(
        "status",
        good_or_any(&["pending", "agreed-ad-ref", "agreed"]),
    )]
}

fn link_fields() -> Vec<FieldSpec> {
    vec![
        field(
            "source_kind",
            good_or_any(&["proposal", "contribution", "paragraph"]),
        ),
        field(
            "reference",
            good_or_any(&["GCM/CP/0001", "GCM-WC-0001", "chairs-summary 1"]),
        ),
        field("version", good_or_any(&["", "1"])),
        any_field("quote"),
        any_field("note"),
    ]
}

fn pull_fields(w: &World) -> Vec<FieldSpec> {
    let source = prop_oneof![
        number().prop_map(|n| format!("proposal:{n}")),
        value().prop_map(|v| format!("summary:{v}")),
        value().prop_map(|v| format!("report:{v}")),
        value(),
    ];
    vec![
        field("source", source.boxed()),
        field("after", segment(w.nodes.clone())),
    ]
}

/// Version ids as the report's form sends them: one, several separated by commas, or not.
fn pull_accepted_fields() -> Vec<FieldSpec> {
    let versions = prop_oneof![
        number(),
        (number(), number()).prop_map(|(a, b)| format!("{a},{b}")),
        value(),
    ];
    vec![field("versions", versions.boxed())]
}

fn label() -> Vec<FieldSpec> {
    vec![
        field(
            "label",
            good_or_any(&["Rev.9", "Rev.1", "zero draft", "Final", "Version finale"]),
        ),
        field("confirm_final", good_or_any(&["", "yes"])),
    ]
}

/// The first paragraph of the draft, or nothing when it has none.
fn first_node(w: &World) -> String {
    w.nodes.first().cloned().unwrap_or_default()
}

fn create(w: &World) -> Base {
    Base::new(
        &format!("{DRAFT}/nodes"),
        &[
            ("after", first_node(w).as_str()),
            ("kind", "paragraph"),
            ("text", "Text"),
        ],
    )
}

fn link(w: &World) -> Base {
    Base::new(
        &format!("{DRAFT}/nodes/{}/links", first_node(w)),
        &[
            ("source_kind", "proposal"),
            ("reference", "GCM/CP/0001"),
            ("version", ""),
            ("quote", "A quote"),
            ("note", "A note"),
        ],
    )
}
