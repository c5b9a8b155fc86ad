//! Markdown: the text as written, with its numbers and headings, and each paragraph's sources
//! as a footnote.

use std::fmt::Write;

use super::model::Export;

/// Escapes text people typed (titles, labels) so Markdown shows it as it is.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!'
        ) {
            out.push('\\');
        }
        match c {
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

pub fn write(export: &Export) -> String {
    let mut out = String::with_capacity(export.nodes.len() * 400 + export.sources.len() * 80);
    // Writing to a String cannot fail.
    let _ = write_into(export, &mut out);
    out
}

fn write_into(export: &Export, out: &mut String) -> std::fmt::Result {
    writeln!(out, "# {}\n", escape(&export.title))?;
    writeln!(out, "{}\n", escape(&export.process_title))?;
    let mut facts = Vec::new();
    if !export.symbol.is_empty() {
        facts.push(format!(
            "{}: {}",
            export.labels.symbol,
            escape(&export.symbol)
        ));
    }
    facts.push(format!("{}: {}", export.labels.date, export.date_iso()));
    if !export.version.is_working() {
        facts.push(format!(
            "{}: {}",
            export.labels.revision,
            escape(export.version_label())
        ));
    }
    writeln!(out, "{}\n", facts.join(" · "))?;
    if export.version.is_working() {
        writeln!(out, "> **{}**\n", escape(&export.labels.working_copy))?;
    }
    let mut footnotes = String::new();
    for node in &export.nodes {
        if node.is_heading() {
            writeln!(out, "## {}\n", escape(node.text.trim()))?;
            continue;
        }
        // "1\." so that Markdown does not turn the paragraph into a list and renumber it.
        let margin = node.margin().replacen('.', "\\.", 1);
        let note = if node.citations.is_empty() {
            String::new()
        } else {
            format!("[^{}]", node.eid)
        };
        writeln!(out, "{margin} {}{note}\n", node.text.trim())?;
        if !node.citations.is_empty() {
            let cited: Vec<String> = export
                .citations_of(node)
                .map(|(source, citation)| {
                    let mut line = format!("[{}](<{}>)", escape(&source.label), source.href);
                    if !citation.quote.is_empty() {
                        line.push_str(&format!(": “{}”", escape(&citation.quote)));
                    }
                    if !citation.note.is_empty() {
                        line.push_str(&format!(" ({})", escape(&citation.note)));
                    }
                    line
                })
                .collect();
            writeln!(
                footnotes,
                "[^{}]: {}: {}",
                node.eid,
                export.labels.sources,
                cited.join("; ")
            )?;
        }
    }
    if !footnotes.is_empty() {
        writeln!(out, "---\n")?;
        out.push_str(&footnotes);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::sample;

    #[test]
    fn markdown_has_numbers_letters_headings_and_sources() {
        let md = write(&sample::export());
        assert!(md.starts_with("# Global Compact for Safe, Orderly and Regular Migration\n"));
        assert!(md.contains("## Objectives & commitments"));
        assert!(md.contains("1\\. Collect and utilize **accurate** data.[^para_p1]"));
        assert!(md.contains("(a) Develop a strategy."));
        assert!(md.contains("(b) Improve comparability.[^point_m2]"));
        assert!(md.contains(&format!("2\\. {}", sample::ARABIC)));
        assert!(md.contains(&format!("3\\. {}", sample::CHINESE)));
        assert!(md.contains(
            "[^para_p1]: Sources: [GCM/WC/0004](<https://concord.example/p/gcm/contributions/GCM-WC-0004>): “better data” (Merged & shortened \\<by the co-facilitators\\>); [GCM/CP/0007, version 2](<urn:concord:proposal-version:7>)"
        ));
        assert!(md.contains("Symbol: A/CONF.231/3 · Date: 2018-03-05 · Revision: Rev.1"));
        assert!(!md.contains("Working copy"));
    }

    #[test]
    fn the_working_copy_is_marked() {
        let mut export = sample::export();
        export.version = crate::export::Version::Working;
        let md = write(&export);
        assert!(md.contains("> **Working copy — not an official text**"));
    }
}
