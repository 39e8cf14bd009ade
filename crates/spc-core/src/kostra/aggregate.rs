//! KOSTRA groups and aggregation of municipalities to county, country or KOSTRA group.
//!
//! Rules (`docs/kostra.md` §7):
//! - Only **municipality** rows are members; ward, county, group and country rows in the input
//!   are never summed (they would be counted twice).
//! - A ratio indicator (rows carry numerator and denominator) is aggregated as
//!   **Σ numerator / Σ denominator × multiplier** over the members that have both (method
//!   `sum_ratio`), never as the mean of the members' ratios. The multiplier (100 for a
//!   percentage, 1 000 for "per 1 000", 1 for "per inhabitant") is inferred per indicator from the
//!   rows that carry value, numerator and denominator: `value / (numerator / denominator)` rounded
//!   to the nearest power of ten (see [`infer_multiplier`]), so the output keeps the unit of the
//!   input (percent stays percent).
//! - A total (no numerator or denominator) is the plain sum of the members' values (method `sum`).
//! - A rate given without numerator and denominator (the user names it in
//!   [`AggregateOptions::rates`]) is population weighted, `Σ P_i r_i / Σ P_i` (method
//!   `population_weighted`), with the population of [`AggregateOptions::population`]; without a
//!   population it is an error.
//! - Missing members are left out of every sum and counted in `n_missing`, never taken as 0. A cell
//!   where no member has a value has no value and a status.
//!
//! **Difference from SSB's published group figures**: SSB imputes non-reporting municipalities
//! before summing (robust ratio regression per stratum in `ssb-kostra`'s `ImputeRegression`), so a
//! published group total with non-reporters is larger than our sum over the reporters. Where every
//! member reported, the published figures equal the plain sum (125 of 125 cells of the 2015
//! property-management table, `tests/kostra_aggregate.rs`). This module does not impute: it
//! reports how many members were missing instead. Of the 100 cells with non-reporters in that
//! table, the published figure is above our sum in 96, equal in 3 (non-reporters imputed as 0)
//! and 1 unit below in one (rounding).
//!
//! The country level sums every municipality row, Longyearbyen (`2111`, which reports KOSTRA but
//! has no KOSTRA group) included; drop its rows first for a figure over the grouped
//! municipalities.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::{Read, Write};
use std::path::Path;

use super::{KostraTable, Period, Record, Region, RegionType, Status};
use crate::error::{Error, Result};

/// Municipality -> KOSTRA group, read from a CSV such as `data/kostra/ssb_kostra_groups_2015.csv`.
///
/// Groups are coded `EKGnn` (SSB's aggregate code) and named `KOSTRA-gruppe nn`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Groups {
    /// Municipality code -> group code (`EKG13`).
    members: BTreeMap<String, String>,
    /// Where the groups came from (file name), for messages.
    source: String,
}

/// The group columns tried, in order, when none is named.
pub const GROUP_COLUMNS: [&str; 3] = ["kostra_group_new", "kostra_group", "group"];

impl Groups {
    /// Builds groups from `(municipality code, group number)` pairs; codes are normalised.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, u32)>) -> Result<Groups> {
        let mut members = BTreeMap::new();
        for (code, g) in pairs {
            let r = Region::parse(code)?;
            members.insert(r.code, group_code(g));
        }
        Ok(Groups { members, source: "groups".into() })
    }

    /// Reads a groups file (see [`Groups::from_csv`]).
    pub fn from_path(path: impl AsRef<Path>, column: Option<&str>) -> Result<Groups> {
        let path = path.as_ref();
        let file = std::fs::File::open(path)
            .map_err(|e| Error::Io { file: path.display().to_string(), reason: e.to_string() })?;
        Groups::from_csv(file, &path.display().to_string(), column)
    }

    /// Reads a CSV with a `region_code` column and a group column: `column` when given, else the
    /// first of `kostra_group_new`, `kostra_group`, `group`. Group cells are numbers (`13`) or
    /// codes (`EKG13`); an empty cell means "no group" (Longyearbyen). Errors name `source`, the
    /// line, the column and the text.
    pub fn from_csv(reader: impl Read, source: &str, column: Option<&str>) -> Result<Groups> {
        let mut rd = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let io = |reason: String| Error::Io { file: source.to_string(), reason };
        let headers = rd.headers().map_err(|e| io(e.to_string()))?.clone();
        let names: Vec<String> = headers.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_string()).collect();
        let available = names.join(", ");
        let find = |name: &str| names.iter().position(|h| h.eq_ignore_ascii_case(name));
        let missing = |name: &str| Error::MissingColumn {
            name: name.to_string(),
            available: available.clone(),
            file: format!("{source}: "),
        };
        let code_col = find("region_code").ok_or_else(|| missing("region_code"))?;
        let group_col = match column {
            Some(c) => find(c).ok_or_else(|| missing(c))?,
            None => GROUP_COLUMNS.iter().find_map(|c| find(c)).ok_or_else(|| missing("kostra_group_new"))?,
        };
        let group_name = names[group_col].clone();
        let mut members = BTreeMap::new();
        for (i, rec) in rd.records().enumerate() {
            // The row a spreadsheet shows: the file line where the record starts.
            let row = rec.as_ref().ok().and_then(csv::StringRecord::position).map_or(i + 2, |p| p.line() as usize);
            let rec = rec.map_err(|e| io(format!("row {row}: {e}")))?;
            let code = rec.get(code_col).unwrap_or("").trim();
            let cell = rec.get(group_col).unwrap_or("").trim();
            if code.is_empty() && cell.is_empty() {
                continue;
            }
            let region =
                Region::parse(code).map_err(|e| io(format!("row {row}, column 'region_code': '{code}': {e}")))?;
            if cell.is_empty() {
                continue;
            }
            let digits = cell.strip_prefix("EKG").or_else(|| cell.strip_prefix("ekg")).unwrap_or(cell);
            let digits = digits.strip_suffix(".0").unwrap_or(digits);
            let g: u32 = digits.parse().map_err(|_| Error::NotANumber {
                at: crate::error::Location {
                    file: Some(source.to_string()),
                    row: Some(row),
                    column: Some(group_name.clone()),
                },
                value: cell.to_string(),
            })?;
            members.insert(region.code, group_code(g));
        }
        Ok(Groups { members, source: source.to_string() })
    }

    /// The group code (`EKG13`) of a municipality, if it has one.
    pub fn group_of(&self, municipality: &str) -> Option<&str> {
        self.members.get(municipality).map(String::as_str)
    }

    /// The municipalities of a group, in code order.
    pub fn members_of(&self, group: &str) -> Vec<&str> {
        self.members.iter().filter(|(_, g)| g.as_str() == group).map(|(m, _)| m.as_str()).collect()
    }

    /// The group codes, sorted.
    pub fn group_codes(&self) -> Vec<&str> {
        let set: std::collections::BTreeSet<&str> = self.members.values().map(String::as_str).collect();
        set.into_iter().collect()
    }

    /// The number of municipalities with a group.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether no municipality has a group.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Where the groups came from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The name of a group code: `EKG13` -> `KOSTRA-gruppe 13`.
    pub fn group_name(group: &str) -> String {
        format!("KOSTRA-gruppe {}", group.strip_prefix("EKG").unwrap_or(group))
    }
}

fn group_code(g: u32) -> String {
    format!("EKG{g:02}")
}

/// County names by county number (1972-2017, Trøndelag 2018, the 2020 and 2024 counties), used to
/// name county aggregates. Source: SSB KLASS 104 (fylkesinndeling).
const COUNTY_NAMES: [(&str, &str); 34] = [
    ("01", "Østfold"),
    ("02", "Akershus"),
    ("03", "Oslo"),
    ("04", "Hedmark"),
    ("05", "Oppland"),
    ("06", "Buskerud"),
    ("07", "Vestfold"),
    ("08", "Telemark"),
    ("09", "Aust-Agder"),
    ("10", "Vest-Agder"),
    ("11", "Rogaland"),
    ("12", "Hordaland"),
    ("14", "Sogn og Fjordane"),
    ("15", "Møre og Romsdal"),
    ("16", "Sør-Trøndelag"),
    ("17", "Nord-Trøndelag"),
    ("18", "Nordland"),
    ("19", "Troms"),
    ("20", "Finnmark"),
    ("21", "Svalbard"),
    ("30", "Viken"),
    ("31", "Østfold"),
    ("32", "Akershus"),
    ("33", "Buskerud"),
    ("34", "Innlandet"),
    ("38", "Vestfold og Telemark"),
    ("39", "Vestfold"),
    ("40", "Telemark"),
    ("42", "Agder"),
    ("46", "Vestland"),
    ("50", "Trøndelag"),
    ("54", "Troms og Finnmark"),
    ("55", "Troms"),
    ("56", "Finnmark"),
];

/// The name of a county code (`03` -> `Oslo`; `56` -> `Finnmark`); the code itself when unknown.
pub fn county_name(code: &str) -> String {
    COUNTY_NAMES.iter().find(|(c, _)| *c == code).map_or_else(|| code.to_string(), |(_, n)| (*n).to_string())
}

/// The name used for the country aggregate (`0`).
pub const COUNTRY_NAME: &str = "Hele landet";

/// The level to aggregate municipalities to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// County: the first two digits of the municipality code.
    County,
    /// The whole country (code `0`).
    Country,
    /// KOSTRA group (`EKGnn`), from a [`Groups`] table.
    Group,
}

impl Level {
    /// The name used on the command line and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Level::County => "county",
            Level::Country => "country",
            Level::Group => "group",
        }
    }

    /// Parses `county`, `country` or `group`.
    pub fn parse(s: &str) -> Result<Level> {
        match s.trim().to_ascii_lowercase().as_str() {
            "county" | "fylke" => Ok(Level::County),
            "country" | "land" | "national" => Ok(Level::Country),
            "group" | "kostra_group" | "kostragruppe" => Ok(Level::Group),
            _ => Err(Error::UnknownOption {
                argument: "level",
                given: s.to_string(),
                expected: "county, country, group",
            }),
        }
    }

    /// The region type of the aggregates.
    pub fn region_type(self) -> RegionType {
        match self {
            Level::County => RegionType::County,
            Level::Country => RegionType::Country,
            Level::Group => RegionType::KostraGroup,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Options of [`aggregate`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AggregateOptions {
    /// Indicators to treat as rates although their rows carry no numerator and denominator
    /// (aggregated population weighted; they would otherwise be summed as totals).
    pub rates: Vec<String>,
    /// Population per municipality and period, for population-weighted rates: a table with one
    /// indicator, or with `population_total` / `Folkemengde i alt` among its indicators.
    pub population: Option<KostraTable>,
}

/// How an output cell was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// Σ numerator / Σ denominator × multiplier.
    SumRatio,
    /// Plain sum of the members' values.
    Sum,
    /// Σ P_i r_i / Σ P_i with P the population.
    PopulationWeighted,
}

impl Method {
    /// The name written in the `method` column.
    pub fn name(self) -> &'static str {
        match self {
            Method::SumRatio => "sum_ratio",
            Method::Sum => "sum",
            Method::PopulationWeighted => "population_weighted",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One aggregated cell.
#[derive(Debug, Clone, PartialEq)]
pub struct AggregateRow {
    /// Aggregate code: county (`03`), `0`, or `EKGnn`.
    pub region_code: String,
    /// Its name.
    pub region_name: String,
    /// The indicator.
    pub indicator: String,
    /// The period.
    pub period: Period,
    /// The aggregated value, in the unit of the input; `None` when no member had a value.
    pub value: Option<f64>,
    /// Σ numerator (method `sum_ratio`).
    pub numerator: Option<f64>,
    /// Σ denominator (method `sum_ratio`).
    pub denominator: Option<f64>,
    /// How the value was computed.
    pub method: Method,
    /// Members whose values were used.
    pub n_units: usize,
    /// Members in the table without a (usable) value, left out (never counted as 0).
    pub n_missing: usize,
    /// Why `value` is `None` (the most common status of the members, or a ratio reason).
    pub status: Option<Status>,
}

/// The result of [`aggregate`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aggregated {
    /// One row per aggregate x indicator x period, sorted by code, indicator (input order), period.
    pub rows: Vec<AggregateRow>,
    /// What a user should know (municipalities without a group, multipliers that could not be
    /// inferred, ...).
    pub warnings: Vec<String>,
}

impl Aggregated {
    /// Writes the rows as CSV ([`crate::schema::kostra_aggregate`]); missing values are empty.
    pub fn write_csv(&self, w: impl Write) -> std::io::Result<()> {
        crate::schema::kostra_aggregate(self).write_csv(w)
    }

    /// The aggregates as a tidy table (to feed further steps such as comparison or charts).
    pub fn to_table(&self, level: Level) -> KostraTable {
        let records = self
            .rows
            .iter()
            .map(|r| Record {
                region_code: r.region_code.clone(),
                region_type: level.region_type(),
                region_name: r.region_name.clone(),
                indicator: r.indicator.clone(),
                period: r.period,
                value: r.value,
                numerator: r.numerator,
                denominator: r.denominator,
                status: r.status,
            })
            .collect();
        KostraTable { records, warnings: self.warnings.clone() }
    }

    /// The row of one aggregate, indicator and period.
    pub fn get(&self, region_code: &str, indicator: &str, period: Period) -> Option<&AggregateRow> {
        self.rows.iter().find(|r| r.region_code == region_code && r.indicator == indicator && r.period == period)
    }
}

/// Infers the multiplier of a ratio indicator from its records that carry a value, a numerator and
/// a non-zero denominator: the median of `value / (numerator / denominator)` when it is within
/// 1 % of a power of ten (100 for percentages, 1 for "per inhabitant", 1 000 for NOK from
/// 1 000 NOK). `None` when no record has all three (with a non-zero numerator) or the median is
/// no power of ten (values rounded to whole numbers of a small ratio, say).
pub fn infer_multiplier<'a>(records: impl IntoIterator<Item = &'a Record>) -> Option<f64> {
    let mut ratios: Vec<f64> = records
        .into_iter()
        .filter_map(|r| match (r.value, r.numerator, r.denominator) {
            (Some(v), Some(n), Some(d)) if d != 0.0 && n != 0.0 && v != 0.0 => Some(v / (n / d)),
            _ => None,
        })
        .filter(|m| m.is_finite() && *m > 0.0)
        .collect();
    if ratios.is_empty() {
        return None;
    }
    let median = crate::stats::median_in_place(&mut ratios);
    let power = 10f64.powi(median.log10().round() as i32);
    ((median / power - 1.0).abs() < 0.01).then_some(power)
}

/// The multipliers of every ratio indicator of a table (indicators whose records carry numerator
/// and denominator); indicators where none can be inferred get 1 and a warning.
pub(crate) fn multipliers(table: &KostraTable, warnings: &mut Vec<String>) -> HashMap<String, f64> {
    let mut by_ind: HashMap<&str, Vec<&Record>> = HashMap::new();
    for r in &table.records {
        if r.numerator.is_some() && r.denominator.is_some() {
            by_ind.entry(r.indicator.as_str()).or_default().push(r);
        }
    }
    let mut out = HashMap::new();
    for (ind, recs) in by_ind {
        let m = infer_multiplier(recs.iter().copied()).unwrap_or_else(|| {
            warnings.push(format!(
                "indicator '{ind}': no row with value, numerator and denominator to infer its multiplier; using 1"
            ));
            1.0
        });
        out.insert(ind.to_string(), m);
    }
    out
}

/// The most common status among the statuses given (ties: the first in [`Status`] order), or
/// [`Status::Unknown`] when there is none.
pub(crate) fn dominant_status(statuses: impl IntoIterator<Item = Option<Status>>) -> Status {
    let mut counts: BTreeMap<Status, usize> = BTreeMap::new();
    for s in statuses {
        *counts.entry(s.unwrap_or(Status::Unknown)).or_default() += 1;
    }
    counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map_or(Status::Unknown, |(s, _)| *s)
}

/// Population per (municipality, period) from [`AggregateOptions::population`].
fn population_lookup(pop: &KostraTable) -> Result<HashMap<(String, Period), f64>> {
    let inds = pop.indicators();
    let chosen = if inds.len() == 1 {
        inds[0].to_string()
    } else if let Some(i) = inds.iter().find(|i| ["population_total", "Folkemengde i alt"].contains(i)) {
        (*i).to_string()
    } else {
        return Err(Error::InvalidArgument {
            argument: "population",
            reason: format!(
                "the population table has the indicators {}: give a table with one indicator, or with \
                 population_total or 'Folkemengde i alt'",
                inds.join(", ")
            ),
        });
    };
    Ok(pop
        .records
        .iter()
        .filter(|r| r.indicator == chosen)
        .filter_map(|r| r.value.map(|v| ((r.region_code.clone(), r.period), v)))
        .collect())
}

/// Whether an indicator's name reads like a rate or share (`pct`, `prosent`, `andel`, `per 1000`,
/// `%`, ...), for a warning when it would be summed.
fn looks_like_rate(name: &str) -> bool {
    let n = name.to_lowercase();
    ["pct", "prosent", "percent", "andel", "share", "rate", "%", "per ", "pr. ", "pr "].iter().any(|w| n.contains(w))
}

/// Aggregates the municipality rows of `table` to `level` (see the module docs for the rules).
///
/// `groups` is needed for [`Level::Group`]. Errors: a group level without groups, a rate in
/// `opts.rates` without `opts.population`, a population table without a recognisable indicator.
pub fn aggregate(
    table: &KostraTable,
    level: Level,
    groups: Option<&Groups>,
    opts: &AggregateOptions,
) -> Result<Aggregated> {
    let mut warnings = Vec::new();
    if level == Level::Group && groups.is_none() {
        return Err(Error::InvalidArgument {
            argument: "groups",
            reason: "aggregating to KOSTRA groups needs a groups file (--groups FILE; groups= in Python)".into(),
        });
    }
    let ratio_inds: HashSet<&str> = table
        .records
        .iter()
        .filter(|r| r.numerator.is_some() && r.denominator.is_some())
        .map(|r| r.indicator.as_str())
        .collect();
    let rate_inds: HashSet<&str> = opts.rates.iter().map(String::as_str).filter(|r| !ratio_inds.contains(r)).collect();
    let present: HashSet<&str> = table.records.iter().map(|r| r.indicator.as_str()).collect();
    for r in &opts.rates {
        if !present.contains(r.as_str()) {
            warnings.push(format!("rate '{r}' is not an indicator of the table"));
        }
    }
    let pop = match (&opts.population, rate_inds.iter().any(|r| present.contains(r))) {
        (Some(p), true) => Some(population_lookup(p)?),
        (None, true) => {
            let mut names: Vec<&str> = rate_inds.iter().copied().filter(|r| present.contains(r)).collect();
            names.sort_unstable();
            return Err(Error::InvalidArgument {
                argument: "population",
                reason: format!(
                    "the rate(s) {} have no numerator and denominator: give a population per municipality \
                     and period (--population FILE; population= in Python) to weight them",
                    names.join(", ")
                ),
            });
        }
        _ => None,
    };
    let mults = multipliers(table, &mut warnings);
    for ind in table.indicators() {
        if !ratio_inds.contains(ind) && !rate_inds.contains(ind) && looks_like_rate(ind) {
            warnings.push(format!(
                "'{ind}' has no numerator and denominator and is summed as a total; its name reads like a rate: \
                 if it is one, name it as a rate (--rate; rates= in Python) with a population to weight it"
            ));
        }
    }
    let order: HashMap<&str, usize> = table.indicators().into_iter().enumerate().map(|(i, s)| (s, i)).collect();

    // Members per (target, indicator, period).
    let mut cells: BTreeMap<(String, usize, Period), Vec<&Record>> = BTreeMap::new();
    let mut ungrouped: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for r in table.records.iter().filter(|r| r.region_type == RegionType::Municipality) {
        let target = match level {
            Level::County => r.region_code.get(..2).map(str::to_string),
            Level::Country => Some("0".to_string()),
            Level::Group => groups.and_then(|g| g.group_of(&r.region_code)).map(str::to_string),
        };
        let Some(target) = target else {
            ungrouped.insert(&r.region_code);
            continue;
        };
        let idx = order.get(r.indicator.as_str()).copied().unwrap_or(usize::MAX);
        cells.entry((target, idx, r.period)).or_default().push(r);
    }
    if !ungrouped.is_empty() {
        let codes: Vec<&str> = ungrouped.iter().copied().collect();
        warnings.push(format!(
            "{} municipalities have no KOSTRA group in {} and are left out: {}",
            codes.len(),
            groups.map_or("", Groups::source),
            codes.join(", ")
        ));
    }
    let mut rows = Vec::with_capacity(cells.len());
    for ((target, _, period), members) in cells {
        let indicator = members[0].indicator.clone();
        let region_name = match level {
            Level::County => county_name(&target),
            Level::Country => COUNTRY_NAME.to_string(),
            Level::Group => Groups::group_name(&target),
        };
        let mut row = AggregateRow {
            region_code: target,
            region_name,
            indicator,
            period,
            value: None,
            numerator: None,
            denominator: None,
            method: Method::Sum,
            n_units: 0,
            n_missing: 0,
            status: None,
        };
        let ind = row.indicator.as_str();
        if ratio_inds.contains(ind) {
            row.method = Method::SumRatio;
            let used: Vec<(f64, f64)> = members.iter().filter_map(|r| Some((r.numerator?, r.denominator?))).collect();
            row.n_units = used.len();
            row.n_missing = members.len() - used.len();
            if used.is_empty() {
                row.status = Some(dominant_status(members.iter().map(|r| {
                    r.status.or(Some(if r.numerator.is_none() {
                        Status::NumeratorMissing
                    } else {
                        Status::DenominatorMissing
                    }))
                })));
            } else {
                let num: f64 = used.iter().map(|u| u.0).sum();
                let den: f64 = used.iter().map(|u| u.1).sum();
                row.numerator = Some(num);
                row.denominator = Some(den);
                if den == 0.0 {
                    row.status = Some(Status::ZeroDenominator);
                } else {
                    row.value = Some(num / den * mults.get(ind).copied().unwrap_or(1.0));
                }
            }
        } else if rate_inds.contains(ind) {
            row.method = Method::PopulationWeighted;
            let pop = pop.as_ref();
            let used: Vec<(f64, f64)> = members
                .iter()
                .filter_map(|r| Some((r.value?, *pop?.get(&(r.region_code.clone(), r.period))?)))
                .collect();
            let without_pop = members
                .iter()
                .filter(|r| r.value.is_some())
                .filter(|r| pop.is_none_or(|p| !p.contains_key(&(r.region_code.clone(), r.period))))
                .count();
            if without_pop > 0 {
                warnings.push(format!(
                    "{}, {ind}, {period}: {without_pop} member(s) with a value have no population and are left out",
                    row.region_code
                ));
            }
            row.n_units = used.len();
            row.n_missing = members.len() - used.len();
            let w: f64 = used.iter().map(|u| u.1).sum();
            if used.is_empty() {
                row.status = Some(dominant_status(members.iter().filter(|r| r.value.is_none()).map(|r| r.status)));
            } else if w == 0.0 {
                row.status = Some(Status::ZeroDenominator);
            } else {
                row.value = Some(used.iter().map(|u| u.0 * u.1).sum::<f64>() / w);
            }
        } else {
            let vals: Vec<f64> = members.iter().filter_map(|r| r.value).collect();
            row.n_units = vals.len();
            row.n_missing = members.len() - vals.len();
            if vals.is_empty() {
                row.status = Some(dominant_status(members.iter().map(|r| r.status)));
            } else {
                row.value = Some(vals.iter().sum());
            }
        }
        rows.push(row);
    }
    Ok(Aggregated { rows, warnings })
}
