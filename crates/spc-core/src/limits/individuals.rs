//! Run, I, MR, T and I' charts.

use super::{at_base, mean_moving_range, PartIn, PartOut};
use crate::kind::RunsMethod;
use crate::runs::{RunCounter, Runs, BLOCK};
use crate::stats::{mean_na, median_na, median_slice_seen, sum_na, Lanes, SeenMedian};

/// d2(2), the divisor of the mean moving range (Montgomery eq. 6.33), as qicharts2 and qcc use it.
pub(crate) const D2_2: f64 = 1.128;
/// D4(2), the upper limit factor of the MR chart and of Nelson's screening (qicharts2).
pub(crate) const D4_2: f64 = 3.267;

/// Run chart: the median of the base points, no limits.
pub(super) fn run(p: &PartIn<'_>, out: &mut PartOut<'_>) {
    let cl = run_centre(p);
    out.around(|_| cl, |_| f64::NAN);
}

/// The centre line of a run chart: the given one, or the median of the base points.
pub(super) fn run_centre(p: &PartIn<'_>) -> f64 {
    p.cl_fixed.unwrap_or_else(|| median_na(at_base(p.y, p.base)))
}

/// The median of a part whose points are all base points (no given centre line): the same
/// median as [`run_centre`], read without the mask, whether no value is infinite and how many
/// values are not missing.
pub(super) fn run_centre_all(p: &PartIn<'_>) -> SeenMedian {
    median_slice_seen(p.y)
}

/// I chart on the values in `out.y` (the plotted ones, or transformed ones for the T chart).
///
/// ```text
/// CL = mean(y[base]);  MR_i = |y_i - y_{i-1}| over consecutive base points
/// sigma = mean(MR) / 1.128   (MR >= 3.267·mean(MR) dropped first when screened, Nelson 1982)
/// ```
pub(super) fn i(p: &PartIn<'_>, out: &mut PartOut<'_>) {
    let (cl, sigma) = i_centre_sigma(p, out.y);
    out.sigma = sigma;
    out.around(|_| cl, |_| sigma);
}

/// The centre line and sigma of an I chart of `y` (see [`i`]).
pub(super) fn i_centre_sigma(p: &PartIn<'_>, y: &[f64]) -> (f64, f64) {
    let cl = p.cl_fixed.unwrap_or_else(|| mean_na(at_base(y, p.base)));
    let sigma = p.spec.sigma.unwrap_or_else(|| mean_moving_range(|| at_base(y, p.base), p.screen_mr, D4_2) / D2_2);
    (cl, sigma)
}

/// [`i_centre_sigma`] and the runs analysis of a part whose points are all base points and
/// all included: see [`individuals_all`].
pub(super) fn i_lines_all(p: &PartIn<'_>) -> AllBase {
    individuals_all(p.y, p.cl_fixed, p.spec.sigma, p.screen_mr, p.spec.method)
}

/// The lines, the number of non-missing values and the runs analysis of an I chart.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AllBase {
    pub cl: f64,
    pub sigma: f64,
    pub n_present: usize,
    pub runs: Runs,
    /// Whether the sum of the values is finite: then no value is infinite.
    pub finite_sum: bool,
}

/// An I chart of `y` whose points are all base points and all included: centre line (the
/// given one or the mean), sigma (the given one, or MR̄/1.128, Nelson-screened when
/// `screen_mr`), the number of non-missing values and the runs analysis about the centre line.
/// The values of [`i_centre_sigma`] and [`runs_analysis`] (the same sums and counts in the same
/// order), in two passes over `y`: the mean, the count and the moving ranges in the first; the
/// runs and the screened moving ranges in the second.
pub(crate) fn individuals_all(
    y: &[f64],
    cl_fixed: Option<f64>,
    sigma_fixed: Option<f64>,
    screen_mr: bool,
    method: RunsMethod,
) -> AllBase {
    // First pass: the sum and count of the values, and the unscreened moving ranges. Sums in
    // `Lanes`, four values at a time, as `mean_na` and `moving_range_pass` sum them.
    let (mut sum, mut count, mut mr_sum, mut mr_count) = (Lanes::default(), 0usize, Lanes::default(), 0usize);
    let mut prev = f64::NAN;
    let mut quads = y.chunks_exact(4);
    for q in &mut quads {
        let q = [q[0], q[1], q[2], q[3]];
        let present = q.map(|v| !v.is_nan());
        let mr = [(q[0] - prev).abs(), (q[1] - q[0]).abs(), (q[2] - q[1]).abs(), (q[3] - q[2]).abs()];
        let keep = mr.map(|m| m < f64::INFINITY);
        // Branch-free: a missing value, or a moving range with one, adds 0 and counts 0.
        sum.add4([0, 1, 2, 3].map(|j| if present[j] { q[j] } else { 0.0 }));
        mr_sum.add4([0, 1, 2, 3].map(|j| if keep[j] { mr[j] } else { 0.0 }));
        count += present.iter().map(|&p| usize::from(p)).sum::<usize>();
        mr_count += keep.iter().map(|&k| usize::from(k)).sum::<usize>();
        prev = q[3];
    }
    for &v in quads.remainder() {
        let present = !v.is_nan();
        sum.add(if present { v } else { 0.0 });
        count += usize::from(present);
        let mr = (v - prev).abs();
        let keep = mr < f64::INFINITY;
        mr_sum.add(if keep { mr } else { 0.0 });
        mr_count += usize::from(keep);
        prev = v;
    }
    let total = sum.sum();
    let mean = if count == 0 { f64::NAN } else { total / count as f64 };
    let amr = if mr_count == 0 { f64::NAN } else { mr_sum.sum() / mr_count as f64 };
    let cl = cl_fixed.unwrap_or(mean);
    // Moving ranges at or above the limit are screened out (Nelson); -inf keeps none, when
    // there is nothing to screen.
    let screen = sigma_fixed.is_none() && screen_mr && !amr.is_nan();
    let limit = if screen { D4_2 * amr } else { f64::NEG_INFINITY };
    // Second pass: the runs, a block at a time, and the screened moving ranges.
    let (mut runs, mut kept_sum, mut kept_count) = (RunCounter::default(), Lanes::default(), 0usize);
    let mut prev = f64::NAN;
    let mut blocks = y.chunks_exact(BLOCK);
    for block in &mut blocks {
        runs.push_block(block, cl);
        if !screen {
            continue;
        }
        for q in block.chunks_exact(4) {
            let mr = [(q[0] - prev).abs(), (q[1] - q[0]).abs(), (q[2] - q[1]).abs(), (q[3] - q[2]).abs()];
            let keep = mr.map(|m| m < limit);
            kept_sum.add4([0, 1, 2, 3].map(|j| if keep[j] { mr[j] } else { 0.0 }));
            kept_count += keep.iter().map(|&k| usize::from(k)).sum::<usize>();
            prev = q[3];
        }
    }
    for &v in blocks.remainder() {
        runs.push(v - cl);
        let mr = (v - prev).abs();
        let keep = mr < limit;
        kept_sum.add(if keep { mr } else { 0.0 });
        kept_count += usize::from(keep);
        prev = v;
    }
    let amr = if !screen {
        amr
    } else if kept_count == 0 {
        f64::NAN
    } else {
        kept_sum.sum() / kept_count as f64
    };
    AllBase {
        cl,
        sigma: sigma_fixed.unwrap_or(amr / D2_2),
        n_present: count,
        runs: runs.finish(method),
        finite_sum: total.is_finite(),
    }
}

/// MR chart: `y_i = |y_i - y_{i-1}|`, CL = mean, UCL = 3.267·CL, LCL = 0.
pub(super) fn mr(p: &PartIn<'_>, out: &mut PartOut<'_>) {
    out.y[0] = f64::NAN;
    for k in 1..p.y.len() {
        out.y[k] = (p.y[k] - p.y[k - 1]).abs();
    }
    let cl = p.cl_fixed.unwrap_or_else(|| mean_na(at_base(out.y, p.base)));
    out.cl.fill(cl);
    out.lcl.fill(0.0);
    out.lcl_95.fill(0.0);
    out.ucl.fill(D4_2 * cl);
    out.ucl_95.fill(D4_2 / 3.0 * 2.0 * cl);
}

/// T chart: an I chart of `t^(1/3.6)`, lines transformed back (Nelson 1994; qicharts2 `qic.t()`).
pub(super) fn t(p: &PartIn<'_>, out: &mut PartOut<'_>) {
    const POW: f64 = 3.6;
    for v in out.y.iter_mut() {
        *v = v.powf(1.0 / POW);
    }
    let q = PartIn { cl_fixed: p.cl_fixed.map(|c| c.powf(1.0 / POW)), ..*p };
    i(&q, out);
    for v in out.y.iter_mut().chain(out.cl.iter_mut()).chain(out.ucl.iter_mut()).chain(out.ucl_95.iter_mut()) {
        *v = v.powf(POW);
    }
    for v in out.lcl_95.iter_mut() {
        *v = v.powf(POW);
    }
    for v in out.lcl.iter_mut() {
        let b = v.powf(POW);
        *v = if b.is_nan() || b < 0.0 { 0.0 } else { b };
    }
}

/// Laney/Taylor I' chart for measurements with varying subgroup size.
///
/// ```text
/// CL = Σ n_i y_i / Σ n_i
/// s_i = sqrt(π/2)·|y_i - y_{i-1}| / sqrt(1/n_i + 1/n_{i-1})     (screened at 3.2665·mean(s))
/// limits = CL ± 3·mean(s)/sqrt(n_i)
/// ```
/// Sources: qicharts2 `qic.ip()`; spc4hc `44_i-prime_chart.Rmd`. Unlike qicharts2, which takes
/// the moving ranges of all points, sigma comes from the base points (as for every other
/// chart), so a frozen baseline freezes sigma too; without freeze or exclude the two agree.
/// Without a denominator, n is the number of values of each x (qicharts2).
pub(super) fn ip(p: &PartIn<'_>, out: &mut PartOut<'_>) {
    if !p.got_n {
        out.n.copy_from_slice(p.len);
    }
    let n: &[f64] = out.n;
    let cl = p.cl_fixed.unwrap_or_else(|| {
        let num = sum_na(p.y.iter().zip(n).zip(p.base).filter(|(_, &b)| b).map(|((y, n), _)| y * n));
        num / sum_na(at_base(n, p.base))
    });
    let pts: Vec<(f64, f64)> = p.y.iter().zip(n).zip(p.base).filter(|(_, &b)| b).map(|((&y, &n), _)| (y, n)).collect();
    let s: Vec<f64> = pts
        .windows(2)
        .map(|w| (std::f64::consts::PI / 2.0).sqrt() * (w[1].0 - w[0].0).abs() / (1.0 / w[0].1 + 1.0 / w[1].1).sqrt())
        .collect();
    // A given sigma (of one unit: a saved baseline) replaces the estimate.
    let mean_s = p.spec.sigma.unwrap_or_else(|| super::screened_mean(&s, p.screen_mr, 3.2665));
    out.sigma = mean_s;
    let sigma: Vec<f64> = n.iter().map(|&ni| mean_s * (1.0 / ni).sqrt()).collect();
    out.around(|_| cl, |i| sigma[i]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runs::runs_analysis;

    /// Series with runs, ties with the mean, missing values, outlying moving ranges.
    fn series(len: usize, seed: u64) -> Vec<f64> {
        let mut state = seed;
        (0..len)
            .map(|i| {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                let u = (state >> 11) as f64 / (1u64 << 53) as f64;
                match (state >> 60) % 16 {
                    0 => f64::NAN,
                    1 => 50.0,
                    2 => 50.0 + 40.0 * u,
                    _ => 45.0 + 10.0 * u + if i % 40 < 8 { 3.0 } else { 0.0 },
                }
            })
            .collect()
    }

    #[test]
    fn all_base_pass_gives_the_masked_values_bit_for_bit() {
        for (len, seed, clean) in [
            (0, 1, false),
            (1, 2, false),
            (2, 3, false),
            (17, 4, false),
            (1000, 5, false),
            (4097, 6, false),
            (4097, 7, true),
        ] {
            // `clean`: no missing values and none on 50 (the given centre line), so that whole
            // blocks of runs are counted on bit masks.
            let mut y = series(len, seed);
            if clean {
                y.iter_mut().filter(|v| v.is_nan() || **v == 50.0).for_each(|v| *v = 47.0);
            }
            let all = vec![true; len];
            for screen_mr in [true, false] {
                for (cl_fixed, sigma_fixed) in [(None, None), (Some(50.0), None), (None, Some(2.5))] {
                    for method in [RunsMethod::Anhoej, RunsMethod::Bestbox] {
                        let l = individuals_all(&y, cl_fixed, sigma_fixed, screen_mr, method);
                        let cl = cl_fixed.unwrap_or_else(|| mean_na(at_base(&y, &all)));
                        let sigma = sigma_fixed
                            .unwrap_or_else(|| mean_moving_range(|| at_base(&y, &all), screen_mr, D4_2) / D2_2);
                        let same = |a: f64, b: f64| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan());
                        assert!(same(l.cl, cl) && same(l.sigma, sigma), "{len} {seed}: {l:?} vs {cl} {sigma}");
                        assert_eq!(l.n_present, y.iter().filter(|v| !v.is_nan()).count());
                        // `&all`, not `&[]`: runs counted point by point.
                        assert_eq!(l.runs, runs_analysis(&y, &[cl], &all, method), "{len} {seed}");
                    }
                }
            }
        }
    }
}
