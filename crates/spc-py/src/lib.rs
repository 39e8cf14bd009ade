//! Python bindings of spc (module `spc._spc`): argument parsing and conversion only. The
//! Python API (`spc.qic`, `spc.Chart`) is in `python/spc/__init__.py`.

use pyo3::prelude::*;

mod chart;
mod convert;
mod error;
mod kostra;
mod mdc;
mod render;
mod spec;

/// Every Rust allocation of the module goes to the allocator of the polars package (jemalloc
/// on Linux and macOS; `System` when polars offers none), which keeps freed pages for reuse:
/// a chart of a million points no longer faults in fresh pages for its columns on every call
/// (with the system allocator, freed large blocks went back to the kernel each time). It is
/// also the allocator that frees the columns handed over to polars.
#[global_allocator]
static ALLOC: pyo3_polars::PolarsAllocator = pyo3_polars::PolarsAllocator::new();

/// Writes `data` to `path` whole or not at all (`spc_core::io::write_atomic`, as every output
/// of the `spc` command): the `save` methods of pictures and pages write through it, so an
/// error or an interrupt never leaves a cut file where a good one was. An error is the `OSError`
/// `open()` would raise.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)] // pyo3 converts the argument to an owned PathBuf
fn _write_file(path: std::path::PathBuf, data: &[u8]) -> PyResult<()> {
    spc_core::io::write_atomic(&path, |w| w.write_all(data)).map_err(PyErr::from)
}

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
    m.add_function(wrap_pyfunction!(_write_file, m)?)?;
    m.add_function(wrap_pyfunction!(spec::read_spec, m)?)?;
    m.add_function(wrap_pyfunction!(spec::write_spec, m)?)?;
    kostra::register(m)?;
    error::register(m)?;
    Ok(())
}
