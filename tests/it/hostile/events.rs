//! The XSS corpus typed into every field of the event form by the secretariat, then looked for
//! on the list, the event's page and the form: it comes back as text, also on a refused form.

use reqwest::StatusCode;

use super::{
    TEXTAREA, assert_inert, demo_app, demo_user, escaped, line, location, medium, page, short,
    shows,
};
use crate::helpers::Backend;
use crate::on_both_backends;

on_both_backends!(event_fields_come_back_escaped);

async fn event_fields_come_back_escaped(backend: Backend) {
    let Some(app) = demo_app(backend).await else {
        return;
    };
    let secretariat = demo_user(&app, "secretariat").await;
    let title = medium("E1");
    let place = medium("E2");
    let description = format!("{}\n\n{TEXTAREA}", line("E3"));
    let session = short("E4");
    let programme = format!("2017-11-06 10:00-12:00 {session}");
    let fields = [
        ("kind", "regional-consultation"),
        ("title", title.as_str()),
        ("description", description.as_str()),
        ("place", place.as_str()),
        ("time_zone", "Asia/Bangkok"),
        ("starts", "2017-11-06T09:00"),
        ("ends", "2017-11-08T17:00"),
        ("programme", programme.as_str()),
        ("public", "on"),
    ];
    let response = secretariat
        .submit("/p/gcm/events/new", "/p/gcm/events/new", &fields)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let event = location(&response)
        .trim_end_matches("?notice=saved")
        .to_string();

    shows(&secretariat, "/p/gcm/events", &[&title, &place]).await;
    let visitor = app.new_browser();
    shows(&visitor, &event, &[&title, &place, &line("E3"), &session]).await;
    shows(
        &secretariat,
        &format!("{event}/edit"),
        &[&title, &place, &session],
    )
    .await;
    page(&visitor, "/p/gcm/events", StatusCode::OK).await;

    // A refused form keeps every text, escaped: the hostile time zone included.
    let mut refused = fields.to_vec();
    let zone = short("E5");
    refused.retain(|(name, _)| *name != "time_zone");
    refused.push(("time_zone", zone.as_str()));
    let response = secretariat
        .submit("/p/gcm/events/new", "/p/gcm/events/new", &refused)
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert_inert(&html, "refused event form");
    for text in [&title, &place, &zone, &session] {
        assert!(
            html.contains(&escaped(text)),
            "the refused form keeps {text:?}"
        );
    }
}
