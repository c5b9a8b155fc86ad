//! Reading forms whose fields repeat (checkboxes) or carry files, with explicit limits.
//!
//! `serde_urlencoded` cannot collect repeated keys, and a file upload is multipart; both end
//! up here as `Fields`: the text fields in order, and the files. Over a limit, the request is
//! refused with 413 before more is read.

use actix_multipart::{Multipart, MultipartError};
use futures_util::StreamExt;

use super::error::AppError;

/// Limits for one multipart request. Everything a part makes the server keep counts against
/// them: its name and file name as well as its value, and a fixed cost per part, so neither
/// long names nor many empty parts get through uncounted.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Text values, names and file names together, with `PART_COST` per part.
    pub text_bytes: usize,
    /// One file.
    pub file_bytes: usize,
    pub files: usize,
    pub parts: usize,
}

/// What keeping one more part costs besides its bytes (its entry, its strings' headers):
/// 200,000 empty parts weigh 12 MB, not nothing.
pub const PART_COST: usize = 64;

/// The fields of a submitted form.
#[derive(Debug, Default)]
pub struct Fields {
    pairs: Vec<(String, String)>,
    pub files: Vec<UploadedFile>,
}

/// A file as the browser sent it.
#[derive(Debug)]
pub struct UploadedFile {
    pub field: String,
    pub file_name: String,
    pub content: Vec<u8>,
}

impl Fields {
    /// The first value of a field, or "" when it is absent.
    pub fn get(&self, name: &str) -> &str {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Every value of a repeated field (checkboxes).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// An URL-encoded body, already read (its size is bounded by `web::bodies::FORM_LIMIT`).
    pub fn from_urlencoded(body: &[u8]) -> Self {
        Self {
            pairs: form_urlencoded::parse(body).into_owned().collect(),
            files: Vec::new(),
        }
    }

    /// Pairs read by `web::Form`, in order.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        Self {
            pairs,
            files: Vec::new(),
        }
    }

    /// Reads a multipart body within `limits`, part by part; over any limit it stops reading
    /// and answers 413, having held at most the limit.
    pub async fn from_multipart(
        mut multipart: Multipart,
        limits: Limits,
    ) -> Result<Self, AppError> {
        let mut fields = Fields::default();
        let mut budget = Budget {
            text_left: limits.text_bytes,
            parts_left: limits.parts,
        };
        while let Some(item) = multipart.next().await {
            let mut field = item.map_err(unreadable)?;
            let name = field.name().unwrap_or_default().to_string();
            let file_name = field
                .content_disposition()
                .and_then(|d| d.get_filename())
                .map(str::to_string);
            budget.spend_part(name.len() + file_name.as_ref().map_or(0, String::len))?;
            let limit = match file_name {
                Some(_) => limits.file_bytes,
                None => budget.text_left,
            };
            let content = read_part(&mut field, limit).await?;
            match file_name {
                // A file input left empty still sends a part, with no name and no bytes.
                Some(file_name) if file_name.is_empty() && content.is_empty() => {}
                Some(file_name) => {
                    if fields.files.len() == limits.files {
                        return Err(AppError::PayloadTooLarge);
                    }
                    fields.files.push(UploadedFile {
                        field: name,
                        file_name,
                        content,
                    });
                }
                None => {
                    budget.text_left -= content.len();
                    // Browsers send UTF-8; anything else is decoded with replacement marks and
                    // then fails validation like any other bad input.
                    let value = String::from_utf8_lossy(&content).into_owned();
                    fields.pairs.push((name, value));
                }
            }
        }
        Ok(fields)
    }
}

/// The text of a multipart form read only to be given back (`web::keep`): its files are read
/// past and dropped, and a body that ends early (over its limit, broken) keeps the fields read
/// before.
#[derive(Debug, Default)]
pub struct TextOnly {
    pub fields: Fields,
    /// A file was sent and not kept.
    pub files_dropped: bool,
    /// The body ended before its end: what came after was not read.
    pub cut: bool,
}

impl Fields {
    /// Reads the text parts of a multipart body within `text_bytes` and `parts` (counted as
    /// `from_multipart` counts them), dropping its files.
    pub async fn text_of_multipart(
        mut multipart: Multipart,
        text_bytes: usize,
        parts: usize,
    ) -> TextOnly {
        let mut kept = TextOnly::default();
        let mut budget = Budget {
            text_left: text_bytes,
            parts_left: parts,
        };
        while let Some(item) = multipart.next().await {
            let Ok(mut field) = item else {
                kept.cut = true;
                break;
            };
            let name = field.name().unwrap_or_default().to_string();
            let file_name = field
                .content_disposition()
                .and_then(|d| d.get_filename())
                .map(str::to_string);
            if budget
                .spend_part(name.len() + file_name.as_ref().map_or(0, String::len))
                .is_err()
            {
                kept.cut = true;
                break;
            }
            if file_name.is_some() {
                let mut sent = false;
                while let Some(chunk) = field.next().await {
                    match chunk {
                        Ok(chunk) => sent |= !chunk.is_empty(),
                        Err(_) => {
                            kept.cut = true;
                            kept.files_dropped = true;
                            return kept;
                        }
                    }
                }
                kept.files_dropped |= sent;
                continue;
            }
            match read_part(&mut field, budget.text_left).await {
                Ok(content) => {
                    budget.text_left -= content.len();
                    let value = String::from_utf8_lossy(&content).into_owned();
                    kept.fields.pairs.push((name, value));
                }
                Err(_) => {
                    kept.cut = true;
                    break;
                }
            }
        }
        kept
    }

    /// Every field, in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }
}

/// What is left of a multipart request's limits.
struct Budget {
    text_left: usize,
    parts_left: usize,
}

impl Budget {
    /// Counts one more part whose names take `name_bytes`.
    fn spend_part(&mut self, name_bytes: usize) -> Result<(), AppError> {
        let cost = name_bytes + PART_COST;
        if self.parts_left == 0 || cost > self.text_left {
            return Err(AppError::PayloadTooLarge);
        }
        self.parts_left -= 1;
        self.text_left -= cost;
        Ok(())
    }
}

/// A part's content, read chunk by chunk: the chunk that would pass `limit` is refused
/// before it is kept, and nothing after it is read.
async fn read_part(field: &mut actix_multipart::Field, limit: usize) -> Result<Vec<u8>, AppError> {
    let mut content = Vec::new();
    while let Some(chunk) = field.next().await {
        let chunk = chunk.map_err(unreadable)?;
        if content.len() + chunk.len() > limit {
            return Err(AppError::PayloadTooLarge);
        }
        content.extend_from_slice(&chunk);
    }
    Ok(content)
}

/// A multipart body that cannot be read: too large or too slow as it streamed
/// (`web::bodies`), part headers past the parser's buffer, or broken.
fn unreadable(e: MultipartError) -> AppError {
    match e {
        MultipartError::Payload(payload) => AppError::from_payload(&payload, "unreadable upload"),
        _ => AppError::BadRequest("unreadable upload"),
    }
}

/// Whether bytes are a PDF file: the header every PDF starts with, and the end-of-file
/// marker near its end.
pub fn looks_like_pdf(content: &[u8]) -> bool {
    let tail_start = content.len().saturating_sub(2048);
    content.starts_with(b"%PDF-") && content[tail_start..].windows(5).any(|w| w == b"%%EOF")
}

/// A file name safe to store and to offer back: its last path part, without control
/// characters, at most 200 characters.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    let cleaned = cleaned.trim().to_string();
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '.') {
        "attachment.pdf".to_string()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_fields_are_all_kept() {
        let fields = Fields::from_urlencoded(b"group=1&group=3&title=A%20title&group=");
        assert_eq!(fields.all("group"), ["1", "3", ""]);
        assert_eq!(fields.get("title"), "A title");
        assert_eq!(fields.get("missing"), "");
    }

    #[test]
    fn pdfs_are_recognised_by_their_content() {
        assert!(looks_like_pdf(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"));
        assert!(!looks_like_pdf(b"<html><script>alert(1)</script></html>"));
        assert!(!looks_like_pdf(b"%PDF-1.7 but cut short"));
    }

    #[test]
    fn file_names_lose_paths_and_controls() {
        assert_eq!(clean_file_name("C:\\Users\\me\\report.pdf"), "report.pdf");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\u{0}b\"c.pdf"), "abc.pdf");
        assert_eq!(clean_file_name(".."), "attachment.pdf");
        assert_eq!(clean_file_name("تقرير.pdf"), "تقرير.pdf");
    }
}
