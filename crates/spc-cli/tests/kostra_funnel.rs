//! `spc kostra funnel` as a user runs it, on the KOSTRA data of the repository: the target and
//! flags against hand computations from the file, units that cannot be plotted, images, errors.

mod common;

use std::collections::HashMap;

use common::{spc, stderr, Scratch};

fn data_file(name: &str) -> String {
    common::data(&format!("kostra/{name}"))
}

const POP: &str = "ssb_07459_population_municipality_2005_2021.csv";
const EIENDOM: &str = "ssb_kostra_eiendom_2015.csv";
const ENERGY: &str =
    "DERIVED ratio: Energikostnader til kommunale idrettsbygg konsern / Samlet areal på kommunale idrettsbygg konsern";

/// The rows of a CSV file as maps from column name to text.
fn read_rows(path: &str) -> Vec<HashMap<String, String>> {
    common::csv_rows(&std::fs::read_to_string(path).unwrap())
}

fn num(s: &str) -> f64 {
    s.parse().unwrap_or_else(|_| panic!("'{s}' is not a number"))
}

#[test]
fn share_aged_80plus_2021_target_and_flags_by_hand() {
    let scratch = Scratch::new();
    let input = data_file(POP);
    // The municipalities of 2021 from the file itself.
    let src: Vec<(String, f64, f64)> = read_rows(&input)
        .into_iter()
        .filter(|r| r["indicator"] == "share_aged_80plus_pct" && r["period"] == "2021" && r["region_code"].len() == 4)
        .map(|r| (r["region_code"].clone(), num(&r["numerator"]), num(&r["denominator"])))
        .collect();
    assert_eq!(src.len(), 356);
    let theta = src.iter().map(|u| u.1).sum::<f64>() / src.iter().map(|u| u.2).sum::<f64>();

    let out = scratch.path("pop80.csv");
    let o = spc(&[
        "kostra",
        "funnel",
        &input,
        "--indicator",
        "share_aged_80plus_pct",
        "--years",
        "2021",
        "--region",
        "0301",
        "--data",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(stdout.contains("proportion x 100"), "{stdout}");
    let rows = read_rows(out.to_str().unwrap());
    assert_eq!(rows.len(), 356);
    let by_code: HashMap<&str, &HashMap<String, String>> =
        rows.iter().map(|r| (r["region_code"].as_str(), r)).collect();

    let mut checked = (0, 0, 0);
    for (code, y, n) in &src {
        let r = by_code[code.as_str()];
        assert_eq!(r["status"], "", "a plotted unit has no status");
        // The percentage multiplier is inferred from value = 100 · numerator / denominator.
        assert!((num(&r["target"]) - 100.0 * theta).abs() < 1e-9, "target {}", r["target"]);
        assert!((num(&r["value"]) - 100.0 * y / n).abs() < 1e-9);
        // z on the normal approximation; exact limits differ little from it for these n, so
        // only units clearly inside a band are checked.
        let z = (y / n - theta) / (theta * (1.0 - theta) / n).sqrt();
        let dir = if z > 0.0 { "high" } else { "low" };
        if z.abs() > 3.090_232 * 1.25 {
            assert_eq!((r["flag"].as_str(), r["direction"].as_str()), ("alarm", dir), "{code}: z = {z}");
            checked.0 += 1;
        } else if z.abs() < 1.959_964 * 0.8 {
            assert_eq!((r["flag"].as_str(), r["direction"].as_str()), ("none", ""), "{code}: z = {z}");
            checked.1 += 1;
        } else if *n > 5000.0 && z.abs() > 1.959_964 * 1.1 && z.abs() < 3.090_232 * 0.92 {
            assert_eq!((r["flag"].as_str(), r["direction"].as_str()), ("alert", dir), "{code}: z = {z}");
            checked.2 += 1;
        }
    }
    assert!(checked.0 > 100 && checked.1 > 30 && checked.2 > 5, "{checked:?}");
    // Oslo: 21 713 of 697 010 = 3.115 % against 4.385 %: z = −16, an alarm, low.
    assert_eq!(by_code["0301"]["flag"], "alarm");
    assert!(stdout.contains("0301 Oslo: 3.1152 (alarm low)"), "{stdout}");
}

#[test]
fn latest_period_by_default_said_on_stderr() {
    let o = spc(&["kostra", "funnel", &data_file(POP), "--indicator", "share_aged_67plus_pct"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("using the latest, 2021"), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("share_aged_67plus_pct 2021: 356 municipalities"));
}

#[test]
fn zero_denominators_stay_in_the_table_with_their_status() {
    let scratch = Scratch::new();
    let input = data_file(EIENDOM);
    let src: Vec<HashMap<String, String>> =
        read_rows(&input).into_iter().filter(|r| r["indicator"] == ENERGY).collect();
    let zero: Vec<&str> = src
        .iter()
        .filter(|r| !r["numerator"].is_empty() && r["denominator"] == "0")
        .map(|r| r["region_code"].as_str())
        .collect();
    assert!(zero.len() > 20, "{}", zero.len());
    let out = scratch.path("energy.csv");
    let o = spc(&["kostra", "funnel", &input, "--indicator", ENERGY, "--data", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = read_rows(out.to_str().unwrap());
    assert_eq!(rows.len(), src.len(), "every municipality is in the table");
    for code in &zero {
        let r = rows.iter().find(|r| r["region_code"] == *code).unwrap();
        assert_eq!(r["status"], "zero_denominator", "{code}");
        assert_eq!((r["value"].as_str(), r["lcl_95"].as_str(), r["flag"].as_str()), ("", "", ""));
    }
    assert_eq!(rows.iter().filter(|r| r["status"] == "zero_denominator").count(), zero.len());
    // Missing numerators are kept too.
    let missing_num = src.iter().filter(|r| r["numerator"].is_empty() && !r["denominator"].is_empty()).count();
    assert_eq!(rows.iter().filter(|r| r["status"] == "numerator_missing").count(), missing_num);
    // Area cost per m²: numerators exceed denominators, so a rate; the value is num/den (multiplier 1).
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(stdout.contains("rate x 1,"), "{stdout}");
    // The guess is said: a rate's limits assume counts of events, which money per m² is not.
    assert!(stderr(&o).contains("taken as a rate"), "{}", stderr(&o));
}

#[test]
fn images_are_written_in_each_format() {
    let scratch = Scratch::new();
    let input = data_file(POP);
    for ext in ["png", "svg", "pdf"] {
        let out = scratch.path(&format!("funnel.{ext}"));
        let o = spc(&[
            "kostra",
            "funnel",
            &input,
            "--indicator",
            "share_aged_80plus_pct",
            "--years",
            "2021",
            "--region",
            "3803",
            "--overdispersion",
            "additive",
            "--lang",
            "nb",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{ext}: {}", stderr(&o));
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.len() > 1000, "{ext}: {} bytes", bytes.len());
        match ext {
            "png" => assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n"),
            "pdf" => assert!(bytes.starts_with(b"%PDF")),
            _ => {
                let s = String::from_utf8(bytes).unwrap();
                assert!(s.contains("Tønsberg"), "the highlighted unit is labelled");
                assert!(s.contains("Overspredning: φ̂ ="), "the φ̂ note");
                assert!(s.contains("stroke-dasharray"), "the 95 % limits are dashed");
            }
        }
    }
}

#[test]
fn levels_and_method_name_the_columns() {
    let scratch = Scratch::new();
    let out = scratch.path("levels.csv");
    let o = spc(&[
        "kostra",
        "funnel",
        &data_file(POP),
        "--indicator",
        "share_aged_80plus_pct",
        "--years",
        "2020",
        "--levels",
        "90,99",
        "--method",
        "normal",
        "--target",
        "5",
        "--data",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = read_rows(out.to_str().unwrap());
    let r = rows.iter().find(|r| r["region_code"] == "0301").unwrap();
    // Normal limits around the given 5 %: 5 ± 100·z·sqrt(0.05·0.95/n), z(90 %) = 1.644854.
    let n = num(&r["denominator"]);
    let half = 100.0 * 1.644_853_6 * (0.05_f64 * 0.95 / n).sqrt();
    assert!((num(&r["lcl_90"]) - (5.0 - half)).abs() < 1e-6);
    assert!((num(&r["ucl_90"]) - (5.0 + half)).abs() < 1e-6);
    assert!(r.contains_key("ucl_99") && !r.contains_key("ucl_95"));
    assert_eq!(r["target"], "5");
}

#[test]
fn errors_name_the_problem_and_exit_2() {
    let pop = data_file(POP);
    let o = spc(&["kostra", "funnel", &pop, "--indicator", "share_aged_90plus"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("'share_aged_90plus'") && e.contains("share_aged_80plus_pct") && e.contains("population_total"),
        "{e}"
    );

    let o = spc(&["kostra", "funnel", &pop, "--indicator", "population_total"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("needs numerators and denominators"), "{}", stderr(&o));

    let o = spc(&["kostra", "funnel", &pop, "--indicator", "share_aged_80plus_pct", "--years", "1999"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("1999") && stderr(&o).contains("2021"), "{}", stderr(&o));

    let o = spc(&["kostra", "funnel", &pop, "--indicator", "share_aged_80plus_pct", "--years", "2010-2012"]);
    assert_eq!(o.status.code(), Some(2));

    let o = spc(&["kostra", "funnel", &pop, "--indicator", "share_aged_80plus_pct", "--overdispersion", "lots"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("lots"), "{}", stderr(&o));

    let o = spc(&["kostra", "funnel", &pop, "--indicator", "share_aged_80plus_pct", "--levels", "100"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));

    let o = spc(&["kostra", "funnel", &pop, "--indicator", "share_aged_80plus_pct", "--region", "9999"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));

    let o = spc(&["kostra", "funnel", &pop, "--indicator", "share_aged_80plus_pct", "-o", "x.gif"]);
    assert_eq!(o.status.code(), Some(2));
}
