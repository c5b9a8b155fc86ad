//! What the forms act on: the demo, someone signed in for every role (a delegate too), the
//! objects made for the fuzzing (drafts, a submitted contribution and proposal, an
//! invitation, a process of its own with an assignment) and the ids of the demo's
//! negotiation. Made once, in a fixed order, before any form is fuzzed.

use reqwest::StatusCode;
use reqwest::multipart::Form;

use crate::helpers::{Browser, TestApp, csrf_of, location, with_db};

const DEMO_PASSWORD: &str = "concord-demo-2018";

/// The people who use the forms.
pub(super) struct People {
    pub(super) anonymous: Browser,
    pub(super) stakeholder: Browser,
    /// `stakeholder2@`, whose organisation the stakeholder's proposal invites.
    pub(super) invitee: Browser,
    pub(super) applicant: Browser,
    pub(super) rapporteur: Browser,
    pub(super) moderator: Browser,
    pub(super) chair: Browser,
    pub(super) cofacilitator: Browser,
    /// Translates into French and Spanish.
    pub(super) translator: Browser,
    pub(super) admin: Browser,
    /// Someone whose password, and whose account, the fuzzing may try to change.
    pub(super) victim: Browser,
    /// `delegate.morocco@`: acts for Morocco, a member of the African Group.
    pub(super) delegate: Browser,
}

/// The people, and the ids, references and keys the forms' paths and fields name.
pub(super) struct World {
    pub(super) people: People,
    pub(super) victim_id: i64,
    pub(super) applicant_id: i64,
    pub(super) contribution_draft: String,
    /// Submitted; stays for its author to withdraw.
    pub(super) contribution: String,
    /// Submitted; for the moderators to hide.
    pub(super) to_hide: String,
    pub(super) proposal_draft: String,
    /// Submitted, with an invitation to another organisation.
    pub(super) proposal: String,
    /// The victim's role assignments in the process `fz`.
    pub(super) assignments: Vec<String>,
    /// Node keys and link ids of the draft, node keys of group 1's report.
    pub(super) nodes: Vec<String>,
    pub(super) links: Vec<String>,
    pub(super) report_nodes: Vec<String>,
    /// The demo's negotiation: its delegations (name, id) and groups (short name, id), the
    /// draft's revisions as `document/revision`, and the paragraphs of the revision the open
    /// round 2 reads.
    pub(super) delegations: Vec<(String, String)>,
    pub(super) state_groups: Vec<(String, String)>,
    pub(super) revisions: Vec<String>,
    pub(super) round_nodes: Vec<String>,
}

impl World {
    pub(super) async fn make(app: &TestApp) -> World {
        let people = People::sign_in(app).await;
        let victim_id = account_id(app, "victim@example.org").await;
        let applicant_id = account_id(app, "applicant@demo.concord.example").await;
        let stakeholder = &people.stakeholder;
        let contribution_draft = contribute(stakeholder, "A draft to fuzz", "save").await;
        let contribution = contribute(stakeholder, "A contribution to fuzz", "submit").await;
        let to_hide = contribute(stakeholder, "A contribution to hide", "submit").await;
        let proposal_draft = propose(stakeholder, "save").await;
        let proposal = propose(stakeholder, "submit").await;
        invite(stakeholder, &proposal).await;
        let assignments = process_of_its_own(app, &people.admin, victim_id).await;
        let (nodes, links) = document_parts(app, "draft").await;
        let (report_nodes, _) = document_parts(app, "group-1-report").await;
        let (delegations, state_groups, revisions, round_nodes) = negotiation(app).await;
        World {
            people,
            victim_id,
            applicant_id,
            contribution_draft,
            contribution,
            to_hide,
            proposal_draft,
            proposal,
            assignments,
            nodes,
            links,
            report_nodes,
            delegations,
            state_groups,
            revisions,
            round_nodes,
        }
    }

    /// The id named `name` in `named` (a delegation by its name, a group by its short name).
    pub(super) fn id_of(named: &[(String, String)], name: &str) -> String {
        named
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| id.clone())
            .expect("one of the demo's")
    }

    pub(super) fn ids(named: &[(String, String)]) -> Vec<String> {
        named.iter().map(|(_, id)| id.clone()).collect()
    }

    pub(super) fn proposal_path(&self) -> String {
        format!("/p/gcm/proposals/{}", self.proposal)
    }

    /// The proposal's page in group 1's review queue.
    pub(super) fn review(&self) -> String {
        format!("/p/gcm/groups/1/review/{}", self.proposal)
    }
}

impl People {
    async fn sign_in(app: &TestApp) -> People {
        let anonymous = app.new_browser();
        let stakeholder = demo(app, "stakeholder").await;
        let invitee = demo(app, "stakeholder2").await;
        let applicant = demo(app, "applicant").await;
        let rapporteur = demo(app, "rapporteur").await;
        let moderator = demo(app, "moderator").await;
        let chair = demo(app, "chair").await;
        let cofacilitator = demo(app, "cofacilitator").await;
        let translator = demo(app, "translator").await;
        let admin = demo(app, "admin").await;
        let delegate = demo(app, "delegate.morocco").await;
        let victim = app
            .participant(
                "victim@example.org",
                "Victor Victim",
                "Victim NGO",
                "civil-society",
            )
            .await;
        People {
            anonymous,
            stakeholder,
            invitee,
            applicant,
            rapporteur,
            moderator,
            chair,
            cofacilitator,
            translator,
            admin,
            victim,
            delegate,
        }
    }
}

async fn demo(app: &TestApp, who: &str) -> Browser {
    let email = format!("{who}@demo.concord.example");
    let browser = app.new_browser();
    let response = browser.login(&email, DEMO_PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{email} signs in");
    browser
}

/// The last segment of a path: the id or reference a redirect names.
fn slug_of(path: &str) -> String {
    path.split(['?', '#'])
        .next()
        .unwrap_or_default()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// A contribution of the stakeholder's, saved or submitted; its id or reference.
async fn contribute(stakeholder: &Browser, title: &str, action: &str) -> String {
    let page = "/p/gcm/contributions/new";
    let (_, html) = stakeholder.get_text(page).await;
    let token = csrf_of(&html);
    let response = stakeholder
        .client
        .post(stakeholder.url(&format!("{page}?csrf_token={token}")))
        .multipart(
            Form::new()
                .text("title", title.to_string())
                .text("body", "Text")
                .text("action", action.to_string()),
        )
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{title}");
    slug_of(&location(&response))
}

/// A proposal of the stakeholder's, saved or submitted; its id or reference.
async fn propose(stakeholder: &Browser, intent: &str) -> String {
    let form = [
        ("group", "1"),
        ("title", "A proposal to fuzz"),
        ("commitment", "States commit to fuzz."),
        ("actionable_measures", "Fuzz\nAgain"),
        ("intent", intent),
    ];
    let page = "/p/gcm/proposals/new";
    let response = stakeholder.submit(page, page, &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{intent}");
    slug_of(&location(&response))
}

async fn invite(stakeholder: &Browser, proposal: &str) {
    let path = format!("/p/gcm/proposals/{proposal}");
    let organisation = "Permanent Mission of Morocco to the United Nations";
    let response = stakeholder
        .submit(
            &path,
            &format!("{path}/invitations"),
            &[("organisation", organisation)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "invited");
}

/// The process `fz`, for the edit form, with the victim as a moderator of its group 1; the
/// ids of the victim's assignments.
async fn process_of_its_own(app: &TestApp, admin: &Browser, victim_id: i64) -> Vec<String> {
    let response = app.create_process(admin, "fz").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = admin
        .submit(
            "/admin/processes/fz",
            "/admin/processes/fz/roles",
            &[
                ("email", "victim@example.org"),
                ("role", "moderator"),
                ("group", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    with_db(app, move |conn| {
        use concord::db::schema::role_assignments::dsl;
        use diesel::prelude::*;
        dsl::role_assignments
            .filter(dsl::account_id.eq(victim_id))
            .select(dsl::id)
            .load::<i64>(conn)
            .expect("assignments")
            .into_iter()
            .map(|id| id.to_string())
            .collect()
    })
    .await
}

async fn account_id(app: &TestApp, email: &'static str) -> i64 {
    with_db(app, move |conn| {
        use concord::db::schema::accounts::dsl;
        use diesel::prelude::*;
        dsl::accounts
            .filter(dsl::email.eq(email))
            .select(dsl::id)
            .first::<i64>(conn)
            .expect("the account")
    })
    .await
}

/// The node keys of a document of the demo process, and the ids of its links.
async fn document_parts(app: &TestApp, slug: &'static str) -> (Vec<String>, Vec<String>) {
    with_db(app, move |conn| {
        use concord::db::schema::{document_nodes, documents, provenance_links};
        use diesel::prelude::*;
        let document: i64 = documents::table
            .filter(documents::slug.eq(slug))
            .select(documents::id)
            .first(conn)
            .expect("the document");
        let keys: Vec<String> = document_nodes::table
            .filter(document_nodes::document_id.eq(document))
            .select(document_nodes::node_key)
            .load(conn)
            .expect("its nodes");
        let links: Vec<i64> = provenance_links::table
            .filter(provenance_links::document_id.eq(document))
            .select(provenance_links::id)
            .load(conn)
            .expect("its links");
        (keys, links.into_iter().map(|id| id.to_string()).collect())
    })
    .await
}

type Named = Vec<(String, String)>;

/// The demo's delegations and groups, the draft's revisions as the round form names them, and
/// the paragraph keys of the revision round 2 reads.
async fn negotiation(app: &TestApp) -> (Named, Named, Vec<String>, Vec<String>) {
    with_db(app, |conn| {
        use concord::db::schema::{documents, revisions};
        use concord::store::documents::revision_by_id;
        use concord::store::negotiation::delegations as deleg;
        use concord::store::negotiation::rounds::round_by_number;
        use diesel::prelude::*;
        let delegations = deleg::delegations_of_process(conn, 1)
            .expect("delegations")
            .into_iter()
            .map(|d| (d.name, d.id.to_string()))
            .collect();
        let groups = deleg::groups_of_process(conn, 1)
            .expect("groups")
            .into_iter()
            .map(|g| (g.short_name, g.id.to_string()))
            .collect();
        let slugs: Vec<String> = revisions::table
            .inner_join(documents::table)
            .filter(documents::slug.eq("draft"))
            .select(revisions::slug)
            .load(conn)
            .expect("revisions");
        let round = round_by_number(conn, 1, 2)
            .expect("a query")
            .expect("the demo's second reading");
        let revision = revision_by_id(conn, round.revision_id)
            .expect("a query")
            .expect("its revision");
        let nodes = revision
            .content()
            .expect("its content")
            .nodes
            .into_iter()
            .map(|n| n.key)
            .collect();
        let revisions = slugs.into_iter().map(|s| format!("draft/{s}")).collect();
        (delegations, groups, revisions, nodes)
    })
    .await
}
