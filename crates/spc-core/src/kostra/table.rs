//! The tidy KOSTRA table: one row per region x indicator x period cell.

use std::io::Write;

use super::{Period, RegionType, Status};

/// One cell of a source table, in the tidy layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Normalised region code (see [`super::Region`]).
    pub region_code: String,
    /// What the code stands for.
    pub region_type: RegionType,
    /// The region's name as the source gives it (may be empty).
    pub region_name: String,
    /// The indicator (for JSON-stat: the label of the metric dimension's category).
    pub indicator: String,
    /// The period.
    pub period: Period,
    /// The value; `None` when missing, and then `status` says why.
    pub value: Option<f64>,
    /// The numerator of a ratio indicator, when known.
    pub numerator: Option<f64>,
    /// The denominator of a ratio indicator, when known.
    pub denominator: Option<f64>,
    /// The cell's status: always set when `value` is `None`; on a value it flags nil,
    /// provisional or a series break.
    pub status: Option<Status>,
}

/// The columns of the tidy table written by `spc kostra read` (a stable contract).
pub const TIDY_COLUMNS: [&str; 9] =
    ["region_code", "region_type", "region_name", "indicator", "period", "value", "numerator", "denominator", "status"];

/// A tidy KOSTRA table with what the reader noticed on the way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KostraTable {
    /// One row per source cell, in source order.
    pub records: Vec<Record>,
    /// Things a user should know (lost letters, `K-` series, ...), each naming the file.
    pub warnings: Vec<String>,
}

/// Formats a number for CSV output: shortest text that reads back to the same f64.
pub(crate) fn fmt_num(v: Option<f64>) -> String {
    v.map(|x| if x == x.trunc() && x.abs() < 1e15 { format!("{x:.0}") } else { format!("{x}") }).unwrap_or_default()
}

impl KostraTable {
    /// Writes the tidy CSV (`region_code, region_type, region_name, indicator, period, value,
    /// numerator, denominator, status`): missing values as empty cells, the status symbol in
    /// `status`.
    pub fn write_csv(&self, w: impl Write) -> std::io::Result<()> {
        let mut wr = csv::Writer::from_writer(w);
        wr.write_record(TIDY_COLUMNS)?;
        for r in &self.records {
            wr.write_record([
                r.region_code.as_str(),
                r.region_type.name(),
                r.region_name.as_str(),
                r.indicator.as_str(),
                &r.period.to_string(),
                &fmt_num(r.value),
                &fmt_num(r.numerator),
                &fmt_num(r.denominator),
                r.status.map_or("", Status::symbol),
            ])?;
        }
        wr.flush()
    }

    /// The distinct indicators, in order of first appearance.
    pub fn indicators(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.records.iter().map(|r| r.indicator.as_str()).filter(|i| seen.insert(*i)).collect()
    }
}
