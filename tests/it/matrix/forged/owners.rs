//! Rows: what belongs to another stakeholder (drafts, files, contributions, proposals,
//! invitations).

use super::cases::{Case, form, get, multipart, post};
use crate::matrix::Who::{OtherStakeholder, Owner};
use crate::matrix::pairs;
use crate::matrix::proposal_fields;
use crate::matrix::table::Out::S;

/// Someone else's contribution drafts.
pub(super) fn drafts() -> Vec<Case> {
    let submit = pairs(&[
        ("title", "Forged"),
        ("body", "Forged."),
        ("action", "submit"),
    ]);
    vec![
        get(
            "another's contribution draft",
            OtherStakeholder,
            "/p/gcm/contributions/drafts/{wc_draft}",
            S(404),
        ),
        multipart(
            "saving over another's contribution draft",
            OtherStakeholder,
            "/p/gcm/contributions/drafts/{wc_draft}",
            submit,
            S(404),
        ),
        post(
            "autosaving into another's draft",
            OtherStakeholder,
            "/p/gcm/contributions/autosave",
            &[
                ("title", "Forged"),
                ("body", "Forged."),
                ("draft_id", "{wc_draft}"),
            ],
            S(404),
        ),
    ]
}

/// Files through the wrong draft or contribution.
pub(super) fn files() -> Vec<Case> {
    vec![
        get(
            "the file of another's draft",
            OtherStakeholder,
            "/p/gcm/contributions/drafts/{wc_draft}/files/{wc_draft_file}",
            S(404),
        ),
        get(
            "another contribution's file by this one's reference",
            Owner,
            "/p/gcm/contributions/{wc_own}/files/{wc_file}",
            S(404),
        ),
        get(
            "a draft's file under another draft's id",
            Owner,
            "/p/gcm/contributions/drafts/{wc_own_id}/files/{wc_draft_file}",
            S(404),
        ),
    ]
}

/// Someone else's proposal drafts.
pub(super) fn proposal_drafts() -> Vec<Case> {
    vec![
        get(
            "another's proposal draft",
            OtherStakeholder,
            "/p/gcm/proposals/drafts/{cp_own_draft}",
            S(404),
        ),
        form(
            "submitting another's proposal draft",
            OtherStakeholder,
            "/p/gcm/proposals/drafts/{cp_own_draft}",
            proposal_fields("Forged", "submit"),
            S(404),
        ),
    ]
}

/// Withdrawing, inviting to and answering for what is someone else's.
pub(super) fn others_objects() -> Vec<Case> {
    vec![
        post(
            "withdrawing another's contribution",
            OtherStakeholder,
            "/p/gcm/contributions/{wc_own}/withdraw",
            &[],
            S(403),
        ),
        post(
            "withdrawing another's proposal",
            OtherStakeholder,
            "/p/gcm/proposals/{cp_own_submitted}/withdraw",
            &[],
            S(403),
        ),
        post(
            "inviting to another's proposal",
            OtherStakeholder,
            "/p/gcm/proposals/{cp_own_submitted}/invitations",
            &[("organisation", "Migrant Forum in Asia")],
            S(403),
        ),
        post(
            "answering an invitation to another organisation",
            OtherStakeholder,
            "/p/gcm/proposals/{cp_invited}/invitations/answer",
            &[("decision", "accept")],
            S(403),
        ),
    ]
}
