//! The input of a chart: x, y, an optional denominator n, facets and a part column.

use chrono::NaiveDate;

use crate::values::Values;

/// The x values of a series: numbers, dates or text (categories).
#[derive(Debug, Clone, PartialEq)]
pub enum XColumn {
    /// Numbers (positions, weeks, ...). `NaN` is missing.
    Number(Values),
    /// Calendar dates. `None` is missing.
    Date(Vec<Option<NaiveDate>>),
    /// Categories (units instead of time): points are not joined and no runs analysis is done,
    /// as in qicharts2. `None` is missing.
    Text(Vec<Option<String>>),
}

impl XColumn {
    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            XColumn::Number(v) => v.len(),
            XColumn::Date(v) => v.len(),
            XColumn::Text(v) => v.len(),
        }
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the value at `i` is missing.
    pub fn is_missing(&self, i: usize) -> bool {
        match self {
            XColumn::Number(v) => v[i].is_nan(),
            XColumn::Date(v) => v[i].is_none(),
            XColumn::Text(v) => v[i].is_none(),
        }
    }

    /// The value at `i` as text, as the output tables write it (`YYYY-MM-DD` for dates, numbers by
    /// [`crate::schema::format_number`], empty when missing).
    pub fn format(&self, i: usize) -> String {
        match self {
            XColumn::Number(v) => crate::schema::format_number(v[i]),
            XColumn::Date(v) => v[i].map(crate::schema::format_date).unwrap_or_default(),
            XColumn::Text(v) => v[i].clone().unwrap_or_default(),
        }
    }

    /// The values at the given positions, in that order.
    #[must_use]
    pub fn take(&self, idx: &[usize]) -> XColumn {
        match self {
            XColumn::Number(v) => XColumn::Number(idx.iter().map(|&i| v[i]).collect()),
            XColumn::Date(v) => XColumn::Date(idx.iter().map(|&i| v[i]).collect()),
            XColumn::Text(v) => XColumn::Text(idx.iter().map(|&i| v[i].clone()).collect()),
        }
    }

    /// Whether the value at `i` is the x a user wrote as `s`: the same number, the same date
    /// (`2021-03-01`, `2021K1`, `2021M03`), or the same text.
    pub fn matches(&self, i: usize, s: &str) -> bool {
        match self {
            XColumn::Date(d) => d[i].is_some() && crate::io::parse_date(s) == d[i],
            XColumn::Number(v) => s.trim().parse::<f64>().ok() == Some(v[i]),
            XColumn::Text(t) => t[i].as_deref() == Some(s.trim()),
        }
    }

    /// The positions 1, 2, ..., `len` (the x of a series given without one).
    pub fn positions(len: usize) -> XColumn {
        XColumn::Number((1..=len).map(|i| i as f64).collect())
    }

    /// Whether x is categorical (text).
    pub fn is_categorical(&self) -> bool {
        matches!(self, XColumn::Text(_))
    }
}

/// The data of one chart, one entry per input row.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// x values (time or category).
    pub x: XColumn,
    /// y values (numerators with a denominator); `NaN` is missing.
    pub y: Values,
    /// Denominators (subgroup sizes, opportunities); `NaN` is missing.
    pub n: Option<Vec<f64>>,
    /// Facet of each row: one chart per facet value.
    pub facet: Option<Vec<String>>,
    /// Part (phase) label of each row: a new part starts where the label changes.
    pub part: Option<Vec<String>>,
    /// The row of its file each row came from, as a spreadsheet shows it (see
    /// [`crate::Location`]), for messages; `None`: the rows are numbered 1, 2, ...
    pub rows: Option<Vec<usize>>,
}

impl Input {
    /// An input of x and y only.
    pub fn new(x: XColumn, y: Vec<f64>) -> Self {
        Input::from_values(x, y.into())
    }

    /// An input of x and y only, y given as [`Values`] (which may be shared, not copied).
    pub fn from_values(x: XColumn, y: Values) -> Self {
        Input { x, y, n: None, facet: None, part: None, rows: None }
    }

    /// An input with x = 1, 2, ..., len(y).
    pub fn from_y(y: Vec<f64>) -> Self {
        Input::new(XColumn::positions(y.len()), y)
    }

    /// Adds denominators.
    #[must_use]
    pub fn with_n(mut self, n: Vec<f64>) -> Self {
        self.n = Some(n);
        self
    }

    /// Adds a facet column.
    #[must_use]
    pub fn with_facet(mut self, facet: Vec<String>) -> Self {
        self.facet = Some(facet);
        self
    }

    /// Adds a part column.
    #[must_use]
    pub fn with_part(mut self, part: Vec<String>) -> Self {
        self.part = Some(part);
        self
    }

    /// Adds the row numbers of the file the rows came from (see [`Input::rows`]).
    #[must_use]
    pub fn with_rows(mut self, rows: Vec<usize>) -> Self {
        self.rows = Some(rows);
        self
    }

    /// The number of row `i` (0-based) in messages: its row in the file, or `i + 1`.
    pub fn row_number(&self, i: usize) -> usize {
        self.rows.as_ref().and_then(|r| r.get(i).copied()).unwrap_or(i + 1)
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }
}
