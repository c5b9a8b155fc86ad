//! The people of a process, for its secretariat and administrators: accreditation requests,
//! role assignments, late-submission permissions, and the audit log.

use serde::Deserialize;

use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::audit::{AuditFilter, AuditQuery, Subject, action_key};
use crate::domain::ids::ProposalId;
use crate::domain::permissions::{Action, Actor};
use crate::domain::phases::PhaseKind;
use crate::domain::roles::Role;
use crate::domain::validation::{Email, FieldErrors};
use crate::i18n::Lang;
use crate::paths;
use crate::store::accounts::{self, Account};
use crate::store::audit::{self, Entry};
use crate::store::keyset::Seek;
use crate::store::processes::{self, Process, Structure};
use crate::store::roles::{self, AssignError, Assignment, PendingRequest};
use crate::store::windows;

/// What a process's administration page shows, and how the person stands in it.
pub struct ProcessAdmin {
    pub process: Process,
    pub structure: Structure,
    pub pending: Vec<PendingRequest>,
    pub assignments: Vec<Assignment>,
    pub actor: Actor,
}

pub fn process_admin(conn: &mut DbConnection, person: Person, slug: &str) -> Result<ProcessAdmin> {
    let (process, actor) = app::process_for(conn, slug, Some(person))?;
    app::require(&actor, Action::ManageProcess)?;
    let structure = processes::structure_of(conn, &process)?;
    let pending = roles::pending_requests(conn, process.id)?;
    let assignments = roles::assignments_of_process(conn, process.id)?;
    Ok(ProcessAdmin {
        process,
        structure,
        pending,
        assignments,
        actor,
    })
}

fn entry(
    person: Person,
    process: &Process,
    action: &'static str,
    account_id: i64,
) -> Entry<'static> {
    Entry {
        actor_id: Some(person.account_id),
        process_id: Some(process.id),
        action,
        subject: format!("account:{account_id}"),
        detail: serde_json::json!({}),
    }
}

/// Accredits (`accept`) or refuses the waiting request of `account_id`; returns the
/// process's slug. A request that does not wait is `NotFound`.
pub fn decide_accreditation(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    account_id: i64,
    accept: bool,
) -> Result<String> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        app::require(&actor, Action::Accredit)?;
        if !roles::close_request(conn, process.id, account_id)? {
            return Err(Error::NotFound);
        }
        if accept {
            let by = Some(person.account_id);
            match roles::assign_role(conn, process.id, account_id, Role::Stakeholder, None, by) {
                Ok(_) | Err(AssignError::AlreadyHeld) => {}
                Err(e) => return Err(Error::Internal(e.into())),
            }
        }
        let action = if accept {
            "accreditation.grant"
        } else {
            "accreditation.refuse"
        };
        audit::record(conn, entry(person, &process, action, account_id))?;
        Ok(process.slug)
    })
}

/// What the assignment form holds, as typed.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct AssignForm {
    pub email: String,
    pub role: String,
    pub group: String,
    /// A translator's language (its code); empty for the other roles.
    pub language: String,
}

/// Assigns a role to the account with the form's email; returns the process's slug. Every
/// problem with the form is `Invalid`, beside its field.
pub fn assign(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    form: &AssignForm,
) -> Result<String> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        app::require(&actor, Action::AssignRoles)?;
        let (role, account, group) = parse_assignment(conn, &process, form)?;
        let language = Lang::parse(&form.language);
        let by = Some(person.account_id);
        let id = roles::assign_role_in(conn, process.id, account.id, role, group, language, by)
            .map_err(|refused| match refused {
                AssignError::Database(e) => e.into(),
                AssignError::AlreadyHeld => Error::invalid("role", "error-role-held"),
                AssignError::GroupRequired => Error::invalid("group", "error-group-required"),
                AssignError::GroupNotAllowed => Error::invalid("group", "error-group-not-allowed"),
                AssignError::NoSuchGroup => Error::invalid("group", "error-no-such-group"),
                AssignError::LanguageRequired => {
                    Error::invalid("language", "error-language-required")
                }
            })?;
        if role == Role::Stakeholder {
            roles::close_request(conn, process.id, account.id)?;
        }
        audit::record(
            conn,
            Entry {
                detail: serde_json::json!({
                    "assignment_id": id,
                    "role": role.as_str(),
                    "group_id": group,
                    "language": language.map(Lang::code),
                }),
                ..entry(person, &process, "role.assign", account.id)
            },
        )?;
        Ok(process.slug)
    })
}

/// The role, account and group (its id) the form names; every problem at once.
fn parse_assignment(
    conn: &mut DbConnection,
    process: &Process,
    form: &AssignForm,
) -> Result<(Role, Account, Option<i64>)> {
    let mut errors = FieldErrors::default();
    let role = Role::parse(&form.role);
    if role.is_none() {
        errors.add("role", "error-choose-one");
    }
    let email = errors.check("email", Email::parse(&form.email));
    let account = match &email {
        Some(email) => accounts::account_by_email(conn, email)?,
        None => None,
    };
    if email.is_some() && account.is_none() {
        errors.add("email", "error-no-such-account");
    }
    // The group is named by its number; it must belong to this process.
    let group = match form.group.trim() {
        "" => None,
        raw => {
            let found = match raw.parse::<i32>() {
                Ok(n) => processes::group_by_number(conn, process.id, n)?,
                Err(_) => None,
            };
            if found.is_none() {
                errors.add("group", "error-no-such-group");
            }
            found.map(|group| group.id)
        }
    };
    match (role, account) {
        (Some(role), Some(account)) if errors.is_empty() => Ok((role, account, group)),
        _ => Err(Error::Invalid(errors)),
    }
}

/// Removes one role assignment; returns the process's slug.
pub fn unassign(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    assignment_id: i64,
) -> Result<String> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        app::require(&actor, Action::AssignRoles)?;
        let (account_id, role) =
            roles::remove_assignment(conn, process.id, assignment_id)?.ok_or(Error::NotFound)?;
        audit::record(
            conn,
            Entry {
                detail: serde_json::json!({ "assignment_id": assignment_id, "role": role }),
                ..entry(person, &process, "role.remove", account_id)
            },
        )?;
        Ok(process.slug)
    })
}

/// Entries on one page of a process's audit log.
pub const AUDIT_PAGE: i64 = 50;

/// One entry of the audit log as people read it.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub id: i64,
    pub at: chrono::NaiveDateTime,
    /// Who acted; `None` for Concord itself.
    pub actor: Option<String>,
    /// The stored action (`role.assign`) and the message saying it in words.
    pub action: String,
    pub action_key: String,
    /// What it was done to: a label, and its page when it has one.
    pub subject: String,
    pub subject_href: Option<String>,
    pub detail: String,
}

/// A page of a process's audit log: its rows, the filters as read, and where the pages
/// before and after start.
pub struct AuditLog {
    pub process: Process,
    /// The process's structure, for its title in the reader's language.
    pub structure: crate::store::processes::Structure,
    pub rows: Vec<AuditRow>,
    pub filter: AuditFilter,
    /// The id of the newest row shown, when newer rows exist (the previous page).
    pub newer_than: Option<i64>,
    /// The id of the oldest row shown, when older rows exist (the next page).
    pub older_than: Option<i64>,
}

/// A page of the audit log of a process, filtered, with each entry's subject named and
/// linked: one query for the page, and one each for the accounts, proposals and documents
/// it names.
pub fn audit_log(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    query: &AuditQuery,
) -> Result<AuditLog> {
    let (process, actor) = app::process_for(conn, slug, Some(person))?;
    app::require(&actor, Action::ReadAuditLog)?;
    let filter = AuditFilter::parse(query);
    let cursor = |raw: &str| raw.trim().parse::<i64>().ok().filter(|id| *id > 0);
    let seek = match (cursor(&query.after), cursor(&query.before)) {
        (Some(id), _) => Seek::After(id),
        (None, Some(id)) => Seek::Before(id),
        (None, None) => Seek::First,
    };
    let page = audit::page_of_process(conn, process.id, &filter, seek, AUDIT_PAGE)?;
    let subjects: Vec<Subject> = page
        .entries
        .iter()
        .map(|e| Subject::parse(&e.subject))
        .collect();
    let account_ids: Vec<i64> = subjects
        .iter()
        .filter_map(|s| match s {
            Subject::Account(id) => Some(*id),
            _ => None,
        })
        .collect();
    let proposal_ids: Vec<ProposalId> = subjects
        .iter()
        .filter_map(|s| match s {
            Subject::Proposal(id) => Some(*id),
            _ => None,
        })
        .collect();
    let names = audit::names_of(conn, &account_ids)?;
    let named_proposals = audit::proposals_named(conn, process.id, &proposal_ids)?;
    let documents = if subjects.iter().any(|s| matches!(s, Subject::Document(_))) {
        crate::store::documents::documents_of_process(conn, process.id)?
    } else {
        Vec::new()
    };
    let newer_than = page
        .newer
        .then(|| page.entries.first().map(|e| e.id))
        .flatten();
    let older_than = page
        .older
        .then(|| page.entries.last().map(|e| e.id))
        .flatten();
    let rows = page
        .entries
        .into_iter()
        .zip(subjects)
        .map(|(entry, subject)| {
            let (label, href) = match subject {
                Subject::Process(slug) if slug == process.slug => {
                    (process.title.clone(), Some(paths::admin_process(&slug)))
                }
                Subject::Process(slug) => (slug, None),
                Subject::Account(id) => (
                    names
                        .iter()
                        .find(|(of, _)| *of == id)
                        .map_or_else(|| entry.subject.clone(), |(_, name)| name.clone()),
                    Some(paths::admin_account(id)),
                ),
                Subject::Contribution(reference) => (
                    reference.clone(),
                    Some(paths::contribution(&process.slug, &reference)),
                ),
                Subject::Proposal(id) => {
                    match named_proposals.iter().find(|(of, _, _)| *of == id) {
                        Some((_, Some(reference), title)) => (
                            format!("{reference} {title}"),
                            Some(paths::proposal(&process.slug, reference)),
                        ),
                        Some((_, None, title)) => (title.clone(), None),
                        None => (entry.subject.clone(), None),
                    }
                }
                Subject::Document(slug) => match documents.iter().find(|d| d.slug == slug) {
                    Some(document) => (
                        document.title.clone(),
                        Some(paths::document(&process.slug, &slug)),
                    ),
                    None => (slug, None),
                },
                Subject::Other(raw) => (raw, None),
            };
            AuditRow {
                id: entry.id,
                at: entry.at,
                actor: entry.actor_name,
                action_key: action_key(&entry.action),
                action: entry.action,
                subject: label,
                subject_href: href,
                detail: entry.detail,
            }
        })
        .collect();
    let structure = crate::app::outline::structure(conn, &process)?;
    Ok(AuditLog {
        process,
        structure,
        rows,
        filter,
        newer_than,
        older_than,
    })
}

/// What the late-submission form holds, as typed.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct LateForm {
    pub email: String,
    pub phase: String,
    /// A `datetime-local` value in the process's time zone.
    pub until: String,
}

/// Lets one participant submit in a phase whose window has closed, until a given time;
/// returns the process's slug. The form has no error display: what it cannot read is a bad
/// request.
pub fn allow_late(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    form: &LateForm,
) -> Result<String> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        app::require(&actor, Action::ManageProcess)?;
        let phase = PhaseKind::parse(&form.phase).ok_or(Error::BadRequest("unknown phase"))?;
        let email = Email::parse(&form.email).map_err(|_| Error::BadRequest("no such account"))?;
        let account = accounts::account_by_email(conn, &email)?
            .ok_or(Error::BadRequest("no such account"))?;
        let local = chrono::NaiveDateTime::parse_from_str(form.until.trim(), "%Y-%m-%dT%H:%M")
            .map_err(|_| Error::BadRequest("unreadable date"))?;
        let until = chrono::TimeZone::from_local_datetime(&process.tz(), &local)
            .earliest()
            .map(|at| at.naive_utc())
            .ok_or(Error::BadRequest("unreadable date"))?;
        let by = person.account_id;
        windows::grant_late_submission(conn, process.id, account.id, phase, until, by)?;
        audit::record(
            conn,
            Entry {
                detail: serde_json::json!({ "phase": phase.as_str(), "until": until.to_string() }),
                ..entry(person, &process, "late-permission.grant", account.id)
            },
        )?;
        Ok(process.slug)
    })
}
