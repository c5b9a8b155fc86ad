//! The metadata of an Akoma Ntoso export: FRBR identification (work, expression,
//! manifestation), the references (the agents, and every cited source as a `TLCReference`),
//! a note per paragraph placed on its eId naming its sources, and the same links in
//! machine-readable form under `<proprietary>`.

use super::CONCORD;
use super::PROVENANCE_NAMESPACE;
use super::xml::{Result, Xml, uri};
use crate::export::model::{Export, ExportNode, Version};

/// IRIs of the work, the expression and the manifestation.
struct Iris {
    work: String,
    expression: String,
}

fn iris(export: &Export) -> Iris {
    let work = uri(&format!(
        "/akn/un/doc/{}/{}/{}-{}",
        export.kind.as_str(),
        export.created.format("%Y-%m-%d"),
        export.process_slug,
        export.document_slug
    ));
    let expression = format!(
        "{work}/{}@{}",
        export.language.akn,
        uri(export.version.slug())
    );
    Iris { work, expression }
}

pub(super) fn write_identification(xml: &mut Xml, export: &Export) -> Result {
    let iris = iris(export);
    let author = format!("#org_{}", export.process_slug);
    let concord = format!("#{CONCORD}");
    xml.open("identification", &[("source", &concord)])?;

    xml.open("FRBRWork", &[])?;
    xml.empty("FRBRthis", &[("value", &format!("{}/!main", iris.work))])?;
    xml.empty("FRBRuri", &[("value", &iris.work)])?;
    if !export.symbol.is_empty() {
        xml.empty(
            "FRBRalias",
            &[("value", &export.symbol), ("name", "symbol")],
        )?;
    }
    xml.empty(
        "FRBRdate",
        &[
            ("date", &export.created.format("%Y-%m-%d").to_string()),
            ("name", "creation"),
        ],
    )?;
    xml.empty("FRBRauthor", &[("href", &author)])?;
    xml.empty("FRBRcountry", &[("value", "un")])?;
    xml.empty("FRBRsubtype", &[("value", export.kind.as_str())])?;
    xml.empty(
        "FRBRnumber",
        &[(
            "value",
            &format!("{}-{}", export.process_slug, export.document_slug),
        )],
    )?;
    xml.empty("FRBRname", &[("value", &export.title)])?;
    xml.close("FRBRWork")?;

    xml.open("FRBRExpression", &[])?;
    xml.empty(
        "FRBRthis",
        &[("value", &format!("{}/!main", iris.expression))],
    )?;
    xml.empty("FRBRuri", &[("value", &iris.expression)])?;
    let date_name = match &export.version {
        Version::Published { .. } => "publication",
        Version::Working => "working-copy",
    };
    xml.empty(
        "FRBRdate",
        &[("date", &export.date_iso()), ("name", date_name)],
    )?;
    xml.empty("FRBRauthor", &[("href", &author)])?;
    match &export.version {
        Version::Published { label, .. } => {
            xml.empty("FRBRversionNumber", &[("value", label)])?;
        }
        Version::Working => {
            xml.empty(
                "FRBRversionNumber",
                &[
                    ("value", "working-copy"),
                    ("showAs", &export.labels.working_copy),
                ],
            )?;
        }
    }
    for language in &export.languages {
        xml.empty("FRBRlanguage", &[("language", language.akn)])?;
    }
    xml.close("FRBRExpression")?;

    xml.open("FRBRManifestation", &[])?;
    xml.empty(
        "FRBRthis",
        &[("value", &format!("{}/!main.xml", iris.expression))],
    )?;
    xml.empty("FRBRuri", &[("value", &format!("{}.akn", iris.expression))])?;
    xml.empty(
        "FRBRdate",
        &[
            (
                "date",
                &export.generated.format("%Y-%m-%dT%H:%M:%S").to_string(),
            ),
            ("name", "generation"),
        ],
    )?;
    xml.empty("FRBRauthor", &[("href", &concord)])?;
    xml.empty("FRBRformat", &[("value", "application/akn+xml")])?;
    xml.close("FRBRManifestation")?;

    xml.close("identification")
}

pub(super) fn write_references(xml: &mut Xml, export: &Export) -> Result {
    let concord = format!("#{CONCORD}");
    xml.open("references", &[("source", &concord)])?;
    xml.empty(
        "TLCOrganization",
        &[
            ("eId", CONCORD),
            ("href", "/ontology/organization/concord"),
            ("showAs", "Concord"),
        ],
    )?;
    xml.empty(
        "TLCOrganization",
        &[
            ("eId", &format!("org_{}", export.process_slug)),
            (
                "href",
                &uri(&format!("/ontology/organization/{}", export.process_slug)),
            ),
            ("showAs", &export.process_title),
        ],
    )?;
    for source in &export.sources {
        let name = match source.kind {
            "proposal-version" => "proposalVersion",
            "contribution" => "contribution",
            _ => "paragraph",
        };
        xml.empty(
            "TLCReference",
            &[
                ("eId", &source.eid),
                ("href", &uri(&source.href)),
                ("showAs", &source.label),
                ("name", name),
            ],
        )?;
    }
    xml.close("references")
}

pub(super) fn write_notes(xml: &mut Xml, export: &Export) -> Result {
    let cited: Vec<&ExportNode> = export
        .nodes
        .iter()
        .filter(|n| !n.citations.is_empty())
        .collect();
    if cited.is_empty() {
        return Ok(());
    }
    let concord = format!("#{CONCORD}");
    xml.open(
        "notes",
        &[("source", &concord), ("xml:lang", export.labels.lang)],
    )?;
    for node in cited {
        let placement = format!("#{}", node.eid);
        xml.open(
            "note",
            &[
                ("eId", &format!("note_{}", node.eid)),
                ("placement", "bottom"),
                ("placementBase", &placement),
            ],
        )?;
        xml.open("p", &[])?;
        xml.text(&format!("{}: ", export.labels.sources))?;
        for (i, (source, citation)) in export.citations_of(node).enumerate() {
            if i > 0 {
                xml.text("; ")?;
            }
            xml.leaf(
                "ref",
                &[("href", &format!("#{}", source.eid))],
                &source.label,
            )?;
            if !citation.quote.is_empty() {
                xml.text(&format!(": “{}”", citation.quote))?;
            }
            if !citation.note.is_empty() {
                xml.text(&format!(" ({})", citation.note))?;
            }
        }
        xml.close("p")?;
        xml.close("note")?;
    }
    xml.close("notes")
}

pub(super) fn write_proprietary(xml: &mut Xml, export: &Export) -> Result {
    let concord = format!("#{CONCORD}");
    xml.open("proprietary", &[("source", &concord)])?;
    xml.open(
        "concord:provenance",
        &[("xmlns:concord", PROVENANCE_NAMESPACE)],
    )?;
    for node in &export.nodes {
        let from = format!("#{}", node.eid);
        for (source, citation) in export.citations_of(node) {
            let to = format!("#{}", source.eid);
            let mut attributes = vec![
                ("from", from.as_str()),
                ("node", node.key.as_str()),
                ("source", to.as_str()),
                ("kind", source.kind),
            ];
            if !citation.quote.is_empty() {
                attributes.push(("quote", &citation.quote));
            }
            if !citation.note.is_empty() {
                attributes.push(("note", &citation.note));
            }
            xml.empty("concord:link", &attributes)?;
        }
    }
    xml.close("concord:provenance")?;
    xml.close("proprietary")
}
