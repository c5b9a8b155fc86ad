//! A one-page PDF of a few lines of text, for the demo's attachment: the smallest file that
//! every reader opens (a catalogue, a page, a standard font, a cross-reference table).

/// Text as a PDF string literal: printable ASCII, with its delimiters escaped.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('(');
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push('?'),
        }
    }
    out.push(')');
    out
}

/// An A4 page with `title` in large type and `lines` below it.
pub(super) fn one_page(title: &str, lines: &[String]) -> Vec<u8> {
    let mut content = format!("BT /F1 15 Tf 56 780 Td {} Tj ET\n", literal(title));
    content.push_str("BT /F1 11 Tf 15 TL 56 745 Td\n");
    for line in lines {
        content.push_str(&format!("{} Tj T*\n", literal(line)));
    }
    content.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
         /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
            .to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ),
        format!("<< /Title {} /Producer (Concord demo) >>", literal(title)),
    ];
    let mut pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        table.push_str(&format!("{offset:010} 00000 n \n"));
    }
    table.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf.extend_from_slice(table.as_bytes());
    pdf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pdf_has_a_header_a_consistent_cross_reference_table_and_an_end() {
        let pdf = one_page("Annex (draft)", &["Line one".into(), "Back\\slash".into()]);
        assert!(crate::web::forms::looks_like_pdf(&pdf));
        let find = |needle: &[u8]| pdf.windows(needle.len()).position(|w| w == needle);
        assert!(find(b"(Annex \\(draft\\)) Tj").is_some());
        // Every offset in the table points at the object it names.
        let xref = find(b"xref\n").expect("a cross-reference table");
        let table = String::from_utf8(pdf[xref..].to_vec()).expect("an ASCII table");
        for (i, line) in table.lines().skip(3).take(6).enumerate() {
            let offset: usize = line[..10].parse().expect("an offset");
            assert!(
                pdf[offset..].starts_with(format!("{} 0 obj", i + 1).as_bytes()),
                "object {}",
                i + 1
            );
        }
        let start: usize = table
            .rsplit("startxref\n")
            .next()
            .and_then(|rest| rest.lines().next())
            .and_then(|n| n.parse().ok())
            .expect("startxref");
        assert_eq!(start, xref);
    }
}
