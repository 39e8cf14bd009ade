//! `spc kostra aggregate` and `spc kostra compare` as a user runs them: the CSV contract and real
//! values (computed here from the data files with a plain csv parse, or published by SSB).

mod common;

use std::collections::HashMap;
use std::fmt::Write as _;

use common::{csv_rows as parse, repo, spc, stderr, Scratch};

fn find<'a>(rows: &'a [HashMap<String, String>], pairs: &[(&str, &str)]) -> &'a HashMap<String, String> {
    rows.iter().find(|r| pairs.iter().all(|(k, v)| r[*k] == *v)).unwrap_or_else(|| panic!("no row {pairs:?}"))
}

fn num(r: &HashMap<String, String>, col: &str) -> f64 {
    r[col].parse().unwrap_or_else(|_| panic!("{col} = '{}'", r[col]))
}

const POP: &str = "data/kostra/ssb_07459_population_municipality_2005_2021.csv";
const EIENDOM: &str = "data/kostra/ssb_kostra_eiendom_2015.csv";
const GROUPS: &str = "data/kostra/ssb_kostra_groups_2015.csv";

/// (code, indicator, period) -> (value, numerator, denominator) of a data file.
type Raw = HashMap<(String, String, String), (Option<f64>, Option<f64>, Option<f64>)>;

fn raw(rel: &str) -> Raw {
    let mut rd = csv::Reader::from_path(repo(rel)).unwrap();
    let n = |s: &str| s.parse::<f64>().ok();
    rd.records()
        .map(|r| r.unwrap())
        .map(|r| ((r[0].to_string(), r[2].to_string(), r[3].to_string()), (n(&r[4]), n(&r[5]), n(&r[6]))))
        .collect()
}

#[test]
fn groups_to_file_with_the_contract_columns() {
    let scratch = Scratch::new();
    let out = scratch.path("groups.csv");
    let o = spc(&[
        "kostra",
        "aggregate",
        &repo(EIENDOM),
        "--to",
        "group",
        "--groups",
        &repo(GROUPS),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Longyearbyen has no group: said on stderr.
    assert!(stderr(&o).contains("2111"), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "region_code,region_name,indicator,period,value,numerator,denominator,method,n_units,n_missing"
    );
    let rows = parse(&text);
    // SSB published: EKG13 has 1 921 427 inhabitants, 49 municipalities.
    let r = find(&rows, &[("region_code", "EKG13"), ("indicator", "Folkemengde i alt")]);
    assert_eq!(
        (r["value"].as_str(), r["method"].as_str(), r["n_units"].as_str(), r["n_missing"].as_str()),
        ("1921427", "sum", "49", "0")
    );
    assert_eq!(r["region_name"], "KOSTRA-gruppe 13");
    // SSB published 201 396 / 17 695 = 11.3815 for EKG16.
    let ind = "DERIVED ratio: Brutto driftsutgifter kommunal eiendomsforvaltning konsern / Folkemengde i alt";
    let r = find(&rows, &[("region_code", "EKG16"), ("indicator", ind)]);
    assert_eq!((format!("{:.4}", num(r, "value")), r["method"].as_str()), ("11.3815".to_string(), "sum_ratio"));
    assert_eq!(format!("{:.4}", num(r, "numerator") / num(r, "denominator")), "11.3815");
}

#[test]
fn county_shares_and_harmonised_viken() {
    let o = spc(&[
        "kostra",
        "aggregate",
        &repo(POP),
        "--to",
        "county",
        "--years",
        "2015",
        "--indicator",
        "share_aged_67plus_pct",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = parse(&String::from_utf8(o.stdout).unwrap());
    assert!(rows.iter().all(|r| r["period"] == "2015" && r["indicator"] == "share_aged_67plus_pct"));
    let data = raw(POP);
    let (n, d) = data
        .iter()
        .filter(|(k, _)| k.0.starts_with("01") && k.1 == "share_aged_67plus_pct" && k.2 == "2015")
        .fold((0.0, 0.0), |a, (_, v)| (a.0 + v.1.unwrap(), a.1 + v.2.unwrap()));
    let r = find(&rows, &[("region_code", "01")]);
    assert!((num(r, "value") - n / d * 100.0).abs() < 1e-9);
    assert_eq!((num(r, "numerator"), num(r, "denominator"), r["n_units"].as_str()), (n, d, "18"));

    // On 2020 borders, Viken (30) in 2019 is Østfold + Akershus + Buskerud + Jevnaker, Lunner and
    // Svelvik of 2019.
    let o = spc(&[
        "kostra",
        "aggregate",
        &repo(POP),
        "--to",
        "county",
        "--harmonise",
        "2020",
        "--years",
        "2019-2020",
        "--indicator",
        "population_total",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("3002 <- 0104+0136"), "{}", stderr(&o));
    let rows = parse(&String::from_utf8(o.stdout).unwrap());
    let pop19 = |c: &str| data[&(c.to_string(), "population_total".to_string(), "2019".to_string())].0.unwrap();
    let viken: f64 = data
        .keys()
        .filter(|k| k.1 == "population_total" && k.2 == "2019")
        .filter(|k| ["01", "02", "06"].contains(&&k.0[..2]) || ["0532", "0533", "0711"].contains(&k.0.as_str()))
        .map(|k| pop19(&k.0))
        .sum();
    let r = find(&rows, &[("region_code", "30"), ("period", "2019")]);
    assert_eq!((num(r, "value"), r["region_name"].as_str(), r["n_units"].as_str()), (viken, "Viken", "51"));
    let viken20: f64 = data
        .iter()
        .filter(|(k, _)| k.0.starts_with("30") && k.1 == "population_total" && k.2 == "2020")
        .map(|(_, v)| v.0.unwrap())
        .sum();
    assert_eq!(num(find(&rows, &[("region_code", "30"), ("period", "2020")]), "value"), viken20);
}

#[test]
fn usage_errors_name_the_flag() {
    let o = spc(&["kostra", "aggregate", &repo(EIENDOM), "--to", "group"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--groups"), "{}", stderr(&o));
    let o = spc(&["kostra", "aggregate", &repo(EIENDOM), "--to", "kommune"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("county, country or group"), "{}", stderr(&o));
    let o = spc(&["kostra", "aggregate", &repo(EIENDOM), "--to", "country", "--rate", "Folkemengde i alt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--population"), "{}", stderr(&o));
    let o = spc(&["kostra", "compare", &repo(EIENDOM), "--region", "0101"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--groups"), "{}", stderr(&o));
    let o = spc(&["kostra", "aggregate", &repo(EIENDOM), "--to", "country", "--years", "20x5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("20x5"), "{}", stderr(&o));
}

#[test]
fn rates_weighted_by_population() {
    // The share aged 80+ given as a bare rate, weighted by the population of the same file:
    // Σ P_i r_i / Σ P_i (the shares are rounded to 4 decimals in the file).
    let scratch = Scratch::new();
    let input = scratch.path("rate.csv");
    let data = raw(POP);
    let mut text = String::from("region_code,region_name,indicator,period,value\n");
    let mut expected = (0.0, 0.0);
    for ((c, i, p), v) in &data {
        if i == "share_aged_80plus_pct" && p == "2021" && c.starts_with("30") {
            writeln!(text, "{c},,share80,2021,{}", v.0.unwrap()).unwrap();
            let pop = data[&(c.clone(), "population_total".to_string(), p.clone())].0.unwrap();
            expected = (expected.0 + pop * v.0.unwrap(), expected.1 + pop);
        }
    }
    std::fs::write(&input, text).unwrap();
    let o = spc(&[
        "kostra",
        "aggregate",
        input.to_str().unwrap(),
        "--to",
        "county",
        "--rate",
        "share80",
        "--population",
        &repo(POP),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = parse(&String::from_utf8(o.stdout).unwrap());
    let r = find(&rows, &[("region_code", "30")]);
    assert_eq!((r["method"].as_str(), r["n_units"].as_str()), ("population_weighted", "51"));
    assert!((num(r, "value") - expected.0 / expected.1).abs() < 1e-9);
    // Close to the exact Σnum/Σden share of the file.
    let (n, d) = data
        .iter()
        .filter(|(k, _)| k.0.starts_with("30") && k.1 == "share_aged_80plus_pct" && k.2 == "2021")
        .fold((0.0, 0.0), |a, (_, v)| (a.0 + v.1.unwrap(), a.1 + v.2.unwrap()));
    assert!((num(r, "value") - n / d * 100.0).abs() < 1e-3);
}

#[test]
fn compare_halden_and_zscores() {
    let o = spc(&[
        "kostra",
        "compare",
        &repo(EIENDOM),
        "--region",
        "0101",
        "--groups",
        &repo(GROUPS),
        "--indicator",
        "Folkemengde i alt",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "region_code,region_name,indicator,period,value,reference_type,reference_code,reference_name,reference_value,reference_source,difference,rank,n_ranked"
    );
    let rows = parse(&text);
    assert_eq!(rows.len(), 3);
    let g = find(&rows, &[("reference_type", "group")]);
    assert_eq!(
        (g["reference_code"].as_str(), g["reference_value"].as_str(), g["reference_source"].as_str()),
        ("EKG13", "1921427", "computed")
    );
    // A total: no difference against a sum over the group (the rank compares it).
    assert_eq!((g["value"].as_str(), g["difference"].as_str()), ("30544", ""));
    // Rank by hand: members of EKG13 with more inhabitants than Halden's 30 544.
    let mut rd = csv::Reader::from_path(repo(GROUPS)).unwrap();
    let ekg13: Vec<String> =
        rd.records().map(|r| r.unwrap()).filter(|r| &r[2] == "13").map(|r| r[0].to_string()).collect();
    let data = raw(EIENDOM);
    let higher = ekg13
        .iter()
        .filter(|c| data[&((*c).clone(), "Folkemengde i alt".to_string(), "2015".to_string())].0.unwrap() > 30_544.0)
        .count();
    assert_eq!((g["rank"].clone(), g["n_ranked"].as_str()), ((higher + 1).to_string(), "49"));
    let c = find(&rows, &[("reference_type", "country")]);
    assert_eq!((c["reference_code"].as_str(), c["n_ranked"].as_str()), ("0", "429"));

    let o = spc(&[
        "kostra",
        "compare",
        &repo(EIENDOM),
        "--region",
        "0101",
        "--groups",
        &repo(GROUPS),
        "--zscores",
        "--indicator",
        "Folkemengde i alt",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = parse(&String::from_utf8(o.stdout).unwrap());
    let vals: Vec<f64> = ekg13
        .iter()
        .map(|c| data[&(c.clone(), "Folkemengde i alt".to_string(), "2015".to_string())].0.unwrap())
        .collect();
    let mean = vals.iter().sum::<f64>() / vals.len() as f64;
    let sd = (vals.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (vals.len() as f64 - 1.0)).sqrt();
    assert_eq!(mean, 1_921_427.0 / 49.0);
    let r = &rows[0];
    assert_eq!((r["group_code"].as_str(), r["n_members"].as_str(), r["period"].as_str()), ("EKG13", "49", "2015"));
    assert!((num(r, "z") - (30_544.0 - mean) / sd).abs() < 1e-9);
    assert!((num(r, "group_sd") - sd).abs() < 1e-6);
}
