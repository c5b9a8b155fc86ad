//! The language of contributions and proposals: the form's "Language of this text", pre-filled
//! and corrected by the text's script when left as pre-filled, a forged value refused with the
//! text kept, the text's `lang` and `dir` on its pages and in the lists, the lists' language
//! filter, and the `language` column of open data.

use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, TestApp, csrf_of, location, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    a_contribution_states_its_language_on_every_page,
    a_choice_away_from_the_prefilled_language_stands,
    a_forged_language_is_refused_with_the_text_kept,
    a_proposal_states_its_language_and_is_filtered_by_it,
    an_export_quotes_a_contribution_in_its_language,
);

const ARABIC_TITLE: &str = "حقوق العمال المهاجرين";
const ARABIC_BODY: &str = "ينبغي للدول أن تكفل العمل اللائق لجميع العمال المهاجرين.";
const ENGLISH_TITLE: &str = "Decent work for migrant workers";
const ENGLISH_BODY: &str = "States should ensure decent work for all migrant workers.";

/// A complete proposal form for group 1, to submit.
fn proposal_form(title: &str) -> Vec<(String, String)> {
    [
        ("group", "1"),
        ("title", title),
        (
            "commitment",
            "States commit to open regular pathways for migrant workers.",
        ),
        (
            "actionable_measures",
            "Conclude bilateral labour agreements",
        ),
        ("partnerships", "Employers and trade unions together"),
        ("capacity_building", "Training for labour inspectors"),
        ("financing", "A fund replenished every year"),
        ("data", "Disaggregated data on recruitment costs"),
        ("responsible_actors", "Ministries of labour"),
        ("sdg_targets", "8.8 and 10.7"),
        ("timeline", "From 2019 to 2030"),
        ("indicators", "Recruitment costs paid by workers"),
        ("intent", "submit"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

async fn setup(app: &TestApp) -> Browser {
    let (_admin, author) = app.process_and_author().await;
    author
}

/// Opens the contribution form, then sends it with `fields` (the form's token in its query),
/// as a browser does.
async fn send_contribution(author: &Browser, fields: &[(&str, &str)]) -> reqwest::Response {
    let form = "/p/gcm/contributions/new";
    let (status, page) = author.get_text(form).await;
    assert_eq!(status, StatusCode::OK);
    author
        .send_multipart(form, &csrf_of(&page), fields, vec![])
        .await
}

/// Submits a contribution and returns the path of its page.
async fn submitted(author: &Browser, fields: &[(&str, &str)]) -> String {
    let response = send_contribution(author, fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "submitted");
    let target = location(&response);
    target.split('?').next().unwrap_or_default().to_string()
}

async fn a_contribution_states_its_language_on_every_page(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let author = setup(&app).await;

    // The empty form offers the six languages, labelled, pre-filled with the interface's.
    let (_, form) = author.get_text("/p/gcm/contributions/new").await;
    assert!(form.contains("<label for=\"language\">Language of this text</label>"));
    assert!(form.contains("<option value=\"ar\" lang=\"ar\">العربية</option>"));
    assert!(form.contains("<option value=\"en\" lang=\"en\" selected>English</option>"));
    assert!(form.contains("<input type=\"hidden\" name=\"language_default\" value=\"en\">"));

    // Arabic typed into a form left at its pre-filled English: saved as Arabic.
    let arabic = submitted(
        &author,
        &[
            ("title", ARABIC_TITLE),
            ("body", ARABIC_BODY),
            ("language", "en"),
            ("language_default", "en"),
            ("action", "submit"),
        ],
    )
    .await;
    let english = submitted(
        &author,
        &[
            ("title", ENGLISH_TITLE),
            ("body", ENGLISH_BODY),
            ("language", "en"),
            ("language_default", "en"),
            ("action", "submit"),
        ],
    )
    .await;

    let visitor = app.new_browser();
    let (status, page) = visitor.get_text(&arabic).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(&format!("<h1 lang=\"ar\" dir=\"rtl\">{ARABIC_TITLE}</h1>")),
        "the title carries its language"
    );
    assert!(page.contains("<div class=\"prose\" lang=\"ar\" dir=\"rtl\">"));
    let (_, page) = visitor.get_text(&english).await;
    assert!(page.contains(&format!("<h1 lang=\"en\" dir=\"ltr\">{ENGLISH_TITLE}</h1>")));

    // The list's rows carry each text's language; the filter keeps one language.
    let (_, list) = visitor.get_text("/p/gcm/contributions").await;
    assert!(list.contains("<p class=\"excerpt\" lang=\"ar\" dir=\"rtl\">"));
    assert!(list.contains("<p class=\"excerpt\" lang=\"en\" dir=\"ltr\">"));
    assert!(list.contains("<label for=\"language\">Language</label>"));
    let (_, only_arabic) = visitor.get_text("/p/gcm/contributions?language=ar").await;
    assert!(only_arabic.contains(ARABIC_TITLE));
    assert!(!only_arabic.contains(ENGLISH_TITLE));
    assert!(only_arabic.contains("<option value=\"ar\" lang=\"ar\" selected>"));
    let (_, only_english) = visitor.get_text("/p/gcm/contributions?language=en").await;
    assert!(only_english.contains(ENGLISH_TITLE));
    assert!(!only_english.contains(ARABIC_TITLE));
    // With search words too.
    let (_, searched) = visitor
        .get_text("/p/gcm/contributions?q=migrant&language=fr")
        .await;
    assert!(!searched.contains(ENGLISH_TITLE));
    // A language that is none of the six filters nothing.
    let (status, forged) = visitor
        .get_text("/p/gcm/contributions?language=%3Cscript%3E")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(forged.contains(ARABIC_TITLE) && forged.contains(ENGLISH_TITLE));
    assert!(!forged.contains("<script>"));

    // Open data: a `language` column after the existing ones, and a `language` key.
    let (_, csv) = visitor.get_text("/p/gcm/open-data/contributions.csv").await;
    let header = csv.lines().next().expect("a header");
    assert!(header.ends_with(",campaign,language,event"), "{header}");
    let arabic_row = csv
        .lines()
        .find(|l| l.contains(ARABIC_TITLE))
        .expect("the Arabic row");
    assert!(arabic_row.ends_with(",ar,"), "{arabic_row}");
    let (_, json) = visitor
        .get_text("/p/gcm/open-data/contributions.json")
        .await;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("JSON");
    let language_of = |title: &str| {
        rows.iter()
            .find(|r| r["title"] == title)
            .map(|r| r["language"].clone())
    };
    assert_eq!(language_of(ARABIC_TITLE), Some(serde_json::json!("ar")));
    assert_eq!(language_of(ENGLISH_TITLE), Some(serde_json::json!("en")));
}

async fn a_choice_away_from_the_prefilled_language_stands(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let author = setup(&app).await;
    // Its author says this Arabic-script text is French (say, a quotation): so it is.
    let page = submitted(
        &author,
        &[
            ("title", ARABIC_TITLE),
            ("body", ARABIC_BODY),
            ("language", "fr"),
            ("language_default", "en"),
            ("action", "submit"),
        ],
    )
    .await;
    let (_, page) = author.get_text(&page).await;
    assert!(page.contains(&format!("<h1 lang=\"fr\" dir=\"ltr\">{ARABIC_TITLE}</h1>")));

    // A draft's form shows the saved choice, not a default the script would correct.
    let response = send_contribution(
        &author,
        &[
            ("title", "Un brouillon"),
            ("body", ARABIC_BODY),
            ("language", "es"),
            ("language_default", "ar"),
            ("action", "save"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, form) = author.get_text(&location(&response)).await;
    assert!(form.contains("<option value=\"es\" lang=\"es\" selected>Español</option>"));
    assert!(!form.contains("name=\"language_default\""));
}

async fn a_forged_language_is_refused_with_the_text_kept(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let author = setup(&app).await;
    for forged in ["xx", "<script>alert(1)</script>"] {
        let response = send_contribution(
            &author,
            &[
                ("title", ENGLISH_TITLE),
                ("body", ENGLISH_BODY),
                ("language", forged),
                ("action", "submit"),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = response.text().await.expect("a page");
        assert!(page.contains("Choose one of the six official languages."));
        assert!(page.contains(ENGLISH_BODY), "the text is kept");
        assert!(page.contains(ENGLISH_TITLE));
        assert!(!page.contains("<script>alert(1)"));

        let mut form = proposal_form(ENGLISH_TITLE);
        form.push(("language".into(), forged.into()));
        let new = "/p/gcm/proposals/new";
        let response = author.submit(new, new, &form).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = response.text().await.expect("a page");
        assert!(page.contains("Choose one of the six official languages."));
        assert!(page.contains("Disaggregated data on recruitment costs"));
        assert!(!page.contains("<script>alert(1)"));
    }
    let (_, list) = app.new_browser().get_text("/p/gcm/contributions").await;
    assert!(!list.contains(ENGLISH_TITLE), "nothing was submitted");
    let (_, list) = app.new_browser().get_text("/p/gcm/proposals").await;
    assert!(!list.contains(ENGLISH_TITLE), "nothing was submitted");
}

async fn a_proposal_states_its_language_and_is_filtered_by_it(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let author = setup(&app).await;
    let new = "/p/gcm/proposals/new";
    let (_, form) = author.get_text(new).await;
    assert!(form.contains("<label for=\"language\">Language of this text</label>"));

    // Chinese typed into a form left at its pre-filled English: saved as Chinese.
    let chinese_title = "为移民工人提供体面工作";
    let mut form = proposal_form(chinese_title);
    for (name, value) in form.iter_mut() {
        match name.as_str() {
            "group" | "intent" | "title" => {}
            "commitment" => *value = "各国承诺为移民工人开辟正常渠道。".into(),
            "actionable_measures" => *value = "缔结双边劳工协定\n使社会保障可携带".into(),
            _ => *value = "雇主和工会共同合作".into(),
        }
    }
    form.push(("language".into(), "en".into()));
    form.push(("language_default".into(), "en".into()));
    let response = author.submit(new, new, &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let chinese = location(&response);
    let chinese = chinese.split('?').next().unwrap_or_default().to_string();
    let mut form = proposal_form(ENGLISH_TITLE);
    form.push(("language".into(), "en".into()));
    let response = author.submit(new, new, &form).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let visitor = app.new_browser();
    let (_, page) = visitor.get_text(&chinese).await;
    assert!(page.contains(&format!("<h1 lang=\"zh\" dir=\"ltr\">{chinese_title}</h1>")));
    assert!(page.contains("<p lang=\"zh\" dir=\"ltr\">各国承诺为移民工人开辟正常渠道。</p>"));

    let (_, list) = visitor.get_text("/p/gcm/proposals").await;
    assert!(list.contains(&format!("lang=\"zh\" dir=\"ltr\">{chinese_title}</a>")));
    let (_, only_chinese) = visitor.get_text("/p/gcm/proposals?language=zh").await;
    assert!(only_chinese.contains(chinese_title));
    assert!(!only_chinese.contains(ENGLISH_TITLE));
    let (_, only_english) = visitor
        .get_text("/p/gcm/proposals?language=en&sort=title")
        .await;
    assert!(only_english.contains(ENGLISH_TITLE));
    assert!(!only_english.contains(chinese_title));

    let (_, json) = visitor.get_text("/p/gcm/open-data/proposals.json").await;
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("JSON");
    let row = rows
        .iter()
        .find(|r| r["title"] == chinese_title)
        .expect("the Chinese row");
    assert_eq!(row["language"], "zh");
    let (_, csv) = visitor.get_text("/p/gcm/open-data/proposals.csv").await;
    assert!(
        csv.lines()
            .next()
            .expect("a header")
            .ends_with(",sha256,language")
    );
}

async fn an_export_quotes_a_contribution_in_its_language(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let (admin, author) = app.process_and_author().await;
    submitted(
        &author,
        &[
            ("title", ARABIC_TITLE),
            ("body", ARABIC_BODY),
            ("language", "ar"),
            ("action", "submit"),
        ],
    )
    .await;
    let cofacilitator = app
        .participant(
            "cofac@example.org",
            "Carla Cofacilitator",
            "Permanent Mission of Mexico",
            "member-state",
        )
        .await;
    app.assign_role(&admin, "gcm", "cofac@example.org", "co-facilitator", "")
        .await;
    // A draft whose paragraph quotes the Arabic contribution.
    with_db(&app, |conn| {
        use concord::db::schema::{contributions, processes};
        use concord::domain::documents::{DocumentKind, Node, NodeKind, Provenance, Source};
        use concord::domain::ids::ContributionId;
        use concord::store::documents::{NewDocument, create_document};
        use diesel::prelude::*;
        let process: i64 = processes::table
            .select(processes::id)
            .first(conn)
            .expect("a process");
        let contribution: ContributionId = contributions::table
            .filter(contributions::title.eq(ARABIC_TITLE))
            .select(contributions::id)
            .first(conn)
            .expect("the contribution");
        let node = Node {
            key: "p1".into(),
            kind: NodeKind::Paragraph,
            text: "States commit to decent work for migrant workers.".into(),
            status: Default::default(),
            provenance: vec![Provenance {
                source: Source::Contribution { id: contribution },
                label: "TST/WC/0001".into(),
                quote: "العمل اللائق".into(),
                note: String::new(),
            }],
        };
        create_document(
            conn,
            &NewDocument {
                process_id: process,
                slug: "draft",
                kind: DocumentKind::Draft,
                group_id: None,
                title: "Global Compact for Migration",
                symbol: "A/CONF.231/3",
                language: "en",
            },
            &[node],
            None,
        )
        .expect("the draft");
    })
    .await;
    let response = cofacilitator
        .get("/p/gcm/documents/draft/export.html?revision=working")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("the export");
    assert!(
        html.contains("<q lang=\"ar\" dir=\"rtl\">العمل اللائق</q>"),
        "the quote carries its source's language"
    );
    // Akoma Ntoso names the quote's language, and stays valid.
    let response = cofacilitator
        .get("/p/gcm/documents/draft/export.akn.xml?revision=working")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let akn = response.bytes().await.expect("the export");
    crate::exports::assert_valid_akoma_ntoso(&akn);
    assert!(
        String::from_utf8_lossy(&akn)
            .contains("<inline name=\"quote\" xml:lang=\"ar\">“العمل اللائق”</inline>"),
        "the Akoma Ntoso quote carries its source's language"
    );
    // The DOCX quote is a run of its own, set as complex (right-to-left) script.
    let response = cofacilitator
        .get("/p/gcm/documents/draft/export.docx?revision=working")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let docx = response.bytes().await.expect("the export");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&docx[..])).expect("a ZIP");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").expect("the body"),
        &mut xml,
    )
    .expect("UTF-8");
    let quote = xml.find("“العمل اللائق”").expect("the quote in the DOCX");
    let run = &xml[xml[..quote].rfind("<w:r>").expect("its run")..quote];
    assert!(run.contains("w:hint=\"cs\""), "the quote's run: {run}");
}
