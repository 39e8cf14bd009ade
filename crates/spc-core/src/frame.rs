//! The result as polars DataFrames (feature `polars`).

use polars::prelude::*;

use crate::error::{Error, Result};
use crate::flags::Flags;
use crate::input::XColumn;
use crate::line::Line;
use crate::result::Chart;

fn nullable(v: impl IntoIterator<Item = f64>) -> Vec<Option<f64>> {
    v.into_iter().map(|x| (!x.is_nan()).then_some(x)).collect()
}

/// A Float64 column of `v`, `NaN` as null. Without missing values (or with nothing else) no
/// value is wrapped in an `Option`: they are copied as they are (or the column is all null).
fn floats(name: &str, v: &[f64]) -> Column {
    let missing = v.iter().fold(0, |n, x| n + usize::from(x.is_nan()));
    if missing == 0 {
        Column::new(name.into(), v)
    } else if missing == v.len() {
        Column::full_null(name.into(), v.len(), &DataType::Float64)
    } else {
        Column::new(name.into(), nullable(v.iter().copied()))
    }
}

/// A column of `len` copies of `value` (null when `NaN`), stored once.
fn constant(name: &str, value: f64, len: usize) -> Column {
    if value.is_nan() {
        Column::full_null(name.into(), len, &DataType::Float64)
    } else {
        Column::new_scalar(name.into(), Scalar::from(value), len)
    }
}

/// A line's column: stored once where the line is one value at every point.
fn line(name: &str, l: &Line) -> Column {
    match l.single() {
        Some(v) => constant(name, v, l.len()),
        None => floats(name, &l.as_points()),
    }
}

/// A Boolean column of flags, stored once where every point has the same.
fn flags(name: &str, f: &Flags) -> Column {
    match f.as_points() {
        Some(p) => Column::new(name.into(), p),
        None => Column::new_scalar(name.into(), Scalar::from(f.single().unwrap_or(false)), f.len()),
    }
}

fn x_series(x: &XColumn) -> Result<Column> {
    Ok(match x {
        XColumn::Number(v) => floats("x", v),
        XColumn::Date(v) => {
            let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("1970-01-01 is a valid date");
            let days: Vec<Option<i32>> = v.iter().map(|d| d.map(|d| (d - epoch).num_days() as i32)).collect();
            Column::new("x".into(), days).cast(&DataType::Date).map_err(|e| Error::Polars(e.to_string()))?
        }
        XColumn::Text(v) => Column::new("x".into(), v.clone()),
    })
}

impl Chart {
    /// `f` of each point's part, one value per point (`none` where no part has the point).
    fn per_point<T: Clone>(&self, f: impl Fn(&crate::PartSummary) -> T, none: T) -> Vec<T> {
        let mut v = Vec::with_capacity(self.len());
        for s in &self.summary {
            v.resize(s.end.max(v.len()), f(s));
        }
        v.resize(self.len(), none);
        v
    }

    /// The summary row of every point, when the chart is one part.
    fn one_part(&self) -> Option<&crate::PartSummary> {
        match self.summary.as_slice() {
            [s] if s.start == 0 && s.end == self.len() => Some(s),
            _ => None,
        }
    }

    /// A UInt32 column of `f` of each point's part, stored once when there is one part.
    fn per_part(&self, name: &str, f: impl Fn(&crate::PartSummary) -> Option<u32>) -> Column {
        let m = self.len();
        match self.one_part().map(&f) {
            Some(Some(v)) => Column::new_scalar(name.into(), Scalar::from(v), m),
            Some(None) => Column::full_null(name.into(), m, &DataType::UInt32),
            None => Column::new(name.into(), self.per_point(f, None)),
        }
    }

    /// The per-point result as a DataFrame with the columns of [`crate::io::data_columns`]
    /// (missing values as nulls).
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let m = self.len();
        let mut cols = vec![x_series(&self.x)?];
        if self.is_faceted() {
            let f: Vec<Option<String>> = self.per_point(|s| s.facet.clone(), None);
            cols.push(Column::new("facet".into(), f));
        }
        let runs_signal = match self.one_part() {
            Some(s) => Column::new_scalar("runs_signal".into(), Scalar::from(s.runs_signal), m),
            None => Column::new("runs_signal".into(), self.per_point(|s| s.runs_signal, false)),
        };
        cols.extend([
            floats("y", &self.y),
            line("n", &self.n),
            line("cl", &self.cl),
            line("lcl", &self.lcl),
            line("ucl", &self.ucl),
            line("lcl_95", &self.lcl_95),
            line("ucl_95", &self.ucl_95),
            constant("target", self.target(), m),
            self.per_part("part", |s| Some(s.part)),
            flags("baseline", &self.baseline),
            flags("include", &self.include),
            runs_signal,
            Column::new("sigma_signal".into(), self.sigma_signal.as_slice()),
            self.per_part("longest_run", |s| s.longest_run),
            self.per_part("longest_run_max", |s| s.longest_run_max),
            self.per_part("n_crossings", |s| s.n_crossings),
            self.per_part("n_crossings_min", |s| s.n_crossings_min),
            self.per_part("n_obs", |s| Some(s.n_obs)),
            self.per_part("n_useful", |s| Some(s.n_useful)),
        ]);
        if let Some(lower) = &self.cusum_lower {
            cols.push(floats("cusum_lower", lower));
        }
        DataFrame::new(m, cols).map_err(|e| Error::Polars(e.to_string()))
    }

    /// The summary as a DataFrame with the columns of [`crate::io::SUMMARY_COLUMNS`].
    pub fn summary_dataframe(&self) -> Result<DataFrame> {
        let s = &self.summary;
        let f = |g: &dyn Fn(&crate::PartSummary) -> f64| -> Vec<Option<f64>> {
            s.iter().map(|p| Some(g(p)).filter(|v| !v.is_nan())).collect()
        };
        let u = |g: &dyn Fn(&crate::PartSummary) -> Option<u32>| -> Vec<Option<u32>> { s.iter().map(g).collect() };
        let cols = vec![
            Column::new("facet".into(), s.iter().map(|p| p.facet.clone()).collect::<Vec<_>>()),
            Column::new("part".into(), u(&|p| Some(p.part))),
            Column::new("first_x".into(), s.iter().map(|p| self.x.format(p.start)).collect::<Vec<_>>()),
            Column::new("last_x".into(), s.iter().map(|p| self.x.format(p.end - 1)).collect::<Vec<_>>()),
            Column::new("n_obs".into(), u(&|p| Some(p.n_obs))),
            Column::new("n_useful".into(), u(&|p| Some(p.n_useful))),
            Column::new("n_baseline".into(), u(&|p| Some(p.n_baseline))),
            Column::new("cl".into(), f(&|p| p.cl)),
            Column::new("lcl_min".into(), f(&|p| p.lcl.0)),
            Column::new("lcl_max".into(), f(&|p| p.lcl.1)),
            Column::new("ucl_min".into(), f(&|p| p.ucl.0)),
            Column::new("ucl_max".into(), f(&|p| p.ucl.1)),
            Column::new("longest_run".into(), u(&|p| p.longest_run)),
            Column::new("longest_run_max".into(), u(&|p| p.longest_run_max)),
            Column::new("n_crossings".into(), u(&|p| p.n_crossings)),
            Column::new("n_crossings_min".into(), u(&|p| p.n_crossings_min)),
            Column::new("runs_signal".into(), s.iter().map(|p| p.runs_signal).collect::<Vec<_>>()),
            Column::new("n_sigma_signals".into(), u(&|p| Some(p.n_sigma_signals))),
        ];
        DataFrame::new(s.len(), cols).map_err(|e| Error::Polars(e.to_string()))
    }
}
