//! Role assignments and accreditation requests.
//!
//! Accreditation is the stakeholder role: a request waits for the secretariat (unless the
//! process accredits at once), and accrediting assigns the role.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    accounts, accreditation_requests, action_groups, organisations, role_assignments,
};
use crate::domain::permissions::{Grant, GroupId};
use crate::domain::roles::{Role, StakeholderCategory};
use crate::i18n::Lang;

/// The roles an account holds in a process.
pub fn grants_in_process(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
) -> QueryResult<Vec<Grant>> {
    let rows: Vec<(Role, Option<i64>, Option<String>)> = role_assignments::table
        .filter(role_assignments::process_id.eq(process_id))
        .filter(role_assignments::account_id.eq(account_id))
        .select((
            role_assignments::role,
            role_assignments::group_id,
            role_assignments::language,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(role, group, language)| grant(role, group, language))
        .collect())
}

/// A stored assignment as the domain sees it: a language it does not know grants nothing
/// in any language (the assignment form only stores the six).
pub(crate) fn grant(role: Role, group: Option<i64>, language: Option<String>) -> Grant {
    Grant {
        role,
        group: group.map(GroupId),
        language: language.as_deref().and_then(Lang::parse),
    }
}

/// Every role an account holds, with the process it holds it in: one query for pages that
/// ask `can` about many processes at once.
pub fn grants_by_process(
    conn: &mut DbConnection,
    account_id: i64,
) -> QueryResult<Vec<(i64, Grant)>> {
    let rows: Vec<(i64, Role, Option<i64>, Option<String>)> = role_assignments::table
        .filter(role_assignments::account_id.eq(account_id))
        .select((
            role_assignments::process_id,
            role_assignments::role,
            role_assignments::group_id,
            role_assignments::language,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(process_id, role, group, language)| (process_id, grant(role, group, language)))
        .collect())
}

/// One assignment as the process page and the administration list show it.
#[derive(Debug, Clone, Queryable)]
pub struct Assignment {
    pub id: i64,
    pub role: Role,
    pub group_number: Option<i32>,
    /// A translator's language (BCP 47).
    pub language: Option<String>,
    pub account_id: i64,
    pub display_name: String,
    pub organisation: Option<String>,
    pub created_at: NaiveDateTime,
}

impl Assignment {
    pub fn role(&self) -> Role {
        self.role
    }
}

/// Every assignment in a process, by role then group then name: one query. It grows with
/// the stakeholders: for the administration's list, not for pages everyone reads.
pub fn assignments_of_process(
    conn: &mut DbConnection,
    process_id: i64,
) -> QueryResult<Vec<Assignment>> {
    assignments(conn, process_id, None)
}

/// The assignments of everyone but the stakeholders (the staff of a process), in the same
/// order: as many as the secretariat named, however many stakeholders are accredited.
pub fn staff_of_process(conn: &mut DbConnection, process_id: i64) -> QueryResult<Vec<Assignment>> {
    assignments(conn, process_id, Some(Role::Stakeholder))
}

/// How many people hold `role` in a process.
pub fn holders_of_role(conn: &mut DbConnection, process_id: i64, role: Role) -> QueryResult<i64> {
    role_assignments::table
        .filter(role_assignments::process_id.eq(process_id))
        .filter(role_assignments::role.eq(role))
        .count()
        .get_result(conn)
}

fn assignments(
    conn: &mut DbConnection,
    process_id: i64,
    except: Option<Role>,
) -> QueryResult<Vec<Assignment>> {
    let mut query = role_assignments::table
        .inner_join(accounts::table.on(accounts::id.eq(role_assignments::account_id)))
        .left_join(
            organisations::table.on(organisations::id.nullable().eq(accounts::organisation_id)),
        )
        .left_join(action_groups::table)
        .filter(role_assignments::process_id.eq(process_id))
        .select((
            role_assignments::id,
            role_assignments::role,
            action_groups::number.nullable(),
            role_assignments::language,
            accounts::id,
            accounts::display_name,
            organisations::name.nullable(),
            role_assignments::created_at,
        ))
        .into_boxed();
    if let Some(role) = except {
        query = query.filter(role_assignments::role.ne(role));
    }
    let mut rows: Vec<Assignment> = query.load(conn)?;
    rows.sort_by(|a, b| {
        (a.role(), a.group_number, &a.display_name).cmp(&(
            b.role(),
            b.group_number,
            &b.display_name,
        ))
    });
    Ok(rows)
}

#[derive(Debug, thiserror::Error)]
pub enum AssignError {
    #[error("the account already holds this role")]
    AlreadyHeld,
    #[error("this role belongs to an action group")]
    GroupRequired,
    #[error("this role does not belong to an action group")]
    GroupNotAllowed,
    #[error("no such action group in this process")]
    NoSuchGroup,
    #[error("a translator translates into one language")]
    LanguageRequired,
    #[error(transparent)]
    Database(#[from] diesel::result::Error),
}

/// Assigns a role held for the process or a group; call inside a write transaction. The
/// group must belong to the process.
pub fn assign_role(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
    role: Role,
    group_id: Option<i64>,
    assigned_by: Option<i64>,
) -> Result<i64, AssignError> {
    assign_role_in(
        conn,
        process_id,
        account_id,
        role,
        group_id,
        None,
        assigned_by,
    )
}

/// As `assign_role`, with the language a translator translates into (and only theirs).
pub fn assign_role_in(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
    role: Role,
    group_id: Option<i64>,
    language: Option<Lang>,
    assigned_by: Option<i64>,
) -> Result<i64, AssignError> {
    if role.needs_language() != language.is_some() {
        return Err(AssignError::LanguageRequired);
    }
    match (role.needs_group(), group_id) {
        (true, None) => return Err(AssignError::GroupRequired),
        (false, Some(_)) => return Err(AssignError::GroupNotAllowed),
        (true, Some(group)) => {
            let in_process: i64 = action_groups::table
                .filter(action_groups::id.eq(group))
                .filter(action_groups::process_id.eq(process_id))
                .count()
                .get_result(conn)?;
            if in_process == 0 {
                return Err(AssignError::NoSuchGroup);
            }
        }
        (false, None) => {}
    }
    let held = grants_in_process(conn, process_id, account_id)?
        .into_iter()
        .any(|g| g.role == role && g.group.map(|g| g.0) == group_id && g.language == language);
    if held {
        return Err(AssignError::AlreadyHeld);
    }
    let id = diesel::insert_into(role_assignments::table)
        .values((
            role_assignments::process_id.eq(process_id),
            role_assignments::account_id.eq(account_id),
            role_assignments::role.eq(role),
            role_assignments::group_id.eq(group_id),
            role_assignments::language.eq(language.map(Lang::code)),
            role_assignments::assigned_by.eq(assigned_by),
            role_assignments::created_at.eq(super::now()),
        ))
        .returning(role_assignments::id)
        .get_result(conn)?;
    Ok(id)
}

/// Removes one assignment of the process; returns what it was, if it existed there.
pub fn remove_assignment(
    conn: &mut DbConnection,
    process_id: i64,
    assignment_id: i64,
) -> QueryResult<Option<(i64, String)>> {
    let found: Option<(i64, Role)> = role_assignments::table
        .filter(role_assignments::id.eq(assignment_id))
        .filter(role_assignments::process_id.eq(process_id))
        .select((role_assignments::account_id, role_assignments::role))
        .first(conn)
        .optional()?;
    if found.is_some() {
        diesel::delete(role_assignments::table.find(assignment_id)).execute(conn)?;
    }
    // Still the role's stored form for the callers that write it into the audit log.
    Ok(found.map(|(account, role)| (account, role.as_str().to_string())))
}

/// Records a request for accreditation; does nothing if one is waiting already.
pub fn request_accreditation(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
) -> QueryResult<bool> {
    let waiting: i64 = accreditation_requests::table
        .filter(accreditation_requests::process_id.eq(process_id))
        .filter(accreditation_requests::account_id.eq(account_id))
        .count()
        .get_result(conn)?;
    if waiting > 0 {
        return Ok(false);
    }
    diesel::insert_into(accreditation_requests::table)
        .values((
            accreditation_requests::process_id.eq(process_id),
            accreditation_requests::account_id.eq(account_id),
            accreditation_requests::requested_at.eq(super::now()),
        ))
        .execute(conn)?;
    Ok(true)
}

pub fn has_pending_request(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
) -> QueryResult<bool> {
    let n: i64 = accreditation_requests::table
        .filter(accreditation_requests::process_id.eq(process_id))
        .filter(accreditation_requests::account_id.eq(account_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// A waiting request, with who asked.
#[derive(Debug, Clone, Queryable)]
pub struct PendingRequest {
    pub account_id: i64,
    pub display_name: String,
    pub email: String,
    pub organisation: Option<String>,
    pub category: Option<StakeholderCategory>,
    pub country: Option<String>,
    pub requested_at: NaiveDateTime,
}

pub fn pending_requests(
    conn: &mut DbConnection,
    process_id: i64,
) -> QueryResult<Vec<PendingRequest>> {
    let rows: Vec<PendingRequest> = accreditation_requests::table
        .inner_join(accounts::table)
        .left_join(
            organisations::table.on(organisations::id.nullable().eq(accounts::organisation_id)),
        )
        .filter(accreditation_requests::process_id.eq(process_id))
        .order(accreditation_requests::requested_at)
        .select((
            accounts::id,
            accounts::display_name,
            accounts::email,
            organisations::name.nullable(),
            organisations::category.nullable(),
            accounts::country,
            accreditation_requests::requested_at,
        ))
        .load(conn)?;
    Ok(rows)
}

/// Closes a waiting request; returns whether there was one.
pub fn close_request(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
) -> QueryResult<bool> {
    let removed = diesel::delete(
        accreditation_requests::table
            .filter(accreditation_requests::process_id.eq(process_id))
            .filter(accreditation_requests::account_id.eq(account_id)),
    )
    .execute(conn)?;
    Ok(removed > 0)
}
