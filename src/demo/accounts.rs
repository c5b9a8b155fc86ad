//! The demo's organisations, of every stakeholder category, and its people: the accounts
//! start-up prints (one per role) and the participants who review and write.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Deserialize;

use super::{Demo, DemoData, DemoError, invalid, role_of};
use crate::db::DbConnection;
use crate::db::schema::{
    accounts as account_rows, accreditation_requests, organisations as organisation_rows,
    role_assignments,
};
use crate::domain::roles::StakeholderCategory;
use crate::domain::validation::{DisplayName, Email, OrganisationName};
use crate::store::accounts::{self, Registration};
use crate::store::roles;

#[derive(Deserialize)]
pub(super) struct DemoOrganisation {
    pub name: String,
    pub category: String,
    pub country: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct DemoAccount {
    pub email: String,
    pub display_name: String,
    pub organisation: String,
    #[serde(default)]
    pub admin: bool,
    /// A role in the process, or "request" for a waiting accreditation request.
    pub role: Option<String>,
    pub group: Option<i32>,
    /// The languages a translator translates into (one assignment each).
    #[serde(default)]
    pub languages: Vec<String>,
    /// The Member State delegation the account acts for in the negotiation.
    #[serde(default)]
    pub delegation: Option<String>,
}

/// Someone of the demo, as the other parts need them.
#[derive(Debug, Clone, Copy)]
pub(super) struct Person {
    pub id: i64,
    pub organisation_id: i64,
    /// The group they review as rapporteur, if any.
    pub rapporteur_of: Option<i32>,
}

/// The demo's people by email, in the order of the data, and its organisations by name.
#[derive(Debug, Default)]
pub(super) struct People {
    in_order: Vec<(String, Person)>,
    organisations: HashMap<String, i64>,
}

impl People {
    pub fn len(&self) -> usize {
        self.in_order.len()
    }

    pub fn person(&self, email: &str) -> Result<Person, DemoError> {
        self.in_order
            .iter()
            .find(|(e, _)| e == email)
            .map(|(_, p)| *p)
            .ok_or_else(|| invalid(format!("no demo account {email}")))
    }

    pub fn organisation(&self, name: &str) -> Result<i64, DemoError> {
        self.organisations
            .get(name)
            .copied()
            .ok_or_else(|| invalid(format!("no organisation {name:?}")))
    }

    /// The rapporteur of a group, who decides on its proposals unless the data says who.
    pub fn rapporteur_of(&self, group: i32) -> Result<i64, DemoError> {
        self.in_order
            .iter()
            .find(|(_, p)| p.rapporteur_of == Some(group))
            .map(|(_, p)| p.id)
            .ok_or_else(|| invalid(format!("no rapporteur of group {group}")))
    }

    /// Someone of an organisation, who answers its invitations to co-sponsor: the first
    /// account of the demo data that speaks for it.
    pub fn member_of(&self, organisation_id: i64) -> Option<i64> {
        self.in_order
            .iter()
            .find(|(_, p)| p.organisation_id == organisation_id)
            .map(|(_, p)| p.id)
    }
}

fn category(raw: &str) -> Result<StakeholderCategory, DemoError> {
    StakeholderCategory::parse(raw).ok_or_else(|| invalid(format!("no category {raw:?}")))
}

/// Creates the organisations, the accounts with their roles, and dates them all to when the
/// process was set up.
pub(super) fn insert(
    conn: &mut DbConnection,
    demo: &mut Demo,
    data: &DemoData,
    hash: &str,
) -> Result<(), DemoError> {
    for organisation in &data.organisations {
        let name =
            OrganisationName::parse(&organisation.name).map_err(|_| invalid(&organisation.name))?;
        let created = accounts::find_or_create_organisation(
            conn,
            &name,
            category(&organisation.category)?,
            organisation.country.as_deref(),
        )
        .map_err(invalid)?;
        demo.people
            .organisations
            .insert(organisation.name.clone(), created.id);
    }
    // The delegates come last: the negotiation came after everything else the demo tells,
    // and the people of a mission who answered its invitations stay who they were.
    let (delegates, others): (Vec<_>, Vec<_>) =
        data.accounts.iter().partition(|a| a.delegation.is_some());
    for account in others
        .into_iter()
        .chain(&data.participants)
        .chain(delegates)
    {
        insert_account(conn, demo, data, account, hash)?;
    }
    // Everyone registered when the consultations began; nothing else was in the database.
    diesel::update(organisation_rows::table)
        .set(organisation_rows::created_at.eq(data.registered))
        .execute(conn)?;
    diesel::update(account_rows::table)
        .set(account_rows::created_at.eq(data.registered))
        .execute(conn)?;
    diesel::update(role_assignments::table)
        .set(role_assignments::created_at.eq(data.registered))
        .execute(conn)?;
    diesel::update(accreditation_requests::table)
        .set(accreditation_requests::requested_at.eq(data.registered))
        .execute(conn)?;
    Ok(())
}

fn insert_account(
    conn: &mut DbConnection,
    demo: &mut Demo,
    data: &DemoData,
    account: &DemoAccount,
    hash: &str,
) -> Result<(), DemoError> {
    let organisation = data
        .organisations
        .iter()
        .find(|o| o.name == account.organisation)
        .ok_or_else(|| invalid(format!("no organisation {:?}", account.organisation)))?;
    let registration = Registration {
        email: Email::parse(&account.email).map_err(|_| invalid(&account.email))?,
        display_name: DisplayName::parse(&account.display_name)
            .map_err(|_| invalid(&account.display_name))?,
        organisation: OrganisationName::parse(&organisation.name)
            .map_err(|_| invalid(&organisation.name))?,
        category: category(&organisation.category)?,
        country: organisation.country.clone(),
        language: None,
    };
    let created =
        accounts::create_account(conn, &registration, hash, account.admin).map_err(invalid)?;
    // Demo addresses are confirmed: they stand for people who did so long ago.
    crate::store::mail::confirm_address(conn, created.id, crate::store::now())?;
    let mut rapporteur_of = None;
    match account.role.as_deref() {
        None => {}
        Some("request") => {
            roles::request_accreditation(conn, demo.process.id, created.id)?;
        }
        Some(raw) => {
            let role = role_of(raw)?;
            let group = match account.group {
                Some(number) => Some(demo.group(number)?),
                None => None,
            };
            if role == crate::domain::roles::Role::Rapporteur {
                rapporteur_of = account.group;
            }
            if role.needs_language() {
                for code in &account.languages {
                    let language = crate::i18n::Lang::parse(code)
                        .ok_or_else(|| invalid(format!("no language {code:?}")))?;
                    let id = demo.process.id;
                    roles::assign_role_in(conn, id, created.id, role, None, Some(language), None)
                        .map_err(invalid)?;
                }
            } else {
                roles::assign_role(conn, demo.process.id, created.id, role, group, None)
                    .map_err(invalid)?;
            }
        }
    }
    demo.people.in_order.push((
        account.email.clone(),
        Person {
            id: created.id,
            organisation_id: created.organisation_id.unwrap_or_default(),
            rapporteur_of,
        },
    ));
    Ok(())
}
