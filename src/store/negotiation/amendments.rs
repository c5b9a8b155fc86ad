//! Amendments tabled in a round, and the positions delegations and groups take on them.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{amendment_positions, amendments};
use crate::domain::negotiation::{AmendmentKind, AmendmentOutcome, AmendmentStatus, Stance};

#[derive(Debug, Clone, Queryable, Selectable, PartialEq, Eq)]
#[diesel(table_name = amendments)]
pub struct Amendment {
    pub id: i64,
    pub round_id: i64,
    /// Its number within the round.
    pub number: i32,
    /// The stable key of the paragraph or measure it changes.
    pub node_key: String,
    pub kind: AmendmentKind,
    /// The words concerned: deleted, replaced, or inserted after.
    pub words: String,
    /// The words inserted, the replacement, or the new paragraph.
    pub new_text: String,
    pub justification: String,
    pub delegation_id: i64,
    pub on_behalf_of: Option<i64>,
    pub status: AmendmentStatus,
    pub tabled_by: i64,
    pub tabled_at: NaiveDateTime,
    pub withdrawn_at: Option<NaiveDateTime>,
    /// What the co-facilitators did with it; `None` while nothing was.
    pub outcome: Option<AmendmentOutcome>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<NaiveDateTime>,
    /// The stable key of the working-copy paragraph it became.
    pub result_key: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewAmendment<'a> {
    pub round_id: i64,
    pub node_key: &'a str,
    pub kind: AmendmentKind,
    pub words: &'a str,
    pub new_text: &'a str,
    pub justification: &'a str,
    pub delegation_id: i64,
    pub on_behalf_of: Option<i64>,
    pub tabled_by: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, PartialEq, Eq)]
#[diesel(table_name = amendment_positions)]
pub struct Position {
    pub id: i64,
    pub amendment_id: i64,
    /// The delegation that stated it.
    pub delegation_id: i64,
    /// The group it was stated for; `None` when the delegation spoke for itself.
    pub group_id: Option<i64>,
    pub stance: Stance,
    pub taken_by: i64,
    pub taken_at: NaiveDateTime,
}

/// Tables an amendment as the round's next number; call inside a write transaction.
pub fn table_amendment(conn: &mut DbConnection, new: &NewAmendment<'_>) -> QueryResult<Amendment> {
    let last: Option<i32> = amendments::table
        .filter(amendments::round_id.eq(new.round_id))
        .select(diesel::dsl::max(amendments::number))
        .first(conn)?;
    let id = diesel::insert_into(amendments::table)
        .values((
            amendments::round_id.eq(new.round_id),
            amendments::number.eq(last.unwrap_or(0) + 1),
            amendments::node_key.eq(new.node_key),
            amendments::kind.eq(new.kind),
            amendments::words.eq(new.words),
            amendments::new_text.eq(new.new_text),
            amendments::justification.eq(new.justification),
            amendments::delegation_id.eq(new.delegation_id),
            amendments::on_behalf_of.eq(new.on_behalf_of),
            amendments::status.eq(AmendmentStatus::Tabled),
            amendments::tabled_by.eq(new.tabled_by),
            amendments::tabled_at.eq(crate::store::now()),
        ))
        .returning(amendments::id)
        .get_result::<i64>(conn)?;
    amendments::table
        .find(id)
        .select(Amendment::as_select())
        .first(conn)
}

/// Every amendment of the round, withdrawn ones included, by number.
pub fn amendments_of_round(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<Amendment>> {
    amendments::table
        .filter(amendments::round_id.eq(round_id))
        .order(amendments::number)
        .select(Amendment::as_select())
        .load(conn)
}

pub fn amendment_by_number(
    conn: &mut DbConnection,
    round_id: i64,
    number: i32,
) -> QueryResult<Option<Amendment>> {
    amendments::table
        .filter(amendments::round_id.eq(round_id))
        .filter(amendments::number.eq(number))
        .select(Amendment::as_select())
        .first(conn)
        .optional()
}

/// Marks a tabled amendment withdrawn; false if it was not tabled (already withdrawn).
pub fn withdraw_amendment(conn: &mut DbConnection, id: i64) -> QueryResult<bool> {
    let changed = diesel::update(
        amendments::table
            .filter(amendments::id.eq(id))
            .filter(amendments::status.eq(AmendmentStatus::Tabled)),
    )
    .set((
        amendments::status.eq(AmendmentStatus::Withdrawn),
        amendments::withdrawn_at.eq(Some(crate::store::now())),
    ))
    .execute(conn)?;
    Ok(changed > 0)
}

/// Records what became of a tabled amendment that nothing was done with yet; false if it was
/// withdrawn or already decided. Call inside a write transaction.
pub fn record_outcome(
    conn: &mut DbConnection,
    id: i64,
    outcome: AmendmentOutcome,
    by: i64,
    result_key: &str,
) -> QueryResult<bool> {
    let changed = diesel::update(
        amendments::table
            .filter(amendments::id.eq(id))
            .filter(amendments::status.eq(AmendmentStatus::Tabled))
            .filter(amendments::outcome.is_null()),
    )
    .set((
        amendments::outcome.eq(Some(outcome)),
        amendments::decided_by.eq(Some(by)),
        amendments::decided_at.eq(Some(crate::store::now())),
        amendments::result_key.eq(Some(result_key)),
    ))
    .execute(conn)?;
    Ok(changed > 0)
}

/// Where amendments stand, by id: (id, round number, amendment number), for links to them.
pub fn amendment_places(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<(i64, i32, i32)>> {
    use crate::db::schema::negotiation_rounds;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    amendments::table
        .inner_join(negotiation_rounds::table)
        .filter(amendments::id.eq_any(ids))
        .select((
            amendments::id,
            negotiation_rounds::number,
            amendments::number,
        ))
        .load(conn)
}

/// Records a position, replacing the one the same speaker (the delegation for itself, or the
/// group) took before; call inside a write transaction.
pub fn take_position(
    conn: &mut DbConnection,
    amendment_id: i64,
    delegation_id: i64,
    group_id: Option<i64>,
    stance: Stance,
    taken_by: i64,
) -> QueryResult<()> {
    clear_position(conn, amendment_id, delegation_id, group_id)?;
    diesel::insert_into(amendment_positions::table)
        .values((
            amendment_positions::amendment_id.eq(amendment_id),
            amendment_positions::delegation_id.eq(delegation_id),
            amendment_positions::group_id.eq(group_id),
            amendment_positions::stance.eq(stance),
            amendment_positions::taken_by.eq(taken_by),
            amendment_positions::taken_at.eq(crate::store::now()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Removes the position of a speaker (the delegation for itself, or the group); true if there
/// was one.
pub fn clear_position(
    conn: &mut DbConnection,
    amendment_id: i64,
    delegation_id: i64,
    group_id: Option<i64>,
) -> QueryResult<bool> {
    let query = amendment_positions::table
        .filter(amendment_positions::amendment_id.eq(amendment_id))
        .into_boxed();
    let query = match group_id {
        Some(group) => query.filter(amendment_positions::group_id.eq(group)),
        None => query
            .filter(amendment_positions::group_id.is_null())
            .filter(amendment_positions::delegation_id.eq(delegation_id)),
    };
    let ids: Vec<i64> = query.select(amendment_positions::id).load(conn)?;
    if ids.is_empty() {
        return Ok(false);
    }
    diesel::delete(amendment_positions::table.filter(amendment_positions::id.eq_any(&ids)))
        .execute(conn)?;
    Ok(true)
}

/// Every position taken on the round's amendments, in the order they were taken.
pub fn positions_of_round(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<Position>> {
    amendment_positions::table
        .inner_join(amendments::table)
        .filter(amendments::round_id.eq(round_id))
        .order(amendment_positions::id)
        .select(Position::as_select())
        .load(conn)
}
