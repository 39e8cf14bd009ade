//! Python bindings of spc (module `spc._spc`). For now only the version: the Python API
//! (`spc.qic`, DataFrames in and out, inline charts) is the work of the Python issue.

use pyo3::prelude::*;

/// The compiled part of the `spc` Python package.
#[pymodule]
fn _spc(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
