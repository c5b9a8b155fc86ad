//! The process form: what it holds as typed, how a stored process fills it, and how it parses
//! into a `ProcessDraft`, every problem beside its field. Pure: no database, no HTTP.

use chrono::{NaiveDateTime, TimeZone};
use serde::Deserialize;

use crate::domain::phases::{PhaseKind, Window};
use crate::domain::validation::{self, FieldErrors, ProcessSlug, ReferencePrefix, Title};
use crate::i18n::Lang;
use crate::store::processes::{Process, ProcessDraft, Structure, ThemeKind};

/// The form as typed. Windows are `datetime-local` values in the process's time zone.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ProcessForm {
    pub slug: String,
    pub title: String,
    pub description: String,
    /// The code of the language the process's texts are written in; empty keeps it as it is
    /// (English for a new process).
    pub language: String,
    pub reference_prefix: String,
    pub time_zone: String,
    pub accredit_on_registration: Option<String>,
    pub consultation_opens: String,
    pub consultation_closes: String,
    pub stocktaking_opens: String,
    pub stocktaking_closes: String,
    pub negotiation_opens: String,
    pub negotiation_closes: String,
    pub adoption_opens: String,
    pub adoption_closes: String,
    pub groups: String,
    pub themes: String,
    pub principles: String,
}

const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

impl ProcessForm {
    pub fn window_fields(&self, kind: PhaseKind) -> (&str, &str) {
        match kind {
            PhaseKind::Consultation => (&self.consultation_opens, &self.consultation_closes),
            PhaseKind::Stocktaking => (&self.stocktaking_opens, &self.stocktaking_closes),
            PhaseKind::Negotiation => (&self.negotiation_opens, &self.negotiation_closes),
            PhaseKind::Adoption => (&self.adoption_opens, &self.adoption_closes),
        }
    }

    fn window_fields_mut(&mut self, kind: PhaseKind) -> (&mut String, &mut String) {
        match kind {
            PhaseKind::Consultation => {
                (&mut self.consultation_opens, &mut self.consultation_closes)
            }
            PhaseKind::Stocktaking => (&mut self.stocktaking_opens, &mut self.stocktaking_closes),
            PhaseKind::Negotiation => (&mut self.negotiation_opens, &mut self.negotiation_closes),
            PhaseKind::Adoption => (&mut self.adoption_opens, &mut self.adoption_closes),
        }
    }

    /// The form filled in from a stored process.
    pub fn from_process(process: &Process, structure: &Structure) -> Self {
        let tz = process.tz();
        let local = |at: &NaiveDateTime| tz.from_utc_datetime(at).format(LOCAL_FORMAT).to_string();
        let lines = |kind: ThemeKind| {
            structure
                .themes_of(kind)
                .map(|t| t.name.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let mut form = ProcessForm {
            slug: process.slug.clone(),
            title: process.title.clone(),
            description: process.description.clone(),
            language: process.language.clone(),
            reference_prefix: process.reference_prefix.clone(),
            time_zone: process.time_zone.clone(),
            accredit_on_registration: process.accredit_on_registration.then(|| "on".into()),
            groups: structure
                .groups
                .iter()
                .map(|g| g.name.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            themes: lines(ThemeKind::Theme),
            principles: lines(ThemeKind::Principle),
            ..Default::default()
        };
        for phase in &structure.phases {
            let (opens, closes) = form.window_fields_mut(phase.kind);
            *opens = local(&phase.opens_at);
            *closes = local(&phase.closes_at);
        }
        form
    }

    /// Parses the whole form; every problem is reported beside its field.
    pub fn parse(&self) -> Result<ProcessDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let slug = errors.check("slug", ProcessSlug::parse(&self.slug));
        let title = errors.check("title", Title::parse(&self.title));
        let description = errors.check(
            "description",
            validation::description(&self.description, 5_000),
        );
        let language = errors.check("language", content_language(&self.language));
        let prefix = errors.check(
            "reference_prefix",
            ReferencePrefix::parse(&self.reference_prefix),
        );
        let tz = errors.check("time_zone", validation::time_zone(&self.time_zone));

        let phases = self.parse_windows(tz, &mut errors);

        let groups = errors.check("groups", names(&self.groups, 1, 20));
        let themes = errors.check("themes", names(&self.themes, 0, 50));
        let principles = errors.check("principles", names(&self.principles, 0, 50));

        match (
            slug,
            title,
            description,
            prefix,
            tz,
            groups,
            themes,
            principles,
        ) {
            (
                Some(slug),
                Some(title),
                Some(description),
                Some(prefix),
                Some(tz),
                Some(groups),
                Some(themes),
                Some(principles),
            ) if errors.is_empty() => Ok(ProcessDraft {
                slug: slug.as_str().to_string(),
                title: title.into_inner(),
                description,
                language: language.flatten(),
                reference_prefix: prefix.as_str().to_string(),
                time_zone: tz.name().to_string(),
                accredit_on_registration: self.accredit_on_registration.is_some(),
                phases,
                groups,
                themes,
                principles,
            }),
            _ => Err(errors),
        }
    }

    /// The language picked, as the select sends it.
    pub fn chosen_language(&self) -> &str {
        if self.language.is_empty() {
            Lang::En.code()
        } else {
            &self.language
        }
    }

    /// The phase windows, read in the process's time zone (UTC while it is unreadable).
    fn parse_windows(
        &self,
        tz: Option<chrono_tz::Tz>,
        errors: &mut FieldErrors,
    ) -> Vec<(PhaseKind, Window)> {
        let mut phases = Vec::new();
        for kind in PhaseKind::ALL {
            let (opens_raw, closes_raw) = self.window_fields(kind);
            let (opens_field, closes_field) = phase_field_names(kind);
            let local = |raw: &str| -> Result<NaiveDateTime, validation::Invalid> {
                let naive = NaiveDateTime::parse_from_str(raw.trim(), LOCAL_FORMAT)
                    .map_err(|_| validation::Invalid("error-date-time"))?;
                let tz = tz.unwrap_or(chrono_tz::UTC);
                tz.from_local_datetime(&naive)
                    .earliest()
                    .map(|at| at.naive_utc())
                    .ok_or(validation::Invalid("error-date-time-gap"))
            };
            let opens = errors.check(opens_field, local(opens_raw));
            let closes = errors.check(closes_field, local(closes_raw));
            if let (Some(opens), Some(closes)) = (opens, closes) {
                match Window::new(opens, closes) {
                    Ok(window) => phases.push((kind, window)),
                    Err(_) => errors.add(closes_field, "error-closes-before-opens"),
                }
            }
        }
        phases
    }
}

pub fn phase_field_names(kind: PhaseKind) -> (&'static str, &'static str) {
    match kind {
        PhaseKind::Consultation => ("consultation_opens", "consultation_closes"),
        PhaseKind::Stocktaking => ("stocktaking_opens", "stocktaking_closes"),
        PhaseKind::Negotiation => ("negotiation_opens", "negotiation_closes"),
        PhaseKind::Adoption => ("adoption_opens", "adoption_closes"),
    }
}

/// The language of the process's texts: one of the six by its exact code, or none given.
fn content_language(raw: &str) -> Result<Option<Lang>, validation::Invalid> {
    if raw.is_empty() {
        return Ok(None);
    }
    Lang::ALL
        .into_iter()
        .find(|lang| lang.code() == raw)
        .map(Some)
        .ok_or(validation::Invalid("error-content-language"))
}

/// One name a line, blank lines skipped; `min..=max` of them, each a valid title, no repeats.
fn names(raw: &str, min: usize, max: usize) -> Result<Vec<String>, validation::Invalid> {
    let mut names: Vec<String> = Vec::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let name = Title::parse(line)?.into_inner();
        if names.contains(&name) {
            return Err(validation::Invalid("error-duplicate-name"));
        }
        names.push(name);
    }
    if names.len() < min {
        return Err(validation::Invalid("error-required"));
    }
    if names.len() > max {
        return Err(validation::Invalid("error-too-many"));
    }
    Ok(names)
}
