//! Written contributions: the public list and pages, the writing form with drafts, and
//! withdrawal and moderation. Handlers only: the work is `app::contributions`.

pub mod autosave;
pub mod form;
pub mod moderate;
pub mod view;

use actix_web::Scope;
use actix_web::web;

use crate::app::contributions::input::{Input, Upload};
use crate::i18n::Lang;
use crate::web::forms::{Fields, UploadedFile, clean_file_name, looks_like_pdf};

/// The routes under `/p/{process}/contributions`. The fixed segments come before
/// `{reference}` so `new` is never taken for a reference.
pub fn routes() -> Scope {
    web::scope("/p/{process}/contributions")
        .service(view::list)
        .service(form::new_form)
        .service(form::create)
        .service(autosave::autosave)
        .service(form::edit_form)
        .service(form::save)
        .service(view::draft_file)
        .service(view::show)
        .service(view::receipt)
        .service(view::attached_file)
        .service(moderate::withdraw)
        .service(moderate::hide)
        .service(moderate::unhide)
}

pub const FILE_MAX_BYTES: usize = 20 * 1024 * 1024;
pub const FILES_PER_REQUEST: usize = 5;

/// The writing form as typed, sent from an interface in `interface`.
pub fn input_from_fields(fields: &Fields, interface: Lang) -> Input {
    let owned = |values: Vec<&str>| values.into_iter().map(str::to_string).collect();
    Input {
        title: fields.get("title").to_string(),
        body: fields.get("body").replace("\r\n", "\n"),
        language: fields.get("language").to_string(),
        language_default: fields.get("language_default").to_string(),
        interface: Some(interface),
        groups: owned(fields.all("group")),
        themes: owned(fields.all("theme")),
        remove_files: owned(fields.all("remove_file")),
        event: fields.get("event").to_string(),
    }
}

/// The files sent to attach, each read as a PDF under a safe name, or as not a PDF.
pub fn uploads(files: Vec<UploadedFile>) -> Vec<Upload> {
    files
        .into_iter()
        .filter(|f| f.field == "attachments")
        .map(|file| {
            if looks_like_pdf(&file.content) {
                Upload::Pdf {
                    file_name: clean_file_name(&file.file_name),
                    content: file.content,
                }
            } else {
                Upload::NotPdf
            }
        })
        .collect()
}

/// A size as people say it in `lang`: Russian has its own units, and Russian and Spanish write
/// a decimal comma. (English, French, Arabic and Chinese keep the Latin units and point.)
pub fn human_size(bytes: i64, lang: Lang) -> String {
    let (byte, kilo, mega) = match lang {
        Lang::Ru => ("Б", "КБ", "МБ"),
        _ => ("B", "kB", "MB"),
    };
    match bytes {
        b if b >= 1024 * 1024 => {
            let number = format!("{:.1}", b as f64 / (1024.0 * 1024.0));
            let number = match lang {
                Lang::Ru | Lang::Es => number.replace('.', ","),
                _ => number,
            };
            format!("{number} {mega}")
        }
        b if b >= 1024 => format!("{} {kilo}", b / 1024),
        b => format!("{b} {byte}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        let three_mb = 3 * 1024 * 1024 + 100_000;
        assert_eq!(human_size(512, Lang::En), "512 B");
        assert_eq!(human_size(20 * 1024, Lang::En), "20 kB");
        assert_eq!(human_size(three_mb, Lang::En), "3.1 MB");
        assert_eq!(human_size(three_mb, Lang::Zh), "3.1 MB");
        assert_eq!(human_size(512, Lang::Ru), "512 Б");
        assert_eq!(human_size(20 * 1024, Lang::Ru), "20 КБ");
        assert_eq!(human_size(three_mb, Lang::Ru), "3,1 МБ");
        assert_eq!(human_size(three_mb, Lang::Es), "3,1 MB");
    }
}
