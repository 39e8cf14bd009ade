//! `spc kostra ...`: SSB/KOSTRA indicator tables read, harmonised, aggregated, compared,
//! charted and put on a dashboard.

pub(crate) mod aggregate;
pub(crate) mod chart;
pub(crate) mod compare;
pub(crate) mod dashboard;
pub(crate) mod funnel;
pub(crate) mod read;

use clap::{Args, Subcommand};

/// The subcommands of `spc kostra`.
#[derive(Subcommand, Debug)]
pub(crate) enum KostraCommand {
    /// Read an SSB file (any StatBank CSV variant, JSON-stat, tidy CSV, xlsx) into the tidy table.
    Read(read::ReadArgs),
    /// Aggregate municipalities to county, country or KOSTRA group.
    Aggregate(aggregate::AggregateArgs),
    /// Compare one municipality with its KOSTRA group, county and country.
    Compare(compare::CompareArgs),
    /// Funnel plot of the municipalities for one indicator and period.
    Funnel(funnel::FunnelArgs),
    /// One run or control chart per region x indicator over the periods.
    Chart(chart::ChartArgs),
    /// A self-contained HTML dashboard of one municipality's indicators.
    Dashboard(dashboard::DashboardArgs),
}

/// The selection flags shared by the subcommands.
#[derive(Args, Debug, Clone, Default)]
pub(crate) struct Select {
    /// Region code(s), comma separated (e.g. 3803 or 0301,4601).
    #[arg(long, value_delimiter = ',')]
    pub(crate) region: Vec<String>,
    /// Indicator(s), comma separated (exact names as in the table).
    #[arg(long, value_delimiter = ',')]
    pub(crate) indicator: Vec<String>,
    /// KOSTRA group file: CSV with region_code and a group column (kostra_group_new, kostra_group or group).
    #[arg(long, visible_alias = "group", value_name = "FILE")]
    pub(crate) groups: Option<std::path::PathBuf>,
    /// Years to keep: 2015, 2010-2015 or 2010,2012.
    #[arg(long)]
    pub(crate) years: Option<String>,
}

/// Runs a `spc kostra` subcommand.
pub(crate) fn run(cmd: &KostraCommand) -> Result<(), super::CliError> {
    match cmd {
        KostraCommand::Read(a) => read::run(a),
        KostraCommand::Aggregate(a) => aggregate::run(a),
        KostraCommand::Compare(a) => compare::run(a),
        KostraCommand::Funnel(a) => funnel::run(a),
        KostraCommand::Chart(a) => chart::run(a),
        KostraCommand::Dashboard(a) => dashboard::run(a),
    }
}

/// Parses `--years`: `2015`, `2010-2015`, or several separated by commas.
pub(crate) fn parse_years(s: &str) -> Result<Vec<(i32, i32)>, super::CliError> {
    let bad = |part: &str| {
        super::CliError::Usage(format!("--years {s}: '{part}' is not a year or a range of years (2015, 2010-2015)"))
    };
    let year = |t: &str, part: &str| {
        t.trim().parse::<i32>().ok().filter(|y| (1000..=9999).contains(y)).ok_or_else(|| bad(part))
    };
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (a, b) = if let Some((a, b)) = part.split_once('-') {
            (year(a, part)?, year(b, part)?)
        } else {
            let y = year(part, part)?;
            (y, y)
        };
        if a > b {
            return Err(super::CliError::Usage(format!("--years {s}: '{part}': the first year is after the last")));
        }
        out.push((a, b));
    }
    if out.is_empty() {
        return Err(bad(s));
    }
    Ok(out)
}

/// The years of `--years` one by one (`2010-2012,2015` -> 2010, 2011, 2012, 2015).
pub(crate) fn years_of(s: &str) -> Result<Vec<i32>, super::CliError> {
    let mut v: Vec<i32> = parse_years(s)?.into_iter().flat_map(|(a, b)| a..=b).collect();
    v.sort_unstable();
    v.dedup();
    Ok(v)
}
