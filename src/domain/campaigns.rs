//! Campaigns: many submissions of the same letter, exactly or nearly. Pure rules: how a text
//! is normalised before it is compared, its hash, its MinHash signature over word shingles,
//! the LSH bands under which the database files it, and the similarity that confirms a copy.
//!
//! Every number here is stored (hashes, band buckets), so the functions must give the same
//! answer on every machine and every release: no `std` hasher, whose algorithm may change.

use sha2::{Digest, Sha256};

use crate::domain::diff::{Change, Segment, word_diff};

/// Hash functions in a signature.
pub const SIGNATURE_LEN: usize = 64;
/// Bands of the signature, four rows each: a lookup reads the buckets of all of them, a text
/// is filed under the first [`FILED_BANDS`] (all sixteen before those were counted).
pub const BANDS: usize = 16;
const ROWS: usize = SIGNATURE_LEN / BANDS;
/// Bands a distinct text is filed under: the first eight. Each is a row inserted at a random
/// place of the bands' index, a page of the WAL of its own: filing all sixteen was most of
/// what a submission wrote (63 % of the WAL's pages in a run of distinct texts), and the run
/// reached 4,400 submissions/s with none filed, 2,660/s with sixteen. Eight still find a copy
/// sharing 85 % of the shingles with probability 0.997 (0.9998 at 90 %), where the estimate
/// of 64 hashes decides about a copy near the threshold no more surely than that. Lookups
/// read every band, so texts filed under sixteen before are found by all of theirs.
pub const FILED_BANDS: usize = 8;
/// Words in a shingle.
const SHINGLE: usize = 3;
/// The estimated Jaccard similarity of shingles from which a text is a copy of a letter.
pub const THRESHOLD: f64 = 0.8;

/// The words of a text as compared: lower case, punctuation and spacing dropped, and each
/// Chinese or Japanese character a word of its own (those scripts do not space words).
pub fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if is_ideograph(c) {
            flush(&mut current, &mut words);
            words.push(c.to_string());
        } else if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else {
            flush(&mut current, &mut words);
        }
    }
    flush(&mut current, &mut words);
    words
}

fn flush(current: &mut String, words: &mut Vec<String>) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// The words of a contribution: its title, then its body.
pub fn words_of(title: &str, body: &str) -> Vec<String> {
    let mut all = words(title);
    all.extend(words(body));
    all
}

/// SHA-256, in hexadecimal, of the normalised words: two texts that differ only in case,
/// spacing or punctuation have the same.
pub fn text_hash(words: &[String]) -> String {
    crate::config::hex(&Sha256::digest(words.join(" ").as_bytes()))
}

/// The MinHash signature of a text's word shingles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u64; SIGNATURE_LEN]);

pub fn signature(words: &[String]) -> Signature {
    let mut mins = [u64::MAX; SIGNATURE_LEN];
    let seeds = seeds();
    for shingle in shingles(words) {
        let base = fnv1a(shingle.as_bytes());
        for (min, seed) in mins.iter_mut().zip(seeds.iter()) {
            *min = (*min).min(splitmix(base ^ seed));
        }
    }
    Signature(mins)
}

/// Overlapping runs of `SHINGLE` words; a shorter text is one shingle.
fn shingles(words: &[String]) -> Vec<String> {
    if words.len() <= SHINGLE {
        return vec![words.join(" ")];
    }
    words.windows(SHINGLE).map(|w| w.join(" ")).collect()
}

fn seeds() -> [u64; SIGNATURE_LEN] {
    let mut seeds = [0u64; SIGNATURE_LEN];
    for (i, seed) in seeds.iter_mut().enumerate() {
        *seed = splitmix(0x5eed_0000 + i as u64);
    }
    seeds
}

/// The fraction of equal minima: an estimate of the Jaccard similarity of two shingle sets.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    let same = a.0.iter().zip(b.0.iter()).filter(|(x, y)| x == y).count();
    same as f64 / SIGNATURE_LEN as f64
}

/// Bytes of a stored signature: four for each minimum.
pub const PACKED_LEN: usize = SIGNATURE_LEN * 4;

impl Signature {
    /// The signature as stored: the low 32 bits of each minimum, little-endian. Two minima
    /// agree on those bits by accident once in four billion, which moves no estimate.
    pub fn packed(&self) -> Vec<u8> {
        self.0
            .iter()
            .flat_map(|min| (*min as u32).to_le_bytes())
            .collect()
    }

    /// The estimated similarity to a stored signature, as [`similarity`] estimates it;
    /// `None` for bytes that are not one.
    pub fn similarity_to_packed(&self, packed: &[u8]) -> Option<f64> {
        if packed.len() != PACKED_LEN {
            return None;
        }
        let same = self
            .0
            .iter()
            .zip(packed.chunks_exact(4))
            .filter(|(min, stored)| (**min as u32).to_le_bytes() == **stored)
            .count();
        Some(same as f64 / SIGNATURE_LEN as f64)
    }
}

/// The buckets a signature is filed under, one per band; each mixes in its band's number, so
/// equal buckets mean the same band agreed.
pub fn buckets(signature: &Signature) -> [i64; BANDS] {
    let mut out = [0i64; BANDS];
    for (band, bucket) in out.iter_mut().enumerate() {
        let mut h = splitmix(band as u64 + 1);
        for value in &signature.0[band * ROWS..(band + 1) * ROWS] {
            h = splitmix(h ^ value);
        }
        *bucket = h as i64;
    }
    out
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Words of unchanged text kept on each side of a change, when showing what a copy changed.
const CONTEXT_WORDS: usize = 6;

/// What a copy changed in the letter: the word diff, with long unchanged stretches cut to a
/// few words beside each change ("…"), so the sender's own words stand out.
pub fn changes(letter: &str, copy: &str) -> Vec<Segment> {
    let segments = word_diff(letter, copy);
    let last = segments.len().saturating_sub(1);
    segments
        .into_iter()
        .enumerate()
        .filter_map(|(i, segment)| match segment.change {
            Change::Same => shortened(segment, i > 0, i < last),
            _ => Some(segment),
        })
        .collect()
}

/// An unchanged stretch cut to its words next to the changes before and after it.
fn shortened(segment: Segment, after_change: bool, before_change: bool) -> Option<Segment> {
    let words: Vec<&str> = segment.text.split_whitespace().collect();
    if !after_change && !before_change {
        return None;
    }
    if words.len() <= 2 * CONTEXT_WORDS {
        return Some(segment);
    }
    let head = words[..CONTEXT_WORDS].join(" ");
    let tail = words[words.len() - CONTEXT_WORDS..].join(" ");
    let text = match (after_change, before_change) {
        (true, true) => format!("{head} … {tail} "),
        (true, false) => format!("{head} …"),
        _ => format!("… {tail} "),
    };
    // Keep the space that joined the stretch to the change before it.
    let lead = if after_change && segment.text.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    Some(Segment {
        change: Change::Same,
        text: format!("{lead}{text}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(words: usize, salt: &str) -> String {
        (0..words)
            .map(|i| format!("{salt}{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn normalising_folds_case_spacing_and_punctuation() {
        assert_eq!(
            words("Protect  migrants' RIGHTS,\nnow!"),
            ["protect", "migrants", "rights", "now"]
        );
        assert_eq!(
            text_hash(&words_of("Dear Chair", "Protect rights.")),
            text_hash(&words_of("dear chair!", "  protect\n\nRIGHTS"))
        );
        assert_ne!(
            text_hash(&words_of("Dear Chair", "Protect rights")),
            text_hash(&words_of("Dear Chair", "Protect children"))
        );
        assert_eq!(
            words("移民权利 Ünïcode"),
            ["移", "民", "权", "利", "ünïcode"]
        );
        assert_eq!(words("حقوق المهاجرين."), ["حقوق", "المهاجرين"]);
    }

    #[test]
    fn the_signature_is_stable_across_runs_and_machines() {
        // A stored bucket must mean the same forever: pin one.
        let sig = signature(&words("the same letter sent many times"));
        assert_eq!(sig, signature(&words("The same letter, sent many times.")));
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(buckets(&sig), buckets(&sig.clone()));
    }

    #[test]
    fn minhash_estimates_jaccard_similarity() {
        let letter = words(&text(200, "w"));
        let same = signature(&letter);
        assert!((similarity(&same, &signature(&letter)) - 1.0).abs() < f64::EPSILON);

        // A sentence of the sender's own: 200 words and 12 more, about 0.93 of the shingles shared.
        let mut added = letter.clone();
        added.extend(words(&text(12, "own")));
        let near = similarity(&same, &signature(&added));
        assert!(near >= THRESHOLD, "a sentence added: {near}");

        // A few words changed in the middle.
        let mut changed = letter.clone();
        changed[100] = "changed".into();
        changed[150] = "altered".into();
        let near = similarity(&same, &signature(&changed));
        assert!(near >= THRESHOLD, "two words changed: {near}");

        let unrelated = similarity(&same, &signature(&words(&text(200, "other"))));
        assert!(unrelated < 0.2, "an unrelated text: {unrelated}");
    }

    #[test]
    fn a_stored_signature_estimates_as_the_whole_one() {
        let letter = words(&text(120, "w"));
        let mut added = letter.clone();
        added.extend(words(&text(9, "own")));
        let (a, b) = (signature(&letter), signature(&added));
        let stored = a.packed();
        assert_eq!(stored.len(), PACKED_LEN);
        assert_eq!(a.similarity_to_packed(&stored), Some(1.0));
        assert_eq!(b.similarity_to_packed(&stored), Some(similarity(&a, &b)));
        assert_eq!(a.similarity_to_packed(&stored[1..]), None);
    }

    #[test]
    fn a_near_copy_shares_a_band_and_an_unrelated_text_none() {
        let letter = words(&text(150, "w"));
        let mut added = letter.clone();
        added.extend(words(&text(10, "own")));
        let a = buckets(&signature(&letter));
        let b = buckets(&signature(&added));
        assert!(a.iter().zip(b.iter()).any(|(x, y)| x == y));
        let c = buckets(&signature(&words(&text(150, "other"))));
        assert!(a.iter().all(|x| !c.contains(x)));
    }

    /// Of copies edited as senders edit a letter (words changed, a sentence of their own
    /// added, a paragraph dropped), every one the estimate counts a copy shares one of the
    /// filed bands with its letter.
    #[test]
    fn a_near_copy_shares_a_filed_band_with_its_letter() {
        let (mut copies, mut found) = (0, 0);
        for letter_no in 0..30 {
            let letter = words(&text(120 + letter_no * 7, &format!("l{letter_no}w")));
            let filed = buckets(&signature(&letter));
            for edit in 0..20 {
                let mut copy = letter.clone();
                match edit % 3 {
                    0 => {
                        for k in 0..=edit / 3 {
                            let at = (k * 37 + edit * 11) % copy.len();
                            copy[at] = format!("changed{k}");
                        }
                    }
                    1 => copy.extend(words(&text(3 + edit, &format!("own{edit}")))),
                    _ => {
                        let from = (edit * 13) % (copy.len() - 10);
                        copy.drain(from..from + 2 + edit / 3);
                    }
                }
                let theirs = signature(&copy);
                if similarity(&signature(&letter), &theirs) < THRESHOLD {
                    continue;
                }
                copies += 1;
                let shares = buckets(&theirs)[..FILED_BANDS]
                    .iter()
                    .zip(&filed[..FILED_BANDS])
                    .any(|(a, b)| a == b);
                found += usize::from(shares);
            }
        }
        assert!(copies > 400, "{copies} copies only");
        assert_eq!(found, copies);
    }

    #[test]
    fn the_changes_of_a_copy_show_its_own_words_with_a_little_context() {
        let letter = text(40, "w");
        let copy = format!("{letter} Please also protect children.");
        let shown = changes(&letter, &copy);
        let added: Vec<&str> = shown
            .iter()
            .filter(|s| s.change == Change::Added)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(added.concat().trim(), "Please also protect children.");
        let same: String = shown
            .iter()
            .filter(|s| s.change == Change::Same)
            .map(|s| s.text.as_str())
            .collect();
        assert!(same.starts_with('…'), "{same}");
        assert!(same.contains("w39") && !same.contains("w20"), "{same}");
        assert!(changes(&letter, &letter).is_empty());
    }
}
