//! Region mapping (municipal reforms 2017-2024) and harmonisation to one year's borders.
//!
//! Expected values are computed in the tests from the CSV files with a plain csv parse (not our
//! reader), or read by hand from SSB table 07459.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use spc_core::kostra::reform::{harmonise, harmonise_with, HarmoniseOptions, RegionMapping};
use spc_core::kostra::{read_path, KostraTable, Period, Record, RegionType, Status};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

const POP: &str = "data/kostra/ssb_07459_population_municipality_2005_2021.csv";

/// (code, indicator, year) -> (value, numerator, denominator), parsed by hand.
type Raw = HashMap<(String, String, i32), (Option<f64>, Option<f64>, Option<f64>)>;

fn raw() -> Raw {
    let mut rd = csv::Reader::from_path(repo(POP)).unwrap();
    let num = |s: &str| if s.is_empty() { None } else { Some(s.parse::<f64>().unwrap()) };
    rd.records()
        .map(|r| r.unwrap())
        .map(|r| ((r[0].to_string(), r[2].to_string(), r[3].parse().unwrap()), (num(&r[4]), num(&r[5]), num(&r[6]))))
        .collect()
}

fn codes_in(raw: &Raw, year: i32) -> BTreeSet<String> {
    raw.keys().filter(|k| k.2 == year && k.1 == "population_total").map(|k| k.0.clone()).collect()
}

fn get<'a>(t: &'a KostraTable, code: &str, ind: &str, year: i32) -> &'a Record {
    t.records
        .iter()
        .find(|r| r.region_code == code && r.indicator == ind && r.period == Period::Year(year))
        .unwrap_or_else(|| panic!("no {code} {ind} {year}"))
}

#[test]
fn builtin_mapping_covers_the_2020_reform() {
    let m = RegionMapping::builtin();
    let count = |y: i32| m.changes().iter().filter(|c| c.valid_from == y).count();
    assert_eq!((count(2017), count(2018), count(2019), count(2020), count(2024)), (3, 54, 1, 314, 115));
    let raw = raw();
    let (c19, c20) = (codes_in(&raw, 2019), codes_in(&raw, 2020));
    assert_eq!((c19.len(), c20.len()), (422, 356));
    // Every code of 2019 maps to codes in use in 2020; every 2020 code has a predecessor.
    let mut reached = BTreeSet::new();
    let mut successor_pop: HashMap<String, f64> = HashMap::new();
    for c in &c19 {
        let s = m.successors(c, 2019, 2020);
        assert!(!s.is_empty());
        let pop = raw[&(c.clone(), "population_total".into(), 2019)].0.unwrap();
        for (t, w) in s {
            assert!(c20.contains(&t), "{c} -> {t} not in 2020");
            *successor_pop.entry(t.clone()).or_default() += w * pop;
            reached.insert(t);
        }
    }
    assert_eq!(reached, c20);
    // Population one year later is close to the (weighted) sum of the predecessors.
    for t in &c20 {
        let pop20 = raw[&(t.clone(), "population_total".into(), 2020)].0.unwrap();
        let rel = (pop20 - successor_pop[t]).abs() / pop20;
        assert!(rel < 0.08, "{t}: {pop20} vs {}", successor_pop[t]);
    }
    // By hand from 07459: Moss 32 726 + Rygge 16 145 = 48 871 (1 Jan 2019); Moss 3002 had 49 273
    // a year later. Ski 30 843 + Oppegård 27 394 = 58 237; Nordre Follo 59 288.
    assert_eq!(successor_pop["3002"], 32_726.0 + 16_145.0);
    assert_eq!(successor_pop["3020"], 30_843.0 + 27_394.0);
    // Renumbered and re-renumbered: Larvik had four codes.
    assert_eq!(m.successors("0709", 2017, 2024), vec![("3909".to_string(), 1.0)]);
    assert_eq!(m.successors("0709", 2017, 2019), vec![("0712".to_string(), 1.0)]);
    assert_eq!(m.successors("0712", 2018, 2020), vec![("3805".to_string(), 1.0)]);
    assert_eq!(m.successors("0101", 2019, 2024), vec![("3101".to_string(), 1.0)]);
    assert_eq!(m.successors("1601", 2017, 2020), vec![("5001".to_string(), 1.0)]);
    assert_eq!(m.successors("5030", 2019, 2020), vec![("5001".to_string(), 1.0)]);
    // Splits carry FHI's weights.
    assert_eq!(m.successors("1850", 2019, 2020), vec![("1806".to_string(), 0.5), ("1875".to_string(), 0.5)]);
    let snillfjord = m.successors("5012", 2019, 2020);
    assert_eq!(snillfjord, vec![("5055".into(), 0.35), ("5056".into(), 0.35), ("5059".into(), 0.30)]);
    assert_eq!(m.successors("1534", 2019, 2024), vec![("1508".to_string(), 0.5), ("1580".to_string(), 0.5)]);
    // Validity.
    assert!(m.is_valid("0104", 2019) && !m.is_valid("0104", 2020));
    assert!(!m.is_valid("3002", 2019) && m.is_valid("3002", 2020) && !m.is_valid("3002", 2024));
    assert!(m.is_valid("0301", 1990));
    // Codes that absorb others and go on.
    assert!(m.is_valid("1103", 2019) && m.is_valid("1103", 2020) && m.is_valid("5001", 2019));
    assert!(!m.is_valid("5001", 2017));
    assert_eq!(m.successors("1103", 2019, 2020), vec![("1103".to_string(), 1.0)]);
}

#[test]
fn merged_municipalities_sum_numerators_and_denominators() {
    let t = read_path(&repo(POP)).unwrap();
    let h = harmonise(&t, &RegionMapping::builtin(), 2020).unwrap();
    let raw = raw();
    let ind = "share_aged_67plus_pct";
    for y in 2015..=2019 {
        // Moss 3002 = Moss 0104 + Rygge 0136.
        let (_, n1, d1) = raw[&("0104".into(), ind.into(), y)];
        let (_, n2, d2) = raw[&("0136".into(), ind.into(), y)];
        let (num, den) = (n1.unwrap() + n2.unwrap(), d1.unwrap() + d2.unwrap());
        let r = get(&h, "3002", ind, y);
        assert_eq!((r.numerator, r.denominator), (Some(num), Some(den)), "{y}");
        assert!((r.value.unwrap() - num / den * 100.0).abs() < 1e-9, "{y}");
        assert_eq!(r.region_name, "Moss");
        // Nordre Follo 3020 = Ski 0213 + Oppegård 0217.
        let p = |c: &str| raw[&(c.to_string(), "population_total".into(), y)].0.unwrap();
        assert_eq!(get(&h, "3020", "population_total", y).value, Some(p("0213") + p("0217")));
        assert_eq!(get(&h, "3020", "population_total", y).region_name, "Nordre Follo");
        // Renumbered only: Halden 0101 -> 3001, values untouched.
        let halden = get(&h, "3001", ind, y);
        assert_eq!(
            (halden.value, halden.numerator),
            (raw[&("0101".into(), ind.into(), y)].0, raw[&("0101".into(), ind.into(), y)].1)
        );
        // Narvik 1806 = Narvik 1805 + Ballangen 1854 + half of Tysfjord 1850.
        assert_eq!(get(&h, "1806", "population_total", y).value, Some(p("1805") + p("1854") + 0.5 * p("1850")));
        // Stavanger 1103 = Stavanger + Finnøy + Rennesøy.
        assert_eq!(get(&h, "1103", "population_total", y).value, Some(p("1103") + p("1141") + p("1142")));
        // Trondheim 5001 (2018-) = Trondheim + Klæbu.
        if y >= 2018 {
            assert_eq!(get(&h, "5001", "population_total", y).value, Some(p("5001") + p("5030")));
        }
    }
    // 2020 rows are already on 2020 borders.
    assert_eq!(
        get(&h, "3002", "population_total", 2020).value,
        raw[&("3002".into(), "population_total".into(), 2020)].0
    );
    // No old code is left.
    assert!(h.records.iter().all(|r| r.region_code != "0104" && r.region_code != "0101"));
    assert!(!h.warnings.iter().any(|w| w.contains("did not exist")), "{:?}", h.warnings);
    let w = h.warnings.iter().find(|w| w.contains("harmonised to the municipality borders of 2020")).unwrap();
    assert!(w.contains("3002 <- 0104+0136") && w.contains("3020 <- 0213+0217") && w.contains("3001 <- 0101"), "{w}");
    // Sandefjord's predecessors 0706, 0719, 0720 have no rows in this file: no Sandefjord
    // (3804) is invented before 2017.
    assert!(h.records.iter().all(|r| r.region_code != "3804" || r.period >= Period::Year(2017)));
    assert!(h.records.iter().any(|r| r.region_code == "3804" && r.period == Period::Year(2017)));
}

fn rec(code: &str, ind: &str, year: i32, value: Option<f64>, num: Option<f64>, den: Option<f64>) -> Record {
    Record {
        region_code: code.into(),
        region_type: RegionType::Municipality,
        region_name: String::new(),
        indicator: ind.into(),
        period: Period::Year(year),
        value,
        numerator: num,
        denominator: den,
        status: None,
    }
}

#[test]
fn ratios_without_numerators_missing_predecessors_and_direction() {
    let mut t = KostraTable {
        records: vec![
            rec("0104", "rate", 2019, Some(10.0), None, None),
            rec("0136", "rate", 2019, Some(20.0), None, None),
            rec("0101", "rate", 2019, Some(7.0), None, None),
            rec("0104", "pct", 2019, Some(50.0), Some(1.0), Some(2.0)),
            rec("0136", "pct", 2019, Some(25.0), None, None),
            rec("0101", "pct", 2019, Some(25.0), Some(1.0), Some(4.0)),
            rec("0104", "total", 2019, Some(3.0), None, None),
            rec("0136", "total", 2019, None, None, None),
            rec("0213", "total", 2019, Some(3.0), None, None),
            rec("1850", "total", 2019, Some(10.0), None, None),
        ],
        warnings: vec![],
    };
    t.records[7].status = Some(Status::Confidential);
    let m = RegionMapping::builtin();
    let h = harmonise_with(&t, &m, 2020, &HarmoniseOptions { rates: vec!["rate".into()] }).unwrap();
    // Ratio-only rows: merged -> not harmonisable; renumbered -> relabelled.
    let r = get(&h, "3002", "rate", 2019);
    assert_eq!((r.value, r.status), (None, Some(Status::NotHarmonisable)));
    assert_eq!(get(&h, "3001", "rate", 2019).value, Some(7.0));
    // A ratio indicator whose predecessor lacks numerator/denominator.
    assert_eq!(get(&h, "3002", "pct", 2019).status, Some(Status::NotHarmonisable));
    assert_eq!(get(&h, "3001", "pct", 2019).value, Some(25.0));
    // A missing predecessor keeps its status; an absent one (0217 Oppegård) is Unknown.
    let r = get(&h, "3002", "total", 2019);
    assert_eq!((r.value, r.status), (None, Some(Status::Confidential)));
    let r = get(&h, "3020", "total", 2019);
    assert_eq!((r.value, r.status), (None, Some(Status::Unknown)));
    // Tysfjord alone: 1806 lacks Narvik and Ballangen (missing), 1875 lacks Hamarøy.
    assert_eq!(get(&h, "1806", "total", 2019).value, None);
    // Unmarked, "rate" is a total and summed.
    let h = harmonise(&t, &m, 2020).unwrap();
    assert_eq!(get(&h, "3002", "rate", 2019).value, Some(30.0));
    // Forward only.
    let later = KostraTable { records: vec![rec("3101", "total", 2024, Some(1.0), None, None)], warnings: vec![] };
    let e = harmonise(&later, &m, 2020).unwrap_err().to_string();
    assert!(e.contains("3101") && e.contains("2024") && e.contains("forward"), "{e}");
    assert_eq!(get(&harmonise(&later, &m, 2024).unwrap(), "3101", "total", 2024).value, Some(1.0));
}

#[test]
fn user_mappings_are_checked() {
    let ok = "old_code,new_code,valid_from,weight\n0104,3002,2020,1\n0136,3002,2020,1\n";
    let m = RegionMapping::from_csv(ok.as_bytes(), "my.csv").unwrap();
    assert_eq!((m.changes().len(), m.source()), (2, "my.csv"));
    let bad = |text: &str| RegionMapping::from_csv(text.as_bytes(), "my.csv").unwrap_err().to_string();
    let e = bad("old_code,new_code,valid_from,weight\n0104,3002,2020,1\n0136,3002,twenty,1\n");
    assert!(e.contains("my.csv") && e.contains("row 3") && e.contains("valid_from") && e.contains("'twenty'"), "{e}");
    let e = bad("old_code,new_code,valid_from,weight\n0104,3002,2020,1.5\n");
    assert!(e.contains("my.csv") && e.contains("row 2") && e.contains("weight") && e.contains("'1.5'"), "{e}");
    let e = bad("old_code,new_code,valid_from,weight\n0104,13x,2020,1\n");
    assert!(e.contains("row 2") && e.contains("new_code") && e.contains("'13x'"), "{e}");
    let e = bad("old_code,new_code,weight\n");
    assert!(e.contains("valid_from") && e.contains("my.csv"), "{e}");
}

/// A harmonised series carries one name: the name of its code in the latest period (SSB calls
/// 0301 "Oslo municipality" up to 2019 and "Oslo" from 2020; Halden's 0101 rows become 3001
/// "Halden").
#[test]
fn one_name_per_harmonised_series() {
    let t = read_path(&repo(POP)).unwrap();
    assert_eq!(get(&t, "0301", "population_total", 2019).region_name, "Oslo municipality");
    let h = harmonise(&t, &RegionMapping::builtin(), 2021).unwrap();
    let names = |code: &str| -> BTreeSet<&str> {
        h.records.iter().filter(|r| r.region_code == code).map(|r| r.region_name.as_str()).collect()
    };
    assert_eq!(names("0301"), BTreeSet::from(["Oslo"]));
    assert_eq!(names("3001"), BTreeSet::from(["Halden"]));
    assert_eq!(names("3001").len(), 1);
}
