//! Rows: another process's objects and assignments, a process's administration, and
//! accounts.

use super::cases::{Case, decision, form, get, post};
use crate::matrix::Who::{Administrator, Chair, CoFacilitator, Moderator, Owner, Secretariat};
use crate::matrix::table::Out::S;

/// The demo's objects through another process's URLs, and its assignment through the demo's.
pub(super) fn other_process() -> Vec<Case> {
    vec![
        get(
            "a contribution draft through another process",
            Owner,
            "/p/other/contributions/drafts/{wc_draft}",
            S(404),
        ),
        get(
            "a proposal draft through another process",
            Owner,
            "/p/other/proposals/drafts/{cp_own_draft}",
            S(404),
        ),
        post(
            "hiding a contribution through another process",
            Secretariat,
            "/p/other/contributions/{wc_hide}/hide",
            &[("reason", "Forged through another process.")],
            S(404),
        ),
        post(
            "showing a contribution again through another process",
            Moderator,
            "/p/other/contributions/{wc_hidden}/unhide",
            &[("reason", "Forged through another process.")],
            S(404),
        ),
        post(
            "showing again a contribution that does not exist",
            Moderator,
            "/p/gcm/contributions/GCM-WC-9999/unhide",
            &[("reason", "Forged: no such contribution.")],
            S(404),
        ),
        form(
            "deciding a proposal through another process",
            Secretariat,
            "/p/other/groups/1/review/{cp_decide}/decision",
            decision(""),
            S(404),
        ),
        post(
            "editing an event through another process",
            Administrator,
            "/p/other/events/{event}/edit",
            &forged_event(""),
            S(404),
        ),
        post(
            "linking an event to a document that is not the process's",
            Secretariat,
            "/p/gcm/events/{event}/edit",
            &forged_event("999999"),
            S(422),
        ),
        post(
            "removing an assignment of another process",
            Secretariat,
            "/admin/processes/gcm/roles/{forged_assignment}/remove",
            &[],
            S(404),
        ),
    ]
}

/// A whole event form, ticking the document `document` (none when empty).
fn forged_event(document: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut fields = vec![
        ("kind", "hearing"),
        ("title", "Forged hearing"),
        ("place", "Nowhere"),
        ("time_zone", "UTC"),
        ("starts", "2017-12-04T09:00"),
        ("ends", "2017-12-04T18:00"),
    ];
    if !document.is_empty() {
        fields.push(("document", document));
    }
    fields
}

/// Accreditations, roles and settings of a process that the sender may not touch.
pub(super) fn process_administration() -> Vec<Case> {
    vec![
        post(
            "deciding an accreditation nobody asked for",
            Secretariat,
            "/admin/processes/gcm/accreditations/{forged_stakeholder2}",
            &[("decision", "refuse")],
            S(404),
        ),
        post(
            "assigning a role in a group of another process",
            Secretariat,
            "/admin/processes/gcm/roles",
            &[
                ("email", "stakeholder2@demo.concord.example"),
                ("role", "moderator"),
                ("group", "99"),
            ],
            S(422),
        ),
        get(
            "administering a process one has no role in",
            Chair,
            "/admin/processes/other",
            S(403),
        ),
        post(
            "editing a process one has no role in",
            CoFacilitator,
            "/admin/processes/other/edit",
            &[("title", "Hijacked")],
            S(403),
        ),
    ]
}

/// Accounts: only an administrator changes them, and not their own access.
pub(super) fn accounts() -> Vec<Case> {
    vec![
        post(
            "disabling an account without being an administrator",
            Secretariat,
            "/admin/accounts/{forged_stakeholder2}",
            &[("change", "disable")],
            S(403),
        ),
        post(
            "making oneself an administrator",
            Secretariat,
            "/admin/accounts/{forged_secretariat}",
            &[("change", "make-admin")],
            S(403),
        ),
        post(
            "an administrator disabling themself",
            Administrator,
            "/admin/accounts/{forged_admin}",
            &[("change", "disable")],
            S(400),
        ),
        post(
            "an account that does not exist",
            Administrator,
            "/admin/accounts/999999",
            &[("change", "disable")],
            S(404),
        ),
    ]
}
