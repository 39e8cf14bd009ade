//! `spc kostra funnel`: a funnel plot of the municipalities for one indicator and period.

use std::path::PathBuf;

use clap::Args;
use spc_core::funnel::{funnel, DataType, Direction, Flag, Funnel, FunnelSpec, LimitMethod, Overdispersion};
use spc_core::kostra::{funnel_input, FunnelInput, FunnelRequest, KostraTable, Period};
use spc_core::schema::format_rounded;
use spc_render::funnel::{render_funnel_pdf, render_funnel_png, render_funnel_svg};
use spc_render::{Lang, RenderOptions};

use crate::cmd::image::Format;
use crate::cmd::CliError;

/// Arguments of `spc kostra funnel`.
#[derive(Args, Debug)]
#[command(after_help = "The units are the municipalities (4-digit codes) with a record of the indicator in the period;
x is the denominator, y = numerator / denominator x multiplier. Municipalities without a numerator,
without a denominator or with a denominator <= 0 are not plotted; they stay in --data with their
status (numerator_missing, denominator_missing, zero_denominator, ...; empty when plotted).

Defaults inferred from the table:
  --type        proportion when every numerator lies between 0 and its denominator, else rate.
  --multiplier  the table's value divided by numerator/denominator (median over the units),
                rounded to 1, 10, 100, 1000, 10000 or 100000 when within 1 % of one of them
                (so percentages give 100, per-1000 figures 1000); 1 otherwise.
  --target      the pooled sum(numerator) / sum(denominator) x multiplier (1 for ratios).
  --years       the latest period of the indicator when the table has several.

Limits (docs/methods.md §11): exact binomial (proportion) or Poisson (rate) limits with
Spiegelhalter's interpolation, FunnelPlotR's chi-square limits for standardised ratios (O/E);
--method normal for the normal approximation. A unit outside the highest level's limits is an
alarm, outside a lower level's only an alert. With --overdispersion the limits are widened when
phi > 1 (multiplicative: variance x phi; additive: DerSimonian-Laird tau2 on the arcsine or square
root scale); phi and tau2 are printed and noted under the plot.

Examples:
  spc kostra funnel data/kostra/ssb_07459_population_municipality_2005_2021.csv \\
      --indicator share_aged_80plus_pct --years 2021 --region 3803 -o funnel.png --lang nb
  spc kostra funnel table.csv --indicator \"DERIVED ratio: A / B\" --overdispersion additive --data units.csv")]
pub(crate) struct FunnelArgs {
    /// Input file: any SSB/KOSTRA format `spc kostra read` reads (tidy CSV, StatBank CSV,
    /// JSON-stat, xlsx).
    pub(crate) input: PathBuf,
    /// The indicator (exact name as in the table); it needs numerators and denominators.
    #[arg(long, value_name = "NAME")]
    pub(crate) indicator: String,
    /// The period to compare (2021, 2008K1); default: the latest.
    #[arg(long, value_name = "YEAR")]
    pub(crate) years: Option<String>,
    /// A municipality to highlight and label (e.g. 3803).
    #[arg(long, value_name = "CODE")]
    pub(crate) region: Option<String>,
    /// What the numerators and denominators are: proportion, rate or ratio (O/E); default inferred.
    #[arg(long = "type", value_name = "TYPE")]
    pub(crate) data_type: Option<String>,
    /// y = numerator / denominator x M (100 for per cent, 1000 per 1 000); default inferred.
    #[arg(long, value_name = "M")]
    pub(crate) multiplier: Option<f64>,
    // Levels.
    #[arg(long, value_delimiter = ',', value_name = "L,...", help = {
        let levels: Vec<String> = FunnelSpec::default().levels.iter().map(f64::to_string).collect();
        format!("Two-sided coverage levels in per cent, comma separated [default: {}]", levels.join(","))
    })]
    pub(crate) levels: Vec<f64>,
    // Over-dispersion.
    #[arg(long, value_name = "HOW", help = format!(
        "Over-dispersion adjustment: none, multiplicative or additive [default: {}]",
        FunnelSpec::default().overdispersion.name()))]
    pub(crate) overdispersion: Option<String>,
    // Limit method.
    #[arg(long, value_name = "METHOD", help = format!(
        "Limits before any adjustment: exact or normal [default: {}]", FunnelSpec::default().method.name()))]
    pub(crate) method: Option<String>,
    /// The target in the indicator's units (after the multiplier, e.g. 4.5 for 4.5 %); default pooled.
    #[arg(long, value_name = "V")]
    pub(crate) target: Option<f64>,
    /// Write one row per municipality as CSV (value, target, limits per level, flag, direction, status); `-` for stdout.
    #[arg(long, value_name = "OUT.csv")]
    pub(crate) data: Option<PathBuf>,
    /// Draw the funnel plot: .png, .svg or .pdf.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Title of the image (default: the indicator and the period).
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// Language of the image's fixed texts: nb or en (default: nb under a Norwegian locale).
    #[arg(long, value_name = "LANG")]
    pub(crate) lang: Option<String>,
}

fn usage(s: String) -> CliError {
    CliError::Usage(s)
}

fn prepare(args: &FunnelArgs, table: &KostraTable) -> Result<FunnelInput, CliError> {
    let file = args.input.display().to_string();
    let flag = |name: &str, e: spc_core::Error| usage(format!("--{name}: {e}"));
    let period = match &args.years {
        None => None,
        Some(y) if y.contains(',') || y.trim().contains('-') => {
            return Err(usage(format!("--years {y}: a funnel plot compares one period; give one, e.g. --years 2021")));
        }
        Some(y) => Some(y.trim().parse::<Period>().map_err(|e| flag("years", e))?),
    };
    // The flags given over the library's defaults (FunnelRequest::new).
    let mut req = FunnelRequest::new(args.indicator.clone());
    req.period = period;
    req.region.clone_from(&args.region);
    req.data_type = args.data_type.as_deref().map(str::parse::<DataType>).transpose().map_err(|e| flag("type", e))?;
    req.multiplier = args.multiplier;
    req.target = args.target;
    if !args.levels.is_empty() {
        req.levels.clone_from(&args.levels);
    }
    if let Some(m) = &args.method {
        req.method = m.parse::<LimitMethod>().map_err(|e| flag("method", e))?;
    }
    if let Some(o) = &args.overdispersion {
        req.overdispersion = o.parse::<Overdispersion>().map_err(|e| flag("overdispersion", e))?;
    }
    let input = funnel_input(table, &req, &file).map_err(|e| match e {
        spc_core::Error::InvalidArgument { argument, reason } => usage(format!("--{argument}: {reason}")),
        e @ spc_core::Error::UnknownRegion { .. } => usage(format!("--region: {e}")),
        e => CliError::from(e),
    })?;
    for n in &input.notes {
        eprintln!("note: {n}");
    }
    Ok(input)
}

/// What is printed on stdout: target, φ̂/τ̂², the flags and the highlighted unit.
fn summary(f: &Funnel, indicator: &str, period: Period, highlight: Option<&str>) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let n = f.rows.len();
    let plotted = f.plotted();
    let origin = if f.target_given {
        "given"
    } else if f.spec.data_type == DataType::Ratio {
        "1 for ratios"
    } else {
        "pooled"
    };
    let _ = writeln!(
        s,
        "{indicator} {period}: {n} municipalities, {plotted} plotted; {} x {}, target {} ({origin})",
        f.spec.data_type.name(),
        format_rounded(f.spec.multiplier, 4),
        format_rounded(f.target_value(), 4)
    );
    let levels: Vec<String> = f.spec.levels.iter().map(|l| format!("{l}")).collect();
    let disp = match (f.phi, f.tau2) {
        (Some(p), Some(t)) => format!("phi {}, tau2 {}", format_rounded(p, 4), t),
        _ => "phi and tau2 need 2 units".into(),
    };
    let _ = writeln!(
        s,
        "limits: {} at {} %; over-dispersion {} ({disp}){}",
        f.spec.method.name(),
        levels.join(", "),
        f.spec.overdispersion.name(),
        if f.adjusted { ", limits widened" } else { "" }
    );
    let count = |fl: Flag, d: Option<Direction>| {
        f.rows.iter().filter(|r| r.flag == Some(fl) && (d.is_none() || r.direction == d)).count()
    };
    let _ = writeln!(
        s,
        "flags: {} alarm ({} high, {} low), {} alert ({} high, {} low), {} none",
        count(Flag::Alarm, None),
        count(Flag::Alarm, Some(Direction::High)),
        count(Flag::Alarm, Some(Direction::Low)),
        count(Flag::Alert, None),
        count(Flag::Alert, Some(Direction::High)),
        count(Flag::Alert, Some(Direction::Low)),
        count(Flag::None, None)
    );
    if let Some(r) = highlight.and_then(|c| f.rows.iter().find(|r| r.code == c)) {
        let what = match (r.value, r.flag) {
            (Some(v), Some(fl)) => {
                let dir = r.direction.map_or(String::new(), |d| format!(" {}", d.name()));
                format!("{} ({}{dir})", format_rounded(v, 4), fl.name())
            }
            _ => format!("not plotted: {}", r.status.reason()),
        };
        let _ = writeln!(s, "{} {}: {what}", r.code, r.name);
    }
    s
}

/// Runs `spc kostra funnel`.
pub(crate) fn run(args: &FunnelArgs) -> Result<(), CliError> {
    let lang = match &args.lang {
        Some(l) => l.parse::<Lang>().map_err(|e| usage(format!("--lang: {e}")))?,
        None => Lang::from_env(),
    };
    let format = args.output.as_deref().map(Format::from_path).transpose()?;
    let table = spc_core::kostra::read::read_path(&args.input)?;
    for w in &table.warnings {
        eprintln!("warning: {w}");
    }
    let p = prepare(args, &table)?;
    p.spec.validate().map_err(crate::cmd::flag_error)?;
    let f = funnel(&p.units, &p.spec)?;
    print!("{}", summary(&f, &args.indicator, p.period, p.highlight.as_deref()));
    if let Some(path) = &args.data {
        super::super::write_output(path, "the funnel table", |w| f.write_csv(w))?;
    }
    if let (Some(path), Some(format)) = (&args.output, format) {
        let subtitle = match lang {
            Lang::Nb => format!("Traktdiagram, {} kommuner", f.plotted()),
            Lang::En => format!("Funnel plot, {} municipalities", f.plotted()),
        };
        let opts = RenderOptions {
            title: Some(args.title.clone().unwrap_or_else(|| format!("{}, {}", args.indicator, p.period))),
            subtitle: Some(subtitle),
            ylab: Some(args.indicator.clone()),
            lang,
            ..RenderOptions::default()
        };
        let hl = p.highlight.as_deref();
        let bytes = match format {
            Format::Png => render_funnel_png(&f, &opts, hl)?,
            Format::Svg => render_funnel_svg(&f, &opts, hl)?.into_bytes(),
            Format::Pdf => render_funnel_pdf(&f, &opts, hl)?,
        };
        super::super::write_output(path, "the image", |w| w.write_all(&bytes))?;
    }
    Ok(())
}
