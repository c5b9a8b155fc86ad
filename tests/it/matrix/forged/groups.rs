//! Rows: another group's proposals, queue and report, and notes of other proposals.

use super::cases::{Case, decision, edit, form, get, post};
use crate::matrix::Who::{Moderator, Rapporteur};
use crate::matrix::table::Out::S;

/// Another group's proposals and queue.
pub(super) fn group_review() -> Vec<Case> {
    vec![
        get(
            "another group's proposal under this group's queue",
            Rapporteur,
            "/p/gcm/groups/1/review/{cp_g2}",
            S(404),
        ),
        get(
            "another group's queue",
            Rapporteur,
            "/p/gcm/groups/2/review",
            S(403),
        ),
        form(
            "deciding another group's proposal via this group",
            Rapporteur,
            "/p/gcm/groups/1/review/{cp_g2}/decision",
            decision(""),
            S(404),
        ),
        form(
            "deciding in another group's queue",
            Rapporteur,
            "/p/gcm/groups/2/review/{cp_g2}/decision",
            decision(""),
            S(403),
        ),
        form(
            "merging into another group's proposal",
            Rapporteur,
            "/p/gcm/groups/1/review/{cp_decide}/decision",
            decision("{cp_g2}"),
            S(422),
        ),
        form(
            "merging into a proposal that does not exist",
            Rapporteur,
            "/p/gcm/groups/1/review/{cp_decide}/decision",
            decision("GCM-CP-9999"),
            S(422),
        ),
        post(
            "a note on another group's proposal",
            Moderator,
            "/p/gcm/groups/1/review/{cp_g2}/notes",
            &[("body", "Forged."), ("parent", "")],
            S(404),
        ),
    ]
}

/// Replies to notes of other proposals, or to no note at all.
pub(super) fn notes() -> Vec<Case> {
    vec![
        post(
            "a reply to a note of another proposal",
            Rapporteur,
            "/p/gcm/groups/1/review/{cp_pub}/notes",
            &[("body", "Forged."), ("parent", "{forged_note}")],
            S(404),
        ),
        post(
            "a reply to a note id that is not a number",
            Rapporteur,
            "/p/gcm/groups/1/review/{cp_pub}/notes",
            &[("body", "Forged."), ("parent", "1 OR 1=1")],
            S(404),
        ),
    ]
}

/// Another group's report.
pub(super) fn group_report() -> Vec<Case> {
    vec![
        form(
            "editing another group's report",
            Rapporteur,
            "/p/gcm/documents/group-2-report/nodes/{g2_node}",
            edit(),
            S(403),
        ),
        post(
            "starting another group's report",
            Rapporteur,
            "/p/gcm/groups/2/report",
            &[],
            S(403),
        ),
        post(
            "publishing another group's report",
            Rapporteur,
            "/p/gcm/documents/group-2-report/publish",
            &[("label", "Forged")],
            S(403),
        ),
    ]
}
