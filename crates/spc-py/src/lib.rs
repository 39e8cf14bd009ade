//! Python bindings of spc (module `spc._spc`): argument parsing and conversion only. The
//! Python API (`spc.qic`, `spc.Chart`) is in `python/spc/__init__.py`.

use pyo3::prelude::*;

mod chart;
mod convert;
mod error;
mod kostra;
mod mdc;
mod render;

/// The compiled part of the `spc` Python package.
#[pymodule]
fn _spc(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("CHART_NAMES", spc_core::CHART_NAMES)?;
    m.add_class::<chart::ChartResult>()?;
    m.add_function(wrap_pyfunction!(chart::qic, m)?)?;
    m.add_class::<mdc::MdcResult>()?;
    m.add_function(wrap_pyfunction!(mdc::mdc, m)?)?;
    m.add_function(wrap_pyfunction!(chart::_panic_for_test, m)?)?;
    m.add_function(wrap_pyfunction!(render::render, m)?)?;
    kostra::register(m)?;
    error::register(m)?;
    Ok(())
}
