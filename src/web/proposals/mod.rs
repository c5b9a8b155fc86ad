//! Commitment proposals: the public list and pages, version comparison, the writing form
//! with drafts, withdrawal and co-sponsorship; and the action group page that lists them.
//!
//! Handlers extract, call a use case or read of `app::proposals` (where every check is
//! made: accreditation, the stocktaking window, authorship, the proposal's state) and
//! render. This module holds no query and no transaction; it owns addresses and pages.

pub mod actions;
pub mod compare;
pub mod edit;
pub mod groups;
pub mod list;
pub mod show;
pub mod submit;

use actix_web::{Scope, web};

use crate::app::proposals::Writer;
use crate::web::error::AppError;
use crate::web::session::Visitor;

/// The routes under `/p/{process}/proposals`. The fixed segments come before `{reference}`
/// so `new` and `drafts` are never taken for a reference.
pub fn routes() -> Scope {
    web::scope("/p/{process}/proposals")
        .service(list::list)
        .service(edit::new_form)
        .service(submit::create)
        .service(edit::edit_form)
        .service(submit::save)
        .service(show::show)
        .service(compare::compare)
        .service(actions::withdraw)
        .service(actions::invite)
        .service(actions::answer)
}

/// The writer of this request: a signed-in participant, or one whose session timed out
/// while writing (their text is still theirs to keep). Anyone else is sent to sign in.
pub fn writer_of(visitor: &Visitor, next: String) -> Result<Writer, AppError> {
    match (visitor.user(), visitor.expired()) {
        (Some(user), _) => Ok(Writer::SignedIn(user.id)),
        (None, Some(expired)) => Ok(Writer::Expired(expired.account_id)),
        (None, None) => Err(AppError::SignInRequired { next }),
    }
}

/// Splits a stored text into its non-empty lines, for paragraphs and list items.
pub fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    /// Every message key the proposal templates and code use exists in English.
    #[test]
    fn every_key_used_exists() {
        use crate::domain::proposals::ProposalStatus;
        use crate::domain::proposals::text::Field;
        use crate::i18n::Lang;
        for field in Field::ALL {
            assert!(
                Lang::En.has_own(&field.label_key()),
                "{}",
                field.label_key()
            );
            assert!(Lang::En.has_own(&field.hint_key()), "{}", field.hint_key());
        }
        for status in ProposalStatus::ALL {
            assert!(
                Lang::En.has_own(&status.label_key()),
                "{}",
                status.label_key()
            );
        }
    }
}
