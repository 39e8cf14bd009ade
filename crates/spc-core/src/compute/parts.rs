//! The parts of one facet: their lines, runs analysis, signals and summary rows.

use std::borrow::Cow;

use crate::error::{facet_prefix, facet_suffix, Error, Result};
use crate::kind::ChartKind;
use crate::limits::{compute_part, constant_lines, leaves_y, ConstantLines, PartIn, PartOut};
use crate::result::{Chart, PartSummary};
use crate::runs::{runs_analysis, Runs};
use crate::spec::ChartSpec;

use super::points::Points;

/// Whether any plotted value, and any lower limit (3- or 2-sigma), of the chart is below 0.
#[derive(Default)]
pub(super) struct Negative {
    pub(super) y: bool,
    pub(super) lcl: bool,
}

fn slice<T>(v: &[T], a: usize, b: usize) -> &[T] {
    if v.is_empty() {
        &[]
    } else {
        &v[a..b]
    }
}

/// What [`finish_limits`] found.
struct Finished {
    n_sig: u32,
    negative_y: bool,
    negative_lcl: bool,
    lmin: f64,
    lmax: f64,
    umin: f64,
    umax: f64,
}

/// The per-point pass of a part whose lines vary by point, without `multiply`: an infinite
/// limit becomes missing (the only change the scaling makes at `multiply` 1), and the points
/// outside the limits are marked in `sig` (which starts as all false). Returns their number,
/// whether any y or lower limit is negative, and the range of each limit. The same values as
/// the general loop in [`facet`], with the limit columns written only where a limit changes.
fn finish_limits(
    y: &[f64],
    lcl: &mut [f64],
    ucl: &mut [f64],
    lcl_95: &mut [f64],
    ucl_95: &mut [f64],
    sig: &mut [bool],
) -> Finished {
    let fin = |v: &mut f64| {
        if v.is_infinite() {
            *v = f64::NAN;
        }
    };
    let mut f = Finished {
        n_sig: 0,
        negative_y: false,
        negative_lcl: false,
        lmin: f64::INFINITY,
        lmax: f64::NEG_INFINITY,
        umin: f64::INFINITY,
        umax: f64::NEG_INFINITY,
    };
    for i in 0..y.len() {
        fin(&mut lcl[i]);
        fin(&mut ucl[i]);
        fin(&mut lcl_95[i]);
        fin(&mut ucl_95[i]);
        let (v, lo, hi) = (y[i], lcl[i], ucl[i]);
        f.negative_y |= v < 0.0;
        f.negative_lcl |= lo < 0.0 || lcl_95[i] < 0.0;
        let outside = v > hi || v < lo;
        if outside {
            sig[i] = true;
        }
        f.n_sig += u32::from(outside);
        // `f64::min` and `max` pass over a missing limit.
        f.lmin = f.lmin.min(lo);
        f.lmax = f.lmax.max(lo);
        f.umin = f.umin.min(hi);
        f.umax = f.umax.max(hi);
    }
    f
}

/// Marks the points whose `y * mul` lies above `ucl` or below `lcl` in `out` (which starts as
/// all false), and returns their number and whether any `y * mul` is negative.
///
/// Reads 64 values at a time into a bit mask of the points outside (eight to a byte, a shape
/// that compiles to vector compares) and writes only the points outside, so that pages of
/// `out` without one are never touched.
#[allow(clippy::needless_bitwise_bool)] // `|`, not `||`: no branch per value in the block
fn outside(y: &[f64], mul: f64, lcl: f64, ucl: f64, out: &mut [bool]) -> (u32, bool) {
    const BLOCK: usize = crate::runs::BLOCK;
    let (mut n, mut negative) = (0u32, false);
    let mut blocks = y.chunks_exact(BLOCK);
    let mut outs = out.chunks_exact_mut(BLOCK);
    for (block, out) in (&mut blocks).zip(&mut outs) {
        let mut mask = 0u64;
        for (k, eight) in block.chunks_exact(8).enumerate() {
            let mut m = 0u8;
            for (j, &y) in eight.iter().enumerate() {
                let v = y * mul;
                m |= u8::from((v > ucl) | (v < lcl)) << j;
                negative |= v < 0.0;
            }
            mask |= u64::from(m) << (8 * k);
        }
        n += mask.count_ones();
        while mask != 0 {
            out[mask.trailing_zeros() as usize] = true;
            mask &= mask - 1;
        }
    }
    for (&y, out) in blocks.remainder().iter().zip(outs.into_remainder()) {
        let v = y * mul;
        let sig = (v > ucl) | (v < lcl);
        if sig {
            *out = true;
        }
        n += u32::from(sig);
        negative |= v < 0.0;
    }
    (n, negative)
}

/// One facet of a chart: points `start..end` of the aggregated points.
pub(super) struct Facet<'a, 'p> {
    pub(super) spec: &'a ChartSpec,
    pub(super) pts: &'a Points<'p>,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) name: Option<&'a String>,
    /// A denominator was given.
    pub(super) got_n: bool,
    /// x is categorical.
    pub(super) categorical: bool,
    /// The finite-y check was left to the lines' pass (`compute_from`).
    pub(super) y_unchecked: bool,
}

/// The lines of one part and what its summary row needs of them.
struct PartLines {
    /// The process sigma the limits rest on (`NaN` where the centre line alone does).
    sigma: f64,
    runs: Runs,
    /// Non-missing baseline points.
    n_baseline: u32,
    /// The last non-missing centre line.
    cl_last: f64,
    /// Points outside the limits.
    n_sig: u32,
    /// The range of the lower and of the upper limit (infinite where there is none).
    lcl: (f64, f64),
    ucl: (f64, f64),
}

/// Computes the parts of one facet: their lines, signals, runs analysis and summary rows.
pub(super) fn facet(
    f: &Facet<'_, '_>,
    chart: &mut Chart,
    negative: &mut Negative,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let m = f.end - f.start;
    let starts = part_starts(f)?;
    mark_exclusions(f, chart)?;
    if let Some(fp) = &f.spec.freeze_part {
        if fp.len() != starts.len() {
            return Err(Error::FreezePartCount { got: fp.len(), parts: starts.len(), facet: facet_suffix(f.fname()) });
        }
    }
    for (pi, &ps) in starts.iter().enumerate() {
        let pe = starts.get(pi + 1).copied().unwrap_or(m);
        let (a, b) = (f.start + ps, f.start + pe);
        let freeze_k = part_freeze(f, pi, pe - ps)?;
        if let Some(k) = freeze_k {
            let baseline = chart.baseline.points_mut();
            for (i, in_base) in baseline[a..b].iter_mut().enumerate() {
                *in_base = i < k;
            }
        }
        let lines = part(f, pi, a, b, freeze_k, chart, negative)?;
        summarise(f, pi, a, b, &lines, chart, warnings);
    }
    Ok(())
}

impl Facet<'_, '_> {
    fn fname(&self) -> Option<&str> {
        self.name.map(String::as_str)
    }
}

/// Where the parts of the facet start (0-based, within the facet): at each change of the part
/// column, or at the positions `part` gives.
fn part_starts(f: &Facet<'_, '_>) -> Result<Vec<usize>> {
    let (pts, start, m) = (f.pts, f.start, f.end - f.start);
    let mut starts = vec![0usize];
    if !pts.part_label.is_empty()
        && f.spec.part.is_empty()
        && pts.part_label[start..f.end].iter().any(|&l| l != pts.part_label[start])
    {
        for k in 1..m {
            if pts.part_label[start + k] != pts.part_label[start + k - 1] {
                starts.push(k);
            }
        }
    }
    let mut positions = f.spec.part.clone();
    positions.sort_unstable();
    positions.dedup();
    for &pos in &positions {
        if pos == 0 || pos >= m {
            return Err(Error::PartOutOfRange {
                position: pos,
                max: m.saturating_sub(1),
                facet: facet_prefix(f.fname()),
            });
        }
        starts.push(pos);
    }
    Ok(starts)
}

/// Marks the excluded points of the facet and checks `freeze` against its length.
fn mark_exclusions(f: &Facet<'_, '_>, chart: &mut Chart) -> Result<()> {
    let m = f.end - f.start;
    for &e in &f.spec.exclude {
        if e == 0 || e > m {
            return Err(Error::ExcludeOutOfRange { position: e, max: m, facet: facet_prefix(f.fname()) });
        }
        chart.include.set(f.start + e - 1, false);
    }
    if let Some(k) = f.spec.freeze {
        if k > m {
            return Err(Error::FreezeBeyondData { freeze: k, points: m, facet: facet_prefix(f.fname()) });
        }
    }
    Ok(())
}

/// The number of baseline points of part `pi` (of `len` points), when it has a frozen
/// baseline: `freeze_part`'s entry for it (0: none), else `freeze`.
fn part_freeze(f: &Facet<'_, '_>, pi: usize, len: usize) -> Result<Option<usize>> {
    Ok(match (&f.spec.freeze_part, f.spec.freeze) {
        (Some(fp), _) => {
            if fp[pi] > len {
                return Err(Error::FreezeBeyondData {
                    freeze: fp[pi],
                    points: len,
                    facet: format!("{}part {}: ", facet_prefix(f.fname()), pi + 1),
                });
            }
            (fp[pi] > 0).then_some(fp[pi])
        }
        (None, Some(k)) => Some(k),
        (None, None) => None,
    })
}

/// The lines of part `pi` (points `a..b`), written into the chart's columns, with its signals
/// and runs analysis.
fn part(
    f: &Facet<'_, '_>,
    pi: usize,
    a: usize,
    b: usize,
    freeze_k: Option<usize>,
    chart: &mut Chart,
    negative: &mut Negative,
) -> Result<PartLines> {
    let (spec, pts) = (f.spec, f.pts);
    // Baseline and included; without a freeze every point is in the baseline, and without
    // an exclusion in the part every point is included.
    let all_included = !spec.exclude.iter().any(|&e| (a..b).contains(&(f.start + e - 1)));
    let all_base = all_included && freeze_k.is_none();
    // The lines of a run or I part whose points are all base points read no mask
    // (`constant_lines`), so none is made for them.
    let base: Cow<'static, [bool]> = if freeze_k.is_some() {
        let included = chart.include.range(a, b);
        Cow::Owned(
            chart.baseline.range(a, b).iter().zip(included.iter()).map(|(&in_base, &inc)| in_base && inc).collect(),
        )
    } else if all_base && matches!(spec.kind, ChartKind::Run | ChartKind::I) {
        Cow::Borrowed(&[])
    } else {
        Cow::Owned(chart.include.range(a, b).into_owned())
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
        got_n: f.got_n,
        cl_fixed: spec.cl,
        screen_mr: spec.screen_mr,
        categorical: f.categorical,
        spec,
    };
    // Run and I charts: the lines, computed first, as they may count the values on the way.
    let constant = constant_lines(spec.kind, &pin, all_base);
    // The check of y left to the lines' pass (`compute_from`): when that pass saw an
    // infinite y (or a sum of values so large that it overflows: then nothing is found).
    if f.y_unchecked && !constant.is_some_and(|c| c.all_finite) {
        super::check_finite_y(pin.y)?;
    }
    let n_baseline_y = if let Some(n) = constant.and_then(|c| c.n_present) {
        n
    } else if all_base {
        pin.y.iter().filter(|y| !y.is_nan()).count()
    } else {
        base.iter().zip(pin.y).filter(|(&in_base, y)| in_base && !y.is_nan()).count()
    };
    let needed = spec.kind.min_baseline_points(spec.sigma.is_some());
    if n_baseline_y < needed {
        return Err(Error::TooFewPoints {
            what: format!(
                "the centre line and limits of {} {} chart",
                if spec.kind == ChartKind::I { "an" } else { "a" },
                spec.kind.name().to_uppercase()
            ),
            needed,
            got: n_baseline_y,
            facet: format!(" in {}part {} (non-missing, included baseline points)", facet_prefix(f.fname()), pi + 1),
        });
    }
    let row_of = |i: usize| pts.first_row.get(a + i).copied().unwrap_or(a + i) + 1;
    match constant {
        Some(lines) => Ok(constant_part(spec, &lines, pin.y, a, b, all_included, n_baseline_y, chart, negative)),
        None => pointwise_part(&pin, &base, a, b, all_included, chart, negative, &row_of),
    }
}

/// Run and I charts: the lines are the same at every point and y is left as it is, so each
/// column is written once with its final value, with no per-point pass through `PartOut` and
/// the scaling loop of [`pointwise_part`] (same values, same order of operations as
/// `PartOut::around` followed by that loop).
#[allow(clippy::too_many_arguments)]
fn constant_part(
    spec: &ChartSpec,
    lines: &ConstantLines,
    y: &[f64],
    a: usize,
    b: usize,
    all_included: bool,
    n_baseline_y: usize,
    chart: &mut Chart,
    negative: &mut Negative,
) -> PartLines {
    let mul = spec.multiply;
    let fin = |v: f64| if v.is_finite() { v * mul } else { f64::NAN };
    let (c, s) = (lines.cl, lines.sigma);
    // (An empty `include` is every point.)
    let runs = lines.runs.unwrap_or_else(|| {
        let include = if all_included { Cow::Borrowed(&[][..]) } else { chart.include.range(a, b) };
        runs_analysis(y, &[c], &include, spec.method)
    });
    let (cl, lcl, ucl, lcl_95, ucl_95) =
        (fin(c), fin(c - 3.0 * s), fin(c + 3.0 * s), fin(c - 2.0 * s), fin(c + 2.0 * s));
    chart.cl.push_run(cl, b);
    chart.lcl.push_run(lcl, b);
    chart.ucl.push_run(ucl, b);
    chart.lcl_95.push_run(lcl_95, b);
    chart.ucl_95.push_run(ucl_95, b);
    negative.lcl |= lcl < 0.0 || lcl_95 < 0.0;
    // y itself is scaled at the end (`compute_from`). Without limits (run charts) no point is
    // outside, and whether a y is negative matters only with `y_neg` off.
    let mut n_sig = 0;
    if !(lcl.is_nan() && ucl.is_nan() && spec.y_neg) {
        let neg_y;
        (n_sig, neg_y) = outside(y, mul, lcl, ucl, &mut chart.sigma_signal[a..b]);
        negative.y |= neg_y;
    }
    let (mut lr, mut ur) = ((f64::INFINITY, f64::NEG_INFINITY), (f64::INFINITY, f64::NEG_INFINITY));
    if b > a {
        if !lcl.is_nan() {
            lr = (lcl, lcl);
        }
        if !ucl.is_nan() {
            ur = (ucl, ucl);
        }
    }
    PartLines {
        sigma: lines.reported_sigma,
        runs,
        n_baseline: n_baseline_y as u32,
        cl_last: cl,
        n_sig,
        lcl: lr,
        ucl: ur,
    }
}

/// Every other kind: the kind's lines function writes the columns of every point, which are
/// then scaled by `multiply`, their infinite limits made missing and the points outside
/// marked.
#[allow(clippy::too_many_arguments)]
fn pointwise_part(
    pin: &PartIn<'_>,
    base: &[bool],
    a: usize,
    b: usize,
    all_included: bool,
    chart: &mut Chart,
    negative: &mut Negative,
    row_of: &dyn Fn(usize) -> usize,
) -> Result<PartLines> {
    let spec = pin.spec;
    let mul = spec.multiply;
    let fin = |v: f64| if v.is_finite() { v * mul } else { f64::NAN };
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
    compute_part(spec.kind, pin, &mut out, row_of)?;
    let (sigma, cl_const) = (out.sigma, out.cl_const);
    let y_part: &[f64] = if keep_y { pin.y } else { &chart.y[a..b] };
    let cl_part: &[f64] = match &cl_points {
        Some(cl) => &cl[a..b],
        None => std::slice::from_ref(&cl_const),
    };
    // (An empty `include` is every point.)
    let include = if all_included { Cow::Borrowed(&[][..]) } else { chart.include.range(a, b) };
    let runs = runs_analysis(y_part, cl_part, &include, spec.method);
    let n_baseline = (0..b - a).filter(|&i| base[i] && !y_part[i].is_nan()).count() as u32;
    let mut n_sig = 0;
    let (mut lmin, mut lmax, mut umin, mut umax) = (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
    let fast = mul == 1.0 && keep_y && cl_points.is_none() && chart.cusum_lower.is_none();
    if fast {
        // The common case (P, U, C, X-bar, ... without `multiply`): y and the centre line stay
        // as they are and a limit changes only where it is infinite, so the limit columns are
        // read, not written back.
        let s = finish_limits(
            pin.y,
            &mut lcl[a..b],
            &mut ucl[a..b],
            &mut lcl_95[a..b],
            &mut ucl_95[a..b],
            &mut chart.sigma_signal[a..b],
        );
        n_sig = s.n_sig;
        negative.y |= s.negative_y;
        negative.lcl |= s.negative_lcl;
        (lmin, lmax, umin, umax) = (s.lmin, s.lmax, s.umin, s.umax);
    }
    // The general loop, over no point when the fast pass has done the part.
    let general = if fast { b..b } else { a..b };
    for i in general {
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
        // The columns start as 0 and false: write only what differs, so that pages without a
        // signal are never touched.
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
    let cl_last = if let Some(cl) = cl_points {
        cl[a..b].iter().rev().copied().find(|v| !v.is_nan()).unwrap_or(f64::NAN)
    } else {
        let c = fin(cl_const);
        chart.cl.push_run(c, b);
        c
    };
    Ok(PartLines { sigma, runs, n_baseline, cl_last, n_sig, lcl: (lmin, lmax), ucl: (umin, umax) })
}

/// The summary row of part `pi` (points `a..b`) and the warnings about it.
fn summarise(
    f: &Facet<'_, '_>,
    pi: usize,
    a: usize,
    b: usize,
    l: &PartLines,
    chart: &mut Chart,
    warnings: &mut Vec<String>,
) {
    let (spec, runs) = (f.spec, &l.runs);
    let runs_signal = runs.signal && !f.categorical && !spec.kind.no_runs_analysis();
    let nan_if_inf = |v: f64| if v.is_finite() { v } else { f64::NAN };
    let where_ = format!("{}part {}", facet_prefix(f.fname()), pi + 1);
    if spec.kind.has_limits() && (l.n_baseline as usize) < spec.min_points_limits {
        warnings.push(format!(
            "{where_}: the limits rest on {} baseline point(s); at least {} are needed for trustworthy limits (docs/methods.md §9), so treat them as provisional",
            l.n_baseline, spec.min_points_limits
        ));
    }
    if !f.categorical && !spec.kind.no_runs_analysis() && runs.n_useful < 10 {
        warnings.push(format!(
            "{where_}: only {} useful point(s) for the runs analysis; at least 10 are needed for it to be reliable",
            runs.n_useful
        ));
    }
    chart.summary.push(PartSummary {
        facet: f.name.cloned(),
        part: (pi + 1) as u32,
        start: a,
        end: b,
        n_obs: runs.n_obs,
        n_useful: runs.n_useful,
        n_baseline: l.n_baseline,
        longest_run: runs.longest_run,
        longest_run_max: runs.longest_run_max,
        n_crossings: runs.n_crossings,
        n_crossings_min: runs.n_crossings_min,
        runs_signal,
        cl: l.cl_last,
        lcl: (nan_if_inf(l.lcl.0), nan_if_inf(l.lcl.1)),
        ucl: (nan_if_inf(l.ucl.0), nan_if_inf(l.ucl.1)),
        n_sigma_signals: l.n_sig,
        sigma: l.sigma,
    });
}
