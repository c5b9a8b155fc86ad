//! Forged ids and values on the negotiation's forms: a delegation, group or paragraph of
//! someone else's (another delegation, group, revision, document or process), an amendment
//! named through another round or process, a position on one's own (or one's group's own)
//! amendment, acting in a closed or not-yet-open round or a restricted one the sender cannot
//! read (404, as if it did not exist: a delegate of one process is no delegate in another),
//! a round on another process's revision, a value no form offers. Sent after `table`'s cases:
//! Morocco's amendment `{own}` is withdrawn by then.

use concord::db::schema::amendment_positions;
use diesel::prelude::*;

use super::Speaker::{CoFacilitator, Morocco, Nigeria, Secretariat, Stakeholder, Switzerland};
use super::table::{amendment, position};
use super::{Case, get, post};
use crate::helpers::with_db;
use crate::matrix::table::Out::S;
use crate::matrix::{Fixture, Who};

const TABLE: &str = "/p/gcm/negotiation/rounds/{round_public}/amendments";

/// `amendment` with one field changed.
fn with(
    delegation: &'static str,
    group: &'static str,
    field: &'static str,
    value: &'static str,
) -> Vec<(&'static str, &'static str)> {
    let mut fields = amendment(delegation, group).to_vec();
    for pair in fields.iter_mut().filter(|(k, _)| *k == field) {
        pair.1 = value;
    }
    fields
}

/// The round form, on `revision`, open now and for long.
fn round(revision: &'static str, visibility: &'static str) -> [(&'static str, &'static str); 5] {
    [
        ("revision", revision),
        ("title", "Matrix forged round"),
        ("opens", "2020-01-01T00:00"),
        ("closes", "2099-01-01T00:00"),
        ("visibility", visibility),
    ]
}

pub fn cases() -> Vec<Case> {
    let m = "{morocco}";
    #[rustfmt::skip]
    let cases = vec![
        // Tabling: who for whom, on what.
        post("tabling for another process's delegation",       Morocco, TABLE, &amendment("{otherland}", ""), S(403)),
        post("tabling for a delegation that is not an id",     Morocco, TABLE, &amendment("1 OR 1=1", ""), S(400)),
        post("tabling for another process's group",            Morocco, TABLE, &amendment(m, "{other_group}"), S(422)),
        post("tabling for a group Morocco is not in",          Morocco, TABLE, &amendment(m, "{state_group}"), S(422)),
        post("tabling for a group that is not an id",          Morocco, TABLE, &amendment(m, "-9223372036854775809"), S(400)),
        post("tabling on a paragraph of the working copy",     Morocco, TABLE, &with(m, "", "node", "{spare}"), S(422)),
        post("tabling on a paragraph of another document",     Morocco, TABLE, &with(m, "", "node", "{report_node}"), S(422)),
        post("tabling on a paragraph of another process",      Morocco, TABLE, &with(m, "", "node", "{other_node}"), S(422)),
        post("tabling a kind no form offers",                  Morocco, TABLE, &with(m, "", "kind", "append"), S(422)),
        post("tabling in a closed round",                      Morocco, "/p/gcm/negotiation/rounds/1/amendments", &amendment(m, ""), S(409)),
        post("tabling in a round not yet open",                Morocco, "/p/gcm/negotiation/rounds/{upcoming}/amendments", &amendment(m, ""), S(409)),
        post("tabling in a round that does not exist",         Morocco, "/p/gcm/negotiation/rounds/99/amendments", &amendment(m, ""), S(404)),
        post("tabling in another process's round",             Morocco, "/p/other/negotiation/rounds/{other_round}/amendments", &amendment(m, ""), S(403)),

        post("tabling in another process's restricted round",  Morocco, "/p/other/negotiation/rounds/{other_restricted}/amendments", &amendment(m, ""), S(404)),
        get("reading another process's restricted round",      Morocco, "/p/other/negotiation/rounds/{other_restricted}", S(404)),
        get("reading its compilation",                         Morocco, "/p/other/negotiation/rounds/{other_restricted}/compilation.md", S(404)),

        // Opening a round: on a revision of this process's, in a way offered.
        post("a round on another process's revision",          CoFacilitator, "/p/gcm/negotiation/rounds", &round("draft/other-zero", "public"), S(422)),
        post("a round on a revision that is not one",          CoFacilitator, "/p/gcm/negotiation/rounds", &round("../other/draft", "public"), S(422)),
        post("a round of a visibility not offered",            CoFacilitator, "/p/gcm/negotiation/rounds", &round("draft/{draft_last}", "secret"), S(422)),
        post("a delegate opening a round",                     Morocco, "/p/gcm/negotiation/rounds", &round("draft/{draft_last}", "public"), S(403)),

        // Withdrawing: the amendment named through another round or process.
        post("withdrawing a number the round does not have",   Morocco, "/p/gcm/negotiation/rounds/{round_restricted}/amendments/99/withdraw", &[], S(404)),
        post("withdrawing Matrixland's through Morocco's number", Morocco, "/p/gcm/negotiation/rounds/{round_public}/amendments/1/withdraw", &[], S(403)),
        post("withdrawing another process's amendment",        Morocco, "/p/other/negotiation/rounds/{other_round}/amendments/{other_amendment}/withdraw", &[], S(403)),
        post("withdrawing in a closed round",                  Morocco, "/p/gcm/negotiation/rounds/1/amendments/1/withdraw", &[], S(409)),
        post("withdrawing in a round not yet open",            Switzerland, "/p/gcm/negotiation/rounds/{upcoming}/amendments/{upcoming_swiss}/withdraw", &[], S(409)),
        post("withdrawing in a restricted round one cannot read", Stakeholder, "/p/gcm/negotiation/rounds/2/amendments/1/withdraw", &[], S(404)),
        post("withdrawing the group's amendment Morocco tabled", Nigeria, "/p/gcm/negotiation/rounds/{round_public}/amendments/{of_ag}/withdraw", &[], S(403)),

        // Positions.
        post("joining for the group that tabled it",           Nigeria, "/p/gcm/negotiation/rounds/{round_public}/amendments/{of_ag}/position", &position("{nigeria}", "{ag}", "join"), S(409)),
        post("opposing for the group that tabled it",          Nigeria, "/p/gcm/negotiation/rounds/{round_public}/amendments/{of_ag}/position", &position("{nigeria}", "{ag}", "oppose"), S(409)),
        post("Morocco opposing its own group's amendment",     Morocco, "/p/gcm/negotiation/rounds/{round_public}/amendments/{of_ag}/position", &position(m, "{ag}", "oppose"), S(409)),
        post("a stance no form offers",                        Morocco, "/p/gcm/negotiation/rounds/{round_public}/amendments/{swiss}/position", &position(m, "", "abstain"), S(400)),
        post("a position on a number the round does not have", Morocco, "/p/gcm/negotiation/rounds/{round_public}/amendments/99/position", &position(m, "", "join"), S(404)),
        post("a position for another process's delegation",    Morocco, "/p/gcm/negotiation/rounds/{round_public}/amendments/{swiss}/position", &position("{otherland}", "", "join"), S(403)),
        post("a position for another process's group",         Morocco, "/p/gcm/negotiation/rounds/{round_public}/amendments/{swiss}/position", &position(m, "{other_group}", "join"), S(403)),
        post("a position in another process",                  Morocco, "/p/other/negotiation/rounds/{other_round}/amendments/{other_amendment}/position", &position(m, "", "join"), S(403)),
        post("a position in a closed round",                   Morocco, "/p/gcm/negotiation/rounds/1/amendments/3/position", &position(m, "", "join"), S(409)),
        post("a position in a round not yet open",             Morocco, "/p/gcm/negotiation/rounds/{upcoming}/amendments/{upcoming_swiss}/position", &position(m, "", "join"), S(409)),
        post("a position on a withdrawn amendment",            Switzerland, "/p/gcm/negotiation/rounds/{round_public}/amendments/{own}/position", &position("{switzerland}", "", "oppose"), S(409)),
        post("a position in a restricted round one cannot read", Stakeholder, "/p/gcm/negotiation/rounds/2/amendments/2/position", &position(m, "", "join"), S(404)),
        // Twice the same speaker: the later position replaces the earlier (`joined_once`).
        post("Switzerland joins Matrixland's amendment",       Switzerland, "/p/gcm/negotiation/rounds/{round_public}/amendments/{amendment}/position", &position("{switzerland}", "", "join"), S(303)),
        post("Switzerland joins it again",                     Switzerland, "/p/gcm/negotiation/rounds/{round_public}/amendments/{amendment}/position", &position("{switzerland}", "", "join"), S(303)),
        post("Nigeria joins it for the African Group",         Nigeria, "/p/gcm/negotiation/rounds/{round_public}/amendments/{amendment}/position", &position("{nigeria}", "{ag}", "join"), S(303)),
        post("Morocco opposes it for the African Group",       Morocco, "/p/gcm/negotiation/rounds/{round_public}/amendments/{amendment}/position", &position(m, "{ag}", "oppose"), S(303)),

        // Accepting: the co-facilitator, a way offered, an amendment of this round.
        post("accepting in a way not offered",                 CoFacilitator, "/p/gcm/negotiation/rounds/{round_public}/amendments/{swiss}/accept", &[("how", "merge")], S(400)),
        post("accepting without saying how",                   CoFacilitator, "/p/gcm/negotiation/rounds/{round_public}/amendments/{swiss}/accept", &[], S(400)),
        post("accepting a number the round does not have",     CoFacilitator, "/p/gcm/negotiation/rounds/{round_public}/amendments/99/accept", &[("how", "whole")], S(404)),
        post("accepting a withdrawn amendment",                CoFacilitator, "/p/gcm/negotiation/rounds/{round_public}/amendments/{own}/accept", &[("how", "whole")], S(409)),
        post("accepting in another process",                   CoFacilitator, "/p/other/negotiation/rounds/{other_round}/amendments/{other_amendment}/accept", &[("how", "whole")], S(403)),
        post("a delegate accepting",                           Morocco, "/p/gcm/negotiation/rounds/{round_public}/amendments/{swiss}/accept", &[("how", "whole")], S(403)),
        post("accepting in a restricted round one cannot read", Stakeholder, "/p/gcm/negotiation/rounds/2/amendments/2/accept", &[("how", "whole")], S(404)),

        // The secretariat's forms, naming another process's delegation or group.
        post("a delegate for another process's delegation",    Secretariat, "/p/gcm/negotiation/members", &[("delegation", "{otherland}"), ("email", "stakeholder@demo.concord.example")], S(404)),
        post("a delegate for a delegation that is not an id",  Secretariat, "/p/gcm/negotiation/members", &[("delegation", "x"), ("email", "stakeholder@demo.concord.example")], S(404)),
        post("another process's group gaining a member",       Secretariat, "/p/gcm/negotiation/group-members", &[("group", "{other_group}"), ("delegation", "{morocco}")], S(404)),
        post("a group gaining another process's delegation",   Secretariat, "/p/gcm/negotiation/group-members", &[("group", "{ag}"), ("delegation", "{otherland}")], S(404)),
        post("a delegation of a category not offered",         Secretariat, "/p/gcm/negotiation/delegations", &[("name", "Matrix Empire"), ("category", "superpower")], S(422)),
        post("the secretariat of one process in another",      Secretariat, "/p/other/negotiation/delegations", &[("name", "Matrix Elsewhere"), ("category", "member-state")], S(403)),
        post("letting observers propose in another process",   Secretariat, "/p/other/negotiation/settings", &[("observers_may_propose", "yes")], S(403)),
    ];
    cases
}

/// After the cases: each speaker holds one position on Matrixland's amendment, the group's
/// the last one taken for it.
pub async fn joined_once(fixture: &Fixture) -> Vec<String> {
    let v = |name: &str| -> i64 {
        fixture
            .resolve(&format!("{{{name}}}"), Who::Anonymous)
            .parse()
            .expect("an id")
    };
    let (switzerland, ag) = (v("switzerland"), v("ag"));
    let number: i32 = v("amendment") as i32;
    let round = v("round_public") as i32;
    let positions: Vec<(i64, Option<i64>, String)> = with_db(&fixture.app, move |conn| {
        use concord::store::negotiation::amendments::amendment_by_number;
        use concord::store::negotiation::rounds::round_by_number;
        let process: i64 = concord::db::schema::processes::table
            .filter(concord::db::schema::processes::slug.eq("gcm"))
            .select(concord::db::schema::processes::id)
            .first(conn)
            .expect("gcm");
        let round = round_by_number(conn, process, round)
            .expect("a query")
            .expect("the round");
        let amendment = amendment_by_number(conn, round.id, number)
            .expect("a query")
            .expect("the amendment");
        amendment_positions::table
            .filter(amendment_positions::amendment_id.eq(amendment.id))
            .select((
                amendment_positions::delegation_id,
                amendment_positions::group_id,
                amendment_positions::stance,
            ))
            .load(conn)
            .expect("positions")
    })
    .await;
    let mut wrong = Vec::new();
    let swiss = positions
        .iter()
        .filter(|p| p.0 == switzerland && p.1.is_none())
        .count();
    if swiss != 1 {
        wrong.push(format!(
            "Switzerland holds {swiss} positions: {positions:?}"
        ));
    }
    let group: Vec<&String> = positions
        .iter()
        .filter(|p| p.1 == Some(ag))
        .map(|p| &p.2)
        .collect();
    if group != [&"oppose".to_string()] {
        wrong.push(format!(
            "the African Group holds {group:?}, not one opposition"
        ));
    }
    wrong
}
