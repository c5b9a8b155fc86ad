//! Every route × every role, as one table: who may, and what everyone else gets.
//!
//! A row names the route as registered, the request that exercises it (placeholders in
//! braces are filled per role by `Fixture::resolve`), the roles allowed (`x`) and refused
//! (`.`) in the column order below, what an allowed role gets, what a refused signed-in role
//! gets, and what an anonymous visitor gets when refused. Anonymous visitors are sent to sign
//! in (303 to `/login?next=…`) wherever a page needs an account, and get 403/404 where the
//! page is public but the thing is not.
//!
//! The run fails listing every cell that differs, every response without the security
//! headers, and every refused POST after which the database is not exactly as before. A
//! route registered in `src/web` without a row here fails too.

use std::collections::BTreeSet;

use super::{
    DRAFT_CONTRIBUTION, DRAFT_PROPOSAL, Fixture, INTERNAL_NOTE, RESTRICTED_ROUND, WORKING_MARKER,
    Who, changes, fingerprint, missing_headers, pairs,
};
use crate::helpers::{Backend, location, with_db};
use crate::on_both_backends;

on_both_backends!(every_route_answers_every_role_as_the_table_says);

/// What a request gets.
#[derive(Debug, Clone, Copy)]
pub enum Out {
    /// This status.
    S(u16),
    /// 303 to the sign-in page.
    Login,
    /// This status, and the body holds the text.
    Has(u16, &'static str),
    /// This status, and the body does not hold the text.
    Lacks(u16, &'static str),
    /// Nobody in this column: the row allows everyone, or no one.
    Nobody,
}

use Out::{Has, Lacks, Login, Nobody, S};

#[derive(Debug, Clone)]
pub enum Body {
    None,
    Form(Vec<(String, String)>),
    /// Multipart, the CSRF token in the query string (as the contribution form sends it).
    Multipart(Vec<(String, String)>),
}

#[derive(Debug, Clone)]
pub struct Row {
    /// Method and path as registered, e.g. `GET /p/{process}`.
    pub route: &'static str,
    pub url: &'static str,
    pub body: Body,
    /// One mark per role in `Who::ALL` order, separated by spaces: `x` allowed, `.` refused.
    pub who: &'static str,
    pub ok: Out,
    pub no: Out,
    pub anon: Out,
}

impl Row {
    pub fn method(&self) -> &'static str {
        self.route.split_once(' ').map(|(m, _)| m).unwrap_or("GET")
    }

    pub fn allows(&self, who: Who) -> bool {
        let marks: Vec<&str> = self.who.split_whitespace().collect();
        assert_eq!(marks.len(), Who::ALL.len(), "{}: eleven marks", self.route);
        let i = Who::ALL.iter().position(|w| *w == who).expect("a role");
        marks[i] == "x"
    }

    pub fn expected(&self, who: Who) -> Out {
        if self.allows(who) {
            self.ok
        } else if who == Who::Anonymous {
            self.anon
        } else {
            self.no
        }
    }
}

fn get(
    route: &'static str,
    url: &'static str,
    who: &'static str,
    ok: Out,
    no: Out,
    anon: Out,
) -> Row {
    Row {
        route,
        url,
        body: Body::None,
        who,
        ok,
        no,
        anon,
    }
}

#[allow(clippy::too_many_arguments)]
fn post(
    route: &'static str,
    url: &'static str,
    fields: &[(&str, &str)],
    who: &'static str,
    ok: Out,
    no: Out,
    anon: Out,
) -> Row {
    Row {
        route,
        url,
        body: Body::Form(pairs(fields)),
        who,
        ok,
        no,
        anon,
    }
}

fn with_body(mut row: Row, body: Body) -> Row {
    row.body = body;
    row
}

// Who may: one mark per column, `x` allowed, `.` refused. The columns:
//   a anonymous, o owner (stakeholder@), s other stakeholder (stakeholder2@), p applicant
//   (signed in, no role), R rapporteur of group 1, r rapporteur of group 2, M moderator of
//   group 1, c chair, f co-facilitator, S secretariat, A administrator (no process role).
//   in this order:     a o s p R r M c f S A
const EVERYONE: &str = "x x x x x x x x x x x";
const SIGNED_IN: &str = ". x x x x x x x x x x";
const STAKEHOLDERS: &str = ". x x . . . . . . . .";
const OWNER: &str = ". x . . . . . . . . .";
const NOBODY: &str = ". . . . . . . . . . .";
const ADMIN: &str = ". . . . . . . . . . x";
const MANAGERS: &str = ". . . . . . . . . x x";
const GROUP1_NOTES: &str = ". . . . x . x . . x .";
const GROUP1_REVIEW: &str = ". . . . x . . . . x .";
const GROUP2_NOTES: &str = ". . . . . x . . . x .";
const MODERATION: &str = ". . . . . . x . . x .";
const CHAIR_EDIT: &str = ". . . . . . . x . x .";
const DRAFT_EDIT: &str = ". . . . . . . . x x .";
const DRAFT_READ: &str = ". . . . . . . x x x .";
// Who opens negotiation rounds and reads those restricted to delegations (no role of the
// matrix acts for a delegation, so no one may table, withdraw, join or oppose: the delegates
// have their own table in `delegations`).
const ROUNDS: &str = ". . . . . . . . x x .";
// Those who hold no role in the process: staff are not asked to be accredited.
const NO_ROLE: &str = ". . . x . . . . . . x";
const MODERATOR: &str = ". . . . . . x . . . .";
// Who keeps a session's speakers' list: the chair, the secretariat, administrators.
const SPEAKERS: &str = ". . . . . . . x . x x";
// Who files a statement for the matrix's delegation (no role of the matrix acts for it): the
// secretariat and administrators on its behalf; who withdraws it: the secretariat, who filed it.
const STATEMENT_FILE: &str = ". . . . . . . . . x x";
const SECRETARIAT: &str = ". . . . . . . . . x .";

/// A whole event form, as the secretariat sends it.
const EVENT_FIELDS: [(&str, &str); 8] = [
    ("kind", "regional-consultation"),
    ("title", "Matrix consultation by {role}"),
    ("place", "Geneva"),
    ("time_zone", "Europe/Zurich"),
    ("starts", "2017-12-04T09:00"),
    ("ends", "2017-12-04T18:00"),
    ("programme", "2017-12-04 10:00-12:00 IDEA LAB"),
    ("public", "on"),
];

/// The policy, route by route (several rows for a route where the document, the group or the
/// kind of content changes who may). Columns of `who` as above.
pub fn rows() -> Vec<Row> {
    let proposal_draft = super::proposal_fields("Matrix proposal draft", "save");
    #[rustfmt::skip]
    let rows = vec![
        //   route                                                    url                                                        who               ok            refused       anonymous
        get("GET /static/concord.css",                               "/static/concord.css",                                     EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /favicon.svg",                                      "/favicon.svg",                                            EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /static/autosave.js",                               "/static/autosave.js",                                     EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /static/{file}",                                    concord::web::assets::stylesheet_url(),                    EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /healthz",                                          "/healthz",                                                EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /livez",                                            "/livez",                                                  EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /",                                                 "/",                                                       EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /register",                                         "/register",                                               EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /login",                                            "/login",                                                  EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /account",                                          "/account",                                                SIGNED_IN,        S(200),       Nobody,       Login),
        get("GET /account/forgot",                                   "/account/forgot",                                         EVERYONE,         S(200),       Nobody, Nobody),
        // A link that was never sent (the links sent are followed in `mail`).
        get("GET /account/reset/{token}",                            "/account/reset/no-such-link",                             EVERYONE,         S(410),       Nobody, Nobody),
        get("GET /account/confirm/{token}",                          "/account/confirm/no-such-link",                           EVERYONE,         S(410),       Nobody, Nobody),
        get("GET /notifications",                                    "/notifications",                                          SIGNED_IN,        S(200),       Nobody,       Login),
        get("GET /setup",                                            "/setup?token=guessed",                                    NOBODY,           Nobody,       S(404),       S(404)),
        get("GET /admin",                                            "/admin",                                                  MANAGERS,         S(200),       S(403),       Login),
        get("GET /admin/processes/new",                              "/admin/processes/new",                                    ADMIN,            S(200),       S(403),       Login),
        get("GET /admin/accounts",                                   "/admin/accounts",                                         ADMIN,            S(200),       S(403),       Login),
        get("GET /admin/processes/{process}",                        "/admin/processes/gcm",                                    MANAGERS,         S(200),       S(403),       Login),
        get("GET /admin/processes/{process}/edit",                   "/admin/processes/gcm/edit",                               MANAGERS,         S(200),       S(403),       Login),
        get("GET /admin/processes/{process}/translations/{lang}",    "/admin/processes/gcm/translations/fr",                    MANAGERS,         Has(200, "Pacte mondial"), S(403), Login),
        get("GET /admin/processes/{process}/audit",                  "/admin/processes/gcm/audit",                              MANAGERS,         S(200),       S(403),       Login),
        get("GET /p/{process}",                                      "/p/gcm",                                                  EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/contributions",                        "/p/gcm/contributions",                                    OWNER,            Has(200, DRAFT_CONTRIBUTION), Lacks(200, DRAFT_CONTRIBUTION), Lacks(200, DRAFT_CONTRIBUTION)),
        get("GET /p/{process}/contributions/new",                    "/p/gcm/contributions/new",                                STAKEHOLDERS,     S(200),       S(403),       Login),
        get("GET /p/{process}/contributions/drafts/{id}",            "/p/gcm/contributions/drafts/{wc_draft}",                  OWNER,            Has(200, DRAFT_CONTRIBUTION), S(404), Login),
        get("GET /p/{process}/contributions/{reference}",            "/p/gcm/contributions/{wc_own}",                           EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/contributions/{reference}",            "/p/gcm/contributions/{wc_hidden}",                        MODERATION,       Has(200, "Visa Express Consulting offers"), Lacks(200, "Visa Express Consulting offers"), Lacks(200, "Visa Express Consulting offers")),
        get("GET /p/{process}/campaigns/{campaign}",                 "/p/gcm/campaigns/999999",                                 EVERYONE,         S(404),       Nobody, Nobody),
        get("GET /p/{process}/events",                               "/p/gcm/events",                                           EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/events/new",                           "/p/gcm/events/new",                                       MANAGERS,         S(200),       S(403),       Login),
        get("GET /p/{process}/events/{event}",                       "/p/gcm/events/{event}",                                   EVERYONE,         Has(200, "IDEA LAB"), Nobody, Nobody),
        get("GET /p/{process}/events/{event}",                       "/p/gcm/events/999999",                                    EVERYONE,         S(404),       Nobody, Nobody),
        get("GET /p/{process}/events/{event}/edit",                  "/p/gcm/events/{event}/edit",                              MANAGERS,         Has(200, "IDEA LAB"), S(403), Login),
        get("GET /p/{process}/events/{event}/attendance",            "/p/gcm/events/{event_open}/attendance",                   MANAGERS,         Has(200, "Attendance"), S(403), Login),
        get("GET /p/{process}/events/{event}",                       "/p/gcm/events/{event_open}",                              STAKEHOLDERS,     Has(200, "Register</button>"), Lacks(200, "Register</button>"), Lacks(200, "Register</button>")),
        get("GET /p/{process}/events.ics",                           "/p/gcm/events.ics",                                       EVERYONE,         Has(200, "BEGIN:VEVENT"), Nobody, Nobody),
        get("GET /p/{process}/events/{event}.ics",                   "/p/gcm/events/{event}.ics",                               EVERYONE,         Has(200, "BEGIN:VEVENT"), Nobody, Nobody),
        get("GET /p/{process}/events/{event}.ics",                   "/p/gcm/events/999999.ics",                                EVERYONE,         S(404),       Nobody, Nobody),
        get("GET /p/{process}/events/{event}/sessions/{session}",    "/p/gcm/events/{event}/sessions/{session}",                EVERYONE,         Has(200, "Matrix speaker"), Nobody, Nobody),
        get("GET /p/{process}/events/{event}/sessions/{session}",    "/p/gcm/events/{event}/sessions/999999",                   EVERYONE,         S(404),       Nobody, Nobody),
        get("GET /p/{process}/events/{event}/statements/{statement}", "/p/gcm/events/{event}/statements/{statement}",           EVERYONE,         Has(200, "Matrix statement"), Nobody, Nobody),
        get("GET /p/{process}/contributions/{reference}/receipt.txt", "/p/gcm/contributions/{wc_own}/receipt.txt",              EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/contributions/{reference}/receipt.txt", "/p/gcm/contributions/{wc_hidden}/receipt.txt",           MODERATION,       S(200),       S(404),       S(404)),
        get("GET /p/{process}/contributions/{reference}/files/{file}", "/p/gcm/contributions/{wc_file_ref}/files/{wc_file}",    EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/contributions/drafts/{id}/files/{file}", "/p/gcm/contributions/drafts/{wc_draft}/files/{wc_draft_file}", OWNER,    S(200),       S(404),       S(404)),
        // Negotiation: the secretariat's page and forms (a refused form writes nothing).
        get("GET /p/{process}/negotiation/delegations",              "/p/gcm/negotiation/delegations",                          MANAGERS,         S(200),       S(403),       Login),
        post("POST /p/{process}/negotiation/delegations",            "/p/gcm/negotiation/delegations", &[("name", ""), ("category", "member-state")], MANAGERS, S(422), S(403), Login),
        post("POST /p/{process}/negotiation/members",                "/p/gcm/negotiation/members",     &[("delegation", "{delegation}"), ("email", "nobody@example.org")], MANAGERS, S(422), S(403), Login),
        post("POST /p/{process}/negotiation/groups",                 "/p/gcm/negotiation/groups",      &[("group_name", ""), ("short_name", "X")], MANAGERS, S(422), S(403), Login),
        post("POST /p/{process}/negotiation/group-members",          "/p/gcm/negotiation/group-members", &[("group", "{state_group}"), ("delegation", "{delegation}")], MANAGERS, S(303), S(403), Login),
        post("POST /p/{process}/negotiation/settings",               "/p/gcm/negotiation/settings",    &[("observers_may_propose", "")], MANAGERS, S(303), S(403), Login),
        get("GET /p/{process}/negotiation/rounds",                   "/p/gcm/negotiation/rounds",                               ROUNDS,           Has(200, RESTRICTED_ROUND), Lacks(200, RESTRICTED_ROUND), Lacks(200, RESTRICTED_ROUND)),
        post("POST /p/{process}/negotiation/rounds",                 "/p/gcm/negotiation/rounds",      &[("revision", ""), ("title", ""), ("opens", ""), ("closes", ""), ("visibility", "public")], ROUNDS, S(422), S(403), Login),
        get("GET /p/{process}/negotiation/rounds/{round}",           "/p/gcm/negotiation/rounds/{round_restricted}",            ROUNDS,           Has(200, RESTRICTED_ROUND), S(404), S(404)),
        get("GET /p/{process}/negotiation/rounds/{round}",           "/p/gcm/negotiation/rounds/{round_public}",                EVERYONE,         Has(200, "Matrix justification"), Nobody, Nobody),
        post("POST /p/{process}/negotiation/rounds/{round}/amendments", "/p/gcm/negotiation/rounds/{round_public}/amendments", &[("node", "{round_node}"), ("kind", "insert"), ("words", ""), ("new_text", "more"), ("justification", "why"), ("delegation", "{delegation}"), ("on_behalf_of", "")], NOBODY, Nobody, S(403), Login),
        post("POST /p/{process}/negotiation/rounds/{round}/amendments/{amendment}/withdraw", "/p/gcm/negotiation/rounds/{round_public}/amendments/{amendment}/withdraw", &[], NOBODY, Nobody, S(403), Login),
        post("POST /p/{process}/negotiation/rounds/{round}/amendments/{amendment}/position", "/p/gcm/negotiation/rounds/{round_public}/amendments/{amendment}/position", &[("delegation", "{delegation}"), ("on_behalf_of", ""), ("stance", "join")], NOBODY, Nobody, S(403), Login),
        get("GET /p/{process}/negotiation/rounds/{round}/compilation", "/p/gcm/negotiation/rounds/{round_restricted}/compilation", ROUNDS,  Has(200, RESTRICTED_ROUND), S(404), S(404)),
        get("GET /p/{process}/negotiation/rounds/{round}/compilation", "/p/gcm/negotiation/rounds/{round_public}/compilation",   EVERYONE,         Has(200, "and more"), Nobody, Nobody),
        get("GET /p/{process}/negotiation/rounds/{round}/compilation.{format}", "/p/gcm/negotiation/rounds/{round_restricted}/compilation.md", ROUNDS, Has(200, RESTRICTED_ROUND), S(404), S(404)),
        get("GET /p/{process}/negotiation/rounds/{round}/compilation.{format}", "/p/gcm/negotiation/rounds/{round_restricted}/compilation.docx", ROUNDS, S(200), S(404), S(404)),
        get("GET /p/{process}/negotiation/rounds/{round}/compilation.{format}", "/p/gcm/negotiation/rounds/{round_restricted}/compilation.akn.xml", ROUNDS, S(200), S(404), S(404)),
        get("GET /p/{process}/negotiation/rounds/{round}/compilation.{format}", "/p/gcm/negotiation/rounds/{round_restricted}/compilation.pdf", ROUNDS, S(200), S(404), S(404)),
        get("GET /p/{process}/negotiation/rounds/{round}/compilation.{format}", "/p/gcm/negotiation/rounds/{round_public}/compilation.md", EVERYONE, Has(200, "and more"), Nobody, Nobody),
        get("GET /p/{process}/negotiation/rounds/{round}/compilation.{format}", "/p/gcm/negotiation/rounds/{round_public}/compilation.html", EVERYONE, S(200), Nobody, Nobody),
        // The draft's editors may accept; an unknown way of taking it in changes nothing.
        post("POST /p/{process}/negotiation/rounds/{round}/amendments/{amendment}/accept", "/p/gcm/negotiation/rounds/{round_public}/amendments/{amendment}/accept", &[("how", "neither")], DRAFT_EDIT, S(400), S(403), Login),
        get("GET /p/{process}/documents/{document}",                 "/p/gcm/documents/draft",                                  EVERYONE,         Lacks(200, WORKING_MARKER), Nobody, Nobody),
        get("GET /p/{process}/documents/{document}",                 "/p/gcm/documents/draft?view=working",                     DRAFT_READ,       Has(200, WORKING_MARKER), Lacks(200, WORKING_MARKER), Lacks(200, WORKING_MARKER)),
        get("GET /p/{process}/documents/{document}",                 "/p/gcm/documents/chairs-summary?view=working",            DRAFT_READ,       Has(200, WORKING_MARKER), Lacks(200, WORKING_MARKER), Lacks(200, WORKING_MARKER)),
        get("GET /p/{process}/documents/{document}",                 "/p/gcm/documents/group-1-report?view=working",            GROUP1_NOTES,     Has(200, WORKING_MARKER), Lacks(200, WORKING_MARKER), Lacks(200, WORKING_MARKER)),
        get("GET /p/{process}/documents/{document}/revisions/{revision}", "/p/gcm/documents/draft/revisions/{draft_last}",             EVERYONE,         Lacks(200, WORKING_MARKER), Nobody, Nobody),
        get("GET /p/{process}/documents/{document}/compare",         "/p/gcm/documents/draft/compare?from={draft_first}&to={draft_last}", EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/documents/{document}/compare",         "/p/gcm/documents/draft/compare?from={draft_last}&to=working",    DRAFT_READ,       Has(200, WORKING_MARKER), S(403), S(403)),
        get("GET /p/{process}/documents/{document}/compare",         "/p/gcm/documents/group-1-report/compare?from={g1_last}&to=working", GROUP1_NOTES, Has(200, WORKING_MARKER), S(403), S(403)),
        get("GET /p/{process}/documents/{document}/export.{format}", "/p/gcm/documents/draft/export.md",                        EVERYONE,         Lacks(200, WORKING_MARKER), Nobody, Nobody),
        get("GET /p/{process}/documents/{document}/export.{format}", "/p/gcm/documents/draft/export.docx",                      EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/documents/{document}/export.{format}", "/p/gcm/documents/draft/export.md?revision=working",       DRAFT_READ,       Has(200, WORKING_MARKER), S(403), S(403)),
        get("GET /p/{process}/documents/{document}/export.{format}", "/p/gcm/documents/group-1-report/export.html?revision=working", GROUP1_NOTES, Has(200, WORKING_MARKER), S(403), S(403)),
        // Language versions are public; translating is for the language's translators, a role
        // no column holds (tests/it/translations.rs proves theirs).
        get("GET /p/{process}/documents/{document}/languages/{language}", "/p/gcm/documents/draft/languages/fr",              EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/documents/{document}/languages/{language}", "/p/gcm/documents/draft/languages/en",              NOBODY,           Nobody,       S(404),       S(404)),
        get("GET /p/{process}/documents/{document}/languages/{language}/export.{format}", "/p/gcm/documents/draft/languages/es/export.md", EVERYONE, Lacks(200, WORKING_MARKER), Nobody, Nobody),
        get("GET /p/{process}/documents/{document}/languages/{language}/nodes/{key}", "/p/gcm/documents/draft/languages/fr/nodes/{draft_node}", NOBODY, Nobody, S(403), Login),
        get("GET /p/{process}/documents/{document}/nodes/{key}/edit", "/p/gcm/documents/draft/nodes/{draft_node}/edit",         DRAFT_EDIT,       S(200),       S(403),       Login),
        get("GET /p/{process}/documents/{document}/nodes/{key}/edit", "/p/gcm/documents/group-1-report/nodes/{g1_node}/edit",   GROUP1_REVIEW,    S(200),       S(403),       Login),
        get("GET /p/{process}/documents/{document}/nodes/{key}/edit", "/p/gcm/documents/chairs-summary/nodes/{summary_node}/edit", CHAIR_EDIT,    S(200),       S(403),       Login),
        get("GET /p/{process}/documents/{document}/details",         "/p/gcm/documents/draft/details",                          DRAFT_EDIT,       S(200),       S(403),       Login),
        get("GET /p/{process}/documents/{document}/details",         "/p/gcm/documents/group-1-report/details",                 GROUP1_REVIEW,    S(200),       S(403),       Login),
        get("GET /p/{process}/documents/{document}/pick",            "/p/gcm/documents/draft/pick",                             DRAFT_EDIT,       S(200),       S(403),       Login),
        get("GET /p/{process}/export/draft-summary.{format}",        "/p/gcm/export/draft-summary.md",                          DRAFT_EDIT,       S(200),       S(403),       S(403)),
        get("GET /api/processes",                                    "/api/processes",                                          EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /api/p/{process}",                                  "/api/p/gcm",                                              EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /api/p/{process}/{dataset}",                        "/api/p/gcm/contributions",                                EVERYONE,         Lacks(200, DRAFT_CONTRIBUTION), Nobody, Nobody),
        get("GET /api/p/{process}/{dataset}",                        "/api/p/gcm/proposals",                                    EVERYONE,         Lacks(200, DRAFT_PROPOSAL), Nobody, Nobody),
        get("GET /api/p/{process}/documents/{document}",             "/api/p/gcm/documents/draft",                              EVERYONE,         Lacks(200, WORKING_MARKER), Nobody, Nobody),
        get("GET /api/p/{process}/documents/{document}/revisions/{revision}", "/api/p/gcm/documents/draft/revisions/{draft_last}",     EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/open-data",                            "/p/gcm/open-data",                                        EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/open-data/{dataset}.{format}",         "/p/gcm/open-data/contributions.csv",                      EVERYONE,         Lacks(200, DRAFT_CONTRIBUTION), Nobody, Nobody),
        get("GET /p/{process}/open-data/{dataset}.{format}",         "/p/gcm/open-data/proposals.json",                         EVERYONE,         Lacks(200, DRAFT_PROPOSAL), Nobody, Nobody),
        get("GET /p/{process}/open-data/{dataset}.{format}",         "/p/gcm/open-data/proposals.csv",                          EVERYONE,         Lacks(200, INTERNAL_NOTE), Nobody, Nobody),
        get("GET /p/{process}/open-data/workbook.xlsx",              "/p/gcm/open-data/workbook.xlsx",                          EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/stats",                                "/p/gcm/stats",                                            EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/stats/{chart}.csv",                    "/p/gcm/stats/{chart}.csv",                                EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/proposals",                            "/p/gcm/proposals",                                        OWNER,            Has(200, DRAFT_PROPOSAL), Lacks(200, DRAFT_PROPOSAL), Lacks(200, DRAFT_PROPOSAL)),
        get("GET /p/{process}/proposals/new",                        "/p/gcm/proposals/new",                                    STAKEHOLDERS,     S(200),       S(403),       Login),
        get("GET /p/{process}/proposals/drafts/{id}",                "/p/gcm/proposals/drafts/{cp_own_draft}",                  OWNER,            S(200),       S(404),       Login),
        get("GET /p/{process}/proposals/{reference}",                "/p/gcm/proposals/{cp_pub}",                               EVERYONE,         Lacks(200, INTERNAL_NOTE), Nobody, Nobody),
        get("GET /p/{process}/proposals/{reference}/compare",        "/p/gcm/proposals/{cp_pub}/compare",                       EVERYONE,         S(200),       Nobody, Nobody),
        get("GET /p/{process}/groups/{number}",                      "/p/gcm/groups/1",                                         EVERYONE,         Lacks(200, DRAFT_PROPOSAL), Nobody, Nobody),
        get("GET /p/{process}/groups/{number}/review",               "/p/gcm/groups/1/review",                                  GROUP1_NOTES,     S(200),       S(403),       Login),
        get("GET /p/{process}/groups/{number}/review",               "/p/gcm/groups/2/review",                                  GROUP2_NOTES,     S(200),       S(403),       Login),
        get("GET /p/{process}/groups/{number}/review/{reference}",   "/p/gcm/groups/1/review/{cp_pub}",                         GROUP1_NOTES,     Has(200, INTERNAL_NOTE), S(403), Login),
        get("GET /p/{process}/groups/{number}/review/{reference}",   "/p/gcm/groups/2/review/{cp_g2}",                          GROUP2_NOTES,     S(200),       S(403),       Login),

        // Unsafe requests, in an order where each finds what it needs.
        post("POST /language",                                       "/language",                       &[("lang", "en"), ("next", "/")],                      EVERYONE, S(303), Nobody, Nobody),
        post("POST /register",                                       "/register",                       &[("email", "matrix-{role}@example.org"), ("display_name", "Matrix Person"), ("organisation", "Matrix NGO"), ("category", "civil-society"), ("country", ""), ("password", "a long and quiet river"), ("password_again", "a different long river")], EVERYONE, S(422), Nobody, Nobody),
        post("POST /login",                                          "/login",                          &[("email", "{role}@demo.concord.example"), ("password", "not the password"), ("next", "/")], EVERYONE, S(401), Nobody, Nobody),
        post("POST /account/password",                               "/account/password",               &[("current_password", "not the password"), ("new_password", "another long quiet river"), ("new_password_again", "another long quiet river")], SIGNED_IN, S(422), Nobody, Login),
        post("POST /account/notifications",                          "/account/notifications",          &[("delivery", "daily-digest")],                       SIGNED_IN, S(303), Nobody, Login),
        post("POST /account/confirmation",                           "/account/confirmation",           &[],                                                   SIGNED_IN, S(303), Nobody, Login),
        post("POST /account/confirm/{token}",                        "/account/confirm/no-such-link",   &[],                                                   EVERYONE,  S(410), Nobody, Nobody),
        post("POST /account/forgot",                                 "/account/forgot",                 &[("email", "{role}@demo.concord.example")],           EVERYONE,  S(303), Nobody, Nobody),
        post("POST /account/reset/{token}",                          "/account/reset/no-such-link",     &[("new_password", "another long quiet river"), ("new_password_again", "another long quiet river")], EVERYONE, S(410), Nobody, Nobody),
        post("POST /setup",                                          "/setup",                          &[("token", "guessed"), ("email", "setup-{role}@example.org"), ("display_name", "Setup"), ("organisation", "Setup"), ("category", "other"), ("country", ""), ("password", "a long and quiet river"), ("password_again", "a long and quiet river")], NOBODY, Nobody, S(404), S(404)),
        post("POST /admin/processes",                                "/admin/processes",                &[("slug", "matrix-{role}"), ("title", "Matrix process"), ("description", "Made by the matrix."), ("reference_prefix", "MTX"), ("time_zone", "UTC"), ("consultation_opens", "2017-04-01T09:00"), ("consultation_closes", "2030-11-30T18:00"), ("stocktaking_opens", "2017-12-04T09:00"), ("stocktaking_closes", "2030-12-06T18:00"), ("negotiation_opens", "2018-02-01T09:00"), ("negotiation_closes", "2030-07-13T18:00"), ("adoption_opens", "2018-12-10T09:00"), ("adoption_closes", "2030-12-11T18:00"), ("groups", "1 One"), ("themes", "Theme"), ("principles", "Principle")], ADMIN, S(303), S(403), Login),
        post("POST /admin/processes/{process}/edit",                 "/admin/processes/gcm/edit",       &[("title", "")],                                      MANAGERS, S(422), S(403), Login),
        post("POST /admin/processes/{process}/translations/{lang}",  "/admin/processes/gcm/translations/ru", &[],                                             MANAGERS, S(303), S(403), Login),
        post("POST /admin/processes/{process}/accreditations/{account}", "/admin/processes/gcm/accreditations/{pending}", &[("decision", "accredit")],   MANAGERS, S(303), S(403), Login),
        post("POST /admin/processes/{process}/roles",                "/admin/processes/gcm/roles",      &[("email", "{assign_email}"), ("role", "chair"), ("group", "")], MANAGERS, S(303), S(403), Login),
        post("POST /admin/processes/{process}/roles/{assignment}/remove", "/admin/processes/gcm/roles/{assignment}/remove", &[],                          MANAGERS, S(303), S(403), Login),
        post("POST /admin/processes/{process}/late",                 "/admin/processes/gcm/late",       &[("email", "stakeholder2@demo.concord.example"), ("phase", "consultation"), ("until", "2030-01-01T00:00")], MANAGERS, S(303), S(403), Login),
        post("POST /admin/accounts/{account}",                       "/admin/accounts/{account_target}", &[("change", "enable")],                              ADMIN,    S(303), S(403), Login),
        with_body(
        post("POST /p/{process}/contributions/new",                  "/p/gcm/contributions/new",        &[],                                                   STAKEHOLDERS, S(303), S(403), S(401)),
            Body::Multipart(pairs(&[("title", "Matrix contribution by {role}"), ("body", "Text."), ("action", "save")]))),
        with_body(
        post("POST /p/{process}/contributions/drafts/{id}",          "/p/gcm/contributions/drafts/{wc_draft}", &[],                                            OWNER,    S(303), S(404), S(401)),
            Body::Multipart(pairs(&[("title", "Matrix draft of the owner"), ("body", "Saved again by {role}."), ("action", "save")]))),
        post("POST /p/{process}/contributions/autosave",             "/p/gcm/contributions/autosave",   &[("title", "Matrix autosave by {role}"), ("body", "Text."), ("draft_id", "")], STAKEHOLDERS, S(200), S(403), S(401)),
        post("POST /p/{process}/events/new",                         "/p/gcm/events/new",               &EVENT_FIELDS,                                         MANAGERS, S(303), S(403), Login),
        post("POST /p/{process}/events/new",                         "/p/gcm/events/new",               &[("kind", "hearing"), ("title", "")],                 MANAGERS, S(422), S(403), Login),
        post("POST /p/{process}/events/{event}/edit",                "/p/gcm/events/{event}/edit",      &EVENT_FIELDS,                                         MANAGERS, S(303), S(403), Login),
        // Registration: open on the event to come, closed (409) on the stocktaking meeting.
        post("POST /p/{process}/events/{event}/registration",        "/p/gcm/events/{event_open}/registration", &[("listed", "on")],                     STAKEHOLDERS, S(303), S(403), Login),
        post("POST /p/{process}/events/{event}/registration",        "/p/gcm/events/{event}/registration", &[("listed", "on")],                          STAKEHOLDERS, S(409), S(403), Login),
        post("POST /p/{process}/events/{event}/attendance/check-in", "/p/gcm/events/{event_open}/attendance/check-in", &[("account", "{registered}")],   MANAGERS, S(303), S(403), Login),
        post("POST /p/{process}/events/{event}/attendance/undo",     "/p/gcm/events/{event_open}/attendance/undo", &[("account", "{registered}")],       MANAGERS, S(303), S(403), Login),
        post("POST /p/{process}/events/{event}/attendance/walk-in",  "/p/gcm/events/{event_open}/attendance/walk-in", &[("email", "chair@demo.concord.example")], MANAGERS, S(303), S(403), Login),
        with_body(
        post("POST /p/{process}/events/{event}/attendance/import",   "/p/gcm/events/{event_open}/attendance/import", &[],                                MANAGERS, S(422), S(403), Login),
            Body::Multipart(pairs(&[("note", "no file")]))),
        post("POST /p/{process}/events/{event}/registration/cancel", "/p/gcm/events/{event_open}/registration/cancel", &[],                             STAKEHOLDERS, S(303), S(403), Login),
        post("POST /p/{process}/events/{event}/sessions/{session}/speakers", "/p/gcm/events/{event}/sessions/{session}/speakers", &[("speaker_delegation", ""), ("speaker_name", "Added by {role}")], SPEAKERS, S(303), S(403), Login),
        post("POST /p/{process}/events/{event}/sessions/{session}/speakers/{speaker}/move", "/p/gcm/events/{event}/sessions/{session}/speakers/{speaker}/move", &[("direction", "down")], SPEAKERS, S(303), S(403), Login),
        post("POST /p/{process}/events/{event}/sessions/{session}/speakers/{speaker}/spoken", "/p/gcm/events/{event}/sessions/{session}/speakers/{speaker}/spoken", &[("spoken", "yes")], SPEAKERS, S(303), S(403), Login),
        post("POST /p/{process}/events/{event}/sessions/{session}/speakers/{speaker}/remove", "/p/gcm/events/{event}/sessions/{session}/speakers/{speaker_remove}/remove", &[], SPEAKERS, S(303), S(403), Login),
        post("POST /p/{process}/events/{event}/sessions/{session}/statements", "/p/gcm/events/{event}/sessions/{session}/statements", &[("delegation", "{delegation}"), ("title", "Statement filed by {role}"), ("body", "Filed by the matrix."), ("language", "en")], STATEMENT_FILE, S(303), S(403), Login),
        post("POST /p/{process}/events/{event}/statements/{statement}/withdraw", "/p/gcm/events/{event}/statements/{statement}/withdraw", &[],          SECRETARIAT, S(303), S(403), Login),
        post("POST /p/{process}/contributions/{reference}/hide",     "/p/gcm/contributions/{wc_hide}/hide", &[("reason", "Hidden by the matrix: off topic.")],  MODERATION, S(303), S(403), Login),
        post("POST /p/{process}/contributions/{reference}/unhide",   "/p/gcm/contributions/{wc_hidden}/unhide", &[("reason", "Shown again by the matrix: on topic.")], MODERATOR, S(303), S(403), Login),
        post("POST /p/{process}/contributions/{reference}/withdraw", "/p/gcm/contributions/{wc_own}/withdraw", &[],                                           OWNER,    S(303), S(403), Login),
        with_body(
        post("POST /p/{process}/proposals/new",                      "/p/gcm/proposals/new",            &[],                                                   STAKEHOLDERS, S(303), S(403), S(401)),
            Body::Form(proposal_draft.clone())),
        with_body(
        post("POST /p/{process}/proposals/drafts/{id}",              "/p/gcm/proposals/drafts/{cp_own_draft}", &[],                                            OWNER,    S(303), S(404), S(401)),
            Body::Form(proposal_draft)),
        post("POST /p/{process}/proposals/{reference}/invitations",  "/p/gcm/proposals/{cp_own_submitted}/invitations", &[("organisation", "{other_org}")], OWNER,   S(303), S(403), Login),
        // The owner's organisation is invited to co-sponsor this one (another author's).
        post("POST /p/{process}/proposals/{reference}/invitations/answer", "/p/gcm/proposals/{cp_invited}/invitations/answer", &[("decision", "accept")], OWNER,  S(303), S(403), Login),
        post("POST /p/{process}/proposals/{reference}/withdraw",     "/p/gcm/proposals/{cp_own_submitted}/withdraw", &[],                                     OWNER,    S(303), S(403), Login),
        post("POST /p/{process}/groups/{number}/review/{reference}/decision", "/p/gcm/groups/1/review/{cp_decide}/decision", &[("version", "{cp_decide_version}"), ("decision", "accept"), ("rationale", "Accepted by the matrix: a clear commitment."), ("target", "")], GROUP1_REVIEW, S(303), S(403), S(401)),
        post("POST /p/{process}/groups/{number}/review/{reference}/notes", "/p/gcm/groups/1/review/{cp_pub}/notes", &[("body", "A note from the matrix."), ("parent", "")], GROUP1_NOTES, S(303), S(403), S(401)),
        post("POST /p/{process}/groups/{number}/report",             "/p/gcm/groups/1/report",          &[],                                                   GROUP1_REVIEW, S(303), S(403), Login),
        post("POST /p/{process}/documents/chairs-summary/compile",   "/p/gcm/documents/chairs-summary/compile", &[],                                           CHAIR_EDIT, S(303), S(403), Login),
        post("POST /p/{process}/documents/draft/start",              "/p/gcm/documents/draft/start",    &[],                                                   DRAFT_EDIT, S(303), S(403), Login),
        post("POST /p/{process}/documents/{document}/nodes/{key}",   "/p/gcm/documents/draft/nodes/{draft_edit}", &[("text", "Edited by the matrix as {role}."), ("base", "{draft_text}"), ("version", "{draft_version}")], DRAFT_EDIT, S(303), S(403), S(401)),
        post("POST /p/{process}/documents/{document}/nodes/{key}",   "/p/gcm/documents/group-1-report/nodes/{g1_edit}", &[("text", "Edited by the matrix as {role}."), ("base", "{g1_text}"), ("version", "{g1_version}")], GROUP1_REVIEW, S(303), S(403), S(401)),
        post("POST /p/{process}/documents/{document}/nodes",         "/p/gcm/documents/draft/nodes",    &[("after", "{draft_node}"), ("kind", "paragraph"), ("text", "Inserted by the matrix as {role}.")], DRAFT_EDIT, S(303), S(403), S(401)),
        post("POST /p/{process}/documents/{document}/nodes",         "/p/gcm/documents/group-1-report/nodes", &[("after", ""), ("kind", "paragraph"), ("text", "Inserted by the matrix as {role}.")], GROUP1_REVIEW, S(303), S(403), S(401)),
        post("POST /p/{process}/documents/{document}/nodes/{key}/move", "/p/gcm/documents/draft/nodes/{draft_node}/move", &[("direction", "down")],          DRAFT_EDIT, S(303), S(403), Login),
        post("POST /p/{process}/documents/{document}/languages/{language}/nodes/{key}", "/p/gcm/documents/draft/languages/fr/nodes/{draft_node}", &[("text", "Traduit par la matrice en tant que {role}."), ("revision", "1")], NOBODY, Nobody, S(403), Login),
        post("POST /p/{process}/documents/{document}/nodes/{key}/status", "/p/gcm/documents/draft/nodes/{draft_node}/status", &[("status", "agreed-ad-ref")], DRAFT_EDIT, S(303), S(403), Login),
        post("POST /p/{process}/documents/{document}/nodes/{key}/links", "/p/gcm/documents/draft/nodes/{draft_node}/links", &[("source_kind", "contribution"), ("reference", "{wc_other}"), ("version", ""), ("quote", ""), ("note", "Linked by the matrix.")], DRAFT_EDIT, S(303), S(403), Login),
        post("POST /p/{process}/documents/{document}/nodes/{key}/links/{link}/remove", "/p/gcm/documents/draft/nodes/{link_node}/links/{link}/remove", &[], DRAFT_EDIT, S(303), S(403), Login),
        post("POST /p/{process}/documents/{document}/nodes/{key}/delete", "/p/gcm/documents/draft/nodes/{spare}/delete", &[],                                DRAFT_EDIT, S(303), S(403), Login),
        post("POST /p/{process}/documents/{document}/pull",          "/p/gcm/documents/draft/pull",     &[("source", "{summary_source}"), ("after", "")],      DRAFT_EDIT, S(303), S(403), Login),
        post("POST /p/{process}/documents/{document}/pull-accepted", "/p/gcm/documents/group-1-report/pull-accepted", &[("versions", "{g1_accepted_version}")], GROUP1_REVIEW, S(303), S(403), Login),
        post("POST /p/{process}/documents/{document}/details",       "/p/gcm/documents/draft/details",  &[("title", "Global compact, edited by {role}"), ("symbol", "A/CONF.231/3"), ("language", "en")], DRAFT_EDIT, S(303), S(403), S(401)),
        post("POST /p/{process}/documents/{document}/details",       "/p/gcm/documents/group-1-report/details", &[("title", "Report of group 1, edited by {role}"), ("symbol", ""), ("language", "en")], GROUP1_REVIEW, S(303), S(403), S(401)),
        post("POST /p/{process}/documents/{document}/publish",       "/p/gcm/documents/draft/publish",  &[("label", "Matrix {role}")],                         DRAFT_EDIT, S(303), S(403), Login),
        post("POST /p/{process}/documents/{document}/publish",       "/p/gcm/documents/chairs-summary/publish", &[("label", "Matrix {role}"), ("confirm_final", "yes")], CHAIR_EDIT, S(303), S(403), Login),
        // Last but one: the demo process accredits at once, so everyone who asks is a
        // stakeholder after it.
        post("POST /p/{process}/accreditation",                      "/p/gcm/accreditation",            &[],                                                   NO_ROLE,  S(303), S(403), Login),
        post("POST /logout",                                         "/logout",                         &[],                                                   EVERYONE, S(303), Nobody, Nobody),
    ];
    rows
}

/// Sends one cell's request; the response and the URL it went to.
pub async fn send(fixture: &Fixture, row: &Row, who: Who) -> (reqwest::Response, String) {
    let browser = fixture.browser(who);
    let url = fixture.resolve(row.url, who);
    let fill = |fields: &[(String, String)]| -> Vec<(String, String)> {
        fields
            .iter()
            .map(|(k, v)| (k.clone(), fixture.resolve(v, who)))
            .collect()
    };
    let response = match &row.body {
        Body::None if row.method() == "GET" => browser.get(&url).await,
        Body::None => fixture.post(who, &url, &[]).await,
        Body::Form(fields) => fixture.post(who, &url, &fill(fields)).await,
        Body::Multipart(fields) => {
            let mut form = reqwest::multipart::Form::new();
            for (k, v) in fill(fields) {
                form = form.text(k, v);
            }
            let sep = if url.contains('?') { '&' } else { '?' };
            browser
                .client
                .post(browser.url(&format!("{url}{sep}csrf_token={}", fixture.token(who))))
                .multipart(form)
                .send()
                .await
                .expect("answered")
        }
    };
    (response, url)
}

/// Whether a response is what was expected; `None` if so, else what it was.
pub async fn judge(response: reqwest::Response, expected: Out) -> Option<String> {
    let status = response.status().as_u16();
    let to = location(&response);
    let body = response.text().await.unwrap_or_default();
    let fine = match expected {
        S(s) => status == s,
        Login => status == 303 && to.starts_with("/login"),
        Has(s, text) => status == s && body.contains(text),
        Lacks(s, text) => status == s && !body.contains(text),
        Nobody => false,
    };
    if fine {
        None
    } else {
        let shown = match expected {
            Has(_, text) | Lacks(_, text) => format!(
                ", body {} {text:?}",
                if body.contains(text) { "has" } else { "lacks" }
            ),
            _ => String::new(),
        };
        Some(format!(
            "{status}{}{shown}",
            if to.is_empty() {
                String::new()
            } else {
                format!(" → {to}")
            }
        ))
    }
}

async fn every_route_answers_every_role_as_the_table_says(backend: Backend) {
    let Some(fixture) = Fixture::start(backend).await else {
        return;
    };
    let rows = rows();

    // Every route registered has a row, every row a registered route, and each row's URL is
    // one its route matches.
    let registered = registered_routes();
    let covered: BTreeSet<String> = rows.iter().map(|r| r.route.to_string()).collect();
    let missing: Vec<&String> = registered.difference(&covered).collect();
    let unknown: Vec<&String> = covered.difference(&registered).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "routes without a row: {missing:#?}\nrows without a registered route: {unknown:#?}"
    );
    for row in &rows {
        let (_, pattern) = row.route.split_once(' ').expect("method and path");
        let path = row.url.split('?').next().unwrap_or_default();
        assert!(
            path_matches(pattern, path),
            "{} does not match its route {}",
            row.url,
            row.route
        );
    }

    let mut wrong = Vec::new();
    let mut unprotected = Vec::new();
    let mut cells = 0;
    for row in &rows {
        // Refused roles first: a POST none of them may make must leave the database as it was.
        let mut order: Vec<Who> = Who::ALL
            .iter()
            .copied()
            .filter(|w| !row.allows(*w))
            .collect();
        let refused = order.len();
        order.extend(Who::ALL.iter().copied().filter(|w| row.allows(*w)));
        let before = if row.method() == "POST" {
            Some(with_db(&fixture.app, fingerprint).await)
        } else {
            None
        };
        for (i, who) in order.into_iter().enumerate() {
            if i == refused
                && let Some(before) = &before
            {
                let after = with_db(&fixture.app, fingerprint).await;
                let changed = changes(before, &after);
                if !changed.is_empty() {
                    wrong.push(format!(
                        "{}: refused requests changed the database: {changed:?}",
                        row.route
                    ));
                }
            }
            let expected = row.expected(who);
            let (response, url) = send(&fixture, row, who).await;
            cells += 1;
            let missing = missing_headers(&response);
            if !missing.is_empty() {
                unprotected.push(format!(
                    "{} {url} as {}: {missing:?}",
                    row.method(),
                    who.key()
                ));
            }
            if let Some(got) = judge(response, expected).await {
                wrong.push(format!(
                    "{} {url} as {}: expected {expected:?}, got {got}",
                    row.method(),
                    who.key()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {cells} cells differ from the table:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(
        unprotected.is_empty(),
        "responses without the security headers:\n{}",
        unprotected.join("\n")
    );
    assert_eq!(cells, rows.len() * Who::ALL.len());
}

/// Whether a URL path fits a route pattern: literal segments equal, `{name}` any non-empty
/// text (within a segment, between the literal parts around it).
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<&str> = pattern.split('/').collect();
    let path: Vec<&str> = path.split('/').collect();
    pattern.len() == path.len()
        && pattern
            .iter()
            .zip(&path)
            .all(|(p, s)| segment_matches(p, s))
}

fn segment_matches(pattern: &str, segment: &str) -> bool {
    let Some(open) = pattern.find('{') else {
        return pattern == segment;
    };
    let close = pattern[open..].find('}').expect("a closing brace") + open;
    let (prefix, rest) = (&pattern[..open], &pattern[close + 1..]);
    let Some(remaining) = segment.strip_prefix(prefix) else {
        return false;
    };
    if rest.is_empty() {
        return !remaining.is_empty();
    }
    // The variable takes at least one character; the rest must match what follows.
    (1..=remaining.len())
        .filter(|i| remaining.is_char_boundary(*i))
        .any(|i| segment_matches(rest, &remaining[i..]))
}

/// The routes `src/web` registers, as `METHOD /path`: every `#[get]`/`#[post]` handler that
/// `web::routes` (src/web/mod.rs) or an area's scope (src/web/<area>/mod.rs, itself
/// registered there) names in a `.service(…)`, with the scope's prefix.
pub fn registered_routes() -> BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
    let read = |path: &std::path::Path| std::fs::read_to_string(path).unwrap_or_default();
    let top = read(&root.join("mod.rs"));
    let services = |source: &str| -> Vec<String> {
        source
            .match_indices(".service(")
            .map(|(i, m)| {
                let rest = &source[i + m.len()..];
                rest[..rest.find(')').unwrap_or(0)].trim().to_string()
            })
            .collect()
    };
    let top_services = services(&top);
    let mut found = BTreeSet::new();
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&root).expect("src/web") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            for inner in std::fs::read_dir(&path).expect("an area") {
                files.push(inner.expect("an entry").path());
            }
        } else {
            files.push(path);
        }
    }
    for file in files {
        if file.extension().and_then(|e| e.to_str()) != Some("rs") {
            continue;
        }
        let relative = file.strip_prefix(&root).expect("under src/web");
        let parts: Vec<String> = relative
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        // `admin/mod.rs` is module `admin`, `admin/people.rs` is `admin::people`.
        let (area, module) = match parts.as_slice() {
            [file] => (None, file.clone()),
            [area, file] if file == "mod" => (Some(area.clone()), area.clone()),
            [area, file] => (Some(area.clone()), format!("{area}::{file}")),
            _ => continue,
        };
        let source = read(&file);
        for (i, _) in source.match_indices("#[") {
            let attribute = &source[i..];
            let method = if attribute.starts_with("#[get(\"") {
                "GET"
            } else if attribute.starts_with("#[post(\"") {
                "POST"
            } else {
                continue;
            };
            let start = attribute.find('"').expect("a quote") + 1;
            let end = attribute[start..].find('"').expect("a quote") + start;
            let path = &attribute[start..end];
            let after = &attribute[end..];
            let name_at = after.find("fn ").expect("a handler") + 3;
            let name: String = after[name_at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let full_name = format!("{module}::{name}");
            if top_services.contains(&full_name) {
                found.insert(format!("{method} {path}"));
                continue;
            }
            let Some(area) = &area else { continue };
            let area_source = read(&root.join(area).join("mod.rs"));
            let local = if module == *area {
                name.clone()
            } else {
                format!("{}::{name}", module.rsplit("::").next().unwrap_or_default())
            };
            let registered_in_scope = services(&area_source).contains(&local)
                && top.contains(&format!(".service({area}::routes())"));
            let scope = area_source.find("web::scope(\"").map(|i| {
                let rest = &area_source[i + "web::scope(\"".len()..];
                rest[..rest.find('"').unwrap_or(0)].to_string()
            });
            if registered_in_scope && let Some(scope) = scope {
                found.insert(format!("{method} {scope}{path}"));
            }
        }
    }
    found
}

/// The route table (`concord::paths`) names only routes the server registers: a link built
/// from it cannot point nowhere.
#[test]
fn every_route_of_the_table_is_served() {
    let served: BTreeSet<String> = registered_routes()
        .into_iter()
        .filter_map(|route| route.split_once(' ').map(|(_, path)| path.to_string()))
        .collect();
    let table = concord::paths::ALL
        .iter()
        .chain(concord::paths::BY_REFERENCE)
        .chain([&concord::paths::CONTRIBUTION_FILE]);
    for pattern in table {
        assert!(
            served.contains(*pattern),
            "{pattern} is not a route: {served:#?}"
        );
    }
}

#[test]
fn the_route_list_is_read_from_the_source() {
    let routes = registered_routes();
    for expected in [
        "GET /p/{process}/contributions",
        "POST /admin/processes/{process}/roles/{assignment}/remove",
        "GET /admin",
        "POST /p/{process}/documents/draft/start",
        "GET /p/{process}/groups/{number}/review/{reference}",
    ] {
        assert!(routes.contains(expected), "{expected} in {routes:#?}");
    }
    assert!(routes.len() >= 88, "{} routes", routes.len());
    // Routes are made by the `#[get]`/`#[post]` macros only; one made another way would
    // escape the list above, so there is none.
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().and_then(|e| e.to_str()) == Some("rs") {
                let source = std::fs::read_to_string(&path).expect("a source file");
                for other_way in ["web::resource(", ".route(\"", "web::get()", "web::post()"] {
                    assert!(
                        !source.contains(other_way),
                        "{} registers a route with {other_way}: give the matrix a way to see it",
                        path.display()
                    );
                }
            }
        }
    }
    assert!(path_matches(
        "/p/{process}/documents/{document}/export.{format}",
        "/p/gcm/documents/draft/export.akn.xml"
    ));
    assert!(!path_matches(
        "/p/{process}/stats/{chart}.csv",
        "/p/gcm/stats/groups.json"
    ));
    assert!(!path_matches("/p/{process}", "/p/gcm/contributions"));
}

#[test]
fn the_table_has_eleven_marks_a_row() {
    for row in rows() {
        // `Nobody` only where no role falls in that column.
        for who in Who::ALL {
            assert!(
                !matches!(row.expected(who), Nobody),
                "{} {}: {} has no expectation",
                row.route,
                row.url,
                who.key()
            );
        }
        assert!(matches!(row.method(), "GET" | "POST"), "{}", row.route);
    }
}
