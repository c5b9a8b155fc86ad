//! The compilation text of a round: the revision paragraph by paragraph with every amendment
//! not withdrawn, additions in bold and deletions struck through, proponents in brackets,
//! supporters and opponents; as a page and in every export format, each read back; a
//! restricted round's compilation is not found outside its delegations, in any format.

use reqwest::StatusCode;

use super::{amendment, open_round, post, setup};
use crate::exports::{
    assert_valid_akoma_ntoso, chromium_installed, docx_paragraphs, download, pdf_text,
};
use crate::helpers::{Backend, spawn_app};
use crate::on_both_backends;

on_both_backends!(the_compilation_text_is_read_and_exported_by_those_who_may);

const FORMATS: [&str; 5] = ["md", "html", "docx", "pdf", "akn.xml"];

async fn the_compilation_text_is_read_and_exported_by_those_who_may(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let cast = setup(&app).await;
    let round = open_round(
        &cast,
        "First reading",
        "2020-01-01T00:00",
        "2099-01-01T00:00",
        "delegations",
    )
    .await;
    let amendments = format!("{round}/amendments");
    // 1: Mexico for its group, joined by Switzerland; 2: Switzerland, opposed by Mexico;
    // 3: withdrawn, so not compiled.
    for (browser, fields) in [
        (
            &cast.alice,
            amendment(&cast.mexico, &cast.group, "accurate", "reliable"),
        ),
        (&cast.bob, {
            let mut f = amendment(&cast.switzerland, "", "adverse", "");
            f[0] = ("node", "p2");
            f[1] = ("kind", "delete");
            f
        }),
        (
            &cast.alice,
            amendment(&cast.mexico, "", "data", "Withdrawn words"),
        ),
    ] {
        let response = post(browser, &amendments, &fields).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    for (browser, delegation, number, stance) in [
        (&cast.bob, &cast.switzerland, 1, "join"),
        (&cast.alice, &cast.mexico, 2, "oppose"),
    ] {
        let response = post(
            browser,
            &format!("{round}/amendments/{number}/position"),
            &[
                ("delegation", delegation.as_str()),
                ("on_behalf_of", ""),
                ("stance", stance),
            ],
        )
        .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
    }
    let response = post(
        &cast.alice,
        &format!("{round}/amendments/3/withdraw"),
        &[("", "")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    // The page, linked from the round's.
    let compilation = format!("{round}/compilation");
    let (_, page) = cast.bob.get_text(&round).await;
    assert!(page.contains(&format!("href=\"{compilation}\"")), "{page}");
    let (status, page) = cast.bob.get_text(&compilation).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Collect and utilize <del>accurate</del><ins>reliable</ins> data."),
        "{page}"
    );
    assert!(page.contains("[<bdi>Mexico</bdi>, on behalf of <bdi>GoF</bdi>]"));
    assert!(page.contains("Joined by <bdi>Switzerland</bdi>."));
    assert!(page.contains("Minimize <del>adverse</del> drivers."));
    assert!(page.contains("Opposed by <bdi>Mexico</bdi>."));
    assert!(!page.contains("Withdrawn words"));
    for format in FORMATS {
        assert!(
            page.contains(&format!("href=\"{compilation}.{format}\"")),
            "{format}"
        );
    }

    // Each export, read back.
    let md = download(&cast.bob, &format!("{compilation}.md")).await;
    assert_eq!(md.status_code(), StatusCode::OK);
    let md = md.text();
    assert!(md.contains("~~accurate~~ **reliable**"), "{md}");
    assert!(md.contains(r"\[Mexico, on behalf of GoF\]"), "{md}");
    assert!(!md.contains("Withdrawn words"));
    let html = download(&cast.bob, &format!("{compilation}.html"))
        .await
        .text();
    assert!(html.contains("accurate</del>"), "{html}");
    assert!(html.contains("reliable</strong>"), "{html}");
    let docx = download(&cast.bob, &format!("{compilation}.docx")).await;
    assert_eq!(docx.status_code(), StatusCode::OK);
    let paragraphs: Vec<String> = docx_paragraphs(&docx.bytes)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    assert!(
        paragraphs.iter().any(|p| p.contains(
            "Collect and utilize accurate reliable data. [Mexico, on behalf of GoF] Joined by: Switzerland."
        )),
        "{paragraphs:?}"
    );
    let akn = download(&cast.bob, &format!("{compilation}.akn.xml")).await;
    assert_eq!(akn.status_code(), StatusCode::OK);
    assert_valid_akoma_ntoso(&akn.bytes);
    let xml = String::from_utf8(akn.bytes).expect("UTF-8");
    assert!(xml.contains("<del>accurate</del>"), "{xml}");
    assert!(xml.contains("<ins>reliable</ins>"), "{xml}");
    assert!(
        !xml.contains("<b>"),
        "additions are insertions, not bold: {xml}"
    );
    if chromium_installed() {
        let pdf = download(&cast.bob, &format!("{compilation}.pdf")).await;
        assert_eq!(pdf.status_code(), StatusCode::OK);
        let text = pdf_text(&pdf.bytes);
        assert!(text.contains("reliable"), "{text}");
        assert!(text.contains("Joined by: Switzerland"), "{text}");
    }

    // What a delegation types is compiled as text in every format, never as markup or as
    // brackets of the text.
    let hostile = "<script>alert(1)</script> [x](javascript:alert(1)) **loud** [alt {A/9}]";
    let response = post(
        &cast.alice,
        &amendments,
        &amendment(&cast.mexico, "", "data", hostile),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = cast.bob.get_text(&compilation).await;
    assert!(!page.contains("<script>alert(1)"), "{page}");
    assert!(page.contains("&#60;script&#62;alert(1)"), "{page}");
    for format in ["html", "md", "akn.xml"] {
        let text = download(&cast.bob, &format!("{compilation}.{format}"))
            .await
            .text();
        assert!(!text.contains("<script>alert(1)"), "{format}: {text}");
        assert!(!text.contains("href=\"javascript:"), "{format}: {text}");
        assert!(!text.contains("<strong>loud</strong>"), "{format}: {text}");
        assert!(!text.contains("<b>loud</b>"), "{format}: {text}");
        assert!(!text.contains(r#"name="alternative""#), "{format}: {text}");
    }
    let akn = download(&cast.bob, &format!("{compilation}.akn.xml")).await;
    assert_valid_akoma_ntoso(&akn.bytes);

    // Restricted: not found to a stakeholder or an anonymous visitor, page and every format;
    // the co-facilitator and the secretariat read it.
    let anonymous = app.new_browser();
    for (who, browser) in [
        ("stakeholder", &cast.stakeholder),
        ("anonymous", &anonymous),
    ] {
        let (status, body) = browser.get_text(&compilation).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{who}");
        assert!(!body.contains("reliable"), "{who}");
        for format in FORMATS {
            let file = download(browser, &format!("{compilation}.{format}")).await;
            assert_eq!(file.status_code(), StatusCode::NOT_FOUND, "{who} {format}");
        }
    }
    for browser in [&cast.cofacilitator, &cast.secretariat] {
        let (status, _) = browser.get_text(&compilation).await;
        assert_eq!(status, StatusCode::OK);
    }
}
