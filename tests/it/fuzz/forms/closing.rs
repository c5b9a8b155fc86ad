//! Rows for the forms that take things away (links, paragraphs, contributions, proposals,
//! roles, an account's access, the session): last in the table, so every other form still
//! has something to act on.

use proptest::prelude::*;

use super::fields::path_of;
use crate::fuzz::base::Base;
use crate::fuzz::requests::{fixed, form_case};
use crate::fuzz::runner::{FormSpec, form};
use crate::fuzz::values::{any_field, field, good_or_any, segment};
use crate::fuzz::world::World;

/// Taking away links, paragraphs, contributions and proposals.
pub(super) fn rows(w: &World) -> Vec<FormSpec<'_>> {
    let p = &w.people;
    let link = (segment(w.nodes.clone()), segment(w.links.clone()))
        .prop_map(|(k, l)| format!("/p/gcm/documents/draft/nodes/{k}/links/{l}/remove"));
    let node = path_of(w.nodes.clone(), |key| {
        format!("/p/gcm/documents/draft/nodes/{key}/delete")
    });
    let contribution = path_of(vec![w.contribution.clone()], |r| {
        format!("/p/gcm/contributions/{r}/withdraw")
    });
    let proposal = path_of(vec![w.proposal.clone()], |r| {
        format!("/p/gcm/proposals/{r}/withdraw")
    });
    vec![
        form(
            "document link remove",
            &p.cofacilitator,
            8,
            form_case(link.boxed(), vec![]),
        ),
        form(
            "document node delete",
            &p.cofacilitator,
            8,
            form_case(node, vec![any_field("confirm")]),
        ),
        form(
            "contribution withdraw",
            &p.stakeholder,
            8,
            form_case(contribution, vec![]),
        ),
        form(
            "proposal withdraw",
            &p.stakeholder,
            8,
            form_case(proposal, vec![]),
        ),
    ]
}

/// Taking away roles, an account's access, and the session.
pub(super) fn access_rows(w: &World) -> Vec<FormSpec<'_>> {
    let p = &w.people;
    let assignment = path_of(w.assignments.clone(), |a| {
        format!("/admin/processes/fz/roles/{a}/remove")
    });
    let account = path_of(vec![w.victim_id.to_string()], |a| {
        format!("/admin/accounts/{a}")
    });
    let change = vec![field("change", good_or_any(&["disable", "enable"]))];
    vec![
        form(
            "admin role removal",
            &p.admin,
            8,
            form_case(assignment, vec![]),
        ),
        form(
            "admin account disable and enable",
            &p.admin,
            10,
            form_case(account, change),
        )
        .based_on(Base::new(
            &format!("/admin/accounts/{}", w.victim_id),
            &[("change", "enable")],
        )),
        form(
            "logout",
            &p.anonymous,
            4,
            form_case(fixed("/logout"), vec![any_field("next")]),
        ),
    ]
}
