//! The secretariat's side: delegations, the accounts acting for them, groups of States and
//! their members, and whether observers may table amendments in the process.

use super::record;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::negotiation::DelegationCategory;
use crate::domain::permissions::Action;
use crate::domain::validation::{Email, FieldErrors};
use crate::store::accounts::account_by_email;
use crate::store::negotiation::delegations::{self as store, Delegation, Member, StateGroup};

/// Longest State or group name, in characters.
pub const NAME_MAX: usize = 200;
/// Longest short name of a group (e.g. "G77"), in characters.
pub const SHORT_NAME_MAX: usize = 40;

/// What the secretariat's negotiation page shows.
#[derive(Debug, Clone)]
pub struct Overview {
    pub delegations: Vec<Delegation>,
    pub members: Vec<Member>,
    pub groups: Vec<StateGroup>,
    /// (group id, delegation id) pairs.
    pub memberships: Vec<(i64, i64)>,
    pub observers_may_propose: bool,
}

pub fn overview(conn: &mut DbConnection, person: Person, slug: &str) -> Result<Overview> {
    let (process, actor) = app::process_for(conn, slug, Some(person))?;
    app::require(&actor, Action::ManageDelegations)?;
    Ok(Overview {
        delegations: store::delegations_of_process(conn, process.id)?,
        members: store::members_of_process(conn, process.id)?,
        groups: store::groups_of_process(conn, process.id)?,
        memberships: store::group_memberships_of_process(conn, process.id)?,
        observers_may_propose: store::observers_may_propose(conn, process.id)?,
    })
}

/// A required name of at most `max` characters, trimmed.
fn name(errors: &mut FieldErrors, field: &'static str, raw: &str, max: usize) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        errors.add(field, "error-required");
        None
    } else if trimmed.chars().count() > max {
        errors.add(field, "error-too-long");
        None
    } else {
        Some(trimmed.to_owned())
    }
}

/// Adds a delegation: a State's name and whether it is a Member State or an observer.
pub fn add_delegation(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    raw_name: &str,
    raw_category: &str,
) -> Result<i64> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        app::require(&actor, Action::ManageDelegations)?;
        let mut errors = FieldErrors::default();
        let name = name(&mut errors, "name", raw_name, NAME_MAX);
        let category = DelegationCategory::parse(raw_category);
        if category.is_none() {
            errors.add("category", "error-choose-one");
        }
        let (Some(name), Some(category)) = (name, category) else {
            return Err(Error::Invalid(errors));
        };
        if store::delegations_of_process(conn, process.id)?
            .iter()
            .any(|d| d.name.to_lowercase() == name.to_lowercase())
        {
            return Err(Error::invalid("name", "error-delegation-exists"));
        }
        let id = store::create_delegation(conn, process.id, &name, category)?;
        let detail = serde_json::json!({ "name": name, "category": category.as_str() });
        record(
            conn,
            &process,
            person.account_id,
            "delegation.create",
            format!("delegation:{id}"),
            detail,
        )?;
        Ok(id)
    })
}

/// Lets the existing account with this e-mail address act for the delegation.
pub fn add_delegate(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    delegation_id: i64,
    raw_email: &str,
) -> Result<()> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        app::require(&actor, Action::ManageDelegations)?;
        let delegation = store::delegation_in_process(conn, process.id, delegation_id)?
            .ok_or(Error::NotFound)?;
        let email =
            Email::parse(raw_email).map_err(|invalid| Error::invalid("email", invalid.0))?;
        let account = account_by_email(conn, &email)?
            .ok_or_else(|| Error::invalid("email", "error-no-such-account"))?;
        store::add_member(conn, delegation.id, account.id)?;
        let detail = serde_json::json!({ "account": account.id });
        record(
            conn,
            &process,
            person.account_id,
            "delegation.add-member",
            format!("delegation:{}", delegation.id),
            detail,
        )?;
        Ok(())
    })
}

/// Adds a group of States (e.g. "Group of 77 and China", "G77").
pub fn add_group(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    raw_name: &str,
    raw_short_name: &str,
) -> Result<i64> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        app::require(&actor, Action::ManageDelegations)?;
        let mut errors = FieldErrors::default();
        let name = name(&mut errors, "group_name", raw_name, NAME_MAX);
        let short = name_or_errors(&mut errors, raw_short_name);
        let (Some(name), Some(short)) = (name, short) else {
            return Err(Error::Invalid(errors));
        };
        if store::groups_of_process(conn, process.id)?
            .iter()
            .any(|g| g.name.to_lowercase() == name.to_lowercase())
        {
            return Err(Error::invalid("group_name", "error-group-exists"));
        }
        let id = store::create_group(conn, process.id, &name, &short)?;
        let detail = serde_json::json!({ "name": name, "short_name": short });
        record(
            conn,
            &process,
            person.account_id,
            "state-group.create",
            format!("state-group:{id}"),
            detail,
        )?;
        Ok(id)
    })
}

fn name_or_errors(errors: &mut FieldErrors, raw: &str) -> Option<String> {
    name(errors, "short_name", raw, SHORT_NAME_MAX)
}

/// Makes a delegation of the process a member of one of its groups.
pub fn add_to_group(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    group_id: i64,
    delegation_id: i64,
) -> Result<()> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        app::require(&actor, Action::ManageDelegations)?;
        let group = store::group_in_process(conn, process.id, group_id)?.ok_or(Error::NotFound)?;
        let delegation = store::delegation_in_process(conn, process.id, delegation_id)?
            .ok_or(Error::NotFound)?;
        store::add_to_group(conn, group.id, delegation.id)?;
        let detail = serde_json::json!({ "delegation": delegation.id });
        record(
            conn,
            &process,
            person.account_id,
            "state-group.add-member",
            format!("state-group:{}", group.id),
            detail,
        )?;
        Ok(())
    })
}

/// Whether observer delegations may table amendments and take positions in the process.
pub fn set_observers_may_propose(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    allowed: bool,
) -> Result<()> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        app::require(&actor, Action::ManageDelegations)?;
        store::set_observers_may_propose(conn, process.id, allowed)?;
        let detail = serde_json::json!({ "observers_may_propose": allowed });
        record(
            conn,
            &process,
            person.account_id,
            "negotiation.settings",
            format!("process:{}", process.id),
            detail,
        )?;
        Ok(())
    })
}
