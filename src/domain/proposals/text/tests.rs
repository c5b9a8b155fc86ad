//! The proposal text's rules: drafts, submissions, fields and their limits.

use super::*;

fn complete() -> ProposalText {
    ProposalText {
        title: "Safe pathways for migrant workers".into(),
        commitment: "We commit to open regular pathways.".into(),
        actionable_measures: "Bilateral labour agreements\n\n  Portable social security  \n".into(),
        financing: "A fund, replenished each year.".into(),
        ..ProposalText::default()
    }
}

#[test]
fn a_draft_may_be_unfinished_but_not_unreadable() {
    let empty = DraftText::parse(&ProposalText::default()).expect("an empty draft");
    assert_eq!(empty.text(), &ProposalText::default());

    let mut raw = ProposalText {
        title: "  A title \r\n".into(),
        commitment: "line one\r\nline two".into(),
        ..ProposalText::default()
    };
    let draft = DraftText::parse(&raw).expect("valid");
    assert_eq!(draft.text().title, "A title");
    assert_eq!(draft.text().commitment, "line one\nline two");

    raw.data = "nul\u{0}byte".into();
    raw.title = "two\nlines".into();
    raw.indicators = "م".repeat(Field::TEXT_MAX_CHARS + 1);
    let errors = DraftText::parse(&raw).expect_err("refused");
    assert_eq!(
        errors,
        vec![
            (Field::Title, Invalid("error-control-characters")),
            (Field::Data, Invalid("error-control-characters")),
            (Field::Indicators, Invalid("error-too-long")),
        ]
    );
}

#[test]
fn lengths_count_characters_not_bytes() {
    let raw = ProposalText {
        commitment: "移".repeat(Field::TEXT_MAX_CHARS),
        ..complete()
    };
    assert!(SubmittedText::parse(&raw).is_ok());
}

#[test]
fn a_submission_needs_title_commitment_and_measures() {
    let errors = SubmittedText::parse(&ProposalText::default()).expect_err("refused");
    let fields: Vec<Field> = errors.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        [Field::Title, Field::Commitment, Field::ActionableMeasures]
    );
    let short = ProposalText {
        title: "Hi".into(),
        ..complete()
    };
    assert_eq!(
        SubmittedText::parse(&short),
        Err(vec![(Field::Title, Invalid("proposal-error-title-short"))])
    );
    let blank_measures = ProposalText {
        actionable_measures: "\n  \n".into(),
        ..complete()
    };
    assert!(SubmittedText::parse(&blank_measures).is_err());
}

#[test]
fn measures_are_one_per_line() {
    let submitted = SubmittedText::parse(&complete()).expect("valid");
    assert_eq!(
        measures(submitted.text()),
        ["Bilateral labour agreements", "Portable social security"]
    );
    assert_eq!(
        submitted.text().actionable_measures,
        "Bilateral labour agreements\nPortable social security"
    );
}

#[test]
fn the_canonical_form_names_every_field_in_order() {
    let submitted = SubmittedText::parse(&complete()).expect("valid");
    let canonical = submitted.canonical_form();
    assert!(canonical.starts_with(r#"[["title","Safe pathways for migrant workers"],"#));
    assert!(canonical.ends_with(r#"["indicators",""]]"#));
    let mut changed = complete();
    changed.data = "x".into();
    let other = SubmittedText::parse(&changed).expect("valid");
    assert_ne!(canonical, other.canonical_form());
}

#[test]
fn comparing_versions_field_by_field() {
    let old = complete();
    let new = ProposalText {
        commitment: "We commit to open more regular pathways.".into(),
        ..complete()
    };
    let changes = compare(&old, &new);
    assert_eq!(changes.len(), Field::ALL.len());
    let changed: Vec<Field> = changes
        .iter()
        .filter(|c| c.changed())
        .map(|c| c.field)
        .collect();
    assert_eq!(changed, [Field::Commitment]);
}

#[test]
fn field_names_round_trip() {
    for field in Field::ALL {
        assert_eq!(Field::parse(field.name()), Some(field));
    }
    assert_eq!(
        Field::CapacityBuilding.label_key(),
        "proposal-field-capacity-building"
    );
    assert!(Field::Data.is_means() && !Field::Title.is_means());
}
