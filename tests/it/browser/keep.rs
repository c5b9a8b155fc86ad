//! A participant writes a contribution, their session ends while they write (signed out
//! elsewhere), and they press "Submit publicly": the page keeps every word, they sign in from
//! it, check the form that comes back filled and submit it. Every page is checked by axe-core
//! and the Nu HTML checker, as in the other journeys.

use fantoccini::{Client, Locator};

use super::audit::Audit;
use super::{browser, fill, press, wait_for, wait_for_text, wait_for_url};
use crate::helpers::{Backend, TestApp, spawn_app_with, with_db};

/// What the participant types, over several lines and scripts.
const TITLE: &str = "Portable social protection for migrant workers";
const BODY: &str = "States should make social security portable across borders.\n\nالدول مدعوة إلى ضمان قابلية نقل الاستحقاقات.\n\n各国应确保社会保障待遇可以转移。 The last words, kept.";

#[tokio::test]
async fn a_participant_whose_session_ended_submits_without_losing_a_word() {
    let Some(app) = spawn_app_with(Backend::Sqlite, &[], true).await else {
        return;
    };
    let Some((client, _driver)) = browser().await else {
        return;
    };
    let mut audit = Audit::new();
    let outcome = journey(&client, &app, &mut audit).await;
    let _ = client.close().await;
    outcome.expect("the journey succeeds");
    let audited = audit.finish();
    if let Err(problems) = audited {
        panic!("{problems}");
    }
    let stored = with_db(&app, |conn| {
        use concord::db::schema::contributions::dsl::*;
        use diesel::prelude::*;
        contributions
            .filter(title.eq(TITLE))
            .select((body, status))
            .load::<(String, String)>(conn)
            .expect("contributions")
    })
    .await;
    assert_eq!(
        stored,
        [(BODY.to_string(), "submitted".to_string())],
        "submitted, every word"
    );
}

/// The value of the field labelled `label`, as the browser holds it.
async fn value_of(client: &Client, label: &str) -> Result<String, String> {
    let err = |e: fantoccini::error::CmdError| e.to_string();
    let label = client
        .find(Locator::XPath(&format!(
            "//label[normalize-space()='{label}']"
        )))
        .await
        .map_err(err)?;
    let id = label.attr("for").await.map_err(err)?.ok_or("no for")?;
    let field = client.find(Locator::Id(&id)).await.map_err(err)?;
    Ok(field.prop("value").await.map_err(err)?.unwrap_or_default())
}

async fn journey(client: &Client, app: &TestApp, audit: &mut Audit) -> Result<(), String> {
    let err = |e: fantoccini::error::CmdError| e.to_string();
    let address = &app.address;
    client
        .goto(&format!("{address}/login"))
        .await
        .map_err(err)?;
    fill(client, "Email address", "stakeholder@demo.concord.example").await;
    fill(client, "Password", "concord-demo-2018").await;
    press(client, "Sign in").await;
    wait_for(client, "a[href='/account']").await?;

    client
        .goto(&format!("{address}/p/gcm/contributions/new"))
        .await
        .map_err(err)?;
    wait_for(client, "#title").await?;
    audit.check(client, "the contribution form").await?;
    fill(client, "Title", TITLE).await;
    fill(client, "Text", BODY).await;

    // Meanwhile the session ends (signed out in another browser, say).
    with_db(app, |conn| {
        use concord::db::schema::sessions;
        use diesel::RunQueryDsl;
        diesel::delete(sessions::table)
            .execute(conn)
            .expect("sessions ended")
    })
    .await;

    press(client, "Submit publicly").await;
    let kept = wait_for(client, "[data-kept='signed-out']").await?;
    let text = kept.text().await.map_err(err)?;
    assert!(
        text.contains("nothing was saved"),
        "it says what happened: {text}"
    );
    audit
        .check(client, "the text kept for a signed-out writer")
        .await?;
    // A copy of every word is on the page, to be copied.
    assert_eq!(value_of(client, "Text").await?, BODY);
    assert_eq!(value_of(client, "Title").await?, TITLE);

    fill(client, "Email address", "stakeholder@demo.concord.example").await;
    fill(client, "Password", "concord-demo-2018").await;
    press(client, "Sign in and get my text back").await;
    // The kept page has a notice of its own: wait for the next page's.
    wait_for_text(client, ".notice", "Nothing has been saved yet").await?;
    audit
        .check(client, "the form again after signing in")
        .await?;
    assert_eq!(value_of(client, "Title").await?, TITLE);
    assert_eq!(value_of(client, "Text").await?, BODY);

    press(client, "Submit publicly").await;
    wait_for_url(client, "notice=submitted").await?;
    let receipt = wait_for(client, ".receipt").await?;
    let text = receipt.text().await.map_err(err)?;
    assert!(text.contains("GCM/WC/"), "a receipt: {text}");
    audit.check(client, "the receipt").await?;
    Ok(())
}
