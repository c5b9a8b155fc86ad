//! Rows: paragraph keys of other documents, sources that cannot be pulled, and link ids
//! of other paragraphs, documents and processes.

use super::cases::{Case, edit, form, get, post};
use crate::matrix::Who::{CoFacilitator, Rapporteur};
use crate::matrix::table::Out::S;

/// Paragraph keys of another document, through one's own.
pub(super) fn other_paragraphs() -> Vec<Case> {
    vec![
        get(
            "a paragraph of another document",
            Rapporteur,
            "/p/gcm/documents/group-1-report/nodes/{g2_node}/edit",
            S(404),
        ),
        form(
            "saving a paragraph of another document",
            Rapporteur,
            "/p/gcm/documents/group-1-report/nodes/{g2_node}",
            edit(),
            S(409),
        ),
        post(
            "moving a paragraph of another document",
            Rapporteur,
            "/p/gcm/documents/group-1-report/nodes/{g2_node}/move",
            &[("direction", "up")],
            S(404),
        ),
        post(
            "deleting a paragraph of another document",
            Rapporteur,
            "/p/gcm/documents/group-1-report/nodes/{g2_node}/delete",
            &[],
            S(404),
        ),
        post(
            "linking a paragraph of another document",
            Rapporteur,
            "/p/gcm/documents/group-1-report/nodes/{g2_node}/links",
            &[("source_kind", "contribution"), ("reference", "{wc_own}")],
            S(404),
        ),
        post(
            "inserting after a paragraph of another document",
            Rapporteur,
            "/p/gcm/documents/group-1-report/nodes",
            &[
                ("after", "{g2_node}"),
                ("kind", "paragraph"),
                ("text", "Forged."),
            ],
            S(404),
        ),
    ]
}

/// Sources that cannot be pulled, and link ids of other paragraphs, documents, processes.
pub(super) fn pulls_and_links() -> Vec<Case> {
    vec![
        post(
            "pulling after a paragraph of another document",
            CoFacilitator,
            "/p/gcm/documents/draft/pull",
            &[("source", "{summary_source}"), ("after", "{g1_node}")],
            S(404),
        ),
        post(
            "pulling a proposal that was not accepted",
            CoFacilitator,
            "/p/gcm/documents/draft/pull",
            &[("source", "proposal:{forged_not_accepted}"), ("after", "")],
            S(404),
        ),
        post(
            "pulling a summary paragraph that does not exist",
            CoFacilitator,
            "/p/gcm/documents/draft/pull",
            &[("source", "summary:no-such-key"), ("after", "")],
            S(404),
        ),
        post(
            "adding to a report a proposal that was not accepted",
            Rapporteur,
            "/p/gcm/documents/group-1-report/pull-accepted",
            &[("versions", "{forged_not_accepted}")],
            S(404),
        ),
        post(
            "adding to a report another group's accepted proposal",
            Rapporteur,
            "/p/gcm/documents/group-1-report/pull-accepted",
            &[("versions", "{g1_accepted_version},{g2_accepted_version}")],
            S(404),
        ),
        post(
            "adding accepted proposals to the draft, which has no group",
            CoFacilitator,
            "/p/gcm/documents/draft/pull-accepted",
            &[("versions", "{g1_accepted_version}")],
            S(404),
        ),
        post(
            "removing a link of another paragraph",
            CoFacilitator,
            "/p/gcm/documents/draft/nodes/{draft_node}/links/{forged_other_link}/remove",
            &[],
            S(404),
        ),
        post(
            "removing a link of another document",
            CoFacilitator,
            "/p/gcm/documents/draft/nodes/{draft_node}/links/{forged_report_link}/remove",
            &[],
            S(404),
        ),
        post(
            "removing a draft link through one's own report",
            Rapporteur,
            "/p/gcm/documents/group-1-report/nodes/{g1_node}/links/{forged_other_link}/remove",
            &[],
            S(404),
        ),
        post(
            "linking a source of another process",
            CoFacilitator,
            "/p/gcm/documents/draft/nodes/{draft_node}/links",
            &[
                ("source_kind", "contribution"),
                ("reference", "OTHER-WC-0001"),
            ],
            S(422),
        ),
    ]
}
