//! Forged ids: URLs and hidden fields naming someone else's draft, another group's proposal,
//! report or queue, another process, a paragraph of another document, a link of another
//! paragraph, a file of another contribution, an assignment or account elsewhere. Each is
//! refused, by someone who holds a role that would allow the genuine request, and nothing in
//! the database changes.

use concord::db::schema::{proposal_versions, proposals, provenance_links, review_notes};
use diesel::prelude::*;

use super::table::{Body, Out, judge};
use super::{Fixture, Who, changes, fingerprint, missing_headers, pairs, proposal_fields};
use crate::helpers::{Backend, with_db};
use crate::on_both_backends;

on_both_backends!(forged_ids_are_refused_and_change_nothing);

struct Case {
    what: &'static str,
    who: Who,
    get: bool,
    url: String,
    body: Body,
    expected: Out,
}

fn get(what: &'static str, who: Who, url: &str, expected: Out) -> Case {
    Case {
        what,
        who,
        get: true,
        url: url.to_string(),
        body: Body::None,
        expected,
    }
}

fn post(what: &'static str, who: Who, url: &str, fields: &[(&str, &str)], expected: Out) -> Case {
    Case {
        what,
        who,
        get: false,
        url: url.to_string(),
        body: Body::Form(pairs(fields)),
        expected,
    }
}

async fn forged_ids_are_refused_and_change_nothing(backend: Backend) {
    let Some(fixture) = Fixture::start(backend).await else {
        return;
    };
    let admin = Who::Administrator;

    // Another process, where the secretariat of gcm is secretariat too, with an assignment.
    let mut process = crate::helpers::process_form("other", "Another compact", "1 One\n2 Two");
    process.retain(|(k, _)| k != "accredit_on_registration");
    let response = fixture.post(admin, "/admin/processes", &process).await;
    assert_eq!(response.status().as_u16(), 303, "the other process");
    for (email, role, group) in [
        ("secretariat@demo.concord.example", "secretariat", ""),
        ("moderator4@demo.concord.example", "moderator", "1"),
    ] {
        let response = fixture
            .post(
                admin,
                "/admin/processes/other/roles",
                &pairs(&[("email", email), ("role", role), ("group", group)]),
            )
            .await;
        assert_eq!(
            response.status().as_u16(),
            303,
            "{email} in the other process"
        );
    }
    let v = |name: &str| fixture.resolve(&format!("{{{name}}}"), Who::Anonymous);
    let cp_pub_reference = v("cp_pub").replace('-', "/");
    let found = with_db(&fixture.app, move |conn| {
        use concord::db::schema::{processes, role_assignments};
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
        let cp_pub: i64 = proposals::table
            .filter(proposals::reference.eq(cp_pub_reference))
            .select(proposals::id)
            .first(conn)
            .expect("the public proposal");
        let note: i64 = review_notes::table
            .filter(review_notes::proposal_id.ne(cp_pub))
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
        (assignment, note, not_accepted, links)
    })
    .await;
    let (assignment, note, not_accepted, links) = found;
    let note_url_proposal = v("cp_pub");
    // A link of the draft on a paragraph other than the one in the URL; one of a report.
    let draft_id = links
        .iter()
        .find(|l| l.2 == v("link_node"))
        .map(|l| l.1)
        .expect("the draft's links");
    let (other_link, other_link_node) = links
        .iter()
        .find(|l| l.1 == draft_id && l.2 != v("draft_node"))
        .map(|l| (l.0, l.2.clone()))
        .expect("a link on another paragraph");
    let report_link = links
        .iter()
        .find(|l| l.1 != draft_id)
        .map(|l| l.0)
        .expect("a link of another document");
    assert_ne!(other_link_node, v("draft_node"));

    let draft = v("wc_draft");
    let cp_draft = v("cp_own_draft");
    let g2 = v("cp_g2");
    let g2_node = v("g2_node");
    let g1_node = v("g1_node");
    let draft_node = v("draft_node");
    let decide = v("cp_decide");
    let own = v("wc_own");
    let stakeholder2 = with_db(&fixture.app, |conn| {
        super::account_id(conn, "stakeholder2@demo.concord.example")
    })
    .await;
    let version = v("cp_decide_version");
    let decision = |target: &str| -> Vec<(String, String)> {
        pairs(&[
            ("version", &version),
            (
                "decision",
                if target.is_empty() { "accept" } else { "merge" },
            ),
            ("rationale", "A forged decision, to be refused."),
            ("target", target),
        ])
    };
    let edit = pairs(&[("text", "Forged text."), ("base", ""), ("version", "1")]);

    use Out::S;
    use Who::*;
    let cases = vec![
        // Someone else's drafts.
        get(
            "another's contribution draft",
            OtherStakeholder,
            &format!("/p/gcm/contributions/drafts/{draft}"),
            S(404),
        ),
        Case {
            body: Body::Multipart(pairs(&[
                ("title", "Forged"),
                ("body", "Forged."),
                ("action", "submit"),
            ])),
            ..post(
                "saving over another's contribution draft",
                OtherStakeholder,
                &format!("/p/gcm/contributions/drafts/{draft}"),
                &[],
                S(404),
            )
        },
        post(
            "autosaving into another's draft",
            OtherStakeholder,
            "/p/gcm/contributions/autosave",
            &[
                ("title", "Forged"),
                ("body", "Forged."),
                ("draft_id", &draft),
            ],
            S(404),
        ),
        get(
            "the file of another's draft",
            OtherStakeholder,
            &format!(
                "/p/gcm/contributions/drafts/{draft}/files/{}",
                v("wc_draft_file")
            ),
            S(404),
        ),
        get(
            "another contribution's file by this one's reference",
            Owner,
            &format!("/p/gcm/contributions/{own}/files/{}", v("wc_file")),
            S(404),
        ),
        get(
            "a draft's file under another draft's id",
            Owner,
            &format!(
                "/p/gcm/contributions/drafts/{}/files/{}",
                v("wc_own_id"),
                v("wc_draft_file")
            ),
            S(404),
        ),
        get(
            "another's proposal draft",
            OtherStakeholder,
            &format!("/p/gcm/proposals/drafts/{cp_draft}"),
            S(404),
        ),
        Case {
            body: Body::Form(proposal_fields("Forged", "submit")),
            ..post(
                "submitting another's proposal draft",
                OtherStakeholder,
                &format!("/p/gcm/proposals/drafts/{cp_draft}"),
                &[],
                S(404),
            )
        },
        post(
            "withdrawing another's contribution",
            OtherStakeholder,
            &format!("/p/gcm/contributions/{own}/withdraw"),
            &[],
            S(403),
        ),
        post(
            "withdrawing another's proposal",
            OtherStakeholder,
            &format!("/p/gcm/proposals/{}/withdraw", v("cp_own_submitted")),
            &[],
            S(403),
        ),
        post(
            "inviting to another's proposal",
            OtherStakeholder,
            &format!("/p/gcm/proposals/{}/invitations", v("cp_own_submitted")),
            &[("organisation", "Migrant Forum in Asia")],
            S(403),
        ),
        post(
            "answering an invitation to another organisation",
            OtherStakeholder,
            &format!("/p/gcm/proposals/{}/invitations/answer", v("cp_invited")),
            &[("decision", "accept")],
            S(403),
        ),
        // Another group's proposals, queue and report.
        get(
            "another group's proposal under this group's queue",
            Rapporteur,
            &format!("/p/gcm/groups/1/review/{g2}"),
            S(404),
        ),
        get(
            "another group's queue",
            Rapporteur,
            "/p/gcm/groups/2/review",
            S(403),
        ),
        Case {
            body: Body::Form(decision("")),
            ..post(
                "deciding another group's proposal via this group",
                Rapporteur,
                &format!("/p/gcm/groups/1/review/{g2}/decision"),
                &[],
                S(404),
            )
        },
        Case {
            body: Body::Form(decision("")),
            ..post(
                "deciding in another group's queue",
                Rapporteur,
                &format!("/p/gcm/groups/2/review/{g2}/decision"),
                &[],
                S(403),
            )
        },
        Case {
            body: Body::Form(decision(&g2)),
            ..post(
                "merging into another group's proposal",
                Rapporteur,
                &format!("/p/gcm/groups/1/review/{decide}/decision"),
                &[],
                S(422),
            )
        },
        Case {
            body: Body::Form(decision("GCM-CP-9999")),
            ..post(
                "merging into a proposal that does not exist",
                Rapporteur,
                &format!("/p/gcm/groups/1/review/{decide}/decision"),
                &[],
                S(422),
            )
        },
        post(
            "a note on another group's proposal",
            Moderator,
            &format!("/p/gcm/groups/1/review/{g2}/notes"),
            &[("body", "Forged."), ("parent", "")],
            S(404),
        ),
        post(
            "a reply to a note of another proposal",
            Rapporteur,
            &format!("/p/gcm/groups/1/review/{note_url_proposal}/notes"),
            &[("body", "Forged."), ("parent", &note.to_string())],
            S(404),
        ),
        post(
            "a reply to a note id that is not a number",
            Rapporteur,
            &format!("/p/gcm/groups/1/review/{note_url_proposal}/notes"),
            &[("body", "Forged."), ("parent", "1 OR 1=1")],
            S(404),
        ),
        Case {
            body: Body::Form(edit.clone()),
            ..post(
                "editing another group's report",
                Rapporteur,
                &format!("/p/gcm/documents/group-2-report/nodes/{g2_node}"),
                &[],
                S(403),
            )
        },
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
        // Paragraph keys and link ids of other documents and paragraphs.
        get(
            "a paragraph of another document",
            Rapporteur,
            &format!("/p/gcm/documents/group-1-report/nodes/{g2_node}/edit"),
            S(404),
        ),
        Case {
            body: Body::Form(edit.clone()),
            ..post(
                "saving a paragraph of another document",
                Rapporteur,
                &format!("/p/gcm/documents/group-1-report/nodes/{g2_node}"),
                &[],
                S(409),
            )
        },
        post(
            "moving a paragraph of another document",
            Rapporteur,
            &format!("/p/gcm/documents/group-1-report/nodes/{g2_node}/move"),
            &[("direction", "up")],
            S(404),
        ),
        post(
            "deleting a paragraph of another document",
            Rapporteur,
            &format!("/p/gcm/documents/group-1-report/nodes/{g2_node}/delete"),
            &[],
            S(404),
        ),
        post(
            "linking a paragraph of another document",
            Rapporteur,
            &format!("/p/gcm/documents/group-1-report/nodes/{g2_node}/links"),
            &[("source_kind", "contribution"), ("reference", &own)],
            S(404),
        ),
        post(
            "inserting after a paragraph of another document",
            Rapporteur,
            "/p/gcm/documents/group-1-report/nodes",
            &[
                ("after", &g2_node),
                ("kind", "paragraph"),
                ("text", "Forged."),
            ],
            S(404),
        ),
        post(
            "pulling after a paragraph of another document",
            CoFacilitator,
            "/p/gcm/documents/draft/pull",
            &[("source", &v("summary_source")), ("after", &g1_node)],
            S(404),
        ),
        post(
            "pulling a proposal that was not accepted",
            CoFacilitator,
            "/p/gcm/documents/draft/pull",
            &[
                ("source", &format!("proposal:{not_accepted}")),
                ("after", ""),
            ],
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
            "removing a link of another paragraph",
            CoFacilitator,
            &format!("/p/gcm/documents/draft/nodes/{draft_node}/links/{other_link}/remove"),
            &[],
            S(404),
        ),
        post(
            "removing a link of another document",
            CoFacilitator,
            &format!("/p/gcm/documents/draft/nodes/{draft_node}/links/{report_link}/remove"),
            &[],
            S(404),
        ),
        post(
            "removing a draft link through one's own report",
            Rapporteur,
            &format!("/p/gcm/documents/group-1-report/nodes/{g1_node}/links/{other_link}/remove"),
            &[],
            S(404),
        ),
        post(
            "linking a source of another process",
            CoFacilitator,
            &format!("/p/gcm/documents/draft/nodes/{draft_node}/links"),
            &[
                ("source_kind", "contribution"),
                ("reference", "OTHER-WC-0001"),
            ],
            S(422),
        ),
        // Another process.
        get(
            "a contribution draft through another process",
            Owner,
            &format!("/p/other/contributions/drafts/{draft}"),
            S(404),
        ),
        get(
            "a proposal draft through another process",
            Owner,
            &format!("/p/other/proposals/drafts/{cp_draft}"),
            S(404),
        ),
        post(
            "hiding a contribution through another process",
            Secretariat,
            &format!("/p/other/contributions/{}/hide", v("wc_hide")),
            &[("reason", "Forged through another process.")],
            S(404),
        ),
        Case {
            body: Body::Form(decision("")),
            ..post(
                "deciding a proposal through another process",
                Secretariat,
                &format!("/p/other/groups/1/review/{decide}/decision"),
                &[],
                S(404),
            )
        },
        post(
            "removing an assignment of another process",
            Secretariat,
            &format!("/admin/processes/gcm/roles/{assignment}/remove"),
            &[],
            S(404),
        ),
        post(
            "deciding an accreditation nobody asked for",
            Secretariat,
            &format!("/admin/processes/gcm/accreditations/{stakeholder2}"),
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
        // Accounts.
        post(
            "disabling an account without being an administrator",
            Secretariat,
            &format!("/admin/accounts/{stakeholder2}"),
            &[("change", "disable")],
            S(403),
        ),
        post(
            "making oneself an administrator",
            Secretariat,
            &format!(
                "/admin/accounts/{}",
                with_db(&fixture.app, |conn| super::account_id(
                    conn,
                    "secretariat@demo.concord.example"
                ))
                .await
            ),
            &[("change", "make-admin")],
            S(403),
        ),
        post(
            "an administrator disabling themself",
            Administrator,
            &format!(
                "/admin/accounts/{}",
                with_db(&fixture.app, |conn| super::account_id(
                    conn,
                    "admin@demo.concord.example"
                ))
                .await
            ),
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
    ];

    let mut wrong = Vec::new();
    for case in &cases {
        let before = with_db(&fixture.app, fingerprint).await;
        let browser = fixture.browser(case.who);
        let response = match &case.body {
            Body::None if case.get => browser.get(&case.url).await,
            Body::None => fixture.post(case.who, &case.url, &[]).await,
            Body::Form(fields) => fixture.post(case.who, &case.url, fields).await,
            Body::Multipart(fields) => {
                let mut form = reqwest::multipart::Form::new();
                for (k, v) in fields {
                    form = form.text(k.clone(), v.clone());
                }
                browser
                    .client
                    .post(browser.url(&format!(
                        "{}?csrf_token={}",
                        case.url,
                        fixture.token(case.who)
                    )))
                    .multipart(form)
                    .send()
                    .await
                    .expect("answered")
            }
        };
        let missing = missing_headers(&response);
        if !missing.is_empty() {
            wrong.push(format!("{}: no {missing:?}", case.what));
        }
        if let Some(got) = judge(response, case.expected).await {
            wrong.push(format!(
                "{} ({} {} as {}): expected {:?}, got {got}",
                case.what,
                if case.get { "GET" } else { "POST" },
                case.url,
                case.who.key(),
                case.expected
            ));
        }
        let after = with_db(&fixture.app, fingerprint).await;
        let changed = changes(&before, &after);
        if !changed.is_empty() {
            wrong.push(format!("{}: changed {changed:?}", case.what));
        }
    }
    // The owner saving their own draft while naming another contribution's file to remove:
    // the draft is saved, the other file stays attached where it was.
    let owner = fixture.browser(Owner);
    let form = reqwest::multipart::Form::new()
        .text("title", super::DRAFT_CONTRIBUTION)
        .text(
            "body",
            "Saved again, naming a file that is not this draft's.",
        )
        .text("remove_file", v("wc_file"))
        .text("action", "save");
    let response = owner
        .client
        .post(owner.url(&format!(
            "/p/gcm/contributions/drafts/{draft}?csrf_token={}",
            fixture.token(Owner)
        )))
        .multipart(form)
        .send()
        .await
        .expect("answered");
    assert_eq!(
        response.status().as_u16(),
        303,
        "the owner's draft is saved"
    );
    let file: i64 = v("wc_file").parse().expect("an id");
    let still: i64 = with_db(&fixture.app, move |conn| {
        use concord::db::schema::contribution_attachments;
        contribution_attachments::table
            .find(file)
            .count()
            .get_result(conn)
            .expect("a count")
    })
    .await;
    if still != 1 {
        wrong.push("removing another contribution's file from one's draft removed it".into());
    }
    let (_, page) = fixture
        .browser(Anonymous)
        .get_text(&format!("/p/gcm/contributions/{}", v("wc_file_ref")))
        .await;
    if !page.contains(".pdf") {
        wrong.push("the other contribution no longer shows its file".into());
    }

    assert!(
        wrong.is_empty(),
        "{} of {} forged requests went wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}
