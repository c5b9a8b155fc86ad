//! Reference numbers such as `GCM/WC/0042`: per process and kind, without gaps or repeats.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::reference_counters;

/// The kinds of numbered submissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceKind {
    /// A written contribution.
    Contribution,
    /// A commitment proposal.
    Proposal,
}

crate::db::text_enum::text_enum!(ReferenceKind);

impl ReferenceKind {
    pub const ALL: [ReferenceKind; 2] = [ReferenceKind::Contribution, ReferenceKind::Proposal];

    /// The code in the reference, and in the counter's row.
    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceKind::Contribution => "WC",
            ReferenceKind::Proposal => "CP",
        }
    }

    pub fn parse(raw: &str) -> Option<ReferenceKind> {
        ReferenceKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }
}

/// Takes the next number; call inside the write transaction that uses it, so a number is
/// spent only when the submission is saved.
pub fn next_reference(
    conn: &mut DbConnection,
    process_id: i64,
    prefix: &str,
    kind: ReferenceKind,
) -> QueryResult<String> {
    // One statement that creates the counter or advances it: two transactions taking the
    // first number of a process at once (two requests, or two instances) queue on the row
    // instead of both inserting it, which failed the second with a duplicate key.
    let upsert = diesel::insert_into(reference_counters::table)
        .values((
            reference_counters::process_id.eq(process_id),
            reference_counters::kind.eq(kind),
            reference_counters::last_number.eq(1),
        ))
        .on_conflict((reference_counters::process_id, reference_counters::kind))
        .do_update()
        .set(reference_counters::last_number.eq(reference_counters::last_number + 1))
        .returning(reference_counters::last_number);
    // An upsert is each backend's own syntax: run on the backend's connection.
    let number: i32 = match conn {
        DbConnection::Postgresql(pg) => upsert.get_result(pg)?,
        DbConnection::Sqlite(lite) => upsert.get_result(lite)?,
    };
    Ok(format!("{prefix}/{}/{number:04}", kind.as_str()))
}
