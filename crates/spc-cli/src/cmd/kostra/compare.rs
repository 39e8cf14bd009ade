//! `spc kostra compare`: one municipality against its KOSTRA group, county and country, or as
//! z-scores within its group (a contract: keep the flags and the output columns).

use std::path::PathBuf;

use clap::Args;
use spc_core::kostra::compare::{
    compare, write_comparisons_csv, write_zscores_csv, zscores, CompareOptions, ReferenceType,
};

use super::aggregate::{aggregate_options, filter, maybe_harmonise, read_groups, read_input, write_out};
use super::Select;
use crate::cmd::CliError;

/// Arguments of `spc kostra compare`.
#[derive(Args, Debug)]
#[command(after_help = "Reference values come from rows of the input when it has them (EKGnn, county, 0:
reference_source = published), else they are aggregated from its municipality rows (computed:
sum of numerators / sum of denominators for ratios, sums for totals). rank is the municipality's
place among the reference's members with a value (1 = highest).

Output columns: region_code,region_name,indicator,period,value,reference_type,reference_code,
reference_name,reference_value,reference_source,difference,rank,n_ranked
With --zscores: indicator,period,value,group_code,group_mean,group_sd,z,n_members,reason
(the latest period with a value; sd with n - 1; no z below 3 members or with sd 0).

Examples:
  spc kostra compare eiendom.csv --region 0101 --groups kostra_groups.csv --out halden.csv
  spc kostra compare eiendom.csv --region 0101 --groups kostra_groups.csv --zscores")]
pub(crate) struct CompareArgs {
    /// Input file (any format `spc kostra read` accepts; `-` reads standard input).
    pub(crate) input: PathBuf,
    #[command(flatten)]
    pub(crate) select: Select,
    /// Write z-scores of the latest period against the comparison group instead.
    #[arg(long)]
    pub(crate) zscores: bool,
    // Comparison group.
    #[arg(long, value_name = "REF", help = format!(
        "Comparison group of --zscores: group, county or country [default: {}]", ReferenceType::default().name()))]
    pub(crate) zscore_reference: Option<String>,
    #[command(flatten)]
    pub(crate) refs: super::aggregate::References,
}

pub(crate) fn run(args: &CompareArgs) -> Result<(), CliError> {
    let region = match args.select.region.as_slice() {
        [one] => one.clone(),
        [] => return Err(CliError::Usage("spc kostra compare needs --region CODE (one municipality)".into())),
        more => {
            return Err(CliError::Usage(format!("--region: compare takes one municipality, got {}", more.join(","))))
        }
    };
    let Some(groups) = read_groups(&args.select, args.refs.group_column.as_deref())? else {
        return Err(CliError::Usage(
            "spc kostra compare needs the KOSTRA groups: give --groups FILE (CSV with region_code and kostra_group_new)"
                .into(),
        ));
    };
    let zscore_reference = match &args.zscore_reference {
        Some(r) => ReferenceType::parse(r)
            .map_err(|_| CliError::Usage(format!("--zscore-reference {r}: expected group, county or country")))?,
        None => ReferenceType::default(),
    };
    let mut table = read_input(&args.input)?;
    filter(&mut table, &args.select)?;
    let table = maybe_harmonise(table, args.refs.harmonise, &args.refs.rate)?;
    for w in &table.warnings {
        eprintln!("spc: warning: {w}");
    }
    let opts = CompareOptions {
        indicators: Vec::new(),
        aggregate: aggregate_options(&args.refs.rate, args.refs.population.as_deref(), args.refs.harmonise)?,
        zscore_reference,
    };
    if args.zscores {
        let rows = zscores(&table, &region, &groups, &opts)?;
        write_out(args.refs.out.as_deref(), |w| write_zscores_csv(&rows, w))
    } else {
        let rows = compare(&table, &region, &groups, &opts)?;
        write_out(args.refs.out.as_deref(), |w| write_comparisons_csv(&rows, w))
    }
}
