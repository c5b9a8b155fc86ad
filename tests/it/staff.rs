//! Who is told what, staff finding their work, and group reports kept current (issue 14), on
//! both backends: co-sponsor invitees chosen from the accredited organisations and notified;
//! rapporteurs told of proposals arriving and coming back; authors told when a moderator hides
//! or shows again their contribution (which is then found and counted exactly as before);
//! co-facilitators told of published reports and summaries; "Your work" on the home and
//! process pages, in a fixed number of queries, and no request for accreditation for staff; a
//! report's missing accepted proposals pulled in at once; the picker on the group's proposals;
//! the summary's warning of unreported groups; a revision after "Final" only when confirmed.

use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, TestApp, csrf_of, location, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    co_sponsor_invitees_are_chosen_from_the_accredited_and_notified,
    rapporteurs_hear_of_proposals_arriving_and_coming_back,
    a_moderator_shows_a_hidden_contribution_again_as_it_was,
    staff_see_their_work_and_are_not_asked_to_be_accredited,
    a_group_report_pulls_in_the_accepted_proposals_it_lacks,
    co_facilitators_hear_of_reports_and_the_summary_warns_of_missing_ones,
    a_revision_after_final_is_refused_unless_confirmed,
);

const SLUG: &str = "gcm";
/// What a search that finds nothing says.
const NONE_FOUND: &str = "No contribution matches.";

/// A process with two groups and the people of these tests.
struct Cast {
    app: TestApp,
    admin: Browser,
    author: Browser,
    rapporteur: Browser,
    rapporteur2: Browser,
    moderator: Browser,
    chair: Browser,
    cofacilitator: Browser,
    secretariat: Browser,
}

async fn staffed(app: &TestApp, admin: &Browser, email: &str, role: &str, group: &str) -> Browser {
    let browser = app
        .participant(
            email,
            email,
            "International Organization for Migration",
            "un-system",
        )
        .await;
    app.assign_role(admin, SLUG, email, role, group).await;
    browser
}

async fn cast(backend: Backend) -> Option<Cast> {
    let app = spawn_app(backend).await?;
    let (admin, author) = app.process_and_author().await;
    let rapporteur = staffed(&app, &admin, "rapporteur@example.org", "rapporteur", "1").await;
    let rapporteur2 = staffed(&app, &admin, "rapporteur2@example.org", "rapporteur", "2").await;
    let moderator = staffed(&app, &admin, "moderator@example.org", "moderator", "1").await;
    let chair = staffed(&app, &admin, "chair@example.org", "chair", "").await;
    let cofacilitator = staffed(&app, &admin, "cofac@example.org", "co-facilitator", "").await;
    let secretariat = staffed(&app, &admin, "sec@example.org", "secretariat", "").await;
    Some(Cast {
        app,
        admin,
        author,
        rapporteur,
        rapporteur2,
        moderator,
        chair,
        cofacilitator,
        secretariat,
    })
}

/// Submits a proposal to `group`; its public path and its reference.
async fn propose(browser: &Browser, title: &str, group: &str) -> (String, String) {
    let page = format!("/p/{SLUG}/proposals/new");
    let fields = [
        ("group", group),
        ("title", title),
        ("commitment", "States commit to portable social protection."),
        ("actionable_measures", "Conclude agreements\nShare data"),
        ("financing", "A fund"),
        ("intent", "submit"),
    ];
    let response = browser.submit(&page, &page, &fields).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{title} submitted"
    );
    let target = location(&response);
    let path = target.split('?').next().unwrap_or_default().to_string();
    let reference = path
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .replace('-', "/");
    (path, reference)
}

/// A decision on version `version` of a proposal of `group`.
async fn decide(
    browser: &Browser,
    group: &str,
    reference: &str,
    version: &str,
    decision: &str,
) -> reqwest::Response {
    let page = format!(
        "/p/{SLUG}/groups/{group}/review/{}",
        reference.replace('/', "-")
    );
    browser
        .submit(
            &page,
            &format!("{page}/decision"),
            &[
                ("version", version),
                ("decision", decision),
                ("rationale", "Decided by the staff tests, with care."),
                ("target", ""),
            ],
        )
        .await
}

/// The notifications page as the browser reads it.
async fn notifications(browser: &Browser) -> String {
    let (status, page) = browser.get_text("/notifications").await;
    assert_eq!(status, StatusCode::OK);
    page
}

/// Submits a contribution; its page.
async fn contribute(browser: &Browser, title: &str, body: &str) -> String {
    let (_, form) = browser.get_text("/p/gcm/contributions/new").await;
    let fields = [("title", title), ("body", body), ("action", "submit")];
    let response = browser
        .send_multipart("/p/gcm/contributions/new", &csrf_of(&form), &fields, vec![])
        .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{title} submitted"
    );
    location(&response)
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The audit log's actions, oldest first.
async fn audit_actions(app: &TestApp) -> Vec<String> {
    with_db(app, |conn| {
        use concord::db::schema::audit_log::dsl::*;
        use diesel::prelude::*;
        audit_log
            .order(id)
            .select(action)
            .load(conn)
            .expect("the audit log")
    })
    .await
}

async fn co_sponsor_invitees_are_chosen_from_the_accredited_and_notified(backend: Backend) {
    let Some(c) = cast(backend).await else {
        return;
    };
    let partner = c
        .app
        .accredited(
            SLUG,
            "partner@example.org",
            "Pia",
            "Diaspora Network",
            "civil-society",
        )
        .await;
    let _unaccredited = c
        .app
        .participant(
            "late@example.org",
            "Lou",
            "Unaccredited Alliance",
            "civil-society",
        )
        .await;
    let (public, _) = propose(&c.author, "Portable pensions", "1").await;

    // The author chooses from the accredited organisations, not their own, in a list.
    let (_, page) = c.author.get_text(&public).await;
    assert!(page.contains("<select id=\"organisation\" name=\"organisation\""));
    assert!(page.contains("<option value=\"Diaspora Network\">Diaspora Network</option>"));
    assert!(!page.contains("<option value=\"Unaccredited Alliance\""));
    assert!(!page.contains("<option value=\"Migrant Forum in Asia\""));
    assert!(!page.contains("<option value=\"International Organization for Migration\""));

    // An organisation not accredited is refused, the choice kept; nothing is written.
    let invitations = format!("{public}/invitations");
    let response = c
        .author
        .submit(
            &public,
            &invitations,
            &[("organisation", "Unaccredited Alliance")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(page.contains("not accredited in this process"));

    let response = c
        .author
        .submit(
            &public,
            &invitations,
            &[("organisation", "Diaspora Network")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = notifications(&partner).await;
    assert!(page.contains("Portable pensions"), "{page}");
    assert!(page.contains("invited to co-sponsor this proposal"));
    assert!(page.contains(&format!("href=\"{public}\"")));
    assert!(
        !notifications(&c.author)
            .await
            .contains("invited to co-sponsor")
    );
    // Invited already: no longer offered.
    let (_, page) = c.author.get_text(&public).await;
    assert!(!page.contains("<option value=\"Diaspora Network\""));
}

async fn rapporteurs_hear_of_proposals_arriving_and_coming_back(backend: Backend) {
    let Some(c) = cast(backend).await else {
        return;
    };
    let (public, reference) = propose(&c.author, "Decent work abroad", "1").await;
    let review = format!("/p/gcm/groups/1/review/{}", reference.replace('/', "-"));
    let page = notifications(&c.rapporteur).await;
    assert!(page.contains("A new proposal in your group awaits your review."));
    assert!(page.contains(&format!("href=\"{review}\"")));
    assert!(page.contains("Decent work abroad"));
    // Another group's rapporteur and the author hear nothing of it.
    assert!(
        !notifications(&c.rapporteur2)
            .await
            .contains("Decent work abroad")
    );
    assert!(
        !notifications(&c.author)
            .await
            .contains("awaits your review")
    );

    let response = decide(&c.rapporteur, "1", &reference, "1", "request-revision").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let id: i64 = {
        let wanted = reference.clone();
        with_db(&c.app, move |conn| {
            use concord::db::schema::proposals;
            use diesel::prelude::*;
            proposals::table
                .filter(proposals::reference.eq(wanted))
                .select(proposals::id)
                .first(conn)
                .expect("the proposal")
        })
        .await
    };
    let edit = format!("/p/gcm/proposals/drafts/{id}");
    let fields = [
        ("group", "1"),
        ("title", "Decent work abroad"),
        (
            "commitment",
            "States commit to portable social protection, by 2030.",
        ),
        ("actionable_measures", "Conclude agreements"),
        ("financing", "A fund"),
        ("base_version", "1"),
        ("intent", "submit"),
    ];
    let response = c.author.submit(&edit, &edit, &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        format!("{public}?notice=proposal-version-submitted")
    );
    let page = notifications(&c.rapporteur).await;
    assert!(page.contains("A new version of this proposal awaits your review."));
}

/// The campaign counts of the process's contributions: each campaign's copies and
/// additions, and each distinct text's copies.
async fn campaign_counts(app: &TestApp) -> (Vec<(i64, i64)>, Vec<i64>, Vec<bool>) {
    with_db(app, |conn| {
        use concord::db::schema::{campaign_texts, campaigns, contributions};
        use diesel::prelude::*;
        let campaigns: Vec<(i64, i64)> = campaigns::table
            .order(campaigns::id)
            .select((campaigns::copies, campaigns::additions))
            .load(conn)
            .expect("campaigns");
        let texts: Vec<i64> = campaign_texts::table
            .order(campaign_texts::contribution_id)
            .select(campaign_texts::copies)
            .load(conn)
            .expect("texts");
        let copies: Vec<bool> = contributions::table
            .order(contributions::id)
            .select(contributions::campaign_copy)
            .load(conn)
            .expect("contributions");
        (campaigns, texts, copies)
    })
    .await
}

async fn a_moderator_shows_a_hidden_contribution_again_as_it_was(backend: Backend) {
    let Some(c) = cast(backend).await else {
        return;
    };
    let letter = "We ask the States to guarantee firewalls between services and immigration enforcement, everywhere and always.";
    let other = c
        .app
        .accredited(
            SLUG,
            "other@example.org",
            "Otto",
            "Another NGO",
            "civil-society",
        )
        .await;
    let first = contribute(&other, "Firewalls", letter).await;
    contribute(&c.author, "Firewalls", letter).await;
    assert_eq!(
        campaign_counts(&c.app).await.0,
        [(2, 0)],
        "one campaign of two copies"
    );
    // A near copy (counted in the campaign) and a text of its own (found by its words).
    let copy = contribute(&c.author, "Firewalls", &format!("{letter} Quokkaberry")).await;
    let own = contribute(
        &c.author,
        "Wombats",
        "A distinct text about wombats in gardens.",
    )
    .await;
    let before = campaign_counts(&c.app).await;
    assert_eq!(
        before.0,
        [(3, 1)],
        "a near copy joins the campaign, with words added"
    );
    let search = "/p/gcm/contributions?q=wombats";
    let (_, found) = c.app.new_browser().get_text(search).await;
    assert!(!found.contains(NONE_FOUND), "found before hiding");

    // Hidden: its author hears why; its words are no longer found; its copy no longer counts.
    let reason = "Repeats a letter already filed";
    for page in [&copy, &own] {
        let response = c
            .moderator
            .submit(page, &format!("{page}/hide"), &[("reason", reason)])
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let told = notifications(&c.author).await;
    assert!(told.contains("A moderator has hidden your contribution."));
    assert!(told.contains(reason));
    assert!(told.contains(&format!("href=\"{own}\"")));
    let (_, found) = c.app.new_browser().get_text(search).await;
    assert!(found.contains(NONE_FOUND), "not found while hidden");
    let hidden = campaign_counts(&c.app).await;
    assert_eq!(hidden.0, [(2, 0)], "counted out of the campaign");
    assert_ne!(hidden, before);

    // Only moderators show it again: not the secretariat, not the author; not what is not hidden.
    let unhide = format!("{copy}/unhide");
    let why = [("reason", "Not a copy: it adds its own words.")];
    for (who, browser) in [("secretariat", &c.secretariat), ("author", &c.author)] {
        let response = browser.submit(&copy, &unhide, &why).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{who}");
    }
    let response = c
        .moderator
        .submit(&first, &format!("{first}/unhide"), &why)
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST, "not hidden");
    let response = c
        .moderator
        .submit(&first, "/p/gcm/contributions/TST-WC-9999/unhide", &why)
        .await;
    assert_eq!(
        response.status(),
        StatusCode::NOT_FOUND,
        "no such contribution"
    );
    // A reason too short: the page again, with what was typed.
    let response = c
        .moderator
        .submit(&copy, &unhide, &[("reason", "ok")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.expect("body");
    assert!(body.contains("Give a reason of 5 to 1,000 characters."));
    assert!(body.contains(">ok</textarea>"));

    for page in [&copy, &own] {
        let response = c
            .moderator
            .submit(page, &format!("{page}/unhide"), &why)
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), format!("{page}?notice=unhidden"));
    }
    assert_eq!(campaign_counts(&c.app).await, before, "counted as before");
    let (_, found) = c.app.new_browser().get_text(search).await;
    assert!(!found.contains(NONE_FOUND), "found again");
    let (_, shown) = c.app.new_browser().get_text(&copy).await;
    assert!(shown.contains("Quokkaberry") && !shown.contains(reason));
    let told = notifications(&c.author).await;
    assert!(told.contains("A moderator has made your contribution public again."));
    assert!(told.contains("Not a copy: it adds its own words."));
    let actions = audit_actions(&c.app).await;
    let unhidden = actions
        .iter()
        .filter(|a| *a == "contribution.unhide")
        .count();
    assert_eq!(unhidden, 2);
}

/// The SQL statements one GET costs, after a first GET.
async fn queries_of(app: &TestApp, browser: &Browser, path: &str) -> u64 {
    let (status, _) = browser.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    let before = app.queries.get();
    let (status, _) = browser.get_text(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    app.queries.get() - before
}

async fn staff_see_their_work_and_are_not_asked_to_be_accredited(backend: Backend) {
    let Some(c) = cast(backend).await else {
        return;
    };
    propose(&c.author, "First of group one", "1").await;
    let hidden = contribute(&c.author, "Off topic", "Words out of place here.").await;
    let response = c
        .moderator
        .submit(
            &hidden,
            &format!("{hidden}/hide"),
            &[("reason", "Off topic here")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let home_queries = queries_of(&c.app, &c.rapporteur, "/").await;
    let process_queries = queries_of(&c.app, &c.rapporteur, "/p/gcm").await;
    propose(&c.author, "Second of group one", "1").await;
    propose(&c.author, "Third of group one", "1").await;
    propose(&c.author, "One of group two", "2").await;

    for path in ["/", "/p/gcm"] {
        let (_, page) = c.rapporteur.get_text(path).await;
        assert!(page.contains("Your work"), "{path}");
        assert!(
            page.contains("<a href=\"/p/gcm/groups/1/review\">3 proposals await your review</a>"),
            "{path}: {page}"
        );
        let (_, page) = c.rapporteur2.get_text(path).await;
        assert!(
            page.contains("<a href=\"/p/gcm/groups/2/review\">One proposal awaits your review</a>")
        );
        let (_, page) = c.moderator.get_text(path).await;
        assert!(page.contains(
            "<a href=\"/p/gcm/contributions?status=hidden\">One hidden contribution</a>"
        ));
        let (_, page) = c.chair.get_text(path).await;
        assert!(page.contains("s summary is not compiled yet."));
        assert!(page.contains("2 groups have no published report yet"));
        let (_, page) = c.cofacilitator.get_text(path).await;
        assert!(page.contains("The draft is not started yet."));
        let (_, page) = c.secretariat.get_text(path).await;
        assert!(page.contains("No accreditation request waits"));
        // Stakeholders and visitors have no such panel.
        let (_, page) = c.author.get_text(path).await;
        assert!(!page.contains("Your work"));
        let (_, page) = c.app.new_browser().get_text(path).await;
        assert!(!page.contains("Your work"));
    }
    // The panel costs the same queries for one proposal and three.
    assert_eq!(queries_of(&c.app, &c.rapporteur, "/").await, home_queries);
    assert_eq!(
        queries_of(&c.app, &c.rapporteur, "/p/gcm").await,
        process_queries
    );

    // Staff are not asked to be accredited, and cannot ask; a newcomer can.
    for staff in [
        &c.rapporteur,
        &c.moderator,
        &c.chair,
        &c.cofacilitator,
        &c.secretariat,
    ] {
        let (_, page) = staff.get_text("/p/gcm").await;
        assert!(!page.contains("Ask to be accredited"));
        let response = staff
            .submit("/p/gcm", "/p/gcm/accreditation", &[("", "")])
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
    }
    let newcomer = c
        .app
        .participant("new@example.org", "Nia", "New NGO", "civil-society")
        .await;
    let (_, page) = newcomer.get_text("/p/gcm").await;
    assert!(page.contains("Ask to be accredited"));
    let _ = &c.admin;
}

/// The version ids a report's page offers to pull in.
fn offered(page: &str) -> String {
    let marker = "name=\"versions\" value=\"";
    let start = page.find(marker).expect("the form") + marker.len();
    page[start..].chars().take_while(|c| *c != '"').collect()
}

async fn a_group_report_pulls_in_the_accepted_proposals_it_lacks(backend: Backend) {
    let Some(c) = cast(backend).await else {
        return;
    };
    let (_, first) = propose(&c.author, "Accepted early", "1").await;
    let (_, second) = propose(&c.author, "Accepted later", "1").await;
    let (_, third) = propose(&c.author, "Accepted too", "1").await;
    let (_, elsewhere) = propose(&c.author, "Of the second group", "2").await;
    assert_eq!(
        decide(&c.rapporteur, "1", &first, "1", "accept")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        decide(&c.rapporteur2, "2", &elsewhere, "1", "accept")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let response = c
        .rapporteur
        .submit("/p/gcm/groups/1", "/p/gcm/groups/1/report", &[("", "")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let report = "/p/gcm/documents/group-1-report";
    let working = format!("{report}?view=working");
    let (_, page) = c.rapporteur.get_text(&working).await;
    assert!(!page.contains("not in the report yet"), "it has all so far");

    assert_eq!(
        decide(&c.rapporteur, "1", &second, "1", "accept")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        decide(&c.rapporteur, "1", &third, "1", "accept")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let (_, page) = c.rapporteur.get_text(&working).await;
    assert!(page.contains("2 accepted proposals of this group are not in the report yet"));
    assert!(page.contains(&second) && page.contains(&third));
    assert!(page.contains("Add these 2 proposals to the report"));
    let versions = offered(&page);
    // Readers of the working copy who do not edit it are not offered the action.
    let (_, page) = c.moderator.get_text(&working).await;
    assert!(!page.contains("not in the report yet"));

    // The picker opens on the group's accepted proposals; the whole process on asking.
    let (_, pick) = c.rapporteur.get_text(&format!("{report}/pick")).await;
    assert!(pick.contains("Accepted later") && !pick.contains("Of the second group"));
    let (_, pick) = c
        .rapporteur
        .get_text(&format!("{report}/pick?scope=all"))
        .await;
    assert!(pick.contains("Of the second group"));

    // Forged: a version that is no accepted proposal of this group adds nothing.
    let pull = format!("{report}/pull-accepted");
    let other_version = {
        let (_, page) = c
            .secretariat
            .get_text(&format!("{report}/pick?scope=all"))
            .await;
        let marker = "value=\"proposal:";
        let mut found = String::new();
        for (i, _) in page.match_indices(marker) {
            let id: String = page[i + marker.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if !versions.split(',').any(|v| v == id) {
                found = id;
            }
        }
        found
    };
    for forged in ["999999", other_version.as_str(), "x"] {
        let response = c
            .rapporteur
            .submit(&working, &pull, &[("versions", forged)])
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{forged}");
    }
    // Another group's rapporteur may not.
    let response = c
        .rapporteur2
        .submit("/p/gcm", &pull, &[("versions", versions.as_str())])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    let response = c
        .rapporteur
        .submit(&working, &pull, &[("versions", versions.as_str())])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).contains("notice=pulled-accepted"));
    let (_, page) = c.rapporteur.get_text(&working).await;
    assert!(!page.contains("not in the report yet"));
    assert!(
        page.contains(&format!("{second}, version 1"))
            && page.contains(&format!("{third}, version 1"))
    );
    // A second click adds nothing more.
    let count = node_count(&c.app).await;
    let response = c
        .rapporteur
        .submit(&working, &pull, &[("versions", versions.as_str())])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).contains("notice=nothing-to-pull"));
    assert_eq!(node_count(&c.app).await, count);
    assert!(
        audit_actions(&c.app)
            .await
            .contains(&"document.pull-accepted".to_string())
    );
}

async fn co_facilitators_hear_of_reports_and_the_summary_warns_of_missing_ones(backend: Backend) {
    let Some(c) = cast(backend).await else {
        return;
    };
    let (_, first) = propose(&c.author, "Reported commitment", "1").await;
    assert_eq!(
        decide(&c.rapporteur, "1", &first, "1", "accept")
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    c.rapporteur
        .submit("/p/gcm/groups/1", "/p/gcm/groups/1/report", &[("", "")])
        .await;
    let report = "/p/gcm/documents/group-1-report";
    let working = format!("{report}?view=working");
    let response = c
        .rapporteur
        .submit(
            &working,
            &format!("{report}/publish"),
            &[("label", "Report of group 1")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = notifications(&c.cofacilitator).await;
    assert!(page.contains("This revision has been published."));
    assert!(page.contains(&format!("href=\"{report}/revisions/report-of-group-1\"")));
    assert!(
        !notifications(&c.rapporteur)
            .await
            .contains("This revision has been published.")
    );

    let response = c
        .chair
        .submit(
            "/p/gcm",
            "/p/gcm/documents/chairs-summary/compile",
            &[("", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let summary = "/p/gcm/documents/chairs-summary";
    let (_, page) = c.chair.get_text(&format!("{summary}?view=working")).await;
    assert!(page.contains("These groups have no published report yet"));
    assert!(page.contains("Second group") && page.contains("/p/gcm/groups/2\""));
    assert!(!page.contains("First group</bdi></li>"));
    let response = c
        .chair
        .submit(
            summary,
            &format!("{summary}/publish"),
            &[("label", "Summary")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = notifications(&c.cofacilitator).await;
    assert!(page.contains(&format!("href=\"{summary}/revisions/summary\"")));
}

async fn a_revision_after_final_is_refused_unless_confirmed(backend: Backend) {
    let Some(c) = cast(backend).await else {
        return;
    };
    let response = c
        .chair
        .submit(
            "/p/gcm",
            "/p/gcm/documents/chairs-summary/compile",
            &[("", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let summary = "/p/gcm/documents/chairs-summary";
    let publish = format!("{summary}/publish");
    for label in ["Zero draft", "FINAL"] {
        let response = c.chair.submit(summary, &publish, &[("label", label)]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{label}");
    }
    let (_, page) = c.chair.get_text(&format!("{summary}?view=working")).await;
    assert!(page.contains("Publish this revision after the final one"));

    // Unconfirmed: refused, the name kept, nothing published.
    let response = c
        .chair
        .submit(summary, &publish, &[("label", "Rev.3")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = response.text().await.expect("body");
    assert!(page.contains("Tick the box to confirm that this revision follows it."));
    assert!(page.contains("value=\"Rev.3\""));
    assert_eq!(revision_labels(&c.app).await, ["Zero draft", "FINAL"]);

    // Confirmed: published, after "Version finale" as well.
    let response = c
        .chair
        .submit(
            summary,
            &publish,
            &[("label", "Version finale"), ("confirm_final", "yes")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = c
        .chair
        .submit(summary, &publish, &[("label", "Rev.4")])
        .await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "after Finale too"
    );
    let response = c
        .chair
        .submit(
            summary,
            &publish,
            &[("label", "Rev.4"), ("confirm_final", "yes")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        revision_labels(&c.app).await,
        ["Zero draft", "FINAL", "Version finale", "Rev.4"]
    );
    // After a revision not named final, no confirmation is asked.
    let response = c
        .chair
        .submit(summary, &publish, &[("label", "Rev.5")])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

/// How many working-copy nodes all documents hold.
async fn node_count(app: &TestApp) -> i64 {
    with_db(app, |conn| {
        use concord::db::schema::document_nodes::dsl::*;
        use diesel::prelude::*;
        document_nodes.count().get_result(conn).expect("nodes")
    })
    .await
}

/// The labels of every published revision, in order.
async fn revision_labels(app: &TestApp) -> Vec<String> {
    with_db(app, |conn| {
        use concord::db::schema::revisions::dsl::*;
        use diesel::prelude::*;
        revisions
            .order((document_id, number))
            .select(label)
            .load(conn)
            .expect("revisions")
    })
    .await
}
