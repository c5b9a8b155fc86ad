//! What only the forged rows need beyond the matrix's fixture: another process, where the
//! secretariat of `gcm` is secretariat too and someone holds an assignment, and the ids of
//! things that belong elsewhere (a note, a version not accepted, links of other paragraphs
//! and documents, accounts). They join the fixture's values as `{forged_*}`.

use concord::db::DbConnection;
use concord::db::schema::{
    processes, proposal_versions, proposals, provenance_links, review_notes, role_assignments,
};
use diesel::prelude::*;

use crate::helpers::with_db;
use crate::matrix::{Fixture, Who, account_id, pairs};

/// Makes the other process and adds the `{forged_*}` values.
pub(super) async fn prepare(fixture: &mut Fixture) {
    other_process(fixture).await;
    let public = fixture
        .resolve("{cp_pub}", Who::Anonymous)
        .replace('-', "/");
    let found = with_db(&fixture.app, move |conn| look_up(conn, &public)).await;
    let link_node = fixture.resolve("{link_node}", Who::Anonymous);
    let draft_node = fixture.resolve("{draft_node}", Who::Anonymous);
    let (other_link, report_link) = links_elsewhere(&found.links, &link_node, &draft_node);
    for (name, value) in [
        ("forged_assignment", found.assignment),
        ("forged_note", found.note),
        ("forged_not_accepted", found.not_accepted),
        ("forged_other_link", other_link),
        ("forged_report_link", report_link),
        ("forged_stakeholder2", found.stakeholder2),
        ("forged_secretariat", found.secretariat),
        ("forged_admin", found.admin),
    ] {
        let old = fixture.values.insert(name.to_string(), value.to_string());
        assert!(old.is_none(), "{name} is the matrix's already");
    }
}

async fn other_process(fixture: &Fixture) {
    let admin = Who::Administrator;
    let mut process = crate::helpers::process_form("other", "Another compact", "1 One\n2 Two");
    process.retain(|(k, _)| k != "accredit_on_registration");
    let response = fixture.post(admin, "/admin/processes", &process).await;
    assert_eq!(response.status().as_u16(), 303, "the other process");
    for (email, role, group) in [
        ("secretariat@demo.concord.example", "secretariat", ""),
        ("moderator4@demo.concord.example", "moderator", "1"),
        // The demo's moderator moderates here too: what they may do in one process they
        // may not do to the other's contributions through it.
        ("moderator@demo.concord.example", "moderator", "2"),
    ] {
        let fields = pairs(&[("email", email), ("role", role), ("group", group)]);
        let response = fixture
            .post(admin, "/admin/processes/other/roles", &fields)
            .await;
        assert_eq!(
            response.status().as_u16(),
            303,
            "{email} in the other process"
        );
    }
}

struct Found {
    /// The other process's moderator assignment.
    assignment: i64,
    /// A note on a proposal other than `{cp_pub}`.
    note: i64,
    /// A version of a proposal that was not accepted.
    not_accepted: i64,
    /// Every link: id, document, paragraph.
    links: Vec<(i64, i64, String)>,
    stakeholder2: i64,
    secretariat: i64,
    admin: i64,
}

fn look_up(conn: &mut DbConnection, public_reference: &str) -> Found {
    let other: i64 = processes::table
        .filter(processes::slug.eq("other"))
        .select(processes::id)
        .first(conn)
        .expect("the other process");
    let assignment: i64 = role_assignments::table
        .filter(role_assignments::process_id.eq(other))
        .filter(role_assignments::role.eq("moderator"))
        .select(role_assignments::id)
        .first(conn)
        .expect("the other process's assignment");
    let public: i64 = proposals::table
        .filter(proposals::reference.eq(public_reference))
        .select(proposals::id)
        .first(conn)
        .expect("the public proposal");
    let note: i64 = review_notes::table
        .filter(review_notes::proposal_id.ne(public))
        .select(review_notes::id)
        .first(conn)
        .expect("a note on another proposal");
    let not_accepted: i64 = proposal_versions::table
        .inner_join(proposals::table)
        .filter(proposals::status.eq("submitted"))
        .select(proposal_versions::id)
        .first(conn)
        .expect("a version not accepted");
    let links: Vec<(i64, i64, String)> = provenance_links::table
        .order(provenance_links::id)
        .select((
            provenance_links::id,
            provenance_links::document_id,
            provenance_links::node_key,
        ))
        .load(conn)
        .expect("links");
    Found {
        assignment,
        note,
        not_accepted,
        links,
        stakeholder2: account_id(conn, "stakeholder2@demo.concord.example"),
        secretariat: account_id(conn, "secretariat@demo.concord.example"),
        admin: account_id(conn, "admin@demo.concord.example"),
    }
}

/// A link of the draft on a paragraph other than `draft_node`, and a link of another
/// document (a report).
fn links_elsewhere(links: &[(i64, i64, String)], link_node: &str, draft_node: &str) -> (i64, i64) {
    let draft = links
        .iter()
        .find(|l| l.2 == link_node)
        .map(|l| l.1)
        .expect("the draft's links");
    let (other_link, other_link_node) = links
        .iter()
        .find(|l| l.1 == draft && l.2 != draft_node)
        .map(|l| (l.0, l.2.clone()))
        .expect("a link on another paragraph");
    let report_link = links
        .iter()
        .find(|l| l.1 != draft)
        .map(|l| l.0)
        .expect("a link of another document");
    assert_ne!(other_link_node, draft_node);
    (other_link, report_link)
}
