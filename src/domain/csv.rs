//! CSV as Concord's files write it: RFC 4180 records ending in `\n`, a field quoted only when
//! it holds a comma, a quote or a line break (its quotes doubled), and no cell a spreadsheet
//! would take for a formula. Byte for byte what the `csv` crate writes with its defaults, of
//! the cells with their formulas defused (a test compares the two), written straight into the
//! caller's buffer: an open-data file is millions of cells, and the crate's writer copied each
//! through a buffer of its own, byte by byte, which was a tenth of a proposals file's time.

/// Whether a spreadsheet would run `text` as a formula (or a command): it starts with
/// `= + - @`, a tab or a carriage return.
fn is_formula(text: &str) -> bool {
    matches!(
        text.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// Appends one record of `cells` to `out`, each formula prefixed with an apostrophe, so that
/// no spreadsheet runs it.
pub fn push_record<C: AsRef<str>>(out: &mut Vec<u8>, cells: &[C]) {
    let start = out.len();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_field(out, cell.as_ref());
    }
    // A record of one empty cell would be a blank line, which readers skip.
    if out.len() == start {
        out.extend_from_slice(b"\"\"");
    }
    out.push(b'\n');
}

/// Records, one a row, as one buffer.
pub fn records<C: AsRef<str>>(rows: impl IntoIterator<Item = Vec<C>>) -> Vec<u8> {
    let mut out = Vec::new();
    for row in rows {
        push_record(&mut out, &row);
    }
    out
}

/// Whether `bytes` hold a comma, a quote or a line break: two vectorised searches, one for
/// three of the bytes and one for the fourth. (One pass comparing the four in plain code, 32
/// bytes at a time, took a sixth of a proposals file's time; these two, about a twelfth.)
fn needs_quotes(bytes: &[u8]) -> bool {
    memchr::memchr3(b',', b'"', b'\n', bytes).is_some() || memchr::memchr(b'\r', bytes).is_some()
}

fn push_field(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let quoted = needs_quotes(bytes);
    if quoted {
        out.push(b'"');
    }
    if is_formula(text) {
        out.push(b'\'');
    }
    if !quoted {
        out.extend_from_slice(bytes);
        return;
    }
    let mut rest = bytes;
    while let Some(at) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=at]);
        out.push(b'"');
        rest = &rest[at + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use proptest::prelude::*;

    use super::*;

    /// A cell as the file holds it, once read back: a formula prefixed with an apostrophe, any
    /// other text as it is.
    fn safe_cell(value: &str) -> Cow<'_, str> {
        match is_formula(value) {
            true => Cow::Owned(format!("'{value}")),
            false => Cow::Borrowed(value),
        }
    }

    /// What the `csv` crate writes of the same cells, made safe first.
    fn crates(rows: &[Vec<String>]) -> Vec<u8> {
        let mut writer = ::csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for row in rows {
            let safe: Vec<Cow<'_, str>> = row.iter().map(|c| safe_cell(c)).collect();
            writer
                .write_record(safe.iter().map(|c| c.as_bytes()))
                .expect("written");
        }
        writer.into_inner().expect("flushed")
    }

    #[test]
    fn fields_are_quoted_only_when_they_must_be_and_formulas_defused() {
        let rows = vec![
            vec!["plain".to_string(), "mobilité · 移民".to_string()],
            vec![
                "a,b".to_string(),
                "say \"yes\"".to_string(),
                "two\nlines".to_string(),
            ],
            vec![
                "=1+1".to_string(),
                "-2".to_string(),
                "@x".to_string(),
                "\r\nx".to_string(),
            ],
            vec![String::new()],
            vec![String::new(), String::new()],
        ];
        let written = records(rows.clone());
        assert_eq!(
            String::from_utf8(written.clone()).expect("UTF-8"),
            "plain,mobilité · 移民\n\
             \"a,b\",\"say \"\"yes\"\"\",\"two\nlines\"\n\
             '=1+1,'-2,'@x,\"'\r\nx\"\n\
             \"\"\n\
             ,\n"
        );
        assert_eq!(written, crates(&rows));
    }

    #[test]
    fn formulas_are_neutralised() {
        let row = vec![
            "=HYPERLINK(\"x\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "Decent work",
            "",
        ];
        assert_eq!(
            String::from_utf8(records([row])).expect("UTF-8"),
            "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@SUM(A1),'\tx,Decent work,\n"
        );
    }

    proptest! {
        /// Whatever the cells hold, the file is the one the `csv` crate writes, and it reads
        /// back as the safe cells.
        #[test]
        fn records_are_what_the_csv_crate_writes(
            rows in prop::collection::vec(
                prop::collection::vec("[a-c,\"\r\n=+@\t -é移]{0,6}", 1..4),
                1..6,
            )
        ) {
            let written = records(rows.clone());
            prop_assert_eq!(&written, &crates(&rows));
            let mut reader = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(written.as_slice());
            let read: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.expect("a record").iter().map(str::to_string).collect())
                .collect();
            let safe: Vec<Vec<String>> = rows
                .iter()
                .map(|row| row.iter().map(|c| safe_cell(c).into_owned()).collect())
                .collect();
            prop_assert_eq!(read, safe);
        }
    }
}
