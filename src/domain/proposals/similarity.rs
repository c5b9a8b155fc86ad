//! How alike two proposals read, so that likely duplicates stand side by side in a review
//! queue.
//!
//! Texts are compared lower-cased, word by word, whatever the punctuation. Scripts written
//! without spaces between words (Chinese, Japanese, Thai) count each character as a word.
//! A first measure is the Jaccard similarity of their word shingles (runs of consecutive
//! words), kept as sorted hashes, so comparing two texts is one merge of two lists. Pairs, the
//! shingles, make each changed word cost two shingles on each side: a 25-word commitment with
//! two words changed shares only 20 of 28, 71 %, though it is the same text. So two texts that
//! share at least `ALIGNED_FROM` of their shingles are also aligned word by word (a diff), and
//! score the share of their words that match in order, 2·matched / (words of one + words of
//! the other): the same 25 words with two changed are 92 % alike, near-identical. The diff is
//! run only for such pairs, which are few and close, so it stays cheap.

use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::domain::ids::ProposalId;

/// Words per shingle: pairs catch reworded duplicates without matching every text that
/// shares common words.
pub const SHINGLE_WORDS: usize = 2;

/// Texts sharing at least this share of their shingles are compared word by word.
pub const ALIGNED_FROM: f64 = 0.5;

/// From this score, two proposals are near-identical: the same text with a word or two
/// changed; reviewers see them labelled so.
pub const NEAR_IDENTICAL: f64 = 0.9;

/// The shingles of one text, as sorted, distinct hashes, and its words (as hashes) in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shingles {
    shingles: Vec<u64>,
    words: Vec<u64>,
}

impl Shingles {
    pub fn of(text: &str) -> Shingles {
        let words = words(text);
        let mut hashes: Vec<u64> = if words.len() < SHINGLE_WORDS {
            // A text of one word is that one shingle; an empty text has none.
            (!words.is_empty())
                .then(|| hash(&words))
                .into_iter()
                .collect()
        } else {
            words.windows(SHINGLE_WORDS).map(hash).collect()
        };
        hashes.sort_unstable();
        hashes.dedup();
        Shingles {
            shingles: hashes,
            words: words
                .iter()
                .map(|w| hash(std::slice::from_ref(w)))
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.shingles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shingles.is_empty()
    }
}

/// Characters of scripts that do not separate words with spaces: each is a word.
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0E7F}'     // Thai
        | '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
    )
}

/// The lower-cased words of a text, punctuation dropped.
fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if is_unspaced(c) {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            words.push(c.to_string());
        } else if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// FNV-1a over the words, with a separator no word contains: stable across runs and builds.
fn hash(words: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            h = (h ^ 0x1f).wrapping_mul(0x0100_0000_01b3);
        }
        for byte in word.as_bytes() {
            h = (h ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// How alike two texts read, from 0 to 1: their shingles' `jaccard`, or, for texts that
/// share at least `ALIGNED_FROM` of them, the share of their words matching in order
/// (`aligned`) when it is higher. 1 for the same words, whatever the case and punctuation.
pub fn similarity(a: &Shingles, b: &Shingles) -> f64 {
    let shared = jaccard(a, b);
    if shared >= ALIGNED_FROM {
        shared.max(aligned(&a.words, &b.words))
    } else {
        shared
    }
}

/// 2·matched / (|a| + |b|), where matched counts the words of the longest run-by-run
/// alignment of `a` and `b` (Myers' diff): 1 for the same words, 0 for none in order.
fn aligned(a: &[u64], b: &[u64]) -> f64 {
    let total = a.len() + b.len();
    if total == 0 {
        return 0.0;
    }
    let matched: usize = capture_diff_slices(Algorithm::Myers, a, b)
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    (2 * matched) as f64 / total as f64
}

/// |A ∩ B| / |A ∪ B|: 1 for the same shingles, 0 for none in common (or two empty texts).
pub fn jaccard(a: &Shingles, b: &Shingles) -> f64 {
    let (a, b) = (&a.shingles, &b.shingles);
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// One proposal found alike, and how much (0 to 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Similar {
    pub id: ProposalId,
    pub score: f64,
}

impl Similar {
    /// The score as a whole percentage, for people.
    pub fn percent(&self) -> u32 {
        percent(self.score)
    }
}

/// A score (0 to 1) as a whole percentage, for people.
pub fn percent(score: f64) -> u32 {
    (score * 100.0).round().clamp(0.0, 100.0) as u32
}

/// Whether a score says the same text with a word or two changed (`NEAR_IDENTICAL`), judged
/// on the percentage people see.
pub fn near_identical(score: f64) -> bool {
    percent(score) >= percent(NEAR_IDENTICAL)
}

/// The at most `limit` candidates most like `subject` (never itself), each at least
/// `threshold` alike, most alike first; equal scores in the order of their ids.
pub fn most_similar(
    subject_id: ProposalId,
    subject: &Shingles,
    candidates: &[(ProposalId, Shingles)],
    threshold: f64,
    limit: usize,
) -> Vec<Similar> {
    let mut found: Vec<Similar> = candidates
        .iter()
        .filter(|(id, _)| *id != subject_id)
        .map(|(id, shingles)| Similar {
            id: *id,
            score: similarity(subject, shingles),
        })
        .filter(|s| s.score > 0.0 && s.score >= threshold)
        .collect();
    found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATHWAYS: &str = "States commit to open regular pathways for migrant workers, \
                            with portable social security.";

    fn alike(a: &str, b: &str) -> f64 {
        similarity(&Shingles::of(a), &Shingles::of(b))
    }

    /// A commitment of 25 words, as proposals often open.
    const COMMITMENT: &str = "We commit to establish regular pathways for migrant workers in \
                              agriculture and care, with portable social security, fair \
                              recruitment and access to justice for all.";

    /// The same text sent again by another organisation, a word or two changed, with other
    /// case and punctuation, is near-identical: 2 of 25 words changed is 92 %.
    #[test]
    fn a_near_verbatim_duplicate_is_near_identical() {
        let two_words = COMMITMENT
            .replace("establish", "create")
            .replace("fair", "ethical");
        let score = alike(COMMITMENT, &two_words);
        assert!(score >= NEAR_IDENTICAL, "{score}");
        assert!(near_identical(score) && score < 1.0);
        // Pairs of words alone put it far lower: this is what reviewers saw before.
        let shingles = jaccard(&Shingles::of(COMMITMENT), &Shingles::of(&two_words));
        assert!(shingles < 0.75, "{shingles}");

        let one_word = COMMITMENT.replace("care", "domestic work");
        assert!(
            alike(COMMITMENT, &one_word) >= 0.9,
            "one word changed, one added"
        );
        let restyled = COMMITMENT
            .to_uppercase()
            .replace(", ", " - ")
            .replace('.', "!!");
        assert_eq!(alike(COMMITMENT, &restyled), 1.0, "case and punctuation");
        let both = restyled.replace("ESTABLISH", "OPEN");
        assert!(near_identical(alike(COMMITMENT, &both)));
        assert_eq!(
            alike(COMMITMENT, &both),
            alike(&both, COMMITMENT),
            "symmetric"
        );
    }

    /// A text on the same subject in other words is alike, not near-identical; a rewrite of
    /// half its words is not aligned at all.
    #[test]
    fn a_related_proposal_is_not_near_identical() {
        let related = "We commit to open regular pathways for migrant workers in care, \
                       with fair recruitment, decent wages and the portability of pensions.";
        let score = alike(COMMITMENT, related);
        assert!(score > 0.15 && !near_identical(score), "{score}");
        let every_other: String = COMMITMENT
            .split(' ')
            .enumerate()
            .map(|(i, w)| if i % 2 == 0 { w } else { "x" })
            .collect::<Vec<_>>()
            .join(" ");
        assert!(alike(COMMITMENT, &every_other) < 0.2);
    }

    #[test]
    fn the_same_text_is_wholly_alike_whatever_case_and_punctuation() {
        assert_eq!(alike(PATHWAYS, PATHWAYS), 1.0);
        let shouted = PATHWAYS.to_uppercase().replace(',', " ;; ");
        assert_eq!(alike(PATHWAYS, &shouted), 1.0);
    }

    #[test]
    fn texts_with_nothing_in_common_are_not_alike() {
        assert_eq!(alike(PATHWAYS, "Consular protection abroad"), 0.0);
        assert_eq!(alike("", ""), 0.0);
        assert_eq!(alike(PATHWAYS, ""), 0.0);
        assert!(Shingles::of(" ,.; ").is_empty());
    }

    #[test]
    fn a_reworded_duplicate_is_more_alike_than_a_different_proposal() {
        let reworded = "States commit to open regular pathways for all migrant workers, \
                        with portable social security benefits.";
        let different = "States commit to end immigration detention of children.";
        let close = alike(PATHWAYS, reworded);
        let far = alike(PATHWAYS, different);
        assert!(close > 0.6, "{close}");
        assert!(far < 0.2, "{far}");
        assert_eq!(close, alike(reworded, PATHWAYS), "symmetric");
    }

    /// Word pairs: the same words in another order are not the same text.
    #[test]
    fn shingles_are_pairs_of_words() {
        assert_eq!(Shingles::of("one two three").len(), 2);
        assert_eq!(Shingles::of("one two one two").len(), 2, "distinct");
        assert_eq!(Shingles::of("alone").len(), 1);
        assert_eq!(alike("a b c d", "a b c d"), 1.0);
        // {ab, bc, cd} and {ab, bc, ce}: two shared of four…
        let pairs = jaccard(&Shingles::of("a b c d"), &Shingles::of("a b c e"));
        assert_eq!(pairs, 0.5);
        // …enough to align them word by word: three of four words match.
        assert_eq!(alike("a b c d", "a b c e"), 0.75);
        assert!(alike("a b c d", "d c b a") < 0.01);
    }

    #[test]
    fn every_script_is_compared_word_by_word() {
        assert_eq!(alike("حماية حقوق المهاجرين", "حماية حقوق المهاجرين!"), 1.0);
        // Chinese has no spaces: characters are the words.
        assert_eq!(Shingles::of("保护移民权利").len(), 5);
        let close = alike("各国承诺保护所有移民", "各国承诺保护移民");
        assert!(close > 0.4 && close < 1.0, "{close}");
        assert_eq!(Shingles::of("Ünïcode ÉTÉ"), Shingles::of("ünïcode été"));
    }

    #[test]
    fn the_most_similar_come_first_never_the_subject_itself() {
        let subject = Shingles::of("a b c d e");
        let candidates = vec![
            (ProposalId(1), Shingles::of("a b c d e")),
            (ProposalId(2), Shingles::of("a b c x y")),
            (ProposalId(3), Shingles::of("a b c d e")),
            (ProposalId(4), Shingles::of("v w x y z")),
            (ProposalId(5), Shingles::of("a b q r s")),
        ];
        let found = most_similar(ProposalId(1), &subject, &candidates, 0.0, 10);
        let ids: Vec<i64> = found.iter().map(|s| s.id.0).collect();
        assert_eq!(ids, [3, 2, 5], "best first, nothing in common left out");
        assert_eq!(found[0].percent(), 100);
        assert_eq!(found[1].percent(), 33);

        let top = most_similar(ProposalId(1), &subject, &candidates, 0.0, 1);
        assert_eq!(top.len(), 1);
        let strong = most_similar(ProposalId(1), &subject, &candidates, 0.3, 10);
        assert_eq!(strong.iter().map(|s| s.id.0).collect::<Vec<_>>(), [3, 2]);
        assert!(most_similar(ProposalId(9), &Shingles::default(), &candidates, 0.0, 10).is_empty());
    }
}
