//! One journey per role, the way each person does their work, in one fresh instance (not the
//! demo): the first administrator sets Concord up through the setup link and creates the
//! process; the secretariat accredits and assigns roles; a stakeholder writes a contribution
//! and proposes a commitment, co-sponsored by another organisation, and revises it when asked;
//! the rapporteur reviews it and publishes the group report; the chair publishes the Chair's
//! summary; the co-facilitator assembles the zero draft, publishes Rev.1, compares the two and
//! downloads every export; the secretariat hides a contribution and reads the audit log.
//!
//! Everything goes through the pages as a person uses them: fields found by their labels,
//! buttons by their text, links by their text; an address is typed only where a person types
//! or bookmarks one (the setup link, the sign-in page). Every page reached is checked by
//! axe-core and, at the end, by the Nu HTML checker.

use std::fmt::Display;
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};

use super::audit::Audit;
use super::browser;
use crate::helpers::{Backend, PASSWORD, spawn_app};

pub(super) type Step<T = ()> = Result<T, String>;

pub(super) fn err(e: impl Display) -> String {
    e.to_string()
}

/// `text` as an XPath string literal, whatever quotes it holds.
pub(super) fn literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// Someone taking part, as they register.
pub(super) struct Person {
    pub(super) email: &'static str,
    pub(super) name: &'static str,
    pub(super) organisation: &'static str,
    pub(super) category: &'static str,
}

const ADMINISTRATOR: Person = Person {
    email: "ada@un.example.org",
    name: "Ada Lindqvist",
    organisation: "United Nations Secretariat",
    category: "United Nations system",
};
const SECRETARIAT: Person = Person {
    email: "samuel@un.example.org",
    name: "Samuel Okafor",
    organisation: "United Nations Secretariat",
    category: "United Nations system",
};
const RAPPORTEUR: Person = Person {
    email: "rafael@gob.example.mx",
    name: "Rafael Ortega",
    organisation: "Permanent Mission of Uruguay",
    category: "Member State",
};
const CHAIR: Person = Person {
    email: "chiara@esteri.example.it",
    name: "Chiara Bellini",
    organisation: "Permanent Mission of Italy",
    category: "Member State",
};
const CO_FACILITATOR: Person = Person {
    email: "juan@sre.example.mx",
    name: "Juan José Gómez",
    organisation: "Permanent Mission of Mexico",
    category: "Member State",
};
const STAKEHOLDER: Person = Person {
    email: "layla@mfasia.example.org",
    name: "Layla Haddad",
    organisation: "Migrant Forum in Asia",
    category: "Civil society",
};
const CO_SPONSOR: Person = Person {
    email: "omar@ituc.example.org",
    name: "Omar Farouk",
    organisation: "International Trade Union Confederation",
    category: "Trade union",
};

const PROCESS: &str = "Global Compact for Safe, Orderly and Regular Migration";
const PROPOSAL: &str = "Decent work for migrant workers";
const COMMITMENT: &str =
    "States commit to ensure decent work and fair recruitment for all migrant workers.";
const CONTRIBUTION: &str = "Fair recruitment across borders";

/// The browser, the pages checked so far, and how many steps the people took.
pub(super) struct Journey {
    pub(super) client: Client,
    pub(super) address: String,
    pub(super) audit: Audit,
    pub(super) steps: usize,
    /// The kinds of page checked (some are checked more than once, in another state).
    pub(super) kinds: std::collections::BTreeSet<String>,
}

impl Journey {
    /// Checks the page now shown (axe now, the Nu checker at the end).
    pub(super) async fn check(&mut self, what: &str) -> Step {
        self.kinds.insert(what.to_string());
        self.audit.check(&self.client, what).await
    }

    /// Opens an address the person types or keeps as a bookmark.
    pub(super) async fn open(&mut self, path: &str, what: &str) -> Step {
        self.steps += 1;
        self.client
            .goto(&format!("{}{path}", self.address))
            .await
            .map_err(err)?;
        self.ready().await?;
        self.check(what).await
    }

    pub(super) async fn ready(&self) -> Step {
        for _ in 0..200 {
            if let Ok(state) = self
                .client
                .execute("return document.readyState;", vec![])
                .await
                && state.as_str() == Some("complete")
            {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err("the page never finished loading".into())
    }

    /// Clicks `element` and waits for the page it leads to.
    pub(super) async fn click_to_next_page(&mut self, element: Element) -> Step {
        self.steps += 1;
        let old = self.client.find(Locator::Css("html")).await.map_err(err)?;
        element.click().await.map_err(err)?;
        let mut changed = false;
        for _ in 0..300 {
            if old.tag_name().await.is_err() {
                changed = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        if !changed {
            return Err(format!(
                "the click led nowhere: still on {}",
                self.client.current_url().await.map_err(err)?
            ));
        }
        self.ready().await
    }

    pub(super) async fn find_xpath(&self, xpath: &str, what: &str) -> Step<Element> {
        match self.client.find(Locator::XPath(xpath)).await {
            Ok(element) => Ok(element),
            Err(e) => Err(format!("{what} is not on {}: {e}", self.here().await)),
        }
    }

    pub(super) async fn here(&self) -> String {
        match self.client.current_url().await {
            Ok(url) => url.to_string(),
            Err(e) => format!("(no address: {e})"),
        }
    }

    /// Follows the link whose text reads `text` (within `scope`, an XPath, or anywhere).
    pub(super) async fn follow_in(&mut self, scope: &str, text: &str, what: &str) -> Step {
        let link = self
            .find_xpath(
                &format!("{scope}//a[normalize-space()={}]", literal(text)),
                &format!("a link {text:?}"),
            )
            .await?;
        self.click_to_next_page(link).await?;
        self.check(what).await
    }

    pub(super) async fn follow(&mut self, text: &str, what: &str) -> Step {
        self.follow_in("", text, what).await
    }

    /// Follows the link whose text begins with `text` (for links that say more to screen
    /// readers than they show).
    pub(super) async fn follow_starting(&mut self, text: &str, what: &str) -> Step {
        let link = self
            .find_xpath(
                &format!("//a[starts-with(normalize-space(), {})]", literal(text)),
                &format!("a link beginning {text:?}"),
            )
            .await?;
        self.click_to_next_page(link).await?;
        self.check(what).await
    }

    /// Presses the button whose text reads `text` (within `scope`) and checks the page it
    /// leads to.
    pub(super) async fn press_in(&mut self, scope: &str, text: &str, what: &str) -> Step {
        let button = self
            .find_xpath(
                &format!("{scope}//button[normalize-space()={}]", literal(text)),
                &format!("a button {text:?}"),
            )
            .await?;
        self.click_to_next_page(button).await?;
        self.check(what).await
    }

    pub(super) async fn press(&mut self, text: &str, what: &str) -> Step {
        self.press_in("", text, what).await
    }

    pub(super) async fn press_starting(&mut self, text: &str, what: &str) -> Step {
        let button = self
            .find_xpath(
                &format!(
                    "//button[starts-with(normalize-space(), {})]",
                    literal(text)
                ),
                &format!("a button beginning {text:?}"),
            )
            .await?;
        self.click_to_next_page(button).await?;
        self.check(what).await
    }

    /// The form control labelled `label` within `scope`.
    pub(super) async fn field_in(&self, scope: &str, label: &str) -> Step<Element> {
        let label_element = self
            .find_xpath(
                &format!("{scope}//label[normalize-space()={}]", literal(label)),
                &format!("a field labelled {label:?}"),
            )
            .await?;
        let id = label_element
            .attr("for")
            .await
            .map_err(err)?
            .ok_or_else(|| format!("the label {label:?} names no field"))?;
        self.client
            .find(Locator::Id(&id))
            .await
            .map_err(|e| format!("the field of {label:?}: {e}"))
    }

    /// Types `value` into the field labelled `label` (within `scope`), replacing what was there.
    pub(super) async fn fill_in(&mut self, scope: &str, label: &str, value: &str) -> Step {
        self.steps += 1;
        let field = self.field_in(scope, label).await?;
        field.clear().await.map_err(err)?;
        field.send_keys(value).await.map_err(err)
    }

    pub(super) async fn fill(&mut self, label: &str, value: &str) -> Step {
        self.fill_in("", label, value).await
    }

    pub(super) async fn choose(&mut self, label: &str, option: &str) -> Step {
        self.choose_in("", label, option).await
    }

    /// Chooses `option` in the list labelled `label` within `scope`.
    pub(super) async fn choose_in(&mut self, scope: &str, label: &str, option: &str) -> Step {
        self.steps += 1;
        self.field_in(scope, label)
            .await?
            .select_by_label(option)
            .await
            .map_err(|e| format!("choosing {option:?} in {label:?}: {e}"))
    }

    /// Ticks the checkbox labelled `label` by clicking its label.
    pub(super) async fn tick(&mut self, label: &str) -> Step {
        self.steps += 1;
        self.find_xpath(
            &format!("//label[normalize-space()={}]", literal(label)),
            &format!("a checkbox labelled {label:?}"),
        )
        .await?
        .click()
        .await
        .map_err(err)
    }

    /// Types a date and time into a `datetime-local` field the way a person does in
    /// Chromium: month, day, year, then to the time with Tab, hours, minutes, AM or PM.
    pub(super) async fn fill_date_time(&mut self, phase: &str, label: &str, value: &str) -> Step {
        let scope = format!("//fieldset[legend[normalize-space()={}]]", literal(phase));
        self.fill_date_time_in(&scope, label, value).await
    }

    /// Types a date and time into the `datetime-local` field labelled `label` within `scope`.
    pub(super) async fn fill_date_time_in(
        &mut self,
        scope: &str,
        label: &str,
        value: &str,
    ) -> Step {
        self.steps += 1;
        let field = self.field_in(scope, label).await?;
        // value: "2017-04-01T09:00"
        let (date, time) = value.split_once('T').ok_or("a date and a time")?;
        let mut date = date.split('-');
        let (year, month, day) = (
            date.next().unwrap_or_default(),
            date.next().unwrap_or_default(),
            date.next().unwrap_or_default(),
        );
        let (hour, minute) = time.split_once(':').ok_or("hours and minutes")?;
        let hour: u32 = hour.parse().map_err(err)?;
        let (hour12, half) = match hour {
            0 => (12, "AM"),
            1..=11 => (hour, "AM"),
            12 => (12, "PM"),
            _ => (hour - 12, "PM"),
        };
        // Chromium orders the parts as its locale does: month first with a 12-hour clock
        // (en-US, the default), or day first with a 24-hour clock (most others).
        let orders = [
            format!("{month}{day}{year}\u{E004}{hour12:02}{minute}{half}"),
            format!("{day}{month}{year}\u{E004}{hour:02}{minute}"),
        ];
        let mut typed = String::new();
        for keys in orders {
            field.clear().await.map_err(err)?;
            field.send_keys(&keys).await.map_err(err)?;
            typed = field.prop("value").await.map_err(err)?.unwrap_or_default();
            if typed == value {
                return Ok(());
            }
        }
        Err(format!(
            "{label} in {scope}: typed {value}, the field holds {typed:?}"
        ))
    }

    /// The text of the page, as shown.
    pub(super) async fn page_text(&self) -> Step<String> {
        let text = self
            .client
            .execute("return document.body.innerText;", vec![])
            .await
            .map_err(err)?;
        Ok(text.as_str().unwrap_or_default().to_string())
    }

    /// Asserts the page shows each of `texts`.
    pub(super) async fn sees(&mut self, texts: &[&str]) -> Step {
        self.steps += 1;
        let page = self.page_text().await?;
        for text in texts {
            if !page.contains(text) {
                return Err(format!(
                    "{} does not show {text:?}; it shows:\n{page}",
                    self.here().await
                ));
            }
        }
        Ok(())
    }

    pub(super) async fn does_not_see(&mut self, text: &str) -> Step {
        self.steps += 1;
        let page = self.page_text().await?;
        if page.contains(text) {
            return Err(format!("{} shows {text:?}", self.here().await));
        }
        Ok(())
    }

    /// The text of the first element matching `css`.
    pub(super) async fn text_of(&self, css: &str) -> Step<String> {
        match self.client.find(Locator::Css(css)).await {
            Ok(element) => element.text().await.map_err(err),
            Err(e) => Err(format!("{css} on {}: {e}", self.here().await)),
        }
    }

    /// The text of every element matching `css`, together.
    pub(super) async fn all_text_of(&self, css: &str) -> Step<String> {
        let text = self
            .client
            .execute(
                "return Array.from(document.querySelectorAll(arguments[0]))\
                 .map(e => e.textContent).join(' ');",
                vec![json!(css)],
            )
            .await
            .map_err(err)?;
        Ok(text.as_str().unwrap_or_default().to_string())
    }

    /// Asserts the notice at the top of the page says `text`.
    pub(super) async fn notice(&mut self, text: &str) -> Step {
        self.steps += 1;
        let notice = self.text_of(".notice").await?;
        if notice.contains(text) {
            Ok(())
        } else {
            Err(format!(
                "the notice on {} says {notice:?}, not {text:?}",
                self.here().await
            ))
        }
    }

    pub(super) async fn sign_in(&mut self, person: &Person) -> Step {
        self.follow("Sign in", "the sign-in page").await?;
        self.fill("Email address", person.email).await?;
        self.fill("Password", PASSWORD).await?;
        self.press("Sign in", "the home page, signed in").await?;
        let name = self.text_of("a[href='/account']").await?;
        if name != person.name {
            return Err(format!("signed in as {name:?}, not {}", person.name));
        }
        Ok(())
    }

    pub(super) async fn sign_out(&mut self) -> Step {
        self.press("Sign out", "the home page, signed out").await?;
        self.notice("You have signed out.").await
    }

    /// Registers `person` from the home page; they land on the sign-in page.
    pub(super) async fn register(&mut self, person: &Person) -> Step {
        self.follow("Register", "the registration form").await?;
        self.fill("Email address", person.email).await?;
        self.fill("Your name", person.name).await?;
        self.fill("Organisation or delegation", person.organisation)
            .await?;
        self.choose("Stakeholder category", person.category).await?;
        self.fill("Password", PASSWORD).await?;
        self.fill("Password, again", PASSWORD).await?;
        self.press("Register", "the sign-in page after registering")
            .await?;
        self.notice("Thank you for registering").await
    }

    /// From the home page (signed in or not) to the process's page.
    pub(super) async fn open_the_process(&mut self) -> Step {
        self.follow("Processes", "the list of processes").await?;
        self.follow(PROCESS, "the process page").await
    }

    /// On a document's working copy: opens the editing page of the paragraph that holds
    /// `old` and replaces its text with `new`.
    pub(super) async fn edit_paragraph(&mut self, old: &str, new: &str, what: &str) -> Step {
        let edit = self
            .find_xpath(
                &format!(
                    "//div[contains(concat(' ', @class, ' '), ' node ')][contains(., {})]\
                     /following-sibling::div[@class='node-tools'][1]\
                     /a[starts-with(normalize-space(), 'Edit')]",
                    literal(old)
                ),
                &format!("the edit link of the paragraph {old:?}"),
            )
            .await?;
        self.click_to_next_page(edit).await?;
        self.check(&format!("editing a paragraph of {what}"))
            .await?;
        let current = self.field_in("", "Text").await?;
        let kept = current
            .prop("value")
            .await
            .map_err(err)?
            .unwrap_or_default();
        if !kept.contains(old) {
            return Err(format!("the editor holds {kept:?}, not {old:?}"));
        }
        self.fill("Text", new).await?;
        self.press("Save", &format!("{what} after an edit")).await?;
        self.notice("Your changes have been saved.").await?;
        self.sees(&[new]).await
    }

    /// Publishes the working copy on screen as `label`; the revision's page follows.
    pub(super) async fn publish(&mut self, label: &str, what: &str) -> Step {
        self.fill("Name of the revision", label).await?;
        self.press("Publish", what).await?;
        self.notice("The revision has been published.").await?;
        self.sees(&["Published revision", label]).await
    }

    /// Downloads the file behind the link `text` within `scope` from inside the page (with the
    /// page's cookies), and checks its status, type, name and first bytes.
    pub(super) async fn download(
        &mut self,
        scope: &str,
        text: &str,
        content_type: &str,
        name_ends: &str,
        magic: &[u8],
    ) -> Step<String> {
        self.steps += 1;
        let link = self
            .find_xpath(
                &format!("{scope}//a[normalize-space()={}]", literal(text)),
                &format!("the download link {text:?}"),
            )
            .await?;
        let href = link
            .attr("href")
            .await
            .map_err(err)?
            .ok_or("a link without href")?;
        let answer = self
            .client
            .execute_async(
                "const [href, done] = [arguments[0], arguments[arguments.length - 1]];\n\
                 fetch(href, { credentials: 'same-origin' })\n\
                 .then(r => r.arrayBuffer().then(body => done({\n\
                   status: r.status,\n\
                   type: r.headers.get('content-type'),\n\
                   disposition: r.headers.get('content-disposition'),\n\
                   size: body.byteLength,\n\
                   head: Array.from(new Uint8Array(body.slice(0, 8))),\n\
                 })))\n\
                 .catch(e => done({ error: String(e) }));",
                vec![json!(href)],
            )
            .await
            .map_err(err)?;
        let what = format!("{text} ({href})");
        if let Some(error) = answer["error"].as_str() {
            return Err(format!("{what}: {error}"));
        }
        if answer["status"] != json!(200) {
            return Err(format!("{what} answered {}", answer["status"]));
        }
        let got_type = answer["type"].as_str().unwrap_or_default();
        if !got_type.starts_with(content_type) {
            return Err(format!("{what} is {got_type:?}, not {content_type}"));
        }
        let disposition = answer["disposition"].as_str().unwrap_or_default();
        let name = disposition
            .split(';')
            .map(str::trim)
            .find_map(|part| part.strip_prefix("filename="))
            .map(|name| name.trim_matches('"').to_string())
            .ok_or_else(|| format!("{what} has no file name: {disposition:?}"))?;
        if !disposition.starts_with("attachment") || !name.ends_with(name_ends) {
            return Err(format!("{what} is named {disposition:?}, not …{name_ends}"));
        }
        if answer["size"].as_u64().unwrap_or(0) == 0 {
            return Err(format!("{what} is empty"));
        }
        let head: Vec<u8> = answer["head"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_u64)
            .filter_map(|b| u8::try_from(b).ok())
            .collect();
        if !head.starts_with(magic) {
            return Err(format!(
                "{what} begins {:?}, not {:?}",
                String::from_utf8_lossy(&head),
                String::from_utf8_lossy(magic)
            ));
        }
        Ok(name)
    }
}

/// The five formats on a document's page: link text, content type, extension, first bytes.
const FORMATS: [(&str, &str, &str, &[u8]); 5] = [
    ("Markdown", "text/markdown", ".md", b"#"),
    ("Printable HTML", "text/html", ".html", b"<!"),
    (
        "Word (DOCX)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
        b"PK",
    ),
    ("PDF", "application/pdf", ".pdf", b"%PDF"),
    (
        "Akoma Ntoso XML",
        "application/akn+xml",
        ".akn.xml",
        b"<?xml",
    ),
];

#[tokio::test]
async fn a_compact_goes_from_setup_to_rev_1_through_every_role() {
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    let Some((client, _driver)) = browser().await else {
        return;
    };
    let mut journey = Journey::new(&client, &app.address);
    let started = std::time::Instant::now();
    let outcome = story(&mut journey, &app.setup_token).await;
    journey.finish(outcome, "journeys", started).await;
}

impl Journey {
    pub(super) fn new(client: &Client, address: &str) -> Self {
        Journey {
            client: client.clone(),
            address: address.to_string(),
            audit: Audit::new(),
            steps: 0,
            kinds: Default::default(),
        }
    }

    /// Ends the journey named `name`: closes the browser, and fails (keeping the page where
    /// the story stopped) unless the story succeeded and every page passed both checkers.
    pub(super) async fn finish(self, mut outcome: Step, name: &str, started: std::time::Instant) {
        let Journey {
            client,
            audit,
            steps,
            kinds,
            ..
        } = self;
        if let Err(problem) = &mut outcome {
            // The page where the journey stopped, to look at.
            let path = std::env::temp_dir().join(format!("concord-{name}-failure.html"));
            if let Ok(html) = client.source().await
                && std::fs::write(&path, html).is_ok()
            {
                problem.push_str(&format!("\n(the page is saved in {})", path.display()));
            }
        }
        let _ = client.close().await;
        let pages = audit.pages();
        outcome.expect("the journey succeeds");
        eprintln!(
            "{name}: {steps} steps, {pages} pages checked ({} distinct) in {:.0?}",
            kinds.len(),
            started.elapsed()
        );
        let checked = audit.finish();
        assert!(
            checked.is_ok(),
            "every page passes axe-core and the Nu HTML checker: {}",
            checked.err().unwrap_or_default()
        );
    }
}

async fn story(j: &mut Journey, setup_token: &str) -> Step {
    set_up(j, setup_token).await?;
    everyone_registers(j).await?;
    administrator_names_the_secretariat(j).await?;
    stakeholders_ask_for_accreditation(j).await?;
    secretariat_accredits_and_assigns(j).await?;
    let contribution = stakeholder_contributes(j).await?;
    let proposal = stakeholder_proposes(j).await?;
    co_sponsor_joins(j, &proposal).await?;
    rapporteur_asks_for_a_revision(j).await?;
    stakeholder_revises(j, &proposal).await?;
    rapporteur_accepts_and_reports(j).await?;
    chair_summarises(j).await?;
    co_facilitator_drafts(j, &proposal).await?;
    secretariat_moderates_and_audits(j, &contribution).await
}

/// The first administrator opens the link `concord serve` printed and creates the process.
async fn set_up(j: &mut Journey, setup_token: &str) -> Step {
    j.open(
        &format!("/setup?token={setup_token}"),
        "the setup page (first administrator)",
    )
    .await?;
    j.sees(&["Create the first administrator"]).await?;
    j.fill("Email address", ADMINISTRATOR.email).await?;
    j.fill("Your name", ADMINISTRATOR.name).await?;
    j.fill("Organisation or delegation", ADMINISTRATOR.organisation)
        .await?;
    j.choose("Stakeholder category", ADMINISTRATOR.category)
        .await?;
    j.fill("Password", PASSWORD).await?;
    j.fill("Password, again", PASSWORD).await?;
    j.press("Create administrator", "the administration, first visit")
        .await?;
    j.notice("Your administrator account is ready").await?;

    j.follow("Create a process", "the new process form").await?;
    j.fill("Title", PROCESS).await?;
    j.fill("Short name", "gcm").await?;
    j.fill(
        "Description",
        "The preparatory process of the global compact: consultations, stocktaking in \
         Puerto Vallarta, and intergovernmental negotiations in New York.",
    )
    .await?;
    j.fill("Reference prefix", "GCM").await?;
    j.fill("Time zone", "America/New_York").await?;
    // The phases' windows, as the secretariat planned them: each is open now, so that the
    // whole life of the process fits in one run.
    for (phase, opens, closes) in [
        ("Consultation", "2017-04-01T09:00", "2099-11-30T18:00"),
        ("Stocktaking", "2017-12-04T09:00", "2099-12-06T18:00"),
        ("Negotiation", "2018-02-01T09:00", "2099-07-13T18:00"),
        ("Adoption", "2018-09-23T09:00", "2099-09-24T18:00"),
    ] {
        j.fill_date_time(phase, "Opens", opens).await?;
        j.fill_date_time(phase, "Closes", closes).await?;
    }
    j.fill(
        "Action groups",
        "Human dimensions\nCommunity dimensions\nLocal and sub-national dimensions\n\
         National dimensions\nRegional dimensions\nGlobal dimensions",
    )
    .await?;
    j.fill(
        "Thematic highlights",
        "Human rights of all migrants\nMigration and the SDGs\nDiaspora",
    )
    .await?;
    j.fill(
        "Guiding principles",
        "Migrant-centred\nHuman-rights-based\nGender-responsive",
    )
    .await?;
    j.press("Create process", "the process's administration page")
        .await?;
    j.notice("Your changes have been saved.").await?;
    j.sees(&[PROCESS, "Consultation", "Stocktaking", "Open now"])
        .await?;
    j.sign_out().await
}

/// The people who will hold roles, and two stakeholders, register themselves.
async fn everyone_registers(j: &mut Journey) -> Step {
    for person in [
        &SECRETARIAT,
        &RAPPORTEUR,
        &CHAIR,
        &CO_FACILITATOR,
        &STAKEHOLDER,
        &CO_SPONSOR,
    ] {
        j.register(person).await?;
        j.follow("Processes", "the home page").await?;
    }
    Ok(())
}

/// Assigns `role` to `person` on the process's administration page.
async fn assign(j: &mut Journey, person: &Person, role: &str, group: &str) -> Step {
    j.fill_in(
        "//form[@aria-labelledby='assign-heading']",
        "Email address",
        person.email,
    )
    .await?;
    j.choose("Role", role).await?;
    j.fill("Group", group).await?;
    j.press(
        "Assign",
        &format!("the process administration, {role} assigned"),
    )
    .await?;
    j.notice("Your changes have been saved.").await?;
    j.sees(&[person.name]).await
}

async fn administrator_names_the_secretariat(j: &mut Journey) -> Step {
    j.sign_in(&ADMINISTRATOR).await?;
    j.follow("Administration", "the administration").await?;
    j.follow(PROCESS, "the process's administration page")
        .await?;
    assign(j, &SECRETARIAT, "Secretariat", "").await?;
    j.sign_out().await
}

async fn stakeholders_ask_for_accreditation(j: &mut Journey) -> Step {
    for person in [&STAKEHOLDER, &CO_SPONSOR] {
        j.sign_in(person).await?;
        j.open_the_process().await?;
        j.does_not_see("Write a contribution").await?;
        j.press(
            "Ask to be accredited",
            "the process page, accreditation asked",
        )
        .await?;
        j.notice("Your request for accreditation has been sent to the secretariat.")
            .await?;
        j.sees(&["Your request for accreditation is waiting for the secretariat."])
            .await?;
        j.sign_out().await?;
    }
    Ok(())
}

async fn secretariat_accredits_and_assigns(j: &mut Journey) -> Step {
    j.sign_in(&SECRETARIAT).await?;
    j.open_the_process().await?;
    j.follow(
        "Administer this process",
        "the process's administration page",
    )
    .await?;
    j.sees(&["Accreditation requests", STAKEHOLDER.name, CO_SPONSOR.name])
        .await?;
    for person in [&STAKEHOLDER, &CO_SPONSOR] {
        j.press(
            &format!("Accredit: {}", person.name),
            "the process administration, a stakeholder accredited",
        )
        .await?;
        j.notice("Your changes have been saved.").await?;
    }
    j.sees(&["No requests are waiting."]).await?;
    assign(j, &RAPPORTEUR, "Rapporteur", "1").await?;
    assign(j, &CHAIR, "Chair", "").await?;
    assign(j, &CO_FACILITATOR, "Co-facilitator", "").await?;
    j.follow("View the public page", "the process page with its people")
        .await?;
    j.sees(&[
        &format!("Rapporteur: {}", RAPPORTEUR.name),
        CHAIR.name,
        CO_FACILITATOR.name,
    ])
    .await?;
    j.sign_out().await
}

/// Writes a contribution, keeps it as a draft, comes back to it and submits it; the
/// receipt's reference.
async fn stakeholder_contributes(j: &mut Journey) -> Step<String> {
    j.sign_in(&STAKEHOLDER).await?;
    j.open_the_process().await?;
    j.sees(&["You are accredited as a stakeholder in this process."])
        .await?;
    j.follow_in(
        "//nav[contains(@class,'process-nav')]",
        "Write a contribution",
        "the contribution form",
    )
    .await?;
    j.fill("Title", CONTRIBUTION).await?;
    j.fill(
        "Text",
        "Recruitment fees push migrant workers into debt.\n\n\
         States should ban fees charged to workers and license recruiters.",
    )
    .await?;
    j.tick("Group 1: Human dimensions").await?;
    j.tick("Human rights of all migrants").await?;
    j.press("Save draft", "the contribution draft, saved")
        .await?;
    j.notice("Your draft has been saved.").await?;

    // Later: the draft waits among the author's drafts, as it was left.
    j.follow(
        "Written contributions",
        "the contributions, with the author's draft",
    )
    .await?;
    j.sees(&["Your drafts"]).await?;
    j.follow(CONTRIBUTION, "the contribution draft, reopened")
        .await?;
    let body = j.field_in("", "Text").await?;
    let kept = body.prop("value").await.map_err(err)?.unwrap_or_default();
    if !kept.contains("license recruiters") {
        return Err(format!("the draft kept {kept:?}"));
    }
    j.press("Submit publicly", "the contribution's receipt")
        .await?;
    j.notice("Your contribution has been received.").await?;
    let receipt = j.text_of(".receipt").await?;
    let reference = j.text_of(".receipt dd code").await?;
    let hash = j.text_of(".receipt code.hash").await?;
    if !reference.starts_with("GCM/WC/") {
        return Err(format!(
            "the receipt's reference is {reference:?}: {receipt}"
        ));
    }
    if hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!("the receipt's hash is {hash:?}"));
    }
    j.sees(&[
        CONTRIBUTION,
        "Reference number",
        "SHA-256 of the submitted text",
        "Group 1",
        "Human rights of all migrants",
    ])
    .await?;
    Ok(reference)
}

/// Proposes a commitment to group 1 and invites a co-sponsor; the proposal's reference.
async fn stakeholder_proposes(j: &mut Journey) -> Step<String> {
    j.follow_in(
        "//p[@class='breadcrumb']",
        PROCESS,
        "the process page, as a stakeholder",
    )
    .await?;
    j.follow("Group 1 Human dimensions", "the page of group 1")
        .await?;
    j.follow("Submit a proposal to this group", "the proposal form")
        .await?;
    j.fill("Title", PROPOSAL).await?;
    j.fill("Commitment", COMMITMENT).await?;
    j.fill(
        "Actionable measures",
        "Prohibit recruitment fees charged to workers\nStrengthen labour inspection",
    )
    .await?;
    j.fill(
        "Partnerships (optional)",
        "Trade unions, employers and recruiters agree a code of conduct.",
    )
    .await?;
    j.fill(
        "Capacity-building (optional)",
        "Training for labour inspectors in countries of origin and destination.",
    )
    .await?;
    j.fill(
        "Financing (optional)",
        "National budgets and the migration MPTF.",
    )
    .await?;
    j.fill(
        "Data (optional)",
        "Recruitment costs measured under SDG indicator 10.7.1.",
    )
    .await?;
    j.fill(
        "Responsible actors (optional)",
        "Ministries of labour, recruiters, trade unions.",
    )
    .await?;
    j.fill("SDG targets (optional)", "8.8, 10.7").await?;
    j.fill("Timeline (optional)", "Fee bans in force by 2022.")
        .await?;
    j.fill(
        "Indicators (optional)",
        "Recruitment costs borne by workers.",
    )
    .await?;
    j.tick("Human rights of all migrants").await?;
    j.press("Submit proposal", "the proposal, submitted")
        .await?;
    j.notice("Your proposal has been submitted.").await?;
    let reference = j.text_of("h1 + p code").await?;
    if !reference.starts_with("GCM/CP/") {
        return Err(format!("the proposal's reference is {reference:?}"));
    }
    j.sees(&[
        PROPOSAL,
        COMMITMENT,
        "Version 1",
        "Submitted",
        "No co-sponsors yet.",
    ])
    .await?;

    j.choose("Organisation", CO_SPONSOR.organisation).await?;
    j.press("Invite", "the proposal, a co-sponsor invited")
        .await?;
    j.notice("The organisation has been invited to co-sponsor this proposal.")
        .await?;
    j.sees(&["Invited, not yet answered", CO_SPONSOR.organisation])
        .await?;
    j.sign_out().await?;
    Ok(reference)
}

async fn co_sponsor_joins(j: &mut Journey, proposal: &str) -> Step {
    j.sign_in(&CO_SPONSOR).await?;
    j.open_the_process().await?;
    j.follow("Commitment proposals", "the proposals").await?;
    j.follow(PROPOSAL, "the proposal, with an invitation")
        .await?;
    j.sees(&[
        proposal,
        &format!(
            "{} is invited to co-sponsor this proposal.",
            CO_SPONSOR.organisation
        ),
    ])
    .await?;
    j.press("Co-sponsor", "the proposal, co-sponsored").await?;
    j.notice("Your organisation now co-sponsors this proposal.")
        .await?;
    j.sees(&[CO_SPONSOR.organisation]).await?;
    j.does_not_see("Invited, not yet answered").await?;
    j.sign_out().await
}

/// From the group's page to its queue and the proposal under review.
async fn rapporteur_opens_the_proposal(j: &mut Journey) -> Step {
    j.sign_in(&RAPPORTEUR).await?;
    j.open_the_process().await?;
    j.follow(
        "Group 1 Human dimensions",
        "the page of group 1, as its rapporteur",
    )
    .await?;
    j.follow("Review queue", "the review queue of group 1")
        .await?;
    j.sees(&["Proposals in the queue: 1", PROPOSAL, "Co-sponsors"])
        .await?;
    j.follow(PROPOSAL, "the proposal under review").await?;
    j.sees(&["Text under review", COMMITMENT, "Internal notes"])
        .await
}

async fn rapporteur_asks_for_a_revision(j: &mut Journey) -> Step {
    rapporteur_opens_the_proposal(j).await?;
    j.fill(
        "New note",
        "Close to the ILO general principles on fair recruitment; ask for a date.",
    )
    .await?;
    j.press("Add note", "the proposal under review, a note added")
        .await?;
    j.notice("Your note has been added.").await?;
    j.sees(&["Close to the ILO general principles", RAPPORTEUR.name])
        .await?;
    j.choose("Decision", "Request a revision").await?;
    j.fill(
        "Rationale",
        "Please say by when recruitment fees are to be abolished everywhere.",
    )
    .await?;
    j.press("Record decision", "the review queue, revision requested")
        .await?;
    j.notice("The decision has been recorded and published.")
        .await?;
    j.sign_out().await
}

async fn stakeholder_revises(j: &mut Journey, proposal: &str) -> Step {
    j.sign_in(&STAKEHOLDER).await?;
    j.follow_starting("Notifications", "the author's notifications")
        .await?;
    j.sees(&[
        proposal,
        "The rapporteurs ask for a new version.",
        "Please say by when recruitment fees are to be abolished everywhere.",
    ])
    .await?;
    j.follow_starting(proposal, "the proposal, revision requested")
        .await?;
    j.sees(&["Revision requested", "Please say by when"])
        .await?;
    // The rapporteur's internal note stays internal.
    j.does_not_see("ILO general principles").await?;
    j.follow("Write a new version", "the form of a new version")
        .await?;
    j.sees(&[&format!("New version of {proposal}")]).await?;
    j.fill(
        "Timeline (optional)",
        "Fee bans in force by 2022; no worker pays a recruitment fee by 2030.",
    )
    .await?;
    j.press("Submit new version", "the proposal, version 2")
        .await?;
    j.notice("Your new version has been submitted.").await?;
    j.sees(&["Version 2", "no worker pays a recruitment fee by 2030"])
        .await?;
    j.sign_out().await
}

async fn rapporteur_accepts_and_reports(j: &mut Journey) -> Step {
    rapporteur_opens_the_proposal(j).await?;
    j.sees(&["Version 2", "no worker pays a recruitment fee by 2030"])
        .await?;
    // What changed since the request, word by word; then back to decide.
    j.follow(
        "Differences from the version before 2",
        "the differences between versions 1 and 2",
    )
    .await?;
    let added = j.all_text_of("ins").await?;
    if !added.contains("no worker pays") {
        return Err(format!("the new version's words marked added: {added:?}"));
    }
    j.steps += 1;
    j.client.back().await.map_err(err)?;
    j.ready().await?;
    j.choose("Decision", "Accept").await?;
    j.fill(
        "Rationale",
        "A concrete commitment, with measures and a date.",
    )
    .await?;
    // Back to the queue, now empty.
    j.press("Record decision", "the review queue, the proposal accepted")
        .await?;
    j.notice("The decision has been recorded and published.")
        .await?;
    j.sees(&["Proposals in the queue: 0"]).await?;
    j.follow_in(
        "//p[@class='breadcrumb']",
        "Group 1 Human dimensions",
        "the page of group 1, before its report",
    )
    .await?;
    j.press(
        "Compile the group report",
        "the group report's working copy",
    )
    .await?;
    j.sees(&[
        "Working copy",
        "Key messages",
        COMMITMENT,
        "Prohibit recruitment fees",
    ])
    .await?;
    j.edit_paragraph(
        &format!("{PROPOSAL} ({})", STAKEHOLDER.organisation),
        "Participants called for decent work and fair recruitment for all migrant workers.",
        "the group report",
    )
    .await?;
    j.publish("Final report", "the group report, published")
        .await?;
    j.sign_out().await
}

async fn chair_summarises(j: &mut Journey) -> Step {
    j.sign_in(&CHAIR).await?;
    j.open_the_process().await?;
    j.press(
        "Compile the Chair's summary",
        "the Chair's summary's working copy",
    )
    .await?;
    j.sees(&[
        "Action group 1: Human dimensions",
        "Participants called for decent work and fair recruitment",
        "Overarching means of implementation",
        "Partnerships: Trade unions, employers and recruiters",
        "Follow-up and review",
    ])
    .await?;
    j.edit_paragraph(
        "Participants called for decent work",
        "The Chair noted broad support for decent work and fair recruitment for all migrant workers.",
        "the Chair's summary",
    )
    .await?;
    j.publish("Chair's summary", "the Chair's summary, published")
        .await?;
    j.sign_out().await
}

/// Opens the picker after the heading `heading`, searches `query` and pulls in the result
/// whose button begins with `pull`.
async fn pull_after(j: &mut Journey, heading: &str, query: &str, pull: &str) -> Step {
    let link = j
        .find_xpath(
            &format!(
                "//h2[normalize-space()={}]/following-sibling::div[@class='node-tools'][1]\
                 //a[starts-with(normalize-space(), 'Pull in text after this')]",
                literal(heading)
            ),
            &format!("the link to pull in text after {heading:?}"),
        )
        .await?;
    j.click_to_next_page(link).await?;
    j.check("the picker").await?;
    j.fill("Search", query).await?;
    j.press_in("//form[@role='search']", "Search", "the picker, searched")
        .await?;
    j.press_starting(&format!("Pull in: {pull}"), "the draft, text pulled in")
        .await?;
    j.notice("Your changes have been saved.").await
}

async fn co_facilitator_drafts(j: &mut Journey, proposal: &str) -> Step {
    j.sign_in(&CO_FACILITATOR).await?;
    j.open_the_process().await?;
    j.press("Start the draft", "the draft's working copy")
        .await?;
    j.sees(&[
        "Preamble",
        "Vision and guiding principles",
        "Migrant-centred; Human-rights-based; Gender-responsive",
        "Objectives and commitments",
    ])
    .await?;

    // The commitment from the accepted proposal, with its lettered measures.
    pull_after(j, "Objectives and commitments", "recruitment", proposal).await?;
    j.sees(&[
        COMMITMENT,
        "(a)",
        "Prohibit recruitment fees charged to workers",
    ])
    .await?;
    // The partnerships the Chair's summary drew from the proposals.
    pull_after(j, "Implementation", "code of conduct", "Chair's summary").await?;
    j.sees(&["Partnerships: Trade unions, employers and recruiters agree a code of conduct."])
        .await?;
    j.publish("Zero draft", "the zero draft, published").await?;
    let zero_draft = downloads(j, "-zero-draft").await?;

    // Rev.1: a new preamble paragraph before everything, and a sharper commitment.
    j.follow_in(
        "//nav[contains(@class,'document-nav')]",
        "Working copy",
        "the draft's working copy, after the zero draft",
    )
    .await?;
    // Adding after a node is on its editing page: the working copy carries no form per node.
    let edit_preamble = j
        .find_xpath(
            "//h2[normalize-space()='Preamble']/following-sibling::div[@class='node-tools'][1]\
             /a[starts-with(normalize-space(), 'Edit')]",
            "the edit link of the preamble's heading",
        )
        .await?;
    j.click_to_next_page(edit_preamble).await?;
    j.check("editing the preamble's heading").await?;
    let after_preamble = "//section[@id='insert']";
    // Where the meeting is held is not agreed yet: two alternatives in brackets, each citing
    // the amendments and delegations it came from.
    j.fill_in(
        after_preamble,
        "Text",
        "We, the Heads of State and Government, have met in [Marrakech {A/1: Morocco}] \
         [New York {A/2: European Union}].",
    )
    .await?;
    j.press_in(after_preamble, "Add", "the draft, a paragraph added")
        .await?;
    j.sees(&["have met in [Marrakech (A/1: Morocco)] [New York (A/2: European Union)]."])
        .await?;
    j.edit_paragraph(
        COMMITMENT,
        "States commit to ensure decent work and ethical recruitment for all migrant workers.",
        "the draft",
    )
    .await?;
    // The commitment is agreed ad referendum.
    let edit_commitment = j
        .find_xpath(
            "//div[contains(concat(' ', @class, ' '), ' node ')][contains(., 'ethical recruitment')]\
             /following-sibling::div[@class='node-tools'][1]/a[starts-with(normalize-space(), 'Edit')]",
            "the edit link of the commitment",
        )
        .await?;
    j.click_to_next_page(edit_commitment).await?;
    j.check("editing a paragraph of the draft, with its status")
        .await?;
    j.choose("Status in the negotiation", "Agreed ad referendum")
        .await?;
    j.press("Set status", "the draft, a paragraph agreed ad referendum")
        .await?;
    j.sees(&["Agreed ad referendum", "How close to consensus"])
        .await?;
    j.publish("Rev.1", "Rev.1, published").await?;
    let counts = j.text_of("section.consensus dl").await?;
    let counts: Vec<String> = counts
        .lines()
        .map(|line| line.trim().to_string())
        .filter(|line| !line.is_empty())
        .collect();
    for (label, figure) in [("Open brackets", "1"), ("Agreed ad referendum", "1")] {
        let shown = counts
            .windows(2)
            .any(|pair| pair[0] == label && pair[1] == figure);
        if !shown {
            return Err(format!("Rev.1 counts {label} {figure}: {counts:?}"));
        }
    }
    let rev_1 = downloads(j, "-rev-1").await?;

    j.follow_in(
        "//nav[contains(@class,'document-nav')]",
        "Compare revisions",
        "the comparison",
    )
    .await?;
    j.choose("Earlier", "Zero draft").await?;
    j.choose("Later", "Rev.1").await?;
    j.press("Compare", "Zero draft compared with Rev.1").await?;
    j.sees(&[
        "Zero draft → Rev.1",
        "1 added",
        "Concordance of paragraph numbers",
    ])
    .await?;
    let inserted = j.text_of(".compare-changed ins").await?;
    let removed = j.text_of(".compare-changed del").await?;
    if !inserted.contains("ethical") || !removed.contains("fair") {
        return Err(format!(
            "the comparison marks {inserted:?} added and {removed:?} removed"
        ));
    }
    // The zero draft's paragraph 1 (the principles) is paragraph 2 of Rev.1, and so on.
    let concordance = j.text_of("table.concordance tbody").await?;
    let rows: Vec<String> = concordance
        .lines()
        .map(|row| row.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    for row in ["(new) 1", "1 2", "2 3"] {
        if !rows.iter().any(|r| r == row) {
            return Err(format!("the concordance lacks {row:?}: {rows:?}"));
        }
    }

    // The draft summary for the co-facilitators: both documents in one ZIP, per format.
    j.follow_in(
        "//p[@class='breadcrumb']",
        PROCESS,
        "the process page, as a co-facilitator",
    )
    .await?;
    let mut bundles = Vec::new();
    for (text, _, extension, _) in FORMATS {
        let name = j
            .download(
                "//section[@aria-labelledby='draft-summary-heading']",
                text,
                "application/zip",
                &format!("-draft-summary-{}.zip", extension[1..].replace('.', "-")),
                b"PK",
            )
            .await?;
        bundles.push(name);
    }
    eprintln!("journeys: downloaded {zero_draft:?}, {rev_1:?} and {bundles:?}");

    // What became of the proposal: from its page to its paragraph in the zero draft.
    j.follow("Commitment proposals", "the proposals, as a co-facilitator")
        .await?;
    j.follow(PROPOSAL, "the accepted proposal").await?;
    j.sees(&[
        "Accepted",
        "Where this proposal was used",
        "Final report",
        &format!("{PROCESS}, Rev.1, paragraph 3"),
    ])
    .await?;
    j.follow(
        &format!("{PROCESS}, Zero draft, paragraph 2"),
        "the zero draft at the proposal's paragraph",
    )
    .await?;
    let url = j.here().await;
    if !url.contains("/documents/draft/revisions/zero-draft#n-") {
        return Err(format!("the proposal's use leads to {url}"));
    }
    let target = j
        .client
        .execute(
            "const t = document.querySelector(':target'); return t ? t.innerText : null;",
            vec![],
        )
        .await
        .map_err(err)?;
    if !target.as_str().unwrap_or_default().contains(COMMITMENT) {
        return Err(format!("the paragraph pointed at reads {target}"));
    }
    j.sign_out().await
}

/// Downloads every format of the revision on screen; the file names.
async fn downloads(j: &mut Journey, revision: &str) -> Step<Vec<String>> {
    let mut names = Vec::new();
    for (text, content_type, extension, magic) in FORMATS {
        let name = j
            .download(
                "//nav[contains(@class,'downloads')]",
                text,
                content_type,
                &format!("gcm-draft{revision}{extension}"),
                magic,
            )
            .await?;
        names.push(name);
    }
    Ok(names)
}

async fn secretariat_moderates_and_audits(j: &mut Journey, contribution: &str) -> Step {
    j.sign_in(&SECRETARIAT).await?;
    j.open_the_process().await?;
    j.follow(
        "Written contributions",
        "the contributions, as the secretariat",
    )
    .await?;
    j.follow(CONTRIBUTION, "the contribution, before moderation")
        .await?;
    j.sees(&[contribution, "Hide this contribution"]).await?;
    j.fill(
        "Public reason",
        "It names a private person; the author has been asked to resubmit it.",
    )
    .await?;
    j.press("Hide", "the contribution's tombstone").await?;
    j.notice("The contribution has been hidden").await?;
    j.sees(&[
        "This contribution was hidden by a moderator",
        "It names a private person",
        contribution,
    ])
    .await?;
    // Hidden from the public, the text stays readable to the secretariat, under a notice.
    j.sees(&["Hidden from everyone else", "license recruiters"])
        .await?;

    j.follow_in(
        "//p[@class='breadcrumb']",
        PROCESS,
        "the process page, as the secretariat",
    )
    .await?;
    j.follow(
        "Administer this process",
        "the process's administration page",
    )
    .await?;
    j.follow("Audit log", "the audit log").await?;
    j.sees(&[
        "Audit log of",
        "process.create",
        "role.assign",
        "accreditation.request",
        "accreditation.grant",
        "contribution.submit",
        "proposal.decide",
        "document.create",
        "contribution.hide",
        SECRETARIAT.name,
    ])
    .await?;
    j.sign_out().await
}
