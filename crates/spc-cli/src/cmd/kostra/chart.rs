//! `spc kostra chart`: one run or control chart per region x indicator over the periods.

use std::path::{Path, PathBuf};

use clap::Args;
use spc_core::kostra::grouped::{charts, GroupedCharts, GroupedSpec, SeriesChart, ValueSource};
use spc_core::request::ChartRequest;
use spc_core::{ChartKind, ChartSpec, RunsMethod};
use spc_render::{Lang, RenderOptions};

use super::Select;
use crate::cmd::image::{write_image, Format};
use crate::cmd::{flag_error, CliError};

/// Arguments of `spc kostra chart`.
#[derive(Args, Debug)]
#[command(after_help = "Each region x indicator is one series, ordered by period; the x axis is the first day of
each period, so a period missing from the table is reported as a gap. Cells without a value
(.., :, ...) stay in the series as missing points with their status.

Examples:
  spc kostra chart data/kostra/ssb_07459_population_municipality_2005_2021.csv \\
      --indicator share_aged_67plus_pct --region 0301 -o oslo_67plus.png
  spc kostra chart table.csv --chart i --years 2010-2021 --data points.csv --summary series.csv
  spc kostra chart table.csv --chart p --multiply 100 --region 0301,4601 -o charts/")]
pub(crate) struct ChartArgs {
    /// Input file: any SSB/KOSTRA format `spc kostra read` reads (tidy CSV, StatBank CSV,
    /// JSON-stat, xlsx).
    pub(crate) input: PathBuf,
    // Chart kind.
    #[arg(long, value_name = "KIND", help = format!(
        "Chart kind: run, i, mr, t, p, pp, np, c, u, up, g, ewma, cusum [default: {}]", ChartSpec::DEFAULT_KIND.name()))]
    pub(crate) chart: Option<String>,
    #[command(flatten)]
    pub(crate) select: Select,
    /// Rebuild the municipalities on the borders of this year first (built-in reforms 2017-2024),
    /// so a series runs across the reforms (e.g. Halden 0101 and 3001 as 3001).
    #[arg(long, value_name = "YEAR")]
    pub(crate) harmonise: Option<i32>,
    /// Chart the value (y = value) or the ratio (y = numerator, n = denominator); default:
    /// ratio for p, pp, np, u and up charts, value otherwise.
    #[arg(long, value_name = "value|ratio")]
    pub(crate) from: Option<String>,
    /// Baseline: centre line and limits from the first K periods of each series.
    #[arg(long, value_name = "K")]
    pub(crate) freeze: Option<usize>,
    // Runs analysis.
    #[arg(long, value_name = "METHOD", help = format!(
        "Runs analysis: anhoej, bestbox or cutbox [default: {}]", RunsMethod::default()))]
    pub(crate) method: Option<String>,
    /// Rule sets whose signals count too: anhoej, ihi, western-electric, nelson, mdc, mdc6
    /// (comma separated).
    #[arg(long, value_name = "SETS")]
    pub(crate) rules: Option<String>,
    /// Multiply y, centre line and limits (e.g. 100 for per cent); default 1, and for ratio
    /// charts (p, u) the unit of the indicator's values (100 when they are percentages).
    #[arg(long, value_name = "M")]
    pub(crate) multiply: Option<f64>,
    /// Write every point of every series as CSV (region, indicator, period, status and the
    /// columns of `spc chart --data`, plus signal).
    #[arg(long, value_name = "OUT.csv")]
    pub(crate) data: Option<PathBuf>,
    /// Write one summary row per series as CSV (centre line, signals, or why it has no chart).
    #[arg(long, value_name = "OUT.csv")]
    pub(crate) summary: Option<PathBuf>,
    /// Draw the charts: a file (.png, .svg, .pdf) when one series is selected, else a folder
    /// (one image per series, named by region code and indicator).
    #[arg(short = 'o', long = "output", value_name = "FILE|DIR/")]
    pub(crate) output: Option<PathBuf>,
    // Image format.
    #[arg(long, value_name = "FMT", help = format!(
        "Format of the images in a folder: png, svg or pdf [default: {}]", ChartRequest::DEFAULT_FORMAT))]
    pub(crate) format: Option<String>,
    /// Language of the images' fixed texts: nb or en (default: nb under a Norwegian locale).
    #[arg(long, value_name = "LANG")]
    pub(crate) lang: Option<String>,
}

impl ChartArgs {
    /// The options given over the library's defaults, checked by the library
    /// ([`GroupedSpec::validate`]).
    fn spec(&self) -> Result<GroupedSpec, CliError> {
        let kind: ChartKind = match &self.chart {
            Some(c) => c.parse().map_err(flag_error)?,
            None => ChartSpec::DEFAULT_KIND,
        };
        let mut chart = ChartSpec::new(kind);
        if let Some(m) = &self.method {
            chart.method = m.parse().map_err(flag_error)?;
        }
        if let Some(m) = self.multiply {
            chart.multiply = m;
        }
        chart.freeze = self.freeze;
        let mut spec = GroupedSpec::new(chart);
        spec.infer_multiplier = self.multiply.is_none();
        spec.source = match self.from.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None => spec.source,
            Some("value") => ValueSource::Value,
            Some("ratio") => ValueSource::Ratio,
            Some(f) => return Err(CliError::Usage(format!("--from: unknown value '{f}': expected value or ratio"))),
        };
        if let Some(r) = &self.rules {
            spec.rules = spc_core::rules::parse_rule_sets(r).map_err(|e| CliError::Usage(format!("--rules: {e}")))?;
        }
        if self.select.groups.is_some() {
            return Err(CliError::Usage("--groups: spc kostra chart charts regions, not KOSTRA groups".into()));
        }
        spec.regions.clone_from(&self.select.region);
        spec.indicators.clone_from(&self.select.indicator);
        if let Some(y) = &self.select.years {
            spec.years = super::parse_years(y)?;
        }
        spec.validate().map_err(flag_error)?;
        Ok(spec)
    }
}

/// A file-name slug: lower-case letters and digits (æøå as ae, o, a), others as `_`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'æ' => out.push_str("ae"),
            'ø' => out.push('o'),
            'å' => out.push('a'),
            _ if !out.ends_with('_') => out.push('_'),
            _ => {}
        }
    }
    let t = out.trim_matches('_');
    if t.is_empty() {
        "series".into()
    } else {
        t.chars().take(80).collect()
    }
}

fn render_options(s: &SeriesChart, lang: Lang) -> RenderOptions {
    let name = if s.region_name.is_empty() { String::new() } else { format!(" {}", s.region_name) };
    RenderOptions {
        title: Some(format!("{}{name} – {}", s.region_code, s.indicator)),
        lang,
        ..RenderOptions::default()
    }
}

/// The images of `-o`: one file for one series, else one file per charted series in a folder.
fn write_images(out: &GroupedCharts, path: &Path, format: Option<&str>, lang: Lang) -> Result<usize, CliError> {
    let is_file = Path::new(path).extension().is_some() && !path.is_dir();
    if is_file {
        Format::from_path(path)?;
        let [one] = out.series.as_slice() else {
            return Err(CliError::Usage(format!(
                "-o {}: {} series are selected; give a folder (-o DIR/) for one image per series, or select one with --region and --indicator",
                path.display(),
                out.series.len()
            )));
        };
        let chart = one
            .chart
            .as_ref()
            .map_err(|e| CliError::Data(format!("{} {}: no chart to draw: {e}", one.region_code, one.indicator)))?;
        write_image(chart, &render_options(one, lang), path)?;
        return Ok(1);
    }
    let ext = spc_core::request::image_format(format).map_err(flag_error)?;
    std::fs::create_dir_all(path)
        .map_err(|e| CliError::Data(format!("cannot create the folder {}: {e}", path.display())))?;
    let mut n = 0;
    for s in &out.series {
        let Ok(chart) = &s.chart else { continue };
        let file = path.join(format!("{}_{}.{ext}", slug(&s.region_code), slug(&s.indicator)));
        write_image(chart, &render_options(s, lang), &file)?;
        n += 1;
    }
    Ok(n)
}

/// One line per series: region, indicator, and signal or why there is no chart.
fn summary_lines(out: &GroupedCharts) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    for x in &out.series {
        let name = if x.region_name.is_empty() { String::new() } else { format!(" {}", x.region_name) };
        let first = x.periods.first().map(ToString::to_string).unwrap_or_default();
        let last = x.periods.last().map(ToString::to_string).unwrap_or_default();
        let what = if let Err(e) = &x.chart {
            format!("no chart: {e}")
        } else {
            let cl = x
                .last_part()
                .map_or(String::new(), |p| format!("centre line {}, ", spc_core::schema::format_rounded(p.cl, 4)));
            let rules = x.last_part_rules();
            let rules = if rules.is_empty() { String::new() } else { format!(" ({})", rules.join(", ")) };
            format!("{cl}signal: {}{rules}", if x.signal() { "yes" } else { "no" })
        };
        let _ = writeln!(s, "{}{name} | {} | {first}-{last}: {what}", x.region_code, x.indicator);
    }
    s
}

/// Runs `spc kostra chart`.
pub(crate) fn run(args: &ChartArgs) -> Result<(), CliError> {
    let spec = args.spec()?;
    let lang = match &args.lang {
        Some(l) => l.parse::<Lang>().map_err(|e| CliError::Usage(format!("--lang: {e}")))?,
        None => Lang::from_env(),
    };
    let table = spc_core::kostra::read_path(&args.input)?;
    let table = super::aggregate::maybe_harmonise(table, args.harmonise, &[])?;
    for w in &table.warnings {
        eprintln!("spc: warning: {w}");
    }
    let out = charts(&table, &spec)?;
    if out.series.is_empty() {
        return Err(CliError::Data(format!(
            "{}: no series left after the selection (--region, --indicator, --years); the indicators are: {}",
            args.input.display(),
            table.indicators().join(", ")
        )));
    }
    let warned: Vec<&SeriesChart> =
        out.charted().filter(|s| s.chart.as_ref().is_ok_and(|c| !c.warnings.is_empty())).collect();
    if warned.len() <= 10 {
        for s in &warned {
            for w in s.chart.as_ref().map(|c| c.warnings.as_slice()).unwrap_or_default() {
                eprintln!("spc: warning: {} {}: {w}", s.region_code, s.indicator);
            }
        }
    } else {
        eprintln!("spc: warning: {} series have warnings (gaps in the periods, few points); chart them one at a time to see them", warned.len());
    }
    if let Some(path) = &args.data {
        super::super::write_output(path, "the data", |w| out.write_csv(w))?;
    }
    if let Some(path) = &args.summary {
        super::super::write_output(path, "the summary", |w| out.write_summary_csv(w))?;
    }
    if let Some(path) = &args.output {
        let n = write_images(&out, path, args.format.as_deref(), lang)?;
        if n > 1 || path.is_dir() {
            eprintln!("spc: {n} image(s) written to {}", path.display());
        }
    }
    if args.data.is_none() && args.summary.is_none() {
        print!("{}", summary_lines(&out));
    }
    Ok(())
}
