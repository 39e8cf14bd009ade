//! Baselines for monitoring (phase II): save the centre line and sigma of a frozen baseline
//! with the specification that produced them, and judge new data against them later without
//! recomputing them ("this month against last year's baseline").
//!
//! A baseline holds, on the scale of the data (before `multiply`), the centre line that a
//! fixed `cl` means for that chart kind (the mean for I, X-bar, C, EWMA; the median for run
//! charts; p̄ for P and NP; ū for U; s̄ for S; MR̄ for MR) and, where the limits need it, the
//! process sigma (I and T: MR̄/1.128, T on the transformed scale; X-bar: s̄; R: mean(R_i/d2(n_i));
//! I': the sigma of one unit; EWMA: sigma). Judging new data computes the chart with both fixed,
//! so every point is tested against the stored lines. Charts whose limits need more than these
//! two numbers (G, P', U', CUSUM) and faceted charts cannot be saved yet: that is an error, not a
//! silent guess.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::input::Input;
use crate::kind::ChartKind;
use crate::result::Chart;
use crate::spec::ChartSpec;

/// A saved baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version.
    pub spc_baseline: u32,
    /// Chart kind.
    pub chart: String,
    /// `multiply` of the chart.
    pub multiply: f64,
    /// Runs analysis method.
    pub method: String,
    /// Centre line on the data scale.
    pub cl: f64,
    /// Process sigma (`null` where the centre line alone gives the limits).
    pub sigma: Option<f64>,
    /// Baseline points the lines were estimated from.
    pub n_baseline: u32,
    /// First x of the baseline.
    pub first_x: String,
    /// Last x of the baseline.
    pub last_x: String,
}

impl Baseline {
    /// The baseline of the last part of an unfaceted chart.
    pub fn from_chart(chart: &Chart) -> Result<Baseline> {
        let kind = chart.kind();
        let unsupported = |why: &str| Error::InvalidArgument { argument: "save_baseline", reason: why.to_string() };
        if chart.is_faceted() {
            return Err(unsupported("baselines of faceted charts cannot be saved yet; save one per facet"));
        }
        if matches!(kind, ChartKind::G | ChartKind::Pp | ChartKind::Up | ChartKind::Cusum) {
            return Err(unsupported(&format!(
                "a baseline of a {} chart cannot be saved yet",
                kind.name().to_uppercase()
            )));
        }
        let part = chart.summary.last().ok_or_else(|| unsupported("the chart has no points"))?;
        let m = chart.spec.multiply;
        let last = (part.start..part.end).rev().find(|&i| !chart.cl[i].is_nan()).unwrap_or(part.start);
        let cl = match kind {
            ChartKind::Np => chart.cl[last] / chart.n[last],
            _ => part.cl / m,
        };
        let sigma = (!part.sigma.is_nan()).then_some(part.sigma);
        let base: Vec<usize> = (part.start..part.end).filter(|&i| chart.baseline[i]).collect();
        Ok(Baseline {
            spc_baseline: 1,
            chart: kind.name().to_string(),
            multiply: m,
            method: chart.spec.method.to_string(),
            cl,
            sigma,
            n_baseline: part.n_baseline,
            first_x: base.first().map(|&i| chart.x.format(i)).unwrap_or_default(),
            last_x: base.last().map(|&i| chart.x.format(i)).unwrap_or_default(),
        })
    }

    /// JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a baseline from JSON; `source` names it in messages.
    pub fn from_json(text: &str, source: &str) -> Result<Baseline> {
        let b: Baseline = serde_json::from_str(text)
            .map_err(|e| Error::Io { file: source.into(), reason: format!("not a baseline file: {e}") })?;
        if b.spc_baseline != 1 {
            return Err(Error::Io {
                file: source.into(),
                reason: format!("baseline format {} is not supported", b.spc_baseline),
            });
        }
        Ok(b)
    }

    /// `spec` with the stored lines fixed: the chart of new data judged against the baseline.
    /// The chart kind must be the baseline's.
    pub fn apply(&self, spec: &ChartSpec) -> Result<ChartSpec> {
        if spec.kind.name() != self.chart {
            return Err(Error::InvalidArgument {
                argument: "baseline",
                reason: format!("the baseline is of a {} chart, not {}", self.chart, spec.kind.name()),
            });
        }
        let mut s = spec.clone();
        s.cl = Some(self.cl);
        s.sigma = self.sigma;
        s.freeze = None;
        s.freeze_part = None;
        s.part.clear();
        s.multiply = self.multiply;
        s.method = self.method.parse()?;
        Ok(s)
    }

    /// Judges `input` against the baseline.
    pub fn judge(&self, spec: &ChartSpec, input: &Input) -> Result<Chart> {
        self.apply(spec)?.compute(input)
    }
}
