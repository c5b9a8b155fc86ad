//! Several exported files in one ZIP, for those who need a set (the draft summary).

use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::{ExportError, File};

pub const CONTENT_TYPE: &str = "application/zip";

pub fn zip(files: &[File]) -> Result<Vec<u8>, ExportError> {
    let mut archive = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .unix_permissions(0o644);
    for file in files {
        archive.start_file(file.name.as_str(), options)?;
        archive.write_all(&file.bytes)?;
    }
    Ok(archive.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn files_come_back_out() {
        let files = vec![
            File {
                name: "a.md".into(),
                content_type: "text/markdown",
                bytes: "نص عربي".as_bytes().to_vec(),
                policy: None,
            },
            File {
                name: "b.md".into(),
                content_type: "text/markdown",
                bytes: b"two".to_vec(),
                policy: None,
            },
        ];
        let bytes = zip(&files).expect("zips");
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("reads");
        assert_eq!(archive.len(), 2);
        let mut text = String::new();
        archive
            .by_name("a.md")
            .expect("a.md")
            .read_to_string(&mut text)
            .expect("UTF-8");
        assert_eq!(text, "نص عربي");
    }
}
