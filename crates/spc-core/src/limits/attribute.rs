//! P, P', NP, C, U, U' and G charts of counts and proportions.

use super::{at_base, mean_moving_range, PartIn, PartOut};
use crate::limits::individuals::{D2_2, D4_2};
use crate::stats::{mean_na, median_na, sd_na, sum_na};

/// Σ numerators / Σ denominators over the base points.
fn ratio_of_sums(p: &PartIn<'_>) -> f64 {
    sum_na(at_base(p.sum, p.base)) / sum_na(at_base(p.n, p.base))
}

/// Laney's sigma_z: the spread of the standardised values `z_i = (y_i - CL)/sigma_i` over the
/// base points; moving ranges (screened like an I chart) for time series, the SD for
/// categorical x (qicharts2 `qic.pp()`, `qic.up()`; Laney 2002).
fn sigma_z(p: &PartIn<'_>, cl: f64, sigma: impl Fn(usize) -> f64 + Clone) -> f64 {
    let z = (0..p.y.len()).filter(|&i| p.base[i]).map(|i| (p.y[i] - cl) / sigma(i));
    if p.categorical {
        let z: Vec<f64> = z.collect();
        sd_na(&z)
    } else {
        mean_moving_range(|| z.clone(), p.screen_mr, D4_2) / D2_2
    }
}

/// P chart (`prime = false`) and Laney P' chart (`prime = true`).
///
/// ```text
/// CL = Σ d_i / Σ n_i;  sigma_i = sqrt(CL(1 - CL)/n_i)  (· sigma_z for P');  limits in [0, 1]
/// ```
pub(super) fn p(p: &PartIn<'_>, prime: bool, out: &mut PartOut<'_>) {
    let cl = p.cl_fixed.unwrap_or_else(|| ratio_of_sums(p));
    let n = p.n;
    // Computed where used, not kept per point (x · 1 = x: the P chart's sigma is unchanged).
    let sigma = |i: usize| (cl * (1.0 - cl) / n[i]).sqrt();
    let sz = if prime { sigma_z(p, cl, sigma) } else { 1.0 };
    out.around_clamped(|_| cl, |i| sigma(i) * sz, |_| 1.0);
}

/// NP chart: y = number of defectives, CL_i = n_i·p̄, limits n_i·p̄ ± 3·sqrt(n_i·p̄(1 - p̄)) in
/// [0, n_i] (qcc `stats.np()`, `limits.np()`). A fixed centre line is taken as p̄.
pub(super) fn np(p: &PartIn<'_>, out: &mut PartOut<'_>) {
    let pbar = p.cl_fixed.unwrap_or_else(|| ratio_of_sums(p));
    let n = p.n;
    out.y.copy_from_slice(p.sum);
    out.around_clamped(|i| n[i] * pbar, |i| (n[i] * pbar * (1.0 - pbar)).sqrt(), |i| n[i]);
}

/// C chart: y = count, CL = mean, sigma = sqrt(CL), LCL >= 0 (Montgomery eq. 7.17).
pub(super) fn c(p: &PartIn<'_>, out: &mut PartOut<'_>) {
    let cl = p.cl_fixed.unwrap_or_else(|| mean_na(at_base(p.sum, p.base)));
    let sigma = cl.sqrt();
    out.y.copy_from_slice(p.sum);
    out.around_clamped(|_| cl, |_| sigma, |_| f64::INFINITY);
}

/// U chart (`prime = false`) and Laney U' chart (`prime = true`).
///
/// ```text
/// CL = Σ c_i / Σ n_i;  sigma_i = sqrt(CL/n_i)  (· sigma_z for U');  LCL >= 0   (Montgomery eq. 7.19)
/// ```
pub(super) fn u(p: &PartIn<'_>, prime: bool, out: &mut PartOut<'_>) {
    let cl = p.cl_fixed.unwrap_or_else(|| ratio_of_sums(p));
    let n = p.n;
    let sigma = |i: usize| (cl / n[i]).sqrt();
    let sz = if prime { sigma_z(p, cl, sigma) } else { 1.0 };
    out.around_clamped(|_| cl, |i| sigma(i) * sz, |_| f64::INFINITY);
}

/// G chart: limits from the geometric distribution around the mean, `sqrt(ḡ(ḡ + 1))`; the
/// centre line shown is the median (or 0.693 × a given mean), as qicharts2 `qic.g()`
/// (Benneyan 2001; Provost & Murray 2011 p. 228).
pub(super) fn g(p: &PartIn<'_>, out: &mut PartOut<'_>) {
    let mean = p.cl_fixed.unwrap_or_else(|| mean_na(at_base(p.y, p.base)));
    let sigma = (mean * (mean + 1.0)).sqrt();
    out.around(|_| mean, |_| sigma);
    for v in out.lcl.iter_mut().chain(out.lcl_95.iter_mut()) {
        if *v < 0.0 {
            *v = 0.0;
        }
    }
    let shown = match p.cl_fixed {
        Some(m) => 0.693 * m,
        None => median_na(at_base(p.y, p.base)),
    };
    out.cl.fill(shown);
}
