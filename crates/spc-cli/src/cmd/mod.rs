//! One module per subcommand.

pub(crate) mod batch;
pub(crate) mod chart;
pub(crate) mod image;
pub(crate) mod kostra;
pub(crate) mod mdc;

use std::io::Write;
use std::path::Path;

/// Writes output `what` (e.g. `the data`) to `path`: `-` is standard output (a pipe closed by
/// the reader is not an error), any other path a file written whole or not at all
/// ([`spc_core::io::write_atomic`]: an error or an interrupt leaves a file that was there as
/// it was). Every output file of `spc` is written here.
pub(crate) fn write_output(
    path: &Path,
    what: &str,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), CliError> {
    if path.as_os_str() == "-" {
        let mut w = std::io::BufWriter::new(std::io::stdout().lock());
        match f(&mut w).and_then(|()| w.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(CliError::Data(format!("cannot write {what} to standard output: {e}")))
            }
            _ => Ok(()),
        }
    } else {
        spc_core::io::write_atomic(path, f)
            .map_err(|e| CliError::Data(format!("cannot write {what} to {}: {e}", path.display())))
    }
}

/// An error of a subcommand, with the exit code it maps to.
#[derive(Debug)]
pub(crate) enum CliError {
    /// Bad arguments (exit 2).
    Usage(String),
    /// Bad data or a file that cannot be read or written (exit 1).
    Data(String),
}

impl CliError {
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Data(_) => 1,
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Usage(m) | CliError::Data(m) => f.write_str(m),
        }
    }
}

/// A usage error of an option checked by the library, named as the flag that sets it: an
/// invalid value as `--lambda: must be in (0, 1], got 2`, an unknown one as
/// `--method: unknown value 'x' for method: expected one of ...`.
#[allow(clippy::needless_pass_by_value)] // used as map_err(flag_error)
pub(crate) fn flag_error(e: spc_core::Error) -> CliError {
    use spc_core::Error as E;
    let flag = |argument: &str| format!("--{}", argument.replace('_', "-"));
    match &e {
        E::InvalidArgument { argument, reason } => CliError::Usage(format!("{}: {reason}", flag(argument))),
        E::UnknownOption { argument, .. } => CliError::Usage(format!("{}: {e}", flag(argument))),
        E::UnknownChartKind { .. } => CliError::Usage(format!("--chart: {e}")),
        _ => CliError::from(e),
    }
}

impl From<spc_core::Error> for CliError {
    fn from(e: spc_core::Error) -> Self {
        use spc_core::Error as E;
        match e {
            E::UnknownChartKind { .. }
            | E::UnknownOption { .. }
            | E::InvalidArgument { .. }
            | E::FreezeBeyondData { .. }
            | E::PartOutOfRange { .. }
            | E::ExcludeOutOfRange { .. }
            | E::FreezePartCount { .. }
            | E::MissingColumn { .. }
            | E::MissingDenominator { .. } => CliError::Usage(e.to_string()),
            _ => CliError::Data(e.to_string()),
        }
    }
}
