//! The database ids of the main aggregates, each its own type, so that a proposal's id cannot
//! be passed where a contribution's is wanted.
//!
//! They are plain numbers to the outside world: `Display` prints the number (addresses,
//! templates, logs) and serde reads and writes the bare number (paths, JSON). Their diesel
//! conversion lives in `db::ids`, so this module stays free of storage.

use std::fmt;
use std::num::ParseIntError;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = ParseIntError;
            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                raw.parse().map($name)
            }
        }

        /// The bare number, for what is deliberately any kind of id (a dataset's cursor).
        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }
    };
}

id_type!(
    /// A contribution's database id.
    ContributionId
);
id_type!(
    /// A proposal's database id (not one of its versions').
    ProposalId
);
id_type!(
    /// One version of a proposal's text, as documents cite it.
    ProposalVersionId
);
id_type!(
    /// A drafting document's database id.
    DocumentId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_reads_and_prints_as_its_bare_number() {
        assert_eq!(ProposalId(42).to_string(), "42");
        assert_eq!(
            serde_json::to_string(&ContributionId(7)).ok().as_deref(),
            Some("7")
        );
        let back: Option<DocumentId> = serde_json::from_str("12").ok();
        assert_eq!(back, Some(DocumentId(12)));
    }
}
