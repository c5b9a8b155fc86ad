//! Rows for the forms of contributions: writing one (multipart, with files), its draft,
//! autosaving, and each of them with a malformed body.

use super::fields::{contribution_fields, path_of};
use crate::fuzz::base::Base;
use crate::fuzz::requests::{
    fixed, form_case, malformed_form_case, malformed_multipart_case, multipart_case,
};
use crate::fuzz::runner::{FormSpec, form};
use crate::fuzz::values::{FieldSpec, field, segment};
use crate::fuzz::world::World;

pub(super) fn rows(w: &World) -> Vec<FormSpec<'_>> {
    let p = &w.people;
    let new = "/p/gcm/contributions/new";
    let draft = format!("/p/gcm/contributions/drafts/{}", w.contribution_draft);
    let drafts = path_of(vec![w.contribution_draft.clone()], |id| {
        format!("/p/gcm/contributions/drafts/{id}")
    });
    let autosave = "/p/gcm/contributions/autosave";
    vec![
        form(
            "contribution new",
            &p.stakeholder,
            16,
            multipart_case(fixed(new), contribution_fields()),
        )
        .based_on(contribution(new, "A fuzzed contribution", "submit")),
        form(
            "contribution new, malformed multipart",
            &p.stakeholder,
            14,
            malformed_multipart_case(fixed(new)),
        ),
        form(
            "contribution draft",
            &p.stakeholder,
            16,
            multipart_case(drafts, contribution_fields()),
        )
        .based_on(contribution(&draft, "A fuzzed draft", "save")),
        form(
            "contribution draft, malformed multipart",
            &p.stakeholder,
            8,
            malformed_multipart_case(fixed(&draft)),
        ),
        form(
            "contribution autosave",
            &p.stakeholder,
            16,
            form_case(fixed(autosave), autosave_fields(w)),
        )
        .based_on(Base::new(
            autosave,
            &[
                ("draft_id", w.contribution_draft.as_str()),
                ("title", "A fuzzed draft"),
                ("body", "Some text."),
            ],
        )),
        form(
            "contribution autosave, malformed",
            &p.stakeholder,
            6,
            malformed_form_case(fixed(autosave)),
        ),
    ]
}

/// The contribution's fields, and a second `draft_id` naming the real draft most of the time.
fn autosave_fields(w: &World) -> Vec<FieldSpec> {
    let mut fields = contribution_fields();
    fields.push(field(
        "draft_id",
        segment(vec![w.contribution_draft.clone()]),
    ));
    fields
}

fn contribution(path: &str, title: &str, action: &str) -> Base {
    Base::new(
        path,
        &[
            ("title", title),
            ("body", "Some *text*."),
            ("group", "1"),
            ("action", action),
        ],
    )
    .multipart()
}
