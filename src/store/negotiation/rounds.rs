//! Negotiation rounds: a reading of one published revision, with its window and visibility.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::negotiation_rounds;
use crate::domain::negotiation::RoundVisibility;

#[derive(Debug, Clone, Queryable, Selectable, PartialEq, Eq)]
#[diesel(table_name = negotiation_rounds)]
pub struct Round {
    pub id: i64,
    pub process_id: i64,
    /// Its number within the process, as its address shows it.
    pub number: i32,
    pub revision_id: i64,
    pub title: String,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub visibility: RoundVisibility,
    pub created_at: NaiveDateTime,
    pub created_by: Option<i64>,
}

/// A round to open; its number is the process's next.
#[derive(Debug, Clone)]
pub struct NewRound<'a> {
    pub process_id: i64,
    pub revision_id: i64,
    pub title: &'a str,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub visibility: RoundVisibility,
    pub created_by: i64,
}

/// Opens a round as the process's next number; call inside a write transaction.
pub fn create_round(conn: &mut DbConnection, round: &NewRound<'_>) -> QueryResult<Round> {
    let last: Option<i32> = negotiation_rounds::table
        .filter(negotiation_rounds::process_id.eq(round.process_id))
        .select(diesel::dsl::max(negotiation_rounds::number))
        .first(conn)?;
    let id = diesel::insert_into(negotiation_rounds::table)
        .values((
            negotiation_rounds::process_id.eq(round.process_id),
            negotiation_rounds::number.eq(last.unwrap_or(0) + 1),
            negotiation_rounds::revision_id.eq(round.revision_id),
            negotiation_rounds::title.eq(round.title),
            negotiation_rounds::opens_at.eq(round.opens_at),
            negotiation_rounds::closes_at.eq(round.closes_at),
            negotiation_rounds::visibility.eq(round.visibility),
            negotiation_rounds::created_at.eq(crate::store::now()),
            negotiation_rounds::created_by.eq(Some(round.created_by)),
        ))
        .returning(negotiation_rounds::id)
        .get_result::<i64>(conn)?;
    negotiation_rounds::table
        .find(id)
        .select(Round::as_select())
        .first(conn)
}

/// The rounds of the process, newest first.
pub fn rounds_of_process(conn: &mut DbConnection, process_id: i64) -> QueryResult<Vec<Round>> {
    negotiation_rounds::table
        .filter(negotiation_rounds::process_id.eq(process_id))
        .order(negotiation_rounds::number.desc())
        .select(Round::as_select())
        .load(conn)
}

pub fn round_by_number(
    conn: &mut DbConnection,
    process_id: i64,
    number: i32,
) -> QueryResult<Option<Round>> {
    negotiation_rounds::table
        .filter(negotiation_rounds::process_id.eq(process_id))
        .filter(negotiation_rounds::number.eq(number))
        .select(Round::as_select())
        .first(conn)
        .optional()
}

pub fn round_by_id(conn: &mut DbConnection, id: i64) -> QueryResult<Option<Round>> {
    negotiation_rounds::table
        .find(id)
        .select(Round::as_select())
        .first(conn)
        .optional()
}
