//! Rule sets: which points of a chart signal special-cause variation, and by which rule.
//!
//! Every rule set is a named, versioned preset with changeable thresholds ([`RuleSet`]). Rules
//! are applied within each part (they do not cross a part boundary, as NHSRplotthedots and
//! qicharts2) to the included, non-missing points, in time order. Every rule that fires is
//! reported, so a point can appear in several signals; where one verdict per point is needed
//! (MDC point types, the improvement verdict) the first rule in the set's order wins, which is
//! the order of the tables below (the precedence of NHSRplotthedots for MDC: outside the
//! limits, trend, 2 of 3, shift).
//!
//! Zones use each point's own sigma, `(UCL - CL)/3` (or `(CL - LCL)/3` where the upper limit is
//! truncated), so they follow varying denominators (qcc `limits.<type>(…, nsigmas = k)`).
//! Sources: docs/methods.md §6 (and §2); Western Electric (1956); Nelson (1984); Perla,
//! Provost & Murray (2011); NHSRplotthedots `ptd_calculate_point_type()`.

mod detect;

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::result::Chart;

pub use detect::swed_eisenhart_limits;

/// A named rule set and its thresholds.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum RuleSet {
    /// Anhøj: unusually long runs and unusually few crossings (median or mean CL).
    Anhoej,
    /// IHI / Perla-Provost-Murray run-chart rules.
    Ihi {
        /// Points on one side of the median that make a shift (6).
        shift: usize,
        /// Points steadily up or down that make a trend (5).
        trend: usize,
    },
    /// Western Electric rules 1-4.
    WesternElectric {
        /// Points on one side of CL (rule 4; 8).
        run: usize,
        /// Rule 1: a point beyond this many sigma (3: the chart's own limits).
        sigma: f64,
    },
    /// Nelson rules 1-8.
    Nelson {
        /// Rule 1: a point beyond this many sigma (3: the chart's own limits).
        sigma: f64,
    },
    /// NHS Making Data Count: outside the limits, shift, trend, 2 of 3 near a limit.
    Mdc {
        /// Points on one side of CL that make a shift (NHSRplotthedots 7, MDC v5 tool 6).
        shift: usize,
        /// Points steadily up or down that make a trend (NHSRplotthedots 7, MDC v5 tool 6).
        trend: usize,
        /// Outside the limits: beyond this many sigma (3: the chart's own limits).
        sigma: f64,
    },
}

/// The accepted rule set names.
pub const RULE_SET_NAMES: &str = "anhoej, ihi, western-electric, nelson, mdc (or mdc6)";

impl RuleSet {
    /// The preset's name.
    pub fn name(&self) -> &'static str {
        match self {
            RuleSet::Anhoej => "anhoej",
            RuleSet::Ihi { .. } => "ihi",
            RuleSet::WesternElectric { .. } => "western-electric",
            RuleSet::Nelson { .. } => "nelson",
            RuleSet::Mdc { .. } => "mdc",
        }
    }

    /// Version of the preset: changes whenever a default threshold or a rule changes.
    pub fn version(&self) -> &'static str {
        "1"
    }

    /// The preset's source, for documentation and captions.
    pub fn source(&self) -> &'static str {
        match self {
            RuleSet::Anhoej => "Anhøj & Olesen (2014), PLoS ONE 9(11):e113825; qicharts2",
            RuleSet::Ihi { .. } => {
                "Perla, Provost & Murray (2011), BMJ Qual Saf 20:46-51; runs table from Swed & Eisenhart (1943)"
            }
            RuleSet::WesternElectric { .. } => "Western Electric Statistical Quality Control Handbook (1956)",
            RuleSet::Nelson { .. } => "Nelson (1984), J Qual Technol 16(4):237-239",
            RuleSet::Mdc { .. } => "NHS England Making Data Count (2019); NHSRplotthedots 0.2",
        }
    }
}

impl FromStr for RuleSet {
    type Err = Error;
    /// A preset name, optionally with thresholds: `mdc:shift=6:trend=7`, `ihi:shift=7`,
    /// `western-electric:run=9`, `nelson:sigma=2.5` (the sigma multiple of the "beyond the
    /// limits" rule of western-electric, nelson and mdc).
    fn from_str(s: &str) -> Result<Self> {
        let mut parts = s.split(':');
        let mut set = preset(parts.next().unwrap_or(""))?;
        for kv in parts {
            let bad = || Error::InvalidArgument {
                argument: "rules",
                reason: format!(
                    "'{kv}' in '{s}': expected THRESHOLD=N with a whole number N >= 2 (shift, trend or run)"
                ),
            };
            let (k, v) = kv.split_once('=').ok_or_else(bad)?;
            if k.trim() == "sigma" {
                let bad_sigma = || Error::InvalidArgument {
                    argument: "rules",
                    reason: format!("'{kv}' in '{s}': expected sigma=K with a number K > 0"),
                };
                let k: f64 = v.trim().parse().ok().filter(|&k: &f64| k > 0.0 && k.is_finite()).ok_or_else(bad_sigma)?;
                match &mut set {
                    RuleSet::WesternElectric { sigma, .. } | RuleSet::Nelson { sigma } | RuleSet::Mdc { sigma, .. } => {
                        *sigma = k;
                    }
                    _ => {
                        return Err(Error::InvalidArgument {
                            argument: "rules",
                            reason: format!(
                                "{} has no threshold 'sigma' (western-electric, nelson and mdc have)",
                                set.name()
                            ),
                        })
                    }
                }
                continue;
            }
            let v: usize = v.trim().parse().ok().filter(|&v| v >= 2).ok_or_else(bad)?;
            match (&mut set, k.trim()) {
                (RuleSet::Ihi { shift, .. } | RuleSet::Mdc { shift, .. }, "shift") => *shift = v,
                (RuleSet::Ihi { trend, .. } | RuleSet::Mdc { trend, .. }, "trend") => *trend = v,
                (RuleSet::WesternElectric { run, .. }, "run") => *run = v,
                _ => {
                    return Err(Error::InvalidArgument {
                        argument: "rules",
                        reason: format!(
                            "{} has no threshold '{}' (ihi and mdc: shift, trend; western-electric: run)",
                            set.name(),
                            k.trim()
                        ),
                    })
                }
            }
        }
        Ok(set)
    }
}

fn preset(s: &str) -> Result<RuleSet> {
    match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
        "anhoej" | "anhøj" => Ok(RuleSet::Anhoej),
        "ihi" => Ok(RuleSet::Ihi { shift: 6, trend: 5 }),
        "western-electric" | "we" => Ok(RuleSet::WesternElectric { run: 8, sigma: 3.0 }),
        "nelson" => Ok(RuleSet::Nelson { sigma: 3.0 }),
        "mdc" | "mdc7" => Ok(RuleSet::Mdc { shift: 7, trend: 7, sigma: 3.0 }),
        "mdc6" => Ok(RuleSet::Mdc { shift: 6, trend: 6, sigma: 3.0 }),
        _ => Err(Error::UnknownOption { argument: "rules", given: s.to_string(), expected: RULE_SET_NAMES }),
    }
}

impl fmt::Display for RuleSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Parses a comma-separated list of rule sets (each with optional thresholds).
pub fn parse_rule_sets(s: &str) -> Result<Vec<RuleSet>> {
    s.split(',').filter(|p| !p.trim().is_empty()).map(str::parse).collect()
}

/// Direction of a signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Above the centre line, or rising.
    Up,
    /// Below the centre line, or falling.
    Down,
    /// Neither (too few crossings, too many runs, points hugging the centre line).
    None,
}

impl Direction {
    /// `up`, `down` or empty.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::None => "",
        }
    }
}

/// One signal: a rule that fired, on which points.
#[derive(Debug, Clone, PartialEq)]
pub struct Signal {
    /// Rule set and rule, e.g. `nelson_2`, `anhoej_long_run`, `mdc_trend`.
    pub rule: String,
    /// Index into `chart.summary` of the part.
    pub group: usize,
    /// Indices (into the chart's per-point columns) of the points that fire the rule.
    pub points: Vec<usize>,
    /// Direction.
    pub direction: Direction,
}

/// The signals of `sets` and the IHI astronomical points named by their x values (see
/// [`astronomical`]), ordered by part and first point: the signals of `spc chart --signals` and
/// `spc.Chart.signals`.
pub fn signals_and_astronomical(chart: &Chart, sets: &[RuleSet], astronomical_x: &[String]) -> Result<Vec<Signal>> {
    let mut out = signals(chart, sets);
    if !astronomical_x.is_empty() {
        out.extend(astronomical(chart, astronomical_x)?);
        out.sort_by_key(|s| (s.group, s.points.first().copied().unwrap_or(0)));
    }
    Ok(out)
}

/// The IHI "astronomical point": a point the team judges obviously different from the rest
/// (Perla, Provost & Murray 2011). It is a judgement, not a computation (docs/methods.md §6.7), so
/// the user names the x values and each becomes an `ihi_astronomical` signal, its direction
/// the point's side of the centre line. An x that is not a point of the chart is an error.
pub fn astronomical(chart: &Chart, xs: &[String]) -> Result<Vec<Signal>> {
    let mut out = Vec::new();
    for x in xs {
        let hits: Vec<usize> = (0..chart.len()).filter(|&i| chart.x.matches(i, x)).collect();
        if hits.is_empty() {
            return Err(Error::InvalidArgument {
                argument: "astronomical",
                reason: format!("'{x}' is not an x of the chart"),
            });
        }
        for i in hits {
            let d = chart.y[i] - chart.cl[i];
            let direction = if d > 0.0 {
                Direction::Up
            } else if d < 0.0 {
                Direction::Down
            } else {
                Direction::None
            };
            out.push(Signal { rule: "ihi_astronomical".into(), group: chart.group_of(i), points: vec![i], direction });
        }
    }
    Ok(out)
}

/// The signals of every rule of every set on `chart`, part by part, in time order.
pub fn signals(chart: &Chart, sets: &[RuleSet]) -> Vec<Signal> {
    let mut out = Vec::new();
    for (g, part) in chart.summary.iter().enumerate() {
        let idx: Vec<usize> = (part.start..part.end).filter(|&i| chart.include[i] && !chart.y[i].is_nan()).collect();
        if chart.kind().no_runs_analysis() && chart.kind() != crate::ChartKind::Mr {
            // EWMA and CUSUM points are correlated: only their own limits apply.
            detect::own_limits(chart, g, &idx, &mut out);
            continue;
        }
        for set in sets {
            detect::detect(chart, g, &idx, set, &mut out);
        }
    }
    // Part by part, in time order; rules of one start keep the sets' order (stable sort).
    out.sort_by_key(|s| (s.group, s.points.first().copied().unwrap_or(0)));
    out
}

/// Writes the signals table as CSV ([`crate::schema::signals`]): `rule, part, facet, first_x,
/// last_x, points, direction`, where `points` lists the 1-based positions (within the facet)
/// separated by `;`.
pub fn write_signals_csv(chart: &Chart, signals: &[Signal], w: impl std::io::Write) -> std::io::Result<()> {
    crate::schema::signals(chart, signals).write_csv(w)
}
