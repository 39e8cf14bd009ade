//! Images of a chart through the renderer of the `spc` command (`spc_render`), so the
//! Python package draws exactly what `spc chart -o` draws.

use pyo3::prelude::*;
use pyo3::types::PyBytes;
use spc_render::{render_pdf, render_png, render_svg, Lang, Note, PaperSize, RenderOptions, Scales};

use crate::chart::ChartResult;
use crate::error::{guard, guard_with, RenderError};

fn invalid(msg: String) -> PyErr {
    RenderError::new_err(msg)
}

/// Draws `chart` as `format` (`svg`, `png` or `pdf`): the bytes of the file.
#[pyfunction]
#[pyo3(signature = (
    chart, format, *, title=None, subtitle=None, caption=None, xlab=None, ylab=None,
    notes=Vec::new(), goal=None, lang=None, width=None, height=None, poster=None, scales=None,
    scale=None,
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn render<'py>(
    py: Python<'py>,
    chart: &ChartResult,
    format: &str,
    title: Option<String>,
    subtitle: Option<String>,
    caption: Option<String>,
    xlab: Option<String>,
    ylab: Option<String>,
    notes: Vec<(String, String)>,
    goal: Option<f64>,
    lang: Option<&str>,
    width: Option<u32>,
    height: Option<u32>,
    poster: Option<String>,
    scales: Option<&str>,
    scale: Option<f64>,
) -> PyResult<Bound<'py, PyBytes>> {
    // The options not given are the renderer's defaults.
    let d = RenderOptions::default();
    let opts = RenderOptions {
        title,
        subtitle,
        caption,
        xlab,
        ylab,
        notes: notes.into_iter().map(|(x, label)| Note { x, label }).collect(),
        goal,
        lang: match lang.map(str::to_ascii_lowercase) {
            None => Lang::from_env(),
            Some(l) if ["en", "nb", "nn", "no"].iter().any(|p| l.starts_with(p)) => Lang::from_locale(&l),
            Some(l) => return Err(invalid(format!("unknown lang '{l}': expected en or nb"))),
        },
        width: width.unwrap_or(d.width),
        height: height.unwrap_or(d.height),
        poster: poster.map(|p| p.parse::<PaperSize>()).transpose().map_err(invalid)?,
        scales: scales.map_or(Ok(d.scales), str::parse::<Scales>).map_err(invalid)?,
        verdict: None,
        scale: scale.unwrap_or(d.scale),
    };
    let c = &chart.chart;
    // As `spc chart -o`: the verdict in the image's language, the default title.
    let verdicts = guard(py, || chart.verdicts_in(opts.lang))?;
    let opts = opts.with_analysis(c, chart.measure.as_deref(), &verdicts);
    let bytes = match format.to_ascii_lowercase().as_str() {
        "svg" => guard_with(py, || render_svg(c, &opts).map(String::into_bytes))?,
        "png" => guard_with(py, || render_png(c, &opts))?,
        "pdf" => guard_with(py, || render_pdf(c, &opts))?,
        other => return Err(invalid(format!("unknown image format '{other}': expected svg, png or pdf"))),
    };
    Ok(PyBytes::new(py, &bytes))
}
