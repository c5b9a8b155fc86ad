//! Reading Markdown into blocks and runs, and telling a text's language by its script.

use super::*;

#[test]
fn markdown_becomes_styled_blocks() {
    let blocks = blocks(
        "States **commit** to *cooperate* on [data](https://example.org).\n\n- one\n- two\n\n1. first\n2. second",
    );
    assert_eq!(blocks.len(), 5);
    assert_eq!(blocks[0].plain(), "States commit to cooperate on data.");
    assert!(blocks[0].runs.iter().any(|r| r.bold && r.text == "commit"));
    assert!(
        blocks[0]
            .runs
            .iter()
            .any(|r| r.link.as_deref() == Some("https://example.org"))
    );
    assert_eq!(blocks[1].marker, "•");
    assert_eq!(blocks[4].marker, "2.");
    assert_eq!(blocks[4].plain(), "second");
}

#[test]
fn raw_html_is_dropped_and_breaks_become_spaces() {
    let blocks = blocks("one <b>bold</b>\ntwo");
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].plain(), "one bold two");
}

#[test]
fn languages_are_told_by_script() {
    assert_eq!(ScriptCount::of("Safe, orderly migration").language(), None);
    assert_eq!(
        ScriptCount::of("الهجرة الآمنة والمنظمة 2018").language(),
        Some(Language::ARABIC)
    );
    assert_eq!(
        ScriptCount::of("安全、有序和正常移民全球契约").language(),
        Some(Language::CHINESE)
    );
    assert_eq!(
        ScriptCount::of("全球契约 (GCM)").language(),
        Some(Language::CHINESE)
    );
    assert_eq!(
        ScriptCount::of("移住グローバル・コンパクト").language(),
        Some(Language::JAPANESE)
    );
}

#[test]
fn control_characters_are_removed_for_xml() {
    assert_eq!(xml_safe("a\u{c}b\u{1}c\td"), "abc\td");
    assert!(matches!(xml_safe("plain"), Cow::Borrowed(_)));
}
