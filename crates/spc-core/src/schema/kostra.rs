//! The KOSTRA tables: the tidy table (`spc kostra read`, `harmonise`), aggregates, comparisons,
//! z-scores, and the charts of every region x indicator (`spc kostra chart --data`,
//! `--summary`).

use std::borrow::Cow;

use super::chart::{point_columns, x_cells, Parts};
use super::{Bools, Cells, Floats, Per, Schema};
use crate::kostra::aggregate::Aggregated;
use crate::kostra::compare::{Comparison, ZScore};
use crate::kostra::grouped::{GroupedCharts, SeriesChart};
use crate::kostra::{KostraTable, Status};

fn opt(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The tidy table (`spc kostra read`, `spc.kostra.read`), one row per source cell:
/// `region_code, region_type, region_name, indicator, period` (text such as `2021` or
/// `2008K1`), `value, numerator, denominator` (numbers, empty when missing), `status` (SSB's
/// symbol, empty when the cell has none).
pub fn kostra_tidy(t: &KostraTable) -> Schema<'_> {
    let r = &t.records;
    let mut s = Schema::new(r.len());
    s.push("region_code", Cells::text(|i| Some(r[i].region_code.as_str())))
        .push("region_type", Cells::text(|i| Some(r[i].region_type.name())))
        .push("region_name", Cells::text(|i| Some(r[i].region_name.as_str())))
        .push("indicator", Cells::text(|i| Some(r[i].indicator.as_str())))
        .push("period", Cells::text_owned(|i| Some(r[i].period.to_string())))
        .push("value", Cells::f64(|i| opt(r[i].value)))
        .push("numerator", Cells::f64(|i| opt(r[i].numerator)))
        .push("denominator", Cells::f64(|i| opt(r[i].denominator)))
        .push("status", Cells::text(|i| r[i].status.map(Status::symbol)));
    s
}

/// The aggregates (`spc kostra aggregate`, `spc.kostra.aggregate`): `region_code,
/// region_name, indicator, period, value, numerator, denominator, method, n_units,
/// n_missing`.
pub fn kostra_aggregate(a: &Aggregated) -> Schema<'_> {
    let r = &a.rows;
    let mut s = Schema::new(r.len());
    s.push("region_code", Cells::text(|i| Some(r[i].region_code.as_str())))
        .push("region_name", Cells::text(|i| Some(r[i].region_name.as_str())))
        .push("indicator", Cells::text(|i| Some(r[i].indicator.as_str())))
        .push("period", Cells::text_owned(|i| Some(r[i].period.to_string())))
        .push("value", Cells::f64(|i| opt(r[i].value)))
        .push("numerator", Cells::f64(|i| opt(r[i].numerator)))
        .push("denominator", Cells::f64(|i| opt(r[i].denominator)))
        .push("method", Cells::text(|i| Some(r[i].method.name())))
        .push("n_units", Cells::i64(|i| Some(count(r[i].n_units))))
        .push("n_missing", Cells::i64(|i| Some(count(r[i].n_missing))));
    s
}

/// The comparisons (`spc kostra compare`, `spc.kostra.compare`): `region_code, region_name,
/// indicator, period, value, reference_type, reference_code, reference_name, reference_value,
/// reference_source, difference, rank, n_ranked`.
pub fn kostra_compare(r: &[Comparison]) -> Schema<'_> {
    let mut s = Schema::new(r.len());
    s.push("region_code", Cells::text(|i| Some(r[i].region_code.as_str())))
        .push("region_name", Cells::text(|i| Some(r[i].region_name.as_str())))
        .push("indicator", Cells::text(|i| Some(r[i].indicator.as_str())))
        .push("period", Cells::text_owned(|i| Some(r[i].period.to_string())))
        .push("value", Cells::f64(|i| opt(r[i].value)))
        .push("reference_type", Cells::text(|i| Some(r[i].reference_type.name())))
        .push("reference_code", Cells::text(|i| Some(r[i].reference_code.as_str())))
        .push("reference_name", Cells::text(|i| Some(r[i].reference_name.as_str())))
        .push("reference_value", Cells::f64(|i| opt(r[i].reference_value)))
        .push("reference_source", Cells::text(|i| Some(r[i].reference_source.name())))
        .push("difference", Cells::f64(|i| opt(r[i].difference)))
        .push("rank", Cells::i64(|i| r[i].rank.map(count)))
        .push("n_ranked", Cells::i64(|i| Some(count(r[i].n_ranked))));
    s
}

/// The z-scores (`spc kostra compare --zscores`, `spc.kostra.zscores`): `indicator, period,
/// value, group_code, group_mean, group_sd, z, n_members, reason`.
pub fn kostra_zscores(r: &[ZScore]) -> Schema<'_> {
    let mut s = Schema::new(r.len());
    s.push("indicator", Cells::text(|i| Some(r[i].indicator.as_str())))
        .push("period", Cells::text_owned(|i| Some(r[i].period.to_string())))
        .push("value", Cells::f64(|i| opt(r[i].value)))
        .push("group_code", Cells::text(|i| Some(r[i].group_code.as_str())))
        .push("group_mean", Cells::f64(|i| opt(r[i].group_mean)))
        .push("group_sd", Cells::f64(|i| opt(r[i].group_sd)))
        .push("z", Cells::f64(|i| opt(r[i].z)))
        .push("n_members", Cells::i64(|i| Some(count(r[i].n_members))))
        .push("reason", Cells::text(|i| r[i].reason.as_deref()));
    s
}

/// The rows of one series in [`grouped_data`].
fn series_data<'a>(s: &'a SeriesChart, cusum: bool) -> Schema<'a> {
    let key = |v: &'a str| Cells::Text(Per::All(Some(Cow::Borrowed(v))));
    let mut t = Schema::new(s.periods.len());
    t.push("region_code", key(&s.region_code))
        .push("region_name", key(&s.region_name))
        .push("indicator", key(&s.indicator))
        .push("period", Cells::text_owned(|i| Some(s.periods[i].to_string())))
        .push("status", Cells::text(|i| s.statuses[i].map(Status::symbol)));
    if let Ok(c) = &s.chart {
        let parts = Parts::new(c);
        t.push("x", x_cells(&c.x));
        for (name, _, cells) in point_columns() {
            t.push(name, cells(&parts));
        }
        if cusum {
            let lower =
                c.cusum_lower.as_deref().map_or(Cells::Null(super::Type::F64), |l| Cells::F64(Floats::Slice(l)));
            t.push("cusum_lower", lower);
        }
        t.push("signal", Cells::Bool(Bools::Per(Per::All(Some(s.signal())))));
    } else {
        // Its data without a chart: x, y (before `multiply`) and n.
        t.push("x", Cells::date(|i| s.periods[i].start_date()));
        for (name, ty, _) in point_columns() {
            t.push(
                name,
                match name {
                    "y" => Cells::F64(Floats::Slice(&s.y)),
                    "n" => Cells::f64(|i| s.n.get(i).copied().unwrap_or(f64::NAN)),
                    _ => Cells::Null(ty),
                },
            );
        }
        if cusum {
            t.push("cusum_lower", Cells::Null(super::Type::F64));
        }
        t.push("signal", Cells::Null(super::Type::Bool));
    }
    t
}

/// Every point of every series (`spc kostra chart --data`, `spc.kostra.charts`): the keys
/// `region_code, region_name, indicator, period, status`, then the columns of
/// [`super::chart_data`] without `facet` (`cusum_lower` too for CUSUM charts), then `signal`
/// (whether the series' last part signals; see [`SeriesChart::signal`]). A series without a
/// chart keeps its rows with x, y and n, and no chart values.
pub fn grouped_data(g: &GroupedCharts) -> Schema<'_> {
    let cusum = g.series.iter().any(|s| s.chart.as_ref().is_ok_and(|c| c.cusum_lower.is_some()));
    let no_series = SeriesChart {
        region_code: String::new(),
        region_name: String::new(),
        indicator: String::new(),
        periods: Vec::new(),
        statuses: Vec::new(),
        y: Vec::new(),
        n: Vec::new(),
        chart: Err(String::new()),
        signals: Vec::new(),
    };
    let columns: Vec<_> = series_data(&no_series, cusum).columns().to_vec();
    let mut empty = Schema::new(0);
    for (name, ty) in columns {
        empty.push(name, Cells::Null(ty));
    }
    Schema::stack(empty, g.series.iter().map(|s| series_data(s, cusum)))
}

/// One row per series (`spc kostra chart --summary`, `spc.kostra.charts(summary=True)`):
/// `region_code, region_name, indicator, first_period, last_period, n_periods, n_missing`,
/// then of the last part `n_obs, n_useful, cl, lcl, ucl` (the limits at its last point),
/// `runs_signal, n_sigma_signals, rule_signals` (the rules that fired, `;`-separated),
/// `signal`, and `error` for a series that could not be charted.
pub fn grouped_summary(g: &GroupedCharts) -> Schema<'_> {
    let s = &g.series;
    // The series' chart and last part, when it has both.
    let last = move |i: usize| match (&s[i].chart, s[i].last_part()) {
        (Ok(c), Some(p)) => Some((c, p, p.end.saturating_sub(1).min(c.len().saturating_sub(1)))),
        _ => None,
    };
    let mut t = Schema::new(s.len());
    t.push("region_code", Cells::text(|i| Some(s[i].region_code.as_str())))
        .push("region_name", Cells::text(|i| Some(s[i].region_name.as_str())))
        .push("indicator", Cells::text(|i| Some(s[i].indicator.as_str())))
        .push("first_period", Cells::text_owned(|i| s[i].periods.first().map(ToString::to_string)))
        .push("last_period", Cells::text_owned(|i| s[i].periods.last().map(ToString::to_string)))
        .push("n_periods", Cells::i64(|i| Some(count(s[i].periods.len()))))
        .push("n_missing", Cells::i64(|i| Some(count(s[i].y.iter().filter(|v| v.is_nan()).count()))))
        .push("n_obs", Cells::i64(move |i| last(i).map(|(_, p, _)| i64::from(p.n_obs))))
        .push("n_useful", Cells::i64(move |i| last(i).map(|(_, p, _)| i64::from(p.n_useful))))
        .push("cl", Cells::f64(move |i| last(i).map_or(f64::NAN, |(_, p, _)| p.cl)))
        .push("lcl", Cells::f64(move |i| last(i).and_then(|(c, _, end)| c.lcl.get(end)).unwrap_or(f64::NAN)))
        .push("ucl", Cells::f64(move |i| last(i).and_then(|(c, _, end)| c.ucl.get(end)).unwrap_or(f64::NAN)))
        .push("runs_signal", Cells::bool(move |i| last(i).map(|(_, p, _)| p.runs_signal)))
        .push("n_sigma_signals", Cells::i64(move |i| last(i).map(|(_, p, _)| i64::from(p.n_sigma_signals))))
        .push("rule_signals", Cells::text_owned(move |i| last(i).map(|_| s[i].last_part_rules().join(";"))))
        .push("signal", Cells::bool(move |i| last(i).map(|_| s[i].signal())))
        .push("error", Cells::text(|i| s[i].chart.as_ref().err().map(String::as_str)));
    t
}
