//! The written contributions of the consultation phase (April–November 2017): submitted with
//! their receipts, one with a PDF annex, one withdrawn by its author, one hidden by a
//! moderator with a public reason.

use chrono::{NaiveDateTime, TimeDelta};
use diesel::prelude::*;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::{Demo, DemoError, invalid, pdf};
use crate::db::DbConnection;
use crate::db::schema::{contribution_attachments, contributions as rows};
use crate::domain::contributions::content_hash;
use crate::domain::ids::ContributionId;
use crate::domain::text_language;
use crate::i18n::Lang;
use crate::store::contributions::{self, DraftContent};
use crate::store::references::{ReferenceKind, next_reference};
use crate::store::{attachments, campaigns};

#[derive(Deserialize)]
pub(super) struct DemoContributions {
    contributions: Vec<DemoContribution>,
}

#[derive(Deserialize)]
struct DemoContribution {
    /// How the documents' provenance names it.
    key: String,
    author: String,
    /// The language it is written in, as a two-letter code; tests read it from the data.
    language: String,
    submitted: NaiveDateTime,
    title: String,
    groups: Vec<i32>,
    themes: Vec<String>,
    /// Paragraphs of Markdown.
    body: Vec<String>,
    attachment: Option<DemoAttachment>,
    withdrawn: Option<NaiveDateTime>,
    hidden: Option<DemoHiding>,
}

#[derive(Deserialize)]
struct DemoAttachment {
    file_name: String,
    title: String,
    lines: Vec<String>,
}

#[derive(Deserialize)]
struct DemoHiding {
    by: String,
    at: NaiveDateTime,
    reason: String,
}

/// Submits every contribution, in the order of the data; returns how many.
pub(super) fn insert(
    conn: &mut DbConnection,
    demo: &mut Demo,
    data: &DemoContributions,
) -> Result<usize, DemoError> {
    for contribution in &data.contributions {
        let (id, reference) = insert_one(conn, demo, contribution)
            .map_err(|e| invalid(format!("contribution {}: {e}", contribution.key)))?;
        if demo
            .contributions
            .insert(contribution.key.clone(), (id, reference))
            .is_some()
        {
            return Err(invalid(format!("contribution {} twice", contribution.key)));
        }
    }
    Ok(data.contributions.len())
}

fn insert_one(
    conn: &mut DbConnection,
    demo: &Demo,
    c: &DemoContribution,
) -> Result<(ContributionId, String), DemoError> {
    let author = demo.people.person(&c.author)?;
    let body = c.body.join("\n\n");
    let content = DraftContent {
        event_id: None,
        title: c.title.trim().to_string(),
        language: text_language::detect(&body, Lang::En),
        body,
        group_ids: c
            .groups
            .iter()
            .map(|n| demo.group(*n))
            .collect::<Result<_, _>>()?,
        theme_ids: c
            .themes
            .iter()
            .map(|t| demo.theme(t))
            .collect::<Result<_, _>>()?,
    };
    if content.title.chars().count() < 2 || content.body.trim().is_empty() {
        return Err(invalid("a contribution needs a title and a text"));
    }
    if c.language.len() != 2 || !c.language.chars().all(|l| l.is_ascii_lowercase()) {
        return Err(invalid(format!("no language {:?}", c.language)));
    }
    let id = contributions::create_draft(
        conn,
        demo.process.id,
        author.id,
        Some(author.organisation_id),
        &content,
    )?;
    // Drafted a couple of days before it was sent, as people do.
    let started = c.submitted - TimeDelta::days(2);
    if let Some(attachment) = &c.attachment {
        attach_pdf(conn, id, attachment, started)?;
    }
    let reference = next_reference(
        conn,
        demo.process.id,
        &demo.process.reference_prefix,
        ReferenceKind::Contribution,
    )?;
    let hash = content_hash(&content.title, &content.body);
    contributions::mark_submitted(conn, id, &reference, &hash, c.submitted)?;
    campaigns::record_one(conn, demo.process.id, id, &content.title, &content.body)?;
    diesel::update(rows::table.find(id))
        .set(rows::created_at.eq(started))
        .execute(conn)?;
    if let Some(at) = c.withdrawn {
        contributions::mark_withdrawn(conn, id)?;
        campaigns::left(conn, id)?;
        diesel::update(rows::table.find(id))
            .set((rows::withdrawn_at.eq(at), rows::updated_at.eq(at)))
            .execute(conn)?;
    }
    if let Some(hidden) = &c.hidden {
        let moderator = demo.people.person(&hidden.by)?;
        contributions::mark_hidden(conn, id, moderator.id, &hidden.reason)?;
        campaigns::left(conn, id)?;
        diesel::update(rows::table.find(id))
            .set((
                rows::hidden_at.eq(hidden.at),
                rows::updated_at.eq(hidden.at),
            ))
            .execute(conn)?;
    }
    Ok((id, reference))
}

/// A one-page PDF made from the demo's lines, attached as it was when the text was drafted.
fn attach_pdf(
    conn: &mut DbConnection,
    id: ContributionId,
    attachment: &DemoAttachment,
    at: NaiveDateTime,
) -> Result<(), DemoError> {
    let bytes = pdf::one_page(&attachment.title, &attachment.lines);
    let sha = crate::config::hex(&Sha256::digest(&bytes));
    let stored = attachments::store_content(conn, &sha, &bytes)?;
    attachments::attach(conn, id, stored, &attachment.file_name)?;
    diesel::update(
        contribution_attachments::table.filter(contribution_attachments::contribution_id.eq(id)),
    )
    .set(contribution_attachments::created_at.eq(at))
    .execute(conn)?;
    Ok(())
}
