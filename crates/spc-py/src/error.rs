//! The exceptions of `spc`: one `SpcError` base (a `ValueError`) and one subclass per kind of
//! core error, with the core's message. [`to_pyerr`] is the only mapping.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::{create_exception, PyErr};

create_exception!(spc, SpcError, PyValueError, "Base class of every error of spc (a ValueError).");
create_exception!(spc, UnknownChartKindError, SpcError, "A chart kind that is not known.");
create_exception!(spc, UnknownOptionError, SpcError, "A named option value that is not known.");
create_exception!(spc, MissingColumnError, SpcError, "A column that is not in the data.");
create_exception!(spc, MissingDenominatorError, SpcError, "A chart that needs n got none.");
create_exception!(spc, NegativeDenominatorError, SpcError, "A negative denominator n.");
create_exception!(spc, LengthMismatchError, SpcError, "x, n, facet or part differ in length from y.");
create_exception!(spc, FreezeBeyondDataError, SpcError, "freeze beyond the number of points.");
create_exception!(spc, PartOutOfRangeError, SpcError, "A part position that does not split the data.");
create_exception!(spc, ExcludeOutOfRangeError, SpcError, "An exclude position outside the data.");
create_exception!(spc, FreezePartCountError, SpcError, "freeze_part does not match the number of parts.");
create_exception!(spc, TooFewPointsError, SpcError, "Too few points to compute the limits at all.");
create_exception!(spc, NotANumberError, SpcError, "A value that cannot be read as a number.");
create_exception!(spc, InvalidArgumentError, SpcError, "An argument value out of its domain.");
create_exception!(spc, InvalidValueError, SpcError, "A data value out of the chart's domain.");
create_exception!(spc, SpcIOError, SpcError, "A file that could not be read or parsed.");
create_exception!(spc, UnknownRegionError, SpcError, "A region code that is none of the accepted spellings.");
create_exception!(spc, PolarsError, SpcError, "An error from polars while building a DataFrame.");
create_exception!(spc, InternalError, SpcError, "A bug in spc (a Rust panic), caught before it reached Python.");
create_exception!(spc, RenderError, SpcError, "A chart that cannot be drawn with the options given.");

/// The Python exception for a core error: its kind's class, the core's message.
pub(crate) fn to_pyerr(e: &spc_core::Error) -> PyErr {
    use spc_core::Error as E;
    let msg = e.to_string();
    match e {
        E::UnknownChartKind { .. } => UnknownChartKindError::new_err(msg),
        E::UnknownOption { .. } => UnknownOptionError::new_err(msg),
        E::MissingColumn { .. } => MissingColumnError::new_err(msg),
        E::MissingDenominator { .. } => MissingDenominatorError::new_err(msg),
        E::NegativeDenominator { .. } => NegativeDenominatorError::new_err(msg),
        E::LengthMismatch { .. } => LengthMismatchError::new_err(msg),
        E::FreezeBeyondData { .. } => FreezeBeyondDataError::new_err(msg),
        E::PartOutOfRange { .. } => PartOutOfRangeError::new_err(msg),
        E::ExcludeOutOfRange { .. } => ExcludeOutOfRangeError::new_err(msg),
        E::FreezePartCount { .. } => FreezePartCountError::new_err(msg),
        E::TooFewPoints { .. } => TooFewPointsError::new_err(msg),
        E::NotANumber { .. } => NotANumberError::new_err(msg),
        E::InvalidArgument { .. } => InvalidArgumentError::new_err(msg),
        E::InvalidValue { .. } => InvalidValueError::new_err(msg),
        E::Io { .. } => SpcIOError::new_err(msg),
        E::UnknownRegion { .. } => UnknownRegionError::new_err(msg),
        E::Polars(_) => PolarsError::new_err(msg),
        // Kinds added to the core later surface as the base class until they get their own.
        _ => SpcError::new_err(msg),
    }
}

/// A Rust panic caught by [`guard`], as an exception.
fn panic_to_pyerr(payload: &(dyn std::any::Any + Send)) -> PyErr {
    let what = payload
        .downcast_ref::<&str>()
        .map(ToString::to_string)
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    InternalError::new_err(format!("internal error in spc (please report it): {what}"))
}

/// Errors of the Rust crates that become Python exceptions.
pub(crate) trait IntoPyErr {
    /// The exception.
    fn into_pyerr(self) -> PyErr;
}

impl IntoPyErr for spc_core::Error {
    fn into_pyerr(self) -> PyErr {
        to_pyerr(&self)
    }
}

impl IntoPyErr for spc_render::RenderError {
    fn into_pyerr(self) -> PyErr {
        RenderError::new_err(self.to_string())
    }
}

/// Runs `f` without the GIL, turning its error into the matching exception and a panic into
/// `InternalError`, so that no panic reaches Python.
pub(crate) fn guard_with<T: Send, E: IntoPyErr + Send>(
    py: Python<'_>,
    f: impl FnOnce() -> Result<T, E> + Send,
) -> PyResult<T> {
    let out = py.detach(|| std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)));
    match out {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(e.into_pyerr()),
        Err(payload) => Err(panic_to_pyerr(payload.as_ref())),
    }
}

/// [`guard_with`] for the core's errors.
pub(crate) fn guard<T: Send>(py: Python<'_>, f: impl FnOnce() -> spc_core::Result<T> + Send) -> PyResult<T> {
    guard_with(py, f)
}

/// Adds the exception classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("SpcError", py.get_type::<SpcError>())?;
    m.add("UnknownChartKindError", py.get_type::<UnknownChartKindError>())?;
    m.add("UnknownOptionError", py.get_type::<UnknownOptionError>())?;
    m.add("MissingColumnError", py.get_type::<MissingColumnError>())?;
    m.add("MissingDenominatorError", py.get_type::<MissingDenominatorError>())?;
    m.add("NegativeDenominatorError", py.get_type::<NegativeDenominatorError>())?;
    m.add("LengthMismatchError", py.get_type::<LengthMismatchError>())?;
    m.add("FreezeBeyondDataError", py.get_type::<FreezeBeyondDataError>())?;
    m.add("PartOutOfRangeError", py.get_type::<PartOutOfRangeError>())?;
    m.add("ExcludeOutOfRangeError", py.get_type::<ExcludeOutOfRangeError>())?;
    m.add("FreezePartCountError", py.get_type::<FreezePartCountError>())?;
    m.add("TooFewPointsError", py.get_type::<TooFewPointsError>())?;
    m.add("NotANumberError", py.get_type::<NotANumberError>())?;
    m.add("InvalidArgumentError", py.get_type::<InvalidArgumentError>())?;
    m.add("InvalidValueError", py.get_type::<InvalidValueError>())?;
    m.add("SpcIOError", py.get_type::<SpcIOError>())?;
    m.add("UnknownRegionError", py.get_type::<UnknownRegionError>())?;
    m.add("PolarsError", py.get_type::<PolarsError>())?;
    m.add("InternalError", py.get_type::<InternalError>())?;
    m.add("RenderError", py.get_type::<RenderError>())?;
    Ok(())
}
