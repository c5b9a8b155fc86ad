//! The one rendering model every writer reads: a document at one revision (or its working
//! copy), numbered, with each paragraph's language and its sources resolved once.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::text::{self, Block, Language, ScriptCount};
use crate::domain::documents::{
    Content, DocumentKind, Node, NodeKind, Number, ParagraphStatus, Provenance, Source, brackets,
    has_status, numbers,
};
use crate::domain::text_language::TextLanguage;
use crate::paths;

/// Which text of the document is exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Version {
    Published {
        number: i32,
        label: String,
        slug: String,
    },
    /// The working copy: not an official text, and marked so in every format.
    Working,
}

impl Version {
    pub fn is_working(&self) -> bool {
        matches!(self, Version::Working)
    }

    /// As it appears in file names and IRIs.
    pub fn slug(&self) -> &str {
        match self {
            Version::Published { slug, .. } => slug,
            Version::Working => "working-copy",
        }
    }
}

/// The words the formats print around the text, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// The language of these words (BCP 47) and its direction.
    pub lang: &'static str,
    pub dir: &'static str,
    /// "Working copy — not an official text".
    pub working_copy: String,
    pub sources: String,
    pub page: String,
    pub page_of: String,
    pub symbol: String,
    pub date: String,
    pub revision: String,
    /// A paragraph's status in the negotiation, written after its text once agreed.
    pub agreed: String,
    pub agreed_ad_ref: String,
}

impl Labels {
    /// The labels in one of the interface's languages.
    pub fn in_language(lang: crate::i18n::Lang) -> Self {
        Labels {
            lang: lang.code(),
            dir: lang.dir(),
            working_copy: lang.t("export-working-copy-mark").into_owned(),
            sources: lang.t("export-sources").into_owned(),
            page: lang.t("export-page").into_owned(),
            page_of: lang.t("export-page-of").into_owned(),
            symbol: lang.t("export-symbol").into_owned(),
            date: lang.t("export-date").into_owned(),
            revision: lang.t("export-revision").into_owned(),
            agreed: lang.t("paragraph-status-agreed").into_owned(),
            agreed_ad_ref: lang.t("paragraph-status-agreed-ad-ref").into_owned(),
        }
    }
}

/// A cited source, once per document however often it is cited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceEntry {
    /// Stable identifier in the Akoma Ntoso references: `src_contribution_12`.
    pub eid: String,
    /// "proposal-version", "contribution" or "paragraph".
    pub kind: &'static str,
    pub label: String,
    /// Where it can be read: an absolute URL, or a URN when it has no page.
    pub href: String,
}

/// One paragraph's use of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Index into `Export::sources`.
    pub source: usize,
    pub quote: String,
    /// The language the source is written in, when it states one (a contribution, a
    /// proposal): its quote's.
    pub language: Option<TextLanguage>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportNode {
    pub key: String,
    pub kind: NodeKind,
    pub number: Option<Number>,
    /// Stable across revisions, from the node's key: `para_k3`, `point_k9`, `sec_k1`.
    pub eid: String,
    /// The text as read (Markdown; a heading's plain text): brackets literal with whom each
    /// alternative cites, and the paragraph's status after it once agreed.
    pub text: String,
    pub blocks: Vec<Block>,
    /// The blocks again with each bracketed passage and alternative between
    /// `brackets::marks`, for writers that mark them up; `None` without brackets.
    pub marked_blocks: Option<Vec<Block>>,
    /// The language of this node's text (the document's unless its script says otherwise).
    pub language: Language,
    pub citations: Vec<Citation>,
}

impl ExportNode {
    pub fn is_heading(&self) -> bool {
        self.kind == NodeKind::Heading
    }

    pub fn is_measure(&self) -> bool {
        self.kind == NodeKind::Measure
    }

    /// What stands in the margin: "12." for a paragraph, "(b)" for a measure.
    pub fn margin(&self) -> String {
        match &self.number {
            Some(Number {
                letter: Some(letter),
                ..
            }) => format!("({letter})"),
            Some(number) => format!("{}.", number.paragraph),
            None => String::new(),
        }
    }

    /// "12" or "12 (b)".
    pub fn display_number(&self) -> Option<String> {
        self.number.as_ref().map(Number::display)
    }
}

/// A document ready to be written in any format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub process_slug: String,
    pub process_title: String,
    /// The language of the process title when it is not the document's (no translation of
    /// it in the document's language: the original), so each format can mark it.
    pub process_title_language: Option<crate::i18n::Lang>,
    pub document_slug: String,
    pub kind: DocumentKind,
    pub title: String,
    pub symbol: String,
    pub version: Version,
    /// The date of this text: its publication, or the working copy's last change.
    pub date: NaiveDate,
    /// When the document was started: the date of the work.
    pub created: NaiveDate,
    /// When this file was made.
    pub generated: NaiveDateTime,
    /// The document's main language, and every language in it (main first).
    pub language: Language,
    pub languages: Vec<Language>,
    pub nodes: Vec<ExportNode>,
    pub sources: Vec<SourceEntry>,
    pub labels: Labels,
    /// The server's public address, for absolute links.
    pub base_url: String,
    /// For a language version, the language of the original it translates.
    pub translation_of: Option<Language>,
}

impl Export {
    pub fn date_iso(&self) -> String {
        self.date.format("%Y-%m-%d").to_string()
    }

    /// "Rev.1", or the working copy's mark.
    pub fn version_label(&self) -> &str {
        match &self.version {
            Version::Published { label, .. } => label,
            Version::Working => &self.labels.working_copy,
        }
    }

    /// The web page of this text.
    pub fn page_url(&self) -> String {
        let (process, document) = (&self.process_slug, &self.document_slug);
        let path = match &self.version {
            Version::Published { slug, .. } => paths::document_revision(process, document, slug),
            Version::Working => format!("{}?view=working", paths::document(process, document)),
        };
        format!("{}{path}", self.base_url)
    }

    pub fn citations_of<'a>(
        &'a self,
        node: &'a ExportNode,
    ) -> impl Iterator<Item = (&'a SourceEntry, &'a Citation)> + 'a {
        node.citations
            .iter()
            .filter_map(|c| self.sources.get(c.source).map(|s| (s, c)))
    }
}

/// What the model is built from.
pub struct Input<'a> {
    pub process_slug: &'a str,
    pub process_title: &'a str,
    /// The title's language when it is not the document's.
    pub process_title_language: Option<crate::i18n::Lang>,
    pub document_slug: &'a str,
    pub kind: DocumentKind,
    pub version: Version,
    pub date: NaiveDate,
    pub created: NaiveDate,
    pub generated: NaiveDateTime,
    pub content: &'a Content,
    /// Where each source is read on this server (paths), as the document pages link them.
    pub source_paths: &'a HashMap<Source, String>,
    /// The language each cited contribution and proposal is written in, which its quotes
    /// are marked with.
    pub source_languages: &'a HashMap<Source, TextLanguage>,
    pub base_url: &'a str,
    pub labels: Labels,
}

/// The language a document is written in: the one it states; revisions published before
/// documents stated one are told from their script.
pub fn document_language(content: &Content) -> Language {
    Language::official(&content.language)
        .or_else(|| {
            let mut whole = ScriptCount::of(&content.title);
            for node in &content.nodes {
                whole.add(&node.text);
            }
            whole.language()
        })
        .unwrap_or(Language::ENGLISH)
}

/// The language of one paragraph of a document written in `document`: its own where its
/// script says so (an Arabic paragraph quoted in an English text), the document's otherwise.
pub fn node_language(text: &str, document: Language) -> Language {
    match ScriptCount::of(text).language() {
        // A Chinese paragraph of a Japanese text, say, is in the text's language.
        Some(own) if own.is_cjk() && document.is_cjk() => document,
        Some(own) => own,
        // Latin letters in a document of another script: most likely English.
        None if !document.is_latin() && has_letters(text) => Language::ENGLISH,
        None => document,
    }
}

/// Builds the model: numbers, languages, stable identifiers and the list of sources.
pub fn build(input: Input<'_>) -> Export {
    let content = input.content;
    let base_url = input.base_url.trim_end_matches('/');
    let language = document_language(content);
    let mut languages = vec![language];

    let mut sources = SourceList::default();
    let mut eids: HashMap<String, usize> = HashMap::new();
    let mut nodes = Vec::with_capacity(content.nodes.len());
    for (node, number) in content.nodes.iter().zip(numbers(&content.nodes)) {
        let node_language = node_language(&node.text, language);
        if !languages.contains(&node_language) {
            languages.push(node_language);
        }
        let prefix = match node.kind {
            NodeKind::Heading => "sec",
            NodeKind::Paragraph => "para",
            NodeKind::Measure => "point",
        };
        let eid = unique(&mut eids, format!("{prefix}_{}", id_part(&node.key)));
        let citations = node
            .provenance
            .iter()
            .map(|p| sources.cite(p, &input, base_url))
            .collect();
        let text = reading_text(node, &input.labels, false);
        let marked = reading_text(node, &input.labels, true);
        nodes.push(ExportNode {
            key: node.key.clone(),
            kind: node.kind,
            number,
            eid,
            blocks: node_blocks(node.kind, &text),
            marked_blocks: (marked != text).then(|| node_blocks(node.kind, &marked)),
            text,
            language: node_language,
            citations,
        });
    }
    let sources = sources.into_entries();

    Export {
        process_slug: input.process_slug.to_string(),
        process_title: input.process_title.to_string(),
        process_title_language: input.process_title_language,
        document_slug: input.document_slug.to_string(),
        kind: input.kind,
        title: content.title.clone(),
        symbol: content.symbol.clone(),
        version: input.version,
        date: input.date,
        created: input.created,
        generated: input.generated,
        language,
        languages,
        nodes,
        sources,
        labels: input.labels,
        base_url: base_url.to_string(),
        translation_of: None,
    }
}

/// A node's text as every format reads it: a heading as written; a paragraph's brackets
/// literal with whom each alternative cites, and its status, once agreed, in italics after it.
/// `marked`: with each passage and alternative between `brackets::marks`.
fn reading_text(node: &Node, labels: &Labels, marked: bool) -> String {
    if !has_status(node.kind) {
        return node.text.clone();
    }
    let reading = || brackets::reading_markdown(&node.text);
    let mut text = if marked {
        brackets::marked_markdown(&node.text).unwrap_or_else(reading)
    } else {
        reading()
    };
    let status = match node.status {
        ParagraphStatus::Pending => return text,
        ParagraphStatus::AgreedAdRef => &labels.agreed_ad_ref,
        ParagraphStatus::Agreed => &labels.agreed,
    };
    text.push_str(&format!("\n\n*({status})*"));
    text
}

/// A heading is one plain run; paragraphs and measures are read as Markdown-like blocks.
fn node_blocks(kind: NodeKind, text: &str) -> Vec<Block> {
    match kind {
        NodeKind::Heading => vec![Block {
            marker: String::new(),
            runs: vec![text::Run {
                text: text.trim().to_string(),
                ..text::Run::default()
            }],
        }],
        _ => text::blocks(text),
    }
}

/// The sources cited so far, each listed once in the order first cited.
#[derive(Default)]
struct SourceList<'a> {
    entries: Vec<SourceEntry>,
    index: HashMap<&'a Source, usize>,
}

impl<'a> SourceList<'a> {
    /// The citation of one provenance link, listing its source if it is new.
    fn cite(&mut self, link: &'a Provenance, input: &Input<'_>, base_url: &str) -> Citation {
        let paths = input.source_paths;
        let entries = &mut self.entries;
        let index = *self.index.entry(&link.source).or_insert_with(|| {
            entries.push(SourceEntry {
                eid: source_eid(&link.source),
                kind: link.source.kind(),
                label: link.label.clone(),
                href: match paths.get(&link.source) {
                    Some(path) => format!("{base_url}{path}"),
                    None => source_urn(&link.source),
                },
            });
            entries.len() - 1
        });
        Citation {
            source: index,
            quote: link.quote.clone(),
            language: input.source_languages.get(&link.source).copied(),
            note: link.note.clone(),
        }
    }

    /// The entries, their identifiers made unique (two labels may map to one sanitised id).
    fn into_entries(self) -> Vec<SourceEntry> {
        let mut entries = self.entries;
        let mut eids: HashMap<String, usize> = HashMap::new();
        for source in &mut entries {
            source.eid = unique(&mut eids, std::mem::take(&mut source.eid));
        }
        entries
    }
}

fn has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

/// The characters of a key that may stand in an identifier (keys are alphanumeric, but older
/// data or imports may hold anything).
fn id_part(raw: &str) -> String {
    let part: String = raw
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if part.is_empty() {
        "x".to_string()
    } else {
        part
    }
}

fn unique(seen: &mut HashMap<String, usize>, id: String) -> String {
    let count = seen.entry(id.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        id
    } else {
        let again = format!("{id}-{count}");
        unique(seen, again)
    }
}

fn source_eid(source: &Source) -> String {
    match source {
        Source::ProposalVersion { id } => format!("src_proposal-version_{id}"),
        Source::Contribution { id } => format!("src_contribution_{id}"),
        Source::Paragraph {
            document_id,
            node_key,
        } => format!("src_paragraph_{document_id}_{}", id_part(node_key)),
        Source::Amendment { id } => format!("src_amendment_{id}"),
    }
}

/// A name for a source that has no page (any longer).
fn source_urn(source: &Source) -> String {
    match source {
        Source::ProposalVersion { id } => format!("urn:concord:proposal-version:{id}"),
        Source::Contribution { id } => format!("urn:concord:contribution:{id}"),
        Source::Paragraph {
            document_id,
            node_key,
        } => format!("urn:concord:paragraph:{document_id}:{}", id_part(node_key)),
        Source::Amendment { id } => format!("urn:concord:amendment:{id}"),
    }
}

#[cfg(test)]
mod tests;
