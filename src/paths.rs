//! The route table: every address a page links to or a handler redirects to, written once.
//!
//! Each route is a pattern (as the handler's `#[get]`/`#[post]` spells it, scope included)
//! and a function that fills it. Handlers, templates (`crate::paths::…` in a template) and
//! the use cases that say where to go next build their addresses here, never by hand; the route suite checks that every pattern here is a
//! route the server registers, so renaming a route cannot leave a dead link behind. The
//! segments filled in are slugs, references, numbers and keys, all URL-safe by construction.

use crate::domain::proposals::reference_slug;

/// Fills a pattern's `{…}` placeholders with `values`, in order.
fn fill(pattern: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut values = values.iter();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        out.push_str(values.next().copied().unwrap_or_default());
        rest = &rest[close.min(rest.len())..];
    }
    out.push_str(rest);
    out
}

macro_rules! routes {
    ($( $(#[$doc:meta])* $name:ident = $pattern:literal ($($arg:ident),*); )*) => {
        /// Every pattern of the table, for the suite that checks them against the server.
        pub const ALL: &[&str] = &[$($pattern),*];
        $(
            $(#[$doc])*
            pub fn $name($($arg: impl std::fmt::Display),*) -> String {
                fill($pattern, &[$(&$arg.to_string()),*])
            }
        )*
    };
}

routes! {
    home = "/" ();
    language = "/language" ();
    register = "/register" ();
    login = "/login" ();
    logout = "/logout" ();
    account = "/account" ();
    account_password = "/account/password" ();
    account_notifications = "/account/notifications" ();
    /// Sends the link that confirms the account's address again.
    account_confirmation = "/account/confirmation" ();
    /// The link a confirmation mail carries (`token` as sent, URL-safe base64).
    account_confirm = "/account/confirm/{token}" (token);
    account_forgot = "/account/forgot" ();
    /// The link a password-reset mail carries.
    account_reset = "/account/reset/{token}" (token);
    notifications = "/notifications" ();
    setup = "/setup" ();

    admin = "/admin" ();
    admin_accounts = "/admin/accounts" ();
    admin_account = "/admin/accounts/{account}" (account);
    admin_create_process = "/admin/processes" ();
    admin_new_process = "/admin/processes/new" ();
    admin_process = "/admin/processes/{process}" (process);
    admin_process_edit = "/admin/processes/{process}/edit" (process);
    admin_process_translations = "/admin/processes/{process}/translations/{lang}" (process, lang);
    admin_process_audit = "/admin/processes/{process}/audit" (process);
    admin_process_roles = "/admin/processes/{process}/roles" (process);
    admin_process_role_remove = "/admin/processes/{process}/roles/{assignment}/remove" (process, assignment);
    admin_process_late = "/admin/processes/{process}/late" (process);
    admin_process_accreditation = "/admin/processes/{process}/accreditations/{account}" (process, account);

    process = "/p/{process}" (process);
    process_accreditation = "/p/{process}/accreditation" (process);
    stats = "/p/{process}/stats" (process);
    /// One chart's data as CSV (`chart` is its name).
    stats_csv = "/p/{process}/stats/{chart}.csv" (process, chart);
    open_data = "/p/{process}/open-data" (process);
    /// `dataset` is `contributions` or `proposals`, `format` `csv` or `json`.
    open_data_file = "/p/{process}/open-data/{dataset}.{format}" (process, dataset, format);
    open_data_workbook = "/p/{process}/open-data/workbook.xlsx" (process);
    draft_summary = "/p/{process}/export/draft-summary.{format}" (process, format);

    events = "/p/{process}/events" (process);
    event_new = "/p/{process}/events/new" (process);
    /// One event (`event` is its number).
    event = "/p/{process}/events/{event}" (process, event);
    event_edit = "/p/{process}/events/{event}/edit" (process, event);
    /// Every event of a process the visitor may see, as iCalendar.
    events_calendar = "/p/{process}/events.ics" (process);
    /// One event and its programme, as iCalendar.
    event_calendar = "/p/{process}/events/{event}.ics" (process, event);
    /// Registering for an event, and cancelling.
    event_registration = "/p/{process}/events/{event}/registration" (process, event);
    event_registration_cancel = "/p/{process}/events/{event}/registration/cancel" (process, event);
    /// The secretariat's attendance list of an event, and what it posts.
    event_attendance = "/p/{process}/events/{event}/attendance" (process, event);
    event_check_in = "/p/{process}/events/{event}/attendance/check-in" (process, event);
    event_check_in_undo = "/p/{process}/events/{event}/attendance/undo" (process, event);
    event_walk_in = "/p/{process}/events/{event}/attendance/walk-in" (process, event);
    event_sheet_import = "/p/{process}/events/{event}/attendance/import" (process, event);
    /// A session of an event's programme: its speakers' list and statements.
    event_session = "/p/{process}/events/{event}/sessions/{session}" (process, event, session);
    event_speakers = "/p/{process}/events/{event}/sessions/{session}/speakers" (process, event, session);
    event_speaker_move = "/p/{process}/events/{event}/sessions/{session}/speakers/{speaker}/move" (process, event, session, speaker);
    event_speaker_spoken = "/p/{process}/events/{event}/sessions/{session}/speakers/{speaker}/spoken" (process, event, session, speaker);
    event_speaker_remove = "/p/{process}/events/{event}/sessions/{session}/speakers/{speaker}/remove" (process, event, session, speaker);
    event_statements = "/p/{process}/events/{event}/sessions/{session}/statements" (process, event, session);
    /// One statement (`statement` is its id).
    event_statement = "/p/{process}/events/{event}/statements/{statement}" (process, event, statement);
    event_statement_withdraw = "/p/{process}/events/{event}/statements/{statement}/withdraw" (process, event, statement);

    contributions = "/p/{process}/contributions" (process);
    /// A campaign's page (`campaign` is its number).
    campaign = "/p/{process}/campaigns/{campaign}" (process, campaign);
    contribution_new = "/p/{process}/contributions/new" (process);
    contribution_autosave = "/p/{process}/contributions/autosave" (process);
    contribution_draft = "/p/{process}/contributions/drafts/{id}" (process, id);
    contribution_draft_file = "/p/{process}/contributions/drafts/{id}/files/{file}" (process, id, file);

    proposals = "/p/{process}/proposals" (process);
    proposal_new = "/p/{process}/proposals/new" (process);
    proposal_draft = "/p/{process}/proposals/drafts/{id}" (process, id);

    group = "/p/{process}/groups/{number}" (process, number);
    group_report_start = "/p/{process}/groups/{number}/report" (process, number);
    review_queue = "/p/{process}/groups/{number}/review" (process, number);

    chairs_summary_compile = "/p/{process}/documents/chairs-summary/compile" (process);
    draft_start = "/p/{process}/documents/draft/start" (process);
    document = "/p/{process}/documents/{document}" (process, document);
    /// `revision` is the revision's slug (`rev-1`), as `domain::documents::revision_slug` makes it.
    document_revision = "/p/{process}/documents/{document}/revisions/{revision}" (process, document, revision);
    document_compare = "/p/{process}/documents/{document}/compare" (process, document);
    document_details = "/p/{process}/documents/{document}/details" (process, document);
    document_pick = "/p/{process}/documents/{document}/pick" (process, document);
    document_pull = "/p/{process}/documents/{document}/pull" (process, document);
    /// Every accepted proposal of a group its report does not cite yet, in one go.
    document_pull_accepted = "/p/{process}/documents/{document}/pull-accepted" (process, document);
    document_nodes = "/p/{process}/documents/{document}/nodes" (process, document);
    document_node = "/p/{process}/documents/{document}/nodes/{key}" (process, document, key);
    document_node_edit = "/p/{process}/documents/{document}/nodes/{key}/edit" (process, document, key);
    document_node_move = "/p/{process}/documents/{document}/nodes/{key}/move" (process, document, key);
    document_node_delete = "/p/{process}/documents/{document}/nodes/{key}/delete" (process, document, key);
    document_node_status = "/p/{process}/documents/{document}/nodes/{key}/status" (process, document, key);
    document_node_links = "/p/{process}/documents/{document}/nodes/{key}/links" (process, document, key);
    document_node_link_remove = "/p/{process}/documents/{document}/nodes/{key}/links/{link}/remove" (process, document, key, link);
    document_publish = "/p/{process}/documents/{document}/publish" (process, document);
    /// `format` is `md`, `html`, `docx`, `pdf` or `akn.xml`.
    document_export = "/p/{process}/documents/{document}/export.{format}" (process, document, format);
    /// A language version beside the original; `language` is one of the six codes.
    document_language = "/p/{process}/documents/{document}/languages/{language}" (process, document, language);
    document_language_node = "/p/{process}/documents/{document}/languages/{language}/nodes/{key}" (process, document, language, key);
    document_language_export = "/p/{process}/documents/{document}/languages/{language}/export.{format}" (process, document, language, format);

    /// A negotiation round; `round` is its number within the process.
    negotiation_round = "/p/{process}/negotiation/rounds/{round}" (process, round);

    api_processes = "/api/processes" ();
    api_process = "/api/p/{process}" (process);
    api_dataset = "/api/p/{process}/{dataset}" (process, dataset);
    api_document = "/api/p/{process}/documents/{document}" (process, document);
    api_revision = "/api/p/{process}/documents/{document}/revisions/{revision}" (process, document, revision);
}

/// Where the JSON API answers: an error at any address under it is answered as JSON too.
pub const API_PREFIX: &str = "/api/";

/// Whether a request's path is the API's: `/api` itself or under it.
pub fn is_api(path: &str) -> bool {
    path.starts_with(API_PREFIX) || path == API_PREFIX.trim_end_matches('/')
}

/// Routes that name a contribution or proposal by its reference (`GCM/WC/0042`), which the
/// address spells with hyphens (`GCM-WC-0042`).
macro_rules! by_reference {
    ($( $name:ident = $pattern:literal ($($arg:ident),*); )*) => {
        /// Every pattern that takes a reference, for the suite.
        pub const BY_REFERENCE: &[&str] = &[$($pattern),*];
        $(
            pub fn $name(process: impl std::fmt::Display, $($arg: impl std::fmt::Display,)* reference: &str) -> String {
                fill($pattern, &[&process.to_string(), $(&$arg.to_string(),)* &reference_slug(reference)])
            }
        )*
    };
}

by_reference! {
    contribution = "/p/{process}/contributions/{reference}" ();
    contribution_receipt = "/p/{process}/contributions/{reference}/receipt.txt" ();
    contribution_withdraw = "/p/{process}/contributions/{reference}/withdraw" ();
    contribution_hide = "/p/{process}/contributions/{reference}/hide" ();
    contribution_unhide = "/p/{process}/contributions/{reference}/unhide" ();
    proposal = "/p/{process}/proposals/{reference}" ();
    proposal_compare = "/p/{process}/proposals/{reference}/compare" ();
    proposal_withdraw = "/p/{process}/proposals/{reference}/withdraw" ();
    proposal_invitations = "/p/{process}/proposals/{reference}/invitations" ();
    proposal_invitation_answer = "/p/{process}/proposals/{reference}/invitations/answer" ();
    review = "/p/{process}/groups/{number}/review/{reference}" (number);
    review_decision = "/p/{process}/groups/{number}/review/{reference}/decision" (number);
    review_notes = "/p/{process}/groups/{number}/review/{reference}/notes" (number);
}

/// The pattern of a contribution's attached file.
pub const CONTRIBUTION_FILE: &str = "/p/{process}/contributions/{reference}/files/{file}";

/// A contribution's attached file (`file` is the attachment's link id).
pub fn contribution_file(process: impl std::fmt::Display, reference: &str, file: i64) -> String {
    fill(
        CONTRIBUTION_FILE,
        &[
            &process.to_string(),
            &reference_slug(reference),
            &file.to_string(),
        ],
    )
}

/// The sign-in page, coming back to `next` afterwards.
pub fn login_then(next: &str) -> String {
    let next: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
    format!("{}?next={next}", login())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_filled_in_order() {
        assert_eq!(home(), "/");
        assert_eq!(process("gcm"), "/p/gcm");
        assert_eq!(
            document_node_link_remove("gcm", "draft", "k3y", 42),
            "/p/gcm/documents/draft/nodes/k3y/links/42/remove"
        );
        assert_eq!(
            document_export("gcm", "draft", "akn.xml"),
            "/p/gcm/documents/draft/export.akn.xml"
        );
        assert_eq!(
            stats_csv("gcm", "categories"),
            "/p/gcm/stats/categories.csv"
        );
    }

    #[test]
    fn references_are_spelled_as_addresses_spell_them() {
        assert_eq!(
            contribution("gcm", "GCM/WC/0042"),
            "/p/gcm/contributions/GCM-WC-0042"
        );
        assert_eq!(
            review_decision("gcm", 3, "GCM/CP/0007"),
            "/p/gcm/groups/3/review/GCM-CP-0007/decision"
        );
        assert_eq!(
            contribution_file("gcm", "GCM/WC/0042", 9),
            "/p/gcm/contributions/GCM-WC-0042/files/9"
        );
        assert_eq!(login_then("/p/gcm?x=1"), "/login?next=%2Fp%2Fgcm%3Fx%3D1");
    }
}
