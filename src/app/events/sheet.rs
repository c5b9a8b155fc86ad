//! Importing an event's sign-in sheet: every row's address must name an existing account, or
//! the sheet is refused whole with each bad row's line and reason; a good sheet is recorded in
//! one transaction (people with a place checked in, anyone else a walk-in). Importing the same
//! sheet again changes nothing.

use super::attendance::{audit_import, managed_event, record_attended};
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::attendance::{self, BadRow, RegistrationStatus, RowProblem};
use crate::store::attendance as store;

/// What became of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    /// Nothing was recorded: these rows are wrong.
    Refused(Vec<BadRow>),
    /// Every row was recorded: how many were checked in, how many as walk-ins, and how many
    /// were already recorded.
    Recorded {
        checked_in: usize,
        walk_ins: usize,
        unchanged: usize,
    },
}

/// Imports the sheet `bytes` for the event. A sheet that cannot be read at all (too large,
/// too many rows, no `email` column) is `Invalid` on the `sheet` field.
pub fn import(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    event_id: i64,
    bytes: &[u8],
) -> Result<Imported> {
    app::transaction(conn, |conn| {
        let (process, event) = managed_event(conn, person, slug, event_id)?;
        let sheet = attendance::read_sheet(bytes).map_err(|e| Error::invalid("sheet", e.key()))?;
        let emails: Vec<&str> = sheet.rows.iter().map(|r| r.email.as_str()).collect();
        let accounts = store::accounts_by_emails(conn, &emails)?;
        let mut bad = sheet.bad;
        let mut found = Vec::new();
        for row in &sheet.rows {
            match accounts.iter().find(|(_, e)| e == row.email.as_str()) {
                Some((id, _)) => found.push(*id),
                None => bad.push(BadRow {
                    line: row.line,
                    email: row.email.as_str().to_string(),
                    problem: RowProblem::UnknownEmail,
                }),
            }
        }
        if !bad.is_empty() {
            bad.sort_by_key(|b| b.line);
            return Ok(Imported::Refused(bad));
        }
        store::lock_event(conn, event.id)?;
        let rows = store::registrations_of_accounts(conn, event.id, &found)?;
        let now = crate::store::now();
        let (mut checked_in, mut walk_ins, mut unchanged) = (0, 0, 0);
        for account in found {
            let recorded = match rows.iter().find(|r| r.account_id == account) {
                Some(row) => record_attended(conn, row, person.account_id, now)?,
                None => {
                    let status = RegistrationStatus::WalkIn;
                    store::insert(
                        conn,
                        event.id,
                        account,
                        status,
                        false,
                        Some((now, person.account_id)),
                    )?;
                    Some(status)
                }
            };
            match recorded {
                Some(RegistrationStatus::Registered) => checked_in += 1,
                Some(_) => walk_ins += 1,
                None => unchanged += 1,
            }
        }
        if checked_in + walk_ins > 0 {
            let detail = serde_json::json!({
                "checked_in": checked_in,
                "walk_ins": walk_ins,
                "unchanged": unchanged,
            });
            audit_import(conn, person, &process, &event, detail)?;
        }
        Ok(Imported::Recorded {
            checked_in,
            walk_ins,
            unchanged,
        })
    })
}
