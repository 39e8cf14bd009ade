//! `spc kostra aggregate` (being written).

use clap::Args;

/// Arguments of `spc kostra aggregate`.
#[derive(Args, Debug)]
pub(crate) struct AggregateArgs {
    /// Input file.
    pub(crate) input: std::path::PathBuf,
}

pub(crate) fn run(_args: &AggregateArgs) -> Result<(), crate::cmd::CliError> {
    Err(crate::cmd::CliError::Usage("spc kostra aggregate is not available yet".into()))
}
