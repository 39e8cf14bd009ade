//! The result of a chart: one row per point, one summary row per facet and part.

use crate::flags::Flags;
use crate::input::XColumn;
use crate::kind::ChartKind;
use crate::line::Line;
use crate::spec::ChartSpec;
use crate::values::Values;

/// The summary of one part of one facet.
#[derive(Debug, Clone, PartialEq)]
pub struct PartSummary {
    /// Facet value (`None` when not faceted).
    pub facet: Option<String>,
    /// 1-based part number within the facet.
    pub part: u32,
    /// Points of this part are `start..end` in the per-point columns.
    pub start: usize,
    /// End (exclusive) of the points of this part.
    pub end: usize,
    /// Included points (missing ones too).
    pub n_obs: u32,
    /// Useful points of the runs analysis.
    pub n_useful: u32,
    /// Non-missing baseline points the lines were estimated from.
    pub n_baseline: u32,
    /// Longest run.
    pub longest_run: Option<u32>,
    /// Anhøj limit of the longest run.
    pub longest_run_max: Option<u32>,
    /// Number of crossings.
    pub n_crossings: Option<u32>,
    /// Anhøj lower limit of the crossings.
    pub n_crossings_min: Option<u32>,
    /// Runs signal (false for categorical x and MR charts).
    pub runs_signal: bool,
    /// Centre line (its last value when it varies, as for NP charts).
    pub cl: f64,
    /// Smallest and largest lower limit (equal when constant).
    pub lcl: (f64, f64),
    /// Smallest and largest upper limit.
    pub ucl: (f64, f64),
    /// Points outside the limits.
    pub n_sigma_signals: u32,
    /// The process sigma of the limits where one number describes it (before `multiply`;
    /// `NaN` otherwise). See [`crate::baseline`].
    pub sigma: f64,
}

/// A computed chart. Per-point columns have one entry per aggregated point, ordered by facet
/// then x; missing values are `NaN`. The lines and the denominator are [`Line`]s: read by
/// point like the other columns, stored once per part where they are the same at every point
/// of it (run and I charts).
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The specification it was computed from.
    pub spec: ChartSpec,
    /// x of each point.
    pub x: XColumn,
    /// Plotted value (after `multiply`).
    pub y: Values,
    /// Denominator (sum of n of the rows of the point; `NaN` without one).
    pub n: Line,
    /// Centre line.
    pub cl: Line,
    /// Lower 3-sigma limit.
    pub lcl: Line,
    /// Upper 3-sigma limit.
    pub ucl: Line,
    /// Lower 2-sigma limit.
    pub lcl_95: Line,
    /// Upper 2-sigma limit.
    pub ucl_95: Line,
    /// Whether the point belongs to the baseline.
    pub baseline: Flags,
    /// Whether the point is used for the lines and the runs analysis (not excluded).
    pub include: Flags,
    /// Whether the point is outside the limits.
    pub sigma_signal: Vec<bool>,
    /// CUSUM charts: the lower cumulative sum, drawn below zero (`y` is the upper sum).
    pub cusum_lower: Option<Vec<f64>>,
    /// One row per facet and part.
    pub summary: Vec<PartSummary>,
    /// Whether x is categorical (no runs analysis, points not joined).
    pub categorical: bool,
    /// Things the user should know: dropped rows, gaps in dates, too few points.
    pub warnings: Vec<String>,
}

impl Chart {
    /// The chart kind.
    pub fn kind(&self) -> ChartKind {
        self.spec.kind
    }

    /// Number of points.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    /// Whether there are no points.
    pub fn is_empty(&self) -> bool {
        self.y.is_empty()
    }

    /// Whether the chart is faceted.
    pub fn is_faceted(&self) -> bool {
        self.summary.iter().any(|s| s.facet.is_some())
    }

    /// Index into `summary` of the part of point `i` (the parts' points are consecutive, in
    /// the order of the summary rows).
    pub fn group_of(&self, i: usize) -> usize {
        self.summary.partition_point(|s| s.end <= i).min(self.summary.len().saturating_sub(1))
    }

    /// The summary row of point `i`.
    pub fn part_of(&self, i: usize) -> &PartSummary {
        &self.summary[self.group_of(i)]
    }

    /// Whether any part has a runs signal or any point is outside its limits.
    pub fn has_signal(&self) -> bool {
        self.summary.iter().any(|s| s.runs_signal || s.n_sigma_signals > 0)
    }

    /// The target of every point (`NaN` when there is none).
    pub fn target(&self) -> f64 {
        self.spec.target.unwrap_or(f64::NAN)
    }
}
