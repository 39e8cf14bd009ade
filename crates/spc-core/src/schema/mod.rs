//! One schema per output table, and the one CSV writer, DataFrame builder and number format
//! behind all of them.
//!
//! Every table spc writes or hands to Python (the per-point chart data, the summary, the
//! signals, the verdicts, the MDC points and icons, the funnel rows and every KOSTRA table) is
//! defined once, by one function of this module that lists its columns in order: each with its
//! name, its [`Type`] and how to read its values from the result ([`Cells`]). The front ends
//! only choose which table to write:
//!
//! - [`Schema::write_csv`]: a header row, then one row per record; a missing value is an empty
//!   cell, booleans are `true`/`false`, dates `YYYY-MM-DD`, numbers are written by
//!   [`format_number`] (the shortest text that reads back to the same number; never `-0`).
//! - [`Schema::to_dataframe`] (feature `polars`): typed columns (Float64, UInt32, Int64,
//!   Boolean, String, Date), nulls for missing values; a column that holds one value (a centre
//!   line of one part, a target) is stored once, and numbers without missing values are
//!   copied without an `Option` per value.
//!
//! The values are read in the layout the result stores them ([`Floats::Line`] for the lines of
//! a chart, [`Per::Runs`] for values that are the same within a part), so a columnar result of
//! many series can sit under the same schemas: a table is a list of [`Block`]s of rows with the
//! same columns ([`Schema::stack`]).
//!
//! ```
//! use spc_core::schema::{self, Type};
//! use spc_core::{ChartKind, ChartSpec, Input};
//!
//! let chart = ChartSpec::new(ChartKind::I).compute(&Input::from_y(vec![1.0, -1.0, 0.0, 2.0])).unwrap();
//! let summary = schema::chart_summary(&chart);
//! assert_eq!(summary.columns()[7], ("cl".into(), Type::F64));
//! let mut csv = Vec::new();
//! summary.write_csv(&mut csv).unwrap();
//! assert!(String::from_utf8(csv).unwrap().starts_with("facet,part,first_x,last_x,n_obs,"));
//! ```
//!
//! The tables: [`chart_data`], [`chart_summary`], [`signals`], [`verdicts`] (`chart.rs`);
//! [`mdc_points`], [`mdc_icons`]; [`funnel_rows`]; [`kostra_tidy`], [`kostra_aggregate`],
//! [`kostra_compare`], [`kostra_zscores`], [`grouped_data`], [`grouped_summary`]
//! (`kostra.rs`). To add an output: write its function here, then call `write_csv` in the CLI
//! and `to_dataframe` in the Python binding.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;

use chrono::{Datelike, NaiveDate};

use crate::flags::Flags;
use crate::line::Line;

mod chart;
#[cfg(feature = "polars")]
mod frame;
mod kostra;
mod mdc;

pub use chart::{chart_data, chart_summary, signals, verdicts};
pub use kostra::{grouped_data, grouped_summary, kostra_aggregate, kostra_compare, kostra_tidy, kostra_zscores};
pub use mdc::{funnel_rows, mdc_icons, mdc_points};

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Type {
    /// A number (`Float64`).
    F64,
    /// A count, position or part number of a chart (`UInt32`).
    U32,
    /// A count or rank of a KOSTRA table (`Int64`).
    I64,
    /// Yes or no (`Boolean`).
    Bool,
    /// Text (`String`).
    Text,
    /// A calendar date (`Date`).
    Date,
}

impl Type {
    /// The type's name: `f64`, `u32`, `i64`, `bool`, `text`, `date`.
    pub fn name(self) -> &'static str {
        match self {
            Type::F64 => "f64",
            Type::U32 => "u32",
            Type::I64 => "i64",
            Type::Bool => "bool",
            Type::Text => "text",
            Type::Date => "date",
        }
    }
}

/// A value of a column, with what stands for "missing" (`NaN` for numbers, `None` otherwise).
pub trait Cell: Clone {
    /// The missing value.
    fn missing() -> Self;
}

impl Cell for f64 {
    fn missing() -> Self {
        f64::NAN
    }
}

impl<T: Clone> Cell for Option<T> {
    fn missing() -> Self {
        None
    }
}

/// The values of a column by row, in the layout the result holds them.
pub enum Per<'a, T> {
    /// One value per row, as stored.
    Slice(&'a [T]),
    /// One value per row, read by row index.
    Row(Box<dyn Fn(usize) -> T + 'a>),
    /// The same value at every row.
    All(T),
    /// `values[k]` at the rows `ends[k - 1]..ends[k]` (from row 0 for `k = 0`); `ends` rises.
    /// Rows after the last end are missing. (The values of one part of a chart, stored once.)
    Runs {
        /// The value of each run.
        values: Vec<T>,
        /// The end (exclusive) of each run.
        ends: Vec<usize>,
    },
}

impl<'a, T: Cell> Per<'a, T> {
    /// One value per row: `f(row)`.
    pub fn rows(f: impl Fn(usize) -> T + 'a) -> Self {
        Per::Row(Box::new(f))
    }

    /// The value at row `i`.
    pub fn get(&self, i: usize) -> T {
        match self {
            Per::Slice(v) => v[i].clone(),
            Per::Row(f) => f(i),
            Per::All(v) => v.clone(),
            Per::Runs { values, ends } => {
                values.get(ends.partition_point(|&e| e <= i)).cloned().unwrap_or_else(T::missing)
            }
        }
    }

    /// The value of every one of `rows` rows, when it is one value (`None` when it may vary).
    fn single(&self, rows: usize) -> Option<&T> {
        match self {
            Per::All(v) => Some(v),
            Per::Runs { values, ends } if values.len() == 1 && ends[0] >= rows => Some(&values[0]),
            _ => None,
        }
    }

    /// The values of `rows` rows in order (runs expanded by a repeat).
    fn to_vec(&self, rows: usize) -> Vec<T> {
        self.map(rows, T::clone)
    }

    /// `f` of the values of `rows` rows in order (once per run for runs, expanded by a
    /// repeat).
    fn map<U: Clone>(&self, rows: usize, f: impl Fn(&T) -> U) -> Vec<U> {
        let mut out = Vec::with_capacity(rows);
        self.append(rows, &mut out, f);
        out
    }

    /// Appends `f` of the values of `rows` rows to `out`, in order.
    fn append<U: Clone>(&self, rows: usize, out: &mut Vec<U>, f: impl Fn(&T) -> U) {
        let start = out.len();
        match self {
            Per::Slice(v) => out.extend(v[..rows].iter().map(f)),
            Per::Row(g) => out.extend((0..rows).map(|i| f(&g(i)))),
            Per::All(v) => out.resize(start + rows, f(v)),
            Per::Runs { values, ends } => {
                for (v, &end) in values.iter().zip(ends) {
                    let end = start + end.min(rows);
                    if end > out.len() {
                        out.resize(end, f(v));
                    }
                }
                out.resize(start + rows, f(&T::missing()));
            }
        }
    }
}

/// The values of a number column (`NaN` = missing).
pub enum Floats<'a> {
    /// One value per row, as stored.
    Slice(&'a [f64]),
    /// A line of a chart (stored once per part where it is one value).
    Line(&'a Line),
    /// Any other layout.
    Per(Per<'a, f64>),
}

impl Floats<'_> {
    fn get(&self, i: usize) -> f64 {
        match self {
            Floats::Slice(v) => v[i],
            Floats::Line(l) => l[i],
            Floats::Per(p) => p.get(i),
        }
    }
}

/// The values of a yes/no column.
pub enum Bools<'a> {
    /// One value per row, as stored (none missing).
    Slice(&'a [bool]),
    /// Flags of a chart (stored once when every point has the same).
    Flags(&'a Flags),
    /// Any other layout (`None` = missing).
    Per(Per<'a, Option<bool>>),
}

impl Bools<'_> {
    fn get(&self, i: usize) -> Option<bool> {
        match self {
            Bools::Slice(v) => Some(v[i]),
            Bools::Flags(f) => Some(f[i]),
            Bools::Per(p) => p.get(i),
        }
    }
}

/// The values of one column: its type and how to read them.
pub enum Cells<'a> {
    /// Numbers.
    F64(Floats<'a>),
    /// Counts, positions and parts of a chart.
    U32(Per<'a, Option<u32>>),
    /// Counts and ranks of a KOSTRA table.
    I64(Per<'a, Option<i64>>),
    /// Yes/no.
    Bool(Bools<'a>),
    /// Text.
    Text(Per<'a, Option<Cow<'a, str>>>),
    /// Dates.
    Date(Per<'a, Option<NaiveDate>>),
    /// Missing at every row.
    Null(Type),
}

impl<'a> Cells<'a> {
    /// Numbers read by row.
    pub fn f64(f: impl Fn(usize) -> f64 + 'a) -> Self {
        Cells::F64(Floats::Per(Per::rows(f)))
    }

    /// Counts of a chart read by row.
    pub fn u32(f: impl Fn(usize) -> Option<u32> + 'a) -> Self {
        Cells::U32(Per::rows(f))
    }

    /// Counts of a KOSTRA table read by row.
    pub fn i64(f: impl Fn(usize) -> Option<i64> + 'a) -> Self {
        Cells::I64(Per::rows(f))
    }

    /// Yes/no read by row.
    pub fn bool(f: impl Fn(usize) -> Option<bool> + 'a) -> Self {
        Cells::Bool(Bools::Per(Per::rows(f)))
    }

    /// Text borrowed from the result, read by row.
    pub fn text(f: impl Fn(usize) -> Option<&'a str> + 'a) -> Self {
        Cells::Text(Per::rows(move |i| f(i).map(Cow::Borrowed)))
    }

    /// Text made for the table, read by row.
    pub fn text_owned(f: impl Fn(usize) -> Option<String> + 'a) -> Self {
        Cells::Text(Per::rows(move |i| f(i).map(Cow::Owned)))
    }

    /// Dates read by row.
    pub fn date(f: impl Fn(usize) -> Option<NaiveDate> + 'a) -> Self {
        Cells::Date(Per::rows(f))
    }

    /// The column's type.
    pub fn ty(&self) -> Type {
        match self {
            Cells::F64(_) => Type::F64,
            Cells::U32(_) => Type::U32,
            Cells::I64(_) => Type::I64,
            Cells::Bool(_) => Type::Bool,
            Cells::Text(_) => Type::Text,
            Cells::Date(_) => Type::Date,
            Cells::Null(t) => *t,
        }
    }

    /// Appends the CSV text of row `i` to `out` (nothing when missing).
    fn push_text(&self, i: usize, out: &mut String) {
        match self {
            Cells::F64(v) => push_number(out, v.get(i)),
            Cells::U32(v) => {
                if let Some(x) = v.get(i) {
                    let _ = write!(out, "{x}");
                }
            }
            Cells::I64(v) => {
                if let Some(x) = v.get(i) {
                    let _ = write!(out, "{x}");
                }
            }
            Cells::Bool(v) => out.push_str(v.get(i).map_or("", |b| if b { "true" } else { "false" })),
            Cells::Text(v) => {
                if let Some(s) = v.get(i) {
                    out.push_str(&s);
                }
            }
            Cells::Date(v) => {
                if let Some(d) = v.get(i) {
                    push_date(out, d);
                }
            }
            Cells::Null(_) => {}
        }
    }
}

/// `rows` rows of a table: the values of each of its columns, in the table's column order.
pub struct Block<'a> {
    rows: usize,
    cells: Vec<Cells<'a>>,
}

/// One output table: its columns in order (name and type) and its rows, in one or more
/// [`Block`]s. Made by the functions of this module, one per output.
pub struct Schema<'a> {
    columns: Vec<(Cow<'static, str>, Type)>,
    blocks: Vec<Block<'a>>,
}

impl<'a> Schema<'a> {
    /// A table of `rows` rows without columns yet (add them with [`Schema::push`]).
    pub fn new(rows: usize) -> Self {
        Schema { columns: Vec::new(), blocks: vec![Block { rows, cells: Vec::new() }] }
    }

    /// Adds a column at the end.
    ///
    /// # Panics
    /// When the table was stacked from several blocks.
    pub fn push(&mut self, name: impl Into<Cow<'static, str>>, cells: Cells<'a>) -> &mut Self {
        assert_eq!(self.blocks.len(), 1, "columns are added to a table of one block");
        self.columns.push((name.into(), cells.ty()));
        self.blocks[0].cells.push(cells);
        self
    }

    /// The rows of `parts` one after the other, under the columns of `empty` (the table
    /// without rows, which names the columns when there are no parts).
    ///
    /// # Panics
    /// When a part's columns (names and types) are not those of `empty`.
    pub fn stack(empty: Schema<'a>, parts: impl IntoIterator<Item = Schema<'a>>) -> Self {
        let columns = empty.columns;
        let mut blocks = Vec::new();
        for p in parts {
            assert!(p.columns == columns, "stacked tables have the same columns: {:?} and {columns:?}", p.columns);
            blocks.extend(p.blocks.into_iter().filter(|b| b.rows > 0));
        }
        Schema { columns, blocks }
    }

    /// The columns in order: name and type.
    pub fn columns(&self) -> &[(Cow<'static, str>, Type)] {
        &self.columns
    }

    /// The column names in order.
    pub fn names(&self) -> Vec<&str> {
        self.columns.iter().map(|(n, _)| n.as_ref()).collect()
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.blocks.iter().map(|b| b.rows).sum()
    }

    /// The text of the cell at `row`, `col` as [`Schema::write_csv`] writes it (before CSV
    /// quoting).
    ///
    /// # Panics
    /// When `row` or `col` is out of range.
    pub fn cell(&self, row: usize, col: usize) -> String {
        let mut at = row;
        for b in &self.blocks {
            if at < b.rows {
                let mut s = String::new();
                b.cells[col].push_text(at, &mut s);
                return s;
            }
            at -= b.rows;
        }
        panic!("row {row} of a table of {} rows", self.rows());
    }

    /// Writes the table as CSV: the header, then one line per row (see the module's doc for
    /// the format of each type).
    pub fn write_csv(&self, w: impl Write) -> std::io::Result<()> {
        let mut wr = csv::Writer::from_writer(w);
        wr.write_record(self.columns.iter().map(|(n, _)| n.as_bytes()))?;
        let mut buf = String::new();
        for b in &self.blocks {
            for i in 0..b.rows {
                for c in &b.cells {
                    buf.clear();
                    c.push_text(i, &mut buf);
                    wr.write_field(&buf)?;
                }
                wr.write_record(None::<&[u8]>)?;
            }
        }
        wr.flush()
    }

    /// The table as CSV text (see [`Schema::write_csv`]).
    pub fn to_csv_string(&self) -> String {
        let mut out = Vec::new();
        self.write_csv(&mut out).expect("writing to memory does not fail");
        String::from_utf8(out).expect("the cells are UTF-8")
    }
}

/// A number as every output writes it: the shortest text that reads back to the same `f64`
/// (no exponent: `0.0001`, `1200000`), `0` for negative zero, nothing for `NaN`, `inf` and
/// `-inf` for infinities.
///
/// ```
/// use spc_core::schema::format_number;
/// assert_eq!(format_number(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(format_number(-0.0), "0");
/// assert_eq!(format_number(3.0), "3");
/// assert_eq!(format_number(f64::NAN), "");
/// ```
pub fn format_number(v: f64) -> String {
    let mut s = String::new();
    push_number(&mut s, v);
    s
}

/// Appends [`format_number`]`(v)` to `out`.
pub fn push_number(out: &mut String, v: f64) {
    if v.is_nan() {
    } else if v == 0.0 {
        out.push('0');
    } else {
        let _ = write!(out, "{v}");
    }
}

/// A number rounded to `decimals` places for a line of text (the summaries the CLI prints):
/// [`format_number`] of the rounded value, `-` when it is not finite.
///
/// ```
/// use spc_core::schema::format_rounded;
/// assert_eq!(format_rounded(2.0 / 3.0, 4), "0.6667");
/// assert_eq!(format_rounded(-0.00001, 4), "0");
/// assert_eq!(format_rounded(f64::NAN, 4), "-");
/// ```
pub fn format_rounded(v: f64, decimals: i32) -> String {
    if v.is_finite() {
        let scale = 10f64.powi(decimals);
        format_number((v * scale).round() / scale)
    } else {
        "-".into()
    }
}

/// A date as every output writes it: `YYYY-MM-DD`.
pub fn format_date(d: NaiveDate) -> String {
    let mut s = String::with_capacity(10);
    push_date(&mut s, d);
    s
}

fn push_date(out: &mut String, d: NaiveDate) {
    if (0..=9999).contains(&d.year()) {
        let _ = write!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
    } else {
        let _ = write!(out, "{}", d.format("%Y-%m-%d"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_without_negative_zero() {
        for v in [0.1, 1.0 / 3.0, -2.5e-12, 1e21, 123_456_789.012_345_68, f64::MIN_POSITIVE, -f64::MAX] {
            assert_eq!(format_number(v).parse::<f64>().unwrap(), v, "{v}");
        }
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(-1e-300 * 1e-300), "0");
        assert_eq!(format_number(f64::INFINITY), "inf");
        assert_eq!(format_number(f64::NAN), "");
        assert_eq!(format_number(1e15), "1000000000000000");
    }

    #[test]
    fn dates_are_iso() {
        assert_eq!(format_date(NaiveDate::from_ymd_opt(2021, 3, 1).unwrap()), "2021-03-01");
        assert_eq!(format_date(NaiveDate::from_ymd_opt(12, 1, 9).unwrap()), "0012-01-09");
    }

    #[test]
    fn runs_expand_and_end_in_missing() {
        let p: Per<'_, Option<u32>> = Per::Runs { values: vec![Some(1), Some(2)], ends: vec![2, 3] };
        assert_eq!(p.to_vec(5), [Some(1), Some(1), Some(2), None, None]);
        let mut after = vec![Some(7)];
        p.append(4, &mut after, Clone::clone);
        assert_eq!(after, [Some(7), Some(1), Some(1), Some(2), None]);
        assert_eq!((0..5).map(|i| p.get(i)).collect::<Vec<_>>(), p.to_vec(5));
        assert_eq!(p.single(3), None);
        let one: Per<'_, f64> = Per::Runs { values: vec![4.0], ends: vec![3] };
        assert_eq!(one.single(3), Some(&4.0));
    }

    #[test]
    fn csv_cells_of_every_type() {
        let mut t = Schema::new(2);
        t.push("f", Cells::f64(|i| [-0.0, f64::NAN][i]))
            .push("u", Cells::u32(|i| [Some(3), None][i]))
            .push("i", Cells::i64(|i| [Some(-3), None][i]))
            .push("b", Cells::bool(|i| [Some(true), None][i]))
            .push("t", Cells::text(|i| [Some("a,b"), None][i]))
            .push("d", Cells::date(|i| [NaiveDate::from_ymd_opt(2020, 1, 2), None][i]))
            .push("n", Cells::Null(Type::F64));
        assert_eq!(t.to_csv_string(), "f,u,i,b,t,d,n\n0,3,-3,true,\"a,b\",2020-01-02,\n,,,,,,\n");
        assert_eq!(t.cell(0, 4), "a,b");
    }

    #[test]
    fn stacked_blocks_keep_the_columns() {
        let part = |v: f64| {
            let mut t = Schema::new(1);
            t.push("v", Cells::F64(Floats::Per(Per::All(v))));
            t
        };
        let t = Schema::stack(part(0.0), [part(1.0), part(2.5)]);
        assert_eq!(t.rows(), 2);
        assert_eq!(t.to_csv_string(), "v\n1\n2.5\n");
        let empty = Schema::stack(part(0.0), []);
        assert_eq!(empty.to_csv_string(), "v\n");
    }
}
