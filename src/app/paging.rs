//! Pages and filters of the public lists and the review queue: one page size, one bound and
//! one query for all, so a list's links and its queries agree.

use serde::Deserialize;

use crate::domain::roles::StakeholderCategory;
use crate::store::processes::{Structure, ThemeKind};
use crate::store::search::SearchQuery;

/// Rows on one page of a list.
pub const PAGE_SIZE: i64 = 25;
/// No one pages this far by hand; a larger number is a forged or mistyped address.
const LAST_PAGE: u32 = 100_000;

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
    pub sort: String,
    pub page: String,
}

impl ListQuery {
    pub fn search(&self) -> Option<SearchQuery> {
        SearchQuery::parse(&self.q)
    }

    pub fn category(&self) -> Option<StakeholderCategory> {
        StakeholderCategory::parse(&self.category)
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

    /// The same query on page `page`, as a query string without its `?`.
    pub fn on_page(&self, page: impl std::fmt::Display) -> String {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (name, value) in [
            ("q", &self.q),
            ("category", &self.category),
            ("group", &self.group),
            ("theme", &self.theme),
            ("status", &self.status),
            ("sort", &self.sort),
        ] {
            if !value.is_empty() {
                serializer.append_pair(name, value);
            }
        }
        serializer.append_pair("page", &page.to_string());
        serializer.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
