//! Centre lines and control limits of one part of a chart, one function per family.
//!
//! Each function works on the aggregated points of one part (plain slices) and fills the
//! plotted value, the centre line and the 3-sigma and 2-sigma ("95 %") limits of every point.
//! Formulas and sources: docs/methods.md §3, §4 and qicharts2 `qic.*()`. What each chart kind
//! is (its lines function and how its columns are stored) is declared in [`kinds`].

mod attribute;
mod individuals;
mod smoothing;
pub(crate) use individuals::{individuals_all, D4_2};
mod kinds;
pub(crate) use kinds::info;
mod subgroup;

use crate::error::Result;
use crate::kind::ChartKind;
use crate::stats::Lanes;

/// The aggregated points of one part.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PartIn<'a> {
    /// Aggregated y (mean/median/sum of the rows of one x, or sum(y)/sum(n)).
    pub y: &'a [f64],
    /// Sum of the denominators (`NaN` without a denominator).
    pub n: &'a [f64],
    /// Sum of the y values of each subgroup.
    pub sum: &'a [f64],
    /// Number of non-missing y values in each subgroup.
    pub len: &'a [f64],
    /// Mean of each subgroup.
    pub mean: &'a [f64],
    /// Standard deviation of each subgroup.
    pub sd: &'a [f64],
    /// Range of each subgroup.
    pub range: &'a [f64],
    /// Baseline and included: the points the centre line and sigma are estimated from.
    pub base: &'a [bool],
    /// Whether a denominator was given.
    pub got_n: bool,
    /// A centre line given by the user.
    pub cl_fixed: Option<f64>,
    /// Nelson's screening of large moving ranges.
    pub screen_mr: bool,
    /// x is categorical.
    pub categorical: bool,
    /// The whole specification (EWMA and CUSUM parameters).
    pub spec: &'a crate::ChartSpec,
}

/// The lines of one part, one value per point: slices of the chart's columns, written in
/// place. `y` arrives holding the aggregated values for a chart that plots something else
/// (S, MR, C, ...), which overwrites them, and empty for the others ([`leaves_y`]); `n` is
/// there for I' only, which writes it, and empty otherwise.
pub(crate) struct PartOut<'a> {
    pub y: &'a mut [f64],
    pub n: &'a mut [f64],
    pub cl: &'a mut [f64],
    pub lcl: &'a mut [f64],
    pub ucl: &'a mut [f64],
    pub lcl_95: &'a mut [f64],
    pub ucl_95: &'a mut [f64],
    /// The lower cumulative sum of a CUSUM chart (`y` holds the upper one).
    pub lower: &'a mut [f64],
    /// The centre line of a chart that keeps it once per part ([`cl_per_part`]; `cl` is then
    /// empty), set by [`PartOut::around`], [`PartOut::around_clamped`] or [`PartOut::set_cl`].
    pub cl_const: f64,
    /// The process sigma the limits rest on, where one number describes it (I, T on the
    /// transformed scale, X-bar s̄, EWMA, CUSUM); `NaN` where the centre line alone does (P, U,
    /// C, ...). With the centre line it makes a reusable baseline.
    pub sigma: f64,
}

impl PartOut<'_> {
    /// Lines `cl ± k·sigma_i` for k = 3 and 2 around a constant or varying centre.
    pub(crate) fn around(&mut self, cl: impl Fn(usize) -> f64, sigma: impl Fn(usize) -> f64) {
        let cl_here = !self.cl.is_empty();
        for i in 0..self.lcl.len() {
            let (c, s) = (cl(i), sigma(i));
            if cl_here {
                self.cl[i] = c;
            } else if i == 0 {
                self.cl_const = c;
            }
            self.lcl[i] = c - 3.0 * s;
            self.ucl[i] = c + 3.0 * s;
            self.lcl_95[i] = c - 2.0 * s;
            self.ucl_95[i] = c + 2.0 * s;
        }
    }

    /// A centre line that is the same at every point.
    pub(crate) fn set_cl(&mut self, c: f64) {
        self.cl.fill(c);
        self.cl_const = c;
    }

    /// As [`PartOut::around`], for counts, rates and proportions: lower limits below zero
    /// become zero and upper limits above `max(i)` become `max(i)` (`INFINITY`: no cap), in the
    /// same pass.
    pub(crate) fn around_clamped(
        &mut self,
        cl: impl Fn(usize) -> f64,
        sigma: impl Fn(usize) -> f64,
        max: impl Fn(usize) -> f64,
    ) {
        let floor = |v: f64| if v.is_finite() && v < 0.0 { 0.0 } else { v };
        let cl_here = !self.cl.is_empty();
        for i in 0..self.lcl.len() {
            let (c, s, m) = (cl(i), sigma(i), max(i));
            let cap = |v: f64| if v.is_finite() && v > m { m } else { v };
            if cl_here {
                self.cl[i] = c;
            } else if i == 0 {
                self.cl_const = c;
            }
            self.lcl[i] = floor(c - 3.0 * s);
            self.ucl[i] = cap(c + 3.0 * s);
            self.lcl_95[i] = floor(c - 2.0 * s);
            self.ucl_95[i] = cap(c + 2.0 * s);
        }
    }
}

/// The lines of a part that are the same at every point: `cl ± 3·sigma` and `cl ± 2·sigma`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConstantLines {
    /// The centre line.
    pub cl: f64,
    /// The sigma of the limits (`NaN`: no limits).
    pub sigma: f64,
    /// The process sigma to report (as [`PartOut::sigma`]).
    pub reported_sigma: f64,
    /// The number of non-missing values of the part, where the lines' pass counted them.
    pub n_present: Option<usize>,
    /// The runs analysis of the part, where the lines' pass made it.
    pub runs: Option<crate::runs::Runs>,
    /// Whether the lines' pass read every value of the part and found none infinite (a finite
    /// sum, or the median's pass); false where it did not read them all.
    pub all_finite: bool,
}

/// Whether `kind` plots the aggregated y as it is (before `multiply`): its limit function
/// leaves [`PartOut::y`] alone, and the chart takes y from the points.
pub(crate) fn leaves_y(kind: ChartKind) -> bool {
    info(kind).plots_y
}

/// Whether `kind` keeps its centre line once per part: it is the same at every point of a
/// part (its limits may vary with n). The limit functions of these kinds set it through
/// [`PartOut::around`], [`PartOut::around_clamped`] or [`PartOut::set_cl`] only.
pub(crate) fn cl_per_part(kind: ChartKind) -> bool {
    info(kind).cl_per_part
}

/// Whether the lines of `kind` are the same at every point of a part and left to
/// [`constant_lines`] (run and I charts): the chart then stores them once per part.
pub(crate) fn lines_per_part(kind: ChartKind) -> bool {
    info(kind).lines_per_part
}

/// The lines of a run or I chart part, which do not vary by point and leave y as it is,
/// without writing any column: exactly the values [`compute_part`] would write at every
/// point. `None` for every other kind. `all_base`: every point is a base point (no freeze, no
/// exclusion), so the values are read straight, without the base mask (same values).
// Not inlined: inlined into `compute`'s part loop its mean and moving-range loops compiled
// about 40 % slower (I chart of 1e6 points, `peak_memory i 1000000 40 owned`: 8.5 vs 5.9 ms).
#[inline(never)]
pub(crate) fn constant_lines(kind: ChartKind, p: &PartIn<'_>, all_base: bool) -> Option<ConstantLines> {
    match kind {
        ChartKind::Run => {
            let (cl, all_finite, n_present) = match p.cl_fixed {
                None if all_base => {
                    let m = individuals::run_centre_all(p);
                    (m.median, m.all_finite, Some(m.n_present))
                }
                _ => (individuals::run_centre(p), false, None),
            };
            Some(ConstantLines { cl, sigma: f64::NAN, reported_sigma: f64::NAN, n_present, runs: None, all_finite })
        }
        ChartKind::I if all_base => {
            let l = individuals::i_lines_all(p);
            Some(ConstantLines {
                cl: l.cl,
                sigma: l.sigma,
                reported_sigma: l.sigma,
                n_present: Some(l.n_present),
                runs: Some(l.runs),
                all_finite: l.finite_sum,
            })
        }
        ChartKind::I => {
            let (cl, sigma) = individuals::i_centre_sigma(p, p.y);
            Some(ConstantLines { cl, sigma, reported_sigma: sigma, n_present: None, runs: None, all_finite: false })
        }
        _ => None,
    }
}

/// Computes the lines of one part into `out`. `row_of` maps a point of the part to its input
/// row, for messages.
pub(crate) fn compute_part(
    kind: ChartKind,
    p: &PartIn<'_>,
    out: &mut PartOut<'_>,
    row_of: &dyn Fn(usize) -> usize,
) -> Result<()> {
    (info(kind).lines)(p, out, row_of)
}

/// Mean of the moving ranges of consecutive values, screened by Nelson's rule when asked:
/// moving ranges `>= factor · mean` are dropped and the mean recomputed once. Two passes over
/// the values, no buffer.
pub(crate) fn mean_moving_range<I: Iterator<Item = f64>>(values: impl Fn() -> I, screen: bool, factor: f64) -> f64 {
    let m = moving_range_pass(values(), f64::INFINITY);
    if !screen || m.is_nan() {
        m
    } else {
        moving_range_pass(values(), factor * m)
    }
}

/// Mean of the moving ranges of consecutive values below `limit` (`NaN` when there are none).
///
/// The moving range ending at the k-th value goes to lane `k % 4` of a [`Lanes`] sum (the
/// first value has none, as if it added 0), so a pass over a slice that adds the moving range
/// ending at `y[k]` to lane `k % 4` gets the same bits.
fn moving_range_pass(values: impl Iterator<Item = f64>, limit: f64) -> f64 {
    let (mut sum, mut count) = (Lanes::default(), 0usize);
    let mut it = values;
    if let Some(mut prev) = it.next() {
        sum.add(0.0);
        for v in it {
            // Branch-free: a moving range that is missing or screened adds 0, counts 0.
            let mr = (v - prev).abs();
            let keep = mr < limit;
            sum.add(if keep { mr } else { 0.0 });
            count += usize::from(keep);
            prev = v;
        }
    }
    if count == 0 {
        f64::NAN
    } else {
        sum.sum() / count as f64
    }
}

/// Mean of `values` (missing ones dropped), after Nelson's screening when asked.
pub(crate) fn screened_mean(values: &[f64], screen: bool, factor: f64) -> f64 {
    let m = crate::stats::mean_na(values.iter().copied());
    if !screen || m.is_nan() {
        return m;
    }
    let limit = factor * m;
    crate::stats::mean_na(values.iter().copied().filter(|&v| v < limit))
}

/// The values of `v` at the base points.
pub(crate) fn at_base<'a>(v: &'a [f64], base: &'a [bool]) -> impl Iterator<Item = f64> + 'a {
    debug_assert_eq!(v.len(), base.len(), "a base mask for every value");
    v.iter().zip(base).filter(|(_, &b)| b).map(|(&x, _)| x)
}
