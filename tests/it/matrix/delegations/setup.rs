//! What the delegations' table needs beyond the matrix's fixture, which already made
//! Matrixland (a delegation of no one's), an open public round with its amendment and an open
//! restricted round: the demo's delegates (Morocco, in the African Group; Switzerland, in no
//! group), a delegate for Nigeria (the African Group's other member), an observer delegation
//! with a delegate, a round not yet open, amendments of each in the public round, and another
//! process with a round, a delegation, a group and an amendment of its own. They join the
//! fixture's values as placeholders.

use chrono::{Duration, Utc};
use concord::db::DbConnection;
use concord::db::schema::processes;
use concord::domain::documents::{DocumentKind, Node, NodeKind};
use concord::domain::negotiation::{AmendmentKind, DelegationCategory, RoundVisibility};
use concord::store::documents::{
    NewDocument, create_document, document_by_slug, latest_revision, publish,
};
use concord::store::negotiation::amendments::{NewAmendment, table_amendment};
use concord::store::negotiation::delegations as deleg;
use concord::store::negotiation::rounds::{NewRound, create_round, round_by_number};
use diesel::prelude::*;
use reqwest::StatusCode;

use super::Speaker;
use crate::helpers::{Browser, csrf_of, with_db};
use crate::matrix::{DEMO_PASSWORD, Fixture, Who, account_id};

/// The accounts made for the table (the demo has no delegate of Nigeria nor an observer).
const NIGERIA: &str = "delegate.nigeria@example.org";
const OBSERVER: &str = "delegate.observer@example.org";

/// The delegates' browsers and their CSRF tokens.
pub(super) struct Delegates {
    pub(super) browsers: Vec<(Speaker, Browser, String)>,
}

/// Signs the delegates in and adds the table's values to the fixture.
pub(super) async fn prepare(fixture: &mut Fixture) -> Delegates {
    let mut browsers = Vec::new();
    for (speaker, email) in [
        (Speaker::Morocco, "delegate.morocco@demo.concord.example"),
        (
            Speaker::Switzerland,
            "delegate.switzerland@demo.concord.example",
        ),
    ] {
        let browser = fixture.app.new_browser();
        let response = browser.login(email, DEMO_PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{email} signs in");
        browsers.push((speaker, browser));
    }
    for (speaker, email, name) in [
        (Speaker::Nigeria, NIGERIA, "Ngozi Delegate"),
        (Speaker::Observer, OBSERVER, "Olga Observer"),
    ] {
        let browser = fixture
            .app
            .participant(email, name, "A permanent mission", "member-state")
            .await;
        browsers.push((speaker, browser));
    }
    let mut delegates = Delegates {
        browsers: Vec::new(),
    };
    for (speaker, browser) in browsers {
        let (_, page) = browser.get_text("/login").await;
        let token = csrf_of(&page);
        delegates.browsers.push((speaker, browser, token));
    }
    let response = fixture
        .app
        .create_process(fixture.browser(Who::Administrator), "other")
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the other process"
    );
    let node = fixture.resolve("{round_node}", Who::Anonymous);
    let public: i32 = fixture
        .resolve("{round_public}", Who::Anonymous)
        .parse()
        .expect("a number");
    let found = with_db(&fixture.app, move |conn| make(conn, &node, public)).await;
    for (name, value) in found {
        let old = fixture.values.insert(name.clone(), value);
        assert!(old.is_none(), "{name} is the matrix's already");
    }
    delegates
}

fn process(conn: &mut DbConnection, slug: &str) -> i64 {
    processes::table
        .filter(processes::slug.eq(slug))
        .select(processes::id)
        .first(conn)
        .expect("a process")
}

fn delegation(conn: &mut DbConnection, process: i64, name: &str) -> i64 {
    deleg::delegations_of_process(conn, process)
        .expect("delegations")
        .into_iter()
        .find(|d| d.name == name)
        .map(|d| d.id)
        .expect("a delegation")
}

fn group(conn: &mut DbConnection, process: i64, short: &str) -> i64 {
    deleg::groups_of_process(conn, process)
        .expect("groups")
        .into_iter()
        .find(|g| g.short_name == short)
        .map(|g| g.id)
        .expect("a group")
}

/// An amendment inserting words at the end of `node`, as `by` tabled it; its number.
fn amendment(
    conn: &mut DbConnection,
    round: i64,
    node: &str,
    by: (i64, Option<i64>, i64),
    justification: &str,
) -> String {
    let (delegation_id, on_behalf_of, tabled_by) = by;
    table_amendment(
        conn,
        &NewAmendment {
            round_id: round,
            node_key: node,
            kind: AmendmentKind::Insert,
            words: "",
            new_text: "and then some",
            justification,
            delegation_id,
            on_behalf_of,
            tabled_by,
        },
    )
    .expect("an amendment")
    .number
    .to_string()
}

fn make(conn: &mut DbConnection, node: &str, public: i32) -> Vec<(String, String)> {
    let gcm = process(conn, "gcm");
    let secretariat = account_id(conn, "secretariat@demo.concord.example");
    let morocco = delegation(conn, gcm, "Morocco");
    let switzerland = delegation(conn, gcm, "Switzerland");
    let nigeria = delegation(conn, gcm, "Nigeria");
    let (ag, eu) = (group(conn, gcm, "AG"), group(conn, gcm, "EU"));
    let morocco_account = account_id(conn, "delegate.morocco@demo.concord.example");
    let swiss_account = account_id(conn, "delegate.switzerland@demo.concord.example");
    let nigeria_account = account_id(conn, NIGERIA);
    assert!(deleg::add_member(conn, nigeria, nigeria_account).expect("a member"));
    let observer =
        deleg::create_delegation(conn, gcm, "Matrix Observer", DelegationCategory::Observer)
            .expect("an observer");
    let observer_account = account_id(conn, OBSERVER);
    assert!(deleg::add_member(conn, observer, observer_account).expect("a member"));
    deleg::set_observers_may_propose(conn, gcm, false).expect("observers refused");

    let public = round_by_number(conn, gcm, public)
        .expect("a query")
        .expect("the public round");
    let now = Utc::now().naive_utc();
    let upcoming = create_round(
        conn,
        &NewRound {
            process_id: gcm,
            revision_id: public.revision_id,
            title: "Matrix upcoming round",
            opens_at: now + Duration::days(1),
            closes_at: now + Duration::days(30),
            visibility: RoundVisibility::Public,
            created_by: secretariat,
        },
    )
    .expect("a round");
    let upcoming_swiss = amendment(
        conn,
        upcoming.id,
        node,
        (switzerland, None, swiss_account),
        "Matrix early amendment",
    );
    let own = amendment(
        conn,
        public.id,
        node,
        (morocco, None, morocco_account),
        "Matrix amendment of Morocco",
    );
    let swiss = amendment(
        conn,
        public.id,
        node,
        (switzerland, None, swiss_account),
        "Matrix amendment of Switzerland",
    );
    let of_ag = amendment(
        conn,
        public.id,
        node,
        (morocco, Some(ag), morocco_account),
        "Matrix amendment of the African Group",
    );
    let of_ag_too = amendment(
        conn,
        public.id,
        node,
        (morocco, Some(ag), morocco_account),
        "Matrix second amendment of the African Group",
    );
    let mut values = vec![
        ("morocco", morocco.to_string()),
        ("switzerland", switzerland.to_string()),
        ("nigeria", nigeria.to_string()),
        ("observer", observer.to_string()),
        ("ag", ag.to_string()),
        ("eu", eu.to_string()),
        ("upcoming", upcoming.number.to_string()),
        ("upcoming_swiss", upcoming_swiss),
        ("own", own),
        ("swiss", swiss),
        ("of_ag", of_ag),
        ("of_ag_too", of_ag_too),
        ("report_node", node_of(conn, gcm, "group-1-report")),
    ];
    values.extend(other_process(conn, secretariat));
    values
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

/// The first paragraph of one of the process's documents.
fn node_of(conn: &mut DbConnection, process: i64, slug: &str) -> String {
    use concord::db::schema::{document_nodes, documents};
    document_nodes::table
        .inner_join(documents::table)
        .filter(documents::process_id.eq(process))
        .filter(documents::slug.eq(slug))
        .order(document_nodes::position)
        .select(document_nodes::node_key)
        .first(conn)
        .expect("a paragraph")
}

/// A published draft of the other process, an open public and an open restricted round on
/// it, a delegation and a group of its own, and an amendment the delegation tabled.
fn other_process(conn: &mut DbConnection, by: i64) -> Vec<(&'static str, String)> {
    let other = process(conn, "other");
    let nodes = vec![Node {
        key: "other-p1".into(),
        kind: NodeKind::Paragraph,
        text: "A paragraph of another process.".into(),
        provenance: vec![],
        status: Default::default(),
    }];
    create_document(
        conn,
        &NewDocument {
            process_id: other,
            slug: "draft",
            kind: DocumentKind::Draft,
            group_id: None,
            title: "Another draft",
            symbol: "",
            language: "en",
        },
        &nodes,
        None,
    )
    .expect("a document");
    let document = document_by_slug(conn, other, "draft")
        .expect("a query")
        .expect("the draft");
    publish(conn, &document, "Other zero", "other-zero", by).expect("published");
    let revision = latest_revision(conn, document.id)
        .expect("a query")
        .expect("a revision");
    let now = Utc::now().naive_utc();
    let mut open = |title: &str, visibility| {
        create_round(
            conn,
            &NewRound {
                process_id: other,
                revision_id: revision.id,
                title,
                opens_at: now - Duration::hours(1),
                closes_at: now + Duration::days(30),
                visibility,
                created_by: by,
            },
        )
        .expect("a round")
    };
    let round = open("Another round", RoundVisibility::Public);
    let restricted = open("Another restricted round", RoundVisibility::Delegations);
    let otherland =
        deleg::create_delegation(conn, other, "Otherland", DelegationCategory::MemberState)
            .expect("a delegation");
    let other_group = deleg::create_group(conn, other, "Other group", "OG").expect("a group");
    let tabled = amendment(
        conn,
        round.id,
        "other-p1",
        (otherland, None, by),
        "Matrix amendment elsewhere",
    );
    vec![
        ("other_round", round.number.to_string()),
        ("other_restricted", restricted.number.to_string()),
        ("other_amendment", tabled),
        ("otherland", otherland.to_string()),
        ("other_group", other_group.to_string()),
        ("other_node", "other-p1".to_string()),
    ]
}
