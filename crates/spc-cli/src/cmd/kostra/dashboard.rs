//! `spc kostra dashboard` (being written).

use clap::Args;

/// Arguments of `spc kostra dashboard`.
#[derive(Args, Debug)]
pub(crate) struct DashboardArgs {
    /// Input file.
    pub(crate) input: std::path::PathBuf,
}

pub(crate) fn run(_args: &DashboardArgs) -> Result<(), crate::cmd::CliError> {
    Err(crate::cmd::CliError::Usage("spc kostra dashboard is not available yet".into()))
}
