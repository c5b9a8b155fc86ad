//! The texts of a proposal: its fields, parsed once for a draft or for a submission, their
//! canonical form (what a version's content hash is computed from), and the comparison of
//! two versions field by field.

use serde::{Deserialize, Serialize};

use crate::domain::diff::{self, Segment};
use crate::domain::validation::Invalid;

/// One of the texts of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Commitment,
    /// One measure per line.
    ActionableMeasures,
    Partnerships,
    CapacityBuilding,
    Financing,
    Data,
    ResponsibleActors,
    SdgTargets,
    Timeline,
    Indicators,
}

impl Field {
    /// In the order a proposal reads.
    pub const ALL: [Field; 11] = [
        Field::Title,
        Field::Commitment,
        Field::ActionableMeasures,
        Field::Partnerships,
        Field::CapacityBuilding,
        Field::Financing,
        Field::Data,
        Field::ResponsibleActors,
        Field::SdgTargets,
        Field::Timeline,
        Field::Indicators,
    ];

    /// The four overarching means of implementation.
    pub const MEANS: [Field; 4] = [
        Field::Partnerships,
        Field::CapacityBuilding,
        Field::Financing,
        Field::Data,
    ];

    pub const TITLE_MAX_CHARS: usize = 300;
    pub const TEXT_MAX_CHARS: usize = 10_000;
    pub const MAX_MEASURES: usize = 100;

    /// The form field's name and the draft's JSON key.
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Commitment => "commitment",
            Field::ActionableMeasures => "actionable_measures",
            Field::Partnerships => "partnerships",
            Field::CapacityBuilding => "capacity_building",
            Field::Financing => "financing",
            Field::Data => "data",
            Field::ResponsibleActors => "responsible_actors",
            Field::SdgTargets => "sdg_targets",
            Field::Timeline => "timeline",
            Field::Indicators => "indicators",
        }
    }

    pub fn parse(raw: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == raw)
    }

    pub fn label_key(self) -> String {
        format!("proposal-field-{}", self.name().replace('_', "-"))
    }

    pub fn hint_key(self) -> String {
        format!("proposal-hint-{}", self.name().replace('_', "-"))
    }

    pub fn max_chars(self) -> usize {
        match self {
            Field::Title => Self::TITLE_MAX_CHARS,
            _ => Self::TEXT_MAX_CHARS,
        }
    }

    pub fn is_multi_line(self) -> bool {
        self != Field::Title
    }

    /// What a submitted proposal cannot do without; the rest may stay empty.
    pub fn is_required(self) -> bool {
        matches!(
            self,
            Field::Title | Field::Commitment | Field::ActionableMeasures
        )
    }

    pub fn is_means(self) -> bool {
        Field::MEANS.contains(&self)
    }
}

/// The texts of a proposal as written: what a form holds, what a draft keeps, and what a
/// version stores. Unparsed: see `DraftText` and `SubmittedText`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProposalText {
    pub title: String,
    pub commitment: String,
    pub actionable_measures: String,
    pub partnerships: String,
    pub capacity_building: String,
    pub financing: String,
    pub data: String,
    pub responsible_actors: String,
    pub sdg_targets: String,
    pub timeline: String,
    pub indicators: String,
}

/// A refusal of one field.
pub type FieldError = (Field, Invalid);

impl ProposalText {
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Title => &self.title,
            Field::Commitment => &self.commitment,
            Field::ActionableMeasures => &self.actionable_measures,
            Field::Partnerships => &self.partnerships,
            Field::CapacityBuilding => &self.capacity_building,
            Field::Financing => &self.financing,
            Field::Data => &self.data,
            Field::ResponsibleActors => &self.responsible_actors,
            Field::SdgTargets => &self.sdg_targets,
            Field::Timeline => &self.timeline,
            Field::Indicators => &self.indicators,
        }
    }

    pub fn get_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::Title => &mut self.title,
            Field::Commitment => &mut self.commitment,
            Field::ActionableMeasures => &mut self.actionable_measures,
            Field::Partnerships => &mut self.partnerships,
            Field::CapacityBuilding => &mut self.capacity_building,
            Field::Financing => &mut self.financing,
            Field::Data => &mut self.data,
            Field::ResponsibleActors => &mut self.responsible_actors,
            Field::SdgTargets => &mut self.sdg_targets,
            Field::Timeline => &mut self.timeline,
            Field::Indicators => &mut self.indicators,
        }
    }

    /// The fields that are not empty, in order.
    pub fn filled(&self) -> impl Iterator<Item = (Field, &str)> {
        Field::ALL
            .into_iter()
            .map(|f| (f, self.get(f)))
            .filter(|(_, text)| !text.is_empty())
    }
}

/// Trims a field, normalises its line ends, and refuses control characters and excess length
/// (counted in characters, so every script gets the same room).
fn tidy(field: Field, raw: &str) -> Result<String, Invalid> {
    let value = raw.trim().replace("\r\n", "\n").replace('\r', "\n");
    let allowed = |c: char| !c.is_control() || (field.is_multi_line() && matches!(c, '\n' | '\t'));
    if !value.chars().all(allowed) {
        return Err(Invalid("error-control-characters"));
    }
    if value.chars().count() > field.max_chars() {
        return Err(Invalid("error-too-long"));
    }
    Ok(value)
}

/// Measures one per line: blank lines dropped, each line trimmed.
fn measures_of(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// What a draft may hold: any field may be empty or unfinished, but none too long or with
/// characters that cannot be stored or shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftText(ProposalText);

impl DraftText {
    pub fn parse(raw: &ProposalText) -> Result<Self, Vec<FieldError>> {
        let mut text = ProposalText::default();
        let mut errors = Vec::new();
        for field in Field::ALL {
            match tidy(field, raw.get(field)) {
                Ok(value) => *text.get_mut(field) = value,
                Err(invalid) => errors.push((field, invalid)),
            }
        }
        if errors.is_empty() {
            Ok(Self(text))
        } else {
            Err(errors)
        }
    }

    pub fn text(&self) -> &ProposalText {
        &self.0
    }

    pub fn into_text(self) -> ProposalText {
        self.0
    }
}

/// A proposal ready to become a version: a draft's checks, plus a title of a few
/// characters, a commitment, and at least one actionable measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmittedText(ProposalText);

impl SubmittedText {
    pub const TITLE_MIN_CHARS: usize = 3;

    pub fn parse(raw: &ProposalText) -> Result<Self, Vec<FieldError>> {
        let mut text = DraftText::parse(raw)?.into_text();
        text.actionable_measures = measures_of(&text.actionable_measures)
            .collect::<Vec<_>>()
            .join("\n");
        let mut errors = Vec::new();
        for field in Field::ALL {
            if field.is_required() && text.get(field).is_empty() {
                errors.push((field, Invalid("error-required")));
            }
        }
        if !text.title.is_empty() && text.title.chars().count() < Self::TITLE_MIN_CHARS {
            errors.push((Field::Title, Invalid("proposal-error-title-short")));
        }
        if measures_of(&text.actionable_measures).count() > Field::MAX_MEASURES {
            errors.push((Field::ActionableMeasures, Invalid("error-too-many")));
        }
        if errors.is_empty() {
            Ok(Self(text))
        } else {
            Err(errors)
        }
    }

    pub fn text(&self) -> &ProposalText {
        &self.0
    }

    pub fn title(&self) -> &str {
        &self.0.title
    }

    /// What the content hash of a version is computed from: every field, by name, in a fixed
    /// order, as JSON, so the same texts always give the same hash.
    pub fn canonical_form(&self) -> String {
        canonical_form(&self.0)
    }
}

/// The canonical serialisation of a version's texts (see `SubmittedText::canonical_form`);
/// also used to check a stored version against its hash.
pub fn canonical_form(text: &ProposalText) -> String {
    let pairs: Vec<[&str; 2]> = Field::ALL
        .into_iter()
        .map(|f| [f.name(), text.get(f)])
        .collect();
    serde_json::to_string(&pairs).unwrap_or_default()
}

/// The actionable measures of a stored text, one per line.
pub fn measures(text: &ProposalText) -> Vec<&str> {
    measures_of(&text.actionable_measures).collect()
}

/// The word-level differences of one field between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: Field,
    pub segments: Vec<Segment>,
}

impl FieldChange {
    pub fn changed(&self) -> bool {
        diff::differs(&self.segments)
    }
}

/// Every field of two versions, compared word by word.
pub fn compare(old: &ProposalText, new: &ProposalText) -> Vec<FieldChange> {
    Field::ALL
        .into_iter()
        .map(|field| FieldChange {
            field,
            segments: diff::word_diff(old.get(field), new.get(field)),
        })
        .collect()
}

#[cfg(test)]
mod tests;
