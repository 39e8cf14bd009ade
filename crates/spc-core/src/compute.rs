//! From rows to a chart: validate, sort and aggregate by x (and facet), split into parts,
//! compute the lines of each part, run the runs analysis and collect the result.
//!
//! Data preparation follows qicharts2 `qic()` and `qic.agg()`: rows that share an x (and facet)
//! are aggregated (with a denominator y = Σy/Σn; without one by `agg`; for xbar, s and r the
//! rows of one x are the subgroup); a row with y or n missing counts as missing in both.

use std::borrow::Cow;
use std::cmp::Ordering;

use crate::error::{facet_prefix, facet_suffix, Error, Result};
use crate::input::{Input, XColumn};
use crate::kind::{Agg, ChartKind};
use crate::limits::{cl_per_part, compute_part, constant_lines, leaves_y, lines_per_part, PartIn, PartOut};
use crate::line::Line;
use crate::result::{Chart, PartSummary};
use crate::runs::runs_analysis;
use crate::spec::ChartSpec;
use crate::stats::{median_in_place, sd_na};
use crate::warnings::date_gaps;

/// The aggregated points of the whole input, ordered by facet then x.
#[derive(Default)]
struct Points<'a> {
    /// The input row of each point; empty when point i is row i (already one row per x).
    first_row: Vec<usize>,
    facet: Vec<u32>,
    part_label: Vec<u32>,
    y: Cow<'a, [f64]>,
    n: Vec<f64>,
    sum: Cow<'a, [f64]>,
    len: Vec<f64>,
    mean: Vec<f64>,
    sd: Vec<f64>,
    range: Vec<f64>,
}

/// Whether any plotted value, and any lower limit (3- or 2-sigma), of the chart is below 0.
#[derive(Default)]
struct Negative {
    y: bool,
    lcl: bool,
}

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
    let got_n = input.n.is_some();

    // Facet values, sorted as R sorts factor levels.
    let (facet_names, facet_rank) = match &input.facet {
        Some(f) => {
            let mut names: Vec<String> = f.clone();
            names.sort();
            names.dedup();
            let rank: Vec<u32> = f.iter().map(|v| names.binary_search(v).unwrap_or(0) as u32).collect();
            (Some(names), rank)
        }
        None => (None, Vec::new()),
    };
    let part_rank: Vec<u32> = match &input.part {
        Some(p) => {
            let mut names: Vec<&String> = p.iter().collect();
            names.sort();
            names.dedup();
            p.iter().map(|v| names.binary_search(&v).unwrap_or(0) as u32).collect()
        }
        None => Vec::new(),
    };

    let keys = x_keys(&input.x);
    // Fast paths: one row per x already, in order, nothing to group by: the points are the
    // rows. Without a denominator they are borrowed, not copied; with one, y/n is computed
    // row by row without the grouping.
    let rows_are_points = input.facet.is_none()
        && input.part.is_none()
        && !spec.kind.is_subgroup_chart()
        && spec.kind != ChartKind::Ip
        && !input.x.is_categorical()
        && !keys.first().is_some_and(|k| k.is_nan())
        && increasing(&keys);
    let mut missing_x = Vec::new();
    let mut rows: Vec<usize> = Vec::with_capacity(if rows_are_points { 0 } else { input.len() });
    for (i, k) in keys.iter().enumerate() {
        if rows_are_points {
            break;
        }
        if k.is_nan() {
            missing_x.push(i + 1);
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
    let sorted = rows.windows(2).all(|w| cmp(&w[0], &w[1]) != Ordering::Greater);
    if !sorted {
        rows.sort_by(cmp);
    }

    let pts = if rows_are_points {
        match &input.n {
            None => Points { y: Cow::Borrowed(&input.y), sum: Cow::Borrowed(&input.y), ..Points::default() },
            Some(n) => rows_with_n(&input.y, n, &mut warnings),
        }
    } else {
        aggregate(spec, input, &rows, &keys, &facet_rank, &part_rank, &mut warnings)
    };
    let m = pts.y.len();
    let categorical = input.x.is_categorical();
    // x of each point: the input's own when the points are the rows (cloned or taken at the end).
    let x_taken = (!pts.first_row.is_empty()).then(|| input.x.take(&pts.first_row));
    let x_view = x_taken.as_ref().unwrap_or(&input.x);

    // y and n start as the aggregated values. The lines of run and I charts are the same at
    // every point of a part and are stored once per part; the other kinds write every point
    // of their line columns (and CUSUM's lower sum), so those start zeroed: large zeroed
    // blocks come from the allocator without a pass over them, and each page is touched first
    // by its real value.
    let per_part = lines_per_part(spec.kind);
    let line = || if per_part { Line::runs() } else { Line::from_points(vec![0.0; m]) };
    // Kinds that plot the aggregated y as it is (up to `multiply`) read it from the points and
    // get it at the end, taken from the aggregated points or the input where they are owned;
    // the others (MR, C, S, EWMA, ...) write their plotted values into a copy. Likewise n,
    // which only I' writes.
    let keep_y = leaves_y(spec.kind);
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
    let mut chart = Chart {
        spec: spec.clone(),
        x: XColumn::Number(Vec::new()),
        y: if keep_y { Vec::new() } else { pts.y.to_vec() },
        n,
        cl: if cl_per_part(spec.kind) { Line::runs() } else { line() },
        lcl: line(),
        ucl: line(),
        lcl_95: line(),
        ucl_95: line(),
        baseline: vec![true; m],
        include: vec![true; m],
        sigma_signal: vec![false; m],
        group: vec![0; m],
        cusum_lower: (spec.kind == ChartKind::Cusum).then(|| vec![0.0; m]),
        summary: Vec::new(),
        categorical,
        warnings: Vec::new(),
    };

    // One facet at a time.
    let mut negative = Negative::default();
    let mut start = 0;
    while start < m {
        let facet_of = |i: usize| pts.facet.get(i).copied().unwrap_or(0);
        let f = facet_of(start);
        let end = if pts.facet.is_empty() { m } else { start + pts.facet[start..].partition_point(|&g| g == f) };
        let facet_name = facet_names.as_ref().map(|n| &n[f as usize]);
        facet(spec, &pts, start, end, facet_name, got_n, categorical, &mut chart, &mut negative, &mut warnings)?;
        if let XColumn::Date(d) = x_view {
            if let Some(w) = date_gaps(&d[start..end], chart.summary.last().and_then(|s| s.facet.as_deref())) {
                warnings.push(w);
            }
        }
        start = end;
    }

    // y.neg = FALSE: no negative lower limits when no value is negative (qicharts2 `qic.agg()`).
    // (`negative` was gathered while the columns were written: no pass over them here when
    // there is nothing to change.)
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
    chart.warnings = warnings;

    if got_n && !writes_n {
        chart.n = Line::from_points(pts.n);
    }
    let aggregated_y = match pts.y {
        Cow::Owned(y) => Some(y),
        Cow::Borrowed(_) => None,
    };
    let (x_in, y_in) = match source {
        Cow::Owned(i) => (Cow::Owned(i.x), Cow::Owned(i.y)),
        Cow::Borrowed(i) => (Cow::Borrowed(&i.x), Cow::Borrowed(i.y.as_slice())),
    };
    chart.x = x_taken.unwrap_or_else(|| x_in.into_owned());
    if keep_y {
        let mut y = aggregated_y.unwrap_or_else(|| y_in.into_owned());
        if spec.multiply != 1.0 {
            for v in &mut y {
                *v *= spec.multiply;
            }
        }
        chart.y = y;
    }
    Ok(chart)
}

/// Whether `keys` increase strictly (no NaN). One branch per block of keys rather than per key.
#[allow(clippy::needless_bitwise_bool)] // `&`, not `&&`: no branch per key in the block
fn increasing(keys: &[f64]) -> bool {
    const BLOCK: usize = 256;
    let n = keys.len();
    (0..n.saturating_sub(1)).step_by(BLOCK).all(|s| {
        let e = (s + BLOCK).min(n - 1);
        keys[s..e].iter().zip(&keys[s + 1..=e]).fold(true, |a, (x, y)| a & (x < y))
    })
}

fn list_some(rows: &[usize]) -> String {
    let shown: Vec<String> = rows.iter().take(10).map(ToString::to_string).collect();
    if rows.len() > 10 {
        format!("{}, ... ({} more)", shown.join(", "), rows.len() - 10)
    } else {
        shown.join(", ")
    }
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
            return Err(Error::NegativeDenominator { row: i + 1, value: n[i] });
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
    if !spec.multiply.is_finite() || spec.multiply == 0.0 {
        return Err(Error::InvalidArgument {
            argument: "multiply",
            reason: format!("must be a finite number other than 0, got {}", spec.multiply),
        });
    }
    for (name, v) in [("cl", spec.cl), ("target", spec.target)] {
        if let Some(v) = v {
            if !v.is_finite() {
                return Err(Error::InvalidArgument {
                    argument: if name == "cl" { "cl" } else { "target" },
                    reason: format!("must be a finite number, got {v}"),
                });
            }
        }
    }
    if spec.freeze == Some(0) {
        return Err(Error::InvalidArgument {
            argument: "freeze",
            reason: "must be at least 1 (the number of baseline points)".into(),
        });
    }
    // One branch per block rather than per value: the check is a pass over every y.
    if let Some(i) = input
        .y
        .chunks(256)
        .any(|c| c.iter().fold(false, |a, v| a | v.is_infinite()))
        .then(|| input.y.iter().position(|v| v.is_infinite()).unwrap_or(0))
    {
        return Err(Error::InvalidValue { row: i + 1, reason: format!("y is {}; values must be finite", input.y[i]) });
    }
    Ok(())
}

/// A sort key for each x: the number, the day number of a date, or the first-appearance rank
/// of a category. `NaN` for a missing x.
pub(crate) fn x_keys(x: &XColumn) -> std::borrow::Cow<'_, [f64]> {
    use std::borrow::Cow;
    Cow::Owned(match x {
        XColumn::Number(v) => return Cow::Borrowed(v),
        XColumn::Date(v) => {
            v.iter().map(|d| d.map_or(f64::NAN, |d| f64::from(chrono::Datelike::num_days_from_ce(&d)))).collect()
        }
        XColumn::Text(v) => {
            let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
            v.iter()
                .map(|s| match s {
                    None => f64::NAN,
                    Some(s) => {
                        let k = seen.len();
                        *seen.entry(s.as_str()).or_insert(k) as f64
                    }
                })
                .collect()
        }
    })
}

#[allow(clippy::too_many_arguments)]
fn aggregate<'a>(
    spec: &ChartSpec,
    input: &'a Input,
    rows: &[usize],
    keys: &[f64],
    facet_rank: &[u32],
    part_rank: &[u32],
    warnings: &mut Vec<String>,
) -> Points<'a> {
    let kind = spec.kind;
    let subgroup = kind.is_subgroup_chart();
    let n_in = input.n.as_deref();
    let got_n = n_in.is_some();
    let mut p = Points::default();
    // Number of points (rows of one x and facet are next to each other): the columns below
    // get exactly that much memory, not one slot per row.
    let same_point = |a: usize, b: usize| {
        keys[a] == keys[b] && facet_rank.get(a).copied().unwrap_or(0) == facet_rank.get(b).copied().unwrap_or(0)
    };
    let cap = usize::from(!rows.is_empty()) + rows.windows(2).filter(|w| !same_point(w[0], w[1])).count();
    let (mut ys, mut sums) = (Vec::with_capacity(cap), Vec::with_capacity(cap));
    // The number of values of each point: used by subgroup charts and I' only.
    let needs_len = subgroup || kind == ChartKind::Ip;
    let mut several_values = false;
    if needs_len {
        p.len.reserve(cap);
    }
    p.first_row.reserve(cap);
    if got_n {
        p.n.reserve(cap);
    }
    if subgroup {
        for v in [&mut p.mean, &mut p.sd, &mut p.range] {
            v.reserve(cap);
        }
    }
    if !facet_rank.is_empty() {
        p.facet.reserve(cap);
    }
    if !part_rank.is_empty() {
        p.part_label.reserve(cap);
    }
    let mut zero_den = Vec::new();
    let mut buf: Vec<f64> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let r0 = rows[i];
        let f0 = facet_rank.get(r0).copied().unwrap_or(0);
        let mut j = i + 1;
        while j < rows.len() && same_point(rows[j], r0) {
            j += 1;
        }
        let group = &rows[i..j];
        // Values of the group; with a denominator a row missing y or n is missing in both.
        buf.clear();
        let (mut sum_y, mut sum_n) = (0.0, 0.0);
        for &r in group {
            let yv = input.y[r];
            let nv = n_in.map_or(f64::NAN, |n| n[r]);
            if got_n && (yv.is_nan() || nv.is_nan()) {
                continue;
            }
            if !yv.is_nan() {
                buf.push(yv);
                sum_y += yv;
            }
            if got_n {
                sum_n += nv;
            }
        }
        let len = buf.len();
        let single_missing = group.len() == 1 && len == 0;
        let sum = if single_missing { f64::NAN } else { sum_y };
        let y = if got_n {
            if sum_n == 0.0 {
                if sum_y != 0.0 {
                    zero_den.push(r0 + 1);
                }
                f64::NAN
            } else {
                sum_y / sum_n
            }
        } else if len == 0 {
            f64::NAN
        } else if subgroup {
            sum_y / len as f64
        } else {
            match spec.agg {
                Agg::Mean => sum_y / len as f64,
                Agg::Sum => sum_y,
                // buf is refilled for the next x; its order does not matter here.
                Agg::Median => median_in_place(&mut buf),
            }
        };
        p.first_row.push(r0);
        if !facet_rank.is_empty() {
            p.facet.push(f0);
        }
        if !part_rank.is_empty() {
            p.part_label.push(part_rank[r0]);
        }
        ys.push(y);
        if got_n {
            p.n.push(sum_n);
        }
        sums.push(sum);
        several_values |= len > 1;
        if needs_len {
            p.len.push(len as f64);
        }
        if subgroup {
            p.mean.push(if len == 0 { f64::NAN } else { sum_y / len as f64 });
            p.sd.push(sd_na(&buf));
            let (lo, hi) = buf.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
            p.range.push(if len == 0 { f64::NAN } else { hi - lo });
        }
        i = j;
    }
    warn_zero_denominators(&zero_den, warnings);
    if !got_n && !subgroup && kind != ChartKind::C && several_values {
        warnings.push(format!("some x values have more than one row; they were aggregated using {}()", spec.agg));
    }
    p.y = Cow::Owned(ys);
    p.sum = Cow::Owned(sums);
    p
}

/// The points of a series with a denominator that is already one row per x, in order: each
/// row is its own point, with exactly the values [`aggregate`] gives a group of one row
/// (y = y/n; a row missing y or n is missing, with n = 0; 0/0 is missing), without grouping.
fn rows_with_n<'a>(y_in: &'a [f64], n_in: &[f64], warnings: &mut Vec<String>) -> Points<'a> {
    let len = y_in.len();
    // The sum of a point is its y, unless a row has a y but no n, or y is -0 (0 + -0 = 0).
    let sums_are_y =
        y_in.iter().zip(n_in).all(|(&y, &n)| (!n.is_nan() || y.is_nan()) && !(y == 0.0 && y.is_sign_negative()));
    let (mut ys, mut ns) = (Vec::with_capacity(len), Vec::with_capacity(len));
    let mut sums = Vec::with_capacity(if sums_are_y { 0 } else { len });
    let mut zero_den = Vec::new();
    for (r, (&yv, &nv)) in y_in.iter().zip(n_in).enumerate() {
        let (y, n, sum) = if yv.is_nan() || nv.is_nan() {
            (f64::NAN, 0.0, f64::NAN)
        } else {
            // As the sums of `aggregate`, which start at 0.
            let (sum_y, sum_n) = (0.0 + yv, 0.0 + nv);
            let y = if sum_n == 0.0 {
                if sum_y != 0.0 {
                    zero_den.push(r + 1);
                }
                f64::NAN
            } else {
                sum_y / sum_n
            };
            (y, sum_n, sum_y)
        };
        ys.push(y);
        ns.push(n);
        if !sums_are_y {
            sums.push(sum);
        }
    }
    warn_zero_denominators(&zero_den, warnings);
    Points {
        y: Cow::Owned(ys),
        n: ns,
        sum: if sums_are_y { Cow::Borrowed(y_in) } else { Cow::Owned(sums) },
        ..Points::default()
    }
}

fn warn_zero_denominators(rows: &[usize], warnings: &mut Vec<String>) {
    if !rows.is_empty() {
        warnings.push(format!(
            "{} point(s) have a denominator of 0 but a numerator other than 0; they are shown as missing: row(s) {}",
            rows.len(),
            list_some(rows)
        ));
    }
}

fn slice<T>(v: &[T], a: usize, b: usize) -> &[T] {
    if v.is_empty() {
        &[]
    } else {
        &v[a..b]
    }
}

/// Computes the parts of one facet: points `start..end` of `pts`.
#[allow(clippy::too_many_arguments)]
fn facet(
    spec: &ChartSpec,
    pts: &Points<'_>,
    start: usize,
    end: usize,
    facet_name: Option<&String>,
    got_n: bool,
    categorical: bool,
    chart: &mut Chart,
    negative: &mut Negative,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let m = end - start;
    let fname = facet_name.map(String::as_str);
    // Part boundaries (0-based starts within the facet).
    let mut starts = vec![0usize];
    if !pts.part_label.is_empty()
        && chart.spec.part.is_empty()
        && pts.part_label[start..end].iter().any(|&l| l != pts.part_label[start])
    {
        for k in 1..m {
            if pts.part_label[start + k] != pts.part_label[start + k - 1] {
                starts.push(k);
            }
        }
    }
    let mut positions = spec.part.clone();
    positions.sort_unstable();
    positions.dedup();
    for &pos in &positions {
        if pos == 0 || pos >= m {
            return Err(Error::PartOutOfRange { position: pos, max: m.saturating_sub(1), facet: facet_prefix(fname) });
        }
        starts.push(pos);
    }
    for &e in &spec.exclude {
        if e == 0 || e > m {
            return Err(Error::ExcludeOutOfRange { position: e, max: m, facet: facet_prefix(fname) });
        }
        chart.include[start + e - 1] = false;
    }
    if let Some(k) = spec.freeze {
        if k > m {
            return Err(Error::FreezeBeyondData { freeze: k, points: m, facet: facet_prefix(fname) });
        }
    }
    let n_parts = starts.len();
    if let Some(fp) = &spec.freeze_part {
        if fp.len() != n_parts {
            return Err(Error::FreezePartCount { got: fp.len(), parts: n_parts, facet: facet_suffix(fname) });
        }
    }
    for (pi, &ps) in starts.iter().enumerate() {
        let pe = starts.get(pi + 1).copied().unwrap_or(m);
        let (a, b) = (start + ps, start + pe);
        let freeze_k = match (&spec.freeze_part, spec.freeze) {
            (Some(fp), _) => {
                if fp[pi] > pe - ps {
                    return Err(Error::FreezeBeyondData {
                        freeze: fp[pi],
                        points: pe - ps,
                        facet: format!("{}part {}: ", facet_prefix(fname), pi + 1),
                    });
                }
                (fp[pi] > 0).then_some(fp[pi])
            }
            (None, Some(k)) => Some(k),
            (None, None) => None,
        };
        if let Some(k) = freeze_k {
            for i in a..b {
                chart.baseline[i] = i - a < k;
            }
        }
        // Baseline and included; without a freeze every point is in the baseline, and without
        // an exclusion in the part every point is included.
        let all_included = !spec.exclude.iter().any(|&e| (a..b).contains(&(start + e - 1)));
        let all_base = all_included && freeze_k.is_none();
        let base: Cow<'_, [bool]> = if freeze_k.is_some() {
            Cow::Owned(
                chart.baseline[a..b].iter().zip(&chart.include[a..b]).map(|(&in_base, &inc)| in_base && inc).collect(),
            )
        } else {
            Cow::Borrowed(&chart.include[a..b])
        };
        let pin = PartIn {
            y: &pts.y[a..b],
            n: slice(&pts.n, a, b),
            sum: &pts.sum[a..b],
            len: slice(&pts.len, a, b),
            mean: slice(&pts.mean, a, b),
            sd: slice(&pts.sd, a, b),
            range: slice(&pts.range, a, b),
            base: &base,
            got_n,
            cl_fixed: spec.cl,
            screen_mr: spec.screen_mr,
            categorical,
            spec,
        };
        // Run and I charts: the lines, computed first, as they may count the values on the way.
        let constant = constant_lines(spec.kind, &pin, all_base);
        let n_baseline_y = if let Some(n) = constant.and_then(|c| c.n_present) {
            n
        } else if all_base {
            pin.y.iter().filter(|y| !y.is_nan()).count()
        } else {
            base.iter().zip(pin.y).filter(|(&in_base, y)| in_base && !y.is_nan()).count()
        };
        let needed = match spec.kind {
            ChartKind::I | ChartKind::T | ChartKind::Mr | ChartKind::Pp | ChartKind::Up | ChartKind::Ip => 2,
            ChartKind::Ewma | ChartKind::Cusum if spec.sigma.is_none() => 2,
            _ => 1,
        };
        if n_baseline_y < needed {
            return Err(Error::TooFewPoints {
                what: format!(
                    "the centre line and limits of {} {} chart",
                    if spec.kind == ChartKind::I { "an" } else { "a" },
                    spec.kind.name().to_uppercase()
                ),
                needed,
                got: n_baseline_y,
                facet: format!(" in {}part {} (non-missing, included baseline points)", facet_prefix(fname), pi + 1),
            });
        }
        let mul = spec.multiply;
        let fin = |v: f64| if v.is_finite() { v * mul } else { f64::NAN };
        let group = chart.summary.len() as u32;
        if group != 0 {
            chart.group[a..b].fill(group);
        }
        let mut n_sig = 0;
        let (mut lmin, mut lmax, mut umin, mut umax) =
            (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
        let (sigma, runs, n_baseline, cl_last);
        if let Some(lines) = constant {
            // Run and I charts: the lines are the same at every point and y is left as it is,
            // so each column is written once with its final value, with no per-point pass
            // through `PartOut` and the scaling loop below (same values, same order of
            // operations as `PartOut::around` followed by that loop).
            let (c, s) = (lines.cl, lines.sigma);
            sigma = lines.reported_sigma;
            // (An empty `include` is every point.)
            let include: &[bool] = if all_included { &[] } else { &chart.include[a..b] };
            runs = lines.runs.unwrap_or_else(|| runs_analysis(pin.y, &[c], include, spec.method));
            n_baseline = n_baseline_y as u32;
            let (cl, lcl, ucl, lcl_95, ucl_95) =
                (fin(c), fin(c - 3.0 * s), fin(c + 3.0 * s), fin(c - 2.0 * s), fin(c + 2.0 * s));
            chart.cl.push_run(cl, b);
            chart.lcl.push_run(lcl, b);
            chart.ucl.push_run(ucl, b);
            chart.lcl_95.push_run(lcl_95, b);
            chart.ucl_95.push_run(ucl_95, b);
            cl_last = cl;
            negative.lcl |= lcl < 0.0 || lcl_95 < 0.0;
            let mut neg_y = false;
            // y itself is scaled at the end (`compute_from`).
            for (&y, sig_out) in pin.y.iter().zip(&mut chart.sigma_signal[a..b]) {
                let v = y * mul;
                let sig = v > ucl || v < lcl;
                // The column starts as false: write only signals, so that pages without
                // one are never touched.
                if sig {
                    *sig_out = true;
                }
                n_sig += u32::from(sig);
                neg_y |= v < 0.0;
            }
            negative.y |= neg_y;
            if b > a {
                if !lcl.is_nan() {
                    (lmin, lmax) = (lmin.min(lcl), lmax.max(lcl));
                }
                if !ucl.is_nan() {
                    (umin, umax) = (umin.min(ucl), umax.max(ucl));
                }
            }
        } else {
            let (Some(lcl), Some(ucl), Some(lcl_95), Some(ucl_95)) =
                (chart.lcl.points_mut(), chart.ucl.points_mut(), chart.lcl_95.points_mut(), chart.ucl_95.points_mut())
            else {
                unreachable!("the lines of every kind but run and I are stored per point")
            };
            let keep_y = leaves_y(spec.kind);
            // `None`: the centre line is kept once per part (`cl_per_part`).
            let mut cl_points = chart.cl.points_mut();
            let mut out = PartOut {
                // Kinds that leave y as it is read it from the points (`pin.y`).
                y: if keep_y { &mut [] } else { &mut chart.y[a..b] },
                // Stored per point where I' writes it.
                n: match chart.n.points_mut() {
                    Some(n) if spec.kind == ChartKind::Ip => &mut n[a..b],
                    _ => &mut [],
                },
                cl: match cl_points.as_mut() {
                    Some(cl) => &mut cl[a..b],
                    None => &mut [],
                },
                lcl: &mut lcl[a..b],
                ucl: &mut ucl[a..b],
                lcl_95: &mut lcl_95[a..b],
                ucl_95: &mut ucl_95[a..b],
                lower: match chart.cusum_lower.as_mut() {
                    Some(v) => &mut v[a..b],
                    None => &mut [],
                },
                cl_const: f64::NAN,
                sigma: f64::NAN,
            };
            compute_part(spec.kind, &pin, &mut out, &|i| pts.first_row.get(a + i).copied().unwrap_or(a + i) + 1)?;
            sigma = out.sigma;
            let cl_const = out.cl_const;
            let y_part: &[f64] = if keep_y { pin.y } else { &chart.y[a..b] };
            let cl_part: &[f64] = match &cl_points {
                Some(cl) => &cl[a..b],
                None => std::slice::from_ref(&cl_const),
            };
            runs = runs_analysis(y_part, cl_part, &chart.include[a..b], spec.method);
            n_baseline = (0..b - a).filter(|&i| base[i] && !y_part[i].is_nan()).count() as u32;
            for i in a..b {
                let y = if keep_y { pin.y[i - a] } else { chart.y[i] } * mul;
                if !keep_y {
                    chart.y[i] = y;
                }
                if let Some(cl) = cl_points.as_mut() {
                    cl[i] = fin(cl[i]);
                }
                let (lo, hi, lo_95) = (fin(lcl[i]), fin(ucl[i]), fin(lcl_95[i]));
                lcl[i] = lo;
                ucl[i] = hi;
                lcl_95[i] = lo_95;
                ucl_95[i] = fin(ucl_95[i]);
                negative.y |= y < 0.0;
                negative.lcl |= lo < 0.0 || lo_95 < 0.0;
                let mut sig = y > hi || y < lo;
                if let Some(lower) = chart.cusum_lower.as_mut() {
                    lower[i] *= mul;
                    sig |= lower[i] < lo;
                }
                // The columns start as 0 and false: write only what differs, so that pages
                // without a signal (or of group 0) are never touched.
                if sig {
                    chart.sigma_signal[i] = true;
                }
                n_sig += u32::from(sig);
                if !lo.is_nan() {
                    lmin = lmin.min(lo);
                    lmax = lmax.max(lo);
                }
                if !hi.is_nan() {
                    umin = umin.min(hi);
                    umax = umax.max(hi);
                }
            }
            cl_last = if let Some(cl) = cl_points {
                cl[a..b].iter().rev().copied().find(|v| !v.is_nan()).unwrap_or(f64::NAN)
            } else {
                let c = fin(cl_const);
                chart.cl.push_run(c, b);
                c
            };
        }
        let runs_signal = runs.signal && !categorical && !spec.kind.no_runs_analysis();
        let nan_if_inf = |v: f64| if v.is_finite() { v } else { f64::NAN };
        let where_ = format!("{}part {}", facet_prefix(fname), pi + 1);
        if spec.kind.has_limits() && (n_baseline as usize) < spec.min_points_limits {
            warnings.push(format!(
                "{where_}: the limits rest on {n_baseline} baseline point(s); at least {} are needed for trustworthy limits (methods.md §8), so treat them as provisional",
                spec.min_points_limits
            ));
        }
        if !categorical && !spec.kind.no_runs_analysis() && runs.n_useful < 10 {
            warnings.push(format!(
                "{where_}: only {} useful point(s) for the runs analysis; at least 10 are needed for it to be reliable",
                runs.n_useful
            ));
        }
        chart.summary.push(PartSummary {
            facet: facet_name.cloned(),
            part: (pi + 1) as u32,
            start: a,
            end: b,
            n_obs: runs.n_obs,
            n_useful: runs.n_useful,
            n_baseline,
            longest_run: runs.longest_run,
            longest_run_max: runs.longest_run_max,
            n_crossings: runs.n_crossings,
            n_crossings_min: runs.n_crossings_min,
            runs_signal,
            cl: cl_last,
            lcl: (nan_if_inf(lmin), nan_if_inf(lmax)),
            ucl: (nan_if_inf(umin), nan_if_inf(umax)),
            n_sigma_signals: n_sig,
            sigma,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::increasing;

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
