//! `qic`: parses the arguments, builds a `ChartSpec`, calls the core without the GIL and wraps
//! the result. No statistics here.

use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;
use spc_core::{Agg, ChartKind, ChartSpec, RunsMethod};

use crate::convert::{self, ColArg, Columns, Source};
use crate::error::{guard, to_pyerr};

/// A computed chart (the core's result), wrapped by `spc.Chart` in Python.
#[pyclass(module = "spc._spc", name = "ChartResult", frozen)]
pub(crate) struct ChartResult {
    pub(crate) chart: spc_core::Chart,
    /// Seconds spent converting the columns to the core's input, and in the core's compute
    /// (for benches/compare/python_binding.py: the binding's overhead over the Rust call).
    pub(crate) timings: (f64, f64),
}

#[pymethods]
impl ChartResult {
    /// The per-point result as a polars DataFrame (the columns of `spc chart --data`).
    fn data(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        guard(py, || self.chart.to_dataframe()).map(PyDataFrame)
    }

    /// One row per facet and part (the columns of `spc chart --summary`).
    fn summary(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        guard(py, || self.chart.summary_dataframe()).map(PyDataFrame)
    }

    /// The summary in words, as `spc chart` prints it.
    fn summary_text(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || Ok(spc_core::summary_text(&self.chart)))
    }

    /// Things to know: rows left out, gaps in a dated series, provisional limits.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.chart.warnings.clone()
    }

    /// The chart kind (qicharts2 name).
    #[getter]
    fn chart(&self) -> &'static str {
        self.chart.kind().name()
    }

    /// Seconds spent in Rust converting the input (`convert`) and computing (`compute`).
    #[getter]
    fn _timings(&self) -> std::collections::HashMap<&'static str, f64> {
        [("convert", self.timings.0), ("compute", self.timings.1)].into_iter().collect()
    }

    /// Number of points (after aggregation).
    fn __len__(&self) -> usize {
        self.chart.len()
    }
}

/// Parses a named option with the core's parser (its error names the accepted values).
fn parse<T: std::str::FromStr<Err = spc_core::Error>>(s: &str) -> PyResult<T> {
    s.parse::<T>().map_err(|e| to_pyerr(&e))
}

/// Computes a chart. Called by `spc.qic`, which normalises `data` and the columns first.
#[pyfunction]
#[pyo3(signature = (
    y, *, x=None, n=None, facet=None, part_col=None, data=None, available=Vec::new(), path=None,
    chart="run", freeze=None, freeze_part=None, part=None, exclude=None, multiply=1.0, cl=None,
    target=None, method="anhoej", agg="mean", screen_mr=true, y_neg=true, lambda_=0.2, width=3.0,
    k=0.5, h=5.0, sigma=None,
))]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
pub(crate) fn qic(
    py: Python<'_>,
    y: ColArg,
    x: Option<ColArg>,
    n: Option<ColArg>,
    facet: Option<ColArg>,
    part_col: Option<ColArg>,
    data: Option<PyDataFrame>,
    available: Vec<String>,
    path: Option<std::path::PathBuf>,
    chart: &str,
    freeze: Option<i64>,
    freeze_part: Option<Vec<i64>>,
    part: Option<Vec<i64>>,
    exclude: Option<Vec<i64>>,
    multiply: f64,
    cl: Option<f64>,
    target: Option<f64>,
    method: &str,
    agg: &str,
    screen_mr: bool,
    y_neg: bool,
    lambda_: f64,
    width: f64,
    k: f64,
    h: f64,
    sigma: Option<f64>,
) -> PyResult<ChartResult> {
    let kind: ChartKind = parse(chart)?;
    let mut spec = ChartSpec::new(kind)
        .multiply(multiply)
        .method(parse::<RunsMethod>(method)?)
        .agg(parse::<Agg>(agg)?)
        .screen_mr(screen_mr)
        .y_neg(y_neg)
        .ewma(lambda_, width)
        .cusum(k, h);
    // The checks of `spc chart` on the EWMA and CUSUM options (the core takes them as given).
    let bad = |argument: &'static str, reason: String| to_pyerr(&spc_core::Error::InvalidArgument { argument, reason });
    if !(lambda_ > 0.0 && lambda_ <= 1.0) {
        return Err(bad("lambda_", format!("must be in (0, 1], got {lambda_}")));
    }
    for (argument, v) in [("width", width), ("k", k), ("h", h)] {
        if !(v.is_finite() && v >= 0.0) {
            return Err(bad(argument, format!("must be a number >= 0, got {v}")));
        }
    }
    if let Some(s) = sigma {
        if !(s.is_finite() && s > 0.0) {
            return Err(bad("sigma", format!("must be a number > 0, got {s}")));
        }
    }
    spec.sigma = sigma;
    let pos = |v, name| convert::positions(v, name).map_err(|e| to_pyerr(&e));
    spec.part = pos(part, "part")?;
    spec.exclude = pos(exclude, "exclude")?;
    if let Some(f) = freeze {
        spec.freeze = Some(pos(Some(vec![f]), "freeze")?[0]);
    }
    if freeze_part.is_some() {
        spec.freeze_part = Some(pos(freeze_part, "freeze_part")?);
    }
    spec.cl = cl;
    spec.target = target;
    let source = match path {
        Some(p) => Source::Csv(p),
        None => convert::frame(data, available),
    };
    let cols = Columns { x, y, n, facet, part: part_col };
    let (chart, timings) = guard(py, || {
        let start = std::time::Instant::now();
        let input = convert::input(&source, &cols)?;
        let converted = std::time::Instant::now();
        let chart = spec.compute(&input)?;
        Ok((chart, ((converted - start).as_secs_f64(), converted.elapsed().as_secs_f64())))
    })?;
    Ok(ChartResult { chart, timings })
}

/// Panics on purpose, to show that a panic in Rust reaches Python as `spc.InternalError`.
#[pyfunction]
pub(crate) fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    guard(py, || -> spc_core::Result<()> { panic!("a panic raised on purpose by spc._spc._panic_for_test") })
}
