//! The demo: the migration-compact process, part-way through its life, with one account per
//! role. Its data is in `demo/gcm.json`, not in the code.
//!
//! Loading it into an empty database creates everything; into a database that holds the demo
//! already it changes nothing; into any other database it refuses.

use chrono::TimeDelta;
use serde::Deserialize;

use crate::db::{DbConnection, write_transaction};
use crate::domain::phases::{PhaseKind, Window};
use crate::domain::roles::{Role, StakeholderCategory};
use crate::domain::validation::{DisplayName, Email, OrganisationName};
use crate::security::passwords;
use crate::store::accounts::{self, Registration};
use crate::store::audit::{self, Entry};
use crate::store::processes::{self, ProcessDraft};
use crate::store::roles;

const DATA: &str = include_str!("../demo/gcm.json");

#[derive(Deserialize)]
struct DemoData {
    password: String,
    process: DemoProcess,
    phases: Vec<DemoPhase>,
    groups: Vec<String>,
    themes: Vec<String>,
    principles: Vec<String>,
    organisations: Vec<DemoOrganisation>,
    accounts: Vec<DemoAccount>,
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

#[derive(Deserialize)]
struct DemoPhase {
    kind: String,
    opens_days: i64,
    closes_days: i64,
}

#[derive(Deserialize)]
struct DemoOrganisation {
    name: String,
    category: String,
    country: Option<String>,
}

#[derive(Deserialize)]
struct DemoAccount {
    email: String,
    display_name: String,
    organisation: String,
    admin: bool,
    /// A role in the process, or "request" for a waiting accreditation request.
    role: Option<String>,
    group: Option<i32>,
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

fn data() -> Result<DemoData, DemoError> {
    serde_json::from_str(DATA).map_err(|e| DemoError::Invalid(e.to_string()))
}

/// The demo accounts, for printing.
pub fn logins() -> Result<Vec<DemoLogin>, DemoError> {
    let data = data()?;
    Ok(data
        .accounts
        .iter()
        .map(|a| DemoLogin {
            email: a.email.clone(),
            password: data.password.clone(),
            role: match (a.admin, a.role.as_deref(), a.group) {
                (true, _, _) => "administrator".to_string(),
                (_, Some("request"), _) => "awaiting accreditation".to_string(),
                (_, Some(role), Some(group)) => format!("{role} of group {group}"),
                (_, Some(role), None) => role.to_string(),
                (_, None, _) => "participant".to_string(),
            },
        })
        .collect())
}

/// Loads the demo into `conn`'s database, once.
pub fn load(conn: &mut DbConnection) -> Result<Loaded, DemoError> {
    let data = data()?;
    if processes::process_by_slug(conn, &data.process.slug)?.is_some() {
        let first = data
            .accounts
            .first()
            .map(|a| a.email.as_str())
            .unwrap_or("");
        let email = Email::parse(first).map_err(|e| DemoError::Invalid(e.0.into()))?;
        if accounts::account_by_email(conn, &email)?.is_some() {
            return Ok(Loaded::Already);
        }
        return Err(DemoError::NotEmpty);
    }
    if accounts::account_count(conn)? > 0 {
        return Err(DemoError::NotEmpty);
    }
    let hash = passwords::hash(&data.password)?;
    write_transaction(conn, |conn| insert(conn, &data, &hash))?;
    Ok(Loaded::Now)
}

fn invalid(what: &str) -> DemoError {
    DemoError::Invalid(what.to_string())
}

fn insert(conn: &mut DbConnection, data: &DemoData, hash: &str) -> Result<(), DemoError> {
    // Windows open and close on the hour, as real ones do.
    let now = crate::store::now();
    let now = chrono::DurationRound::duration_trunc(now, TimeDelta::hours(1)).unwrap_or(now);
    let mut phases = Vec::new();
    for phase in &data.phases {
        let kind = PhaseKind::parse(&phase.kind).ok_or_else(|| invalid(&phase.kind))?;
        let window = Window::new(
            now + TimeDelta::days(phase.opens_days),
            now + TimeDelta::days(phase.closes_days),
        )
        .map_err(|e| invalid(&e.to_string()))?;
        phases.push((kind, window));
    }
    let process = processes::create_process(
        conn,
        &ProcessDraft {
            slug: data.process.slug.clone(),
            title: data.process.title.clone(),
            description: data.process.description.clone(),
            reference_prefix: data.process.reference_prefix.clone(),
            time_zone: data.process.time_zone.clone(),
            accredit_on_registration: data.process.accredit_on_registration,
            phases,
            groups: data.groups.clone(),
            themes: data.themes.clone(),
            principles: data.principles.clone(),
        },
    )
    .map_err(|e| invalid(&e.to_string()))?;
    audit::record(
        conn,
        Entry {
            actor_id: None,
            process_id: Some(process.id),
            action: "demo.load",
            subject: format!("process:{}", process.slug),
            detail: serde_json::json!({}),
        },
    )?;

    for organisation in &data.organisations {
        let name =
            OrganisationName::parse(&organisation.name).map_err(|_| invalid(&organisation.name))?;
        let category = StakeholderCategory::parse(&organisation.category)
            .ok_or_else(|| invalid(&organisation.category))?;
        accounts::find_or_create_organisation(
            conn,
            &name,
            category,
            organisation.country.as_deref(),
        )
        .map_err(|e| invalid(&e.to_string()))?;
    }

    for demo in &data.accounts {
        let organisation = data
            .organisations
            .iter()
            .find(|o| o.name == demo.organisation)
            .ok_or_else(|| invalid(&demo.organisation))?;
        let registration = Registration {
            email: Email::parse(&demo.email).map_err(|_| invalid(&demo.email))?,
            display_name: DisplayName::parse(&demo.display_name)
                .map_err(|_| invalid(&demo.display_name))?,
            organisation: OrganisationName::parse(&organisation.name)
                .map_err(|_| invalid(&organisation.name))?,
            category: StakeholderCategory::parse(&organisation.category)
                .ok_or_else(|| invalid(&organisation.category))?,
            country: organisation.country.clone(),
            language: None,
        };
        let account = accounts::create_account(conn, &registration, hash, demo.admin)
            .map_err(|e| invalid(&e.to_string()))?;
        match demo.role.as_deref() {
            None => {}
            Some("request") => {
                roles::request_accreditation(conn, process.id, account.id)?;
            }
            Some(raw) => {
                let role = Role::parse(raw).ok_or_else(|| invalid(raw))?;
                let group = match demo.group {
                    Some(number) => Some(
                        processes::group_by_number(conn, process.id, number)?
                            .ok_or_else(|| invalid("group"))?
                            .id,
                    ),
                    None => None,
                };
                roles::assign_role(conn, process.id, account.id, role, group, None)
                    .map_err(|e| invalid(&e.to_string()))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_data_parses_and_names_every_role() {
        let data = data().expect("demo data parses");
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
    }
}
