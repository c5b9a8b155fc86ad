//! Pages of the public lists and the review queue: one page size and one bound for all, so a
//! list's links and its queries agree.

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
}
