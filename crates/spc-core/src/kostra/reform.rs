//! Municipal reforms: a dated mapping of region codes and the harmonisation of a table to the
//! municipality borders of one year.
//!
//! Norway renumbered and merged municipalities in 2017-2020 and renumbered them again in 2024
//! (`docs/kostra.md` §5). [`RegionMapping::builtin`] ships those changes
//! (`crates/spc-core/data/region_changes.csv`, built from SSB's classification KLASS 131; the
//! README next to it gives the sources); users can load their own with
//! [`RegionMapping::from_csv`].
//!
//! [`harmonise`] rebuilds every municipality series on the borders of a target year:
//! - **renumbering** (one predecessor, weight 1): the row is relabelled, values untouched;
//! - **merge / split**: per successor and period, numerators and denominators of the
//!   predecessors are summed (times the weight of a split), and the value is Σnum/Σden × the
//!   indicator's multiplier. The multiplier is inferred from the rows that carry value, numerator
//!   and denominator (value / (numerator / denominator) rounded to the nearest power of ten:
//!   100 for a percentage; see [`super::aggregate::infer_multiplier`]). Totals (indicators whose
//!   rows never carry a numerator or denominator, and not named as rates) are summed;
//! - a **ratio without numerator and denominator** (a row of a ratio indicator that lacks them, or
//!   an indicator named in [`HarmoniseOptions::rates`]) cannot be rebuilt for a merged region:
//!   its value is `None` with [`Status::NotHarmonisable`]. A split with a single predecessor
//!   keeps the predecessor's rate;
//! - a **missing predecessor** (no value, or no row at all for a code that existed in that
//!   period) makes the successor's value missing with the predecessor's status
//!   ([`Status::Unknown`] when the row is absent): missing is never taken as 0.
//!
//! Rows of other region types (counties, groups, the country, wards) pass through unchanged:
//! county borders moved beyond merges, so re-aggregate counties from the harmonised
//! municipalities ([`super::aggregate::aggregate`]). The table's warnings say which series were
//! converted.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use super::aggregate::multipliers;
use super::{KostraTable, Period, Record, Region, RegionType, Status};
use crate::error::{Error, Result};

/// The built-in changes (see `crates/spc-core/data/README.md`).
const BUILTIN_CSV: &str = include_str!("../../data/region_changes.csv");

/// The columns of a mapping file.
pub const MAPPING_COLUMNS: [&str; 7] =
    ["old_code", "new_code", "valid_from", "weight", "reform", "old_name", "new_name"];

/// One change: from 1 January of `valid_from` the area of `old_code` (or the share `weight` of it)
/// belongs to `new_code`.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionChange {
    /// The code before the change.
    pub old_code: String,
    /// The code after the change.
    pub new_code: String,
    /// The first year of the new code.
    pub valid_from: i32,
    /// The share of the old region carried to the new one (1 for renumbering and merges).
    pub weight: f64,
    /// A label of the reform (`2020 municipal and county reform`).
    pub reform: String,
    /// The old region's name.
    pub old_name: String,
    /// The new region's name.
    pub new_name: String,
}

/// A dated table of region code changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegionMapping {
    changes: Vec<RegionChange>,
    source: String,
}

impl RegionMapping {
    /// The Norwegian municipality changes 2017-2024 shipped with the crate (SSB KLASS 131;
    /// sources in `crates/spc-core/data/README.md`).
    pub fn builtin() -> RegionMapping {
        RegionMapping::from_csv(BUILTIN_CSV.as_bytes(), "built-in region_changes.csv")
            .expect("the built-in region_changes.csv is valid (tested)")
    }

    /// Reads a mapping file (see [`RegionMapping::from_csv`]).
    pub fn from_path(path: impl AsRef<Path>) -> Result<RegionMapping> {
        let path = path.as_ref();
        let file = std::fs::File::open(path)
            .map_err(|e| Error::Io { file: path.display().to_string(), reason: e.to_string() })?;
        RegionMapping::from_csv(file, &path.display().to_string())
    }

    /// Reads a CSV with the columns `old_code, new_code, valid_from, weight` (required) and
    /// `reform, old_name, new_name` (optional). Codes are normalised like [`Region::parse`];
    /// weights must be in (0, 1]. Errors name `source`, the line, the column and the text.
    pub fn from_csv(reader: impl Read, source: &str) -> Result<RegionMapping> {
        let mut rd = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let io = |reason: String| Error::Io { file: source.to_string(), reason };
        let headers = rd.headers().map_err(|e| io(e.to_string()))?.clone();
        let names: Vec<String> = headers.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_string()).collect();
        let find = |n: &str| names.iter().position(|h| h.eq_ignore_ascii_case(n));
        let mut cols = [0usize; 4];
        for (i, name) in MAPPING_COLUMNS[..4].iter().enumerate() {
            cols[i] = find(name).ok_or_else(|| Error::MissingColumn {
                name: (*name).to_string(),
                available: names.join(", "),
                file: format!("{source}: "),
            })?;
        }
        let opt = [find("reform"), find("old_name"), find("new_name")];
        let mut changes = Vec::new();
        for (i, rec) in rd.records().enumerate() {
            // The row a spreadsheet shows: the file line where the record starts.
            let row = rec.as_ref().ok().and_then(csv::StringRecord::position).map_or(i + 2, |p| p.line() as usize);
            let rec = rec.map_err(|e| io(format!("row {row}: {e}")))?;
            let cell = |c: usize| rec.get(c).unwrap_or("").trim();
            if rec.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let code = |c: usize, col: &str| {
                Region::parse(cell(c)).map(|r| r.code).map_err(|e| io(format!("row {row}, column '{col}': {e}")))
            };
            let num_err = |col: usize| Error::NotANumber {
                at: crate::error::Location {
                    file: Some(source.to_string()),
                    row: Some(row),
                    column: Some(MAPPING_COLUMNS[col].to_string()),
                },
                value: cell(cols[col]).to_string(),
            };
            let valid_from: i32 = cell(cols[2]).parse().map_err(|_| num_err(2))?;
            let weight: f64 = cell(cols[3]).parse().map_err(|_| num_err(3))?;
            if !(weight > 0.0 && weight <= 1.0) {
                return Err(io(format!("row {row}, column 'weight': '{}' is not a share in (0, 1]", cell(cols[3]))));
            }
            let text = |o: Option<usize>| o.map(|c| cell(c).to_string()).unwrap_or_default();
            changes.push(RegionChange {
                old_code: code(cols[0], "old_code")?,
                new_code: code(cols[1], "new_code")?,
                valid_from,
                weight,
                reform: text(opt[0]),
                old_name: text(opt[1]),
                new_name: text(opt[2]),
            });
        }
        Ok(RegionMapping { changes, source: source.to_string() })
    }

    /// The changes, in file order.
    pub fn changes(&self) -> &[RegionChange] {
        &self.changes
    }

    /// Where the mapping came from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The codes (with weights) on the borders of `to_year` that a region with `code` in `year`
    /// became, by chaining every change with `year < valid_from <= to_year`. A code without
    /// changes maps to itself with weight 1.
    pub fn successors(&self, code: &str, year: i32, to_year: i32) -> Vec<(String, f64)> {
        let mut state = vec![(code.to_string(), 1.0, year)];
        // Each step moves to a strictly later year, so the loop ends; the bound is a guard.
        for _ in 0..64 {
            let mut next = Vec::with_capacity(state.len());
            let mut moved = false;
            for (c, w, y) in state {
                let first = self
                    .changes
                    .iter()
                    .filter(|ch| ch.old_code == c && ch.valid_from > y && ch.valid_from <= to_year)
                    .map(|ch| ch.valid_from)
                    .min();
                match first {
                    Some(v) => {
                        moved = true;
                        for ch in self.changes.iter().filter(|ch| ch.old_code == c && ch.valid_from == v) {
                            next.push((ch.new_code.clone(), w * ch.weight, v));
                        }
                    }
                    None => next.push((c, w, y)),
                }
            }
            state = next;
            if !moved {
                break;
            }
        }
        let mut out: Vec<(String, f64)> = Vec::new();
        for (c, w, _) in state {
            match out.iter_mut().find(|(o, _)| *o == c) {
                Some(o) => o.1 += w,
                None => out.push((c, w)),
            }
        }
        out
    }

    /// Whether `code` was in use in `year` according to the mapping: created by a change on or
    /// before `year` (or older than every change that mentions it) and not abolished since. Codes
    /// the mapping does not mention are always in use. A code that absorbs others and goes on
    /// needs a row to itself (`1103,1103,2020,1`: Stavanger took in Finnøy and Rennesøy).
    pub fn is_valid(&self, code: &str, year: i32) -> bool {
        // A row from a code to itself says the code goes on through that change (it absorbs
        // others): neither created nor abolished then. Events: (year, created?).
        let related: Vec<&RegionChange> =
            self.changes.iter().filter(|c| c.old_code == code || c.new_code == code).collect();
        let continues = |v: i32| related.iter().any(|o| o.old_code == code && o.new_code == code && o.valid_from == v);
        let mut events: Vec<(i32, bool)> = Vec::new();
        for ch in &related {
            if continues(ch.valid_from) {
                continue;
            }
            if ch.new_code == code {
                events.push((ch.valid_from, true));
            }
            if ch.old_code == code {
                events.push((ch.valid_from, false));
            }
        }
        if events.is_empty() {
            return true;
        }
        events.sort_by_key(|e| (e.0, !e.1));
        match events.iter().rev().find(|e| e.0 <= year) {
            Some(e) => e.1,
            None => !events[0].1,
        }
    }

    /// The name a code got from the mapping (the `new_name` of the latest change creating it up
    /// to `to_year`).
    fn name_of(&self, code: &str, to_year: i32) -> Option<&str> {
        self.changes
            .iter()
            .filter(|c| c.new_code == code && c.valid_from <= to_year && !c.new_name.is_empty())
            .max_by_key(|c| c.valid_from)
            .map(|c| c.new_name.as_str())
    }
}

/// Options of [`harmonise_with`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HarmoniseOptions {
    /// Indicators that are rates although their rows carry no numerator and denominator (they
    /// cannot be rebuilt for merged regions; without this they would be summed as totals).
    pub rates: Vec<String>,
}

/// Rebuilds every municipality series of `table` on the borders of `to_year` with `mapping`
/// (see the module docs). Same as [`harmonise_with`] with default options.
pub fn harmonise(table: &KostraTable, mapping: &RegionMapping, to_year: i32) -> Result<KostraTable> {
    harmonise_with(table, mapping, to_year, &HarmoniseOptions::default())
}

/// How one indicator is combined.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Rows carry numerator and/or denominator.
    Ratio,
    /// Named as a rate without numerator and denominator.
    Rate,
    /// Summed.
    Total,
}

/// Memoised [`RegionMapping::successors`] and [`RegionMapping::is_valid`] for one target year.
struct Lookup<'m> {
    mapping: &'m RegionMapping,
    to_year: i32,
    successors: HashMap<(String, i32), Vec<(String, f64)>>,
    valid: HashMap<(String, i32), bool>,
}

impl Lookup<'_> {
    fn successors(&mut self, code: &str, year: i32) -> Vec<(String, f64)> {
        let (m, to) = (self.mapping, self.to_year);
        self.successors.entry((code.to_string(), year)).or_insert_with(|| m.successors(code, year, to)).clone()
    }

    fn is_valid(&mut self, code: &str, year: i32) -> bool {
        let m = self.mapping;
        *self.valid.entry((code.to_string(), year)).or_insert_with(|| m.is_valid(code, year))
    }
}

/// A harmonised cell: (target code, indicator, period).
type Key<'a> = (String, &'a str, Period);

/// An output slot: a passed-through record or a harmonised cell.
enum Slot<'a> {
    Keep(&'a Record),
    Group(Key<'a>),
}

/// [`harmonise`] with options. Errors: a municipality row after `to_year` whose code did not
/// exist in `to_year` (harmonisation maps forward in time only).
pub fn harmonise_with(
    table: &KostraTable,
    mapping: &RegionMapping,
    to_year: i32,
    opts: &HarmoniseOptions,
) -> Result<KostraTable> {
    let mut warnings = table.warnings.clone();
    let ratio_inds: HashSet<&str> = table
        .records
        .iter()
        .filter(|r| r.numerator.is_some() || r.denominator.is_some())
        .map(|r| r.indicator.as_str())
        .collect();
    let kind = |ind: &str| {
        if ratio_inds.contains(ind) {
            Kind::Ratio
        } else if opts.rates.iter().any(|r| r == ind) {
            Kind::Rate
        } else {
            Kind::Total
        }
    };
    let mults = multipliers(table, &mut warnings);
    let mut look = Lookup { mapping, to_year, successors: HashMap::new(), valid: HashMap::new() };

    // Group the municipality rows by (target, indicator, period), in order of first appearance.
    let mut keys: Vec<Key<'_>> = Vec::new();
    let mut groups: HashMap<Key<'_>, Vec<(&Record, f64)>> = HashMap::new();
    let mut slots: Vec<Slot<'_>> = Vec::new();
    let mut years: BTreeSet<i32> = BTreeSet::new();
    for r in &table.records {
        if r.region_type != RegionType::Municipality {
            slots.push(Slot::Keep(r));
            continue;
        }
        let y = r.period.year();
        if y > to_year {
            if !look.is_valid(&r.region_code, to_year) {
                return Err(Error::InvalidArgument {
                    argument: "harmonise",
                    reason: format!(
                        "municipality {} has data for {} but did not exist in {to_year}: harmonisation maps codes \
                         forward in time only; choose a target year of {} or later",
                        r.region_code,
                        r.period,
                        r.period.year()
                    ),
                });
            }
            slots.push(Slot::Keep(r));
            continue;
        }
        years.insert(y);
        for (t, w) in look.successors(&r.region_code, y) {
            let key = (t, r.indicator.as_str(), r.period);
            let entry = groups.entry(key.clone()).or_default();
            if entry.is_empty() {
                keys.push(key.clone());
                slots.push(Slot::Group(key));
            }
            entry.push((r, w));
        }
    }

    // Expected predecessors per (target, year): codes in use that year that chain to the target.
    let mut candidates: BTreeSet<&str> = BTreeSet::new();
    for c in mapping.changes() {
        candidates.insert(&c.old_code);
        candidates.insert(&c.new_code);
    }
    for r in table.records.iter().filter(|r| r.region_type == RegionType::Municipality) {
        candidates.insert(&r.region_code);
    }
    let mut expected: HashMap<(String, i32), BTreeSet<&str>> = HashMap::new();
    for &y in &years {
        for &c in &candidates {
            if !look.is_valid(c, y) {
                continue;
            }
            for (t, _) in look.successors(c, y) {
                expected.entry((t, y)).or_default().insert(c);
            }
        }
    }

    let mut converted: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut incomplete: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut out_of_period: BTreeSet<String> = BTreeSet::new();
    // One name per municipality code: the one of its latest period in the table (SSB's names
    // change within a code, e.g. "Oslo municipality" to "Oslo").
    let mut latest_name: HashMap<&str, (Period, &str)> = HashMap::new();
    for r in table.records.iter().filter(|r| r.region_type == RegionType::Municipality && !r.region_name.is_empty()) {
        let e = latest_name.entry(r.region_code.as_str()).or_insert((r.period, r.region_name.as_str()));
        if r.period > e.0 {
            *e = (r.period, r.region_name.as_str());
        }
    }
    let mut records = Vec::with_capacity(slots.len());
    for slot in slots {
        let key = match slot {
            Slot::Keep(r) => {
                let mut r = r.clone();
                if r.region_type == RegionType::Municipality {
                    if let Some((_, n)) = latest_name.get(r.region_code.as_str()) {
                        r.region_name = (*n).to_string();
                    }
                }
                records.push(r);
                continue;
            }
            Slot::Group(k) => k,
        };
        let Some(parts) = groups.get(&key) else { continue };
        let (target, ind, period) = &key;
        let y = period.year();
        let present: BTreeSet<&str> = parts.iter().map(|(r, _)| r.region_code.as_str()).collect();
        let invalid: Vec<&str> = present.iter().copied().filter(|c| !look.is_valid(c, y)).collect();
        let all_valid = invalid.is_empty();
        out_of_period.extend(invalid.iter().map(|c| (*c).to_string()));
        let absent: Vec<&str> = if all_valid {
            expected
                .get(&(target.clone(), y))
                .map(|e| e.iter().copied().filter(|c| !present.contains(c)).collect())
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let first = parts[0].0;
        let name = latest_name
            .get(target.as_str())
            .map(|(_, n)| (*n).to_string())
            .or_else(|| mapping.name_of(target, to_year).map(str::to_string).filter(|_| first.region_code != *target))
            .unwrap_or_else(|| first.region_name.clone());
        let mut rec = Record {
            region_code: target.clone(),
            region_type: RegionType::Municipality,
            region_name: name,
            indicator: (*ind).to_string(),
            period: *period,
            value: None,
            numerator: None,
            denominator: None,
            status: None,
        };
        let relabel = parts.len() == 1 && parts[0].1 == 1.0 && absent.is_empty();
        if relabel {
            rec.value = first.value;
            rec.numerator = first.numerator;
            rec.denominator = first.denominator;
            rec.status = first.status;
            if first.region_code != *target {
                converted.entry(target.clone()).or_default().insert(first.region_code.clone());
            }
            records.push(rec);
            continue;
        }
        converted.entry(target.clone()).or_default().extend(present.iter().map(|c| (*c).to_string()));
        if !absent.is_empty() {
            incomplete.entry(format!("{target} {period}")).or_default().extend(absent.iter().map(|c| (*c).to_string()));
            rec.status = Some(Status::Unknown);
            records.push(rec);
            continue;
        }
        let provisional = parts.iter().any(|(r, _)| r.status == Some(Status::Provisional));
        match kind(ind) {
            Kind::Ratio => {
                if let Some((r, _)) =
                    parts.iter().find(|(r, _)| r.value.is_none() && (r.numerator.is_none() || r.denominator.is_none()))
                {
                    rec.status = Some(r.status.unwrap_or(Status::Unknown));
                } else if parts.len() == 1 && (first.numerator.is_none() || first.denominator.is_none()) {
                    // A split with one predecessor and no numerator/denominator: keep its rate.
                    rec.value = first.value;
                    rec.status = first.status;
                } else if parts.iter().any(|(r, _)| r.numerator.is_none() || r.denominator.is_none()) {
                    rec.status = Some(Status::NotHarmonisable);
                } else {
                    let num: f64 = parts.iter().map(|(r, w)| r.numerator.unwrap_or(0.0) * w).sum();
                    let den: f64 = parts.iter().map(|(r, w)| r.denominator.unwrap_or(0.0) * w).sum();
                    rec.numerator = Some(num);
                    rec.denominator = Some(den);
                    if den == 0.0 {
                        rec.status = Some(Status::ZeroDenominator);
                    } else {
                        rec.value = Some(num / den * mults.get(*ind).copied().unwrap_or(1.0));
                        rec.status = provisional.then_some(Status::Provisional);
                    }
                }
            }
            Kind::Rate => {
                if let Some((r, _)) = parts.iter().find(|(r, _)| r.value.is_none()) {
                    rec.status = Some(r.status.unwrap_or(Status::Unknown));
                } else if parts.len() == 1 {
                    rec.value = first.value;
                    rec.status = first.status;
                } else {
                    rec.status = Some(Status::NotHarmonisable);
                }
            }
            Kind::Total => {
                if let Some((r, _)) = parts.iter().find(|(r, _)| r.value.is_none()) {
                    rec.status = Some(r.status.unwrap_or(Status::Unknown));
                } else {
                    rec.value = Some(parts.iter().map(|(r, w)| r.value.unwrap_or(0.0) * w).sum());
                    rec.status = provisional.then_some(Status::Provisional);
                }
            }
        }
        records.push(rec);
    }
    if !converted.is_empty() {
        // Merges and splits first (the rebuilt series), then the codes only relabelled.
        let (rebuilt, relabelled): (Vec<_>, Vec<_>) = converted.iter().partition(|(_, from)| from.len() > 1);
        let show = |v: &[(&String, &BTreeSet<String>)], k: usize| -> String {
            let mut s: Vec<String> = v
                .iter()
                .take(k)
                .map(|(t, from)| format!("{t} <- {}", from.iter().cloned().collect::<Vec<_>>().join("+")))
                .collect();
            if v.len() > k {
                s.push(format!("... ({} in all)", v.len()));
            }
            s.join(", ")
        };
        warnings.push(format!(
            "harmonised to the municipality borders of {to_year} ({}): {} series rebuilt from several codes ({}); {} relabelled ({})",
            mapping.source(),
            rebuilt.len(),
            show(&rebuilt, 40),
            relabelled.len(),
            show(&relabelled, 5),
        ));
    }
    if !incomplete.is_empty() {
        let list: Vec<String> = incomplete
            .iter()
            .map(|(k, a)| format!("{k} (no row for {})", a.iter().cloned().collect::<Vec<_>>().join(", ")))
            .collect();
        let shown = list.len().min(20);
        warnings.push(format!(
            "{} harmonised cells are missing because a predecessor has no row: {}{}",
            list.len(),
            list[..shown].join("; "),
            if list.len() > shown { "; ..." } else { "" }
        ));
    }
    if !out_of_period.is_empty() {
        warnings.push(format!(
            "codes used in periods where the mapping says they did not exist (already on later borders, e.g. SSB's \
             K- series?), relabelled without a completeness check: {}",
            out_of_period.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    Ok(KostraTable { records, warnings })
}
