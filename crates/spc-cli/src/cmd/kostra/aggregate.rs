//! `spc kostra aggregate`: municipalities to county, country or KOSTRA group (a contract: keep the
//! flags and the output columns).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;
use spc_core::kostra::aggregate::{aggregate, AggregateOptions, Groups, Level};
use spc_core::kostra::reform::{harmonise_with, HarmoniseOptions, RegionMapping};
use spc_core::kostra::{read_bytes, read_path, KostraTable, Region};

use super::Select;
use crate::cmd::CliError;

/// Arguments of `spc kostra aggregate`.
#[derive(Args, Debug)]
#[command(after_help = "Only municipality rows are aggregated (wards, counties, groups and the country in the
input are never summed). Ratios with numerator and denominator: sum of numerators / sum of
denominators x the indicator's multiplier (100 for a percentage), never the mean of the ratios.
Totals: the sum. Rates without numerator and denominator (--rate): weighted by population
(--population). Missing values are left out and counted in n_missing, never taken as 0; SSB
imputes non-reporters in its published group figures, this does not.

Output columns: region_code,region_name,indicator,period,value,numerator,denominator,method,n_units,n_missing

Examples:
  spc kostra aggregate eiendom.csv --to group --groups kostra_groups.csv --out groups.csv
  spc kostra aggregate population.csv --to county --harmonise 2020
  spc kostra aggregate kostra.csv --to country --rate \"Andel innbyggere 80 år og over\" --population 07459.csv")]
pub(crate) struct AggregateArgs {
    /// Input file (any format `spc kostra read` accepts; `-` reads standard input).
    pub(crate) input: PathBuf,
    /// Level to aggregate to: county, country or group (KOSTRA group, needs --groups).
    #[arg(long, value_name = "LEVEL")]
    pub(crate) to: String,
    #[command(flatten)]
    pub(crate) select: Select,
    #[command(flatten)]
    pub(crate) refs: References,
}

/// The flags of `aggregate` and `compare` on how references are computed, and the output.
#[derive(clap::Args, Debug)]
pub(crate) struct References {
    /// Column of the groups file holding the group number (default: kostra_group_new, kostra_group or group).
    #[arg(long, value_name = "COL")]
    pub(crate) group_column: Option<String>,
    /// An indicator that is a rate without numerator and denominator (population weighted; repeatable).
    #[arg(long, value_name = "INDICATOR")]
    pub(crate) rate: Vec<String>,
    /// Population per municipality and period for --rate (e.g. SSB table 07459).
    #[arg(long, value_name = "FILE")]
    pub(crate) population: Option<PathBuf>,
    /// Rebuild the municipalities on the borders of this year first (built-in reforms 2017-2024).
    #[arg(long, value_name = "YEAR")]
    pub(crate) harmonise: Option<i32>,
    /// Output CSV file (default: standard output).
    #[arg(long, short = 'o', value_name = "OUT.csv")]
    pub(crate) out: Option<PathBuf>,
}

/// Reads an input table (`-` = standard input).
pub(crate) fn read_input(path: &Path) -> Result<KostraTable, CliError> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)
            .map_err(|e| CliError::Data(format!("standard input: {e}")))?;
        Ok(read_bytes(&bytes, "standard input")?)
    } else {
        Ok(read_path(path)?)
    }
}

/// Keeps the rows of the selected indicators and years (regions are handled by the caller).
pub(crate) fn filter(table: &mut KostraTable, select: &Select) -> Result<(), CliError> {
    if !select.indicator.is_empty() {
        let present: Vec<String> = table.indicators().into_iter().map(str::to_string).collect();
        for i in &select.indicator {
            if !present.contains(i) {
                return Err(CliError::Usage(format!(
                    "--indicator '{i}' is not in the table; its indicators are: {}",
                    present.join(" | ")
                )));
            }
        }
        table.records.retain(|r| select.indicator.contains(&r.indicator));
    }
    if let Some(years) = &select.years {
        let ranges = super::parse_years(years)?;
        table.records.retain(|r| ranges.iter().any(|(a, b)| (*a..=*b).contains(&r.period.year())));
    }
    Ok(())
}

/// Reads the groups file of `--groups`.
pub(crate) fn read_groups(select: &Select, column: Option<&str>) -> Result<Option<Groups>, CliError> {
    select.groups.as_ref().map(|p| Groups::from_path(p, column).map_err(CliError::from)).transpose()
}

/// The aggregation options of `--rate` and `--population` (the population harmonised like the
/// input when `--harmonise` is given).
pub(crate) fn aggregate_options(
    rate: &[String],
    population: Option<&Path>,
    harmonise: Option<i32>,
) -> Result<AggregateOptions, CliError> {
    let population = population.map(read_input).transpose()?.map(|p| maybe_harmonise(p, harmonise, &[])).transpose()?;
    Ok(AggregateOptions { rates: rate.to_vec(), population })
}

/// Harmonises to `--harmonise YEAR` when given.
pub(crate) fn maybe_harmonise(table: KostraTable, year: Option<i32>, rate: &[String]) -> Result<KostraTable, CliError> {
    match year {
        Some(y) => {
            Ok(harmonise_with(&table, &RegionMapping::builtin(), y, &HarmoniseOptions { rates: rate.to_vec() })?)
        }
        None => Ok(table),
    }
}

/// Writes CSV to `--out` or standard output.
pub(crate) fn write_out(
    out: Option<&Path>,
    f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), CliError> {
    super::super::write_output(out.unwrap_or(Path::new("-")), "the table", f)
}

pub(crate) fn run(args: &AggregateArgs) -> Result<(), CliError> {
    let level = Level::parse(&args.to)
        .map_err(|_| CliError::Usage(format!("--to {}: expected county, country or group", args.to)))?;
    if level == Level::Group && args.select.groups.is_none() {
        return Err(CliError::Usage(
            "--to group needs the KOSTRA groups: give --groups FILE (CSV with region_code and kostra_group_new)".into(),
        ));
    }
    let groups = read_groups(&args.select, args.refs.group_column.as_deref())?;
    let mut table = read_input(&args.input)?;
    filter(&mut table, &args.select)?;
    let mut table = maybe_harmonise(table, args.refs.harmonise, &args.refs.rate)?;
    if !args.select.region.is_empty() {
        let codes: Vec<String> = args
            .select
            .region
            .iter()
            .map(|c| Region::parse(c).map(|r| r.code))
            .collect::<Result<_, _>>()
            .map_err(|e| CliError::Usage(format!("--region: {e}")))?;
        table.records.retain(|r| codes.contains(&r.region_code));
    }
    let opts = aggregate_options(&args.refs.rate, args.refs.population.as_deref(), args.refs.harmonise)?;
    let out = aggregate(&table, level, groups.as_ref(), &opts)?;
    for w in table.warnings.iter().chain(&out.warnings) {
        eprintln!("spc: warning: {w}");
    }
    write_out(args.refs.out.as_deref(), |w| out.write_csv(w))
}
