//! Rounds: opening one on a published revision, reading it paragraph by paragraph with its
//! amendments, and tabling, withdrawing, joining and opposing amendments while it is open.

use std::collections::HashMap;

use chrono::{NaiveDateTime, TimeZone};

use super::{delegate_of, own_delegations, readable_round, record};
use crate::app::documents::load;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::{DRAFT, Node, Number, Source};
use crate::domain::negotiation::placement::place;
use crate::domain::negotiation::text::{self, ApplyError, Piece};
use crate::domain::negotiation::{
    AmendmentKind, AmendmentStatus, RoundVisibility, Stance, round_state,
};
use crate::domain::permissions::{Action, can};
use crate::domain::phases::WindowState;
use crate::domain::validation::{self, FieldErrors};
use crate::store as st;
use crate::store::documents::{
    PublishedTexts, Use, document_by_slug, documents_of_process, revision_by_id, revision_by_slug,
    revisions_of,
};
use crate::store::negotiation::amendments::{self as amend, Amendment, NewAmendment, Position};
use crate::store::negotiation::delegations::{self as deleg, Delegation, StateGroup};
use crate::store::negotiation::rounds::{self as store, NewRound, Round};
use crate::store::processes::{Process, Structure};

/// Longest round title, in characters.
pub const TITLE_MAX: usize = 200;
/// Longest words concerned or new words of an amendment, in characters.
pub const WORDS_MAX: usize = 4000;
/// Longest justification, in characters.
pub const JUSTIFICATION_MAX: usize = 2000;
/// How the opening and closing times are typed (a `datetime-local` field), in the process's
/// time zone.
const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// The form opening a round, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RoundForm {
    /// The document's and revision's short names, as `document/revision`.
    pub revision: String,
    pub title: String,
    pub opens: String,
    pub closes: String,
    pub visibility: String,
}

/// Opens a round on a published revision of one of the process's documents.
pub fn open_round(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    form: &RoundForm,
) -> Result<Round> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        app::require(&actor, Action::OpenRound)?;
        let mut errors = FieldErrors::default();
        let (document, revision) = form.revision.trim().split_once('/').unwrap_or_default();
        let revision = match document_by_slug(conn, process.id, document)? {
            Some(document) => revision_by_slug(conn, document.id, revision)?,
            None => None,
        };
        if revision.is_none() {
            errors.add("revision", "error-no-such-revision");
        }
        let title = form.title.trim();
        if title.is_empty() {
            errors.add("title", "error-required");
        } else if title.chars().count() > TITLE_MAX {
            errors.add("title", "error-too-long");
        }
        let tz = process.tz();
        let local = |raw: &str| -> Result<NaiveDateTime, validation::Invalid> {
            let naive = NaiveDateTime::parse_from_str(raw.trim(), LOCAL_FORMAT)
                .map_err(|_| validation::Invalid("error-date-time"))?;
            tz.from_local_datetime(&naive)
                .earliest()
                .map(|at| at.naive_utc())
                .ok_or(validation::Invalid("error-date-time-gap"))
        };
        let opens = errors.check("opens", local(&form.opens));
        let closes = errors.check("closes", local(&form.closes));
        if let (Some(opens), Some(closes)) = (opens, closes)
            && closes <= opens
        {
            errors.add("closes", "error-closes-before-opens");
        }
        let visibility = RoundVisibility::parse(form.visibility.trim());
        if visibility.is_none() {
            errors.add("visibility", "error-choose-one");
        }
        let (Some(revision), Some(opens), Some(closes), Some(visibility), true) =
            (revision, opens, closes, visibility, errors.is_empty())
        else {
            return Err(Error::Invalid(errors));
        };
        let round = store::create_round(
            conn,
            &NewRound {
                process_id: process.id,
                revision_id: revision.id,
                title,
                opens_at: opens,
                closes_at: closes,
                visibility,
                created_by: person.account_id,
            },
        )?;
        let detail = serde_json::json!({
            "number": round.number,
            "revision": revision.id,
            "visibility": visibility.as_str(),
        });
        record(
            conn,
            &process,
            person.account_id,
            "round.open",
            format!("round:{}", round.id),
            detail,
        )?;
        Ok(round)
    })
}

/// The rounds page: the rounds the person may read, newest first, and what they may do.
#[derive(Debug, Clone)]
pub struct RoundsView {
    pub process: Process,
    /// The process's structure, for its title in the reader's language.
    pub structure: Structure,
    pub rounds: Vec<Round>,
    /// The published revisions a round may be opened on, as (`document/revision`, document
    /// title, revision label), when the person may open rounds; empty otherwise.
    pub revisions: Vec<(String, String, String)>,
    pub may_open: bool,
    pub may_manage: bool,
}

pub fn rounds(conn: &mut DbConnection, person: Option<Person>, slug: &str) -> Result<RoundsView> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let all = store::rounds_of_process(conn, process.id)?;
    let mut rounds = Vec::with_capacity(all.len());
    for round in all {
        match readable_round(conn, &process, &actor, round.number) {
            Ok(round) => rounds.push(round),
            Err(Error::NotFound) => {}
            Err(other) => return Err(other),
        }
    }
    let may_open = can(&actor, Action::OpenRound);
    let mut revisions = Vec::new();
    if may_open {
        for document in documents_of_process(conn, process.id)? {
            for revision in revisions_of(conn, document.id)? {
                revisions.push((
                    format!("{}/{}", document.slug, revision.slug),
                    document.title.clone(),
                    revision.label,
                ));
            }
        }
    }
    let structure = app::outline::structure(conn, &process)?;
    Ok(RoundsView {
        may_manage: can(&actor, Action::ManageDelegations),
        structure,
        process,
        rounds,
        revisions,
        may_open,
    })
}

/// A position as the round page shows it: who took it, for whom.
#[derive(Debug, Clone)]
pub struct PositionView {
    pub stance: Stance,
    pub delegation: String,
    /// The group's short name when the delegation spoke for it.
    pub group: Option<String>,
}

/// An amendment as the round page shows it.
#[derive(Debug, Clone)]
pub struct AmendmentView {
    pub amendment: Amendment,
    pub delegation: String,
    /// The group's short name when tabled on its behalf.
    pub on_behalf_of: Option<String>,
    /// The paragraph as the amendment would leave it, piece by piece (additions and
    /// deletions marked); `None` when its words are no longer found in this revision's text.
    pub pieces: Option<Vec<Piece>>,
    pub positions: Vec<PositionView>,
    /// Whether the reader acts for the delegation that tabled it (and may withdraw it).
    pub own: bool,
    /// The published paragraphs it became, when it was accepted ("what became of it").
    pub uses: Vec<Use>,
}

/// A paragraph of the revision with the amendments on it.
#[derive(Debug, Clone)]
pub struct ParagraphView {
    pub node: Node,
    pub number: Option<Number>,
    pub amendments: Vec<AmendmentView>,
}

/// What the round page shows, and what the reader may do there.
#[derive(Debug, Clone)]
pub struct RoundView {
    pub process: Process,
    /// The process's structure, for its title in the reader's language.
    pub structure: Structure,
    pub round: Round,
    pub state: WindowState,
    pub revision_label: String,
    pub document_title: String,
    pub paragraphs: Vec<ParagraphView>,
    /// Amendments whose paragraph this revision no longer holds.
    pub unplaced: Vec<AmendmentView>,
    /// The delegations the reader may table and take positions for in this round.
    pub speaking_for: Vec<Delegation>,
    /// The groups the reader's delegations belong to, as (delegation id, group).
    pub groups: Vec<(i64, StateGroup)>,
    /// Whether the reader edits the draft's working copy and this round reads the draft: then
    /// they may accept its amendments into it.
    pub may_accept: bool,
}

/// The round page: the revision paragraph by paragraph with every amendment on it.
pub fn round(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    number: i32,
) -> Result<RoundView> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let round = readable_round(conn, &process, &actor, number)?;
    let revision = revision_by_id(conn, round.revision_id)?.ok_or(Error::NotFound)?;
    let content = revision.content().ok_or(Error::Internal(anyhow::anyhow!(
        "revision content unreadable"
    )))?;
    let amendments = amend::amendments_of_round(conn, round.id)?;
    let positions = amend::positions_of_round(conn, round.id)?;
    let delegations = deleg::delegations_of_process(conn, process.id)?;
    let groups = deleg::groups_of_process(conn, process.id)?;
    let name_of = |id: i64| {
        delegations
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.name.clone())
            .unwrap_or_default()
    };
    let group_of = |id: i64| {
        groups
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.short_name.clone())
    };
    let own: Vec<Delegation> = own_delegations(conn, &process, &actor)?;
    let may_accept = match person {
        Some(person) => match load(conn, Some(person), slug, DRAFT) {
            Ok(draft) => draft.can_edit() && draft.document.id == revision.document_id,
            Err(Error::NotFound) => false,
            Err(other) => return Err(other),
        },
        None => false,
    };
    // What became of the accepted ones: the published texts read once for all of them.
    let mut uses_of: HashMap<i64, Vec<Use>> = HashMap::new();
    if amendments.iter().any(|a| a.outcome.is_some()) {
        let published = PublishedTexts::of_process(conn, process.id)?;
        for amendment in amendments.iter().filter(|a| a.outcome.is_some()) {
            let source = [Source::Amendment { id: amendment.id }];
            uses_of.insert(amendment.id, published.uses(&source));
        }
    }
    let state = round_state(round.opens_at, round.closes_at, st::now());
    let placement = place(
        &content.nodes,
        amendments.iter().map(|a| a.node_key.as_str()),
    );
    let view_of = |amendment: &Amendment, paragraph: Option<&str>| AmendmentView {
        delegation: name_of(amendment.delegation_id),
        on_behalf_of: amendment.on_behalf_of.and_then(group_of),
        pieces: paragraph.and_then(|text| {
            text::apply(text, amendment.kind, &amendment.words, &amendment.new_text)
                .ok()
                .map(|amended| amended.pieces)
        }),
        positions: positions_of(&positions, amendment.id, &name_of, &group_of),
        own: own.iter().any(|d| d.id == amendment.delegation_id),
        uses: uses_of.get(&amendment.id).cloned().unwrap_or_default(),
        amendment: amendment.clone(),
    };
    let paragraphs = placement
        .nodes
        .iter()
        .map(|placed| ParagraphView {
            node: placed.node.clone(),
            number: placed.number.clone(),
            amendments: placed
                .amendments
                .iter()
                .map(|&i| view_of(&amendments[i], Some(&placed.node.text)))
                .collect(),
        })
        .collect();
    let unplaced = placement
        .unplaced
        .iter()
        .map(|&i| view_of(&amendments[i], None))
        .collect();
    let memberships = deleg::group_memberships_of_process(conn, process.id)?;
    let reader_groups = own
        .iter()
        .flat_map(|d| {
            memberships
                .iter()
                .filter(move |(_, member)| *member == d.id)
                .filter_map(|(group, _)| groups.iter().find(|g| g.id == *group))
                .map(move |g| (d.id, g.clone()))
        })
        .collect();
    let mut speaking_for = Vec::new();
    for delegation in &own {
        if let Some((delegation, delegate)) = delegate_of(conn, &process, &actor, delegation.id)?
            && can(&actor, Action::TableAmendment(Some(delegate)))
        {
            speaking_for.push(delegation);
        }
    }
    let document_title = content.title.clone();
    let structure = app::outline::structure(conn, &process)?;
    Ok(RoundView {
        process,
        structure,
        round,
        state,
        revision_label: revision.label,
        document_title,
        paragraphs,
        unplaced,
        speaking_for,
        groups: reader_groups,
        may_accept,
    })
}

fn positions_of(
    positions: &[Position],
    amendment_id: i64,
    name_of: &dyn Fn(i64) -> String,
    group_of: &dyn Fn(i64) -> Option<String>,
) -> Vec<PositionView> {
    positions
        .iter()
        .filter(|p| p.amendment_id == amendment_id)
        .map(|p| PositionView {
            stance: p.stance,
            delegation: name_of(p.delegation_id),
            group: p.group_id.and_then(group_of),
        })
        .collect()
}

/// The amendment form, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct AmendmentForm {
    /// The stable key of the paragraph.
    pub node: String,
    pub kind: String,
    #[serde(default)]
    pub words: String,
    #[serde(default)]
    pub new_text: String,
    #[serde(default)]
    pub justification: String,
    /// The delegation's id.
    pub delegation: String,
    /// A group's id, or empty to speak for the delegation alone.
    #[serde(default)]
    pub on_behalf_of: String,
}

/// Refuses unless the round takes amendments and positions now.
fn require_open(round: &Round) -> Result<()> {
    match round_state(round.opens_at, round.closes_at, st::now()) {
        WindowState::Open => Ok(()),
        _ => Err(Error::Conflict("error-round-not-open")),
    }
}

/// The group a delegation speaks for: `None` for itself; refused unless it belongs to it.
fn speaking_for_group(
    conn: &mut DbConnection,
    process_id: i64,
    delegation_id: i64,
    raw: &str,
) -> Result<Option<i64>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let id: i64 = raw.parse().map_err(|_| Error::BadRequest("a group id"))?;
    let group = deleg::group_in_process(conn, process_id, id)?
        .ok_or_else(|| Error::invalid("on_behalf_of", "error-not-in-group"))?;
    if !deleg::in_group(conn, group.id, delegation_id)? {
        return Err(Error::invalid("on_behalf_of", "error-not-in-group"));
    }
    Ok(Some(group.id))
}

/// The delegation the person acts for in this request, and that it may propose.
fn acting_delegation(
    conn: &mut DbConnection,
    process: &Process,
    actor: &crate::domain::permissions::Actor,
    raw: &str,
    action: fn(Option<crate::domain::negotiation::Delegate>) -> Action,
) -> Result<Delegation> {
    let id: i64 = raw
        .trim()
        .parse()
        .map_err(|_| Error::BadRequest("a delegation id"))?;
    let found = delegate_of(conn, process, actor, id)?;
    app::require(actor, action(found.as_ref().map(|(_, d)| *d)))?;
    found.map(|(d, _)| d).ok_or(Error::Forbidden)
}

/// Tables an amendment on a paragraph of the round's revision for a delegation the person
/// acts for, maybe on behalf of a group it belongs to.
pub fn table(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    number: i32,
    form: &AmendmentForm,
) -> Result<Amendment> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        let round = readable_round(conn, &process, &actor, number)?;
        let delegation = acting_delegation(
            conn,
            &process,
            &actor,
            &form.delegation,
            Action::TableAmendment,
        )?;
        require_open(&round)?;
        let mut errors = FieldErrors::default();
        let on_behalf_of =
            match speaking_for_group(conn, process.id, delegation.id, &form.on_behalf_of) {
                Ok(group) => group,
                Err(Error::Invalid(field)) => {
                    for (f, k) in field.all() {
                        errors.add(f, k);
                    }
                    None
                }
                Err(other) => return Err(other),
            };
        let revision = revision_by_id(conn, round.revision_id)?.ok_or(Error::NotFound)?;
        let content = revision.content().ok_or(Error::Internal(anyhow::anyhow!(
            "revision content unreadable"
        )))?;
        let node = content.nodes.iter().find(|n| n.key == form.node.trim());
        if node.is_none() {
            errors.add("node", "error-choose-one");
        }
        let kind = AmendmentKind::parse(form.kind.trim());
        if kind.is_none() {
            errors.add("kind", "error-choose-one");
        }
        for (field, value, max) in [
            ("words", &form.words, WORDS_MAX),
            ("new_text", &form.new_text, WORDS_MAX),
            ("justification", &form.justification, JUSTIFICATION_MAX),
        ] {
            if value.trim().chars().count() > max {
                errors.add(field, "error-too-long");
            }
        }
        if form.justification.trim().is_empty() {
            errors.add("justification", "error-required");
        }
        if let (Some(node), Some(kind)) = (node, kind)
            && let Err(error) = text::apply(&node.text, kind, &form.words, &form.new_text)
        {
            match error {
                ApplyError::WordsNotFound => errors.add("words", "error-words-not-found"),
                ApplyError::WordsAmbiguous => errors.add("words", "error-words-ambiguous"),
                ApplyError::NoWords => errors.add("words", "error-required"),
                ApplyError::NoNewText => errors.add("new_text", "error-required"),
            }
        }
        let (Some(node), Some(kind), true) = (node, kind, errors.is_empty()) else {
            return Err(Error::Invalid(errors));
        };
        let amendment = amend::table_amendment(
            conn,
            &NewAmendment {
                round_id: round.id,
                node_key: &node.key,
                kind,
                words: form.words.trim(),
                new_text: form.new_text.trim(),
                justification: form.justification.trim(),
                delegation_id: delegation.id,
                on_behalf_of,
                tabled_by: person.account_id,
            },
        )?;
        let detail = serde_json::json!({
            "round": round.number,
            "number": amendment.number,
            "node": amendment.node_key,
            "delegation": delegation.id,
            "on_behalf_of": on_behalf_of,
        });
        record(
            conn,
            &process,
            person.account_id,
            "amendment.table",
            format!("amendment:{}", amendment.id),
            detail,
        )?;
        Ok(amendment)
    })
}

/// The amendment numbered `amendment` of a round the person may read.
fn amendment_in(conn: &mut DbConnection, round: &Round, amendment: i32) -> Result<Amendment> {
    amend::amendment_by_number(conn, round.id, amendment)?.ok_or(Error::NotFound)
}

/// Withdraws an amendment tabled by a delegation the person acts for, while the round is open.
pub fn withdraw(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    number: i32,
    amendment: i32,
) -> Result<Amendment> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        let round = readable_round(conn, &process, &actor, number)?;
        let amendment = amendment_in(conn, &round, amendment)?;
        let own = own_delegations(conn, &process, &actor)?
            .iter()
            .any(|d| d.id == amendment.delegation_id);
        app::require(&actor, Action::WithdrawAmendment { own })?;
        require_open(&round)?;
        if amendment.status != AmendmentStatus::Tabled
            || !amend::withdraw_amendment(conn, amendment.id)?
        {
            return Err(Error::Conflict("error-amendment-withdrawn"));
        }
        let detail = serde_json::json!({ "round": round.number, "number": amendment.number });
        record(
            conn,
            &process,
            person.account_id,
            "amendment.withdraw",
            format!("amendment:{}", amendment.id),
            detail,
        )?;
        amendment_in(conn, &round, amendment.number)
    })
}

/// The position form: which delegation speaks, for whom, and its stance.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct PositionForm {
    pub delegation: String,
    #[serde(default)]
    pub on_behalf_of: String,
    pub stance: String,
}

/// Joins or opposes another delegation's tabled amendment, for a delegation the person acts
/// for or a group that delegation belongs to, while the round is open; never on its own
/// amendment, nor for the group it was tabled for. A speaker's new position replaces its
/// earlier one.
pub fn take_position(
    conn: &mut DbConnection,
    person: Person,
    slug: &str,
    number: i32,
    amendment: i32,
    form: &PositionForm,
) -> Result<Amendment> {
    app::transaction(conn, |conn| {
        let (process, actor) = app::process_for(conn, slug, Some(person))?;
        let round = readable_round(conn, &process, &actor, number)?;
        let amendment = amendment_in(conn, &round, amendment)?;
        let delegation = acting_delegation(
            conn,
            &process,
            &actor,
            &form.delegation,
            Action::TakePosition,
        )?;
        let stance = Stance::parse(form.stance.trim()).ok_or(Error::BadRequest("a stance"))?;
        require_open(&round)?;
        if amendment.status != AmendmentStatus::Tabled {
            return Err(Error::Conflict("error-amendment-withdrawn"));
        }
        if amendment.delegation_id == delegation.id {
            return Err(Error::Conflict("error-own-amendment"));
        }
        let group = speaking_for_group(conn, process.id, delegation.id, &form.on_behalf_of)?;
        // A group speaks through each of its members: one that did not table the amendment
        // still may not have the group join or oppose what was tabled in its name.
        if group.is_some() && group == amendment.on_behalf_of {
            return Err(Error::Conflict("error-own-group-amendment"));
        }
        amend::take_position(
            conn,
            amendment.id,
            delegation.id,
            group,
            stance,
            person.account_id,
        )?;
        let detail = serde_json::json!({
            "round": round.number,
            "number": amendment.number,
            "delegation": delegation.id,
            "group": group,
            "stance": stance.as_str(),
        });
        record(
            conn,
            &process,
            person.account_id,
            "amendment.position",
            format!("amendment:{}", amendment.id),
            detail,
        )?;
        Ok(amendment)
    })
}
