//! The commitment proposals of the stocktaking phase: their versions, co-sponsors,
//! withdrawals, and (in `review`) the rapporteurs' decisions and internal notes. Each
//! proposal's events are replayed in the order of their dates, through the same domain rules
//! and store functions as the web pages, so every state is one the application can reach.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::review::{self, DemoDecision, DemoNote};
use super::{Demo, DemoError, invalid};
use crate::db::DbConnection;
use crate::domain::ids::{ProposalId, ProposalVersionId};
use crate::domain::proposals::text::{DraftText, ProposalText, SubmittedText};
use crate::domain::proposals::{CoSponsorStatus, ProposalStatus, Transition};
use crate::domain::text_language;
use crate::i18n::Lang;
use crate::store::proposals::{self as store, DraftContent, NewProposal, Submission, co_sponsors};

#[derive(Deserialize)]
pub(super) struct DemoProposals {
    proposals: Vec<DemoProposal>,
}

#[derive(Deserialize)]
struct DemoProposal {
    /// How decisions and documents name it.
    key: String,
    group: i32,
    author: String,
    themes: Vec<String>,
    /// The first version in full; each later one with the fields it changes.
    versions: Vec<DemoVersion>,
    #[serde(default)]
    co_sponsors: Vec<DemoSponsor>,
    #[serde(default)]
    decisions: Vec<DemoDecision>,
    #[serde(default)]
    notes: Vec<DemoNote>,
    withdrawn: Option<NaiveDateTime>,
    /// Never submitted: its only version is its author's draft.
    #[serde(default)]
    draft: bool,
}

#[derive(Deserialize)]
struct DemoVersion {
    at: NaiveDateTime,
    title: Option<String>,
    commitment: Option<String>,
    /// One actionable measure per item.
    measures: Option<Vec<String>>,
    partnerships: Option<String>,
    capacity_building: Option<String>,
    financing: Option<String>,
    data: Option<String>,
    responsible_actors: Option<String>,
    sdg_targets: Option<String>,
    timeline: Option<String>,
    indicators: Option<String>,
}

impl DemoVersion {
    /// The previous version's texts with this version's changes.
    fn apply(&self, text: &mut ProposalText) {
        let fields = [
            (&self.title, &mut text.title),
            (&self.commitment, &mut text.commitment),
            (&self.partnerships, &mut text.partnerships),
            (&self.capacity_building, &mut text.capacity_building),
            (&self.financing, &mut text.financing),
            (&self.data, &mut text.data),
            (&self.responsible_actors, &mut text.responsible_actors),
            (&self.sdg_targets, &mut text.sdg_targets),
            (&self.timeline, &mut text.timeline),
            (&self.indicators, &mut text.indicators),
        ];
        for (new, old) in fields {
            if let Some(new) = new {
                old.clone_from(new);
            }
        }
        if let Some(measures) = &self.measures {
            text.actionable_measures = measures.join("\n");
        }
    }
}

#[derive(Deserialize)]
struct DemoSponsor {
    organisation: String,
    invited: NaiveDateTime,
    /// "accepted" or "declined"; none while the invitation waits.
    answer: Option<String>,
    answered: Option<NaiveDateTime>,
}

/// A proposal as the documents cite it.
#[derive(Debug, Clone)]
pub(super) struct Proposed {
    pub id: ProposalId,
    pub reference: String,
    pub version: i32,
    /// The current version's row, which documents link to; none for a draft.
    pub version_id: Option<ProposalVersionId>,
}

/// Something that happens to a proposal, in the order of the dates.
#[derive(Debug, Clone, Copy)]
enum Event {
    Submit(usize),
    Invite(usize),
    Answer(usize),
    Decide(usize),
    Withdraw,
    Note(usize),
}

/// Replays every proposal, each from its first submission to its last event; returns them
/// by key. A merge or duplicate names a proposal submitted before it.
pub(super) fn insert(
    conn: &mut DbConnection,
    demo: &Demo,
    data: &DemoProposals,
) -> Result<HashMap<String, Proposed>, DemoError> {
    // In the order they were first submitted, so reference numbers follow the calendar.
    let mut in_order: Vec<&DemoProposal> = data.proposals.iter().collect();
    in_order.sort_by_key(|p| p.versions.first().map(|v| v.at));
    let mut proposed = HashMap::new();
    for proposal in in_order {
        let done = insert_one(conn, demo, proposal, &proposed)
            .map_err(|e| invalid(format!("proposal {}: {e}", proposal.key)))?;
        if proposed.insert(proposal.key.clone(), done).is_some() {
            return Err(invalid(format!("proposal {} twice", proposal.key)));
        }
    }
    Ok(proposed)
}

fn events(p: &DemoProposal) -> Result<Vec<(NaiveDateTime, Event)>, DemoError> {
    let mut events: Vec<(NaiveDateTime, Event)> = Vec::new();
    for (i, version) in p.versions.iter().enumerate() {
        events.push((version.at, Event::Submit(i)));
    }
    for (i, sponsor) in p.co_sponsors.iter().enumerate() {
        events.push((sponsor.invited, Event::Invite(i)));
        match (&sponsor.answer, sponsor.answered) {
            (Some(_), Some(at)) => events.push((at, Event::Answer(i))),
            (None, None) => {}
            _ => return Err(invalid("an answer to an invitation needs its date")),
        }
    }
    for (i, decision) in p.decisions.iter().enumerate() {
        events.push((decision.at, Event::Decide(i)));
    }
    if let Some(at) = p.withdrawn {
        events.push((at, Event::Withdraw));
    }
    for (i, note) in p.notes.iter().enumerate() {
        events.push((note.at, Event::Note(i)));
    }
    // Stable: at the same moment, a submission comes before what follows from it.
    events.sort_by_key(|(at, _)| *at);
    Ok(events)
}

fn insert_one(
    conn: &mut DbConnection,
    demo: &Demo,
    p: &DemoProposal,
    earlier: &HashMap<String, Proposed>,
) -> Result<Proposed, DemoError> {
    let author = demo.people.person(&p.author)?;
    let group_id = demo.group(p.group)?;
    let themes: Vec<i64> = p
        .themes
        .iter()
        .map(|t| demo.theme(t))
        .collect::<Result<_, _>>()?;
    let new = NewProposal {
        process_id: demo.process.id,
        group_id,
        author_id: author.id,
        organisation_id: Some(author.organisation_id),
    };
    let first = p.versions.first().ok_or_else(|| invalid("no version"))?;
    if p.draft {
        return insert_draft(conn, &new, first, themes);
    }
    let mut text = ProposalText::default();
    let mut id = None;
    let mut invitations: Vec<Option<i64>> = vec![None; p.co_sponsors.len()];
    for (at, event) in events(p)? {
        if !matches!(event, Event::Submit(_)) && id.is_none() {
            return Err(invalid("an event before the first submission"));
        }
        // A submission reads `id` itself; every other event has one by now (checked above).
        let proposal_id = id.unwrap_or(ProposalId(0));
        match event {
            Event::Submit(i) => {
                p.versions[i].apply(&mut text);
                let version = Version {
                    new: &new,
                    text: &text,
                    themes: &themes,
                    at,
                };
                id = Some(submit_version(conn, demo, id, &version)?);
            }
            Event::Invite(i) => {
                let organisation = demo.people.organisation(&p.co_sponsors[i].organisation)?;
                let invitation =
                    co_sponsors::invite(conn, proposal_id, organisation, author.id, at)
                        .map_err(invalid)?;
                invitations[i] = Some(invitation);
            }
            Event::Answer(i) => answer(conn, demo, &p.co_sponsors[i], invitations[i], at)?,
            Event::Decide(i) => {
                let proposal = current(conn, demo, proposal_id)?;
                review::decide(conn, demo, &proposal, p.group, &p.decisions[i], earlier, at)?;
            }
            Event::Withdraw => {
                let from = current(conn, demo, proposal_id)?.status();
                let to = Transition::Withdraw.apply(from).map_err(invalid)?;
                if !store::change_status(conn, proposal_id, from, to, at)? {
                    return Err(invalid("the withdrawal found the proposal changed"));
                }
            }
            Event::Note(i) => review::add_notes(conn, demo, proposal_id, &p.notes[i])?,
        }
    }
    let id = id.ok_or_else(|| invalid("lost its proposal"))?;
    let proposal = current(conn, demo, id)?;
    let version_id = crate::store::review::version_ids_of(conn, proposal.id)?
        .last()
        .copied();
    Ok(Proposed {
        id: proposal.id,
        reference: proposal.reference.clone().unwrap_or_default(),
        version: proposal.current_version,
        version_id,
    })
}

/// A proposal its author keeps as a draft: its first version, never submitted.
fn insert_draft(
    conn: &mut DbConnection,
    new: &NewProposal,
    first: &DemoVersion,
    themes: Vec<i64>,
) -> Result<Proposed, DemoError> {
    let mut text = ProposalText::default();
    first.apply(&mut text);
    let text = DraftText::parse(&text)
        .map_err(|e| invalid(format!("{e:?}")))?
        .into_text();
    let language = Some(text_language::detect(&text.commitment, Lang::En));
    let draft = DraftContent {
        text,
        themes,
        language,
    };
    let id = store::create_draft(conn, new, &draft, first.at)?;
    Ok(Proposed {
        id,
        reference: String::new(),
        version: 0,
        version_id: None,
    })
}

/// One submitted version of a demo proposal, as of `at`.
struct Version<'a> {
    new: &'a NewProposal,
    text: &'a ProposalText,
    themes: &'a [i64],
    at: NaiveDateTime,
}

/// Submits a version: the first (`id` is `None`) or a revision; the proposal's id.
fn submit_version(
    conn: &mut DbConnection,
    demo: &Demo,
    id: Option<ProposalId>,
    version: &Version<'_>,
) -> Result<ProposalId, DemoError> {
    let submitted = SubmittedText::parse(version.text).map_err(|e| invalid(format!("{e:?}")))?;
    let status = match id {
        Some(id) => current(conn, demo, id)?.status(),
        None => ProposalStatus::Draft,
    };
    let next = Transition::submission_from(status)
        .apply(status)
        .map_err(invalid)?;
    let submission = Submission {
        reference_prefix: &demo.process.reference_prefix,
        text: &submitted,
        themes: version.themes,
        language: text_language::detect(&version.text.commitment, Lang::En),
        status: next,
        by: version.new.author_id,
        now: version.at,
    };
    let receipt = match id {
        None => store::submit_new(conn, version.new, &submission),
        Some(id) => {
            let proposal = current(conn, demo, id)?;
            store::submit(conn, &proposal, &submission)
        }
    }
    .map_err(invalid)?;
    Ok(receipt.proposal_id)
}

/// The proposal as it stands now.
fn current(
    conn: &mut DbConnection,
    demo: &Demo,
    id: ProposalId,
) -> Result<store::Proposal, DemoError> {
    store::proposal_by_id(conn, demo.process.id, id)?.ok_or_else(|| invalid("lost its proposal"))
}

/// Someone of the invited organisation answers its invitation.
fn answer(
    conn: &mut DbConnection,
    demo: &Demo,
    sponsor: &DemoSponsor,
    invitation: Option<i64>,
    at: NaiveDateTime,
) -> Result<(), DemoError> {
    let invitation = invitation.ok_or_else(|| invalid("an answer before its invitation"))?;
    let accept = match sponsor.answer.as_deref() {
        Some("accepted") => true,
        Some("declined") => false,
        other => return Err(invalid(format!("no answer {other:?}"))),
    };
    let to = CoSponsorStatus::Invited
        .answer(accept)
        .ok_or_else(|| invalid("an invitation answered twice"))?;
    let organisation = demo.people.organisation(&sponsor.organisation)?;
    let by = demo
        .people
        .member_of(organisation)
        .ok_or_else(|| invalid(format!("nobody answers for {}", sponsor.organisation)))?;
    if !co_sponsors::answer_invitation(conn, invitation, CoSponsorStatus::Invited, to, by, at)? {
        return Err(invalid("an invitation answered twice"));
    }
    Ok(())
}
