//! Bar charts laid out for SVG: one row per label, one bar per series, mirrored for
//! right-to-left languages. Templates draw what this computes; a table of the same data
//! always stands beside the chart.

pub const WIDTH: u32 = 640;
const LABEL_WIDTH: u32 = 230;
const ROW_HEIGHT: u32 = 30;
const BAR_HEIGHT: u32 = 11;
const TOP: u32 = 8;
/// Room for the value written after the longest bar.
const VALUE_ROOM: u32 = 48;

/// A chart's data: rows of labelled values, one value per series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartData {
    pub series: Vec<String>,
    pub rows: Vec<(String, Vec<i64>)>,
}

impl ChartData {
    pub fn max(&self) -> i64 {
        self.rows
            .iter()
            .flat_map(|(_, v)| v.iter().copied())
            .max()
            .unwrap_or(0)
    }

    pub fn total(&self, series: usize) -> i64 {
        self.rows
            .iter()
            .map(|(_, v)| v.get(series).copied().unwrap_or(0))
            .sum()
    }
}

/// One bar, in SVG coordinates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub series: usize,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    pub value: i64,
    /// Where the value is written, and from which side.
    pub value_x: u32,
    pub value_anchor: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub label_x: u32,
    pub label_y: u32,
    pub label_anchor: &'static str,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub width: u32,
    pub height: u32,
    pub rows: Vec<Row>,
}

/// Lays out horizontal bars; in right-to-left the labels stand on the right and the bars grow
/// leftwards.
pub fn layout(data: &ChartData, rtl: bool) -> Layout {
    let max = data.max().max(1) as u64;
    let room = (WIDTH - LABEL_WIDTH - VALUE_ROOM) as u64;
    let series = data.series.len().max(1) as u32;
    let rows = data
        .rows
        .iter()
        .enumerate()
        .map(|(i, (label, values))| {
            let top = TOP + i as u32 * ROW_HEIGHT;
            let bars = values
                .iter()
                .enumerate()
                .map(|(s, value)| {
                    let width = ((*value).max(0) as u64 * room / max) as u32;
                    let y = top + 3 + s as u32 * (BAR_HEIGHT + 2) * 2 / series.max(1);
                    let (x, value_x, value_anchor) = if rtl {
                        let right = WIDTH - LABEL_WIDTH;
                        (right - width, right - width - 4, "end")
                    } else {
                        (LABEL_WIDTH, LABEL_WIDTH + width + 4, "start")
                    };
                    Bar {
                        series: s,
                        x,
                        y,
                        width,
                        height: BAR_HEIGHT,
                        value: *value,
                        value_x,
                        value_anchor,
                    }
                })
                .collect();
            Row {
                label: label.clone(),
                label_x: if rtl { WIDTH - 8 } else { LABEL_WIDTH - 8 },
                label_y: top + ROW_HEIGHT / 2 + 4,
                label_anchor: "end",
                bars,
            }
        })
        .collect();
    Layout {
        width: WIDTH,
        height: TOP * 2 + data.rows.len().max(1) as u32 * ROW_HEIGHT,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> ChartData {
        ChartData {
            series: vec!["Contributions".into(), "Proposals".into()],
            rows: vec![
                ("Member State".into(), vec![10, 5]),
                ("Civil society".into(), vec![20, 0]),
            ],
        }
    }

    #[test]
    fn the_longest_bar_fills_the_room_and_others_scale() {
        let layout = layout(&data(), false);
        let full = WIDTH - LABEL_WIDTH - VALUE_ROOM;
        assert_eq!(layout.rows[1].bars[0].width, full);
        assert_eq!(layout.rows[0].bars[0].width, full / 2);
        assert_eq!(layout.rows[1].bars[1].width, 0);
        assert_eq!(layout.rows[0].bars[0].x, LABEL_WIDTH);
    }

    #[test]
    fn right_to_left_mirrors_the_bars() {
        let ltr = layout(&data(), false);
        let rtl = layout(&data(), true);
        let (a, b) = (&ltr.rows[0].bars[0], &rtl.rows[0].bars[0]);
        assert_eq!(a.width, b.width);
        assert_eq!(
            b.x + b.width,
            WIDTH - LABEL_WIDTH,
            "bars end where the labels begin"
        );
        assert!(rtl.rows[0].label_x > ltr.rows[0].label_x);
    }
}
