//! Who comes to an event: the states of a registration, who gets a place and who waits, and
//! the sign-in sheet read from a CSV file.
//!
//! A place is given in the order people register: while the event has a free place and
//! nobody is waiting, a newcomer is registered; otherwise they join the waiting list, whose
//! head moves up when a place is freed. Attendance is a time on the same row, so a person
//! counts once per event however they were recorded. Pure: no database, no HTTP.

use super::validation::Email;

/// Where a person stands for an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegistrationStatus {
    /// Has a place.
    Registered,
    /// Waits for a place, in the order of registration.
    Waitlisted,
    /// Registered, then cancelled.
    Cancelled,
    /// Attended without registering, recorded by the secretariat.
    WalkIn,
}

impl RegistrationStatus {
    pub const ALL: [RegistrationStatus; 4] = [
        RegistrationStatus::Registered,
        RegistrationStatus::Waitlisted,
        RegistrationStatus::Cancelled,
        RegistrationStatus::WalkIn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Registered => "registered",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Cancelled => "cancelled",
            RegistrationStatus::WalkIn => "walk-in",
        }
    }

    pub fn parse(raw: &str) -> Option<RegistrationStatus> {
        RegistrationStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == raw)
    }

    pub fn label_key(self) -> String {
        format!("attendance-status-{}", self.as_str())
    }

    /// Whether the person holds or waits for a place (and so may cancel).
    pub fn is_active(self) -> bool {
        matches!(
            self,
            RegistrationStatus::Registered | RegistrationStatus::Waitlisted
        )
    }
}

/// Where a newcomer goes, with `taken` places held and `waiting` people on the list: a place
/// only while one is free and nobody waits for it before them.
pub fn status_of_newcomer(capacity: Option<i32>, taken: i64, waiting: i64) -> RegistrationStatus {
    match capacity {
        Some(cap) if taken >= i64::from(cap) || waiting > 0 => RegistrationStatus::Waitlisted,
        _ => RegistrationStatus::Registered,
    }
}

/// How many of the waiting may move up when `taken` places are held.
pub fn places_to_promote(capacity: Option<i32>, taken: i64, waiting: i64) -> i64 {
    match capacity {
        None => waiting,
        Some(cap) => (i64::from(cap) - taken).clamp(0, waiting),
    }
}

/// Places left, or `None` when there is no cap.
pub fn places_left(capacity: Option<i32>, taken: i64) -> Option<i64> {
    capacity.map(|cap| (i64::from(cap) - taken).max(0))
}

/// The largest capacity the form takes.
pub const MAX_CAPACITY: i32 = 100_000;

/// The capacity as typed: empty is no cap; otherwise a whole number from 1.
pub fn parse_capacity(raw: &str) -> Result<Option<i32>, super::validation::Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<i32>() {
        Ok(n) if (1..=MAX_CAPACITY).contains(&n) => Ok(Some(n)),
        _ => Err(super::validation::Invalid("event-error-capacity")),
    }
}

/// The largest sign-in sheet read, in bytes.
pub const SHEET_MAX_BYTES: usize = 512 * 1024;
/// The most rows (besides the header) a sheet may hold.
pub const SHEET_MAX_ROWS: usize = 2_000;

/// Why a whole sheet is refused before its rows are looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetError {
    Empty,
    TooLarge,
    TooManyRows,
    NotUtf8,
    NoEmailColumn,
    Unreadable,
}

impl SheetError {
    pub fn key(self) -> &'static str {
        match self {
            SheetError::Empty => "sheet-error-empty",
            SheetError::TooLarge => "sheet-error-too-large",
            SheetError::TooManyRows => "sheet-error-too-many-rows",
            SheetError::NotUtf8 => "sheet-error-not-utf8",
            SheetError::NoEmailColumn => "sheet-error-no-email-column",
            SheetError::Unreadable => "sheet-error-unreadable",
        }
    }
}

/// What is wrong with one row of a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowProblem {
    Malformed,
    Duplicate,
    UnknownEmail,
}

impl RowProblem {
    pub fn key(self) -> &'static str {
        match self {
            RowProblem::Malformed => "sheet-row-malformed",
            RowProblem::Duplicate => "sheet-row-duplicate",
            RowProblem::UnknownEmail => "sheet-row-unknown",
        }
    }
}

/// A row that cannot be imported: its line in the file, what it held, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    pub line: u64,
    pub email: String,
    pub problem: RowProblem,
}

/// A row read from a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub line: u64,
    pub email: Email,
}

/// What a sheet holds: its good rows, and every bad one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    pub rows: Vec<SheetRow>,
    pub bad: Vec<BadRow>,
}

/// Reads a sign-in sheet: UTF-8 with or without a byte-order mark, a header row naming an
/// `email` column (any case; other columns ignored), separated by commas or semicolons
/// (whichever the header uses more). Blank rows are skipped; a malformed address or one
/// already seen is a bad row, with its line.
pub fn read_sheet(bytes: &[u8]) -> Result<Sheet, SheetError> {
    if bytes.len() > SHEET_MAX_BYTES {
        return Err(SheetError::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| SheetError::NotUtf8)?;
    let header = text.lines().next().unwrap_or("");
    if header.trim().is_empty() {
        return Err(SheetError::Empty);
    }
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let column = reader
        .headers()
        .map_err(|_| SheetError::Unreadable)?
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case("email"))
        .ok_or(SheetError::NoEmailColumn)?;
    let mut sheet = Sheet::default();
    let mut seen: Vec<Email> = Vec::new();
    let mut count = 0;
    for record in reader.records() {
        let record = record.map_err(|_| SheetError::Unreadable)?;
        // The line where the record starts, counted in the text itself: the reader does not
        // count the blank lines it skips.
        let line = record.position().map_or(0, |p| {
            let bytes = text.as_bytes();
            let mut at = usize::try_from(p.byte())
                .unwrap_or(usize::MAX)
                .min(bytes.len());
            // The position may be that of the blank lines before the record.
            while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r') {
                at += 1;
            }
            bytes[..at].iter().filter(|b| **b == b'\n').count() as u64 + 1
        });
        let raw = record.get(column).unwrap_or("").trim();
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        count += 1;
        if count > SHEET_MAX_ROWS {
            return Err(SheetError::TooManyRows);
        }
        let problem = match Email::parse(raw) {
            Err(_) => Some(RowProblem::Malformed),
            Ok(email) if seen.contains(&email) => Some(RowProblem::Duplicate),
            Ok(email) => {
                seen.push(email.clone());
                sheet.rows.push(SheetRow { line, email });
                None
            }
        };
        if let Some(problem) = problem {
            sheet.bad.push(BadRow {
                line,
                email: raw.to_string(),
                problem,
            });
        }
    }
    if sheet.rows.is_empty() && sheet.bad.is_empty() {
        return Err(SheetError::Empty);
    }
    Ok(sheet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newcomer_waits_past_the_cap_or_behind_someone_waiting() {
        use RegistrationStatus::*;
        assert_eq!(status_of_newcomer(None, 500, 0), Registered);
        assert_eq!(status_of_newcomer(Some(2), 1, 0), Registered);
        assert_eq!(status_of_newcomer(Some(2), 2, 0), Waitlisted);
        assert_eq!(status_of_newcomer(Some(3), 1, 1), Waitlisted);
        assert_eq!(places_to_promote(Some(3), 1, 5), 2);
        assert_eq!(places_to_promote(Some(3), 4, 5), 0);
        assert_eq!(places_to_promote(None, 4, 5), 5);
        assert_eq!(places_left(Some(3), 4), Some(0));
        assert_eq!(places_left(None, 4), None);
    }

    #[test]
    fn the_capacity_is_empty_or_a_whole_number_from_one() {
        assert_eq!(parse_capacity(" "), Ok(None));
        assert_eq!(parse_capacity("40"), Ok(Some(40)));
        for bad in ["0", "-3", "2.5", "many", "100001"] {
            assert!(parse_capacity(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_sheet_is_read_with_a_bom_and_semicolons() {
        let sheet = read_sheet(
            "\u{FEFF}Name;E-mail;EMAIL\nAda;x;Ada@Example.org\n\n\"Bo; Jr\";y;bo@example.org\n"
                .as_bytes(),
        )
        .expect("read");
        let emails: Vec<(u64, &str)> = sheet
            .rows
            .iter()
            .map(|r| (r.line, r.email.as_str()))
            .collect();
        assert_eq!(emails, [(2, "ada@example.org"), (4, "bo@example.org")]);
        assert!(sheet.bad.is_empty());
    }

    #[test]
    fn bad_rows_are_told_with_their_lines() {
        let sheet = read_sheet(b"email,name\na@example.org,A\nnot-an-address,B\nA@example.org,C\n")
            .expect("read");
        assert_eq!(sheet.rows.len(), 1);
        let bad: Vec<(u64, RowProblem)> = sheet.bad.iter().map(|b| (b.line, b.problem)).collect();
        assert_eq!(
            bad,
            [(3, RowProblem::Malformed), (4, RowProblem::Duplicate)]
        );
    }

    #[test]
    fn a_sheet_without_its_column_or_too_big_is_refused_whole() {
        assert_eq!(read_sheet(b"name\nAda\n"), Err(SheetError::NoEmailColumn));
        assert_eq!(read_sheet(b""), Err(SheetError::Empty));
        assert_eq!(read_sheet(b"email\n"), Err(SheetError::Empty));
        assert_eq!(read_sheet(b"email\n\xFF\n"), Err(SheetError::NotUtf8));
        let big = vec![b'a'; SHEET_MAX_BYTES + 1];
        assert_eq!(read_sheet(&big), Err(SheetError::TooLarge));
        let mut many = String::from("email\n");
        for i in 0..=SHEET_MAX_ROWS {
            many.push_str(&format!("p{i}@example.org\n"));
        }
        assert_eq!(read_sheet(many.as_bytes()), Err(SheetError::TooManyRows));
    }
}
