//! What one fuzzed request is (`Case`: a path and a body) and the strategies that draw one:
//! URL-encoded forms, multipart bodies with odd files, and bodies that are malformed on
//! purpose. Sending them is the runner's job.

use proptest::prelude::*;

use super::values::{CORPUS, FieldSpec, pairs};

/// One part of a multipart body.
#[derive(Debug, Clone)]
pub(super) enum PartSpec {
    Text(String, String),
    File {
        field: String,
        name: String,
        mime: String,
        bytes: Vec<u8>,
    },
}

#[derive(Debug, Clone)]
pub(super) enum Body {
    Form(Vec<(String, String)>),
    Multipart(Vec<PartSpec>),
    Raw {
        content_type: String,
        bytes: Vec<u8>,
    },
}

#[derive(Debug, Clone)]
pub(super) struct Case {
    pub(super) path: String,
    pub(super) body: Body,
}

impl Case {
    /// The case as a person can read it in a failure report (long values cut).
    pub(super) fn describe(&self) -> String {
        fn cut(s: &str) -> String {
            if s.chars().count() > 120 {
                format!(
                    "{:?}… ({} chars)",
                    s.chars().take(120).collect::<String>(),
                    s.chars().count()
                )
            } else {
                format!("{s:?}")
            }
        }
        let body = match &self.body {
            Body::Form(pairs) => pairs
                .iter()
                .map(|(k, v)| format!("{}={}", cut(k), cut(v)))
                .collect::<Vec<_>>()
                .join(", "),
            Body::Multipart(parts) => parts
                .iter()
                .map(|p| match p {
                    PartSpec::Text(k, v) => format!("{}={}", cut(k), cut(v)),
                    PartSpec::File {
                        field,
                        name,
                        mime,
                        bytes,
                    } => format!(
                        "{} <file {} {} {} bytes>",
                        cut(field),
                        cut(name),
                        cut(mime),
                        bytes.len()
                    ),
                })
                .collect::<Vec<_>>()
                .join(", "),
            Body::Raw {
                content_type,
                bytes,
            } => format!(
                "raw {content_type}: {}",
                cut(&String::from_utf8_lossy(bytes))
            ),
        };
        format!("POST {} [{body}]", cut(&self.path))
    }
}

pub(super) fn form_case(
    path: BoxedStrategy<String>,
    fields: Vec<FieldSpec>,
) -> BoxedStrategy<Case> {
    (path, pairs(fields))
        .prop_map(|(path, pairs)| Case {
            path,
            body: Body::Form(pairs),
        })
        .boxed()
}

pub(super) fn fixed(path: &str) -> BoxedStrategy<String> {
    Just(path.to_string()).boxed()
}

/// A multipart body: text fields, files with odd names and contents.
pub(super) fn multipart_case(
    path: BoxedStrategy<String>,
    fields: Vec<FieldSpec>,
) -> BoxedStrategy<Case> {
    let file = (
        prop_oneof![Just("attachments".to_string()), "[a-z]{1,8}"],
        prop_oneof![
            any::<String>(),
            prop::sample::select(CORPUS).prop_map(|s| format!("{s}.pdf")),
            Just(String::new()),
            Just("../../etc/passwd".to_string()),
            "[a-z]{1,300}\\.pdf",
        ],
        prop_oneof![
            Just("application/pdf".to_string()),
            Just("text/html".to_string()),
            "[ -~]{0,20}",
        ],
        prop_oneof![
            Just(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".to_vec()),
            prop::collection::vec(any::<u8>(), 0..2_000),
            Just(Vec::new()),
            (1usize..3_000_000).prop_map(|n| {
                let mut bytes = b"%PDF-1.4\n".to_vec();
                bytes.resize(n, b'x');
                bytes.extend_from_slice(b"\n%%EOF\n");
                bytes
            }),
        ],
    )
        .prop_map(|(field, name, mime, bytes)| PartSpec::File {
            field,
            name,
            mime,
            bytes,
        });
    (path, pairs(fields), prop::collection::vec(file, 0..3))
        .prop_map(|(path, pairs, files)| Case {
            path,
            body: Body::Multipart(
                pairs
                    .into_iter()
                    .map(|(k, v)| PartSpec::Text(k, v))
                    .chain(files)
                    .collect(),
            ),
        })
        .boxed()
}

/// Bodies that claim to be multipart and are not quite.
pub(super) fn malformed_multipart_case(path: BoxedStrategy<String>) -> BoxedStrategy<Case> {
    let raw = prop_oneof![
        Just(b"--xyz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nno end".to_vec()),
        Just(b"--xyz--\r\n".to_vec()),
        Just(b"".to_vec()),
        Just(b"--xyz\r\nContent-Disposition: form-data\r\n\r\nnameless\r\n--xyz--\r\n".to_vec()),
        Just(
            b"--xyz\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"\xff\xfe.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--xyz--\r\n"
                .to_vec()
        ),
        Just(
            b"--xyz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n\xff\xfe\xfd\r\n--xyz\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\nsubmit\r\n--xyz--\r\n"
                .to_vec()
        ),
        Just(b"--xyz\r\nContent-Disposition: form-data; name=\"body\"; filename*=UTF-8''%E2%80%AE.pdf\r\n\r\nx\r\n--xyz--\r\n".to_vec()),
        prop::collection::vec(any::<u8>(), 0..4_000),
        any::<String>().prop_map(|s| format!("--xyz\r\n{s}\r\n--xyz--\r\n").into_bytes()),
        oversized_multipart(),
    ];
    let content_type = prop_oneof![
        Just("multipart/form-data; boundary=xyz".to_string()),
        Just("multipart/form-data".to_string()),
        Just("multipart/form-data; boundary=".to_string()),
        Just("multipart/form-data; boundary=\"unclosed".to_string()),
        Just("text/plain".to_string()),
        Just("application/x-www-form-urlencoded".to_string()),
    ];
    (path, content_type, raw)
        .prop_map(|(path, content_type, bytes)| Case {
            path,
            body: Body::Raw {
                content_type,
                bytes,
            },
        })
        .boxed()
}

/// Multipart bodies that cost what a form never does: part names up to 40 kB (past the
/// parser's 16 kB for part headers), and up to 5,000 empty parts (past the form's 2,000).
fn oversized_multipart() -> BoxedStrategy<Vec<u8>> {
    let part = |name: &str| {
        format!("--xyz\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n\r\n")
    };
    prop_oneof![
        (1usize..40_000, 1usize..20).prop_map(move |(length, parts)| {
            let mut body = part(&"n".repeat(length)).repeat(parts);
            body.push_str("--xyz--\r\n");
            body.into_bytes()
        }),
        (1usize..5_000).prop_map(move |parts| {
            let mut body = part("a").repeat(parts);
            body.push_str("--xyz--\r\n");
            body.into_bytes()
        }),
    ]
    .boxed()
}

/// URL-encoded bodies that are not quite: bad escapes, invalid UTF-8, a wrong content type.
pub(super) fn malformed_form_case(path: BoxedStrategy<String>) -> BoxedStrategy<Case> {
    let raw = prop_oneof![
        Just(b"title=%ZZ&body=%".to_vec()),
        Just(b"=&&=&a==b".to_vec()),
        Just(b"title=\xff\xfe&text=\xc3\x28".to_vec()),
        prop::collection::vec(any::<u8>(), 0..2_000),
        // Many empty fields, and a name past the 2 MB a form may weigh.
        (1usize..200_000).prop_map(|n| "&".repeat(n).into_bytes()),
        (1usize..3_000_000).prop_map(|n| format!("{}=x", "n".repeat(n)).into_bytes()),
    ];
    let content_type = prop_oneof![
        Just("application/x-www-form-urlencoded".to_string()),
        Just("application/json".to_string()),
        Just("text/plain".to_string()),
    ];
    (path, content_type, raw)
        .prop_map(|(path, content_type, bytes)| Case {
            path,
            body: Body::Raw {
                content_type,
                bytes,
            },
        })
        .boxed()
}
