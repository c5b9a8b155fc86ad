//! Reference numbers such as `GCM/WC/0042`: per process and kind, without gaps or repeats.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::cached::Statement;

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
    // instead of both inserting it, which failed the second with a duplicate key. Written
    // out, so that it is kept prepared (diesel prepares an upsert each time it runs): both
    // backends read this SQL alike.
    let taken: Taken =
        Statement::new("INSERT INTO reference_counters (process_id, kind, last_number) VALUES (")
            .int(process_id)
            .sql(", ")
            .text(kind.as_str())
            .sql(
                ", 1) ON CONFLICT (process_id, kind) DO UPDATE \
         SET last_number = reference_counters.last_number + 1 RETURNING last_number",
            )
            .one(conn)?;
    Ok(format!(
        "{prefix}/{}/{:04}",
        kind.as_str(),
        taken.last_number
    ))
}

#[derive(QueryableByName)]
struct Taken {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    last_number: i32,
}
