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
    improvement="increase", target=None, facet_targets=HashMap::new(), rebase=Vec::new(),
    facet_rebase=HashMap::new(), fix_after=None, screen_outliers=true, shift_n=7, trend_n=7,
))]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
pub(crate) fn mdc(
    py: Python<'_>,
    y: ColArg,
    x: ColArg,
    facet: Option<ColArg>,
    target_col: Option<ColArg>,
    data: Option<Vec<PySeries>>,
    available: Vec<String>,
    path: Option<std::path::PathBuf>,
    improvement: &str,
    target: Option<f64>,
    facet_targets: HashMap<String, f64>,
    rebase: Vec<String>,
    facet_rebase: HashMap<String, Vec<String>>,
    fix_after: Option<usize>,
    screen_outliers: bool,
    shift_n: usize,
    trend_n: usize,
) -> PyResult<MdcResult> {
    let improvement = improvement.parse().map_err(|e| to_pyerr(&e))?;
    if fix_after == Some(0) {
        return Err(to_pyerr(&spc_core::Error::InvalidArgument {
            argument: "fix_after",
            reason: "must be at least 1".into(),
        }));
    }
    let spec = MdcSpec {
        improvement,
        target,
        facet_targets,
        rebase,
        facet_rebase,
        fix_after,
        screen_outliers,
        shift_n,
        trend_n,
    };
    let source = match path {
        Some(p) => Source::Csv(p),
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
