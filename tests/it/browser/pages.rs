//! Every page of the design's page table, as each role reaches it, in English and then in
//! Arabic, and the public and stakeholder pages in Chinese, Russian, Spanish and French:
//! signed in through the login form, the language switched through the chooser, and
//! each page checked by the `Audit` (axe-core in the page, the Nu HTML checker on the HTML the
//! server sent). One Chromium and one application with the demo loaded serve the whole tour.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::json;

use super::audit::{Audit, devtools};
use super::browser;
use crate::helpers::{Backend, spawn_app_with};

const DEMO_PASSWORD: &str = "concord-demo-2018";

/// A proposal of the demo with three versions, so that its comparison has something to show.
const REVISED_PROPOSAL: &str = "Fair and ethical recruitment";

/// The languages the tour speaks, in the order it speaks them, and whether it takes every
/// role through them (English and Arabic, the two directions) or only the visitor and the
/// stakeholder (the public pages and the forms most people fill in), which keeps the tour's
/// run time reasonable while every language is checked where most people read it.
const LANGUAGES: [(&str, &str, bool); 6] = [
    ("en", "English", true),
    ("ar", "Arabic", true),
    ("zh", "Chinese", false),
    ("ru", "Russian", false),
    ("es", "Spanish", false),
    ("fr", "French", false),
];

#[tokio::test]
async fn every_page_passes_axe_and_the_html_checker_for_every_role_in_the_six_languages() {
    let Some(app) = spawn_app_with(Backend::Sqlite, &[], true).await else {
        return;
    };
    let Some((client, _driver)) = browser().await else {
        return;
    };
    let mut audit = Audit::new();
    let mut findings = Vec::new();
    let outcome = tour_in_every_language(&client, &app.address, &mut audit, &mut findings).await;
    let _ = client.close().await;
    let counts = outcome.expect("the tour reaches every page");
    eprintln!(
        "Checked {} pages: {}; as {} roles (anonymous included) in English and Arabic, as a visitor and a stakeholder in the others.",
        audit.pages(),
        counts
            .iter()
            .map(|(name, pages)| format!("{pages} in {name}"))
            .collect::<Vec<_>>()
            .join(", "),
        ROLES.len()
    );
    let audited = audit.finish();
    assert!(findings.is_empty(), "{}", findings.join("\n"));
    if let Err(problems) = audited {
        panic!("{problems}");
    }
}

/// The tour in each language, switched to with the chooser in the page header as a person
/// does; the number of pages checked in each language.
async fn tour_in_every_language(
    client: &Client,
    address: &str,
    audit: &mut Audit,
    findings: &mut Vec<String>,
) -> Result<Vec<(&'static str, usize)>, String> {
    let mut counts = Vec::new();
    let mut tour = Tour {
        client,
        address,
        audit,
        findings,
        lang: "en",
        role: Role::Anonymous,
    };
    for (code, name, every_role) in LANGUAGES {
        if code != "en" {
            tour.open("/").await?;
            switch_language(client, code).await?;
        }
        tour.lang = code;
        let before = tour.audit.pages();
        if every_role {
            tour.every_role().await?;
        } else {
            tour.visitor_and_stakeholder().await?;
        }
        counts.push((name, tour.audit.pages() - before));
    }
    Ok(counts)
}

/// Who tours the site: a visitor without an account, or one of the demo's roles.
#[derive(Clone, Copy)]
enum Role {
    Anonymous,
    Stakeholder,
    Rapporteur,
    Moderator,
    Chair,
    CoFacilitator,
    Secretariat,
    Translator,
    Administrator,
}

const ROLES: [Role; 9] = [
    Role::Anonymous,
    Role::Stakeholder,
    Role::Rapporteur,
    Role::Moderator,
    Role::Chair,
    Role::CoFacilitator,
    Role::Secretariat,
    Role::Translator,
    Role::Administrator,
];

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Anonymous => "anonymous",
            Role::Stakeholder => "stakeholder",
            Role::Rapporteur => "rapporteur of group 1",
            Role::Moderator => "moderator of group 1",
            Role::Chair => "chair",
            Role::CoFacilitator => "co-facilitator",
            Role::Secretariat => "secretariat",
            Role::Translator => "translator into French and Spanish",
            Role::Administrator => "administrator",
        }
    }

    /// The demo account that holds the role (`None`: not signed in).
    fn account(self) -> Option<&'static str> {
        match self {
            Role::Anonymous => None,
            Role::Stakeholder => Some("stakeholder@demo.concord.example"),
            Role::Rapporteur => Some("rapporteur@demo.concord.example"),
            Role::Moderator => Some("moderator@demo.concord.example"),
            Role::Chair => Some("chair@demo.concord.example"),
            Role::CoFacilitator => Some("cofacilitator@demo.concord.example"),
            Role::Secretariat => Some("secretariat@demo.concord.example"),
            Role::Translator => Some("translator@demo.concord.example"),
            Role::Administrator => Some("admin@demo.concord.example"),
        }
    }
}

struct Tour<'a> {
    client: &'a Client,
    address: &'a str,
    audit: &'a mut Audit,
    /// What the checkers cannot see: where the keyboard's focus was lost from sight, and
    /// where a narrow screen had to scroll sideways.
    findings: &'a mut Vec<String>,
    lang: &'static str,
    role: Role,
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

impl Tour<'_> {
    async fn every_role(&mut self) -> Result<(), String> {
        for role in ROLES {
            self.role = role;
            if let Some(email) = role.account() {
                self.sign_in(email).await?;
            }
            match role {
                Role::Anonymous => self.anonymous().await?,
                Role::Stakeholder => self.stakeholder().await?,
                Role::Rapporteur => self.rapporteur().await?,
                Role::Moderator => self.moderator().await?,
                Role::Chair => self.chair().await?,
                Role::CoFacilitator => self.cofacilitator().await?,
                Role::Secretariat => self.secretariat().await?,
                Role::Translator => self.translator().await?,
                Role::Administrator => self.administrator().await?,
            }
            if role.account().is_some() {
                self.sign_out().await?;
            }
        }
        Ok(())
    }

    /// The public pages, and what a stakeholder writes and reads.
    async fn visitor_and_stakeholder(&mut self) -> Result<(), String> {
        self.role = Role::Anonymous;
        self.anonymous().await?;
        self.role = Role::Stakeholder;
        if let Some(email) = Role::Stakeholder.account() {
            self.sign_in(email).await?;
        }
        self.stakeholder().await?;
        self.sign_out().await
    }

    /// The public pages: everything a visitor without an account reads.
    async fn anonymous(&mut self) -> Result<(), String> {
        self.visit("/", "home", 200).await?;
        self.keyboard("home").await?;
        self.visit("/p/gcm", "process", 200).await?;
        self.visit("/p/gcm/contributions", "contributions", 200)
            .await?;
        self.keyboard("contributions").await?;

        // A search and a filter, through the form.
        self.set_value("#q", "migrant").await?;
        self.select_value("#category", "civil-society").await?;
        self.press("form[role='search'] button[type='submit']")
            .await?;
        self.here("contributions searched and filtered", 200)
            .await?;
        self.visit(
            "/p/gcm/contributions?group=1&sort=oldest",
            "contributions of group 1",
            200,
        )
        .await?;
        self.visit("/p/gcm/contributions", "contributions", 0)
            .await?;
        if self.exists("a[rel='next']").await? {
            self.follow("a[rel='next']", "contributions, next page", 200)
                .await?;
        }
        self.visit("/p/gcm/contributions", "contributions", 0)
            .await?;
        self.follow(".result-title a", "a contribution", 200)
            .await?;

        self.visit("/p/gcm/proposals", "proposals", 200).await?;
        self.visit("/p/gcm/groups/1", "group 1", 200).await?;
        self.visit("/p/gcm/proposals?group=4", "proposals of group 4", 200)
            .await?;
        self.follow_text(REVISED_PROPOSAL, "a proposal", 200)
            .await?;
        let proposal = self.client.current_url().await.map_err(err)?;
        self.follow("a[href*='/compare?from=1']", "a proposal's comparison", 200)
            .await?;
        self.visit(
            &format!("{}?version=1", proposal.path()),
            "a proposal's first version",
            200,
        )
        .await?;

        self.visit("/p/gcm/documents/draft", "the draft, latest revision", 200)
            .await?;
        self.visit(
            "/p/gcm/documents/draft/revisions/zero-draft",
            "the zero draft",
            200,
        )
        .await?;
        self.visit(
            "/p/gcm/documents/draft/compare",
            "compare, choose revisions",
            200,
        )
        .await?;
        self.visit(
            "/p/gcm/documents/draft/compare?from=zero-draft&to=rev-1",
            "zero draft compared with Rev.1",
            200,
        )
        .await?;
        self.visit(
            "/p/gcm/documents/draft/languages/fr",
            "the draft's French version beside the original",
            200,
        )
        .await?;
        self.visit(
            "/p/gcm/documents/chairs-summary",
            "the Chair's summary",
            200,
        )
        .await?;
        self.visit("/p/gcm/documents/group-1-report", "group 1 report", 200)
            .await?;

        self.visit("/p/gcm/stats", "engagement", 200).await?;
        self.visit("/p/gcm/negotiation/rounds", "negotiation rounds", 200)
            .await?;
        self.visit(
            "/p/gcm/negotiation/rounds/1",
            "the first reading, its amendments and proponents",
            200,
        )
        .await?;
        self.follow(
            "a[href$='/negotiation/rounds/1/compilation']",
            "the first reading's compilation text",
            200,
        )
        .await?;
        self.visit("/p/gcm/open-data", "open data", 200).await?;
        self.visit("/p/gcm/events", "events", 200).await?;
        self.follow_text(
            "Preparatory (stocktaking) meeting, Puerto Vallarta",
            "the stocktaking meeting with its programme",
            200,
        )
        .await?;
        self.visit(
            "/p/gcm/events/12/sessions/1",
            "a session's speakers' list and statements",
            200,
        )
        .await?;

        self.visit("/register", "register", 200).await?;
        self.press("form[action='/register'] button[type='submit']")
            .await?;
        self.here("register, with errors", 0).await?;
        self.keyboard("register, with errors").await?;
        self.visit("/login", "sign in", 200).await?;
        self.set_value("#email", "nobody@demo.concord.example")
            .await?;
        self.set_value("#password", "not the password").await?;
        self.press("form[action='/login'] button[type='submit']")
            .await?;
        self.here("sign in, failed", 0).await?;
        self.visit("/account/forgot", "forgotten password", 200)
            .await?;
        self.press("form[action='/account/forgot'] button[type='submit']")
            .await?;
        self.here("forgotten password, with errors", 0).await?;
        self.visit(
            "/account/reset/no-such-link",
            "a reset link that is spent",
            410,
        )
        .await?;

        self.visit(
            "/p/gcm/contributions/GCM-WC-9999",
            "a contribution that is not there",
            404,
        )
        .await?;
        self.visit("/no/such/page", "an address that is not there", 404)
            .await?;
        Ok(())
    }

    /// What an accredited stakeholder writes: contributions and proposals, and their account.
    async fn stakeholder(&mut self) -> Result<(), String> {
        self.visit("/", "home", 200).await?;
        self.visit("/p/gcm", "process", 200).await?;
        self.visit("/account", "account", 200).await?;
        self.set_value("#current_password", "not the password")
            .await?;
        self.press("form[action='/account/password'] button[type='submit']")
            .await?;
        self.here("account, password change refused", 0).await?;
        self.visit("/notifications", "notifications", 200).await?;
        if self.exists("main a[href*='/proposals/']").await? {
            self.follow(
                "main a[href*='/proposals/']",
                "a proposal they are told of",
                200,
            )
            .await?;
        }

        self.visit("/p/gcm/contributions/new", "new contribution", 200)
            .await?;
        self.press("button[name='action'][value='submit']").await?;
        self.here("new contribution, with errors", 0).await?;
        self.visit("/p/gcm/contributions/new", "new contribution", 0)
            .await?;
        self.set_value("#title", "Decent work for all migrant workers")
            .await?;
        self.set_value(
            "#body",
            "States should guarantee **decent work** for all migrant workers:\n\n- fair recruitment\n- portable social security",
        )
        .await?;
        self.press("button[name='action'][value='preview']").await?;
        self.here("new contribution, previewed", 0).await?;
        self.press("button[name='action'][value='save']").await?;
        self.here("a draft contribution, saved", 200).await?;
        self.visit(
            "/p/gcm/contributions",
            "contributions, with their drafts",
            200,
        )
        .await?;

        self.visit("/p/gcm/proposals/new?group=1", "new proposal", 200)
            .await?;
        self.press("button[name='intent'][value='submit']").await?;
        self.here("new proposal, with errors", 0).await?;
        self.set_value("#title", "Portable social security for migrant workers")
            .await?;
        self.press("button[name='intent'][value='save']").await?;
        self.here("a draft proposal, saved", 200).await?;
        self.visit("/p/gcm/groups/1/review", "a review queue not theirs", 403)
            .await?;
        Ok(())
    }

    /// The rapporteur of group 1: the review queue, a decision, the group report.
    async fn rapporteur(&mut self) -> Result<(), String> {
        self.visit("/p/gcm/groups/1", "group 1, as its rapporteur", 200)
            .await?;
        self.visit("/p/gcm/groups/1/review", "review queue", 200)
            .await?;
        self.follow("main h2 a[href*='/review/']", "a proposal's review", 200)
            .await?;
        self.press("form[action$='/decision'] button[type='submit']")
            .await?;
        self.here("a decision, with errors", 0).await?;
        self.document("group-1-report").await?;
        self.visit("/notifications", "notifications", 200).await?;
        Ok(())
    }

    async fn moderator(&mut self) -> Result<(), String> {
        self.visit("/p/gcm/groups/1", "group 1, as its moderator", 200)
            .await?;
        self.visit("/p/gcm/groups/1/review", "review queue", 200)
            .await?;
        self.follow("main h2 a[href*='/review/']", "a proposal's review", 200)
            .await?;
        self.visit("/p/gcm/contributions", "contributions", 0)
            .await?;
        self.follow(
            ".result-title a",
            "a contribution, which they may hide",
            200,
        )
        .await?;
        Ok(())
    }

    async fn chair(&mut self) -> Result<(), String> {
        self.visit("/p/gcm", "process", 200).await?;
        self.document("chairs-summary").await?;
        Ok(())
    }

    async fn cofacilitator(&mut self) -> Result<(), String> {
        self.visit("/p/gcm", "process, with the draft's exports", 200)
            .await?;
        self.document("draft").await?;
        self.visit("/p/gcm/documents/draft?view=working", "working copy", 0)
            .await?;
        self.keyboard("working copy").await?;
        self.follow(
            ".document-body div.node ~ div.node-tools a[href$='/edit']",
            "a paragraph's edit form, with its status",
            200,
        )
        .await?;
        self.visit("/p/gcm/documents/draft/details", "the draft's details", 200)
            .await?;
        self.visit(
            "/p/gcm/negotiation/rounds/2",
            "the second reading, restricted to delegations, with accept forms",
            200,
        )
        .await?;
        Ok(())
    }

    async fn secretariat(&mut self) -> Result<(), String> {
        self.visit("/p/gcm", "process", 200).await?;
        self.visit("/admin/processes/gcm", "process administration", 200)
            .await?;
        self.visit("/admin/processes/gcm/edit", "process settings", 200)
            .await?;
        self.visit(
            "/admin/processes/gcm/translations/fr",
            "the process's texts in French",
            200,
        )
        .await?;
        self.visit("/admin/processes/gcm/audit", "audit log", 200)
            .await?;
        self.visit("/p/gcm/groups/2/review", "review queue of group 2", 200)
            .await?;
        self.visit(
            "/p/gcm/negotiation/delegations",
            "delegations and groups of States",
            200,
        )
        .await?;
        self.press("form[action='/p/gcm/negotiation/delegations'] button[type='submit']")
            .await?;
        self.here("delegations, with errors", 0).await?;
        self.visit(
            "/p/gcm/negotiation/rounds",
            "negotiation rounds, to open one",
            200,
        )
        .await?;
        self.visit("/p/gcm/contributions", "contributions", 0)
            .await?;
        self.follow(
            ".result-title a",
            "a contribution, which they may hide",
            200,
        )
        .await?;
        self.visit("/p/gcm/events/new", "new event", 200).await?;
        self.press("main form button[type='submit']").await?;
        self.here("new event, with errors", 0).await?;
        self.visit("/p/gcm/events", "events, with those not yet public", 200)
            .await?;
        self.follow_text(
            "Preparatory (stocktaking) meeting, Puerto Vallarta",
            "the stocktaking meeting",
            200,
        )
        .await?;
        self.visit(
            "/p/gcm/events/12/sessions/1",
            "a session, with the speakers' list's and the statement's forms",
            200,
        )
        .await?;
        self.press("form[action$='/speakers'] button[type='submit']")
            .await?;
        self.here("a session, the speaker form with errors", 0)
            .await?;
        self.follow_text(
            "Preparatory (stocktaking) meeting, Puerto Vallarta",
            "the stocktaking meeting again",
            200,
        )
        .await?;
        self.follow(
            "main a[href$='/edit']",
            "the stocktaking meeting's form",
            200,
        )
        .await?;
        // The demo's twelfth event is the stocktaking meeting.
        self.visit(
            "/p/gcm/events/12/attendance",
            "the stocktaking meeting's attendance",
            200,
        )
        .await?;
        Ok(())
    }

    /// A language version with its translate links, and the form of its first paragraph.
    async fn translator(&mut self) -> Result<(), String> {
        self.visit(
            "/p/gcm/documents/draft/languages/es",
            "the Spanish version, to translate",
            200,
        )
        .await?;
        self.keyboard("the Spanish version").await?;
        self.follow(
            ".pair-missing .pair-state a",
            "a paragraph's translation form",
            200,
        )
        .await?;
        Ok(())
    }

    async fn administrator(&mut self) -> Result<(), String> {
        self.visit("/admin", "administration", 200).await?;
        self.visit("/admin/accounts", "accounts", 200).await?;
        self.visit("/admin/processes/new", "new process", 200)
            .await?;
        self.press("main form button[type='submit']").await?;
        self.here("new process, with errors", 0).await?;
        self.visit("/admin/processes/gcm", "process administration", 200)
            .await?;
        self.visit("/admin/processes/gcm/audit", "audit log", 200)
            .await?;
        self.visit(
            "/admin/processes/gcm/audit?action=contribution.submit&from=31%2F12%2F2026",
            "audit log, filtered, a date it cannot read",
            200,
        )
        .await?;
        Ok(())
    }

    /// A document as those who edit it see it: its working copy, a paragraph's form (and
    /// again with an error), the picker of sources, and the working copy compared.
    async fn document(&mut self, slug: &str) -> Result<(), String> {
        let base = format!("/p/gcm/documents/{slug}");
        self.visit(&format!("{base}?view=working"), "working copy", 200)
            .await?;
        self.follow(
            ".node-tools a[href$='/edit']",
            "a paragraph's edit form",
            200,
        )
        .await?;
        self.set_value("#text", "").await?;
        self.press("form.wide-form button.primary").await?;
        self.here("a paragraph's edit form, with errors", 0).await?;
        self.visit(&format!("{base}?view=working"), "working copy", 0)
            .await?;
        self.follow(".node-tools a[href*='/pick']", "the picker of sources", 200)
            .await?;
        self.visit(&format!("{base}/compare"), "compare", 200)
            .await?;
        Ok(())
    }

    fn name(&self, what: &str) -> String {
        format!("[{} {}] {what}", self.lang, self.role.name())
    }

    async fn open(&self, path: &str) -> Result<(), String> {
        self.client
            .goto(&format!("{}{path}", self.address))
            .await
            .map_err(err)
    }

    /// Opens `path` and checks it, unless `status` is 0: then the page is only a way to the
    /// next (it was checked before).
    async fn visit(&mut self, path: &str, what: &str, status: u16) -> Result<(), String> {
        self.open(path).await?;
        if status == 0 {
            return Ok(());
        }
        self.here(what, status).await
    }

    /// Checks the page the browser shows: its status (unless 0), its language, and the audit.
    async fn here(&mut self, what: &str, status: u16) -> Result<(), String> {
        let name = self.name(what);
        let shown = self
            .client
            .execute(
                "const n = performance.getEntriesByType('navigation')[0];\
                 return [n ? n.responseStatus : 0, document.documentElement.lang];",
                vec![],
            )
            .await
            .map_err(err)?;
        let got = shown[0].as_u64().unwrap_or_default();
        if status != 0 && got != u64::from(status) {
            let url = self.client.current_url().await.map_err(err)?;
            return Err(format!("{name}: {url} answered {got}, not {status}"));
        }
        if shown[1].as_str() != Some(self.lang) {
            return Err(format!(
                "{name}: the page is in {}, not {}",
                shown[1], self.lang
            ));
        }
        self.audit.check(self.client, &name).await?;
        self.reflow(&name).await
    }

    /// At 320 CSS pixels wide (a phone, or 1280 pixels zoomed to 400%) the page must not
    /// scroll sideways: only a wide table may, in its own box (WCAG 1.4.10).
    async fn reflow(&mut self, name: &str) -> Result<(), String> {
        let narrow =
            json!({ "width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": false });
        if devtools(self.client, "Emulation.setDeviceMetricsOverride", narrow)
            .await
            .is_none()
        {
            // Not Chromium: nothing to measure with.
            return Ok(());
        }
        let wide = self
            .client
            .execute(
                "const html = document.documentElement;\
                 if (html.scrollWidth <= html.clientWidth + 1) return null;\
                 const wide = [...document.body.querySelectorAll('*')].filter(e => {\
                   const r = e.getBoundingClientRect();\
                   return r.width > 0 && (r.right > html.clientWidth + 1 || r.left < -1);\
                 });\
                 return html.scrollWidth + 'px, by ' + wide.slice(-3).map(e => e.outerHTML.slice(0, 100)).join(' | ');",
                vec![],
            )
            .await
            .map_err(err);
        devtools(
            self.client,
            "Emulation.clearDeviceMetricsOverride",
            json!({}),
        )
        .await;
        if let Some(wide) = wide?.as_str() {
            self.findings.push(format!(
                "{name}: 320 pixels wide, the page scrolls sideways to {wide}"
            ));
        }
        Ok(())
    }

    /// Tabs through the page from its top, as a keyboard user does: at every stop the
    /// focused element must be on screen and drawn with a focus ring.
    async fn keyboard(&mut self, what: &str) -> Result<(), String> {
        const STOPS: usize = 40;
        self.client
            .execute(
                "window.scrollTo(0, 0); document.activeElement.blur(); document.body.focus();",
                vec![],
            )
            .await
            .map_err(err)?;
        for stop in 0..STOPS {
            self.client
                .active_element()
                .await
                .map_err(err)?
                .send_keys("\u{E004}")
                .await
                .map_err(err)?;
            let seen = self
                .client
                .execute(
                    "const e = document.activeElement;\
                     if (!e || e === document.body) return null;\
                     const s = getComputedStyle(e), r = e.getBoundingClientRect();\
                     const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)\
                       || s.boxShadow !== 'none';\
                     const shown = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0\
                       && r.top < innerHeight && r.left < innerWidth;\
                     return ring && shown ? '' : (shown ? 'no focus ring on ' : 'off screen: ')\
                       + e.outerHTML.slice(0, 160);",
                    vec![],
                )
                .await
                .map_err(err)?;
            match seen.as_str() {
                None if stop == 0 => {
                    let name = self.name(what);
                    self.findings
                        .push(format!("{name}: the Tab key reaches nothing"));
                    break;
                }
                // The focus has left the page: every stop was seen.
                None => break,
                Some("") => {}
                Some(problem) => {
                    let name = self.name(what);
                    self.findings.push(format!("{name}: {problem}"));
                }
            }
        }
        Ok(())
    }

    async fn exists(&self, css: &str) -> Result<bool, String> {
        Ok(!self
            .client
            .find_all(Locator::Css(css))
            .await
            .map_err(err)?
            .is_empty())
    }

    /// Follows the first link in the page that matches `css`, and checks where it leads.
    async fn follow(&mut self, css: &str, what: &str, status: u16) -> Result<(), String> {
        let link = self
            .client
            .find(Locator::Css(css))
            .await
            .map_err(|e| format!("{}: no link {css}: {e}", self.name(what)))?;
        self.click(link).await?;
        self.here(what, status).await
    }

    /// Follows the link in the main part of the page whose text holds `text`.
    async fn follow_text(&mut self, text: &str, what: &str, status: u16) -> Result<(), String> {
        let link = self
            .client
            .find(Locator::XPath(&format!("//main//a[contains(., '{text}')]")))
            .await
            .map_err(|e| format!("{}: no link {text:?}: {e}", self.name(what)))?;
        self.click(link).await?;
        self.here(what, status).await
    }

    async fn set_value(&self, css: &str, value: &str) -> Result<(), String> {
        let field = self
            .client
            .find(Locator::Css(css))
            .await
            .map_err(|e| format!("{}: no field {css}: {e}", self.name("a form")))?;
        field.clear().await.map_err(err)?;
        if !value.is_empty() {
            field.send_keys(value).await.map_err(err)?;
        }
        Ok(())
    }

    async fn select_value(&self, css: &str, value: &str) -> Result<(), String> {
        self.client
            .find(Locator::Css(css))
            .await
            .map_err(err)?
            .select_by_value(value)
            .await
            .map_err(err)
            .map(drop)
    }

    /// Presses the button that matches `css` and waits for the page it leads to.
    async fn press(&self, css: &str) -> Result<(), String> {
        let button = self
            .client
            .find(Locator::Css(css))
            .await
            .map_err(|e| format!("{}: no button {css}: {e}", self.name("a form")))?;
        self.click(button).await
    }

    /// Clicks a link or a button and waits for the page it leads to.
    async fn click(&self, element: fantoccini::elements::Element) -> Result<(), String> {
        self.client
            .execute("window.concordTourPage = true;", vec![])
            .await
            .map_err(err)?;
        element.click().await.map_err(err)?;
        self.wait_loaded().await
    }

    /// Waits until the page that was shown has been replaced by a loaded one.
    async fn wait_loaded(&self) -> Result<(), String> {
        for _ in 0..200 {
            let gone = self
                .client
                .execute(
                    "return window.concordTourPage === undefined && document.readyState === 'complete';",
                    vec![],
                )
                .await;
            if let Ok(serde_json::Value::Bool(true)) = gone {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(format!(
            "{}: the next page never came",
            self.name("a click")
        ))
    }

    /// Signs in through the login form, as `email`.
    async fn sign_in(&mut self, email: &str) -> Result<(), String> {
        self.open("/login").await?;
        self.set_value("#email", email).await?;
        self.set_value("#password", DEMO_PASSWORD).await?;
        self.press("form[action='/login'] button[type='submit']")
            .await?;
        if !self.exists("a[href='/account']").await? {
            return Err(format!(
                "{}: signing in as {email} failed",
                self.name("sign in")
            ));
        }
        Ok(())
    }

    async fn sign_out(&self) -> Result<(), String> {
        // From a page with the header: an error page has none.
        self.open("/").await?;
        self.press("form[action='/logout'] button[type='submit']")
            .await?;
        if !self.exists("a[href='/login']").await? {
            return Err(format!("{}: signing out failed", self.name("sign out")));
        }
        Ok(())
    }
}

/// Chooses `code` in the header's language chooser and waits for the page in that language.
async fn switch_language(client: &Client, code: &str) -> Result<(), String> {
    client
        .find(Locator::Css("#language-select"))
        .await
        .map_err(err)?
        .select_by_value(code)
        .await
        .map_err(err)?;
    client
        .find(Locator::Css("form.language-chooser button[type='submit']"))
        .await
        .map_err(err)?
        .click()
        .await
        .map_err(err)?;
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(&format!("html[lang='{code}']")))
        .await
        .map_err(err)
        .map(drop)
}
