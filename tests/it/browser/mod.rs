//! Browser tests: Debian's Chromium, driven through chromedriver, the way a person uses
//! Concord: fields found by their labels, buttons by their text, keyboard focus visible.

mod audit;
mod events;
mod journeys;
mod keep;
mod mail;
mod negotiation;
mod pages;
mod translations;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::helpers::{Backend, PASSWORD, spawn_app};

pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";

/// A chromedriver process, stopped when dropped.
pub(crate) struct Driver {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Starts chromedriver and a headless Chromium; `None` (with a loud message) where they are
/// not installed, except in CI, where their absence fails the test.
pub(crate) async fn browser() -> Option<(Client, Driver)> {
    if !std::path::Path::new(CHROMEDRIVER).exists() || !std::path::Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var("CI").is_err(),
            "CI must install chromium and chromium-driver (see .ci/run)"
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "\nBrowser tests SKIPPED: install Debian's chromium and chromium-driver to run them.\n"
        );
        return None;
    }
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let profile = tempfile::tempdir().expect("a profile directory");
    let driver = Driver {
        child,
        port,
        _profile: profile,
    };
    let capabilities = json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--window-size=1280,900",
                format!("--user-data-dir={}", driver._profile.path().display()),
            ]
        }
    });
    let capabilities = match capabilities {
        serde_json::Value::Object(map) => map,
        _ => unreachable!("an object literal"),
    };
    let url = format!("http://127.0.0.1:{}", driver.port);
    for _ in 0..100 {
        match ClientBuilder::native()
            .capabilities(capabilities.clone())
            .connect(&url)
            .await
        {
            Ok(client) => return Some((client, driver)),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    panic!("chromedriver did not answer on {url}");
}

/// Types into the field whose label reads `label`, as a person finds it.
pub(crate) async fn fill(client: &Client, label: &str, value: &str) {
    let label_element = client
        .find(Locator::XPath(&format!(
            "//label[normalize-space()='{label}']"
        )))
        .await
        .unwrap_or_else(|e| panic!("a field labelled {label:?}: {e}"));
    let id = label_element
        .attr("for")
        .await
        .expect("the label's for attribute")
        .expect("the label names its field");
    let field = client
        .find(Locator::Id(&id))
        .await
        .expect("the labelled field");
    field.clear().await.expect("cleared");
    field.send_keys(value).await.expect("typed");
}

pub(crate) async fn choose(client: &Client, label: &str, option_text: &str) {
    let label_element = client
        .find(Locator::XPath(&format!(
            "//label[normalize-space()='{label}']"
        )))
        .await
        .unwrap_or_else(|e| panic!("a select labelled {label:?}: {e}"));
    let id = label_element.attr("for").await.expect("for").expect("for");
    let select = client.find(Locator::Id(&id)).await.expect("the select");
    select.select_by_label(option_text).await.expect("chosen");
}

pub(crate) async fn press(client: &Client, text: &str) {
    client
        .find(Locator::XPath(&format!(
            "//button[normalize-space()='{text}']"
        )))
        .await
        .unwrap_or_else(|e| panic!("a button {text:?}: {e}"))
        .click()
        .await
        .expect("clicked");
}

/// Waits for the page a click led to: until an element matching `css` is there.
pub(crate) async fn wait_for(
    client: &Client,
    css: &str,
) -> Result<fantoccini::elements::Element, String> {
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .map_err(|e| format!("waiting for {css}: {e}"))
}

/// Waits until an element matching `css` holds `needle`, and gives its text. The page a click
/// is leaving may hold a match too (a notice, say), which goes stale once the next page
/// arrives: this reads again until the text is the one looked for.
pub(crate) async fn wait_for_text(
    client: &Client,
    css: &str,
    needle: &str,
) -> Result<String, String> {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(element) = client.find(Locator::Css(css)).await {
            match element.text().await {
                Ok(text) if text.contains(needle) => return Ok(text),
                Ok(text) => last = text,
                // Stale: the page changed between finding the element and reading it.
                Err(_) => {}
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("{css} never held {needle:?} (last read: {last:?})"))
}

/// Waits until the address holds `fragment`: the click's page has arrived.
pub(crate) async fn wait_for_url(client: &Client, fragment: &str) -> Result<(), String> {
    for _ in 0..100 {
        let url = client.current_url().await.map_err(|e| e.to_string())?;
        if url.as_str().contains(fragment) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("the address never held {fragment}"))
}

pub(crate) async fn document_attribute(client: &Client, name: &str) -> String {
    client
        .execute(
            &format!("return document.documentElement.getAttribute('{name}');"),
            vec![],
        )
        .await
        .expect("script ran")
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn a_newcomer_registers_signs_in_and_switches_to_arabic() {
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    let Some((client, _driver)) = browser().await else {
        return;
    };
    let outcome = journey(&client, &app.address).await;
    let _ = client.close().await;
    outcome.expect("the journey succeeds");
}

async fn journey(client: &Client, address: &str) -> Result<(), String> {
    client
        .goto(&format!("{address}/"))
        .await
        .map_err(|e| e.to_string())?;

    // The skip link is the first thing the keyboard reaches.
    client
        .execute("document.body.focus();", vec![])
        .await
        .map_err(|e| e.to_string())?;
    let first = client.active_element().await.map_err(|e| e.to_string())?;
    first
        .send_keys("\u{E004}")
        .await
        .map_err(|e| e.to_string())?; // Tab
    let focused = client
        .execute("return document.activeElement.className;", vec![])
        .await
        .map_err(|e| e.to_string())?;
    assert_eq!(focused.as_str(), Some("skip-link"));

    client
        .find(Locator::LinkText("Register"))
        .await
        .map_err(|e| e.to_string())?
        .click()
        .await
        .map_err(|e| e.to_string())?;
    fill(client, "Email address", "layla@example.org").await;
    fill(client, "Your name", "ليلى حداد").await;
    fill(
        client,
        "Organisation or delegation",
        "Arab Network for Migrants' Rights",
    )
    .await;
    choose(client, "Stakeholder category", "Civil society").await;
    fill(client, "Password", PASSWORD).await;
    fill(client, "Password, again", PASSWORD).await;
    press(client, "Register").await;

    let notice = wait_for(client, ".notice").await?;
    let text = notice.text().await.map_err(|e| e.to_string())?;
    assert!(
        text.contains("Thank you for registering"),
        "registration acknowledged: {text}"
    );
    fill(client, "Email address", "layla@example.org").await;
    fill(client, "Password", PASSWORD).await;
    press(client, "Sign in").await;
    let name = wait_for(client, "a[href='/account'] bdi").await?;
    assert_eq!(
        name.text().await.map_err(|e| e.to_string())?,
        "ليلى حداد",
        "the name shows in the navigation once signed in"
    );

    choose(client, "Language", "العربية").await;
    press(client, "Change").await;
    wait_for(client, "html[dir='rtl']").await?;
    assert_eq!(document_attribute(client, "lang").await, "ar");
    let body = client.source().await.map_err(|e| e.to_string())?;
    assert!(!body.contains(">Sign out<"), "the interface is in Arabic");

    // The choice is kept on the account: the account page is Arabic and right-to-left too.
    client
        .goto(&format!("{address}/account"))
        .await
        .map_err(|e| e.to_string())?;
    wait_for(client, "#password-heading").await?;
    assert_eq!(document_attribute(client, "dir").await, "rtl");
    // The layout mirrors: the brand sits at the right edge in right-to-left.
    let brand_right = client
        .execute(
            "const r = document.querySelector('.brand').getBoundingClientRect(); return window.innerWidth - r.right;",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    assert!(
        brand_right.as_f64().unwrap_or(1e9) < 400.0,
        "brand on the right: {brand_right}"
    );
    Ok(())
}

#[tokio::test]
async fn a_stakeholder_writes_in_arabic_saves_submits_and_finds_it() {
    let Some(app) = crate::helpers::spawn_app_with(Backend::Sqlite, &[], true).await else {
        return;
    };
    let Some((client, _driver)) = browser().await else {
        return;
    };
    let outcome = contribution_journey(&client, &app.address).await;
    let _ = client.close().await;
    outcome.expect("the journey succeeds");
}

async fn contribution_journey(client: &Client, address: &str) -> Result<(), String> {
    let err = |e: fantoccini::error::CmdError| e.to_string();
    client
        .goto(&format!("{address}/login"))
        .await
        .map_err(err)?;
    fill(client, "Email address", "stakeholder@demo.concord.example").await;
    fill(client, "Password", "concord-demo-2018").await;
    press(client, "Sign in").await;
    wait_for(client, "a[href='/account']").await?;

    client
        .goto(&format!("{address}/p/gcm/contributions"))
        .await
        .map_err(err)?;
    client
        .find(Locator::LinkText("Write a contribution"))
        .await
        .map_err(err)?
        .click()
        .await
        .map_err(err)?;
    wait_for(client, "#title").await?;
    let title = "حماية حقوق العمال المهاجرين";
    fill(client, "Title", title).await;
    fill(
        client,
        "Text",
        "ينبغي للدول أن تضمن العمل اللائق لجميع العمال المهاجرين.",
    )
    .await;

    // The script saves the draft on its own a few seconds after typing stops.
    let saved = client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::XPath(
            "//p[@id='autosave-status' and contains(., 'saved automatically')]",
        ))
        .await;
    assert!(saved.is_ok(), "the draft was saved automatically");

    press(client, "Save draft").await;
    wait_for_url(client, "notice=draft-saved").await?;
    let notice = wait_for(client, ".notice").await?;
    assert!(
        notice
            .text()
            .await
            .map_err(err)?
            .contains("draft has been saved")
    );
    let url = client.current_url().await.map_err(err)?;
    assert!(
        url.path().contains("/contributions/drafts/"),
        "one draft, kept: {url}"
    );

    press(client, "Submit publicly").await;
    wait_for_url(client, "notice=submitted").await?;
    let receipt = wait_for(client, ".receipt").await?;
    let text = receipt.text().await.map_err(err)?;
    assert!(
        text.contains("GCM/WC/"),
        "the receipt has its reference: {text}"
    );

    client
        .goto(&format!("{address}/p/gcm/contributions"))
        .await
        .map_err(err)?;
    fill(client, "Search", "المهاجرين").await;
    press(client, "Search").await;
    wait_for_url(client, "q=").await?;
    let result = wait_for(client, ".result-title a").await?;
    assert_eq!(result.text().await.map_err(err)?, title);
    Ok(())
}

#[tokio::test]
async fn a_rapporteur_works_the_queue_and_publishes_the_group_report() {
    let Some(app) = crate::helpers::spawn_app_with(Backend::Sqlite, &[], true).await else {
        return;
    };
    let Some((client, _driver)) = browser().await else {
        return;
    };
    let outcome = review_journey(&client, &app.address).await;
    let _ = client.close().await;
    outcome.expect("the journey succeeds");
}

async fn sign_in_as(client: &Client, address: &str, email: &str) -> Result<(), String> {
    client
        .goto(&format!("{address}/login"))
        .await
        .map_err(|e| e.to_string())?;
    fill(client, "Email address", email).await;
    fill(client, "Password", "concord-demo-2018").await;
    press(client, "Sign in").await;
    wait_for(client, "a[href='/account']").await?;
    Ok(())
}

async fn sign_out(client: &Client) -> Result<(), String> {
    press(client, "Sign out").await;
    wait_for(client, "a[href='/login']").await?;
    Ok(())
}

/// Submits a proposal to group 1 through the form; its reference, from the address.
async fn submit_proposal(
    client: &Client,
    address: &str,
    title: &str,
    commitment: &str,
) -> Result<String, String> {
    let err = |e: fantoccini::error::CmdError| e.to_string();
    client
        .goto(&format!("{address}/p/gcm/proposals/new?group=1"))
        .await
        .map_err(err)?;
    wait_for(client, "#title").await?;
    fill(client, "Title", title).await;
    fill(client, "Commitment", commitment).await;
    fill(
        client,
        "Actionable measures",
        "Conclude bilateral labour agreements\nMake social security portable",
    )
    .await;
    press(client, "Submit proposal").await;
    wait_for_url(client, "notice=proposal-submitted").await?;
    let url = client.current_url().await.map_err(err)?;
    let slug = url.path().rsplit('/').next().unwrap_or_default();
    Ok(slug.replace('-', "/"))
}

/// From the queue, opens the proposal titled `title`, and records a decision on it.
async fn decide_in_browser(
    client: &Client,
    address: &str,
    title: &str,
    decision: &str,
    rationale: &str,
    target: Option<&str>,
) -> Result<(), String> {
    let err = |e: fantoccini::error::CmdError| e.to_string();
    client
        .goto(&format!("{address}/p/gcm/groups/1/review"))
        .await
        .map_err(err)?;
    client
        .find(Locator::LinkText(title))
        .await
        .map_err(err)?
        .click()
        .await
        .map_err(err)?;
    wait_for(client, "#decision").await?;
    choose(client, "Decision", decision).await;
    fill(client, "Rationale", rationale).await;
    if let Some(reference) = target {
        fill(
            client,
            "Other proposal (for a merge or a duplicate)",
            reference,
        )
        .await;
    }
    press(client, "Record decision").await;
    wait_for_url(client, "notice=decision-recorded").await?;
    Ok(())
}

/// The text of the first paragraph is replaced (after linking `source` to it, when given);
/// the working copy comes back saved.
async fn edit_first_paragraph(
    client: &Client,
    text: &str,
    source: Option<&str>,
) -> Result<(), String> {
    let err = |e: fantoccini::error::CmdError| e.to_string();
    // The first edit link is the opening heading's; the second, the first paragraph's.
    let links = client
        .find_all(Locator::Css(".node-tools a[href$='/edit']"))
        .await
        .map_err(err)?;
    let link = links.get(1).ok_or("a paragraph to edit")?;
    link.click().await.map_err(err)?;
    wait_for(client, "#text").await?;
    if let Some(reference) = source {
        fill(client, "Reference", reference).await;
        press(client, "Link a source").await;
        wait_for_url(client, "notice=saved").await?;
        wait_for(client, "#text").await?;
    }
    fill(client, "Text", text).await;
    // After a linked source the edit page's own address already says `notice=saved`: wait
    // for the address to change, or the next step may run on the edit page still (it did,
    // once, under a loaded CI run).
    let editing = client.current_url().await.map_err(err)?;
    press(client, "Save").await;
    for _ in 0..100 {
        let url = client.current_url().await.map_err(err)?;
        if url != editing && url.as_str().contains("notice=saved") {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err("the saved paragraph's page never came".into())
}

/// How the queue lists a proposal: its title as the heading's link.
fn listed(title: &str) -> String {
    format!(">{title}</a></h2>")
}

async fn publish(client: &Client, label: &str) -> Result<(), String> {
    fill(client, "Name of the revision", label).await;
    // The demo's report was published as "Final": publishing after it is confirmed.
    if let Ok(confirm) = client.find(Locator::Id("confirm_final")).await {
        confirm.click().await.map_err(|e| e.to_string())?;
    }
    press(client, "Publish").await;
    wait_for_url(client, "notice=published").await?;
    Ok(())
}

async fn review_journey(client: &Client, address: &str) -> Result<(), String> {
    let err = |e: fantoccini::error::CmdError| e.to_string();
    let accepted = "Safe pathways for migrant workers";
    let revised = "Portable pensions for migrant workers";
    let merged = "More safe pathways for workers";

    // Three proposals to group 1, from two stakeholders.
    sign_in_as(client, address, "stakeholder@demo.concord.example").await?;
    let accepted_ref = submit_proposal(
        client,
        address,
        accepted,
        "States commit to open regular pathways for migrant workers.",
    )
    .await?;
    let merged_ref = submit_proposal(
        client,
        address,
        merged,
        "States commit to open more regular pathways for migrant workers.",
    )
    .await?;
    sign_out(client).await?;
    sign_in_as(client, address, "stakeholder2@demo.concord.example").await?;
    submit_proposal(
        client,
        address,
        revised,
        "States commit to make pensions portable.",
    )
    .await?;
    sign_out(client).await?;

    // The rapporteur finds the queue from the group's page and works through it.
    sign_in_as(client, address, "rapporteur@demo.concord.example").await?;
    client
        .goto(&format!("{address}/p/gcm/groups/1"))
        .await
        .map_err(err)?;
    client
        .find(Locator::LinkText("Review queue"))
        .await
        .map_err(err)?
        .click()
        .await
        .map_err(err)?;
    wait_for_url(client, "/groups/1/review").await?;
    let queue = client.source().await.map_err(err)?;
    for title in [accepted, revised, merged] {
        assert!(queue.contains(&listed(title)), "{title} awaits review");
    }
    assert!(
        queue.contains("% alike"),
        "the two pathways proposals stand side by side"
    );

    decide_in_browser(
        client,
        address,
        accepted,
        "Accept",
        "A concrete commitment with clear measures.",
        None,
    )
    .await?;
    decide_in_browser(
        client,
        address,
        revised,
        "Request a revision",
        "Say which social security agreements are meant, and by when.",
        None,
    )
    .await?;
    decide_in_browser(
        client,
        address,
        merged,
        "Merge into another proposal",
        "The same commitment as the accepted one.",
        Some(&accepted_ref),
    )
    .await?;
    let queue = client.source().await.map_err(err)?;
    for title in [accepted, revised, merged] {
        assert!(!queue.contains(&listed(title)), "{title} is decided");
    }

    // The merged proposal stays readable and points to the result.
    client
        .goto(&format!(
            "{address}/p/gcm/proposals/{}",
            merged_ref.replace('/', "-")
        ))
        .await
        .map_err(err)?;
    let decision = wait_for(client, ".standing-decision").await?;
    let text = decision.text().await.map_err(err)?;
    assert!(
        text.contains("Merged into") && text.contains(&accepted_ref),
        "{text}"
    );

    // The rapporteur compiles the group report from the accepted proposal (or, where the
    // demo has one already, opens it and cites the proposal in its first paragraph).
    client
        .goto(&format!("{address}/p/gcm/groups/1"))
        .await
        .map_err(err)?;
    let group = client.source().await.map_err(err)?;
    let compiled = group.contains("Compile the group report");
    if compiled {
        press(client, "Compile the group report").await;
        wait_for_url(client, "/documents/group-1-report?view=working").await?;
        let report = client.source().await.map_err(err)?;
        assert!(
            report.contains(accepted),
            "generated from the accepted proposal"
        );
    } else {
        client
            .goto(&format!(
                "{address}/p/gcm/documents/group-1-report?view=working"
            ))
            .await
            .map_err(err)?;
        wait_for(client, ".node-tools").await?;
    }
    let cite = (!compiled).then_some(accepted_ref.as_str());
    edit_first_paragraph(
        client,
        "Participants proposed regular pathways for migrant workers.",
        cite,
    )
    .await?;
    publish(client, "First draft").await?;
    client
        .goto(&format!(
            "{address}/p/gcm/documents/group-1-report?view=working"
        ))
        .await
        .map_err(err)?;
    edit_first_paragraph(
        client,
        "Participants proposed safe and regular pathways for all migrant workers.",
        None,
    )
    .await?;
    publish(client, "Second draft").await?;

    client
        .find(Locator::LinkText("Compare revisions"))
        .await
        .map_err(err)?
        .click()
        .await
        .map_err(err)?;
    wait_for_url(client, "/compare").await?;
    let inserted = wait_for(client, ".comparison ins").await?;
    let words = inserted.text().await.map_err(err)?;
    assert!(
        words.contains("safe and"),
        "the added words are marked: {words}"
    );
    let page = client.source().await.map_err(err)?;
    assert!(page.contains("First draft") && page.contains("Second draft"));

    // The accepted proposal says where it was used.
    client
        .goto(&format!(
            "{address}/p/gcm/proposals/{}",
            accepted_ref.replace('/', "-")
        ))
        .await
        .map_err(err)?;
    let uses = wait_for(client, "section[aria-labelledby='uses-heading']").await?;
    let text = uses.text().await.map_err(err)?;
    assert!(text.contains("First draft, paragraph 1"), "{text}");
    assert!(text.contains("Second draft, paragraph 1"), "{text}");
    Ok(())
}
