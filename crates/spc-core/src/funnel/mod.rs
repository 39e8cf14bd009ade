//! Funnel plots for comparing units (municipalities, hospitals) on one indicator.
//!
//! Each unit has a numerator `y` and a denominator `n`; its indicator is `y / n` (times a
//! multiplier, e.g. 100 for per cent or 1 000 for per 1 000). The funnel plot draws the
//! indicator against the denominator with a target line and control limits that narrow as
//! the denominator grows, at one or more coverage levels (95 % and 99.8 % by default).
//!
//! Methods (docs/methods.md §11):
//!
//! * **Target** (docs/methods.md §11.2): the pooled `Σy / Σn` of the plotted units, or a
//!   value given by the user; standardised ratios (O/E) default to 1.
//! * **Exact limits** (docs/methods.md §11.3): proportions from the binomial distribution and
//!   rates from the Poisson distribution, both with Spiegelhalter's (2005a) interpolation
//!   between the integer quantiles: `r_p` = the smallest `r` with `F(r) >= p`,
//!   `α = (F(r_p) − p) / (F(r_p) − F(r_p − 1))`, limit `(r_p − α) / n`. Standardised ratios use
//!   FunnelPlotR's continuous χ² form `θ0·χ²_p(2E)/(2E)` and `θ0·χ²_{1−p}(2(E+1))/(2E)`.
//! * **Normal approximation** (docs/methods.md §11.4): `θ0 ± z·sqrt(V(θ0)/n)` with
//!   `V = θ0(1 − θ0)` for proportions and `V = θ0` for rates and ratios, clipped to `[0, 1]`
//!   (proportions) or at 0.
//! * **Over-dispersion** (docs/methods.md §11.5): z-scores on a variance-stabilising scale
//!   (proportions: `asin(sqrt(y/n))`, `s = 1/(2 sqrt(n))`, as FunnelPlotR; rates and ratios:
//!   `sqrt(y/n)`, `s = 1/(2 sqrt(n))`, FunnelPlotR's "CQC" transform, which also copes with zero
//!   counts), winsorised at the 10th and 90th percentiles (R quantile type 7); `φ̂ = mean(z²)`;
//!   DerSimonian–Laird `τ̂²`. Limits are widened only when `φ̂ > 1` (as FunnelPlotR):
//!   multiplicatively `θ0 ± z·sqrt(φ̂·V(θ0)/n)` (Spiegelhalter 2005b), or additively on the
//!   transformed scale `t ± z·sqrt(s² + τ̂²)` and back-transformed (`sin²` for proportions,
//!   squaring for rates and ratios), clipped.
//! * **Flags** (docs/methods.md §11.6): a unit outside the limits of the highest level is an
//!   `alarm`, outside a lower level only an `alert`; a value on a limit counts as inside.
//!
//! Units that cannot be plotted (missing numerator or denominator, denominator <= 0, ...) stay
//! in the result with a [`UnitStatus`] saying why.
//!
//! ```
//! use spc_core::funnel::{funnel, FunnelSpec, Unit};
//!
//! let units = vec![
//!     Unit::new("A", "Alpha", Some(12.0), Some(100.0)),
//!     Unit::new("B", "Beta", Some(30.0), Some(400.0)),
//!     Unit::new("C", "Gamma", None, Some(50.0)),
//! ];
//! let f = funnel(&units, &FunnelSpec::default()).unwrap();
//! assert!((f.target - 42.0 / 500.0).abs() < 1e-12);
//! assert!(!f.rows[2].plotted());
//! ```

use std::io::Write;

mod limits;

use limits::lower_p;
pub use limits::{
    additive_limits, chisq_ratio_limits, dispersion, exact_binomial_limit, exact_poisson_limit, level_z, normal_limits,
    quantile7, zscores, Dispersion,
};

use crate::kostra::Status;
use crate::{Error, Result};

/// What the numerator and denominator are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataType {
    /// A proportion: `y` of `n` (binomial). The numerator cannot exceed the denominator.
    #[default]
    Proportion,
    /// A rate: counts `y` per exposure `n` (Poisson), e.g. per 1 000 inhabitants.
    Rate,
    /// A standardised ratio: observed `O` over expected `E` (Poisson; target 1 unless given).
    Ratio,
}

impl DataType {
    /// The name used on the command line and in output (`proportion`, `rate`, `ratio`).
    pub fn name(self) -> &'static str {
        match self {
            DataType::Proportion => "proportion",
            DataType::Rate => "rate",
            DataType::Ratio => "ratio",
        }
    }
}

impl std::str::FromStr for DataType {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "proportion" | "p" => Ok(DataType::Proportion),
            "rate" | "u" => Ok(DataType::Rate),
            "ratio" | "sr" | "o/e" => Ok(DataType::Ratio),
            _ => Err(Error::UnknownOption {
                argument: "funnel data type",
                given: s.into(),
                expected: "proportion, rate, ratio",
            }),
        }
    }
}

/// How the limits are computed before any over-dispersion adjustment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LimitMethod {
    /// Exact binomial/Poisson limits with interpolation (χ² form for standardised ratios).
    #[default]
    Exact,
    /// The normal approximation `θ0 ± z·sqrt(V(θ0)/n)`.
    Normal,
}

impl LimitMethod {
    /// The name used on the command line (`exact`, `normal`).
    pub fn name(self) -> &'static str {
        match self {
            LimitMethod::Exact => "exact",
            LimitMethod::Normal => "normal",
        }
    }
}

impl std::str::FromStr for LimitMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "exact" => Ok(LimitMethod::Exact),
            "normal" | "approximate" | "approx" => Ok(LimitMethod::Normal),
            _ => Err(Error::UnknownOption {
                argument: "funnel limit method",
                given: s.into(),
                expected: "exact, normal",
            }),
        }
    }
}

/// Over-dispersion adjustment of the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overdispersion {
    /// No adjustment (φ̂ and τ̂² are still reported).
    #[default]
    None,
    /// Multiplicative: the variance times φ̂ (Spiegelhalter 2005b).
    Multiplicative,
    /// Additive random effects: τ̂² added on the transformed scale (DerSimonian–Laird).
    Additive,
}

impl Overdispersion {
    /// The name used on the command line (`none`, `multiplicative`, `additive`).
    pub fn name(self) -> &'static str {
        match self {
            Overdispersion::None => "none",
            Overdispersion::Multiplicative => "multiplicative",
            Overdispersion::Additive => "additive",
        }
    }
}

impl std::str::FromStr for Overdispersion {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" | "no" => Ok(Overdispersion::None),
            "multiplicative" | "mult" | "phi" => Ok(Overdispersion::Multiplicative),
            "additive" | "add" | "random" | "tau" => Ok(Overdispersion::Additive),
            _ => Err(Error::UnknownOption {
                argument: "over-dispersion",
                given: s.into(),
                expected: "none, multiplicative, additive",
            }),
        }
    }
}

/// One unit to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The unit's code (e.g. a municipality number).
    pub code: String,
    /// The unit's name.
    pub name: String,
    /// The numerator `y` (count, observed).
    pub numerator: Option<f64>,
    /// The denominator `n` (persons, exposure, expected count).
    pub denominator: Option<f64>,
    /// The source's status of the unit's cell (SSB's `..`, `:`, ...), shown in the `status`
    /// column in place of this module's own reason when the unit cannot be plotted.
    pub source_status: Option<Status>,
}

impl Unit {
    /// A unit from its parts.
    pub fn new(
        code: impl Into<String>,
        name: impl Into<String>,
        numerator: Option<f64>,
        denominator: Option<f64>,
    ) -> Self {
        Unit { code: code.into(), name: name.into(), numerator, denominator, source_status: None }
    }

    /// The unit with the status its source gives the cell.
    #[must_use]
    pub fn with_source_status(mut self, status: Option<Status>) -> Self {
        self.source_status = status;
        self
    }
}

/// Whether a unit is plotted, and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitStatus {
    /// Plotted.
    Ok,
    /// No numerator.
    MissingNumerator,
    /// No denominator.
    MissingDenominator,
    /// Neither numerator nor denominator.
    MissingBoth,
    /// Denominator 0.
    ZeroDenominator,
    /// Denominator below 0.
    NegativeDenominator,
    /// Numerator below 0.
    NegativeNumerator,
    /// A proportion's numerator above its denominator.
    NumeratorExceedsDenominator,
    /// A numerator or denominator that is infinite or NaN.
    NotFinite,
}

impl UnitStatus {
    /// The word written in the `status` column: empty for a plotted unit (as a value without a
    /// status in `spc kostra read`), else the reason (`numerator_missing`, `zero_denominator`,
    /// ..., the words of [`crate::kostra::Status`] where they mean the same).
    pub fn name(self) -> &'static str {
        match self {
            UnitStatus::Ok => "",
            UnitStatus::MissingNumerator => "numerator_missing",
            UnitStatus::MissingDenominator => "denominator_missing",
            UnitStatus::MissingBoth => "numerator_and_denominator_missing",
            UnitStatus::ZeroDenominator => "zero_denominator",
            UnitStatus::NegativeDenominator => "negative_denominator",
            UnitStatus::NegativeNumerator => "negative_numerator",
            UnitStatus::NumeratorExceedsDenominator => "numerator_exceeds_denominator",
            UnitStatus::NotFinite => "not_finite",
        }
    }

    /// Why the unit is not plotted, in words (empty for [`UnitStatus::Ok`]).
    pub fn reason(self) -> &'static str {
        match self {
            UnitStatus::Ok => "",
            UnitStatus::MissingNumerator => "the numerator is missing",
            UnitStatus::MissingDenominator => "the denominator is missing",
            UnitStatus::MissingBoth => "the numerator and the denominator are missing",
            UnitStatus::ZeroDenominator => "the denominator is 0",
            UnitStatus::NegativeDenominator => "the denominator is negative",
            UnitStatus::NegativeNumerator => "the numerator is negative",
            UnitStatus::NumeratorExceedsDenominator => "the numerator exceeds the denominator of a proportion",
            UnitStatus::NotFinite => "the numerator or denominator is not a finite number",
        }
    }
}

/// Where a plotted unit lies relative to the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Inside the limits of every level (a value on a limit is inside).
    None,
    /// Outside the limits of a lower level, inside those of the highest (95 % but not 99.8 %).
    Alert,
    /// Outside the limits of the highest level (99.8 % by default).
    Alarm,
}

impl Flag {
    /// `none`, `alert` or `alarm`.
    pub fn name(self) -> &'static str {
        match self {
            Flag::None => "none",
            Flag::Alert => "alert",
            Flag::Alarm => "alarm",
        }
    }
}

/// The side of a flagged unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Above the upper limit.
    High,
    /// Below the lower limit.
    Low,
}

impl Direction {
    /// `high` or `low`.
    pub fn name(self) -> &'static str {
        match self {
            Direction::High => "high",
            Direction::Low => "low",
        }
    }
}

/// The limits of one coverage level at one denominator, in indicator units (× multiplier).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Two-sided coverage in per cent (95, 99.8).
    pub level: f64,
    /// Lower limit.
    pub lower: f64,
    /// Upper limit.
    pub upper: f64,
}

/// One unit of the result.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelRow {
    /// The unit's code.
    pub code: String,
    /// The unit's name.
    pub name: String,
    /// The numerator as given.
    pub numerator: Option<f64>,
    /// The denominator as given.
    pub denominator: Option<f64>,
    /// `y / n × multiplier` for plotted units.
    pub value: Option<f64>,
    /// The limits at this unit's denominator, one per level in ascending order (empty when not plotted).
    pub limits: Vec<Limits>,
    /// The flag (`None` for units not plotted).
    pub flag: Option<Flag>,
    /// The side of a flagged unit.
    pub direction: Option<Direction>,
    /// The highest level whose limits the unit is outside.
    pub exceeded: Option<f64>,
    /// Plotted or why not.
    pub status: UnitStatus,
    /// The source's status of the cell (see [`Unit::source_status`]).
    pub source_status: Option<Status>,
}

impl FunnelRow {
    /// Whether the unit is plotted.
    pub fn plotted(&self) -> bool {
        self.status == UnitStatus::Ok
    }

    /// The status the table shows: empty for a plotted unit; for one that is not plotted,
    /// SSB's own symbol (`.`, `..`, `...`, `:`) when the source gives one, else the reason
    /// ([`UnitStatus::name`]).
    pub fn shown_status(&self) -> &'static str {
        match (self.plotted(), self.source_status) {
            (
                false,
                Some(
                    s @ (Status::NotApplicable | Status::NotAvailable | Status::NotYetAvailable | Status::Confidential),
                ),
            ) => s.symbol(),
            _ => self.status.name(),
        }
    }
}

/// One point of a limit curve.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    /// The denominator.
    pub denominator: f64,
    /// Lower limit (indicator units).
    pub lower: f64,
    /// Upper limit (indicator units).
    pub upper: f64,
}

/// The limits of one level along the denominator axis, for drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// Two-sided coverage in per cent.
    pub level: f64,
    /// Points at log-spaced denominators from the smallest to the largest plotted denominator.
    pub points: Vec<CurvePoint>,
}

/// What to compute.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelSpec {
    /// What the numerators and denominators are.
    pub data_type: DataType,
    /// Indicator = `y / n × multiplier` (1, 100 for per cent, 1 000 for per 1 000).
    pub multiplier: f64,
    /// The target θ0 on the raw scale (a proportion in `[0, 1]`, a rate per unit of exposure,
    /// a ratio). `None`: the pooled `Σy / Σn` of the plotted units (1 for ratios).
    pub target: Option<f64>,
    /// Two-sided coverage levels in per cent, each in `(0, 100)`.
    pub levels: Vec<f64>,
    /// Exact or normal-approximation limits.
    pub method: LimitMethod,
    /// Over-dispersion adjustment.
    pub overdispersion: Overdispersion,
    /// Winsorisation of the z-scores: the fraction at each end (FunnelPlotR: 0.1).
    pub trim: f64,
    /// Number of points of each drawn limit curve.
    pub curve_points: usize,
}

impl Default for FunnelSpec {
    fn default() -> Self {
        FunnelSpec {
            data_type: DataType::Proportion,
            multiplier: 1.0,
            target: None,
            levels: vec![95.0, 99.8],
            method: LimitMethod::Exact,
            overdispersion: Overdispersion::None,
            trim: 0.1,
            curve_points: 200,
        }
    }
}

impl FunnelSpec {
    /// Checks the options (multiplier, levels, trim, target); the error names the option.
    /// [`funnel`] runs it first.
    pub fn validate(&self) -> Result<()> {
        check_spec(self).map(|_| ())
    }
}

/// A computed funnel plot.
#[derive(Debug, Clone, PartialEq)]
pub struct Funnel {
    /// The specification, levels sorted ascending without duplicates.
    pub spec: FunnelSpec,
    /// The target θ0 on the raw scale (multiply by `spec.multiplier` for indicator units).
    pub target: f64,
    /// Whether the target was given (else pooled, or 1 for ratios).
    pub target_given: bool,
    /// The over-dispersion factor φ̂ (mean of the squared winsorised z-scores); `None` with
    /// fewer than 2 plotted units.
    pub phi: Option<f64>,
    /// The DerSimonian–Laird between-unit variance τ̂² on the transformed scale; `None` with
    /// fewer than 2 plotted units.
    pub tau2: Option<f64>,
    /// Whether the limits were widened for over-dispersion (an adjustment was asked for and φ̂ > 1).
    pub adjusted: bool,
    /// One row per input unit, in input order.
    pub rows: Vec<FunnelRow>,
    /// One curve per level, ascending.
    pub curves: Vec<Curve>,
}

impl Funnel {
    /// The target in indicator units (`target × multiplier`).
    pub fn target_value(&self) -> f64 {
        self.target * self.spec.multiplier
    }

    /// The number of plotted units.
    pub fn plotted(&self) -> usize {
        self.rows.iter().filter(|r| r.plotted()).count()
    }

    /// Writes the per-unit table as CSV ([`crate::schema::funnel_rows`]).
    pub fn write_csv(&self, w: impl Write) -> std::io::Result<()> {
        crate::schema::funnel_rows(self).write_csv(w)
    }
}

/// A level as used in column names: `95` → `95`, `99.8` → `99_8`.
pub fn level_name(level: f64) -> String {
    format!("{level}").replace('.', "_")
}

fn unit_status(dt: DataType, y: Option<f64>, n: Option<f64>) -> UnitStatus {
    match (y, n) {
        (None, None) => UnitStatus::MissingBoth,
        (None, Some(_)) => UnitStatus::MissingNumerator,
        (Some(_), None) => UnitStatus::MissingDenominator,
        (Some(y), Some(n)) => {
            if !(y.is_finite() && n.is_finite()) {
                UnitStatus::NotFinite
            } else if n == 0.0 {
                UnitStatus::ZeroDenominator
            } else if n < 0.0 {
                UnitStatus::NegativeDenominator
            } else if y < 0.0 {
                UnitStatus::NegativeNumerator
            } else if dt == DataType::Proportion && y > n {
                UnitStatus::NumeratorExceedsDenominator
            } else {
                UnitStatus::Ok
            }
        }
    }
}

/// The limits at denominator `n` on the raw scale for one level.
fn limits_raw(spec: &FunnelSpec, n: f64, theta: f64, level: f64, adj: Option<Dispersion>) -> (f64, f64) {
    let dt = spec.data_type;
    if let Some(d) = adj {
        return match spec.overdispersion {
            Overdispersion::Multiplicative => normal_limits(dt, n, theta, level, d.phi),
            Overdispersion::Additive => additive_limits(dt, n, theta, level, d.tau2),
            Overdispersion::None => normal_limits(dt, n, theta, level, 1.0),
        };
    }
    match (spec.method, dt) {
        (LimitMethod::Normal, _) => normal_limits(dt, n, theta, level, 1.0),
        (LimitMethod::Exact, DataType::Proportion) => {
            let p = lower_p(level);
            (exact_binomial_limit(n, theta, p), exact_binomial_limit(n, theta, 1.0 - p))
        }
        (LimitMethod::Exact, DataType::Rate) => {
            let p = lower_p(level);
            let e = theta * n;
            (theta * exact_poisson_limit(e, p), theta * exact_poisson_limit(e, 1.0 - p))
        }
        (LimitMethod::Exact, DataType::Ratio) => chisq_ratio_limits(n, theta, level),
    }
}

fn check_spec(spec: &FunnelSpec) -> Result<Vec<f64>> {
    if !(spec.multiplier.is_finite() && spec.multiplier > 0.0) {
        return Err(Error::InvalidArgument {
            argument: "multiplier",
            reason: format!("{} is not a positive number", spec.multiplier),
        });
    }
    if spec.levels.is_empty() {
        return Err(Error::InvalidArgument { argument: "levels", reason: "at least one level is needed".into() });
    }
    let mut levels = Vec::with_capacity(spec.levels.len());
    for &l in &spec.levels {
        if !(l.is_finite() && l > 0.0 && l < 100.0) || lower_p(l) <= 0.0 {
            return Err(Error::InvalidArgument {
                argument: "levels",
                reason: format!("{l} is not a coverage in per cent between 0 and 100 (e.g. 95 or 99.8)"),
            });
        }
        levels.push(l);
    }
    levels.sort_by(f64::total_cmp);
    levels.dedup();
    if !(spec.trim.is_finite() && (0.0..0.5).contains(&spec.trim)) {
        return Err(Error::InvalidArgument {
            argument: "trim",
            reason: format!("{} is not a fraction in [0, 0.5)", spec.trim),
        });
    }
    if let Some(t) = spec.target {
        let ok = t.is_finite() && t >= 0.0 && (spec.data_type != DataType::Proportion || t <= 1.0);
        if !ok {
            let what = if spec.data_type == DataType::Proportion {
                "a proportion between 0 and 1 (before the multiplier)"
            } else {
                "a number >= 0 (before the multiplier)"
            };
            return Err(Error::InvalidArgument { argument: "target", reason: format!("{t} is not {what}") });
        }
    }
    Ok(levels)
}

/// Computes the funnel plot of `units`: target, φ̂ and τ̂², each unit's limits and flag, and
/// the limit curves. Units that cannot be plotted are kept with their [`UnitStatus`].
///
/// Errors when the specification is invalid or no unit can be plotted.
pub fn funnel(units: &[Unit], spec: &FunnelSpec) -> Result<Funnel> {
    let levels = check_spec(spec)?;
    let mut spec = spec.clone();
    spec.levels = levels;
    let dt = spec.data_type;
    let statuses: Vec<UnitStatus> = units.iter().map(|u| unit_status(dt, u.numerator, u.denominator)).collect();
    let plotted: Vec<(f64, f64)> = units
        .iter()
        .zip(&statuses)
        .filter(|(_, s)| **s == UnitStatus::Ok)
        .filter_map(|(u, _)| Some((u.numerator?, u.denominator?)))
        .collect();
    if plotted.is_empty() {
        let counts = {
            let mut seen: Vec<(&str, usize)> = Vec::new();
            for s in &statuses {
                match seen.iter_mut().find(|(n, _)| *n == s.name()) {
                    Some(e) => e.1 += 1,
                    None => seen.push((s.name(), 1)),
                }
            }
            seen.iter().map(|(n, c)| format!("{c} {n}")).collect::<Vec<_>>().join(", ")
        };
        return Err(Error::TooFewPoints {
            what: "a funnel plot (units with a numerator and a denominator > 0)".into(),
            needed: 1,
            got: 0,
            facet: if counts.is_empty() { String::new() } else { format!(" (units: {counts})") },
        });
    }
    let sum_y: f64 = plotted.iter().map(|p| p.0).sum();
    let sum_n: f64 = plotted.iter().map(|p| p.1).sum();
    let (target, target_given) = match (spec.target, dt) {
        (Some(t), _) => (t, true),
        (None, DataType::Ratio) => (1.0, false),
        (None, _) => (sum_y / sum_n, false),
    };
    let disp = dispersion(dt, &plotted, target, spec.trim);
    let adjusted = spec.overdispersion != Overdispersion::None && disp.is_some_and(|d| d.phi > 1.0);
    let adj = if adjusted { disp } else { None };
    let m = spec.multiplier;

    let rows = units
        .iter()
        .zip(&statuses)
        .map(|(u, &status)| {
            let mut row = FunnelRow {
                code: u.code.clone(),
                name: u.name.clone(),
                numerator: u.numerator,
                denominator: u.denominator,
                value: None,
                limits: Vec::new(),
                flag: None,
                direction: None,
                exceeded: None,
                status,
                source_status: u.source_status,
            };
            if status != UnitStatus::Ok {
                return row;
            }
            let (Some(y), Some(n)) = (u.numerator, u.denominator) else { return row };
            let value = y / n * m;
            row.value = Some(value);
            for &level in &spec.levels {
                let (lo, hi) = limits_raw(&spec, n, target, level, adj);
                let (lower, upper) = (lo * m, hi * m);
                row.limits.push(Limits { level, lower, upper });
                if value < lower {
                    row.exceeded = Some(level);
                    row.direction = Some(Direction::Low);
                } else if value > upper {
                    row.exceeded = Some(level);
                    row.direction = Some(Direction::High);
                }
            }
            let top = spec.levels.last().copied();
            row.flag = Some(match row.exceeded {
                None => Flag::None,
                Some(l) if Some(l) == top => Flag::Alarm,
                Some(_) => Flag::Alert,
            });
            row
        })
        .collect();

    let (n_min, n_max) = plotted.iter().fold((f64::INFINITY, 0.0_f64), |(a, b), p| (a.min(p.1), b.max(p.1)));
    let (lo, hi) = if n_max > n_min { (n_min, n_max) } else { (n_min / 2.0, n_min * 2.0) };
    let k = spec.curve_points.max(2);
    let xs: Vec<f64> = (0..k)
        .map(|i| {
            let t = i as f64 / (k - 1) as f64;
            (lo.ln() + t * (hi.ln() - lo.ln())).exp()
        })
        .collect();
    let curves = spec
        .levels
        .iter()
        .map(|&level| Curve {
            level,
            points: xs
                .iter()
                .map(|&n| {
                    let (a, b) = limits_raw(&spec, n, target, level, adj);
                    CurvePoint { denominator: n, lower: a * m, upper: b * m }
                })
                .collect(),
        })
        .collect();

    Ok(Funnel {
        spec,
        target,
        target_given,
        phi: disp.map(|d| d.phi),
        tau2: disp.map(|d| d.tau2),
        adjusted,
        rows,
        curves,
    })
}
