//! `spc kostra read`: any SSB / KOSTRA file into the tidy table (a contract: keep the columns).

use std::path::PathBuf;

use clap::Args;

use crate::cmd::CliError;

/// Arguments of `spc kostra read`.
#[derive(Args, Debug)]
#[command(after_help = "Reads SSB StatBank CSV downloads (separator , ; or tab, quoted or not, title line,
UTF-8 or Latin-1, wide with one column per period or long with a period column), JSON-stat 1.x
and 2.0 (SSB's API), spreadsheets (.xlsx, .xls, .ods) and tidy CSV, and writes the tidy table:
  region_code,region_type,region_name,indicator,period,value,numerator,denominator,status
A missing value is an empty cell with the reason in status (SSB symbols . .. ... : or missing,
zero_denominator, numerator_missing, denominator_missing). Warnings go to standard error.

Examples:
  spc kostra read 07459.csv --out population.csv
  spc kostra read 07459.csv --region 3001,3002 --years 2020-2021
  spc kostra read 07459.json > population.csv
  cat 07459.csv | spc kostra read -")]
pub(crate) struct ReadArgs {
    /// Input file (`-` reads standard input; the format is detected from the content).
    pub(crate) input: PathBuf,
    /// Output CSV file (default: standard output).
    #[arg(long, short = 'o', value_name = "OUT.csv")]
    pub(crate) out: Option<PathBuf>,
    /// Keep only these rows (every row of the source by default).
    #[command(flatten)]
    pub(crate) select: super::Select,
}

pub(crate) fn run(args: &ReadArgs) -> Result<(), CliError> {
    let table = if args.input.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|e| CliError::Data(format!("standard input: {e}")))?;
        spc_core::kostra::read_bytes(&bytes, "standard input")?
    } else {
        spc_core::kostra::read_path(&args.input)?
    };
    for w in &table.warnings {
        eprintln!("spc: warning: {w}");
    }
    let mut table = table;
    if args.select.groups.is_some() {
        return Err(CliError::Usage(
            "--groups: spc kostra read does not use KOSTRA groups (aggregate and compare do)".into(),
        ));
    }
    if !args.select.region.is_empty() {
        let codes = args
            .select
            .region
            .iter()
            .map(|c| spc_core::kostra::Region::parse(c).map(|r| r.code))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| CliError::Usage(format!("--region: {e}")))?;
        table.records.retain(|r| codes.contains(&r.region_code));
    }
    super::aggregate::filter(&mut table, &args.select)?;
    super::aggregate::write_out(args.out.as_deref(), |w| table.write_csv(w))?;
    Ok(())
}
