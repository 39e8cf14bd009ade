//! Shared helpers for the golden tests: load a reference case of `tests/data/reference` and
//! compare a result CSV with the expected one, column by column.
#![allow(dead_code, unreachable_pub)]

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value;

/// Relative tolerance of the reference README (absolute 1e-12 near zero).
pub const REL_TOL: f64 = 1e-9;
pub const ABS_TOL: f64 = 1e-12;

pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/reference")
}

/// A reference case.
pub struct Case {
    pub id: String,
    pub json: Value,
    pub input: PathBuf,
    pub expected: PathBuf,
}

impl Case {
    pub fn chart(&self) -> &str {
        self.json["chart"].as_str().unwrap()
    }
    pub fn has_n(&self) -> bool {
        self.json["has_n"].as_bool().unwrap()
    }
    pub fn option(&self, name: &str) -> Option<&Value> {
        self.json["options"].as_object().and_then(|o| o.get(name))
    }
    pub fn screened(&self) -> bool {
        self.json["qic_screenedmr"].as_bool().unwrap_or(true)
    }
    pub fn facet_col(&self) -> Option<String> {
        self.option("facets").map(|f| f.as_str().unwrap().trim_start_matches('~').trim().to_string())
    }
    pub fn part_col(&self) -> Option<String> {
        self.option("part").and_then(|p| p.as_str()).map(str::to_string)
    }
    pub fn positions(&self, name: &str) -> Vec<usize> {
        match self.option(name) {
            Some(Value::Number(n)) => vec![n.as_u64().unwrap() as usize],
            Some(Value::Array(a)) => a.iter().map(|v| v.as_u64().unwrap() as usize).collect(),
            _ => vec![],
        }
    }
    pub fn number(&self, name: &str) -> Option<f64> {
        self.option(name).and_then(Value::as_f64)
    }
    pub fn text(&self, name: &str) -> Option<String> {
        self.option(name).and_then(|v| v.as_str()).map(str::to_string)
    }

    /// The `spc chart` arguments that ask for this case (after the input file).
    pub fn cli_args(&self) -> Vec<String> {
        let mut a: Vec<String> =
            vec!["--chart".into(), self.chart().into(), "--x".into(), "x".into(), "--y".into(), "y".into()];
        if self.has_n() {
            a.extend(["--n".into(), "n".into()]);
        }
        if let Some(f) = self.facet_col() {
            a.extend(["--facet".into(), f]);
        }
        if let Some(p) = self.part_col() {
            a.extend(["--part-col".into(), p]);
        } else if !self.positions("part").is_empty() {
            a.extend(["--part".into(), join(&self.positions("part"))]);
        }
        if !self.positions("freeze").is_empty() {
            a.extend(["--freeze".into(), join(&self.positions("freeze"))]);
        }
        if !self.positions("exclude").is_empty() {
            a.extend(["--exclude".into(), join(&self.positions("exclude"))]);
        }
        if let Some(m) = self.number("multiply") {
            a.extend(["--multiply".into(), m.to_string()]);
        }
        if let Some(m) = self.text("method") {
            a.extend(["--method".into(), m]);
        }
        if let Some(f) = self.text("agg.fun") {
            a.extend(["--agg".into(), f]);
        }
        if !self.screened() {
            a.push("--no-screen-mr".into());
        }
        a
    }
}

/// The library's spec and input of a qicharts2 case: its columns and options as qicharts2
/// took them.
pub fn qic_spec_input(case: &Case) -> spc_core::Result<(spc_core::ChartSpec, spc_core::Input)> {
    use spc_core::io::{Columns, Table};
    let table = Table::from_path(&case.input)?;
    let cols = Columns {
        x: "x".into(),
        y: "y".into(),
        n: case.has_n().then(|| "n".into()),
        facet: case.facet_col(),
        part: case.part_col(),
    };
    let input = table.input(&cols)?;
    let mut spec = spc_core::ChartSpec::new(case.chart().parse()?).screen_mr(case.screened());
    if case.part_col().is_none() {
        spec = spec.part(case.positions("part"));
    }
    if let Some(&f) = case.positions("freeze").first() {
        spec = spec.freeze(f);
    }
    spec = spec.exclude(case.positions("exclude"));
    if let Some(m) = case.number("multiply") {
        spec = spec.multiply(m);
    }
    if let Some(m) = case.text("method") {
        spec = spec.method(m.parse::<spc_core::RunsMethod>()?);
    }
    if let Some(a) = case.text("agg.fun") {
        spec = spec.agg(a.parse()?);
    }
    Ok((spec, input))
}

fn join(v: &[usize]) -> String {
    v.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}

/// All cases of a reference folder (`qicharts2` or `plotthedots`).
pub fn cases(folder: &str) -> Vec<Case> {
    let dir = data_dir().join(folder).join("cases");
    let mut ids: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".json").map(str::to_string))
        .collect();
    ids.sort();
    ids.into_iter()
        .map(|id| Case {
            json: serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{id}.json"))).unwrap()).unwrap(),
            input: dir.join(format!("{id}.input.csv")),
            expected: dir.join(format!("{id}.expected.csv")),
            id,
        })
        .collect()
}

/// A CSV as a map from column name to cells.
pub fn read_csv(text: &str) -> HashMap<String, Vec<String>> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_string).collect();
    let mut cols: HashMap<String, Vec<String>> = header.iter().map(|h| (h.clone(), Vec::new())).collect();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        for (h, v) in header.iter().zip(rec.iter()) {
            cols.get_mut(h).unwrap().push(v.to_string());
        }
    }
    cols
}

fn missing(s: &str) -> bool {
    s.is_empty() || s == "NA" || s == "NaN"
}

/// Whether two cells agree: both missing, equal text (booleans, dates), or numbers within the
/// tolerance.
pub fn cells_agree(ours: &str, theirs: &str) -> bool {
    if missing(ours) || missing(theirs) {
        return missing(ours) && missing(theirs);
    }
    if ours.eq_ignore_ascii_case(theirs) {
        return true;
    }
    match (ours.parse::<f64>(), theirs.parse::<f64>()) {
        (Ok(a), Ok(b)) => (a - b).abs() <= ABS_TOL || (a - b).abs() <= REL_TOL * a.abs().max(b.abs()),
        _ => false,
    }
}

/// Our column name for a qicharts2 column (`lcl.95` -> `lcl_95`, `facet1` -> `facet`).
pub fn our_name(theirs: &str) -> String {
    if theirs == "facet1" {
        return "facet".into();
    }
    theirs.replace('.', "_")
}

/// The qicharts2 columns compared (its internals are left out, README of the reference data).
pub const QIC_COLUMNS: [&str; 20] = [
    "x",
    "y",
    "n",
    "cl",
    "lcl",
    "ucl",
    "lcl.95",
    "ucl.95",
    "target",
    "part",
    "baseline",
    "include",
    "runs.signal",
    "sigma.signal",
    "longest.run",
    "longest.run.max",
    "n.crossings",
    "n.crossings.min",
    "n.obs",
    "n.useful",
];

/// Compares our per-point CSV with a qicharts2 expected CSV; returns the differences found.
pub fn compare_qic(case: &Case, ours_csv: &str, skip: &[&str]) -> Vec<String> {
    let ours = read_csv(ours_csv);
    let theirs = read_csv(&std::fs::read_to_string(&case.expected).unwrap());
    let mut diffs = Vec::new();
    let mut cols: Vec<&str> = QIC_COLUMNS.to_vec();
    if case.facet_col().is_some() {
        cols.push("facet1");
    }
    for col in cols {
        if skip.contains(&col) {
            continue;
        }
        let (Some(t), Some(o)) = (theirs.get(col), ours.get(&our_name(col))) else {
            diffs.push(format!("{}: column {col} missing", case.id));
            continue;
        };
        if t.len() != o.len() {
            diffs.push(format!("{}: {col} has {} rows, expected {}", case.id, o.len(), t.len()));
            continue;
        }
        for (i, (a, b)) in o.iter().zip(t).enumerate() {
            if !cells_agree(a, b) {
                diffs.push(format!("{}: row {} column {col}: ours {a:?}, qicharts2 {b:?}", case.id, i + 1));
                break;
            }
        }
    }
    diffs
}
