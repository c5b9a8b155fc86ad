//! Commitment proposals: the public list and pages, version comparison, the writing form
//! with drafts, withdrawal and co-sponsorship; and the action group page that lists them.
//!
//! Every request is checked here on the server: accreditation (`can`), the stocktaking
//! window, authorship, and the proposal's state (`domain::proposals`). A text someone sent
//! is never thrown away: a closed window or an expired session keeps it as their draft.

pub mod actions;
pub mod compare;
pub mod edit;
pub mod form;
pub mod groups;
pub mod list;
pub mod show;
pub mod submit;

use actix_web::{Scope, web};

use crate::db::DbConnection;
use crate::domain::permissions::Actor;
use crate::domain::proposals::reference_slug;
use crate::store::accounts::{self, Account};
use crate::store::roles;
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

/// The public page of a proposal.
pub fn proposal_path(process_slug: &str, reference: &str) -> String {
    format!("/p/{process_slug}/proposals/{}", reference_slug(reference))
}

/// The private page where its author edits a proposal.
pub fn draft_path(process_slug: &str, proposal_id: i64) -> String {
    format!("/p/{process_slug}/proposals/drafts/{proposal_id}")
}

/// Who sends a proposal's text: a signed-in participant, or one whose session timed out
/// while writing (their text is still theirs to keep).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    SignedIn(i64),
    Expired(i64),
}

impl Writer {
    /// The writer of this request; anyone else is sent to sign in.
    pub fn of(visitor: &Visitor, next: String) -> Result<Writer, AppError> {
        match (visitor.user(), visitor.expired()) {
            (Some(user), _) => Ok(Writer::SignedIn(user.id)),
            (None, Some(expired)) => Ok(Writer::Expired(expired.account_id)),
            (None, None) => Err(AppError::SignInRequired { next }),
        }
    }

    pub fn account_id(self) -> i64 {
        match self {
            Writer::SignedIn(id) | Writer::Expired(id) => id,
        }
    }

    pub fn is_expired(self) -> bool {
        matches!(self, Writer::Expired(_))
    }
}

/// An account's standing in a process, built from the account itself rather than the
/// session, so a writer whose session expired is judged by the same rules.
pub fn account_in(
    conn: &mut DbConnection,
    process_id: i64,
    account_id: i64,
) -> Result<(Account, Actor), AppError> {
    let account = accounts::account_by_id(conn, account_id)?.ok_or(AppError::Forbidden)?;
    if account.disabled {
        return Err(AppError::Forbidden);
    }
    let actor = Actor {
        account_id: Some(account.id),
        is_admin: account.is_admin,
        grants: roles::grants_in_process(conn, process_id, account.id)?,
    };
    Ok((account, actor))
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
