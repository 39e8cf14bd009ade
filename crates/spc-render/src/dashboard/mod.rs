//! The KOSTRA indicator dashboard: one self-contained HTML page for one municipality.
//!
//! The page opens with a summary table (the "board cover page" of NHS Making Data Count): one
//! row per indicator with its latest value against the KOSTRA group, the county and the country,
//! the z-score against the KOSTRA group, and the MDC variation and assurance icons. Then one
//! section per indicator: a small SPC chart (inline SVG; each point's period, value and signal
//! in its tooltip, an SVG `<title>`, so no script is needed), the comparison figures, the
//! signals and the verdict in words. Missing values are gaps in the chart with their SSB
//! status explained, never zeros.
//!
//! The page is rendered with minijinja from `templates/dashboard.html` (autoescaped), with its
//! CSS inline and no external resource, so it opens without a network and prints on A4 (one
//! section per page). Texts are Norwegian bokmål by default, numbers written the Norwegian way
//! (decimal comma, a space between thousands).
//!
//! Icons: the variation icon is the MDC point type of the latest point of an XmR chart
//! ([`spc_core::mdc`]: outside the limits, a shift or trend of 7 points, 2 of 3 near a limit),
//! coloured blue (improvement), orange (concern), purple (neither, when no improvement direction
//! is known) or grey (common cause); the assurance icon compares the target with the process
//! limits (passes, fails, hit or miss), shown only with a target and a direction. The chart's
//! own signals are the Anhøj runs rules (and, for an I chart, the 3-sigma limits).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;
use spc_core::kostra::aggregate::Groups;
use spc_core::kostra::compare::{compare, zscores, CompareOptions, Comparison, ReferenceSource, ReferenceType, ZScore};
use spc_core::kostra::{KostraTable, Period, Region, RegionType, Status};
use spc_core::mdc::{Improvement, MdcSpec};
use spc_core::rules::{Direction, RuleSet};
use spc_core::{Chart, ChartKind, ChartSpec, Input, Lang, XColumn};

use crate::canvas::palette;
use crate::canvas::scale::{decimals_for, format_number};

const TEMPLATE: &str = include_str!("../../templates/dashboard.html");
const CSS: &str = include_str!("../../templates/dashboard.css");

/// What the dashboard shows and how.
#[derive(Debug, Clone)]
pub struct DashboardOptions {
    /// The municipality (any spelling [`Region::parse`] accepts: `0301`, `301`, `K-0301`).
    pub region: String,
    /// The indicators, in this order (empty: every indicator of the region, in table order).
    pub indicators: Vec<String>,
    /// The years to show (empty: all).
    pub years: Vec<i32>,
    /// The KOSTRA groups, for the group comparison and the z-scores.
    pub groups: Option<Groups>,
    /// Language of the texts and numbers (default Norwegian bokmål).
    pub lang: Lang,
    /// The chart: [`ChartKind::I`] (default) or [`ChartKind::Run`].
    pub chart: ChartKind,
    /// Which direction is an improvement, per indicator (missing: not known, neutral).
    pub improvement: HashMap<String, Improvement>,
    /// A target per indicator (the assurance icon needs one and a direction).
    pub targets: HashMap<String, f64>,
    /// Judge the later years against a baseline of the first K years (the verdict of
    /// [`spc_core::verdict`]); without it the verdict describes the whole series.
    pub freeze: Option<usize>,
    /// The page title (default: "KOSTRA-indikatorer for NAME (CODE)").
    pub title: Option<String>,
}

impl Default for DashboardOptions {
    fn default() -> Self {
        DashboardOptions {
            region: String::new(),
            indicators: Vec::new(),
            years: Vec::new(),
            groups: None,
            lang: Lang::Nb,
            chart: ChartKind::I,
            improvement: HashMap::new(),
            targets: HashMap::new(),
            freeze: None,
            title: None,
        }
    }
}

impl DashboardOptions {
    /// The defaults for one region: every indicator and year, I charts, Norwegian.
    pub fn new(region: impl Into<String>) -> Self {
        DashboardOptions { region: region.into(), ..DashboardOptions::default() }
    }

    /// Checks the options (an i or run chart, a baseline of at least one year); the error names
    /// the option. [`render_dashboard`] runs it first.
    pub fn validate(&self) -> spc_core::Result<()> {
        if !matches!(self.chart, ChartKind::I | ChartKind::Run) {
            return Err(spc_core::Error::InvalidArgument {
                argument: "chart",
                reason: format!("the dashboard draws i or run charts, not {}", self.chart),
            });
        }
        if self.freeze == Some(0) {
            return Err(spc_core::Error::InvalidArgument {
                argument: "freeze",
                reason: "must be at least 1 (the number of baseline years)".into(),
            });
        }
        Ok(())
    }
}

/// Why a dashboard could not be made.
#[derive(Debug, thiserror::Error)]
pub enum DashboardError {
    /// The data or the options (unknown region or indicator, a duplicated cell, ...).
    #[error(transparent)]
    Data(#[from] spc_core::Error),
    /// The template failed (a bug of this crate, not of the data).
    #[error("dashboard template: {0}")]
    Template(String),
}

/// Renders the dashboard of `opts.region` as one self-contained HTML page.
///
/// ```
/// use spc_render::dashboard::{render_dashboard, DashboardOptions};
/// use spc_core::kostra::{KostraTable, Period, Record, RegionType};
///
/// let records = (2010..2020)
///     .map(|y| Record {
///         region_code: "0301".into(),
///         region_type: RegionType::Municipality,
///         region_name: "Oslo".into(),
///         indicator: "Barnehagedekning".into(),
///         period: Period::Year(y),
///         value: Some(90.0 + f64::from(y % 3)),
///         numerator: None,
///         denominator: None,
///         status: None,
///     })
///     .collect();
/// let table = KostraTable { records, warnings: vec![] };
/// let html = render_dashboard(&table, &DashboardOptions::new("0301")).unwrap();
/// assert!(html.contains("Barnehagedekning") && html.contains("<svg"));
/// ```
pub fn render_dashboard(table: &KostraTable, opts: &DashboardOptions) -> Result<String, DashboardError> {
    let lang = opts.lang;
    opts.validate()?;
    let region = Region::parse(&opts.region)?;
    let code = region.code.clone();
    let mine: Vec<&spc_core::kostra::Record> = table.records.iter().filter(|r| r.region_code == code).collect();
    if mine.is_empty() {
        return Err(spc_core::Error::InvalidArgument {
            argument: "region",
            reason: format!("region {code} has no rows in the table"),
        }
        .into());
    }
    let name = mine.iter().map(|r| r.region_name.trim()).find(|n| !n.is_empty()).unwrap_or("").to_string();
    let available: Vec<&str> = {
        let mut seen = HashSet::new();
        mine.iter().map(|r| r.indicator.as_str()).filter(|i| seen.insert(*i)).collect()
    };
    let indicators: Vec<String> = if opts.indicators.is_empty() {
        available.iter().map(|s| (*s).to_string()).collect()
    } else {
        for i in &opts.indicators {
            if !available.contains(&i.as_str()) {
                return Err(spc_core::Error::InvalidArgument {
                    argument: "indicator",
                    reason: format!("'{i}' is not an indicator of region {code}; it has: {}", available.join(", ")),
                }
                .into());
            }
        }
        opts.indicators.clone()
    };
    if !opts.years.is_empty() && !mine.iter().any(|r| opts.years.contains(&r.period.year())) {
        let a = mine.iter().map(|r| r.period.year()).min().unwrap_or_default();
        let b = mine.iter().map(|r| r.period.year()).max().unwrap_or_default();
        return Err(spc_core::Error::InvalidArgument {
            argument: "years",
            reason: format!("region {code} has no rows in the years asked for; its rows are from {a} to {b}"),
        }
        .into());
    }
    let scoped;
    let scope = if opts.years.is_empty() {
        table
    } else {
        scoped = KostraTable {
            records: table.records.iter().filter(|r| opts.years.contains(&r.period.year())).cloned().collect(),
            warnings: Vec::new(),
        };
        &scoped
    };
    let kind = mine.iter().map(|r| r.region_type).next().unwrap_or(region.kind);
    let ctx = Context::new(scope, opts, &code, kind, &indicators)?;

    let mut rows = Vec::new();
    let mut sections = Vec::new();
    let mut periods_seen: Vec<Period> = Vec::new();
    for (k, ind) in indicators.iter().enumerate() {
        let mut obs: Vec<Obs> = Vec::new();
        for r in mine.iter().filter(|r| &r.indicator == ind) {
            if !opts.years.is_empty() && !opts.years.contains(&r.period.year()) {
                continue;
            }
            if obs.iter().any(|o| o.period == r.period) {
                return Err(spc_core::Error::InvalidArgument {
                    argument: "table",
                    reason: format!(
                        "region {code}, indicator '{ind}': two rows for period {}; give one value per period",
                        r.period
                    ),
                }
                .into());
            }
            obs.push(Obs { period: r.period, value: r.value.filter(|v| v.is_finite()), status: r.status });
        }
        obs.sort_by_key(|o| o.period);
        periods_seen.extend(obs.iter().map(|o| o.period));
        let (row, section) = indicator_view(&ctx, k, ind, &obs)?;
        rows.push(row);
        sections.push(section);
    }
    periods_seen.sort_unstable();
    let span = match (periods_seen.first(), periods_seen.last()) {
        (Some(a), Some(b)) if a != b => format!("{}–{}", period_label(*a, lang), period_label(*b, lang)),
        (Some(a), _) => period_label(*a, lang),
        _ => String::new(),
    };
    let who = if name.is_empty() { code.clone() } else { format!("{name} ({code})") };
    let title = opts.title.clone().unwrap_or_else(|| {
        if nb(lang) {
            format!("KOSTRA-indikatorer for {who}")
        } else {
            format!("KOSTRA indicators for {who}")
        }
    });
    let chart_name = match (opts.chart, nb(lang)) {
        (ChartKind::Run, true) => "seriediagram",
        (ChartKind::Run, false) => "run charts",
        (_, true) => "I-kort (kontrollkort for enkeltverdier)",
        (_, false) => "I charts (individuals control charts)",
    };
    let subtitle = if nb(lang) {
        format!("{} indikatorer, {span}, {chart_name}", indicators.len())
    } else {
        format!("{} indicators, {span}, {chart_name}", indicators.len())
    };
    let page = Page {
        t: texts(lang),
        title,
        subtitle,
        css: minijinja::Value::from_safe_string(format!("{}{CSS}", palette::css_vars())),
        rows,
        sections,
        legend: legend(lang),
        method: method_notes(opts, lang),
        warnings: table.warnings.clone(),
    };
    render_page(&page)
}

fn render_page(page: &Page) -> Result<String, DashboardError> {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.add_template("dashboard.html", TEMPLATE).map_err(|e| DashboardError::Template(format!("{e:#}")))?;
    let tmpl = env.get_template("dashboard.html").map_err(|e| DashboardError::Template(format!("{e:#}")))?;
    tmpl.render(minijinja::Value::from_serialize(page)).map_err(|e| DashboardError::Template(format!("{e:#}")))
}

/// What every indicator needs besides its own series: the comparisons of the latest periods.
struct Context<'a> {
    table: &'a KostraTable,
    opts: &'a DashboardOptions,
    /// (indicator, period, reference) -> the comparison row of [`compare`].
    compared: HashMap<(String, Period, ReferenceType), Comparison>,
    /// indicator -> z-score against the KOSTRA group.
    zscores: HashMap<String, ZScore>,
    /// The indicators some row of which carries a numerator and a denominator.
    ratios: HashSet<String>,
}

impl<'a> Context<'a> {
    /// Compares the municipality `code` with its KOSTRA group, county and country over `table`
    /// (already cut to the years asked for); other region types get no comparison.
    fn new(
        table: &'a KostraTable,
        opts: &'a DashboardOptions,
        code: &str,
        kind: RegionType,
        indicators: &[String],
    ) -> Result<Self, DashboardError> {
        let ratios = table
            .records
            .iter()
            .filter(|r| r.numerator.is_some() && r.denominator.is_some())
            .map(|r| r.indicator.clone())
            .collect();
        let mut ctx = Context { table, opts, compared: HashMap::new(), zscores: HashMap::new(), ratios };
        if kind != RegionType::Municipality {
            return Ok(ctx);
        }
        let no_groups = Groups::default();
        let groups = opts.groups.as_ref().unwrap_or(&no_groups);
        let copts = CompareOptions { indicators: indicators.to_vec(), ..CompareOptions::default() };
        for c in compare(table, code, groups, &copts)? {
            ctx.compared.insert((c.indicator.clone(), c.period, c.reference_type), c);
        }
        if opts.groups.is_some() {
            for z in zscores(table, code, groups, &copts)? {
                ctx.zscores.insert(z.indicator.clone(), z);
            }
        }
        Ok(ctx)
    }

    /// The status of a reference's own row in the table (a published figure SSB left out).
    fn reference_status(&self, c: &Comparison) -> Option<Status> {
        self.table
            .records
            .iter()
            .find(|r| r.region_code == c.reference_code && r.indicator == c.indicator && r.period == c.period)
            .and_then(|r| r.status)
    }

    /// A comparison figure of `indicator` in `period`.
    fn bench(&self, indicator: &str, period: Period, kind: ReferenceType, decimals: usize) -> Bench {
        let lang = self.opts.lang;
        let nbl = nb(lang);
        let t = texts(lang);
        let c = self.compared.get(&(indicator.to_string(), period, kind));
        let label = match (kind, c) {
            (ReferenceType::Group, Some(c)) if nbl => c.reference_name.clone(),
            (ReferenceType::Group, Some(c)) => {
                format!("KOSTRA group {}", c.reference_code.strip_prefix("EKG").unwrap_or(&c.reference_code))
            }
            (ReferenceType::County, Some(c)) if nbl => format!("{} (fylke)", c.reference_name),
            (ReferenceType::County, Some(c)) => format!("{} (county)", c.reference_name),
            (ReferenceType::Group, None) => t.group.to_string(),
            (ReferenceType::County, None) => t.county.to_string(),
            (ReferenceType::Country, _) => t.country.to_string(),
        };
        let Some(c) = c else {
            let note = match (kind, self.opts.groups.is_some(), nbl) {
                (ReferenceType::Group, false, true) => "ingen KOSTRA-gruppefil oppgitt",
                (ReferenceType::Group, false, false) => "no KOSTRA group file given",
                (ReferenceType::Group, true, true) => "kommunen har ingen KOSTRA-gruppe i gruppefilen",
                (ReferenceType::Group, true, false) => "the municipality has no KOSTRA group in the group file",
                (_, _, true) => "ikke beregnet",
                (_, _, false) => "not computed",
            };
            return Bench { label, text: "–".into(), note: note.into(), value: None };
        };
        // A computed reference of an indicator without numerator and denominator is a sum over
        // the municipalities (a total), not a level to compare with.
        let ratio = self.ratios.contains(indicator);
        let source = match (c.reference_source, ratio, nbl) {
            (ReferenceSource::Published, _, true) => "publisert tall i tabellen",
            (ReferenceSource::Published, _, false) => "published figure of the table",
            (ReferenceSource::Computed, true, true) => "beregnet: Σ teller / Σ nevner over kommunene",
            (ReferenceSource::Computed, true, false) => "computed: Σ numerator / Σ denominator",
            (ReferenceSource::Computed, false, true) => "sum over kommunene",
            (ReferenceSource::Computed, false, false) => "sum over the municipalities",
        };
        let comparable = ratio || c.reference_source == ReferenceSource::Published;
        match (c.reference_value.filter(|v| v.is_finite()), self.reference_status(c)) {
            (Some(v), st) => Bench {
                label,
                text: num(v, decimals, lang),
                note: match st {
                    Some(st) => format!("{source}; {}", status_text(st, lang)),
                    None => source.to_string(),
                },
                value: Some(v).filter(|_| comparable),
            },
            (None, Some(st)) => {
                Bench { label, text: st.symbol().to_string(), note: status_text(st, lang), value: None }
            }
            (None, None) => Bench {
                label,
                text: "–".into(),
                note: if nbl { "ingen kommune med verdi".into() } else { "no municipality with a value".into() },
                value: None,
            },
        }
    }

    /// The z-score of `indicator` against the KOSTRA group as text, with a note (its period when
    /// not `latest`, or why there is none).
    fn z_text(&self, indicator: &str, latest: Option<Period>) -> (String, String) {
        let lang = self.opts.lang;
        let Some(z) = self.zscores.get(indicator) else {
            let why = if self.opts.groups.is_none() {
                if nb(lang) {
                    "ingen KOSTRA-gruppefil oppgitt"
                } else {
                    "no KOSTRA group file given"
                }
            } else {
                ""
            };
            return ("–".into(), why.into());
        };
        if let Some(v) = z.z.filter(|v| v.is_finite()) {
            let s = num(v, 2, lang);
            let text = if v > 0.0 { format!("+{s}") } else { s };
            let note = if latest == Some(z.period) { String::new() } else { period_label(z.period, lang) };
            (text, note)
        } else {
            let nbl = nb(lang);
            let why = if z.value.is_none() {
                if nbl {
                    format!("ingen verdi i {}", period_label(z.period, lang))
                } else {
                    format!("no value in {}", period_label(z.period, lang))
                }
            } else if z.n_members < 3 {
                if nbl {
                    format!("bare {} kommune(r) i gruppen har verdi (3 trengs)", z.n_members)
                } else {
                    format!("only {} municipality(ies) of the group have a value (3 needed)", z.n_members)
                }
            } else if nbl {
                "alle kommunene i gruppen har samme verdi".to_string()
            } else {
                "every municipality of the group has the same value".to_string()
            };
            ("–".into(), why)
        }
    }
}

/// Decimals to show for a series: as many as the data have (none for whole numbers), at most
/// 1 from 100 up, 2 from 1 up, else 3.
fn decimals_of(values: &[f64]) -> usize {
    let needed = values.iter().map(|&v| decimals_for(v.abs())).max().unwrap_or(0);
    let max = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let cap = if max >= 100.0 {
        1
    } else if max >= 1.0 {
        2
    } else {
        3
    };
    needed.min(cap)
}

#[allow(clippy::too_many_lines)]
fn indicator_view(ctx: &Context<'_>, k: usize, ind: &str, obs: &[Obs]) -> Result<(Row, Section), DashboardError> {
    let opts = ctx.opts;
    let lang = opts.lang;
    let improvement = opts.improvement.get(ind).copied().unwrap_or(Improvement::Neutral);
    let target = opts.targets.get(ind).copied().filter(|t| t.is_finite());
    let values: Vec<f64> = obs.iter().filter_map(|o| o.value).collect();
    let decimals = decimals_of(&values);
    let id = format!("ind-{}", k + 1);

    // The chart over every period with a row (missing values as NaN, as qicharts2 takes NA).
    let dated: Vec<(Obs, NaiveDate)> = obs.iter().filter_map(|o| o.period.start_date().map(|d| (*o, d))).collect();
    let chart = if values.len() >= 2 {
        let x = XColumn::Date(dated.iter().map(|(_, d)| Some(*d)).collect());
        let y: Vec<f64> = dated.iter().map(|(o, _)| o.value.unwrap_or(f64::NAN)).collect();
        let mut spec = ChartSpec::new(opts.chart);
        if let Some(f) = opts.freeze.filter(|&f| f >= 1 && f < values.len()) {
            spec = spec.freeze(f);
        }
        let input = Input::new(x, y);
        spec.compute(&input).ok().map(|c| (c, spec, input))
    } else {
        None
    };
    // Per chart point: the period's observation.
    let point_obs: Vec<Option<usize>> = match &chart {
        Some((c, _, _)) => {
            let by_date: HashMap<NaiveDate, usize> = dated.iter().enumerate().map(|(i, (_, d))| (*d, i)).collect();
            match &c.x {
                XColumn::Date(ds) => ds.iter().map(|d| d.and_then(|d| by_date.get(&d).copied())).collect(),
                _ => vec![None; c.len()],
            }
        }
        None => Vec::new(),
    };

    // Signals of the chart: Anhøj runs rules, and for an I chart the 3-sigma limits.
    let signals = chart.as_ref().map(|(c, _, _)| spc_core::rules::signals(c, &[RuleSet::Anhoej])).unwrap_or_default();
    let sig = chart.as_ref().map(|(c, _, _)| describe_signals(c, &signals, &point_obs, &dated, lang));

    // MDC icons from the values (an XmR chart of the non-missing points).
    let mdc_dates: Vec<Option<NaiveDate>> =
        dated.iter().filter(|(o, _)| o.value.is_some()).map(|(_, d)| Some(*d)).collect();
    let mdc_y: Vec<f64> = dated.iter().filter_map(|(o, _)| o.value).collect();
    let mdc_spec = MdcSpec { improvement, target, ..MdcSpec::default() };
    let mdc = if mdc_y.len() >= 2 {
        spc_core::mdc::mdc(&XColumn::Date(mdc_dates), &mdc_y, None, None, &mdc_spec).ok()
    } else {
        None
    };
    let icons = mdc.as_ref().and_then(|m| m.icons.first());
    let variation = variation_icon(icons.map(|i| i.variation), lang);
    let assurance = assurance_icon(icons.and_then(|i| i.assurance), target.is_some(), improvement, lang);

    // Latest period and the comparison figures.
    let latest = obs.last().copied();
    let t = texts(lang);
    let lp = latest.map(|l| l.period);
    let bench = |kind| match lp {
        Some(p) => ctx.bench(ind, p, kind, decimals),
        None => Bench { label: String::new(), text: "–".into(), note: String::new(), value: None },
    };
    let group = bench(ReferenceType::Group);
    let county = bench(ReferenceType::County);
    let country = bench(ReferenceType::Country);
    let (z_text, z_note) = ctx.z_text(ind, lp);
    let (value, value_note) = match latest {
        Some(Obs { value: Some(v), status, .. }) => {
            (num(v, decimals, lang), status.map(|s| status_text(s, lang)).unwrap_or_default())
        }
        Some(Obs { status: Some(s), .. }) => (s.symbol().to_string(), status_text(s, lang)),
        _ => ("–".into(), String::new()),
    };
    let period = latest.map(|l| period_label(l.period, lang)).unwrap_or_default();

    // Verdict in words.
    let mut verdict = Vec::new();
    let baseline_verdict = match (&chart, opts.freeze) {
        (Some((c, spec, input)), Some(_)) if spec.freeze.is_some() => {
            spc_core::verdict::verdicts(c, input, improvement, lang)?.into_iter().next().map(|v| v.sentence)
        }
        _ => None,
    };
    match (&sig, baseline_verdict) {
        (_, Some(s)) => verdict.push(s),
        (Some(s), None) => verdict.push(s.verdict(improvement, lang)),
        (None, None) => verdict.push(t.no_chart.to_string()),
    }
    if let Some(l) = latest {
        if let Some(v) = l.value {
            verdict.push(comparison_sentence(l.period, v, decimals, &group, &country, lang));
        }
    }
    if let (Some(tg), Some(a)) = (target, icons.and_then(|i| i.assurance)) {
        verdict.push(assurance_sentence(a, &num(tg, decimals, lang), lang));
    }

    let missing: Vec<String> = obs
        .iter()
        .filter(|o| o.value.is_none())
        .map(|o| {
            let why = o.status.map_or_else(|| status_text(Status::Unknown, lang), |s| status_text(s, lang));
            format!("{}: {why}", period_label(o.period, lang))
        })
        .collect();
    let mut notes = Vec::new();
    if mdc_y.len() >= 2 && mdc_y.len() < 13 {
        notes.push(if nb(lang) {
            format!("Ikonene bygger på bare {} verdier (færre enn 13): foreløpige grenser.", mdc_y.len())
        } else {
            format!("The icons rest on only {} values (fewer than 13): trial limits.", mdc_y.len())
        });
    }
    let facts = vec![
        Fact { label: format!("{} ({period})", t.latest), value: value.clone(), note: value_note.clone() },
        Fact { label: group.label.clone(), value: group.text.clone(), note: group.note.clone() },
        Fact { label: county.label.clone(), value: county.text.clone(), note: county.note.clone() },
        Fact { label: country.label.clone(), value: country.text.clone(), note: country.note.clone() },
        Fact { label: t.zscore.to_string(), value: z_text.clone(), note: z_note.clone() },
        Fact {
            label: t.direction.to_string(),
            value: direction_text(improvement, lang).to_string(),
            note: String::new(),
        },
        Fact {
            label: t.target.to_string(),
            value: target.map_or_else(|| "–".to_string(), |v| num(v, decimals, lang)),
            note: String::new(),
        },
    ];
    let svg = chart.as_ref().map(|(c, _, _)| {
        let svg = draw(c, &point_obs, &dated, sig.as_ref(), improvement, target, decimals, (ind, &id), lang);
        minijinja::Value::from_safe_string(svg)
    });
    let signal = match &sig {
        Some(s) if s.phrases.is_empty() => {
            if nb(lang) {
                "Ingen signal".to_string()
            } else {
                "No signal".to_string()
            }
        }
        Some(s) => s.phrases.join("; "),
        None => "–".to_string(),
    };
    let row = Row {
        id: id.clone(),
        name: ind.to_string(),
        period,
        value,
        value_note,
        group,
        county,
        country,
        z: z_text,
        z_note,
        variation: variation.clone(),
        assurance: assurance.clone(),
    };
    let section = Section {
        id,
        name: ind.to_string(),
        chart: svg,
        facts,
        variation,
        assurance,
        signal,
        verdict: verdict.join(" "),
        missing,
        notes,
    };
    Ok((row, section))
}

mod chart_svg;
mod page;
mod texts;
mod words;

use page::{Bench, Fact, Icon, Obs, Page, Row, Section};
use texts::{nb, num, period_label, status_text, texts, Texts};

use chart_svg::draw;
use words::{
    assurance_icon, assurance_sentence, comparison_sentence, describe_signals, direction_text, legend, method_notes,
    variation_icon, Signals,
};

#[cfg(test)]
mod tests {
    use super::*;
    use spc_core::kostra::Record;

    fn rec(code: &str, ind: &str, year: i32, v: Option<f64>, st: Option<Status>) -> Record {
        Record {
            region_code: code.into(),
            region_type: Region::parse(code).map_or(RegionType::Other, |r| r.kind),
            region_name: if code == "0301" { "Oslo".into() } else { String::new() },
            indicator: ind.into(),
            period: Period::Year(year),
            value: v,
            numerator: None,
            denominator: None,
            status: st,
        }
    }

    #[test]
    fn norwegian_numbers_and_missing_values() {
        let mut records: Vec<Record> = (2010..2020)
            .map(|y| rec("0301", "Netto driftsutgifter", y, Some(12_345.5 + f64::from(y % 2)), None))
            .collect();
        records.push(rec("0301", "Netto driftsutgifter", 2020, None, Some(Status::NotAvailable)));
        let table = KostraTable { records, warnings: vec![] };
        let html = render_dashboard(&table, &DashboardOptions::new("0301")).unwrap();
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("lang=\"nb\""));
        // 12 345,5 with a no-break space between thousands and a decimal comma.
        assert!(html.contains("12\u{a0}345,5"), "Norwegian number format");
        // The missing 2020 value: a gap explained with SSB's symbol, not a zero.
        assert!(html.contains("2020: mangler – tallgrunnlag mangler (..)"));
        assert!(html.contains("Oversikt") && html.contains("Måloppnåelse"));
        assert!(!html.contains("http://") && !html.contains("https://"));
    }

    #[test]
    fn a_shift_is_special_cause_with_direction() {
        // Five low then five high values. I chart: mean 15; moving ranges 0,1,1,0,10,0,1,1,0,
        // the jump of 10 is screened (>= 3.267 x 14/9), so MR̄ = 4/8 = 0.5 and the limits are
        // 15 ± 2.66 x 0.5 = 13.67 and 16.33: the last five points lie above the upper limit.
        let ys = [10.0, 10.0, 11.0, 10.0, 10.0, 20.0, 20.0, 21.0, 20.0, 20.0];
        let records = ys.iter().enumerate().map(|(i, &v)| rec("0301", "A", 2010 + i as i32, Some(v), None)).collect();
        let table = KostraTable { records, warnings: vec![] };
        let mut opts = DashboardOptions::new("301");
        opts.improvement.insert("A".into(), Improvement::Increase);
        opts.lang = Lang::En;
        let html = render_dashboard(&table, &opts).unwrap();
        assert!(html.contains("Special-cause variation"), "{html}");
        assert!(html.contains("The latest value is part of a signal that suggests an improvement."));
        assert!(html.contains("Special cause: improvement (high)"));
        assert!(html.contains("above the upper control limit"));
    }

    #[test]
    fn decimals_follow_the_data() {
        assert_eq!(decimals_of(&[94.3, 92.0]), 1);
        assert_eq!(decimals_of(&[11.1876, 10.0]), 2);
        assert_eq!(decimals_of(&[0.01234]), 3);
        assert_eq!(decimals_of(&[697_010.0, 12.0]), 0);
        assert_eq!(decimals_of(&[12_345.55]), 1);
    }

    #[test]
    fn unknown_region_and_indicator_are_errors() {
        let table = KostraTable { records: vec![rec("0301", "A", 2010, Some(1.0), None)], warnings: vec![] };
        let e = render_dashboard(&table, &DashboardOptions::new("0101")).unwrap_err().to_string();
        assert!(e.contains("0101"), "{e}");
        let mut o = DashboardOptions::new("0301");
        o.indicators = vec!["B".into()];
        let e = render_dashboard(&table, &o).unwrap_err().to_string();
        assert!(e.contains("'B'") && e.contains('A'), "{e}");
    }
}
