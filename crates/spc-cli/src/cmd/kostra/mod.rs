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
    #[arg(long, value_name = "FILE")]
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
