//! One module per subcommand.

pub(crate) mod batch;
pub(crate) mod chart;
pub(crate) mod image;
pub(crate) mod kostra;
pub(crate) mod mdc;
pub(crate) mod spec;

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
