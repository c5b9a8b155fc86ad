//! Rows for the forms of proposals and their review: writing one, its draft, inviting
//! co-sponsors and answering, notes and decisions of the review, hiding a contribution and
//! showing it again.

use super::fields::{PROPOSAL_PAIRS, path_of, proposal_fields};
use crate::fuzz::base::Base;
use crate::fuzz::requests::{fixed, form_case, malformed_form_case};
use crate::fuzz::runner::{FormSpec, form};
use crate::fuzz::values::{FieldSpec, any_field, field, good_or_any, number};
use crate::fuzz::world::World;

/// Writing proposals and inviting co-sponsors.
pub(super) fn rows(w: &World) -> Vec<FormSpec<'_>> {
    let p = &w.people;
    let new = "/p/gcm/proposals/new";
    let drafts = path_of(vec![w.proposal_draft.clone()], |id| {
        format!("/p/gcm/proposals/drafts/{id}")
    });
    let invitations = path_of(vec![w.proposal.clone()], |r| {
        format!("/p/gcm/proposals/{r}/invitations")
    });
    let answer = fixed(&format!("{}/invitations/answer", w.proposal_path()));
    vec![
        form(
            "proposal new",
            &p.stakeholder,
            16,
            form_case(fixed(new), proposal_fields()),
        )
        .based_on(Base::new(new, PROPOSAL_PAIRS)),
        form(
            "proposal draft",
            &p.stakeholder,
            16,
            form_case(drafts, proposal_fields()),
        )
        .based_on(proposal_draft(w)),
        form(
            "proposal new, malformed",
            &p.stakeholder,
            6,
            malformed_form_case(fixed(new)),
        ),
        form(
            "co-sponsor invitation",
            &p.stakeholder,
            14,
            form_case(invitations, organisation()),
        )
        .based_on(invitation(w)),
        form(
            "invitation answer",
            &p.invitee,
            10,
            form_case(answer, answer_fields()),
        ),
    ]
}

/// The review's forms, and the moderators' hiding of a contribution.
pub(super) fn review_rows(w: &World) -> Vec<FormSpec<'_>> {
    let p = &w.people;
    let to_hide = path_of(vec![w.to_hide.clone()], |r| {
        format!("/p/gcm/contributions/{r}/hide")
    });
    let to_show = path_of(vec![w.to_hide.clone()], |r| {
        format!("/p/gcm/contributions/{r}/unhide")
    });
    vec![
        form(
            "review note",
            &p.rapporteur,
            14,
            form_case(fixed(&format!("{}/notes", w.review())), note_fields()),
        )
        .based_on(note(w)),
        form(
            "review decision",
            &p.rapporteur,
            16,
            form_case(
                fixed(&format!("{}/decision", w.review())),
                decision_fields(),
            ),
        )
        .based_on(decision(w)),
        form(
            "contribution hide",
            &p.moderator,
            10,
            form_case(to_hide, vec![any_field("reason")]),
        )
        .based_on(Base::new(
            &format!("/p/gcm/contributions/{}/hide", w.to_hide),
            &[("reason", "Advertising")],
        )),
        form(
            "contribution unhide",
            &p.moderator,
            10,
            form_case(to_show, vec![any_field("reason")]),
        )
        .based_on(Base::new(
            &format!("/p/gcm/contributions/{}/unhide", w.to_hide),
            &[("reason", "On topic after all")],
        )),
    ]
}

fn organisation() -> Vec<FieldSpec> {
    vec![field(
        "organisation",
        good_or_any(&["International Trade Union Confederation", "Holy See"]),
    )]
}

fn answer_fields() -> Vec<FieldSpec> {
    vec![field("decision", good_or_any(&["accept", "decline"]))]
}

fn note_fields() -> Vec<FieldSpec> {
    vec![any_field("body"), field("parent", number())]
}

fn decision_fields() -> Vec<FieldSpec> {
    vec![
        field("version", good_or_any(&["1", "2"])),
        field(
            "decision",
            good_or_any(&["accept", "request-revision", "reject", "merge", "duplicate"]),
        ),
        any_field("rationale"),
        field("target", good_or_any(&["GCM/CP/0001", "GCM-CP-0002"])),
    ]
}

/// The valid proposal, saved rather than submitted.
fn proposal_draft(w: &World) -> Base {
    let pairs: Vec<(&str, &str)> = PROPOSAL_PAIRS
        .iter()
        .map(|(k, v)| (*k, if *k == "intent" { "save" } else { *v }))
        .collect();
    Base::new(
        &format!("/p/gcm/proposals/drafts/{}", w.proposal_draft),
        &pairs,
    )
}

fn invitation(w: &World) -> Base {
    Base::new(
        &format!("{}/invitations", w.proposal_path()),
        &[("organisation", "International Trade Union Confederation")],
    )
}

fn note(w: &World) -> Base {
    Base::new(
        &format!("{}/notes", w.review()),
        &[("body", "A note"), ("parent", "")],
    )
}

fn decision(w: &World) -> Base {
    Base::new(
        &format!("{}/decision", w.review()),
        &[
            ("version", "1"),
            ("decision", "request-revision"),
            ("rationale", "Please say more."),
            ("target", ""),
        ],
    )
}
