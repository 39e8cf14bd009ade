//! The one DataFrame builder (feature `polars`): a [`Schema`] as typed polars columns.
//!
//! Kept lean for the per-point chart data (`Chart::to_dataframe`): numbers without missing
//! values are copied as they are (no `Option` per value), a column of one value (a line of one
//! part, the target, a flag every point shares) is stored once as a scalar column, and values
//! per part are expanded by a repeat. A table of several blocks (the charts of many series) is
//! built column by column, each column's values appended block after block.

use polars::prelude::*;

use super::{Block, Bools, Cells, Floats, Per, Schema, Type};
use crate::error::{Error, Result};
use crate::line::Line;

fn polars_err(e: &PolarsError) -> Error {
    Error::Polars(e.to_string())
}

fn dtype(t: Type) -> DataType {
    match t {
        Type::F64 => DataType::Float64,
        Type::U32 => DataType::UInt32,
        Type::I64 => DataType::Int64,
        Type::Bool => DataType::Boolean,
        Type::Text => DataType::String,
        Type::Date => DataType::Date,
    }
}

/// A Float64 column of `v`, `NaN` as null. Without missing values (or with nothing else) no
/// value is wrapped in an `Option`: they are copied as they are (or the column is all null).
fn floats(name: PlSmallStr, v: &[f64]) -> Column {
    let missing = v.iter().fold(0, |n, x| n + usize::from(x.is_nan()));
    if missing == 0 {
        Column::new(name, v)
    } else if missing == v.len() {
        Column::full_null(name, v.len(), &DataType::Float64)
    } else {
        Column::new(name, v.iter().map(|&x| (!x.is_nan()).then_some(x)).collect::<Vec<_>>())
    }
}

/// A column of `len` copies of `value` (null when `NaN`), stored once.
fn constant(name: PlSmallStr, value: f64, len: usize) -> Column {
    if value.is_nan() {
        Column::full_null(name, len, &DataType::Float64)
    } else {
        Column::new_scalar(name, Scalar::from(value), len)
    }
}

/// A line's column: stored once where the line is one value at every point.
fn line(name: PlSmallStr, l: &Line) -> Column {
    match l.single() {
        Some(v) => constant(name, v, l.len()),
        None => floats(name, &l.as_points()),
    }
}

/// A column of `rows` values of `p`: a scalar when it is one value (null when missing),
/// else the values expanded (`build` makes the column of them).
fn per<T: super::Cell, V>(
    name: PlSmallStr,
    p: &Per<'_, T>,
    rows: usize,
    t: Type,
    scalar: impl Fn(&T) -> Option<V>,
    build: impl Fn(PlSmallStr, Vec<T>) -> Column,
) -> Column
where
    Scalar: From<V>,
{
    match p.single(rows) {
        Some(v) => match scalar(v) {
            Some(v) => Column::new_scalar(name, Scalar::from(v), rows),
            None => Column::full_null(name, rows, &dtype(t)),
        },
        None => build(name, p.to_vec(rows)),
    }
}

fn days(d: Option<chrono::NaiveDate>) -> Option<i32> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("1970-01-01 is a valid date");
    d.map(|d| i32::try_from((d - epoch).num_days()).unwrap_or(i32::MAX))
}

fn column(name: PlSmallStr, cells: &Cells<'_>, rows: usize) -> Result<Column> {
    Ok(match cells {
        Cells::F64(Floats::Slice(v)) => floats(name, &v[..rows]),
        Cells::F64(Floats::Line(l)) => line(name, l),
        Cells::F64(Floats::Per(p)) => match p.single(rows) {
            Some(&v) => constant(name, v, rows),
            None => floats(name, &p.to_vec(rows)),
        },
        Cells::U32(p) => per(name, p, rows, Type::U32, |v| *v, |n, v| Column::new(n, v)),
        Cells::I64(p) => per(name, p, rows, Type::I64, |v| *v, |n, v| Column::new(n, v)),
        Cells::Bool(Bools::Slice(v)) => Column::new(name, &v[..rows]),
        Cells::Bool(Bools::Flags(f)) => match (f.as_points(), f.single()) {
            (Some(p), _) => Column::new(name, p),
            (None, v) => Column::new_scalar(name, Scalar::from(v.unwrap_or(false)), f.len()),
        },
        Cells::Bool(Bools::Per(p)) => per(name, p, rows, Type::Bool, |v| *v, |n, v| Column::new(n, v)),
        Cells::Text(p) => match p.single(rows) {
            Some(Some(s)) => {
                Column::new_scalar(name, Scalar::new(DataType::String, AnyValue::StringOwned(s.as_ref().into())), rows)
            }
            Some(None) => Column::full_null(name, rows, &DataType::String),
            None => {
                let v = p.to_vec(rows);
                Column::new(name, v.iter().map(|s| s.as_deref()).collect::<Vec<Option<&str>>>())
            }
        },
        Cells::Date(p) => {
            if let Some(None) = p.single(rows) {
                Column::full_null(name, rows, &DataType::Date)
            } else {
                let d: Vec<Option<i32>> = p.map(rows, |d| days(*d));
                Column::new(name, d).cast(&DataType::Date).map_err(|e| polars_err(&e))?
            }
        }
        Cells::Null(t) => Column::full_null(name, rows, &dtype(*t)),
    })
}

/// The values of column `j` of `blocks` one after the other, where `pick` finds them (missing
/// where it does not: a column of nulls).
fn gather<'a, T: super::Cell + 'a>(
    blocks: &'a [Block<'_>],
    j: usize,
    pick: impl Fn(&'a Cells<'_>) -> Option<&'a Per<'a, T>>,
) -> Vec<T> {
    let mut v = Vec::with_capacity(blocks.iter().map(|b| b.rows).sum());
    for b in blocks {
        match pick(&b.cells[j]) {
            Some(p) => p.append(b.rows, &mut v, T::clone),
            None => v.resize(v.len() + b.rows, T::missing()),
        }
    }
    v
}

/// Column `j` of several blocks: their values one after the other, in one column (no
/// DataFrame per block).
fn stacked(name: PlSmallStr, t: Type, blocks: &[Block<'_>], j: usize) -> Result<Column> {
    let total = blocks.iter().map(|b| b.rows).sum();
    let cells = || blocks.iter().map(move |b| (&b.cells[j], b.rows));
    Ok(match t {
        Type::F64 => {
            let mut v = Vec::with_capacity(total);
            for (c, rows) in cells() {
                match c {
                    Cells::F64(Floats::Slice(s)) => v.extend_from_slice(&s[..rows]),
                    Cells::F64(Floats::Line(l)) => v.extend(l.iter().take(rows)),
                    Cells::F64(Floats::Per(p)) => p.append(rows, &mut v, |x| *x),
                    _ => v.resize(v.len() + rows, f64::NAN),
                }
            }
            floats(name, &v)
        }
        Type::U32 => Column::new(name, gather(blocks, j, |c| if let Cells::U32(p) = c { Some(p) } else { None })),
        Type::I64 => Column::new(name, gather(blocks, j, |c| if let Cells::I64(p) = c { Some(p) } else { None })),
        Type::Bool => {
            let mut v = Vec::with_capacity(total);
            for (c, rows) in cells() {
                match c {
                    Cells::Bool(Bools::Slice(s)) => v.extend(s[..rows].iter().map(|&b| Some(b))),
                    Cells::Bool(Bools::Flags(f)) => v.extend(f.iter().take(rows).map(Some)),
                    Cells::Bool(Bools::Per(p)) => p.append(rows, &mut v, |x| *x),
                    _ => v.resize(v.len() + rows, None),
                }
            }
            Column::new(name, v)
        }
        Type::Text => {
            let mut b = StringChunkedBuilder::new(name, total);
            for (c, rows) in cells() {
                match c {
                    Cells::Text(Per::All(v)) => (0..rows).for_each(|_| b.append_option(v.as_deref())),
                    Cells::Text(p) => (0..rows).for_each(|i| b.append_option(p.get(i).as_deref())),
                    _ => (0..rows).for_each(|_| b.append_null()),
                }
            }
            Column::from(b.finish().into_series())
        }
        Type::Date => {
            let d = gather(blocks, j, |c| if let Cells::Date(p) = c { Some(p) } else { None });
            let d: Vec<Option<i32>> = d.into_iter().map(days).collect();
            Column::new(name, d).cast(&DataType::Date).map_err(|e| polars_err(&e))?
        }
    })
}

impl Schema<'_> {
    /// The table as a polars DataFrame: typed columns (see [`Type`]), nulls for missing
    /// values.
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let block = |b: &Block<'_>| -> Result<DataFrame> {
            let cols = self
                .columns
                .iter()
                .zip(&b.cells)
                .map(|((name, _), c)| column(name.as_ref().into(), c, b.rows))
                .collect::<Result<Vec<_>>>()?;
            DataFrame::new(b.rows, cols).map_err(|e| polars_err(&e))
        };
        match self.blocks.as_slice() {
            [] => block(&Block { rows: 0, cells: self.columns.iter().map(|(_, t)| Cells::Null(*t)).collect() }),
            [one] => block(one),
            blocks => {
                let cols = self
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(j, (name, t))| stacked(name.as_ref().into(), *t, blocks, j))
                    .collect::<Result<Vec<_>>>()?;
                DataFrame::new(self.rows(), cols).map_err(|e| polars_err(&e))
            }
        }
    }
}

impl crate::result::Chart {
    /// The per-point result as a DataFrame ([`super::chart_data`]; missing values as nulls).
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        super::chart_data(self).to_dataframe()
    }

    /// The summary as a DataFrame ([`super::chart_summary`]).
    pub fn summary_dataframe(&self) -> Result<DataFrame> {
        super::chart_summary(self).to_dataframe()
    }
}
