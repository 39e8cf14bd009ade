//! The tables of a chart: per point (`spc chart --data`, `Chart.data`), per part
//! (`--summary`), the signals of the rule sets (`--signals`) and the verdicts.

use std::borrow::Cow;

use super::{Bools, Cell, Cells, Floats, Per, Schema, Type};
use crate::input::XColumn;
use crate::result::{Chart, PartSummary};
use crate::rules::Signal;
use crate::verdict::{Change, Verdict};

/// The x values as a typed column: numbers, dates or text.
pub(super) fn x_cells(x: &XColumn) -> Cells<'_> {
    match x {
        XColumn::Number(v) => Cells::F64(Floats::Slice(v)),
        XColumn::Date(v) => Cells::Date(Per::Slice(v)),
        XColumn::Text(v) => Cells::text(move |i| v[i].as_deref()),
    }
}

/// The x values at the rows `idx` (in that order) as a typed column.
pub(super) fn x_cells_at(x: &XColumn, idx: Vec<usize>) -> Cells<'_> {
    match x {
        XColumn::Number(v) => Cells::f64(move |k| v[idx[k]]),
        XColumn::Date(v) => Cells::date(move |k| v[idx[k]]),
        XColumn::Text(v) => Cells::text(move |k| v[idx[k]].as_deref()),
    }
}

/// A chart with the ends of its parts, for the columns that hold one value per part.
pub(super) struct Parts<'a> {
    pub(super) c: &'a Chart,
    /// `None` when one part has every point (the values are then one value).
    ends: Option<Vec<usize>>,
}

impl<'a> Parts<'a> {
    pub(super) fn new(c: &'a Chart) -> Self {
        let one = matches!(c.summary.as_slice(), [s] if s.start == 0 && s.end == c.len());
        Parts { c, ends: (!one).then(|| c.summary.iter().map(|s| s.end).collect()) }
    }

    /// `f` of the part of each point, stored once per part.
    fn per<T: Cell>(&self, f: impl Fn(&'a PartSummary) -> T) -> Per<'a, T> {
        match &self.ends {
            None => Per::All(f(&self.c.summary[0])),
            Some(ends) => Per::Runs { values: self.c.summary.iter().map(f).collect(), ends: ends.clone() },
        }
    }
}

/// A column of the per-point table after `x` and `facet`: name, type, values.
pub(super) type PointColumn<'a> = (&'static str, Type, fn(&Parts<'a>) -> Cells<'a>);

/// The columns of the per-point table after `x` (and `facet` when faceted), in order; CUSUM
/// charts add `cusum_lower` after them.
pub(super) fn point_columns<'a>() -> [PointColumn<'a>; 19] {
    [
        ("y", Type::F64, |p| Cells::F64(Floats::Slice(p.c.y.as_slice()))),
        ("n", Type::F64, |p| Cells::F64(Floats::Line(&p.c.n))),
        ("cl", Type::F64, |p| Cells::F64(Floats::Line(&p.c.cl))),
        ("lcl", Type::F64, |p| Cells::F64(Floats::Line(&p.c.lcl))),
        ("ucl", Type::F64, |p| Cells::F64(Floats::Line(&p.c.ucl))),
        ("lcl_95", Type::F64, |p| Cells::F64(Floats::Line(&p.c.lcl_95))),
        ("ucl_95", Type::F64, |p| Cells::F64(Floats::Line(&p.c.ucl_95))),
        ("target", Type::F64, |p| Cells::F64(Floats::Per(Per::All(p.c.target())))),
        ("part", Type::U32, |p| Cells::U32(p.per(|s| Some(s.part)))),
        ("baseline", Type::Bool, |p| Cells::Bool(Bools::Flags(&p.c.baseline))),
        ("include", Type::Bool, |p| Cells::Bool(Bools::Flags(&p.c.include))),
        ("runs_signal", Type::Bool, |p| Cells::Bool(Bools::Per(p.per(|s| Some(s.runs_signal))))),
        ("sigma_signal", Type::Bool, |p| Cells::Bool(Bools::Slice(&p.c.sigma_signal))),
        ("longest_run", Type::U32, |p| Cells::U32(p.per(|s| s.longest_run))),
        ("longest_run_max", Type::U32, |p| Cells::U32(p.per(|s| s.longest_run_max))),
        ("n_crossings", Type::U32, |p| Cells::U32(p.per(|s| s.n_crossings))),
        ("n_crossings_min", Type::U32, |p| Cells::U32(p.per(|s| s.n_crossings_min))),
        ("n_obs", Type::U32, |p| Cells::U32(p.per(|s| Some(s.n_obs)))),
        ("n_useful", Type::U32, |p| Cells::U32(p.per(|s| Some(s.n_useful)))),
    ]
}

/// The per-point table (`spc chart --data`, `Chart.data`): `x`, `facet` (only when
/// faceted), `y, n, cl, lcl, ucl, lcl_95, ucl_95, target, part, baseline, include,
/// runs_signal, sigma_signal, longest_run, longest_run_max, n_crossings, n_crossings_min,
/// n_obs, n_useful`, and `cusum_lower` for CUSUM charts. x is typed (number, date or text);
/// the values of a point's part are repeated on each of its points.
pub fn chart_data(chart: &Chart) -> Schema<'_> {
    let mut t = Schema::new(chart.len());
    t.push("x", x_cells(&chart.x));
    let parts = Parts::new(chart);
    if chart.is_faceted() {
        t.push("facet", Cells::Text(parts.per(|s| s.facet.as_deref().map(Cow::Borrowed))));
    }
    for (name, _, cells) in point_columns() {
        t.push(name, cells(&parts));
    }
    if let Some(lower) = &chart.cusum_lower {
        t.push("cusum_lower", Cells::F64(Floats::Slice(lower)));
    }
    t
}

/// The summary (`spc chart --summary`, `Chart.summary`), one row per facet and part:
/// `facet, part, first_x, last_x, n_obs, n_useful, n_baseline, cl, lcl_min, lcl_max, ucl_min,
/// ucl_max, longest_run, longest_run_max, n_crossings, n_crossings_min, runs_signal,
/// n_sigma_signals` (`first_x` and `last_x` as text).
pub fn chart_summary(chart: &Chart) -> Schema<'_> {
    let s = &chart.summary;
    let mut t = Schema::new(s.len());
    t.push("facet", Cells::text(|i| s[i].facet.as_deref()))
        .push("part", Cells::u32(|i| Some(s[i].part)))
        .push("first_x", Cells::text_owned(|i| Some(chart.x.format(s[i].start))))
        .push("last_x", Cells::text_owned(|i| Some(chart.x.format(s[i].end - 1))))
        .push("n_obs", Cells::u32(|i| Some(s[i].n_obs)))
        .push("n_useful", Cells::u32(|i| Some(s[i].n_useful)))
        .push("n_baseline", Cells::u32(|i| Some(s[i].n_baseline)))
        .push("cl", Cells::f64(|i| s[i].cl))
        .push("lcl_min", Cells::f64(|i| s[i].lcl.0))
        .push("lcl_max", Cells::f64(|i| s[i].lcl.1))
        .push("ucl_min", Cells::f64(|i| s[i].ucl.0))
        .push("ucl_max", Cells::f64(|i| s[i].ucl.1))
        .push("longest_run", Cells::u32(|i| s[i].longest_run))
        .push("longest_run_max", Cells::u32(|i| s[i].longest_run_max))
        .push("n_crossings", Cells::u32(|i| s[i].n_crossings))
        .push("n_crossings_min", Cells::u32(|i| s[i].n_crossings_min))
        .push("runs_signal", Cells::bool(|i| Some(s[i].runs_signal)))
        .push("n_sigma_signals", Cells::u32(|i| Some(s[i].n_sigma_signals)));
    t
}

/// The index of the first point of `facet`.
fn facet_start(chart: &Chart, facet: Option<&str>) -> usize {
    chart.summary.iter().find(|q| q.facet.as_deref() == facet).map_or(0, |q| q.start)
}

/// The signals (`spc chart --signals`, `Chart.signals`): `rule, part, facet, first_x, last_x,
/// points, direction`; `points` lists the 1-based positions within the facet separated by
/// `;`; `facet` and `direction` are empty text when there is none.
pub fn signals<'a>(chart: &'a Chart, signals: &'a [Signal]) -> Schema<'a> {
    let part = |i: usize| &chart.summary[signals[i].group];
    let mut t = Schema::new(signals.len());
    t.push("rule", Cells::text(|i| Some(signals[i].rule.as_str())))
        .push("part", Cells::u32(move |i| Some(part(i).part)))
        .push("facet", Cells::text(move |i| Some(part(i).facet.as_deref().unwrap_or(""))))
        .push(
            "first_x",
            Cells::text_owned(move |i| {
                Some(chart.x.format(signals[i].points.first().copied().unwrap_or(part(i).start)))
            }),
        )
        .push(
            "last_x",
            Cells::text_owned(move |i| {
                Some(chart.x.format(signals[i].points.last().copied().unwrap_or(part(i).end - 1)))
            }),
        )
        .push(
            "points",
            Cells::text_owned(move |i| {
                let start = facet_start(chart, part(i).facet.as_deref());
                let pos: Vec<String> = signals[i].points.iter().map(|&p| (p - start + 1).to_string()).collect();
                Some(pos.join(";"))
            }),
        )
        .push("direction", Cells::text(|i| Some(signals[i].direction.name())));
    t
}

/// The verdicts on the parts after the first (or the points after a frozen baseline):
/// `facet, part, change (up, down, none), improvement (empty without a direction), evidence
/// (joined by "; "), split_at (1-based position within the facet), stable, sentence`.
pub fn verdicts<'a>(chart: &'a Chart, verdicts: &'a [Verdict]) -> Schema<'a> {
    let v = verdicts;
    let mut t = Schema::new(v.len());
    t.push("facet", Cells::text(|i| v[i].facet.as_deref()))
        .push("part", Cells::u32(|i| Some(v[i].part)))
        .push(
            "change",
            Cells::text(|i| {
                Some(match v[i].change {
                    Change::Up => "up",
                    Change::Down => "down",
                    Change::None => "none",
                })
            }),
        )
        .push("improvement", Cells::bool(|i| v[i].improvement))
        .push("evidence", Cells::text_owned(|i| Some(v[i].evidence.join("; "))))
        .push(
            "split_at",
            Cells::u32(|i| v[i].split_at.map(|s| (s - facet_start(chart, v[i].facet.as_deref()) + 1) as u32)),
        )
        .push("stable", Cells::bool(|i| Some(v[i].stable)))
        .push("sentence", Cells::text(|i| Some(v[i].sentence.as_str())));
    t
}
