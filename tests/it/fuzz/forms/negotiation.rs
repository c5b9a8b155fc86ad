//! Rows for the negotiation's forms: the secretariat's (an administrator may use them too)
//! delegations, delegates, groups and their members, and the observers' setting; the
//! co-facilitator's rounds and acceptances; a delegate's amendments, positions and
//! withdrawals, in the demo's rounds (2 open and restricted, 1 closed).

use proptest::prelude::*;

use crate::fuzz::base::Base;
use crate::fuzz::requests::{fixed, form_case};
use crate::fuzz::runner::{FormSpec, form};
use crate::fuzz::values::{FieldSpec, any_field, field, good_or_any, segment};
use crate::fuzz::world::World;

const BASE: &str = "/p/gcm/negotiation";

pub(super) fn rows(w: &World) -> Vec<FormSpec<'_>> {
    let p = &w.people;
    let delegations = World::ids(&w.delegations);
    let groups = World::ids(&w.state_groups);
    let morocco = World::id_of(&w.delegations, "Morocco");
    let ag = World::id_of(&w.state_groups, "AG");
    let amendment_path = |action: &'static str| {
        (
            segment(vec!["2".to_string(), "1".to_string()]),
            segment(vec!["1".to_string(), "2".to_string(), "3".to_string()]),
        )
            .prop_map(move |(r, a)| format!("{BASE}/rounds/{r}/amendments/{a}/{action}"))
            .boxed()
    };
    let rounds = segment(vec!["2".to_string(), "1".to_string()])
        .prop_map(|r| format!("{BASE}/rounds/{r}/amendments"))
        .boxed();
    vec![
        form(
            "negotiation delegation",
            &p.admin,
            10,
            form_case(
                fixed(&format!("{BASE}/delegations")),
                vec![
                    any_field("name"),
                    field("category", good_or_any(&["member-state", "observer"])),
                ],
            ),
        )
        .based_on(Base::new(
            &format!("{BASE}/delegations"),
            &[("name", "Fuzzland"), ("category", "observer")],
        )),
        form(
            "negotiation delegate",
            &p.admin,
            10,
            form_case(
                fixed(&format!("{BASE}/members")),
                vec![
                    field("delegation", segment(delegations.clone())),
                    field(
                        "email",
                        good_or_any(&["victim@example.org", "admin@demo.concord.example"]),
                    ),
                ],
            ),
        )
        .based_on(Base::from_pairs(
            &format!("{BASE}/members"),
            vec![
                ("delegation".into(), morocco.clone()),
                ("email".into(), "victim@example.org".into()),
            ],
        )),
        form(
            "negotiation group",
            &p.admin,
            10,
            form_case(
                fixed(&format!("{BASE}/groups")),
                vec![any_field("group_name"), any_field("short_name")],
            ),
        )
        .based_on(Base::new(
            &format!("{BASE}/groups"),
            &[("group_name", "Group of Fuzz"), ("short_name", "GoF")],
        )),
        form(
            "negotiation group member",
            &p.admin,
            10,
            form_case(
                fixed(&format!("{BASE}/group-members")),
                vec![
                    field("group", segment(groups)),
                    field("delegation", segment(delegations.clone())),
                ],
            ),
        ),
        form(
            "negotiation settings",
            &p.admin,
            6,
            form_case(
                fixed(&format!("{BASE}/settings")),
                vec![field("observers_may_propose", good_or_any(&["yes", ""]))],
            ),
        ),
        form(
            "negotiation round",
            &p.cofacilitator,
            12,
            form_case(fixed(&format!("{BASE}/rounds")), round_fields(w)),
        )
        .based_on(Base::from_pairs(
            &format!("{BASE}/rounds"),
            vec![
                (
                    "revision".into(),
                    w.revisions.last().cloned().unwrap_or_default(),
                ),
                ("title".into(), "Fuzzed reading".into()),
                ("opens".into(), "2020-01-01T00:00".into()),
                ("closes".into(), "2099-01-01T00:00".into()),
                ("visibility".into(), "delegations".into()),
            ],
        )),
        form(
            "negotiation amendment",
            &p.delegate,
            14,
            form_case(rounds, amendment_fields(w, &delegations)),
        )
        .based_on(Base::from_pairs(
            &format!("{BASE}/rounds/2/amendments"),
            vec![
                (
                    "node".into(),
                    w.round_nodes.get(1).cloned().unwrap_or_default(),
                ),
                ("kind".into(), "insert".into()),
                ("words".into(), String::new()),
                ("new_text".into(), "as fuzzed".into()),
                ("justification".into(), "Fuzzed.".into()),
                ("delegation".into(), morocco.clone()),
                ("on_behalf_of".into(), ag.clone()),
            ],
        )),
        form(
            "negotiation position",
            &p.delegate,
            12,
            form_case(amendment_path("position"), position_fields(&delegations)),
        )
        .based_on(Base::from_pairs(
            &format!("{BASE}/rounds/2/amendments/2/position"),
            vec![
                ("delegation".into(), morocco),
                ("on_behalf_of".into(), ag),
                ("stance".into(), "oppose".into()),
            ],
        )),
        form(
            "negotiation accept",
            &p.cofacilitator,
            10,
            form_case(
                amendment_path("accept"),
                vec![field("how", good_or_any(&["whole", "alternative"]))],
            ),
        )
        .based_on(Base::new(
            &format!("{BASE}/rounds/2/amendments/2/accept"),
            &[("how", "alternative")],
        )),
        form(
            "negotiation withdraw",
            &p.delegate,
            6,
            form_case(amendment_path("withdraw"), vec![]),
        ),
    ]
}

fn round_fields(w: &World) -> Vec<FieldSpec> {
    vec![
        field("revision", segment(w.revisions.clone())),
        any_field("title"),
        field(
            "opens",
            good_or_any(&["2020-01-01T00:00", "2026-03-29T02:30", "9999-12-31T23:59"]),
        ),
        field(
            "closes",
            good_or_any(&["2099-01-01T00:00", "2019-12-31T23:59", "0000-01-01T00:00"]),
        ),
        field("visibility", good_or_any(&["public", "delegations"])),
    ]
}

fn amendment_fields(w: &World, delegations: &[String]) -> Vec<FieldSpec> {
    vec![
        field("node", segment(w.round_nodes.clone())),
        field(
            "kind",
            good_or_any(&["insert", "delete", "replace", "new-paragraph-after"]),
        ),
        field("words", good_or_any(&["", "the", "migration"])),
        any_field("new_text"),
        any_field("justification"),
        field("delegation", segment(delegations.to_vec())),
        field("on_behalf_of", segment(World::ids(&w.state_groups))),
    ]
}

fn position_fields(delegations: &[String]) -> Vec<FieldSpec> {
    vec![
        field("delegation", segment(delegations.to_vec())),
        any_field("on_behalf_of"),
        field("stance", good_or_any(&["join", "oppose"])),
    ]
}
