//! `spc kostra funnel` (being written).

use clap::Args;

/// Arguments of `spc kostra funnel`.
#[derive(Args, Debug)]
pub(crate) struct FunnelArgs {
    /// Input file.
    pub(crate) input: std::path::PathBuf,
}

pub(crate) fn run(_args: &FunnelArgs) -> Result<(), crate::cmd::CliError> {
    Err(crate::cmd::CliError::Usage("spc kostra funnel is not available yet".into()))
}
