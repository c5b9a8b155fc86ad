//! Property tests that fuzz every form: random and hostile values (Unicode, huge texts,
//! control characters, numbers that overflow, wrong types), missing, duplicated and unknown
//! fields, random path segments, and malformed multipart bodies, posted with a valid CSRF
//! token by someone allowed to use the form. Whatever comes in, the server answers with
//! something other than a 5xx and keeps answering `/livez`.
//!
//! proptest drives the values: one `TestRunner` per form with a seed derived from the form's
//! name (or `CONCORD_FUZZ_SEED`), so a failure reproduces; the cases are generated first and
//! then sent over HTTP, since the server runs on the test's own runtime. Every failure is
//! collected and printed with the input that caused it. `CONCORD_FUZZ_CASES` changes the
//! number of cases per form.
//!
//! `forms` is the table (one row per form); `world` makes what the rows act on; `runner`
//! draws and sends the cases; `values`, `requests` and `base` are the strategies.

mod base;
mod forms;
mod requests;
mod runner;
mod values;
mod world;

use reqwest::StatusCode;

use crate::helpers::{Backend, spawn_app_with};
use crate::on_both_backends;

on_both_backends!(every_form_survives_random_and_hostile_input);

async fn every_form_survives_random_and_hostile_input(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], true).await else {
        return;
    };
    let started = std::time::Instant::now();
    let world = world::World::make(&app).await;
    let forms = forms::all(&world);
    let (failures, sent) = runner::run(&app, backend, &forms).await;
    assert!(
        failures.is_empty(),
        "{} of {sent} cases over {} forms failed:\n{}",
        failures.len(),
        forms.len(),
        failures.join("\n")
    );
    // The pages still work, for the people who used the forms.
    let p = &world.people;
    for (browser, path) in [
        (&p.stakeholder, "/p/gcm/contributions"),
        (&p.stakeholder, "/p/gcm/proposals"),
        (&p.rapporteur, "/p/gcm/groups/1/review"),
        (&p.cofacilitator, "/p/gcm/documents/draft?view=working"),
        (&p.admin, "/admin/processes/gcm/audit"),
        (&p.anonymous, "/p/gcm/open-data/proposals.json"),
    ] {
        let (status, _) = browser.get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path} after the fuzzing");
    }
    assert!(runner::alive(&app).await);
    eprintln!(
        "fuzz ({backend:?}): {sent} cases over {} forms in {:?}",
        forms.len(),
        started.elapsed()
    );
}
