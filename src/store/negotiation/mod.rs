//! Negotiation: delegations and groups of States, rounds, amendments and positions.
//!
//! Named queries only; who may call them is `domain::permissions::can`'s business and the use
//! cases' (`app::negotiation`). Every function takes a `&mut DbConnection` and knows nothing of
//! HTTP.

pub mod amendments;
pub mod delegations;
pub mod rounds;

use crate::db::text_enum::text_enum;
use crate::domain::negotiation::{
    AmendmentKind, AmendmentOutcome, AmendmentStatus, DelegationCategory, RoundVisibility, Stance,
};

text_enum!(DelegationCategory);
text_enum!(RoundVisibility);
text_enum!(AmendmentKind);
text_enum!(AmendmentStatus);
text_enum!(AmendmentOutcome);
text_enum!(Stance);

#[cfg(test)]
mod tests;
