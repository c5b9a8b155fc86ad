//! How alike two proposals read, so that likely duplicates stand side by side in a review
//! queue: the Jaccard similarity of their word shingles (runs of consecutive words).
//!
//! Texts are compared lower-cased, word by word, whatever the punctuation. Scripts written
//! without spaces between words (Chinese, Japanese, Thai) count each character as a word.
//! Shingles are kept as sorted hashes, so comparing two texts is one merge of two lists.

use crate::domain::ids::ProposalId;

/// Words per shingle: pairs catch reworded duplicates without matching every text that
/// shares common words.
pub const SHINGLE_WORDS: usize = 2;

/// The shingles of one text, as sorted, distinct hashes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shingles(Vec<u64>);

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
        Shingles(hashes)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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

/// |A ∩ B| / |A ∪ B|: 1 for the same shingles, 0 for none in common (or two empty texts).
pub fn jaccard(a: &Shingles, b: &Shingles) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.0.len() && j < b.0.len() {
        match a.0[i].cmp(&b.0[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.0.len() + b.0.len() - common;
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
        (self.score * 100.0).round().clamp(0.0, 100.0) as u32
    }
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
            score: jaccard(subject, shingles),
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
        jaccard(&Shingles::of(a), &Shingles::of(b))
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
        // {ab, bc, cd} and {ab, bc, ce}: two shared of four.
        assert_eq!(alike("a b c d", "a b c e"), 0.5);
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
