//! Rows for the forms of accounts: registration, set-up, signing in, language, password,
//! notifications, and asking for accreditation.

use proptest::prelude::*;

use super::fields::{registration_fields, slugs};
use crate::fuzz::base::Base;
use crate::fuzz::requests::{fixed, form_case};
use crate::fuzz::runner::{FormSpec, form};
use crate::fuzz::values::{FieldSpec, any_field, field, good_or_any};
use crate::fuzz::world::World;
use crate::helpers::PASSWORD;

pub(super) fn rows(w: &World) -> Vec<FormSpec<'_>> {
    let p = &w.people;
    let accreditation = slugs().prop_map(|s| format!("/p/{s}/accreditation"));
    vec![
        form(
            "register",
            &p.anonymous,
            10,
            form_case(fixed("/register"), registration_fields()),
        )
        .based_on(register()),
        form(
            "setup",
            &p.anonymous,
            6,
            form_case(fixed("/setup"), setup_fields()),
        ),
        form(
            "login",
            &p.anonymous,
            10,
            form_case(fixed("/login"), login_fields()),
        )
        .based_on(login()),
        form(
            "login carrying a text",
            &p.anonymous,
            10,
            form_case(fixed("/login"), login_carrying_fields()),
        )
        .based_on(login()),
        form(
            "language",
            &p.anonymous,
            14,
            form_case(fixed("/language"), language_fields()),
        ),
        form(
            "account password",
            &p.victim,
            8,
            form_case(fixed("/account/password"), password_fields()),
        )
        .based_on(password()),
        form(
            "notification settings",
            &p.stakeholder,
            14,
            form_case(fixed("/account/notifications"), delivery()),
        )
        .based_on(Base::new(
            "/account/notifications",
            &[("delivery", "daily-digest")],
        )),
        form(
            "forgotten password",
            &p.anonymous,
            10,
            form_case(
                fixed("/account/forgot"),
                vec![field(
                    "email",
                    good_or_any(&["victim@example.org", "nobody@example.org"]),
                )],
            ),
        )
        .based_on(Base::new(
            "/account/forgot",
            &[("email", "victim@example.org")],
        )),
        form(
            "password reset link",
            &p.anonymous,
            8,
            form_case(
                fixed("/account/reset/no-such-link"),
                password_reset_fields(),
            ),
        ),
        form(
            "address confirmation link",
            &p.anonymous,
            4,
            form_case(
                fixed("/account/confirm/no-such-link"),
                vec![any_field("token")],
            ),
        ),
        form(
            "confirmation link again",
            &p.victim,
            4,
            form_case(fixed("/account/confirmation"), vec![any_field("again")]),
        ),
        form(
            "accreditation request",
            &p.applicant,
            10,
            form_case(accreditation.boxed(), vec![any_field("reason")]),
        ),
    ]
}

fn setup_fields() -> Vec<FieldSpec> {
    let mut fields = registration_fields();
    fields.push(any_field("token"));
    fields
}

fn login_fields() -> Vec<FieldSpec> {
    vec![
        field("email", good_or_any(&["stakeholder@demo.concord.example"])),
        any_field("password"),
        field(
            "next",
            good_or_any(&["/", "//evil.example", "javascript:alert(1)"]),
        ),
    ]
}

/// The sign-in form of a text given back (`web::keep`): the form it goes back to, and the
/// fields it carries.
fn login_carrying_fields() -> Vec<FieldSpec> {
    let mut fields = login_fields();
    fields.extend([
        field(
            "keep_to",
            good_or_any(&[
                "/p/gcm/contributions/new",
                "/p/gcm/proposals/drafts/1",
                "/p/gcm/documents/draft/nodes",
                "//evil.example",
                "/admin/processes",
            ]),
        ),
        any_field("keep.title"),
        any_field("keep.body"),
        any_field("keep.group"),
        field("keep_files_dropped", good_or_any(&["1"])),
    ]);
    fields
}

fn language_fields() -> Vec<FieldSpec> {
    vec![
        field("lang", good_or_any(&["en", "fr", "ar"])),
        field(
            "next",
            good_or_any(&["/", "//evil.example", "https://evil.example"]),
        ),
    ]
}

fn password_fields() -> Vec<FieldSpec> {
    vec![
        any_field("current_password"),
        any_field("new_password"),
        any_field("new_password_again"),
    ]
}

fn password_reset_fields() -> Vec<FieldSpec> {
    vec![any_field("new_password"), any_field("new_password_again")]
}

fn delivery() -> Vec<FieldSpec> {
    vec![field(
        "delivery",
        good_or_any(&["immediate", "daily-digest"]),
    )]
}

fn register() -> Base {
    Base::new(
        "/register",
        &[
            ("email", "fuzzed@example.org"),
            ("display_name", "Fuzzed"),
            ("organisation", "Fuzz NGO"),
            ("category", "civil-society"),
            ("country", ""),
            ("password", PASSWORD),
            ("password_again", PASSWORD),
        ],
    )
}

fn login() -> Base {
    Base::new(
        "/login",
        &[
            ("email", "victim@example.org"),
            ("password", "not the password"),
            ("next", "/"),
        ],
    )
}

fn password() -> Base {
    Base::new(
        "/account/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", PASSWORD),
            ("new_password_again", PASSWORD),
        ],
    )
}
