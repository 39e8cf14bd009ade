//! `spc kostra compare` (being written).

use clap::Args;

/// Arguments of `spc kostra compare`.
#[derive(Args, Debug)]
pub(crate) struct CompareArgs {
    /// Input file.
    pub(crate) input: std::path::PathBuf,
}

pub(crate) fn run(_args: &CompareArgs) -> Result<(), crate::cmd::CliError> {
    Err(crate::cmd::CliError::Usage("spc kostra compare is not available yet".into()))
}
