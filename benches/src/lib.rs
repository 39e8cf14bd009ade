//! Seeded data for the `spc-core` speed benchmarks (no `rand` crate).
//!
//! Every array is a pure function of `(seed, index)`: a counter-based `SplitMix64` generator
//! gives 64 uniform bits per index and Box-Muller turns pairs of them into normals. The same
//! arithmetic is vectorised in `benches/compare/data.py`, so the Python baselines time the
//! very same numbers (up to the last bit of `ln`/`cos`, which differ between libms).
//!
//! | data set | rows | columns |
//! | --- | --- | --- |
//! | [`normal`] (run, I) | `n` | `y ~ N(100, 10)`, x = 1..n |
//! | [`proportions`] (P) | `n` | `d_i = 100 + (u mod 101)` in 100..=200, `y_i ≈ Binomial(d_i, 0.1)` (normal approximation, rounded, clamped to 0..=d_i) |
//! | [`subgroups`] (X-bar) | `n` | `n / 5` subgroups of 5 rows: x = 1,1,1,1,1,2,2,... and `y ~ N(100, 10)` |
//! | [`faceted`] (I, facets) | `series · len` | facet `s000`..`s399`, x = 1..len within each facet, `y ~ N(100, 10)` |

use spc_core::{ChartKind, Input, XColumn};

/// The seed of every benchmark data set (the Python scripts use the same).
pub const SEED: u64 = 20_240_531;

/// Sizes (rows) of the per-size benchmarks: 1e3, 1e4, 1e5, 1e6.
pub const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

/// Rows per subgroup of the X-bar benchmark.
pub const SUBGROUP: usize = 5;

/// Series and points per series of the faceted benchmark (400 x 20 = 8,000 rows).
pub const FACETED: (usize, usize) = (400, 20);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// `SplitMix64` of the counter `seed + (i + 1) · golden`: 64 uniform bits for index `i`.
pub fn bits(seed: u64, i: u64) -> u64 {
    let mut z = seed.wrapping_add(i.wrapping_add(1).wrapping_mul(GOLDEN));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A uniform number in `[0, 1)` for index `i` (the top 53 bits).
pub fn uniform(seed: u64, i: u64) -> f64 {
    (bits(seed, i) >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A standard normal for index `i` (Box-Muller on uniforms `2i` and `2i + 1`, cosine branch).
pub fn std_normal(seed: u64, i: u64) -> f64 {
    let u1 = uniform(seed, 2 * i);
    let u2 = uniform(seed, 2 * i + 1);
    (-2.0 * (1.0 - u1).ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// `n` values of `N(mean, sd)`.
pub fn normal(n: usize, seed: u64, mean: f64, sd: f64) -> Vec<f64> {
    (0..n as u64).map(|i| mean + sd * std_normal(seed, i)).collect()
}

/// x = 1, 2, ..., n.
pub fn positions(n: usize) -> Vec<f64> {
    (1..=n).map(|i| i as f64).collect()
}

/// `(y, d)` for a P chart: denominators 100..=200, counts about `Binomial(d, 0.1)`.
pub fn proportions(n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    const P: f64 = 0.1;
    let den: Vec<f64> = (0..n as u64).map(|i| 100.0 + (bits(seed ^ 1, i) % 101) as f64).collect();
    let y = den
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let z = std_normal(seed, i as u64);
            (d * P + z * (d * P * (1.0 - P)).sqrt()).round().clamp(0.0, d)
        })
        .collect();
    (y, den)
}

/// `(x, y)` for an X-bar chart: `n` rows, `n / SUBGROUP` subgroups (x repeated `SUBGROUP` times).
pub fn subgroups(n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let x = (0..n).map(|i| (i / SUBGROUP + 1) as f64).collect();
    (x, normal(n, seed, 100.0, 10.0))
}

/// `(x, y, facet)` for `series` facets of `len` points each, facet-major.
pub fn faceted(series: usize, len: usize, seed: u64) -> (Vec<f64>, Vec<f64>, Vec<String>) {
    let rows = series * len;
    let x = (0..rows).map(|i| (i % len + 1) as f64).collect();
    let facet = (0..rows).map(|i| format!("s{:03}", i / len)).collect();
    (x, normal(rows, seed, 100.0, 10.0), facet)
}

/// The benchmark input of a chart kind with `n` rows: [`proportions`] for P, [`subgroups`] for
/// X-bar, [`normal`] (x = 1..n) for every other kind.
pub fn chart_inputs(kind: ChartKind, n: usize) -> Input {
    match kind {
        ChartKind::P => {
            let (y, d) = proportions(n, SEED);
            Input::new(XColumn::Number(spc_core::Values::from(positions(n))), y).with_n(d)
        }
        ChartKind::Xbar => {
            let (x, y) = subgroups(n, SEED);
            Input::new(XColumn::Number(spc_core::Values::from(x)), y)
        }
        _ => Input::from_y(normal(n, SEED, 100.0, 10.0)),
    }
}

/// Useful points, crossings and longest run about a constant centre line `cl`, written
/// without data-dependent branches: a reference for what the Anhøj loop can cost
/// (`spc_core::runs::runs_analysis` is the implementation under test; the tests check both agree).
pub fn runs_reference(y: &[f64], cl: f64, include: &[bool]) -> (u32, u32, u32) {
    let (mut useful_n, mut changes, mut current, mut longest, mut last) = (0u32, 0u32, 0u32, 0u32, 0i8);
    for (&v, &inc) in y.iter().zip(include) {
        let d = v - cl;
        let sign = (i8::from(d > 0.0) - i8::from(d < 0.0)) * i8::from(inc);
        let useful = sign != 0;
        let same = sign == last;
        current = if useful {
            if same {
                current + 1
            } else {
                1
            }
        } else {
            current
        };
        changes += u32::from(useful && !same);
        last = if useful { sign } else { last };
        longest = longest.max(current);
        useful_n += u32::from(useful);
    }
    (useful_n, changes.saturating_sub(1), longest)
}

/// Peak resident set size of this process so far, in bytes (`VmHWM` of `/proc/self/status`).
pub fn peak_rss_bytes() -> Option<u64> {
    proc_status_kib("VmHWM:").map(|k| k * 1024)
}

/// Current resident set size of this process, in bytes (`VmRSS` of `/proc/self/status`).
pub fn rss_bytes() -> Option<u64> {
    proc_status_kib("VmRSS:").map(|k| k * 1024)
}

/// Resets the peak resident set size to the current one (writes `5` to `/proc/self/clear_refs`).
pub fn reset_peak_rss() -> std::io::Result<()> {
    std::fs::write("/proc/self/clear_refs", "5")
}

fn proc_status_kib(key: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normals_look_normal() {
        let y = normal(100_000, SEED, 0.0, 1.0);
        let m = y.iter().sum::<f64>() / y.len() as f64;
        let v = y.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / (y.len() - 1) as f64;
        assert!(m.abs() < 0.02, "mean {m}");
        assert!((v - 1.0).abs() < 0.02, "var {v}");
    }

    #[test]
    fn proportions_are_counts_within_denominators() {
        let (y, d) = proportions(10_000, SEED);
        assert!(d.iter().all(|&d| (100.0..=200.0).contains(&d)));
        assert!(y.iter().zip(&d).all(|(&y, &d)| y >= 0.0 && y <= d && y.fract() == 0.0));
        let p = y.iter().sum::<f64>() / d.iter().sum::<f64>();
        assert!((p - 0.1).abs() < 0.005, "p {p}");
    }

    /// The same numbers as `python benches/compare/data.py` prints.
    #[test]
    fn same_data_as_numpy() {
        let y = normal(1_000_000, SEED, 100.0, 10.0);
        for (got, want) in y.iter().zip([85.109_162_442_425_37, 94.348_924_171_387_57, 103.290_585_140_670_17]) {
            assert!((got - want).abs() < 1e-12, "{got} vs {want}");
        }
        let sum: f64 = y.iter().sum();
        assert!((sum - 99_993_954.501_312).abs() < 1e-3, "{sum}");
        let (c, d) = proportions(1_000_000, SEED);
        assert_eq!((c.iter().sum::<f64>(), d.iter().sum::<f64>()), (14_996_295.0, 149_995_913.0));
    }

    #[test]
    fn runs_reference_agrees_with_spc_core() {
        let mut y = normal(100_000, SEED, 0.0, 1.0);
        y[10] = f64::NAN;
        y[20] = 0.0;
        let include: Vec<bool> = (0..y.len()).map(|i| i % 97 != 3).collect();
        let r = spc_core::runs::runs_analysis(&y, &[0.0], &include, spc_core::RunsMethod::Anhoej);
        let (useful, crossings, longest) = runs_reference(&y, 0.0, &include);
        assert_eq!((Some(useful), r.n_crossings, r.longest_run), (Some(r.n_useful), Some(crossings), Some(longest)));
    }

    #[test]
    fn shapes() {
        let (x, y) = subgroups(1_000, SEED);
        assert_eq!((x.len(), y.len(), x[4], x[5], x[999]), (1_000, 1_000, 1.0, 2.0, 200.0));
        let (x, _, f) = faceted(400, 20, SEED);
        assert_eq!((x.len(), x[19], x[20], f[19].as_str(), f[20].as_str()), (8_000, 20.0, 1.0, "s000", "s001"));
    }
}
