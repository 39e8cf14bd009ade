//! Runs analysis: the Anhøj rules for unusually long runs and unusually few crossings.
//!
//! ```text
//! useful points: included, non-missing, not on the centre line
//! longest_run_max = round(log2(n_useful)) + 3          (Schilling 2012)
//! n_crossings_min = qbinom(0.05, n_useful - 1, 0.5)     (Chen 2010)
//! signal: longest_run > longest_run_max or n_crossings < n_crossings_min
//! ```
//! Sources: Anhøj & Olesen (2014); qicharts2 `runs.analysis()`; docs/methods.md §2.2. The
//! "best box" and "cut box" limits are those of Anhøj & Wentzel-Larsen (2020), PLoS ONE
//! 15(6):e0233920, tabulated for 10 to 100 useful points; outside that range the Anhøj
//! rules are used, as qicharts2 does.

use crate::kind::RunsMethod;
use crate::stats::qbinom;

/// The result of the runs analysis of one part.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Runs {
    /// Included points (missing ones too).
    pub n_obs: u32,
    /// Included, non-missing points not on the centre line.
    pub n_useful: u32,
    /// Length of the longest run (`None` when there are no useful points).
    pub longest_run: Option<u32>,
    /// Anhøj limit for the longest run.
    pub longest_run_max: Option<u32>,
    /// Number of times the series crosses the centre line.
    pub n_crossings: Option<u32>,
    /// Anhøj lower limit for the number of crossings.
    pub n_crossings_min: Option<u32>,
    /// Whether the runs analysis signals non-random variation.
    pub signal: bool,
}

/// Anhøj critical values `(longest_run_max, n_crossings_min)` for `n_useful` points.
pub fn anhoej_limits(n_useful: u32) -> (u32, u32) {
    let lmax = (f64::from(n_useful).log2()).round() as u32 + 3;
    let cmin = qbinom(0.05, u64::from(n_useful.saturating_sub(1)), 0.5) as u32;
    (lmax, cmin)
}

/// Runs analysis of `y` against a centre line, over the points where `include` is true.
///
/// `cl` holds one value per point, or a single value for the whole part; an empty `include`
/// includes every point.
pub fn runs_analysis(y: &[f64], cl: &[f64], include: &[bool], method: RunsMethod) -> Runs {
    let mut counter = RunCounter::default();
    if cl.len() == 1 && include.is_empty() {
        counter.push_slice(y, cl[0]);
        return counter.finish(method);
    }
    let cl_at = |i: usize| if cl.len() == 1 { cl[0] } else { cl[i] };
    for (i, &v) in y.iter().enumerate() {
        if !include.is_empty() && !include[i] {
            continue;
        }
        counter.push(v - cl_at(i));
    }
    counter.finish(method)
}

/// Values per block of [`RunCounter::push_block`] (the bits of a `u64`).
pub(crate) const BLOCK: usize = 64;

/// The counts of a runs analysis, point by point: [`runs_analysis`] feeds it, and so do passes
/// that read the values for other things at the same time.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RunCounter {
    n_obs: u32,
    n_useful: u32,
    runs: u32,
    longest: u32,
    current: u32,
    last_sign: i8,
}

impl RunCounter {
    /// One included point, as its value minus the centre line (`NaN` when missing).
    #[inline]
    pub(crate) fn push(&mut self, d: f64) {
        self.n_obs += 1;
        // +1 above, -1 below, 0 on the centre line or missing; branch-free, since the
        // comparison with the previous sign is a coin flip for random data.
        let sign = i8::from(d > 0.0) - i8::from(d < 0.0);
        if sign == 0 {
            return;
        }
        self.n_useful += 1;
        let same = sign == self.last_sign;
        // A select, not `current * same + 1`: the multiplication would lengthen the chain
        // of dependent operations from one point to the next.
        self.current = if same { self.current + 1 } else { 1 };
        self.runs += u32::from(!same);
        self.last_sign = sign;
        self.longest = self.longest.max(self.current);
    }

    /// [`push`](Self::push) of `v - cl` for every value of `y`, [`BLOCK`] values at a time.
    #[inline]
    pub(crate) fn push_slice(&mut self, y: &[f64], cl: f64) {
        let mut blocks = y.chunks_exact(BLOCK);
        for block in &mut blocks {
            self.push_block(block, cl);
        }
        for &v in blocks.remainder() {
            self.push(v - cl);
        }
    }

    /// [`push`](Self::push) of `v - cl` for every value of a block of [`BLOCK`] values.
    ///
    /// The block is read as two bit masks, the points above and below the line. When every
    /// point is on one side or the other (no point on the line, none missing: the common case
    /// for measurements), the runs are counted on the masks: bit j of `starts` marks a point
    /// whose side differs from the previous point's, so the runs that start in the block are
    /// its set bits and the longest run within the block is one more than its longest stretch
    /// of clear bits. Other blocks go point by point. The counts are the same either way.
    #[inline]
    pub(crate) fn push_block(&mut self, block: &[f64], cl: f64) {
        debug_assert_eq!(block.len(), BLOCK);
        let (mut above, mut below) = (0u64, 0u64);
        // Eight values to a byte: this shape compiles to vector compares. (`v > cl` is
        // `v - cl > 0`: in IEEE arithmetic with subnormals a difference is 0 only between
        // equal values.)
        for (k, eight) in block.chunks_exact(8).enumerate() {
            let (mut a, mut b) = (0u8, 0u8);
            for (j, &v) in eight.iter().enumerate() {
                a |= u8::from(v > cl) << j;
                b |= u8::from(v < cl) << j;
            }
            above |= u64::from(a) << (8 * k);
            below |= u64::from(b) << (8 * k);
        }
        if above | below != u64::MAX {
            for &v in block {
                self.push(v - cl);
            }
            return;
        }
        self.n_obs += BLOCK as u32;
        self.n_useful += BLOCK as u32;
        // Point 0 starts a run unless it is on the side of the last useful point before it.
        let before = match self.last_sign {
            1 => 1,
            -1 => 0,
            _ => u64::from(above & 1 == 0),
        };
        let starts = above ^ ((above << 1) | before);
        self.runs += starts.count_ones();
        if starts == 0 {
            self.current += BLOCK as u32;
        } else {
            // The run going on before the block ends before its first start.
            let first = starts.trailing_zeros();
            self.longest = self.longest.max(self.current + first);
            // Runs that start within the block: the longest stretch of points that continue
            // the run of the point before them, after the first start, plus that start. It
            // is measured only when it beats the longest run so far (rarely, after the first
            // blocks): a stretch of `longest` such points is looked for in a few steps.
            let stretch = !starts & (u64::MAX << first);
            if self.longest == 0 || has_ones(stretch, self.longest) {
                let (mut stretch, mut len) = (stretch, 1);
                while stretch != 0 {
                    stretch &= stretch >> 1;
                    len += 1;
                }
                self.longest = self.longest.max(len);
            }
            self.current = 1 + starts.leading_zeros();
        }
        self.longest = self.longest.max(self.current);
        self.last_sign = if above >> 63 == 1 { 1 } else { -1 };
    }

    /// The runs analysis of the points pushed.
    pub(crate) fn finish(self, method: RunsMethod) -> Runs {
        let RunCounter { n_obs, n_useful, runs, longest, .. } = self;
        if n_useful == 0 {
            return Runs { n_obs, ..Runs::default() };
        }
        let crossings = runs - 1;
        let (lmax, cmin) = anhoej_limits(n_useful);
        let signal = if method == RunsMethod::Anhoej || !(10..=100).contains(&n_useful) {
            !(crossings >= cmin && longest <= lmax)
        } else {
            crossing_signal(n_useful, crossings, longest, method)
        };
        Runs {
            n_obs,
            n_useful,
            longest_run: Some(longest),
            longest_run_max: Some(lmax),
            n_crossings: Some(crossings),
            n_crossings_min: Some(cmin),
            signal,
        }
    }
}

/// Whether `bits` has `k >= 1` consecutive set bits, in about log2(k) steps: after the steps
/// of the loop, bit i is set where bits i..i + have are all set.
fn has_ones(bits: u64, k: u32) -> bool {
    if k > 64 {
        return false;
    }
    let (mut x, mut have) = (bits, 1);
    while 2 * have <= k {
        x &= x >> have;
        have *= 2;
    }
    x &= x >> (k - have);
    x != 0
}

/// Whether `c` crossings and a longest run of `l` among `n` useful points signal.
pub fn crossing_signal(n: u32, c: u32, l: u32, method: RunsMethod) -> bool {
    let method = if (10..=100).contains(&n) { method } else { RunsMethod::Anhoej };
    let idx = (n as usize).wrapping_sub(10);
    match method {
        RunsMethod::Anhoej => {
            let (lmax, cmin) = anhoej_limits(n);
            !(c >= cmin && l <= lmax)
        }
        RunsMethod::Bestbox => {
            let (cb, lb) = (u32::from(CB[idx]), u32::from(LB[idx]));
            !(c >= cb && l <= lb)
        }
        RunsMethod::Cutbox => {
            let (cb, lb) = (u32::from(CB[idx]), u32::from(LB[idx]));
            if CBORD[idx] == 0 {
                !(c >= cb && l <= lb)
            } else {
                let (cbord, lbord) = (u32::from(CBORD[idx]), u32::from(LBORD[idx]));
                let inside = (c > cb && l < lb) || (c == cb && l <= lbord) || (c >= cbord && l <= lb);
                !inside
            }
        }
    }
}

// Anhøj & Wentzel-Larsen (2020), Table S1: best-box and cut-box limits for n = 10..=100.
// `CBORD`/`LBORD` of 0 mean "no cut box for this n".
#[rustfmt::skip]
const CB: [u8; 91] = [
    2, 3, 3, 3, 3, 4, 5, 5, 5, 5, 6, 7, 6, 6, 6, 6, 9, 9, 9, 10, 11, 11, 11, 11, 11, 12,
    13, 14, 13, 15, 15, 15, 14, 14, 17, 17, 17, 17, 19, 19, 19, 19, 19, 21, 21, 21, 21, 23, 23, 23, 23, 23,
    25, 25, 26, 26, 27, 27, 27, 28, 29, 29, 29, 30, 30, 31, 31, 31, 32, 33, 33, 33, 34, 33, 35, 35, 35, 35,
    37, 37, 38, 37, 39, 39, 39, 39, 39, 41, 41, 42, 41,
];
#[rustfmt::skip]
const LB: [u8; 91] = [
    6, 7, 6, 6, 6, 7, 8, 7, 7, 7, 7, 8, 7, 7, 7, 7, 9, 8, 8, 8, 10, 9, 8, 8, 8, 8,
    9, 10, 8, 11, 9, 9, 8, 8, 10, 9, 9, 9, 12, 10, 9, 9, 9, 11, 10, 9, 9, 12, 10, 10, 9, 9,
    11, 10, 11, 10, 12, 10, 10, 11, 14, 11, 10, 11, 10, 12, 11, 10, 11, 13, 11, 10, 11, 10, 11, 11, 10, 10,
    12, 11, 12, 10, 13, 11, 11, 10, 10, 12, 11, 12, 10,
];
#[rustfmt::skip]
const CBORD: [u8; 91] = [
    3, 4, 0, 0, 0, 6, 6, 0, 6, 6, 0, 0, 7, 7, 7, 0, 10, 10, 11, 0, 12, 14, 0, 12, 13, 0,
    15, 0, 0, 0, 0, 17, 0, 0, 0, 0, 19, 20, 20, 21, 0, 21, 21, 23, 23, 0, 23, 25, 24, 26, 0, 24,
    27, 27, 27, 27, 29, 0, 29, 29, 30, 31, 30, 31, 0, 32, 34, 33, 33, 37, 35, 0, 36, 36, 0, 38, 36, 38,
    38, 39, 0, 39, 41, 40, 42, 0, 41, 42, 44, 43, 42,
];
#[rustfmt::skip]
const LBORD: [u8; 91] = [
    5, 6, 0, 0, 0, 6, 7, 0, 6, 5, 0, 0, 6, 6, 6, 0, 7, 7, 7, 0, 9, 8, 0, 7, 7, 0,
    8, 0, 0, 0, 0, 8, 0, 0, 0, 0, 8, 7, 11, 9, 0, 8, 7, 9, 8, 0, 8, 11, 9, 8, 0, 8,
    9, 9, 10, 9, 10, 0, 8, 8, 13, 9, 9, 10, 0, 9, 8, 9, 8, 11, 9, 0, 10, 7, 0, 8, 9, 8,
    10, 9, 0, 9, 12, 10, 8, 0, 8, 9, 9, 10, 9,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anhoej_limits_of_methods_table() {
        // docs/methods.md §2.5 (qicharts2 vignette Appendix 2).
        for (n, l, c) in [(10, 6, 2), (24, 8, 8), (31, 8, 11), (46, 9, 17), (60, 9, 23)] {
            assert_eq!(anhoej_limits(n), (l, c), "n = {n}");
        }
    }

    #[test]
    fn points_on_the_centre_line_are_skipped() {
        let y = [1.0, 2.0, 2.0, 3.0, 2.0, 1.0];
        let r = runs_analysis(&y, &[2.0], &[true; 6], RunsMethod::Anhoej);
        assert_eq!(r.n_obs, 6);
        assert_eq!(r.n_useful, 3);
        assert_eq!(r.longest_run, Some(1));
        assert_eq!(r.n_crossings, Some(2));
    }

    /// The counts of pushing `v - cl` point by point.
    fn point_by_point(y: &[f64], cl: f64) -> RunCounter {
        let mut c = RunCounter::default();
        for &v in y {
            c.push(v - cl);
        }
        c
    }

    fn counts(c: &RunCounter) -> (u32, u32, u32, u32, u32, i8) {
        (c.n_obs, c.n_useful, c.runs, c.longest, c.current, c.last_sign)
    }

    /// Series of runs of the given lengths about 0, alternating sides, the first above when `first_above`.
    fn of_runs(lengths: &[usize], first_above: bool) -> Vec<f64> {
        let mut y = Vec::new();
        for (k, &len) in lengths.iter().enumerate() {
            let side = if (k % 2 == 0) == first_above { 1.0 } else { -1.0 };
            y.extend((0..len).map(|i| side * (1.0 + i as f64)));
        }
        y
    }

    #[test]
    fn blocks_count_as_points_do() {
        // Runs shorter than, as long as and longer than a block, starting at block edges and
        // across them; points on the line and missing ones (the per-point fallback) in some blocks.
        let cases: Vec<Vec<f64>> = vec![
            of_runs(&[64, 64, 64], true),
            of_runs(&[63, 1, 64, 130, 2, 1, 1, 200], false),
            of_runs(&[1; 300], true),
            of_runs(&[2; 300], false),
            of_runs(&[64 * 5 + 3], true),
            of_runs(&[5, 64 * 3, 7, 64, 1, 65], true),
            {
                let mut y = of_runs(&[10, 100, 3, 40, 90, 1, 1, 77], true);
                y[70] = 0.0;
                y[130] = f64::NAN;
                y[200] = 0.0;
                y
            },
            {
                // Points on the line first: the first useful point starts the first run.
                let mut y = vec![0.0; 70];
                y.extend(of_runs(&[3, 64, 64], false));
                y
            },
            vec![0.0; 200],
            Vec::new(),
            of_runs(&[64], true),
            // A first block whose longest run is 20, then blocks with a run of 19, 20 or 21
            // within them (the few-step look for a longer stretch, at its threshold).
            of_runs(&[&[20][..], &[2; 22], &[3, 21], &[2; 20]].concat(), true),
            of_runs(&[&[20][..], &[2; 22], &[3, 20], &[2; 20], &[5, 19], &[2; 20]].concat(), false),
        ];
        for (k, y) in cases.iter().enumerate() {
            let mut blocked = RunCounter::default();
            blocked.push_slice(y, 0.0);
            assert_eq!(counts(&blocked), counts(&point_by_point(y, 0.0)), "case {k}");
        }
        // Random lengths of runs, with and without ties, against a shifted line.
        let mut state = 7u64;
        for round in 0..200 {
            let lengths: Vec<usize> = (0..40)
                .map(|_| {
                    state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                    let r = (state >> 33) as usize;
                    if r % 7 == 0 {
                        1 + r % 150
                    } else {
                        1 + r % 6
                    }
                })
                .collect();
            let mut y: Vec<f64> = of_runs(&lengths, round % 2 == 0).iter().map(|v| v + 2.5).collect();
            if round % 3 == 0 {
                let at = (state >> 40) as usize % y.len();
                y[at] = 2.5;
            }
            let mut blocked = RunCounter::default();
            blocked.push_slice(&y, 2.5);
            assert_eq!(counts(&blocked), counts(&point_by_point(&y, 2.5)), "round {round}");
            let r = runs_analysis(&y, &[2.5], &[], RunsMethod::Anhoej);
            assert_eq!(r, point_by_point(&y, 2.5).finish(RunsMethod::Anhoej), "round {round}");
        }
    }

    #[test]
    fn has_ones_finds_stretches_of_k_set_bits() {
        let longest = |mut x: u64| {
            let mut n = 0;
            while x != 0 {
                x &= x >> 1;
                n += 1;
            }
            n
        };
        let mut state = 3u64;
        let mut words = vec![0, u64::MAX, 1, 1 << 63, u64::MAX >> 1, u64::MAX << 1, 0x0F0F_00FF_F0F0_FFFF];
        for _ in 0..2000 {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            // Sparse, dense and mixed words.
            let r = state ^ (state >> 29);
            words.push(match state % 3 {
                0 => r & (r >> 7),
                1 => r | (r >> 5) | (r << 9),
                _ => r,
            });
        }
        for &w in &words {
            for k in 1..=66 {
                assert_eq!(has_ones(w, k), longest(w) >= k, "{w:#066b}, k = {k}");
            }
        }
    }

    #[test]
    fn tables_have_one_entry_per_n() {
        assert_eq!(CB.len(), 91);
        assert_eq!(LB.len(), 91);
        assert_eq!(CBORD.len(), 91);
        assert_eq!(LBORD.len(), 91);
    }
}
