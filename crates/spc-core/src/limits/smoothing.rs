//! EWMA and tabular CUSUM charts for small sustained shifts (docs/methods.md §5).
//!
//! Both need the in-control mean μ0 (the centre line: mean of the base subgroup means, or
//! `cl`) and sigma (`sigma`, or estimated from the base points as qcc does: MR̄/1.128 for
//! single values, screened like an I chart when `screen_mr`; mean(R_i/d2(n_i)) for
//! subgroups).

use super::{at_base, individuals::D2_2, individuals::D4_2, mean_moving_range, PartIn, PartOut};
use crate::constants::d2;
use crate::stats::{mean_na, sum_na};

/// μ0 and sigma of the base points.
fn centre_and_sigma(p: &PartIn<'_>) -> (f64, f64) {
    let mu = p.cl_fixed.unwrap_or_else(|| {
        let num = sum_na(p.len.iter().zip(p.mean).zip(p.base).filter(|(_, &b)| b).map(|((l, m), _)| l * m));
        num / sum_na(at_base(p.len, p.base))
    });
    let sigma = p.spec.sigma.unwrap_or_else(|| {
        if p.len.iter().all(|&l| l <= 1.0) {
            mean_moving_range(|| at_base(p.mean, p.base), p.screen_mr, D4_2) / D2_2
        } else {
            let mut cache = std::collections::HashMap::new();
            mean_na((0..p.len.len()).filter(|&i| p.base[i] && p.len[i] >= 2.0).map(|i| {
                let n = p.len[i] as usize;
                p.range[i] / *cache.entry(n).or_insert_with(|| d2(n))
            }))
        }
    });
    (mu, sigma)
}

/// EWMA: `z_i = λ·x̄_i + (1 - λ)·z_{i-1}`, `z_0 = μ0`, exact limits
/// `μ0 ± L·(σ/√n_i)·sqrt(λ/(2 - λ)·(1 - (1 - λ)^(2i)))` (Montgomery §9.2; qcc `ewma()`).
/// A missing value leaves z unchanged. The 95 % lines use 2 instead of L.
pub(super) fn ewma(p: &PartIn<'_>, out: &mut PartOut<'_>) {
    let (mu, sigma) = centre_and_sigma(p);
    out.sigma = sigma;
    let lambda = p.spec.lambda;
    let width = p.spec.width;
    let mut z = mu;
    let mut decay = 1.0; // (1 - λ)^(2i)
    for i in 0..p.mean.len() {
        let x = p.mean[i];
        if !x.is_nan() {
            z = lambda * x + (1.0 - lambda) * z;
        }
        decay *= (1.0 - lambda) * (1.0 - lambda);
        let n = if p.len[i] >= 1.0 { p.len[i] } else { f64::NAN };
        let sz = sigma / n.sqrt() * (lambda / (2.0 - lambda) * (1.0 - decay)).sqrt();
        out.y[i] = if x.is_nan() { f64::NAN } else { z };
        out.cl[i] = mu;
        out.lcl[i] = mu - width * sz;
        out.ucl[i] = mu + width * sz;
        out.lcl_95[i] = mu - 2.0 * sz;
        out.ucl_95[i] = mu + 2.0 * sz;
    }
}

/// Tabular CUSUM on the standardised scale (Montgomery §9.1; qcc `cusum()`):
/// `z_i = (x̄_i - μ0)/(σ/√n_i)`, `C+_i = max(0, C+_{i-1} + z_i - k)`,
/// `C-_i = max(0, C-_{i-1} - z_i - k)`, signal when a sum exceeds h. `y` holds C+, `lower`
/// holds -C- (drawn below zero); CL 0, limits ±h. A missing value leaves the sums unchanged.
pub(super) fn cusum(p: &PartIn<'_>, out: &mut PartOut<'_>) {
    let (mu, sigma) = centre_and_sigma(p);
    out.sigma = sigma;
    let (k, h) = (p.spec.k, p.spec.h);
    let (mut up, mut down) = (0.0_f64, 0.0_f64);
    for i in 0..p.mean.len() {
        let x = p.mean[i];
        if x.is_nan() {
            out.y[i] = f64::NAN;
            out.lower[i] = f64::NAN;
        } else {
            let z = (x - mu) / (sigma / p.len[i].sqrt());
            up = (up + z - k).max(0.0);
            down = (down - z - k).max(0.0);
            out.y[i] = up;
            out.lower[i] = -down;
        }
        out.cl[i] = 0.0;
        out.ucl[i] = h;
        out.lcl[i] = -h;
        out.ucl_95[i] = f64::NAN;
        out.lcl_95[i] = f64::NAN;
    }
}
