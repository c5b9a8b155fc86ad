//! Three-way merge of one paragraph, word by word: what an editor typed on an older text
//! merged with what was saved meanwhile, or both texts when they touch the same words.

/// The outcome of saving an edit made on an older text of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Merge {
    /// Nobody else changed it, or the changes did not overlap: this is the text to save.
    Clean(String),
    /// Both changed the same words: neither text may be lost, so both are shown.
    Conflict { mine: String, theirs: String },
}

/// Three-way merge of one paragraph: `base` is what the editor started from, `mine` what they
/// typed, `theirs` what was saved meanwhile.
pub fn merge(base: &str, mine: &str, theirs: &str) -> Merge {
    if base == theirs || mine == theirs {
        return Merge::Clean(mine.to_string());
    }
    if base == mine {
        return Merge::Clean(theirs.to_string());
    }
    // diff3 merges by line and needs an unchanged line between two changes; merging word by
    // word (each word on its own line, line breaks encoded) lets edits anywhere in a
    // paragraph merge unless they touch the same words.
    match diffy::merge(
        &one_word_a_line(base),
        &one_word_a_line(mine),
        &one_word_a_line(theirs),
    ) {
        Ok(merged) => Merge::Clean(from_word_lines(&merged)),
        Err(_) => Merge::Conflict {
            mine: mine.to_string(),
            theirs: theirs.to_string(),
        },
    }
}

const LINE_BREAK: char = '\u{1}';

fn one_word_a_line(text: &str) -> String {
    let mut lines: String = text
        .split_inclusive([' ', '\n'])
        .map(|word| word.replace('\n', &LINE_BREAK.to_string()))
        .collect::<Vec<_>>()
        .join("\n");
    lines.push('\n');
    lines
}

fn from_word_lines(lines: &str) -> String {
    lines.lines().collect::<String>().replace(LINE_BREAK, "\n")
}
