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

/// [`mean_na`] of a slice: the same lanes and order, so the same bits, with the lanes kept in
/// registers (the general one indexes its lanes by a counter, which keeps them in memory and
/// costs a stall on every short slice).
pub fn mean_slice_na(values: &[f64]) -> f64 {
    // Missing values add 0 and do not count.
    let add = |lane: &mut f64, count: &mut usize, v: f64| {
        let present = !v.is_nan();
        *lane += if present { v } else { 0.0 };
        *count += usize::from(present);
    };
    // Four named lanes, not an array: an array written lane by lane and read as a whole
    // stalls on every short slice.
    let (mut l0, mut l1, mut l2, mut l3, mut count) = (0.0_f64, 0.0_f64, 0.0_f64, 0.0_f64, 0usize);
    let mut quads = values.chunks_exact(4);
    for q in &mut quads {
        add(&mut l0, &mut count, q[0]);
        add(&mut l1, &mut count, q[1]);
        add(&mut l2, &mut count, q[2]);
        add(&mut l3, &mut count, q[3]);
    }
    let rest = quads.remainder();
    if let Some(&v) = rest.first() {
        add(&mut l0, &mut count, v);
    }
    if let Some(&v) = rest.get(1) {
        add(&mut l1, &mut count, v);
    }
    if let Some(&v) = rest.get(2) {
        add(&mut l2, &mut count, v);
    }
    if count == 0 {
        f64::NAN
    } else {
        ((l0 + l1) + (l2 + l3)) / count as f64
    }
}

/// Sum of the non-missing values (0 when there are none, as R `sum(x, na.rm = TRUE)`).
pub fn sum_na(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().filter(|v| !v.is_nan()).sum()
}

/// Sample standard deviation of the non-missing values (`NaN` for fewer than two).
pub fn sd_na(values: &[f64]) -> f64 {
    let m = mean_slice_na(values);
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

/// [`median_na`] of a slice, without copying the whole slice when it is long.
///
/// A long slice is read once after a look at a sample of it: two values of the sample a little
/// below and above its median bracket the median of the slice (almost always); the pass counts
/// the values below and above them and copies out the values between, and the median is
/// selected among those. When the bracket misses (an unlucky or patterned sample), or the slice
/// is short, the non-missing values are copied and selected in as a whole. Either way the
/// result is the number [`median_na`] gives (the tests compare them bit for bit).
pub fn median_slice_na(values: &[f64]) -> f64 {
    median_slice_seen(values).median
}

/// What [`median_slice_seen`] found on its pass over the values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct SeenMedian {
    /// The median of the non-missing values ([`median_slice_na`]).
    pub median: f64,
    /// Whether no value is infinite.
    pub all_finite: bool,
    /// The number of non-missing values.
    pub n_present: usize,
}

/// [`median_slice_na`], whether it saw no infinite value and how many values are not missing
/// (it reads every value either way).
pub(crate) fn median_slice_seen(values: &[f64]) -> SeenMedian {
    /// Below this length a copy costs about what the sample does.
    const SHORT: usize = 2048;
    if values.len() > SHORT {
        if let Some(m) = median_bracketed(values) {
            return m;
        }
    }
    let mut v = values.to_vec();
    let (nan, inf) = v.iter().fold((false, false), |(nan, inf), x| (nan | x.is_nan(), inf | x.is_infinite()));
    if nan {
        v.retain(|x| !x.is_nan());
    }
    SeenMedian { median: median_in_place(&mut v), all_finite: !inf, n_present: v.len() }
}

/// The bracketed pass of [`median_slice_seen`]; `None` when the bracket misses the middle (or
/// more values than expected fall within it).
fn median_bracketed(values: &[f64]) -> Option<SeenMedian> {
    const BLOCK: usize = crate::runs::BLOCK;
    let n = values.len();
    // About 2·sqrt(n) values, evenly spaced.
    let step = (n as f64).sqrt() as usize / 2;
    let mut sample: Vec<f64> = values.iter().step_by(step.max(1)).copied().filter(|v| !v.is_nan()).collect();
    let s = sample.len();
    if s < 16 {
        return None;
    }
    sample.sort_unstable_by(f64::total_cmp);
    // The rank of the sample's median within the slice wanders by about sqrt(s)/2 sample
    // positions: the bracket is three times that either side.
    let margin = (1.5 * (s as f64).sqrt()) as usize + 1;
    let (lo, hi) = (sample[(s / 2).saturating_sub(margin)], sample[(s / 2 + margin).min(s - 1)]);
    drop(sample);
    // About n·(2·margin + 1)/s values fall between: room for a quarter more, and a block's
    // worth of slots past it, as the room is checked once a block.
    let expected = n / s * (2 * margin + 1);
    let room = expected + expected / 4 + 64;
    let mut middle = vec![0.0; room + BLOCK];
    let (mut below, mut above, mut between, mut infinite) = (0usize, 0usize, 0usize, false);
    // 64 values at a time: bit masks of the values at or above `lo` and at or below `hi`
    // (eight to a byte, a shape that compiles to vector compares, with no branch on whether a
    // value is below the median, a coin flip). As `lo <= hi`, a value is below the bracket
    // when only the second holds, above it when only the first does, between when both do and
    // missing when neither does. The values between (a few of the 64) are copied out one set
    // bit at a time.
    let mut blocks = values.chunks_exact(BLOCK);
    for block in &mut blocks {
        let (mut from_lo, mut to_hi) = (0u64, 0u64);
        for (k, eight) in block.chunks_exact(8).enumerate() {
            let (mut l, mut h) = (0u8, 0u8);
            for (j, &v) in eight.iter().enumerate() {
                infinite |= v.is_infinite();
                l |= u8::from(v >= lo) << j;
                h |= u8::from(v <= hi) << j;
            }
            from_lo |= u64::from(l) << (8 * k);
            to_hi |= u64::from(h) << (8 * k);
        }
        below += (!from_lo & to_hi).count_ones() as usize;
        above += (from_lo & !to_hi).count_ones() as usize;
        let mut mids = from_lo & to_hi;
        while mids != 0 {
            middle[between] = block[mids.trailing_zeros() as usize];
            between += 1;
            mids &= mids - 1;
        }
        if between > room {
            return None;
        }
    }
    for &v in blocks.remainder() {
        infinite |= v.is_infinite();
        below += usize::from(v < lo);
        above += usize::from(v > hi);
        if v >= lo && v <= hi {
            middle[between] = v;
            between += 1;
        }
    }
    if between > room {
        return None;
    }
    middle.truncate(between);
    // Values below `lo` (above `hi`) come before (after) every value between in any order,
    // so the ranks of the values between are `below..below + middle.len()`.
    let count = below + above + middle.len();
    let (r1, r2) = ((count - 1) / 2, count / 2);
    if r1 < below || r2 >= below + middle.len() {
        return None;
    }
    let (k1, k2) = (r1 - below, r2 - below);
    let found = |median| Some(SeenMedian { median, all_finite: !infinite, n_present: count });
    let (_, &mut upper, _) = middle.select_nth_unstable_by(k2, f64::total_cmp);
    if k1 == k2 {
        return found(upper);
    }
    let (_, &mut lower, _) = middle[..k2].select_nth_unstable_by(k1, f64::total_cmp);
    found(f64::midpoint(lower, upper))
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
        // qicharts2 vignette, docs/methods.md §13.15); qbinom(0.05, 9, 0.5) = 2; qbinom(0.05, 59, 0.5) = 23.
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
    fn mean_of_a_slice_is_mean_na_bit_for_bit() {
        let mut state = 3u64;
        for len in 0..40 {
            let v: Vec<f64> = (0..len)
                .map(|i| {
                    state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    if i % 5 == 4 {
                        f64::NAN
                    } else {
                        (state >> 11) as f64 / (1u64 << 40) as f64 - 1000.0
                    }
                })
                .collect();
            let (a, b) = (mean_slice_na(&v), mean_na(v.iter().copied()));
            assert!(a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()), "len {len}: {a} vs {b}");
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

    /// Long slices take the bracketed pass (or fall back to the copy when the bracket misses):
    /// the same bits as a selection in a copy, for odd and even counts, ties, missing values,
    /// signed zeros, outliers, sorted and patterned series, and two clusters far apart.
    #[test]
    fn median_bracketed_is_median_na_bit_for_bit() {
        let mut state = 11u64;
        let mut uniform = move || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut cases: Vec<Vec<f64>> = Vec::new();
        for len in [2049, 2050, 4097, 10_000, 50_001, 200_000] {
            cases.push((0..len).map(|_| uniform()).collect());
            // Integers: many ties with the pivots and the median.
            cases.push((0..len).map(|_| (uniform() * 7.0).floor()).collect());
            // Missing values, signed zeros about the median, and outliers.
            let mut v: Vec<f64> = (0..len).map(|_| uniform() - 0.5).collect();
            for (i, x) in v.iter_mut().enumerate() {
                match i % 13 {
                    0 => *x = f64::NAN,
                    1 => *x = -0.0,
                    2 => *x = 0.0,
                    3 if i % 7 == 0 => *x = 1e300,
                    _ => {}
                }
            }
            cases.push(v);
            // Sorted up and down, and a pattern whose period is the sampling step: a sample of
            // low values only, so the bracket misses and the copy is taken.
            cases.push((0..len).map(|i| i as f64).collect());
            cases.push((0..len).rev().map(|i| i as f64 * 0.5).collect());
            let step = ((len as f64).sqrt() as usize / 2).max(1);
            cases.push((0..len).map(|i| if i % step == 0 { -1.0 - uniform() } else { uniform() }).collect());
            // Two clusters far apart: the two middle values far from each other.
            cases.push((0..len).map(|i| if i < len / 2 { uniform() } else { 100.0 + uniform() }).collect());
            cases.push(vec![2.5; len]);
            cases.push(vec![f64::NAN; len]);
        }
        for (k, v) in cases.iter().enumerate() {
            let (a, b) = (median_slice_na(v), median_na(v.iter().copied()));
            assert!(a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()), "case {k} (len {}): {a} vs {b}", v.len());
            let seen = median_slice_seen(v);
            assert_eq!(seen.n_present, v.iter().filter(|x| !x.is_nan()).count(), "case {k}");
            assert_eq!(seen.all_finite, v.iter().all(|x| !x.is_infinite()), "case {k}");
        }
        // The bracket holds for the usual case and misses for the patterned one.
        let y: Vec<f64> = (0..100_000).map(|i| f64::from((i * 7919 % 100_003) as u32)).collect();
        assert_eq!(median_bracketed(&y).map(|m| (m.all_finite, m.n_present)), Some((true, 100_000)));
        let step = (100_000_f64.sqrt() as usize) / 2;
        let patterned: Vec<f64> =
            (0..100_000).map(|i| if i % step == 0 { -1.0 } else { f64::from(i as u32) }).collect();
        assert!(median_bracketed(&patterned).is_none());
        assert_eq!(median_slice_na(&patterned).to_bits(), median_na(patterned.iter().copied()).to_bits());
        // A fifth of the values tie with both ends of the bracket: more than its room.
        let ties: Vec<f64> = (0..100_000).map(|i| f64::from((i % 5) as u32)).collect();
        assert!(median_bracketed(&ties).is_none());
        assert_eq!(median_slice_na(&ties), 2.0);
    }

    #[test]
    fn sd_of_known_values() {
        // sd(c(2, 4, 4, 4, 5, 5, 7, 9)) = 2.13808993529939 in R.
        let s = sd_na(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
        assert!((s - 2.138_089_935_299_39).abs() < 1e-12);
    }
}
