//! The table of forms: one row per form (who uses it, how many cases, how its paths and
//! fields are drawn, and its valid use when it has one), grouped by area. The order is the
//! order they are fuzzed in: the destructive forms (`closing`) come last.
//!
//! A row's name seeds its cases: renaming a row changes the requests it sends.

mod accounts;
mod admin;
mod closing;
mod contributions;
mod documents;
mod events;
mod fields;
mod negotiation;
mod proposals;

use super::runner::FormSpec;
use super::world::World;

pub(super) fn all(w: &World) -> Vec<FormSpec<'_>> {
    [
        accounts::rows(w),
        contributions::rows(w),
        proposals::rows(w),
        proposals::review_rows(w),
        documents::draft_rows(w),
        documents::report_rows(w),
        admin::rows(w),
        events::rows(w),
        negotiation::rows(w),
        closing::rows(w),
        closing::access_rows(w),
    ]
    .into_iter()
    .flatten()
    .collect()
}
