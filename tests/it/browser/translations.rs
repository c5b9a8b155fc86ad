//! A translator on a phone: at 320 pixels wide the French version stands below the original,
//! paragraph by paragraph, each side in its own language; they open a paragraph not yet
//! translated, translate it and find it up to date. Every page is checked by axe-core and
//! the Nu HTML checker, as in the other journeys.

use fantoccini::Client;
use serde_json::json;

use super::audit::{Audit, devtools};
use super::{browser, fill, press, wait_for, wait_for_url};
use crate::helpers::{Backend, spawn_app_with};

const FRENCH: &str = "Nous, chefs d'État et de gouvernement, réaffirmons notre engagement.";

#[tokio::test]
async fn a_translator_translates_a_paragraph_on_a_narrow_screen() {
    let Some(app) = spawn_app_with(Backend::Sqlite, &[], true).await else {
        return;
    };
    let Some((client, _driver)) = browser().await else {
        return;
    };
    let mut audit = Audit::new();
    let outcome = journey(&client, &app.address, &mut audit).await;
    let _ = client.close().await;
    outcome.expect("the journey succeeds");
    if let Err(problems) = audit.finish() {
        panic!("{problems}");
    }
}

/// Runs `script` in the page and returns what it returns.
async fn run(client: &Client, script: &str) -> Result<serde_json::Value, String> {
    client
        .execute(script, vec![])
        .await
        .map_err(|e| e.to_string())
}

async fn journey(client: &Client, address: &str, audit: &mut Audit) -> Result<(), String> {
    let err = |e: fantoccini::error::CmdError| e.to_string();
    let narrow = json!({ "width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": true });
    devtools(client, "Emulation.setDeviceMetricsOverride", narrow)
        .await
        .ok_or("Chromium sets a 320-pixel screen")?;
    client
        .goto(&format!("{address}/login"))
        .await
        .map_err(err)?;
    fill(client, "Email address", "translator@demo.concord.example").await;
    fill(client, "Password", "concord-demo-2018").await;
    press(client, "Sign in").await;
    wait_for(client, "a[href='/account']").await?;

    let version = format!("{address}/p/gcm/documents/draft/languages/fr");
    client.goto(&version).await.map_err(err)?;
    wait_for(client, ".side-by-side").await?;
    audit
        .check(client, "the French version, 320 pixels wide")
        .await?;
    // Nothing scrolls sideways; each pair is stacked, the original above, each side in
    // its language and direction.
    let layout = run(
        client,
        "const html = document.documentElement;\
         const pair = document.querySelector('.pair-current');\
         const original = pair.querySelector('.pair-original');\
         const version = pair.querySelector('.pair-version [lang]');\
         return [html.scrollWidth <= html.clientWidth + 1,\
                 original.getBoundingClientRect().bottom <= version.getBoundingClientRect().top,\
                 original.lang, original.dir, version.lang, version.dir];",
    )
    .await?;
    assert_eq!(
        layout,
        json!([true, true, "en", "ltr", "fr", "ltr"]),
        "stacked, no sideways scrolling, lang and dir on each side"
    );

    // A paragraph not translated yet: its form, the original beside the box.
    let missing = run(
        client,
        "const pair = [...document.querySelectorAll('.pair-missing')]\
           .find(p => !p.querySelector('.document-heading'));\
         return pair ? pair.id : null;",
    )
    .await?;
    let id = missing
        .as_str()
        .ok_or("a paragraph not translated")?
        .to_string();
    let link = wait_for(client, &format!("#{id} .pair-state a")).await?;
    link.click().await.map_err(err)?;
    wait_for(client, "textarea#text").await?;
    audit
        .check(client, "translating a paragraph, 320 pixels wide")
        .await?;
    fill(client, "Translation (Français)", FRENCH).await;
    press(client, "Save").await;
    wait_for_url(client, &format!("#{id}")).await?;
    let saved = wait_for(client, &format!("#{id}.pair-current")).await?;
    let text = saved.text().await.map_err(err)?;
    assert!(
        text.contains(FRENCH),
        "the translation beside the original: {text}"
    );
    audit
        .check(client, "the French version after saving")
        .await?;
    Ok(())
}
