//! `spc mdc`: NHS "Making Data Count" XmR charts (NHSRplotthedots behaviour). The flags and
//! the columns of `--data` and `--icons` (`spc_core::schema::mdc_points`, `mdc_icons`) are a
//! contract scripts rely on; keep them stable.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use spc_core::io::Table;
use spc_core::mdc::{mdc, MdcChart, MdcSpec, PointType};
use spc_core::schema::Schema;

use super::{flag_error, CliError};

/// Arguments of `spc mdc`.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  spc mdc ae.csv --x month --y share_seen_4h --target 0.95 --icons icons.csv
  spc mdc ae.csv --x month --y value --facet trust --target RJ7=0.95,RRK=0.9 --rebase RJ7=2018-04-01
  spc mdc waits.csv --x week --y days --improvement decrease --rebase 2021-01-04 --data out.csv")]
pub(crate) struct MdcArgs {
    /// Input CSV file with a header row (`-` reads standard input).
    pub input: PathBuf,
    /// Column of x values (dates).
    #[arg(long, value_name = "COL")]
    pub x: String,
    /// Column of values.
    #[arg(long, value_name = "COL")]
    pub y: String,
    /// Column whose values split the data into one chart per value.
    #[arg(long, value_name = "COL")]
    pub facet: Option<String>,
    // Improvement direction.
    #[arg(long, value_name = "DIR", help = format!(
        "Which direction is an improvement: increase, decrease or neutral [default: {}]",
        MdcSpec::default().improvement))]
    pub improvement: Option<String>,
    /// Target: one value, or FACET=V,FACET=V per facet.
    #[arg(long, value_name = "V")]
    pub target: Option<String>,
    /// Column of targets that vary over time (assurance is judged against the last one).
    #[arg(long, value_name = "COL", conflicts_with = "target")]
    pub target_col: Option<String>,
    /// Recalculate the limits from these x values on: DATE,DATE or FACET=DATE,FACET=DATE.
    #[arg(long, value_name = "DATES", value_delimiter = ',')]
    pub rebase: Vec<String>,
    /// Limits from the first N points of each rebase group only.
    #[arg(long, value_name = "N")]
    pub fix_after: Option<usize>,
    /// Do not screen moving ranges (>= 3.267 x mean) before computing the limits.
    #[arg(long)]
    pub no_screen_outliers: bool,
    // Shift length.
    #[arg(long, value_name = "N", help = format!(
        "Points on one side of the mean that make a shift (NHSRplotthedots 7, MDC v5 tool 6) [default: {}]",
        MdcSpec::DEFAULT_SHIFT_N))]
    pub shift_n: Option<usize>,
    // Trend length.
    #[arg(long, value_name = "N", help = format!(
        "Points steadily rising or falling that make a trend (NHSRplotthedots 7, MDC v5 tool 6) [default: {}]",
        MdcSpec::DEFAULT_TREND_N))]
    pub trend_n: Option<usize>,
    /// Write the per-point result as CSV (`-` for standard output).
    #[arg(long, value_name = "OUT.csv")]
    pub data: Option<PathBuf>,
    /// Write the variation and assurance icons (one row per facet) as CSV.
    #[arg(long, value_name = "ICONS.csv")]
    pub icons: Option<PathBuf>,
}

fn usage(flag: &str, m: impl std::fmt::Display) -> CliError {
    CliError::Usage(format!("{flag}: {m}"))
}

impl MdcArgs {
    /// The options given over the library's defaults, checked by the library.
    fn spec(&self) -> Result<MdcSpec, CliError> {
        let mut spec =
            MdcSpec { fix_after: self.fix_after, screen_outliers: !self.no_screen_outliers, ..MdcSpec::default() };
        if let Some(i) = &self.improvement {
            spec.improvement = i.parse().map_err(flag_error)?;
        }
        spec.shift_n = self.shift_n.unwrap_or(spec.shift_n);
        spec.trend_n = self.trend_n.unwrap_or(spec.trend_n);
        if let Some(t) = &self.target {
            if t.contains('=') {
                for item in t.split(',') {
                    let (f, v) = item
                        .split_once('=')
                        .ok_or_else(|| usage("--target", format!("'{item}' is not FACET=VALUE")))?;
                    let v: f64 = v.trim().parse().map_err(|_| usage("--target", format!("'{v}' is not a number")))?;
                    spec.facet_targets.insert(f.trim().to_string(), v);
                }
            } else {
                spec.target = Some(t.trim().parse().map_err(|_| usage("--target", format!("'{t}' is not a number")))?);
            }
        }
        let mut per_facet: HashMap<String, Vec<String>> = HashMap::new();
        for r in &self.rebase {
            match r.split_once('=') {
                Some((f, d)) => per_facet.entry(f.trim().to_string()).or_default().push(d.trim().to_string()),
                None => spec.rebase.push(r.trim().to_string()),
            }
        }
        spec.facet_rebase = per_facet;
        spec.validate().map_err(flag_error)?;
        Ok(spec)
    }
}

/// Writes `table` (one of the core's output schemas) as CSV to `path` (`-`: standard output).
fn write_csv(path: &std::path::Path, what: &str, table: &Schema<'_>) -> Result<(), CliError> {
    super::write_output(path, what, |sink| table.write_csv(sink))
}

fn summary(c: &MdcChart, spec: &MdcSpec) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Making Data Count XmR chart, {} points, improvement: {}", c.y.len(), spec.improvement);
    for ic in &c.icons {
        let start = c.facet.as_ref().map_or(0, |f| f.iter().position(|v| Some(v) == ic.facet.as_ref()).unwrap_or(0));
        let head = ic.facet.as_ref().map_or(String::new(), |f| format!("{f}: "));
        let _ = writeln!(s, "\n{head}{} to {}", c.x.format(start), c.x.format(ic.last));
        let mut part_start = start;
        for i in start..=ic.last {
            if i == ic.last || c.part[i + 1] != c.part[i] {
                let count = |t: PointType| (part_start..=i).filter(|&k| c.point_type[k] == t).count();
                let _ = writeln!(
                    s,
                    "  part {}: mean {:.4}, process limits {:.4} to {:.4}; {} common cause, {} improvement, {} concern",
                    c.part[i],
                    c.cl[i],
                    c.lcl[i],
                    c.ucl[i],
                    count(PointType::CommonCause),
                    count(PointType::SpecialCauseImprovement),
                    count(PointType::SpecialCauseConcern)
                );
                part_start = i + 1;
            }
        }
        let _ = writeln!(s, "  variation: {}; assurance: {}", ic.variation, ic.assurance.unwrap_or("no target"));
    }
    s
}

/// Runs `spc mdc`.
pub(crate) fn run(args: &MdcArgs) -> Result<(), CliError> {
    let spec = args.spec()?;
    let table = if args.input.as_os_str() == "-" {
        Table::from_reader(std::io::stdin().lock(), "<stdin>")?
    } else {
        Table::from_path(&args.input)?
    };
    if table.rows.is_empty() {
        return Err(CliError::Data(format!("{}: no data rows after the header", table.source)));
    }
    let x = table.x_column(&args.x)?;
    let y = table.numbers(&args.y)?;
    let facet = args.facet.as_ref().map(|f| table.texts(f)).transpose()?;
    let target = args.target_col.as_ref().map(|t| table.numbers(t)).transpose()?;
    let cols = spc_core::io::Columns {
        x: args.x.clone(),
        y: args.y.clone(),
        facet: args.facet.clone(),
        ..spc_core::io::Columns::default()
    };
    let located = |e: spc_core::Error| table.locate(e.renumbered(&table.row_numbers), &cols);
    let chart = mdc(&x, &y, facet.as_deref(), target.as_deref(), &spec).map_err(located).map_err(|e| match e {
        spc_core::Error::InvalidArgument { .. } | spc_core::Error::UnknownOption { .. } => {
            CliError::Usage(e.to_string())
        }
        _ => CliError::Data(e.to_string()),
    })?;
    for w in &chart.warnings {
        eprintln!("spc: warning: {w}");
    }
    if let Some(p) = &args.data {
        write_csv(p, "the data", &spc_core::schema::mdc_points(&chart))?;
    }
    if let Some(p) = &args.icons {
        write_csv(p, "the icons", &spc_core::schema::mdc_icons(&chart))?;
    }
    if args.data.as_ref().is_none_or(|d| d.as_os_str() != "-")
        && args.icons.as_ref().is_none_or(|d| d.as_os_str() != "-")
    {
        print!("{}", summary(&chart, &spec));
    }
    Ok(())
}
