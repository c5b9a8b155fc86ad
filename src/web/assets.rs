//! The stylesheet, icon and script, compiled into the binary so one file runs everything.
//!
//! Pages link each under a URL that carries a hash of its bytes (`/static/concord.<hash>.css`,
//! from `stylesheet_url()` and its siblings, the one place templates take them from), which
//! browsers may keep for a year: new bytes make a new URL. The plain URLs of old pages still
//! answer, with a short cache. Nothing here reads the database or the request's visitor.

use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{HttpResponse, get, web};
use sha2::{Digest, Sha256};

use super::error::AppError;

/// A file served as is.
struct Asset {
    /// Its name under `/static/`, e.g. `concord.css`.
    file: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const STYLESHEET: Asset = Asset {
    file: "concord.css",
    content_type: "text/css; charset=utf-8",
    bytes: include_bytes!("../../static/concord.css"),
};
const FAVICON: Asset = Asset {
    file: "favicon.svg",
    content_type: "image/svg+xml",
    bytes: include_bytes!("../../static/favicon.svg"),
};
const AUTOSAVE: Asset = Asset {
    file: "autosave.js",
    content_type: "text/javascript; charset=utf-8",
    bytes: include_bytes!("../../static/autosave.js"),
};
/// Adds an event's times in the visitor's own zone; served under its versioned name only.
const LOCAL_TIME: Asset = Asset {
    file: "localtime.js",
    content_type: "text/javascript; charset=utf-8",
    bytes: include_bytes!("../../static/localtime.js"),
};

/// For a URL that names the bytes it serves: they never change, so keep them a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For the plain URLs, whose bytes change with each release.
const SHORT: &str = "public, max-age=300";

/// An asset's versioned file name, `concord.<hash>.css`, computed once.
struct Versioned {
    asset: Asset,
    file: String,
    url: String,
}

impl Versioned {
    fn of(asset: Asset) -> Self {
        // 64 bits of SHA-256: plenty to tell releases apart, short enough to read.
        let hash = crate::config::hex(&Sha256::digest(asset.bytes));
        let (stem, extension) = asset.file.rsplit_once('.').unwrap_or((asset.file, ""));
        let file = format!("{stem}.{}.{extension}", &hash[..16]);
        let url = format!("/static/{file}");
        Self { asset, file, url }
    }
}

static ASSETS: LazyLock<[Versioned; 4]> = LazyLock::new(|| {
    [
        Versioned::of(STYLESHEET),
        Versioned::of(FAVICON),
        Versioned::of(AUTOSAVE),
        Versioned::of(LOCAL_TIME),
    ]
});

/// The stylesheet's URL for pages to link.
pub fn stylesheet_url() -> &'static str {
    &ASSETS[0].url
}

/// The icon's URL for pages to link.
pub fn favicon_url() -> &'static str {
    &ASSETS[1].url
}

/// The autosave script's URL for pages to link.
pub fn autosave_url() -> &'static str {
    &ASSETS[2].url
}

/// The local-time script's URL for pages to link.
pub fn local_time_url() -> &'static str {
    &ASSETS[3].url
}

fn serve(asset: &Asset, cache: &'static str) -> HttpResponse {
    // The security headers' default `Cache-Control` only fills in a missing one: this wins.
    HttpResponse::Ok()
        .content_type(asset.content_type)
        .insert_header((header::CACHE_CONTROL, cache))
        .body(asset.bytes)
}

/// Any asset by its versioned name; a name with another hash (an old release's, or none of
/// ours) is not found, so a cache never keeps wrong bytes under a lasting name.
#[get("/static/{file}")]
pub async fn versioned(file: web::Path<String>) -> Result<HttpResponse, AppError> {
    ASSETS
        .iter()
        .find(|v| v.file == *file)
        .map(|v| serve(&v.asset, IMMUTABLE))
        .ok_or(AppError::NotFound)
}

#[get("/static/concord.css")]
pub async fn stylesheet() -> HttpResponse {
    serve(&STYLESHEET, SHORT)
}

#[get("/favicon.svg")]
pub async fn favicon() -> HttpResponse {
    serve(&FAVICON, SHORT)
}

/// The one script: saves drafts while people type. Pages work without it.
#[get("/static/autosave.js")]
pub async fn autosave_script() -> HttpResponse {
    serve(&AUTOSAVE, SHORT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versioned_urls_name_the_file_and_its_hash() {
        let url = stylesheet_url();
        let hash = url
            .strip_prefix("/static/concord.")
            .and_then(|rest| rest.strip_suffix(".css"))
            .unwrap_or_default();
        assert_eq!(hash.len(), 16, "{url}");
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()), "{url}");
        assert!(favicon_url().ends_with(".svg") && autosave_url().ends_with(".js"));
    }
}
