//! What hangs off a session of an event's programme: its speakers' list and the statements
//! delegations file at it. The choices a form sends, parsed once, and how a list is reordered.
//! Pure: no database, no HTTP.

use super::text_language::TextLanguage;
use super::validation::{self, FieldErrors, Invalid, Title};

/// The longest free name on a speakers' list, in characters.
pub const SPEAKER_NAME_CHARS: usize = 200;
/// The longest statement, in characters.
pub const STATEMENT_CHARS: usize = 20_000;

/// Who is added to a speakers' list: a delegation of the process (by id, checked against the
/// process by the caller), or a name typed as is (an organisation, a guest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeakerChoice {
    Delegation(i64),
    Name(String),
}

impl SpeakerChoice {
    /// The form's two fields: a delegation chosen wins over a name; one of them is required.
    /// A delegation that is not a number is refused beside the field, like an unknown one.
    pub fn parse(delegation: &str, name: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        match delegation.trim() {
            "" => {}
            raw => {
                return raw
                    .parse::<i64>()
                    .map(SpeakerChoice::Delegation)
                    .map_err(|_| {
                        errors.add("speaker_delegation", "event-error-no-such-choice");
                        errors
                    });
            }
        }
        let name = name.trim();
        let key = if name.is_empty() {
            "speaker-error-who"
        } else if name.chars().any(char::is_control) {
            "error-control-characters"
        } else if name.chars().count() > SPEAKER_NAME_CHARS {
            "error-too-long"
        } else {
            return Ok(SpeakerChoice::Name(name.to_string()));
        };
        errors.add("speaker_name", key);
        Err(errors)
    }
}

/// Which way a speaker moves on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => None,
        }
    }
}

/// The list's ids after moving `id` one place; `None` when it cannot move (first up, last
/// down, or not on the list).
pub fn moved(order: &[i64], id: i64, direction: Direction) -> Option<Vec<i64>> {
    let at = order.iter().position(|i| *i == id)?;
    let to = match direction {
        Direction::Up => at.checked_sub(1)?,
        Direction::Down => Some(at + 1).filter(|t| *t < order.len())?,
    };
    let mut order = order.to_vec();
    order.swap(at, to);
    Some(order)
}

/// A statement as its form sends it, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementDraft {
    pub delegation_id: i64,
    pub title: String,
    pub body: String,
    pub language: TextLanguage,
}

/// Parses a statement's fields, every problem beside its field. The delegation is checked
/// against the process and the person by the caller.
pub fn parse_statement(
    delegation: &str,
    title: &str,
    body: &str,
    language: &str,
) -> Result<StatementDraft, FieldErrors> {
    let mut errors = FieldErrors::default();
    let delegation_id = errors.check(
        "delegation",
        delegation
            .trim()
            .parse::<i64>()
            .map_err(|_| Invalid("statement-error-delegation")),
    );
    let title = errors.check("title", Title::parse(title));
    let body = errors.check(
        "body",
        validation::description(body, STATEMENT_CHARS).and_then(|b| {
            if b.is_empty() {
                Err(Invalid("error-required"))
            } else {
                Ok(b)
            }
        }),
    );
    let language = errors.check(
        "language",
        TextLanguage::parse(language.trim()).ok_or(Invalid("error-no-such-language")),
    );
    match (delegation_id, title, body, language) {
        (Some(delegation_id), Some(title), Some(body), Some(language)) if errors.is_empty() => {
            Ok(StatementDraft {
                delegation_id,
                title: title.into_inner(),
                body,
                language,
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delegation_wins_over_a_name_and_one_is_needed() {
        assert_eq!(
            SpeakerChoice::parse("4", "Ignored").ok(),
            Some(SpeakerChoice::Delegation(4))
        );
        assert_eq!(
            SpeakerChoice::parse("", " IOM ").ok(),
            Some(SpeakerChoice::Name("IOM".into()))
        );
        assert!(
            SpeakerChoice::parse("", " ")
                .unwrap_err()
                .get("speaker_name")
                .is_some()
        );
        assert!(
            SpeakerChoice::parse("x", "")
                .unwrap_err()
                .get("speaker_delegation")
                .is_some()
        );
    }

    #[test]
    fn a_speaker_moves_one_place_within_the_list() {
        assert_eq!(moved(&[1, 2, 3], 2, Direction::Up), Some(vec![2, 1, 3]));
        assert_eq!(moved(&[1, 2, 3], 2, Direction::Down), Some(vec![1, 3, 2]));
        assert_eq!(moved(&[1, 2, 3], 1, Direction::Up), None);
        assert_eq!(moved(&[1, 2, 3], 3, Direction::Down), None);
        assert_eq!(moved(&[1, 2, 3], 9, Direction::Down), None);
    }

    #[test]
    fn a_statement_tells_every_problem_beside_its_field() {
        let errors = parse_statement("x", "", "", "xx").unwrap_err();
        for field in ["delegation", "title", "body", "language"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
        let ok = parse_statement("3", "Opening statement", "We welcome.", "fr").expect("valid");
        assert_eq!(ok.language.as_str(), "fr");
    }
}
