//! The UN (M49) region of a country as participants write it, for counting participants by
//! region. The names are data (`data/regions.tsv`), matched ignoring case and spacing.

use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    Africa,
    Americas,
    Asia,
    Europe,
    Oceania,
    /// No country given, or one not in the list.
    Unknown,
}

impl Region {
    pub const ALL: [Region; 6] = [
        Region::Africa,
        Region::Americas,
        Region::Asia,
        Region::Europe,
        Region::Oceania,
        Region::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Region::Africa => "africa",
            Region::Americas => "americas",
            Region::Asia => "asia",
            Region::Europe => "europe",
            Region::Oceania => "oceania",
            Region::Unknown => "unknown",
        }
    }

    pub fn label_key(self) -> String {
        format!("region-{}", self.as_str())
    }
}

fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

static REGIONS: LazyLock<HashMap<String, Region>> = LazyLock::new(|| {
    include_str!("../../data/regions.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(|(name, region)| {
            let region = Region::ALL
                .into_iter()
                .find(|r| r.as_str() == region.trim())?;
            Some((normalise(name), region))
        })
        .collect()
});

pub fn region_of(country: &str) -> Region {
    REGIONS
        .get(&normalise(country))
        .copied()
        .unwrap_or(Region::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_find_their_region_however_written() {
        assert_eq!(region_of("Mexico"), Region::Americas);
        assert_eq!(region_of("  united   KINGDOM "), Region::Europe);
        assert_eq!(region_of("المغرب"), Region::Africa);
        assert_eq!(region_of("Philippines"), Region::Asia);
        assert_eq!(region_of("Fiji"), Region::Oceania);
        assert_eq!(region_of(""), Region::Unknown);
        assert_eq!(region_of("Atlantis"), Region::Unknown);
    }
}
