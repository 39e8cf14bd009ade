//! `spc kostra read` (being written).

use clap::Args;

/// Arguments of `spc kostra read`.
#[derive(Args, Debug)]
pub(crate) struct ReadArgs {
    /// Input file.
    pub(crate) input: std::path::PathBuf,
}

pub(crate) fn run(_args: &ReadArgs) -> Result<(), crate::cmd::CliError> {
    Err(crate::cmd::CliError::Usage("spc kostra read is not available yet".into()))
}
