//! `mdc`: NHS "Making Data Count" XmR charts (`spc_core::mdc`), as `spc mdc` computes them.
//! Argument parsing and conversion only.

use std::collections::HashMap;

use pyo3::prelude::*;
use pyo3_polars::{PyDataFrame, PySeries};
use spc_core::mdc::{MdcChart, MdcSpec};

use crate::convert::{self, ColArg, Columns, Source};
use crate::error::{guard, to_pyerr};

/// A computed MDC chart, wrapped by `spc.MdcChart` in Python.
#[pyclass(module = "spc._spc", name = "MdcResult", frozen)]
pub(crate) struct MdcResult {
    chart: MdcChart,
}

#[pymethods]
impl MdcResult {
    /// One row per point: x, (facet), y, cl, lcl, ucl, part, point_type, target (the columns
    /// of `spc mdc --data`).
    fn data(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        guard(py, || spc_core::schema::mdc_points(&self.chart).to_dataframe()).map(PyDataFrame)
    }

    /// One row per facet: (facet), x of its last point, variation_icon, assurance_icon (null
    /// without a target), as `spc mdc --icons`.
    fn icons(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        guard(py, || spc_core::schema::mdc_icons(&self.chart).to_dataframe()).map(PyDataFrame)
    }

    /// Warnings (short groups: trial limits).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.chart.warnings.clone()
    }

    /// Number of points.
    fn __len__(&self) -> usize {
        self.chart.y.len()
    }
}

/// Computes an MDC chart. Called by `spc.mdc`, which normalises the data and options first.
#[pyfunction]
#[pyo3(signature = (
    y, *, x, facet=None, target_col=None, data=None, available=Vec::new(), path=None,
    improvement=None, target=None, facet_targets=HashMap::new(), rebase=Vec::new(),
    facet_rebase=HashMap::new(), fix_after=None, screen_outliers=None, shift_n=None, trend_n=None,
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn mdc(
    py: Python<'_>,
    y: ColArg,
    x: ColArg,
    facet: Option<ColArg>,
    target_col: Option<ColArg>,
    data: Option<Vec<PySeries>>,
    available: Vec<String>,
    path: Option<std::path::PathBuf>,
    improvement: Option<&str>,
    target: Option<f64>,
    facet_targets: HashMap<String, f64>,
    rebase: Vec<String>,
    facet_rebase: HashMap<String, Vec<String>>,
    fix_after: Option<usize>,
    screen_outliers: Option<bool>,
    shift_n: Option<usize>,
    trend_n: Option<usize>,
) -> PyResult<MdcResult> {
    // The options given over the library's defaults, checked by the library.
    let d = MdcSpec::default();
    let spec = MdcSpec {
        improvement: improvement.map_or(Ok(d.improvement), str::parse).map_err(|e| to_pyerr(&e))?,
        target,
        facet_targets,
        rebase,
        facet_rebase,
        fix_after,
        screen_outliers: screen_outliers.unwrap_or(d.screen_outliers),
        shift_n: shift_n.unwrap_or(d.shift_n),
        trend_n: trend_n.unwrap_or(d.trend_n),
    };
    spec.validate().map_err(|e| to_pyerr(&e))?;
    let source = match path {
        Some(p) => Source::Csv(p, spc_core::io::ReadOptions::default()),
        None => convert::frame(data, available),
    };
    // The target column is read as numbers, as n is.
    let cols = Columns { x: Some(x), y, n: target_col, facet, part: None };
    let chart = guard(py, || {
        let input = convert::input(&source, &cols)?;
        spc_core::mdc::mdc(&input.x, &input.y, input.facet.as_deref(), input.n.as_deref(), &spec).map_err(|e| {
            let e = match &input.rows {
                Some(rows) => e.renumbered(rows),
                None => e,
            };
            convert::locate(e, &source, &cols)
        })
    })?;
    Ok(MdcResult { chart })
}
