//! From amendments to the next revision: the draft's editors take a round's amendment into
//! the paragraph of the working copy with the same stable key (or, for a new paragraph, after
//! it), whole or as one alternative of a bracket, in one transaction that also records the
//! outcome on the amendment and links the resulting paragraph to it as provenance, so that
//! "what became of it" follows a delegation's amendment as it does a stakeholder's proposal.
//!
//! The words are applied to the working copy as it stands now, not to the revision the round
//! reads: an amendment whose words the paragraph no longer holds is a conflict to resolve by
//! hand, never a guess.

use super::{readable_round, record};
use crate::app::documents::accept::{CROSSES_BRACKET, accept_amendment};
use crate::app::documents::load_for_editing;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::accept::{Acceptance, Amendment as Accepted, accept};
use crate::domain::documents::{DRAFT, Node, Provenance, Source, new_key};
use crate::domain::negotiation::text;
use crate::domain::negotiation::{AmendmentKind, AmendmentOutcome, AmendmentStatus, Stance};
use crate::security::tokens::random_token;
use crate::store::documents as docs;
use crate::store::documents::revision_by_id;
use crate::store::negotiation::amendments::{self as amend, Amendment};
use crate::store::negotiation::delegations as deleg;
use crate::store::negotiation::rounds::Round;

/// The paragraph no longer holds the words the amendment names (or is gone).
pub const PARAGRAPH_CHANGED: &str = "error-paragraph-changed";
/// The amendment was taken in already.
pub const ALREADY_DECIDED: &str = "error-amendment-decided";

/// How an amendment is cited in brackets and provenance: "R1 A/3".
pub fn label(round: i32, amendment: i32) -> String {
    format!("R{round} A/{amendment}")
}

/// Takes amendment `amendment` of round `number` into the draft's working copy as `how` says
/// (`whole` or `alternative`). Returns the amendment, its outcome recorded, and the key of
/// the paragraph it became.
pub fn accept_into_working_copy(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    number: i32,
    amendment: i32,
    how: &str,
) -> Result<(Amendment, String)> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        let round = readable_round(conn, &process, &actor, number)?;
        let amendment =
            amend::amendment_by_number(conn, round.id, amendment)?.ok_or(Error::NotFound)?;
        let loaded = load_for_editing(conn, person, slug, DRAFT)?;
        let revision = revision_by_id(conn, round.revision_id)?.ok_or(Error::NotFound)?;
        if revision.document_id != loaded.document.id {
            return Err(Error::BadRequest("the round does not read the draft"));
        }
        let (how, outcome) = match how.trim() {
            "whole" => (Acceptance::Whole, AmendmentOutcome::Accepted),
            "alternative" => (
                Acceptance::Alternative,
                AmendmentOutcome::AcceptedAsAlternative,
            ),
            _ => return Err(Error::BadRequest("whole or alternative")),
        };
        if amendment.status != AmendmentStatus::Tabled {
            return Err(Error::Conflict("error-amendment-withdrawn"));
        }
        if amendment.outcome.is_some() {
            return Err(Error::Conflict(ALREADY_DECIDED));
        }
        let proponents = proponents(conn, process.id, &round, &amendment)?;
        let label = label(round.number, amendment.number);
        let current = docs::node_by_key(conn, loaded.document.id, &amendment.node_key)?
            .ok_or(Error::Conflict(PARAGRAPH_CHANGED))?;
        let key = if amendment.kind == AmendmentKind::NewParagraphAfter {
            let shaped = Accepted {
                label: &label,
                text: &amendment.new_text,
                proponents: &proponents,
            };
            let text = accept("", &shaped, how).map_err(|_| Error::Conflict(CROSSES_BRACKET))?;
            let key = new_key(&random_token());
            let node = Node {
                key: key.clone(),
                kind: current.kind,
                text,
                provenance: Vec::new(),
                status: Default::default(),
            };
            docs::insert_node_after(
                conn,
                loaded.document.id,
                Some(&amendment.node_key),
                &node,
                person.account_id,
            )?;
            key
        } else {
            let amended = text::apply(
                &current.text,
                amendment.kind,
                &amendment.words,
                &amendment.new_text,
            )
            .map_err(|_| Error::Conflict(PARAGRAPH_CHANGED))?;
            let shaped = Accepted {
                label: &label,
                text: &amended.text,
                proponents: &proponents,
            };
            accept_amendment(conn, person, slug, &amendment.node_key, &shaped, how).map_err(
                |e| match e {
                    Error::Invalid(_) => Error::Conflict(CROSSES_BRACKET),
                    other => other,
                },
            )?;
            amendment.node_key.clone()
        };
        let citation = Accepted {
            label: &label,
            text: "",
            proponents: &proponents,
        }
        .citation();
        docs::add_link(
            conn,
            loaded.document.id,
            &key,
            &Provenance {
                source: Source::Amendment { id: amendment.id },
                label: citation,
                quote: String::new(),
                note: String::new(),
            },
            Some(person.account_id),
        )?;
        if !amend::record_outcome(conn, amendment.id, outcome, person.account_id, &key)? {
            return Err(Error::Conflict(ALREADY_DECIDED));
        }
        let detail = serde_json::json!({
            "round": round.number,
            "number": amendment.number,
            "outcome": outcome.as_str(),
            "node": key,
        });
        record(
            conn,
            &process,
            person.account_id,
            "amendment.accept",
            format!("amendment:{}", amendment.id),
            detail,
        )?;
        let amendment =
            amend::amendment_by_number(conn, round.id, amendment.number)?.ok_or(Error::NotFound)?;
        Ok((amendment, key))
    })
}

/// Who proposes an amendment, as brackets cite them: the delegation that tabled it (and the
/// group it spoke for), then those that joined it, each named once.
fn proponents(
    conn: &mut DbConnection,
    process_id: i64,
    round: &Round,
    amendment: &Amendment,
) -> Result<Vec<String>> {
    let delegations = deleg::delegations_of_process(conn, process_id)?;
    let groups = deleg::groups_of_process(conn, process_id)?;
    let delegation = |id: i64| delegations.iter().find(|d| d.id == id).map(|d| &d.name);
    let group = |id: i64| groups.iter().find(|g| g.id == id).map(|g| &g.short_name);
    let mut names: Vec<String> = Vec::new();
    let mut add = |name: Option<&String>| {
        if let Some(name) = name
            && !names.contains(name)
        {
            names.push(name.clone());
        }
    };
    add(delegation(amendment.delegation_id));
    if let Some(id) = amendment.on_behalf_of {
        add(group(id));
    }
    for position in amend::positions_of_round(conn, round.id)? {
        if position.amendment_id != amendment.id || position.stance != Stance::Join {
            continue;
        }
        match position.group_id {
            Some(id) => add(group(id)),
            None => add(delegation(position.delegation_id)),
        }
    }
    Ok(names)
}
