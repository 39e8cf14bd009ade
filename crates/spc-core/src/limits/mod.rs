//! Centre lines and control limits of one part of a chart, one function per family.
//!
//! Each function works on the aggregated points of one part (plain slices) and fills the
//! plotted value, the centre line and the 3-sigma and 2-sigma ("95 %") limits of every point.
//! Formulas and sources: methods.md §1-2 and qicharts2 `qic.*()`.

mod attribute;
mod individuals;
mod subgroup;

use crate::error::{Error, Result};
use crate::kind::ChartKind;

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
}

/// The lines of one part, one value per point.
#[derive(Debug, Clone, Default)]
pub(crate) struct PartOut {
    pub y: Vec<f64>,
    pub n: Vec<f64>,
    pub cl: Vec<f64>,
    pub lcl: Vec<f64>,
    pub ucl: Vec<f64>,
    pub lcl_95: Vec<f64>,
    pub ucl_95: Vec<f64>,
}

impl PartOut {
    /// Lines `cl ± k·sigma_i` for k = 3 and 2 around a constant or varying centre.
    pub(crate) fn around(y: Vec<f64>, n: Vec<f64>, cl: &dyn Fn(usize) -> f64, sigma: &dyn Fn(usize) -> f64) -> Self {
        let m = y.len();
        let mut out = PartOut {
            y,
            n,
            cl: Vec::with_capacity(m),
            lcl: Vec::with_capacity(m),
            ucl: Vec::with_capacity(m),
            lcl_95: Vec::with_capacity(m),
            ucl_95: Vec::with_capacity(m),
        };
        for i in 0..m {
            let (c, s) = (cl(i), sigma(i));
            out.cl.push(c);
            out.lcl.push(c - 3.0 * s);
            out.ucl.push(c + 3.0 * s);
            out.lcl_95.push(c - 2.0 * s);
            out.ucl_95.push(c + 2.0 * s);
        }
        out
    }

    /// Lower limits below zero become zero (counts, rates, proportions, ...).
    pub(crate) fn floor_lower_at_zero(&mut self) {
        for v in self.lcl.iter_mut().chain(self.lcl_95.iter_mut()) {
            if v.is_finite() && *v < 0.0 {
                *v = 0.0;
            }
        }
    }

    /// Upper limits above `max` become `max`.
    pub(crate) fn cap_upper(&mut self, max: &dyn Fn(usize) -> f64) {
        for (i, (u, u95)) in self.ucl.iter_mut().zip(self.ucl_95.iter_mut()).enumerate() {
            let m = max(i);
            if u.is_finite() && *u > m {
                *u = m;
            }
            if u95.is_finite() && *u95 > m {
                *u95 = m;
            }
        }
    }
}

/// Computes the lines of one part. `row_of` maps a point of the part to its input row, for
/// messages.
pub(crate) fn compute_part(kind: ChartKind, p: &PartIn<'_>, row_of: &dyn Fn(usize) -> usize) -> Result<PartOut> {
    Ok(match kind {
        ChartKind::Run => individuals::run(p),
        ChartKind::I => individuals::i(p, p.y.to_vec()),
        ChartKind::Mr => individuals::mr(p),
        ChartKind::T => {
            if let Some(i) = p.y.iter().position(|&v| v <= 0.0) {
                return Err(Error::InvalidValue {
                    row: row_of(i),
                    reason: format!("a T chart needs times between events > 0, got {}", p.y[i]),
                });
            }
            individuals::t(p)
        }
        ChartKind::Ip => individuals::ip(p),
        ChartKind::Xbar => subgroup::xbar(p),
        ChartKind::S => subgroup::s(p),
        ChartKind::R => subgroup::r(p),
        ChartKind::P => attribute::p(p, false),
        ChartKind::Pp => attribute::p(p, true),
        ChartKind::Np => attribute::np(p),
        ChartKind::C => attribute::c(p),
        ChartKind::U => attribute::u(p, false),
        ChartKind::Up => attribute::u(p, true),
        ChartKind::G => attribute::g(p),
    })
}

/// Mean of the moving ranges of the base points, screened by Nelson's rule when asked:
/// moving ranges `>= factor · mean` are dropped and the mean recomputed once.
pub(crate) fn mean_moving_range(values: impl Iterator<Item = f64>, screen: bool, factor: f64) -> f64 {
    let mut prev: Option<f64> = None;
    let mut mrs: Vec<f64> = Vec::new();
    for v in values {
        if let Some(p) = prev {
            mrs.push((v - p).abs());
        }
        prev = Some(v);
    }
    screened_mean(&mrs, screen, factor)
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
    v.iter().zip(base).filter(|(_, &b)| b).map(|(&x, _)| x)
}
