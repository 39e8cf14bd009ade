//! Small numeric helpers with R semantics (missing values are `NaN`).

use statrs::distribution::{Binomial, ContinuousCDF, DiscreteCDF, Normal};

/// A sum in four interleaved lanes: the k-th value added goes to lane `k % 4`, and the lanes
/// are added as `(l0 + l1) + (l2 + l3)`.
///
/// Four chains of additions instead of one let the processor add four values at a time, and
/// the result is as accurate as one running sum (slightly more, as in pairwise summation).
/// Every mean that a fused pass over a slice has to reproduce bit for bit ([`mean_na`], the
/// mean moving range) is summed this way; a slice loop gets the same bits by adding
/// `chunk[j]` of each chunk of four to lane `j` (see [`Lanes::add4`]).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Lanes {
    lanes: [f64; 4],
    next: usize,
}

impl Lanes {
    /// Adds the next value of the sequence.
    #[inline]
    pub(crate) fn add(&mut self, v: f64) {
        self.lanes[self.next & 3] += v;
        self.next += 1;
    }

    /// Adds the next four values (only when the count so far is a multiple of four).
    #[inline]
    pub(crate) fn add4(&mut self, v: [f64; 4]) {
        debug_assert_eq!(self.next & 3, 0);
        for (lane, v) in self.lanes.iter_mut().zip(v) {
            *lane += v;
        }
        self.next += 4;
    }

    /// The sum.
    #[inline]
    pub(crate) fn sum(&self) -> f64 {
        let [a, b, c, d] = self.lanes;
        (a + b) + (c + d)
    }
}

/// Mean of the non-missing values; `NaN` when there are none (R `mean(x, na.rm = TRUE)`),
/// summed in [`Lanes`].
pub fn mean_na(values: impl IntoIterator<Item = f64>) -> f64 {
    let (mut sum, mut count) = (Lanes::default(), 0usize);
    for v in values {
        // Branch-free: missing values add 0 and do not count.
        let present = !v.is_nan();
        sum.add(if present { v } else { 0.0 });
        count += usize::from(present);
    }
    if count == 0 {
        f64::NAN
    } else {
        sum.sum() / count as f64
    }
}

/// Sum of the non-missing values (0 when there are none, as R `sum(x, na.rm = TRUE)`).
pub fn sum_na(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().filter(|v| !v.is_nan()).sum()
}

/// Sample standard deviation of the non-missing values (`NaN` for fewer than two).
pub fn sd_na(values: &[f64]) -> f64 {
    let m = mean_na(values.iter().copied());
    let (mut ss, mut count) = (0.0, 0usize);
    for &v in values {
        if !v.is_nan() {
            ss += (v - m) * (v - m);
            count += 1;
        }
    }
    if count < 2 {
        f64::NAN
    } else {
        (ss / (count - 1) as f64).sqrt()
    }
}

/// Median of the non-missing values (`NaN` when there are none), as R `median(na.rm = TRUE)`.
///
/// Copies the non-missing values once (into one buffer sized from the iterator's upper bound,
/// so there is no regrowing) and selects in linear time.
pub fn median_na(values: impl IntoIterator<Item = f64>) -> f64 {
    let values = values.into_iter();
    let (lower, upper) = values.size_hint();
    let mut v: Vec<f64> = Vec::with_capacity(upper.unwrap_or(lower));
    v.extend(values.filter(|v| !v.is_nan()));
    median_in_place(&mut v)
}

/// [`median_na`] of a slice: one copy of the whole slice, from which missing values are then
/// dropped in place (only when there are any).
pub fn median_slice_na(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    if v.iter().fold(false, |any, x| any | x.is_nan()) {
        v.retain(|x| !x.is_nan());
    }
    median_in_place(&mut v)
}

/// Median of a buffer without missing values, reordering it.
pub fn median_in_place(v: &mut [f64]) -> f64 {
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    let mid = n / 2;
    let (left, upper, _) = v.select_nth_unstable_by(mid, f64::total_cmp);
    let upper = *upper;
    if n % 2 == 1 {
        upper
    } else {
        let lower = left.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        f64::midpoint(lower, upper)
    }
}

/// `qbinom(p, size, prob)` with R's definition: the smallest integer x with P(X <= x) >= p.
///
/// Starts from the normal approximation and steps to the exact answer, evaluating the binomial
/// CDF through the regularised incomplete beta function (as R's `pbinom`), so the cost does not
/// grow with `size`.
pub fn qbinom(p: f64, size: u64, prob: f64) -> u64 {
    if size == 0 || !(0.0..=1.0).contains(&prob) {
        return 0;
    }
    let Ok(b) = Binomial::new(prob, size) else { return 0 };
    let n = size as f64;
    let z = Normal::standard().inverse_cdf(p.clamp(1e-12, 1.0 - 1e-12));
    let guess = (n * prob + z * (n * prob * (1.0 - prob)).sqrt()).floor().clamp(0.0, n) as u64;
    let mut k = guess;
    while k < size && b.cdf(k) < p {
        k += 1;
    }
    while k > 0 && b.cdf(k - 1) >= p {
        k -= 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qbinom_matches_r() {
        // R: qbinom(0.05, 23, 0.5) = 8 (Anhøj crossings limit for 24 useful points,
        // qicharts2 vignette, methods.md V15); qbinom(0.05, 9, 0.5) = 2; qbinom(0.05, 59, 0.5) = 23.
        assert_eq!(qbinom(0.05, 23, 0.5), 8);
        assert_eq!(qbinom(0.05, 9, 0.5), 2);
        assert_eq!(qbinom(0.05, 59, 0.5), 23);
        assert_eq!(qbinom(0.05, 0, 0.5), 0);
        // Against the exact distribution summed term by term.
        for m in [1u64, 2, 5, 17, 40, 99, 300] {
            let mut acc = 0.0;
            let mut k = 0;
            let mut term = 0.5_f64.powi(m as i32);
            loop {
                acc += term;
                if acc >= 0.05 {
                    break;
                }
                term *= (m - k) as f64 / (k + 1) as f64;
                k += 1;
            }
            assert_eq!(qbinom(0.05, m, 0.5), k, "m = {m}");
        }
    }

    #[test]
    fn median_even_odd_and_missing() {
        assert_eq!(median_na([3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median_na([4.0, 1.0, f64::NAN, 3.0, 2.0]), 2.5);
        assert!(median_na([f64::NAN]).is_nan());
    }

    #[test]
    fn median_of_a_slice_is_median_na() {
        for v in [
            vec![3.0, 1.0, 2.0],
            vec![4.0, 1.0, f64::NAN, 3.0, 2.0],
            vec![f64::NAN, f64::NAN],
            vec![],
            vec![f64::NAN, 7.0, -1.0, f64::NAN, 0.5, 2.0],
        ] {
            let (a, b) = (median_slice_na(&v), median_na(v.iter().copied()));
            assert!(a == b || (a.is_nan() && b.is_nan()), "{v:?}: {a} vs {b}");
        }
        assert_eq!(median_slice_na(&[f64::NAN, 7.0, -1.0, f64::NAN, 0.5, 2.0]), 1.25);
    }

    #[test]
    fn sd_of_known_values() {
        // sd(c(2, 4, 4, 4, 5, 5, 7, 9)) = 2.13808993529939 in R.
        let s = sd_na(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
        assert!((s - 2.138_089_935_299_39).abs() < 1e-12);
    }
}
