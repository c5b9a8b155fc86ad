//! Static assets: pages link them under URLs carrying a hash of their bytes, which answer with
//! a year-long immutable cache; another hash is not found; the plain URLs keep working.

use reqwest::StatusCode;

use crate::helpers::{Backend, Browser, spawn_app};

/// The `href`/`src` of the first tag in `html` that starts with `tag_start`.
fn link_of(html: &str, tag_start: &str, attribute: &str) -> String {
    let tag = &html[html
        .find(tag_start)
        .unwrap_or_else(|| panic!("{tag_start} in the page"))..];
    let tag = &tag[..tag.find('>').expect("the tag closes")];
    let marker = format!("{attribute}=\"");
    let start = tag.find(&marker).expect("the attribute") + marker.len();
    tag[start..start + tag[start..].find('"').expect("a quote")].to_string()
}

/// Fetches `url` and checks it is served as a lasting, hashed asset of that type and bytes.
async fn assert_lasting(browser: &Browser, url: &str, content_type: &str, file: &str) {
    let (stem, extension) = file.rsplit_once('.').expect("an extension");
    let hash = url
        .strip_prefix(&format!("/static/{stem}."))
        .and_then(|rest| rest.strip_suffix(&format!(".{extension}")))
        .unwrap_or_else(|| panic!("{url} is /static/{stem}.<hash>.{extension}"));
    assert!(
        hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{url} carries a hash"
    );
    let response = browser.get(url).await;
    assert_eq!(response.status(), StatusCode::OK, "{url}");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        header("cache-control"),
        "public, max-age=31536000, immutable",
        "{url}"
    );
    assert!(header("content-type").starts_with(content_type), "{url}");
    assert_eq!(header("x-content-type-options"), "nosniff", "{url}");
    let expected = std::fs::read(format!("{}/static/{file}", env!("CARGO_MANIFEST_DIR")))
        .expect("the asset's file");
    assert_eq!(
        response.bytes().await.expect("a body").as_ref(),
        &expected[..]
    );

    let wrong = url.replace(hash, &"0".repeat(hash.len()));
    assert_eq!(
        browser.get(&wrong).await.status(),
        StatusCode::NOT_FOUND,
        "{wrong}"
    );
}

#[tokio::test]
async fn pages_link_assets_under_lasting_hashed_urls() {
    let app = spawn_app(Backend::Sqlite).await.expect("a SQLite app");
    let browser = app.new_browser();
    for page in ["/", "/login", "/no-such-page"] {
        let (_, html) = browser.get_text(page).await;
        let stylesheet = link_of(&html, "<link rel=\"stylesheet\"", "href");
        assert_lasting(&browser, &stylesheet, "text/css", "concord.css").await;
        let icon = link_of(&html, "<link rel=\"icon\"", "href");
        assert_lasting(&browser, &icon, "image/svg+xml", "favicon.svg").await;
    }
    // The script is linked by the contribution form only; the URL it links is this one.
    let script = concord::web::assets::autosave_url();
    assert_lasting(&browser, script, "text/javascript", "autosave.js").await;
    assert_eq!(
        browser
            .get("/static/nothing.0123456789abcdef.css")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // Old pages' plain URLs still answer, cached briefly, since their bytes change.
    for (url, content_type) in [
        ("/static/concord.css", "text/css"),
        ("/favicon.svg", "image/svg+xml"),
        ("/static/autosave.js", "text/javascript"),
    ] {
        let response = browser.get(url).await;
        assert_eq!(response.status(), StatusCode::OK, "{url}");
        let headers = response.headers();
        let cache = headers["cache-control"].to_str().expect("text");
        assert!(
            cache.starts_with("public") && !cache.contains("immutable"),
            "{url}: {cache}"
        );
        assert!(
            headers["content-type"]
                .to_str()
                .expect("text")
                .starts_with(content_type)
        );
    }
}
