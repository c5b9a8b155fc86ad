//! A valid use of a form (`Base`), which the fuzzing changes one field at a time: at
//! random (`mutated`), and through every edge value in turn (`edges`).

use proptest::prelude::*;

use super::requests::{Body, Case, PartSpec};
use super::values::value;

/// A valid use of a form, which the fuzzing then changes one field at a time.
#[derive(Debug, Clone)]
pub(super) struct Base {
    path: String,
    pairs: Vec<(String, String)>,
    multipart: bool,
    /// Fields left as they are (changing them would take the form's target away).
    keep: Vec<&'static str>,
}

impl Base {
    pub(super) fn new(path: &str, pairs: &[(&str, &str)]) -> Self {
        Self {
            path: path.to_string(),
            pairs: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            multipart: false,
            keep: Vec::new(),
        }
    }

    /// A form whose pairs are built elsewhere (`helpers::process_form`).
    pub(super) fn from_pairs(path: &str, pairs: Vec<(String, String)>) -> Self {
        Self {
            path: path.to_string(),
            pairs,
            multipart: false,
            keep: Vec::new(),
        }
    }

    pub(super) fn keeping(mut self, field: &'static str) -> Self {
        self.keep.push(field);
        self
    }

    /// The indexes of the fields that may change.
    fn changeable(&self) -> Vec<usize> {
        (0..self.pairs.len())
            .filter(|i| !self.keep.contains(&self.pairs[*i].0.as_str()))
            .collect()
    }

    pub(super) fn multipart(mut self) -> Self {
        self.multipart = true;
        self
    }

    fn case(&self, pairs: Vec<(String, String)>) -> Case {
        Case {
            path: self.path.clone(),
            body: if self.multipart {
                Body::Multipart(
                    pairs
                        .into_iter()
                        .map(|(k, v)| PartSpec::Text(k, v))
                        .collect(),
                )
            } else {
                Body::Form(pairs)
            },
        }
    }

    /// The valid form with one field replaced, removed or sent twice.
    pub(super) fn mutated(self) -> BoxedStrategy<Case> {
        let changeable = self.changeable();
        let fields = changeable.len().max(1);
        (0..fields, value(), 0u8..4)
            .prop_map(move |(i, value, how)| {
                let i = changeable.get(i).copied().unwrap_or(usize::MAX);
                let mut pairs = self.pairs.clone();
                if let Some((name, _)) = pairs.get(i).cloned() {
                    match how {
                        0 | 1 => pairs[i].1 = value,
                        2 => {
                            pairs.remove(i);
                        }
                        _ => pairs.push((name, value)),
                    }
                }
                self.case(pairs)
            })
            .boxed()
    }

    /// The valid form with each field in turn set to each edge value.
    pub(super) fn edges(&self) -> Vec<Case> {
        let edges = [
            "a\u{0}b".to_string(),
            "\u{202E}<script>alert(1)</script>\u{FEFF}".to_string(),
            "-9223372036854775809".to_string(),
            "\u{10FFFF}\u{FFFD}\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}".to_string(),
            "移".repeat(40_000),
        ];
        let mut cases = vec![self.case(self.pairs.clone())];
        for i in self.changeable() {
            for edge in &edges {
                let mut pairs = self.pairs.clone();
                pairs[i].1 = edge.clone();
                cases.push(self.case(pairs));
            }
        }
        cases
    }
}
