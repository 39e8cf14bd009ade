//! `spc kostra chart` (being written).

use clap::Args;

/// Arguments of `spc kostra chart`.
#[derive(Args, Debug)]
pub(crate) struct ChartArgs {
    /// Input file.
    pub(crate) input: std::path::PathBuf,
}

pub(crate) fn run(_args: &ChartArgs) -> Result<(), crate::cmd::CliError> {
    Err(crate::cmd::CliError::Usage("spc kostra chart is not available yet".into()))
}
