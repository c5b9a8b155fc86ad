//! What the public page of one proposal shows, loaded in a fixed number of queries: a
//! version's fields, its themes, co-sponsors, history and decisions, where its versions are
//! used, and how the visitor stands towards it.

use super::public_proposal;
use crate::app::{self, Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::Source;
use crate::domain::permissions::Actor;
use crate::domain::proposals::text::ProposalText;
use crate::store::accounts;
use crate::store::documents::{self, Use};
use crate::store::processes::Process;
use crate::store::proposals::co_sponsors::{self, CoSponsorship};
use crate::store::proposals::versions::{self, VersionHeader};
use crate::store::proposals::{self as store, ProposalHeader};
use crate::store::review::{self, DecisionRecord, Referrer};

pub struct ProposalView {
    pub process: Process,
    /// The process's structure, for its texts in the reader's language.
    pub structure: crate::store::processes::Structure,
    pub header: ProposalHeader,
    pub history: Vec<VersionHeader>,
    /// The version shown, and its texts.
    pub number: i32,
    pub text: ProposalText,
    pub content_hash: String,
    pub shown_at: chrono::NaiveDateTime,
    pub themes: Vec<String>,
    pub sponsors: Vec<CoSponsorship>,
    pub actor: Actor,
    /// The signed-in visitor's organisation, to find an invitation addressed to it.
    pub visitor_organisation: Option<i64>,
    /// The public decisions on it, oldest first.
    pub decisions: Vec<DecisionRecord>,
    /// The proposals merged into it or marked duplicates of it.
    pub referrers: Vec<Referrer>,
    /// The paragraphs of published revisions that cite one of its versions.
    pub uses: Vec<Use>,
    /// The organisations its author may invite to co-sponsor it, by name; read for its
    /// author alone.
    pub invitable: Vec<String>,
}

/// The page of a public proposal; `version` picks an earlier one (the current by default).
pub fn proposal(
    conn: &mut DbConnection,
    person: Option<Person>,
    slug: &str,
    reference_in_url: &str,
    version: Option<i32>,
) -> Result<ProposalView> {
    let (process, actor) = app::process_for(conn, slug, person)?;
    let header = public_proposal(conn, process.id, reference_in_url)?;
    let proposal_id = header.proposal.id;
    let number = version.unwrap_or(header.proposal.current_version);
    let shown = versions::versions(conn, proposal_id, &[number])?
        .into_iter()
        .next()
        .ok_or(Error::NotFound)?;
    let history = versions::version_history(conn, proposal_id)?;
    let themes = store::theme_names_of(conn, &[proposal_id])?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let sponsors = co_sponsors::co_sponsorships_of(conn, proposal_id)?;
    let visitor_organisation = match person {
        Some(person) => {
            accounts::account_by_id(conn, person.account_id)?.and_then(|a| a.organisation_id)
        }
        None => None,
    };
    let decisions = review::decisions_of(conn, &[proposal_id])?;
    let referrers = review::referrers_of(conn, proposal_id)?;
    let sources: Vec<Source> = review::version_ids_of(conn, proposal_id)?
        .into_iter()
        .map(|id| Source::ProposalVersion { id })
        .collect();
    let uses = documents::uses_in_revisions(conn, process.id, &sources)?;
    let invitable = if actor.account_id == Some(header.proposal.author_id) {
        let invited: Vec<i64> = sponsors.iter().map(|s| s.organisation_id).collect();
        super::invite::invitable(conn, process.id, &header, &invited)?
    } else {
        Vec::new()
    };
    let structure = crate::app::outline::structure(conn, &process)?;
    Ok(ProposalView {
        structure,
        process,
        header,
        history,
        number: shown.number,
        text: shown.text.into(),
        content_hash: shown.content_hash,
        shown_at: shown.created_at,
        themes,
        sponsors,
        actor,
        visitor_organisation,
        decisions,
        referrers,
        uses,
        invitable,
    })
}
