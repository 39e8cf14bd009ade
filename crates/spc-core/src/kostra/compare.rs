//! One municipality against its KOSTRA group, county and country, and as z-scores within its
//! group.
//!
//! Reference values are taken from the table itself when it carries them (rows `EKGnn`, the
//! county code, `0`: SSB's published figures, `reference_source = published`); otherwise they are
//! computed from the table's municipality rows with [`aggregate`] (`computed`: Σnum/Σden for
//! ratios, sums for totals, population weighted for marked rates; no imputation of
//! non-reporters, see [`super::aggregate`]).

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Write;

use super::aggregate::{aggregate, county_name, AggregateOptions, Groups, Level, COUNTRY_NAME};
use super::{KostraTable, Period, Record, Region, RegionType};
use crate::error::{Error, Result};

/// What a municipality is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum ReferenceType {
    /// Its KOSTRA group.
    #[default]
    Group,
    /// Its county (first two digits of the code).
    County,
    /// The whole country.
    Country,
}

impl ReferenceType {
    /// The name written in the `reference_type` column.
    pub fn name(self) -> &'static str {
        match self {
            ReferenceType::Group => "group",
            ReferenceType::County => "county",
            ReferenceType::Country => "country",
        }
    }

    /// Parses `group`, `county` or `country`.
    pub fn parse(s: &str) -> Result<ReferenceType> {
        match s.trim().to_ascii_lowercase().as_str() {
            "group" => Ok(ReferenceType::Group),
            "county" => Ok(ReferenceType::County),
            "country" => Ok(ReferenceType::Country),
            _ => Err(Error::UnknownOption {
                argument: "reference",
                given: s.to_string(),
                expected: "group, county, country",
            }),
        }
    }

    fn level(self) -> Level {
        match self {
            ReferenceType::Group => Level::Group,
            ReferenceType::County => Level::County,
            ReferenceType::Country => Level::Country,
        }
    }
}

impl fmt::Display for ReferenceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a reference value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReferenceSource {
    /// A row of the input table (e.g. SSB's published `EKG13` figure).
    Published,
    /// Aggregated from the table's municipality rows.
    Computed,
}

impl ReferenceSource {
    /// The name written in the `reference_source` column.
    pub fn name(self) -> &'static str {
        match self {
            ReferenceSource::Published => "published",
            ReferenceSource::Computed => "computed",
        }
    }
}

/// Options of [`compare`] and [`zscores`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompareOptions {
    /// Indicators to compare (empty: all of the table).
    pub indicators: Vec<String>,
    /// How computed references are aggregated (rates, population).
    pub aggregate: AggregateOptions,
    /// The comparison group of [`zscores`] (default: the KOSTRA group).
    pub zscore_reference: ReferenceType,
}

/// One row of [`compare`]: the municipality's value against one reference in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The municipality.
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// The indicator.
    pub indicator: String,
    /// The period.
    pub period: Period,
    /// The municipality's value (`None` when missing).
    pub value: Option<f64>,
    /// Group, county or country.
    pub reference_type: ReferenceType,
    /// `EKGnn`, the county code, or `0`.
    pub reference_code: String,
    /// The reference's name.
    pub reference_name: String,
    /// The reference's value.
    pub reference_value: Option<f64>,
    /// Published row or computed aggregate.
    pub reference_source: ReferenceSource,
    /// `value - reference_value`; empty for totals (indicators without numerator and
    /// denominator that are not named as rates), whose reference is a sum over many
    /// municipalities: compare those by `rank`.
    pub difference: Option<f64>,
    /// Rank of the municipality among the reference's member municipalities with a value
    /// (1 = highest); for `group` rows this is the rank within the KOSTRA group.
    pub rank: Option<usize>,
    /// Members with a value that were ranked.
    pub n_ranked: usize,
}

/// Writes comparisons as CSV ([`crate::schema::kostra_compare`]).
pub fn write_comparisons_csv(rows: &[Comparison], w: impl Write) -> std::io::Result<()> {
    crate::schema::kostra_compare(rows).write_csv(w)
}

/// One row of [`zscores`]: the municipality's latest value of an indicator against its
/// comparison group.
#[derive(Debug, Clone, PartialEq)]
pub struct ZScore {
    /// The indicator.
    pub indicator: String,
    /// The latest period in which the municipality has a value (or a row, when it never has one).
    pub period: Period,
    /// The municipality's value.
    pub value: Option<f64>,
    /// The comparison group (`EKGnn`, county code, or `0`).
    pub group_code: String,
    /// Mean of the members' values (members with a value, the municipality included).
    pub group_mean: Option<f64>,
    /// Standard deviation of the members' values (n - 1 in the denominator).
    pub group_sd: Option<f64>,
    /// `(value - mean) / sd`; `None` with a `reason` when it cannot be computed.
    pub z: Option<f64>,
    /// Members with a value.
    pub n_members: usize,
    /// Why `z` is `None`.
    pub reason: Option<String>,
}

/// Writes z-scores as CSV ([`crate::schema::kostra_zscores`]).
pub fn write_zscores_csv(rows: &[ZScore], w: impl Write) -> std::io::Result<()> {
    crate::schema::kostra_zscores(rows).write_csv(w)
}

/// Aggregated values by (code, indicator, period).
type CellValues = HashMap<(String, String, Period), Option<f64>>;

/// The error for a municipality without rows: names the indicators asked for that the table
/// lacks, or says that the municipality is not in the table.
fn no_rows(table: &KostraTable, code: &str, opts: &CompareOptions) -> Error {
    let present = table.indicators();
    let unknown: Vec<&str> = opts.indicators.iter().map(String::as_str).filter(|i| !present.contains(i)).collect();
    if unknown.is_empty() {
        Error::InvalidArgument {
            argument: "region",
            reason: format!("municipality {code} has no rows in the table (for the indicators asked for)"),
        }
    } else {
        let some: Vec<String> = present.iter().take(8).map(|i| format!("'{i}'")).collect();
        Error::InvalidArgument {
            argument: "indicator",
            reason: format!(
                "{} not in the table; the indicators are {}{}",
                unknown.iter().map(|i| format!("'{i}'")).collect::<Vec<_>>().join(", "),
                some.join(", "),
                if present.len() > 8 { format!(" ... ({} in all)", present.len()) } else { String::new() }
            ),
        }
    }
}

/// The municipality's code, checked to be a municipality.
fn municipality(region: &str) -> Result<String> {
    let r = Region::parse(region)?;
    if r.kind != RegionType::Municipality {
        return Err(Error::InvalidArgument {
            argument: "region",
            reason: format!("'{region}' is not a municipality (its region type is {})", r.kind),
        });
    }
    Ok(r.code)
}

/// The reference code and name of a municipality for one reference type (`None`: the
/// municipality has no KOSTRA group).
fn reference_of(code: &str, kind: ReferenceType, groups: &Groups) -> Option<(String, String)> {
    match kind {
        ReferenceType::Group => groups.group_of(code).map(|g| (g.to_string(), Groups::group_name(g))),
        ReferenceType::County => code.get(..2).map(|c| (c.to_string(), county_name(c))),
        ReferenceType::Country => Some(("0".to_string(), COUNTRY_NAME.to_string())),
    }
}

/// Whether a municipality belongs to a reference.
fn is_member(code: &str, kind: ReferenceType, reference: &str, groups: &Groups) -> bool {
    match kind {
        ReferenceType::Group => groups.group_of(code) == Some(reference),
        ReferenceType::County => code.get(..2) == Some(reference),
        ReferenceType::Country => true,
    }
}

fn indicator_wanted(opts: &CompareOptions, ind: &str) -> bool {
    opts.indicators.is_empty() || opts.indicators.iter().any(|i| i == ind)
}

/// Compares one municipality (`region`) with its KOSTRA group, county and country for every
/// indicator and period where it has a row. Rows are ordered by indicator (table order), period,
/// then group, county, country; a municipality without a KOSTRA group gets no group rows.
pub fn compare(table: &KostraTable, region: &str, groups: &Groups, opts: &CompareOptions) -> Result<Vec<Comparison>> {
    let code = municipality(region)?;
    let own: Vec<&Record> = table
        .records
        .iter()
        .filter(|r| r.region_code == code && r.region_type == RegionType::Municipality)
        .filter(|r| indicator_wanted(opts, &r.indicator))
        .collect();
    if own.is_empty() {
        return Err(no_rows(table, &code, opts));
    }
    let region_name = own.iter().map(|r| r.region_name.as_str()).find(|n| !n.is_empty()).unwrap_or("").to_string();
    // Published rows: (code, indicator, period) -> value.
    let published: HashMap<(&str, &str, Period), Option<f64>> = table
        .records
        .iter()
        .filter(|r| matches!(r.region_type, RegionType::KostraGroup | RegionType::County | RegionType::Country))
        .map(|r| ((r.region_code.as_str(), r.indicator.as_str(), r.period), r.value))
        .collect();
    // Member values per (indicator, period): (code, value).
    let mut members: HashMap<(&str, Period), Vec<(&str, f64)>> = HashMap::new();
    for r in table.records.iter().filter(|r| r.region_type == RegionType::Municipality) {
        if let Some(v) = r.value {
            members.entry((r.indicator.as_str(), r.period)).or_default().push((r.region_code.as_str(), v));
        }
    }
    let wanted: Vec<String> = {
        let mut seen = std::collections::HashSet::new();
        own.iter().map(|r| r.indicator.clone()).filter(|i| seen.insert(i.clone())).collect()
    };
    // Totals: no row of the indicator carries a numerator or denominator, and not named a rate.
    let totals: std::collections::HashSet<&str> = wanted
        .iter()
        .map(String::as_str)
        .filter(|i| !opts.aggregate.rates.iter().any(|r| r == i))
        .filter(|i| {
            !table.records.iter().any(|r| r.indicator == *i && (r.numerator.is_some() || r.denominator.is_some()))
        })
        .collect();
    let mut computed: HashMap<ReferenceType, CellValues> = HashMap::new();
    let mut out = Vec::new();
    let mut own_sorted = own.clone();
    let order: HashMap<&str, usize> = wanted.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
    own_sorted.sort_by_key(|r| (order.get(r.indicator.as_str()).copied().unwrap_or(usize::MAX), r.period));
    for r in own_sorted {
        for kind in [ReferenceType::Group, ReferenceType::County, ReferenceType::Country] {
            let Some((ref_code, ref_name)) = reference_of(&code, kind, groups) else { continue };
            let (reference_value, reference_source) = if let Some(v) =
                published.get(&(ref_code.as_str(), r.indicator.as_str(), r.period))
            {
                (*v, ReferenceSource::Published)
            } else {
                let agg = match computed.entry(kind) {
                    Entry::Occupied(e) => e.into_mut(),
                    Entry::Vacant(e) => {
                        let agg = aggregate(&subset(table, &wanted), kind.level(), Some(groups), &opts.aggregate)?;
                        e.insert(
                            agg.rows.into_iter().map(|a| ((a.region_code, a.indicator, a.period), a.value)).collect(),
                        )
                    }
                };
                let v = agg.get(&(ref_code.clone(), r.indicator.clone(), r.period)).copied().flatten();
                (v, ReferenceSource::Computed)
            };
            let ranked: Vec<f64> = members
                .get(&(r.indicator.as_str(), r.period))
                .map(|m| m.iter().filter(|(c, _)| is_member(c, kind, &ref_code, groups)).map(|(_, v)| *v).collect())
                .unwrap_or_default();
            let rank = r.value.map(|x| 1 + ranked.iter().filter(|v| **v > x).count());
            out.push(Comparison {
                region_code: code.clone(),
                region_name: region_name.clone(),
                indicator: r.indicator.clone(),
                period: r.period,
                value: r.value,
                reference_type: kind,
                reference_code: ref_code,
                reference_name: ref_name,
                reference_value,
                reference_source,
                difference: if totals.contains(r.indicator.as_str()) {
                    None
                } else {
                    r.value.zip(reference_value).map(|(a, b)| a - b)
                },
                rank,
                n_ranked: ranked.len(),
            });
        }
    }
    Ok(out)
}

/// The municipality rows of the wanted indicators (what the computed references need).
fn subset(table: &KostraTable, wanted: &[String]) -> KostraTable {
    KostraTable {
        records: table
            .records
            .iter()
            .filter(|r| r.region_type == RegionType::Municipality && wanted.contains(&r.indicator))
            .cloned()
            .collect(),
        warnings: Vec::new(),
    }
}

/// Per indicator, the municipality's latest value as a z-score against the members of its
/// comparison group ([`CompareOptions::zscore_reference`], default the KOSTRA group):
/// `(x - mean) / sd` over the member municipalities with a value in that period (the municipality
/// included), sd with n - 1. `z` is `None` with a reason when the municipality has no value, the
/// group has fewer than 3 members with a value, or sd is 0. Indicators in table order.
pub fn zscores(table: &KostraTable, region: &str, groups: &Groups, opts: &CompareOptions) -> Result<Vec<ZScore>> {
    let code = municipality(region)?;
    let kind = opts.zscore_reference;
    let reference = reference_of(&code, kind, groups).map(|r| r.0);
    let mut latest: BTreeMap<usize, &Record> = BTreeMap::new();
    let order: HashMap<&str, usize> = table.indicators().into_iter().enumerate().map(|(i, s)| (s, i)).collect();
    for r in table.records.iter().filter(|r| r.region_code == code && r.region_type == RegionType::Municipality) {
        if !indicator_wanted(opts, &r.indicator) {
            continue;
        }
        let idx = order.get(r.indicator.as_str()).copied().unwrap_or(usize::MAX);
        let better = match latest.get(&idx) {
            None => true,
            Some(prev) => (r.value.is_some(), r.period) > (prev.value.is_some(), prev.period),
        };
        if better {
            latest.insert(idx, r);
        }
    }
    if latest.is_empty() {
        return Err(no_rows(table, &code, opts));
    }
    let mut out = Vec::new();
    for r in latest.into_values() {
        let mut z = ZScore {
            indicator: r.indicator.clone(),
            period: r.period,
            value: r.value,
            group_code: reference.clone().unwrap_or_default(),
            group_mean: None,
            group_sd: None,
            z: None,
            n_members: 0,
            reason: None,
        };
        let Some(reference) = reference.as_deref() else {
            z.reason = Some(format!("municipality {code} has no KOSTRA group in {}", groups.source()));
            out.push(z);
            continue;
        };
        let vals: Vec<f64> = table
            .records
            .iter()
            .filter(|m| m.region_type == RegionType::Municipality && m.indicator == r.indicator && m.period == r.period)
            .filter(|m| is_member(&m.region_code, kind, reference, groups))
            .filter_map(|m| m.value)
            .collect();
        let n = vals.len();
        z.n_members = n;
        if n > 0 {
            z.group_mean = Some(vals.iter().sum::<f64>() / n as f64);
        }
        if n >= 2 {
            let mean = z.group_mean.unwrap_or(0.0);
            let ss: f64 = vals.iter().map(|v| (v - mean).powi(2)).sum();
            z.group_sd = Some((ss / (n - 1) as f64).sqrt());
        }
        z.reason = if r.value.is_none() {
            Some(format!("no value for {code} in {}", r.period))
        } else if n < 3 {
            Some(format!("only {n} member(s) of {reference} with a value (3 needed)"))
        } else if z.group_sd == Some(0.0) {
            Some(format!("all members of {reference} have the same value (sd 0)"))
        } else {
            None
        };
        if z.reason.is_none() {
            if let (Some(x), Some(m), Some(s)) = (r.value, z.group_mean, z.group_sd) {
                z.z = Some((x - m) / s);
            }
        }
        out.push(z);
    }
    Ok(out)
}
