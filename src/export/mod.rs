//! Exports: one rendering model (`model::Export`) of a document at one revision or its
//! working copy, and one writer per format: Markdown, printable HTML, DOCX, PDF (Chromium
//! printing the HTML) and Akoma Ntoso 3.0 XML; and ZIP bundles of several files.
//!
//! Nothing here reads the database or HTTP: handlers load the document and call `build`,
//! then a writer. Only the PDF writer runs a program.

pub mod akn;
pub mod bundle;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod model;
pub mod pdf;
pub mod text;

pub use model::{Export, Input, Labels, Version, build};

/// The formats a document is exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Markdown,
    Html,
    Docx,
    Pdf,
    AkomaNtoso,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Html,
        Format::Docx,
        Format::Pdf,
        Format::AkomaNtoso,
    ];

    /// The file extension, as in the URL: `export.akn.xml`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::AkomaNtoso => "akn.xml",
        }
    }

    pub fn parse(raw: &str) -> Option<Format> {
        Self::ALL.into_iter().find(|f| f.extension() == raw)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Html => "text/html; charset=utf-8",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Pdf => "application/pdf",
            Format::AkomaNtoso => "application/akn+xml; charset=utf-8",
        }
    }

    /// The translation key of the format's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Format::Markdown => "export-format-md",
            Format::Html => "export-format-html",
            Format::Docx => "export-format-docx",
            Format::Pdf => "export-format-pdf",
            Format::AkomaNtoso => "export-format-akn",
        }
    }
}

/// Why a file could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("PDF export needs Chromium at {0}, which is not installed")]
    ChromiumMissing(String),
    #[error("Chromium did not print the PDF within {0} seconds")]
    ChromiumTimeout(u64),
    #[error("Chromium failed to print the PDF: {0}")]
    ChromiumFailed(String),
    #[error("could not render the page: {0}")]
    Template(#[from] askama::Error),
    #[error("could not write the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not write the DOCX file: {0}")]
    Docx(String),
    #[error("could not write the ZIP file: {0}")]
    Zip(#[from] zip::result::ZipError),
}

/// A file made by an export.
#[derive(Debug, Clone)]
pub struct File {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
    /// For the printable page: the Content-Security-Policy that lets its own stylesheet apply
    /// (and nothing else) when it is opened from the server.
    pub policy: Option<String>,
}

/// `gcm-zero-draft-rev-1.docx`: process, document and revision, so files from several
/// processes and revisions sit side by side in one folder; a language version adds its
/// language (`gcm-zero-draft-rev-1-fr.docx`).
pub fn file_name(export: &Export, format: Format) -> String {
    let language = match &export.translation_of {
        Some(_) => format!("-{}", export.language.code),
        None => String::new(),
    };
    format!(
        "{}-{}-{}{language}.{}",
        export.process_slug,
        export.document_slug,
        export.version.slug(),
        format.extension()
    )
}

/// Writes the file of one format; the PDF through `printer` (blocking, about a second).
pub fn write(export: &Export, format: Format, printer: &pdf::Printer) -> Result<File, ExportError> {
    let mut policy = None;
    let bytes = match format {
        Format::Markdown => markdown::write(export).into_bytes(),
        Format::Html => {
            let page = html::write(export)?;
            policy = Some(page.csp);
            page.html.into_bytes()
        }
        Format::Docx => docx::write(export)?,
        Format::AkomaNtoso => akn::write(export)?.into_bytes(),
        Format::Pdf => printer.print(&html::write(export)?.html)?,
    };
    Ok(File {
        name: file_name(export, format),
        content_type: format.content_type(),
        bytes,
        policy,
    })
}

#[cfg(test)]
pub(crate) mod sample;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_round_trip_through_their_extension() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.extension()), Some(format));
        }
        assert_eq!(Format::parse("xml"), None);
    }

    /// The export's words are the reader's (every file's translations are checked in i18n).
    #[test]
    fn export_labels_are_in_the_readers_language() {
        assert_ne!(
            Labels::in_language(crate::i18n::Lang::Ar).working_copy,
            Labels::in_language(crate::i18n::Lang::En).working_copy
        );
    }

    #[test]
    fn file_names_say_process_document_and_revision() {
        let mut export = sample::export();
        assert_eq!(
            file_name(&export, Format::Docx),
            "gcm-zero-draft-rev-1.docx"
        );
        export.version = Version::Working;
        assert_eq!(
            file_name(&export, Format::AkomaNtoso),
            "gcm-zero-draft-working-copy.akn.xml"
        );
    }
}
