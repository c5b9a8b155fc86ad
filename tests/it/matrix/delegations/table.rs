//! Route × speaker: who may read a restricted round and be offered the amendment form, and
//! who may table, withdraw, join and oppose, in the rounds the matrix's fixture opened (the
//! public `{round_public}` and the restricted `{round_restricted}`) and the demo's restricted
//! second reading (round 2: amendment 1 of Morocco for the African Group, 2 of Switzerland).
//! Refused speakers come before those allowed on the same thing.

use super::Speaker::{
    Anonymous, CoFacilitator, Morocco, Nigeria, Observer, Secretariat, Stakeholder, Switzerland,
};
use super::{Case, get, post};
use crate::matrix::RESTRICTED_ROUND;
use crate::matrix::table::Out::{Has, Lacks, Login, S};

const PUBLIC: &str = "/p/gcm/negotiation/rounds/{round_public}";
const TABLE: &str = "/p/gcm/negotiation/rounds/{round_public}/amendments";
const TABLE_RESTRICTED: &str = "/p/gcm/negotiation/rounds/{round_restricted}/amendments";
const WITHDRAW: &str = "/p/gcm/negotiation/rounds/{round_public}/amendments/{own}/withdraw";
const POSITION: &str = "/p/gcm/negotiation/rounds/{round_public}/amendments/{swiss}/position";
const POSITION_RESTRICTED: &str = "/p/gcm/negotiation/rounds/2/amendments/2/position";
/// The amendment form's heading: offered to those who may table.
const FORM: &str = "id=\"table-heading\"";

/// An amendment adding words at the end of the round's paragraph, for `delegation` (and
/// `group`, or none).
pub fn amendment(
    delegation: &'static str,
    group: &'static str,
) -> [(&'static str, &'static str); 7] {
    [
        ("node", "{round_node}"),
        ("kind", "insert"),
        ("words", ""),
        ("new_text", "as the table says"),
        ("justification", "Matrix reasons"),
        ("delegation", delegation),
        ("on_behalf_of", group),
    ]
}

pub fn position(
    delegation: &'static str,
    group: &'static str,
    stance: &'static str,
) -> [(&'static str, &'static str); 3] {
    [
        ("delegation", delegation),
        ("on_behalf_of", group),
        ("stance", stance),
    ]
}

pub fn cases() -> Vec<Case> {
    let restricted = "/p/gcm/negotiation/rounds/{round_restricted}";
    let compilation = "/p/gcm/negotiation/rounds/{round_restricted}/compilation";
    #[rustfmt::skip]
    let cases = vec![
        // Reading: a restricted round is every delegation's, observers' too; the form is
        // offered to those who may table.
        get("a delegate reads a restricted round",             Morocco,       restricted,  Has(200, RESTRICTED_ROUND)),
        get("another delegate reads it",                       Switzerland,   restricted,  Has(200, RESTRICTED_ROUND)),
        get("an observer's delegate reads it",                 Observer,      restricted,  Has(200, RESTRICTED_ROUND)),
        get("a delegate reads its compilation",                Nigeria,       compilation, Has(200, RESTRICTED_ROUND)),
        get("a stakeholder does not find it",                  Stakeholder,   restricted,  S(404)),
        get("a delegate is offered the amendment form",        Morocco,       PUBLIC,      Has(200, FORM)),
        get("an observer is not, observers may not propose",   Observer,      PUBLIC,      Lacks(200, FORM)),
        get("a stakeholder is not",                            Stakeholder,   PUBLIC,      Lacks(200, FORM)),
        get("the co-facilitator is not",                       CoFacilitator, PUBLIC,      Lacks(200, FORM)),

        // Tabling in the public round.
        post("anonymous tables",                               Anonymous,     TABLE, &amendment("{morocco}", ""),     Login),
        post("a stakeholder tables for Morocco",               Stakeholder,   TABLE, &amendment("{morocco}", ""),     S(403)),
        post("the co-facilitator tables for Morocco",          CoFacilitator, TABLE, &amendment("{morocco}", ""),     S(403)),
        post("the secretariat tables for Morocco",             Secretariat,   TABLE, &amendment("{morocco}", ""),     S(403)),
        post("Switzerland's delegate tables for Morocco",      Switzerland,   TABLE, &amendment("{morocco}", ""),     S(403)),
        post("Switzerland tables for the African Group",       Switzerland,   TABLE, &amendment("{switzerland}", "{ag}"), S(422)),
        post("an observer tables",                             Observer,      TABLE, &amendment("{observer}", ""),    S(403)),
        post("Morocco tables",                                 Morocco,       TABLE, &amendment("{morocco}", ""),     S(303)),
        post("Morocco tables for the African Group",           Morocco,       TABLE, &amendment("{morocco}", "{ag}"), S(303)),
        post("Nigeria tables for the African Group",           Nigeria,       TABLE, &amendment("{nigeria}", "{ag}"), S(303)),
        post("Switzerland tables",                             Switzerland,   TABLE, &amendment("{switzerland}", ""), S(303)),

        // Tabling in the restricted round.
        post("anonymous tables in a restricted round",         Anonymous,     TABLE_RESTRICTED, &amendment("{morocco}", ""), Login),
        post("a stakeholder tables in a restricted round",     Stakeholder,   TABLE_RESTRICTED, &amendment("{morocco}", ""), S(404)),
        post("the co-facilitator tables in it",                CoFacilitator, TABLE_RESTRICTED, &amendment("{morocco}", ""), S(403)),
        post("Switzerland tables for Morocco in it",           Switzerland,   TABLE_RESTRICTED, &amendment("{morocco}", ""), S(403)),
        post("Morocco tables in a restricted round",           Morocco,       TABLE_RESTRICTED, &amendment("{morocco}", ""), S(303)),

        // Withdrawing Morocco's amendment: its own delegation only, once.
        post("anonymous withdraws",                            Anonymous,     WITHDRAW, &[], Login),
        post("a stakeholder withdraws",                        Stakeholder,   WITHDRAW, &[], S(403)),
        post("the co-facilitator withdraws",                   CoFacilitator, WITHDRAW, &[], S(403)),
        post("the secretariat withdraws",                      Secretariat,   WITHDRAW, &[], S(403)),
        post("Switzerland withdraws Morocco's amendment",      Switzerland,   WITHDRAW, &[], S(403)),
        post("Nigeria, in Morocco's group, withdraws it",      Nigeria,       WITHDRAW, &[], S(403)),
        post("Morocco withdraws its amendment",                Morocco,       WITHDRAW, &[], S(303)),
        post("Morocco withdraws it again",                     Morocco,       WITHDRAW, &[], S(409)),

        // Joining and opposing Switzerland's amendment.
        post("anonymous joins",                                Anonymous,     POSITION, &position("{morocco}", "", "join"), Login),
        post("a stakeholder joins for Morocco",                Stakeholder,   POSITION, &position("{morocco}", "", "join"), S(403)),
        post("the co-facilitator joins for Morocco",           CoFacilitator, POSITION, &position("{morocco}", "", "join"), S(403)),
        post("the secretariat opposes for Morocco",            Secretariat,   POSITION, &position("{morocco}", "", "oppose"), S(403)),
        post("Switzerland joins for Morocco",                  Switzerland,   POSITION, &position("{morocco}", "", "join"), S(403)),
        post("Switzerland joins its own amendment",            Switzerland,   POSITION, &position("{switzerland}", "", "join"), S(409)),
        post("an observer opposes",                            Observer,      POSITION, &position("{observer}", "", "oppose"), S(403)),
        post("Morocco joins for the EU it is not in",          Morocco,       POSITION, &position("{morocco}", "{eu}", "join"), S(403)),
        post("Morocco joins",                                  Morocco,       POSITION, &position("{morocco}", "", "join"), S(303)),
        post("Morocco opposes for the African Group",          Morocco,       POSITION, &position("{morocco}", "{ag}", "oppose"), S(303)),
        post("Nigeria joins",                                  Nigeria,       POSITION, &position("{nigeria}", "", "join"), S(303)),

        // Joining in the restricted second reading.
        post("a stakeholder joins in a restricted round",      Stakeholder,   POSITION_RESTRICTED, &position("{morocco}", "", "join"), S(404)),
        post("anonymous joins in a restricted round",          Anonymous,     POSITION_RESTRICTED, &position("{morocco}", "", "join"), Login),
        post("Morocco joins in a restricted round",            Morocco,       POSITION_RESTRICTED, &position("{morocco}", "", "join"), S(303)),
    ];
    cases
}
