//! Whether a participant may submit now: the phase's window is open, or the secretariat let
//! them submit late.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{late_permissions, phases};
use crate::domain::phases::{PhaseKind, Window, WindowState};

/// Whether one participant may submit now, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmissionWindow {
    /// Open, or closed with a late grant for this participant.
    Open,
    NotYetOpen,
    Closed,
}

impl SubmissionWindow {
    pub fn is_open(self) -> bool {
        self == SubmissionWindow::Open
    }
}

/// Whether `account_id` may submit in the `kind` phase of the process at `now`.
pub fn submission_window(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
    kind: PhaseKind,
    now: NaiveDateTime,
) -> QueryResult<SubmissionWindow> {
    let window: Option<(NaiveDateTime, NaiveDateTime)> = phases::table
        .filter(phases::process_id.eq(process_id))
        .filter(phases::kind.eq(kind))
        .select((phases::opens_at, phases::closes_at))
        .first(conn)
        .optional()?;
    let state = window
        .and_then(|(opens, closes)| Window::new(opens, closes).ok())
        .map(|w| w.state_at(now))
        .unwrap_or(WindowState::Closed);
    match state {
        WindowState::Open => Ok(SubmissionWindow::Open),
        WindowState::Upcoming => Ok(SubmissionWindow::NotYetOpen),
        WindowState::Closed => {
            let late: i64 = late_permissions::table
                .filter(late_permissions::process_id.eq(process_id))
                .filter(late_permissions::account_id.eq(account_id))
                .filter(late_permissions::phase.eq(kind))
                .filter(late_permissions::until.gt(now))
                .count()
                .get_result(conn)?;
            Ok(if late > 0 {
                SubmissionWindow::Open
            } else {
                SubmissionWindow::Closed
            })
        }
    }
}

/// Lets one participant submit in a closed phase until `until`; replaces an earlier grant.
pub fn grant_late_submission(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
    kind: PhaseKind,
    until: NaiveDateTime,
    granted_by: i64,
) -> QueryResult<()> {
    diesel::delete(
        late_permissions::table
            .filter(late_permissions::process_id.eq(process_id))
            .filter(late_permissions::account_id.eq(account_id))
            .filter(late_permissions::phase.eq(kind)),
    )
    .execute(conn)?;
    diesel::insert_into(late_permissions::table)
        .values((
            late_permissions::process_id.eq(process_id),
            late_permissions::account_id.eq(account_id),
            late_permissions::phase.eq(kind),
            late_permissions::until.eq(until),
            late_permissions::granted_by.eq(Some(granted_by)),
            late_permissions::created_at.eq(super::now()),
        ))
        .execute(conn)
        .map(drop)
}
