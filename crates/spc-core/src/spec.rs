//! `ChartSpec`: every option of a chart, with a builder.

use crate::error::{Error, Result};
use crate::kind::{Agg, ChartKind, RunsMethod};

/// The specification of a chart: kind and options, named as in qicharts2.
///
/// ```
/// use spc_core::{ChartKind, ChartSpec, Input};
/// let input = Input::from_y(vec![5.0, 7.0, 6.0, 8.0, 7.0, 9.0, 6.0, 7.0, 8.0, 6.0, 7.0, 5.0]);
/// let chart = ChartSpec::new(ChartKind::I).freeze(10).compute(&input).unwrap();
/// assert!((chart.cl[0] - 6.9).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    /// The chart kind.
    pub kind: ChartKind,
    /// Baseline: the first `freeze` points (of every part, when there are parts).
    pub freeze: Option<usize>,
    /// Baseline per part: the first `k` points of each part (0 = the whole part).
    pub freeze_part: Option<Vec<usize>>,
    /// Parts: a new part starts after each of these 1-based positions.
    pub part: Vec<usize>,
    /// 1-based positions left out of the centre line, limits and runs analysis (still shown).
    pub exclude: Vec<usize>,
    /// Multiply y, centre line and limits (e.g. 100 for per cent).
    pub multiply: f64,
    /// A given centre line, on the scale of the data before `multiply` (as qicharts2).
    pub cl: Option<f64>,
    /// A target line, on the scale of the plotted values.
    pub target: Option<f64>,
    /// Runs analysis method.
    pub method: RunsMethod,
    /// Nelson's screening of moving ranges for I, T, P' and U' charts (default on, as qicharts2).
    pub screen_mr: bool,
    /// Whether lower limits may be negative (when false and all y >= 0, they are set to 0).
    pub y_neg: bool,
    /// How rows that share an x are combined (without a denominator).
    pub agg: Agg,
    /// Fewer non-missing baseline points than this give a warning (docs/methods.md §9.2).
    pub min_points_limits: usize,
    /// A known process standard deviation, else estimated from the baseline: for EWMA and
    /// CUSUM (MR̄/1.128 for single values, mean(R_i/d2(n_i)) for subgroups, as qcc), I and T
    /// (MR̄/1.128; T on the transformed scale), X-bar (s̄), R (mean(R_i/d2(n_i))) and I' (of one
    /// unit: the limits are CL ± 3·sigma/√n_i). A saved baseline sets it.
    pub sigma: Option<f64>,
    /// EWMA weight λ (0 < λ <= 1; qcc default 0.2).
    pub lambda: f64,
    /// EWMA limit width L in sigmas (qcc default 3).
    pub width: f64,
    /// CUSUM reference value k in sigmas (qcc default 0.5).
    pub k: f64,
    /// CUSUM decision interval h in sigmas (qcc default 5).
    pub h: f64,
}

impl ChartSpec {
    /// The chart kind when none is given (as qicharts2).
    pub const DEFAULT_KIND: ChartKind = ChartKind::Run;
    /// `multiply` when none is given.
    pub const DEFAULT_MULTIPLY: f64 = 1.0;
    /// EWMA weight λ when none is given (qcc).
    pub const DEFAULT_LAMBDA: f64 = 0.2;
    /// EWMA limit width in sigmas when none is given (qcc).
    pub const DEFAULT_WIDTH: f64 = 3.0;
    /// CUSUM reference value k in sigmas when none is given (qcc).
    pub const DEFAULT_K: f64 = 0.5;
    /// CUSUM decision interval h in sigmas when none is given (qcc).
    pub const DEFAULT_H: f64 = 5.0;
    /// Fewer baseline points than this give a warning (docs/methods.md §9.2).
    pub const DEFAULT_MIN_POINTS_LIMITS: usize = 12;

    /// A chart of `kind` with qicharts2's defaults.
    pub fn new(kind: ChartKind) -> Self {
        ChartSpec {
            kind,
            freeze: None,
            freeze_part: None,
            part: Vec::new(),
            exclude: Vec::new(),
            multiply: Self::DEFAULT_MULTIPLY,
            cl: None,
            target: None,
            method: RunsMethod::default(),
            screen_mr: true,
            y_neg: true,
            agg: Agg::default(),
            min_points_limits: Self::DEFAULT_MIN_POINTS_LIMITS,
            sigma: None,
            lambda: Self::DEFAULT_LAMBDA,
            width: Self::DEFAULT_WIDTH,
            k: Self::DEFAULT_K,
            h: Self::DEFAULT_H,
        }
    }

    /// Checks every option on its own (those that depend on the data, such as positions beyond
    /// the points, are checked by [`compute`](Self::compute)). The error names the option by
    /// its neutral name (`lambda`, `freeze`, ...); front ends map it to their spelling.
    ///
    /// ```
    /// let spec = spc_core::ChartSpec::new(spc_core::ChartKind::Ewma).ewma(2.0, 3.0);
    /// assert_eq!(spec.validate().unwrap_err().to_string(), "invalid lambda: must be in (0, 1], got 2");
    /// ```
    pub fn validate(&self) -> Result<()> {
        let invalid = |argument: &'static str, reason: String| Err(Error::InvalidArgument { argument, reason });
        if !self.multiply.is_finite() || self.multiply == 0.0 {
            return invalid("multiply", format!("must be a finite number other than 0, got {}", self.multiply));
        }
        for (argument, v) in [("cl", self.cl), ("target", self.target)] {
            if let Some(v) = v.filter(|v| !v.is_finite()) {
                return invalid(argument, format!("must be a finite number, got {v}"));
            }
        }
        if self.freeze == Some(0) {
            return invalid("freeze", "must be at least 1 (the number of baseline points)".into());
        }
        if !(self.lambda > 0.0 && self.lambda <= 1.0) {
            return invalid("lambda", format!("must be in (0, 1], got {}", self.lambda));
        }
        for (argument, v) in [("width", self.width), ("k", self.k), ("h", self.h)] {
            if !(v.is_finite() && v >= 0.0) {
                return invalid(argument, format!("must be a number >= 0, got {v}"));
            }
        }
        if let Some(s) = self.sigma.filter(|s| !(s.is_finite() && *s > 0.0)) {
            return invalid("sigma", format!("must be a number > 0, got {s}"));
        }
        Ok(())
    }

    /// Baseline of the first `k` points.
    #[must_use]
    pub fn freeze(mut self, k: usize) -> Self {
        self.freeze = Some(k);
        self
    }

    /// Baseline of the first `k_j` points of part j.
    #[must_use]
    pub fn freeze_part(mut self, k: impl IntoIterator<Item = usize>) -> Self {
        self.freeze_part = Some(k.into_iter().collect());
        self
    }

    /// Split into parts after these 1-based positions.
    #[must_use]
    pub fn part(mut self, positions: impl IntoIterator<Item = usize>) -> Self {
        self.part = positions.into_iter().collect();
        self
    }

    /// Leave these 1-based positions out of the calculations.
    #[must_use]
    pub fn exclude(mut self, positions: impl IntoIterator<Item = usize>) -> Self {
        self.exclude = positions.into_iter().collect();
        self
    }

    /// Multiply the plotted values.
    #[must_use]
    pub fn multiply(mut self, m: f64) -> Self {
        self.multiply = m;
        self
    }

    /// A given centre line.
    #[must_use]
    pub fn cl(mut self, cl: f64) -> Self {
        self.cl = Some(cl);
        self
    }

    /// A target line.
    #[must_use]
    pub fn target(mut self, t: f64) -> Self {
        self.target = Some(t);
        self
    }

    /// The runs analysis method.
    #[must_use]
    pub fn method(mut self, m: RunsMethod) -> Self {
        self.method = m;
        self
    }

    /// Screen moving ranges (Nelson 1982) or not.
    #[must_use]
    pub fn screen_mr(mut self, on: bool) -> Self {
        self.screen_mr = on;
        self
    }

    /// Allow negative lower limits or not.
    #[must_use]
    pub fn y_neg(mut self, on: bool) -> Self {
        self.y_neg = on;
        self
    }

    /// Aggregation of rows that share an x.
    #[must_use]
    pub fn agg(mut self, agg: Agg) -> Self {
        self.agg = agg;
        self
    }

    /// A known process standard deviation (EWMA, CUSUM).
    #[must_use]
    pub fn sigma(mut self, s: f64) -> Self {
        self.sigma = Some(s);
        self
    }

    /// EWMA weight λ and limit width L.
    #[must_use]
    pub fn ewma(mut self, lambda: f64, width: f64) -> Self {
        self.lambda = lambda;
        self.width = width;
        self
    }

    /// CUSUM reference value k and decision interval h (in sigmas).
    #[must_use]
    pub fn cusum(mut self, k: f64, h: f64) -> Self {
        self.k = k;
        self.h = h;
        self
    }

    /// Computes the chart. See [`crate::compute`].
    pub fn compute(&self, input: &crate::Input) -> crate::Result<crate::Chart> {
        crate::compute::compute(self, input)
    }

    /// Computes the chart, taking the input (no copy of its x and y for run and I charts).
    /// See [`crate::compute_owned`].
    pub fn compute_owned(&self, input: crate::Input) -> crate::Result<crate::Chart> {
        crate::compute::compute_owned(self, input)
    }
}
