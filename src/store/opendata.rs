//! What is public of a process, as rows for open data: submitted, withdrawn and hidden
//! contributions (a hidden one only as a tombstone, by `may_read_content`), and proposals at their current version.
//! Drafts are never included. Read in keyset batches, a fixed number of queries per batch, so
//! a caller streams any number of rows in the memory of one batch.

use std::borrow::Cow;

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::expression::SqlLiteral;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};
use serde::{Serialize, Serializer};

pub mod events;

use super::contributions::tags_of;
use crate::db::DbConnection;
use crate::db::cached::any_of;
use crate::db::schema::{
    action_groups, co_sponsorships, contributions, organisations, proposal_versions, proposals,
};
use crate::db::texts::{StoredText, StoredTime, stored};
use crate::domain::contributions::{ContributionStatus, may_read_content};
use crate::domain::ids::{ContributionId, ProposalId};
use crate::domain::permissions::Actor;
use crate::domain::proposals::{CoSponsorStatus, ProposalStatus};
use crate::domain::roles::StakeholderCategory;
use crate::domain::text_language::TextLanguage;

/// The generation of the public data: it grows with every committed write to a table the
/// open-data files are read from (triggers keep it in stripes, summed here; see the migration
/// `open_data_generation`). The stripes are read in one statement, so in one snapshot.
/// A kept page reads the same sum beside its process's stamp
/// (`store::processes::stamp_and_generation`): a change to the stripes changes both.
pub fn generation(conn: &mut DbConnection) -> QueryResult<i64> {
    use crate::db::schema::open_data_generation;
    let stripes: Vec<i64> = open_data_generation::table
        .select(open_data_generation::generation)
        .load(conn)?;
    Ok(stripes.iter().sum())
}

/// The stored form of a category, empty when there is no organisation.
fn category_text(category: Option<StakeholderCategory>) -> String {
    category.map(|c| c.as_str().to_string()).unwrap_or_default()
}

/// A batch's filter on the process of `table`. A batch must be read along the primary key
/// from the cursor and stop at its limit, not by sorting every row of the process each time
/// (which makes a download quadratic). SQLite would read it through an index on the process
/// (0.7 s a batch at 200,000 rows): there it is written `+table.process_id`, which no index
/// serves. PostgreSQL walks the primary key by itself, from its statistics; given the `+`,
/// it estimated that 0.5 % of rows match an expression it cannot see into, and sorted a scan
/// of the whole table for each batch (0.33 s a batch at 200,000 rows, 5 ms without).
fn process_filter(conn: &DbConnection, table: &str) -> SqlLiteral<Bool> {
    match conn {
        DbConnection::Sqlite(_) => sql(&format!("+{table}.process_id = ")),
        DbConnection::Postgresql(_) => sql(&format!("{table}.process_id = ")),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ContributionRecord {
    pub reference: String,
    pub status: String,
    #[serde(serialize_with = "crate::domain::time::serialize_optional")]
    pub submitted_at: Option<NaiveDateTime>,
    pub title: String,
    pub organisation: String,
    pub stakeholder_category: String,
    pub action_groups: Vec<i32>,
    pub themes: Vec<String>,
    pub sha256: String,
    pub text: String,
    pub hidden_reason: String,
    /// The number of the campaign it is a copy of, if any.
    pub campaign: Option<i64>,
    /// The code of the language it is written in (`ar`, `zh`, `en`, `fr`, `ru`, `es`).
    pub language: String,
    /// The number of the event it was made for (an input paper), if any.
    pub event: Option<i64>,
}

impl ContributionRecord {
    /// The record as a tombstone: its reference, status, dates and the reason it was hidden;
    /// nothing of its words (title, text, hash, campaign) nor of who sent it or what it was
    /// tagged with.
    fn tombstone(self) -> Self {
        Self {
            reference: self.reference,
            status: self.status,
            submitted_at: self.submitted_at,
            hidden_reason: self.hidden_reason,
            title: String::new(),
            organisation: String::new(),
            stakeholder_category: String::new(),
            action_groups: Vec::new(),
            themes: Vec::new(),
            sha256: String::new(),
            text: String::new(),
            campaign: None,
            language: String::new(),
            event: None,
        }
    }
}

type ContributionRow = (
    (ContributionId, i64),
    Option<String>,
    ContributionStatus,
    Option<StoredTime>,
    (
        StoredText,
        StoredText,
        Option<String>,
        TextLanguage,
        Option<i64>,
    ),
    (Option<String>, Option<StakeholderCategory>, Option<String>),
);

/// Up to `limit` public contributions after the one with id `after`, appended to `records`;
/// returns the id of the last one read (a cursor), or `None` when there were none.
pub fn contributions_after(
    conn: &mut DbConnection,
    process_id: i64,
    after: ContributionId,
    limit: i64,
    records: &mut Vec<ContributionRecord>,
) -> QueryResult<Option<ContributionId>> {
    let rows = contribution_rows(conn, process_id, after, limit)?;
    let Some(last) = rows.last().map(|r| r.0.0) else {
        return Ok(None);
    };
    let ids: Vec<ContributionId> = rows.iter().map(|r| r.0.0).collect();
    let tags = tags_of(conn, &ids)?;
    let in_campaigns = super::campaigns::campaign_numbers(conn, &ids)?;
    for (
        (id, author_id),
        reference,
        status,
        submitted_at,
        (title, body, hash, language, event),
        (organisation, category, hidden_reason),
    ) in rows
    {
        let mut record = ContributionRecord {
            reference: reference.unwrap_or_default(),
            submitted_at: submitted_at.map(|t| t.0),
            title: title.0,
            text: body.0,
            sha256: hash.unwrap_or_default(),
            organisation: organisation.unwrap_or_default(),
            stakeholder_category: category_text(category),
            action_groups: tags.groups_of(&id).iter().map(|(n, _)| *n).collect(),
            themes: tags.themes_of(&id).iter().map(|t| t.to_string()).collect(),
            hidden_reason: hidden_reason.unwrap_or_default(),
            status: status.as_str().to_string(),
            campaign: in_campaigns.iter().find(|(c, _)| *c == id).map(|(_, n)| *n),
            language: language.as_str().to_string(),
            event,
        };
        // Open data is the same for everyone, so it holds what the public may read: of a
        // hidden contribution, its tombstone alone.
        if !may_read_content(&Actor::anonymous(), status, author_id) {
            record = record.tombstone();
        }
        records.push(record);
    }
    Ok(Some(last))
}

/// The public contributions after `after`, with their organisation.
fn contribution_rows(
    conn: &mut DbConnection,
    process_id: i64,
    after: ContributionId,
    limit: i64,
) -> QueryResult<Vec<ContributionRow>> {
    contributions::table
        .left_join(organisations::table)
        .filter(process_filter(conn, "contributions").bind::<BigInt, _>(process_id))
        .filter(contributions::status.eq_any(ContributionStatus::PUBLIC))
        .filter(contributions::id.gt(after))
        .order(contributions::id)
        .limit(limit)
        .select((
            (contributions::id, contributions::author_id),
            contributions::reference,
            contributions::status,
            contributions::submitted_at,
            (
                stored(contributions::title),
                stored(contributions::body),
                contributions::content_hash,
                contributions::language,
                contributions::event_id,
            ),
            (
                organisations::name.nullable(),
                organisations::category.nullable(),
                contributions::hidden_reason,
            ),
        ))
        .load(conn)
}

#[derive(Debug, Clone, Serialize)]
pub struct ProposalRecord {
    pub reference: String,
    pub status: String,
    pub action_group: i32,
    pub version: i32,
    #[serde(serialize_with = "crate::domain::time::serialize_optional")]
    pub submitted_at: Option<NaiveDateTime>,
    pub organisation: String,
    pub stakeholder_category: String,
    pub co_sponsors: Vec<String>,
    pub title: String,
    pub commitment: String,
    pub actionable_measures: Measures,
    pub partnerships: String,
    pub capacity_building: String,
    pub financing: String,
    pub data: String,
    pub responsible_actors: String,
    pub sdg_targets: String,
    pub timeline: String,
    pub indicators: String,
    pub sha256: String,
    /// The code of the language it is written in.
    pub language: String,
}

/// A proposal's actionable measures as stored, one a line: in JSON an array of its lines, in
/// a CSV cell the lines joined. The stored text of a submitted version is already its lines
/// joined, so neither copies a line (each measure was a `String` of its own, joined again for
/// every CSV row).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Measures(pub String);

impl Measures {
    /// The measures: the text's lines that are not blank.
    fn lines(&self) -> impl Iterator<Item = &str> {
        self.0.lines().filter(|l| !l.trim().is_empty())
    }

    /// The measures one a line: the stored text itself when it is already that.
    pub fn joined(&self) -> Cow<'_, str> {
        let text = self.0.as_str();
        let already = !text.contains('\r')
            && !text.ends_with('\n')
            && text.split('\n').all(|l| !l.trim().is_empty());
        match already {
            true => Cow::Borrowed(text),
            false => Cow::Owned(self.lines().collect::<Vec<_>>().join("\n")),
        }
    }
}

impl Serialize for Measures {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.lines())
    }
}

type ProposalHead = (
    ProposalId,
    Option<String>,
    ProposalStatus,
    i64,
    i32,
    Option<StoredTime>,
    Option<String>,
    Option<StakeholderCategory>,
    TextLanguage,
);
/// Read as [`StoredText`]: a file of proposals is mostly these texts.
type ProposalTexts = (
    StoredText,
    StoredText,
    StoredText,
    StoredText,
    StoredText,
    StoredText,
    StoredText,
    StoredText,
    StoredText,
    StoredText,
    StoredText,
    StoredText,
);

/// Up to `limit` proposals after the one with id `after`; as `contributions_after`.
pub fn proposals_after(
    conn: &mut DbConnection,
    process_id: i64,
    after: ProposalId,
    limit: i64,
    records: &mut Vec<ProposalRecord>,
) -> QueryResult<Option<ProposalId>> {
    let rows = proposal_rows(conn, process_id, after, limit)?;
    let Some(last) = rows.last().map(|r| r.0.0) else {
        return Ok(None);
    };
    let ids: Vec<ProposalId> = rows.iter().map(|r| r.0.0).collect();
    // The process's few groups, by id: cheaper than a join the planner would drive from.
    let numbers: Vec<(i64, i32)> = action_groups::table
        .filter(action_groups::process_id.eq(process_id))
        .select((action_groups::id, action_groups::number))
        .load(conn)?;
    let sponsors: Vec<(ProposalId, String)> = co_sponsorships::table
        .inner_join(organisations::table)
        .filter(any_of(
            co_sponsorships::proposal_id,
            ids.iter().map(|id| id.0),
        ))
        .filter(co_sponsorships::status.eq(CoSponsorStatus::Accepted))
        .select((co_sponsorships::proposal_id, organisations::name))
        .load(conn)?;
    // By proposal, in the order read: looked up for each of a thousand rows, a scan of the
    // batch's sponsors each time would cost as the square of the batch.
    let mut sponsors_of: std::collections::HashMap<ProposalId, Vec<String>> =
        std::collections::HashMap::new();
    for (proposal, name) in sponsors {
        sponsors_of.entry(proposal).or_default().push(name);
    }
    for (head, texts) in rows {
        let co_sponsors = sponsors_of.remove(&head.0).unwrap_or_default();
        let group = numbers
            .iter()
            .find(|(id, _)| *id == head.3)
            .map_or(0, |(_, n)| *n);
        records.push(proposal_record(head, group, texts, co_sponsors));
    }
    Ok(Some(last))
}

/// The submitted proposals after `after`, each at its current version, with its
/// organisation.
fn proposal_rows(
    conn: &mut DbConnection,
    process_id: i64,
    after: ProposalId,
    limit: i64,
) -> QueryResult<Vec<(ProposalHead, ProposalTexts)>> {
    proposals::table
        .inner_join(
            proposal_versions::table.on(proposal_versions::proposal_id
                .eq(proposals::id)
                .and(proposal_versions::number.eq(proposals::current_version))),
        )
        .left_join(
            organisations::table.on(organisations::id.nullable().eq(proposals::organisation_id)),
        )
        .filter(process_filter(conn, "proposals").bind::<BigInt, _>(process_id))
        .filter(proposals::status.ne(ProposalStatus::Draft))
        .filter(proposals::id.gt(after))
        .order(proposals::id)
        .limit(limit)
        .select((
            (
                proposals::id,
                proposals::reference,
                proposals::status,
                proposals::group_id,
                proposals::current_version,
                proposals::submitted_at,
                organisations::name.nullable(),
                organisations::category.nullable(),
                proposals::language,
            ),
            (
                stored(proposal_versions::title),
                stored(proposal_versions::commitment),
                stored(proposal_versions::actionable_measures),
                stored(proposal_versions::partnerships),
                stored(proposal_versions::capacity_building),
                stored(proposal_versions::financing),
                stored(proposal_versions::data),
                stored(proposal_versions::responsible_actors),
                stored(proposal_versions::sdg_targets),
                stored(proposal_versions::timeline),
                stored(proposal_versions::indicators),
                stored(proposal_versions::content_hash),
            ),
        ))
        .load(conn)
}

fn proposal_record(
    head: ProposalHead,
    group: i32,
    texts: ProposalTexts,
    co_sponsors: Vec<String>,
) -> ProposalRecord {
    let (_, reference, status, _, version, submitted_at, organisation, category, language) = head;
    let (
        title,
        commitment,
        measures,
        partnerships,
        capacity_building,
        financing,
        data,
        actors,
        sdg,
        timeline,
        indicators,
        hash,
    ) = texts;
    ProposalRecord {
        reference: reference.unwrap_or_default(),
        status: status.as_str().to_string(),
        action_group: group,
        version,
        submitted_at: submitted_at.map(|t| t.0),
        organisation: organisation.unwrap_or_default(),
        stakeholder_category: category_text(category),
        co_sponsors,
        title: title.0,
        commitment: commitment.0,
        actionable_measures: Measures(measures.0),
        partnerships: partnerships.0,
        capacity_building: capacity_building.0,
        financing: financing.0,
        data: data.0,
        responsible_actors: actors.0,
        sdg_targets: sdg.0,
        timeline: timeline.0,
        indicators: indicators.0,
        sha256: hash.0,
        language: language.as_str().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As each measure a `String`, joined again for a CSV cell: the same array and the same
    /// cell, borrowed when the stored text is already the cell.
    #[test]
    fn measures_are_their_non_blank_lines() {
        for text in [
            "",
            "One",
            "One\nTwo",
            "One\n\n  \nTwo\n",
            "\nOne\r\nTwo\r\n",
            "  One  \nTwo",
            "\u{a0}\nOne",
        ] {
            let lines: Vec<String> = text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string)
                .collect();
            let measures = Measures(text.to_string());
            assert_eq!(measures.joined(), lines.join("\n"), "{text:?}");
            assert_eq!(
                serde_json::to_value(&measures).expect("JSON"),
                serde_json::json!(lines),
                "{text:?}"
            );
        }
        assert!(matches!(
            Measures("One\nTwo".into()).joined(),
            Cow::Borrowed(_)
        ));
    }
}
