//! The negotiation of a draft, through the pages, in a fresh instance (not the demo): the
//! secretariat adds two delegations and a group of States and lets delegates act for them; the
//! co-facilitator opens a round on the published zero draft; Mexico's delegate tables an
//! amendment, and Switzerland's joins it on behalf of the group; the co-facilitator reads the
//! compilation text, accepts the amendment as an alternative in brackets, marks another
//! paragraph agreed ad referendum, publishes Rev.1 and compares it with the zero draft (the
//! bracket comes in, the status moves).
//!
//! What a person would not do in a browser here is seeded: the accounts (registering is
//! another journey's), the staff's roles, and the zero draft with its three nodes, published.
//! Every page reached is checked by axe-core and, at the end, by the Nu HTML checker.

use concord::domain::documents::{DocumentKind, Node, NodeKind};

use super::browser;
use super::journeys::{Journey, Person, Step};
use crate::helpers::{Backend, TestApp, spawn_app, with_db};

const SECRETARIAT: Person = Person {
    email: "samuel@un.example.org",
    name: "Samuel Okafor",
    organisation: "United Nations Secretariat",
    category: "un-system",
};
const CO_FACILITATOR: Person = Person {
    email: "juan@sre.example.mx",
    name: "Juan José Gómez",
    organisation: "Permanent Mission of Mexico",
    category: "member-state",
};
const MEXICO: Person = Person {
    email: "maria@sre.example.mx",
    name: "María Fernández",
    organisation: "Permanent Mission of Mexico",
    category: "member-state",
};
const SWITZERLAND: Person = Person {
    email: "lukas@eda.example.ch",
    name: "Lukas Meier",
    organisation: "Permanent Mission of Switzerland",
    category: "member-state",
};

const GROUP: &str = "Group of Friends of Migration";
const ROUND: &str = "First reading of the zero draft";
const PARAGRAPH_1: &str = "Collect and utilize accurate data.";
const PARAGRAPH_2: &str = "Minimize adverse drivers.";

#[tokio::test]
async fn a_delegation_amends_the_zero_draft_and_rev_1_brackets_it() {
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    let Some((client, _driver)) = browser().await else {
        return;
    };
    seed(&app).await;
    let mut journey = Journey::new(&client, &app.address);
    let started = std::time::Instant::now();
    let outcome = story(&mut journey).await;
    journey.finish(outcome, "negotiation", started).await;
}

/// The process `gcm`, its secretariat and co-facilitator, two delegates' accounts, and the
/// draft's zero draft, published.
async fn seed(app: &TestApp) {
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "gcm").await;
    for person in [&SECRETARIAT, &CO_FACILITATOR, &MEXICO, &SWITZERLAND] {
        app.participant(
            person.email,
            person.name,
            person.organisation,
            person.category,
        )
        .await;
    }
    app.assign_role(&admin, "gcm", SECRETARIAT.email, "secretariat", "")
        .await;
    app.assign_role(&admin, "gcm", CO_FACILITATOR.email, "co-facilitator", "")
        .await;
    with_db(app, |conn| {
        use concord::store::documents::{NewDocument, create_document, document_by_slug, publish};
        use diesel::prelude::*;
        let process: i64 = {
            use concord::db::schema::processes::dsl::*;
            processes.select(id).first(conn).expect("a process")
        };
        let node = |key: &str, kind, text: &str| Node {
            key: key.into(),
            kind,
            text: text.into(),
            provenance: vec![],
            status: Default::default(),
        };
        let nodes = vec![
            node("h1", NodeKind::Heading, "Objectives"),
            node("p1", NodeKind::Paragraph, PARAGRAPH_1),
            node("p2", NodeKind::Paragraph, PARAGRAPH_2),
        ];
        let new = NewDocument {
            process_id: process,
            slug: "draft",
            kind: DocumentKind::Draft,
            group_id: None,
            title: "Global Compact",
            symbol: "",
            language: "en",
        };
        create_document(conn, &new, &nodes, None).expect("a document");
        let document = document_by_slug(conn, process, "draft")
            .expect("a query")
            .expect("the draft");
        publish(conn, &document, "Zero draft", "zero-draft", 1).expect("published");
    })
    .await;
}

async fn story(j: &mut Journey) -> Step {
    j.open("/", "the home page").await?;
    secretariat_sets_up_the_delegations(j).await?;
    co_facilitator_opens_a_round(j).await?;
    mexico_tables_an_amendment(j).await?;
    switzerland_joins_for_the_group(j).await?;
    co_facilitator_compiles_and_brackets(j).await?;
    co_facilitator_publishes_rev_1_and_compares(j).await
}

/// From the home page (signed in) to the process's negotiation rounds.
async fn open_the_rounds(j: &mut Journey) -> Step {
    j.follow("Processes", "the list of processes").await?;
    j.follow("Compact on Testing", "the process page").await?;
    j.follow("Negotiation rounds", "the negotiation rounds")
        .await
}

async fn secretariat_sets_up_the_delegations(j: &mut Journey) -> Step {
    j.sign_in(&SECRETARIAT).await?;
    open_the_rounds(j).await?;
    j.follow(
        "Delegations and groups of States",
        "the delegations, none yet",
    )
    .await?;
    j.sees(&["No delegation has been added yet."]).await?;
    for name in ["Mexico", "Switzerland"] {
        j.fill("Name of the State or observer", name).await?;
        j.choose("Status", "Member State").await?;
        j.press("Add the delegation", "the delegations, one added")
            .await?;
        j.notice("The delegation has been added.").await?;
    }
    let delegates = "//form[@action='/p/gcm/negotiation/members']";
    for (delegation, person) in [("Mexico", &MEXICO), ("Switzerland", &SWITZERLAND)] {
        j.choose_in(delegates, "Delegation", delegation).await?;
        j.fill("Email address of the delegate", person.email)
            .await?;
        j.press(
            "Let this person act for the delegation",
            "the delegations, a delegate added",
        )
        .await?;
        j.notice("The person may now act for the delegation.")
            .await?;
        j.sees(&[person.name]).await?;
    }
    j.fill("Name of the group", GROUP).await?;
    j.fill("Short name, such as G77", "GFM").await?;
    j.press("Add the group", "the delegations, a group added")
        .await?;
    j.notice("The group has been added.").await?;
    let members = "//form[@action='/p/gcm/negotiation/group-members']";
    for delegation in ["Mexico", "Switzerland"] {
        j.choose_in(members, "Group", GROUP).await?;
        j.choose_in(members, "Delegation", delegation).await?;
        j.press(
            "Add the delegation to the group",
            "the delegations, a member of the group added",
        )
        .await?;
        j.notice("The delegation has been added to the group.")
            .await?;
    }
    j.sees(&[&format!("{GROUP} (GFM): Mexico, Switzerland")])
        .await?;
    j.sign_out().await
}

async fn co_facilitator_opens_a_round(j: &mut Journey) -> Step {
    j.sign_in(&CO_FACILITATOR).await?;
    open_the_rounds(j).await?;
    j.sees(&["No round is open to you yet."]).await?;
    let form = "//section[@aria-labelledby='open-heading']";
    j.choose(
        "Published revision negotiated",
        "Global Compact: Zero draft",
    )
    .await?;
    j.fill("Title of the round", ROUND).await?;
    j.fill_date_time_in(form, "Opens", "2020-01-06T10:00")
        .await?;
    j.fill_date_time_in(form, "Closes", "2099-07-13T18:00")
        .await?;
    j.press_in(form, "Open a round", "the round, just opened")
        .await?;
    j.notice("The round has been opened.").await?;
    j.sees(&[ROUND, "Global Compact: Zero draft", PARAGRAPH_1])
        .await?;
    j.sign_out().await
}

/// From the home page (signed in) to the round's page.
async fn open_the_round(j: &mut Journey, what: &str) -> Step {
    open_the_rounds(j).await?;
    j.follow(ROUND, what).await
}

async fn mexico_tables_an_amendment(j: &mut Journey) -> Step {
    j.sign_in(&MEXICO).await?;
    open_the_round(j, "the round, as Mexico's delegate").await?;
    let form = "//section[@aria-labelledby='table-heading']";
    j.choose_in(form, "Delegation", "Mexico").await?;
    j.choose_in(form, "on behalf of", "The delegation alone")
        .await?;
    j.choose_in(form, "Paragraph", "1").await?;
    j.choose_in(form, "Change", "Replace words").await?;
    j.fill_in(form, "Words concerned", "accurate").await?;
    j.fill_in(form, "New words", "reliable").await?;
    j.fill_in(
        form,
        "Justification",
        "Data must be reliable to be of use to policy.",
    )
    .await?;
    j.press_in(form, "Table an amendment", "the round, an amendment tabled")
        .await?;
    j.notice("Your amendment has been tabled.").await?;
    let amendment = j.text_of("#amendment-1").await?;
    if !amendment.contains("Amendment 1") || !amendment.contains("[Mexico]") {
        return Err(format!("the round shows the amendment as {amendment:?}"));
    }
    j.sign_out().await
}

async fn switzerland_joins_for_the_group(j: &mut Journey) -> Step {
    j.sign_in(&SWITZERLAND).await?;
    open_the_round(j, "the round, as Switzerland's delegate").await?;
    let amendment = "//article[@id='amendment-1']";
    j.choose_in(amendment, "Delegation", "Switzerland").await?;
    j.choose_in(amendment, "on behalf of", GROUP).await?;
    j.press_in(amendment, "Join", "the round, an amendment joined")
        .await?;
    j.notice("Your position has been recorded.").await?;
    // A group is named by its short name beside a delegation.
    j.sees(&["Joined by Switzerland (on behalf of GFM)"])
        .await?;
    j.sign_out().await
}

async fn co_facilitator_compiles_and_brackets(j: &mut Journey) -> Step {
    j.sign_in(&CO_FACILITATOR).await?;
    open_the_round(j, "the round, as the co-facilitator").await?;
    j.follow("Compilation text", "the compilation text").await?;
    let compiled = j.text_of("#amendment-1").await?;
    for part in [
        "Amendment 1:",
        "Collect and utilize",
        "[Mexico]",
        "Joined by Switzerland (on behalf of GFM).",
    ] {
        if !compiled.contains(part) {
            return Err(format!("the compilation shows {compiled:?}, not {part:?}"));
        }
    }
    let added = j.text_of("#amendment-1 ins").await?;
    let removed = j.text_of("#amendment-1 del").await?;
    if added != "reliable" || removed != "accurate" {
        return Err(format!(
            "the compilation adds {added:?} and deletes {removed:?}"
        ));
    }

    j.follow(ROUND, "the round, back from the compilation")
        .await?;
    j.press_in(
        "//article[@id='amendment-1']",
        "Accept as an alternative in brackets",
        "the round, an amendment accepted in brackets",
    )
    .await?;
    j.notice("The amendment has been taken into the working copy.")
        .await?;
    j.sees(&["Accepted as an alternative in brackets"]).await?;
    j.follow(
        "See the paragraph in the working copy",
        "the working copy, at the bracketed paragraph",
    )
    .await?;
    j.sees(&["[accurate] [reliable", "R1 A/1"]).await?;

    // The second paragraph is agreed ad referendum.
    let edit = j
        .find_xpath(
            "//div[contains(concat(' ', @class, ' '), ' node ')][contains(., 'Minimize')]\
             /following-sibling::div[@class='node-tools'][1]\
             /a[starts-with(normalize-space(), 'Edit')]",
            "the edit link of the second paragraph",
        )
        .await?;
    j.click_to_next_page(edit).await?;
    j.check("editing a paragraph of the draft, with its status")
        .await?;
    j.choose("Status in the negotiation", "Agreed ad referendum")
        .await?;
    j.press("Set status", "the working copy, a paragraph agreed ad ref")
        .await?;
    j.sees(&["Agreed ad referendum", "How close to consensus"])
        .await
}

async fn co_facilitator_publishes_rev_1_and_compares(j: &mut Journey) -> Step {
    j.publish("Rev.1", "Rev.1, published").await?;
    let counts: Vec<String> = j
        .text_of("section.consensus dl")
        .await?
        .lines()
        .map(|line| line.trim().to_string())
        .filter(|line| !line.is_empty())
        .collect();
    for (label, figure) in [("Open brackets", "1"), ("Agreed ad referendum", "1")] {
        if !counts
            .windows(2)
            .any(|pair| pair[0] == label && pair[1] == figure)
        {
            return Err(format!("Rev.1 counts {label} {figure}: {counts:?}"));
        }
    }
    j.follow_in(
        "//nav[contains(@class,'document-nav')]",
        "Compare revisions",
        "the comparison",
    )
    .await?;
    j.choose("Earlier", "Zero draft").await?;
    j.choose("Later", "Rev.1").await?;
    j.press("Compare", "Zero draft compared with Rev.1").await?;
    j.sees(&["Zero draft → Rev.1", "1 changed"]).await?;
    // The second paragraph's words stayed; its status moved.
    let agreed = j.text_of(".compare-status").await?;
    if agreed != "Status in the negotiation: Pending → Agreed ad referendum" {
        return Err(format!("the comparison shows the status as {agreed:?}"));
    }
    // The alternative comes in beside the words it would replace, citing the amendment.
    let changed = j.text_of(".compare-changed").await?;
    let added = j.all_text_of(".compare-changed ins").await?;
    // As readers read it: whom the alternative cites in parentheses, never the stored braces.
    if !changed.contains("accurate")
        || !added.contains("reliable (R1 A/1: Mexico")
        || changed.contains('{')
    {
        return Err(format!(
            "the comparison shows {changed:?}, adding {added:?}"
        ));
    }
    j.sign_out().await
}
