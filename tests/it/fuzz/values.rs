//! The values the fuzzing draws: a corpus of hostile strings, edge numbers, huge texts, and
//! the fields and path segments built from them. Pure proptest strategies: no HTTP here.
//!
//! The weights and the order of every `prop_oneof!` are part of the fixed seeds: changing them
//! changes every case a seed stands for.

use proptest::prelude::*;

pub(super) const CORPUS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{7*7}}",
    "<style>*{display:none}</style>",
    "\u{202E}evil\u{202C}",
    "\u{0}",
    "a\u{0}b",
    "\u{FEFF}\u{200B}",
    "\u{FFFF}\u{FFFE}",
    "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
    "مرحبا بالعالم",
    "移民",
    "'; DROP TABLE accounts; --",
    "' OR '1'='1",
    "%00",
    "%",
    "_%_",
    "\\",
    "\r\n\r\n",
    "\r",
    "=HYPERLINK(\"http://evil.example\")",
    "../../etc/passwd",
    "a@b.c",
    "admin@demo.concord.example",
    "GCM/CP/0001",
    "GCM-WC-0001",
    "proposal:1",
    "summary:abc",
    "paragraph",
    "heading",
    "measure",
    "accept",
    "request-revision",
    "merge",
    "duplicate",
    "2018-02-30T25:61",
    "9999-12-31T23:59",
    "0000-01-01T00:00",
    "2030-01-01",
    "Europe/Zurich",
    "Mars/Olympus_Mons",
    "true",
    "on",
    "null",
    "[]",
    "{}",
    " ",
];

pub(super) const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "2",
    "7",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "inf",
    "1.5",
    "0x10",
    " 1 ",
    "+1",
    "01",
    "",
];

/// A number as text: a known edge, or any 64-bit integer.
pub(super) fn number() -> BoxedStrategy<String> {
    prop_oneof![
        3 => prop::sample::select(NUMBERS).prop_map(str::to_string),
        1 => any::<i64>().prop_map(|n| n.to_string()),
    ]
    .boxed()
}

/// A huge value: a character (some of them multi-byte or markup) repeated many times.
pub(super) fn huge() -> BoxedStrategy<String> {
    (
        prop::sample::select(vec!["a", "é", "移", "<", "\u{202E}", "%", "\n", "𝕏", " "]),
        5_000usize..60_000,
    )
        .prop_map(|(c, n)| c.repeat(n))
        .boxed()
}

/// Any value a field might receive.
pub(super) fn value() -> BoxedStrategy<String> {
    prop_oneof![
        2 => any::<String>(),
        3 => "\\PC{0,60}",
        2 => "[ -~]{0,40}",
        3 => prop::sample::select(CORPUS).prop_map(str::to_string),
        2 => number(),
        1 => huge(),
        1 => Just(String::new()),
        1 => "[\\x00-\\x1f\\x7f]{1,4}",
    ]
    .boxed()
}

/// A value that is often one of the form's meaningful ones, otherwise anything.
pub(super) fn good_or_any(good: &[&'static str]) -> BoxedStrategy<String> {
    let good: Vec<&'static str> = good.to_vec();
    prop_oneof![
        1 => prop::sample::select(good).prop_map(str::to_string),
        1 => value(),
    ]
    .boxed()
}

/// A path segment: a real one most of the time, otherwise noise (URL-encoded).
pub(super) fn segment(real: Vec<String>) -> BoxedStrategy<String> {
    let noise = prop_oneof![number(), any::<String>(), "[a-zA-Z0-9/._-]{1,30}"]
        .prop_map(|s| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>())
        .prop_filter("a segment", |s| !s.is_empty());
    if real.is_empty() {
        noise.boxed()
    } else {
        prop_oneof![3 => prop::sample::select(real), 1 => noise].boxed()
    }
}

/// One field of a form: its name and how its value is drawn.
#[derive(Clone)]
pub(super) struct FieldSpec {
    pub(super) name: &'static str,
    pub(super) value: BoxedStrategy<String>,
}

pub(super) fn field(name: &'static str, value: BoxedStrategy<String>) -> FieldSpec {
    FieldSpec { name, value }
}

pub(super) fn any_field(name: &'static str) -> FieldSpec {
    field(name, value())
}

/// The pairs of a form: each field present (maybe twice) or missing, plus unknown fields.
pub(super) fn pairs(fields: Vec<FieldSpec>) -> BoxedStrategy<Vec<(String, String)>> {
    let each: Vec<BoxedStrategy<Vec<(String, String)>>> = fields
        .into_iter()
        .map(|f| {
            let name = f.name;
            prop_oneof![
                30 => f.value.clone().prop_map(move |v| vec![(name.to_string(), v)]),
                1 => Just(Vec::new()),
                1 => (f.value.clone(), f.value).prop_map(move |(a, b)| vec![
                    (name.to_string(), a),
                    (name.to_string(), b)
                ]),
            ]
            .boxed()
        })
        .collect();
    let extra = prop::collection::vec(("[a-z_\\[\\]]{1,12}", value()), 0..3);
    (each, extra)
        .prop_map(|(each, extra)| each.into_iter().flatten().chain(extra).collect())
        .boxed()
}
