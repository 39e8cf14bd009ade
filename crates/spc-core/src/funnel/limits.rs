//! The limits of a funnel plot: exact binomial and Poisson quantiles with Spiegelhalter's
//! interpolation, FunnelPlotR's χ² limits for standardised ratios, the normal approximation,
//! and the over-dispersion statistics φ̂ and τ̂² with the limits they widen.

use statrs::distribution::{ContinuousCDF, Gamma, Normal};
use statrs::function::beta::checked_beta_reg;
use statrs::function::gamma::{checked_gamma_lr, checked_gamma_ur, ln_gamma};

use super::DataType;

/// The standard normal quantile for two-sided coverage `level` per cent: 1.959964 for 95,
/// 3.090232 for 99.8.
pub fn level_z(level: f64) -> f64 {
    let p = 1.0 - (1.0 - level / 100.0) / 2.0;
    Normal::standard().inverse_cdf(p.clamp(0.0, 1.0))
}

/// The lower-tail probability of the lower limit for coverage `level` per cent (0.025 for 95).
pub(super) fn lower_p(level: f64) -> f64 {
    (1.0 - level / 100.0) / 2.0
}

/// The smallest integer `r >= 0` with `cdf(r) >= p` (with `cdf(-1) = 0`), or `None` when no
/// `r` below `cap` reaches `p`. `guess` is a starting point.
fn discrete_quantile(cdf: &dyn Fn(f64) -> f64, p: f64, guess: f64, cap: f64) -> Option<f64> {
    let guess = if guess.is_finite() { guess.clamp(0.0, cap).floor() } else { 0.0 };
    // Bracket: lo = -1 or cdf(lo) < p, and cdf(hi) >= p.
    let (mut lo, mut hi);
    let mut step = 1.0;
    if cdf(guess) >= p {
        hi = guess;
        loop {
            let cand = hi - step;
            if cand < 0.0 {
                lo = -1.0;
                break;
            }
            if cdf(cand) >= p {
                hi = cand;
                step *= 2.0;
            } else {
                lo = cand;
                break;
            }
        }
    } else {
        lo = guess;
        let mut rounds = 0;
        loop {
            let cand = (lo + step).min(cap);
            if cdf(cand) >= p {
                hi = cand;
                break;
            }
            if cand >= cap || rounds > 200 {
                return None;
            }
            lo = cand;
            step *= 2.0;
            rounds += 1;
        }
    }
    while hi - lo > 1.0 {
        let mid = f64::midpoint(lo, hi).floor();
        if cdf(mid) >= p {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}

/// Spiegelhalter's interpolated quantile `r_p − α` of a discrete distribution with CDF `cdf`.
fn interpolated(cdf: &dyn Fn(f64) -> f64, p: f64, guess: f64, cap: f64) -> f64 {
    let Some(r) = discrete_quantile(cdf, p, guess, cap) else { return cap };
    let f = cdf(r);
    let f_prev = if r >= 1.0 { cdf(r - 1.0) } else { 0.0 };
    let alpha = if f > f_prev { (f - p) / (f - f_prev) } else { 0.0 };
    r - alpha
}

/// Binomial CDF `P(X <= r)` for size `n` (may be non-integer: the regularised incomplete beta
/// `I_{1−θ}(n − r, r + 1)`) and probability `theta`; 0 for `r < 0`.
fn binom_cdf(r: f64, n: f64, theta: f64) -> f64 {
    if r < 0.0 {
        return 0.0;
    }
    if r >= n || theta <= 0.0 {
        return 1.0;
    }
    if theta >= 1.0 {
        return 0.0;
    }
    checked_beta_reg(n - r, r + 1.0, 1.0 - theta).unwrap_or(f64::NAN)
}

/// Poisson CDF `P(X <= r)` with mean `lambda`; 0 for `r < 0`.
fn pois_cdf(r: f64, lambda: f64) -> f64 {
    if r < 0.0 {
        return 0.0;
    }
    if lambda <= 0.0 {
        return 1.0;
    }
    checked_gamma_ur(r + 1.0, lambda).unwrap_or(f64::NAN)
}

/// The exact binomial limit with interpolation for a proportion: `(r_p − α) / n` clipped to
/// `[0, 1]`, where `r_p` = `qbinom(p, n, θ0)` and `α = (F(r_p) − p) / (F(r_p) − F(r_p − 1))`
/// (Spiegelhalter 2005a). `p` is the lower-tail probability (0.025 and 0.975 for 95 %).
pub fn exact_binomial_limit(n: f64, theta: f64, p: f64) -> f64 {
    if !(n > 0.0 && n.is_finite() && (0.0..=1.0).contains(&theta) && (0.0..=1.0).contains(&p)) {
        return f64::NAN;
    }
    let guess = n * theta + level_z_p(p) * (n * theta * (1.0 - theta)).sqrt();
    let cdf = |r: f64| binom_cdf(r, n, theta);
    (interpolated(&cdf, p, guess, n.ceil()) / n).clamp(0.0, 1.0)
}

/// The exact Poisson limit with interpolation on the ratio scale: `(r_p − α) / E` for a
/// Poisson mean `E` (multiply by θ0 for a rate); 0 when `E` is 0.
pub fn exact_poisson_limit(expected: f64, p: f64) -> f64 {
    if !(expected >= 0.0 && expected.is_finite() && (0.0..=1.0).contains(&p)) {
        return f64::NAN;
    }
    if expected == 0.0 {
        return 0.0;
    }
    let guess = expected + level_z_p(p) * expected.sqrt();
    let cdf = |r: f64| pois_cdf(r, expected);
    let cap = (expected + 50.0 * expected.sqrt() + 1000.0).ceil();
    (interpolated(&cdf, p, guess, cap) / expected).max(0.0)
}

/// The normal quantile at lower-tail probability `p`.
fn level_z_p(p: f64) -> f64 {
    Normal::standard().inverse_cdf(p.clamp(1e-300, 1.0 - 1e-16))
}

/// FunnelPlotR's unadjusted limits for a standardised ratio at expected count `expected`
/// (V14): `θ0·χ²_p(2E)/(2E)` and `θ0·χ²_{1−p}(2(E + 1))/(2E)` with `p` the lower-tail
/// probability of the level.
pub fn chisq_ratio_limits(expected: f64, theta: f64, level: f64) -> (f64, f64) {
    let p = lower_p(level);
    if !(expected > 0.0 && expected.is_finite() && p > 0.0 && p < 0.5) {
        return (f64::NAN, f64::NAN);
    }
    // χ²_q(2k)/2 is the q-quantile of Gamma(k, 1).
    let lower = theta * gamma_quantile(expected, p) / expected;
    let upper = theta * gamma_quantile(expected + 1.0, 1.0 - p) / expected;
    (lower, upper)
}

/// The `p`-quantile of the Gamma(`shape`, rate 1) distribution, by bisection on `ln x` with
/// statrs' regularised incomplete gamma function (statrs' own `inverse_cdf` stalls near
/// 1e-9 for shapes below about 0.2). Shapes that put the quantile below the smallest `f64`
/// give 0.
fn gamma_quantile(shape: f64, p: f64) -> f64 {
    if !(shape > 0.0 && shape.is_finite()) || p.is_nan() {
        return f64::NAN;
    }
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let cdf = |x: f64| if x <= 0.0 { 0.0 } else { checked_gamma_lr(shape, x).unwrap_or(f64::NAN) };
    // Start from the statrs answer when it is right (it is for shapes above ~0.2).
    if shape >= 0.5 {
        if let Ok(g) = Gamma::new(shape, 1.0) {
            let q = g.inverse_cdf(p);
            if q > 0.0 && q.is_finite() && ((cdf(q) - p) / p).abs() < 1e-12 {
                return q;
            }
        }
    }
    // Near 0, P(shape, x) ≈ x^shape / Γ(shape + 1).
    let x0 = ((p.ln() + ln_gamma(shape + 1.0)) / shape).exp();
    if x0 < f64::MIN_POSITIVE {
        return 0.0;
    }
    let (mut lo, mut hi) = (x0.min(shape) / 2.0, x0.max(shape) * 2.0 + 1.0);
    for _ in 0..2000 {
        if cdf(lo) < p || lo < f64::MIN_POSITIVE {
            break;
        }
        lo /= 2.0;
    }
    if lo < f64::MIN_POSITIVE {
        return 0.0;
    }
    for _ in 0..2000 {
        if cdf(hi) >= p {
            break;
        }
        hi *= 2.0;
    }
    for _ in 0..300 {
        let mid = f64::midpoint(lo.ln(), hi.ln()).exp();
        if !(mid > lo && mid < hi) {
            break;
        }
        if cdf(mid) >= p {
            hi = mid;
        } else {
            lo = mid;
        }
        if (hi - lo) <= hi * 1e-15 {
            break;
        }
    }
    hi
}

/// The variance function `V(θ0)` of one observation: `θ0(1 − θ0)` for proportions, `θ0` else.
fn variance(dt: DataType, theta: f64) -> f64 {
    match dt {
        DataType::Proportion => theta * (1.0 - theta),
        DataType::Rate | DataType::Ratio => theta,
    }
}

fn clip(dt: DataType, v: f64) -> f64 {
    match dt {
        DataType::Proportion => v.clamp(0.0, 1.0),
        DataType::Rate | DataType::Ratio => v.max(0.0),
    }
}

/// Normal-approximation limits on the raw scale, widened by `sqrt(phi)` (`phi` = 1: none):
/// `θ0 ± z·sqrt(phi·V(θ0)/n)`, clipped.
pub fn normal_limits(dt: DataType, n: f64, theta: f64, level: f64, phi: f64) -> (f64, f64) {
    let half = level_z(level) * (phi * variance(dt, theta) / n).sqrt();
    (clip(dt, theta - half), clip(dt, theta + half))
}

/// Additive (random-effects) limits on the raw scale: `t ± z·sqrt(1/(4n) + τ²)` on the
/// transformed scale, back-transformed (`sin²` for proportions, square for rates and ratios),
/// with the angle or root clipped at the ends of its range.
pub fn additive_limits(dt: DataType, n: f64, theta: f64, level: f64, tau2: f64) -> (f64, f64) {
    let half = level_z(level) * (1.0 / (4.0 * n) + tau2).sqrt();
    match dt {
        DataType::Proportion => {
            let t = theta.clamp(0.0, 1.0).sqrt().asin();
            let lo = t - half;
            let hi = t + half;
            let lower = if lo <= 0.0 { 0.0 } else { lo.sin().powi(2) };
            let upper = if hi >= std::f64::consts::FRAC_PI_2 { 1.0 } else { hi.sin().powi(2) };
            (lower, upper)
        }
        DataType::Rate | DataType::Ratio => {
            let t = theta.max(0.0).sqrt();
            let lo = t - half;
            ((if lo <= 0.0 { 0.0 } else { lo * lo }), (t + half).powi(2))
        }
    }
}

/// R's `quantile(x, prob, type = 7)` of the finite values of `x` (`NaN` when none).
pub fn quantile7(x: &[f64], prob: f64) -> f64 {
    let mut v: Vec<f64> = x.iter().copied().filter(|v| v.is_finite()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let h = (v.len() - 1) as f64 * prob.clamp(0.0, 1.0);
    let j = h.floor() as usize;
    let frac = h - h.floor();
    if j + 1 < v.len() {
        v[j] + frac * (v[j + 1] - v[j])
    } else {
        v[j]
    }
}

/// The over-dispersion statistics of plotted units `(y, n)` around `theta`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dispersion {
    /// φ̂: mean of the squared winsorised z-scores.
    pub phi: f64,
    /// τ̂²: DerSimonian–Laird between-unit variance on the transformed scale.
    pub tau2: f64,
}

/// z-scores on the transformed scale (see the module docs): proportions
/// `(asin(sqrt(y/n)) − asin(sqrt(θ0))) · 2 sqrt(n)`, rates and ratios
/// `(sqrt(y/n) − sqrt(θ0)) · 2 sqrt(n)`.
pub fn zscores(dt: DataType, units: &[(f64, f64)], theta: f64) -> Vec<f64> {
    let tf = |x: f64| match dt {
        DataType::Proportion => x.clamp(0.0, 1.0).sqrt().asin(),
        DataType::Rate | DataType::Ratio => x.max(0.0).sqrt(),
    };
    let t = tf(theta);
    units.iter().map(|&(y, n)| (tf(y / n) - t) * 2.0 * n.sqrt()).collect()
}

/// φ̂ and τ̂² of plotted units `(y, n)` around `theta`: z-scores from [`zscores`], winsorised at
/// the `trim` and `1 − trim` quantiles (type 7), `φ̂ = Σz²/I`; with weights `w = 1/s² = 4n`,
/// `τ̂² = max(0, (I·φ̂ − (I − 1)) / (Σw − Σw²/Σw))`, 0 when `I·φ̂ < I − 1`. `None` with fewer
/// than 2 units.
pub fn dispersion(dt: DataType, units: &[(f64, f64)], theta: f64, trim: f64) -> Option<Dispersion> {
    if units.len() < 2 {
        return None;
    }
    let z = zscores(dt, units, theta);
    let lz = quantile7(&z, trim);
    let uz = quantile7(&z, 1.0 - trim);
    let i = z.len() as f64;
    let phi = z.iter().map(|&v| v.clamp(lz, uz).powi(2)).sum::<f64>() / i;
    let sw: f64 = units.iter().map(|&(_, n)| 4.0 * n).sum();
    let sw2: f64 = units.iter().map(|&(_, n)| (4.0 * n).powi(2)).sum();
    let denom = sw - sw2 / sw;
    let tau2 = if i * phi < i - 1.0 || denom <= 0.0 { 0.0 } else { ((i * phi - (i - 1.0)) / denom).max(0.0) };
    Some(Dispersion { phi, tau2 })
}
