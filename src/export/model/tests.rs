//! The export model's rules: numbers, languages, identifiers and sources.

use super::Language;
use crate::export::sample;

fn languages_of(language: &str, texts: &[&str]) -> (Language, Vec<Language>) {
    let mut content = sample::content();
    content.language = language.into();
    for (node, text) in content.nodes.iter_mut().zip(texts) {
        node.text = (*text).into();
    }
    let export = sample::export_of(&content);
    let nodes = export.nodes.iter().map(|n| n.language).collect();
    (export.language, nodes)
}

#[test]
fn a_document_is_in_the_language_it_states() {
    let french = "Nous nous engageons à renforcer la coopération internationale.";
    let (language, nodes) = languages_of("fr", &[french, sample::ARABIC, "Objectif 1"]);
    assert_eq!(language, Language::FRENCH);
    assert_eq!(
        nodes[..3],
        [Language::FRENCH, Language::ARABIC, Language::FRENCH]
    );

    // An Arabic document quoting an English sentence.
    let (language, nodes) = languages_of("ar", &[sample::ARABIC, "Safe migration"]);
    assert_eq!(language, Language::ARABIC);
    assert_eq!(nodes[..2], [Language::ARABIC, Language::ENGLISH]);
}

#[test]
fn revisions_that_stated_no_language_are_told_from_their_script() {
    let mut content = sample::content();
    content.language = String::new();
    content.title = sample::CHINESE.into();
    for node in &mut content.nodes {
        node.text = sample::CHINESE.into();
    }
    assert_eq!(sample::export_of(&content).language, Language::CHINESE);
    content.language = "xx".into();
    assert_eq!(sample::export_of(&content).language, Language::CHINESE);
}
