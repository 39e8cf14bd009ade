//! From rows to a chart: validate, sort and aggregate by x (and facet), split into parts,
//! compute the lines of each part, run the runs analysis and collect the result.
//!
//! Data preparation follows qicharts2 `qic()` and `qic.agg()`: rows that share an x (and facet)
//! are aggregated (with a denominator y = Σy/Σn; without one by `agg`; for xbar, s and r the
//! rows of one x are the subgroup); a row with y or n missing counts as missing in both.

mod parts;
mod points;

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::error::{Error, Location, Result};
use crate::flags::Flags;
use crate::input::{Input, XColumn};
use crate::kind::ChartKind;
use crate::limits::{cl_per_part, leaves_y, lines_per_part};
use crate::line::Line;
use crate::result::Chart;
use crate::spec::ChartSpec;
use crate::values::Values;
use crate::warnings::{counts_above_denominators, date_gaps, list_some};

use parts::{facet, Facet, Negative};
pub(crate) use points::x_keys;
use points::{aggregate, rows_with_n, Points, Rows};

/// Computes a chart from `input` as `spec` says.
pub fn compute(spec: &ChartSpec, input: &Input) -> Result<Chart> {
    compute_from(spec, Cow::Borrowed(input))
}

/// Computes a chart from `input` as `spec` says, taking the input: a run or I chart keeps
/// the input's x and y columns (or its aggregated points) instead of copying them, so the
/// result adds little to the memory the data already takes. Same result as [`compute`].
pub fn compute_owned(spec: &ChartSpec, input: Input) -> Result<Chart> {
    compute_from(spec, Cow::Owned(input))
}

fn compute_from(spec: &ChartSpec, source: Cow<'_, Input>) -> Result<Chart> {
    let input: &Input = &source;
    validate(spec, input)?;
    let mut warnings = Vec::new();
    warnings.extend(counts_above_denominators(spec.kind, input));
    let (facet_names, facet_rank) = facet_ranks(input);
    let part_rank = part_ranks(input);
    let keys = x_keys(&input.x);
    let plan = Plan::new(spec, input, &keys);
    if !plan.y_checked_by_lines {
        check_finite_y(&input.y).map_err(|e| in_rows(e, input))?;
    }
    let rows = if plan.rows_are_points || plan.rows_in_order {
        Vec::new()
    } else {
        listed_rows(input, &keys, &facet_rank, &mut warnings)
    };
    let pts = if plan.rows_are_points {
        match &input.n {
            None => Points { y: Cow::Borrowed(&input.y), sum: Cow::Borrowed(&input.y), ..Points::default() },
            Some(n) => rows_with_n(&input.y, n, &|r| input.row_number(r), &mut warnings),
        }
    } else {
        let order = if plan.rows_in_order { Rows::InOrder(input.len()) } else { Rows::Listed(&rows) };
        aggregate(spec, input, order, &keys, &facet_rank, &part_rank, &mut warnings)
    };
    let categorical = input.x.is_categorical();
    // x of each point: the input's own when the points are the rows (cloned or taken at the end).
    let x_taken = (!pts.first_row.is_empty()).then(|| input.x.take(&pts.first_row));
    let x_view = x_taken.as_ref().unwrap_or(&input.x);
    let mut chart = empty_chart(spec, &pts, input.n.is_some(), categorical);

    // One facet at a time.
    let (m, mut negative, mut start) = (pts.y.len(), Negative::default(), 0);
    while start < m {
        let f = pts.facet.get(start).copied().unwrap_or(0);
        let end = if pts.facet.is_empty() { m } else { start + pts.facet[start..].partition_point(|&g| g == f) };
        let part = Facet {
            spec,
            pts: &pts,
            start,
            end,
            name: facet_names.as_ref().map(|n| &n[f as usize]),
            got_n: input.n.is_some(),
            categorical,
            y_unchecked: plan.y_checked_by_lines,
        };
        facet(&part, &mut chart, &mut negative, &mut warnings).map_err(|e| in_rows(e, input))?;
        if let XColumn::Date(d) = x_view {
            if let Some(w) = date_gaps(&d[start..end], chart.summary.last().and_then(|s| s.facet.as_deref())) {
                warnings.push(w);
            }
        }
        start = end;
    }
    no_negative_lower_limits(spec, &negative, &mut chart);
    chart.warnings = warnings;
    if input.n.is_some() && spec.kind != ChartKind::Ip {
        chart.n = Line::from_points(pts.n);
    }
    let aggregated_y = match pts.y {
        Cow::Owned(y) => Some(Values::from(y)),
        Cow::Borrowed(_) => None,
    };
    Ok(finish(spec, chart, aggregated_y, source, x_taken))
}

/// Facet values sorted as R sorts factor levels, and each row's rank among them.
fn facet_ranks(input: &Input) -> (Option<Vec<String>>, Vec<u32>) {
    match &input.facet {
        Some(f) => {
            let mut names: Vec<String> = f.clone();
            names.sort();
            names.dedup();
            let rank: Vec<u32> = f.iter().map(|v| names.binary_search(v).unwrap_or(0) as u32).collect();
            (Some(names), rank)
        }
        None => (None, Vec::new()),
    }
}

/// Each row's rank among the sorted values of the part column (empty without one).
fn part_ranks(input: &Input) -> Vec<u32> {
    match &input.part {
        Some(p) => {
            let mut names: Vec<&String> = p.iter().collect();
            names.sort();
            names.dedup();
            p.iter().map(|v| names.binary_search(&v).unwrap_or(0) as u32).collect()
        }
        None => Vec::new(),
    }
}

/// How the rows become points: the shortcuts the input allows.
struct Plan {
    /// One row per x already, in order, nothing to group by: the points are the rows. Without
    /// a denominator they are borrowed, not copied; with one, y/n is computed row by row
    /// without the grouping.
    rows_are_points: bool,
    /// Every y must be finite. An I chart, or a run chart without a given centre line, of one
    /// part whose points are the rows, all in the baseline, reads every y in its first pass
    /// anyway (the sum, which is finite only when no y is infinite; the median's pass): the
    /// check is left to that pass (`parts::part`), which names the row as this check would.
    /// Other charts check first, before any other error can come up.
    y_checked_by_lines: bool,
    /// Rows whose x only ever goes up (subgroups of X-bar, S and R charts given in order, or
    /// repeated x to aggregate), without facets or parts: grouped in place, with no list of
    /// rows to build and sort.
    rows_in_order: bool,
}

impl Plan {
    fn new(spec: &ChartSpec, input: &Input, keys: &[f64]) -> Plan {
        let rows_are_points = input.facet.is_none()
            && input.part.is_none()
            && !spec.kind.is_subgroup_chart()
            && spec.kind != ChartKind::Ip
            && !input.x.is_categorical()
            && !keys.first().is_some_and(|k| k.is_nan())
            && increasing(keys);
        let y_checked_by_lines = rows_are_points
            && (spec.kind == ChartKind::I || spec.kind == ChartKind::Run && spec.cl.is_none())
            && input.n.is_none()
            && spec.freeze.is_none()
            && spec.freeze_part.is_none()
            && spec.exclude.is_empty()
            && spec.part.is_empty();
        let rows_in_order = !rows_are_points
            && input.facet.is_none()
            && input.part.is_none()
            && !input.x.is_categorical()
            && non_decreasing(keys);
        Plan { rows_are_points, y_checked_by_lines, rows_in_order }
    }
}

/// The rows with an x, sorted by facet and x (a warning names those without one, as the
/// input's file numbers them).
fn listed_rows(input: &Input, keys: &[f64], facet_rank: &[u32], warnings: &mut Vec<String>) -> Vec<usize> {
    let mut missing_x = Vec::new();
    let mut rows: Vec<usize> = Vec::with_capacity(keys.len());
    for (i, k) in keys.iter().enumerate() {
        if k.is_nan() {
            missing_x.push(input.row_number(i));
        } else {
            rows.push(i);
        }
    }
    if !missing_x.is_empty() {
        warnings.push(format!(
            "{} row(s) with a missing x were left out (they cannot be placed on the x axis): row(s) {}",
            missing_x.len(),
            list_some(&missing_x)
        ));
    }
    let fr = |i: usize| facet_rank.get(i).copied().unwrap_or(0);
    let cmp = |a: &usize, b: &usize| fr(*a).cmp(&fr(*b)).then(keys[*a].total_cmp(&keys[*b]));
    if !rows.windows(2).all(|w| cmp(&w[0], &w[1]) != Ordering::Greater) {
        rows.sort_by(cmp);
    }
    rows
}

/// The chart's columns before its parts are filled in.
///
/// y and n start as the aggregated values. The lines of run and I charts are the same at
/// every point of a part and are stored once per part; the other kinds write every point of
/// their line columns (and CUSUM's lower sum), so those start zeroed: large zeroed blocks come
/// from the allocator without a pass over them, and each page is touched first by its real
/// value. Kinds that plot the aggregated y as it is (up to `multiply`) read it from the points
/// and get it at the end ([`finish`]); the others (MR, C, S, EWMA, ...) write their plotted
/// values into a copy. Likewise n, which only I' writes.
fn empty_chart(spec: &ChartSpec, pts: &Points<'_>, got_n: bool, categorical: bool) -> Chart {
    let m = pts.y.len();
    let per_part = lines_per_part(spec.kind);
    let line = || if per_part { Line::runs() } else { Line::from_points(vec![0.0; m]) };
    let writes_n = spec.kind == ChartKind::Ip;
    let n = if got_n && !writes_n {
        Line::from_points(Vec::new())
    } else if got_n {
        Line::from_points(pts.n.clone())
    } else if writes_n {
        // I' without a denominator writes n (the number of values of each x).
        Line::from_points(vec![f64::NAN; m])
    } else {
        Line::constant(f64::NAN, m)
    };
    Chart {
        spec: spec.clone(),
        x: XColumn::Number(Values::default()),
        y: if leaves_y(spec.kind) { Values::default() } else { pts.y.to_vec().into() },
        n,
        cl: if cl_per_part(spec.kind) { Line::runs() } else { line() },
        lcl: line(),
        ucl: line(),
        lcl_95: line(),
        ucl_95: line(),
        baseline: Flags::all(true, m),
        include: Flags::all(true, m),
        sigma_signal: vec![false; m],
        cusum_lower: (spec.kind == ChartKind::Cusum).then(|| vec![0.0; m]),
        summary: Vec::new(),
        categorical,
        warnings: Vec::new(),
    }
}

/// y.neg = FALSE: no negative lower limits when no value is negative (qicharts2 `qic.agg()`).
/// (`negative` was gathered while the columns were written: no pass over them here when
/// there is nothing to change.)
fn no_negative_lower_limits(spec: &ChartSpec, negative: &Negative, chart: &mut Chart) {
    if !spec.y_neg && !negative.y {
        if negative.lcl {
            let floor = |v: f64| if v < 0.0 { 0.0 } else { v };
            chart.lcl.map_in_place(floor);
            chart.lcl_95.map_in_place(floor);
        }
        for s in &mut chart.summary {
            s.lcl = (s.lcl.0.max(0.0), s.lcl.1.max(0.0));
        }
    }
}

/// Hands the chart its x and y: taken from an owned input (shared values stay shared), cloned
/// from a borrowed one (a shared column's clone shares it too), or the aggregated points' own
/// (`x_taken`, `aggregated_y`); y scaled by `multiply` where the kind plots it as it is.
fn finish(
    spec: &ChartSpec,
    mut chart: Chart,
    aggregated_y: Option<Values>,
    source: Cow<'_, Input>,
    x_taken: Option<XColumn>,
) -> Chart {
    let keep_y = leaves_y(spec.kind);
    let (x, y) = match source {
        Cow::Owned(i) => (x_taken.unwrap_or(i.x), keep_y.then(|| aggregated_y.unwrap_or(i.y))),
        Cow::Borrowed(i) => {
            (x_taken.unwrap_or_else(|| i.x.clone()), keep_y.then(|| aggregated_y.unwrap_or_else(|| i.y.clone())))
        }
    };
    chart.x = x;
    if let Some(mut y) = y {
        if spec.multiply != 1.0 {
            for v in y.iter_mut() {
                *v *= spec.multiply;
            }
        }
        chart.y = y;
    }
    chart
}

/// Values tested per branch by the checks that read every row (finite y, increasing x).
const BLOCK: usize = 256;

/// Whether `keys` increase strictly (no NaN).
fn increasing(keys: &[f64]) -> bool {
    neighbours_all(keys, |x, y| x < y)
}

/// Whether `keys` never go down (no NaN).
fn non_decreasing(keys: &[f64]) -> bool {
    neighbours_all(keys, |x, y| x <= y) && !keys.first().is_some_and(|k| k.is_nan())
}

/// Whether `ok(key, next key)` holds for every pair of neighbours. One branch per block of
/// keys rather than per key.
#[allow(clippy::needless_bitwise_bool)] // `&`, not `&&`: no branch per key in the block
fn neighbours_all(keys: &[f64], ok: impl Fn(f64, f64) -> bool) -> bool {
    let n = keys.len();
    (0..n.saturating_sub(1)).step_by(BLOCK).all(|s| {
        let e = (s + BLOCK).min(n - 1);
        keys[s..e].iter().zip(&keys[s + 1..=e]).fold(true, |a, (&x, &y)| a & ok(x, y))
    })
}

fn validate(spec: &ChartSpec, input: &Input) -> Result<()> {
    let len = input.y.len();
    if input.x.len() != len {
        return Err(Error::LengthMismatch { what: "x", got: input.x.len(), expected: len });
    }
    if let Some(n) = &input.n {
        if n.len() != len {
            return Err(Error::LengthMismatch { what: "n", got: n.len(), expected: len });
        }
        if let Some(i) = n.iter().position(|&v| v < 0.0) {
            return Err(Error::NegativeDenominator { at: Location::cell(input.row_number(i), "n"), value: n[i] });
        }
    } else if spec.kind.needs_denominator() {
        return Err(Error::MissingDenominator { chart: spec.kind.to_string() });
    }
    if let Some(f) = &input.facet {
        if f.len() != len {
            return Err(Error::LengthMismatch { what: "facet", got: f.len(), expected: len });
        }
    }
    if let Some(p) = &input.part {
        if p.len() != len {
            return Err(Error::LengthMismatch { what: "part", got: p.len(), expected: len });
        }
        if !spec.part.is_empty() {
            return Err(Error::InvalidArgument {
                argument: "part",
                reason: "give part positions or a part column, not both".into(),
            });
        }
    }
    spec.validate()?;
    Ok(())
}

/// The error of the first infinite y (row i + 1 for `y[i]`: see [`in_rows`]), if any. One
/// branch per block of values rather than per value; then the value within its block.
pub(super) fn check_finite_y(y: &[f64]) -> Result<()> {
    if let Some(b) = y.chunks(BLOCK).position(|c| c.iter().fold(false, |any, v| any | v.is_infinite())) {
        let i = b * BLOCK + y[b * BLOCK..].iter().position(|v| v.is_infinite()).unwrap_or(0);
        return Err(Error::InvalidValue {
            at: Location::cell(i + 1, "y"),
            reason: format!("value is {}; values must be finite", y[i]),
        });
    }
    Ok(())
}

/// An error about the value at position r (1-based) of the input's rows, numbered as the
/// input numbers them (the rows of its file, [`Input::rows`]).
fn in_rows(e: Error, input: &Input) -> Error {
    match &input.rows {
        Some(rows) => e.renumbered(rows),
        None => e,
    }
}

#[cfg(test)]
mod tests {
    use super::increasing;
    use crate::{ChartKind, ChartSpec, Input};

    /// Without `multiply` the limits that vary by point are finished by `parts::finish_limits`
    /// (read, written only where infinite); with `multiply` 2 by the general loop. Doubling is
    /// exact, so the two must agree to the bit: limits, marks, counts and ranges, with zero
    /// denominators (infinite sigma: missing limits), points outside and a frozen baseline.
    #[test]
    fn limits_by_point_are_finished_alike_with_and_without_multiply() {
        let len = 300;
        let n: Vec<f64> =
            (0..len).map(|i| if i % 50 == 7 { 0.0 } else { f64::from(20 + (i * 7 % 30) as u32) }).collect();
        let y: Vec<f64> = (0..len)
            .map(|i| {
                if n[i] == 0.0 {
                    0.0
                } else {
                    (n[i] * if i % 41 == 3 { 0.9 } else { 0.2 + 0.01 * f64::from((i % 9) as u32) }).round()
                }
            })
            .collect();
        for kind in [ChartKind::P, ChartKind::U, ChartKind::Pp] {
            for freeze in [None, Some(100)] {
                let input = Input::from_y(y.clone()).with_n(n.clone());
                let one = ChartSpec { freeze, ..ChartSpec::new(kind) }.compute(&input).expect("valid");
                let two = ChartSpec { freeze, multiply: 2.0, ..ChartSpec::new(kind) }.compute(&input).expect("valid");
                let same = |a: f64, b: f64| (2.0 * a).to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
                for i in 0..len {
                    for (a, b) in [
                        (one.lcl[i], two.lcl[i]),
                        (one.ucl[i], two.ucl[i]),
                        (one.lcl_95[i], two.lcl_95[i]),
                        (one.ucl_95[i], two.ucl_95[i]),
                    ] {
                        assert!(same(a, b), "{kind:?} {freeze:?} point {i}: {a} vs {b}");
                    }
                }
                assert!(one.lcl.iter().any(f64::is_nan) && one.sigma_signal.iter().any(|&s| s), "{kind:?}");
                assert_eq!(one.sigma_signal, two.sigma_signal, "{kind:?} {freeze:?}");
                for (s1, s2) in one.summary.iter().zip(&two.summary) {
                    assert_eq!(s1.n_sigma_signals, s2.n_sigma_signals);
                    assert!(
                        same(s1.lcl.0, s2.lcl.0)
                            && same(s1.lcl.1, s2.lcl.1)
                            && same(s1.ucl.0, s2.ucl.0)
                            && same(s1.ucl.1, s2.ucl.1)
                    );
                }
            }
        }
    }

    /// The points outside the limits are marked 64 at a time (`parts::outside`): the marks
    /// and their count are those of comparing each point with its limits, at block edges, in
    /// the last, partial block, with `multiply`, and in a frozen baseline (lines per part).
    #[test]
    fn points_outside_are_marked_at_block_edges() {
        let len = 1000; // 15 blocks of 64 and 40 points
        let mut y: Vec<f64> = (0..len).map(|i| f64::from((i * 37 % 11) as u32) - 5.0).collect();
        for (at, v) in [
            (0, 60.0),
            (63, -60.0),
            (64, 60.0),
            (127, 61.0),
            (128, -70.0),
            (500, 80.0),
            (959, 90.0),
            (960, -90.0),
            (999, 99.0),
        ] {
            y[at] = v;
        }
        y[300] = f64::NAN;
        for spec in [
            ChartSpec::new(ChartKind::I),
            ChartSpec { multiply: 2.5, ..ChartSpec::new(ChartKind::I) },
            ChartSpec { freeze: Some(200), ..ChartSpec::new(ChartKind::I) },
        ] {
            let c = spec.compute(&Input::from_y(y.clone())).expect("valid");
            let expected: Vec<usize> = (0..len).filter(|&i| c.y[i] > c.ucl[i] || c.y[i] < c.lcl[i]).collect();
            let marked: Vec<usize> = (0..len).filter(|&i| c.sigma_signal[i]).collect();
            assert!(expected.len() >= 9, "{expected:?}");
            assert_eq!(marked, expected);
            assert_eq!(c.summary.iter().map(|s| s.n_sigma_signals as usize).sum::<usize>(), expected.len());
        }
    }

    #[test]
    fn increasing_checks_every_pair_across_blocks() {
        let up: Vec<f64> = (0..1000).map(f64::from).collect();
        assert!(increasing(&up));
        assert!(increasing(&[]) && increasing(&[1.0]));
        // A tie, a step down or a NaN at each position, including block edges.
        for at in [1, 255, 256, 257, 511, 512, 999] {
            for bad in [up[at - 1], up[at - 1] - 0.5, f64::NAN] {
                let mut v = up.clone();
                v[at] = bad;
                assert!(!increasing(&v), "{bad} at {at}");
            }
        }
        let mut v = up.clone();
        v[0] = f64::NAN;
        assert!(!increasing(&v));
    }
}
