//! Run, I, MR, T and I' charts.

use super::{at_base, mean_moving_range, moving_range_pass, PartIn, PartOut};
use crate::stats::{mean_na, median_na, median_slice_na, sum_na};

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

/// [`run_centre`] when every point is a base point: the same median, read without the mask.
pub(super) fn run_centre_all(p: &PartIn<'_>) -> f64 {
    p.cl_fixed.unwrap_or_else(|| median_slice_na(p.y))
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

/// [`i_centre_sigma`] when every point of the part is a base point, and the number of
/// non-missing values: see [`individuals_all`].
pub(super) fn i_lines_all(p: &PartIn<'_>) -> (f64, f64, usize) {
    let (mean, sigma, n_present) = individuals_all(p.y, p.screen_mr);
    (p.cl_fixed.unwrap_or(mean), p.spec.sigma.unwrap_or(sigma), n_present)
}

/// Mean, sigma (screened or not) and number of non-missing values of `y`, all of them base
/// points: the values of [`i_centre_sigma`] (the same sums in the same order), with the mean,
/// the count and the unscreened moving ranges taken in one pass over `y`, and the screened
/// ones in a second.
pub(crate) fn individuals_all(y: &[f64], screen_mr: bool) -> (f64, f64, usize) {
    let (mut sum, mut count, mut mr_sum, mut mr_count) = (0.0, 0usize, 0.0, 0usize);
    let mut prev = f64::NAN;
    for &v in y {
        // Branch-free: a missing value, or a moving range with one, adds 0 and counts 0.
        let present = !v.is_nan();
        sum += if present { v } else { 0.0 };
        count += usize::from(present);
        let mr = (v - prev).abs();
        let keep = mr < f64::INFINITY;
        mr_sum += if keep { mr } else { 0.0 };
        mr_count += usize::from(keep);
        prev = v;
    }
    let mean = if count == 0 { f64::NAN } else { sum / count as f64 };
    let amr = if mr_count == 0 { f64::NAN } else { mr_sum / mr_count as f64 };
    let amr = if screen_mr && !amr.is_nan() { moving_range_pass(y.iter().copied(), D4_2 * amr) } else { amr };
    (mean, amr / D2_2, count)
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
