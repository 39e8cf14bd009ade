//! The result as polars DataFrames (feature `polars`).

use polars::prelude::*;

use crate::error::{Error, Result};
use crate::input::XColumn;
use crate::result::Chart;

fn nullable(v: impl IntoIterator<Item = f64>) -> Vec<Option<f64>> {
    v.into_iter().map(|x| (!x.is_nan()).then_some(x)).collect()
}

fn x_series(x: &XColumn) -> Result<Column> {
    Ok(match x {
        XColumn::Number(v) => Column::new("x".into(), nullable(v.iter().copied())),
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

    /// The per-point result as a DataFrame with the columns of [`crate::io::data_columns`]
    /// (missing values as nulls).
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let m = self.len();
        let per_part = |f: &dyn Fn(&crate::PartSummary) -> Option<u32>| self.per_point(f, None);
        let mut cols = vec![x_series(&self.x)?];
        if self.is_faceted() {
            let f: Vec<Option<String>> = self.per_point(|s| s.facet.clone(), None);
            cols.push(Column::new("facet".into(), f));
        }
        let t = self.target();
        cols.extend([
            Column::new("y".into(), nullable(self.y.iter().copied())),
            Column::new("n".into(), nullable(&self.n)),
            Column::new("cl".into(), nullable(&self.cl)),
            Column::new("lcl".into(), nullable(&self.lcl)),
            Column::new("ucl".into(), nullable(&self.ucl)),
            Column::new("lcl_95".into(), nullable(&self.lcl_95)),
            Column::new("ucl_95".into(), nullable(&self.ucl_95)),
            Column::new("target".into(), vec![(!t.is_nan()).then_some(t); m]),
            Column::new("part".into(), per_part(&|s| Some(s.part))),
            Column::new("baseline".into(), self.baseline.clone()),
            Column::new("include".into(), self.include.clone()),
            Column::new("runs_signal".into(), self.per_point(|s| s.runs_signal, false)),
            Column::new("sigma_signal".into(), self.sigma_signal.clone()),
            Column::new("longest_run".into(), per_part(&|s| s.longest_run)),
            Column::new("longest_run_max".into(), per_part(&|s| s.longest_run_max)),
            Column::new("n_crossings".into(), per_part(&|s| s.n_crossings)),
            Column::new("n_crossings_min".into(), per_part(&|s| s.n_crossings_min)),
            Column::new("n_obs".into(), per_part(&|s| Some(s.n_obs))),
            Column::new("n_useful".into(), per_part(&|s| Some(s.n_useful))),
        ]);
        if let Some(lower) = &self.cusum_lower {
            cols.push(Column::new("cusum_lower".into(), nullable(lower.iter().copied())));
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
