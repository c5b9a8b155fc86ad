//! Pages and filters of the public lists and the review queue: one page size, one bound and
//! one query for all, so a list's links and its queries agree.
//!
//! A list pages by keyset: the link to the next page names the last row shown (`after=`),
//! the link to the previous one the first row shown (`before=`), and `row=` carries the
//! number of the page's first row for its label only. A cursor is only an id the store
//! looks up within the process: a forged one gives the first page. Old `page=` addresses
//! keep working up to `OFFSET_PAGES`; past it the first page comes with a notice.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::domain::roles::StakeholderCategory;
use crate::domain::text_language::TextLanguage;
use crate::store::keyset::{Seek, Total};
use crate::store::processes::{Structure, ThemeKind};
use crate::store::search::SearchQuery;

/// Rows on one page of a list.
pub const PAGE_SIZE: i64 = 25;
/// No one pages this far by hand; a larger number is a forged or mistyped address.
const LAST_PAGE: u32 = 100_000;
/// `page=` addresses are read by offset up to this page; beyond, they would cost a scan.
pub const OFFSET_PAGES: u32 = 40;

/// Where a page starts, as the address asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub seek: Seek,
    /// The number of the page's first row (1 for the first page), for its label.
    pub first_row: i64,
    /// The address asked for a page number past `OFFSET_PAGES`: the first page is shown.
    pub too_deep: bool,
}

impl Position {
    /// The position the `after`, `before`, `row` and `page` parameters name; whatever does
    /// not parse is ignored.
    pub fn parse(after: &str, before: &str, row: &str, page: &str) -> Position {
        let id = |raw: &str| raw.trim().parse::<i64>().ok().filter(|id| *id > 0);
        let row = row
            .trim()
            .parse::<i64>()
            .ok()
            .map(|n| n.clamp(1, i64::from(u32::MAX)));
        if let Some(id) = id(after) {
            return Position {
                seek: Seek::After(id),
                first_row: row.unwrap_or(PAGE_SIZE + 1),
                too_deep: false,
            };
        }
        if let Some(id) = id(before) {
            return Position {
                seek: Seek::Before(id),
                first_row: row.unwrap_or(1),
                too_deep: false,
            };
        }
        let page = page_number(page);
        if page > OFFSET_PAGES {
            return Position {
                seek: Seek::First,
                first_row: 1,
                too_deep: true,
            };
        }
        Position {
            seek: if page > 1 {
                Seek::Offset(offset(page))
            } else {
                Seek::First
            },
            first_row: offset(page) + 1,
            too_deep: false,
        }
    }
}

/// The links and label of a list's page navigation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pager {
    pub first: Option<String>,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Rows `from`–`to` are shown (none when `to < from`).
    pub from: i64,
    pub to: i64,
    pub total: Total,
    pub too_deep: bool,
}

/// What a page shows, for its navigation.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    pub rows: usize,
    pub first_id: Option<i64>,
    pub last_id: Option<i64>,
    pub previous: bool,
    pub next: bool,
    pub total: Total,
}

impl Pager {
    /// The navigation of a keyset page; `link` turns cursor parameters into an address that
    /// keeps the list's filters and order.
    pub fn keyset(
        position: Position,
        shown: Shown,
        link: impl Fn(&[(&str, String)]) -> String,
    ) -> Pager {
        // Back at the top, whatever `row=` said.
        let from = if shown.previous {
            position.first_row
        } else {
            1
        };
        let to = from + i64::try_from(shown.rows).unwrap_or(0) - 1;
        let previous = shown.previous.then(|| match shown.first_id {
            Some(id) if from > PAGE_SIZE + 1 => link(&[
                ("before", id.to_string()),
                ("row", (from - PAGE_SIZE).to_string()),
            ]),
            _ => link(&[]),
        });
        let next = match (shown.next, shown.last_id) {
            (true, Some(id)) => Some(link(&[
                ("after", id.to_string()),
                ("row", (to + 1).to_string()),
            ])),
            _ => None,
        };
        Pager {
            first: shown.previous.then(|| link(&[])),
            previous,
            next,
            from,
            to,
            total: shown.total,
            too_deep: position.too_deep,
        }
    }

    /// The navigation of a page read by number (search results): links to its neighbours.
    pub fn numbered(page: u32, shown: Shown, link: impl Fn(&[(&str, String)]) -> String) -> Pager {
        let page = page.max(1);
        let from = offset(page) + 1;
        let to = from + i64::try_from(shown.rows).unwrap_or(0) - 1;
        let numbered = |n: u32| link(&[("page", n.to_string())]);
        Pager {
            first: (page > 1).then(|| link(&[])),
            previous: (page > 1).then(|| numbered(page - 1)),
            next: (shown.next && page < OFFSET_PAGES).then(|| numbered(page + 1)),
            from,
            to,
            total: shown.total,
            too_deep: false,
        }
    }

    /// Whether there is any page but this one.
    pub fn has_links(&self) -> bool {
        self.previous.is_some() || self.next.is_some()
    }
}

/// The page a `page` parameter asks for: the first when it names none, never past `LAST_PAGE`.
pub fn page_number(raw: &str) -> u32 {
    raw.trim().parse::<u32>().unwrap_or(1).clamp(1, LAST_PAGE)
}

/// The rows before page `page`.
pub fn offset(page: u32) -> i64 {
    i64::from(page.max(1) - 1) * PAGE_SIZE
}

/// How many pages `total` rows fill; at least one, so an empty list has its page.
pub fn page_count(total: i64) -> i64 {
    ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1)
}

/// A public list's query string as typed (contributions or proposals); each value is
/// allow-listed where it is read, and one that names nothing is ignored.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    pub category: String,
    pub group: String,
    pub theme: String,
    pub status: String,
    pub language: String,
    /// An event's id: the contributions made for it.
    pub event: String,
    pub sort: String,
    pub page: String,
    pub after: String,
    pub before: String,
    pub row: String,
    /// `q` parsed, once: folding a word is a few thousand instructions, and a search page
    /// asks for it six times (when it reads, orders, labels and pages its results).
    #[serde(skip)]
    parsed: OnceLock<Option<SearchQuery>>,
}

impl ListQuery {
    pub fn search(&self) -> Option<&SearchQuery> {
        self.parsed
            .get_or_init(|| SearchQuery::parse(&self.q))
            .as_ref()
    }

    /// Whether the page searches one whole word by relevance among all the list's texts,
    /// with no filter: what a word's impact-ordered list answers, or the ranking of a word
    /// few texts hold. Such a read takes a bounded time whatever the corpus.
    pub fn is_one_word_search(&self) -> bool {
        let unfiltered = [
            &self.category,
            &self.group,
            &self.theme,
            &self.status,
            &self.language,
            &self.event,
        ]
        .iter()
        .all(|value| value.trim().is_empty());
        let by_relevance = matches!(self.sort.trim(), "" | "relevance");
        unfiltered
            && by_relevance
            && self
                .search()
                .is_some_and(|query| query.single_word().is_some())
    }

    pub fn category(&self) -> Option<StakeholderCategory> {
        StakeholderCategory::parse(&self.category)
    }

    /// The language the texts are written in; a code that names none of the six filters
    /// nothing.
    pub fn language(&self) -> Option<TextLanguage> {
        TextLanguage::parse(self.language.trim())
    }

    /// The event the query names by its id; whether it is the process's (and public) does not
    /// matter to a filter: another's finds nothing.
    pub fn event_id(&self) -> Option<i64> {
        self.event.trim().parse().ok()
    }

    /// The process's action group the query names by its number.
    pub fn group_id(&self, structure: &Structure) -> Option<i64> {
        let number: i32 = self.group.trim().parse().ok()?;
        structure
            .groups
            .iter()
            .find(|g| g.number == number)
            .map(|g| g.id)
    }

    /// The process's theme (not a principle) the query names by its id.
    pub fn theme_id(&self, structure: &Structure) -> Option<i64> {
        let id: i64 = self.theme.trim().parse().ok()?;
        structure
            .themes_of(ThemeKind::Theme)
            .any(|t| t.id == id)
            .then_some(id)
    }

    pub fn page_number(&self) -> u32 {
        page_number(&self.page)
    }

    pub fn position(&self) -> Position {
        Position::parse(&self.after, &self.before, &self.row, &self.page)
    }

    /// The same filters and order with other page parameters, as a query string without
    /// its `?`.
    pub fn with_page(&self, page: &[(&str, String)]) -> String {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (name, value) in self.kept() {
            serializer.append_pair(name, value);
        }
        for (name, value) in page {
            serializer.append_pair(name, value);
        }
        serializer.finish()
    }

    /// The filters and order a page link keeps.
    fn kept(&self) -> impl Iterator<Item = (&'static str, &String)> {
        [
            ("q", &self.q),
            ("category", &self.category),
            ("group", &self.group),
            ("theme", &self.theme),
            ("status", &self.status),
            ("language", &self.language),
            ("event", &self.event),
            ("sort", &self.sort),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
    }

    /// The same query on page `page`, as a query string without its `?`.
    pub fn on_page(&self, page: impl std::fmt::Display) -> String {
        self.with_page(&[("page", page.to_string())])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> ListQuery {
        let encoded = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        serde_urlencoded::from_str(&encoded).expect("a list query")
    }

    #[test]
    fn only_one_word_over_the_whole_list_is_a_one_word_search() {
        assert!(query(&[("q", "mobilité")]).is_one_word_search());
        assert!(
            query(&[("q", " harbour "), ("sort", "relevance"), ("page", "3")]).is_one_word_search()
        );
        for pairs in [
            &[("q", "")][..],
            &[("q", "harbour quay")],
            // One Chinese character is searched as the start of a word.
            &[("q", "移")],
            &[("q", "harbour"), ("sort", "newest")],
            &[("q", "harbour"), ("category", "member-state")],
            &[("q", "harbour"), ("group", "2")],
            &[("q", "harbour"), ("theme", "7")],
            &[("q", "harbour"), ("status", "submitted")],
            &[("q", "harbour"), ("language", "fr")],
            &[("q", "harbour"), ("event", "1")],
        ] {
            assert!(!query(pairs).is_one_word_search(), "{pairs:?}");
        }
    }

    #[test]
    fn a_page_parameter_is_a_page_within_bounds() {
        assert_eq!(page_number(""), 1);
        assert_eq!(page_number("-4"), 1);
        assert_eq!(page_number("0"), 1);
        assert_eq!(page_number(" 3 "), 3);
        assert_eq!(page_number("999999999"), LAST_PAGE);
        assert_eq!(offset(1), 0);
        assert_eq!(offset(3), 2 * PAGE_SIZE);
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(PAGE_SIZE), 1);
        assert_eq!(page_count(PAGE_SIZE + 1), 2);
    }

    #[test]
    fn a_query_keeps_its_values_on_another_page() {
        let query = ListQuery {
            q: "travail décent".into(),
            sort: "oldest".into(),
            page: "4".into(),
            ..ListQuery::default()
        };
        assert_eq!(query.on_page(5), "q=travail+d%C3%A9cent&sort=oldest&page=5");
        assert_eq!(query.page_number(), 4);
    }

    #[test]
    fn a_position_is_parsed_never_trusted() {
        let first = Position::parse("", "", "", "");
        assert_eq!(
            (first.seek, first.first_row, first.too_deep),
            (Seek::First, 1, false)
        );
        let after = Position::parse("42", "", "26", "");
        assert_eq!((after.seek, after.first_row), (Seek::After(42), 26));
        let before = Position::parse("abc", "7", "-3", "");
        assert_eq!((before.seek, before.first_row), (Seek::Before(7), 1));
        for forged in ["-1", "0", "1e9", "99999999999999999999", "%00"] {
            assert_eq!(
                Position::parse(forged, forged, "", "").seek,
                Seek::First,
                "{forged}"
            );
        }
        assert_eq!(
            Position::parse("", "", "", "3").seek,
            Seek::Offset(2 * PAGE_SIZE)
        );
        let deep = Position::parse("", "", "", "41");
        assert_eq!((deep.seek, deep.too_deep), (Seek::First, true));
    }

    #[test]
    fn keyset_links_carry_the_cursor_and_the_row() {
        let link = |page: &[(&str, String)]| {
            page.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        };
        let shown = Shown {
            rows: 25,
            first_id: Some(90),
            last_id: Some(66),
            previous: true,
            next: true,
            total: Total {
                count: 1_000,
                more: true,
                best_first: false,
            },
        };
        let pager = Pager::keyset(Position::parse("91", "", "51", ""), shown, link);
        assert_eq!(pager.next.as_deref(), Some("after=66&row=76"));
        assert_eq!(pager.previous.as_deref(), Some("before=90&row=26"));
        assert_eq!(pager.first.as_deref(), Some(""));
        assert_eq!((pager.from, pager.to), (51, 75));
        // The second page's previous page is the first: no cursor needed.
        let second = Pager::keyset(Position::parse("91", "", "26", ""), shown, link);
        assert_eq!(second.previous.as_deref(), Some(""));
        // The last page has no next link; the first none back.
        let last = Pager::keyset(
            Position::parse("", "", "", ""),
            Shown {
                next: false,
                previous: false,
                ..shown
            },
            link,
        );
        assert!(last.next.is_none() && last.previous.is_none() && !last.has_links());
    }
}
