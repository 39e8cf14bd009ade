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

/// A tidy KOSTRA table with what the reader noticed on the way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KostraTable {
    /// One row per source cell, in source order.
    pub records: Vec<Record>,
    /// Things a user should know (lost letters, `K-` series, ...), each naming the file.
    pub warnings: Vec<String>,
}

impl KostraTable {
    /// Writes the tidy CSV ([`crate::schema::kostra_tidy`]): `region_code, region_type,
    /// region_name, indicator, period, value, numerator, denominator, status`; missing values as
    /// empty cells, the status symbol in `status`.
    pub fn write_csv(&self, w: impl Write) -> std::io::Result<()> {
        crate::schema::kostra_tidy(self).write_csv(w)
    }

    /// The table as a DataFrame ([`crate::schema::kostra_tidy`]): the tidy columns, `value`,
    /// `numerator` and `denominator` as f64 with nulls for missing cells, `status` null when
    /// the cell has none.
    #[cfg(feature = "polars")]
    pub fn to_dataframe(&self) -> crate::Result<polars::prelude::DataFrame> {
        crate::schema::kostra_tidy(self).to_dataframe()
    }

    /// The distinct indicators, in order of first appearance.
    pub fn indicators(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.records.iter().map(|r| r.indicator.as_str()).filter(|i| seen.insert(*i)).collect()
    }
}
