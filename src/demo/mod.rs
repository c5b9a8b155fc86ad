//! The demo: the migration-compact process part-way through its life. Its data is in
//! `demo/`, not in the code: `gcm.json` (the process, its organisations and accounts),
//! `contributions.json`, `proposals.json` (with their versions, co-sponsors, decisions and
//! internal notes) and `documents.json` (what the rapporteurs, the chair and the
//! co-facilitators wrote around what Concord generates) and `events.json` (the 2017
//! consultation series and the stocktaking meeting's programme). The negotiation on the draft
//! (delegations, groups of States, rounds and their amendments) is in `negotiation.rs`, loaded
//! through the application's own use cases.
//!
//! Loading it into an empty database creates everything in one transaction, so a failure
//! leaves nothing behind; into a database that holds the demo already it changes nothing;
//! into any other database it refuses. Submissions, decisions, notes and notifications go
//! through the domain's rules and the store's functions, at the dates of 2017–2018 the data
//! gives, so what the pages show is what the application itself would have recorded. Where a
//! store function stamps the current time (drafts, withdrawals, attachments, revisions), the
//! loader dates the rows itself: the database holds nothing else, and the rows are its own.

mod accounts;
mod contributions;
mod documents;
mod draft;
mod events;
mod negotiation;
mod pdf;
mod proposals;
mod review;

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDateTime, TimeDelta};
use serde::Deserialize;

use crate::db::{DbConnection, write_transaction};
use crate::domain::content::{Field, Slot, Subject};
use crate::domain::ids::ContributionId;
use crate::domain::phases::{PhaseKind, Window};
use crate::domain::roles::Role;
use crate::domain::validation::Email;
use crate::i18n::Lang;
use crate::security::passwords;
use crate::store::accounts as account_store;
use crate::store::audit::{self, Entry};
use crate::store::processes::{self, Process, ProcessDraft, ThemeKind};

/// The texts the demo is loaded from.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    pub process: &'a str,
    pub contributions: &'a str,
    pub proposals: &'a str,
    pub documents: &'a str,
    pub events: &'a str,
}

impl Sources<'static> {
    /// The demo shipped in `demo/`.
    pub const BUILT_IN: Sources<'static> = Sources {
        process: include_str!("../../demo/gcm.json"),
        contributions: include_str!("../../demo/contributions.json"),
        proposals: include_str!("../../demo/proposals.json"),
        documents: include_str!("../../demo/documents.json"),
        events: include_str!("../../demo/events.json"),
    };
}

#[derive(Deserialize)]
struct DemoData {
    password: String,
    /// When the demo's people registered and the process was set up.
    registered: NaiveDateTime,
    process: DemoProcess,
    phases: Vec<DemoPhase>,
    groups: Vec<String>,
    /// The process's title and group names in other languages, by language code.
    #[serde(default)]
    translations: BTreeMap<String, DemoTranslation>,
    themes: Vec<String>,
    principles: Vec<String>,
    organisations: Vec<accounts::DemoOrganisation>,
    /// The accounts start-up prints: one per role.
    accounts: Vec<accounts::DemoAccount>,
    /// The other people of the demo: reviewers of the other groups, and the authors.
    participants: Vec<accounts::DemoAccount>,
}

#[derive(Deserialize)]
struct DemoProcess {
    slug: String,
    title: String,
    description: String,
    reference_prefix: String,
    time_zone: String,
    accredit_on_registration: bool,
}

/// The process's texts in one other language (`domain::content`).
#[derive(Deserialize)]
struct DemoTranslation {
    title: String,
    /// In the order of the groups.
    groups: Vec<String>,
}

#[derive(Deserialize)]
struct DemoPhase {
    kind: String,
    opens_days: i64,
    closes_days: i64,
}

/// A demo account as start-up and the home page show it.
#[derive(Debug, Clone)]
pub struct DemoLogin {
    pub email: String,
    pub password: String,
    /// What the account is for: "administrator", "secretariat", "rapporteur of group 1"…
    pub role: String,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(
        "the database already holds data that is not the demo; the demo is loaded only into an empty database (use another DATABASE_URL)"
    )]
    NotEmpty,
    #[error("the demo data is invalid: {0}")]
    Invalid(String),
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// What loading did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loaded {
    Now,
    Already,
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, json: &str) -> Result<T, DemoError> {
    serde_json::from_str(json).map_err(|e| DemoError::Invalid(format!("{file}: {e}")))
}

fn data(sources: &Sources<'_>) -> Result<DemoData, DemoError> {
    parse("gcm.json", sources.process)
}

/// A refusal of the demo data, saying where.
fn invalid(what: impl std::fmt::Display) -> DemoError {
    DemoError::Invalid(what.to_string())
}

/// The demo accounts, for printing.
pub fn logins() -> Result<Vec<DemoLogin>, DemoError> {
    let data = data(&Sources::BUILT_IN)?;
    Ok(data
        .accounts
        .iter()
        .map(|a| DemoLogin {
            email: a.email.clone(),
            password: data.password.clone(),
            role: match (a.admin, a.role.as_deref(), a.group) {
                _ if a.delegation.is_some() => {
                    format!(
                        "delegate of {}",
                        a.delegation.as_deref().unwrap_or_default()
                    )
                }
                (true, _, _) => "administrator".to_string(),
                (_, Some("request"), _) => "awaiting accreditation".to_string(),
                (_, Some(role), Some(group)) => format!("{role} of group {group}"),
                (_, Some(role), None) if !a.languages.is_empty() => {
                    format!("{role} into {}", a.languages.join(", "))
                }
                (_, Some(role), None) => role.to_string(),
                (_, None, _) => "participant".to_string(),
            },
        })
        .collect())
}

/// Loads the demo into `conn`'s database, once.
pub fn load(conn: &mut DbConnection) -> Result<Loaded, DemoError> {
    load_from(conn, &Sources::BUILT_IN)
}

/// Loads a demo from `sources`, once: all of it in one transaction, or nothing.
pub fn load_from(conn: &mut DbConnection, sources: &Sources<'_>) -> Result<Loaded, DemoError> {
    // Every file is read before anything is written.
    let data = data(sources)?;
    let contributions: contributions::DemoContributions =
        parse("contributions.json", sources.contributions)?;
    let proposals: proposals::DemoProposals = parse("proposals.json", sources.proposals)?;
    let documents: documents::DemoDocuments = parse("documents.json", sources.documents)?;
    let events: events::DemoEvents = parse("events.json", sources.events)?;
    if processes::process_by_slug(conn, &data.process.slug)?.is_some() {
        let first = data
            .accounts
            .first()
            .map(|a| a.email.as_str())
            .unwrap_or("");
        let email = Email::parse(first).map_err(|e| invalid(e.0))?;
        if account_store::account_by_email(conn, &email)?.is_some() {
            return Ok(Loaded::Already);
        }
        return Err(DemoError::NotEmpty);
    }
    if account_store::account_count(conn)? > 0 {
        return Err(DemoError::NotEmpty);
    }
    // One hash for every demo account: argon2 is slow on purpose.
    let hash = passwords::hash(&data.password)?;
    write_transaction(conn, |conn| {
        let mut demo = create_process(conn, &data)?;
        accounts::insert(conn, &mut demo, &data, &hash)?;
        let contributed = contributions::insert(conn, &mut demo, &contributions)?;
        let proposed = proposals::insert(conn, &demo, &proposals)?;
        let published = documents::insert(conn, &demo, &documents, &proposed)?;
        let held = events::insert(conn, &demo, &events)?;
        // After the draft's revisions: the first reading reads the zero draft.
        let amended = negotiation::insert(conn, &demo, &data)?;
        audit::record(
            conn,
            Entry {
                actor_id: None,
                process_id: Some(demo.process.id),
                action: "demo.load",
                subject: format!("process:{}", demo.process.slug),
                detail: serde_json::json!({
                    "accounts": demo.people.len(),
                    "contributions": contributed,
                    "proposals": proposed.len(),
                    "revisions": published,
                    "events": held,
                    "amendments": amended,
                }),
            },
        )?;
        // The demo's notifications tell of a past nobody is waiting to hear of by mail (and
        // its addresses reach no one).
        crate::store::mail::mark_all_mailed(conn, crate::store::now())?;
        Ok(Loaded::Now)
    })
}

/// What the parts of the loader share: the process and the ids of what was created, by the
/// names the data uses for them.
struct Demo {
    process: Process,
    /// Group number → id.
    groups: HashMap<i32, i64>,
    /// Theme name → id.
    themes: HashMap<String, i64>,
    people: accounts::People,
    /// Contribution key → id and reference.
    contributions: HashMap<String, (ContributionId, String)>,
}

impl Demo {
    fn group(&self, number: i32) -> Result<i64, DemoError> {
        self.groups
            .get(&number)
            .copied()
            .ok_or_else(|| invalid(format!("no group {number}")))
    }

    fn theme(&self, name: &str) -> Result<i64, DemoError> {
        self.themes
            .get(name)
            .copied()
            .ok_or_else(|| invalid(format!("no theme {name:?}")))
    }

    fn contribution(&self, key: &str) -> Result<&(ContributionId, String), DemoError> {
        self.contributions
            .get(key)
            .ok_or_else(|| invalid(format!("no contribution {key:?}")))
    }
}

fn create_process(conn: &mut DbConnection, data: &DemoData) -> Result<Demo, DemoError> {
    // Windows open and close on the hour, as real ones do, and around now, so that every
    // step of the workflow can be tried; the data itself is dated 2017–2018.
    let now = crate::store::now();
    let now = chrono::DurationRound::duration_trunc(now, TimeDelta::hours(1)).unwrap_or(now);
    let mut phases = Vec::new();
    for phase in &data.phases {
        let kind = PhaseKind::parse(&phase.kind).ok_or_else(|| invalid(&phase.kind))?;
        let window = Window::new(
            now + TimeDelta::days(phase.opens_days),
            now + TimeDelta::days(phase.closes_days),
        )
        .map_err(invalid)?;
        phases.push((kind, window));
    }
    let process = processes::create_process(
        conn,
        &ProcessDraft {
            slug: data.process.slug.clone(),
            title: data.process.title.clone(),
            description: data.process.description.clone(),
            language: None,
            reference_prefix: data.process.reference_prefix.clone(),
            time_zone: data.process.time_zone.clone(),
            accredit_on_registration: data.process.accredit_on_registration,
            phases,
            groups: data.groups.clone(),
            themes: data.themes.clone(),
            principles: data.principles.clone(),
        },
    )
    .map_err(invalid)?;
    {
        use crate::db::schema::processes as p;
        use diesel::prelude::*;
        diesel::update(p::table.find(process.id))
            .set(p::created_at.eq(data.registered))
            .execute(conn)?;
    }
    let structure = processes::structure_of(conn, &process)?;
    for (code, translation) in &data.translations {
        let lang = Lang::parse(code).ok_or_else(|| invalid(format!("no language {code:?}")))?;
        let mut texts = vec![(
            Slot::new(Subject::Process, process.id, Field::Title),
            Some(translation.title.clone()),
        )];
        for (group, name) in structure.groups.iter().zip(&translation.groups) {
            texts.push((
                Slot::new(Subject::Group, group.id, Field::Name),
                Some(name.clone()),
            ));
        }
        crate::store::content::write_language(conn, process.id, lang, &texts)?;
    }
    Ok(Demo {
        groups: structure.groups.iter().map(|g| (g.number, g.id)).collect(),
        themes: structure
            .themes_of(ThemeKind::Theme)
            .map(|t| (t.name.clone(), t.id))
            .collect(),
        process,
        people: accounts::People::default(),
        contributions: HashMap::new(),
    })
}

/// The role an account holds in the demo, as the data names it.
fn role_of(raw: &str) -> Result<Role, DemoError> {
    Role::parse(raw).ok_or_else(|| invalid(format!("no role {raw:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_data_parses_and_names_every_role() {
        let data = data(&Sources::BUILT_IN).expect("demo data parses");
        for role in Role::ALL {
            assert!(
                data.accounts
                    .iter()
                    .any(|a| a.role.as_deref() == Some(role.as_str())),
                "no demo account for {role}"
            );
        }
        assert_eq!(data.groups.len(), 6);
        assert_eq!(logins().expect("logins").len(), data.accounts.len());
        let _: contributions::DemoContributions =
            parse("contributions", Sources::BUILT_IN.contributions).expect("contributions");
        let _: proposals::DemoProposals =
            parse("proposals", Sources::BUILT_IN.proposals).expect("proposals");
        let _: documents::DemoDocuments =
            parse("documents", Sources::BUILT_IN.documents).expect("documents");
    }

    #[test]
    fn every_stakeholder_category_has_an_organisation() {
        let data = data(&Sources::BUILT_IN).expect("demo data parses");
        for category in crate::domain::roles::StakeholderCategory::ALL {
            assert!(
                data.organisations
                    .iter()
                    .any(|o| o.category == category.as_str()),
                "no organisation of category {category:?}"
            );
        }
    }
}
