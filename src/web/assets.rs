//! The stylesheet and icon, compiled into the binary so one file runs everything.

use actix_web::http::header;
use actix_web::{HttpResponse, get};

const STYLESHEET: &str = include_str!("../../static/concord.css");
const FAVICON: &str = include_str!("../../static/favicon.svg");
const AUTOSAVE: &str = include_str!("../../static/autosave.js");

/// The stylesheet's URL carries a version, so it can be cached for long.
pub const STYLESHEET_PATH: &str = concat!("/static/concord.css?v=", env!("CARGO_PKG_VERSION"));

#[get("/static/concord.css")]
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(STYLESHEET)
}

#[get("/favicon.svg")]
pub async fn favicon() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(FAVICON)
}

/// The one script: saves drafts while people type. Pages work without it.
#[get("/static/autosave.js")]
pub async fn autosave_script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(AUTOSAVE)
}
