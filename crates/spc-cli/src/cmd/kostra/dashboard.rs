//! `spc kostra dashboard`: one municipality's indicators on a self-contained HTML page.

use std::path::PathBuf;

use clap::Args;
use spc_core::kostra::aggregate::Groups;
use spc_core::mdc::Improvement;
use spc_core::ChartKind;
use spc_render::dashboard::{render_dashboard, DashboardError, DashboardOptions};

use super::Select;
use crate::cmd::{flag_error, CliError};

/// Arguments of `spc kostra dashboard`.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  spc kostra dashboard data/kostra/ssb_07459_population_municipality_2005_2021.csv --region 0301 \\
      --groups data/kostra/ssb_kostra_groups_2015.csv --years 2008-2021 -o oslo.html
  spc kostra dashboard table.csv --region 3803 --chart run --lang en \\
      --improvement \"Andel barn i barnehage=increase\" --target \"Andel barn i barnehage=95\"

The page needs no network: CSS and charts are inline. Hover a point for its period, value and
signal; print it on A4 (one page per indicator).")]
pub(crate) struct DashboardArgs {
    /// Input file: tidy KOSTRA CSV (spc kostra read), SSB StatBank CSV, JSON-stat or a spreadsheet.
    pub(crate) input: PathBuf,
    #[command(flatten)]
    pub(crate) select: Select,
    /// Rebuild the municipalities on the borders of this year first (built-in reforms 2017-2024),
    /// so a series runs across the reforms (e.g. Halden 0101 and 3001 as 3001).
    #[arg(long, value_name = "YEAR")]
    pub(crate) harmonise: Option<i32>,
    // Chart kind.
    #[arg(long, value_name = "KIND", help = format!(
        "Chart of each indicator: i or run [default: {}]", DashboardOptions::default().chart.name()))]
    pub(crate) chart: Option<String>,
    // Language.
    #[arg(long, value_name = "LANG", help = format!(
        "Language of the page: nb or en [default: {}]", DashboardOptions::default().lang.code()))]
    pub(crate) lang: Option<String>,
    /// Title of the page (default: "KOSTRA-indikatorer for NAME (CODE)").
    #[arg(long, value_name = "TEXT")]
    pub(crate) title: Option<String>,
    /// Which direction is an improvement for an indicator: INDICATOR=increase|decrease|neutral
    /// (repeatable). Without it the direction is not known (purple icons, no assurance).
    #[arg(long, value_name = "IND=DIR")]
    pub(crate) improvement: Vec<String>,
    /// A target for an indicator: INDICATOR=VALUE (repeatable), for the assurance icon.
    #[arg(long, value_name = "IND=V")]
    pub(crate) target: Vec<String>,
    /// Judge the later years against a baseline of the first K years of each indicator.
    #[arg(long, value_name = "K")]
    pub(crate) freeze: Option<usize>,
    /// The HTML file to write (default: dashboard_CODE.html, CODE the --region).
    #[arg(short = 'o', long = "output", value_name = "FILE.html")]
    pub(crate) output: Option<PathBuf>,
}

/// `INDICATOR=VALUE` of a repeatable flag.
fn split_pair<'a>(flag: &str, item: &'a str) -> Result<(&'a str, &'a str), CliError> {
    item.rsplit_once('=')
        .map(|(k, v)| (k.trim(), v.trim()))
        .filter(|(k, v)| !k.is_empty() && !v.is_empty())
        .ok_or_else(|| CliError::Usage(format!("{flag} '{item}': expected INDICATOR=VALUE")))
}

impl DashboardArgs {
    fn options(&self) -> Result<DashboardOptions, CliError> {
        let region = match self.select.region.as_slice() {
            [r] => r.clone(),
            [] => return Err(CliError::Usage("--region: give the municipality of the dashboard (e.g. 0301)".into())),
            many => {
                return Err(CliError::Usage(format!("--region: a dashboard shows one region, got {}", many.join(","))))
            }
        };
        // The flags given over the library's defaults (DashboardOptions::new), checked by it.
        let mut opts = DashboardOptions::new(region);
        if let Some(c) = &self.chart {
            opts.chart = c.trim().parse::<ChartKind>().map_err(flag_error)?;
        }
        if let Some(l) = &self.lang {
            opts.lang = l.parse().map_err(|e| CliError::Usage(format!("--lang: {e}")))?;
        }
        opts.title.clone_from(&self.title);
        opts.indicators =
            self.select.indicator.iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        if let Some(y) = &self.select.years {
            opts.years = super::years_of(y)?;
        }
        for item in &self.improvement {
            let (k, v) = split_pair("--improvement", item)?;
            let dir: Improvement = v.parse().map_err(|e| CliError::Usage(format!("--improvement '{item}': {e}")))?;
            opts.improvement.insert(k.to_string(), dir);
        }
        for item in &self.target {
            let (k, v) = split_pair("--target", item)?;
            let t: f64 = v
                .replace(',', ".")
                .parse()
                .ok()
                .filter(|t: &f64| t.is_finite())
                .ok_or_else(|| CliError::Usage(format!("--target '{item}': '{v}' is not a number")))?;
            opts.targets.insert(k.to_string(), t);
        }
        opts.freeze = self.freeze;
        opts.validate().map_err(flag_error)?;
        if let Some(path) = &self.select.groups {
            opts.groups = Some(Groups::from_path(path, None)?);
        }
        Ok(opts)
    }
}

/// Runs `spc kostra dashboard`.
pub(crate) fn run(args: &DashboardArgs) -> Result<(), CliError> {
    let opts = args.options()?;
    let table = spc_core::kostra::read::read_path(&args.input)?;
    let table = super::aggregate::maybe_harmonise(table, args.harmonise, &[])?;
    for w in &table.warnings {
        eprintln!("spc: warning: {w}");
    }
    let html = render_dashboard(&table, &opts).map_err(|e| match e {
        DashboardError::Data(e) => CliError::from(e),
        DashboardError::Template(m) => CliError::Data(m),
    })?;
    let out = args.output.clone().unwrap_or_else(|| {
        let code = spc_core::kostra::Region::parse(&opts.region)
            .map_or_else(|_| opts.region.trim().replace(|c: char| !c.is_ascii_alphanumeric(), "_"), |r| r.code);
        PathBuf::from(format!("dashboard_{code}.html"))
    });
    super::super::write_output(&out, "the dashboard", |w| w.write_all(html.as_bytes()))?;
    eprintln!("spc: dashboard written to {}", out.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::years_of as parse_years;

    #[test]
    fn years() {
        assert_eq!(parse_years("2015").unwrap(), vec![2015]);
        assert_eq!(parse_years("2010-2012,2015").unwrap(), vec![2010, 2011, 2012, 2015]);
        assert!(parse_years("2012-2010").is_err());
        assert!(parse_years("x").is_err());
    }
}
