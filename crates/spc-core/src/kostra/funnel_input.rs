//! The units of a funnel plot taken from a KOSTRA table: the municipalities of one indicator and
//! period, with the data type, multiplier and target inferred where not given (used by
//! `spc kostra funnel` and `spc.kostra.funnel`).

use super::aggregate::infer_multiplier;
use super::{KostraTable, Period, Record, Region, RegionType};
use crate::error::{Error, Result};
use crate::funnel::{DataType, FunnelSpec, LimitMethod, Overdispersion, Unit};

/// What to plot; `None` fields are inferred from the table.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelRequest {
    /// The indicator (exact name as in the table); it needs numerators and denominators.
    pub indicator: String,
    /// The period; default the latest of the indicator.
    pub period: Option<Period>,
    /// A municipality to highlight (checked to be among the units).
    pub region: Option<String>,
    /// Proportion, rate or ratio; default proportion when every numerator lies in `[0, n]`.
    pub data_type: Option<DataType>,
    /// y = numerator / denominator × multiplier; default inferred from the values.
    pub multiplier: Option<f64>,
    /// The target in the indicator's units (after the multiplier); default pooled.
    pub target: Option<f64>,
    /// Two-sided coverage levels in per cent.
    pub levels: Vec<f64>,
    /// Exact or normal limits.
    pub method: LimitMethod,
    /// Over-dispersion adjustment.
    pub overdispersion: Overdispersion,
}

impl FunnelRequest {
    /// A request for `indicator` with the defaults of [`FunnelSpec`].
    pub fn new(indicator: impl Into<String>) -> Self {
        let d = FunnelSpec::default();
        FunnelRequest {
            indicator: indicator.into(),
            period: None,
            region: None,
            data_type: None,
            multiplier: None,
            target: None,
            levels: d.levels,
            method: d.method,
            overdispersion: d.overdispersion,
        }
    }
}

/// The units and the specification of a funnel plot, with what was inferred.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelInput {
    /// One unit per municipality record of the indicator in the period (also those that cannot
    /// be plotted: the funnel keeps them with their reason).
    pub units: Vec<Unit>,
    /// The specification.
    pub spec: FunnelSpec,
    /// The period compared.
    pub period: Period,
    /// The normalised code of the highlighted municipality.
    pub highlight: Option<String>,
    /// What was chosen for the user (the latest period, multiplier 1), to tell them.
    pub notes: Vec<String>,
}

fn invalid(argument: &'static str, reason: String) -> Error {
    Error::InvalidArgument { argument, reason }
}

/// A few names for a message: the first `k`, then how many in all.
fn some_of(names: &[&str], k: usize) -> String {
    let shown: Vec<String> = names.iter().take(k).map(|n| format!("'{n}'")).collect();
    if names.len() > k {
        format!("{} ... ({} in all)", shown.join(", "), names.len())
    } else {
        shown.join(", ")
    }
}

/// Picks the units of `req` from `table` (`source` names the table in messages). Errors name
/// the argument: an indicator not in the table (with some that are), one without numerators and
/// denominators, numerators that are no counts when the type is not given, a period without
/// records, an unknown region code ([`Error::UnknownRegion`]) or one not among the units.
pub fn funnel_input(table: &KostraTable, req: &FunnelRequest, source: &str) -> Result<FunnelInput> {
    let ind = &req.indicator;
    let of_indicator: Vec<&Record> = table.records.iter().filter(|r| &r.indicator == ind).collect();
    if of_indicator.is_empty() {
        let names = table.indicators();
        return Err(invalid(
            "indicator",
            format!("'{ind}' is not in {source}; the indicators are {}", some_of(&names, 8)),
        ));
    }
    let municipal: Vec<&Record> =
        of_indicator.iter().copied().filter(|r| r.region_type == RegionType::Municipality).collect();
    if municipal.is_empty() {
        return Err(invalid(
            "indicator",
            format!("{source}: '{ind}' has no municipality records (4-digit region codes); a funnel plot compares municipalities"),
        ));
    }
    if !municipal.iter().any(|r| r.numerator.is_some() || r.denominator.is_some()) {
        let with: Vec<&str> = table
            .indicators()
            .into_iter()
            .filter(|i| {
                table.records.iter().any(|r| r.indicator == *i && r.numerator.is_some() && r.denominator.is_some())
            })
            .collect();
        let hint = if with.is_empty() {
            format!("no indicator in {source} has them")
        } else {
            format!("indicators with them: {}", some_of(&with, 5))
        };
        return Err(invalid(
            "indicator",
            format!("'{ind}': a funnel plot needs numerators and denominators, and {source} has none for it ({hint})"),
        ));
    }
    let mut notes = Vec::new();
    let mut periods: Vec<Period> = municipal.iter().map(|r| r.period).collect();
    periods.sort_by_key(|p| (p.start_date(), *p));
    periods.dedup();
    let period = if let Some(p) = req.period {
        if !periods.contains(&p) {
            let l: Vec<String> = periods.iter().map(ToString::to_string).collect();
            let names: Vec<&str> = l.iter().map(String::as_str).collect();
            return Err(invalid(
                "years",
                format!(
                    "{source} has no municipality record of '{ind}' for {p}; the periods are {}",
                    some_of(&names, 30)
                ),
            ));
        }
        p
    } else {
        let last = *periods.last().ok_or_else(|| invalid("indicator", format!("{source}: '{ind}' has no period")))?;
        if periods.len() > 1 {
            notes.push(format!(
                "{source} has {} periods of '{ind}' ({} to {last}); using the latest, {last}",
                periods.len(),
                periods[0]
            ));
        }
        last
    };
    let recs: Vec<&Record> = municipal.iter().copied().filter(|r| r.period == period).collect();
    let units: Vec<Unit> = recs
        .iter()
        .map(|r| Unit::new(&r.region_code, &r.region_name, r.numerator, r.denominator).with_source_status(r.status))
        .collect();
    if req.data_type.is_none() {
        // Binomial and Poisson limits are for counts: numerators that are not whole numbers
        // (money, areas) are no counts, and guessing a type would give meaningless limits.
        if let Some(y) = units.iter().filter_map(|u| u.numerator).find(|y| y.fract() != 0.0) {
            return Err(invalid(
                "type",
                format!(
                    "the numerators of '{ind}' are not whole numbers (e.g. {y}), so they are not counts of events; \
                     funnel limits (binomial, Poisson) need counts: give the type (proportion, rate or ratio) if the \
                     numerators are counts in another unit"
                ),
            ));
        }
    }
    let data_type = req.data_type.unwrap_or_else(|| {
        let proportion = units.iter().all(|u| match (u.numerator, u.denominator) {
            (Some(y), Some(n)) if n > 0.0 => (0.0..=n).contains(&y),
            _ => true,
        });
        if proportion {
            DataType::Proportion
        } else {
            DataType::Rate
        }
    });
    if req.data_type.is_none() && data_type == DataType::Rate {
        notes.push(format!(
            "'{ind}' taken as a rate (Poisson counts per unit of exposure: some numerators exceed their \
             denominators); the limits assume the numerators count events: for amounts (money, areas) a funnel \
             plot has no meaning; give the type to silence this note"
        ));
    }
    let multiplier = match req.multiplier {
        Some(m) if !(m.is_finite() && m > 0.0) => {
            return Err(invalid("multiplier", format!("must be a number > 0, got {m}")));
        }
        Some(m) => m,
        None => infer_multiplier(recs.iter().copied()).unwrap_or_else(|| {
            if recs.iter().any(|r| r.value.is_some() && r.numerator.is_some_and(|y| y > 0.0)) {
                notes.push(format!(
                    "the values of '{ind}' are not numerator / denominator times a power of ten; plotting numerator / denominator (multiplier 1)"
                ));
            }
            1.0
        }),
    };
    if let Some(t) = req.target {
        if !t.is_finite() {
            return Err(invalid("target", format!("{t} is not a number")));
        }
    }
    let spec = FunnelSpec {
        data_type,
        multiplier,
        target: req.target.map(|t| t / multiplier),
        levels: req.levels.clone(),
        method: req.method,
        overdispersion: req.overdispersion,
        ..FunnelSpec::default()
    };
    let highlight = match &req.region {
        None => None,
        Some(c) => {
            let code = Region::parse(c)?.code;
            if !units.iter().any(|u| u.code == code) {
                return Err(invalid("region", format!("{source} has no municipality {code} with '{ind}' in {period}")));
            }
            Some(code)
        }
    };
    Ok(FunnelInput { units, spec, period, highlight, notes })
}
