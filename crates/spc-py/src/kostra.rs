//! `spc.kostra`: SSB/KOSTRA tables read, harmonised, aggregated, compared, charted per region
//! and put on a dashboard (`spc_core::kostra`, `spc_core::funnel`, `spc_render::dashboard`).
//! Argument parsing and conversion only.
//!
//! A table arrives as a path (any format the readers detect) or as bytes (Python writes a
//! DataFrame in the tidy layout as CSV). Every result comes back as a polars DataFrame built by
//! the core's output schema of the matching `spc kostra` command (`spc_core::schema`), so the
//! columns and their types are those of the CLI by construction.

// PyO3 functions take their arguments by value.
#![allow(clippy::needless_pass_by_value)]

use std::collections::HashMap;
use std::path::PathBuf;

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use pyo3_polars::PyDataFrame;
use spc_core::kostra::aggregate::{aggregate, AggregateOptions, Groups, Level};
use spc_core::kostra::compare::{compare, zscores, CompareOptions, ReferenceType};
use spc_core::kostra::reform::{harmonise_with, HarmoniseOptions, RegionMapping};
use spc_core::kostra::{read_bytes, read_path, KostraTable};
use spc_core::{Error, Result};

use spc_core::funnel::{funnel, DataType, Funnel, LimitMethod, Overdispersion};
use spc_core::kostra::grouped::{charts, GroupedSpec};
use spc_core::kostra::{funnel_input, FunnelRequest, Period};
use spc_core::{ChartKind, ChartSpec, RunsMethod};

use crate::error::{guard, guard_with, RenderError};

/// A table given from Python: a path, or CSV/JSON/xlsx bytes with a name for messages.
#[derive(FromPyObject)]
pub(crate) enum TableArg {
    /// Bytes and the name they go by in messages.
    Bytes(Vec<u8>, String),
    /// A file.
    Path(PathBuf),
}

impl TableArg {
    fn read(&self) -> Result<KostraTable> {
        match self {
            TableArg::Path(p) => read_path(p),
            TableArg::Bytes(b, name) => read_bytes(b, name),
        }
    }
}

/// KOSTRA groups given from Python: a CSV file (with the group column to use) or pairs.
#[derive(FromPyObject)]
pub(crate) enum GroupsArg {
    /// `(municipality code, group number)` pairs.
    Pairs(Vec<(String, u32)>),
    /// A CSV file.
    Path(PathBuf),
}

fn groups(arg: Option<&GroupsArg>, column: Option<&str>) -> Result<Option<Groups>> {
    arg.map(|g| match g {
        GroupsArg::Path(p) => Groups::from_path(p, column),
        GroupsArg::Pairs(pairs) => Groups::from_pairs(pairs.iter().map(|(c, g)| (c.as_str(), *g))),
    })
    .transpose()
}

fn aggregate_options(rates: Vec<String>, population: Option<&TableArg>) -> Result<AggregateOptions> {
    Ok(AggregateOptions { rates, population: population.map(TableArg::read).transpose()? })
}

/// Reads a table into the tidy DataFrame of `spc kostra read`, with the reader's warnings.
#[pyfunction]
pub(crate) fn kostra_read(py: Python<'_>, source: TableArg) -> PyResult<(PyDataFrame, Vec<String>)> {
    guard(py, || {
        let t = source.read()?;
        Ok((PyDataFrame(t.to_dataframe()?), t.warnings))
    })
}

/// `spc kostra aggregate`: the aggregate table, and warnings.
#[pyfunction]
#[pyo3(signature = (source, to, *, groups=None, group_column=None, rates=Vec::new(), population=None))]
pub(crate) fn kostra_aggregate(
    py: Python<'_>,
    source: TableArg,
    to: &str,
    groups: Option<GroupsArg>,
    group_column: Option<String>,
    rates: Vec<String>,
    population: Option<TableArg>,
) -> PyResult<(PyDataFrame, Vec<String>)> {
    guard(py, || {
        let level = Level::parse(to)?;
        let g = self::groups(groups.as_ref(), group_column.as_deref())?;
        let table = source.read()?;
        let agg = aggregate(&table, level, g.as_ref(), &aggregate_options(rates, population.as_ref())?)?;
        let mut warnings = table.warnings;
        warnings.extend(agg.warnings.iter().cloned());
        let df = spc_core::schema::kostra_aggregate(&agg).to_dataframe()?;
        Ok((PyDataFrame(df), warnings))
    })
}

/// `spc kostra compare` (or `--zscores`): the table and warnings.
#[pyfunction]
#[pyo3(signature = (
    source, region, groups, *, group_column=None, indicators=Vec::new(), rates=Vec::new(),
    population=None, zscores=false, reference=None,
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn kostra_compare(
    py: Python<'_>,
    source: TableArg,
    region: String,
    groups: GroupsArg,
    group_column: Option<String>,
    indicators: Vec<String>,
    rates: Vec<String>,
    population: Option<TableArg>,
    zscores: bool,
    reference: Option<&str>,
) -> PyResult<(PyDataFrame, Vec<String>)> {
    guard(py, || {
        let g = self::groups(Some(&groups), group_column.as_deref())?.expect("groups given");
        let opts = CompareOptions {
            indicators,
            aggregate: aggregate_options(rates, population.as_ref())?,
            zscore_reference: reference.map_or(Ok(ReferenceType::default()), ReferenceType::parse)?,
        };
        let table = source.read()?;
        let df = if zscores {
            spc_core::schema::kostra_zscores(&self::zscores(&table, &region, &g, &opts)?).to_dataframe()?
        } else {
            spc_core::schema::kostra_compare(&compare(&table, &region, &g, &opts)?).to_dataframe()?
        };
        Ok((PyDataFrame(df), table.warnings))
    })
}

/// Rebuilds the municipality series on the borders of `to_year` (built-in SSB changes, or a
/// mapping file): the tidy DataFrame and warnings.
#[pyfunction]
#[pyo3(signature = (source, to_year, *, mapping=None, rates=Vec::new()))]
pub(crate) fn kostra_harmonise(
    py: Python<'_>,
    source: TableArg,
    to_year: i32,
    mapping: Option<PathBuf>,
    rates: Vec<String>,
) -> PyResult<(PyDataFrame, Vec<String>)> {
    guard(py, || {
        let map = match &mapping {
            Some(p) => RegionMapping::from_path(p)?,
            None => RegionMapping::builtin(),
        };
        let t = harmonise_with(&source.read()?, &map, to_year, &HarmoniseOptions { rates })?;
        Ok((PyDataFrame(t.to_dataframe()?), t.warnings))
    })
}

/// A computed funnel plot, wrapped by `spc.kostra.Funnel` in Python.
#[pyclass(module = "spc._spc", name = "FunnelResult", frozen)]
pub(crate) struct FunnelResult {
    funnel: Funnel,
    indicator: String,
    period: Period,
    highlight: Option<String>,
}

#[pymethods]
impl FunnelResult {
    /// The per-unit table of `spc kostra funnel --data`.
    fn data(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        guard(py, || spc_core::schema::funnel_rows(&self.funnel).to_dataframe()).map(PyDataFrame)
    }

    /// The target in the indicator's units.
    #[getter]
    fn target(&self) -> f64 {
        self.funnel.target_value()
    }

    /// Whether the target was given (else pooled, or 1 for ratios).
    #[getter]
    fn target_given(&self) -> bool {
        self.funnel.target_given
    }

    /// The over-dispersion factor φ̂ (None with fewer than 2 plotted units).
    #[getter]
    fn phi(&self) -> Option<f64> {
        self.funnel.phi
    }

    /// The DerSimonian–Laird τ̂² (None with fewer than 2 plotted units).
    #[getter]
    fn tau2(&self) -> Option<f64> {
        self.funnel.tau2
    }

    /// Whether the limits were widened for over-dispersion.
    #[getter]
    fn adjusted(&self) -> bool {
        self.funnel.adjusted
    }

    /// The data type, multiplier, levels, method and over-dispersion used.
    #[getter]
    fn spec(&self) -> (String, f64, Vec<f64>, String, String) {
        let s = &self.funnel.spec;
        (
            s.data_type.name().into(),
            s.multiplier,
            s.levels.clone(),
            s.method.name().into(),
            s.overdispersion.name().into(),
        )
    }

    /// The indicator and the period compared.
    #[getter]
    fn what(&self) -> (String, String) {
        (self.indicator.clone(), self.period.to_string())
    }

    /// The highlighted municipality's code.
    #[getter]
    fn highlight(&self) -> Option<String> {
        self.highlight.clone()
    }

    /// Draws the funnel plot as `format` (svg, png, pdf): the bytes of the file.
    #[pyo3(signature = (format, *, title=None, subtitle=None, xlab=None, ylab=None, lang=None, width=1200, height=750))]
    #[allow(clippy::too_many_arguments)]
    fn render<'py>(
        &self,
        py: Python<'py>,
        format: &str,
        title: Option<String>,
        subtitle: Option<String>,
        xlab: Option<String>,
        ylab: Option<String>,
        lang: Option<&str>,
        width: u32,
        height: u32,
    ) -> PyResult<Bound<'py, PyBytes>> {
        use spc_render::funnel::{render_funnel_pdf, render_funnel_png, render_funnel_svg};
        use spc_render::{Lang, RenderOptions};
        let lang = match lang {
            None => Lang::from_env(),
            Some(l) => l.parse::<Lang>().map_err(|e| RenderError::new_err(e.to_string()))?,
        };
        let f = &self.funnel;
        let subtitle = subtitle.unwrap_or_else(|| match lang {
            Lang::Nb => format!("Traktdiagram, {} kommuner", f.plotted()),
            Lang::En => format!("Funnel plot, {} municipalities", f.plotted()),
        });
        let opts = RenderOptions {
            title: Some(title.unwrap_or_else(|| format!("{}, {}", self.indicator, self.period))),
            subtitle: Some(subtitle),
            xlab,
            ylab: Some(ylab.unwrap_or_else(|| self.indicator.clone())),
            lang,
            width,
            height,
            ..RenderOptions::default()
        };
        let hl = self.highlight.as_deref();
        let bytes = match format.to_ascii_lowercase().as_str() {
            "svg" => guard_with(py, || render_funnel_svg(f, &opts, hl).map(String::into_bytes))?,
            "png" => guard_with(py, || render_funnel_png(f, &opts, hl))?,
            "pdf" => guard_with(py, || render_funnel_pdf(f, &opts, hl))?,
            other => {
                return Err(RenderError::new_err(format!("unknown image format '{other}': expected svg, png or pdf")))
            }
        };
        Ok(PyBytes::new(py, &bytes))
    }
}

/// `spc kostra funnel`: the funnel of one indicator and period, and notes on what was inferred.
#[pyfunction]
#[pyo3(signature = (
    source, indicator, *, period=None, region=None, data_type=None, multiplier=None, target=None,
    levels=None, method=None, overdispersion=None,
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn kostra_funnel(
    py: Python<'_>,
    source: TableArg,
    indicator: String,
    period: Option<String>,
    region: Option<String>,
    data_type: Option<String>,
    multiplier: Option<f64>,
    target: Option<f64>,
    levels: Option<Vec<f64>>,
    method: Option<&str>,
    overdispersion: Option<&str>,
) -> PyResult<(FunnelResult, Vec<String>)> {
    guard(py, || {
        // The options given over the library's defaults (FunnelRequest::new).
        let mut req = FunnelRequest::new(indicator.clone());
        req.period = period.as_deref().map(str::parse::<Period>).transpose()?;
        req.region = region;
        req.data_type = data_type.as_deref().map(str::parse::<DataType>).transpose()?;
        req.multiplier = multiplier;
        req.target = target;
        if let Some(levels) = levels {
            req.levels = levels;
        }
        if let Some(m) = method {
            req.method = m.parse::<LimitMethod>()?;
        }
        if let Some(o) = overdispersion {
            req.overdispersion = o.parse::<Overdispersion>()?;
        }
        let table = source.read()?;
        let name = match &source {
            TableArg::Path(p) => p.display().to_string(),
            TableArg::Bytes(_, n) => n.clone(),
        };
        let input = funnel_input(&table, &req, &name)?;
        let f = funnel(&input.units, &input.spec)?;
        let mut notes = table.warnings;
        notes.extend(input.notes);
        Ok((FunnelResult { funnel: f, indicator, period: input.period, highlight: input.highlight }, notes))
    })
}

/// `spc kostra chart`: one chart per region x indicator; every point (`--data`), or one row
/// per series with `summary` (`--summary`).
#[pyfunction]
#[pyo3(signature = (
    source, *, chart="i", regions=Vec::new(), indicators=Vec::new(), years=Vec::new(), freeze=None,
    method=None, rules=Vec::new(), multiply=None, summary=false,
))]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
pub(crate) fn kostra_charts(
    py: Python<'_>,
    source: TableArg,
    chart: &str,
    regions: Vec<String>,
    indicators: Vec<String>,
    years: Vec<(i32, i32)>,
    freeze: Option<usize>,
    method: Option<&str>,
    rules: Vec<String>,
    multiply: Option<f64>,
    summary: bool,
) -> PyResult<(PyDataFrame, Vec<String>)> {
    guard(py, || {
        // The options given over the library's defaults; GroupedSpec::validate checks them.
        let mut cs = ChartSpec::new(chart.parse::<ChartKind>()?);
        if let Some(m) = method {
            cs.method = m.parse::<RunsMethod>()?;
        }
        if let Some(m) = multiply {
            cs.multiply = m;
        }
        cs.freeze = freeze;
        let mut spec = GroupedSpec::new(cs).regions(regions).indicators(indicators);
        spec.infer_multiplier = multiply.is_none();
        for (a, b) in years {
            spec = spec.years(a, b);
        }
        if !rules.is_empty() {
            spec = spec.rules(spc_core::rules::parse_rule_sets(&rules.join(","))?);
        }
        let table = source.read()?;
        let out = charts(&table, &spec)?;
        if out.series.is_empty() {
            return Err(Error::InvalidArgument {
                argument: "regions",
                reason: "no series matches the selection (regions, indicators, years)".into(),
            });
        }
        if out.charted().next().is_none() {
            let why = out.series.iter().find_map(|s| s.chart.as_ref().err()).cloned().unwrap_or_default();
            return Err(Error::InvalidArgument {
                argument: "chart",
                reason: format!(
                    "no series could be charted, e.g. {} {}: {why}",
                    out.series[0].region_code, out.series[0].indicator
                ),
            });
        }
        let table_out =
            if summary { spc_core::schema::grouped_summary(&out) } else { spc_core::schema::grouped_data(&out) };
        Ok((PyDataFrame(table_out.to_dataframe()?), table.warnings))
    })
}

/// `spc kostra dashboard`: the HTML page.
#[pyfunction]
#[pyo3(signature = (
    source, region, *, groups=None, group_column=None, indicators=Vec::new(), years=Vec::new(),
    chart=None, lang=None, title=None, improvement=HashMap::new(), targets=HashMap::new(), freeze=None,
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn kostra_dashboard(
    py: Python<'_>,
    source: TableArg,
    region: String,
    groups: Option<GroupsArg>,
    group_column: Option<String>,
    indicators: Vec<String>,
    years: Vec<i32>,
    chart: Option<&str>,
    lang: Option<&str>,
    title: Option<String>,
    improvement: HashMap<String, String>,
    targets: HashMap<String, f64>,
    freeze: Option<usize>,
) -> PyResult<(String, Vec<String>)> {
    use spc_render::dashboard::{render_dashboard, DashboardOptions};
    guard_with(py, || -> std::result::Result<(String, Vec<String>), DashErr> {
        let mut opts = DashboardOptions::new(region);
        opts.groups = self::groups(groups.as_ref(), group_column.as_deref())?;
        opts.indicators = indicators;
        opts.years = years;
        // The options given over the library's defaults (DashboardOptions::new).
        if let Some(c) = chart {
            opts.chart = c.parse::<ChartKind>()?;
        }
        if let Some(l) = lang {
            opts.lang = l.parse::<spc_core::Lang>()?;
        }
        opts.title = title;
        opts.improvement = improvement
            .into_iter()
            .map(|(k, v)| Ok((k, v.parse::<spc_core::mdc::Improvement>()?)))
            .collect::<Result<_>>()?;
        opts.targets = targets;
        opts.freeze = freeze;
        let table = source.read()?;
        let html = render_dashboard(&table, &opts).map_err(DashErr::Dash)?;
        Ok((html, table.warnings))
    })
}

/// The errors of [`kostra_dashboard`].
enum DashErr {
    Core(Error),
    Dash(spc_render::dashboard::DashboardError),
}

impl From<Error> for DashErr {
    fn from(e: Error) -> Self {
        DashErr::Core(e)
    }
}

impl crate::error::IntoPyErr for DashErr {
    fn into_pyerr(self) -> PyErr {
        match self {
            DashErr::Core(e) | DashErr::Dash(spc_render::dashboard::DashboardError::Data(e)) => e.into_pyerr(),
            DashErr::Dash(e) => RenderError::new_err(e.to_string()),
        }
    }
}

/// Adds the functions to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(kostra_read, m)?)?;
    m.add_function(wrap_pyfunction!(kostra_aggregate, m)?)?;
    m.add_function(wrap_pyfunction!(kostra_compare, m)?)?;
    m.add_function(wrap_pyfunction!(kostra_harmonise, m)?)?;
    m.add_function(wrap_pyfunction!(kostra_funnel, m)?)?;
    m.add_function(wrap_pyfunction!(kostra_charts, m)?)?;
    m.add_function(wrap_pyfunction!(kostra_dashboard, m)?)?;
    m.add_class::<FunnelResult>()?;
    Ok(())
}
