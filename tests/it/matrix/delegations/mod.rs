//! The negotiation's routes for those who act for a delegation, which the matrix's columns
//! (roles of the process) cannot hold: a small table of (request, who, expected) over the
//! matrix's fixture with delegates added (`setup`), the route × speaker rows (`table`) and the
//! forged ids and values (`forged`); `state` adds the negotiation's rows to the matrix's
//! `fingerprint`.
//!
//! The cases are sent in the table's order (an amendment withdrawn by one row is withdrawn
//! for the next). Every refused request must leave the database as it was (the matrix's
//! `fingerprint`, which holds the negotiation's rows too); every request a delegate may make
//! is first sent forged (no CSRF token, a wrong one, a foreign or null `Origin`, a cross-site
//! `Sec-Fetch-Site`) and must be refused with 403, changing nothing.

mod forged;
mod setup;
mod state;
mod table;

use reqwest::header::{HeaderName, HeaderValue};
use reqwest::{RequestBuilder, Response};

use self::setup::Delegates;
use super::table::{Out, judge};
use super::{Fixture, Who, changes, fingerprint, missing_headers, pairs};
use crate::helpers::{Backend, Browser, with_db};
use crate::on_both_backends;

on_both_backends!(delegates_act_only_for_their_delegations);

pub(crate) use self::state::fingerprint as negotiation_fingerprint;

/// The people of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Speaker {
    Anonymous,
    /// `delegate.morocco@`: acts for Morocco, a member of the African Group (AG).
    Morocco,
    /// `delegate.switzerland@`: acts for Switzerland, in no group.
    Switzerland,
    /// Acts for Nigeria, the African Group's other member.
    Nigeria,
    /// Acts for an observer delegation; the process does not let observers propose.
    Observer,
    /// `stakeholder@`: accredited, acts for no delegation.
    Stakeholder,
    CoFacilitator,
    Secretariat,
}

impl Speaker {
    /// The matrix's column for those who are one.
    fn role(self) -> Option<Who> {
        match self {
            Speaker::Anonymous => Some(Who::Anonymous),
            Speaker::Stakeholder => Some(Who::Owner),
            Speaker::CoFacilitator => Some(Who::CoFacilitator),
            Speaker::Secretariat => Some(Who::Secretariat),
            _ => None,
        }
    }
}

/// A request of the table: what it shows, who sends it, where, with which fields (no fields:
/// a GET), and what it gets. Placeholders in braces are the fixture's values.
pub struct Case {
    pub what: &'static str,
    pub who: Speaker,
    pub url: &'static str,
    pub fields: Option<Vec<(String, String)>>,
    pub expected: Out,
}

pub fn get(what: &'static str, who: Speaker, url: &'static str, expected: Out) -> Case {
    Case {
        what,
        who,
        url,
        fields: None,
        expected,
    }
}

pub fn post(
    what: &'static str,
    who: Speaker,
    url: &'static str,
    fields: &[(&str, &str)],
    expected: Out,
) -> Case {
    Case {
        what,
        who,
        url,
        fields: Some(pairs(fields)),
        expected,
    }
}

impl Case {
    /// Whether the request is one the server carries out (and so may change the database).
    fn allowed(&self) -> bool {
        matches!(self.expected, Out::S(200 | 303) | Out::Has(200, _))
    }
}

struct World {
    fixture: Fixture,
    delegates: Delegates,
}

impl World {
    fn browser(&self, who: Speaker) -> (&Browser, &str) {
        if let Some(role) = who.role() {
            return (self.fixture.browser(role), self.fixture.token(role));
        }
        self.delegates
            .browsers
            .iter()
            .find(|(s, _, _)| *s == who)
            .map(|(_, b, t)| (b, t.as_str()))
            .expect("a delegate")
    }

    fn resolve(&self, template: &str) -> String {
        self.fixture.resolve(template, Who::Anonymous)
    }

    /// The case's request; `forgery` changes its token or headers.
    fn request(&self, case: &Case, forgery: Option<Forgery>) -> RequestBuilder {
        let (browser, token) = self.browser(case.who);
        let url = browser.url(&self.resolve(case.url));
        let Some(fields) = &case.fields else {
            return browser.client.get(url);
        };
        let mut form = Vec::new();
        match forgery {
            Some(Forgery::MissingToken) => {}
            Some(Forgery::WrongToken) => {
                form.push(("csrf_token".to_string(), "forged-token-forged".to_string()))
            }
            _ => form.push(("csrf_token".to_string(), token.to_string())),
        }
        form.extend(fields.iter().map(|(k, v)| (k.clone(), self.resolve(v))));
        let request = browser.client.post(url).form(&form);
        let header = match forgery {
            Some(Forgery::ForeignOrigin) => Some(("origin", "https://evil.example")),
            Some(Forgery::NullOrigin) => Some(("origin", "null")),
            Some(Forgery::CrossSite) => Some(("sec-fetch-site", "cross-site")),
            _ => None,
        };
        match header {
            Some((name, value)) => request.header(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            ),
            None => request,
        }
    }

    async fn send(&self, case: &Case, forgery: Option<Forgery>) -> Response {
        self.request(case, forgery).send().await.expect("answered")
    }
}

#[derive(Debug, Clone, Copy)]
enum Forgery {
    MissingToken,
    WrongToken,
    ForeignOrigin,
    NullOrigin,
    CrossSite,
}

const FORGERIES: [Forgery; 5] = [
    Forgery::MissingToken,
    Forgery::WrongToken,
    Forgery::ForeignOrigin,
    Forgery::NullOrigin,
    Forgery::CrossSite,
];

async fn delegates_act_only_for_their_delegations(backend: Backend) {
    let Some(mut fixture) = Fixture::start(backend).await else {
        return;
    };
    let delegates = setup::prepare(&mut fixture).await;
    let world = World { fixture, delegates };
    let cases: Vec<Case> = table::cases().into_iter().chain(forged::cases()).collect();
    let mut wrong = Vec::new();
    for case in &cases {
        wrong.extend(run(&world, case).await);
    }
    wrong.extend(forged::joined_once(&world.fixture).await);
    assert!(
        wrong.is_empty(),
        "{} of {} cases went wrong:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

/// What went wrong with one case: its forgeries answered or changed anything, its answer is
/// not the one expected, it has no security headers, or it was refused and changed the
/// database.
async fn run(world: &World, case: &Case) -> Vec<String> {
    let mut wrong = Vec::new();
    let app = &world.fixture.app;
    let label = format!(
        "{} ({:?}, {})",
        case.what,
        case.who,
        world.resolve(case.url)
    );
    let before = with_db(app, fingerprint).await;
    if case.fields.is_some() && case.allowed() && case.who != Speaker::Anonymous {
        for forgery in FORGERIES {
            let response = world.send(case, Some(forgery)).await;
            let status = response.status().as_u16();
            let body = response.text().await.unwrap_or_default();
            if status != 403 || !body.contains(r#"data-error="csrf""#) {
                wrong.push(format!("{label} forged with {forgery:?}: {status}"));
            }
        }
        let after = with_db(app, fingerprint).await;
        let changed = changes(&before, &after);
        if !changed.is_empty() {
            wrong.push(format!("{label}: forged requests changed {changed:?}"));
        }
    }
    let response = world.send(case, None).await;
    let missing = missing_headers(&response);
    if !missing.is_empty() {
        wrong.push(format!("{label}: no {missing:?}"));
    }
    if let Some(got) = judge(response, case.expected).await {
        wrong.push(format!("{label}: expected {:?}, got {got}", case.expected));
    }
    if !case.allowed() {
        let after = with_db(app, fingerprint).await;
        let changed = changes(&before, &after);
        if !changed.is_empty() {
            wrong.push(format!("{label}: refused, yet changed {changed:?}"));
        }
    }
    wrong
}

/// The routes only delegates may use, each tried by a delegate who may, a delegate of
/// another delegation, a stakeholder, the staff and an anonymous visitor.
#[test]
fn every_delegation_route_has_someone_allowed_and_everyone_else_refused() {
    let cases = table::cases();
    for (route, suffix) in [
        ("table", "/amendments"),
        ("withdraw", "/withdraw"),
        ("position", "/position"),
    ] {
        let of_route: Vec<&Case> = cases
            .iter()
            .filter(|c| c.fields.is_some() && c.url.ends_with(suffix))
            .collect();
        let allowed = |who: Speaker| of_route.iter().any(|c| c.who == who && c.allowed());
        let refused = |who: Speaker| of_route.iter().any(|c| c.who == who && !c.allowed());
        assert!(allowed(Speaker::Morocco), "{route}: a delegate may");
        for who in [
            Speaker::Switzerland,
            Speaker::Stakeholder,
            Speaker::CoFacilitator,
            Speaker::Secretariat,
            Speaker::Anonymous,
        ] {
            assert!(refused(who), "{route}: {who:?} is refused");
        }
    }
    assert!(
        cases
            .iter()
            .any(|c| c.who == Speaker::Nigeria && c.allowed() && c.url.ends_with("/amendments")),
        "a member of a group tables on its behalf"
    );
}
