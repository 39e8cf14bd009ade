//! Chart kinds and named options, spelled as in qicharts2.

use std::fmt;
use std::str::FromStr;

use crate::error::Error;
use crate::lang::Lang;

/// The kind of chart. Names follow anhoej/qicharts2 (`run, i, mr, xbar, s, t, p, pp, c, u,
/// up, g`), plus `ip` (Laney I'), `np` and `r` (X-bar/R range chart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChartKind {
    /// Run chart: median centre line, Anhøj runs analysis.
    Run,
    /// Individuals (XmR) chart.
    I,
    /// Moving range chart.
    Mr,
    /// Chart of subgroup means, limits from the pooled subgroup SD (A3).
    Xbar,
    /// Chart of subgroup standard deviations (B3, B4).
    S,
    /// Chart of subgroup ranges (D3, D4).
    R,
    /// Time between events (I chart on `t^(1/3.6)`).
    T,
    /// Proportions.
    P,
    /// Laney P' (proportions with over-dispersion).
    Pp,
    /// Number of defectives.
    Np,
    /// Counts.
    C,
    /// Rates.
    U,
    /// Laney U' (rates with over-dispersion).
    Up,
    /// Opportunities between events (geometric).
    G,
    /// I' chart (measurements with varying subgroup size).
    Ip,
    /// Exponentially weighted moving average (small sustained shifts).
    Ewma,
    /// Tabular CUSUM: upper and lower cumulative sums (small sustained shifts).
    Cusum,
}

/// The accepted chart names, for messages.
pub const CHART_NAMES: &str = "run, i, mr, xbar, s, r, t, p, pp, np, c, u, up, g, ip, ewma, cusum";

impl ChartKind {
    /// All kinds, in the order of [`CHART_NAMES`].
    pub const ALL: [ChartKind; 17] = [
        ChartKind::Run,
        ChartKind::I,
        ChartKind::Mr,
        ChartKind::Xbar,
        ChartKind::S,
        ChartKind::R,
        ChartKind::T,
        ChartKind::P,
        ChartKind::Pp,
        ChartKind::Np,
        ChartKind::C,
        ChartKind::U,
        ChartKind::Up,
        ChartKind::G,
        ChartKind::Ip,
        ChartKind::Ewma,
        ChartKind::Cusum,
    ];

    /// The qicharts2 name.
    pub fn name(self) -> &'static str {
        crate::limits::info(self).name
    }

    /// The kind's name in a title: `Run chart`/`Seriediagram`, `I chart`/`I-diagram`,
    /// `Xbar chart`, `P' chart`, ...
    pub fn title(self, lang: Lang) -> String {
        match (self, lang) {
            (ChartKind::Run, Lang::Nb) => "Seriediagram".into(),
            (ChartKind::Run, Lang::En) => "Run chart".into(),
            (k, Lang::Nb) => format!("{}-diagram", crate::limits::info(k).symbol),
            (k, Lang::En) => format!("{} chart", crate::limits::info(k).symbol),
        }
    }

    /// Whether the chart needs a denominator `n`.
    pub fn needs_denominator(self) -> bool {
        crate::limits::info(self).needs_n
    }

    /// Whether the rows of one x form a subgroup of measurements (xbar, s, r, ewma, cusum).
    pub fn is_subgroup_chart(self) -> bool {
        crate::limits::info(self).subgroups
    }

    /// Whether the plotted points are correlated (moving ranges, EWMA, CUSUM), so that the
    /// runs analysis does not apply (qicharts2 skips it for MR charts).
    pub fn no_runs_analysis(self) -> bool {
        !crate::limits::info(self).runs_analysis
    }

    /// Whether the chart has control limits (all but the run chart).
    pub fn has_limits(self) -> bool {
        crate::limits::info(self).limits
    }

    /// Non-missing, included baseline points needed for the centre line and limits of a part
    /// (`sigma_given`: the process sigma is given, as EWMA and CUSUM may have it).
    pub fn min_baseline_points(self, sigma_given: bool) -> usize {
        let i = crate::limits::info(self);
        if sigma_given {
            i.min_base_given_sigma
        } else {
            i.min_base
        }
    }
}

impl fmt::Display for ChartKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ChartKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let lower = s.trim().to_ascii_lowercase();
        let alias = match lower.as_str() {
            "pprime" | "p'" => "pp",
            "uprime" | "u'" => "up",
            "iprime" | "i'" => "ip",
            "xmr" => "i",
            other => other,
        };
        ChartKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == alias)
            .ok_or_else(|| Error::UnknownChartKind { given: s.to_string(), expected: CHART_NAMES })
    }
}

/// How the runs analysis decides on a signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RunsMethod {
    /// Anhøj rules: longest run > round(log2 n) + 3, or crossings < qbinom(0.05, n - 1, 0.5).
    #[default]
    Anhoej,
    /// "Best box" limits of Anhøj & Wentzel-Larsen (2020), for 10 to 100 useful points.
    Bestbox,
    /// "Cut box" limits of Anhøj & Wentzel-Larsen (2020), for 10 to 100 useful points.
    Cutbox,
}

impl FromStr for RunsMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "anhoej" | "anhøj" => Ok(RunsMethod::Anhoej),
            "bestbox" => Ok(RunsMethod::Bestbox),
            "cutbox" => Ok(RunsMethod::Cutbox),
            _ => Err(Error::UnknownOption {
                argument: "method",
                given: s.to_string(),
                expected: "anhoej, bestbox, cutbox",
            }),
        }
    }
}

impl fmt::Display for RunsMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RunsMethod::Anhoej => "anhoej",
            RunsMethod::Bestbox => "bestbox",
            RunsMethod::Cutbox => "cutbox",
        })
    }
}

/// How rows that share an x are combined when there is no denominator (run, i and the
/// other charts of single values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Agg {
    /// Mean of the values (qicharts2 default).
    #[default]
    Mean,
    /// Median of the values.
    Median,
    /// Sum of the values.
    Sum,
}

impl FromStr for Agg {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mean" => Ok(Agg::Mean),
            "median" => Ok(Agg::Median),
            "sum" => Ok(Agg::Sum),
            _ => Err(Error::UnknownOption { argument: "agg", given: s.to_string(), expected: "mean, median, sum" }),
        }
    }
}

impl fmt::Display for Agg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Agg::Mean => "mean",
            Agg::Median => "median",
            Agg::Sum => "sum",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for k in ChartKind::ALL {
            assert_eq!(k.name().parse::<ChartKind>().unwrap(), k);
        }
        assert_eq!("uprime".parse::<ChartKind>().unwrap(), ChartKind::Up);
    }

    #[test]
    fn unknown_kind_names_the_culprit() {
        let e = "zz".parse::<ChartKind>().unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("'zz'") && msg.contains("xbar"), "{msg}");
    }
}
