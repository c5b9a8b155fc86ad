//! The security matrix: every route against every role (`table`), forged ids (`forged`),
//! CSRF and Origin on every unsafe route (`csrf`), allow-listed list parameters (`params`),
//! and the security headers on every response any of them gets. The negotiation's routes
//! for those who act for a delegation, which no role of the matrix does, have their own
//! table, forged ids and CSRF checks (`delegations`).
//!
//! All run on the demo process (`gcm`), whose accounts hold every role. `Fixture` signs each
//! role in once and finds, in the database, the objects the rows name (`{placeholders}`).

mod csrf;
mod delegations;
mod forged;
mod params;
mod programme;
pub(crate) mod table;

use std::collections::HashMap;

use concord::db::DbConnection;
use concord::db::schema::*;
use diesel::prelude::*;
use reqwest::{Response, StatusCode};

use crate::helpers::{Backend, Browser, TestApp, csrf_of, location, spawn_app_with, with_db};

pub const DEMO_PASSWORD: &str = "concord-demo-2018";

/// The people of the matrix, in the order of its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    /// Not signed in.
    Anonymous,
    /// `stakeholder@`: the owner of the stakeholder's objects the rows name.
    Owner,
    /// `stakeholder2@`: an accredited stakeholder who owns none of them.
    OtherStakeholder,
    /// `applicant@`: signed in, waiting for accreditation, no role.
    Applicant,
    /// `rapporteur@`: rapporteur of group 1, the group the rows name.
    Rapporteur,
    /// `rapporteur2@`: rapporteur of group 2.
    OtherRapporteur,
    /// `moderator@`: moderator of group 1.
    Moderator,
    Chair,
    CoFacilitator,
    Secretariat,
    /// `admin@`: instance administrator, no role in the process.
    Administrator,
}

impl Who {
    pub const ALL: [Who; 11] = [
        Who::Anonymous,
        Who::Owner,
        Who::OtherStakeholder,
        Who::Applicant,
        Who::Rapporteur,
        Who::OtherRapporteur,
        Who::Moderator,
        Who::Chair,
        Who::CoFacilitator,
        Who::Secretariat,
        Who::Administrator,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Who::Anonymous => "anonymous",
            Who::Owner => "stakeholder",
            Who::OtherStakeholder => "stakeholder2",
            Who::Applicant => "applicant",
            Who::Rapporteur => "rapporteur",
            Who::OtherRapporteur => "rapporteur2",
            Who::Moderator => "moderator",
            Who::Chair => "chair",
            Who::CoFacilitator => "cofacilitator",
            Who::Secretariat => "secretariat",
            Who::Administrator => "admin",
        }
    }

    pub fn email(self) -> Option<String> {
        (self != Who::Anonymous).then(|| format!("{}@demo.concord.example", self.key()))
    }
}

/// The demo app, one signed-in browser per role (with its CSRF token), and the values the
/// rows' placeholders stand for.
pub struct Fixture {
    pub app: TestApp,
    pub browsers: HashMap<Who, (Browser, String)>,
    pub values: HashMap<String, String>,
}

impl Fixture {
    /// Starts the demo and signs everyone in; `None` when the backend is not configured.
    pub async fn start(backend: Backend) -> Option<Fixture> {
        let app = spawn_app_with(backend, &[], true).await?;
        let mut browsers = HashMap::new();
        for who in Who::ALL {
            let browser = app.new_browser();
            if let Some(email) = who.email() {
                let response = browser.login(&email, DEMO_PASSWORD).await;
                assert_eq!(response.status(), StatusCode::SEE_OTHER, "{email} signs in");
            }
            let (status, page) = browser.get_text("/login").await;
            assert_eq!(status, StatusCode::OK);
            let token = csrf_of(&page);
            browsers.insert(who, (browser, token));
        }
        let mut fixture = Fixture {
            app,
            browsers,
            values: HashMap::new(),
        };
        fixture.prepare().await;
        Some(fixture)
    }

    pub fn browser(&self, who: Who) -> &Browser {
        &self.browsers[&who].0
    }

    pub fn token(&self, who: Who) -> &str {
        &self.browsers[&who].1
    }

    fn set(&mut self, name: &str, value: impl ToString) {
        self.values.insert(name.to_string(), value.to_string());
    }

    /// `{name}` replaced by the value for `who` (`name@role`), else the value for everyone.
    pub fn resolve(&self, template: &str, who: Who) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let end = rest[start..].find('}').expect("a closing brace") + start;
            let name = &rest[start + 1..end];
            let value = if name == "role" {
                who.key().to_string()
            } else {
                self.values
                    .get(&format!("{name}@{}", who.key()))
                    .or_else(|| self.values.get(name))
                    .unwrap_or_else(|| panic!("no value for {{{name}}}"))
                    .clone()
            };
            out.push_str(&value);
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }

    /// Sends a urlencoded form with the browser's own CSRF token.
    pub async fn post(&self, who: Who, path: &str, fields: &[(String, String)]) -> Response {
        let mut form = vec![("csrf_token".to_string(), self.token(who).to_string())];
        form.extend(fields.iter().cloned());
        self.browser(who).post_form(path, &form).await
    }

    /// Finds and makes what the rows name: drafts with files, submitted proposals, spare
    /// paragraphs and assignments for the destructive rows, a marker in working copies.
    async fn prepare(&mut self) {
        let owner = Who::Owner;

        // The owner's contribution draft, with a PDF.
        let form = reqwest::multipart::Form::new()
            .text("title", DRAFT_CONTRIBUTION)
            .text("body", "Words that are not public yet.")
            .text("action", "save")
            .part(
                "attachments",
                reqwest::multipart::Part::bytes(pdf_bytes())
                    .file_name("matrix.pdf")
                    .mime_str("application/pdf")
                    .expect("a MIME type"),
            );
        let response = self
            .browser(owner)
            .client
            .post(self.browser(owner).url(&format!(
                "/p/gcm/contributions/new?csrf_token={}",
                self.token(owner)
            )))
            .multipart(form)
            .send()
            .await
            .expect("answered");
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "draft saved");

        // A proposal draft of the owner's, and two more proposals awaiting a decision in
        // group 1: the owner's and another's.
        let response = self
            .post(
                owner,
                "/p/gcm/proposals/new",
                &proposal_fields(DRAFT_PROPOSAL, "save"),
            )
            .await;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "proposal draft saved"
        );
        for (who, title) in [
            (Who::Owner, "Matrix proposal of the owner"),
            (Who::OtherStakeholder, "Matrix proposal of another"),
        ] {
            let response = self
                .post(
                    who,
                    "/p/gcm/proposals/new",
                    &proposal_fields(title, "submit"),
                )
                .await;
            assert_eq!(
                response.status(),
                StatusCode::SEE_OTHER,
                "{title} submitted"
            );
            assert!(
                location(&response).contains("/proposals/GCM-CP-"),
                "{title}"
            );
        }

        // Spare paragraphs in the draft, one per role, for the row that deletes them; and a
        // marker paragraph in the working copies that are not public.
        for who in Who::ALL {
            let response = self
                .post(
                    Who::Secretariat,
                    "/p/gcm/documents/draft/nodes",
                    &pairs(&[
                        ("after", ""),
                        ("kind", "paragraph"),
                        ("text", &format!("Matrix spare for {}", who.key())),
                    ]),
                )
                .await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
        }
        for document in ["draft", "group-1-report", "chairs-summary"] {
            let response = self
                .post(
                    Who::Secretariat,
                    &format!("/p/gcm/documents/{document}/nodes"),
                    &pairs(&[
                        ("after", ""),
                        ("kind", "paragraph"),
                        ("text", WORKING_MARKER),
                    ]),
                )
                .await;
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
        }

        // A paragraph of the Chair's summary the draft can pull in.
        let (status, pick) = self
            .browser(Who::Secretariat)
            .get_text("/p/gcm/documents/draft/pick")
            .await;
        assert_eq!(status, StatusCode::OK);
        let start = pick.find("value=\"summary:").expect("a summary paragraph") + 7;
        let end = pick[start..].find('"').expect("a quote") + start;
        self.set("summary_source", &pick[start..end]);

        let found = with_db(&self.app, look_up).await;
        for (name, value) in found {
            self.values.insert(name, value);
        }
        let found = with_db(&self.app, negotiation).await;
        for (name, value) in found {
            self.values.insert(name, value);
        }
        let event: i64 = self
            .resolve("{event}", Who::Secretariat)
            .parse()
            .expect("an event");
        let found = with_db(&self.app, move |conn| programme::programme(conn, event)).await;
        for (name, value) in found {
            self.values.insert(name, value);
        }
        self.set("chart", "groups");

        // An internal note on the public proposal the rows read.
        let notes = self.resolve("/p/gcm/groups/1/review/{cp_pub}/notes", Who::Rapporteur);
        let response = self
            .post(
                Who::Rapporteur,
                &notes,
                &pairs(&[("body", INTERNAL_NOTE), ("parent", "")]),
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "a note");

        // Accreditation requests waiting, one per role that decides them and one more.
        let pending: Vec<(String, i64)> = with_db(&self.app, |conn| {
            let process = process_id(conn);
            let mut made = Vec::new();
            for (name, email) in [
                ("pending@secretariat", "rapporteur3@demo.concord.example"),
                ("pending@admin", "rapporteur4@demo.concord.example"),
                ("pending", "rapporteur5@demo.concord.example"),
            ] {
                let account = account_id(conn, email);
                diesel::insert_into(accreditation_requests::table)
                    .values((
                        accreditation_requests::process_id.eq(process),
                        accreditation_requests::account_id.eq(account),
                        accreditation_requests::requested_at.eq(chrono::Utc::now().naive_utc()),
                    ))
                    .execute(conn)
                    .expect("a request");
                made.push((name.to_string(), account));
            }
            made
        })
        .await;
        for (name, account) in pending {
            self.set(&name, account);
        }
    }
}

/// The text of the paragraph put in working copies: it must show to their readers only.
pub const WORKING_MARKER: &str = "Matrix working-copy marker";
/// The title of the owner's contribution draft: shown to the owner only.
pub const DRAFT_CONTRIBUTION: &str = "Matrix draft of the owner";
/// The title of the owner's proposal draft: shown to no list, API or open data.
pub const DRAFT_PROPOSAL: &str = "Matrix hidden proposal draft";
/// The title of a negotiation round restricted to delegations: shown to its readers only.
pub const RESTRICTED_ROUND: &str = "Matrix restricted round";
/// An internal note of the review: shown on the review page only.
pub const INTERNAL_NOTE: &str = "Matrix internal note";

pub fn pairs(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

pub fn proposal_fields(title: &str, intent: &str) -> Vec<(String, String)> {
    pairs(&[
        ("group", "1"),
        ("title", title),
        (
            "commitment",
            "States commit to open regular pathways for migrant workers.",
        ),
        (
            "actionable_measures",
            "Conclude bilateral labour agreements\nMake social security portable",
        ),
        ("partnerships", "Employers and trade unions together"),
        ("capacity_building", "Training for labour inspectors"),
        ("financing", "A fund replenished every year"),
        ("data", "Disaggregated data on recruitment costs"),
        ("responsible_actors", "Ministries of labour"),
        ("sdg_targets", "8.8 and 10.7"),
        ("timeline", "From 2019 to 2030"),
        ("indicators", "Recruitment costs paid by workers"),
        ("intent", intent),
    ])
}

pub fn pdf_bytes() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% matrix\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        .to_vec()
}

fn process_id(conn: &mut DbConnection) -> i64 {
    processes::table
        .filter(processes::slug.eq("gcm"))
        .select(processes::id)
        .first(conn)
        .expect("the demo process")
}

pub fn account_id(conn: &mut DbConnection, email: &str) -> i64 {
    accounts::table
        .filter(accounts::email.eq(email))
        .select(accounts::id)
        .first(conn)
        .unwrap_or_else(|_| panic!("the account {email}"))
}

fn slug_of(reference: &str) -> String {
    reference.replace('/', "-")
}

fn group_id(conn: &mut DbConnection, number: i32) -> i64 {
    action_groups::table
        .filter(action_groups::process_id.eq(process_id(conn)))
        .filter(action_groups::number.eq(number))
        .select(action_groups::id)
        .first(conn)
        .expect("the group")
}

fn document_id(conn: &mut DbConnection, slug: &str) -> i64 {
    documents::table
        .filter(documents::process_id.eq(process_id(conn)))
        .filter(documents::slug.eq(slug))
        .select(documents::id)
        .first(conn)
        .expect("the document")
}

/// Paragraphs of a document's working copy: key, version, text.
fn paragraphs(conn: &mut DbConnection, slug: &str) -> Vec<(String, i32, String)> {
    let document = document_id(conn, slug);
    document_nodes::table
        .filter(document_nodes::document_id.eq(document))
        .filter(document_nodes::kind.eq("paragraph"))
        .filter(document_nodes::text.not_like("Matrix%"))
        .order(document_nodes::position)
        .select((
            document_nodes::node_key,
            document_nodes::version,
            document_nodes::text,
        ))
        .load(conn)
        .expect("paragraphs")
}

/// Proposals of a group in a state, oldest first: (id, reference, version, author).
/// The id of version `number` of proposal `proposal`.
fn version_id(conn: &mut DbConnection, proposal: i64, number: i32) -> i64 {
    proposal_versions::table
        .filter(proposal_versions::proposal_id.eq(proposal))
        .filter(proposal_versions::number.eq(number))
        .select(proposal_versions::id)
        .first(conn)
        .expect("the version")
}

fn proposals_in(
    conn: &mut DbConnection,
    number: i32,
    status: &str,
) -> Vec<(i64, Option<String>, i32, i64)> {
    let group = group_id(conn, number);
    proposals::table
        .filter(proposals::group_id.eq(group))
        .filter(proposals::status.eq(status))
        .order(proposals::id)
        .select((
            proposals::id,
            proposals::reference,
            proposals::current_version,
            proposals::author_id,
        ))
        .load(conn)
        .expect("proposals")
}

/// The values of the placeholders that come from the database.
/// A delegation of no one's, a restricted and a public round open now on the draft's latest
/// revision, and an amendment the delegation tabled in the public one: no role of the matrix
/// acts for a delegation, so every amendment action is refused to all.
fn negotiation(conn: &mut DbConnection) -> Vec<(String, String)> {
    use concord::domain::negotiation::{AmendmentKind, DelegationCategory, RoundVisibility};
    use concord::store::documents::{document_by_slug, latest_revision};
    use concord::store::negotiation::{amendments, delegations, rounds};
    let process = process_id(conn);
    let secretariat = account_id(conn, "secretariat@demo.concord.example");
    let draft = document_by_slug(conn, process, "draft")
        .expect("a query")
        .expect("the draft");
    let revision = latest_revision(conn, draft.id)
        .expect("a query")
        .expect("a published draft");
    let node = revision.content().expect("content").nodes[1].key.clone();
    let delegation = delegations::create_delegation(
        conn,
        process,
        "Matrixland",
        DelegationCategory::MemberState,
    )
    .expect("a delegation");
    let group = delegations::create_group(conn, process, "Matrix group", "MG").expect("a group");
    let now = chrono::Utc::now().naive_utc();
    let mut open = |title: &str, visibility| {
        rounds::create_round(
            conn,
            &rounds::NewRound {
                process_id: process,
                revision_id: revision.id,
                title,
                opens_at: now - chrono::Duration::hours(1),
                closes_at: now + chrono::Duration::days(30),
                visibility,
                created_by: secretariat,
            },
        )
        .expect("a round")
    };
    let restricted = open(RESTRICTED_ROUND, RoundVisibility::Delegations);
    let public = open("Matrix public round", RoundVisibility::Public);
    let amendment = amendments::table_amendment(
        conn,
        &amendments::NewAmendment {
            round_id: public.id,
            node_key: &node,
            kind: AmendmentKind::Insert,
            words: "",
            new_text: "and more",
            justification: "Matrix justification",
            delegation_id: delegation,
            on_behalf_of: None,
            tabled_by: secretariat,
        },
    )
    .expect("an amendment");
    vec![
        ("delegation".into(), delegation.to_string()),
        ("state_group".into(), group.to_string()),
        ("round_restricted".into(), restricted.number.to_string()),
        ("round_public".into(), public.number.to_string()),
        ("amendment".into(), amendment.number.to_string()),
        ("round_node".into(), node),
    ]
}

/// A public consultation still to come, open for registration, with the rapporteur of group 1
/// registered (whom the secretariat's rows check in): its id and theirs.
fn open_event(conn: &mut DbConnection, process: i64) -> (i64, i64) {
    use concord::domain::attendance::RegistrationStatus;
    use concord::domain::events::EventKind;
    use concord::store::events::{EventDraft, create_event};
    let starts = chrono::Utc::now().naive_utc() + chrono::Duration::days(400);
    let draft = EventDraft {
        kind: EventKind::RegionalConsultation,
        title: "Matrix consultation still to come".into(),
        description: String::new(),
        place: "Bangkok".into(),
        online: false,
        time_zone: "Asia/Bangkok".into(),
        starts_at: starts,
        ends_at: starts + chrono::Duration::hours(8),
        phase: None,
        group_id: None,
        theme_id: None,
        public: true,
        capacity: Some(50),
        sessions: Vec::new(),
        documents: Vec::new(),
    };
    let event = create_event(conn, process, &draft).expect("an event");
    let rapporteur = account_id(conn, "rapporteur@demo.concord.example");
    concord::store::attendance::insert(
        conn,
        event,
        rapporteur,
        RegistrationStatus::Registered,
        true,
        None,
    )
    .expect("a registration");
    (event, rapporteur)
}

fn look_up(conn: &mut DbConnection) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = Vec::new();
    let mut set = |name: &str, value: String| v.push((name.to_string(), value));
    let owner = account_id(conn, "stakeholder@demo.concord.example");
    let other = account_id(conn, "stakeholder2@demo.concord.example");
    let process = process_id(conn);

    // The stocktaking meeting, the event the rows read and edit.
    let event: i64 = events::table
        .filter(events::process_id.eq(process))
        .filter(events::kind.eq("plenary"))
        .select(events::id)
        .first(conn)
        .expect("the demo's stocktaking meeting");
    set("event", event.to_string());
    let (open, registered) = open_event(conn, process);
    set("event_open", open.to_string());
    set("registered", registered.to_string());

    // Contributions.
    let submitted: Vec<(i64, Option<String>, i64)> = contributions::table
        .filter(contributions::process_id.eq(process))
        .filter(contributions::status.eq("submitted"))
        .order(contributions::id)
        .select((
            contributions::id,
            contributions::reference,
            contributions::author_id,
        ))
        .load(conn)
        .expect("contributions");
    let (own_id, own_ref, _) = submitted
        .iter()
        .find(|c| c.2 == owner)
        .cloned()
        .expect("a contribution of the owner");
    set("wc_own", slug_of(own_ref.as_deref().unwrap_or_default()));
    set("wc_own_id", own_id.to_string());
    let hidden: Option<String> = contributions::table
        .filter(contributions::process_id.eq(process))
        .filter(contributions::status.eq("hidden"))
        .select(contributions::reference)
        .first(conn)
        .expect("a hidden contribution");
    set("wc_hidden", slug_of(hidden.as_deref().unwrap_or_default()));
    let (file_link, file_contribution): (i64, i64) = contribution_attachments::table
        .inner_join(contributions::table)
        .filter(contributions::status.eq("submitted"))
        .filter(contributions::process_id.eq(process))
        .select((
            contribution_attachments::id,
            contribution_attachments::contribution_id,
        ))
        .first(conn)
        .expect("a submitted contribution with a file");
    let file_ref = submitted
        .iter()
        .find(|c| c.0 == file_contribution)
        .and_then(|c| c.1.clone())
        .expect("its reference");
    set("wc_file_ref", slug_of(&file_ref));
    set("wc_file", file_link.to_string());
    let others: Vec<String> = submitted
        .iter()
        .filter(|c| c.2 != owner && c.2 != other && c.0 != file_contribution)
        .filter_map(|c| c.1.as_deref().map(slug_of))
        .collect();
    set("wc_hide@moderator", others[0].clone());
    set("wc_hide@secretariat", others[1].clone());
    set("wc_hide", others[2].clone());
    set("wc_other", others[3].clone());
    let (draft, draft_file): (i64, i64) = contribution_attachments::table
        .inner_join(contributions::table)
        .filter(contributions::status.eq("draft"))
        .filter(contributions::author_id.eq(owner))
        .select((
            contribution_attachments::contribution_id,
            contribution_attachments::id,
        ))
        .first(conn)
        .expect("the owner's draft with its file");
    set("wc_draft", draft.to_string());
    set("wc_draft_file", draft_file.to_string());

    // Proposals.
    let own_draft: i64 = proposals::table
        .filter(proposals::author_id.eq(owner))
        .filter(proposals::status.eq("draft"))
        .order(proposals::id)
        .select(proposals::id)
        .first(conn)
        .expect("the owner's proposal draft");
    set("cp_own_draft", own_draft.to_string());
    let accepted = proposals_in(conn, 1, "accepted");
    let public = accepted
        .iter()
        .find(|p| p.3 != owner)
        .expect("an accepted proposal of group 1");
    set("cp_pub", slug_of(public.1.as_deref().unwrap_or_default()));
    let accepted2 = proposals_in(conn, 2, "accepted");
    set(
        "cp_g2",
        slug_of(accepted2[0].1.as_deref().unwrap_or_default()),
    );
    // Accepted versions, as a report's "add these" form names them.
    let g1_version = version_id(conn, public.0, public.2);
    set("g1_accepted_version", g1_version.to_string());
    let g2_version = version_id(conn, accepted2[0].0, accepted2[0].2);
    set("g2_accepted_version", g2_version.to_string());
    let waiting = proposals_in(conn, 1, "submitted");
    let own_submitted = waiting
        .iter()
        .find(|p| p.3 == owner)
        .expect("the owner's submitted proposal");
    set(
        "cp_own_submitted",
        slug_of(own_submitted.1.as_deref().unwrap_or_default()),
    );
    let other_submitted = waiting
        .iter()
        .find(|p| p.3 == other)
        .expect("another's submitted proposal");
    let organisation: i64 = accounts::table
        .find(owner)
        .select(accounts::organisation_id)
        .first::<Option<i64>>(conn)
        .expect("the owner")
        .expect("an organisation");
    let invited: i64 = co_sponsorships::table
        .filter(co_sponsorships::organisation_id.eq(organisation))
        .filter(co_sponsorships::status.eq("invited"))
        .select(co_sponsorships::proposal_id)
        .first(conn)
        .expect("an invitation to the owner's organisation");
    let invited_ref = waiting
        .iter()
        .find(|p| p.0 == invited)
        .expect("the invitation's proposal awaits a decision in group 1");
    set(
        "cp_invited",
        slug_of(invited_ref.1.as_deref().unwrap_or_default()),
    );
    let third = waiting
        .iter()
        .find(|p| p.3 != owner && p.3 != other && p.0 != invited)
        .expect("a third proposal awaiting a decision");
    set(
        "cp_decide@rapporteur",
        slug_of(third.1.as_deref().unwrap_or_default()),
    );
    set("cp_decide_version@rapporteur", third.2.to_string());
    set(
        "cp_decide@secretariat",
        slug_of(other_submitted.1.as_deref().unwrap_or_default()),
    );
    set(
        "cp_decide_version@secretariat",
        other_submitted.2.to_string(),
    );
    set("cp_decide", slug_of(third.1.as_deref().unwrap_or_default()));
    set("cp_decide_version", third.2.to_string());
    let other_org: String = accounts::table
        .inner_join(organisations::table)
        .filter(accounts::id.eq(other))
        .select(organisations::name)
        .first(conn)
        .expect("the other stakeholder's organisation");
    set("other_org", other_org);

    // Documents: paragraphs to edit, move and link; spare ones to delete; links to remove.
    let draft_paragraphs = paragraphs(conn, "draft");
    set("draft_node", draft_paragraphs[0].0.clone());
    for (i, who) in ["cofacilitator", "secretariat"].iter().enumerate() {
        let (key, version, text) = &draft_paragraphs[i + 1];
        set(&format!("draft_edit@{who}"), key.clone());
        set(&format!("draft_version@{who}"), version.to_string());
        set(&format!("draft_text@{who}"), text.clone());
    }
    let (key, version, text) = &draft_paragraphs[3];
    set("draft_edit", key.clone());
    set("draft_version", version.to_string());
    set("draft_text", text.clone());
    let report_paragraphs = paragraphs(conn, "group-1-report");
    set("g1_node", report_paragraphs[0].0.clone());
    for (i, who) in ["rapporteur", "secretariat"].iter().enumerate() {
        let (key, version, text) = &report_paragraphs[i + 1];
        set(&format!("g1_edit@{who}"), key.clone());
        set(&format!("g1_version@{who}"), version.to_string());
        set(&format!("g1_text@{who}"), text.clone());
    }
    let (key, version, text) = &report_paragraphs[3];
    set("g1_edit", key.clone());
    set("g1_version", version.to_string());
    set("g1_text", text.clone());
    set("g2_node", paragraphs(conn, "group-2-report")[0].0.clone());
    set(
        "summary_node",
        paragraphs(conn, "chairs-summary")[0].0.clone(),
    );
    let draft_document = document_id(conn, "draft");
    for (name, slug) in [("draft", "draft"), ("g1", "group-1-report")] {
        let document = document_id(conn, slug);
        let published: Vec<String> = revisions::table
            .filter(revisions::document_id.eq(document))
            .order(revisions::number)
            .select(revisions::slug)
            .load(conn)
            .expect("revisions");
        assert!(!published.is_empty(), "{slug} has a published revision");
        set(&format!("{name}_first"), published[0].clone());
        set(
            &format!("{name}_last"),
            published[published.len() - 1].clone(),
        );
    }
    let spares: Vec<(String, String)> = document_nodes::table
        .filter(document_nodes::document_id.eq(draft_document))
        .filter(document_nodes::text.like("Matrix spare for %"))
        .select((document_nodes::text, document_nodes::node_key))
        .load(conn)
        .expect("the spare paragraphs");
    for (text, key) in spares {
        let who = text.trim_start_matches("Matrix spare for ");
        set(&format!("spare@{who}"), key.clone());
        if who == "anonymous" {
            set("spare", key);
        }
    }
    let links: Vec<(i64, String)> = provenance_links::table
        .filter(provenance_links::document_id.eq(draft_document))
        .order(provenance_links::id)
        .select((provenance_links::id, provenance_links::node_key))
        .load(conn)
        .expect("links");
    for (i, name) in ["@cofacilitator", "@secretariat", ""].iter().enumerate() {
        set(&format!("link{name}"), links[i].0.to_string());
        set(&format!("link_node{name}"), links[i].1.clone());
    }

    // Role assignments of people outside the matrix, for the row that removes them.
    for (name, email) in [
        ("assignment@secretariat", "moderator4@demo.concord.example"),
        ("assignment@admin", "moderator5@demo.concord.example"),
        ("assignment", "moderator6@demo.concord.example"),
    ] {
        let account = account_id(conn, email);
        let id: i64 = role_assignments::table
            .filter(role_assignments::account_id.eq(account))
            .filter(role_assignments::process_id.eq(process))
            .select(role_assignments::id)
            .first(conn)
            .expect("an assignment");
        set(name, id.to_string());
    }
    set(
        "assign_email@secretariat",
        "moderator3@demo.concord.example".to_string(),
    );
    set(
        "assign_email@admin",
        "moderator2@demo.concord.example".to_string(),
    );
    set(
        "assign_email",
        "cofacilitator2@demo.concord.example".to_string(),
    );
    set(
        "account_target",
        account_id(conn, "rapporteur6@demo.concord.example").to_string(),
    );
    v
}

/// Every row of the tables whose change a refused request must not make, as text.
pub fn fingerprint(conn: &mut DbConnection) -> Vec<String> {
    let mut out = Vec::new();
    macro_rules! count {
        ($($table:ident),*) => {
            $(
                let n: i64 = $table::table.count().get_result(conn).expect("a count");
                out.push(format!("{} {n}", stringify!($table)));
            )*
        };
    }
    count!(
        organisations,
        accounts,
        processes,
        phases,
        action_groups,
        themes,
        role_assignments,
        accreditation_requests,
        audit_log,
        late_permissions,
        contributions,
        attachments,
        contribution_attachments,
        proposals,
        proposal_versions,
        co_sponsorships,
        proposal_decisions,
        review_notes,
        notification_settings,
        notifications,
        documents,
        document_nodes,
        provenance_links,
        revisions,
        events,
        event_sessions,
        event_documents,
        event_registrations,
        event_speakers,
        session_statements
    );
    let rows: Vec<(i64, String, String, String)> = contributions::table
        .order(contributions::id)
        .select((
            contributions::id,
            contributions::status,
            contributions::title,
            contributions::body,
        ))
        .load(conn)
        .expect("contributions");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, String, i32)> = proposals::table
        .order(proposals::id)
        .select((proposals::id, proposals::status, proposals::current_version))
        .load(conn)
        .expect("proposals");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, String)> = co_sponsorships::table
        .order(co_sponsorships::id)
        .select((co_sponsorships::id, co_sponsorships::status))
        .load(conn)
        .expect("co-sponsorships");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, bool, bool, String, Option<String>)> = accounts::table
        .order(accounts::id)
        .select((
            accounts::id,
            accounts::disabled,
            accounts::is_admin,
            accounts::password_hash,
            accounts::language,
        ))
        .load(conn)
        .expect("accounts");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, String, bool, Option<chrono::NaiveDateTime>)> = event_registrations::table
        .order(event_registrations::id)
        .select((
            event_registrations::id,
            event_registrations::status,
            event_registrations::listed,
            event_registrations::attended_at,
        ))
        .load(conn)
        .expect("registrations");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, String, String, String, bool)> = events::table
        .order(events::id)
        .select((
            events::id,
            events::title,
            events::place,
            events::time_zone,
            events::public,
        ))
        .load(conn)
        .expect("events");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, String, String, bool)> = processes::table
        .order(processes::id)
        .select((
            processes::id,
            processes::title,
            processes::description,
            processes::accredit_on_registration,
        ))
        .load(conn)
        .expect("processes");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, i32, i32, String)> = document_nodes::table
        .order(document_nodes::id)
        .select((
            document_nodes::id,
            document_nodes::position,
            document_nodes::version,
            document_nodes::text,
        ))
        .load(conn)
        .expect("nodes");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, String)> = documents::table
        .order(documents::id)
        .select((documents::id, documents::title))
        .load(conn)
        .expect("documents");
    out.push(format!("{rows:?}"));
    out.extend(delegations::negotiation_fingerprint(conn));
    out
}

/// What differs between two fingerprints, shortly.
pub fn changes(before: &[String], after: &[String]) -> Vec<String> {
    before
        .iter()
        .zip(after)
        .filter(|(b, a)| b != a)
        .map(|(b, a)| {
            let cut = |s: &str| s.chars().take(120).collect::<String>();
            if b.len() < 60 {
                format!("{b} -> {a}")
            } else {
                let at = b
                    .char_indices()
                    .zip(a.chars())
                    .find(|((_, x), y)| x != y)
                    .map(|((i, _), _)| i.saturating_sub(40))
                    .unwrap_or(0);
                format!("…{} -> …{}", cut(&b[at..]), cut(a.get(at..).unwrap_or("")))
            }
        })
        .collect()
}

/// The security headers every response must carry; what is missing, if anything.
pub fn missing_headers(response: &Response) -> Vec<&'static str> {
    let headers = response.headers();
    let get = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    };
    let mut missing = Vec::new();
    let csp = get("content-security-policy");
    if csp.is_empty() {
        missing.push("Content-Security-Policy");
    }
    if !csp.contains("frame-ancestors 'none'") && get("x-frame-options") != "DENY" {
        missing.push("frame-ancestors / X-Frame-Options");
    }
    if get("x-frame-options") != "DENY" {
        missing.push("X-Frame-Options: DENY");
    }
    if get("x-content-type-options") != "nosniff" {
        missing.push("X-Content-Type-Options: nosniff");
    }
    if get("referrer-policy").is_empty() {
        missing.push("Referrer-Policy");
    }
    missing
}
