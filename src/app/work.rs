//! "Your work": what waits for a person who holds staff roles, per process, as counts with
//! somewhere to go: the proposals awaiting review in a rapporteur's groups, the hidden
//! contributions a moderator answers for, the documents the chair and co-facilitators edit
//! (and the group reports still unpublished), the accreditation requests the secretariat
//! decides, and the documents a translator translates into their language (how much is
//! translated, untranslated, out of date). Read with a fixed number of queries, whatever the number of processes or rows.
//! Stakeholders' own work (drafts, invitations) is on their pages, not here.

use std::collections::HashMap;

use super::{Person, Result};
use crate::db::DbConnection;
use crate::domain::documents::Content;
use crate::domain::documents::{CHAIRS_SUMMARY, DRAFT, DocumentKind};
use crate::domain::roles::Role;
use crate::domain::translations::{self, TranslatedFrom};
use crate::i18n::Lang;
use crate::store::work::{self as store, DocumentCount, Held, ToTranslate, TranslatedNode};

/// One thing waiting, with what the page needs to link to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkItem {
    /// Submitted proposals of a rapporteur's group awaiting review.
    Review {
        number: i32,
        name: String,
        awaiting: i64,
    },
    /// Contributions hidden in the process, for its moderators.
    Hidden { count: i64 },
    /// A document the person edits, and how many revisions it has published.
    Document {
        slug: String,
        title: String,
        revisions: i64,
    },
    /// The Chair's summary is not compiled yet.
    CompileSummary,
    /// The draft is not started yet.
    StartDraft,
    /// Groups with no published report yet: the summary cannot draw from them.
    Unreported { count: i64 },
    /// Accreditation requests waiting for the secretariat.
    Accreditations { count: i64 },
    /// A published document a translator translates into `language`, against its latest
    /// revision: paragraphs (and headings) translated, not yet, and out of date.
    Translation {
        slug: String,
        title: String,
        language: Lang,
        translated: usize,
        untranslated: usize,
        out_of_date: usize,
    },
}

/// What waits for the person in one process.
#[derive(Debug, Clone)]
pub struct ProcessWork {
    pub slug: String,
    pub title: String,
    pub items: Vec<WorkItem>,
}

/// The person's work in every process (`None`) or in one, processes without staff roles
/// left out. Nine queries at most.
pub fn work_of(
    conn: &mut DbConnection,
    person: Person,
    process_id: Option<i64>,
) -> Result<Vec<ProcessWork>> {
    let held: Vec<Held> = store::roles_held(conn, person.account_id, process_id)?
        .into_iter()
        .filter(|h| h.role != Role::Stakeholder)
        .collect();
    if held.is_empty() {
        return Ok(Vec::new());
    }
    let where_holds = |role: Role| -> Vec<i64> {
        let mut ids: Vec<i64> = held
            .iter()
            .filter(|h| h.role == role)
            .map(|h| h.process_id)
            .collect();
        ids.dedup();
        ids
    };
    let review_groups: Vec<i64> = held
        .iter()
        .filter(|h| h.role == Role::Rapporteur)
        .filter_map(|h| h.group_id)
        .collect();
    let drafting: Vec<i64> = {
        let mut ids = where_holds(Role::Chair);
        ids.extend(where_holds(Role::CoFacilitator));
        ids.extend(
            held.iter()
                .filter(|h| h.role == Role::Rapporteur)
                .map(|h| h.process_id),
        );
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let awaiting: HashMap<i64, i64> = store::awaiting_review(conn, &review_groups)?
        .into_iter()
        .collect();
    let hidden: HashMap<i64, i64> =
        store::hidden_contributions(conn, &where_holds(Role::Moderator))?
            .into_iter()
            .collect();
    let requests: HashMap<i64, i64> =
        store::pending_accreditations(conn, &where_holds(Role::Secretariat))?
            .into_iter()
            .collect();
    let unreported: HashMap<i64, i64> = store::unreported_groups(conn, &where_holds(Role::Chair))?
        .into_iter()
        .collect();
    let documents = store::documents_of(conn, &drafting)?;
    let sources = translation_sources(conn, &held)?;
    let counts = Counts {
        awaiting,
        hidden,
        requests,
        unreported,
        documents,
        sources,
    };
    let mut work: Vec<ProcessWork> = Vec::new();
    for h in &held {
        let at = match work.iter().position(|w| w.slug == h.process_slug) {
            Some(at) => at,
            None => {
                work.push(ProcessWork {
                    slug: h.process_slug.clone(),
                    title: h.process_title.clone(),
                    items: Vec::new(),
                });
                work.len() - 1
            }
        };
        for item in counts.items_of(h) {
            if !work[at].items.contains(&item) {
                work[at].items.push(item);
            }
        }
    }
    Ok(work)
}

/// The language a translator holds their role for; none for other roles, or for a language
/// not among the six (which grants nothing).
fn language_of(h: &Held) -> Option<Lang> {
    if h.role != Role::Translator {
        return None;
    }
    h.language.as_deref().and_then(Lang::parse)
}

/// The published documents of the processes where the person translates, each with its
/// latest revision's content, and where their translations into the person's languages came
/// from: three queries, none without a translator role.
fn translation_sources(conn: &mut DbConnection, held: &[Held]) -> Result<TranslationSources> {
    let mut processes: Vec<i64> = Vec::new();
    let mut languages: Vec<&str> = Vec::new();
    for (h, language) in held.iter().filter_map(|h| Some((h, language_of(h)?))) {
        processes.push(h.process_id);
        languages.push(language.code());
    }
    processes.sort_unstable();
    processes.dedup();
    languages.sort_unstable();
    languages.dedup();
    // A revision whose content cannot be read is left out of the panel: its own page
    // reports the fault.
    let documents: Vec<(ToTranslate, Content)> = store::latest_revisions_of(conn, &processes)?
        .into_iter()
        .filter_map(|d| {
            let content = d.revision.content()?;
            Some((d, content))
        })
        .collect();
    let ids: Vec<_> = documents.iter().map(|(d, _)| d.document_id).collect();
    let translated = store::translated_nodes(conn, &ids, &languages)?;
    Ok(TranslationSources {
        documents,
        translated,
    })
}

/// What the translators' counts are made from.
struct TranslationSources {
    /// Published documents with their latest revision's content.
    documents: Vec<(ToTranslate, Content)>,
    translated: Vec<TranslatedNode>,
}

/// The counts read for all the person's roles at once.
struct Counts {
    awaiting: HashMap<i64, i64>,
    hidden: HashMap<i64, i64>,
    requests: HashMap<i64, i64>,
    unreported: HashMap<i64, i64>,
    documents: Vec<DocumentCount>,
    sources: TranslationSources,
}

impl Counts {
    /// Every published document of the process not written in `language`, with how far its
    /// version in `language` has come.
    fn translations(&self, process_id: i64, language: Lang) -> Vec<WorkItem> {
        self.sources
            .documents
            .iter()
            .filter(|(d, _)| d.process_id == process_id)
            .filter(|(d, _)| Lang::parse(&d.language).unwrap_or(Lang::En) != language)
            .map(|(d, content)| {
                let from: Vec<TranslatedFrom<'_>> = self
                    .sources
                    .translated
                    .iter()
                    .filter(|t| t.document_id == d.document_id && t.language == language.code())
                    .map(|t| TranslatedFrom {
                        node_key: &t.node_key,
                        source_text: &t.source_text,
                    })
                    .collect();
                let progress = translations::progress(language, &content.nodes, &from);
                WorkItem::Translation {
                    slug: d.slug.clone(),
                    title: d.title.clone(),
                    language,
                    translated: progress.translated(),
                    untranslated: progress.nodes - progress.translated(),
                    out_of_date: progress.out_of_date.len(),
                }
            })
            .collect()
    }

    fn document(
        &self,
        process_id: i64,
        wanted: impl Fn(&DocumentCount) -> bool,
    ) -> Option<WorkItem> {
        self.documents
            .iter()
            .find(|d| d.process_id == process_id && wanted(d))
            .map(|d| WorkItem::Document {
                slug: d.slug.clone(),
                title: d.title.clone(),
                revisions: d.revisions,
            })
    }

    /// What one role held makes waiting.
    fn items_of(&self, h: &Held) -> Vec<WorkItem> {
        let p = h.process_id;
        match h.role {
            Role::Rapporteur => {
                let (Some(group), Some(number)) = (h.group_id, h.group_number) else {
                    return Vec::new();
                };
                let mut items = vec![WorkItem::Review {
                    number,
                    name: h.group_name.clone().unwrap_or_default(),
                    awaiting: self.awaiting.get(&group).copied().unwrap_or(0),
                }];
                items.extend(self.document(p, |d| {
                    d.kind == DocumentKind::GroupReport
                        && d.slug == crate::domain::documents::group_report_slug(number)
                }));
                items
            }
            Role::Moderator => vec![WorkItem::Hidden {
                count: self.hidden.get(&p).copied().unwrap_or(0),
            }],
            Role::Chair => {
                let mut items = vec![
                    self.document(p, |d| d.slug == CHAIRS_SUMMARY)
                        .unwrap_or(WorkItem::CompileSummary),
                ];
                let count = self.unreported.get(&p).copied().unwrap_or(0);
                if count > 0 {
                    items.push(WorkItem::Unreported { count });
                }
                items
            }
            Role::CoFacilitator => {
                let mut items = vec![
                    self.document(p, |d| d.slug == DRAFT)
                        .unwrap_or(WorkItem::StartDraft),
                ];
                items.extend(self.document(p, |d| d.slug == CHAIRS_SUMMARY && d.revisions > 0));
                items
            }
            Role::Secretariat => vec![WorkItem::Accreditations {
                count: self.requests.get(&p).copied().unwrap_or(0),
            }],
            Role::Translator => match language_of(h) {
                Some(language) => self.translations(p, language),
                None => Vec::new(),
            },
            Role::Stakeholder => Vec::new(),
        }
    }
}
