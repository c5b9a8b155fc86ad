//! A regional consultation from both sides: a stakeholder registers on the event's page,
//! agreeing to be named; the secretariat, on a phone 360 pixels wide, opens the attendance
//! page, checks them in with the button that names them, and sees them attended, nothing
//! scrolling sideways; the process's statistics then count them in the attendance charts.
//! Every page is checked by axe-core and the Nu HTML checker.

use reqwest::StatusCode;
use serde_json::json;

use super::audit::devtools;
use super::browser;
use super::journeys::{Journey, Person, Step};
use crate::helpers::{Backend, spawn_app};

const STAKEHOLDER: Person = Person {
    email: "author@example.org",
    name: "Amal Author",
    organisation: "Migrant Forum in Asia",
    category: "Civil society",
};
const SECRETARIAT: Person = Person {
    email: "samuel@un.example.org",
    name: "Samuel Okafor",
    organisation: "United Nations Secretariat",
    category: "United Nations system",
};
const EVENT: &str = "Regional consultation for Asia and the Pacific";

#[tokio::test]
async fn a_stakeholder_registers_and_the_secretariat_checks_them_in_on_a_phone() {
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    // The process, its stakeholder and secretariat, and the consultation they announced.
    let (admin, _author) = app.process_and_author().await;
    let secretariat = app
        .participant(
            SECRETARIAT.email,
            SECRETARIAT.name,
            SECRETARIAT.organisation,
            "un-system",
        )
        .await;
    app.assign_role(&admin, "gcm", SECRETARIAT.email, "secretariat", "")
        .await;
    let response = secretariat
        .submit(
            "/p/gcm/events/new",
            "/p/gcm/events/new",
            &[
                ("kind", "regional-consultation"),
                ("title", EVENT),
                ("place", "United Nations Conference Centre, Bangkok"),
                ("time_zone", "Asia/Bangkok"),
                ("starts", "2099-11-06T09:00"),
                ("ends", "2099-11-07T18:00"),
                ("capacity", "30"),
                ("public", "on"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let event = crate::helpers::location(&response)
        .trim_end_matches("?notice=saved")
        .to_string();

    let Some((client, _driver)) = browser().await else {
        return;
    };
    let mut journey = Journey::new(&client, &app.address);
    let outcome = story(&mut journey, &event).await;
    let _ = client.close().await;
    outcome.expect("the journey succeeds");
    if let Err(problems) = journey.audit.finish() {
        panic!("{problems}");
    }
}

async fn story(j: &mut Journey, event: &str) -> Step {
    stakeholder_registers(j, event).await?;
    secretariat_checks_in_on_a_phone(j, event).await?;
    the_attendance_chart_counts_them(j).await
}

/// The process's statistics, still on the phone: the event's row of the attendance chart
/// counts one registered and one attended, and so does the category chart for civil society.
async fn the_attendance_chart_counts_them(j: &mut Journey) -> Step {
    j.open("/p/gcm", "the process page, 360 pixels wide")
        .await?;
    j.follow("Engagement", "the statistics, 360 pixels wide")
        .await?;
    j.sees(&["Attendance at events", "Attendance by stakeholder category"])
        .await?;
    let chart = "section[aria-labelledby='chart-attendance'] tbody";
    let events = j.all_text_of(&format!("{chart} th")).await?;
    let figures = j.all_text_of(&format!("{chart} td")).await?;
    if !events.contains(EVENT) || figures != "1 1" {
        return Err(format!(
            "the attendance chart reads {events:?}: {figures:?}, not 1 registered and 1 attended"
        ));
    }
    let categories = j
        .all_text_of("section[aria-labelledby='chart-attendance-categories'] tbody tr")
        .await?;
    if !categories.contains("Civil society1") {
        return Err(format!("attendance by category reads {categories:?}"));
    }
    if let Some(wide) = scrolls_sideways(j).await? {
        return Err(format!("the statistics scroll sideways: {wide}"));
    }
    Ok(())
}

async fn stakeholder_registers(j: &mut Journey, event: &str) -> Step {
    // The stakeholder reads the Bangkok consultation from Geneva: the page adds its times in
    // their own zone to the event's and UTC.
    let geneva = json!({ "timezoneId": "Europe/Zurich" });
    devtools(&j.client, "Emulation.setTimezoneOverride", geneva)
        .await
        .ok_or("Chromium takes the visitor's zone")?;
    j.open("/", "the home page").await?;
    j.sign_in(&STAKEHOLDER).await?;
    j.open(event, "an event's page, open for registration")
        .await?;
    j.sees(&[EVENT, "Registration", "Places left: 30"]).await?;
    j.sees(&["In your time zone:", "(Europe/Zurich)", "(Asia/Bangkok)"])
        .await?;
    j.tick("I agree to be named among the participants").await?;
    j.press("Register", "an event's page, registered").await?;
    j.notice("You are registered.").await?;
    j.sees(&[
        "You are registered.",
        "Places left: 29",
        "Cancel my registration",
    ])
    .await?;
    j.sign_out().await
}

/// Whether the page scrolls sideways; the widest elements if it does.
async fn scrolls_sideways(j: &Journey) -> Step<Option<String>> {
    let wide = j
        .client
        .execute(
            "const html = document.documentElement;\
             if (html.scrollWidth <= html.clientWidth + 1) return null;\
             return [...document.querySelectorAll('body *')]\
               .filter(e => e.getBoundingClientRect().right > html.clientWidth + 1)\
               .slice(-3).map(e => e.outerHTML.slice(0, 100)).join(' | ');",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(wide.as_str().map(str::to_string))
}

async fn secretariat_checks_in_on_a_phone(j: &mut Journey, event: &str) -> Step {
    let narrow = json!({ "width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": true });
    devtools(&j.client, "Emulation.setDeviceMetricsOverride", narrow)
        .await
        .ok_or("Chromium sets a 360-pixel screen")?;
    j.open("/", "the home page, 360 pixels wide").await?;
    j.sign_in(&SECRETARIAT).await?;
    j.open(event, "an event's page, for the secretariat")
        .await?;
    j.follow("Attendance", "the attendance page, 360 pixels wide")
        .await?;
    j.sees(&[STAKEHOLDER.name, STAKEHOLDER.organisation, "Registered"])
        .await?;
    if let Some(wide) = scrolls_sideways(j).await? {
        return Err(format!("the attendance page scrolls sideways: {wide}"));
    }
    // The button says whom it checks in.
    j.press(
        &format!("Checked in: {}", STAKEHOLDER.name),
        "the attendance page, a participant checked in",
    )
    .await?;
    j.notice("Checked in.").await?;
    j.sees(&["Attended"]).await?;
    let attended = j.text_of("#count-attended").await?;
    if attended != "1" {
        return Err(format!("{attended} attended, not 1"));
    }
    let row = j.text_of(".attendance-list li").await?;
    if !row.contains(STAKEHOLDER.name) || !row.contains("Attended") {
        return Err(format!("the participant's row reads {row:?}"));
    }
    if let Some(wide) = scrolls_sideways(j).await? {
        return Err(format!("the attendance page scrolls sideways: {wide}"));
    }
    Ok(())
}
