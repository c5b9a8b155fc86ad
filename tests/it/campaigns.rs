//! Campaigns: exact and near copies of a letter grouped as they are submitted, an unrelated
//! text left alone, the campaign listed once with its counts, its page showing the words
//! copies added, and the counts and listed copy kept right when copies are hidden or
//! withdrawn.

use concord::domain::ids::ContributionId;
use concord::store::campaigns::{self, Campaign, Summary};
use concord::store::{contributions, processes};
use reqwest::StatusCode;

use crate::helpers::{
    Backend, Browser, TestApp, csrf_of, indexed_with, location, spawn_app, with_db,
};
use crate::on_both_backends;

on_both_backends!(
    exact_and_near_copies_form_one_campaign_listed_once,
    hiding_the_listed_copy_lists_the_next,
    the_letter_is_the_text_most_copies_carry,
    a_text_filed_without_its_signature_still_finds_its_near_copies,
    a_bucket_many_texts_share_hides_no_letter,
    a_campaign_is_searched_through_its_listed_copy_alone,
    texts_loaded_in_bulk_are_grouped_as_if_submitted,
);

const LETTER_TITLE: &str = "Protect the rights of migrant workers";
const LETTER: &str = "Dear co-facilitators, we write to ask that the global compact protect \
the rights of every migrant worker, whatever their status. Recruitment fees push workers into \
debt before they leave home, and employers who keep passports hold them in jobs they cannot \
quit. We ask states to ban recruitment fees charged to workers, to make the confiscation of \
identity documents a crime, and to let workers change employer without losing their right to \
stay. Wage theft must be punished and back pay recovered even after a worker has returned home. \
Labour inspectors should visit farms, building sites and private homes, where domestic workers \
are most isolated, and inspections must never be used to enforce immigration rules. Firewalls \
between labour inspection and immigration enforcement let workers report abuse without fear. \
Please make these commitments concrete, with indicators and a timeline, so that they can be \
measured at the first review.";
const OWN_WORDS: &str = "I cleaned houses in the Gulf for six years and never saw my passport.";
const UNRELATED: &str = "Climate change already displaces millions of people every year. The \
compact should recognise disaster displacement, support planned relocation with the consent \
of the communities concerned, and open humanitarian visas for people who cannot return.";

/// An administrator, process `gcm`, and a stakeholder who submits.
async fn setup(app: &TestApp) -> (Browser, Browser) {
    app.process_and_author().await
}

/// Submits a contribution; returns its reference as the address spells it.
async fn submit(author: &Browser, title: &str, body: &str) -> String {
    let form = "/p/gcm/contributions/new";
    let (status, page) = author.get_text(form).await;
    assert_eq!(status, StatusCode::OK);
    let fields = [("title", title), ("body", body), ("action", "submit")];
    let response = author
        .send_multipart(form, &csrf_of(&page), &fields, Vec::new())
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{title}");
    let to = location(&response);
    let reference = to
        .trim_start_matches("/p/gcm/contributions/")
        .trim_end_matches("?notice=submitted");
    reference.to_string()
}

/// The campaign a contribution (by its address's reference) belongs to, and whether it is
/// marked a campaign copy.
async fn campaign_of(app: &TestApp, reference: &str) -> (Option<Campaign>, bool) {
    let reference = reference.replace('-', "/");
    with_db(app, move |conn| {
        let process = processes::process_by_slug(conn, "gcm").unwrap().unwrap();
        let c = contributions::contribution_by_reference(conn, process.id, &reference)
            .unwrap()
            .unwrap();
        let copy = copy_flag(conn, c.id);
        (campaigns::of_contribution(conn, c.id).unwrap(), copy)
    })
    .await
}

fn copy_flag(conn: &mut concord::db::DbConnection, id: ContributionId) -> bool {
    use concord::db::schema::contributions as c;
    use diesel::prelude::*;
    c::table
        .find(id)
        .select(c::campaign_copy)
        .first(conn)
        .unwrap()
}

/// Hides a contribution (by its address's reference) as `moderator`.
async fn hide(moderator: &Browser, reference: &str) {
    let response = moderator
        .submit(
            &format!("/p/gcm/contributions/{reference}"),
            &format!("/p/gcm/contributions/{reference}/hide"),
            &[("reason", "Breaches the code of conduct")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

async fn summary(app: &TestApp) -> Summary {
    with_db(app, |conn| {
        let process = processes::process_by_slug(conn, "gcm").unwrap().unwrap();
        campaigns::summary(conn, process.id).unwrap()
    })
    .await
}

fn changed_words(letter: &str) -> String {
    letter
        .replace("farms, building sites", "fields, factories")
        .replace("first review", "second review")
}

async fn exact_and_near_copies_form_one_campaign_listed_once(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, author) = setup(&app).await;
    let letter = submit(&author, LETTER_TITLE, LETTER).await;
    // Case, spacing and punctuation do not make another text.
    let shouted = LETTER.to_uppercase().replace(", ", " ,  ");
    let exact = submit(
        &author,
        &format!("{}!", LETTER_TITLE.to_lowercase()),
        &shouted,
    )
    .await;
    let added = submit(&author, LETTER_TITLE, &format!("{LETTER}\n\n{OWN_WORDS}")).await;
    let changed = submit(&author, LETTER_TITLE, &changed_words(LETTER)).await;
    let other = submit(&author, "Disaster displacement", UNRELATED).await;

    let (campaign, listed_is_copy) = campaign_of(&app, &letter).await;
    let campaign = campaign.expect("the letter heads a campaign");
    assert!(!listed_is_copy, "the first letter is the one listed");
    assert_eq!((campaign.copies, campaign.additions), (4, 2));
    for copy in [&exact, &added, &changed] {
        let (of, is_copy) = campaign_of(&app, copy).await;
        assert_eq!(of.map(|c| c.id), Some(campaign.id), "{copy} is grouped");
        assert!(is_copy, "{copy} is marked a copy");
    }
    let (of, is_copy) = campaign_of(&app, &other).await;
    assert!(of.is_none() && !is_copy, "an unrelated text is not grouped");
    assert_eq!(
        summary(&app).await,
        Summary {
            distinct_texts: 2,
            campaigns: 1
        }
    );
    // Only the two texts that joined no campaign are in the buckets near copies are looked
    // for in: a campaign's copies, near or exact, add none.
    let filed: Vec<i64> = with_db(&app, |conn| {
        use diesel::prelude::*;
        concord::db::schema::campaign_bands::table
            .select(concord::db::schema::campaign_bands::contribution_id)
            .distinct()
            .load(conn)
            .expect("the buckets")
    })
    .await;
    let mut expected = vec![id_of(&app, &letter).await.0, id_of(&app, &other).await.0];
    expected.sort_unstable();
    let mut filed = filed;
    filed.sort_unstable();
    assert_eq!(filed, expected, "the letter and the unrelated text alone");

    let reader = app.new_browser();
    let (_, list) = reader.get_text("/p/gcm/contributions").await;
    assert!(list.contains(&letter.replace('-', "/")) && list.contains(&other.replace('-', "/")));
    for copy in [&exact, &added, &changed] {
        assert!(!list.contains(&copy.replace('-', "/")), "{copy} not listed");
    }
    assert!(
        list.contains("This text was submitted 4 times; 2 added their own words"),
        "the count is shown: {list}"
    );

    let path = format!("/p/gcm/campaigns/{}", campaign.id);
    let (status, page) = reader.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.matches("Firewalls").count(), 1, "the letter once");
    assert!(
        page.contains("never saw my passport."),
        "the words a sender added"
    );
    assert!(
        page.contains("<ins>") && page.contains("<del>"),
        "changes are marked"
    );
    assert!(page.contains("factories") && page.contains("second"));
    assert!(page.contains(&added.replace('-', "/")) && page.contains(&changed.replace('-', "/")));
    assert!(
        !page.contains(&exact.replace('-', "/")),
        "exact copies add nothing to show"
    );

    let (_, copy_page) = reader
        .get_text(&format!("/p/gcm/contributions/{exact}"))
        .await;
    assert!(copy_page.contains("One of 4 copies of a campaign"));
    assert!(copy_page.contains(&path));
    let (status, _) = reader.get_text("/p/gcm/campaigns/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Open data names each copy's campaign.
    let (_, json) = reader.get_text("/p/gcm/open-data/contributions.json").await;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let in_campaign = rows
        .iter()
        .filter(|r| r["campaign"] == serde_json::json!(campaign.id))
        .count();
    assert_eq!((rows.len(), in_campaign), (5, 4));
    let (_, csv) = reader.get_text("/p/gcm/open-data/contributions.csv").await;
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",campaign,language,event")
    );
}

async fn hiding_the_listed_copy_lists_the_next(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = setup(&app).await;
    let letter = submit(&author, LETTER_TITLE, LETTER).await;
    let added = submit(&author, LETTER_TITLE, &format!("{LETTER} {OWN_WORDS}")).await;
    let exact = submit(&author, LETTER_TITLE, LETTER).await;

    let moderator = app.moderator(&admin).await;
    hide(&moderator, &letter).await;

    let (campaign, letter_is_copy) = campaign_of(&app, &letter).await;
    let campaign = campaign.expect("still grouped");
    assert!(
        letter_is_copy,
        "the hidden letter is no longer the one listed"
    );
    assert_eq!((campaign.copies, campaign.additions), (2, 1));
    let (_, exact_is_copy) = campaign_of(&app, &exact).await;
    assert!(!exact_is_copy, "the next exact copy is listed");
    let (_, list) = app.new_browser().get_text("/p/gcm/contributions").await;
    assert!(list.contains(&exact.replace('-', "/")));
    assert!(!list.contains(&letter.replace('-', "/")));
    assert!(list.contains("This text was submitted 2 times; one added words of their own"));
    let (_, page) = app
        .new_browser()
        .get_text(&format!("/p/gcm/campaigns/{}", campaign.id))
        .await;
    assert!(
        page.contains("Firewalls"),
        "the text is shown from a public copy"
    );

    let response = author
        .submit(
            &format!("/p/gcm/contributions/{added}"),
            &format!("/p/gcm/contributions/{added}/withdraw"),
            &[("", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (campaign, _) = campaign_of(&app, &exact).await;
    let campaign = campaign.expect("still grouped");
    assert_eq!((campaign.copies, campaign.additions), (1, 0));
    let (_, page) = app
        .new_browser()
        .get_text(&format!("/p/gcm/campaigns/{}", campaign.id))
        .await;
    assert!(page.contains("No copy differs from the letter."));
}

/// The id of a contribution by the reference its address spells.
async fn id_of(app: &TestApp, reference: &str) -> ContributionId {
    let reference = reference.replace('-', "/");
    with_db(app, move |conn| {
        let process = processes::process_by_slug(conn, "gcm").unwrap().unwrap();
        contributions::contribution_by_reference(conn, process.id, &reference)
            .unwrap()
            .unwrap()
            .id
    })
    .await
}

async fn the_letter_is_the_text_most_copies_carry(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, author) = setup(&app).await;
    // A sender with words of their own happens to be first.
    let added = submit(&author, LETTER_TITLE, &format!("{LETTER} {OWN_WORDS}")).await;
    let letter = submit(&author, LETTER_TITLE, LETTER).await;
    let (campaign, _) = campaign_of(&app, &letter).await;
    let campaign = campaign.expect("grouped");
    assert_eq!((campaign.copies, campaign.additions), (2, 1));
    submit(&author, LETTER_TITLE, LETTER).await;
    let (campaign, _) = campaign_of(&app, &added).await;
    let campaign = campaign.expect("grouped");
    assert_eq!(campaign.letter_id, id_of(&app, &letter).await);
    assert_eq!((campaign.copies, campaign.additions), (3, 1));
    let (_, page) = app
        .new_browser()
        .get_text(&format!("/p/gcm/campaigns/{}", campaign.id))
        .await;
    assert!(
        page.contains(&added.replace('-', "/")),
        "the first copy differs"
    );
    assert!(page.contains("never saw my passport."));
    assert!(
        !page.contains(&letter.replace('-', "/")),
        "copies carrying the letter are not shown as differing"
    );
}

/// A distinct text keeps its signature, so a near copy is compared without hashing the
/// candidate's words again; a text filed before signatures were kept (none stored) is
/// hashed from its words, and its near copies still join it.
async fn a_text_filed_without_its_signature_still_finds_its_near_copies(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, author) = setup(&app).await;
    let letter = submit(&author, LETTER_TITLE, LETTER).await;
    let id = id_of(&app, &letter).await;
    let stored = with_db(&app, move |conn| {
        use concord::db::schema::campaign_texts as t;
        use diesel::prelude::*;
        let stored: Option<Vec<u8>> = t::table.find(id).select(t::signature).first(conn).unwrap();
        diesel::update(t::table.find(id))
            .set(t::signature.eq(None::<Vec<u8>>))
            .execute(conn)
            .unwrap();
        stored
    })
    .await;
    assert_eq!(
        stored.map(|s| s.len()),
        Some(concord::domain::campaigns::PACKED_LEN),
        "the signature is kept with the text"
    );
    let added = submit(&author, LETTER_TITLE, &format!("{LETTER}\n\n{OWN_WORDS}")).await;
    let changed = submit(&author, LETTER_TITLE, &changed_words(LETTER)).await;
    let (campaign, _) = campaign_of(&app, &letter).await;
    let campaign = campaign.expect("the near copies found the letter");
    for copy in [&added, &changed] {
        let (of, is_copy) = campaign_of(&app, copy).await;
        assert_eq!(of.map(|c| c.id), Some(campaign.id), "{copy} is grouped");
        assert!(is_copy, "{copy} is marked a copy");
    }
}

/// A bucket many texts share is read only in part: the copy's first bucket (in the order an
/// index reads them) holds 300 texts, and the copy still finds its letter through the
/// buckets they share. Read under one limit for all buckets, those 300 filled it.
async fn a_bucket_many_texts_share_hides_no_letter(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, author) = setup(&app).await;
    let letter = submit(&author, LETTER_TITLE, LETTER).await;
    let copy = format!("{LETTER}\n\n{OWN_WORDS}");
    let rules = |title: &str, body: &str| {
        use concord::domain::campaigns::{buckets, signature, words_of};
        buckets(&signature(&words_of(title, body)))
    };
    let crowded = *rules(LETTER_TITLE, &copy).iter().min().expect("buckets");
    with_db(&app, move |conn| {
        use diesel::connection::SimpleConnection;
        let process = processes::process_by_slug(conn, "gcm").unwrap().unwrap();
        let rows: Vec<String> = (0..300)
            .map(|n| format!("({}, {crowded}, {})", process.id, 1_000_000 + n))
            .collect();
        // Texts this database never held: their foreign keys are not checked for the insert.
        let (off, on) = match conn {
            concord::db::DbConnection::Sqlite(_) => {
                ("PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = ON")
            }
            concord::db::DbConnection::Postgresql(_) => (
                "SET session_replication_role = replica",
                "RESET session_replication_role",
            ),
        };
        conn.batch_execute(&format!(
            "{off}; INSERT INTO campaign_bands (process_id, bucket, contribution_id) VALUES {}; {on}",
            rows.join(", ")
        ))
        .unwrap();
    })
    .await;
    let added = submit(&author, LETTER_TITLE, &copy).await;
    let (campaign, _) = campaign_of(&app, &letter).await;
    let campaign = campaign.expect("the copy found its letter");
    let (of, is_copy) = campaign_of(&app, &added).await;
    assert_eq!(of.map(|c| c.id), Some(campaign.id));
    assert!(is_copy);
}

/// Only the copy a campaign is listed through is in the search index: the others were never
/// shown in results, and a search walked past each of them. Hiding the listed copy moves the
/// entry to the next one listed.
async fn a_campaign_is_searched_through_its_listed_copy_alone(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = setup(&app).await;
    let letter = submit(&author, LETTER_TITLE, LETTER).await;
    let exact = submit(&author, LETTER_TITLE, LETTER).await;
    let again = submit(&author, LETTER_TITLE, LETTER).await;
    let unrelated = submit(&author, "Disaster displacement", UNRELATED).await;
    assert_eq!(indexed_with(&app, "recruitment").await, 1, "one entry");
    assert_eq!(
        indexed_with(&app, "displaces").await,
        1,
        "a text of its own"
    );
    let visitor = app.new_browser();
    let (_, found) = visitor.get_text("/p/gcm/contributions?q=recruitment").await;
    assert!(found.contains(&letter.replace('-', "/")), "{found}");
    assert!(found.contains("This text was submitted 3 times"), "{found}");
    for copy in [&exact, &again, &unrelated] {
        assert!(!found.contains(&copy.replace('-', "/")), "{copy}: {found}");
    }

    let moderator = app.moderator(&admin).await;
    hide(&moderator, &letter).await;
    assert_eq!(
        indexed_with(&app, "recruitment").await,
        1,
        "the next listed copy"
    );
    let (_, found) = visitor.get_text("/p/gcm/contributions?q=recruitment").await;
    assert!(found.contains(&exact.replace('-', "/")), "{found}");
    assert!(
        !found.contains(&letter.replace('-', "/")),
        "hidden: {found}"
    );
}

/// `concord group-campaigns` files texts a bulk load wrote without submitting them: the same
/// campaigns come out as submission made. PostgreSQL has read the campaign tables'
/// statistics by then, so the bands' lookup is not planned for the empty table they began as.
async fn texts_loaded_in_bulk_are_grouped_as_if_submitted(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (_admin, author) = setup(&app).await;
    let letter = submit(&author, LETTER_TITLE, LETTER).await;
    submit(&author, LETTER_TITLE, LETTER).await;
    submit(&author, LETTER_TITLE, &format!("{LETTER}\n\n{OWN_WORDS}")).await;
    submit(
        &author,
        "Ports of entry",
        "Border procedures should be fair and quick.",
    )
    .await;
    let submitted = summary(&app).await;
    let (campaign, _) = campaign_of(&app, &letter).await;
    assert_eq!(campaign.map(|c| c.copies), Some(3));

    // As a bulk load leaves them: submitted, filed nowhere.
    with_db(&app, |conn| {
        use diesel::connection::SimpleConnection;
        conn.batch_execute(
            "DELETE FROM campaign_bands; DELETE FROM campaign_members; \
             DELETE FROM campaign_texts; DELETE FROM campaigns; \
             UPDATE campaign_counts SET distinct_texts = 0, campaigns = 0; \
             UPDATE contributions SET campaign_copy = FALSE;",
        )
        .expect("unfiled");
    })
    .await;
    let (campaign, is_copy) = campaign_of(&app, &letter).await;
    assert!(campaign.is_none() && !is_copy, "filed nowhere");

    let filed = concord::group_campaigns(&app.pool).await.expect("grouped");
    assert_eq!(filed, 4);
    assert_eq!(summary(&app).await, submitted);
    let (campaign, listed_is_copy) = campaign_of(&app, &letter).await;
    assert_eq!(campaign.map(|c| c.copies), Some(3));
    assert!(!listed_is_copy, "the first one is the listed copy");
    if backend == Backend::Postgres {
        let described = with_db(&app, |conn| {
            use diesel::prelude::*;
            #[derive(QueryableByName)]
            struct Rows {
                #[diesel(sql_type = diesel::sql_types::Float)]
                reltuples: f32,
            }
            diesel::sql_query("SELECT reltuples FROM pg_class WHERE relname = 'campaign_bands'")
                .get_result::<Rows>(conn)
                .expect("its statistics")
                .reltuples
        })
        .await;
        assert!(described > 0.0, "analysed: {described}");
    }
}
