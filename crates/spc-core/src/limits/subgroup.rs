//! X-bar, S and R charts of subgroups of measurements.

use super::{at_base, PartIn, PartOut};
use crate::constants::{a3, b3, b4, d2, d3};
use crate::stats::{mean_na, sum_na};

/// A pair of constants of the subgroup size (A3, B3/B4, ... need gamma functions), computed
/// once per distinct size: subgroup sizes are whole numbers and few.
struct PerSize<F: Fn(f64) -> (f64, f64)> {
    f: F,
    cache: Vec<Option<(f64, f64)>>,
}

impl<F: Fn(f64) -> (f64, f64)> PerSize<F> {
    fn new(f: F) -> Self {
        PerSize { f, cache: Vec::new() }
    }

    fn get(&mut self, n: f64) -> (f64, f64) {
        if !((0.0..4096.0).contains(&n) && n.fract() == 0.0) {
            return (self.f)(n);
        }
        let k = n as usize;
        if k >= self.cache.len() {
            self.cache.resize(k + 1, None);
        }
        *self.cache[k].get_or_insert_with(|| (self.f)(n))
    }
}

/// Whether the subgroup sizes vary within the part (qicharts2: `length(unique(y.length)) > 1`).
fn varying_n(len: &[f64]) -> bool {
    len.iter().any(|&l| l != len[0])
}

/// The within-subgroup standard deviation s̄ of the base subgroups.
///
/// ```text
/// constant n: s̄ = mean(s_i)                                  (Montgomery eq. 6.29)
/// varying n:  s̄ = sqrt(Σ(n_i - 1)·s_i² / Σ(n_i - 1))          (Montgomery eq. 6.31)
/// ```
/// Only subgroups with at least one value count: qicharts2 also adds `n_i - 1 = -1` for a
/// subgroup whose values are all missing, which shrinks the pooled degrees of freedom; an
/// empty subgroup carries no information on the spread, so it is left out here (see the
/// golden test of `xbar_na_test`).
fn s_bar(p: &PartIn<'_>) -> f64 {
    if varying_n(p.len) {
        let (mut num, mut den) = (0.0, 0.0);
        for i in 0..p.len.len() {
            if !p.base[i] || p.len[i] < 1.0 {
                continue;
            }
            let df = p.len[i] - 1.0;
            let term = df * p.sd[i] * p.sd[i];
            if !term.is_nan() {
                num += term;
            }
            den += df;
        }
        (num / den).sqrt()
    } else {
        mean_na(at_base(p.sd, p.base))
    }
}

/// X-bar chart: CL = Σ n_i x̄_i / Σ n_i, limits CL ± A3(n_i)·s̄ (Montgomery eq. 6.30; qicharts2 `qic.xbar()`).
pub(super) fn xbar(p: &PartIn<'_>, out: &mut PartOut<'_>) {
    let cl = p.cl_fixed.unwrap_or_else(|| {
        let num = sum_na(p.len.iter().zip(p.mean).zip(p.base).filter(|(_, &b)| b).map(|((l, m), _)| l * m));
        num / sum_na(at_base(p.len, p.base))
    });
    let sbar = p.spec.sigma.unwrap_or_else(|| s_bar(p));
    out.sigma = sbar;
    out.set_cl(cl);
    let mut a3s = PerSize::new(|n| (a3(n, 3.0), a3(n, 2.0)));
    for i in 0..p.y.len() {
        let (a, a95) = a3s.get(p.len[i]);
        out.ucl[i] = cl + a * sbar;
        out.lcl[i] = cl - a * sbar;
        out.ucl_95[i] = cl + a95 * sbar;
        out.lcl_95[i] = cl - a95 * sbar;
    }
}

/// S chart: y = s_i, CL = s̄, limits B3(n_i)·s̄ and B4(n_i)·s̄ (qicharts2 `qic.s()`).
pub(super) fn s(p: &PartIn<'_>, out: &mut PartOut<'_>) {
    let cl = p.cl_fixed.unwrap_or_else(|| s_bar(p));
    out.y.copy_from_slice(p.sd);
    out.cl.fill(cl);
    let mut b4s = PerSize::new(|n| (b4(n, 3.0), b4(n, 2.0)));
    let mut b3s = PerSize::new(|n| (b3(n, 3.0), b3(n, 2.0)));
    for i in 0..p.y.len() {
        let n = p.len[i];
        let ((u, u95), (l, l95)) = (b4s.get(n), b3s.get(n));
        out.ucl[i] = u * cl;
        out.ucl_95[i] = u95 * cl;
        out.lcl[i] = l * cl;
        out.lcl_95[i] = l95 * cl;
    }
}

/// R chart: y = range of the subgroup.
///
/// ```text
/// sigma = mean(R_i / d2(n_i))   over base subgroups with n_i >= 2   (qcc "UWAVE-R")
/// CL_i = d2(n_i)·sigma;  limits (d2(n_i) ± 3·d3(n_i))·sigma, LCL >= 0
/// ```
/// For a constant n this is CL = R̄, LCL = D3·R̄, UCL = D4·R̄ (Montgomery §6.2). A given sigma
/// (`ChartSpec::sigma`, a saved baseline) replaces the estimate.
pub(super) fn r(p: &PartIn<'_>, out: &mut PartOut<'_>) {
    let mut d2c = std::collections::HashMap::new();
    let mut consts = |n: f64| -> (f64, f64) {
        if n.is_nan() || n < 2.0 {
            return (f64::NAN, f64::NAN);
        }
        *d2c.entry(n as usize).or_insert_with(|| (d2(n as usize), d3(n as usize)))
    };
    for (k, (&r, &l)) in p.range.iter().zip(p.len).enumerate() {
        out.y[k] = if l >= 2.0 { r } else { f64::NAN };
    }
    let y: &[f64] = out.y;
    // A given sigma (a saved baseline) comes first, then a fixed centre line (R̄ at every n).
    let sigma = match (p.spec.sigma, p.cl_fixed) {
        (Some(s), _) => s,
        (None, Some(_)) => f64::NAN,
        (None, None) => mean_na((0..y.len()).filter(|&i| p.base[i]).map(|i| y[i] / consts(p.len[i]).0)),
    };
    out.sigma = sigma;
    for i in 0..out.y.len() {
        let (d2v, d3v) = consts(p.len[i]);
        let sg = match (p.spec.sigma, p.cl_fixed) {
            (None, Some(c)) => c / d2v,
            _ => sigma,
        };
        out.cl[i] = d2v * sg;
        out.ucl[i] = (d2v + 3.0 * d3v) * sg;
        out.ucl_95[i] = (d2v + 2.0 * d3v) * sg;
        out.lcl[i] = ((d2v - 3.0 * d3v) * sg).max(0.0);
        out.lcl_95[i] = ((d2v - 2.0 * d3v) * sg).max(0.0);
        if d2v.is_nan() {
            out.lcl[i] = f64::NAN;
            out.lcl_95[i] = f64::NAN;
        }
    }
}
