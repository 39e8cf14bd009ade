//! `qic`: parses the arguments, builds a `ChartSpec`, calls the core without the GIL and wraps
//! the result. No statistics here.

use pyo3::prelude::*;
use pyo3_polars::{PyDataFrame, PySeries};
use spc_core::request::ChartRequest;

use crate::convert::{self, ColArg, Columns, Source};
use crate::error::{guard, to_pyerr};
use crate::spec::python_error;

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
    /// x values of IHI astronomical points, signals besides those of the rules.
    pub(crate) astronomical: Vec<String>,
    pub(crate) improvement: spc_core::mdc::Improvement,
    pub(crate) lang: spc_core::Lang,
    /// The name of the y column, for the default title of pictures (`None` for values).
    pub(crate) measure: Option<String>,
    /// The verdicts in `lang`, computed once when first asked for (by `verdict` or a picture).
    pub(crate) verdicts: std::sync::OnceLock<Vec<spc_core::verdict::Verdict>>,
}

impl ChartResult {
    /// The verdicts in `lang` (none without the input, i.e. without parts or a frozen
    /// baseline): computed once for the chart's own language and kept; another language (a
    /// picture's `lang`) is computed for that call.
    pub(crate) fn verdicts_in(
        &self,
        lang: spc_core::Lang,
    ) -> spc_core::Result<std::borrow::Cow<'_, [spc_core::verdict::Verdict]>> {
        let Some(input) = &self.input else { return Ok(std::borrow::Cow::Borrowed(&[])) };
        if lang != self.lang {
            return spc_core::verdict::verdicts(&self.chart, input, self.improvement, lang)
                .map(std::borrow::Cow::Owned);
        }
        if let Some(v) = self.verdicts.get() {
            return Ok(std::borrow::Cow::Borrowed(v));
        }
        let v = spc_core::verdict::verdicts(&self.chart, input, self.improvement, lang)?;
        Ok(std::borrow::Cow::Borrowed(self.verdicts.get_or_init(|| v)))
    }
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
            let signals = spc_core::rules::signals_and_astronomical(&self.chart, &self.rules, &self.astronomical)?;
            let df = spc_core::schema::signals(&self.chart, &signals).to_dataframe();
            df
        })
        .map(PyDataFrame)
    }

    /// The verdicts on the parts after the first (or the points after a frozen baseline), as
    /// `spc chart` prints them; no rows without parts or a frozen baseline.
    fn verdict(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        guard(py, || {
            let v = self.verdicts_in(self.lang)?;
            let df = spc_core::schema::verdicts(&self.chart, &v).to_dataframe();
            df
        })
        .map(PyDataFrame)
    }

    /// Writes one of the files of `spc chart` to `path` (`-`: standard output): `data`
    /// (`--data`), `summary` (`--summary`), `signals` (`--signals`) or `baseline`
    /// (`--save-baseline`), with the writers of the command.
    #[allow(clippy::needless_pass_by_value)] // pyo3 extracts an owned path
    fn write(&self, py: Python<'_>, what: &str, path: std::path::PathBuf) -> PyResult<()> {
        use std::io::Write as _;
        let c = &self.chart;
        let body = |w: &mut dyn std::io::Write| -> spc_core::Result<()> {
            let io =
                |e: std::io::Error| spc_core::Error::Io { file: path.display().to_string(), reason: e.to_string() };
            match what {
                "data" => spc_core::io::write_data_csv(c, w).map_err(io),
                "summary" => spc_core::io::write_summary_csv(c, w).map_err(io),
                "signals" => {
                    let signals = spc_core::rules::signals_and_astronomical(c, &self.rules, &self.astronomical)?;
                    spc_core::rules::write_signals_csv(c, &signals, w).map_err(io)
                }
                "baseline" => {
                    let b = spc_core::baseline::Baseline::from_chart(c)?;
                    w.write_all(b.to_json().as_bytes()).map_err(io)
                }
                other => Err(spc_core::Error::UnknownOption {
                    argument: "what",
                    given: other.to_string(),
                    expected: "data, summary, signals, baseline",
                }),
            }
        };
        guard(py, || {
            let io =
                |e: std::io::Error| spc_core::Error::Io { file: path.display().to_string(), reason: e.to_string() };
            // The whole file first, so that an error leaves an existing file as it was.
            let mut bytes = Vec::new();
            body(&mut bytes)?;
            if path.as_os_str() == "-" {
                let mut out = std::io::stdout().lock();
                return out.write_all(&bytes).and_then(|()| out.flush()).map_err(io);
            }
            spc_core::io::write_atomic(&path, |w| w.write_all(&bytes)).map_err(io)
        })
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

/// Computes a chart. Called by `spc.qic`, which normalises the columns first (a polars
/// DataFrame as `frame` is read here, through the Arrow C stream interface) and passes every
/// argument by position (parsing positions is cheaper than names). An option not given is
/// `None`: its default and its checks are the library's ([`ChartRequest`]).
#[pyfunction]
#[pyo3(signature = (
    y, x, n, facet, part_col, frame, data, available, path, chart, freeze, freeze_part, part,
    exclude, multiply, cl, target, method, agg, screen_mr, y_neg, lambda_, width, k, h, sigma,
    rules, improvement, lang, astronomical, baseline, sep, decimal, encoding, sheet,
))]
#[allow(clippy::too_many_arguments, clippy::needless_pass_by_value)]
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
    chart: Option<String>,
    freeze: Option<i64>,
    freeze_part: Option<Vec<i64>>,
    part: Option<Vec<i64>>,
    exclude: Option<Vec<i64>>,
    multiply: Option<f64>,
    cl: Option<f64>,
    target: Option<f64>,
    method: Option<String>,
    agg: Option<String>,
    screen_mr: Option<bool>,
    y_neg: Option<bool>,
    lambda_: Option<f64>,
    width: Option<f64>,
    k: Option<f64>,
    h: Option<f64>,
    sigma: Option<f64>,
    rules: Option<Vec<String>>,
    improvement: Option<String>,
    lang: Option<String>,
    astronomical: Vec<String>,
    baseline: Option<std::path::PathBuf>,
    sep: Option<String>,
    decimal: Option<String>,
    encoding: Option<String>,
    sheet: Option<String>,
) -> PyResult<ChartResult> {
    let pos = |v, name| convert::positions(v, name).map_err(|e| to_pyerr(&e));
    if path.is_none() {
        let given = [("sep", &sep), ("decimal", &decimal), ("encoding", &encoding), ("sheet", &sheet)];
        if let Some((argument, _)) = given.iter().find(|(_, v)| v.is_some()) {
            let reason = "reads a file: give the path of a CSV or spreadsheet file as data".to_string();
            return Err(to_pyerr(&spc_core::Error::InvalidArgument { argument, reason }));
        }
    }
    let req = ChartRequest {
        chart,
        freeze: freeze.map(|f| pos(Some(vec![f]), "freeze").map(|p| p[0])).transpose()?,
        freeze_part: freeze_part.map(|f| pos(Some(f), "freeze_part")).transpose()?,
        part: pos(part, "part")?,
        part_col: match &part_col {
            Some(ColArg::Name(name)) => Some(name.clone()),
            _ => None,
        },
        exclude: pos(exclude, "exclude")?,
        multiply,
        cl,
        target,
        method,
        rules: rules.map(|r| r.join(",")),
        astronomical,
        improvement,
        baseline,
        no_screen_mr: screen_mr == Some(false),
        no_y_neg: y_neg == Some(false),
        agg,
        lambda: lambda_,
        width,
        k,
        h,
        sigma,
        sep,
        decimal,
        encoding,
        sheet,
        lang,
        ..ChartRequest::default()
    };
    let spec = req.chart_spec().and_then(|spec| req.apply_baseline(spec)).map_err(python_error)?;
    let rules = req.rule_sets().map_err(python_error)?;
    let improvement = req.improvement().map_err(python_error)?;
    // As `spc chart --lang`: nb under a Norwegian locale, else en.
    let lang = req.lang().map_err(python_error)?;
    let read = req.read_options().map_err(python_error)?;
    // Only a chart with parts or a frozen baseline has verdicts, which need the input; a chart
    // judged against a saved baseline has none (as `spc chart --baseline`).
    let keep_input = req.baseline.is_none()
        && (part_col.is_some() || !spec.part.is_empty() || spec.freeze.is_some() || spec.freeze_part.is_some());
    let measure = match &y {
        ColArg::Name(name) => Some(name.clone()),
        ColArg::Values(_) => None,
    };
    let cols = Columns { x, y, n, facet, part: part_col };
    let source = match (path, frame) {
        (Some(p), _) => Source::Csv(p, read),
        (None, Some(frame)) => convert::arrow_frame(&frame, &cols.names())?,
        (None, None) => convert::frame(data, available),
    };
    let astronomical = req.astronomical;
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
        // The astronomical points must be points of the chart (checked now, as `spc chart` does).
        spc_core::rules::astronomical(&chart, &astronomical)?;
        Ok((chart, input, ((converted - start).as_secs_f64(), converted.elapsed().as_secs_f64())))
    })?;
    let (chart, input, timings) = (chart.0, chart.1, chart.2);
    Ok(ChartResult {
        chart,
        timings,
        input,
        rules,
        astronomical,
        improvement,
        lang,
        measure,
        verdicts: std::sync::OnceLock::new(),
    })
}

/// Panics on purpose, to show that a panic in Rust reaches Python as `spc.InternalError`.
#[pyfunction]
pub(crate) fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    guard(py, || -> spc_core::Result<()> { panic!("a panic raised on purpose by spc._spc._panic_for_test") })
}
