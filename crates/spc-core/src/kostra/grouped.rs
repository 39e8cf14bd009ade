//! Grouped SPC: one run or control chart per region x indicator over the periods of a
//! [`KostraTable`], computed in parallel.
//!
//! Each series is ordered by period; the x of its chart is the first day of the period
//! ([`Period::start_date`]), so a period missing from the table shows up as a date gap in
//! the chart's warnings. A cell that is in the table without a value (`..`, `:`, ...) stays in
//! the series as a missing point, its status kept beside it. A series that cannot be charted
//! (too few values, a period twice, mixed frequencies, a baseline beyond the data) gets its
//! error text in [`SeriesChart::chart`]; the other series are charted as usual.
//!
//! ```
//! use spc_core::kostra::grouped::{charts, GroupedSpec};
//! use spc_core::kostra::{KostraTable, Period, Record, RegionType};
//! use spc_core::{ChartKind, ChartSpec};
//!
//! let rec = |year: i32, v: f64| Record {
//!     region_code: "0301".into(),
//!     region_type: RegionType::Municipality,
//!     region_name: "Oslo".into(),
//!     indicator: "x".into(),
//!     period: Period::Year(year),
//!     value: Some(v),
//!     numerator: None,
//!     denominator: None,
//!     status: None,
//! };
//! let table = KostraTable { records: vec![rec(2021, 3.0), rec(2020, 2.0), rec(2022, 7.0)], warnings: vec![] };
//! let out = charts(&table, &GroupedSpec::new(ChartSpec::new(ChartKind::Run))).unwrap();
//! let chart = out.series[0].chart.as_ref().unwrap();
//! assert_eq!(chart.y, [2.0, 3.0, 7.0]); // ordered by period
//! assert_eq!(chart.cl[0], 3.0); // the median
//! ```

use std::collections::{HashMap, HashSet};
use std::io::Write;

use chrono::NaiveDate;
use rayon::prelude::*;

use super::{KostraTable, Period, Record, Region, Status};
use crate::error::{Error, Result};
use crate::input::{Input, XColumn};
use crate::kind::ChartKind;
use crate::result::{Chart, PartSummary};
use crate::rules::{RuleSet, Signal};
use crate::spec::ChartSpec;

/// Which numbers of a cell make the chart's y (and n).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueSource {
    /// y = the cell's value (run, I and other single-value charts).
    Value,
    /// y = the numerator and n = the denominator (P, U and other ratio charts).
    Ratio,
}

/// What to chart: the chart itself, which series, and from which numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupedSpec {
    /// The chart of every series (kind, freeze, method, ...). Positions (freeze, part,
    /// exclude) count the points of each series.
    pub chart: ChartSpec,
    /// Which numbers of a cell are charted.
    pub source: ValueSource,
    /// Region codes to keep (normalised as [`Region::parse`] does); empty keeps all.
    pub regions: Vec<String>,
    /// Indicators to keep (exact names); empty keeps all.
    pub indicators: Vec<String>,
    /// Inclusive ranges of years to keep; empty keeps all.
    pub years: Vec<(i32, i32)>,
    /// Rule sets whose signals are found on every chart (none: only the chart's own runs
    /// analysis and limits).
    pub rules: Vec<RuleSet>,
    /// Ratio charts (p, u, ...) of an indicator whose values are a percentage (or per 1 000, ...)
    /// are drawn in the values' unit: the multiplier inferred from the values (100 for a
    /// percentage) replaces the chart's `multiply` of 1. On by default; off keeps `multiply`.
    pub infer_multiplier: bool,
}

impl GroupedSpec {
    /// Every series, charted as `chart` says, from the numerator and denominator when the
    /// chart kind needs a denominator and from the value otherwise.
    pub fn new(chart: ChartSpec) -> Self {
        let source = if chart.kind.needs_denominator() { ValueSource::Ratio } else { ValueSource::Value };
        GroupedSpec {
            chart,
            source,
            regions: Vec::new(),
            indicators: Vec::new(),
            years: Vec::new(),
            rules: Vec::new(),
            infer_multiplier: true,
        }
    }

    /// Chart these numbers of the cells.
    #[must_use]
    pub fn source(mut self, source: ValueSource) -> Self {
        self.source = source;
        self
    }

    /// Keep only these region codes.
    #[must_use]
    pub fn regions(mut self, codes: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.regions = codes.into_iter().map(Into::into).collect();
        self
    }

    /// Keep only these indicators.
    #[must_use]
    pub fn indicators(mut self, names: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.indicators = names.into_iter().map(Into::into).collect();
        self
    }

    /// Keep only the years `from..=to` (may be called again to add ranges).
    #[must_use]
    pub fn years(mut self, from: i32, to: i32) -> Self {
        self.years.push((from, to));
        self
    }

    /// Checks the options: the chart's own ([`ChartSpec::validate`]), a kind that charts one
    /// value per period (no subgroups; EWMA and CUSUM take single values), a denominator for a
    /// ratio chart, year ranges in order. The error names the option; [`charts`] runs it first.
    pub fn validate(&self) -> Result<()> {
        self.chart.validate()?;
        let kind = self.chart.kind;
        if kind.is_subgroup_chart() && !matches!(kind, ChartKind::Ewma | ChartKind::Cusum) {
            return Err(Error::InvalidArgument {
                argument: "chart",
                reason: format!(
                    "a KOSTRA series has one value per period, so there are no subgroups (use i, run, p or u), got {kind}"
                ),
            });
        }
        if kind.needs_denominator() && self.source == ValueSource::Value {
            return Err(Error::InvalidArgument {
                argument: "from",
                reason: format!(
                    "a {kind} chart needs a denominator; it is charted from numerator and denominator (ratio), not the value"
                ),
            });
        }
        if let Some(&(a, b)) = self.years.iter().find(|(a, b)| a > b) {
            return Err(Error::InvalidArgument {
                argument: "years",
                reason: format!("{a}-{b}: the first year is after the last"),
            });
        }
        Ok(())
    }

    /// Find the signals of these rule sets.
    #[must_use]
    pub fn rules(mut self, sets: impl IntoIterator<Item = RuleSet>) -> Self {
        self.rules = sets.into_iter().collect();
        self
    }
}

/// The chart of one region x indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesChart {
    /// The region code.
    pub region_code: String,
    /// The region's name (as given in the series' latest period that names it).
    pub region_name: String,
    /// The indicator.
    pub indicator: String,
    /// The periods, in time order; one per chart point.
    pub periods: Vec<Period>,
    /// The status of each period's cell (`..` and the like for missing points).
    pub statuses: Vec<Option<Status>>,
    /// The value charted for each period before `multiply` (y, or numerator/denominator);
    /// `NaN` when missing. Kept so that a series that cannot be charted still shows its data.
    pub y: Vec<f64>,
    /// The denominator of each period (`NaN` when missing); empty when the values are charted
    /// ([`ValueSource::Value`]).
    pub n: Vec<f64>,
    /// The chart (its points are the periods, in order), or why there is none.
    pub chart: std::result::Result<Chart, String>,
    /// The signals of the spec's rule sets.
    pub signals: Vec<Signal>,
}

impl SeriesChart {
    /// The summary of the chart's last part (the current process), if charted.
    pub fn last_part(&self) -> Option<&PartSummary> {
        self.chart.as_ref().ok().and_then(|c| c.summary.last())
    }

    /// Whether the last part has a runs signal, a point outside its limits, or a signal of
    /// the spec's rule sets.
    pub fn signal(&self) -> bool {
        let Ok(chart) = &self.chart else { return false };
        let Some(last) = chart.summary.last() else { return false };
        let g = chart.summary.len() - 1;
        last.runs_signal || last.n_sigma_signals > 0 || self.signals.iter().any(|s| s.group == g)
    }

    /// The signals of the rule sets on the last part.
    pub fn last_part_signals(&self) -> impl Iterator<Item = &Signal> {
        let g = self.chart.as_ref().map_or(usize::MAX, |c| c.summary.len().wrapping_sub(1));
        self.signals.iter().filter(move |s| s.group == g)
    }

    /// The rules that fired on the last part, each once, in time order of their first signal.
    pub fn last_part_rules(&self) -> Vec<&str> {
        let mut rules: Vec<&str> = Vec::new();
        for s in self.last_part_signals() {
            if !rules.contains(&s.rule.as_str()) {
                rules.push(&s.rule);
            }
        }
        rules
    }
}

/// The charts of every region x indicator, ordered by region code, then indicator.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupedCharts {
    /// One entry per series.
    pub series: Vec<SeriesChart>,
}

impl GroupedCharts {
    /// The series with a chart.
    pub fn charted(&self) -> impl Iterator<Item = &SeriesChart> {
        self.series.iter().filter(|s| s.chart.is_ok())
    }

    /// Writes every point of every series as CSV ([`crate::schema::grouped_data`]).
    pub fn write_csv(&self, w: impl Write) -> std::io::Result<()> {
        crate::schema::grouped_data(self).write_csv(w)
    }

    /// Writes one row per series as CSV ([`crate::schema::grouped_summary`]).
    pub fn write_summary_csv(&self, w: impl Write) -> std::io::Result<()> {
        crate::schema::grouped_summary(self).write_csv(w)
    }

    /// Every point of every series as one DataFrame ([`crate::schema::grouped_data`]).
    #[cfg(feature = "polars")]
    pub fn to_dataframe(&self) -> Result<polars::prelude::DataFrame> {
        crate::schema::grouped_data(self).to_dataframe()
    }
}

/// A region code as the filter means it: normalised when it is a valid code.
fn normalise_code(code: &str) -> String {
    Region::parse(code).map_or_else(|_| code.trim().to_string(), |r| r.code)
}

/// The records of `table` grouped by series: for each series the indices of its records,
/// and the series ordered by (region code, indicator): one flat vector of record indices and
/// the number of records of each series in it, in order.
fn group(table: &KostraTable, spec: &GroupedSpec) -> (Vec<u32>, Vec<usize>) {
    let regions: HashSet<String> = spec.regions.iter().map(|c| normalise_code(c)).collect();
    let indicators: HashSet<&str> = spec.indicators.iter().map(String::as_str).collect();
    let year_ok = |y: i32| spec.years.is_empty() || spec.years.iter().any(|&(a, b)| a <= y && y <= b);

    // Ids of regions and indicators; the previous record's are reused when the strings repeat
    // (tables come grouped), so most records cost two string compares and no hashing.
    let mut region_id: HashMap<&str, u32> = HashMap::new();
    let mut region_keep: Vec<bool> = Vec::new();
    let mut region_codes: Vec<&str> = Vec::new();
    let mut indicator_id: HashMap<&str, u32> = HashMap::new();
    let mut indicator_keep: Vec<bool> = Vec::new();
    let mut indicator_names: Vec<&str> = Vec::new();
    let mut series_id: HashMap<(u32, u32), u32> = HashMap::new();
    let mut series_key: Vec<(u32, u32)> = Vec::new();
    let mut of_record: Vec<(u32, u32)> = Vec::with_capacity(table.records.len());
    let mut counts: Vec<u32> = Vec::new();
    let mut last_region: Option<(&str, u32)> = None;
    let mut last_indicator: Option<(&str, u32)> = None;
    let mut last_series: Option<((u32, u32), u32)> = None;
    for (i, r) in table.records.iter().enumerate() {
        if !year_ok(r.period.year()) {
            continue;
        }
        let rid = match last_region {
            Some((code, id)) if code == r.region_code => id,
            _ => {
                let next = region_codes.len() as u32;
                let id = *region_id.entry(r.region_code.as_str()).or_insert_with(|| {
                    region_codes.push(r.region_code.as_str());
                    region_keep.push(regions.is_empty() || regions.contains(&r.region_code));
                    next
                });
                last_region = Some((r.region_code.as_str(), id));
                id
            }
        };
        if !region_keep[rid as usize] {
            continue;
        }
        let iid = match last_indicator {
            Some((name, id)) if name == r.indicator => id,
            _ => {
                let next = indicator_names.len() as u32;
                let id = *indicator_id.entry(r.indicator.as_str()).or_insert_with(|| {
                    indicator_names.push(r.indicator.as_str());
                    indicator_keep.push(indicators.is_empty() || indicators.contains(r.indicator.as_str()));
                    next
                });
                last_indicator = Some((r.indicator.as_str(), id));
                id
            }
        };
        if !indicator_keep[iid as usize] {
            continue;
        }
        let key = (rid, iid);
        let sid = match last_series {
            Some((k, s)) if k == key => s,
            _ => {
                let next = series_key.len() as u32;
                let s = *series_id.entry(key).or_insert_with(|| {
                    series_key.push(key);
                    counts.push(0);
                    next
                });
                last_series = Some((key, s));
                s
            }
        };
        counts[sid as usize] += 1;
        of_record.push((sid, i as u32));
    }

    // Order the series by (region code, indicator), then bucket the record indices by series
    // in that order (a counting sort into one flat vector; source order kept within a series).
    let mut order: Vec<u32> = (0..series_key.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let (ka, kb) = (series_key[a as usize], series_key[b as usize]);
        region_codes[ka.0 as usize]
            .cmp(region_codes[kb.0 as usize])
            .then_with(|| indicator_names[ka.1 as usize].cmp(indicator_names[kb.1 as usize]))
    });
    let mut start = vec![0usize; series_key.len()];
    let mut lens = Vec::with_capacity(order.len());
    let mut at = 0usize;
    for &s in &order {
        start[s as usize] = at;
        at += counts[s as usize] as usize;
        lens.push(counts[s as usize] as usize);
    }
    let mut flat = vec![0u32; at];
    for (sid, i) in of_record {
        let slot = &mut start[sid as usize];
        flat[*slot] = i;
        *slot += 1;
    }
    (flat, lens)
}

/// Why a series cannot be charted before its chart is tried, if it cannot.
fn check_series(periods: &[Period]) -> Option<String> {
    let first = periods.first()?;
    if let Some(p) = periods.iter().find(|p| std::mem::discriminant(*p) != std::mem::discriminant(first)) {
        return Some(format!(
            "the series mixes periods of different frequencies ({first} and {p}): chart one frequency at a time"
        ));
    }
    if let Some([p, ..]) = periods.windows(2).find(|w| w[0] == w[1]) {
        return Some(format!("period {p} appears more than once"));
    }
    if let Some(p) = periods.iter().find(|p| p.start_date().is_none()) {
        return Some(format!("period {p} has no calendar date"));
    }
    None
}

/// One series: its records (indices into `table.records`, sorted here by period) charted.
fn chart_series(table: &KostraTable, idx: &mut [u32], spec: &GroupedSpec, mults: &HashMap<&str, f64>) -> SeriesChart {
    let rec = |i: &u32| -> &Record { &table.records[*i as usize] };
    idx.sort_by_key(|i| rec(i).period);
    let head = idx.first().map(rec);
    let region_name =
        idx.iter().rev().map(rec).find(|r| !r.region_name.is_empty()).map_or("", |r| r.region_name.as_str());
    let periods: Vec<Period> = idx.iter().map(|i| rec(i).period).collect();
    let statuses: Vec<Option<Status>> = idx.iter().map(|i| rec(i).status).collect();
    let get = |v: Option<f64>| v.unwrap_or(f64::NAN);
    let (y, n): (Vec<f64>, Vec<f64>) = match spec.source {
        ValueSource::Value => (idx.iter().map(|i| get(rec(i).value)).collect(), Vec::new()),
        ValueSource::Ratio => idx
            .iter()
            .map(|i| {
                let r = rec(i);
                if r.numerator.is_some() && r.denominator.is_some() {
                    (get(r.numerator), get(r.denominator))
                } else {
                    (f64::NAN, f64::NAN)
                }
            })
            .unzip(),
    };
    let (chart, y, n) = if let Some(e) = check_series(&periods) {
        (Err(e), y, n)
    } else {
        let m = head.and_then(|r| mults.get(r.indicator.as_str())).copied().unwrap_or(1.0);
        chart_of(spec, m, &periods, y, n)
    };
    let signals = match &chart {
        Ok(c) if !spec.rules.is_empty() => crate::rules::signals(c, &spec.rules),
        _ => Vec::new(),
    };
    SeriesChart {
        region_code: head.map(|r| r.region_code.clone()).unwrap_or_default(),
        region_name: region_name.to_string(),
        indicator: head.map(|r| r.indicator.clone()).unwrap_or_default(),
        periods,
        statuses,
        y,
        n,
        chart,
        signals,
    }
}

/// The chart of one series; `y` and `n` are handed back (they are the chart's input).
fn chart_of(
    spec: &GroupedSpec,
    multiplier: f64,
    periods: &[Period],
    y: Vec<f64>,
    n: Vec<f64>,
) -> (std::result::Result<Chart, String>, Vec<f64>, Vec<f64>) {
    let ratio = spec.source == ValueSource::Ratio;
    let useful = (0..y.len()).filter(|&i| !(y[i].is_nan() || ratio && n[i].is_nan())).count();
    if useful < 2 {
        let e = format!(
            "too few values to chart: {useful} of {} period(s) have a value (at least 2 are needed)",
            periods.len()
        );
        return (Err(e), y, n);
    }
    let x: Vec<Option<NaiveDate>> = periods.iter().map(|p| p.start_date()).collect();
    let mut input = Input::new(XColumn::Date(x), y);
    if ratio {
        input.n = Some(n);
    }
    let computed = if multiplier == 1.0 {
        spec.chart.compute(&input)
    } else {
        spec.chart.clone().multiply(multiplier).compute(&input)
    };
    let chart = computed.map_err(|e| e.to_string()).and_then(|c| {
        if c.len() == periods.len() {
            Ok(c)
        } else {
            Err(format!("the chart has {} points for {} periods", c.len(), periods.len()))
        }
    });
    (chart, input.y.into_vec(), input.n.unwrap_or_default())
}

/// Charts every region x indicator of `table` that `spec` selects, in parallel. The result is
/// ordered by region code, then indicator. A series that cannot be charted gets its error in
/// [`SeriesChart::chart`].
///
/// Errors of the whole run: an unknown region code or an indicator that is not in the table (named), a ratio
/// chart from values, a reversed year range. A selection that matches nothing else is no error:
/// the result has no series.
pub fn charts(table: &KostraTable, spec: &GroupedSpec) -> Result<GroupedCharts> {
    spec.validate()?;
    for r in &spec.regions {
        super::Region::parse(r)?;
    }
    let present = table.indicators();
    let unknown: Vec<String> =
        spec.indicators.iter().filter(|i| !present.contains(&i.as_str())).map(|i| format!("'{i}'")).collect();
    if !unknown.is_empty() {
        let some: Vec<String> = present.iter().take(8).map(|i| format!("'{i}'")).collect();
        return Err(Error::InvalidArgument {
            argument: "indicator",
            reason: format!(
                "{} not in the table; the indicators are {}{}",
                unknown.join(", "),
                some.join(", "),
                if present.len() > 8 { format!(" ... ({} in all)", present.len()) } else { String::new() }
            ),
        });
    }
    let (mut flat, lens) = group(table, spec);
    let mut slices: Vec<&mut [u32]> = Vec::with_capacity(lens.len());
    let mut rest = flat.as_mut_slice();
    for len in lens {
        let (one, tail) = rest.split_at_mut(len);
        slices.push(one);
        rest = tail;
    }
    // Ratio charts of an indicator published as a percentage (or per 1 000) are drawn in its
    // unit: the multiplier inferred from its values (100 for a percentage), unless one is given
    // ([`GroupedSpec::infer_multiplier`]).
    let mut mults: HashMap<&str, f64> = HashMap::new();
    if spec.source == ValueSource::Ratio && spec.infer_multiplier && spec.chart.multiply == 1.0 {
        let mut by_ind: HashMap<&str, Vec<&Record>> = HashMap::new();
        for r in &table.records {
            by_ind.entry(r.indicator.as_str()).or_default().push(r);
        }
        for (ind, recs) in by_ind {
            if let Some(m) = super::aggregate::infer_multiplier(recs) {
                mults.insert(ind, m);
            }
        }
    }
    let series = slices.into_par_iter().map(|idx| chart_series(table, idx, spec, &mults)).collect();
    Ok(GroupedCharts { series })
}
