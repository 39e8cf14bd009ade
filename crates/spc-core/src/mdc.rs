//! NHS "Making Data Count" (MDC) XmR charts, as NHSRplotthedots 0.2 computes them: limits
//! `mean ± 2.66·MR̄` (screened moving ranges by default), special-cause rules (outside the
//! limits, a shift of 7 points on one side of the mean, a trend of 7 points, 2 of 3 points
//! close to a limit), point types by improvement direction, and the variation and assurance
//! icons of the last point.
//!
//! Sources: NHSRplotthedots `ptd_spc_standard()`, `ptd_calculate_point_type()`; MDC testing
//! document; docs/methods.md §7. Shift and trend lengths are parameters (`shift_n`, `trend_n`;
//! 7/7 as NHSRplotthedots, 6/6 as the MDC v5 Excel tool).

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::input::XColumn;
use crate::stats::mean_na;

/// Which direction of change is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Improvement {
    /// Higher is better.
    #[default]
    Increase,
    /// Lower is better.
    Decrease,
    /// Neither.
    Neutral,
}

impl Improvement {
    fn sign(self) -> i8 {
        match self {
            Improvement::Increase => 1,
            Improvement::Decrease => -1,
            Improvement::Neutral => 0,
        }
    }
}

impl FromStr for Improvement {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "increase" => Ok(Improvement::Increase),
            "decrease" => Ok(Improvement::Decrease),
            "neutral" => Ok(Improvement::Neutral),
            _ => Err(Error::UnknownOption {
                argument: "improvement",
                given: s.to_string(),
                expected: "increase, decrease, neutral",
            }),
        }
    }
}

impl fmt::Display for Improvement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Improvement::Increase => "increase",
            Improvement::Decrease => "decrease",
            Improvement::Neutral => "neutral",
        })
    }
}

/// The type of a point (NHSRplotthedots `point_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointType {
    /// No special cause.
    CommonCause,
    /// Special cause on the improvement side of the mean.
    SpecialCauseImprovement,
    /// Special cause on the other side.
    SpecialCauseConcern,
    /// Special cause above the mean, no improvement direction.
    SpecialCauseNeutralHigh,
    /// Special cause below the mean, no improvement direction.
    SpecialCauseNeutralLow,
}

impl PointType {
    /// The NHSRplotthedots name.
    pub fn name(self) -> &'static str {
        match self {
            PointType::CommonCause => "common_cause",
            PointType::SpecialCauseImprovement => "special_cause_improvement",
            PointType::SpecialCauseConcern => "special_cause_concern",
            PointType::SpecialCauseNeutralHigh => "special_cause_neutral_high",
            PointType::SpecialCauseNeutralLow => "special_cause_neutral_low",
        }
    }
}

/// Options of an MDC chart.
#[derive(Debug, Clone, PartialEq)]
pub struct MdcSpec {
    /// Improvement direction (default increase, as NHSRplotthedots).
    pub improvement: Improvement,
    /// One target for every facet.
    pub target: Option<f64>,
    /// A target per facet value.
    pub facet_targets: HashMap<String, f64>,
    /// Recalculate the limits from these x values on (all facets).
    pub rebase: Vec<String>,
    /// Rebase x values per facet.
    pub facet_rebase: HashMap<String, Vec<String>>,
    /// Limits from the first N points of each rebase group only.
    pub fix_after: Option<usize>,
    /// Screen moving ranges >= 3.267·MR̄ (default true).
    pub screen_outliers: bool,
    /// Points on one side of the mean that make a shift (7).
    pub shift_n: usize,
    /// Points steadily rising or falling that make a trend (7).
    pub trend_n: usize,
}

impl Default for MdcSpec {
    fn default() -> Self {
        MdcSpec {
            improvement: Improvement::Increase,
            target: None,
            facet_targets: HashMap::new(),
            rebase: Vec::new(),
            facet_rebase: HashMap::new(),
            fix_after: None,
            screen_outliers: true,
            shift_n: Self::DEFAULT_SHIFT_N,
            trend_n: Self::DEFAULT_TREND_N,
        }
    }
}

impl MdcSpec {
    /// Points on one side of the mean that make a shift, when not given (NHSRplotthedots).
    pub const DEFAULT_SHIFT_N: usize = 7;
    /// Points steadily rising or falling that make a trend, when not given (NHSRplotthedots).
    pub const DEFAULT_TREND_N: usize = 7;

    /// Checks every option; the error names it (`fix_after`, `shift_n`, `trend_n`, `target`).
    /// [`mdc`] runs it first.
    pub fn validate(&self) -> Result<()> {
        let invalid = |argument: &'static str, reason: String| Err(Error::InvalidArgument { argument, reason });
        if self.fix_after == Some(0) {
            return invalid("fix_after", "must be at least 1".into());
        }
        if self.shift_n < 2 {
            return invalid("shift_n", format!("a shift needs at least 2 points, got {}", self.shift_n));
        }
        if self.trend_n < 3 {
            return invalid("trend_n", format!("a trend needs at least 3 points, got {}", self.trend_n));
        }
        if let Some(t) = self.target.iter().chain(self.facet_targets.values()).find(|t| !t.is_finite()) {
            return invalid("target", format!("must be a finite number, got {t}"));
        }
        Ok(())
    }
}

/// The icons of one facet, from its last point.
#[derive(Debug, Clone, PartialEq)]
pub struct Icons {
    /// Facet value (`None` when not faceted).
    pub facet: Option<String>,
    /// Index of the last point of the facet.
    pub last: usize,
    /// `common_cause`, `improvement_high`, `improvement_low`, `concern_high`, `concern_low`,
    /// `neutral_high` or `neutral_low`.
    pub variation: &'static str,
    /// `pass`, `fail` or `inconsistent`; `None` without a target or with neutral direction.
    pub assurance: Option<&'static str>,
}

/// The result of an MDC chart, one entry per point, ordered by facet then x.
#[derive(Debug, Clone, PartialEq)]
pub struct MdcChart {
    /// x of each point.
    pub x: XColumn,
    /// Facet of each point.
    pub facet: Option<Vec<String>>,
    /// Values.
    pub y: Vec<f64>,
    /// Mean of the rebase group.
    pub cl: Vec<f64>,
    /// Lower process limit.
    pub lcl: Vec<f64>,
    /// Upper process limit.
    pub ucl: Vec<f64>,
    /// 1-based rebase group.
    pub part: Vec<u32>,
    /// Point types.
    pub point_type: Vec<PointType>,
    /// The rule(s) that made each special-cause point (empty for common cause).
    pub rules: Vec<Vec<&'static str>>,
    /// Target of each point (`NaN` without one).
    pub target: Vec<f64>,
    /// One entry per facet.
    pub icons: Vec<Icons>,
    /// Warnings (short groups: trial limits).
    pub warnings: Vec<String>,
}

/// Computes an MDC chart of `x`, `y` (and facets, targets per row).
pub fn mdc(
    x: &XColumn,
    y: &[f64],
    facet: Option<&[String]>,
    target_col: Option<&[f64]>,
    spec: &MdcSpec,
) -> Result<MdcChart> {
    let len = y.len();
    if x.len() != len {
        return Err(Error::LengthMismatch { what: "x", got: x.len(), expected: len });
    }
    spec.validate()?;
    // Sort by facet then x (stable: equal x keep their order).
    let fkey = |i: usize| facet.map_or("", |f| f[i].as_str());
    let xkey = crate::compute::x_keys(x);
    let mut order: Vec<usize> = (0..len).filter(|&i| !xkey[i].is_nan()).collect();
    if order.len() < len {
        return Err(Error::InvalidValue {
            at: crate::error::Location::cell((0..len).find(|&i| xkey[i].is_nan()).map_or(0, |i| i + 1), "x"),
            reason: "the value is missing; every point of an MDC chart needs a date".into(),
        });
    }
    order.sort_by(|&a, &b| fkey(a).cmp(fkey(b)).then(xkey[a].total_cmp(&xkey[b])));

    let xs = x.take(&order);
    let ys: Vec<f64> = order.iter().map(|&i| y[i]).collect();
    let fs: Option<Vec<String>> = facet.map(|f| order.iter().map(|&i| f[i].clone()).collect());
    let m = ys.len();
    let mut out = MdcChart {
        x: xs,
        facet: fs,
        y: ys,
        cl: vec![f64::NAN; m],
        lcl: vec![f64::NAN; m],
        ucl: vec![f64::NAN; m],
        part: vec![1; m],
        point_type: vec![PointType::CommonCause; m],
        rules: vec![Vec::new(); m],
        target: vec![f64::NAN; m],
        icons: Vec::new(),
        warnings: Vec::new(),
    };
    let mut short = Vec::new();
    let mut start = 0;
    while start < m {
        let f = out.facet.as_ref().map(|f| f[start].clone());
        let mut end = start + 1;
        while end < m && out.facet.as_ref().map(|v| &v[end]) == f.as_ref() {
            end += 1;
        }
        // Targets.
        let t = f.as_ref().and_then(|f| spec.facet_targets.get(f)).copied().or(spec.target);
        for i in start..end {
            out.target[i] = match target_col {
                Some(tc) => tc[order[i]],
                None => t.unwrap_or(f64::NAN),
            };
        }
        // Rebase groups.
        let rebase = f.as_ref().and_then(|f| spec.facet_rebase.get(f)).unwrap_or(&spec.rebase);
        let mut group_starts = vec![start];
        for r in rebase {
            let pos = (start..end).find(|&i| out.x.matches(i, r)).ok_or_else(|| Error::InvalidArgument {
                argument: "rebase",
                reason: format!(
                    "{}'{r}' is not an x of the data",
                    f.as_ref().map(|f| format!("facet '{f}': ")).unwrap_or_default()
                ),
            })?;
            if pos > start {
                group_starts.push(pos);
            }
        }
        group_starts.sort_unstable();
        group_starts.dedup();
        for (g, &a) in group_starts.iter().enumerate() {
            let b = group_starts.get(g + 1).copied().unwrap_or(end);
            // NHSRplotthedots warns below `ptd_spc.warning_threshold` = 13 points (its message
            // says 12; its code compares with 13).
            if b - a < 13 {
                short.push(format!(
                    "{}part {} has {} points",
                    f.as_ref().map(|f| format!("facet '{f}' ")).unwrap_or_default(),
                    g + 1,
                    b - a
                ));
            }
            group(&mut out, a, b, (g + 1) as u32, spec);
        }
        out.icons.push(icons(&out, end, f, spec));
        start = end;
    }
    if !short.is_empty() {
        out.warnings.push(format!(
            "trial limits: groups with fewer than 13 points ({}); they will change as data are added",
            short.join(", ")
        ));
    }
    Ok(out)
}

/// Limits and point types of one rebase group `a..b`.
fn group(out: &mut MdcChart, a: usize, b: usize, part: u32, spec: &MdcSpec) {
    const LIMIT: f64 = 2.66;
    let y = &out.y[a..b];
    let k = spec.fix_after.unwrap_or(usize::MAX).min(y.len());
    let fix = &y[..k];
    let mean = mean_na(fix.iter().copied());
    // The I chart's mean moving range, screened at 3.267·MR̄ (the same code as `compute`).
    let amr = crate::limits::mean_moving_range(|| fix.iter().copied(), spec.screen_outliers, crate::limits::D4_2);
    let (lpl, upl) = (mean - LIMIT * amr, mean + LIMIT * amr);
    let (nlpl, nupl) = (mean - 2.0 * LIMIT / 3.0 * amr, mean + 2.0 * LIMIT / 3.0 * amr);
    let n = y.len();
    let outside: Vec<bool> = y.iter().map(|&v| v > upl || v < lpl).collect();
    let side: Vec<i8> = y
        .iter()
        .map(|&v| {
            if v > mean {
                1
            } else if v < mean {
                -1
            } else {
                0
            }
        })
        .collect();
    let close: Vec<bool> = (0..n).map(|i| !outside[i] && (y[i] < nlpl || y[i] > nupl)).collect();
    let mut shift = vec![false; n];
    let mut run = 0usize;
    for i in 0..n {
        run = if side[i] != 0 && i > 0 && side[i] == side[i - 1] { run + 1 } else { usize::from(side[i] != 0) };
        if run >= spec.shift_n {
            for s in &mut shift[i + 1 - spec.shift_n..=i] {
                *s = true;
            }
        }
    }
    // +1 / -1: part of a rising / falling trend.
    let mut trend = vec![0i8; n];
    let (mut up, mut down) = (0usize, 0usize);
    for i in 1..n {
        let d = y[i] - y[i - 1];
        up = if d > 0.0 { up + 1 } else { 0 };
        down = if d < 0.0 { down + 1 } else { 0 };
        let need = spec.trend_n - 1;
        if up >= need || down >= need {
            let d: i8 = if up >= need { 1 } else { -1 };
            for t in &mut trend[i - need..=i] {
                if *t == 0 {
                    *t = d;
                }
            }
        }
    }
    let mut two3 = vec![false; n];
    for w in 0..n.saturating_sub(2) {
        let c = (w..w + 3).filter(|&i| close[i]).count();
        let s: i8 = side[w..w + 3].iter().sum();
        if c >= 2 && s.abs() == 3 {
            for i in w..w + 3 {
                if close[i] {
                    two3[i] = true;
                }
            }
        }
    }
    let dir = spec.improvement.sign();
    for k in 0..n {
        let i = a + k;
        out.cl[i] = mean;
        out.lcl[i] = lpl;
        out.ucl[i] = upl;
        out.part[i] = part;
        // Rules in NHSRplotthedots' order of precedence: outside the limits, trend, 2 of 3, shift.
        // The first decides the direction of the point: the side of the mean, or for a trend
        // its direction (NHSRplotthedots 0.2.2, "7 Point Trend (Increasing)").
        let mut rules = Vec::new();
        let mut direction = 0i8;
        if outside[k] {
            rules.push(if y[k] > upl { "above_ucl" } else { "below_lcl" });
            direction = side[k];
        }
        if trend[k] != 0 {
            rules.push(if trend[k] > 0 { "trend_up" } else { "trend_down" });
            if direction == 0 {
                direction = trend[k];
            }
        }
        if two3[k] {
            rules.push("two_in_three");
        }
        if shift[k] {
            rules.push("shift");
        }
        if direction == 0 {
            direction = side[k];
        }
        out.point_type[i] = if rules.is_empty() {
            PointType::CommonCause
        } else if dir == 0 {
            if direction > 0 {
                PointType::SpecialCauseNeutralHigh
            } else {
                PointType::SpecialCauseNeutralLow
            }
        } else if direction == dir {
            PointType::SpecialCauseImprovement
        } else {
            PointType::SpecialCauseConcern
        };
        out.rules[i] = rules;
    }
}

/// Variation icon from the last point; assurance from the target against the last limits.
fn icons(out: &MdcChart, end: usize, facet: Option<String>, spec: &MdcSpec) -> Icons {
    let last = end - 1;
    let inc = spec.improvement == Improvement::Increase;
    let variation = match out.point_type[last] {
        PointType::CommonCause => "common_cause",
        PointType::SpecialCauseImprovement => {
            if inc {
                "improvement_high"
            } else {
                "improvement_low"
            }
        }
        PointType::SpecialCauseConcern => {
            if inc {
                "concern_low"
            } else {
                "concern_high"
            }
        }
        PointType::SpecialCauseNeutralHigh => "neutral_high",
        PointType::SpecialCauseNeutralLow => "neutral_low",
    };
    let t = out.target[last];
    let assurance = if t.is_nan() || spec.improvement == Improvement::Neutral {
        None
    } else {
        let (lpl, upl) = (out.lcl[last], out.ucl[last]);
        Some(if t > upl {
            if inc {
                "fail"
            } else {
                "pass"
            }
        } else if t < lpl {
            if inc {
                "pass"
            } else {
                "fail"
            }
        } else {
            "inconsistent"
        })
    };
    Icons { facet, last, variation, assurance }
}
