//! Export and comparison timings on a large draft: 300 numbered paragraphs (with headings,
//! lettered measures, Arabic and Chinese paragraphs) citing sources through 10,000 provenance
//! links. Targets: under 200 ms per format except PDF, under 50 ms to compare two revisions.
//!
//! Run: `cargo run --release --example export_bench` (PDF needs /usr/bin/chromium).

// A benchmark stops at the first surprise, like a test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use concord::domain::documents::{
    Content, DocumentKind, Node, NodeKind, Provenance, Source, compare,
};
use concord::domain::ids::{ContributionId, ProposalVersionId};
use concord::export::pdf::Printer;
use concord::export::{self, Format, Input, Labels, Version};
use concord::i18n::Lang;

const PARAGRAPHS: usize = 300;
const LINKS: usize = 10_000;
const RUNS: usize = 7;

const ENGLISH: &str = "States commit to cooperate internationally to facilitate safe, orderly and \
    regular migration, and to strengthen the collection and use of **accurate** and \
    disaggregated data as a basis for evidence-based policies, while upholding the human rights \
    of all migrants, regardless of their migration status, in line with international law.";
const ARABIC: &str = "نلتزم بتعزيز التعاون الدولي بشأن الهجرة الآمنة والمنظمة والنظامية، وبتحسين جمع البيانات \
    الدقيقة والمصنفة واستخدامها أساساً للسياسات القائمة على الأدلة، مع احترام حقوق الإنسان لجميع المهاجرين.";
const CHINESE: &str = "我们承诺开展国际合作，促进安全、有序和正常的移民，加强收集和利用准确的分类数据，\
    作为循证政策的基础，同时维护所有移民的人权。";

/// `count` more provenance links, numbered on from `link`.
fn cite(link: &mut usize, count: usize) -> Vec<Provenance> {
    (0..count)
        .map(|_| {
            *link += 1;
            let n = *link;
            let id = (n % 2_500) as i64;
            Provenance {
                source: if n.is_multiple_of(3) {
                    Source::Contribution {
                        id: ContributionId(id),
                    }
                } else {
                    Source::ProposalVersion {
                        id: ProposalVersionId(id),
                    }
                },
                label: format!("GCM/CP/{id:04}, version {}", n % 4 + 1),
                quote: if n.is_multiple_of(5) {
                    "accurate and disaggregated data".into()
                } else {
                    String::new()
                },
                note: if n.is_multiple_of(7) {
                    "merged with similar proposals".into()
                } else {
                    String::new()
                },
            }
        })
        .collect()
}

/// The draft: every tenth paragraph opens a section, every third has two measures, every
/// seventh is Arabic and every eleventh Chinese; the links spread over them all.
fn draft(edit: bool) -> Content {
    let mut nodes = Vec::new();
    let mut link = 0usize;
    let per_node = LINKS / (PARAGRAPHS + PARAGRAPHS / 3 * 2);
    for p in 0..PARAGRAPHS {
        if p % 10 == 0 {
            nodes.push(Node {
                status: Default::default(),
                key: format!("h{p}"),
                kind: NodeKind::Heading,
                text: format!("Objective {}", p / 10 + 1),
                provenance: Vec::new(),
            });
        }
        let text = if p % 7 == 3 {
            ARABIC.to_string()
        } else if p % 11 == 5 {
            CHINESE.to_string()
        } else if edit && p % 10 == 4 {
            format!("{ENGLISH} As revised in the second round, paragraph {p}.")
        } else {
            format!("{ENGLISH} ({p})")
        };
        nodes.push(Node {
            status: Default::default(),
            key: format!("p{p}"),
            kind: NodeKind::Paragraph,
            text,
            provenance: cite(&mut link, per_node),
        });
        if p % 3 == 0 {
            for m in 0..2 {
                nodes.push(Node {
                    status: Default::default(),
                    key: format!("m{p}-{m}"),
                    kind: NodeKind::Measure,
                    text:
                        "Develop and implement national strategies with all relevant stakeholders."
                            .into(),
                    provenance: cite(&mut link, per_node),
                });
            }
        }
    }
    // The rest of the links on the last paragraph, so there are exactly LINKS.
    let rest = LINKS - link;
    if let Some(last) = nodes
        .iter_mut()
        .rev()
        .find(|n| n.kind == NodeKind::Paragraph)
    {
        last.provenance.extend(cite(&mut link, rest));
    }
    if edit {
        // A later revision: some paragraphs moved, one removed, one added.
        nodes.swap(20, 40);
        nodes.remove(60);
        nodes.insert(
            100,
            Node {
                status: Default::default(),
                key: "new".into(),
                kind: NodeKind::Paragraph,
                text: "A new paragraph added in negotiation.".into(),
                provenance: Vec::new(),
            },
        );
    }
    Content {
        title: "Global Compact for Safe, Orderly and Regular Migration".into(),
        symbol: "A/CONF.231/3".into(),
        language: "en".into(),
        nodes,
    }
}

fn model(content: &Content, paths: &HashMap<Source, String>) -> export::Export {
    let date = NaiveDate::from_ymd_opt(2018, 7, 13).expect("a date");
    export::build(Input {
        process_slug: "gcm",
        process_title: "Global Compact for Migration",
        process_title_language: None,
        document_slug: "draft",
        kind: DocumentKind::Draft,
        version: Version::Published {
            number: 4,
            label: "Final draft".into(),
            slug: "final-draft".into(),
        },
        date,
        created: date,
        generated: date.and_hms_opt(12, 0, 0).expect("a time"),
        content,
        source_paths: paths,
        source_languages: &HashMap::new(),
        base_url: "https://concord.example",
        labels: Labels::in_language(Lang::En),
    })
}

/// Median and fastest of `runs` timings of `f`, and what the last run returned.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(f());
        times.push(started.elapsed());
    }
    times.sort();
    (
        times[times.len() / 2],
        times[0],
        last.expect("at least one run"),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let content = draft(false);
    let later = draft(true);
    let links: usize = content.nodes.iter().map(|n| n.provenance.len()).sum();
    let paragraphs = content
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Paragraph)
        .count();
    let mut paths = HashMap::new();
    for node in &content.nodes {
        for p in &node.provenance {
            if let Source::Contribution { id } = p.source {
                paths.insert(
                    p.source.clone(),
                    format!("/p/gcm/contributions/gcm-wc-{id:04}"),
                );
            }
        }
    }
    println!(
        "Draft: {paragraphs} paragraphs, {} nodes, {links} provenance links; {RUNS} runs each (median, fastest).\n",
        content.nodes.len()
    );
    println!(
        "{:<28} {:>10} {:>10} {:>12}",
        "step", "median", "fastest", "size"
    );

    let (median, fastest, export) = time(RUNS, || model(&content, &paths));
    println!(
        "{:<28} {:>10} {:>10} {:>12}",
        "build the model",
        ms(median),
        ms(fastest),
        format!("{} sources", export.sources.len())
    );

    let printer = Printer::default();
    let mut over = Vec::new();
    for format in Format::ALL {
        if format == Format::Pdf {
            continue;
        }
        let (median, fastest, file) = time(RUNS, || {
            // The model is built per request too: count it in.
            let export = model(&content, &paths);
            export::write(&export, format, &printer).expect("writes")
        });
        if median > Duration::from_millis(200) {
            over.push(format!("{format:?}"));
        }
        // To look at the files: EXPORT_BENCH_OUT=<folder>.
        if let Ok(folder) = std::env::var("EXPORT_BENCH_OUT") {
            std::fs::write(std::path::Path::new(&folder).join(&file.name), &file.bytes)
                .expect("written");
        }
        println!(
            "{:<28} {:>10} {:>10} {:>9} KiB",
            format!("model + {}", format.extension()),
            ms(median),
            ms(fastest),
            file.bytes.len() / 1024
        );
    }
    if printer.is_available() {
        let (median, fastest, file) = time(3, || {
            let export = model(&content, &paths);
            export::write(&export, Format::Pdf, &printer).expect("prints")
        });
        println!(
            "{:<28} {:>10} {:>10} {:>9} KiB",
            "model + pdf (Chromium)",
            ms(median),
            ms(fastest),
            file.bytes.len() / 1024
        );
    } else {
        println!("{:<28} {:>10}", "model + pdf", "skipped: no Chromium");
    }

    let (median, fastest, comparison) = time(RUNS, || compare(&content.nodes, &later.nodes));
    let changed = comparison
        .rows
        .iter()
        .filter(|r| r.moved || !matches!(r.change, concord::domain::documents::Change::Unchanged))
        .count();
    println!(
        "{:<28} {:>10} {:>10} {:>12}",
        "compare two revisions",
        ms(median),
        ms(fastest),
        format!("{changed} rows differ")
    );
    if median > Duration::from_millis(50) {
        over.push("compare".into());
    }
    println!();
    if over.is_empty() {
        println!("All within target (200 ms per format but PDF, 50 ms to compare).");
    } else {
        println!("Over target: {}", over.join(", "));
    }
}
