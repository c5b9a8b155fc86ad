//! The negotiation's part of the matrix's `fingerprint`: its delegations, delegates, groups,
//! settings, rounds, amendments and positions, as text, so that a refused request that writes
//! any of them is caught by every table of the matrix.

use concord::db::DbConnection;
use concord::db::schema::{
    amendment_positions, amendments, delegation_members, delegations, negotiation_rounds,
    negotiation_settings, state_group_members, state_groups,
};
use diesel::prelude::*;

/// An amendment as the fingerprint reads it: id, number, new text, status, outcome, result.
type AmendmentRow = (i64, i32, String, String, Option<String>, Option<String>);

/// The negotiation's rows a refused request must not change, as text (the matrix's
/// `fingerprint` adds them to its own).
pub(crate) fn fingerprint(conn: &mut DbConnection) -> Vec<String> {
    let mut out = Vec::new();
    let rows: Vec<(i64, String, String)> = delegations::table
        .order(delegations::id)
        .select((delegations::id, delegations::name, delegations::category))
        .load(conn)
        .expect("delegations");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, i64)> = delegation_members::table
        .order((
            delegation_members::delegation_id,
            delegation_members::account_id,
        ))
        .select((
            delegation_members::delegation_id,
            delegation_members::account_id,
        ))
        .load(conn)
        .expect("delegates");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, String, String)> = state_groups::table
        .order(state_groups::id)
        .select((
            state_groups::id,
            state_groups::name,
            state_groups::short_name,
        ))
        .load(conn)
        .expect("groups");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, i64)> = state_group_members::table
        .order((
            state_group_members::group_id,
            state_group_members::delegation_id,
        ))
        .select((
            state_group_members::group_id,
            state_group_members::delegation_id,
        ))
        .load(conn)
        .expect("group members");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, bool)> = negotiation_settings::table
        .order(negotiation_settings::process_id)
        .select((
            negotiation_settings::process_id,
            negotiation_settings::observers_may_propose,
        ))
        .load(conn)
        .expect("settings");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, i32, String, String)> = negotiation_rounds::table
        .order(negotiation_rounds::id)
        .select((
            negotiation_rounds::id,
            negotiation_rounds::number,
            negotiation_rounds::title,
            negotiation_rounds::visibility,
        ))
        .load(conn)
        .expect("rounds");
    out.push(format!("{rows:?}"));
    let rows: Vec<AmendmentRow> = amendments::table
        .order(amendments::id)
        .select((
            amendments::id,
            amendments::number,
            amendments::new_text,
            amendments::status,
            amendments::outcome,
            amendments::result_key,
        ))
        .load(conn)
        .expect("amendments");
    out.push(format!("{rows:?}"));
    let rows: Vec<(i64, i64, i64, Option<i64>, String)> = amendment_positions::table
        .order(amendment_positions::id)
        .select((
            amendment_positions::id,
            amendment_positions::amendment_id,
            amendment_positions::delegation_id,
            amendment_positions::group_id,
            amendment_positions::stance,
        ))
        .load(conn)
        .expect("positions");
    out.push(format!("{rows:?}"));
    out
}
