//! The demo's negotiation: delegations and groups, a closed public first reading of the zero
//! draft with its amendments and proponents, its compilation text, Rev.2 with an accepted
//! alternative in brackets and a paragraph agreed ad referendum, and a second round open to
//! the delegations only.

use reqwest::StatusCode;

use crate::helpers::{Backend, spawn_app_with};

pub async fn the_demo_holds_a_negotiation(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &[], true).await else {
        return;
    };
    let password = concord::demo::logins()
        .expect("logins")
        .into_iter()
        .find(|l| l.role == "delegate of Mexico")
        .expect("a delegate's demo account")
        .password;

    // The first reading is public: anyone reads its amendments and who tabled them.
    let visitor = app.new_browser();
    let (status, round) = visitor.get_text("/p/gcm/negotiation/rounds/1").await;
    assert_eq!(status, StatusCode::OK);
    for proponent in [
        "Morocco",
        "Germany",
        "Switzerland",
        "Philippines",
        "Mexico",
        "Bangladesh",
    ] {
        assert!(round.contains(proponent), "{proponent} on the round page");
    }
    assert!(
        round.contains("AG"),
        "an amendment tabled for the African Group"
    );
    assert!(round.contains("no remittance corridor costs more than 5 per cent"));
    let (status, compilation) = visitor
        .get_text("/p/gcm/negotiation/rounds/1/compilation")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        compilation.contains("in all its dimensions"),
        "{compilation}"
    );

    // Rev.2 carries the accepted alternative in brackets, cited, and a paragraph agreed ad ref.
    let (status, rev2) = visitor
        .get_text("/p/gcm/documents/draft/revisions/rev-2")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(rev2.contains("R1 A/2"), "the bracket cites the amendment");
    assert!(rev2.contains("in line with national priorities and labour market needs"));
    assert!(rev2.contains("no remittance corridor costs more than 5 per cent"));
    assert!(rev2.contains("Agreed ad referendum"));

    // The second round is the delegations' own: not found anonymously, read by a delegate.
    let (status, _) = visitor.get_text("/p/gcm/negotiation/rounds/2").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let delegate = app.new_browser();
    let response = delegate
        .login("delegate.mexico@demo.concord.example", &password)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, second) = delegate.get_text("/p/gcm/negotiation/rounds/2").await;
    assert_eq!(status, StatusCode::OK);
    assert!(second.contains("a start-up fund for realizing project-oriented solutions"));

    // The secretariat manages the delegations and groups.
    let secretariat = app.new_browser();
    secretariat
        .login("secretariat@demo.concord.example", &password)
        .await;
    let (status, delegations) = secretariat.get_text("/p/gcm/negotiation/delegations").await;
    assert_eq!(status, StatusCode::OK);
    assert!(delegations.contains("African Group") && delegations.contains("European Union"));
    assert!(
        delegations.contains("delegate.germany@demo.concord.example")
            || delegations.contains("Katrin Vogel")
    );
}
