//! `spc chart`: the contract other tools and scripts rely on; keep flags and columns stable.

use std::path::PathBuf;

use clap::Args;
use spc_core::io::{write_data_csv, ReadOptions, Table};
use spc_core::request::ChartRequest;
use spc_core::{summary_text_lang, Agg, ChartSpec, RunsMethod};

use super::{flag_error, write_output, CliError};

/// `text` and the library's default, for the help of an option without a clap default.
fn with_default(text: &str, default: impl std::fmt::Display) -> String {
    format!("{text} [default: {default}]")
}

/// Arguments of `spc chart`. Options the user did not give are `None` (empty, false): the
/// defaults are the library's ([`ChartRequest`]).
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
    #[arg(required_unless_present = "spec")]
    pub input: Option<PathBuf>,
    // Chart kind.
    #[arg(long, value_name = "KIND", help = with_default(
        &format!("Chart kind: {}", spc_core::CHART_NAMES), ChartSpec::DEFAULT_KIND.name()))]
    pub chart: Option<String>,
    /// Column of x values (numbers, dates YYYY-MM-DD, SSB periods 2021K1/2021M01, or categories).
    #[arg(long, value_name = "COL", required_unless_present = "spec")]
    pub x: Option<String>,
    /// Column of y values (numerators when --n is given).
    #[arg(long, value_name = "COL", required_unless_present = "spec")]
    pub y: Option<String>,
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
    // Multiply.
    #[arg(long, value_name = "M", help = with_default(
        "Multiply y, centre line and limits (e.g. 100 for per cent)", ChartSpec::DEFAULT_MULTIPLY))]
    pub multiply: Option<f64>,
    /// A given centre line, on the scale of the data before --multiply (as qicharts2).
    #[arg(long, value_name = "V", allow_negative_numbers = true)]
    pub cl: Option<f64>,
    /// A target value, drawn as a line (on the plotted scale).
    #[arg(long, value_name = "V", allow_negative_numbers = true)]
    pub target: Option<f64>,
    // Runs analysis.
    #[arg(long, value_name = "METHOD", help = with_default(
        "Runs analysis: anhoej, bestbox or cutbox", RunsMethod::default()))]
    pub method: Option<String>,
    // Rule sets.
    #[arg(long, value_name = "SETS", help = with_default(
        "Rule sets for the signals: anhoej, ihi, western-electric, nelson, mdc, mdc6; several separated by commas",
        ChartRequest::DEFAULT_RULES))]
    pub rules: Option<String>,
    /// Write the signals (rule, part, facet, first_x, last_x, points, direction) as CSV.
    #[arg(long, value_name = "OUT.csv")]
    pub signals: Option<PathBuf>,
    /// Points the team judges obviously different (the IHI "astronomical point"): their x
    /// values, reported as ihi_astronomical signals.
    #[arg(long, value_name = "X1,X2,...", value_delimiter = ',')]
    pub astronomical: Vec<String>,
    // Improvement direction.
    #[arg(long, value_name = "DIR", help = with_default(
        "Which direction is an improvement, for the verdict: increase, decrease or neutral",
        ChartRequest::DEFAULT_IMPROVEMENT))]
    pub improvement: Option<String>,
    /// Save the centre line, sigma and spec of the (last part's) baseline as JSON.
    #[arg(long, value_name = "FILE.json")]
    pub save_baseline: Option<PathBuf>,
    /// Judge the data against a saved baseline instead of computing new lines (monitoring).
    #[arg(long, value_name = "FILE.json")]
    pub baseline: Option<PathBuf>,
    /// Do not screen large moving ranges (Nelson 1982) in I, T, P' and U' charts.
    #[arg(long)]
    pub no_screen_mr: bool,
    /// Set negative lower limits to 0 when no value is negative.
    #[arg(long)]
    pub no_y_neg: bool,
    // Aggregation.
    #[arg(long, value_name = "FUN", help = with_default(
        "How rows that share an x are combined: mean, median or sum", Agg::default()))]
    pub agg: Option<String>,
    // EWMA weight.
    #[arg(long, value_name = "LAMBDA", help = with_default(
        "EWMA: weight of the newest value, 0 < LAMBDA <= 1", ChartSpec::DEFAULT_LAMBDA))]
    pub lambda: Option<f64>,
    // EWMA width.
    #[arg(long, value_name = "L", help = with_default("EWMA: limit width in sigmas", ChartSpec::DEFAULT_WIDTH))]
    pub width: Option<f64>,
    // CUSUM k.
    #[arg(long, value_name = "K", help = with_default(
        "CUSUM: reference value k in sigmas (half the shift to detect)", ChartSpec::DEFAULT_K))]
    pub k: Option<f64>,
    // CUSUM h.
    #[arg(long, value_name = "H", help = with_default("CUSUM: decision interval h in sigmas", ChartSpec::DEFAULT_H))]
    pub h: Option<f64>,
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
    // Size.
    #[arg(long, value_name = "SIZE", help = {
        let d = spc_render::RenderOptions::default();
        format!("Image size: WIDTHxHEIGHT in pixels (default {}x{}), or the paper of --poster: a3, a4", d.width, d.height)
    })]
    pub size: Option<String>,
    // Scales.
    #[arg(long, value_name = "SCALES", help = with_default(
        "y scales of faceted charts: fixed or free_y", spc_render::Scales::default()))]
    pub scales: Option<String>,
    /// One image per value of this column (e.g. per unit), written into --out-dir.
    #[arg(long, value_name = "COL", help_heading = "Batch")]
    pub batch: Option<String>,
    /// Folder of the --batch images (created if needed; default: the current folder).
    #[arg(long, value_name = "DIR", help_heading = "Batch")]
    pub out_dir: Option<PathBuf>,
    // Batch format.
    #[arg(long, value_name = "FMT", help_heading = "Batch", help = with_default(
        "Format of the --batch images: png, svg or pdf", ChartRequest::DEFAULT_FORMAT))]
    pub format: Option<String>,
    /// Read the options from a TOML file whose keys are the long flags (flags given here win).
    #[arg(long, value_name = "FILE.toml", help_heading = "Reproducible")]
    pub spec: Option<PathBuf>,
    /// Print the spec (TOML) of this command instead of running it.
    #[arg(long, help_heading = "Reproducible")]
    pub print_spec: bool,
}

impl ChartArgs {
    /// The request of the flags given (nothing else: no defaults).
    fn given(&self) -> ChartRequest {
        let (r, i) = (&self.read, &self.image);
        ChartRequest {
            input: self.input.clone(),
            chart: self.chart.clone(),
            x: self.x.clone(),
            y: self.y.clone(),
            n: self.n.clone(),
            facet: self.facet.clone(),
            freeze: self.freeze,
            freeze_part: self.freeze_part.clone(),
            part: self.part.clone(),
            part_col: self.part_col.clone(),
            exclude: self.exclude.clone(),
            multiply: self.multiply,
            cl: self.cl,
            target: self.target,
            method: self.method.clone(),
            rules: self.rules.clone(),
            signals: self.signals.clone(),
            astronomical: self.astronomical.clone(),
            improvement: self.improvement.clone(),
            save_baseline: self.save_baseline.clone(),
            baseline: self.baseline.clone(),
            no_screen_mr: self.no_screen_mr,
            no_y_neg: self.no_y_neg,
            agg: self.agg.clone(),
            lambda: self.lambda,
            width: self.width,
            k: self.k,
            h: self.h,
            sigma: self.sigma,
            data: self.data.clone(),
            summary: self.summary.clone(),
            sep: r.sep.clone(),
            decimal: r.decimal.clone(),
            encoding: r.encoding.clone(),
            sheet: r.sheet.clone(),
            output: i.output.clone(),
            title: i.title.clone(),
            subtitle: i.subtitle.clone(),
            caption: i.caption.clone(),
            xlab: i.xlab.clone(),
            ylab: i.ylab.clone(),
            note: i.note.clone(),
            notes: i.notes.clone(),
            goal: i.goal,
            lang: i.lang.clone(),
            poster: i.poster,
            size: i.size.clone(),
            scales: i.scales.clone(),
            batch: i.batch.clone(),
            out_dir: i.out_dir.clone(),
            format: i.format.clone(),
        }
    }

    /// The request: the `--spec` file's options with the flags given here over them.
    pub(crate) fn request(&self) -> Result<ChartRequest, CliError> {
        let given = self.given();
        let Some(path) = &self.image.spec else { return Ok(given) };
        let file = ChartRequest::read(path).map_err(|e| match e {
            e @ spc_core::Error::Io { .. } => CliError::Data(e.to_string()),
            e => flag_error(e),
        })?;
        file.merged(&given).map_err(flag_error)
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

/// Runs `spc chart`, or prints its spec with `--print-spec`.
pub(crate) fn main(args: &ChartArgs) -> Result<(), CliError> {
    let req = args.request()?;
    if args.image.print_spec {
        print!("{}", req.to_toml()?);
        return Ok(());
    }
    run(&req)
}

/// Runs the chart of `req`.
fn run(req: &ChartRequest) -> Result<(), CliError> {
    let mut spec = req.chart_spec().map_err(flag_error)?;
    if req.baseline.is_some() {
        spec = req.apply_baseline(spec).map_err(|e| match e {
            e @ spc_core::Error::Io { .. } => CliError::Data(e.to_string()),
            e => CliError::Usage(format!("--baseline: {e}")),
        })?;
    }
    let sets = req.rule_sets().map_err(|e| CliError::Usage(format!("--rules: {e}")))?;
    let improvement = req.improvement().map_err(|e| CliError::Usage(format!("--improvement: {e}")))?;
    // One language for the image and the verdict.
    let lang = req.lang().map_err(|e| CliError::Usage(format!("--lang: {e}")))?;
    if let Some(o) = &req.output {
        super::image::Format::from_path(o)?;
    }
    let input_path = req
        .input
        .as_deref()
        .ok_or_else(|| CliError::Usage("no input file: give one, or `input` in the spec".into()))?;
    let table = read_table(input_path, &req.read_options().map_err(flag_error)?)?;
    let columns = req.columns().map_err(flag_error)?;
    if let Some(col) = &req.batch {
        return super::batch::run(req, &spec, improvement, &table, &columns, col);
    }
    let input = table.input(&columns)?;
    let chart = spec.compute(&input).map_err(|e| table.locate(e, &columns))?;
    for w in &chart.warnings {
        eprintln!("spc: warning: {w}");
    }
    let signals = spc_core::rules::signals_and_astronomical(&chart, &sets, &req.astronomical)
        .map_err(|e| CliError::Usage(format!("--astronomical: {e}")))?;
    if let Some(path) = &req.signals {
        write_output(path, "the signals", |w| spc_core::rules::write_signals_csv(&chart, &signals, w))?;
    }
    let verdicts = if req.baseline.is_none() {
        spc_core::verdict::verdicts(&chart, &input, improvement, lang)?
    } else {
        Vec::new()
    };
    if let Some(path) = &req.save_baseline {
        let b = spc_core::baseline::Baseline::from_chart(&chart)
            .map_err(|e| CliError::Usage(format!("--save-baseline: {e}")))?;
        write_output(path, "the baseline", |w| w.write_all(b.to_json().as_bytes()))?;
    }
    if let Some(path) = &req.data {
        write_output(path, "the data", |w| write_data_csv(&chart, w))?;
    }
    if let Some(path) = &req.summary {
        write_output(path, "the summary", |w| spc_core::io::write_summary_csv(&chart, w))?;
    }
    if let Some(path) = &req.output {
        let opts = spc_render::options::render_options(req, lang).map_err(flag_error)?.with_analysis(
            &chart,
            req.y.as_deref(),
            &verdicts,
        );
        super::image::write_image(&chart, &opts, path)?;
    }
    // The summary goes to standard output unless the data does.
    if req.data.as_ref().is_none_or(|d| d.as_os_str() != "-") {
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
