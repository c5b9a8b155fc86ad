//! Reading documents: the latest revision (or the working copy, for those allowed), one
//! published revision, and the comparison of any two. Also where each cited source can be
//! read, for pages and exports.

use std::collections::HashMap;

use super::{Loaded, load, load_for_editing};
use crate::app::{Error, Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::{
    Comparison, Content, DocumentKind, Node, Source, compare as compare_nodes,
};
use crate::domain::ids::{ContributionId, ProposalVersionId};
use crate::domain::reports::{AcceptedProposal, not_yet_cited};
use crate::domain::text_language::TextLanguage;
use crate::domain::translations::Progress;
use crate::paths;
use crate::store::documents::{self as store, AcceptedIn, Revision, RevisionSummary};

/// A published revision's text; a revision that cannot be read is a failure, not a refusal.
pub(super) fn content_of(revision: &Revision) -> Result<Content> {
    revision
        .content()
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("unreadable revision {}", revision.id)))
}

/// A document as its page shows it: the text shown and where its sources are read.
pub struct DocumentView {
    pub loaded: Loaded,
    pub content: Content,
    pub links: HashMap<Source, String>,
    pub revisions: Vec<RevisionSummary>,
    /// The revision shown, or `None` for the working copy.
    pub showing: Option<RevisionSummary>,
    /// Whether the page offers editing: the working copy, to one who may edit it.
    pub editing: bool,
    /// The working copy of a group report, to its editors: the group's accepted proposals
    /// it does not cite yet.
    pub missing: Vec<AcceptedProposal>,
    /// The working copy of the Chair's summary: the groups with no published report yet.
    pub unreported_groups: Vec<Group>,
    /// With the latest revision shown: how far each other language has translated it.
    pub languages: Vec<Progress>,
}

/// A group by number and name.
type Group = (i32, String);

/// What a working copy lacks: for a group report's editors, the group's accepted proposals
/// it does not cite; for the Chair's summary, the groups without a published report. Two
/// queries at most; nothing for a published revision.
fn lacking(
    conn: &mut DbConnection,
    loaded: &Loaded,
    content: &Content,
    working: bool,
) -> Result<(Vec<AcceptedProposal>, Vec<Group>)> {
    if !working {
        return Ok((Vec::new(), Vec::new()));
    }
    match (loaded.kind, loaded.document.group_id) {
        (DocumentKind::GroupReport, Some(group)) if loaded.can_edit() => {
            let accepted = store::accepted_proposals(conn, AcceptedIn::Group(group))?;
            Ok((not_yet_cited(&accepted, &content.nodes), Vec::new()))
        }
        (DocumentKind::ChairsSummary, _) => Ok((
            Vec::new(),
            store::groups_without_published_report(conn, loaded.process.id)?,
        )),
        _ => Ok((Vec::new(), Vec::new())),
    }
}

/// The document's page: the latest revision for the public; for those who may read the
/// working copy, the working copy when they ask (`want_working`) or when nothing is
/// published yet.
pub fn document(
    conn: &mut DbConnection,
    person: Option<Person>,
    process_slug: &str,
    document_slug: &str,
    want_working: bool,
) -> Result<DocumentView> {
    let loaded = load(conn, person, process_slug, document_slug)?;
    let revisions = store::revisions_of(conn, loaded.document.id)?;
    let latest = store::latest_revision(conn, loaded.document.id)?;
    let working = loaded.can_read_working() && (want_working || latest.is_none());
    let (content, showing) = match (&latest, working) {
        (Some(revision), false) => (content_of(revision)?, revisions.last().cloned()),
        (_, true) => (store::working_content(conn, &loaded.document)?, None),
        (None, false) => return Err(Error::NotFound),
    };
    let links = source_links(conn, &loaded.process.slug, &content.nodes)?;
    let (missing, unreported_groups) = lacking(conn, &loaded, &content, working)?;
    let languages = if working {
        Vec::new()
    } else {
        super::translations::progress_of(conn, &loaded, &content)?
    };
    Ok(DocumentView {
        languages,
        editing: working && loaded.can_edit(),
        loaded,
        content,
        links,
        revisions,
        showing,
        missing,
        unreported_groups,
    })
}

/// The working copy as its editors see it: what a refused publication shows again.
pub fn working_copy(
    conn: &mut DbConnection,
    person: Person,
    process_slug: &str,
    document_slug: &str,
) -> Result<DocumentView> {
    let loaded = load_for_editing(conn, person, process_slug, document_slug)?;
    let revisions = store::revisions_of(conn, loaded.document.id)?;
    let content = store::working_content(conn, &loaded.document)?;
    let links = source_links(conn, &loaded.process.slug, &content.nodes)?;
    let (missing, unreported_groups) = lacking(conn, &loaded, &content, true)?;
    Ok(DocumentView {
        languages: Vec::new(),
        editing: loaded.can_edit(),
        loaded,
        content,
        links,
        revisions,
        showing: None,
        missing,
        unreported_groups,
    })
}

/// One published revision as its page shows it.
pub struct RevisionView {
    pub loaded: Loaded,
    pub content: Content,
    pub links: HashMap<Source, String>,
    pub revision: RevisionSummary,
    pub revisions: Vec<RevisionSummary>,
}

pub fn revision(
    conn: &mut DbConnection,
    person: Option<Person>,
    process_slug: &str,
    document_slug: &str,
    revision_slug: &str,
) -> Result<RevisionView> {
    let loaded = load(conn, person, process_slug, document_slug)?;
    let revision =
        store::revision_by_slug(conn, loaded.document.id, revision_slug)?.ok_or(Error::NotFound)?;
    let content = content_of(&revision)?;
    let links = source_links(conn, &loaded.process.slug, &content.nodes)?;
    let revisions = store::revisions_of(conn, loaded.document.id)?;
    Ok(RevisionView {
        loaded,
        content,
        links,
        revision: RevisionSummary {
            number: revision.number,
            label: revision.label,
            slug: revision.slug,
            published_at: revision.published_at,
        },
        revisions,
    })
}

/// The comparison of two texts of a document, each named by its revision's slug or
/// `working`.
pub struct ComparisonView {
    pub loaded: Loaded,
    pub revisions: Vec<RevisionSummary>,
    pub from: String,
    pub to: String,
    /// Each side's revision label; `None` for the working copy.
    pub from_label: Option<String>,
    pub to_label: Option<String>,
    pub comparison: Comparison,
}

/// Compares `from` with `to` (by default, the two latest revisions). The working copy is
/// for those who may read it.
pub fn compare(
    conn: &mut DbConnection,
    person: Option<Person>,
    process_slug: &str,
    document_slug: &str,
    from: String,
    to: String,
) -> Result<ComparisonView> {
    let loaded = load(conn, person, process_slug, document_slug)?;
    let revisions = store::revisions_of(conn, loaded.document.id)?;
    let default_to = revisions.last().map(|r| r.slug.clone()).unwrap_or_default();
    let default_from = revisions
        .iter()
        .rev()
        .nth(1)
        .map(|r| r.slug.clone())
        .unwrap_or_else(|| default_to.clone());
    let from = if from.is_empty() { default_from } else { from };
    let to = if to.is_empty() { default_to } else { to };
    let (from_content, from_label) = side(conn, &loaded, &from)?;
    let (to_content, to_label) = side(conn, &loaded, &to)?;
    Ok(ComparisonView {
        comparison: compare_nodes(&from_content.nodes, &to_content.nodes),
        loaded,
        revisions,
        from,
        to,
        from_label,
        to_label,
    })
}

/// One side of a comparison: its text and its revision's label (`None`: the working copy).
fn side(conn: &mut DbConnection, loaded: &Loaded, slug: &str) -> Result<(Content, Option<String>)> {
    if slug == "working" {
        if !loaded.can_read_working() {
            return Err(Error::Forbidden);
        }
        return Ok((store::working_content(conn, &loaded.document)?, None));
    }
    let revision =
        store::revision_by_slug(conn, loaded.document.id, slug)?.ok_or(Error::NotFound)?;
    let content = revision
        .content()
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("unreadable revision")))?;
    Ok((content, Some(revision.label)))
}

/// The sources the paragraphs of a text cite, every link once per paragraph.
struct Cited<'a>(Vec<&'a Source>);

impl<'a> Cited<'a> {
    fn of(nodes: &'a [Node]) -> Self {
        Cited(
            nodes
                .iter()
                .flat_map(|n| n.provenance.iter().map(|p| &p.source))
                .collect(),
        )
    }

    fn versions(&self) -> Vec<ProposalVersionId> {
        ids_of(&self.0, |s| match s {
            Source::ProposalVersion { id } => Some(*id),
            _ => None,
        })
    }

    fn contributions(&self) -> Vec<ContributionId> {
        ids_of(&self.0, |s| match s {
            Source::Contribution { id } => Some(*id),
            _ => None,
        })
    }
}

/// The language each cited contribution and proposal is written in, for the quotes an
/// export prints from them: two queries.
pub fn source_languages(
    conn: &mut DbConnection,
    nodes: &[Node],
) -> Result<HashMap<Source, TextLanguage>> {
    let cited = Cited::of(nodes);
    let (version_ids, contribution_ids) = (cited.versions(), cited.contributions());
    let mut languages = HashMap::new();
    for (id, language) in store::proposal_version_languages(conn, &version_ids)? {
        languages.insert(Source::ProposalVersion { id }, language);
    }
    for (id, language) in store::contribution_languages(conn, &contribution_ids)? {
        languages.insert(Source::Contribution { id }, language);
    }
    Ok(languages)
}

/// Where each cited source can be read: four queries at most, whatever the number of links.
pub fn source_links(
    conn: &mut DbConnection,
    process_slug: &str,
    nodes: &[Node],
) -> Result<HashMap<Source, String>> {
    let cited = Cited::of(nodes);
    let (version_ids, contribution_ids) = (cited.versions(), cited.contributions());
    let sources = cited.0;
    let document_ids = ids_of(&sources, |s| match s {
        Source::Paragraph { document_id, .. } => Some(*document_id),
        _ => None,
    });
    let mut links = HashMap::new();
    for (id, number, reference) in store::proposal_version_references(conn, &version_ids)? {
        if let Some(reference) = reference {
            let path = format!(
                "{}#version-{number}",
                paths::proposal(process_slug, &reference)
            );
            links.insert(Source::ProposalVersion { id }, path);
        }
    }
    for (id, reference) in store::contribution_references(conn, &contribution_ids)? {
        if let Some(reference) = reference {
            let path = paths::contribution(process_slug, &reference);
            links.insert(Source::Contribution { id }, path);
        }
    }
    let amendment_ids = ids_of(&sources, |s| match s {
        Source::Amendment { id } => Some(*id),
        _ => None,
    });
    for (id, round, number) in
        crate::store::negotiation::amendments::amendment_places(conn, &amendment_ids)?
    {
        let path = format!(
            "{}#amendment-{number}",
            paths::negotiation_round(process_slug, round)
        );
        links.insert(Source::Amendment { id }, path);
    }
    let slugs = store::document_slugs(conn, &document_ids)?;
    for source in sources {
        if let Source::Paragraph {
            document_id,
            node_key,
        } = source
            && let Some((_, slug)) = slugs.iter().find(|(id, _)| id == document_id)
        {
            let path = format!("{}#n-{node_key}", paths::document(process_slug, slug));
            links.insert(source.clone(), path);
        }
    }
    Ok(links)
}

/// The ids `wanted` finds among some sources: those of one kind.
fn ids_of<T>(sources: &[&Source], wanted: impl Fn(&Source) -> Option<T>) -> Vec<T> {
    sources.iter().filter_map(|s| wanted(s)).collect()
}
