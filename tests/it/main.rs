//! One integration-test binary: the real server over HTTP, on SQLite always and on
//! PostgreSQL when `CONCORD_TEST_POSTGRES_URL` names a server; and Chromium for the pages.

// Tests stop at the first surprise: panicking on an unexpected value is what they are for.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod helpers;

mod accounts;
mod admin;
mod assets;
mod bodies;
mod brackets;
mod browser;
mod calendar;
mod campaigns;
mod content_languages;
mod content_translations;
mod contributions;
mod demo;
mod documents;
mod drafting;
mod durability;
mod edges;
mod event_figures;
mod events;
mod exports;
mod fuzz;
mod heavy;
mod hidden;
mod hostile;
mod input_papers;
mod instances;
mod keep;
mod languages;
mod lists;
mod mail;
mod matrix;
mod negotiation;
mod opendata;
mod outline;
mod pagecache;
mod programme;
mod proposals;
mod review;
mod schema;
mod search;
mod security;
mod setup;
mod staff;
mod storage;
mod submissions;
mod text_languages;
mod translations;
