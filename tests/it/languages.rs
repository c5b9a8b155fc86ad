//! The interface in the six official languages of the United Nations: the browser's
//! `Accept-Language` picks one on a first visit, the chooser offers all six, and the pages of
//! the languages added last (Chinese, Russian, Spanish) carry no English in their main words.

use reqwest::StatusCode;

use crate::exports::{chromium_installed, download, pdf_text, publish, setup};
use crate::helpers::{Backend, bare_client, spawn_app, with_db};
use crate::on_both_backends;

on_both_backends!(
    the_browser_language_picks_chinese_russian_or_spanish,
    the_chooser_offers_the_six_languages_in_un_order,
    a_process_page_has_no_english_left,
    a_language_chosen_while_signed_in_is_kept_on_the_account,
    a_printed_draft_speaks_its_own_language_in_its_margins,
);

/// For each new language: an `Accept-Language` header that asks for it, the `lang` code the
/// page gets, and words of the sign-in page in that language.
const NEW_LANGUAGES: [(&str, &str, [&str; 3]); 3] = [
    (
        "zh-CN,zh;q=0.9,en;q=0.8",
        "zh",
        ["登录", "电子邮件地址", "密码"],
    ),
    (
        "ru-RU,ru;q=0.9",
        "ru",
        ["Войти", "Адрес электронной почты", "Пароль"],
    ),
    (
        "es-ES,es;q=0.9,en;q=0.5",
        "es",
        [
            "Iniciar sesión",
            "Dirección de correo electrónico",
            "Contraseña",
        ],
    ),
];

/// English words of the page header and the sign-in form, none of which may be left.
const ENGLISH: [&str; 7] = [
    ">Sign in<",
    ">Register<",
    ">Email address<",
    ">Password<",
    ">Language<",
    ">Change<",
    "Skip to main content",
];

async fn page_in(address: &str, path: &str, accept_language: &str) -> String {
    bare_client()
        .get(format!("{address}{path}"))
        .header("Accept-Language", accept_language)
        .send()
        .await
        .expect("answered")
        .text()
        .await
        .expect("body")
}

async fn the_browser_language_picks_chinese_russian_or_spanish(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    for (header, code, words) in NEW_LANGUAGES {
        let page = page_in(&app.address, "/login", header).await;
        assert!(
            page.contains(&format!("<html lang=\"{code}\" dir=\"ltr\">")),
            "{header}: the page is in {code}"
        );
        for word in words {
            assert!(page.contains(word), "{code}: the sign-in page says {word}");
        }
        for english in ENGLISH {
            assert!(!page.contains(english), "{code}: English left: {english}");
        }
    }
}

async fn the_chooser_offers_the_six_languages_in_un_order(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let page = page_in(&app.address, "/login", "ru").await;
    let options = [
        ("ar", "العربية"),
        ("zh", "中文"),
        ("en", "English"),
        ("fr", "Français"),
        ("ru", "Русский"),
        ("es", "Español"),
    ];
    let mut last = 0;
    for (code, name) in options {
        let selected = if code == "ru" { " selected" } else { "" };
        let option = format!("<option value=\"{code}\" lang=\"{code}\"{selected}>{name}</option>");
        let at = page
            .find(&option)
            .unwrap_or_else(|| panic!("the chooser offers {option}"));
        assert!(at > last, "{name} comes after the languages before it");
        last = at;
    }
    assert_eq!(
        page.matches("<option value=").count(),
        6,
        "six languages, no more"
    );
}

async fn a_process_page_has_no_english_left(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app.first_administrator("admin@example.org").await;
    app.create_process(&admin, "gcm").await;
    let expected = [
        ("zh", ["行动小组", "书面意见", "承诺提案", "阶段"]),
        (
            "ru",
            [
                "Группы действий",
                "Письменные материалы",
                "Предложения об обязательствах",
                "Этапы",
            ],
        ),
        (
            "es",
            [
                "Grupos de acción",
                "Contribuciones escritas",
                "Propuestas de compromisos",
                "Fases",
            ],
        ),
    ];
    for (code, words) in expected {
        let page = page_in(&app.address, "/p/gcm", code).await;
        assert!(page.contains(&format!("<html lang=\"{code}\"")));
        for word in words {
            assert!(page.contains(word), "{code}: the process page says {word}");
        }
        for english in [
            ">Action groups<",
            ">Written contributions<",
            ">Commitment proposals<",
            ">Phases<",
            ">Consultation<",
            ">Sign in<",
        ] {
            assert!(!page.contains(english), "{code}: English left: {english}");
        }
    }
}

async fn a_language_chosen_while_signed_in_is_kept_on_the_account(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let browser = app
        .participant("lin@example.org", "Lin", "Some NGO", "civil-society")
        .await;
    browser
        .submit(
            "/account",
            "/language",
            &[("lang", "zh"), ("next", "/account")],
        )
        .await;
    let (_, page) = browser.get_text("/account").await;
    assert!(page.contains("<html lang=\"zh\" dir=\"ltr\">"));
    assert!(page.contains("您的账户"), "the account page is in Chinese");
    let stored = with_db(&app, |conn| {
        use concord::db::schema::accounts::dsl::*;
        use diesel::prelude::*;
        accounts
            .filter(email.eq("lin@example.org"))
            .select(language)
            .first::<Option<String>>(conn)
            .expect("the account")
    })
    .await;
    assert_eq!(stored.as_deref(), Some("zh"));
}

/// The draft in Chinese, in Russian and in Spanish, printed for an English reader: its page
/// numbers are in the document's words, not the reader's. (Chromium embeds the Noto CJK
/// glyphs as Type 3 fonts, without a name to check; a rendering of the page, looked at once,
/// shows them in place.)
async fn a_printed_draft_speaks_its_own_language_in_its_margins(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    if !chromium_installed() {
        return;
    }
    let (_admin, cofacilitator) = setup(&app, false).await;
    let reader = app.new_browser();
    for (code, page_numbers, label) in [
        ("zh", "页码 1 / 1", "Zero draft"),
        ("ru", "Страница 1 из 1", "Rev.1"),
        ("es", "Página 1 de 1", "Rev.2"),
    ] {
        let response = cofacilitator
            .submit(
                "/p/gcm/documents/draft/details",
                "/p/gcm/documents/draft/details",
                &[
                    ("title", "Global Compact for Migration"),
                    ("symbol", "A/CONF.231/3"),
                    ("language", code),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{code}");
        publish(&cofacilitator, label).await;
        let pdf = download(&reader, "/p/gcm/documents/draft/export.pdf").await;
        assert!(pdf.bytes.starts_with(b"%PDF"), "{code}");
        let text = pdf_text(&pdf.bytes);
        assert!(
            text.contains(page_numbers),
            "{code}: {page_numbers} in {text}"
        );
        assert!(
            !text.contains("Page 1 of 1"),
            "{code}: no English page numbers"
        );
    }
}
