//! The rules themselves, on the included non-missing points of one part.

use super::{Direction, RuleSet, Signal};
use crate::result::Chart;
use crate::runs::anhoej_limits;

struct Part<'a> {
    chart: &'a Chart,
    group: usize,
    idx: &'a [usize],
}

impl Part<'_> {
    fn y(&self, k: usize) -> f64 {
        self.chart.y[self.idx[k]]
    }
    fn cl(&self, k: usize) -> f64 {
        self.chart.cl[self.idx[k]]
    }
    /// +1 above CL, -1 below, 0 on it.
    fn side(&self, k: usize) -> i8 {
        let d = self.y(k) - self.cl(k);
        i8::from(d > 0.0) - i8::from(d < 0.0)
    }
    /// Distance from CL in sigmas (`NaN` without limits).
    fn z(&self, k: usize) -> f64 {
        let i = self.idx[k];
        let (cl, ucl, lcl) = (self.chart.cl[i], self.chart.ucl[i], self.chart.lcl[i]);
        let sigma = (ucl - cl).max(cl - lcl) / 3.0;
        if sigma > 0.0 {
            (self.y(k) - cl) / sigma
        } else {
            f64::NAN
        }
    }
    fn beyond(&self, k: usize, limit: f64) -> i8 {
        let i = self.idx[k];
        if limit == 3.0 {
            // Beyond the chart's own limits (which may be truncated or asymmetric).
            let y = self.y(k);
            return i8::from(y > self.chart.ucl[i]) - i8::from(y < self.chart.lcl[i]);
        }
        let z = self.z(k);
        i8::from(z > limit) - i8::from(z < -limit)
    }
    fn len(&self) -> usize {
        self.idx.len()
    }
    fn push(&self, out: &mut Vec<Signal>, rule: &str, ks: impl IntoIterator<Item = usize>, direction: Direction) {
        let points: Vec<usize> = ks.into_iter().map(|k| self.idx[k]).collect();
        if !points.is_empty() {
            out.push(Signal { rule: rule.to_string(), group: self.group, points, direction });
        }
    }
}

/// EWMA: the statistic outside its limits; CUSUM: the upper or lower sum beyond ±h.
pub(super) fn own_limits(chart: &Chart, group: usize, idx: &[usize], out: &mut Vec<Signal>) {
    let p = Part { chart, group, idx };
    let (rule, lower) = match chart.kind() {
        crate::ChartKind::Cusum => ("cusum", chart.cusum_lower.as_deref()),
        _ => ("ewma", None),
    };
    let mut flagged_up = vec![false; idx.len()];
    let mut flagged_down = vec![false; idx.len()];
    for (k, &i) in idx.iter().enumerate() {
        flagged_up[k] = chart.y[i] > chart.ucl[i];
        flagged_down[k] = match lower {
            Some(l) => l[i] < chart.lcl[i],
            None => chart.y[i] < chart.lcl[i],
        };
    }
    push_runs(&p, &flagged_up, rule, Direction::Up, out);
    push_runs(&p, &flagged_down, rule, Direction::Down, out);
}

/// Each maximal run of consecutive flagged points becomes one signal.
fn push_runs(p: &Part<'_>, flagged: &[bool], rule: &str, d: Direction, out: &mut Vec<Signal>) {
    let mut k = 0;
    while k < flagged.len() {
        if flagged[k] {
            let s = k;
            while k < flagged.len() && flagged[k] {
                k += 1;
            }
            p.push(out, rule, s..k, d);
        } else {
            k += 1;
        }
    }
}

fn dir(sign: i8) -> Direction {
    match sign {
        1 => Direction::Up,
        -1 => Direction::Down,
        _ => Direction::None,
    }
}

pub(super) fn detect(chart: &Chart, group: usize, idx: &[usize], set: &RuleSet, out: &mut Vec<Signal>) {
    let p = Part { chart, group, idx };
    if p.len() == 0 {
        return;
    }
    let limits = chart.kind().has_limits() && idx.iter().any(|&i| !chart.ucl[i].is_nan());
    match set {
        RuleSet::Anhoej => anhoej(&p, out),
        RuleSet::Ihi { shift, trend } => {
            runs_of_side(&p, *shift, true, "ihi_shift", out);
            trends(&p, *trend, true, "ihi_trend", out);
            ihi_runs(&p, out);
        }
        RuleSet::WesternElectric { run, sigma } => {
            if limits {
                beyond_limits(&p, *sigma, "western_electric_1", out);
                k_of_m(&p, 2, 3, 2.0, true, "western_electric_2", out);
                k_of_m(&p, 4, 5, 1.0, true, "western_electric_3", out);
            }
            runs_of_side(&p, *run, false, "western_electric_4", out);
        }
        RuleSet::Nelson { sigma } => {
            if limits {
                beyond_limits(&p, *sigma, "nelson_1", out);
            }
            runs_of_side(&p, 9, false, "nelson_2", out);
            trends(&p, 6, false, "nelson_3", out);
            alternating(&p, 14, "nelson_4", out);
            if limits {
                k_of_m(&p, 2, 3, 2.0, true, "nelson_5", out);
                k_of_m(&p, 4, 5, 1.0, true, "nelson_6", out);
                hugging(&p, 15, "nelson_7", out);
                mixture(&p, 8, "nelson_8", out);
            }
        }
        RuleSet::Mdc { shift, trend, sigma } => {
            if limits {
                beyond_limits(&p, *sigma, "mdc_outside_limits", out);
            }
            trends(&p, *trend, false, "mdc_trend", out);
            if limits {
                two_of_three_near(&p, "mdc_two_in_three", out);
            }
            runs_of_side(&p, *shift, false, "mdc_shift", out);
        }
    }
}

/// Anhøj: the runs longer than the limit, and too few crossings (whole part).
fn anhoej(p: &Part<'_>, out: &mut Vec<Signal>) {
    let useful: Vec<usize> = (0..p.len()).filter(|&k| p.side(k) != 0).collect();
    let n = useful.len() as u32;
    if n == 0 {
        return;
    }
    let (lmax, cmin) = anhoej_limits(n);
    let mut start = 0;
    let mut crossings = 0;
    for j in 1..=useful.len() {
        if j == useful.len() || p.side(useful[j]) != p.side(useful[start]) {
            if j < useful.len() {
                crossings += 1;
            }
            if (j - start) as u32 > lmax {
                p.push(out, "anhoej_long_run", useful[start..j].iter().copied(), dir(p.side(useful[start])));
            }
            start = j;
        }
    }
    if crossings < cmin {
        p.push(out, "anhoej_few_crossings", useful.iter().copied(), Direction::None);
    }
}

/// Runs of at least `n` points on one side of CL. `skip_ties`: points on CL neither break nor
/// extend a run (IHI); otherwise they break it.
fn runs_of_side(p: &Part<'_>, n: usize, skip_ties: bool, rule: &str, out: &mut Vec<Signal>) {
    let mut run: Vec<usize> = Vec::new();
    let mut side = 0i8;
    let flush = |run: &Vec<usize>, side: i8, out: &mut Vec<Signal>| {
        if run.len() >= n && side != 0 {
            p.push(out, rule, run.iter().copied(), dir(side));
        }
    };
    for k in 0..p.len() {
        let s = p.side(k);
        if s == 0 {
            if !skip_ties {
                flush(&run, side, out);
                run.clear();
                side = 0;
            }
            continue;
        }
        if s != side {
            flush(&run, side, out);
            run.clear();
            side = s;
        }
        run.push(k);
    }
    flush(&run, side, out);
}

/// Trends of at least `n` points steadily rising or falling. `skip_ties`: equal neighbours
/// neither make nor break a trend (IHI); otherwise a tie breaks it (Nelson, qcc, MDC).
fn trends(p: &Part<'_>, n: usize, skip_ties: bool, rule: &str, out: &mut Vec<Signal>) {
    let mut run: Vec<usize> = vec![0];
    let mut d = 0i8;
    let flush = |run: &Vec<usize>, d: i8, out: &mut Vec<Signal>| {
        if run.len() >= n && d != 0 {
            p.push(out, rule, run.iter().copied(), dir(d));
        }
    };
    for k in 1..p.len() {
        let prev = *run.last().unwrap_or(&0);
        let diff = p.y(k) - p.y(prev);
        let s = i8::from(diff > 0.0) - i8::from(diff < 0.0);
        if s == 0 {
            if skip_ties {
                continue;
            }
            flush(&run, d, out);
            run = vec![k];
            d = 0;
            continue;
        }
        if d == 0 || s == d {
            d = s;
            run.push(k);
        } else {
            flush(&run, d, out);
            run = vec![prev, k];
            d = s;
        }
    }
    flush(&run, d, out);
}

/// IHI: too few or too many runs for the number of useful points (Swed-Eisenhart table).
fn ihi_runs(p: &Part<'_>, out: &mut Vec<Signal>) {
    let useful: Vec<usize> = (0..p.len()).filter(|&k| p.side(k) != 0).collect();
    let n = useful.len();
    if n < 10 {
        return;
    }
    let runs = 1 + useful.windows(2).filter(|w| p.side(w[0]) != p.side(w[1])).count();
    let (lo, hi) = super::swed_eisenhart_limits(n);
    if runs < lo {
        p.push(out, "ihi_too_few_runs", useful.iter().copied(), Direction::None);
    } else if runs > hi {
        p.push(out, "ihi_too_many_runs", useful.iter().copied(), Direction::None);
    }
}

/// Points beyond `sigma` sigma (3: beyond the chart's own, possibly truncated, limits).
fn beyond_limits(p: &Part<'_>, sigma: f64, rule: &str, out: &mut Vec<Signal>) {
    for k in 0..p.len() {
        let b = p.beyond(k, sigma);
        if b != 0 {
            p.push(out, rule, [k], dir(b));
        }
    }
}

/// `k` of `m` consecutive points beyond `z` sigma on the same side: flags the points beyond.
/// Overlapping windows of one side are merged into one signal.
fn k_of_m(p: &Part<'_>, k: usize, m: usize, z: f64, count_beyond_3: bool, rule: &str, out: &mut Vec<Signal>) {
    if p.len() < m {
        return;
    }
    for side in [1i8, -1] {
        let mut flagged = vec![false; p.len()];
        for w in 0..=p.len() - m {
            let hits: Vec<usize> =
                (w..w + m).filter(|&j| p.beyond(j, z) == side && (count_beyond_3 || p.beyond(j, 3.0) == 0)).collect();
            if hits.len() >= k {
                for j in hits {
                    flagged[j] = true;
                }
            }
        }
        push_groups(p, &flagged, rule, dir(side), out);
    }
}

/// MDC 2 of 3: at least 2 of 3 consecutive points between the 2-sigma line and the limit,
/// all 3 on the same side of CL; points beyond the limits do not count (NHSRplotthedots).
fn two_of_three_near(p: &Part<'_>, rule: &str, out: &mut Vec<Signal>) {
    if p.len() < 3 {
        return;
    }
    for side in [1i8, -1] {
        let near = |j: usize| p.beyond(j, 2.0) == side && p.beyond(j, 3.0) == 0;
        let mut flagged = vec![false; p.len()];
        for w in 0..=p.len() - 3 {
            if (w..w + 3).all(|j| p.side(j) == side) && (w..w + 3).filter(|&j| near(j)).count() >= 2 {
                for j in (w..w + 3).filter(|&j| near(j)) {
                    flagged[j] = true;
                }
            }
        }
        push_groups(p, &flagged, rule, dir(side), out);
    }
}

/// Consecutive flagged points become one signal.
fn push_groups(p: &Part<'_>, flagged: &[bool], rule: &str, d: Direction, out: &mut Vec<Signal>) {
    let mut k = 0;
    while k < flagged.len() {
        if flagged[k] {
            let mut e = k;
            while e + 1 < flagged.len() && (flagged[e + 1] || (e + 2 < flagged.len() && flagged[e + 2])) {
                e += 1;
            }
            p.push(out, rule, (k..=e).filter(|&j| flagged[j]), d);
            k = e + 1;
        } else {
            k += 1;
        }
    }
}

/// Nelson 4: `n` points in a row alternating up and down.
fn alternating(p: &Part<'_>, n: usize, rule: &str, out: &mut Vec<Signal>) {
    let mut start = 0;
    let mut last = 0i8;
    for k in 1..=p.len() {
        let s = if k < p.len() {
            let d = p.y(k) - p.y(k - 1);
            i8::from(d > 0.0) - i8::from(d < 0.0)
        } else {
            0
        };
        if s != 0 && s == -last {
            last = s;
            continue;
        }
        if k - start >= n && last != 0 {
            p.push(out, rule, start..k, Direction::None);
        }
        start = k - 1;
        last = s;
    }
}

/// Nelson 7: `n` points in a row within 1 sigma of CL.
fn hugging(p: &Part<'_>, n: usize, rule: &str, out: &mut Vec<Signal>) {
    let within = |k: usize| p.z(k).abs() < 1.0;
    let mut start = 0;
    for k in 0..=p.len() {
        if k == p.len() || !within(k) {
            if k - start >= n {
                p.push(out, rule, start..k, Direction::None);
            }
            start = k + 1;
        }
    }
}

/// Nelson 8: `n` points in a row beyond 1 sigma, with points on both sides of CL.
fn mixture(p: &Part<'_>, n: usize, rule: &str, out: &mut Vec<Signal>) {
    let outside = |k: usize| p.z(k).abs() > 1.0;
    let mut start = 0;
    for k in 0..=p.len() {
        if k == p.len() || !outside(k) {
            if k - start >= n && (start..k).any(|j| p.side(j) > 0) && (start..k).any(|j| p.side(j) < 0) {
                p.push(out, rule, start..k, Direction::None);
            }
            start = k + 1;
        }
    }
}

/// Limits `(R_lo, R_hi)` of the number of runs for `n` useful points: too few runs if
/// `R < R_lo`, too many if `R > R_hi`, from the exact Swed-Eisenhart distribution with
/// `n1 = ⌊n/2⌋` points above and `n2 = ⌈n/2⌉` below the median, 2.5 % in each tail
/// (docs/methods.md §6.3 **\[derived\]**).
pub fn swed_eisenhart_limits(n: usize) -> (usize, usize) {
    let (n1, n2) = (n / 2, n - n / 2);
    let ln_c = |a: usize, b: usize| -> f64 {
        if b > a {
            f64::NEG_INFINITY
        } else {
            statrs::function::factorial::ln_binomial(a as u64, b as u64)
        }
    };
    let total = ln_c(n, n1);
    let pr = |r: usize| -> f64 {
        if r < 2 {
            return 0.0;
        }
        let k = r / 2;
        if r % 2 == 0 {
            2.0 * (ln_c(n1.wrapping_sub(1), k - 1) + ln_c(n2.wrapping_sub(1), k - 1) - total).exp()
        } else {
            (ln_c(n1.wrapping_sub(1), k - 1) + ln_c(n2.wrapping_sub(1), k) - total).exp()
                + (ln_c(n1.wrapping_sub(1), k) + ln_c(n2.wrapping_sub(1), k - 1) - total).exp()
        }
    };
    let max_r = n;
    let mut cum = 0.0;
    let mut lo = 2;
    for r in 2..=max_r {
        cum += pr(r);
        if cum > 0.025 {
            lo = r;
            break;
        }
    }
    let mut cum = 0.0;
    let mut hi = max_r;
    for r in (2..=max_r).rev() {
        cum += pr(r);
        if cum > 0.025 {
            hi = r;
            break;
        }
    }
    (lo, hi)
}
