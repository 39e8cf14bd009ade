//! `spc chart`: the contract other tools and scripts rely on; keep flags and columns stable.

use std::path::PathBuf;

use clap::Args;
use spc_core::io::{write_data_csv, Columns, ReadOptions, Table};
use spc_core::{summary_text_lang, Agg, ChartKind, ChartSpec, RunsMethod};

use super::{write_output, CliError};

/// Arguments of `spc chart`.
#[derive(Args, Debug)]
#[command(after_help = "Positions (--freeze, --part, --exclude) are 1-based positions of the points after rows
that share an x have been aggregated, as in qicharts2.

Examples:
  spc chart sick_leave.csv --chart i --x period --y value --freeze 20
  spc chart infections.csv --chart u --x month --y cases --n days --multiply 10000 --part 24 --data out.csv
  cat data.csv | spc chart - --chart run --x week --y minutes
  spc chart infections.xlsx --sheet 2 --chart p --x month --y cases --n patients --multiply 100 \\
      --lang nb --goal 5 --note 2021-03-01=\"Ny rutine\" -o infeksjoner.png --data infeksjoner.csv
  spc chart sick_leave.csv --chart i --x period --y value --poster --size a4 -o poster.pdf
  spc chart units.csv --chart run --x week --y minutes --batch unit --out-dir charts/
  spc chart --spec poster.toml    (write one with --print-spec)")]
pub(crate) struct ChartArgs {
    /// Input CSV file with a header row (`-` reads standard input).
    pub input: PathBuf,
    /// Chart kind: run, i, mr, xbar, s, r, t, p, pp, np, c, u, up, g, ip.
    #[arg(long, default_value = "run", value_name = "KIND")]
    pub chart: String,
    /// Column of x values (numbers, dates YYYY-MM-DD, SSB periods 2021K1/2021M01, or categories).
    #[arg(long, value_name = "COL")]
    pub x: String,
    /// Column of y values (numerators when --n is given).
    #[arg(long, value_name = "COL")]
    pub y: String,
    /// Column of denominators (subgroup sizes, patient days, ...).
    #[arg(long, value_name = "COL")]
    pub n: Option<String>,
    /// Column whose values split the data into one chart per value.
    #[arg(long, value_name = "COL")]
    pub facet: Option<String>,
    /// Baseline: centre line and limits from the first K points (of every part, with parts).
    #[arg(long, value_name = "K")]
    pub freeze: Option<usize>,
    /// Baseline per part: the first K1 points of part 1, K2 of part 2, ... (0 = the whole part).
    #[arg(long, value_name = "K1,K2,...", value_delimiter = ',')]
    pub freeze_part: Option<Vec<usize>>,
    /// Split the chart into parts after these positions.
    #[arg(long, value_name = "K1,K2,...", value_delimiter = ',')]
    pub part: Vec<usize>,
    /// Column whose value changes mark new parts (e.g. before/after).
    #[arg(long, value_name = "COL")]
    pub part_col: Option<String>,
    /// Positions left out of the centre line, limits and runs analysis (still shown).
    #[arg(long, value_name = "I1,I2,...", value_delimiter = ',')]
    pub exclude: Vec<usize>,
    /// Multiply y, centre line and limits (e.g. 100 for per cent).
    #[arg(long, value_name = "M", default_value_t = 1.0)]
    pub multiply: f64,
    /// A given centre line, on the scale of the data before --multiply (as qicharts2).
    #[arg(long, value_name = "V", allow_negative_numbers = true)]
    pub cl: Option<f64>,
    /// A target value, drawn as a line (on the plotted scale).
    #[arg(long, value_name = "V", allow_negative_numbers = true)]
    pub target: Option<f64>,
    /// Runs analysis: anhoej (default), bestbox or cutbox.
    #[arg(long, value_name = "METHOD", default_value = "anhoej")]
    pub method: String,
    /// Rule sets for the signals: anhoej (default), ihi, western-electric, nelson, mdc, mdc6;
    /// several separated by commas.
    #[arg(long, value_name = "SETS", default_value = "anhoej")]
    pub rules: String,
    /// Write the signals (rule, part, facet, first_x, last_x, points, direction) as CSV.
    #[arg(long, value_name = "OUT.csv")]
    pub signals: Option<PathBuf>,
    /// Points the team judges obviously different (the IHI "astronomical point"): their x
    /// values, reported as ihi_astronomical signals.
    #[arg(long, value_name = "X1,X2,...", value_delimiter = ',')]
    pub astronomical: Vec<String>,
    /// Which direction is an improvement, for the verdict: increase, decrease or neutral.
    #[arg(long, value_name = "DIR", default_value = "neutral")]
    pub improvement: String,
    /// Save the centre line, sigma and spec of the (last part's) baseline as JSON.
    #[arg(long, value_name = "FILE.json")]
    pub save_baseline: Option<PathBuf>,
    /// Judge the data against a saved baseline instead of computing new lines (monitoring).
    #[arg(long, value_name = "FILE.json", conflicts_with_all = ["freeze", "freeze_part", "part", "part_col"])]
    pub baseline: Option<PathBuf>,
    /// Do not screen large moving ranges (Nelson 1982) in I, T, P' and U' charts.
    #[arg(long)]
    pub no_screen_mr: bool,
    /// Set negative lower limits to 0 when no value is negative.
    #[arg(long)]
    pub no_y_neg: bool,
    /// How rows that share an x are combined: mean (default), median or sum.
    #[arg(long, value_name = "FUN", default_value = "mean")]
    pub agg: String,
    /// EWMA: weight of the newest value, 0 < LAMBDA <= 1.
    #[arg(long, value_name = "LAMBDA", default_value_t = 0.2)]
    pub lambda: f64,
    /// EWMA: limit width in sigmas.
    #[arg(long, value_name = "L", default_value_t = 3.0)]
    pub width: f64,
    /// CUSUM: reference value k in sigmas (half the shift to detect).
    #[arg(long, value_name = "K", default_value_t = 0.5)]
    pub k: f64,
    /// CUSUM: decision interval h in sigmas.
    #[arg(long, value_name = "H", default_value_t = 5.0)]
    pub h: f64,
    /// A known process standard deviation for EWMA, CUSUM, I, T, X-bar (s̄), R and I' (of one
    /// unit), else estimated from the baseline.
    #[arg(long, value_name = "S")]
    pub sigma: Option<f64>,
    /// Write the per-point result as CSV to this file (`-` for standard output instead of the
    /// summary).
    #[arg(long, value_name = "OUT.csv")]
    pub data: Option<PathBuf>,
    /// Write the summary (one row per facet and part) as CSV to this file.
    #[arg(long, value_name = "OUT.csv")]
    pub summary: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub image: ImageArgs,
}

/// How to read the input file (detected when not given).
#[derive(Args, Debug, Default)]
#[command(next_help_heading = "Input")]
pub(crate) struct ReadArgs {
    /// Field separator of CSV input: ',', ';', tab (default: detected from the header).
    #[arg(long, value_name = "SEP")]
    pub sep: Option<String>,
    /// Decimal mark of CSV input: '.' or ',' (default: ',' allowed unless the separator is ',').
    #[arg(long, value_name = "MARK")]
    pub decimal: Option<String>,
    /// Text encoding of CSV input: utf8 or latin1 (default: UTF-8 if valid, else Latin-1).
    #[arg(long, value_name = "ENC")]
    pub encoding: Option<String>,
    /// Worksheet of .xlsx/.xls/.ods input, by name or number (default: the first).
    #[arg(long, value_name = "SHEET")]
    pub sheet: Option<String>,
}

impl ReadArgs {
    /// The read options the flags ask for.
    pub(crate) fn options(&self) -> Result<ReadOptions, CliError> {
        let sep =
            self.sep.as_deref().map(spc_core::io::parse_sep).transpose().map_err(|e| usage(e).prefixed("--sep"))?;
        let decimal_comma = match self.decimal.as_deref() {
            None => None,
            Some("," | "comma") => Some(true),
            Some("." | "point") => Some(false),
            Some(d) => {
                return Err(CliError::Usage(format!("--decimal: unknown decimal mark '{d}': expected '.' or ','")))
            }
        };
        let encoding =
            self.encoding.as_deref().map(str::parse).transpose().map_err(|e| usage(e).prefixed("--encoding"))?;
        Ok(ReadOptions { sep, decimal_comma, encoding, sheet: self.sheet.clone() })
    }
}

/// The picture: `-o FILE` and what it shows.
#[derive(Args, Debug, Default)]
#[command(next_help_heading = "Image")]
pub(crate) struct ImageArgs {
    /// Draw the chart to this file: .png, .svg or .pdf (format from the extension).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Title (default: the chart kind and the y column).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Subtitle under the title.
    #[arg(long, value_name = "TEXT")]
    pub subtitle: Option<String>,
    /// Caption under the chart (e.g. the source of the data).
    #[arg(long, value_name = "TEXT")]
    pub caption: Option<String>,
    /// x-axis label.
    #[arg(long, value_name = "TEXT")]
    pub xlab: Option<String>,
    /// y-axis label.
    #[arg(long, value_name = "TEXT")]
    pub ylab: Option<String>,
    /// A note: a marked vertical line at X with TEXT (repeatable), e.g. --note 2021-03-01="New routine".
    #[arg(long, value_name = "X=TEXT")]
    pub note: Vec<String>,
    /// Notes from a CSV file with the columns x,label.
    #[arg(long, value_name = "FILE.csv")]
    pub notes: Option<PathBuf>,
    /// A goal, drawn as a labelled line ("Mål: 95 %").
    #[arg(long, value_name = "V", allow_negative_numbers = true)]
    pub goal: Option<f64>,
    /// Language of the fixed texts, months and numbers: nb or en (default: nb under a Norwegian
    /// locale, else en).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// A poster: A3 landscape at 300 dpi (A4 with --size a4), text and lines for reading from 2 metres.
    #[arg(long)]
    pub poster: bool,
    /// Image size: WIDTHxHEIGHT in pixels (default 1200x750), or the paper of --poster: a3, a4.
    #[arg(long, value_name = "SIZE")]
    pub size: Option<String>,
    /// y scales of faceted charts: fixed (default) or free_y.
    #[arg(long, value_name = "SCALES", default_value = "fixed")]
    pub scales: String,
    /// One image per value of this column (e.g. per unit), written into --out-dir.
    #[arg(long, value_name = "COL", help_heading = "Batch")]
    pub batch: Option<String>,
    /// Folder of the --batch images (created if needed; default: the current folder).
    #[arg(long, value_name = "DIR", help_heading = "Batch")]
    pub out_dir: Option<PathBuf>,
    /// Format of the --batch images: png (default), svg or pdf.
    #[arg(long, value_name = "FMT", default_value = "png", help_heading = "Batch")]
    pub format: String,
    /// Read the options from a TOML file whose keys are the long flags (flags given here win).
    #[arg(long, value_name = "FILE.toml", help_heading = "Reproducible")]
    pub spec: Option<PathBuf>,
    /// Print the spec (TOML) of this command instead of running it.
    #[arg(long, help_heading = "Reproducible")]
    pub print_spec: bool,
}

#[allow(clippy::needless_pass_by_value)] // used as map_err(usage)
fn usage(e: spc_core::Error) -> CliError {
    CliError::Usage(e.to_string())
}

impl ChartArgs {
    /// The chart specification the flags ask for.
    pub(crate) fn spec(&self) -> Result<ChartSpec, CliError> {
        let kind: ChartKind = self.chart.parse().map_err(|e| usage(e).prefixed("--chart"))?;
        let mut spec = ChartSpec::new(kind)
            .part(self.part.iter().copied())
            .exclude(self.exclude.iter().copied())
            .multiply(self.multiply)
            .method(self.method.parse::<RunsMethod>().map_err(|e| usage(e).prefixed("--method"))?)
            .agg(self.agg.parse::<Agg>().map_err(|e| usage(e).prefixed("--agg"))?)
            .screen_mr(!self.no_screen_mr)
            .y_neg(!self.no_y_neg)
            .ewma(self.lambda, self.width)
            .cusum(self.k, self.h);
        if !(self.lambda > 0.0 && self.lambda <= 1.0) {
            return Err(CliError::Usage(format!("--lambda: must be in (0, 1], got {}", self.lambda)));
        }
        for (flag, v) in [("--width", self.width), ("--k", self.k), ("--h", self.h)] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(CliError::Usage(format!("{flag}: must be a number >= 0, got {v}")));
            }
        }
        if let Some(s) = self.sigma {
            if !(s.is_finite() && s > 0.0) {
                return Err(CliError::Usage(format!("--sigma: must be a number > 0, got {s}")));
            }
            spec = spec.sigma(s);
        }
        if self.freeze == Some(0) {
            return Err(CliError::Usage("--freeze: must be at least 1 (the number of baseline points)".into()));
        }
        spec.freeze = self.freeze;
        spec.freeze_part.clone_from(&self.freeze_part);
        spec.cl = self.cl;
        spec.target = self.target;
        if !self.part.is_empty() && self.part_col.is_some() {
            return Err(CliError::Usage("give --part or --part-col, not both".into()));
        }
        Ok(spec)
    }

    fn columns(&self) -> Columns {
        Columns {
            x: self.x.clone(),
            y: self.y.clone(),
            n: self.n.clone(),
            facet: self.facet.clone(),
            part: self.part_col.clone(),
        }
    }
}

impl CliError {
    fn prefixed(self, flag: &str) -> CliError {
        match self {
            CliError::Usage(m) => CliError::Usage(format!("{flag}: {m}")),
            CliError::Data(m) => CliError::Data(format!("{flag}: {m}")),
        }
    }
}

fn read_table(path: &std::path::Path, opts: &ReadOptions) -> Result<Table, CliError> {
    let table = if path.as_os_str() == "-" {
        Table::read_csv(std::io::stdin().lock(), "<stdin>", opts)?
    } else {
        Table::read_path(path, opts)?
    };
    for w in &table.warnings {
        eprintln!("spc: warning: {w}");
    }
    Ok(table)
}

/// Runs `spc chart`.
pub(crate) fn run(args: &ChartArgs) -> Result<(), CliError> {
    let mut spec = args.spec()?;
    if let Some(path) = &args.baseline {
        let text = std::fs::read_to_string(path).map_err(|e| CliError::Data(format!("{}: {e}", path.display())))?;
        let b = spc_core::baseline::Baseline::from_json(&text, &path.display().to_string())?;
        spec = b.apply(&spec).map_err(|e| CliError::Usage(format!("--baseline: {e}")))?;
    }
    let sets = spc_core::rules::parse_rule_sets(&args.rules).map_err(|e| CliError::Usage(format!("--rules: {e}")))?;
    let improvement: spc_core::mdc::Improvement =
        args.improvement.parse().map_err(|e| CliError::Usage(format!("--improvement: {e}")))?;
    // One language for the image and the verdict.
    let lang = match &args.image.lang {
        Some(l) => l.parse::<spc_core::Lang>().map_err(|e| CliError::Usage(format!("--lang: {e}")))?,
        None => spc_core::Lang::from_env(),
    };
    if let Some(o) = &args.image.output {
        super::image::Format::from_path(o)?;
    }
    let table = read_table(&args.input, &args.read.options()?)?;
    if let Some(col) = &args.image.batch {
        return super::batch::run(args, &spec, improvement, &table, &args.columns(), col);
    }
    let cols = args.columns();
    let input = table.input(&cols)?;
    let chart = spec.compute(&input).map_err(|e| table.locate(e, &cols))?;
    for w in &chart.warnings {
        eprintln!("spc: warning: {w}");
    }
    let mut signals = spc_core::rules::signals(&chart, &sets);
    if !args.astronomical.is_empty() {
        let manual = spc_core::rules::astronomical(&chart, &args.astronomical)
            .map_err(|e| CliError::Usage(format!("--astronomical: {e}")))?;
        signals.extend(manual);
        signals.sort_by_key(|s| (s.group, s.points.first().copied().unwrap_or(0)));
    }
    if let Some(path) = &args.signals {
        write_output(path, "the signals", |w| spc_core::rules::write_signals_csv(&chart, &signals, w))?;
    }
    let verdicts = if args.baseline.is_none() {
        spc_core::verdict::verdicts(&chart, &input, improvement, lang)?
    } else {
        Vec::new()
    };
    if let Some(path) = &args.save_baseline {
        let b = spc_core::baseline::Baseline::from_chart(&chart)
            .map_err(|e| CliError::Usage(format!("--save-baseline: {e}")))?;
        write_output(path, "the baseline", |w| w.write_all(b.to_json().as_bytes()))?;
    }
    if let Some(path) = &args.data {
        write_output(path, "the data", |w| write_data_csv(&chart, w))?;
    }
    if let Some(path) = &args.summary {
        write_output(path, "the summary", |w| spc_core::io::write_summary_csv(&chart, w))?;
    }
    if let Some(path) = &args.image.output {
        let opts = super::image::options(&args.image)?.with_analysis(&chart, Some(&args.y), &verdicts);
        super::image::write_image(&chart, &opts, path)?;
    }
    // The summary goes to standard output unless the data does.
    if args.data.as_ref().is_none_or(|d| d.as_os_str() != "-") {
        print!("{}", summary_text_lang(&chart, lang));
        print!("{}", signals_text(&chart, &signals, &sets, lang));
        for v in &verdicts {
            println!("{}{}", v.facet.as_ref().map(|f| format!("{f}: ")).unwrap_or_default(), v.sentence);
        }
    }
    Ok(())
}

/// The signals in words, one line per rule, under the summary.
fn signals_text(
    chart: &spc_core::Chart,
    signals: &[spc_core::rules::Signal],
    sets: &[spc_core::rules::RuleSet],
    lang: spc_core::Lang,
) -> String {
    use std::fmt::Write as _;
    let names: Vec<&str> = sets.iter().map(spc_core::rules::RuleSet::name).collect();
    let mut s = String::new();
    let nb = lang == spc_core::Lang::Nb;
    if signals.is_empty() {
        let _ = writeln!(
            s,
            "{} ({}): {}",
            if nb { "Regler" } else { "Rules" },
            names.join(", "),
            if nb { "ingen signaler." } else { "no signals." }
        );
        return s;
    }
    let _ = if nb {
        writeln!(s, "Regler ({}): {} signal(er)", names.join(", "), signals.len())
    } else {
        writeln!(s, "Rules ({}): {} signal(s)", names.join(", "), signals.len())
    };
    for sig in signals {
        let part = &chart.summary[sig.group];
        let (a, b) = (sig.points[0], sig.points[sig.points.len() - 1]);
        let _ = writeln!(
            s,
            "  {}{}: {} {}, {} {} {}{}",
            part.facet.as_ref().map(|f| format!("{f} ")).unwrap_or_default(),
            sig.rule,
            sig.points.len(),
            if nb { "punkt(er)" } else { "point(s)" },
            chart.x.format(a),
            if nb { "til" } else { "to" },
            chart.x.format(b),
            match sig.direction.name() {
                "" => String::new(),
                d => format!(" ({d})"),
            }
        );
    }
    s
}
