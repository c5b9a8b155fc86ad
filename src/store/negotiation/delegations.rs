//! Delegations, the accounts acting for them, groups of States and their members.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    accounts, delegation_members, delegations, negotiation_settings, state_group_members,
    state_groups,
};
use crate::domain::negotiation::DelegationCategory;

#[derive(Debug, Clone, Queryable, Selectable, PartialEq, Eq)]
#[diesel(table_name = delegations)]
pub struct Delegation {
    pub id: i64,
    pub process_id: i64,
    pub name: String,
    pub category: DelegationCategory,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq, Eq)]
#[diesel(table_name = state_groups)]
pub struct StateGroup {
    pub id: i64,
    pub process_id: i64,
    pub name: String,
    pub short_name: String,
    pub created_at: NaiveDateTime,
}

/// An account acting for a delegation, as the delegation's page lists it.
#[derive(Debug, Clone, Queryable, PartialEq, Eq)]
pub struct Member {
    pub delegation_id: i64,
    pub account_id: i64,
    pub display_name: String,
    pub email: String,
}

/// Whether observer delegations of the process may table amendments (false until set).
pub fn observers_may_propose(conn: &mut DbConnection, process_id: i64) -> QueryResult<bool> {
    Ok(negotiation_settings::table
        .find(process_id)
        .select(negotiation_settings::observers_may_propose)
        .first(conn)
        .optional()?
        .unwrap_or(false))
}

pub fn set_observers_may_propose(
    conn: &mut DbConnection,
    process_id: i64,
    allowed: bool,
) -> QueryResult<()> {
    // Changed by the secretariat alone, in its transaction: no race to guard with an upsert.
    let updated = diesel::update(negotiation_settings::table.find(process_id))
        .set(negotiation_settings::observers_may_propose.eq(allowed))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(negotiation_settings::table)
            .values((
                negotiation_settings::process_id.eq(process_id),
                negotiation_settings::observers_may_propose.eq(allowed),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn create_delegation(
    conn: &mut DbConnection,
    process_id: i64,
    name: &str,
    category: DelegationCategory,
) -> QueryResult<i64> {
    diesel::insert_into(delegations::table)
        .values((
            delegations::process_id.eq(process_id),
            delegations::name.eq(name),
            delegations::category.eq(category),
            delegations::created_at.eq(crate::store::now()),
        ))
        .returning(delegations::id)
        .get_result(conn)
}

pub fn delegations_of_process(
    conn: &mut DbConnection,
    process_id: i64,
) -> QueryResult<Vec<Delegation>> {
    delegations::table
        .filter(delegations::process_id.eq(process_id))
        .order((delegations::name, delegations::id))
        .select(Delegation::as_select())
        .load(conn)
}

/// A delegation of this process by its id; `None` for another process's.
pub fn delegation_in_process(
    conn: &mut DbConnection,
    process_id: i64,
    id: i64,
) -> QueryResult<Option<Delegation>> {
    delegations::table
        .filter(delegations::process_id.eq(process_id))
        .filter(delegations::id.eq(id))
        .select(Delegation::as_select())
        .first(conn)
        .optional()
}

/// The delegations of the process that `account_id` acts for.
pub fn delegations_of_account(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
) -> QueryResult<Vec<Delegation>> {
    delegations::table
        .inner_join(delegation_members::table)
        .filter(delegations::process_id.eq(process_id))
        .filter(delegation_members::account_id.eq(account_id))
        .order((delegations::name, delegations::id))
        .select(Delegation::as_select())
        .load(conn)
}

/// Lets `account_id` act for the delegation; nothing happens if it already does. Call inside
/// a write transaction.
pub fn add_member(
    conn: &mut DbConnection,
    delegation_id: i64,
    account_id: i64,
) -> QueryResult<bool> {
    let present: bool = diesel::select(diesel::dsl::exists(
        delegation_members::table
            .filter(delegation_members::delegation_id.eq(delegation_id))
            .filter(delegation_members::account_id.eq(account_id)),
    ))
    .get_result(conn)?;
    if present {
        return Ok(false);
    }
    let added = diesel::insert_into(delegation_members::table)
        .values((
            delegation_members::delegation_id.eq(delegation_id),
            delegation_members::account_id.eq(account_id),
            delegation_members::added_at.eq(crate::store::now()),
        ))
        .execute(conn)?;
    Ok(added > 0)
}

pub fn remove_member(
    conn: &mut DbConnection,
    delegation_id: i64,
    account_id: i64,
) -> QueryResult<bool> {
    let removed = diesel::delete(
        delegation_members::table
            .filter(delegation_members::delegation_id.eq(delegation_id))
            .filter(delegation_members::account_id.eq(account_id)),
    )
    .execute(conn)?;
    Ok(removed > 0)
}

/// The accounts acting for every delegation of the process, by delegation and name.
pub fn members_of_process(conn: &mut DbConnection, process_id: i64) -> QueryResult<Vec<Member>> {
    delegation_members::table
        .inner_join(delegations::table)
        .inner_join(accounts::table)
        .filter(delegations::process_id.eq(process_id))
        .order((delegation_members::delegation_id, accounts::display_name))
        .select((
            delegation_members::delegation_id,
            accounts::id,
            accounts::display_name,
            accounts::email,
        ))
        .load(conn)
}

pub fn create_group(
    conn: &mut DbConnection,
    process_id: i64,
    name: &str,
    short_name: &str,
) -> QueryResult<i64> {
    diesel::insert_into(state_groups::table)
        .values((
            state_groups::process_id.eq(process_id),
            state_groups::name.eq(name),
            state_groups::short_name.eq(short_name),
            state_groups::created_at.eq(crate::store::now()),
        ))
        .returning(state_groups::id)
        .get_result(conn)
}

pub fn groups_of_process(conn: &mut DbConnection, process_id: i64) -> QueryResult<Vec<StateGroup>> {
    state_groups::table
        .filter(state_groups::process_id.eq(process_id))
        .order((state_groups::name, state_groups::id))
        .select(StateGroup::as_select())
        .load(conn)
}

/// A group of this process by its id; `None` for another process's.
pub fn group_in_process(
    conn: &mut DbConnection,
    process_id: i64,
    id: i64,
) -> QueryResult<Option<StateGroup>> {
    state_groups::table
        .filter(state_groups::process_id.eq(process_id))
        .filter(state_groups::id.eq(id))
        .select(StateGroup::as_select())
        .first(conn)
        .optional()
}

/// Makes the delegation a member of the group; nothing happens if it already is. Call inside
/// a write transaction.
pub fn add_to_group(
    conn: &mut DbConnection,
    group_id: i64,
    delegation_id: i64,
) -> QueryResult<bool> {
    if in_group(conn, group_id, delegation_id)? {
        return Ok(false);
    }
    let added = diesel::insert_into(state_group_members::table)
        .values((
            state_group_members::group_id.eq(group_id),
            state_group_members::delegation_id.eq(delegation_id),
        ))
        .execute(conn)?;
    Ok(added > 0)
}

pub fn remove_from_group(
    conn: &mut DbConnection,
    group_id: i64,
    delegation_id: i64,
) -> QueryResult<bool> {
    let removed = diesel::delete(
        state_group_members::table
            .filter(state_group_members::group_id.eq(group_id))
            .filter(state_group_members::delegation_id.eq(delegation_id)),
    )
    .execute(conn)?;
    Ok(removed > 0)
}

/// Every (group, delegation) membership of the process's groups.
pub fn group_memberships_of_process(
    conn: &mut DbConnection,
    process_id: i64,
) -> QueryResult<Vec<(i64, i64)>> {
    state_group_members::table
        .inner_join(state_groups::table)
        .filter(state_groups::process_id.eq(process_id))
        .select((
            state_group_members::group_id,
            state_group_members::delegation_id,
        ))
        .load(conn)
}

/// Whether the delegation belongs to the group.
pub fn in_group(conn: &mut DbConnection, group_id: i64, delegation_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        state_group_members::table
            .filter(state_group_members::group_id.eq(group_id))
            .filter(state_group_members::delegation_id.eq(delegation_id)),
    ))
    .get_result(conn)
}
