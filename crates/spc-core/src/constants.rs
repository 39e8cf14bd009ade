//! Control-chart constants: c4, A3, B3, B4 in closed form and d2, d3 by quadrature.
//!
//! ```text
//! c4(n) = sqrt(2/(n-1)) * Γ(n/2) / Γ((n-1)/2)
//! c5(n) = sqrt(1 - c4(n)²)
//! A3 = k/(c4·√n)    B3 = max(0, 1 - k·c5/c4)    B4 = 1 + k·c5/c4   (k = 3, or 2 for the 95 % lines)
//! d2(n) = ∫ [1 - Φ(x)^n - (1 - Φ(x))^n] dx
//! d3(n)² = 2 ∬_{x<y} [1 - Φ(y)^n - (1 - Φ(x))^n + (Φ(y) - Φ(x))^n] dx dy - d2(n)²
//! ```
//! Sources: Montgomery (2009) Appendix VI; qicharts2 `c4()`, `a3()`, `b3()`, `b4()`;
//! docs/methods.md §4. All are undefined (`NaN`) for n <= 1.

use statrs::function::erf::erfc;
use statrs::function::gamma::ln_gamma;

/// c4(n): the bias correction of the sample standard deviation.
pub fn c4(n: f64) -> f64 {
    if n.is_nan() || n <= 1.0 {
        return f64::NAN;
    }
    (2.0 / (n - 1.0)).sqrt() * (ln_gamma(n / 2.0) - ln_gamma((n - 1.0) / 2.0)).exp()
}

/// c5(n) = sqrt(1 - c4²).
pub fn c5(n: f64) -> f64 {
    let c = c4(n);
    (1.0 - c * c).sqrt()
}

/// A3 for `k` sigma (3, or 2 for the 95 % lines).
pub fn a3(n: f64, k: f64) -> f64 {
    k / (c4(n) * n.sqrt())
}

/// B3 for `k` sigma.
pub fn b3(n: f64, k: f64) -> f64 {
    let v = 1.0 - k * c5(n) / c4(n);
    if v.is_nan() {
        v
    } else {
        v.max(0.0)
    }
}

/// B4 for `k` sigma.
pub fn b4(n: f64, k: f64) -> f64 {
    1.0 + k * c5(n) / c4(n)
}

fn phi(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

const LO: f64 = -9.0;
const HI: f64 = 9.0;

/// d2(n): the mean of the range of n standard normal values.
pub fn d2(n: usize) -> f64 {
    if n < 2 {
        return f64::NAN;
    }
    let steps = 4000;
    let h = (HI - LO) / steps as f64;
    let nn = n as i32;
    let f = |x: f64| {
        let p = phi(x);
        1.0 - p.powi(nn) - (1.0 - p).powi(nn)
    };
    simpson(steps, h, |i| f(LO + i as f64 * h))
}

/// d3(n): the standard deviation of the range of n standard normal values.
pub fn d3(n: usize) -> f64 {
    if n < 2 {
        return f64::NAN;
    }
    let steps = 600;
    let h = (HI - LO) / steps as f64;
    let nn = n as i32;
    let cdf: Vec<f64> = (0..=steps).map(|i| phi(LO + i as f64 * h)).collect();
    // Inner integral over x < y for each y, then the outer over y (Simpson on both).
    let inner = |j: usize| -> f64 {
        if j == 0 {
            return 0.0;
        }
        let py = cdf[j];
        let g = |i: usize| {
            let px = cdf[i];
            1.0 - py.powi(nn) - (1.0 - px).powi(nn) + (py - px).powi(nn)
        };
        if j % 2 == 0 {
            simpson(j, h, g)
        } else {
            // odd number of intervals: Simpson on the first j-1, trapezoid on the last.
            simpson(j - 1, h, g) + 0.5 * h * (g(j - 1) + g(j))
        }
    };
    let outer = simpson(steps, h, inner);
    let d2v = d2(n);
    (2.0 * outer - d2v * d2v).sqrt()
}

fn simpson(steps: usize, h: f64, f: impl Fn(usize) -> f64) -> f64 {
    if steps == 0 {
        return 0.0;
    }
    let mut s = f(0) + f(steps);
    for i in 1..steps {
        s += if i % 2 == 1 { 4.0 } else { 2.0 } * f(i);
    }
    s * h / 3.0
}

#[cfg(test)]
mod tests {
    use super::*;

    // Table of docs/methods.md §4.3 (Montgomery Appendix VI), 4 decimals.
    #[test]
    #[allow(clippy::approx_constant)] // a printed table, not the constant
    fn constants_match_montgomery_table() {
        let rows = [
            (2, 1.1284, 0.8525, 0.7979, 2.6587, 0.0, 3.2665),
            (5, 2.3259, 0.8641, 0.9400, 1.4273, 0.0, 2.0890),
            (10, 3.0775, 0.7971, 0.9727, 0.9754, 0.2837, 1.7163),
            (25, 3.9306, 0.7084, 0.9896, 0.6063, 0.5648, 1.4352),
        ];
        for (n, d2v, d3v, c4v, a3v, b3v, b4v) in rows {
            let nf = n as f64;
            assert!((d2(n) - d2v).abs() < 1e-4, "d2({n}) = {}", d2(n));
            assert!((d3(n) - d3v).abs() < 1e-4, "d3({n}) = {}", d3(n));
            assert!((c4(nf) - c4v).abs() < 1e-4);
            assert!((a3(nf, 3.0) - a3v).abs() < 1e-4);
            assert!((b3(nf, 3.0) - b3v).abs() < 1e-4);
            assert!((b4(nf, 3.0) - b4v).abs() < 1e-4);
        }
        assert!(c4(1.0).is_nan() && a3(1.0, 3.0).is_nan());
    }

    #[test]
    fn d2_of_two_is_two_over_sqrt_pi() {
        // E|X1 - X2| = 2/sqrt(pi) for standard normals.
        assert!((d2(2) - std::f64::consts::FRAC_2_SQRT_PI).abs() < 1e-9);
    }
}
