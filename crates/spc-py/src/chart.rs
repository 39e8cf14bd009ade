//! `qic`: parses the arguments, builds a `ChartSpec`, calls the core without the GIL and wraps
//! the result. No statistics here.

use pyo3::prelude::*;
use pyo3_polars::{PyDataFrame, PySeries};
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
    /// The input the chart was computed from, kept for the verdicts (which chart the rows of
    /// a baseline and a later part together) when the chart has parts or a frozen baseline; `None` otherwise,
    /// and then the chart took the input's columns instead of copying them.
    pub(crate) input: Option<spc_core::Input>,
    /// The rule sets for `signals`, the direction of improvement and the language of the
    /// verdicts (parsed when the chart is computed, so bad values fail there).
    pub(crate) rules: Vec<spc_core::rules::RuleSet>,
    pub(crate) improvement: spc_core::mdc::Improvement,
    pub(crate) lang: spc_core::Lang,
    /// The name of the y column, for the default title of pictures (`None` for values).
    pub(crate) measure: Option<String>,
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

    /// The signals of the chart's rule sets (the columns of `spc chart --signals`).
    fn signals(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        guard(py, || {
            let signals = spc_core::rules::signals(&self.chart, &self.rules);
            let df = spc_core::schema::signals(&self.chart, &signals).to_dataframe();
            df
        })
        .map(PyDataFrame)
    }

    /// The verdicts on the parts after the first (or the points after a frozen baseline), as
    /// `spc chart` prints them; no rows without parts or a frozen baseline.
    fn verdict(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        guard(py, || {
            let c = &self.chart;
            let v = match &self.input {
                Some(input) => spc_core::verdict::verdicts(c, input, self.improvement, self.lang)?,
                None => Vec::new(),
            };
            let df = spc_core::schema::verdicts(c, &v).to_dataframe();
            df
        })
        .map(PyDataFrame)
    }

    /// The summary in words in the chart's language (`lang`), as `spc chart` prints it.
    fn summary_text(&self, py: Python<'_>) -> PyResult<String> {
        guard(py, || Ok(spc_core::summary_text_lang(&self.chart, self.lang)))
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

/// Computes a chart. Called by `spc.qic`, which normalises the columns first (a polars
/// DataFrame as `frame` is read here, through the Arrow C stream interface) and passes every
/// argument by position (its signature holds the defaults; parsing positions is cheaper than
/// names).
#[pyfunction]
#[pyo3(signature = (
    y, x, n, facet, part_col, frame, data, available, path, chart, freeze, freeze_part, part,
    exclude, multiply, cl, target, method, agg, screen_mr, y_neg, lambda_, width, k, h, sigma,
    rules, improvement, lang,
))]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools, clippy::needless_pass_by_value)]
pub(crate) fn qic(
    py: Python<'_>,
    y: ColArg,
    x: Option<ColArg>,
    n: Option<ColArg>,
    facet: Option<ColArg>,
    part_col: Option<ColArg>,
    frame: Option<Bound<'_, PyAny>>,
    data: Option<Vec<PySeries>>,
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
    rules: Vec<String>,
    improvement: Option<&str>,
    lang: Option<&str>,
) -> PyResult<ChartResult> {
    let kind: ChartKind = parse(chart)?;
    let rules = spc_core::rules::parse_rule_sets(&rules.join(",")).map_err(|e| to_pyerr(&e))?;
    let improvement = parse::<spc_core::mdc::Improvement>(improvement.unwrap_or("neutral"))?;
    // As `spc chart --lang`: nb under a Norwegian locale, else en.
    let lang = match lang {
        Some(l) => parse::<spc_core::Lang>(l)?,
        None => spc_core::Lang::from_env(),
    };
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
    // Only a chart with parts or a frozen baseline has verdicts, which need the input.
    let keep_input = part_col.is_some() || !spec.part.is_empty() || spec.freeze.is_some() || spec.freeze_part.is_some();
    let measure = match &y {
        ColArg::Name(name) => Some(name.clone()),
        ColArg::Values(_) => None,
    };
    let cols = Columns { x, y, n, facet, part: part_col };
    let source = match (path, frame) {
        (Some(p), _) => Source::Csv(p),
        (None, Some(frame)) => convert::arrow_frame(&frame, &cols.names())?,
        (None, None) => convert::frame(data, available),
    };
    let chart = guard(py, || {
        let start = std::time::Instant::now();
        let input = convert::input(&source, &cols)?;
        let converted = std::time::Instant::now();
        let located = |e| convert::locate(e, &source, &cols);
        let (chart, input) = if keep_input {
            (spec.compute(&input).map_err(located)?, Some(input))
        } else {
            (spec.compute_owned(input).map_err(located)?, None)
        };
        Ok((chart, input, ((converted - start).as_secs_f64(), converted.elapsed().as_secs_f64())))
    })?;
    let (chart, input, timings) = (chart.0, chart.1, chart.2);
    Ok(ChartResult { chart, timings, input, rules, improvement, lang, measure })
}

/// Panics on purpose, to show that a panic in Rust reaches Python as `spc.InternalError`.
#[pyfunction]
pub(crate) fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    guard(py, || -> spc_core::Result<()> { panic!("a panic raised on purpose by spc._spc._panic_for_test") })
}
